"""``summarise batch --engine ray`` on a real two-node Ray cluster on this machine (a head and a second
node, each started with ``ray start --block`` on loopback, one CPU each), the driver a separate process:
one worker killed mid-job with SIGKILL, and still exactly one intact brief per good article, a recorded
error per bad one, a manifest that says so, and a re-run that does nothing new."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

pytest.importorskip("ray.data", reason='the Ray engine needs Ray Data: pip install -e ".[ray]"')

from summarise.batch import read_manifest  # noqa: E402
from tests.test_batch_kill import GOOD, assert_intact, briefs, make_inputs  # noqa: E402

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds Ray's worker processes in /proc")

RAY = str(Path(sys.executable).with_name("ray"))
# Loopback only, torn down after the module: no token to share between the nodes and the driver.
CLUSTER_ENV = {"OMP_NUM_THREADS": "1", "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "disabled"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def two_node_cluster():
    """Head and second node, each a ``ray start --block`` child of this process (stopping it stops that
    node's processes, and only those: no machine-wide ``ray stop``). Yields (address, temp dir)."""
    temp = Path(tempfile.mkdtemp(prefix="ray-", dir="/tmp"))  # short: Ray's socket paths must fit 107 bytes
    port = free_port()
    address = f"127.0.0.1:{port}"
    env = {**os.environ, **CLUSTER_ENV}
    common = ["--block", "--num-cpus=1", "--node-ip-address=127.0.0.1", "--disable-usage-stats"]
    logs = open(temp / "nodes.log", "w")
    nodes = [subprocess.Popen(
        [RAY, "start", "--head", f"--port={port}", "--include-dashboard=false", f"--temp-dir={temp}", *common],
        env=env, stdout=logs, stderr=subprocess.STDOUT, start_new_session=True,
    )]
    try:
        wait_for_nodes(address, 1, nodes, temp)
        nodes.append(subprocess.Popen(
            [RAY, "start", f"--address={address}", *common], env=env, stdout=logs, stderr=subprocess.STDOUT,
            start_new_session=True,
        ))
        wait_for_nodes(address, 2, nodes, temp)
        yield address, temp
    finally:
        for node in reversed(nodes):
            node.send_signal(signal.SIGTERM)  # `ray start --block` stops its node's processes on SIGTERM
        for node in reversed(nodes):
            try:
                node.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(node.pid, signal.SIGKILL)
        logs.close()
        shutil.rmtree(temp, ignore_errors=True)


def wait_for_nodes(address: str, count: int, nodes: list[subprocess.Popen], temp: Path) -> None:
    probe = (
        "import ray, time, sys\n"
        f"ray.init(address={address!r}, logging_level='ERROR', log_to_driver=False)\n"
        "for _ in range(240):\n"
        f"    if sum(n['Alive'] for n in ray.nodes()) >= {count}: sys.exit(0)\n"
        "    time.sleep(0.5)\n"
        "sys.exit(1)\n"
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if any(node.poll() is not None for node in nodes):
            pytest.fail(f"a Ray node exited:\n{(temp / 'nodes.log').read_text()[-3000:]}")
        env = {**os.environ, **CLUSTER_ENV}
        if subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=150, env=env).returncode == 0:
            return
        time.sleep(1)
    pytest.fail(f"the Ray cluster did not reach {count} node(s):\n{(temp / 'nodes.log').read_text()[-3000:]}")


def brief_workers(temp: Path) -> list[int]:
    """Pids of this cluster's briefing actors: processes titled ``ray::...BriefWorker...`` whose parent
    is a raylet of this cluster (its command line names the cluster's temp dir or its head)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            parent_line = Path(f"/proc/{parent}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ValueError, IndexError):
            continue
        if title.startswith("ray::") and "BriefWorker" in title and "raylet" in parent_line and str(temp) in parent_line:
            found.append(int(entry.name))
    return found


def test_a_worker_killed_mid_job_on_two_nodes_leaves_one_intact_brief_per_good_article(
    two_node_cluster, tmp_path, model_path_args
):
    address, temp = two_node_cluster
    inputs, out = tmp_path / "in", tmp_path / "out"
    bad = make_inputs(inputs)
    command = [sys.executable, "-m", "summarise", "batch", str(inputs), "--out", str(out), "--engine", "ray",
               "--address", address, "--articles-per-batch", "1", "--quiet", "--device", "cpu", *model_path_args]
    env = {**os.environ, **CLUSTER_ENV}
    job = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 240
        while not (briefs(out) and brief_workers(temp)):
            assert job.poll() is None, f"the job ended before a worker could be killed:\n{job.stdout.read()}"
            assert time.monotonic() < deadline, "timed out waiting for the first brief"
            time.sleep(0.05)
        victims = brief_workers(temp)
        assert len(victims) == 2, f"one briefing actor per node expected, found {victims}"
        os.kill(victims[0], signal.SIGKILL)
        at_kill = len(briefs(out))
        assert job.poll() is None and at_kill < len(GOOD), "the kill should land mid-job"
        output, _ = job.communicate(timeout=400)
    finally:
        if job.poll() is None:
            job.kill()
    assert job.returncode == 1, output  # the bad inputs failed; the job itself went on to the end
    assert briefs(out) == set(GOOD), output
    assert_intact(out)
    assert not list(out.glob(".*.partial"))
    records = read_manifest(out / "manifest.jsonl")
    assert sorted(Path(r["input"]).name for r in records) == sorted([f"{g}.txt" for g in GOOD] + bad)  # each once
    for record in records:
        good = Path(record["input"]).stem in GOOD
        assert record["status"] == ("ok" if good else "failed") and bool(record["error"]) != good, record
        if good:
            json.loads((out / record["output"]).read_text(encoding="utf-8"))
    assert len({r["node"] for r in records if r["status"] == "ok"}) == 2, "both nodes briefed articles"

    # The same job again: the good articles are done (files untouched); only the bad ones are tried again.
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 1, again.stdout + again.stderr
    assert f"{len(GOOD)} already done" in again.stderr + again.stdout
    later = read_manifest(out / "manifest.jsonl")[len(records):]
    assert sorted(Path(r["input"]).name for r in later) == sorted(bad)
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")} == stamps
