"""Writing a batch job's files so that a crash at any moment leaves only whole files behind.

Every output is written to a temporary file in the same directory, flushed to disk and renamed over
its final name (``os.replace`` is atomic on POSIX and Windows): a reader, or the next run, sees the
old file or the new one, never half of one. Temporary files a killed run left behind are removed at
the start of the next. A lock file stops two jobs from writing the same directory at once.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Self

from ..errors import ConfigError, OutputError
from ..files import may_write, write_text_atomic, writing

# A URL scheme (s3:, gs:, https:...): two letters at least, so a Windows drive ("C:/") is no URL.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:/")
PARTIAL_SUFFIX = ".partial"
LOCK_NAME = ".summarise-batch.lock"


def prepare_output_dir(directory: Path) -> None:
    """Create the job's output folder (``--out``), or say clearly why it cannot be used: it is a file,
    it cannot be created, or it cannot be written to. Every later failure to write in it (a brief, the
    manifest, the lock) is an OutputError too, through ``summarise.files.writing``."""
    if _URL.match(str(directory)):
        # Path("s3://bucket/x") is the relative folder "s3:/bucket/x": without this the briefs would land
        # in ./s3:/bucket/x and the job would report success.
        raise ConfigError(
            f"--out {directory} looks like a URL; briefs are written to a folder (and renamed into place, which "
            "object stores cannot do)",
            "give a local folder, or a shared filesystem mounted at the same path on every node",
        )
    if directory.exists() and not directory.is_dir():
        raise OutputError(f"--out {directory} is a file, not a folder", "give a folder for the briefs (it is created if missing)")
    with writing(directory, "the output folder", "give --out a folder you may write to"):
        directory.mkdir(parents=True, exist_ok=True)
    if not may_write(directory):
        raise OutputError(f"cannot write the briefs to {directory}: the folder is read-only", "give --out a folder you may write to")


def write_atomic(path: Path, text: str) -> None:
    """Atomic write whose temporary file ``remove_partials`` recognises after a crash."""
    with writing(path, "the brief"):
        write_text_atomic(path, text, temp_suffix=PARTIAL_SUFFIX)


def remove_partials(directory: Path) -> int:
    """Delete the temporary files of an interrupted run; returns how many there were."""
    removed = 0
    for leftover in directory.glob(f".*{PARTIAL_SUFFIX}"):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            continue  # not ours to remove after all (a folder, no permission): harmless, left alone
        removed += 1
    return removed


class DirectoryLock:
    """An exclusive lock on an output directory for the life of a job.

    Held with ``flock``, so the operating system releases it when the process dies, however it dies:
    a killed job never leaves a stale lock.
    """

    def __init__(self, directory: Path):
        self.path = directory / LOCK_NAME
        self._handle = None

    def __enter__(self) -> Self:
        prepare_output_dir(self.path.parent)
        with writing(self.path, "the job's lock file", "give --out a folder you may write to"):
            self._handle = open(self.path, "a+")
        try:
            import fcntl
        except ImportError:  # Windows: no flock; concurrent jobs are the user's responsibility there
            return self
        try:
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._handle.close()
            self._handle = None
            raise ConfigError(
                f"another summarise batch job is writing to {self.path.parent}",
                "wait for it to finish, or give this job a different --out directory",
            ) from None
        except OSError:
            pass  # a filesystem without locks (some network mounts): run unlocked rather than not at all
        return self

    def __exit__(self, *exc) -> None:
        if self._handle is not None:
            self._handle.close()  # closing releases the flock
            self._handle = None
