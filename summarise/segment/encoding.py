"""Which encoding a file's bytes are in, and the refusal of bytes that are not text.

UTF-8 (with or without BOM), UTF-16/32 (with BOM, and UTF-16 without one), Windows-1256 and ISO-8859-6
Arabic, Windows-1252 and Latin-1. UTF-8 with a few invalid bytes stays UTF-8 (the bytes become U+FFFD
and are counted, for a warning), rather than turning the whole text into Latin-1 mojibake; so does
UTF-16/32 with a byte-order mark and a few invalid code units. Known binary
formats are refused by name. Text that was UTF-8 decoded as Windows-1252 upstream ("â€™") is repaired.
"""

from __future__ import annotations

import re

from ..errors import InputError

# File signatures of formats people try to feed in by mistake, so the message can name them.
_AS_TEXT = "save the article as plain text or HTML"
_NOT_A_PICTURE = "give the article's text, not a picture of it"
_GIVE_TEXT = "give a .txt, .md or .html file"
_SIGNATURES = [
    (b"%PDF-", "a PDF document", "extract its text first (e.g. `pdftotext FILE out.txt`)"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt/.epub document)", _AS_TEXT),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document", _AS_TEXT),
    (b"{\\rtf", "an RTF document", "save the article as plain text"),
    (b"\x89PNG", "a PNG image", _NOT_A_PICTURE),
    (b"\xff\xd8\xff", "a JPEG image", _NOT_A_PICTURE),
    (b"GIF8", "a GIF image", _NOT_A_PICTURE),
    (b"RIFF", "a RIFF media file", _GIVE_TEXT),
    (b"\x1f\x8b", "a gzip archive", "decompress it first"),
    (b"\x7fELF", "a program", _GIVE_TEXT),
    (b"ID3", "an MP3 file", _GIVE_TEXT),
    (b"OggS", "an Ogg media file", _GIVE_TEXT),
    (b"SQLite format 3", "an SQLite database", _GIVE_TEXT),
]
_BOMS = [  # UTF-8's is handled first, in decode_bytes
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


def decode_bytes(data: bytes, name: str) -> tuple[str, str, int]:
    """The text, the encoding's name, and how many invalid bytes were replaced."""
    if data.startswith(b"\xef\xbb\xbf"):
        # UTF-8 like any other (a few bad bytes kept as U+FFFD, counted), named for its byte-order mark.
        text, encoding, bad = _decode_unmarked(data[3:], name)
        return text, "utf-8-sig" if encoding == "utf-8" else encoding, bad
    return _decode_unmarked(data, name)


def _decode_unmarked(data: bytes, name: str) -> tuple[str, str, int]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_counting(data[len(bom) :], encoding, name)
    _reject_known_formats(data, name)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return (*utf16, 0)
    _reject_binary(data, name)
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError as error:
        position = error.start
    # Each invalid byte becomes one lone surrogate, so they can be counted exactly.
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for c in escaped if "\udc80" <= c <= "\udcff")
    if _mostly_utf8(escaped, bad):
        # A few stray bytes in otherwise valid UTF-8 (a bad paste): keep the text, mark the damage.
        return _LONE_SURROGATE.sub("\ufffd", escaped), "utf-8", bad
    text, encoding = _single_byte(data, name, position)
    return text, encoding, 0


# The most invalid code units a UTF-16/32 file (with a byte-order mark) may hold and still be read as
# text, with a warning: a damaged save or a cut-off last character, not a binary file behind a BOM.
_MAX_BAD_UNITS = 16


def _decode_counting(data: bytes, encoding: str, name: str) -> tuple[str, str, int]:
    """``data`` in ``encoding`` with each invalid stretch (a lone surrogate, an odd last byte) as one
    U+FFFD, and the number of bytes replaced; more than a few is not that encoding at all."""
    parts: list[str] = []
    position, bad = 0, 0
    for _ in range(_MAX_BAD_UNITS + 1):
        try:
            parts.append(data[position:].decode(encoding))
            return "".join(parts), encoding, bad
        except UnicodeDecodeError as error:
            parts.append(data[position : position + error.start].decode(encoding))
            parts.append("\ufffd")
            bad += error.end - error.start
            position += error.end
    raise InputError(
        f"{name}: the file starts with a {encoding} byte-order mark but is not valid {encoding}",
        "convert the file to UTF-8, or check that it is text at all",
    )


def _reject_known_formats(data: bytes, name: str) -> None:
    for signature, what, hint in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{name}: looks like a binary file ({what}), not article text", hint)


def _reject_binary(data: bytes, name: str) -> None:
    sample = data[:8192]
    if b"\x00" in sample:
        raise InputError(f"{name}: looks like a binary file, not article text", _GIVE_TEXT)
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    if control > max(3, len(sample) * 0.02):
        raise InputError(f"{name}: looks like a binary file, not article text", _GIVE_TEXT)


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


_LONE_SURROGATE = re.compile("[\udc80-\udcff]")


def _mostly_utf8(escaped: str, bad: int) -> bool:
    """Whether text with ``bad`` invalid bytes is still UTF-8 (rather than a single-byte code page).

    Text in a single-byte code page almost never holds a valid multi-byte UTF-8 sequence by chance
    ("Ã©" is the rare exception), while UTF-8 text with a few damaged bytes is full of them (curly
    quotes, dashes, Arabic). So: some valid multi-byte characters, and few bad bytes next to them.
    """
    multibyte = sum(1 for c in escaped if ord(c) > 127) - bad
    return multibyte > 0 and (bad <= 2 * multibyte or bad <= max(4, len(escaped) // 1000))


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
