"""Shared pieces of the summary benchmarks: the eval sets, their halves, ROUGE, and the result table.

The eval sets are third-party data in ``../shared/eval`` (never copied into the repository). Each set
is split once into two halves, stratified by source dataset and ordered by a hash of the item id, so
the split is fixed and independent of file order: the "dev" half is the one the extractive weights
were tuned on, the "held-out" half was only looked at to report.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rouge_arabic import ArabicRougeTokenizer

from summarise.records import Article
from summarise.segment import from_text, segment

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL_DIR = ROOT.parent / "shared" / "eval"
ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")


@dataclass(frozen=True)
class EvalSet:
    language: str
    file: str
    sentences: int  # summary length the reference suggests: Lead-N uses the same N
    note: str


EVAL_SETS = {
    "en": EvalSet("en", "en_summaries.jsonl", 3, "rouge-score, Porter stemmer on, default tokenizer"),
    "ar": EvalSet(
        "ar",
        "ar_summaries.jsonl",
        1,
        "rouge-score, Arabic-keeping tokenizer (alef/taa/yaa/diacritics normalised), no stemmer",
    ),
}


@dataclass(frozen=True)
class Item:
    id: str
    dataset: str
    article: Article
    reference: str  # sentences joined by newlines, as rougeLsum expects
    half: str  # "dev" or "held-out"


def eval_dir(explicit: str | None) -> Path | None:
    """The eval folder, or None (after saying why) when it is absent: the benchmark then skips."""
    path = Path(explicit or os.environ.get("SUMMARISE_EVAL_DIR") or DEFAULT_EVAL_DIR)
    if not path.is_dir():
        print(f"SKIP: eval data folder {path} is absent (pass --eval-dir or set SUMMARISE_EVAL_DIR)")
        return None
    return path


def halves(ids_and_datasets: Sequence[tuple[str, str]]) -> list[str]:
    """'dev'/'held-out' per item: within each dataset, items in hash order alternate between halves."""
    by_dataset: dict[str, list[int]] = {}
    for position, (_, dataset) in enumerate(ids_and_datasets):
        by_dataset.setdefault(dataset, []).append(position)
    labels = [""] * len(ids_and_datasets)
    for positions in by_dataset.values():
        positions.sort(key=lambda p: hashlib.sha1(ids_and_datasets[p][0].encode("utf-8")).hexdigest())
        for rank, position in enumerate(positions):
            labels[position] = "dev" if rank % 2 == 0 else "held-out"
    return labels


def split_reference(text: str, language: str) -> str:
    if language == "en":
        import pysbd

        segmenter = pysbd.Segmenter(language="en", clean=False)
        return "\n".join(s.strip() for s in segmenter.segment(text) if s.strip())
    return text.strip()  # the Arabic references are one sentence


def load_items(directory: Path, eval_set: EvalSet, quick: bool) -> list[Item]:
    path = directory / eval_set.file
    if not path.exists():
        print(f"SKIP: {path} is absent")
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    labels = halves([(row["id"], row.get("dataset") or eval_set.language) for row in rows])
    if quick:  # the halves are fixed on the whole file first, so a quick run's "dev" is a part of dev
        rows, labels = rows[::4], labels[::4]
    items = []
    for row, half in zip(rows, labels, strict=True):
        article = segment(from_text(row["article"]), language=eval_set.language)
        reference = split_reference(row["reference_summary"], eval_set.language)
        items.append(Item(row["id"], row.get("dataset") or eval_set.language, article, reference, half))
    return items


def scorer_for(language: str):
    from rouge_score import rouge_scorer

    if language == "en":
        return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), tokenizer=ArabicRougeTokenizer())


@dataclass
class MethodResult:
    name: str
    scores: list[tuple[float, float, float]]  # per item, F1 x 100, in item order
    words: list[int]  # words in each summary
    seconds: list[float] | None = None  # per-article time, when timed

    @property
    def means(self) -> tuple[float, float, float]:
        return _mean(self.scores)


def score_picks(
    name: str, items: Sequence[Item], picks: Sequence[Sequence[int]], scorer, seconds: list[float] | None = None
) -> MethodResult:
    """Score summaries given as article sentence indices (any order; read in article order)."""
    scores, words = [], []
    for item, chosen in zip(items, picks, strict=True):
        texts = [item.article.sentences[i].text for i in sorted(chosen)]
        result = scorer.score(item.reference, "\n".join(texts))
        scores.append(tuple(100 * result[kind].fmeasure for kind in ROUGE_TYPES))
        words.append(sum(len(t.split()) for t in texts))
    return MethodResult(name, scores, words, seconds)


def lead(items: Sequence[Item], n: int) -> list[list[int]]:
    return [list(range(min(n, len(item.article.sentences)))) for item in items]


def _mean(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    return tuple(statistics.fmean(column) for column in zip(*rows, strict=True)) if rows else (0.0, 0.0, 0.0)


def print_table(title: str, items: Sequence[Item], results: Sequence[MethodResult], baseline: str) -> None:
    """One block per subset (full, dev, held-out): mean F1 x100 and the difference to the baseline."""
    by_name = {r.name: r for r in results}
    width = max(len(r.name) for r in results) + 2
    print(f"\n{title}")
    subsets = [("full", None), ("dev", "dev"), ("held-out", "held-out")]
    for label, half in subsets:
        keep = [i for i, item in enumerate(items) if half is None or item.half == half]
        base = _mean([by_name[baseline].scores[i] for i in keep])
        print(f"  [{label}] n={len(keep)}")
        print(
            f"    {'method':<{width}} {'R1':>6} {'R2':>6} {'RLsum':>6}   {'dR1':>6} {'dR2':>6} {'dRLsum':>6}  {'words':>5}  {'ms/art':>7}"
        )
        for result in results:
            means = _mean([result.scores[i] for i in keep])
            deltas = [m - b for m, b in zip(means, base, strict=True)]
            words = statistics.fmean(result.words[i] for i in keep) if keep else 0.0
            timing = f"{1000 * statistics.fmean(result.seconds[i] for i in keep):7.1f}" if result.seconds else "      -"
            print(
                f"    {result.name:<{width}} {means[0]:6.2f} {means[1]:6.2f} {means[2]:6.2f}   "
                f"{deltas[0]:+6.2f} {deltas[1]:+6.2f} {deltas[2]:+6.2f}  {words:5.1f}  {timing}"
            )


def paired_gap(a: MethodResult, b: MethodResult, keep: Sequence[int]) -> str:
    """Mean per-item difference a - b with its standard error, per ROUGE type: is a gap more than noise?"""
    parts = []
    for column, kind in enumerate(("R1", "R2", "RLsum")):
        diffs = [a.scores[i][column] - b.scores[i][column] for i in keep]
        se = statistics.stdev(diffs) / len(diffs) ** 0.5 if len(diffs) > 1 else float("nan")
        parts.append(f"{kind} {statistics.fmean(diffs):+.2f}±{se:.2f}")
    return ", ".join(parts)


def machine_line() -> str:
    import torch

    return (
        f"{datetime.now().isoformat(timespec='seconds')} | {platform.node()} {platform.machine()} | "
        f"{os.cpu_count()} CPUs, torch {torch.__version__} threads={torch.get_num_threads()} | "
        f"cuda={'yes' if torch.cuda.is_available() else 'no'} | python {sys.version.split()[0]}"
    )

