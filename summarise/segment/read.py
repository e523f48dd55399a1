"""Bytes in, text out: the one place input is read from the outside world, and its decoding.

Reads files, standard input, FIFOs and devices the same bounded way (never more than the limit + 1
bytes, whatever ``stat`` says), and JSON-lines files a bounded line at a time; ``reading`` turns every
failure into an InputError naming the input. Accepts plain text, Markdown and HTML (``segment`` reduces
HTML to its main text with trafilatura); encodings are told apart in ``encoding``. Rejects empty,
binary and oversized input with a message naming the file. Text that was UTF-8 decoded as Windows-1252 somewhere upstream ("â€™", "Ã©") is
repaired. Text given as a string (``from_text``) takes the same steps once it is text, and the same size
limit, counted in UTF-8 bytes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError
from ..settings import DEFAULT_MAX_INPUT_BYTES as DEFAULT_MAX_BYTES  # defined once, in settings
from .encoding import _MOJIBAKE, decode_bytes, repair_mojibake

__all__ = [
    "Document",
    "JsonLine",
    "decode",
    "from_text",
    "read_bytes",
    "read_json_lines",
    "read_path",
    "reading",
    "repair_mojibake",
]


@dataclass(frozen=True)
class Document:
    """Decoded input, before segmentation."""

    text: str
    name: str  # file path, "<stdin>" or "<text>"
    encoding: str = "utf-8"
    format: str = "text"  # "text", "markdown" or "html"
    # What the caller already knows about the article (title, standfirst, authors, published); HTML
    # pages add their own <meta> during segmentation.
    metadata: dict = field(default_factory=dict)
    # What the reader had to do to the input that the user should know (bytes replaced, ...).
    warnings: tuple[str, ...] = ()


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read an article file (``"-"`` reads standard input)."""
    name = "<stdin>" if str(path) == "-" else str(Path(path))
    return decode(read_bytes(path, max_bytes=max_bytes), name, max_bytes=max_bytes)


@contextlib.contextmanager
def reading(name: str) -> Iterator[None]:
    """The one place where a failure to read an input becomes an InputError naming it.

    Every reader of article bytes, JSON lines and config files goes through it, so a missing file, a
    closed standard input, an I/O error or running out of memory is one clear line, never a traceback.
    """
    try:
        yield
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory", "use `summarise batch` for folders") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except MemoryError:
        raise InputError(
            f"{name}: ran out of memory while reading it",
            "lower SUMMARISE_MAX_INPUT_BYTES, or free memory (is a memory limit such as `ulimit -v` set?)",
        ) from None
    except OSError as error:  # name too long, I/O error, a socket, ...
        raise InputError(f"{name}: cannot read the file ({error.strerror or error})") from None
    except ValueError as error:  # a closed stream: "I/O operation on closed file"
        raise InputError(f"{name}: cannot read it ({error})", "give the article as a file or on an open pipe") from None


def read_bytes(path: str | Path, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file (``"-"``: standard input), read up to ``max_bytes + 1`` whatever the file is
    (a device, FIFO or ``/proc`` file reports size 0, so the size is never trusted), each failure
    an ``InputError`` that names it. ``max_bytes=None`` reads to the end; only for callers that
    bound the input some other way."""
    name = "<stdin>" if str(path) == "-" else str(Path(path))
    with reading(name):
        if str(path) == "-":
            return _read_limited(_stdin(), max_bytes, name)
        # Opening a FIFO waits for its writer, as `cat` does; any file type is read the same bounded way.
        with open(path, "rb") as handle:
            return _read_limited(handle, max_bytes, name)


def _stdin() -> BinaryIO:
    stream = getattr(sys.stdin, "buffer", None) if sys.stdin is not None else None
    if stream is None or stream.closed:
        raise InputError("<stdin>: standard input is closed", "pipe an article in, or give a file name instead of -")
    return stream


_CHUNK = 1 << 20


def _read_limited(handle: BinaryIO, max_bytes: int | None, name: str) -> bytes:
    """At most ``max_bytes + 1`` bytes (one past the limit is enough to tell it is too large), read in
    chunks so that a huge limit never allocates more than the input holds."""
    if max_bytes is not None:
        try:
            status = os.fstat(handle.fileno())
            size = status.st_size if stat.S_ISREG(status.st_mode) else 0  # others report 0 or nonsense
        except (OSError, ValueError, io.UnsupportedOperation):
            size = 0
        if size > max_bytes:
            raise InputError(
                f"{name}: {size:,} bytes is larger than the {max_bytes:,}-byte limit for one article",
                "split the file, or raise the limit with SUMMARISE_MAX_INPUT_BYTES",
            )
    parts: list[bytes] = []
    total = 0
    while max_bytes is None or total <= max_bytes:
        want = _CHUNK if max_bytes is None else min(_CHUNK, max_bytes + 1 - total)
        chunk = handle.read(want)
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


@dataclass(frozen=True)
class JsonLine:
    """One line of a JSON-lines file: its parsed value, or why it could not be used."""

    number: int  # from 1
    value: Any = None
    problem: str | None = None  # None when ``value`` is the parsed line


def read_json_lines(path: str | Path, *, max_line_bytes: int) -> Iterator[JsonLine]:
    """The non-blank lines of a JSON-lines file (``"-"``: standard input), parsed one at a time.

    Memory stays bounded whatever the file is: a line longer than ``max_line_bytes`` is reported as
    a bad line and skipped, and a file that never ends a line (``/dev/zero``) is an InputError. A line
    that is not UTF-8, not JSON, or nested too deeply to parse is a bad line; the others still come.
    """
    name = "<stdin>" if str(path) == "-" else str(Path(path))
    with reading(name):
        owned = str(path) != "-"
        handle = open(path, "rb") if owned else _stdin()  # noqa: SIM115 - closed below
        try:
            number = 0
            while True:
                raw = handle.readline(max_line_bytes + 1)
                if not raw:
                    return
                number += 1
                if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
                    _skip_rest_of_line(handle, name, number, max_line_bytes)
                    yield JsonLine(number, problem=f"line {number} is longer than the {max_line_bytes:,}-byte limit")
                    continue
                if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                if not raw.strip():
                    continue
                yield _parse_json_line(number, raw)
        finally:
            if owned:
                handle.close()


def _skip_rest_of_line(handle: BinaryIO, name: str, number: int, max_line_bytes: int) -> None:
    skipped = 0
    while True:
        chunk = handle.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return
        skipped += len(chunk)
        if skipped > 16 * max_line_bytes + _CHUNK:
            raise InputError(
                f"{name}: line {number} goes on for more than {skipped:,} bytes without ending; "
                "this is not a JSON-lines file",
                "give a file of one JSON object per line",
            )


def _parse_json_line(number: int, raw: bytes) -> JsonLine:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return JsonLine(number, problem=f"line {number} is not UTF-8 (invalid byte at {error.start})")
    try:
        return JsonLine(number, value=json.loads(text))
    except json.JSONDecodeError as error:
        return JsonLine(number, problem=f"line {number} is not valid JSON ({error.msg})")
    except RecursionError:
        return JsonLine(number, problem=f"line {number} is nested too deeply to read")
    except (ValueError, MemoryError) as error:  # e.g. an integer of more digits than Python converts
        return JsonLine(number, problem=f"line {number} cannot be read as JSON ({type(error).__name__}: {error})")


def from_text(
    text: str, name: str = "<text>", *, metadata: dict | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Text given as a string (a paste, a JSON-lines record): the same size limit as ``decode``, measured
    on its UTF-8 encoding, and the same finishing (byte-order mark, newlines, mojibake, emptiness)."""
    # A character is one to four bytes of UTF-8: encode only when the length alone cannot tell.
    if len(text) > max_bytes or (4 * len(text) > max_bytes and len(text.encode("utf-8", "surrogatepass")) > max_bytes):
        _too_large(name, max_bytes)
    return _finish(text, name, "utf-8", metadata, empty=("the text is empty", "give the article's text"))


def decode(data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    if len(data) > max_bytes:
        _too_large(name, max_bytes)
    if not data.strip():
        raise InputError(f"{name}: the file is empty", "give a file with article text")
    text, encoding, replaced = decode_bytes(data, name)
    document = _finish(
        text, name, encoding, None, empty=("the file holds only white space", "give a file with article text")
    )
    if replaced:
        label = encoding.upper().replace("-SIG", "")  # UTF-8, or UTF-16-LE ... for a file with a byte-order mark
        document = dataclasses.replace(
            document,
            warnings=(
                (
                    f"{name}: {replaced} byte{'s' if replaced > 1 else ''} of the file {'are' if replaced > 1 else 'is'} "
                    f"not valid {label} and became \ufffd (replacement characters); the rest was read as {label}"
                ),
            ),
        )
    return document


def _too_large(name: str, max_bytes: int) -> None:
    raise InputError(
        f"{name}: input is larger than the {max_bytes:,}-byte limit for one article",
        "split the input, or raise the limit with SUMMARISE_MAX_INPUT_BYTES",
    )


def _finish(text: str, name: str, encoding: str, metadata: dict | None, *, empty: tuple[str, str]) -> Document:
    """The steps every input takes once it is text, whether decoded from bytes or given as a string."""
    text = _normalise_newlines(text.lstrip("\ufeff"))
    if not text.strip():
        raise InputError(f"{name}: {empty[0]}", empty[1])
    if _MOJIBAKE.search(text):
        text = repair_mojibake(text)
    return Document(
        text=text, name=name, encoding=encoding, format=_guess_format(text, name), metadata=dict(metadata or {})
    )


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")


def _guess_format(text: str, name: str) -> str:
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".md", ".markdown")):
        return "markdown"
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head):
        return "html"
    from .markdown import looks_like_markdown

    return "markdown" if looks_like_markdown(text) else "text"
