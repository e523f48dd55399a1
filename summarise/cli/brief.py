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
    check_output,
    handles_errors,
    warn,
    write_output,
)

_EXTENSIONS = {".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".txt": "text"}


def default_format(output: Path | None) -> str:
    """The format -o's extension names (Markdown for a file without one); an extension that names none
    of ours is refused rather than given Markdown under a name that promises something else (.docx)."""
    if output is not None:
        suffix = output.suffix.lower()
        if suffix and suffix not in _EXTENSIONS:
            from ..errors import ConfigError

            raise ConfigError(f"cannot tell which format to write to {output.name!r} from its extension",
                              f"name it {', '.join(sorted(_EXTENSIONS))}, or choose with -f ({', '.join(FORMATS)})")
        return _EXTENSIONS.get(suffix, "md")
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
    from ..segment import read_path

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
    check_output(output, inputs=[file])  # before the models run: -o must not be the article itself
    # "-" means standard input here, on the command line only: the library reads a str as text and a
    # Path as a file, so a file named "-" stays reachable as ./-.
    source = read_path("-", max_bytes=settings.max_input_bytes) if file == "-" else Path(file)
    result = Pipeline(settings).brief(source)
    on_terminal = fmt == "text" and output is None and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"
    # Each warning once: the terminal report ends with its own Warnings section, so when stderr shows on
    # that same terminal, echoing them there as well would show every warning twice.
    if not (on_terminal and sys.stderr.isatty()):
        for message in dict.fromkeys(result.warnings):
            warn(message)
    if on_terminal:
        from ..render.text import render_text

        write_output(render_text(result, terminal=True), output, inputs=[file])  # rich layout, bidi-aware
    else:
        write_output(render(result, fmt), output, inputs=[file])
