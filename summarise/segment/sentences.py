"""Sentence splitting for English and Arabic (minimal version; deepened by the segmentation issue)."""

from __future__ import annotations

import functools
import re

_ARABIC_END = re.compile(r"(?<=[.!؟?])\s+")


@functools.lru_cache(maxsize=8)
def _pysbd(language: str):
    import pysbd

    return pysbd.Segmenter(language=language, clean=False, char_span=True)


def split_sentences(text: str, language: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) within ``text``, trimmed of surrounding white space."""
    spans: list[tuple[int, int]] = []
    if language == "en":
        for span in _pysbd("en").segment(text):
            spans.append((span.start, span.end))
    else:
        start = 0
        for match in _ARABIC_END.finditer(text):
            spans.append((start, match.start()))
            start = match.end()
        spans.append((start, len(text)))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
