"""The Ray engine on a real embedded Ray (``ray.init(num_cpus=2)``, one per module) with tiny models: the
local engine's contract (files, manifest, resume, --force, bad items, exit code) kept, and the ``summarise
batch --engine ray`` command. Skipped with a message where Ray Data is not installed (``.[ray]``)."""

from __future__ import annotations

import dataclasses
import json
import threading
from pathlib import Path

import pytest

pytest.importorskip("ray.data", reason='the Ray engine needs Ray Data: pip install -e ".[ray]"')

from summarise.batch import LogProgress, Progress, discover, read_manifest, run_batch  # noqa: E402
from summarise.batch.ray_engine import RayEngine  # noqa: E402
from summarise.errors import ConfigError  # noqa: E402
from summarise.models.registry import Registry, load_registry  # noqa: E402
from summarise.pipeline import Pipeline  # noqa: E402
from summarise.settings import load_settings  # noqa: E402
from tests.test_batch import english_article, run_cli, write_mixed_inputs  # noqa: E402

pytestmark = pytest.mark.usefixtures("one_torch_thread")


@pytest.fixture(scope="module")
def embedded_ray():
    """One Ray for the module (starting one takes seconds); the engine uses a Ray already connected."""
    import logging

    import ray

    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False)
    try:
        yield ray
    finally:
        ray.shutdown()


def short_registry() -> Registry:
    """Random tiny models never stop early: a few tokens, 2 beams (as tests/test_batch.py does). Passed
    to the Pipeline explicitly, since Ray's workers are other processes that a monkeypatch cannot reach."""
    return Registry({
        name: dataclasses.replace(card, generation={**card.generation, "num_beams": 2, "max_length": 8, "min_length": 0})
        if card.kind == "seq2seq" else card
        for name, card in load_registry().cards.items()
    })


def pipeline(tiny_models) -> Pipeline:
    settings = load_settings({"summariser": "mt5-xlsum", "model_paths": {k: str(v) for k, v in tiny_models.items()}})
    return Pipeline(settings, short_registry())


def test_an_unreachable_cluster_is_a_config_error(tmp_path, tiny_models):
    """First in the module, before the module's Ray starts: the engine must try to connect itself."""
    import ray

    assert not ray.is_initialized()
    (tmp_path / "a.txt").write_text(english_article(0), encoding="utf-8")
    with pytest.raises(ConfigError, match="could not start or join the Ray cluster at 127.0.0.1:9"):
        run_batch(discover([str(tmp_path / "a.txt")]), tmp_path / "out", pipeline=pipeline(tiny_models),
                  progress=LogProgress(), engine=RayEngine(address="127.0.0.1:9"))


def test_ray_engine_keeps_the_local_engines_contract(embedded_ray, tmp_path, tiny_models):
    inputs = write_mixed_inputs(tmp_path / "in", good_english=3, good_arabic=1)
    items = discover([str(tmp_path / "in")])
    local_out, ray_out = tmp_path / "local", tmp_path / "ray"
    local = run_batch(items, local_out, pipeline=pipeline(tiny_models), formats=["json", "md"], articles_per_batch=2)
    ray_engine = RayEngine()
    result = run_batch(
        items, ray_out, pipeline=pipeline(tiny_models), formats=["json", "md"], articles_per_batch=2, engine=ray_engine
    )

    assert (result.ok, result.failed, result.exit_code) == (len(inputs["good"]), len(inputs["bad"]), 1)
    assert (result.ok, result.failed) == (local.ok, local.failed)
    assert result.engine == "ray" and result.worker_peak_rss_mb and result.worker_peak_rss_mb > 100
    names = lambda out: sorted(p.name for p in out.iterdir() if not p.name.startswith("."))  # noqa: E731
    assert names(ray_out) == names(local_out)  # the same briefs (json + md) and the manifest
    ray_lines, local_lines = read_manifest(ray_out / "manifest.jsonl"), read_manifest(local_out / "manifest.jsonl")
    assert len(ray_lines) == len(items)  # one line per attempt, written by the driver alone
    by_id = {line["id"]: line for line in local_lines}
    for line in ray_lines:
        twin = by_id[line["id"]]
        assert (line["status"], line["outputs"], line["models"], line["language"]) == (
            twin["status"], twin["outputs"], twin["models"], twin["language"]
        )
        assert (line["error"] or "").split("\n")[0] == (twin["error"] or "").split("\n")[0]
        assert line["node"].count("/") == 1 and twin["node"] and "/" not in twin["node"]  # host/ray-node vs host
    for path in inputs["good"]:  # the same model work on the same article: the same summary
        ours = json.loads((ray_out / f"{path.stem}.json").read_text(encoding="utf-8"))
        theirs = json.loads((local_out / f"{path.stem}.json").read_text(encoding="utf-8"))
        assert ours["summary"] == theirs["summary"] and ours["source"]["path"] == str(path)
    assert not list(ray_out.glob(".*.partial"))

    # Resume and --force are run_batch's, shared with the local engine (tests/test_batch.py); the re-run
    # on Ray is in tests/test_batch_ray_cluster.py.


class _StopAfter(Progress):
    def __init__(self, stop: threading.Event, after: int):
        super().__init__()
        self.stop, self.after = stop, after

    def advance(self, attempt) -> None:
        super().advance(attempt)
        if self.tally.done >= self.after:
            self.stop.set()


def test_stop_ends_the_ray_job_early_with_the_manifest_intact(embedded_ray, tmp_path, tiny_models):
    for n in range(6):
        (tmp_path / f"a{n}.txt").write_text(english_article(n), encoding="utf-8")
    items = discover([str(tmp_path / f"a{n}.txt") for n in range(6)])
    stop = threading.Event()
    out = tmp_path / "out"
    result = run_batch(
        items, out, pipeline=pipeline(tiny_models), progress=_StopAfter(stop, 1), stop=stop, articles_per_batch=1,
        engine=RayEngine(),
    )
    assert result.interrupted and result.exit_code == 130 and 1 <= result.ok < 6
    records = read_manifest(out / "manifest.jsonl")
    assert len(records) == result.ok and all(r["status"] == "ok" for r in records)
    # Briefs written but not yet recorded when the job stopped are simply redone by the next run.
    assert {f"{Path(r['input']).stem}.json" for r in records} <= {p.name for p in out.glob("*.json")}


def test_the_batch_command_runs_on_ray_and_checks_its_options(embedded_ray, tmp_path, model_path_args, monkeypatch):
    # The driver's registry travels to the actors, so shortening it here shortens their generation too.
    monkeypatch.setattr("summarise.pipeline.load_registry", short_registry)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(english_article(2), encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    base = ["batch", str(tmp_path / "in"), "--out", str(out), "--summariser", "mt5-xlsum", *model_path_args]
    done = run_cli([*base, "--engine", "ray", "--workers", "1"])
    assert done.exit_code == 1, done.output
    assert "[2/2]" in done.output and "FAILED" in done.output and "empty" in done.output
    assert {line["status"] for line in read_manifest(out / "manifest.jsonl")} == {"ok", "failed"}
    assert (out / "good.json").is_file()

    assert run_cli([*base, "--engine", "spark"]).exit_code != 0
    misplaced = run_cli([*base, "--workers", "2"])  # a Ray option without --engine ray
    assert misplaced.exit_code != 0 and "--engine ray" in misplaced.output
    too_many = run_cli([*base, "--engine", "ray", "--workers", "5", "--force"])  # 2 CPUs cannot hold 5 workers
    assert too_many.exit_code != 0 and "--workers 5" in too_many.output
    no_gpu = run_cli([*base, "--engine", "ray", "--gpus-per-worker", "1", "--force"])
    assert no_gpu.exit_code != 0 and "GPU" in no_gpu.output
