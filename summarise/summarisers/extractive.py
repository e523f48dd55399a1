"""Extractive summarising: pick article sentences verbatim, in article order.

Scores each sentence by similarity to the article's centroid plus a position prior, then selects
with maximal marginal relevance (MMR) so the brief does not repeat itself. ``minilm-extractive``
embeds with all-MiniLM-L6-v2 (English); ``lexical-extractive`` uses TF-IDF vectors and works for any
language (Arabic included).
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

from ..models.loading import load_embedder
from ..models.store import LocalModel
from ..records import Article, Summary, SummarySentence
from ..settings import Settings

POSITION_WEIGHT = 0.35
MMR_LAMBDA = 0.7
MIN_WORDS = 5

_WORD = re.compile(r"\w+", re.UNICODE)


def summarise_extractive(article: Article, local: LocalModel, settings: Settings) -> Summary:
    candidates = [s for s in article.sentences if len(_WORD.findall(s.text)) >= MIN_WORDS] or list(article.sentences)
    if local.card.embedded_package:
        vectors = load_embedder(local.card, settings).encode(
            [s.text for s in candidates], batch_size=64, normalize_embeddings=True, show_progress_bar=False
        )
    else:
        vectors = tfidf_vectors([s.text for s in candidates])
    chosen = select(np.asarray(vectors, dtype=np.float32), settings.sentences)
    picked = sorted((candidates[i] for i in chosen), key=lambda s: s.index)
    return Summary(
        language=article.language,
        sentences=tuple(SummarySentence(s.text, (s.index,)) for s in picked),
        model=local.card.name,
        method="extractive",
        coverage=1.0,
    )


def select(vectors: np.ndarray, k: int) -> list[int]:
    """Indices of ``k`` rows chosen by centroid relevance + position prior, with MMR."""
    n = len(vectors)
    if n <= k:
        return list(range(n))
    centroid = vectors.mean(axis=0)
    norm = np.linalg.norm(centroid) or 1.0
    relevance = vectors @ (centroid / norm)
    position = np.array([1.0 / math.sqrt(i + 1) for i in range(n)], dtype=np.float32)
    score = (1 - POSITION_WEIGHT) * relevance + POSITION_WEIGHT * position
    similarity = vectors @ vectors.T
    chosen: list[int] = []
    while len(chosen) < k:
        best, best_value = -1, -np.inf
        for i in range(n):
            if i in chosen:
                continue
            redundancy = max((similarity[i, j] for j in chosen), default=0.0)
            value = MMR_LAMBDA * score[i] - (1 - MMR_LAMBDA) * redundancy
            if value > best_value:
                best, best_value = i, value
        chosen.append(best)
    return chosen


def tfidf_vectors(texts: list[str]) -> np.ndarray:
    """L2-normalised TF-IDF rows over the article's own vocabulary."""
    docs = [Counter(w.lower() for w in _WORD.findall(t)) for t in texts]
    vocabulary = {w: i for i, w in enumerate(sorted({w for d in docs for w in d}))}
    df = Counter(w for d in docs for w in d)
    matrix = np.zeros((len(texts), max(len(vocabulary), 1)), dtype=np.float32)
    for row, counts in enumerate(docs):
        for word, count in counts.items():
            matrix[row, vocabulary[word]] = (1 + math.log(count)) * math.log((1 + len(texts)) / (1 + df[word]))
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms
