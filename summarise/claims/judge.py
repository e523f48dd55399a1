"""The learned judge: is one English summary sentence supported by its source?

A logistic regression over what the checker already measures for the sentence: the embedded sentence
model's cosine to its closest source sentence and to the closest two read together, how much of its
content one source sentence (and the best two) covers in the same words, words found nowhere in the
source, negation present on one side only, and its claims that the checker could not support, by sort
and by why (absent from the source, or there but said of another thing). Trained by
``bench/train_judge.py`` on synthetic pairs from the tune articles (faithful compressions and merges,
same-article swaps, negations) and the tune half of QAGS; its weights are ``data/judge.json``.

A summary is as strong as its weakest sentence (SummaC's rule): ``check.py`` flags a summary when the
judge puts any sentence below the threshold chosen on the tune split. The judge needs the sentence
model; without it (not installed), and for other languages, the hand-set word test decides.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from ..errors import ConfigError
from .mention import family
from .support import Coverage, Verdict

FEATURES = (
    "cosine", "cosine_merged", "words", "pairs", "merged_words", "merged_pairs", "novel_share", "length",
    "claims", "number_absent", "number_elsewhere", "date_absent", "date_elsewhere", "name_absent",
    "name_elsewhere", "quote_unsupported", "negation_added", "negation_dropped",
)
WEIGHTS_FILE = "judge.json"


def sentence_features(
    verdicts: Sequence[Verdict],
    coverage: Coverage,
    merged: Coverage,
    content_words: int,
    cosine: float,
    cosine_merged: float,
    negation: tuple[bool, bool, bool],
) -> tuple[float, ...]:
    """The judge's inputs for one sentence, in ``FEATURES`` order. ``negation``: (the summary sentence
    negates, any of the source sentences it is closest to negates, every one of them does)."""
    counts = {name: 0 for name in FEATURES[9:16]}
    for verdict in verdicts:
        if verdict.supported:
            continue
        kind = family(verdict.mention.kind)
        if kind == "quote":
            counts["quote_unsupported"] += 1
        else:
            counts[f"{kind}_{'absent' if verdict.absent else 'elsewhere'}"] += 1
    said, in_some, in_all = negation
    return (
        cosine, cosine_merged, coverage.words, coverage.pairs, merged.words, merged.pairs,
        len(coverage.novel) / max(content_words, 1), math.log1p(content_words), math.log1p(len(verdicts)),
        *(float(min(counts[name], 2)) for name in FEATURES[9:16]),
        float(said and not in_some), float(in_all and not said),
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


@functools.cache
def load_judge() -> Judge:
    """The shipped judge (summarise/claims/data/judge.json)."""
    try:
        text = resources.files(__package__).joinpath("data", WEIGHTS_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"the claim judge's weights ({WEIGHTS_FILE}) are missing", "reinstall summarise") from None
    return judge_from_dict(json.loads(text))
