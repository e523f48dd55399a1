"""Batch jobs: many articles into a directory of briefs, with a manifest, resume and progress.

    >>> from summarise.batch import discover, run_batch
    >>> result = run_batch(discover(["articles/"]), Path("briefs"), pipeline=Pipeline(settings))

On a Ray cluster: ``run_batch(..., engine=RayEngine(address=...))`` (``summarise.batch.ray_engine``;
importing it imports no Ray). The CLI (``summarise batch``) is a thin layer over these. Batch uses the pipeline; no stage uses batch.
"""

from __future__ import annotations

from .inputs import BatchInput, discover
from .manifest import MANIFEST_NAME, Attempt, read_manifest
from .progress import LogProgress, Progress, make_progress
from .runner import BatchResult, output_names, run_batch

__all__ = [
    "MANIFEST_NAME",
    "Attempt",
    "BatchInput",
    "BatchResult",
    "LogProgress",
    "Progress",
    "discover",
    "make_progress",
    "output_names",
    "read_manifest",
    "run_batch",
]
