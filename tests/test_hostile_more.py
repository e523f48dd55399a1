"""A second hostile pass (issue 17: "and nothing like them"): command-line mistakes, settings of every
kind, odd files and names, damaged manifests and JSON lines, a model folder that loads but cannot
generate. Each case: the README's exit code, one ``error:`` line (plus hint), no traceback, nothing
lost. In-process (CliRunner) throughout; no model runs except the tiny one of the last test."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarise.batch.inputs import read_jsonl
from summarise.batch.manifest import Attempt, ManifestWriter, read_manifest
from summarise.cli import app
from summarise.errors import ModelLoadError
from summarise.models.loading import clear_cache, load_seq2seq
from summarise.models.registry import load_registry
from summarise.settings import load_settings
from tests.conftest import SEED
from tests.test_hostile_io import assert_clean

runner = CliRunner()
ARTICLE = SEED.read_text(encoding="utf-8")
CHEAP = ("-s", "lexical-extractive")  # the embedded summariser: no model to load, so batch cases stay fast


def cli(*args, **kwargs):
    return runner.invoke(app, [str(a) for a in args], **kwargs)


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# -- the command line itself: click's usage errors were a box of text with no `error:` line -------------------


@pytest.mark.parametrize(
    "args, needle",
    [
        (("brief", "--sentences", "0", "{a}"), "--sentences"),
        (("brief", "--sentences", "-1", "{a}"), "--sentences"),
        (("brief", "-n", "lots", "{a}"), "valid integer"),
        (("batch", "{a}"), "--out"),
        (("check", "--device", "cuda"), "No such option: --device"),
        (("models", "nonsense"), "No such command 'nonsense'"),
        (("models", "pull"), "Missing argument"),
        (("segment",), "Missing argument"),
    ],
)
def test_command_line_mistakes_are_one_error_line_with_exit_2(article, args, needle):
    result = cli(*(str(article) if a == "{a}" else a for a in args))
    assert_clean(result, 2, needle, "--help")
    assert "╭" not in result.stderr and "Usage:" not in result.stderr


def test_help_and_the_bare_command_still_show_the_help():
    assert cli("--help").exit_code == 0 and "brief" in cli("--help").stdout
    bare = cli()
    assert "Usage" in bare.stdout + bare.stderr and "error:" not in bare.stderr
    assert cli("brief", "--help").exit_code == 0


# -- settings: each SUMMARISE_* variable with a bad value names itself ----------------------------------------


@pytest.mark.parametrize(
    "variable, value",
    [
        ("SUMMARISE_MAX_INPUT_BYTES", "abc"),
        ("SUMMARISE_MAX_INPUT_BYTES", "1e99"),
        ("SUMMARISE_MAX_INPUT_BYTES", "0"),
        ("SUMMARISE_SENTENCES", "zero"),
        ("SUMMARISE_SENTENCES", "-3"),
        ("SUMMARISE_BATCH_SIZE", "0"),
        ("SUMMARISE_DEVICE", "gpu"),
        ("SUMMARISE_DTYPE", "int3"),
        ("SUMMARISE_BACKEND", "fast"),
        ("SUMMARISE_EMBEDDER", "onnx"),
        ("SUMMARISE_OFFLINE", "maybe"),
        ("SUMMARISE_LANGUAGE", "english!"),
        ("SUMMARISE_TARGETS", "e1"),
        ("SUMMARISE_MODEL_PATHS", "no-equals-sign"),
    ],
)
def test_every_bad_environment_setting_is_exit_2_naming_it(article, variable, value):
    result = cli("segment", article, env={variable: value})
    assert_clean(result, 2)
    assert variable in result.stderr or "model path" in result.stderr


def test_config_file_of_the_wrong_shape_is_exit_2_naming_the_file(article, tmp_path):
    config = tmp_path / "config.toml"
    for text, needle in [("bogus = 1\n", "unknown setting"), ("[models]\nx = 1\n", "unknown setting"),
                         ("sentences = 2.5\n", "whole number"), ("device = 1\n", "must be text"),
                         ("models_dir = 5\n", "must be a path"), ("[model_paths]\nopus-mt-en-ar = 5\n", "model_paths")]:
        config.write_text(text, encoding="utf-8")
        assert_clean(cli("brief", article, *CHEAP, env={"SUMMARISE_CONFIG": str(config)}), 2, needle)


@pytest.mark.parametrize(
    "args, code, needle",
    [
        (("--device", "nonsense"), 2, "unknown device"),
        (("--dtype", "int3"), 2, "unknown dtype"),
        (("--format", "pdf"), 2, "unknown format"),
        (("--model-path", "NAME"), 2, "NAME=DIR"),
        (("--model-path", "="), 2, "NAME=DIR"),
        (("--model-path", "no-such-model=/tmp"), 2, "unknown model 'no-such-model'"),
        (("--model-path", "opus-mt-en-ar=/nonexistent"), 3, "opus-mt-en-ar"),
        (("--language", ""), 2, "language code"),
    ],
)
def test_bad_brief_options_are_clear(article, args, code, needle):
    assert_clean(cli("brief", article, *CHEAP, *args), code, needle)


# -- odd inputs: every one a named InputError, never text made up from the wrong bytes -------------------------


def test_a_folder_given_to_brief_or_segment_says_so(tmp_path):
    for command in ("brief", "segment"):
        assert_clean(cli(command, tmp_path), 2, str(tmp_path), "is a directory", "summarise batch")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_a_bom_is_read_as_text(tmp_path, encoding):
    path = tmp_path / "wide.txt"
    path.write_bytes(ARTICLE.encode(encoding))
    result = cli("segment", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert ARTICLE.split()[0] in result.stdout and "\\u0000" not in result.stdout


@pytest.mark.parametrize(
    "data, needle",
    [(b"\0" * 5000, "binary"), (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "PNG"),
     (b"%PDF-1.4\n" + ARTICLE.encode()[:500], "PDF"), (b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4, "gzip"),
     (b"", "empty"), (b" \n\t\r\n  ", "empty")],
)
def test_files_that_are_not_articles_are_refused_by_name(tmp_path, data, needle):
    path = tmp_path / "thing.txt"
    path.write_bytes(data)
    assert_clean(cli("brief", path, *CHEAP), 2, str(path), needle)


def test_odd_file_names_are_read_and_a_symlink_loop_is_an_error(tmp_path):
    for name in ("with\nnewline.txt", os.fsdecode(b"latin\xe9.txt")):
        path = tmp_path / name
        path.write_text(ARTICLE, encoding="utf-8")
        result = cli("segment", path)
        assert result.exit_code == 0, result.stderr
    loop = tmp_path / "loop"
    loop.symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(loop)
    assert_clean(cli("segment", loop), 2, "symbolic links")


def test_html_of_only_scripts_and_styles_has_no_readable_text(tmp_path):
    page = tmp_path / "s.html"
    page.write_text("<html><head><style>p{}</style><script>var a=1</script></head><body><script>x()</script></body></html>")
    assert_clean(cli("segment", page), 2, "no readable text")


def test_an_output_folder_that_is_a_file_is_exit_6_before_any_work(article, tmp_path):
    assert_clean(cli("brief", article, *CHEAP, "-o", article / "brief.md"), 6, "not a folder")
    assert article.read_text(encoding="utf-8") == ARTICLE


# -- batch lists and manifests ---------------------------------------------------------------------------------


def test_an_empty_batch_jsonl_is_an_error_not_an_empty_job(tmp_path):
    for text in ("", "\n  \n\n"):
        listing = tmp_path / "feed.jsonl"
        listing.write_text(text, encoding="utf-8")
        assert_clean(cli("batch", listing, "--out", tmp_path / "out", *CHEAP), 2, str(listing), "empty")
    assert not (tmp_path / "out" / "manifest.jsonl").exists()


def test_jsonl_fields_of_the_wrong_type_say_which_field(tmp_path):
    listing = tmp_path / "feed.jsonl"
    listing.write_text(
        "\n".join(json.dumps(record) for record in [
            {"id": "n", "text": 5}, {"id": "p", "path": ["a"]}, {"id": "t", "text": True}, {"id": "none"},
        ]) + "\n",
        encoding="utf-8",
    )
    errors = {item.id: item.error.message for item in read_jsonl(listing)}
    assert '"text" is a number, not a string' in errors["n"]
    assert '"path" is a list, not a string' in errors["p"]
    assert '"text" is true/false' in errors["t"]
    assert 'neither a "text" nor a "path"' in errors["none"]


def test_manifest_lines_of_the_wrong_types_are_ignored_not_a_crash(tmp_path, article):
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.jsonl").write_bytes(
        b'{"id": 5, "status": "ok", "outputs": 7}\n{"id": {"a": 1}, "status": "ok"}\n'
        b'{"id": "x", "status": "ok", "outputs": [1, 2]}\n{"id": "y", "status": 1}\n[1]\n"x"\n'
        b'{"id": "z", "status": "ok", "output": 3}\n'
    )
    assert read_manifest(out / "manifest.jsonl") == []
    result = cli("batch", article, "--out", out, *CHEAP, "-f", "json")
    assert result.exit_code == 0, result.stderr
    records = read_manifest(out / "manifest.jsonl")
    assert [r["status"] for r in records] == ["ok"] and (out / records[0]["output"]).is_file()


def test_a_manifest_with_a_torn_last_line_keeps_its_records_and_goes_on(tmp_path):
    path = tmp_path / "manifest.jsonl"
    with ManifestWriter(path) as writer:
        writer.write(Attempt(id="a", input="a.txt", status="ok", outputs=("a.json",), output="a.json"))
    path.write_bytes(path.read_bytes() + b'{"id": "b", "sta')  # killed mid-line
    with ManifestWriter(path) as writer:
        writer.write(Attempt(id="c", input="c.txt", status="failed", error="x"))
    assert [r["id"] for r in read_manifest(path)] == ["a", "c"]


# -- check --jsonl ---------------------------------------------------------------------------------------------


def test_check_jsonl_repeated_ids_are_bad_lines(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    summary = ARTICLE.split("\n")[0]
    line = json.dumps({"id": "a", "source": ARTICLE, "summary": summary})
    pairs.write_text(f"{line}\n{line}\n", encoding="utf-8")
    result = cli("check", "--jsonl", pairs)
    assert_clean(result, 2, "could not be checked")
    verdicts = [json.loads(text) for text in result.stdout.splitlines()]
    assert len(verdicts) == 2 and "error" not in verdicts[0]
    assert verdicts[1]["line"] == 2 and "already used on line 1" in verdicts[1]["error"]


# -- a model folder that loads but cannot generate -------------------------------------------------------------


def test_a_generation_config_that_cannot_generate_is_a_model_folder_error(tmp_path, tiny_models):
    folder = tmp_path / "opus"
    shutil.copytree(tiny_models["opus-mt-en-ar"], folder)
    (folder / "generation_config.json").write_text('{"num_beams": "many"}', encoding="utf-8")
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    for key in ("decoder_start_token_id", "bos_token_id"):
        config.pop(key, None)
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    clear_cache()
    settings = load_settings({"model_paths": {"opus-mt-en-ar": str(folder)}})
    with pytest.raises(ModelLoadError, match="cannot generate") as caught:
        load_seq2seq(load_registry().get("opus-mt-en-ar"), settings)
    assert str(folder) in caught.value.message and caught.value.exit_code == 3
    clear_cache()



# -- found in the same pass: names the system cannot look up, `-o -`, stdin twice, damaged lock entries ---------


def test_dash_as_output_means_standard_output(article, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("segment", article, "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert ARTICLE.split()[0] in result.stdout and not (tmp_path / "-").exists()


def test_source_and_summary_cannot_both_be_standard_input():
    assert_clean(cli("check", "--source", "-", "--summary", "-", input=ARTICLE), 2, "both be standard input")


def test_batch_arguments_that_are_empty_or_cannot_be_looked_up_stop_the_job(tmp_path, article, monkeypatch):
    monkeypatch.chdir(article.parent)  # an empty name must not brief the working folder
    assert_clean(cli("batch", "", "--out", tmp_path / "out", *CHEAP), 2, "empty")
    assert_clean(cli("batch", "y" * 5000, "--out", tmp_path / "out", *CHEAP), 2, "File name too long")
    assert not (tmp_path / "out" / "manifest.jsonl").exists()


def test_jsonl_paths_that_cannot_be_looked_up_are_one_failed_item_each(tmp_path, article):
    listing = tmp_path / "feed.jsonl"
    records = [{"id": "long", "path": "z" * 5000}, {"id": "nul", "path": "a\0b"}, {"id": "good", "path": article.name}]
    listing.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    items = {item.id: item for item in read_jsonl(listing, within=tmp_path)}
    assert "cannot be read" in items["long"].error.message and "not a file name" in items["nul"].error.message
    assert items["good"].error is None and items["good"].source == article


def test_model_folders_the_system_cannot_look_up_are_named(article, tmp_path):
    assert_clean(cli("brief", article, *CHEAP, "--model-path", "opus-mt-en-ar=/tmp/" + "x" * 5000), 3,
                 "opus-mt-en-ar", "File name too long")
    assert_clean(cli("brief", article, *CHEAP, env={"SUMMARISE_MODELS_DIR": "/tmp/" + "z" * 5000}), 2,
                 "models folder", "File name too long")


def test_a_lock_entry_of_the_wrong_types_is_reported_as_damaged(tmp_path):
    store = tmp_path / "store"
    (store / "opus-mt-en-ar").mkdir(parents=True)
    (store / "opus-mt-en-ar" / "model.safetensors").write_bytes(b"x")
    (store / "models.lock.json").write_text('{"opus-mt-en-ar": {"commit": 5, "hub_id": ["x"]}}')
    assert_clean(cli("models", "list", env={"SUMMARISE_MODELS_DIR": str(store)}), 2, "lock file", "damaged")
    # What `models pull` writes (a list of files among them) is of course still read.
    (store / "models.lock.json").write_text(json.dumps({"opus-mt-en-ar": {
        "hub_id": "Helsinki-NLP/opus-mt-en-ar", "requested_revision": "main", "commit": "a" * 40,
        "files": ["config.json"], "pulled_at": "2026-01-01T00:00:00+00:00"}}))
    result = cli("models", "list", env={"SUMMARISE_MODELS_DIR": str(store)})
    assert result.exit_code == 0 and "aaaaaaaaaa" in result.stdout, result.stderr


def test_a_pull_without_network_names_the_model_quickly(tmp_path, monkeypatch):
    import huggingface_hub

    class Unreachable:
        def model_info(self, repo_id, revision=None):
            raise OSError("[Errno -2] Name or service not known")  # what a machine without DNS raises

    monkeypatch.setattr(huggingface_hub, "HfApi", Unreachable)
    result = cli("models", "pull", "opus-mt-en-ar", env={"SUMMARISE_MODELS_DIR": str(tmp_path)})
    assert_clean(result, 4, "could not download opus-mt-en-ar (Helsinki-NLP/opus-mt-en-ar", "network")
    assert not any(tmp_path.iterdir()) or not (tmp_path / "models.lock.json").exists()


@pytest.mark.parametrize(
    "data, label, bad",
    [
        (ARTICLE.encode("utf-16") + b"\x00", "UTF-16-LE", 1),  # a cut-off last character
        (ARTICLE.encode("utf-16")[:-2] + b"\x00\xd8" + "end.".encode("utf-16-le"), "UTF-16-LE", 2),  # a lone surrogate
        (ARTICLE.encode("utf-32") + b"\x01\x02", "UTF-32-LE", 2),
        (b"\xef\xbb\xbf" + ARTICLE.encode().replace(b"Russia", b"Russ\xff\xfe", 1), "UTF-8", 2),
    ],
)
def test_a_few_bad_bytes_after_a_byte_order_mark_are_kept_and_counted_like_utf8(tmp_path, data, label, bad):
    path = tmp_path / "marked.txt"
    path.write_bytes(data)
    result = cli("segment", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert f"{bad} byte" in result.stderr and f"not valid {label}" in result.stderr
    assert ARTICLE.split()[1] in result.stdout


def test_binary_behind_a_utf16_byte_order_mark_is_still_refused(tmp_path):
    path = tmp_path / "fake.txt"
    path.write_bytes(b"\xff\xfe" + bytes(range(256)) * 40)
    assert_clean(cli("segment", path), 2, "byte-order mark", "not valid utf-16-le")


@pytest.mark.parametrize("link", ["symbolic", "hard"])
@pytest.mark.parametrize("force", [False, True])
def test_a_manifest_linked_to_another_file_is_refused_and_the_file_kept(tmp_path, article, link, force):
    out = tmp_path / "out"
    out.mkdir()
    if link == "symbolic":
        (out / "manifest.jsonl").symlink_to(article)
    else:
        os.link(article, out / "manifest.jsonl")
    result = cli("batch", article, "--out", out, *CHEAP, *(["--force"] if force else []))
    assert_clean(result, 6, "manifest", "symbolic link" if link == "symbolic" else "hard links")
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_convert_into_a_models_folder_that_cannot_be_written_is_exit_6_before_converting(tmp_path, tiny_models, article):
    pytest.importorskip("ctranslate2")
    result = cli("models", "convert", "opus-mt-en-ar", "--model-path", f"opus-mt-en-ar={tiny_models['opus-mt-en-ar']}",
                 env={"SUMMARISE_MODELS_DIR": str(article)})
    assert_clean(result, 6, "converted copies", "Not a directory", "SUMMARISE_MODELS_DIR")
    assert "Loading weights" not in result.stderr and article.read_text(encoding="utf-8") == ARTICLE


def test_check_jsonl_null_or_empty_ids_are_missing_ids(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("".join(json.dumps({"id": value, "source": ARTICLE, "summary": "x."}) + "\n" for value in (None, "")))
    result = cli("check", "--jsonl", pairs)
    assert_clean(result, 2, "could not be checked")
    assert all("missing field(s): id" in json.loads(text)["error"] for text in result.stdout.splitlines())


def test_a_command_line_mistake_in_a_real_process_is_one_line(article):
    from tests.test_hostile_io import run_process

    done = run_process(["brief", "--sentences", "0", str(article)])
    assert_clean(done.returncode, 2, "--sentences", stderr=done.stderr)
    assert done.stdout == ""


def test_an_empty_summarise_config_is_unset_like_every_other_variable(article):
    result = cli("segment", article, env={"SUMMARISE_CONFIG": ""})
    assert result.exit_code == 0, result.stderr


def test_a_pull_into_a_models_folder_that_cannot_be_made_says_so_before_the_network(tmp_path, article, monkeypatch):
    import huggingface_hub

    class NeverAsked:
        def model_info(self, repo_id, revision=None):
            raise AssertionError("the network was asked before the folder was checked")

    monkeypatch.setattr(huggingface_hub, "HfApi", NeverAsked)
    result = cli("models", "pull", "opus-mt-en-ar", env={"SUMMARISE_MODELS_DIR": str(article / "models")})
    assert_clean(result, 4, "opus-mt-en-ar", "models folder", "SUMMARISE_MODELS_DIR")
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_a_disk_error_during_a_pull_is_not_blamed_on_the_network(tmp_path, monkeypatch):
    import errno

    import huggingface_hub

    class Full:
        def model_info(self, repo_id, revision=None):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(huggingface_hub, "HfApi", Full)
    result = cli("models", "pull", "opus-mt-en-ar", env={"SUMMARISE_MODELS_DIR": str(tmp_path)})
    assert_clean(result, 4, "could not save opus-mt-en-ar", "No space left", "free disk space")
    assert "network" not in result.stderr
