"""The former dense extractive path (whole TF-IDF matrix, n x n similarity matrix for MMR), kept as
the reference that the large-input test and benchmark compare the current sparse/incremental path
with: same picks, less time and memory."""

from __future__ import annotations

import math
from collections import Counter


def dense_tfidf(texts: list[str], language: str):
    """The former lexical.tfidf_vectors: a dense sentences x vocabulary float32 matrix."""
    import numpy as np

    from summarise.summarisers.lexical import tokens

    docs = [Counter(tokens(text, language)) for text in texts]
    vocabulary = {word: i for i, word in enumerate(sorted({w for doc in docs for w in doc}))}
    df = Counter(word for doc in docs for word in doc)
    matrix = np.zeros((len(texts), max(len(vocabulary), 1)), dtype=np.float32)
    for row, counts in enumerate(docs):
        for word, count in counts.items():
            idf = math.log((1 + len(texts)) / (1 + df[word]))
            matrix[row, vocabulary[word]] = (1 + math.log(count)) * idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def dense_select_mmr(score, vectors, k: int, config) -> list[int]:
    """The former extractive.select_mmr: the full n x n similarity matrix, then MMR over its columns
    (the scores scaled as the new path scales them: that part did not change)."""
    import numpy as np

    from summarise.summarisers.extractive import scale_scores

    n = len(score)
    scaled, finite = scale_scores(score)
    similarity = vectors @ vectors.T
    chosen: list[int] = []
    while len(chosen) < min(k, n):
        redundancy = similarity[:, chosen].max(axis=1) if chosen else np.zeros(n)
        value = config.mmr_lambda * scaled - (1 - config.mmr_lambda) * redundancy
        tier = np.where(~finite, 2, np.where(redundancy >= config.duplicate_cosine, 1, 0))
        order = np.lexsort((-value, tier))
        chosen.append(next(int(i) for i in order if i not in chosen))
    return sorted(chosen)
