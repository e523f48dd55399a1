"""Extractive summarising: pick article sentences verbatim, in article order.

Each sentence gets one score, then maximal marginal relevance (MMR) picks ``settings.sentences`` of
them so the brief does not say the same thing twice:

    score = -w_pos * log(1 + position)          news puts what matters first (Zipf-shaped lead prior)
            + w_rel * z(cos(sentence, centroid)) what the whole article keeps talking about
            - w_len * log(words)                 density, not bulk: see below

Why these terms (bench/extractive_ablations.py; weights chosen on one half of the English eval set,
then checked once on the other half): the position prior does nearly all the work. Without it ROUGE-1
falls by about 8 points; with it alone (plus the fragment rule and MMR) the picks are Lead-3 give or
take a sentence. Centroid similarity rises with sentence length (r = 0.37 with log length on the
English set: a long sentence averages over more of the article), so relevance comes paired with a
log-length penalty: the sentence that is central *for its size*. On the tuning half the pair adds about one ROUGE point over the prior alone; on the held-out
half it does not, so it is a principled tie-breaker among early sentences, not a proven gain.
Sentences of fewer than ``min_words`` words (photo credits, "(CNN)", subheads) are only taken when
nothing else is left, as are near-duplicates of a chosen sentence (captions that repeat the lede).

``minilm-extractive`` embeds with all-MiniLM-L6-v2 (English only: on Arabic its centroid picks no
better than chance), run in numpy by default (summarise.models.embedding: the same picks as through
sentence-transformers, without importing torch); ``lexical-extractive`` uses TF-IDF vectors (any
language, Arabic normalised).

Cost grows linearly with the article: TF-IDF rows are sparse, and MMR compares each sentence with the
few chosen ones only (O(n k), never an n x n matrix). Embedding is the one expensive step (about 10 ms a
sentence in numpy on one busy CPU core), so MiniLM reads at most ``MAX_EMBEDDED_SENTENCES`` sentences, from
the top; a longer input is summarised from its opening and ``Summary.coverage`` says how much of it
was read (the brief then warns). The position prior makes a pick from beyond that point all but
impossible anyway: sentence 500 starts more than 6 points behind the lede, and MMR's redundancy term
moves a sentence by at most about 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..errors import ConfigError
from ..models.loading import load_embedder
from ..models.store import LocalModel
from ..records import Article, Summary, SummarySentence
from ..segment.lines import announces
from ..settings import Settings
from .lexical import tfidf_matrix, word_count

PRIORS = ("log", "sqrt", "none")
# A news article has tens of sentences, a long read a couple of hundred; 500 is about 12,000 words.
MAX_EMBEDDED_SENTENCES = 500

if TYPE_CHECKING:
    from scipy import sparse

    # One unit-length row per sentence: dense embeddings, or sparse TF-IDF rows. (scipy is imported
    # by the TF-IDF path only: scipy.sparse takes 0.1-0.2 s to import, which a cold MiniLM brief skips.)
    Vectors = np.ndarray | sparse.csr_matrix


@dataclass(frozen=True)
class ExtractiveConfig:
    """Weights of the sentence score; the defaults are the ones the benchmark gate was run with."""

    position_weight: float = 1.0
    relevance_weight: float = 0.2
    length_weight: float = 0.5
    mmr_lambda: float = 0.9  # share of the (0..1-scaled) score against redundancy with what is chosen
    duplicate_cosine: float = 0.9  # at or above this a sentence repeats a chosen one: taken last
    min_words: int = 5
    prior: str = "log"  # "log": -log(1+i); "sqrt": 1/sqrt(1+i); "none"

    def __post_init__(self) -> None:
        if self.prior not in PRIORS:
            raise ConfigError(f"unknown position prior {self.prior!r}", f"use one of {', '.join(PRIORS)}")
        if not 0.0 <= self.mmr_lambda <= 1.0:
            raise ConfigError(f"mmr_lambda must lie in [0, 1] (got {self.mmr_lambda})")


DEFAULT_CONFIG = ExtractiveConfig()


def summarise_extractive(
    article: Article, local: LocalModel, settings: Settings, *, config: ExtractiveConfig = DEFAULT_CONFIG
) -> Summary:
    texts = [s.text for s in article.sentences]
    if local.card.embedded_package:
        texts = texts[:MAX_EMBEDDED_SENTENCES]
    vectors = sentence_vectors(texts, local, settings, article.language)
    # Subheadings stay in the body, but they are labels, not statements: taken last, as fragments are.
    headings = {i for i, sentence in enumerate(article.sentences[:len(texts)]) if sentence.paragraph in article.headings}
    chosen = choose_sentences(vectors, [word_count(t) for t in texts], settings.sentences, config, last=headings)
    return Summary(
        language=article.language,
        sentences=tuple(SummarySentence(" ".join(texts[j] for j in unit), tuple(article.sentences[j].index for j in unit))
                        for unit in with_what_they_announce(chosen, texts, headings)),
        model=local.card.name,
        method="extractive",
        coverage=len(texts) / len(article.sentences) if article.sentences else 1.0,
    )


def with_what_they_announce(chosen: Sequence[int], texts: Sequence[str], headings: set[int]) -> list[tuple[int, ...]]:
    """The chosen sentences as summary units: one that announces the next ("Foreign Minister Ayman Safadi
    told reporters:", "وقال الوزير في بيان:") says nothing alone, so it comes with the sentence it
    announces (a quotation, a list's first item), and that sentence is not repeated."""
    units: list[tuple[int, ...]] = []
    for i in chosen:
        if units and i in units[-1]:
            continue
        following = i + 1
        if announces(texts[i]) and following < len(texts) and following not in headings:
            units.append((i, following))
        else:
            units.append((i,))
    return units


def sentence_vectors(texts: Sequence[str], local: LocalModel, settings: Settings, language: str) -> Vectors:
    """One unit-length row per sentence (TF-IDF: zero for a sentence with no distinctive word):
    MiniLM embeddings (dense) for an embedded-model card, else TF-IDF (a sparse CSR matrix)."""
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    if local.card.embedded_package:
        embedder = load_embedder(local.card, settings)
        vectors = embedder.encode(
            list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False, convert_to_numpy=True
        )
        return np.asarray(vectors, dtype=np.float32)
    return tfidf_matrix(texts, language)


def position_prior(n: int, shape: str) -> np.ndarray:
    positions = np.arange(n, dtype=np.float64)
    if shape == "log":
        return -np.log1p(positions)
    if shape == "sqrt":
        return 1.0 / np.sqrt(positions + 1.0)
    return np.zeros(n)


def sentence_scores(vectors: Vectors, word_counts: Sequence[int], config: ExtractiveConfig) -> np.ndarray:
    """One score per sentence (higher is better); sentences shorter than ``min_words`` get -inf."""
    n = vectors.shape[0]
    words = np.asarray(word_counts, dtype=np.float64)
    eligible = words >= config.min_words
    if not eligible.any():
        eligible = np.ones(n, dtype=bool)
    centroid = np.asarray(vectors[eligible].mean(axis=0)).ravel().astype(vectors.dtype)
    centroid_norm = np.linalg.norm(centroid)
    relevance = np.asarray(vectors @ (centroid / centroid_norm)).ravel() if centroid_norm > 0 else np.zeros(n)
    # z-scored within the article, so its weight means the same in a 5- and a 50-sentence article.
    spread = relevance[eligible].std()
    relevance = (relevance - relevance[eligible].mean()) / spread if spread > 0 else np.zeros(n)
    score = (
        config.position_weight * position_prior(n, config.prior)
        + config.relevance_weight * relevance
        - config.length_weight * np.log(np.maximum(words, 1.0))
    )
    return np.where(eligible, score, -np.inf)


def choose_sentences(
    vectors: Vectors, word_counts: Sequence[int], k: int, config: ExtractiveConfig = DEFAULT_CONFIG,
    *, last: set[int] = frozenset(),
) -> list[int]:
    """Indices of ``min(k, n)`` sentences, in article order, picked by score with MMR; those in ``last``
    (subheadings) only when nothing else is left."""
    if vectors.shape[0] <= k:
        return list(range(vectors.shape[0]))
    score = sentence_scores(vectors, word_counts, config)
    if last:
        score[sorted(last)] = -np.inf
    return select_mmr(score, vectors, k, config)


def select_mmr(score: np.ndarray, vectors: Vectors, k: int, config: ExtractiveConfig = DEFAULT_CONFIG) -> list[int]:
    """``min(k, n)`` indices, in article order, by maximal marginal relevance over unit ``vectors``.

    Every sentence stays available, so the brief has ``k`` sentences whenever the article does: a
    sentence scored -inf (too short) and a near-duplicate of a chosen one are only ranked after all
    the others. Redundancy is each sentence's highest similarity to a chosen one, updated with one
    row of similarities per pick: O(n k) time and O(n) memory.
    """
    n = len(score)
    scaled, finite = scale_scores(score)
    redundancy = np.zeros(n)  # nothing chosen yet
    chosen: list[int] = []
    taken: set[int] = set()
    while len(chosen) < min(k, n):
        value = config.mmr_lambda * scaled - (1 - config.mmr_lambda) * redundancy
        # Tiers before value: a normal sentence beats a near-duplicate, which beats a fragment.
        tier = np.where(~finite, 2, np.where(redundancy >= config.duplicate_cosine, 1, 0))
        order = np.lexsort((-value, tier))
        pick = next(int(i) for i in order if int(i) not in taken)
        similarity = _similarity_to(vectors, pick)
        redundancy = similarity if not chosen else np.maximum(redundancy, similarity)
        chosen.append(pick)
        taken.add(pick)
    return sorted(chosen)


def scale_scores(score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Scores scaled to 0..1 over the finite ones (those -inf score 0), and which were finite; when
    none is, every sentence counts as finite with an equal score."""
    finite = np.isfinite(score)
    if not finite.any():
        return np.ones(len(score)), np.ones(len(score), dtype=bool)
    low, high = score[finite].min(), score[finite].max()
    return np.where(finite, (score - low) / (high - low) if high > low else 1.0, 0.0), finite


def _similarity_to(vectors: Vectors, row: int) -> np.ndarray:
    """Cosine similarity of every row with one row (the rows are unit length)."""
    if isinstance(vectors, np.ndarray):
        return vectors @ vectors[row]
    return np.asarray((vectors @ vectors[row].T).todense()).ravel()  # sparse TF-IDF rows
