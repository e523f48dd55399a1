"""How segmentation time grows with one long line or many: 1x, 2x and 4x of the same text, with the ratios.

    python bench/segment_scaling.py [--base 30000]

Two shapes, both made up here: real-looking sentences from the seed article joined onto one line, and a
run of sentences that each start in lower case (every split is joined again, so one "sentence" grows
over the whole line: the shape that made the sentence repair quadratic). Linear work gives ratios near
2 and 4; the baseline in the same run is splitting the same text on whitespace. CPU time, so a shared
machine inflates the seconds less than wall time would.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarise.segment import from_text, segment

SEED = ROOT / "seeds" / "russia-peace-memorandum.txt"


def _cpu(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def _shapes(size: int) -> dict[str, str]:
    seed = " ".join(line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if len(line) > 80)
    lower = "the talks went on for hours. and then the delegates met again. "
    # Many lines (session 9): each stops mid-sentence and the next carries it on in lower case (every
    # line joins the one before: the shape that made the stray-break join quadratic), and a bulleted list
    # a sentence announces (each item once walked the whole list).
    broken = "and the people of the old town said that they would stay because\nthe river rose over the banks.\n"
    bullets = "• Option number one for the old bridge over the river\n"
    return {
        "seed sentences on one line": (seed + " ") * (size // len(seed) + 1),
        "lower-case joined run": lower * (size // len(lower) + 1),
        "lines broken mid-sentence": "Town votes\n\n" + broken * (size // len(broken) + 1),
        "announced bulleted list": "Town votes\n\nThe council listed the options it had weighed:\n"
                                   + bullets * (size // len(bullets) + 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=30_000, help="characters in the 1x text")
    args = parser.parse_args()
    segment(from_text(_shapes(2_000)["seed sentences on one line"]))  # load the models first: not part of the growth
    print(f"{'shape':<28}{'chars':>10}{'segment s':>11}{'ratio':>8}{'split s':>10}")
    for name in _shapes(args.base):
        first = None
        for factor in (1, 2, 4):
            text = _shapes(args.base * factor)[name][: args.base * factor]
            took = _cpu(lambda text=text: segment(from_text(text, max_bytes=10**9)))
            base = _cpu(lambda text=text: text.split())
            first = first or took
            print(f"{name:<28}{len(text):>10,}{took:>11.3f}{took / first:>8.2f}{base:>10.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
