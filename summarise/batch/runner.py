"""The batch job: brief every input into a directory, record each attempt, resume where it stopped.

``run_batch`` does what every engine shares: it locks the directory, finds what an earlier run
finished, opens the manifest (one writer, on the driver) and reports progress. An engine then
schedules the work: the local engine (local.py, the default) in this process, the Ray engine
(ray_engine.py) on a Ray cluster. Both brief groups of inputs with briefing.brief_and_write, which
writes each brief atomically and returns its Attempt; the manifest line is written after the files,
so an article is only ever marked done once all its files are whole.

Stopping: setting ``stop`` ends the job after the work in hand (its results are kept); a
KeyboardInterrupt ends it at once (the work in hand is redone by the next run). Either way the
manifest is intact, and running the same command again carries on.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..errors import ConfigError
from ..pipeline import DEFAULT_ARTICLES_PER_BATCH, Pipeline
from ..render import FORMATS
from .briefing import EXTENSIONS, JobSpec, failed_attempt, output_names, this_machine
from .files import DirectoryLock, prepare_output_dir, remove_partials
from .inputs import BatchInput
from .manifest import MANIFEST_NAME, Attempt, ManifestWriter, finished, now, read_manifest
from .progress import Progress

__all__ = ["EXTENSIONS", "BatchResult", "Engine", "Job", "output_names", "run_batch"]


class Engine(Protocol):
    """Schedules a job's work: brief ``todo`` (with briefing.brief_and_write) and hand every Attempt to
    ``job.record`` on the calling thread; stop early when ``stop`` is set."""

    def run(self, job: Job, todo: Sequence[BatchInput], stop: threading.Event, articles_per_batch: int) -> None: ...

    def generated_tokens(self) -> int: ...


@dataclass
class BatchResult:
    out_dir: Path
    total: int = 0  # inputs named
    skipped: int = 0  # finished by an earlier run
    ok: int = 0
    failed: int = 0
    seconds: float = 0.0
    generated_tokens: int = 0
    interrupted: bool = False
    failures: list[Attempt] = field(default_factory=list)
    engine: str = "local"
    worker_peak_rss_mb: float | None = None  # Ray engine: the largest worker's peak resident memory

    @property
    def manifest(self) -> Path:
        return self.out_dir / MANIFEST_NAME

    @property
    def attempted(self) -> int:
        return self.ok + self.failed

    @property
    def articles_per_minute(self) -> float:
        return 60 * self.attempted / self.seconds if self.seconds > 0 else 0.0

    @property
    def exit_code(self) -> int:
        """130 when interrupted, 1 when any article failed, else 0."""
        if self.interrupted:
            return 130
        return 1 if self.failed else 0


def run_batch(
    inputs: Sequence[BatchInput],
    out_dir: Path,
    *,
    pipeline: Pipeline,
    formats: Sequence[str] = ("json",),
    force: bool = False,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
    articles_per_batch: int = DEFAULT_ARTICLES_PER_BATCH,
    engine: Engine | None = None,
) -> BatchResult:
    """Brief ``inputs`` into ``out_dir``; see the module docstring. Never raises for a bad article."""
    unknown = [fmt for fmt in formats if fmt not in EXTENSIONS]
    if unknown or not formats:
        raise ConfigError(f"unknown format(s) {', '.join(unknown) or '(none)'}", f"use one or more of {', '.join(FORMATS)}")
    if articles_per_batch < 1:
        raise ConfigError(f"articles per batch must be at least 1 (got {articles_per_batch})")
    progress = progress or Progress()
    stop = stop or threading.Event()
    prepare_output_dir(out_dir)  # a file, a read-only folder...: one clear OutputError (exit 6)
    result = BatchResult(out_dir=out_dir, total=len(inputs))
    with DirectoryLock(out_dir):
        remove_partials(out_dir)
        wanted = {item.id: output_names(item, formats) for item in inputs}
        done = set() if force else finished(read_manifest(out_dir / MANIFEST_NAME), wanted, out_dir)
        todo = [item for item in inputs if item.id not in done]
        result.skipped = len(inputs) - len(todo)
        if engine is None:
            from .local import LocalEngine

            engine = LocalEngine()
        result.engine = type(engine).__name__.removesuffix("Engine").lower()
        spec = JobSpec(out_dir=out_dir, formats=tuple(formats), run=now(precise=True), node=this_machine())
        progress.start(total=len(todo), skipped=result.skipped)
        started = time.perf_counter()
        try:
            with ManifestWriter(out_dir / MANIFEST_NAME) as manifest:
                job = Job(pipeline, spec, manifest, progress, result)
                engine.run(job, todo, stop, articles_per_batch)
        except KeyboardInterrupt:
            result.interrupted = True
        finally:
            result.seconds = time.perf_counter() - started
            result.generated_tokens = engine.generated_tokens()
            result.worker_peak_rss_mb = getattr(engine, "worker_peak_rss_mb", None)
            progress.close()
            remove_partials(out_dir)  # temporary files of workers killed mid-write (their items were redone)
    if stop.is_set() and result.attempted < len(todo):
        result.interrupted = True
    return result


class Job:
    """One run's bookkeeping, on the driver: the manifest (its only writer), the tally and the progress.
    Engines hand it one Attempt per input as each finishes."""

    def __init__(self, pipeline: Pipeline, spec: JobSpec, manifest: ManifestWriter, progress: Progress, result: BatchResult):
        self.pipeline = pipeline
        self.spec = spec
        self.manifest = manifest
        self.progress = progress
        self.result = result

    def record(self, attempt: Attempt) -> None:
        self.manifest.write(attempt)
        if attempt.status == "ok":
            self.result.ok += 1
        else:
            self.result.failed += 1
            self.result.failures.append(attempt)
        self.progress.advance(attempt)

    def record_known_failures(self, todo: Sequence[BatchInput]) -> list[BatchInput]:
        """Record the inputs known bad before any reading (e.g. a broken JSONL line); the rest, to run."""
        runnable = []
        for item in todo:
            if item.error is not None:
                self.record(failed_attempt(self.spec, item, str(item.error)))
            else:
                runnable.append(item)
        return runnable
