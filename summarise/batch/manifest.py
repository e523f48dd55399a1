"""The job's manifest: ``DIR/manifest.jsonl``, one line per attempt, appended and flushed as each
article finishes. It is the record of what was done and the key to resuming.

An article counts as finished when its latest line says ``ok`` and every output the current command
asks for is on disk. A line torn by a crash mid-write is ignored (its article is simply redone).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import stat
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Self

from ..errors import OutputError
from ..files import writing

MANIFEST_NAME = "manifest.jsonl"


@dataclass(frozen=True)
class Attempt:
    id: str
    input: str
    status: str  # "ok" or "failed"
    output: str | None = None  # the first output, relative to the job directory
    outputs: tuple[str, ...] = ()  # every output (one per format)
    error: str | None = None
    seconds: float = 0.0  # its own reading and segmenting, plus its share of its batch's model time
    models: dict[str, str] = field(default_factory=dict)  # role -> registry name
    backends: dict[str, str] = field(default_factory=dict)  # registry name -> backend, precision, device
    language: str | None = None
    warnings: int = 0
    run: str = ""  # when the run that made this attempt started (UTC), to tell runs apart
    finished: str = ""
    node: str = ""  # the machine (and Ray node) that made the attempt

    def to_json(self) -> str:
        data: dict[str, Any] = asdict(self)
        data["outputs"] = list(self.outputs)
        data["seconds"] = round(self.seconds, 3)
        text = json.dumps(data, ensure_ascii=False)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a file name that is not UTF-8: \u escapes keep its id exact across runs
            text = json.dumps(data)
        return text


def now(*, precise: bool = False) -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="microseconds" if precise else "seconds")


def read_manifest(path: Path) -> list[dict[str, Any]]:
    """Every intact line of the manifest, oldest first (a missing manifest is an empty one). A
    manifest that is not a regular file (a folder, a device, a FIFO) is an OutputError: the job would
    read or write something that is not its record."""
    if not _check_manifest(path):
        return []
    with writing(path, "the batch manifest"):  # reading it is part of writing the job's output
        text = path.read_bytes().decode("utf-8", errors="replace")
    records = []
    for line in text.splitlines():
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            continue  # torn by a crash while it was being written (or not a manifest line at all)
        if _is_attempt(record):
            records.append(record)
    return records


def _check_manifest(path: Path) -> bool:
    """Whether the manifest exists; an OutputError when it is anything but a plain file of its own.
    Lines are appended to it, so a symbolic link or a second (hard-linked) name would have the job
    write into some other file, perhaps one of its inputs."""
    with writing(path, "the batch manifest"):
        try:
            status = os.lstat(path)
        except FileNotFoundError:
            return False
        try:
            target = os.stat(path)
        except FileNotFoundError:
            target = status  # a dangling link
    if not stat.S_ISREG(target.st_mode):
        raise OutputError(f"the batch manifest {path} is not a regular file", "remove it, or give another --out folder")
    if stat.S_ISLNK(status.st_mode):
        raise OutputError(f"the batch manifest {path} is a symbolic link; the job would append to the file it points to",
                          "remove the link (or give another --out folder)")
    if status.st_nlink > 1:
        raise OutputError(f"the batch manifest {path} has other names (hard links); the job would append to them too",
                          "copy it to a file of its own (cp manifest.jsonl m && mv m manifest.jsonl)")
    return True


def _is_attempt(record: Any) -> bool:
    """A line as ManifestWriter writes it: a text id and status, and outputs that are file names.
    Anything else (hand-edited, another tool's file, garbage that happens to parse) is not a record,
    so the article is simply redone rather than the job failing on it."""
    if not (isinstance(record, dict) and isinstance(record.get("id"), str) and isinstance(record.get("status"), str)):
        return False
    outputs = record.get("outputs", [])
    output = record.get("output")
    return (
        isinstance(outputs, list)
        and all(isinstance(name, str) for name in outputs)
        and (output is None or isinstance(output, str))
    )


def finished(records: Iterable[dict[str, Any]], wanted: dict[str, list[str]], directory: Path) -> set[str]:
    """Ids whose latest attempt succeeded and whose wanted outputs (paths relative to ``directory``)
    all exist and were made by that attempt."""
    latest: dict[str, dict[str, Any]] = {}
    for record in records:
        latest[record["id"]] = record
    done = set()
    for item_id, outputs in wanted.items():
        record = latest.get(item_id)
        if record is None or record.get("status") != "ok":
            continue
        made = set(record.get("outputs") or ([record["output"]] if record.get("output") else []))
        if all(output in made and (directory / output).is_file() for output in outputs):
            done.add(item_id)
    return done


class ManifestWriter:
    """Appends attempts, each flushed to disk before the next article is reported done."""

    def __init__(self, path: Path):
        self.path = path
        self._handle = None

    def __enter__(self) -> Self:
        exists = _check_manifest(self.path)
        with self._writing():
            needs_newline = exists and self.path.stat().st_size > 0 and not _ends_with_newline(self.path)
            # O_NOFOLLOW: a link put in its place since the check is refused, not followed.
            descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
            self._handle = open(descriptor, "a", encoding="utf-8")
            if needs_newline:
                self._handle.write("\n")  # a torn last line must not swallow this run's first line
        return self

    def write(self, attempt: Attempt) -> None:
        assert self._handle is not None, "use ManifestWriter as a context manager"
        with self._writing():
            self._handle.write(attempt.to_json() + "\n")
            self._handle.flush()
            os.fsync(self._handle.fileno())

    def _writing(self):
        return writing(
            self.path,
            "the batch manifest",
            "free disk space or fix the folder, then run the same command again: finished articles are kept",
        )

    def __exit__(self, *exc) -> None:
        if self._handle is not None:
            try:
                self._handle.close()
            except OSError:
                pass  # its lines were flushed (or their failure reported) as they were written
            self._handle = None


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"
