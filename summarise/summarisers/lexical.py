"""Lexical sentence vectors for the language-independent extractive summariser.

TF-IDF over the article's own sentences (the article is its own corpus, so no vocabulary ships with
the tool). For Arabic the tokens are lightly normalised first: spelling variants of one word (hamza on
alef, taa marbuta, alef maqsura, diacritics, tatweel) and the article/conjunction prefixes (ال, و, بال…)
would otherwise split one content word into several rare ones and hide what sentences share. On the
Arabic eval set this lifts the centroid-only pick from R1 27.0 to 30.0 (bench/extractive_ablations.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # scipy is imported where a matrix is built: the MiniLM path never needs it
    from scipy import sparse

WORD = re.compile(r"\w+", re.UNICODE)

_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # harakat, Quranic marks, tatweel
_ARABIC_LETTER_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
# Longest first; a stem of at least three letters must remain, so short words (e.g. "ولد") survive whole.
_ARABIC_PREFIX = re.compile(r"^(?:وال|بال|كال|فال|لل|ال|و)(?=\w{3,})")


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def tokens(text: str, language: str) -> list[str]:
    """Lower-cased word tokens; for Arabic, orthographically normalised and stripped of ال/و prefixes."""
    if language == "ar":
        text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTER_VARIANTS)
        return [_ARABIC_PREFIX.sub("", word) for word in WORD.findall(text.lower())]
    return WORD.findall(text.lower())


def tfidf_vectors(texts: Sequence[str], language: str) -> np.ndarray:
    """L2-normalised TF-IDF rows (sublinear tf, idf) over the texts' own vocabulary, as a dense array."""
    return tfidf_matrix(texts, language).toarray()


def tfidf_matrix(texts: Sequence[str], language: str) -> sparse.csr_matrix:
    """``tfidf_vectors`` as a sparse CSR matrix: a sentence holds a few dozen of the article's words, so
    a dense sentences x vocabulary array of a long input is almost all zeros (a 1 MB article's would
    take gigabytes)."""
    from scipy import sparse

    docs = [Counter(tokens(text, language)) for text in texts]
    df = Counter(word for doc in docs for word in doc)
    vocabulary = {word: i for i, word in enumerate(sorted(df))}
    # A word in every sentence says nothing about which one to pick: its idf is 0.
    idf = {word: math.log((1 + len(texts)) / (1 + count)) for word, count in df.items()}
    indptr, indices, data = [0], [], []
    for counts in docs:
        for word, count in counts.items():
            indices.append(vocabulary[word])
            data.append((1 + math.log(count)) * idf[word])
        indptr.append(len(indices))
    values = np.asarray(data, dtype=np.float32)
    rows = np.repeat(np.arange(len(docs)), np.diff(indptr))
    norms = np.sqrt(np.bincount(rows, weights=values.astype(np.float64) ** 2, minlength=len(docs))).astype(np.float32)
    norms[norms == 0] = 1.0
    matrix = sparse.csr_matrix(
        (values / norms[rows], np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
        shape=(len(texts), max(len(vocabulary), 1)),
    )
    matrix.sort_indices()
    return matrix
