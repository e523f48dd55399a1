"""Lines a page prints more than once: which copy is furniture and which is the article's own text.

A repeat alone proves little. A menu entry or a label printed at the top and again at the bottom is
furniture, and so is a caption or a story link pasted twice; but an article repeats itself on purpose
too: a chant or a chorus, a subheading ("Background") heading two sections, an item that belongs to two
of its lists, a table row. So a repeat is dropped only when it behaves like furniture:

- it is a link (HTML and Markdown say how much of a line is link text, ``Line.links``);
- it is short and stands outside the body's run of text: not between two body lines once every other
  pass has decided them (``settle_repeats``), e.g. a navigation line printed under the article again;
- on a plain-text page, it is a short line that is not a sentence: without markup a caption or label
  pasted twice cannot be told from a refrain, and pasted captions sit between paragraphs too, so the
  position argument does not hold there.

A sentence of 12 words or more printed on its own line when it is also one sentence of a longer body
paragraph is a pull quote: the layout lifting a line out of the text. It is no furniture, but the copy adds
nothing, so the paragraph stays and the lifted line goes as a duplicate, with or without markup. A whole
line printed twice stays twice: a long sentence said twice is the author's (a refrain, a repeated quote),
and the labelled page corpus counts both copies as body. List items and table rows are never pull quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from . import furniture as F
from .lines import ends_with_terminal, is_prose, same_text, squash, word_count
from .verdict import Layout

# Long enough that a sentence lifted out of a paragraph is a pull quote, not a short refrain or label.
PULL_QUOTE_WORDS = 12
# Header lines a body line may repeat: the page's labels and menu lines above the article.
_HEADER_LABELS = {F.SECTION_LABEL, F.PAGE_HEADER, F.NAVIGATION}
_SENTENCE_END = re.compile(r"(?<=[.!?؟…\"”’'»)])\s+")
_NOT_PROSE_HINTS = ("list", "table", "h1", "h2", "code")


def mark_repeats(layout: Layout, start: int) -> list[int]:
    """Drop the repeats that are furniture whatever their position, and pull quotes.

    Returns the short repeats in the page's own words whose fate depends on where they stand; pass
    them to ``settle_repeats`` once the other passes have decided their neighbours.
    """
    content = layout.content(start)
    header_labels = {layout.texts[i] for i in layout.content() if i < start and layout.reasons[i] in _HEADER_LABELS}
    quoted = _sentences_of_paragraphs(layout, content)
    seen: set[str] = set()
    pending: list[int] = []
    for i in content:
        if layout.reasons[i] is not None:
            continue
        text, line = layout.texts[i], layout.lines[i]
        if layout.title and same_text(text, layout.title):
            layout.reasons[i] = F.REPEATED_HEADLINE
        elif layout.standfirst and same_text(text, layout.standfirst):
            layout.reasons[i] = F.DUPLICATE  # the standfirst printed again above the first paragraph
        elif _is_pull_quote(layout, i, quoted):
            layout.reasons[i] = F.DUPLICATE
        elif line.links is None:
            # Plain text: a label or caption pasted twice in the body; a sentence said twice is the
            # author's. A repeat of a header line is not enough here: what plain text puts above the
            # headline (a contents list, section labels) may well come back as the body's subheadings.
            if text in seen and word_count(text) <= 40 and not is_prose(text) and not _data_row(layout, content, i):
                layout.reasons[i] = F.DUPLICATE
        elif text in seen or text in header_labels:
            if not line.own_text:
                layout.reasons[i] = F.DUPLICATE  # a link printed twice: a menu entry, a story link
            elif not _said_twice(layout, i) and word_count(text) <= 40:
                pending.append(i)
        seen.add(text)
    return pending


_DIGIT = re.compile(r"\d")
DATA_ROW_WORDS = 8


def _data_row(layout: Layout, content: list[int], i: int) -> bool:
    """A short line with a figure beside another such line: a row of a table the plain text flattened
    ("6950 pounds to sell" / "6900 pounds to buy" under each grade), which may well repeat a value."""
    def row(j: int | None) -> bool:
        return j is not None and word_count(layout.texts[j]) <= DATA_ROW_WORDS and bool(_DIGIT.search(layout.texts[j]))

    at = bisect_left(content, i)  # ``content`` is sorted
    return row(i) and (row(content[at - 1] if at else None) or row(content[at + 1] if at + 1 < len(content) else None))


def settle_repeats(layout: Layout, pending: list[int]) -> None:
    """A short repeat stays where it sits inside the body (both neighbours are body lines: a subheading
    used twice, a chorus between verses); at the edges of the body it is furniture printed again."""
    for i in pending:
        if layout.reasons[i] is not None:
            continue
        neighbours = (layout.next_content(i, -1), layout.next_content(i, 1))
        if not all(j is not None and layout.reasons[j] is None for j in neighbours):
            layout.reasons[i] = F.DUPLICATE
            layout.headings.discard(i)


def _long_line(layout: Layout, i: int) -> bool:
    return layout.lines[i].hint not in _NOT_PROSE_HINTS and word_count(layout.texts[i]) >= PULL_QUOTE_WORDS


def _is_pull_quote(layout: Layout, i: int, quoted: dict[str, set[int]]) -> bool:
    """One long sentence of another body paragraph, printed on its own line."""
    if not _long_line(layout, i):
        return False
    return bool(quoted.get(squash(layout.texts[i]), set()) - {i})


def _sentences_of_paragraphs(layout: Layout, content: list[int]) -> dict[str, set[int]]:
    """Each long sentence of a body paragraph of two or more sentences -> the paragraphs holding it."""
    held: dict[str, set[int]] = {}
    for i in content:
        if layout.reasons[i] is not None or not _long_line(layout, i):
            continue
        pieces = _SENTENCE_END.split(layout.texts[i])
        if len(pieces) < 2:
            continue
        for piece in pieces:
            if word_count(piece) >= PULL_QUOTE_WORDS:
                held.setdefault(squash(piece), set()).add(i)
    return held


def _said_twice(layout: Layout, i: int) -> bool:
    """A repeat the markup shows is the page's own text wherever it stands: a table row, an item of its
    own list, or a whole sentence that is no link ("Open the roads!" chanted twice)."""
    line = layout.lines[i]
    if line.hint == "table":
        return True
    if not line.own_text:
        return False
    text = layout.texts[i]
    return line.hint == "list" or (word_count(text) >= 2 and ends_with_terminal(text))
