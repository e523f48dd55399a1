"""Ablations behind the extractive summariser's weights: what closes the gap to Lead-N, and what doesn't.

Sentence vectors are computed once per article (MiniLM through the library's own loader, TF-IDF
through the library's own function); every variant then runs the library's scoring and MMR selection
(summarise.summarisers.extractive) with one thing changed. Rows show full / dev / held-out ROUGE
(R1 R2 RLsum, F1 x100) and the full-set difference to Lead-N computed in the same run. The weight grid
at the end is searched on the dev half only; its held-out column is what the choice is worth.

    python bench/extractive_ablations.py [--quick] [--lang en|ar|all] [--eval-dir DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import statistics
import time
from collections.abc import Callable, Sequence

import numpy as np
from summary_eval import (
    EVAL_SETS,
    Item,
    MethodResult,
    eval_dir,
    lead,
    load_items,
    machine_line,
    score_picks,
    scorer_for,
)

from summarise.models.registry import load_registry
from summarise.models.store import locate
from summarise.settings import Settings
from summarise.summarisers.extractive import (
    DEFAULT_CONFIG,
    ExtractiveConfig,
    select_mmr,
    sentence_scores,
    sentence_vectors,
)
from summarise.summarisers.lexical import tfidf_vectors, word_count

_DIGIT = re.compile(r"\d")
_QUOTE = re.compile(r"[\"“”]|^'|'$|\s'\w")


@dataclasses.dataclass
class Prepared:
    texts: list[str]
    words: np.ndarray
    minilm: np.ndarray | None
    tfidf: np.ndarray
    tfidf_plain: np.ndarray  # without the Arabic normalisation (a language code with no rules)


def prepare(items: Sequence[Item], language: str, with_minilm: bool) -> list[Prepared]:
    settings = Settings(offline=True)
    local = locate(load_registry().get("minilm-extractive"), settings) if with_minilm else None
    start = time.perf_counter()
    prepared = []
    for item in items:
        texts = [s.text for s in item.article.sentences]
        minilm = sentence_vectors(texts, local, settings, language) if local is not None else None
        prepared.append(
            Prepared(
                texts,
                np.array([word_count(t) for t in texts], dtype=float),
                minilm,
                tfidf_vectors(texts, language),
                tfidf_vectors(texts, "und"),
            )
        )
    print(f"{language}: vectors for {len(items)} articles in {time.perf_counter() - start:.1f} s")
    return prepared


def by_config(config: ExtractiveConfig, k: int, vectors: str = "minilm", extra=None) -> Callable[[Prepared], list[int]]:
    """The library's score (+ an optional extra term per sentence) and MMR, on the chosen vectors."""

    def pick(p: Prepared) -> list[int]:
        v = getattr(p, vectors)
        if len(v) <= k:
            return list(range(len(v)))
        score = sentence_scores(v, p.words, config)
        if extra is not None:
            score = score + extra(p, v)
        return select_mmr(score, v, k, config)

    return pick


def pacsum_relevance(p: Prepared, v: np.ndarray, weight: float) -> np.ndarray:
    """Swap the centroid term for PacSum's directed centrality (Zheng & Lapata 2019): edges to later
    sentences count +1, to earlier ones -2, similarities thresholded at 30% of their range."""
    eligible = p.words >= DEFAULT_CONFIG.min_words
    similarity = v @ v.T
    np.fill_diagonal(similarity, 0.0)
    low, high = similarity.min(), similarity.max()
    edges = np.maximum(similarity - (low + 0.3 * (high - low)), 0.0)
    n = len(v)
    centrality = np.array([edges[i, i + 1 :].sum() - 2.0 * edges[i, :i].sum() for i in range(n)])
    centroid = v[eligible].mean(axis=0) if eligible.any() else v.mean(axis=0)
    cosine = v @ (centroid / (np.linalg.norm(centroid) or 1.0))

    def z(x: np.ndarray) -> np.ndarray:
        sd = x[eligible].std() if eligible.any() else 0.0
        return (x - x[eligible].mean()) / sd if sd > 0 else np.zeros(n)

    return weight * (z(centrality) - z(cosine))  # remove the centroid term, add the centrality one


def force_first(p: Prepared, v: np.ndarray) -> np.ndarray:
    """Lift sentence 0 to the top score (a tie it wins, as the earliest), leaving the others' scale alone."""
    score = sentence_scores(v, p.words, DEFAULT_CONFIG)
    extra = np.zeros(len(v))
    extra[0] = np.max(score[np.isfinite(score)]) - score[0] if np.isfinite(score[0]) else 0.0
    return extra


def first_version(p: Prepared, k: int = 3) -> list[int]:
    """The summariser as it was before this work: 0.65 raw centroid cosine + 0.35/sqrt(1+i), MMR 0.7."""
    keep = [i for i, w in enumerate(p.words) if w >= 5] or list(range(len(p.words)))
    v = p.minilm[keep]
    if len(keep) <= k:
        return keep
    centroid = v.mean(axis=0)
    relevance = v @ (centroid / (np.linalg.norm(centroid) or 1.0))
    score = 0.65 * relevance + 0.35 / np.sqrt(np.arange(len(keep)) + 1.0)
    similarity = v @ v.T
    chosen: list[int] = []
    while len(chosen) < k:
        redundancy = similarity[:, chosen].max(axis=1) if chosen else np.zeros(len(keep))
        value = 0.7 * score - 0.3 * redundancy
        value[chosen] = -np.inf
        chosen.append(int(np.argmax(value)))
    return [keep[i] for i in chosen]


def oracle(item: Item, p: Prepared, k: int, scorer) -> list[int]:
    """Greedy sentence choice maximising R1+R2 F1 against the reference: the ceiling for extraction."""
    chosen: list[int] = []
    for _ in range(min(k, len(p.texts))):

        def gain(j: int) -> float:
            text = "\n".join(p.texts[i] for i in sorted(chosen + [j]))
            result = scorer.score(item.reference, text)
            return result["rouge1"].fmeasure + result["rouge2"].fmeasure

        chosen.append(max((j for j in range(len(p.texts)) if j not in chosen), key=gain))
    return chosen


def means(result: MethodResult, keep: Sequence[int]) -> np.ndarray:
    return np.array([result.scores[i] for i in keep]).mean(axis=0)


def row(result: MethodResult, items: Sequence[Item], baseline: MethodResult) -> str:
    groups = {
        "full": range(len(items)),
        "dev": [i for i, it in enumerate(items) if it.half == "dev"],
        "held-out": [i for i, it in enumerate(items) if it.half == "held-out"],
    }
    cells = [" ".join(f"{x:5.2f}" for x in means(result, keep)) for keep in groups.values()]
    delta = means(result, groups["full"]) - means(baseline, groups["full"])
    delta_held = means(result, groups["held-out"]) - means(baseline, groups["held-out"])
    words = statistics.fmean(result.words)
    return (
        f"  {result.name:<44} {cells[0]} | {cells[1]} | {cells[2]} | "
        f"{' '.join(f'{d:+5.2f}' for d in delta)} | {' '.join(f'{d:+5.2f}' for d in delta_held)} | {words:5.1f}"
    )


def header(n: int) -> str:
    return (
        f"  {'variant':<44} {'full R1 R2 RLsum':<17} | {'dev R1 R2 RLsum':<17} | {'held-out R1 R2 RLsum':<17} | "
        f"{'d full vs lead-' + str(n):<17} | {'d held-out':<17} | words"
    )


def run(name, items, prepared, picker, scorer) -> MethodResult:
    return score_picks(name, items, [picker(p) for p in prepared], scorer)


def english(items: list[Item], scorer) -> None:
    prepared = prepare(items, "en", with_minilm=True)
    k = 3
    base = score_picks("lead-3", items, lead(items, k), scorer)
    c = DEFAULT_CONFIG
    variants: list[tuple[str, Callable[[Prepared], list[int]]]] = [
        ("first version (sqrt .35 + cosine .65, MMR .7)", first_version),
        ("final: log prior + .2 z(centroid) - .5 log(len)", by_config(c, k)),
        ("  - relevance term (prior + length)", by_config(dataclasses.replace(c, relevance_weight=0.0), k)),
        ("  - length term (prior + relevance)", by_config(dataclasses.replace(c, length_weight=0.0), k)),
        (
            "  - both (prior only, 5-word filter, MMR)",
            by_config(dataclasses.replace(c, relevance_weight=0.0, length_weight=0.0), k),
        ),
        ("  - position prior", by_config(dataclasses.replace(c, position_weight=0.0), k)),
        ("  - MMR and duplicate cut", by_config(dataclasses.replace(c, mmr_lambda=1.0, duplicate_cosine=1.01), k)),
        ("  min_words 0 (no fragment filter)", by_config(dataclasses.replace(c, min_words=0), k)),
        ("  min_words 8", by_config(dataclasses.replace(c, min_words=8), k)),
        ("  prior 1/sqrt(1+i), weight 1", by_config(dataclasses.replace(c, prior="sqrt"), k)),
        ("  prior 1/sqrt(1+i), weight 2", by_config(dataclasses.replace(c, prior="sqrt", position_weight=2.0), k)),
        ("  prior weight 0.8", by_config(dataclasses.replace(c, position_weight=0.8), k)),
        ("  prior weight 1.25", by_config(dataclasses.replace(c, position_weight=1.25), k)),
        ("  relevance weight 0.1", by_config(dataclasses.replace(c, relevance_weight=0.1), k)),
        ("  relevance weight 0.3", by_config(dataclasses.replace(c, relevance_weight=0.3), k)),
        ("  length weight 0.25", by_config(dataclasses.replace(c, length_weight=0.25), k)),
        ("  length weight 0.75", by_config(dataclasses.replace(c, length_weight=0.75), k)),
        ("  MMR lambda 0.7", by_config(dataclasses.replace(c, mmr_lambda=0.7), k)),
        ("  + force first sentence", by_config(c, k, extra=force_first)),
        (
            "  + 0.2 if the sentence has a number",
            by_config(c, k, extra=lambda p, v: 0.2 * np.array([bool(_DIGIT.search(t)) for t in p.texts])),
        ),
        (
            "  - 0.2 if the sentence quotes",
            by_config(c, k, extra=lambda p, v: -0.2 * np.array([bool(_QUOTE.search(t)) for t in p.texts])),
        ),
        (
            "  PacSum directed centrality for centroid",
            by_config(c, k, extra=lambda p, v: pacsum_relevance(p, v, c.relevance_weight)),
        ),
        ("  TF-IDF vectors (= lexical-extractive)", by_config(c, k, vectors="tfidf")),
    ]
    results = [run(name, items, prepared, picker, scorer) for name, picker in variants]
    ceiling = score_picks(
        "oracle (greedy R1+R2, upper bound)",
        items,
        [oracle(item, p, k, scorer) for item, p in zip(items, prepared, strict=True)],
        scorer,
    )
    print(f"\nen ablations ({len(items)} items, 3 sentences, stemmer on)")
    print(header(k))
    for result in [base, *results, ceiling]:
        print(row(result, items, base))
    final = by_config(c, k)
    firsts = sum(1 for p in prepared if 0 in final(p))
    print(f"  the final weights keep the first sentence in {firsts}/{len(items)} articles")
    grid(items, prepared, scorer, base, k)


def grid(items, prepared, scorer, base: MethodResult, k: int) -> None:
    """relevance x length weights, chosen on dev by the mean of R1, R2, RLsum deltas to Lead-3."""
    dev = [i for i, it in enumerate(items) if it.half == "dev"]
    held = [i for i, it in enumerate(items) if it.half == "held-out"]
    table = {}
    for rel in (0.0, 0.1, 0.2, 0.3, 0.5):
        for length in (0.0, 0.25, 0.5, 0.75):
            config = dataclasses.replace(DEFAULT_CONFIG, relevance_weight=rel, length_weight=length)
            result = run("grid", items, prepared, by_config(config, k), scorer)
            table[rel, length] = (
                float((means(result, dev) - means(base, dev)).mean()),
                float((means(result, held) - means(base, held)).mean()),
            )
    print("\n  weight grid: mean delta to Lead-3 over R1/R2/RLsum, 'dev / held-out' (rows: relevance, columns: length)")
    print("  " + " " * 6 + "".join(f"{length:>16}" for length in (0.0, 0.25, 0.5, 0.75)))
    for rel in (0.0, 0.1, 0.2, 0.3, 0.5):
        print(
            f"  {rel:>6}"
            + "".join(
                f"{table[rel, length][0]:+7.2f} /{table[rel, length][1]:+6.2f}" for length in (0.0, 0.25, 0.5, 0.75)
            )
        )
    best = max(table, key=lambda key: table[key][0])
    print(f"  dev-best: relevance {best[0]}, length {best[1]} -> held-out {table[best][1]:+.2f}")
    dev_order = sorted(table, key=lambda key: table[key][0])
    held_order = sorted(table, key=lambda key: table[key][1])
    rank = {key: i for i, key in enumerate(held_order)}
    agreement = np.corrcoef(range(len(dev_order)), [rank[key] for key in dev_order])[0, 1]
    print(f"  rank correlation of dev and held-out over the grid: {agreement:+.2f}")


def arabic(items: list[Item], scorer) -> None:
    prepared = prepare(items, "ar", with_minilm=True)
    k = 1
    base = score_picks("lead-1", items, lead(items, k), scorer)
    c = DEFAULT_CONFIG
    centroid_only = dataclasses.replace(c, position_weight=0.0, length_weight=0.0, relevance_weight=1.0)
    variants = [
        ("lexical-extractive (final weights)", by_config(c, k, vectors="tfidf")),
        ("  TF-IDF without Arabic normalisation", by_config(c, k, vectors="tfidf_plain")),
        ("  MiniLM vectors, final weights", by_config(c, k, vectors="minilm")),
        ("centroid only: TF-IDF, Arabic-normalised", by_config(centroid_only, k, vectors="tfidf")),
        ("centroid only: TF-IDF, plain", by_config(centroid_only, k, vectors="tfidf_plain")),
        ("centroid only: MiniLM (an English model)", by_config(centroid_only, k, vectors="minilm")),
    ]
    results = [run(name, items, prepared, picker, scorer) for name, picker in variants]
    every = [list(range(len(p.texts))) for p in prepared]
    chance = MethodResult("chance: mean over all single sentences", [], [])
    for item, sentences in zip(items, every, strict=True):
        single = score_picks("one", [item] * len(sentences), [[j] for j in sentences], scorer)
        chance.scores.append(tuple(np.mean(single.scores, axis=0)))
        chance.words.append(int(np.mean(single.words)))
    ceiling = score_picks(
        "oracle-1 (upper bound)",
        items,
        [oracle(item, p, k, scorer) for item, p in zip(items, prepared, strict=True)],
        scorer,
    )
    print(f"\nar ablations ({len(items)} items, 1 sentence, Arabic tokenizer)")
    print(header(k))
    for result in [base, *results, chance, ceiling]:
        print(row(result, items, base))
    firsts = sum(1 for item, p in zip(items, prepared, strict=True) if by_config(c, k, vectors="tfidf")(p) == [0])
    print(f"  lexical-extractive picks the first sentence in {firsts}/{len(items)} articles")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="every 4th item only (a smoke run)")
    parser.add_argument("--lang", choices=("en", "ar", "all"), default="all")
    parser.add_argument("--eval-dir", help="folder with en_summaries.jsonl / ar_summaries.jsonl")
    args = parser.parse_args()
    directory = eval_dir(args.eval_dir)
    if directory is None:
        return
    print(machine_line())
    for language in ("en", "ar") if args.lang == "all" else (args.lang,):
        items = load_items(directory, EVAL_SETS[language], args.quick)
        if items:
            (english if language == "en" else arabic)(items, scorer_for(language))


if __name__ == "__main__":
    main()
