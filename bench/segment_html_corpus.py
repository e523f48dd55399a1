"""The HTML segmentation corpus: real saved news pages with a published ground-truth body, kept outside
the repository.

    python bench/segment_html_corpus.py fetch    # download the pages at their pinned commits (needs github.com)
    python bench/segment_html_corpus.py check    # is the cache there, and does every file match its sha256?

Pages come from extraction benchmarks that publish, beside each saved page (``source.html``), the article
body a person judged correct (``expected.html``): mozilla/readability's test pages. The page HTML is
third-party material, so it stays out of the repository: the cache folder is
$SUMMARISE_SEGMENT_HTML_CORPUS, or ../segcorpus/html beside the checkout. The repository keeps only the
manifest (bench/annotations/segment_html_manifest.tsv): per page its key, site, language, tune/test half,
source repository, the paths of page and ground truth and the commit each is pinned at, the source
repository's licence, and the sha256 of both files once fetched (written by ``fetch`` into the cache's
NOTES.tsv; ``check`` compares).

The split is made once, by site, before any tuning (the rule of bench/segment_corpus.py: sites sorted by
the sha1 of their name, parity of the sha1 picks the half), so no site is in both halves.

Scoring unit: words. The gold body is the text of expected.html's block elements; a system's body is
its output text. Precision and recall are over the multiset of lower-cased word tokens (punctuation
stripped), summed over pages: robust to how each system cuts lines, and it counts a dropped table row
or list item by its words.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "bench" / "annotations" / "segment_html_manifest.tsv"
COLUMNS = ("key", "site", "lang", "split", "repo", "page_path", "page_commit", "gold_path", "gold_commit", "licence")
_BLOCKS = ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "figcaption", "dt", "dd")
_WORD = re.compile(r"\w+", re.UNICODE)


def corpus_dir() -> Path:
    return Path(os.environ.get("SUMMARISE_SEGMENT_HTML_CORPUS") or ROOT.parent / "segcorpus" / "html")


def split_of(site: str) -> str:
    return "test" if int(hashlib.sha1(site.encode()).hexdigest(), 16) % 2 else "tune"


def manifest() -> list[dict]:
    rows = []
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        row = dict(zip(COLUMNS, line.split("\t")))
        if row["split"] != split_of(row["site"]):
            sys.exit(
                f"{MANIFEST.name}: {row['key']} is in {row['split']}, but its site's half is {split_of(row['site'])}"
            )
        rows.append(row)
    return rows


def present(row: dict) -> bool:
    """Both files of a manifest row are in the cache (a cache filled by hand may hold only some pages)."""
    folder = corpus_dir()
    return (folder / f"{row['key']}.html").exists() and (folder / f"{row['key']}.gold.html").exists()


def load_pages(split: str | None = None) -> list[dict] | None:
    """Pages of one half with their HTML and gold body text; None when the cache folder is absent.

    Pages missing from the cache are left out and named on stderr, so that a partial cache (pages copied
    one by one where github.com is out of reach) still scores what it has, and says what it lacks."""
    folder = corpus_dir()
    if not folder.is_dir():
        return None
    pages, missing = [], []
    for row in manifest():
        if split and row["split"] != split:
            continue
        if not present(row):
            missing.append(row["key"])
            continue
        page, gold = folder / f"{row['key']}.html", folder / f"{row['key']}.gold.html"
        pages.append(
            {**row, "html": page.read_text(encoding="utf-8"), "gold": gold_text(gold.read_text(encoding="utf-8"))}
        )
    if missing:
        print(
            f"note: {len(missing)} page(s) of the manifest are not in {folder} and are left out: {', '.join(missing)} "
            "(run `python bench/segment_html_corpus.py fetch` where github.com is reachable)",
            file=sys.stderr,
        )
    return pages


def gold_text(html: str) -> str:
    """The ground-truth body: the text of expected.html's block elements, one per line."""
    from lxml import html as lxml_html

    from summarise.segment.html import block_lines

    return "\n".join(block_lines(lxml_html.fromstring(html), _BLOCKS, headings=False))


def words(text: str) -> Counter:
    return Counter(w.lower() for w in _WORD.findall(text or ""))


def overlap(gold: str, predicted: str) -> tuple[int, int, int]:
    """(true positive, false positive, false negative) word counts of one page."""
    g, p = words(gold), words(predicted)
    tp = sum((g & p).values())
    return tp, sum(p.values()) - tp, sum(g.values()) - tp


def _raw_url(repo: str, commit: str, path: str) -> str:
    return f"https://raw.githubusercontent.com/{repo}/{commit}/{path}"


def fetch() -> int:
    folder = corpus_dir()
    folder.mkdir(parents=True, exist_ok=True)
    notes = []
    for row in manifest():
        for suffix, path, commit in (
            (".html", row["page_path"], row["page_commit"]),
            (".gold.html", row["gold_path"], row["gold_commit"]),
        ):
            url = _raw_url(row["repo"], commit, path)
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    data = response.read()
            except OSError as error:
                sys.exit(f"cannot download {url} ({error}); run this where github.com is reachable")
            (folder / f"{row['key']}{suffix}").write_bytes(data)
            notes.append(f"{row['key']}{suffix}\t{url}\t{hashlib.sha256(data).hexdigest()}")
    (folder / "NOTES.tsv").write_text("\n".join(notes) + "\n", encoding="utf-8")
    print(f"{len(notes)} files in {folder}; sha256 of each in NOTES.tsv")
    return 0


def check() -> int:
    folder = corpus_dir()
    if not folder.is_dir():
        print(f"SKIP: the HTML corpus {folder} is absent (run `python bench/segment_html_corpus.py fetch`)")
        return 0
    notes = folder / "NOTES.tsv"
    known = dict(line.split("\t")[0::2] for line in notes.read_text().splitlines() if line) if notes.exists() else {}
    bad = 0
    for name, digest in known.items():
        path = folder / name
        if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            print(f"changed or missing: {name}")
            bad += 1
    rows = manifest()
    print(f"{len(rows)} pages in the manifest, {len(known)} files noted, {bad} changed or missing")
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("fetch", "check"))
    args = parser.parse_args()
    return fetch() if args.command == "fetch" else check()


if __name__ == "__main__":
    raise SystemExit(main())
