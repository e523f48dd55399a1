"""Segmentation: decoded input -> Article (clean body, metadata, paragraphs, sentences).

    read (bytes -> Document) -> lines (text / Markdown / HTML via trafilatura)
        -> layout (what every line is: body, title, byline, caption, promo ... with reasons)
        -> body (paragraphs, dateline, sentences with offsets) -> Article

``segment`` is the one entry point; ``chunk_sentences`` (in ``chunk``) cuts the sentences into
model-sized pieces later, when the model's tokenizer is known.
"""

from __future__ import annotations

import html as _html
import re

from ..errors import InputError
from ..records import Article, Dropped
from . import furniture
from .body import Block, build_body
from .language import choose_language, forced_language_warning
from .layout import STRUCTURAL_REASONS, Known, Layout, classify, restore_structure
from .lines import Line, normalise_text, to_lines, unwrap
from .markdown import markdown_lines
from .read import Document, decode, from_text, read_path

__all__ = ["REASONS", "Document", "decode", "from_text", "read_path", "segment"]

REASONS = furniture.REASONS
_ENTITY = re.compile(r"&(?:amp|quot|apos|#39|#x27|#\d{2,5}|nbsp|lt|gt|rsquo|lsquo|rdquo|ldquo|mdash|ndash|hellip);")


def segment(document: Document, *, language: str | None = None) -> Article:
    """Clean body, metadata, paragraphs and sentences of one article.

    ``language`` (ISO 639-1) skips detection. Raises InputError when no article text is left.
    """
    lines, known, language_hint = _read_lines(document)
    layout = classify(lines, known)
    if not layout.body_indices():
        # Too little text to have a header and a body (a one-line note, a list): keep what was
        # dropped only for its position rather than return nothing.
        restore_structure(layout, STRUCTURAL_REASONS)
    indices = layout.body_indices()
    if not indices:
        reasons = sorted({r for r in layout.reasons if r})
        raise InputError(
            f"{document.name}: no article text found; every line looked like page furniture ({', '.join(reasons)})",
            "check the file is the article itself (the reasons above say what each dropped line looked like)",
        )
    blocks = [Block(layout.texts[i], layout.lines[i].span, i in layout.headings) for i in indices]
    score = None
    # A vote of the body paragraphs (subheadings are too short to judge), the page's lang
    # attribute when the vote is weak; raises UnsupportedLanguageError when nothing decides.
    voters = [block.text for block in blocks if not block.heading] or [block.text for block in blocks]
    if language is None:
        call = choose_language(voters, name=document.name, page_language=language_hint)
        language, score, language_warning = call.code, call.score, call.warning
    else:
        language_warning = forced_language_warning(voters, language, name=document.name)
    body = build_body(blocks, language)
    return Article(
        body=body.text,
        paragraphs=body.paragraphs,
        sentences=body.sentences,
        language=language,
        path=document.name,
        title=layout.title,
        standfirst=layout.standfirst,
        authors=tuple(layout.authors),
        published=layout.published,
        dateline=body.dateline,
        captions=tuple(layout.captions),
        dropped=_dropped(layout),
        encoding=document.encoding,
        language_score=score,
        input_format=document.format,
        headings=body.headings,
        body_lines=body.lines,
        input_warnings=tuple(document.warnings) + ((language_warning,) if language_warning else ()),
    )


def _read_lines(document: Document) -> tuple[list[Line], Known, str | None]:
    meta = document.metadata or {}
    known = Known(
        title=meta.get("title"),
        standfirst=meta.get("standfirst") or meta.get("description"),
        authors=tuple(meta.get("authors") or ()),
        published=meta.get("published"),
    )
    if document.format == "html":
        from .html import extract_page

        page = extract_page(document.text, document.name)
        known = Known(
            title=known.title or page.title,
            standfirst=known.standfirst or page.description,
            authors=known.authors or page.authors,
            published=known.published or page.published,
            captions=page.captions,
        )
        return markdown_lines(normalise_text(page.markdown)), known, page.language
    text = normalise_text(document.text)
    if document.format == "markdown":
        return unwrap(markdown_lines(text)), known, None
    if _ENTITY.search(text):
        text = _html.unescape(text)
    return unwrap(to_lines(text)), known, None


def _dropped(layout: Layout) -> tuple[Dropped, ...]:
    """One record per dropped input line (a joined, hard-wrapped line reports each of its lines)."""
    dropped: list[Dropped] = []
    for i, line in enumerate(layout.lines):
        if i in layout.split_off:
            text, reason = layout.split_off[i]
            dropped.append(Dropped(text, reason, line.index))
        reason = layout.reasons[i]
        if line.text and reason is not None:
            if line.merged:
                pieces = [" ".join(raw.split()) for raw in line.raw.split("\n")]
                dropped += [Dropped(piece, reason, n) for piece, n in zip(pieces, line.span)]
            else:
                dropped.append(Dropped(layout.texts[i], reason, line.index))
    return tuple(dropped)
