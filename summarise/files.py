"""Writing outputs: atomic where that is safe, never over what the user did not ask to replace.

``write_text_atomic`` is the one atomic writer (a reader, or a job killed mid-write, sees the old file
or the new one, never half): CLI outputs, batch briefs and manifests, the model lock file.

``write_output_file`` is the one place an output path the user named (``-o PATH``) is written, and
``writing`` the one place a write failure becomes an :class:`OutputError` naming the path:

- a new path, or a regular file the user may write: written atomically (a symlink to such a file
  keeps being a symlink; the file it points to is replaced, keeping its permissions);
- a FIFO, a character device or anything else that is not a regular file (``/dev/stdout``, a
  symlink to ``/proc/self/fd/1``): written through, as a shell redirection would, never replaced;
- a write-protected file (no write bit, even for root), a folder, a block device, a dangling
  symlink, or one of the command's own inputs: refused, with the reason.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import OutputError


def write_text_atomic(path: Path, text: str, *, temp_suffix: str = ".tmp", keep_mode: bool = False) -> None:
    """Write ``text`` to ``path`` via a temporary file (``.NAME.*<temp_suffix>``) in the same folder,
    fsync, then rename. ``keep_mode``: the new file takes the permissions of the one it replaces."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = 0o666 & ~_UMASK
    if keep_mode:
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(os.stat(path).st_mode)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=temp_suffix)
    try:
        # errors="replace": a file name that is not UTF-8 (a lone surrogate in Python) must not stop the write.
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)  # mkstemp makes 0600; outputs are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def writing(path: Path | str, what: str = "the output", hint: str | None = None) -> Iterator[None]:
    """Turn any failure to write ``path`` into an OutputError that names it and says what to do."""
    try:
        yield
    except OutputError:
        raise
    except OSError as error:
        reason = error.strerror or str(error)
        if hint:
            advice = hint
        elif error.errno in (errno.ENOSPC, errno.EDQUOT):
            advice = "free some disk space (or choose another place), then run the command again"
        elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            advice = "choose a place you may write to"
        else:
            advice = "choose another output path"
        raise OutputError(f"cannot write {what} {path}: {reason}", advice) from None
    except MemoryError:
        raise OutputError(f"ran out of memory while writing {what} {path}", "free memory and run the command again") from None


def write_output_file(path: Path, text: str, *, inputs: Iterable[str | Path] = ()) -> None:
    """Write ``text`` to the output path the user named; see the module docstring for what is written
    how. ``inputs``: the command's input files, which are never overwritten."""
    path = Path(path)
    with writing(path):
        target = check_output_path(path, inputs=inputs)
        if target is None:
            # Not a regular file: write through it, as `> PATH` would (a FIFO, a terminal, /dev/null).
            with open(path, "w", encoding="utf-8", errors="replace", newline="") as handle:
                handle.write(text)
            return
        write_text_atomic(target, text, keep_mode=True)


def check_output_path(path: Path, *, inputs: Iterable[str | Path] = ()) -> Path | None:
    """Whether ``path`` may be written: the path to replace atomically (a new path or a regular file,
    symlinks followed), or None for a special file to write through. Raises OutputError otherwise.
    Cheap, so commands call it before their work as well as at the end."""
    path = Path(path)
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        if os.path.islink(path):
            raise OutputError(f"cannot write {path}: it is a symbolic link to a missing file", "give a plain file path") from None
        _check_new_path(path)
        return path
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}", "choose another output path") from None
    if stat.S_ISDIR(status.st_mode):
        raise OutputError(f"cannot write {path}: it is a folder", "give a file path for -o/--output")
    for source in inputs:
        if str(source) == "-":
            continue
        try:
            other = os.stat(source)
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (status.st_dev, status.st_ino):
            raise OutputError(
                f"refusing to write {path}: it is this command's input {source}", "give the output another name"
            )
    if stat.S_ISBLK(status.st_mode):
        raise OutputError(f"refusing to write {path}: it is a block device", "give a file path for -o/--output")
    if not stat.S_ISREG(status.st_mode):
        return None
    # Permission bits, not just access(): root may write anything, but a 0444 file says "keep me".
    if not may_write(path):
        raise OutputError(
            f"refusing to replace {path}: the file is write-protected",
            "make it writable (chmod u+w) if it should be replaced, or choose another output path",
        )
    target = Path(os.path.realpath(path))
    if not may_write(target.parent):
        return None  # no new file can be made beside it: write through it, as `> PATH` would
    return target


def _check_new_path(path: Path) -> None:
    """A new file can be made at ``path``: its nearest existing ancestor is a folder we may write in."""
    folder = path.absolute().parent
    while not os.path.lexists(folder) and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: {folder} is not a folder", "choose another output path")
    if not may_write(folder):
        raise OutputError(f"cannot write {path}: the folder {folder} is read-only", "choose a place you may write to")


def may_write(path: Path | str) -> bool:
    """Whether the user may write ``path`` (a file, or a folder to create files in), by its permission
    bits as well as access(): root may write anything, but a file or folder with no write bit at all
    was made read-only on purpose, and is treated so for everyone."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    wanted = os.W_OK | (os.X_OK if stat.S_ISDIR(mode) else 0)
    return bool(mode & 0o222) and os.access(path, wanted)


def write_json_atomic(path: Path, data: Any) -> None:
    write_text_atomic(path, json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n")


def _read_umask() -> int:
    # Reading the umask means setting it; done once, at import, before any thread writes files.
    current = os.umask(0)
    os.umask(current)
    return current


_UMASK = _read_umask()
