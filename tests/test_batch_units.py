"""Batch-job mechanics with no model: batch planning, out-of-memory back-off, inputs, manifest, files."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from summarise.batch.files import DirectoryLock, remove_partials, write_atomic
from summarise.batch.inputs import discover, read_jsonl
from summarise.batch.manifest import Attempt, ManifestWriter, finished, read_manifest
from summarise.errors import ConfigError, DeviceError
from summarise.models.seq2seq import Seq2SeqModel, plan_batches


# -- batch planning -------------------------------------------------------------------------------
def test_plan_batches_sorts_longest_first_and_keeps_the_token_budget():
    lengths = [5, 40, 12, 40, 3, 25, 7]
    batches = plan_batches(lengths, beams=2, max_batch_tokens=200, max_batch_size=64)
    flat = [i for batch in batches for i in batch]
    assert sorted(flat) == list(range(len(lengths)))  # every input exactly once
    assert [lengths[i] for i in flat] == sorted(lengths, reverse=True)
    for batch in batches:
        width = max(lengths[i] for i in batch)
        assert width * 2 * len(batch) <= 200 or len(batch) == 1
    # Dynamic padding: the short inputs are not padded to the longest of the whole call.
    assert max(lengths[i] for i in batches[-1]) < 40


def test_plan_batches_caps_the_batch_size_and_never_drops_an_over_budget_input():
    assert plan_batches([10] * 5, max_batch_tokens=10_000, max_batch_size=2) == [[0, 1], [2, 3], [4]]
    assert plan_batches([500, 2], max_batch_tokens=100, max_batch_size=8) == [[0], [1]]


@dataclass
class _FakeTokenizer:
    def __call__(self, text, add_special_tokens=True):
        return {"input_ids": [1] * len(text.split())}


class _Config:
    max_position_embeddings = 512


class _FakeModel:
    config = _Config()


class _MemoryLimitedModel(Seq2SeqModel):
    """Runs out of memory on batches larger than ``fits``; echoes its inputs' lengths otherwise."""

    fits = 2
    seen: list[int]

    def is_out_of_memory(self, error):
        return isinstance(error, MemoryError)

    def _release_memory(self):
        pass

    def _generate_batch(self, batch, kwargs):
        self.seen.append(len(batch))
        if len(batch) > self.fits:
            raise MemoryError("out of memory")
        return [f"len{len(ids)}" for ids in batch]


def _limited_model(fits: int) -> _MemoryLimitedModel:
    from summarise.models.registry import load_registry
    from summarise.models.store import LocalModel

    card = load_registry().get("opus-mt-en-ar")
    model = _MemoryLimitedModel(LocalModel(card, None, "override"), _FakeTokenizer(), _FakeModel(), "cuda", "float16")
    model.fits = fits
    model.seen = []
    return model


def test_out_of_memory_halves_the_batch_keeps_order_and_remembers_the_size_that_fitted():
    model = _limited_model(fits=2)
    texts = [" ".join(["w"] * n) for n in (3, 9, 1, 7, 5, 2, 8, 4)]
    outputs = model.generate(texts, max_batch_size=8, num_beams=1)
    assert outputs == [f"len{n}" for n in (3, 9, 1, 7, 5, 2, 8, 4)]  # original order restored
    assert model.stats.out_of_memory >= 1
    assert model.batch_cap == 2
    model.seen.clear()
    model.generate(texts, max_batch_size=8, num_beams=1)
    assert max(model.seen) <= 2  # later calls start at the size that fitted: no repeated failures


def test_memory_is_released_and_the_batch_retried_after_the_failure_is_handled():
    # While an exception is being handled its traceback holds the failed attempt's tensors: a release
    # or a retry made then frees nothing (on a real GPU the halving ran down to one input and failed).
    import sys

    handling: list[bool] = []
    model = _limited_model(fits=2)
    generate_batch = model._generate_batch
    model._release_memory = lambda: handling.append(sys.exc_info()[0] is not None)
    model._generate_batch = lambda batch, kwargs: handling.append(sys.exc_info()[0] is not None) or generate_batch(batch, kwargs)
    assert len(model.generate(["w"] * 8, max_batch_size=8, num_beams=1)) == 8
    assert len(handling) > 2 and not any(handling)


def test_out_of_memory_on_a_single_input_is_a_device_error():
    model = _limited_model(fits=0)
    with pytest.raises(DeviceError, match="ran out of CUDA memory"):
        model.generate(["one two three"], num_beams=1)


def test_min_length_can_equal_max_length_when_the_decoder_has_room():
    model = _limited_model(fits=1)
    kwargs = model.generation_kwargs({"min_length": 100, "max_length": 100})
    assert kwargs["min_length"] == kwargs["max_length"] == 100
    kwargs = model.generation_kwargs({"min_length": 600, "max_length": 600})
    assert kwargs["max_length"] == 512 and kwargs["min_length"] == 256  # clamped to the position table


# -- inputs ---------------------------------------------------------------------------------------
def test_discover_walks_directories_by_extension_and_skips_the_output_directory(tmp_path):
    (tmp_path / "in" / "deep").mkdir(parents=True)
    for name in ("a.txt", "b.md", "deep/c.html", "deep/notes.pdf", "deep/data.jsonl"):
        (tmp_path / "in" / name).write_text("x", encoding="utf-8")
    (tmp_path / "in" / "briefs").mkdir()
    (tmp_path / "in" / "briefs" / "a.txt").write_text("an earlier brief", encoding="utf-8")
    items = discover([str(tmp_path / "in")], exclude=tmp_path / "in" / "briefs")
    assert [item.stem for item in items] == ["a", "b", "c"]
    assert all(item.error is None for item in items)


def test_discover_globs_duplicates_and_clashing_stems(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "story.txt").write_text("x", encoding="utf-8")
    (tmp_path / "y" / "Story.txt").write_text("y", encoding="utf-8")
    items = discover([str(tmp_path / "*" / "*.txt"), str(tmp_path / "x" / "story.txt")])
    assert len(items) == 2  # x/story.txt named twice is one input
    stems = [item.stem for item in items]
    assert stems[0] == "story" and stems[1].startswith("Story-") and len(stems[1]) == len("Story-") + 8
    again = discover([str(tmp_path / "*" / "*.txt")])
    assert [i.stem for i in again] == stems  # stable across runs


def test_discover_rejects_arguments_that_name_nothing(tmp_path):
    with pytest.raises(ConfigError, match="no such file"):
        discover([str(tmp_path / "missing.txt")])
    with pytest.raises(ConfigError, match="no files match"):
        discover([str(tmp_path / "*.txt")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(ConfigError, match="no article files"):
        discover([str(tmp_path / "empty")])


def test_jsonl_items_with_text_paths_and_bad_lines(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "one.txt").write_text("Some text.", encoding="utf-8")
    lines = [
        json.dumps({"id": "t1", "text": "An article given inline."}),
        json.dumps({"id": "p/1", "path": "articles/one.txt"}),
        "{not json",
        json.dumps({"id": "t1", "text": "A second article reusing an id."}),
        json.dumps({"id": "blank", "text": "   "}),
        json.dumps({"text": "no id"}),
        "",
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = discover([str(tmp_path / "batch.jsonl")])
    by_input = {item.input.rsplit(":", 1)[1]: item for item in items}
    assert by_input["1"].id == "t1" and by_input["1"].error is None and by_input["1"].source.text.startswith("An article")
    assert by_input["2"].source == tmp_path / "articles" / "one.txt" and by_input["2"].stem == "p_1"
    assert "not valid JSON" in by_input["3"].error.message
    assert "already used" in by_input["4"].error.message and by_input["4"].id != "t1"
    assert "empty" in by_input["5"].error.message
    assert "needs an \"id\"" in by_input["6"].error.message
    assert len(items) == 6
    assert len({item.id for item in items}) == 6  # one manifest key each
    assert read_jsonl(tmp_path / "batch.jsonl")[0].id == "t1"


# -- manifest and files ---------------------------------------------------------------------------
def test_manifest_ignores_a_torn_line_and_resumes_on_the_next(tmp_path):
    path = tmp_path / "manifest.jsonl"
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    with ManifestWriter(path) as manifest:
        manifest.write(Attempt(id="a", input="a.txt", status="ok", output="a.json", outputs=("a.json",)))
        manifest.write(Attempt(id="b", input="b.txt", status="ok", output="b.json", outputs=("b.json",)))
        manifest.write(Attempt(id="c", input="c.txt", status="failed", error="empty"))
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('{"id": "d", "status": "o')  # a crash mid-write
    with ManifestWriter(path) as manifest:
        manifest.write(Attempt(id="e", input="e.txt", status="failed", error="binary"))
    records = read_manifest(path)
    assert [r["id"] for r in records] == ["a", "b", "c", "e"]  # the torn line is skipped, the next intact
    wanted = {"a": ["a.json"], "b": ["b.json"], "c": ["c.json"], "d": ["d.json"]}
    assert finished(records, wanted, tmp_path) == {"a"}  # b's file is gone; c failed; d never finished
    assert finished(records, {"a": ["a.json", "a.md"]}, tmp_path) == set()  # a new format is not done yet


def test_write_atomic_leaves_whole_files_and_partials_are_cleaned(tmp_path):
    target = tmp_path / "x.json"
    write_atomic(target, '{"v": 1}')
    write_atomic(target, '{"v": 2}')
    assert json.loads(target.read_text(encoding="utf-8")) == {"v": 2}
    (tmp_path / ".x.json.abc123.partial").write_text('{"v": ', encoding="utf-8")
    assert remove_partials(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json"]


def test_two_jobs_cannot_write_one_directory(tmp_path):
    with DirectoryLock(tmp_path), pytest.raises(ConfigError, match="another summarise batch job"), DirectoryLock(tmp_path):
        pass
    with DirectoryLock(tmp_path):  # released when the first job ended
        pass


def test_an_out_that_is_a_url_is_refused_not_made_into_a_local_folder(tmp_path, monkeypatch):
    from pathlib import Path

    from typer.testing import CliRunner

    from summarise.batch.files import prepare_output_dir
    from summarise.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("An article.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", "a.txt", "--out", "s3://bucket/briefs", "-q"])
    # It wrote ./s3:/bucket/briefs and reported success.
    assert result.exit_code == 2 and "looks like a URL" in result.stderr, result.stderr
    assert not (tmp_path / "s3:").exists()
    for url in ("gs://bucket/x", "https://example.org/x", "file:///tmp/x"):
        with pytest.raises(ConfigError):
            prepare_output_dir(Path(url))
    prepare_output_dir(tmp_path / "C:" / "briefs")  # a folder whose name merely holds a colon is fine
    assert (tmp_path / "C:" / "briefs").is_dir()
