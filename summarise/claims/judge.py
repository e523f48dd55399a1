"""The learned judges: is one English summary sentence supported by its source?

A logistic regression over what the checker already measures for the sentence: the embedded sentence
model's cosine to its closest source sentence and to the closest two read together, how much of its
content one source sentence (and the best two) covers in the same words, words found nowhere in the
source, negation present on one side only, its claims that the checker could not support, by sort
and by why (absent from the source, or there but said of another thing), and where its claims and its
subject sit (placement.py): how much further from the sentence, by the sentence model, the source
sentences holding them are than its closest one. Trained by ``bench/train_judge.py`` on synthetic
pairs from the tune articles (faithful compressions and merges, same-article swaps, negations) and
the tune half of QAGS; its weights are ``data/judge.json``.

There are two (``Judges``), one per summary style (``summary_style``), each with its own weights and
threshold chosen on the QAGS tune summaries of that style: the extractive judge, for summaries that
copy the article; the abstractive one, trained on human reference summary sentences and their swapped
twins as well (abstractive: few words in common with any one source sentence), which leans on the
sentence model's cosine far less than the extractive one and on where the claims sit more.

A summary is as strong as its weakest sentence (SummaC's rule): ``check.py`` flags a summary when its
judge puts any sentence below that judge's threshold. The judges need the sentence model; without it
(not installed), and for other languages, the hand-set word test decides.
"""

from __future__ import annotations

import functools
import json
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from ..errors import ConfigError
from .mention import family
from .support import Coverage, Verdict

FEATURES = (
    "cosine", "cosine_merged", "words", "pairs", "merged_words", "merged_pairs", "novel_share", "length",
    "claims", "number_absent", "number_elsewhere", "date_absent", "date_elsewhere", "name_absent",
    "name_elsewhere", "quote_unsupported", "negation_added", "negation_dropped", "name_gap", "value_gap",
    "subject_gap",
)
WEIGHTS_FILE = "judge.json"


def sentence_features(
    verdicts: Sequence[Verdict],
    coverage: Coverage,
    merged: Coverage,
    content_words: int,
    cosine: float,
    cosine_merged: float,
    negation: tuple[bool, bool],
    placement: tuple[float, float, float],
) -> tuple[float, ...]:
    """The judge's inputs for one sentence, in ``FEATURES`` order. ``negation``: (a negation added, one
    dropped) by negation.negation_change;
    ``placement``: (names, numbers and dates, its subject) how much further from the sentence, by the
    sentence model, the source sentences holding its claims are than its closest one (placement.placement_gaps)."""
    counts = {name: 0 for name in FEATURES[9:16]}
    for verdict in verdicts:
        if verdict.supported:
            continue
        kind = family(verdict.mention.kind)
        if kind == "quote":
            counts["quote_unsupported"] += 1
        else:
            counts[f"{kind}_{'absent' if verdict.absent else 'elsewhere'}"] += 1
    added, dropped = negation
    return (
        cosine, cosine_merged, coverage.words, coverage.pairs, merged.words, merged.pairs,
        len(coverage.novel) / max(content_words, 1), math.log1p(content_words), math.log1p(len(verdicts)),
        *(float(min(counts[name], 2)) for name in FEATURES[9:16]),
        float(added), float(dropped), *placement,
    )


@dataclass(frozen=True)
class Judge:
    """A logistic regression on standardised features; ``threshold``: the probability of "supported"
    below which a sentence is flagged. ``veto``: claim families ("number", "name"; "absent-name": a
    name found nowhere in the source) whose unsupported claim flags a sentence whatever the judge says
    (chosen on the tune split: a wrong number is a wrong number)."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    veto: tuple[str, ...] = ()

    def probability(self, features: Sequence[float]) -> float:
        terms = zip(self.weights, features, self.mean, self.scale, strict=True)
        z = self.bias + sum(w * (x - m) / s for w, x, m, s in terms)
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def to_dict(self) -> dict:
        return {"features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                "weights": list(self.weights), "bias": self.bias, "threshold": self.threshold, "veto": list(self.veto)}


def judge_from_dict(data: dict) -> Judge:
    try:
        judge = Judge(tuple(data["features"]), tuple(data["mean"]), tuple(data["scale"]), tuple(data["weights"]),
                      float(data["bias"]), float(data["threshold"]), tuple(data.get("veto", ())))
    except (KeyError, TypeError, ValueError) as error:
        raise ConfigError(f"the claim judge's weights are malformed ({error!r})", "reinstall summarise") from None
    if judge.features != FEATURES or not len(judge.mean) == len(judge.scale) == len(judge.weights) == len(FEATURES):
        raise ConfigError("the claim judge's weights were trained on other features than this version computes",
                          "reinstall summarise, or retrain with bench/train_judge.py")
    return judge


# A summary of at least two sentences whose median sentence has this share of its content words in
# one source sentence copies the article (an extractive or CNN/DM-style summary); others are
# abstractive (one-sentence XSum-style summaries, rewritten highlights). On the QAGS tune summaries
# the CNN/DM system summaries sit mostly above 0.75 and the XSum ones mostly below.
EXTRACTIVE_MIN_SENTENCES = 2
EXTRACTIVE_COVERAGE = 0.75


def summary_style(coverages: Sequence[float]) -> str:
    """"extractive" or "abstractive", from the word coverage of each of a summary's sentences."""
    if len(coverages) >= EXTRACTIVE_MIN_SENTENCES and statistics.median(coverages) >= EXTRACTIVE_COVERAGE:
        return "extractive"
    return "abstractive"


@dataclass(frozen=True)
class Judges:
    """One judge per summary style: a summary that copies the article and one that rewrites it look
    different sentence by sentence, so each style has its own weights and threshold."""

    extractive: Judge
    abstractive: Judge

    def for_summary(self, coverages: Sequence[float]) -> Judge:
        return self.extractive if summary_style(coverages) == "extractive" else self.abstractive

    def to_dict(self) -> dict:
        return {"extractive": self.extractive.to_dict(), "abstractive": self.abstractive.to_dict()}


def judges_from_dict(data: dict) -> Judges:
    if not isinstance(data, dict) or not isinstance(data.get("extractive"), dict) or not isinstance(data.get("abstractive"), dict):
        raise ConfigError("the claim judge's weights are malformed (no extractive and abstractive judges)",
                          "reinstall summarise, or retrain with bench/train_judge.py")
    return Judges(judge_from_dict(data["extractive"]), judge_from_dict(data["abstractive"]))


@functools.cache
def load_judge() -> Judges:
    """The shipped judges (summarise/claims/data/judge.json)."""
    try:
        text = resources.files(__package__).joinpath("data", WEIGHTS_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"the claim judge's weights ({WEIGHTS_FILE}) are missing", "reinstall summarise") from None
    return judges_from_dict(json.loads(text))
