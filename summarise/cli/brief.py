"""``summarise brief FILE``: one article to a bilingual brief."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from ..render import FORMATS
from .app import (
    BackendOpt,
    DeviceOpt,
    DtypeOpt,
    LanguageOpt,
    ModelPathOpt,
    OfflineOpt,
    SentencesOpt,
    SummariserOpt,
    TranslatorOpt,
    app,
    build_settings,
    handles_errors,
    warn,
    write_output,
)

_EXTENSIONS = {".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".txt": "text"}


def default_format(output: Path | None) -> str:
    if output is not None:
        return _EXTENSIONS.get(output.suffix.lower(), "md")
    return "text" if sys.stdout.isatty() else "md"


@app.command()
@handles_errors
def brief(
    file: str = typer.Argument(..., help="Article file (.txt, .md, .html), or - for standard input."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the brief here instead of stdout."),
    fmt: str | None = typer.Option(None, "--format", "-f", help=f"One of {', '.join(FORMATS)}."),
    summariser: str | None = SummariserOpt,
    translator: str | None = TranslatorOpt,
    sentences: int | None = SentencesOpt,
    device: str | None = DeviceOpt,
    dtype: str | None = DtypeOpt,
    backend: str | None = BackendOpt,
    offline: bool = OfflineOpt,
    model_path: list[str] | None = ModelPathOpt,
    language: str | None = LanguageOpt,
) -> None:
    """Summarise an article and translate the summary: a short English + Arabic brief."""
    from ..errors import ConfigError
    from ..pipeline import Pipeline
    from ..render import render

    fmt = fmt or default_format(output)
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    settings = build_settings(
        offline,
        model_path,
        summariser=summariser,
        translator=translator,
        sentences=sentences,
        device=device,
        dtype=dtype,
        backend=backend,
        language=language,
    )
    result = Pipeline(settings).brief(Path(file) if file != "-" else "-")
    for message in result.warnings:
        warn(message)
    if fmt == "text" and output is None and sys.stdout.isatty() and os.environ.get("TERM") != "dumb":
        from ..render.text import render_text

        write_output(render_text(result, terminal=True), output)  # rich layout, bidi-aware
    else:
        write_output(render(result, fmt), output)
