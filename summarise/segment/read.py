"""Bytes in, text out: encoding detection and rejection of input that is not an article.

Accepts plain text, Markdown and HTML (HTML is reduced to its main text by trafilatura, keeping its
metadata). Rejects empty, binary and oversized input with a message naming the file.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

DEFAULT_MAX_BYTES = 20_000_000


@dataclass(frozen=True)
class Document:
    """Decoded input, before segmentation."""

    text: str
    name: str  # file path, "<stdin>" or "<text>"
    encoding: str = "utf-8"
    format: str = "text"  # "text", "markdown" or "html"
    metadata: dict = field(default_factory=dict)  # from HTML <meta>, when any


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read an article file (``"-"`` reads standard input)."""
    if str(path) == "-":
        return decode(sys.stdin.buffer.read(max_bytes + 1), "<stdin>", max_bytes=max_bytes)
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{path}: {size:,} bytes is larger than the {max_bytes:,}-byte limit for one article",
                "split the file, or raise the limit with SUMMARISE_MAX_INPUT_BYTES",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory", "use `summarise batch` for folders") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    return decode(data, str(path), max_bytes=max_bytes)


def from_text(text: str, name: str = "<text>") -> Document:
    if not text.strip():
        raise InputError(f"{name}: the text is empty")
    return Document(text=_normalise_newlines(text), name=name, format=_guess_format(text, name))


def decode(data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    if len(data) > max_bytes:
        raise InputError(f"{name}: input is larger than the {max_bytes:,}-byte limit for one article")
    if not data.strip():
        raise InputError(f"{name}: the file is empty", "give a file with article text")
    text, encoding = _decode_bytes(data, name)
    if not text.strip():
        raise InputError(f"{name}: the file holds only white space")
    return Document(text=_normalise_newlines(text), name=name, encoding=encoding, format=_guess_format(text, name))


def _decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if _looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not article text", "give a .txt, .md or .html file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1256", "iso-8859-6", "cp1252", "latin_1", "utf_16"]).best()
    if best is None:
        raise InputError(f"{name}: cannot tell the text encoding", "convert the file to UTF-8 first")
    return str(best), best.encoding


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        # UTF-16 without a BOM has NULs in every other byte; anything else with NULs is binary.
        even, odd = sample[0::2], sample[1::2]
        return not (even.count(0) > len(even) * 0.3 or odd.count(0) > len(odd) * 0.3)
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > len(sample) * 0.05


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
    return "text"
