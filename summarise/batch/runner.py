"""The batch job: brief every input into a directory, record each attempt, resume where it stopped.

Flow: inputs are read and segmented on a thread ahead of the models (Pipeline.segment_ahead); groups
of articles are briefed together (Pipeline.brief_segmented: generation batched across articles);
each brief is rendered and written atomically, then its manifest line is appended and flushed. The
manifest line comes last, so an article is only ever marked done once all its files are whole.

Stopping: setting ``stop`` ends the job after the group in hand (its results are kept); a
KeyboardInterrupt ends it at once (the group in hand is redone by the next run). Either way the
manifest is intact, and running the same command again carries on.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError, SummariseError
from ..models.ct2 import loaded_generators
from ..pipeline import DEFAULT_ARTICLES_PER_BATCH, Failure, Pipeline, Segmented
from ..records import Brief
from ..render import FORMATS, render
from .files import DirectoryLock, remove_partials, write_atomic
from .inputs import BatchInput
from .manifest import MANIFEST_NAME, Attempt, ManifestWriter, finished, now, read_manifest
from .progress import Progress

EXTENSIONS = {"json": "json", "md": "md", "text": "txt", "html": "html"}


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


def output_names(item: BatchInput, formats: Sequence[str]) -> list[str]:
    return [f"{item.stem}.{EXTENSIONS[fmt]}" for fmt in formats]


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
) -> BatchResult:
    """Brief ``inputs`` into ``out_dir``; see the module docstring. Never raises for a bad article."""
    unknown = [fmt for fmt in formats if fmt not in EXTENSIONS]
    if unknown or not formats:
        raise ConfigError(f"unknown format(s) {', '.join(unknown) or '(none)'}", f"use one or more of {', '.join(FORMATS)}")
    if articles_per_batch < 1:
        raise ConfigError(f"articles per batch must be at least 1 (got {articles_per_batch})")
    progress = progress or Progress()
    stop = stop or threading.Event()
    out_dir.mkdir(parents=True, exist_ok=True)
    result = BatchResult(out_dir=out_dir, total=len(inputs))
    with DirectoryLock(out_dir):
        remove_partials(out_dir)
        wanted = {item.id: output_names(item, formats) for item in inputs}
        done = set() if force else finished(read_manifest(out_dir / MANIFEST_NAME), wanted, out_dir)
        todo = [item for item in inputs if item.id not in done]
        result.skipped = len(inputs) - len(todo)
        job = _Job(pipeline, out_dir, list(formats), progress, result, run=now(precise=True))
        progress.start(total=len(todo), skipped=result.skipped)
        started = time.perf_counter()
        try:
            with ManifestWriter(out_dir / MANIFEST_NAME) as manifest:
                job.manifest = manifest
                job.run(todo, stop, articles_per_batch)
        except KeyboardInterrupt:
            result.interrupted = True
        finally:
            result.seconds = time.perf_counter() - started
            result.generated_tokens = job.generated_tokens()
            progress.close()
    if stop.is_set() and result.attempted < len(todo):
        result.interrupted = True
    return result


class _Job:
    def __init__(self, pipeline: Pipeline, out_dir: Path, formats: list[str], progress: Progress, result: BatchResult, run: str):
        self.pipeline = pipeline
        self.out_dir = out_dir
        self.formats = formats
        self.progress = progress
        self.result = result
        self.run_id = run
        self.manifest: ManifestWriter | None = None
        self._tokens_before = {id(g): g.stats.generated_tokens for g in loaded_generators()}

    def run(self, todo: list[BatchInput], stop: threading.Event, articles_per_batch: int) -> None:
        runnable = []
        for item in todo:
            if item.error is not None:  # known bad before any reading (e.g. a broken JSONL line)
                self.record(item, Failure(item.input, item.error), 0.0)
            else:
                runnable.append(item)
        stream = self.pipeline.segment_ahead((item.source for item in runnable), depth=2 * articles_per_batch)
        group: list[Segmented] = []
        try:
            for segmented in stream:
                if stop.is_set():
                    return
                group.append(segmented)
                if len(group) >= articles_per_batch:
                    self.brief_group(runnable, group)
                    group = []
            if group and not stop.is_set():
                self.brief_group(runnable, group)
        finally:
            stream.close()  # stops the segmenting thread

    def brief_group(self, runnable: list[BatchInput], group: list[Segmented]) -> None:
        started = time.perf_counter()
        results = self.pipeline.brief_segmented(group)
        share = (time.perf_counter() - started) / len(group)
        for segmented, outcome in zip(group, results):
            self.record(runnable[segmented.index], outcome, segmented.seconds + share)

    def record(self, item: BatchInput, outcome: Brief | Failure, seconds: float) -> None:
        if isinstance(outcome, Brief):
            try:
                attempt = self.write_brief(item, outcome, seconds)
            except (SummariseError, OSError, ValueError) as error:
                attempt = self.failed(item, f"could not write the brief: {error}", seconds)
        else:
            attempt = self.failed(item, str(outcome.error), seconds)
        assert self.manifest is not None
        self.manifest.write(attempt)
        if attempt.status == "ok":
            self.result.ok += 1
        else:
            self.result.failed += 1
            self.result.failures.append(attempt)
        self.progress.advance(attempt)

    def write_brief(self, item: BatchInput, brief: Brief, seconds: float) -> Attempt:
        outputs = output_names(item, self.formats)
        for fmt, name in zip(self.formats, outputs):
            write_atomic(self.out_dir / name, render(brief, fmt))
        return Attempt(
            id=item.id,
            input=item.input,
            status="ok",
            output=outputs[0],
            outputs=tuple(outputs),
            seconds=seconds,
            models={use.role: use.name for use in brief.models},
            backends={use.name: use.backend or "embedded" for use in brief.models},
            language=brief.article.language,
            warnings=len(brief.warnings),
            run=self.run_id,
            finished=now(),
        )

    def failed(self, item: BatchInput, error: str, seconds: float) -> Attempt:
        return Attempt(id=item.id, input=item.input, status="failed", error=error, seconds=seconds, run=self.run_id, finished=now())

    def generated_tokens(self) -> int:
        """Tokens generated during this run by every model (those loaded before it counted from then)."""
        return sum(g.stats.generated_tokens - self._tokens_before.get(id(g), 0) for g in loaded_generators())
