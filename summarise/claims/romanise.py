"""A name the glossary does not know, followed across scripts: Arabic names romanised, compared by their
consonants with the Latin words on the other side.

``arabic-name-romanizer`` (MIT, offline: a database of Arabic personal names and a small model) writes
"محمد ولد الغزواني" as "Mohamed Ould Ghazouani" and "ماكرون" as "Makroun"; the translator writes
"Ghazouani" and "Macron". Spellings differ in vowels and in how a sound is written (c/k, ch/sh, ou/u),
so names are compared by a consonant skeleton ("mkrn" for both), the last word of a name (the family
name) against every capitalised word of the other text.

A match says the name is there; no match says nothing (a romanisation can miss), so callers treat it
as found or undecided, never as missing. The romaniser is loaded on first use, once.
"""

from __future__ import annotations

import difflib
import functools
import re

_LATIN_NAME = re.compile(r"\b[A-Z][A-Za-z'-]+")
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az)-", re.IGNORECASE)
_SOUNDS = [("ph", "f"), ("sh", "s"), ("ch", "s"), ("kh", "k"), ("gh", "g"), ("th", "t"), ("dh", "d"), ("c", "k"),
           ("q", "k"), ("j", "g"), ("z", "s"), ("x", "ks"), ("w", "v")]
_VOWELS = re.compile(r"[aeiouyh]")
_REPEATED = re.compile(r"(.)\1+")
MIN_SIMILARITY = 0.75  # of two skeletons (difflib ratio): "trmb" (Trameb) and "trmp" (Trump) are 0.75


def skeleton(word: str) -> str:
    """The consonants of a Latin word, as sounds: "Makroun" and "Macron" are both "mkrn"."""
    text = _ARTICLE.sub("", word.lower()).replace("'", "").replace("-", "")
    for written, sound in _SOUNDS:
        text = text.replace(written, sound)
    return _REPEATED.sub(r"\1", _VOWELS.sub("", text))


def same_skeleton(a: str, b: str) -> bool:
    x, y = skeleton(a), skeleton(b)
    if len(x) < 3 or len(y) < 3:
        return x == y and len(x) >= 2 and abs(len(a) - len(b)) <= 3  # Chouigou, Shoigu: "sg"
    return difflib.SequenceMatcher(None, x, y).ratio() >= MIN_SIMILARITY


@functools.lru_cache(maxsize=4096)  # a brief's names are romanised once each, not once per Latin name
def romanised(arabic: str) -> str | None:
    """The name in Latin letters; None when the romaniser is not installed or fails."""
    transliterator = _transliterator()
    if transliterator is None:
        return None
    try:
        result = transliterator.transliterate(arabic)
    except Exception:  # noqa: BLE001 - a name it cannot read is a name left undecided
        return None
    text = result if isinstance(result, str) else getattr(result, "text", None)
    if text is None and isinstance(result, list) and result:
        text = getattr(result[0], "text", None)
    return text or None


def arabic_name_in_latin(arabic: str, latin_text: str) -> bool:
    """Whether the Arabic name ``arabic`` is written in ``latin_text`` (its family name, romanised)."""
    latin = romanised(arabic)
    if not latin:
        return False
    last = latin.split()[-1]
    return any(same_skeleton(last, word) for word in _LATIN_NAME.findall(latin_text))


def latin_name_in_arabic(latin: str, arabic_names: list[str]) -> bool:
    """Whether the Latin name ``latin`` is one of ``arabic_names`` (names found in an Arabic text)."""
    last = latin.split()[-1]
    for name in arabic_names:
        written = romanised(name)
        if written and same_skeleton(last, written.split()[-1]):
            return True
    return False


@functools.lru_cache(maxsize=1)
def _transliterator():
    try:
        from arabic_name_romanizer import Transliterator
    except ImportError:
        return None
    return Transliterator()
