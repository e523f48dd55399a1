"""Text-level markup for the HTML brief: escaped text with claim highlights (``<mark>``) and, inside
right-to-left text, Latin names and numbers isolated in ``<bdi>``; ``lang``/``dir`` attributes.

Everything that puts article or model text into the page goes through ``marked`` (or ``escape``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from ..records import Brief, Claim
from .common import Highlight, clean, clean_piece, direction, ltr_runs, source_sentence

KIND_LABELS = {
    "person": "person", "organisation": "organisation", "place": "place", "nationality": "nationality",
    "number": "number", "date": "date", "quote": "quote", "other": "other",
}  # fmt: skip


def lang_dir(language: str | None) -> str:
    return f'lang="{lang_code(language or "und")}" dir="{direction(language)}"'


def lang_code(language: str) -> str:
    """A language code as it may appear in ids and attributes (codes come from settings and detection)."""
    return re.sub(r"[^A-Za-z0-9-]", "", language) or "und"


def marked(
    text: str, highlights: list[Highlight], rtl: bool, opening: Callable[[Highlight], str] = lambda _: "<mark>"
) -> str:
    """Escaped text with each highlight in a ``<mark>`` (``opening`` writes its start tag) and, in
    right-to-left text, runs of Latin words and numbers in ``<bdi>``.

    The isolates are laid first, over the whole text, and the marks nest inside them (a mark that
    straddles an isolate's edge is cut in two): a date like 2025-05-28 whose parts are highlighted one by
    one must still be one isolate, or the bidi algorithm lays its parts out right to left.
    """
    out: list[str] = []
    position = 0
    for start, end in [*(ltr_runs(text) if rtl else []), (len(text), len(text))]:
        out.append(with_marks(text, position, start, highlights, opening))
        if start < end:
            out.append(f"<bdi>{with_marks(text, start, end, highlights, opening)}</bdi>")
        position = end
    return "".join(out)


def with_marks(
    text: str, start: int, end: int, highlights: list[Highlight], opening: Callable[[Highlight], str]
) -> str:
    out: list[str] = []
    position = start
    for highlight in highlights:
        a, b = max(highlight.start, start), min(highlight.end, end)
        if a < b:
            out += [
                escape(clean_piece(text[position:a])),
                opening(highlight),
                escape(clean_piece(text[a:b])),
                "</mark>",
            ]
            position = b
    out.append(escape(clean_piece(text[position:end])))
    return "".join(out)


def claim_mark(brief: Brief, claims: list[Claim], ids: dict[int, str]) -> Callable[[Highlight], str]:
    def opening(highlight: Highlight) -> str:
        held = [claims[k] for k in highlight.claims]
        title = " | ".join(tip_text(brief, c) for c in held)
        return (
            f'<mark class="claim kind-{kind_of(held[0])}" data-claims="{" ".join(ids[id(c)] for c in held)}" '
            f'title="{escape(title)}">'
        )

    return opening


def kind_of(claim: Claim) -> str:
    return claim.kind if claim.kind in KIND_LABELS else "other"


def tip_text(brief: Brief, claim: Claim) -> str:
    sentence = source_sentence(brief, claim)
    if sentence is None:
        return f"{clean(claim.text)} ({claim.kind}): not found in the article"
    return f"{clean(claim.text)} ({claim.kind}), source sentence {sentence.index + 1}: {clean(sentence.text)}"


def with_code(text: str, rtl: bool = False) -> str:
    """Escape a notice and set its shell command (after "Run `...`" or "الأمر:") as left-to-right code."""
    if "`" in text:
        head, _, rest = text.partition("`")
        command, _, tail = rest.partition("`")
        return f'{escape(head)}<code dir="ltr">{escape(command)}</code>{escape(tail)}'
    if rtl and "الأمر: " in text:
        head, _, command = text.partition("الأمر: ")
        return f'{marked(head + "الأمر: ", [], rtl=True)}<code dir="ltr" lang="en">{escape(command)}</code>'
    return marked(text, [], rtl)
