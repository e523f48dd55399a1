"""Cold-start latency of one brief: `summarise brief FILE` in a fresh process, lean path against the
old one, in the same run.

    new  the default: MiniLM in numpy (summarise.models.embedding), spaCy without torch
    old  SUMMARISE_EMBEDDER=sentence-transformers: MiniLM through sentence-transformers on torch, the
         path every brief took before (and spaCy then finds torch already loaded, as it did)

Both run with an empty model store and no config file, so each is the embedded default path a new
user gets. The runs alternate (old, new, old, new ...) so a busy machine slows both alike; each
reports wall time and the CPU time of the process (user + system, steadier when the cores are
shared), and the brief it printed must be byte-identical between the paths (Markdown for the timed
runs, JSON once more each). Then the import cost of each path from ``python -X importtime`` (summed
over modules; steadier still), and, where ../shared/eval holds the English eval set, whether the two
runtimes embed its articles alike and pick the same sentences.

    python bench/brief_latency.py [--runs 7] [--agreement 40] [FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval" / "en_summaries.jsonl"
PATHS = {"old": {"SUMMARISE_EMBEDDER": "sentence-transformers"}, "new": {"SUMMARISE_EMBEDDER": "numpy"}}
IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+\d+ \|( *)(\S+)")


def environment(home: Path, path: str) -> dict[str, str]:
    # Python may cache bytecode, as it does for an installed package: PYTHONDONTWRITEBYTECODE (set on
    # some build machines) would recompile summarise's own modules in every run (~0.2 s of CPU).
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMARISE_") and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(SUMMARISE_MODELS_DIR=str(home / "models"), XDG_CONFIG_HOME=str(home / "config"), **PATHS[path])
    return env


def run_brief(args: list[str], env: dict[str, str]) -> tuple[float, float, bytes, bytes]:
    """Wall seconds, CPU seconds (user + system of the child), stdout and stderr of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, cwd=ROOT, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr.decode(errors='replace')}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout, done.stderr


def import_profile(args: list[str], env: dict[str, str]) -> tuple[float, dict[str, float]]:
    """Seconds spent importing (sum of every module's own time) and the top-level packages' shares."""
    done = subprocess.run([sys.executable, "-X", "importtime", *args[1:]], capture_output=True, cwd=ROOT, env=env,
                          text=True)
    total, by_package = 0.0, {}
    for line in done.stderr.splitlines():
        match = IMPORT_LINE.match(line)
        if match:
            seconds = int(match.group(1)) / 1e6
            total += seconds
            package = match.group(3).split(".")[0]
            by_package[package] = by_package.get(package, 0.0) + seconds
    return total, by_package


def agreement(limit: int) -> str:
    """How far the numpy vectors are from sentence-transformers' over ``limit`` eval articles, and on how
    many the summariser's choice (3 sentences) differs."""
    if not EVAL.exists():
        return f"agreement: skipped ({EVAL} is absent)"
    import numpy as np

    from summarise.models.loading import load_embedder
    from summarise.models.registry import load_registry
    from summarise.segment import from_text, segment
    from summarise.settings import Settings
    from summarise.summarisers.extractive import MAX_EMBEDDED_SENTENCES, choose_sentences
    from summarise.summarisers.lexical import word_count

    card = load_registry().get("minilm-extractive")
    lean = load_embedder(card, Settings(embedder="numpy"))
    reference = load_embedder(card, Settings(embedder="sentence-transformers", device="cpu"))
    worst, differ, sentences, articles = 0.0, 0, 0, 0
    with EVAL.open(encoding="utf-8") as records:
        for line in records:
            if articles == limit:
                break
            record = json.loads(line)
            try:
                texts = [s.text for s in segment(from_text(record["article"]), language="en").sentences]
            except Exception:  # noqa: BLE001 - an article the segmenter rejects says nothing about embedding
                continue
            texts = texts[:MAX_EMBEDDED_SENTENCES]
            ours, theirs = (e.encode(texts, batch_size=64, normalize_embeddings=True) for e in (lean, reference))
            worst = max(worst, float(np.abs(ours - theirs).max()))
            words = [word_count(t) for t in texts]
            differ += choose_sentences(ours, words, 3) != choose_sentences(theirs, words, 3)
            sentences += len(texts)
            articles += 1
    return (f"agreement over {articles} eval articles ({sentences} sentences): max |numpy - sentence-transformers| "
            f"= {worst:.1e} per component; chosen sentences differ in {differ} of {articles}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(ROOT / "seeds" / "russia-peace-memorandum.txt"))
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per path (default 7)")
    parser.add_argument("--agreement", type=int, default=40, help="eval articles to compare the runtimes on (0: none)")
    args = parser.parse_args()

    summarise = [sys.executable, "-m", "summarise", "brief", args.file]
    with tempfile.TemporaryDirectory() as home_dir:
        home = Path(home_dir)
        env = {path: environment(home, path) for path in PATHS}
        wall: dict[str, list[float]] = {path: [] for path in PATHS}
        cpu: dict[str, list[float]] = {path: [] for path in PATHS}
        outputs: dict[str, set[bytes]] = {path: set() for path in PATHS}
        loads = [os.getloadavg()[0]]
        for path in PATHS:  # untimed: the page cache and bytecode cache warm up for both paths
            run_brief(summarise, env[path])
        for _ in range(args.runs):
            for path in PATHS:
                seconds, cpu_seconds, stdout, _ = run_brief(summarise, env[path])
                wall[path].append(seconds)
                cpu[path].append(cpu_seconds)
                outputs[path].add(stdout)
            loads.append(os.getloadavg()[0])
        json_briefs = {path: run_brief(summarise + ["--format", "json"], env[path])[2] for path in PATHS}
        imports = {path: import_profile(summarise, env[path]) for path in PATHS}

    identical = len(outputs["old"] | outputs["new"]) == 1 and json_briefs["old"] == json_briefs["new"]
    model = json.loads(json_briefs["new"])["summary_details"]["model"]
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; {now}; "
          f"load average during the runs {min(loads):.1f}-{max(loads):.1f}")
    print(f"file: {args.file}; summariser {model}; {args.runs} fresh processes per path, alternating")
    for path in PATHS:
        print(f"{path:4} wall median {statistics.median(wall[path]):6.2f} s (min {min(wall[path]):5.2f}, "
              f"max {max(wall[path]):5.2f})   cpu median {statistics.median(cpu[path]):6.2f} s   "
              f"imports {imports[path][0]:5.2f} s")
    print(f"old/new: wall {statistics.median(wall['old']) / statistics.median(wall['new']):.1f}x, "
          f"cpu {statistics.median(cpu['old']) / statistics.median(cpu['new']):.1f}x, "
          f"imports {imports['old'][0] / imports['new'][0]:.1f}x")
    for path in PATHS:
        top = sorted(imports[path][1].items(), key=lambda item: -item[1])[:6]
        print(f"{path:4} imports by package: " + ", ".join(f"{name} {seconds:.2f}" for name, seconds in top))
    print(f"briefs identical (Markdown of every timed run, and JSON): {'yes' if identical else 'NO'}")
    if args.agreement:
        print(agreement(args.agreement))
    if not identical:
        sys.exit(1)


if __name__ == "__main__":
    main()
