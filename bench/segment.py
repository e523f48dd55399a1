"""Segmentation quality gate: body-line precision/recall/F1, language accuracy, throughput.

    python bench/segment.py [--articles 1000] [--verbose] [--gate 0.97]
    python bench/segment.py --pages test [--old-tree /tmp/seg-old]   # the raw-page corpus, test half
    python bench/segment.py --html test [--old-tree /tmp/seg-old]    # saved HTML pages (segment_html_corpus.py)

--pages scores the labelled raw-page corpus (bench/segment_corpus.py: pages kept outside the repository)
on one half: body-line F1, title exact match, date and author accuracy, English and Arabic apart, beside
trafilatura on the same pages and, with --old-tree (a checkout of older code, e.g. from
``git worktree add /tmp/seg-old 5a66c7d``, the code before session 4), beside that code. --html scores saved HTML news pages against
their published ground-truth bodies, word by word (bench/segment_html_corpus.py), beside trafilatura's
default extraction and its include_tables + favor_recall setting. --errors lists the wrong lines, and is refused on
the test half (it is for tuning).

Data: ../shared/eval/messy_articles.jsonl (raw_text) and the English/Arabic dev articles
(en_summaries.jsonl / ar_summaries.jsonl, field article). Which lines are body is hand-annotated in
bench/annotations/segment_body_lines.json (line indices and text hashes only, no third-party text).
A naive baseline that keeps every non-empty line is scored in the same run. Throughput segments
--articles articles (cycling through the dev set) after one warm-up pass, so model loading (the
language-id model) is excluded.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
ANNOTATIONS = ROOT / "bench" / "annotations" / "segment_body_lines.json"
SEED = ROOT / "seeds" / "russia-peace-memorandum.txt"
SOURCES = [
    ("messy", "messy_articles.jsonl", "raw_text"),
    ("en", "en_summaries.jsonl", "article"),
    ("ar", "ar_summaries.jsonl", "article"),
]
SEED_EXPECTED = {
    "title": "Russia to offer peace 'memorandum' to Ukraine",
    "standfirst": "Moscow suggests new talks in Istanbul next week",
    "authors": ("Tim Stickings",),
    "published": "2025-05-28",
    "language": "en",
}


def load_dev() -> list[dict]:
    if not EVAL.is_dir():
        print(f"SKIP: the evaluation data folder {EVAL} is absent (it is not shipped with the repository)")
        sys.exit(0)
    annotations = json.loads(ANNOTATIONS.read_text(encoding="utf-8"))["articles"]
    records = []
    for group, filename, field in SOURCES:
        path = EVAL / filename
        if not path.exists():
            print(f"SKIP: {path} is absent")
            sys.exit(0)
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            key = f"{group}:{row['id']}"
            text = row[field]
            note = annotations.get(key)
            if note is None:
                sys.exit(f"{key}: no annotation in {ANNOTATIONS.name}; annotate it before benchmarking")
            if hashlib.sha1(text.encode()).hexdigest()[:16] != note["sha1"]:
                sys.exit(f"{key}: the text differs from the annotated version; re-annotate it")
            records.append({"key": key, "group": group, "lang": row.get("lang"), "text": text, "note": note})
    return records


def gold_body(record: dict) -> set[int]:
    lines = record["text"].split("\n")
    return {i for i, line in enumerate(lines) if line.strip()} - set(record["note"]["not_body"])


def score(gold: set[int], predicted: set[int], total: set[int]) -> tuple[int, int, int]:
    predicted &= total
    return len(gold & predicted), len(predicted - gold), len(gold - predicted)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles to segment for the throughput figure")
    parser.add_argument("--verbose", action="store_true", help="list every line the segmenter got wrong")
    parser.add_argument("--gate", type=float, default=None, help="exit 1 when overall body F1 is below this")
    parser.add_argument("--pages", choices=("tune", "test"), help="score this half of the raw-page corpus instead")
    parser.add_argument("--old-tree", type=Path, help="a checkout of older code to score beside (with --pages)")
    parser.add_argument("--errors", action="store_true", help="list wrong lines and fields (tune half only)")
    parser.add_argument(
        "--html",
        choices=("tune", "test"),
        help="score this half of the HTML page corpus (bench/segment_html_corpus.py)",
    )
    parser.add_argument("--emit", type=Path, help=argparse.SUPPRESS)  # child mode: predictions of the code at PATH
    args = parser.parse_args()
    if args.emit:
        return _emit(args.emit, args.html or args.pages, html=bool(args.html))
    if args.html:
        return html_report(args)
    if args.pages:
        return pages_report(args)

    sys.path.insert(0, str(ROOT))
    from summarise.segment import from_text, read_path, segment

    records = load_dev()
    start = time.perf_counter()
    segment(from_text("Warm-up. This loads the language model once."))
    load_seconds = time.perf_counter() - start

    counts = {
        group: {"ours": [0, 0, 0], "baseline": [0, 0, 0], "lang": [0, 0], "articles": 0} for group, _, _ in SOURCES
    }
    headings_kept = headings_flagged = headings_total = 0
    for record in records:
        article = segment(from_text(record["text"], name=record["key"]))
        lines = record["text"].split("\n")
        total = {i for i, line in enumerate(lines) if line.strip()}
        gold = gold_body(record)
        ours = score(gold, set(article.body_lines), total)
        base = score(gold, set(total), total)
        tally = counts[record["group"]]
        tally["articles"] += 1
        for k in range(3):
            tally["ours"][k] += ours[k]
            tally["baseline"][k] += base[k]
        tally["lang"][0] += article.language == record["lang"]
        tally["lang"][1] += 1
        heading_lines = set(record["note"].get("headings", []))
        if heading_lines:
            paragraph_of_line = _paragraph_lines(article, lines)
            for line in heading_lines:
                headings_total += 1
                headings_kept += line in article.body_lines
                headings_flagged += paragraph_of_line.get(line) in article.headings
        if args.verbose and (ours[1] or ours[2]):
            predicted = set(article.body_lines)
            for i in sorted(total):
                if (i in gold) != (i in predicted):
                    kind = "missed body" if i in gold else "kept furniture"
                    reason = next((d.reason for d in article.dropped if d.line == i), "-")
                    print(f"  {record['key']} line {i}: {kind} (reason {reason}): {lines[i][:70]}")

    # Throughput: --articles segmentations, cycling through the dev set, model already loaded.
    texts = [r["text"] for r in records]
    start = time.perf_counter()
    for n in range(args.articles):
        segment(from_text(texts[n % len(texts)]))
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    for n in range(args.articles):
        [line for line in texts[n % len(texts)].split("\n") if line.strip()]
    baseline_seconds = time.perf_counter() - start

    print("Segmentation quality gate (body lines = non-empty input lines the body keeps)")
    print(
        f"{'set':<8}{'articles':>9}{'lines':>7}  {'P':>6}{'R':>7}{'F1':>7}   {'base P':>7}{'base R':>7}{'base F1':>8}   {'lang acc':>8}"
    )
    overall = {"ours": [0, 0, 0], "baseline": [0, 0, 0], "lang": [0, 0], "articles": 0}
    for group, tally in counts.items():
        _row(group, tally)
        for key in ("ours", "baseline", "lang"):
            overall[key] = [a + b for a, b in zip(overall[key], tally[key])]
        overall["articles"] += tally["articles"]
    _row("all", overall)
    f1 = prf(*overall["ours"])[2]
    base_f1 = prf(*overall["baseline"])[2]
    print(
        f"body F1 {f1:.4f} vs baseline {base_f1:.4f} (x{f1 / base_f1:.3f}); errors: {overall['ours'][1]} furniture lines kept, "
        f"{overall['ours'][2]} body lines dropped"
    )
    if headings_total:
        print(
            f"subheadings: {headings_kept}/{headings_total} kept in the body, {headings_flagged}/{headings_total} flagged as headings"
        )

    seed = segment(read_path(SEED))
    seed_ok = {k: getattr(seed, k) == v for k, v in SEED_EXPECTED.items()}
    seed_ok["body start"] = seed.body.startswith("Russia says it has drafted a peace")
    print(
        f"seed metadata exact: {all(seed_ok.values())} ({', '.join(k for k, ok in seed_ok.items() if not ok) or 'all fields'})"
    )

    rate = args.articles / seconds
    print(
        f"throughput: {args.articles} articles in {seconds:.2f} s = {rate:.0f} articles/s "
        f"(goal: 1,000 in under 20 s); naive line split: {baseline_seconds:.3f} s ({seconds / max(baseline_seconds, 1e-9):.0f}x slower); "
        f"language model load + first article: {load_seconds:.2f} s"
    )
    if args.gate is not None and f1 < args.gate:
        print(f"FAILED: body F1 {f1:.4f} is below the gate {args.gate}")
        return 1
    return 0


def _emit(code_root: Path, split: str, html: bool) -> int:
    """Print, as JSON, what the code under ``code_root`` makes of each page of one half of the raw-page
    corpus (or, with ``html``, of the saved HTML pages)."""
    sys.path.insert(0, str(code_root))
    sys.path.insert(0, str(ROOT / "bench"))
    from summarise.errors import SummariseError
    from summarise.segment import segment

    if html:
        from segment_html_corpus import corpus_dir, manifest, present

        from summarise.segment import read_path

        # The manifest, not load_pages: the child needs only the keys, and scoring the gold here would
        # import the gold scorer's helper from the tree under test (absent from an --old-tree checkout).
        pages = [row for row in manifest() if row["split"] == split and present(row)]
        failed = {"body": ""}

        def predict(page: dict) -> dict:
            return {"body": segment(read_path(corpus_dir() / f"{page['key']}.html")).body}

    else:
        from segment_corpus import load_corpus

        from summarise.segment import from_text

        pages = load_corpus(split) or []
        failed = {"body": [], "title": None, "authors": [], "date": None}

        def predict(page: dict) -> dict:
            a = segment(from_text(page["text"], name=page["key"]))
            return {
                "body": list(a.body_lines),
                "title": a.title,
                "authors": list(a.authors),
                "date": a.published,
                "reasons": {str(d.line): d.reason for d in a.dropped},
            }

    out = []
    for page in pages:
        try:
            out.append({"key": page["key"], **predict(page)})
        except SummariseError as error:
            out.append({"key": page["key"], **failed, "error": str(error)})
    print(json.dumps(out, ensure_ascii=False))
    return 0


def _predict(code_root: Path, mode: str, split: str) -> dict[str, dict]:
    """What the code at ``code_root`` makes of one half of a corpus (``mode``: "--pages" or "--html"),
    run in a child process so that older code can be imported from its own tree."""
    import subprocess

    env = dict(os.environ, PYTHONPATH=str(code_root))
    done = subprocess.run(
        [sys.executable, __file__, "--emit", str(code_root), mode, split],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return {row["key"]: row for row in json.loads(done.stdout.strip().splitlines()[-1])}


def _trafilatura_body(page: dict) -> set[int]:
    """Lines trafilatura keeps when each pasted line is given to it as one <p> of a page (no real HTML here)."""
    import html

    import trafilatura

    lines = page["text"].split("\n")
    doc = (
        "<html><body><article>"
        + "".join(f"<p>{html.escape(line)}</p>" for line in lines if line.strip())
        + "</article></body></html>"
    )
    text = trafilatura.extract(doc, include_tables=True, favor_recall=True, include_comments=False) or ""
    kept = {" ".join(t.split()) for t in text.split("\n") if t.strip()}
    return {i for i, line in enumerate(lines) if line.strip() and " ".join(line.split()) in kept}


def _norm(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None


def _score_pages(pages: list[dict], predictions: dict[str, dict] | None, errors: bool) -> dict[str, dict]:
    from segment_corpus import content_lines, gold_body

    table: dict[str, dict] = {}
    for page in pages:
        t = table.setdefault(
            page["lang"], {"pages": 0, "prf": [0, 0, 0], "title": [0, 0], "date": [0, 0], "author": [0, 0]}
        )
        t["pages"] += 1
        gold, total = gold_body(page), content_lines(page)
        if predictions is None:
            kept, pred = _trafilatura_body(page), None
        else:
            pred = predictions[page["key"]]
            kept = set(pred["body"]) & total
        tp, fp, fn = len(gold & kept), len(kept - gold), len(gold - kept)
        t["prf"] = [t["prf"][0] + tp, t["prf"][1] + fp, t["prf"][2] + fn]
        if pred is None:
            continue
        if page["title"]:
            t["title"][1] += 1
            t["title"][0] += _norm(pred["title"]) == _norm(page["title"])
        if page["date"] != "unknown":
            t["date"][1] += 1
            t["date"][0] += pred["date"] == page["date"]
        t["author"][1] += 1
        t["author"][0] += [_norm(a) for a in pred["authors"]] == ([page["author"]] if page["author"] else [])
        if errors:
            lines = page["text"].split("\n")
            for i in sorted((gold ^ kept) & total):
                kind = "missed body" if i in gold else "kept furniture"
                print(f"  {page['key']} {i}: {kind} ({pred['reasons'].get(str(i), '-')}): {lines[i][:80]}")
            for field, want, got in (
                ("title", page["title"], pred["title"]),
                ("date", page["date"], pred["date"]),
                ("author", page["author"], pred["authors"]),
            ):
                if field == "title" and not want:
                    continue
                if field == "date" and want == "unknown":
                    continue
                ok = (
                    (_norm(got) == _norm(want))
                    if field == "title"
                    else (got == want if field == "date" else [_norm(a) for a in got] == ([want] if want else []))
                )
                if not ok:
                    print(f"  {page['key']} {field}: want {want!r} got {got!r}")
            if pred.get("error"):
                print(f"  {page['key']}: {pred['error']}")
    return table


def pages_report(args) -> int:
    sys.path.insert(0, str(ROOT / "bench"))
    from segment_corpus import corpus_dir, load_corpus

    if args.errors and args.pages == "test":
        sys.exit("--errors is for the tune half: the test half's line errors are not read while tuning")
    pages = load_corpus(args.pages)
    if pages is None:
        print(f"SKIP: the segmentation corpus {corpus_dir()} is absent (it is not shipped with the repository)")
        return 0
    systems = [("ours", _score_pages(pages, _predict(ROOT, "--pages", args.pages), args.errors))]
    if args.old_tree:
        systems.append(("old code", _score_pages(pages, _predict(args.old_tree, "--pages", args.pages), False)))
    systems.append(("trafilatura", _score_pages(pages, None, False)))
    print(f"Raw-page corpus, {args.pages} half: {len(pages)} pages from {len({p['outlet'] for p in pages})} outlets")
    print(f"{'system':<12}{'lang':<5}{'pages':>6}{'P':>7}{'R':>7}{'F1':>7}{'title':>9}{'date':>9}{'author':>9}")
    for name, table in systems:
        for lang in ("en", "ar"):
            t = table.get(lang)
            if not t:
                continue
            p, r, f = prf(*t["prf"])
            cells = [f"{t[k][0]}/{t[k][1]}" if t[k][1] else "-" for k in ("title", "date", "author")]
            if name == "trafilatura":
                cells = ["n/a"] * 3  # no HTML head to read metadata from: pasted text only
            print(
                f"{name:<12}{lang:<5}{t['pages']:>6}{p:>7.3f}{r:>7.3f}{f:>7.3f}{cells[0]:>9}{cells[1]:>9}{cells[2]:>9}"
            )
    ours = systems[0][1]
    for name, table in systems[1:]:
        for lang in ("en", "ar"):
            if lang in ours and lang in table:
                a, b = prf(*ours[lang]["prf"])[2], prf(*table[lang]["prf"])[2]
                print(f"body F1 {lang}: ours {a:.3f} vs {name} {b:.3f} (x{a / b if b else float('inf'):.3f})")
    return 0


def html_report(args) -> int:
    """Word-level body precision/recall on saved HTML pages: ours, older code, trafilatura two ways."""
    sys.path.insert(0, str(ROOT / "bench"))
    import trafilatura
    from segment_html_corpus import corpus_dir, load_pages, overlap

    pages = load_pages(args.html)
    if pages is None:
        print(
            f"SKIP: the HTML corpus {corpus_dir()} is absent (not shipped with the repository; "
            "fetch it with `python bench/segment_html_corpus.py fetch`)"
        )
        return 0
    systems: list[tuple[str, dict[str, str]]] = [
        ("ours", {k: r["body"] for k, r in _predict(ROOT, "--html", args.html).items()})
    ]
    if args.old_tree:
        systems.append(("old code", {k: r["body"] for k, r in _predict(args.old_tree, "--html", args.html).items()}))
    systems.append(("traf default", {p["key"]: trafilatura.extract(p["html"]) or "" for p in pages}))
    systems.append(
        (
            "traf recall",
            {p["key"]: trafilatura.extract(p["html"], include_tables=True, favor_recall=True) or "" for p in pages},
        )
    )
    print(
        f"HTML page corpus, {args.html} half: {len(pages)} pages from {len({p['site'] for p in pages})} sites "
        "(word-level body precision/recall against each page's published ground truth)"
    )
    print(f"{'system':<14}{'lang':<5}{'pages':>6}{'P':>7}{'R':>7}{'F1':>7}")
    f1s: dict[tuple[str, str], float] = {}
    for name, bodies in systems:
        for lang in ("en", "ar"):
            chosen = [p for p in pages if p["lang"] == lang]
            if not chosen:
                continue
            totals = [0, 0, 0]
            for page in chosen:
                totals = [a + b for a, b in zip(totals, overlap(page["gold"], bodies.get(page["key"], "")))]
            p, r, f = prf(*totals)
            f1s[(name, lang)] = f
            print(f"{name:<14}{lang:<5}{len(chosen):>6}{p:>7.3f}{r:>7.3f}{f:>7.3f}")
    for name, _ in systems[1:]:
        for lang in ("en", "ar"):
            if ("ours", lang) in f1s and (name, lang) in f1s:
                a, b = f1s[("ours", lang)], f1s[(name, lang)]
                print(f"body F1 {lang}: ours {a:.3f} vs {name} {b:.3f} (x{a / b if b else float('inf'):.3f})")
    return 0


def _paragraph_lines(article, lines: list[str]) -> dict[int, int]:
    """Input line -> paragraph index, by matching each body line's text to the paragraph holding it."""
    mapping: dict[int, int] = {}
    for line in article.body_lines:
        text = " ".join(lines[line].split())
        for index, paragraph in enumerate(article.paragraphs):
            if text and (text in paragraph.text or paragraph.text in text):
                mapping[line] = index
                break
    return mapping


def _row(name: str, tally: dict) -> None:
    p, r, f = prf(*tally["ours"])
    bp, br, bf = prf(*tally["baseline"])
    lines = tally["ours"][0] + tally["ours"][2]
    correct, total = tally["lang"]
    print(
        f"{name:<8}{tally['articles']:>9}{lines:>7}  {p:>6.3f}{r:>7.3f}{f:>7.3f}   {bp:>7.3f}{br:>7.3f}{bf:>8.3f}   "
        f"{correct / total if total else 0:>8.3f}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
