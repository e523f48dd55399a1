"""Atomic file writes: a reader (or a job killed mid-write) sees the old file or the new one, never half.

One implementation for every writer: CLI outputs, batch briefs and manifests, the model lock file.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def write_text_atomic(path: Path, text: str, *, temp_suffix: str = ".tmp") -> None:
    """Write ``text`` to ``path`` via a temporary file (``.NAME.*<temp_suffix>``) in the same folder,
    fsync, then rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=temp_suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json_atomic(path: Path, data: Any) -> None:
    write_text_atomic(path, json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n")


def _read_umask() -> int:
    # Reading the umask means setting it; done once, at import, before any thread writes files.
    current = os.umask(0)
    os.umask(current)
    return current


_UMASK = _read_umask()
