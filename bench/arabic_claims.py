"""Arabic names and places traced as claims: recall and precision against hand labels, beside the old
extractor (glossary names only) run on the same sentences in the same run.

Labels: ``tests/data/claims/arabic_entities.jsonl``, one line per sentence of the ANT corpus articles in
``../shared/eval/ar_summaries.jsonl`` (BBC/CNN Arabic: the text is not copied into the repository; each
label names the article, the sentence's offsets and the SHA-1 of its text, and the entities' offsets
with an English gloss written by the labeller). First 60 sentences: the lead sentence of the first 60
middleEast/internationalNews articles in id order, alternately "dev" (rules tuned on these) and "test"
(labelled at the same time, never looked at while tuning), persons and places only; a place inside an
organisation's name (نيويورك تايمز) is not labelled a place; facilities are not labelled. Then 41 more
"dev" sentences (session 5), labelled from their text before any extractor ran on them: the lead
sentence of the other 28 middleEast/internationalNews articles (one left out: its "sentence" is a whole
article, 1,816 characters) and of the 14 economy articles, with organisations too (named bodies:
ministries, companies, parties, media, courts; "the Syrian army" or "the Qatari government" is none).
A row's ``kinds`` names the kinds labelled in it (persons and places where absent): organisation
figures count those rows only, and the 30 first dev rows were labelled for organisations then too.

A label counts as found when a mention of the same kind overlaps it. Precision: person/place mentions
inside the sentence that overlap a label of their kind. The extractor reads the whole article (a name
found once is recognised again later), as the pipeline does.

    python bench/arabic_claims.py [--eval-dir DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarise.claims.arabic import arabic_mentions  # noqa: E402
from summarise.claims.glossary import load_glossary  # noqa: E402

LABELS = ROOT / "tests" / "data" / "claims" / "arabic_entities.jsonl"
KINDS = ("person", "place", "organisation")
LABELLED = ("person", "place")  # a row without "kinds"


def load_items(eval_dir: Path) -> list[tuple[dict, str]] | None:
    data = eval_dir / "ar_summaries.jsonl"
    if not data.is_file():
        return None
    articles = {}
    for line in data.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        articles[row["id"]] = row
    items = []
    for row, line in enumerate(LABELS.read_text(encoding="utf-8").splitlines()):
        label = json.loads(line) | {"row": row}
        article = articles[label["article"]]
        sentence = article["article"][label["start"]:label["end"]]
        if hashlib.sha1(sentence.encode()).hexdigest() != label["sha1"]:
            raise SystemExit(f"{label['article']}: the labelled sentence's text changed (SHA-1 differs)")
        items.append((label, article["article"]))
    return items


# The extractor before Arabic names and places were traced (glossary names only), pinned: "HEAD" was
# the baseline while the change was uncommitted, and became the new extractor itself once committed.
BASELINE_COMMIT = "5a66c7dbe2d39fa55351caa8eb8ffdb1fd0dff7f"


def old_extractor():
    """The extractor at BASELINE_COMMIT (``git show``), loaded beside the new one; None when git or
    that commit is not at hand (e.g. a shallow clone)."""
    where = f"{BASELINE_COMMIT}:summarise/claims/arabic.py"
    try:
        source = subprocess.run(["git", "-C", str(ROOT), "show", where], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    spec = importlib.util.spec_from_loader("summarise.claims._arabic_baseline", loader=None)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "summarise.claims"
    exec(compile(source, where, "exec"), module.__dict__)
    return module.arabic_mentions


GROUPS = ("dev", "dev-new", "test")  # dev-new: the 41 dev sentences labelled in session 5 (also in dev)
FIRST_ROWS = 60  # the labels' first rows: the 30 dev and 30 test sentences of session 4


def score(items, extract, glossary) -> dict[str, dict[str, list[int]]]:
    """Per group and kind: [gold, found, predicted, right]. "all" is persons and places (as before
    organisations were labelled), so that it compares across the splits."""
    cache: dict[str, list] = {}
    counts = {group: {k: [0, 0, 0, 0] for k in (*KINDS, "all")} for group in GROUPS}
    for label, text in items:
        if label["article"] not in cache:
            cache[label["article"]] = [m for m in extract(text, glossary) if m.kind in KINDS]
        mentions = [m for m in cache[label["article"]] if label["start"] <= m.start < label["end"]]
        gold = label["entities"]
        labelled = label.get("kinds", LABELLED)
        groups = [label["split"]] + (["dev-new"] if label["row"] >= FIRST_ROWS else [])
        for kind in (*KINDS, "all"):
            if kind != "all" and kind not in labelled:
                continue
            kinds = LABELLED if kind == "all" else (kind,)
            wanted = [g for g in gold if g["kind"] in kinds]
            said = [m for m in mentions if m.kind in kinds]
            for group in groups:
                row = counts[group][kind]
                row[0] += len(wanted)
                row[1] += sum(any(m.kind == g["kind"] and _overlap(m, g) for m in said) for g in wanted)
                row[2] += len(said)
                row[3] += sum(any(m.kind == g["kind"] and _overlap(m, g) for g in gold) for m in said)
    return counts


def _overlap(mention, label: dict) -> bool:
    return mention.start < label["end"] and label["start"] < mention.end


def dev_errors(items, glossary) -> None:
    for label, text in items:
        labelled = label.get("kinds", LABELLED)
        mentions = [m for m in arabic_mentions(text, glossary) if m.kind in labelled and label["start"] <= m.start < label["end"]]
        for g in label["entities"]:
            if not any(m.kind == g["kind"] and m.start < g["end"] and g["start"] < m.end for m in mentions):
                print(f"miss  {g['kind']:6} {text[g['start']:g['end']]}  [{label['article']}]")
        for m in mentions:
            if not any(m.kind == g["kind"] and m.start < g["end"] and g["start"] < m.end for g in label["entities"]):
                print(f"false {m.kind:6} {m.text}  [{label['article']}]")


def report(name: str, counts) -> None:
    for split in GROUPS:
        if not counts[split]["all"][0]:
            continue
        cells = []
        for kind in (*KINDS, "all"):
            gold, found, predicted, right = counts[split][kind]
            recall = found / gold if gold else float("nan")
            precision = right / predicted if predicted else float("nan")
            cells.append(f"{kind} R {recall:.3f} ({found}/{gold}) P {precision:.3f} ({right}/{predicted})")
        print(f"{name:4} {split:7} | " + " | ".join(cells))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--dev-only", action="store_true", help="leave the test sentences out (while tuning)")
    parser.add_argument("--dev-errors", action="store_true", help="list the dev sentences' misses and false finds")
    args = parser.parse_args()
    items = load_items(args.eval_dir)
    if items is None:
        print(f"skipped: {args.eval_dir / 'ar_summaries.jsonl'} is absent (the ANT articles are not in the repository)")
        return 0
    glossary = load_glossary()
    if args.dev_only or args.dev_errors:
        items = [(label, text) for label, text in items if label["split"] == "dev"]
    if args.dev_errors:
        dev_errors(items, glossary)
        return 0
    print(f"{len(items)} labelled sentences; {platform.node()} {platform.processor() or platform.machine()}; "
          f"{time.strftime('%Y-%m-%d %H:%M:%S %Z')}")
    started = time.perf_counter()
    new = score(items, arabic_mentions, glossary)
    elapsed = time.perf_counter() - started
    old = old_extractor()
    if old is not None:
        report("old", score(items, old, glossary))
    else:
        print(f"old: not measured (git or {BASELINE_COMMIT[:7]}:summarise/claims/arabic.py unavailable)")
    report("new", new)
    for split in ("dev", "test"):
        if old is not None:
            before = score(items, old, glossary)[split]["all"]
            after = new[split]["all"]
            if before[1] and after[0]:
                print(f"{split}: recall x{(after[1] / after[0]) / (before[1] / before[0]):.1f} of the old extractor's")
    print(f"new extractor: {elapsed:.2f} s for {len({label['article'] for label, _ in items})} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
