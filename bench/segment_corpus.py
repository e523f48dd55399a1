"""The segmentation corpus: real raw pages, labelled line by line, kept outside the repository.

    python bench/segment_corpus.py check                 # is the page cache there and unchanged?
    python bench/segment_corpus.py build ANNOTATED_DIR   # (re)write cache + labels from annotated pages
                                                         # (pages labelled before and not in it keep their labels)

The page texts are third-party material (stored public web pages, copied as a reader would paste them),
so they stay out of the repository: the cache folder is $SUMMARISE_SEGMENT_CORPUS, or ../segcorpus/pages
beside the checkout. The repository keeps only the labels (bench/annotations/segment_corpus.json: per page
its outlet, language, URL, title, standfirst, author, date, tune/test split and, per non-empty line, its
index, a short hash of its text and body/furniture) and the manifest (URL + sha256 of each page text).

An annotated page (the labeller's working file, outside the repository) is a header of ``#key: value``
lines, a ``---`` line, then one page line per line prefixed ``B|`` (body), ``F|`` (furniture) or ``|``
(an empty line). ``#date: unknown`` marks a page whose only date is a site banner or crawl date (the
article's own date is not on the page): it is left out of date accuracy.

The split is made once, by outlet, before any tuning: outlets sorted by the sha1 of their name, every
second one to the test half, so no outlet is in both halves. A rebuild keeps each outlet's half; an
outlet added later goes to the half its pages name in a ``#split: tune|test`` header line (pages added to
grow the tune half), else to the half named by the parity of its name's sha1.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "bench" / "annotations" / "segment_corpus.json"
MANIFEST = ROOT / "bench" / "annotations" / "segment_corpus_manifest.tsv"
FIELDS = ("url", "outlet", "lang", "title", "standfirst", "author", "date")


def corpus_dir() -> Path:
    return Path(os.environ.get("SUMMARISE_SEGMENT_CORPUS") or ROOT.parent / "segcorpus" / "pages")


def line_hash(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode()).hexdigest()[:8]


def load_corpus(split: str | None = None) -> list[dict] | None:
    """Labelled pages with their text (``split`` "tune"/"test" or None for all); None when the cache is absent.

    Exits with a message naming the page when a cached text no longer matches its labels; a labelled
    page absent from the cache is left out, with a note naming it.
    """
    folder = corpus_dir()
    if not folder.is_dir():
        return None
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["pages"]
    pages, missing = [], []
    for key, note in labels.items():
        if split and note["split"] != split:
            continue
        path = folder / f"{key}.txt"
        if not path.exists():
            missing.append(key)
            continue
        text = path.read_text(encoding="utf-8")
        if hashlib.sha256(text.encode()).hexdigest() != note["sha256"]:
            sys.exit(f"{path}: the text differs from the labelled version (sha256); re-label it")
        lines = text.split("\n")
        for index, digest, _ in note["lines"]:
            if index >= len(lines) or line_hash(lines[index]) != digest:
                sys.exit(f"{path} line {index}: the line differs from the labelled one; re-label it")
        pages.append({"key": key, "text": text, **note})
    if missing:
        # A page the stored copy no longer serves cannot be re-fetched; its labels stay, and the figures
        # say how many pages they were measured on.
        print(f"note: {len(missing)} labelled page(s) are absent from {folder} and left out: {', '.join(missing)}",
              file=sys.stderr)
    return pages


def gold_body(page: dict) -> set[int]:
    return {index for index, _, label in page["lines"] if label == "B"}


def content_lines(page: dict) -> set[int]:
    return {index for index, _, _ in page["lines"]}


def _parse_annotated(path: Path) -> tuple[dict, str, list[tuple[int, str, str]]]:
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.lstrip("#").partition(":")
        meta[key.strip()] = value.strip()
    texts, labels = [], []
    for n, raw in enumerate(body.rstrip("\n").split("\n")):
        mark, bar, text = raw.partition("|")
        if not bar or mark not in ("B", "F", ""):
            sys.exit(f"{path.name} line {n}: expected B|, F| or | at the start")
        if mark == "" and text.strip():
            sys.exit(f"{path.name} line {n}: a non-empty line needs a label")
        texts.append(text)
        if text.strip():
            labels.append((n, line_hash(text), mark or "F"))
    return meta, "\n".join(texts) + "\n", labels


def build(annotated: Path) -> None:
    folder = corpus_dir()
    folder.mkdir(parents=True, exist_ok=True)
    pages, asked = {}, {}
    for path in sorted(annotated.glob("*.txt")):
        meta, text, labels = _parse_annotated(path)
        asked[meta.get("outlet")] = meta.get("split")
        (folder / path.name).write_text(text, encoding="utf-8")
        note = {field: meta.get(field) or None for field in FIELDS}
        note["sha256"] = hashlib.sha256(text.encode()).hexdigest()
        note["lines"] = labels
        pages[path.stem] = note
    before = json.loads(LABELS.read_text(encoding="utf-8"))["pages"] if LABELS.exists() else {}
    # Labelled pages not in this annotated folder keep their labels (their text may be cached already).
    pages = {key: note for key, note in before.items() if key not in pages} | pages
    outlets = sorted({note["outlet"] for note in pages.values()}, key=lambda o: hashlib.sha1(o.encode()).hexdigest())
    # An outlet keeps the half it was given; a new outlet goes by the parity of its name's sha1.
    earlier = {note["outlet"]: note["split"] for note in before.values()}
    first_split = {o: ("test" if n % 2 else "tune") for n, o in enumerate(outlets)} if not earlier else {}
    for note in pages.values():
        outlet = note["outlet"]
        parity = "test" if int(hashlib.sha1(outlet.encode()).hexdigest(), 16) % 2 else "tune"
        note["split"] = earlier.get(outlet) or asked.get(outlet) or first_split.get(outlet) or parity
    LABELS.write_text(
        json.dumps({"about": __doc__.splitlines()[0], "pages": pages}, ensure_ascii=False, indent=0) + "\n",
        encoding="utf-8",
    )
    MANIFEST.write_text(
        "".join(f"{key}\t{note['url']}\t{note['sha256']}\n" for key, note in pages.items()), encoding="utf-8"
    )
    summary = {(n["split"], n["lang"]) for n in pages.values()}
    counts = {s: sum(1 for n in pages.values() if (n["split"], n["lang"]) == s) for s in sorted(summary)}
    print(f"{len(pages)} pages, {len(outlets)} outlets -> {folder}; split pages: {counts}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="verify the cached page texts against the labels")
    make = sub.add_parser("build", help="write the cache and the labels from annotated pages")
    make.add_argument("annotated", type=Path)
    args = parser.parse_args()
    if args.command == "build":
        build(args.annotated)
        return 0
    pages = load_corpus()
    if pages is None:
        print(f"SKIP: the segmentation corpus {corpus_dir()} is absent (it is not shipped with the repository)")
        return 0
    langs = {lang: sum(1 for p in pages if p["lang"] == lang) for lang in ("en", "ar")}
    print(f"corpus OK: {len(pages)} pages from {len({p['outlet'] for p in pages})} outlets, {langs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
