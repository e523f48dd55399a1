"""Hostile batch inputs and outputs, and broken model folders (issue 17): a clear error with the
README's exit code, no traceback, one bad line recorded while the others go on, no input overwritten.
Batch cases here fail or finish before any model runs, so they stay fast."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarise.batch.files import prepare_output_dir, write_atomic
from summarise.batch.inputs import discover, read_jsonl
from summarise.batch.manifest import Attempt, ManifestWriter, read_manifest
from summarise.cli import app
from summarise.errors import ConfigError, InputError, ModelLoadError, ModelMissingError, OutputError
from summarise.models.loading import clear_cache, load_embedder, load_seq2seq
from summarise.models.registry import load_registry
from summarise.settings import load_settings
from tests.conftest import SEED
from tests.test_hostile_io import assert_clean

runner = CliRunner()
ARTICLE = SEED.read_text(encoding="utf-8")


def cli(*args, **kwargs):
    return runner.invoke(app, [str(a) for a in args], **kwargs)


# -- batch outputs --------------------------------------------------------------------------------------------


def test_batch_out_that_is_a_file_or_read_only_is_a_clear_error(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    a_file = tmp_path / "briefs"
    a_file.write_text("not a folder")
    assert_clean(cli("batch", article, "--out", a_file), 6, "is a file, not a folder")
    assert a_file.read_text() == "not a folder"
    read_only = tmp_path / "ro"
    read_only.mkdir()
    read_only.chmod(0o555)
    assert_clean(cli("batch", article, "--out", read_only), 6, "read-only")  # as root too
    assert not any(read_only.iterdir())
    under_a_file = a_file / "sub"
    assert_clean(cli("batch", article, "--out", under_a_file), 6, "cannot write")


def test_batch_dir_out_dir_says_what_is_wrong(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    result = cli("batch", folder, "--out", folder)
    assert_clean(result, 2, "is the --out folder")
    assert "no article files" not in result.stderr


def test_an_input_in_the_output_folder_is_never_overwritten(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("article.txt").write_text(ARTICLE)
    Path("other.md").write_text(ARTICLE)
    items = discover(["article.txt", "other.md"], exclude=Path("."))
    from summarise.batch.runner import output_names

    inputs = {"article.txt", "other.md"}
    for fmt in ("text", "md", "json", "html"):
        for item in items:
            assert not inputs & set(output_names(item, [fmt])), (fmt, item.stem)
    assert [item.stem for item in items] == ["article.brief", "other.brief"]
    # Stable across runs, so a re-run finds its finished work under the same names.
    assert [item.stem for item in discover(["article.txt", "other.md"], exclude=Path("."))] == ["article.brief", "other.brief"]


def test_manifest_on_a_full_disk_is_an_output_error_and_earlier_lines_stay(tmp_path, monkeypatch):
    import errno

    from summarise.batch import manifest as manifest_module

    def disk_full(descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    # (A link to /dev/full no longer reaches the write: a manifest that is a link is refused first.)
    monkeypatch.setattr(manifest_module.os, "fsync", disk_full)
    attempt = Attempt(id="a", input="a.txt", status="ok")
    with pytest.raises(OutputError, match="No space left") as caught, ManifestWriter(tmp_path / "manifest.jsonl") as manifest:
        manifest.write(attempt)
    monkeypatch.undo()
    assert "manifest" in caught.value.message and "run the same command again" in caught.value.hint
    kept = tmp_path / "kept" / "manifest.jsonl"
    kept.parent.mkdir()
    with ManifestWriter(kept) as manifest:
        manifest.write(attempt)
    assert read_manifest(kept)[0]["id"] == "a"


def test_a_manifest_that_is_not_a_regular_file_is_refused_not_read_forever(tmp_path):
    (tmp_path / "manifest.jsonl").symlink_to("/dev/zero")
    with pytest.raises(OutputError, match="not a regular file"):
        read_manifest(tmp_path / "manifest.jsonl")
    article = tmp_path / "in" / "a.txt"
    article.parent.mkdir()
    article.write_text(ARTICLE)
    assert_clean(cli("batch", article, "--out", tmp_path), 6, "not a regular file")


def test_a_damaged_manifest_is_read_around(tmp_path):
    path = tmp_path / "manifest.jsonl"
    path.write_bytes(b'\xff\xfe{"id": "x"\n' + b"[" * 100_000 + b"\n" + json.dumps({"id": "a", "status": "ok"}).encode() + b"\n")
    assert [record["id"] for record in read_manifest(path)] == ["a"]


def test_brief_write_failures_are_output_errors(tmp_path):
    (tmp_path / "x.json").mkdir()  # a folder where the brief should go
    with pytest.raises(OutputError, match="x.json"):
        write_atomic(tmp_path / "x.json", "{}")
    with pytest.raises(OutputError, match="is a file"):
        prepare_output_dir(SEED)


# -- batch inputs ------------------------------------------------------------------------------------------------


def test_jsonl_line_nested_100000_deep_is_one_bad_item(tmp_path):
    jsonl = tmp_path / "items.jsonl"
    jsonl.write_text(
        json.dumps({"id": "one", "text": ARTICLE}) + "\n" + "[" * 100_000 + "\n" + '{"id": "deep", "x": ' + "{\"a\": " * 50_000 + "1" + "}" * 50_000 + "}\n"
        + json.dumps({"id": "two", "text": ARTICLE}) + "\n"
    )
    items = read_jsonl(jsonl)
    assert [item.error is None for item in items] == [True, False, False, True]
    assert "nested too deeply" in items[1].error.message and "nested too deeply" in items[2].error.message


def test_jsonl_paths_resolve_against_the_jsonl_folder_and_can_be_confined(tmp_path, monkeypatch):
    lists, inside, outside = tmp_path / "lists", tmp_path / "lists" / "articles", tmp_path / "private"
    inside.mkdir(parents=True)
    outside.mkdir()
    (inside / "a.txt").write_text(ARTICLE)
    (outside / "secret.txt").write_text("secret")
    (inside / "sneaky.txt").symlink_to(outside / "secret.txt")
    jsonl = lists / "items.jsonl"
    rows = [
        {"id": "rel", "path": "articles/a.txt"},
        {"id": "abs", "path": str(outside / "secret.txt")},
        {"id": "up", "path": "articles/../../private/secret.txt"},
        {"id": "link", "path": "articles/sneaky.txt"},
        {"id": "tilde", "path": "~/secret.txt"},
    ]
    jsonl.write_text("".join(json.dumps(row) + "\n" for row in rows))
    monkeypatch.chdir(outside)  # relative paths must not depend on the working folder
    free = {item.id: item for item in discover([str(jsonl)])}
    assert free["rel"].source == lists / "articles/a.txt" and free["rel"].error is None
    assert free["tilde"].source == lists / "~/secret.txt"  # never the user's home
    confined = {item.id: item for item in discover([str(jsonl)], within=inside)}
    assert confined["rel"].error is None
    for name in ("abs", "up", "link", "tilde"):
        assert confined[name].source is None and "outside --inputs-within" in confined[name].error.message, name
    with pytest.raises(ConfigError, match="not a folder"):
        discover([str(jsonl)], within=tmp_path / "missing")


def test_inputs_within_flag_records_escapes_as_failures(tmp_path):
    inside = tmp_path / "inside"
    inside.mkdir()
    jsonl = tmp_path / "items.jsonl"
    jsonl.write_text(json.dumps({"id": "escape", "path": "/etc/hostname"}) + "\n" + "[" * 100_000 + "\n")
    out = tmp_path / "out"
    result = cli("batch", jsonl, "--out", out, "--inputs-within", inside, "-q")
    assert result.exit_code == 1 and "Traceback" not in result.output
    records = read_manifest(out / "manifest.jsonl")
    assert {r["status"] for r in records} == {"failed"} and len(records) == 2
    assert any("outside --inputs-within" in r["error"] for r in records)
    assert any("nested too deeply" in r["error"] for r in records)


def test_jsonl_paths_to_devices_and_fifos_are_refused_not_read_forever(tmp_path):
    from summarise.pipeline import Pipeline

    (tmp_path / "zero").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "fifo")  # no writer: opening it would wait forever
    jsonl = tmp_path / "items.jsonl"
    jsonl.write_text("".join(json.dumps({"id": name, "path": name}) + "\n" for name in ("zero", "fifo")))
    items = discover([str(jsonl)])
    assert [item.source for item in items] == [None, None]
    assert all("not a regular file" in item.error.message for item in items)
    # Named on the command line, a device is read like any input: bounded.
    with pytest.raises(InputError, match="limit"):
        Pipeline(load_settings({"max_input_bytes": 10_000})).read(tmp_path / "zero")


def test_a_jsonl_file_that_never_ends_a_line_is_an_error(tmp_path):
    (tmp_path / "endless.jsonl").symlink_to("/dev/zero")
    assert_clean(cli("batch", tmp_path / "endless.jsonl", "--out", tmp_path / "out"), 2, "without ending")


# -- model folders ---------------------------------------------------------------------------------------------


def _settings(**paths):
    return load_settings({"model_paths": {name: str(path) for name, path in paths.items()}})


@pytest.fixture
def broken_copy(tmp_path, tiny_models):
    def make(change, name: str = "opus-mt-en-ar") -> Path:
        folder = tmp_path / f"model-{len(list(tmp_path.iterdir()))}"
        shutil.copytree(tiny_models[name], folder)
        change(folder)
        clear_cache()
        return folder

    return make


def _truncate(folder: Path) -> None:
    weights = folder / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])


def _bogus(folder: Path) -> None:
    (folder / "model.safetensors").write_bytes(b"\xff" * 8 + os.urandom(200))


def _no_tokenizer(folder: Path) -> None:
    for name in ("source.spm", "target.spm", "vocab.json", "tokenizer.json", "tokenizer_config.json"):
        (folder / name).unlink(missing_ok=True)


def _binary_config(folder: Path) -> None:
    (folder / "config.json").write_bytes(b"\x00\x01\x02\xff" * 50)


@pytest.mark.parametrize(
    "change, needle",
    [(_truncate, "could not load"), (_bogus, "could not load"), (_no_tokenizer, "no tokenizer files"),
     (_binary_config, "could not load")],
)
def test_broken_model_folders_are_model_load_errors_naming_the_folder(broken_copy, change, needle):
    folder = broken_copy(change)
    with pytest.raises(ModelLoadError, match=needle) as caught:
        load_seq2seq(load_registry().get("opus-mt-en-ar"), _settings(**{"opus-mt-en-ar": folder}))
    assert str(folder) in caught.value.message and caught.value.exit_code == 3 and caught.value.hint


def test_an_empty_model_folder_is_not_blamed_on_sentencepiece(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ModelLoadError, match="is empty") as caught:
        load_seq2seq(load_registry().get("opus-mt-en-ar"), _settings(**{"opus-mt-en-ar": empty}))
    assert "sentencepiece" not in str(caught.value).lower()
    result = cli("models", "convert", "opus-mt-en-ar", "--model-path", f"opus-mt-en-ar={empty}")
    if "CTranslate2 is not installed" not in result.stderr:
        assert_clean(result, 3, "is empty")
    a_file = tmp_path / "weights.bin"
    a_file.write_bytes(b"x")
    with pytest.raises(ModelMissingError, match="is a file"):
        load_seq2seq(load_registry().get("opus-mt-en-ar"), _settings(**{"opus-mt-en-ar": a_file}))


def test_models_convert_on_a_truncated_file_is_a_clear_error(broken_copy):
    pytest.importorskip("ctranslate2")
    folder = broken_copy(_truncate)
    result = cli("models", "convert", "opus-mt-en-ar", "--model-path", f"opus-mt-en-ar={folder}")
    assert_clean(result, 3, "could not convert opus-mt-en-ar", str(folder))


def test_brief_with_a_broken_summariser_folder_exits_3(broken_copy):
    folder = broken_copy(_truncate, "mt5-xlsum")
    result = cli("brief", SEED, "-s", "mt5-xlsum", "--model-path", f"mt5-xlsum={folder}", "--offline")
    assert_clean(result, 3, "could not load mt5-xlsum", str(folder))


# -- the embedder: blocked attacks are errors, not tracebacks ---------------------------------------------------


@pytest.fixture
def embedder_copy(tmp_path):
    from summarise.models.store import embedded_path

    original = embedded_path(load_registry().get("minilm-extractive"))
    if original is None:
        pytest.skip("the embedded MiniLM package is not installed")

    def make(change) -> Path:
        folder = tmp_path / f"embedder-{len(list(tmp_path.iterdir()))}"
        shutil.copytree(original, folder, ignore=shutil.ignore_patterns("model.safetensors"))
        (folder / "model.safetensors").symlink_to(original / "model.safetensors")
        change(folder)
        clear_cache()
        return folder

    return make


def _custom_code(folder: Path) -> None:
    (folder / "evil.py").write_text("open(__file__ + '.ran', 'w')\nclass Evil:\n    pass\n")
    modules = json.loads((folder / "modules.json").read_text())
    modules[0]["type"] = "evil.Evil"
    (folder / "modules.json").write_text(json.dumps(modules))


def _escape(folder: Path) -> None:
    modules = json.loads((folder / "modules.json").read_text())
    modules[-1]["path"] = "../../../../../../etc"
    (folder / "modules.json").write_text(json.dumps(modules))


def _pickle(folder: Path) -> None:
    from tests.tiny_models import write_code_running_bin

    (folder / "model.safetensors").unlink()
    write_code_running_bin(folder / "pytorch_model.bin", folder / "pwned")


@pytest.mark.parametrize("change", [_custom_code, _escape, _pickle])
@pytest.mark.parametrize("runtime", ["auto", "sentence-transformers"])
def test_embedder_attacks_are_refused_with_a_model_load_error(embedder_copy, change, runtime):
    folder = embedder_copy(change)
    settings = load_settings({"model_paths": {"minilm-extractive": str(folder)}, "embedder": runtime})
    try:
        load_embedder(load_registry().get("minilm-extractive"), settings)
    except ModelLoadError as error:
        assert str(folder) in error.message and error.hint
    else:
        # A runtime that never reads the changed part (e.g. only the weights) may load; the attack still must not run.
        assert change is _escape or runtime == "auto"
    assert not (folder / "pwned").exists() and not (folder / "evil.py.ran").exists()


def test_manifest_lines_of_non_utf8_file_names_round_trip(tmp_path):
    weird_id = os.fsdecode(b"/news/\xffname.txt")
    path = tmp_path / "manifest.jsonl"
    with ManifestWriter(path) as manifest:
        manifest.write(Attempt(id=weird_id, input=weird_id, status="ok"))
    assert read_manifest(path)[0]["id"] == weird_id


def test_a_symlink_loop_in_an_input_folder_ends(tmp_path):
    (tmp_path / "news" / "sub").mkdir(parents=True)
    (tmp_path / "news" / "a.txt").write_text(ARTICLE)
    (tmp_path / "news" / "sub" / "up").symlink_to("..")
    (tmp_path / "news" / "zero.txt").symlink_to("/dev/zero")  # not a regular file: never listed
    items = discover([str(tmp_path / "news")])
    assert [Path(item.input).name for item in items] == ["a.txt"]


def _config_is_endless(folder: Path) -> None:
    (folder / "config.json").unlink()
    (folder / "config.json").symlink_to("/dev/zero")


def _tokenizer_is_a_fifo(folder: Path) -> None:
    (folder / "vocab.json").unlink()
    os.mkfifo(folder / "vocab.json")


@pytest.mark.parametrize("change", [_config_is_endless, _tokenizer_is_a_fifo])
def test_special_files_in_a_model_folder_are_refused_not_read(broken_copy, change):
    folder = broken_copy(change)
    with pytest.raises(ModelLoadError, match="not a regular file"):
        load_seq2seq(load_registry().get("opus-mt-en-ar"), _settings(**{"opus-mt-en-ar": folder}))


@pytest.fixture
def tiny_disk(tmp_path):
    """A 64 KiB tmpfs, so "disk full" is real (root only; skipped where mounting is not allowed)."""
    import subprocess

    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True, check=False)


def test_a_disk_that_fills_up_stops_batch_cleanly_and_keeps_every_finished_line(tiny_disk, tmp_path):
    jsonl = tmp_path / "items.jsonl"
    jsonl.write_text("".join(json.dumps({"id": f"item-{i}-" + "x" * 60}) + "\n" for i in range(3000)))
    result = cli("batch", jsonl, "--out", tiny_disk / "out", "-q")
    assert_clean(result, 6, "cannot write the batch manifest", "No space left", "run the same command again")
    records = read_manifest(tiny_disk / "out" / "manifest.jsonl")
    assert len(records) > 50 and all(record["status"] == "failed" for record in records)


def test_a_full_disk_never_leaves_a_half_written_output(tiny_disk):
    brief = tiny_disk / "brief.txt"
    brief.write_text("the old brief\n")
    (tiny_disk / "filler").write_bytes(b"x" * (64 * 1024 - 8192))
    big = tiny_disk.parent / "big.txt"
    big.write_text(ARTICLE * 8)
    assert_clean(cli("segment", big, "-o", brief), 6, "No space left")
    assert brief.read_text() == "the old brief\n"
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["brief.txt", "filler"]  # no temporary file left


def test_batch_failure_lines_never_carry_escape_sequences(tmp_path):
    from summarise.batch.progress import describe_failure

    hostile = "evil\x1b]0;pwned\x07\x1b[2J.txt"
    line = describe_failure(Attempt(id=hostile, input=hostile, status="failed", error=f"{hostile}: the file is empty\nhint"))
    assert "\x1b" not in line and "\x07" not in line and "the file is empty" in line
