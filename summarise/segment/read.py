"""Bytes in, text out: encoding detection and rejection of input that is not an article.

Accepts plain text, Markdown and HTML (``segment`` reduces HTML to its main text with trafilatura).
Encodings: UTF-8 (with or without BOM), UTF-16/32 (with BOM, and UTF-16 without one), Windows-1256 and
ISO-8859-6 Arabic, Windows-1252 and Latin-1. Rejects empty, binary and oversized input with a message
naming the file. Text that was UTF-8 decoded as Windows-1252 somewhere upstream ("â€™", "Ã©") is
repaired. Text given as a string (``from_text``) takes the same steps once it is text, and the same size
limit, counted in UTF-8 bytes.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..settings import DEFAULT_MAX_INPUT_BYTES as DEFAULT_MAX_BYTES  # defined once, in settings

# File signatures of formats people try to feed in by mistake, so the message can name them.
_SIGNATURES = [
    (b"%PDF-", "a PDF document", "extract its text first (e.g. `pdftotext FILE out.txt`)"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt/.epub document)", "save the article as plain text or HTML"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document", "save the article as plain text or HTML"),
    (b"{\\rtf", "an RTF document", "save the article as plain text"),
    (b"\x89PNG", "a PNG image", "give the article's text, not a picture of it"),
    (b"\xff\xd8\xff", "a JPEG image", "give the article's text, not a picture of it"),
    (b"GIF8", "a GIF image", "give the article's text, not a picture of it"),
    (b"RIFF", "a RIFF media file", "give a .txt, .md or .html file"),
    (b"\x1f\x8b", "a gzip archive", "decompress it first"),
    (b"\x7fELF", "a program", "give a .txt, .md or .html file"),
    (b"ID3", "an MP3 file", "give a .txt, .md or .html file"),
    (b"OggS", "an Ogg media file", "give a .txt, .md or .html file"),
    (b"SQLite format 3", "an SQLite database", "give a .txt, .md or .html file"),
]
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]
# Sequences that UTF-8 text shows after being decoded as Windows-1252 ("’" -> "â€™", "é" -> "Ã©",
# Arabic "ا" -> "Ø§").
_MOJIBAKE = re.compile(
    r"[ÂÃ][\u0080-\u00bf]|â€[\u0080-\u00bf™œžŸ”“™˜¢¦]|[ØÙ][\u0080-\u00bf\u2018-\u203a\u0152-\u0178\u02c6\u02dc]"
)


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


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read an article file (``"-"`` reads standard input)."""
    name = "<stdin>" if str(path) == "-" else str(Path(path))
    return decode(read_bytes(path, max_bytes=max_bytes), name, max_bytes=max_bytes)


def read_bytes(path: str | Path, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file (``"-"``: standard input), a missing, unreadable or oversized file being an
    ``InputError`` that names it. ``max_bytes=None`` reads without a limit (a JSON-lines file of many
    articles, whose records are limited one by one)."""
    if str(path) == "-":
        # One byte past the limit is enough for ``decode`` to see that the input is too large.
        return sys.stdin.buffer.read() if max_bytes is None else sys.stdin.buffer.read(max_bytes + 1)
    path = Path(path)
    try:
        if max_bytes is not None:
            size = path.stat().st_size
            if size > max_bytes:
                raise InputError(
                    f"{path}: {size:,} bytes is larger than the {max_bytes:,}-byte limit for one article",
                    "split the file, or raise the limit with SUMMARISE_MAX_INPUT_BYTES",
                )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory", "use `summarise batch` for folders") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:  # name too long, I/O error, ...
        raise InputError(f"{path}: cannot read the file ({error.strerror or error})") from None


def from_text(
    text: str, name: str = "<text>", *, metadata: dict | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Text given as a string (a paste, a JSON-lines record): the same size limit as ``decode``, measured
    on its UTF-8 encoding, and the same finishing (byte-order mark, newlines, mojibake, emptiness)."""
    # A character is one to four bytes of UTF-8: encode only when the length alone cannot tell.
    if len(text) > max_bytes or (
        4 * len(text) > max_bytes and len(text.encode("utf-8", "surrogatepass")) > max_bytes
    ):
        _too_large(name, max_bytes)
    return _finish(text, name, "utf-8", metadata, empty=("the text is empty", "give the article's text"))


def decode(data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    if len(data) > max_bytes:
        _too_large(name, max_bytes)
    if not data.strip():
        raise InputError(f"{name}: the file is empty", "give a file with article text")
    text, encoding = _decode_bytes(data, name)
    return _finish(text, name, encoding, None, empty=("the file holds only white space", "give a file with article text"))


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


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as Windows-1252 upstream ("â€™" -> "’", "Ø§Ù„" -> "ال").

    Works on runs of non-ASCII characters, so genuine text around a damaged word is never touched: a run
    is replaced only when its Windows-1252 bytes are valid UTF-8.
    """
    return _NON_ASCII_RUN.sub(_repair_run, text)


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{2,}")


def _repair_run(match: re.Match) -> str:
    run = match.group()
    raw = bytearray()
    for char in run:
        if ord(char) < 256:
            raw.append(ord(char))  # Latin-1 range, incl. the C1 bytes Windows-1252 leaves undefined
        else:
            try:
                raw += char.encode("cp1252")
            except UnicodeEncodeError:
                return run  # a character no single-byte decoding produces: the run is genuine text
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return run


def _decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding.replace("-sig", "")), encoding
            except UnicodeDecodeError:
                raise InputError(
                    f"{name}: the file starts with a {encoding} byte-order mark but is not valid {encoding}"
                ) from None
    _reject_known_formats(data, name)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    _reject_binary(data, name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        if _mostly_utf8(data):
            # A few stray bytes in otherwise valid UTF-8 (a bad paste): keep the text, mark the damage.
            return data.decode("utf-8", errors="replace"), "utf-8"
        position = error.start
    return _single_byte(data, name, position)


def _reject_known_formats(data: bytes, name: str) -> None:
    for signature, what, hint in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{name}: looks like a binary file ({what}), not article text", hint)


def _reject_binary(data: bytes, name: str) -> None:
    sample = data[:8192]
    if b"\x00" in sample:
        raise InputError(f"{name}: looks like a binary file, not article text", "give a .txt, .md or .html file")
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    if control > max(3, len(sample) * 0.02):
        raise InputError(f"{name}: looks like a binary file, not article text", "give a .txt, .md or .html file")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a byte-order mark: one byte lane is nearly all NUL (Latin) or 0x06 (Arabic)."""
    sample = data[:8192]
    if len(sample) < 4 or len(data) % 2:
        return None
    for lane, encoding in ((1, "utf-16-le"), (0, "utf-16-be")):
        high = sample[lane::2]
        if high.count(0) + high.count(6) >= 0.9 * len(high) and high.count(0) > 0:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if not any(ord(c) < 32 and c not in "\t\n\r\f" for c in text[:4096]):
                return text, encoding
    return None


def _mostly_utf8(data: bytes) -> bool:
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for c in text if ord(c) > 127) - bad
    return bad <= max(2, len(text) // 1000) and multibyte >= 10 * bad


def _single_byte(data: bytes, name: str, position: int) -> tuple[str, str]:
    """Windows-1256 / ISO-8859-6 Arabic or Windows-1252 / Latin-1 Western text.

    Arabic written in a single-byte code page is nearly all high bytes in runs (whole words), while a
    Western text has an accented letter here and there inside ASCII words.
    """
    high = [i for i, b in enumerate(data) if b >= 0x80]
    in_runs = sum(1 for i in high if (i > 0 and data[i - 1] >= 0x80) or (i + 1 < len(data) and data[i + 1] >= 0x80))
    if high and in_runs >= 0.6 * len(high):
        candidates = [("cp1256", "windows-1256"), ("iso8859_6", "iso-8859-6")]
        best = max(
            (
                (_arabic_share(text), label, text)
                for codec, label in candidates
                if (text := _try(data, codec)) is not None
            ),
            default=None,
        )
        if best is not None and best[0] >= 0.5:
            return best[2], best[1]
    for codec, label in (("cp1252", "windows-1252"), ("latin_1", "latin-1")):
        text = _try(data, codec)
        if text is not None:
            if label == "windows-1252" and not any(0x80 <= b <= 0x9F for b in data):
                label = "latin-1"  # identical to Latin-1 when no Windows-only byte occurs
            return text, label
    raise InputError(
        f"{name}: cannot tell the text encoding (invalid UTF-8 at byte {position})", "convert the file to UTF-8 first"
    )


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff") / len(letters) if letters else 0.0


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
