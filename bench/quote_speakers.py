"""Who said a quote: the checker against summary sentences that copy a quote with its speaker (faithful)
and the same sentences with the speaker swapped for another person the article names in full.

Items: the en_summaries articles of one half (bench/claims.py's split): every article sentence holding an
attributed quote, checked alone as a one-sentence summary with the sentence model and the learned judges
(faithful), and its twin with the speaker replaced (unfaithful); reference-summary sentences with an
attributed quote (faithful). Prints how many were flagged, and how many for a misattributed quote (the
source names someone else as the speaker: flagged whatever the judge says).

    python bench/quote_speakers.py [--split test|tune] [--eval-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from claims import DEFAULT_EVAL_DIR, article_split, read_jsonl  # noqa: E402

from summarise.claims.check import build_sources, check_many  # noqa: E402
from summarise.claims.glossary import load_glossary  # noqa: E402
from summarise.claims.paraphrase import embedded_similarity  # noqa: E402
from summarise.segment import from_text, segment  # noqa: E402
from summarise.segment.sentences import split_sentences  # noqa: E402

_QUOTE_MARKS = ('"', "“", "'")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("test", "tune"), default="test")
    parser.add_argument("--eval-dir", default=os.environ.get("SUMMARISE_EVAL_DIR"))
    args = parser.parse_args()
    folder = Path(args.eval_dir) if args.eval_dir else DEFAULT_EVAL_DIR
    if not (folder / "en_summaries.jsonl").exists():
        print(f"SKIP: {folder / 'en_summaries.jsonl'} is absent (pass --eval-dir or set SUMMARISE_EVAL_DIR)")
        return 0
    glossary = load_glossary()
    similarity = embedded_similarity()
    rows = [r for r in read_jsonl(folder / "en_summaries.jsonl", None) if article_split(r["id"]) == args.split]
    articles = [segment(from_text(r["article"]), language="en") for r in rows]
    sources = build_sources(articles, glossary)
    items = []  # (article, sentence, "article" | "reference")
    for k, (article, row) in enumerate(zip(articles, rows)):
        items += [(k, article.body[s.start:s.end], "article") for s in article.sentences]
        items += [(k, row["reference_summary"][s:e], "reference")
                  for s, e in split_sentences(row["reference_summary"], "en")]
    items = [item for item in items if any(mark in item[1] for mark in _QUOTE_MARKS)]
    results = check_many([articles[k] for k, _, _ in items], [[t] for _, t, _ in items], glossary,
                         sources=[sources[k] for k, _, _ in items], similarity=similarity)
    rng = random.Random(7)
    counts = {"article": [0, 0, 0], "reference": [0, 0, 0]}  # sentences, flagged, misattributed
    swapped = []
    for (k, text, how), result in zip(items, results):
        quotes = [v for s in result.sentences for v in s.verdicts if v.mention.kind == "quote" and v.mention.speaker]
        if not quotes:
            continue
        counts[how][0] += 1
        counts[how][1] += not result.consistent
        counts[how][2] += any(v.misattributed for v in quotes)
        speaker = quotes[0].mention.speaker
        if how != "article" or speaker not in text:
            continue
        others = sorted({m.text for m in sources[k].mentions if m.kind == "person" and len(m.text.split()) >= 2
                         and m.text.split()[-1].lower() not in speaker.lower()
                         and speaker.split()[-1].lower() not in m.text.lower()})
        if others:
            swapped.append((k, text.replace(speaker, rng.choice(others), 1)))
    twins = check_many([articles[k] for k, _ in swapped], [[t] for _, t in swapped], glossary,
                       sources=[sources[k] for k, _ in swapped], similarity=similarity)
    print(f"en_summaries {args.split} half: {len(rows)} articles")
    for how, (n, flagged, wrong) in counts.items():
        print(f"faithful {how} sentences with an attributed quote: {n}; flagged {flagged}; misattributed {wrong}")
    flagged = sum(not r.consistent for r in twins)
    wrong = sum(any(v.misattributed for s in r.sentences for v in s.verdicts) for r in twins)
    print(f"speaker swapped for another person of the article: {len(twins)}; flagged {flagged}; misattributed {wrong}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
