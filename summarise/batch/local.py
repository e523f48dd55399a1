"""The local engine (the default): one process, inputs segmented on a thread ahead of the models.

Groups of ``articles_per_batch`` inputs go to briefing.brief_and_write in turn, the same unit of work
the Ray engine's actors run.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from ..lookahead import groups_of
from ..models.ct2 import loaded_generators
from ..pipeline import Segmented
from .briefing import brief_and_write
from .inputs import BatchInput
from .runner import Job


class LocalEngine:
    def __init__(self) -> None:
        self._tokens_before = {id(g): g.stats.generated_tokens for g in loaded_generators()}

    def run(self, job: Job, todo: Sequence[BatchInput], stop: threading.Event, articles_per_batch: int) -> None:
        runnable = job.record_known_failures(todo)
        stream = job.pipeline.segment_ahead((item.source for item in runnable), depth=2 * articles_per_batch)
        try:
            for group in groups_of(stream, articles_per_batch):
                if stop.is_set():
                    return
                self._brief(job, runnable, group)
        finally:
            stream.close()  # stops the segmenting thread

    def _brief(self, job: Job, runnable: Sequence[BatchInput], group: list[Segmented]) -> None:
        for attempt in brief_and_write(job.pipeline, job.spec, [(runnable[s.index], s) for s in group]):
            job.record(attempt)

    def generated_tokens(self) -> int:
        """Tokens generated during this run by every model (those loaded before it counted from then)."""
        return sum(g.stats.generated_tokens - self._tokens_before.get(id(g), 0) for g in loaded_generators())
