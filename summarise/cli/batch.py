"""``summarise batch INPUT... --out DIR``: many articles to a directory of briefs, resumably."""

from __future__ import annotations

import contextlib
import signal
import threading
from pathlib import Path

import typer

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
)


@app.command()
@handles_errors
def batch(
    inputs: list[str] = typer.Argument(
        ..., help="Article files, directories (searched recursively for .txt/.md/.html), globs, or JSONL files "
        'of {"id", "text"} / {"id", "path"}.'
    ),
    out: Path = typer.Option(..., "--out", "-o", help="Directory for the briefs and manifest.jsonl."),
    formats: str = typer.Option("json", "--format", "-f", help="Comma-separated formats: json, md, text, html."),
    force: bool = typer.Option(False, "--force", help="Brief again the articles an earlier run finished."),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="No progress bar: log failures and a status line every 30 s, then the summary."
    ),
    articles_per_batch: int = typer.Option(
        16, "--articles-per-batch", min=1, help="Articles briefed together (model calls are batched across them)."
    ),
    batch_size: int | None = typer.Option(None, "--batch-size", min=1, help="Most inputs per generate() call (default: 16)."),
    inputs_within: Path | None = typer.Option(
        None, "--inputs-within", help='Read JSONL "path" entries only from inside this folder (for lists you did not write).'
    ),
    engine: str = typer.Option(
        "local", "--engine",
        # "\\[" keeps rich (typer's help renderer) from reading "[ray]" as markup and dropping it
        help="local: this process (default). ray: a Ray cluster (pip install \"summarise\\[ray]\").",
    ),
    address: str | None = typer.Option(
        None, "--address", help="--engine ray: the cluster's head (HOST:PORT or ray://...); default $RAY_ADDRESS, "
        "else Ray is started on this machine for the job."
    ),
    workers: int | None = typer.Option(
        None, "--workers", min=1, help="--engine ray: actors briefing at once (default: one per node, or per GPU share)."
    ),
    gpus_per_worker: float = typer.Option(
        0.0, "--gpus-per-worker", min=0.0, help="--engine ray: GPUs each actor holds (e.g. 1, or 0.5 to share); 0: CPU actors."
    ),
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
    """Brief many articles into DIR: one brief per article, named after it, and DIR/manifest.jsonl.

    Run the same command again to carry on after a crash or Ctrl-C: finished articles are skipped.
    Exits 1 when any article failed (each failure is in the manifest with its error), 130 when stopped.
    With --engine ray the same job runs on a Ray cluster (DIR must be writable by every node at that path).
    """
    from ..batch import discover, make_progress, run_batch
    from ..batch.progress import print_summary
    from ..errors import ConfigError
    from ..pipeline import Pipeline
    from ..render import FORMATS

    chosen = [fmt.strip() for fmt in formats.split(",") if fmt.strip()]
    unknown = [fmt for fmt in chosen if fmt not in FORMATS]
    if unknown or not chosen:
        raise ConfigError(f"unknown format(s): {', '.join(unknown) or formats!r}", f"use one or more of {', '.join(FORMATS)}")
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
        batch_size=batch_size,
    )
    if engine not in ("local", "ray"):
        raise ConfigError(f"unknown engine {engine!r}", "use --engine local (the default) or --engine ray")
    if engine == "local" and (address or workers or gpus_per_worker):
        raise ConfigError("--address, --workers and --gpus-per-worker apply to --engine ray", "add --engine ray")
    items = discover(inputs, exclude=out, max_bytes=settings.max_input_bytes, within=inputs_within)  # before any model loads: a typo fails at once
    chosen_engine = None
    if engine == "ray":
        from ..batch.ray_engine import RayEngine

        chosen_engine = RayEngine(address=address, workers=workers, gpus_per_worker=gpus_per_worker)
    progress = make_progress(quiet=quiet)
    stop = threading.Event()
    with _stop_on_signals(stop, progress):
        result = run_batch(
            items,
            out,
            pipeline=Pipeline(settings),
            formats=list(dict.fromkeys(chosen)),
            force=force,
            progress=progress,
            stop=stop,
            articles_per_batch=articles_per_batch,
            engine=chosen_engine,
        )
    print_summary(result)
    raise typer.Exit(result.exit_code)


@contextlib.contextmanager
def _stop_on_signals(stop: threading.Event, progress):
    """First Ctrl-C (or SIGTERM): finish the articles in hand, then stop. Second: stop at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_signal(signum, frame):
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        progress.note("stopping after the articles in hand (Ctrl-C again to stop now); re-run to carry on")

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
