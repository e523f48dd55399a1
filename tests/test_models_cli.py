"""`summarise models list` / `pull` from the command line."""

from typer.testing import CliRunner

from summarise.cli import app

runner = CliRunner()


def test_models_list_shows_licences_sizes_and_presence(tiny_models):
    result = runner.invoke(app, ["models", "list", "--model-path", f"opus-mt-en-ar={tiny_models['opus-mt-en-ar']}"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for name in ("minilm-extractive", "bart-large-cnn", "mt5-xlsum", "nllb-200-distilled-600m", "opus-mt-ar-en"):
        assert name in out
    assert "non-commercial" in out and "embedded" in out
    assert "summarise models pull bart-large-cnn" in out  # absent models say how to get them
    rows = {line.split("\t")[0]: line.split("\t") for line in out.splitlines()[1:]}  # tab-separated when piped
    assert rows["opus-mt-en-ar"][5].startswith("yes (override")
    assert rows["minilm-extractive"][5] == "yes (embedded)"
    assert rows["bart-large-cnn"][5] == "no: summarise models pull bart-large-cnn"
    assert rows["mt5-xlsum"][3] == "CC-BY-NC-SA-4.0 (non-commercial)"


def test_pull_rejects_unknown_names_before_downloading():
    result = runner.invoke(app, ["models", "pull", "opus-mt-en-ar", "not-a-model"])
    assert result.exit_code == 2 and "not-a-model" in result.stderr and "bart-large-cnn" in result.stderr
