"""``summarise models ...``: list the registry, pull weights, convert for CTranslate2."""

from __future__ import annotations

import typer

from .app import ModelPathOpt, app, build_settings, handles_errors

models_app = typer.Typer(help="The model registry: list models, pull weights.", no_args_is_help=True)
app.add_typer(models_app, name="models")


@models_app.command("list")
@handles_errors
def list_models(model_path: list[str] | None = ModelPathOpt) -> None:
    """Every registered model: task, languages, licence, size, whether it is present here, and its
    CTranslate2 conversion (with the quantization it was made with) if `summarise models convert` made one.

    A table on a terminal; tab-separated lines (with a header) when piped, for scripts."""
    import sys

    from ..models.ct2_convert import conversion_status
    from ..models.registry import load_registry
    from ..models.store import locate

    settings = build_settings(model_path=model_path)
    load_registry().check_names(settings.model_paths)
    header = ("name", "task", "languages", "licence", "size", "present", "ctranslate2")
    rows = []
    for card in load_registry().cards.values():
        local = locate(card, settings)
        languages = ", ".join(card.languages) if card.languages else ", ".join(f"{s}->{t}" for s, t in card.pairs)
        licence = card.licence + ("" if card.commercial else " (non-commercial)")
        size = "embedded" if card.embedded else f"~{card.approx_download_mb:,} MB"
        if local is None:
            present = "no: " + card.install_hint
        else:
            present = f"yes ({local.source}{', ' + local.commit[:10] if local.commit else ''})"
        converted = conversion_status(card, settings, local).describe()
        rows.append((card.name, card.task, languages, licence, size, present, converted))
    if not sys.stdout.isatty():
        typer.echo("\t".join(header))
        for row in rows:
            typer.echo("\t".join(row))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"models (store: {settings.models_dir})")
    for column in header:
        table.add_column(column, no_wrap=column in ("name", "present"), max_width=36 if column == "languages" else None)
    for row in rows:
        table.add_row(*row)
    Console().print(table)


@models_app.command("pull")
@handles_errors
def pull_models(names: list[str] = typer.Argument(..., help="Registry names to download.")) -> None:
    """Download models from the Hugging Face Hub (the only command that uses the network)."""
    from ..models.pull import pull
    from ..models.registry import load_registry

    settings = build_settings()
    registry = load_registry()
    cards = [registry.get(name) for name in names]  # unknown names fail before any download
    for card in cards:
        typer.echo(f"pulling {card.name} ({card.hub_id}@{card.revision}, ~{card.approx_download_mb:,} MB)...", err=True)
        local = pull(card, settings)
        typer.echo(f"{card.name}: {local.path} @ {local.commit}")


@models_app.command("convert")
@handles_errors
def convert_models(
    names: list[str] = typer.Argument(..., help="Registry names of pulled (or --model-path) seq2seq models."),
    quantization: str = typer.Option(
        "int8", "--quantization", "-q", help="int8 (CPU), int8_float16 or float16 (GPU), int8_bfloat16, bfloat16, float32."
    ),
    force: bool = typer.Option(False, "--force", help="Convert again even when an up-to-date copy exists."),
    model_path: list[str] | None = ModelPathOpt,
) -> None:
    """Convert models once for the fast CTranslate2 backend (pip install 'summarise\\[fast]').

    The converted copy is used from then on whenever it matches the model's weights; transformers
    stays the fallback (`--backend transformers` or `ctranslate2` on brief/batch forces one side).
    """
    import time

    from ..models.ct2_convert import convert
    from ..models.registry import load_registry

    settings = build_settings(model_path=model_path)
    registry = load_registry()
    cards = [registry.get(name) for name in names]  # unknown names fail before any work
    for card in cards:
        typer.echo(f"converting {card.name} ({quantization})...", err=True)
        started = time.perf_counter()
        copy = convert(card, settings, quantization, force=force)
        typer.echo(f"{card.name}: {copy.path} ({copy.quantization}, {time.perf_counter() - started:.1f}s)")
