"""A real ``python -m summarise batch`` process killed with SIGKILL mid-run, then run again, ends with
exactly one intact brief per good article and a recorded error per bad one; SIGINT stops it cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarise.batch import read_manifest
from tests.test_batch import BOILERPLATE, arabic_article, english_article

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

GOOD = [f"en-{n}" for n in range(6)] + [f"ar-{n}" for n in range(2)]


def make_inputs(root: Path) -> list[str]:
    root.mkdir()
    for n in range(6):
        (root / f"en-{n}.txt").write_text(english_article(n), encoding="utf-8")
    for n in range(2):
        (root / f"ar-{n}.txt").write_text(arabic_article(n), encoding="utf-8")
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "scan.txt").write_bytes(bytes(range(256)) * 8)
    (root / "furniture.txt").write_text(BOILERPLATE, encoding="utf-8")  # only boilerplate: rejected
    return ["empty.txt", "scan.txt", "furniture.txt"]


def start(inputs: Path, out: Path, model_path_args: list[str]) -> subprocess.Popen:
    command = [sys.executable, "-m", "summarise", "batch", str(inputs), "--out", str(out)]
    command += ["--articles-per-batch", "1", "--quiet", "--device", "cpu", *model_path_args]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}  # tiny models; threads only spin on a busy machine
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def briefs(out: Path) -> set[str]:
    return {p.stem for p in out.glob("*.json")} if out.exists() else set()


def wait_for(condition, process: subprocess.Popen, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"the job ended before the test could interrupt it:\n{process.stdout.read()}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("timed out waiting for the job")
        time.sleep(0.005)


def assert_intact(out: Path) -> None:
    for path in out.glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))  # never a half-written brief
    for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()[:-1]:
        json.loads(line)  # only the last line may be torn by a kill


def test_sigkill_twice_midway_then_rerun_leaves_one_intact_brief_per_good_article(tmp_path, model_path_args):
    inputs, out = tmp_path / "in", tmp_path / "out"
    bad = make_inputs(inputs)

    # Kill 1: as soon as the first brief lands (the manifest line for it may or may not be written).
    job = start(inputs, out, model_path_args)
    wait_for(lambda: len(briefs(out)) >= 1, job)
    job.send_signal(signal.SIGKILL)
    assert job.wait(timeout=30) == -signal.SIGKILL
    after_first = briefs(out)
    assert 1 <= len(after_first) < len(GOOD), "the kill should land mid-run"
    assert_intact(out)

    # Kill 2: the re-run resumes; kill it the moment it has written one more brief.
    job = start(inputs, out, model_path_args)
    wait_for(lambda: len(briefs(out)) > len(after_first), job)
    job.send_signal(signal.SIGKILL)
    assert job.wait(timeout=30) == -signal.SIGKILL
    assert len(briefs(out)) < len(GOOD), "the second kill should land mid-run too"
    assert_intact(out)

    # Run to the end.
    job = start(inputs, out, model_path_args)
    output, _ = job.communicate(timeout=300)
    assert job.returncode == 1, output  # the bad inputs failed
    assert briefs(out) == set(GOOD)  # exactly one brief per good article: no duplicates, none missing
    assert not list(out.glob(".*.partial"))
    for stem in GOOD:
        brief = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
        assert brief["source"]["path"] == str(inputs / f"{stem}.txt")
        assert brief["summary"][brief["source"]["language"]]  # a real brief, not an empty shell
    latest = {}
    for record in read_manifest(out / "manifest.jsonl"):
        latest[Path(record["input"]).name] = record
    assert {name for name, r in latest.items() if r["status"] == "ok"} == {f"{stem}.txt" for stem in GOOD}
    for name in bad:
        assert latest[name]["status"] == "failed" and latest[name]["error"], name
    # Nothing finished was done twice after the last kill: the final run only did what was left.
    final_run = [r for r in read_manifest(out / "manifest.jsonl") if r["run"] == max(r["run"] for r in latest.values())]
    assert len({r["id"] for r in final_run}) == len(final_run)


def test_sigint_finishes_the_article_in_hand_and_exits_130(tmp_path, model_path_args):
    inputs, out = tmp_path / "in", tmp_path / "out"
    make_inputs(inputs)
    job = start(inputs, out, model_path_args)
    wait_for(lambda: len(briefs(out)) >= 1, job)
    job.send_signal(signal.SIGINT)
    output, _ = job.communicate(timeout=120)
    assert job.returncode == 130, output
    assert "stopping after the articles in hand" in output and "batch interrupted" in output
    assert "Traceback" not in output
    records = read_manifest(out / "manifest.jsonl")
    assert 1 <= len(records) < len(GOOD) + 2
    assert {r["id"] for r in records if r["status"] == "ok"} == {str(inputs / f"{s}.txt") for s in briefs(out)}
    assert_intact(out)
