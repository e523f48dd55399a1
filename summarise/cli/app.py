"""The typer application and what every command shares: settings from flags, error mapping, output."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any

import typer

from ..errors import OutputError, SummariseError
from ..files import write_text_atomic
from ..settings import Settings, enforce_offline, load_settings, parse_model_path_items

app = typer.Typer(
    name="summarise",
    help="Bilingual English–Arabic news briefs on local models, with the key claims traced to the source.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(error: SummariseError) -> None:
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(error.exit_code)


def handles_errors(command):
    """Show a SummariseError as a message (never a traceback) and exit with its code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except SummariseError as error:
            fail(error)
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            raise typer.Exit(130) from None

    return wrapper


def build_settings(offline: bool = False, model_path: list[str] | None = None, **flags: Any) -> Settings:
    overrides = {k: v for k, v in flags.items() if v is not None}
    if offline:
        overrides["offline"] = True
    if model_path:
        overrides["model_paths"] = parse_model_path_items(model_path)
    settings = load_settings(overrides)
    enforce_offline(settings)
    return settings


def warn(message: str) -> None:
    typer.echo(f"warning: {message}", err=True)


def write_output(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` atomically (never a half-written file)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        write_text_atomic(output, text)
    except OSError as error:
        raise OutputError(
            f"cannot write {output}: {error.strerror or error}", "choose a writable file path for -o/--output"
        ) from None


# Options shared by the commands that run models.
SummariserOpt = typer.Option(None, "--summariser", "-s", help="Summariser name (see `summarise models list`).")
TranslatorOpt = typer.Option(None, "--translator", "-t", help="Translator name (see `summarise models list`).")
SentencesOpt = typer.Option(None, "--sentences", "-n", min=1, help="Brief length in sentences (default: 3).")
DeviceOpt = typer.Option(None, "--device", help="auto, cpu or cuda (default: auto).")
DtypeOpt = typer.Option(None, "--dtype", help="auto, float32, bfloat16 or float16 (default: auto).")
BackendOpt = typer.Option(
    None,
    "--backend",
    help="auto (CTranslate2 where `summarise models convert` made a copy, else transformers), transformers "
    "or ctranslate2 (default: auto).",
)
OfflineOpt = typer.Option(False, "--offline", help="Guarantee no network access (loading is local-only anyway).")
ModelPathOpt = typer.Option(None, "--model-path", help="Use a local directory for a model: NAME=DIR (repeatable).")
LanguageOpt = typer.Option(None, "--language", "-l", help="Source language code; detected when omitted.")
