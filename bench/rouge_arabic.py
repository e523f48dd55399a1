"""A ROUGE tokenizer for Arabic, for rouge-score's ``RougeScorer(tokenizer=...)``.

rouge-score's default tokenizer keeps only ``[a-z0-9]`` and so scores every Arabic summary 0. This
one keeps letters of any script and applies only the light normalisation that Arabic evaluation
usually does (no stemming): diacritics and tatweel removed, hamza forms of alef -> ا, taa marbuta
ة -> ه, alef maqsura ى -> ي. Latin letters are lower-cased.

It is deliberately separate from the summariser's own token normaliser (summarise/summarisers/
lexical.py, which also strips prefixes): the yardstick should not share code with what it measures.
"""

from __future__ import annotations

import re

_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)  # runs of letters/digits, any script


def normalise_arabic(text: str) -> str:
    return _MARKS.sub("", text).translate(_VARIANTS).lower()


class ArabicRougeTokenizer:
    """The ``tokenize(text) -> list[str]`` object rouge-score accepts."""

    def tokenize(self, text: str) -> list[str]:
        return _TOKEN.findall(normalise_arabic(text))


if __name__ == "__main__":  # a quick self-check: the default tokenizer loses Arabic, this one keeps it
    from rouge_score import rouge_scorer, tokenizers

    sample = "أعلنت الحكومةُ خطةً جديدة في 2024"
    print("default:", tokenizers.DefaultTokenizer().tokenize(sample))
    print("arabic: ", ArabicRougeTokenizer().tokenize(sample))
    scorer = rouge_scorer.RougeScorer(["rouge1"], tokenizer=ArabicRougeTokenizer())
    print(scorer.score("اعلنت الحكومة خطة جديدة", sample)["rouge1"])
