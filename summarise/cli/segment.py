"""``summarise segment FILE``: show how an article was cleaned and split (for debugging input)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from .app import LanguageOpt, app, build_settings, check_output, handles_errors, warn, write_output

FORMATS = ("text", "json")


@app.command("segment")
@handles_errors
def segment_command(
    file: str = typer.Argument(..., help="Article file (.txt, .md, .html), or - for standard input."),
    fmt: str = typer.Option("text", "--format", "-f", help="text (for reading) or json (for tools)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    language: str | None = LanguageOpt,
) -> None:
    """Clean an article and split it into sentences: metadata, body, and every dropped line with its reason.

    The text view numbers paragraphs and input lines from 1, as editors do; JSON gives 0-based indexes,
    named as such ("paragraph_index", "line_index", "body_line_indexes", "heading_paragraph_indexes"), as
    every JSON output does."""
    from ..errors import ConfigError
    from ..segment import read_path, segment

    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    settings = build_settings(language=language)
    check_output(output, inputs=[file])
    article = segment(read_path(file, max_bytes=settings.max_input_bytes), language=settings.language)
    for message in article.input_warnings:  # what reading had to repair (bad bytes, ...): said, never silent
        warn(message)
    text = (
        json.dumps(article_json(article), ensure_ascii=False, indent=2) + "\n"
        if fmt == "json"
        else article_text(article)
    )
    write_output(text, output, inputs=[file])


def article_json(article) -> dict:
    """The segmentation as plain data: metadata, paragraphs, sentences with offsets, dropped lines."""
    from ..render.json import article_metadata

    return {
        **article_metadata(article),
        "paragraphs": [p.text for p in article.paragraphs],
        "heading_paragraph_indexes": list(article.headings),
        "sentences": [
            {"text": s.text, "start": s.start, "end": s.end, "paragraph_index": s.paragraph}
            for s in article.sentences
        ],
        "dropped": [{"text": d.text, "reason": d.reason, "line_index": d.line} for d in article.dropped],
        "body_line_indexes": list(article.body_lines),
        "body": article.body,
    }


def article_text(article) -> str:
    """The segmentation for reading. Every piece of article text goes through the renderers' ``clean``
    (control characters and escape sequences removed), as ``brief``'s text output does: an article
    must not be able to retitle, clear or forge links in the reader's terminal."""
    from ..render.common import clean

    score = f" ({article.language_score:.2f})" if article.language_score is not None else ""
    rows = [
        ("title", article.title),
        ("standfirst", article.standfirst),
        ("authors", ", ".join(article.authors) or None),
        ("published", article.published),
        ("language", article.language + score),
        ("dateline", article.dateline),
        ("input", f"{article.input_format}, {article.encoding}"),
    ]
    out = [f"{name + ':':<12}{clean(value) if value is not None else '-'}" for name, value in rows]
    for caption in article.captions:
        out.append(f"{'caption:':<12}{clean(caption)}")
    out.append("")
    out.append(f"body: {len(article.paragraphs)} paragraphs, {len(article.sentences)} sentences")
    by_paragraph: dict[int, list[str]] = {}
    for sentence in article.sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence.text)
    for index in range(len(article.paragraphs)):
        mark = "#" if index in article.headings else " "
        for number, sentence in enumerate(by_paragraph.get(index, [])):
            out.append(f"{index + 1:>3}{mark} {'|' if number else '¶'} {clean(sentence)}")
    out.append("")
    out.append(f"dropped: {len(article.dropped)} lines (line numbers count from 1)")
    width = max((len(d.reason) for d in article.dropped), default=0)
    for dropped in article.dropped:
        out.append(f"  line {dropped.line + 1:>4}  {dropped.reason:<{width}}  {clean(dropped.text)}")
    return "\n".join(out) + "\n"
