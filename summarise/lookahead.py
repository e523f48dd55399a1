"""Work ahead of a consumer on a background thread: the local engine's read-and-segment look-ahead.

Only the one-process path needs this (``Pipeline.pipe`` and the local batch engine): file reads,
language detection and sentence splitting overlap generation, which releases the GIL. The Ray engine
segments in separate tasks instead and never starts this thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


@dataclass(frozen=True)
class _Raised:
    error: BaseException


def work_ahead(items: Iterable[Item], work: Callable[[int, Item], Result], *, depth: int) -> Iterator[Result]:
    """``work(index, item)`` for each of ``items`` in order, computed on a thread up to ``depth`` items
    ahead of the consumer. ``work`` must not raise for one bad item (return its failure instead); an
    exception from ``items`` itself is re-raised to the consumer. Closing the iterator stops the thread."""
    ready: queue.Queue = queue.Queue(maxsize=max(1, depth))
    halt = threading.Event()
    end = object()

    def put(value) -> bool:
        while not halt.is_set():
            try:
                ready.put(value, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def run() -> None:
        try:
            for index, item in enumerate(items):
                if halt.is_set():
                    return
                if not put(work(index, item)):
                    return
        except Exception as error:  # noqa: BLE001 - the items iterable itself failed: re-raised for the consumer
            put(_Raised(error))
            return
        put(end)

    worker = threading.Thread(target=run, name="summarise-segment-ahead", daemon=True)
    worker.start()
    try:
        while True:
            value = ready.get()
            if value is end:
                return
            if isinstance(value, _Raised):
                raise value.error
            yield value
    finally:
        halt.set()


def groups_of(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """``items`` in consecutive lists of ``size`` (the last may be shorter): the groups the local
    engine and ``Pipeline.pipe`` brief together."""
    group: list[Item] = []
    for item in items:
        group.append(item)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group
