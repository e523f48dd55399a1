"""Brief a group of batch inputs and write their files: the one unit of work every engine schedules.

The local engine calls :func:`brief_and_write` in its own process; the Ray engine calls it inside each
actor of its pool. Either way the group's articles are briefed together (``Pipeline.brief_segmented``:
generation batched across them), every brief is rendered and written atomically where it will stay,
and one :class:`Attempt` per input comes back for the engine's single manifest writer to record.
Writes are idempotent: an item done twice (a Ray task retried after its worker died) replaces its
files whole, so it still leaves exactly one intact brief.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import SummariseError
from ..pipeline import Failure, Pipeline, Segmented
from ..records import Brief
from ..render import render
from .files import write_atomic
from .inputs import BatchInput
from .manifest import Attempt, now

EXTENSIONS = {"json": "json", "md": "md", "text": "txt", "html": "html"}


@dataclass(frozen=True)
class JobSpec:
    """What every unit of work of one job needs besides its inputs (small, sent to every Ray actor)."""

    out_dir: Path
    formats: tuple[str, ...]
    run: str  # when the run started (UTC): tells runs apart in the manifest
    node: str = ""  # filled in where the work runs


def output_names(item: BatchInput, formats: Sequence[str]) -> list[str]:
    return [f"{item.stem}.{EXTENSIONS[fmt]}" for fmt in formats]


def this_machine() -> str:
    return socket.gethostname()


def brief_and_write(pipeline: Pipeline, spec: JobSpec, items: Sequence[tuple[BatchInput, Segmented]]) -> list[Attempt]:
    """An Attempt per item, in order, each brief written under ``spec.out_dir``. Never raises for a
    bad item: a model failure stays with its article (brief_many), a failed write with its brief."""
    started = time.perf_counter()
    results = pipeline.brief_segmented([segmented for _, segmented in items])
    share = (time.perf_counter() - started) / max(1, len(items))
    return [_attempt(spec, item, outcome, segmented.seconds + share) for (item, segmented), outcome in zip(items, results)]


def failed_attempt(spec: JobSpec, item: BatchInput, error: str, seconds: float = 0.0) -> Attempt:
    return Attempt(
        id=item.id, input=item.input, status="failed", error=error, seconds=seconds, run=spec.run, finished=now(),
        node=spec.node,
    )


def _attempt(spec: JobSpec, item: BatchInput, outcome: Brief | Failure, seconds: float) -> Attempt:
    if not isinstance(outcome, Brief):
        return failed_attempt(spec, item, str(outcome.error), seconds)
    try:
        return _write_brief(spec, item, outcome, seconds)
    except (SummariseError, OSError, ValueError) as error:
        return failed_attempt(spec, item, f"could not write the brief: {error}", seconds)


def _write_brief(spec: JobSpec, item: BatchInput, brief: Brief, seconds: float) -> Attempt:
    outputs = output_names(item, spec.formats)
    for fmt, name in zip(spec.formats, outputs):
        write_atomic(spec.out_dir / name, render(brief, fmt))
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
        run=spec.run,
        finished=now(),
        node=spec.node,
    )


def attempt_from_json(line: str) -> Attempt:
    """The Attempt that ``Attempt.to_json`` wrote (how Ray workers hand theirs to the driver)."""
    data = json.loads(line)
    data["outputs"] = tuple(data.get("outputs") or ())
    return Attempt(**data)
