"""Tables and lists decided as whole blocks: every row or item is body, or every one is furniture.

The line rules judge one line at a time, and a table row or a list item is too short to judge alone:
"Green", "12 June 2015" or "Sea wall | £4.1m" look like an ad-slot label, a date line, a section label.
The block they belong to decides instead (HTML and Markdown only: plain text has no list or table markup):

- a block most of whose items say in their own words that they are furniture (share, subscribe, promo
  lines) is furniture, all of it;
- a list most of whose items are link text is a list of other stories or a menu, wherever it stands,
  unless a body line ending in ":" announces it (the article's list of linked names or documents); a
  table of links is a sidebar's (share prices) unless it stands between two body lines;
- a block between two body lines, or announced by a body line ending in ":" or by a subheading kept in
  the body, is the article's: its items come back from rules that judged only their shape or position
  (a date, a colour word, a short label, a headline-shaped line);
- a block at the edges of the body follows the verdict on most of its items, so a sidebar's table the
  extractor kept goes whole and a table ending the article stays whole.

``restored`` lines lose any date they gave the page: a date in a timeline list is an item, not the
page's publication date.
"""

from __future__ import annotations

from collections import Counter

from . import furniture as F
from .lines import announces, is_headline_like, word_count
from .verdict import Layout

# Verdicts on a line's position or shape alone, which the block's verdict overrides.
_POSITIONAL = {F.SECTION_LABEL, F.PAGE_HEADER, F.PAGE_FOOTER, F.RELATED, F.PROMO, F.DUPLICATE}
# Line rules that go by shape, not by what the words say: a bare date, a colour word, a language name.
_SHAPE_ONLY = {F.DATE, F.ADVERT, F.LANGUAGE_TOGGLE}


def settle_blocks(layout: Layout) -> set[int]:
    """Decide each table and list as a block; returns the lines given back to the body."""
    restored: set[int] = set()
    for run in _runs(layout):
        if any(layout.lines[i].links is None for i in run):
            continue  # no markup to measure links with
        before, after = layout.next_content(run[0], -1), layout.next_content(run[-1], 1)
        body_before = before is not None and layout.reasons[before] is None
        announced = body_before and (announces(layout.texts[before]) or before in layout.headings)
        inside = body_before and after is not None and layout.reasons[after] is None
        # The article's own list ("Its advice is simple:" then "Do not click the link.", "Keep your browser up
        # to date.") reads like the page's notices item by item: between body lines or announced by one, the
        # block's place decides before any item's page-notice verdict can outvote it.
        soft = {F.PAGE_NOTICE} if inside or announced else set()
        firm = [i for i in run if layout.reasons[i] is not None and not _restorable(layout, i, soft)]
        if 2 * len(firm) > len(run):
            _drop(layout, run, Counter(layout.reasons[i] for i in firm).most_common(1)[0][0])
        elif link_dense(layout, run) and not _kept_links(layout, run, inside, announced):
            _drop(layout, run, F.RELATED)
        elif inside or announced:
            restored |= _keep(layout, run, soft)
        else:
            dropped = [layout.reasons[i] for i in run if layout.reasons[i] is not None]
            if 2 * len(dropped) > len(run):
                _drop(layout, run, Counter(dropped).most_common(1)[0][0])
            else:
                restored |= _keep(layout, run)
    return restored


def link_dense(layout: Layout, run: list[int]) -> bool:
    """Most of the block's items are mostly link text."""
    return 2 * sum(not layout.lines[i].own_text for i in run) > len(run)


def block_of(layout: Layout, i: int) -> list[int]:
    """The table or list line ``i`` belongs to (its rows or items in order), or [i] for any other line."""
    return next((run for run in _runs(layout) if i in run), [i])


def _kept_links(layout: Layout, run: list[int], inside: bool, announced: bool) -> bool:
    """A block of links that is the article's all the same: a table of linked names between two body
    lines, or a list the article announces ("The candidates are:") whose items are not story headlines
    (names or documents linked to their pages, not other stories). A table of links at the body's edge
    is a sidebar's (share prices, league tables) even under a heading."""
    if layout.lines[run[0]].hint == "table":
        return inside
    announced = announced and announces(layout.texts[layout.next_content(run[0], -1)])
    return announced and not any(is_headline_like(layout.texts[i]) and word_count(layout.texts[i]) >= 4 for i in run)


def _runs(layout: Layout) -> list[list[int]]:
    """Table rows on consecutive lines, and list items on consecutive lines (a table's rule line does not
    break a table; a blank line ends a block, as Markdown separates two lists)."""
    runs: list[list[int]] = []
    kind, last = None, -1
    for i in layout.content():
        hint = layout.lines[i].hint
        current = hint if hint in ("table", "list") else None
        if current is not None and current == kind and all(line.raw.strip() for line in layout.lines[last + 1 : i]):
            runs[-1].append(i)
        elif current is not None:
            runs.append([i])
        kind, last = current, i
    return runs


def _restorable(layout: Layout, i: int, soft: set[str] = frozenset()) -> bool:
    """Dropped for its shape or position only, or for a reason in ``soft``: what its own words say would not
    drop it."""
    reason = layout.reasons[i]
    if reason in soft:
        return True
    if reason in _POSITIONAL:
        own = F.line_reason(layout.texts[i])
        return own is None or _shape_only(own, layout.texts[i])
    return reason is not None and _shape_only(reason, layout.texts[i])


def _shape_only(reason: str, text: str) -> bool:
    if reason == F.ADVERT:
        return F.is_ad_slot_label(text)  # "Green", "Background"; not "Advertisement"
    return reason in _SHAPE_ONLY


def _keep(layout: Layout, run: list[int], soft: set[str] = frozenset()) -> set[int]:
    if layout.lines[run[0]].hint == "table":
        # Rows never went through the line rules (a row's cells are data, not a sentence): whatever dropped
        # one was its position, and a table the article holds is kept whole.
        kept = {i for i in run if layout.reasons[i] in _POSITIONAL | _SHAPE_ONLY | {F.SOURCE_CREDIT}}
    else:
        kept = {i for i in run if layout.reasons[i] is not None and _restorable(layout, i, soft)}
    for i in kept:
        layout.reasons[i] = None
    return kept


def _drop(layout: Layout, run: list[int], reason: str) -> None:
    for i in run:
        if layout.reasons[i] is None:
            layout.reasons[i] = reason
        layout.headings.discard(i)
