"""What the library accepts as an article, and how each kind is read: decided by type, never by guessing.

- ``str``: the article's text itself, always (even when it happens to name a file);
- ``pathlib.Path`` or any ``os.PathLike``: a file to read (a file named ``-`` is that file: standard
  input is the command line's business, where ``-`` means it);
- ``bytes``: the article's encoded bytes, decoded as the command line decodes a file (encodings,
  binary-file refusal, size limit);
- a ``Document``: already read, used as it is.

Anything else is a ``TypeError``: a programming mistake, not bad input.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from .segment.read import DEFAULT_MAX_BYTES, Document, decode, from_text, read_path

ArticleSource = str | bytes | os.PathLike | Document
KINDS = "a str (the article's text), a pathlib.Path / os.PathLike (a file), bytes (the file's content) or a Document"


def read_source(source: ArticleSource, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """The Document for ``source`` (see the module docstring for what each type means)."""
    if isinstance(source, Document):
        return source
    if isinstance(source, str):
        return from_text(source, max_bytes=max_bytes)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return decode(bytes(source), "<bytes>", max_bytes=max_bytes)
    if isinstance(source, os.PathLike):
        path = Path(os.fsdecode(source))
        if str(path) == "-":
            # read_path takes "-" for standard input; a Path is always a file, so name it unambiguously
            # and keep the name the caller gave.
            return dataclasses.replace(read_path(path.absolute(), max_bytes=max_bytes), name=str(path))
        return read_path(path, max_bytes=max_bytes)
    return check_source(source)  # raises


def check_source(source: object) -> ArticleSource:
    """``source`` itself when it is a kind of article input, else a TypeError saying what is accepted."""
    if isinstance(source, (Document, str, bytes, bytearray, memoryview, os.PathLike)):
        return source  # type: ignore[return-value]
    raise TypeError(f"cannot brief a {type(source).__name__}: give {KINDS}")


def source_name(source: object) -> str:
    """How an input is named in messages: its file path, the Document's name, or <text> / <bytes>."""
    if isinstance(source, Document):
        return source.name
    if isinstance(source, os.PathLike):
        return os.fsdecode(source)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return "<bytes>"
    return "<text>" if isinstance(source, str) else f"<{type(source).__name__}>"
