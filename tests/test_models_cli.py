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


def listed(*args) -> dict[str, dict[str, str]]:
    """`summarise models list` piped: one row per model, keyed by the header."""
    result = runner.invoke(app, ["models", "list", *args])
    assert result.exit_code == 0, result.output
    header, *lines = result.stdout.splitlines()
    columns = header.split("\t")
    rows = [dict(zip(columns, line.split("\t"), strict=True)) for line in lines]
    return {row["name"]: row for row in rows}


def test_models_list_says_which_models_have_a_ctranslate2_copy(tmp_path, tiny_models):
    import json
    import os
    import shutil

    import pytest

    pytest.importorskip("ctranslate2")
    from summarise.models.ct2_convert import MARKER, convert, converted_path
    from summarise.models.registry import load_registry
    from summarise.settings import load_settings

    rows = listed()
    assert list(rows["mt5-xlsum"]) == ["name", "task", "languages", "licence", "size", "present", "ctranslate2"]
    assert rows["mt5-xlsum"]["ctranslate2"] == "no" and rows["opus-mt-en-ar"]["ctranslate2"] == "no"
    assert rows["minilm-extractive"]["ctranslate2"] == "-"  # nothing to convert

    model_dir = tmp_path / "mt5"
    shutil.copytree(tiny_models["mt5-xlsum"], model_dir)
    flag = f"mt5-xlsum={model_dir}"
    card = load_registry().get("mt5-xlsum")
    settings = load_settings({"model_paths": {"mt5-xlsum": str(model_dir)}})
    convert(card, settings, "int8")
    rows = listed("--model-path", flag)
    assert rows["mt5-xlsum"]["ctranslate2"] == "yes (int8)"  # the quantization recorded at convert time
    assert rows["mt5-xlsum"]["present"].startswith("yes (override")  # the other columns stay where they were
    assert rows["opus-mt-en-ar"]["ctranslate2"] == "no"
    assert listed()["mt5-xlsum"]["ctranslate2"] == "yes (int8; model not present)"  # copy kept, model not given
    with pytest.MonkeyPatch.context() as patch:  # a copy that nothing would use says so
        patch.setattr("summarise.models.ct2_convert.ctranslate2_available", lambda: False)
        assert listed("--model-path", flag)["mt5-xlsum"]["ctranslate2"] == (
            "yes (int8), unused: CTranslate2 is not installed (pip install 'summarise[fast]')")

    marker_path = converted_path(card, settings) / MARKER
    marker = json.loads(marker_path.read_text(encoding="utf-8"))
    del marker["quantization"]  # as a copy made before the quantization was recorded
    marker_path.write_text(json.dumps(marker), encoding="utf-8")
    assert listed("--model-path", flag)["mt5-xlsum"]["ctranslate2"] == "yes (quantization not recorded)"
    from summarise.models.ct2 import CTranslate2Model, load_generator
    from summarise.models.loading import clear_cache

    clear_cache()
    generator = load_generator(card, settings)  # such a copy still loads, at full precision
    assert isinstance(generator, CTranslate2Model) and generator.description == "ctranslate2 float32 cpu"
    clear_cache()

    weights = next(model_dir.glob("*.safetensors"))
    stat = weights.stat()
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # the weights changed since
    convert(card, settings, "float16")  # a new copy, with its quantization
    assert listed("--model-path", flag)["mt5-xlsum"]["ctranslate2"] == "yes (float16)"
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2 * 10**9))
    stale = listed("--model-path", flag)["mt5-xlsum"]["ctranslate2"]
    assert stale == f"stale (float16; made from other weights): run `summarise models convert mt5-xlsum --model-path {flag}`"
