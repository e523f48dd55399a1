"""The CTranslate2 backend on tiny models: conversion (CLI), use when present, agreement with
transformers, fallbacks, option mapping and out-of-memory back-off. Skipped without ctranslate2."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

ctranslate2 = pytest.importorskip("ctranslate2")

from summarise.cli import app
from summarise.errors import ConfigError, ModelLoadError
from summarise.models.ct2 import CTranslate2Model, choose_compute_type, load_generator, translate_options
from summarise.models.ct2_convert import convert, converted_path, find_converted
from summarise.models.loading import clear_cache, load_seq2seq
from summarise.models.registry import load_registry
from summarise.models.seq2seq import Seq2SeqModel
from summarise.models.store import require
from summarise.settings import load_settings
from tests.tiny_models import ARABIC, ENGLISH, build_marian

GREEDY = {"num_beams": 1, "max_length": 12, "min_length": 0, "no_repeat_ngram_size": 0}


pytestmark = pytest.mark.usefixtures("one_torch_thread")


@pytest.fixture(autouse=True)
def fresh_models():
    clear_cache()  # each test has its own model store: no generator from another test
    yield
    clear_cache()


@pytest.fixture(scope="session")
def opus_layout_marian(tmp_path_factory) -> Path:
    """A tiny English->Arabic Marian model with the OPUS-MT vocabulary layout (<pad> last), which is
    what CTranslate2's Marian converter expects (the shared tiny Marian puts <pad> at id 2)."""
    return build_marian(tmp_path_factory.mktemp("opus-layout") / "opus-mt-en-ar", max_positions=64, seed=4, pad_last=True)


def settings_for(**paths: Path):
    return load_settings({"model_paths": {name.replace("_", "-"): str(path) for name, path in paths.items()}})


def test_convert_command_then_the_converted_copy_is_used_and_agrees_with_transformers(tiny_models):
    result = CliRunner().invoke(
        app, ["models", "convert", "mt5-xlsum", "--quantization", "float32", "--model-path", f"mt5-xlsum={tiny_models['mt5-xlsum']}"]
    )
    assert result.exit_code == 0, result.output
    settings = settings_for(mt5_xlsum=tiny_models["mt5-xlsum"])
    card = load_registry().get("mt5-xlsum")
    assert str(converted_path(card, settings)) in result.output
    fast = load_generator(card, settings)
    assert isinstance(fast, CTranslate2Model) and fast.description == "ctranslate2 float32 cpu"
    slow = load_seq2seq(card, settings)
    texts = ENGLISH[:3] + ARABIC[:2]
    assert fast.generate(texts, **GREEDY) == slow.generate(texts, **GREEDY)
    assert fast.max_input_tokens == slow.max_input_tokens
    assert fast.stats.generated_tokens == slow.stats.generated_tokens > 0


def test_marian_int8_copy_translates_and_float32_matches_transformers(opus_layout_marian):
    from summarise.translate import translate_many

    settings = settings_for(opus_mt_en_ar=opus_layout_marian)
    card = load_registry().get("opus-mt-en-ar")
    convert(card, settings, "float32")
    fast = load_generator(card, settings)
    slow = load_seq2seq(card, settings)
    texts = [">>ara<< " + t for t in ENGLISH[:4]]
    assert fast.generate(texts, **GREEDY) == slow.generate(texts, **GREEDY)
    assert fast.max_input_tokens == slow.max_input_tokens == 64

    convert(card, settings, "int8")  # a different quantization replaces the copy
    clear_cache()
    fast = load_generator(card, settings)
    assert fast.description == "ctranslate2 int8 cpu"
    calls: list[int] = []
    generate = fast.generate
    fast.generate = lambda texts, **kwargs: calls.append(len(texts)) or generate(texts, **kwargs)
    translations = translate_many([ENGLISH[:2], ENGLISH[2:5]], "en", "ar", require(card, settings), settings)
    assert [len(t.sentences) for t in translations] == [2, 3]
    assert calls[0] >= 5  # both briefs' sentences went through one batched call (later: retries, if any)


def test_conversion_failure_is_explained_and_transformers_stays_in_use(tiny_models):
    settings = settings_for(opus_mt_en_ar=tiny_models["opus-mt-en-ar"])  # <pad> at id 2: not the OPUS layout
    card = load_registry().get("opus-mt-en-ar")
    with pytest.raises(ModelLoadError) as caught:
        convert(card, settings, "int8")
    assert "could not convert opus-mt-en-ar" in caught.value.message and "<pad> last" in caught.value.hint
    assert not any(converted_path(card, settings).parent.glob("*"))  # no half copy left behind
    generator = load_generator(card, settings)
    assert type(generator) is Seq2SeqModel and generator.description == "transformers float32 cpu"


def test_a_copy_of_other_weights_is_not_used_and_converting_again_is_a_no_op(tmp_path, tiny_models):
    import shutil

    model_dir = tmp_path / "mt5"
    shutil.copytree(tiny_models["mt5-xlsum"], model_dir)
    settings = settings_for(mt5_xlsum=model_dir)
    card = load_registry().get("mt5-xlsum")
    first = convert(card, settings, "int8")
    marker = (first.path / "summarise-ct2.json").read_text(encoding="utf-8")
    assert convert(card, settings, "int8") == first  # up to date: nothing redone
    assert (first.path / "summarise-ct2.json").read_text(encoding="utf-8") == marker
    weights = next(model_dir.glob("*.safetensors"))
    stat = weights.stat()
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # the weights were replaced
    local = require(card, settings)
    assert find_converted(local, settings) is None
    assert type(load_generator(card, settings)) is Seq2SeqModel
    assert convert(card, settings, "int8").source_fingerprint != first.source_fingerprint


def test_batch_job_runs_on_converted_models_and_records_the_backend(tmp_path, tiny_models, opus_layout_marian):
    from summarise.batch import discover, read_manifest, run_batch
    from summarise.pipeline import Pipeline
    from tests.test_batch import arabic_article, english_article

    settings = settings_for(mt5_xlsum=tiny_models["mt5-xlsum"], opus_mt_en_ar=opus_layout_marian, opus_mt_ar_en=tiny_models["opus-mt-ar-en"])
    registry = load_registry()
    convert(registry.get("mt5-xlsum"), settings, "int8")
    convert(registry.get("opus-mt-en-ar"), settings, "int8")
    (tmp_path / "in").mkdir()
    for n in range(3):
        (tmp_path / "in" / f"en{n}.txt").write_text(english_article(n), encoding="utf-8")
    (tmp_path / "in" / "ar.txt").write_text(arabic_article(0), encoding="utf-8")
    result = run_batch(discover([str(tmp_path / "in")]), tmp_path / "out", pipeline=Pipeline(settings))
    assert (result.ok, result.failed, result.exit_code) == (4, 0, 0)
    assert result.generated_tokens > 0
    records = {Path(r["input"]).name: r for r in read_manifest(tmp_path / "out" / "manifest.jsonl")}
    # The Arabic brief of an English article is translated back (the round-trip check) by opus-mt-ar-en.
    assert records["en0.txt"]["backends"] == {
        "mt5-xlsum": "ctranslate2 int8 cpu", "opus-mt-en-ar": "ctranslate2 int8 cpu", "opus-mt-ar-en": "transformers float32 cpu",
    }
    assert records["ar.txt"]["backends"]["opus-mt-ar-en"] == "transformers float32 cpu"  # not converted: fallback
    assert records["en0.txt"]["models"]["back-translator:ar-en"] == "opus-mt-ar-en"


def test_out_of_memory_in_ctranslate2_halves_the_batch(opus_layout_marian):
    settings = settings_for(opus_mt_en_ar=opus_layout_marian)
    card = load_registry().get("opus-mt-en-ar")
    convert(card, settings, "int8")
    model = load_generator(card, settings)
    texts = [">>ara<< " + t for t in ENGLISH[:5]]
    expected = model.generate(texts, **GREEDY)

    class SmallGpu:
        def __init__(self, translator):
            self.translator = translator

        def translate_batch(self, source, **options):
            if len(source) > 1:
                raise RuntimeError("CUDA failed with error out of memory")
            return self.translator.translate_batch(source, **options)

    model.model = SmallGpu(model.model)
    assert model.generate(texts, **GREEDY) == expected
    assert model.batch_cap == 1 and model.stats.out_of_memory >= 1


def test_generation_options_map_onto_ctranslate2_names(tiny_models):
    tokenizer = load_seq2seq(load_registry().get("mt5-xlsum"), settings_for(mt5_xlsum=tiny_models["mt5-xlsum"])).tokenizer
    options = translate_options(
        {"num_beams": 4, "max_length": 142, "min_length": 56, "length_penalty": 2.0, "no_repeat_ngram_size": 3,
         "early_stopping": True, "forced_bos_token_id": 1},
        tokenizer,
    )
    assert options == {
        "beam_size": 4, "max_decoding_length": 141, "min_decoding_length": 55, "length_penalty": 2.0,
        "no_repeat_ngram_size": 3, "target_prefix_token": tokenizer.convert_ids_to_tokens(1),
    }
    with pytest.raises(ConfigError, match="no CTranslate2 counterpart"):
        translate_options({"do_sample": True}, tokenizer)


def test_compute_types_follow_the_device_and_dtype():
    assert choose_compute_type("int8", "cpu") == "int8"
    assert choose_compute_type("int8_float16", "cpu") == "int8"
    assert choose_compute_type("float16", "cpu") == "float32"  # no half precision on CPU
    assert choose_compute_type("int8", "cpu", "float32") == "float32"  # an explicit full-precision request wins


def test_backend_setting_forces_either_backend(tiny_models):
    import dataclasses

    settings = settings_for(mt5_xlsum=tiny_models["mt5-xlsum"])
    card = load_registry().get("mt5-xlsum")
    convert(card, settings, "float32")
    assert isinstance(load_generator(card, settings), CTranslate2Model)  # auto: the copy is used
    forced = load_generator(card, dataclasses.replace(settings, backend="transformers"))
    assert type(forced) is Seq2SeqModel and forced.description == "transformers float32 cpu"
    assert isinstance(load_generator(card, dataclasses.replace(settings, backend="ctranslate2")), CTranslate2Model)


def test_a_copy_that_loads_but_cannot_run_is_found_at_load(tiny_models, monkeypatch):
    """As on a GPU machine with only CUDA 13's libraries: the Translator loads, its first translation
    fails. auto warns and uses transformers; a forced ctranslate2 backend is a device error."""
    import dataclasses

    from summarise.errors import DeviceError

    settings = settings_for(mt5_xlsum=tiny_models["mt5-xlsum"])
    card = load_registry().get("mt5-xlsum")
    convert(card, settings, "float32")
    real = ctranslate2.Translator

    class LoadsButCannotRun:
        def __init__(self, *args, **kwargs):
            self.inner = real(*args, **kwargs)

        def translate_batch(self, *args, **kwargs):
            raise RuntimeError("Library libcublas.so.12 is not found or cannot be loaded")

    built: list[object] = []
    monkeypatch.setattr(ctranslate2, "Translator", lambda *args, **kwargs: built.append(1) or LoadsButCannotRun(*args, **kwargs))
    with pytest.warns(RuntimeWarning, match="cannot run on cpu: Library libcublas.so.12"):
        model = load_generator(card, settings)
    assert type(model) is Seq2SeqModel and model.description == "transformers float32 cpu"
    assert load_generator(card, settings) is model and len(built) == 1  # tried once, not for every call
    clear_cache()
    with pytest.raises(DeviceError, match="libcublas.so.12") as caught:
        load_generator(card, dataclasses.replace(settings, backend="ctranslate2"))
    assert "--backend transformers" in caught.value.hint


def test_forced_ctranslate2_without_an_up_to_date_copy_is_a_missing_model(tmp_path, tiny_models, monkeypatch):
    import dataclasses
    import shutil

    from summarise.errors import ConversionMissingError, ModelMissingError

    settings = dataclasses.replace(settings_for(opus_mt_en_ar=tiny_models["opus-mt-en-ar"]), backend="ctranslate2")
    card = load_registry().get("opus-mt-en-ar")
    with pytest.raises(ConversionMissingError) as caught:
        load_generator(card, settings)
    error = caught.value
    assert isinstance(error, ModelMissingError) and error.exit_code == 3  # never a silent fallback
    assert "has no CTranslate2 conversion" in error.message
    assert f"summarise models convert opus-mt-en-ar --model-path opus-mt-en-ar={tiny_models['opus-mt-en-ar']}" in error.hint

    model_dir = tmp_path / "mt5"
    shutil.copytree(tiny_models["mt5-xlsum"], model_dir)
    settings = dataclasses.replace(settings_for(mt5_xlsum=model_dir), backend="ctranslate2")
    card = load_registry().get("mt5-xlsum")
    convert(card, settings, "int8")
    weights = next(model_dir.glob("*.safetensors"))
    stat = weights.stat()
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # the weights were replaced since
    with pytest.raises(ConversionMissingError, match="made from other weights"):
        load_generator(card, settings)

    monkeypatch.setattr("summarise.models.ct2_convert.ctranslate2_available", lambda: False)
    with pytest.raises(ModelLoadError, match="CTranslate2 is not installed") as caught:
        load_generator(card, settings)
    assert caught.value.exit_code == 3 and "summarise[fast]" in caught.value.hint


def test_backend_flag_and_environment_on_brief_and_batch(tmp_path, tiny_models, monkeypatch):
    from summarise.batch import read_manifest
    from tests.conftest import SEED

    marian = f"opus-mt-en-ar={tiny_models['opus-mt-en-ar']}"  # not converted
    runner = CliRunner()
    result = runner.invoke(app, ["brief", str(SEED), "--backend", "ctranslate2", "--model-path", marian])
    assert result.exit_code == 3, result.output
    assert "summarise models convert opus-mt-en-ar" in result.stderr and result.stdout == ""
    result = runner.invoke(app, ["brief", str(SEED), "--backend", "gpu"])
    assert result.exit_code == 2 and "unknown backend 'gpu'" in result.stderr

    monkeypatch.setenv("SUMMARISE_BACKEND", "ctranslate2")
    result = runner.invoke(app, ["brief", str(SEED), "-f", "json", "--model-path", marian])
    assert result.exit_code == 3 and "summarise models convert opus-mt-en-ar" in result.stderr
    result = runner.invoke(app, ["brief", str(SEED), "-f", "json", "--backend", "auto", "--model-path", marian])
    assert result.exit_code == 0, result.output  # the flag wins over the environment
    assert json.loads(result.stdout)["models"]["translator:en-ar"]["name"] == "opus-mt-en-ar"

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--model-path", marian])
    assert result.exit_code == 1, result.output  # from the environment: the article fails, recorded
    (record,) = read_manifest(tmp_path / "out" / "manifest.jsonl")
    assert record["status"] == "failed" and "summarise models convert opus-mt-en-ar" in record["error"]


def test_batch_with_backend_transformers_ignores_a_converted_copy(tmp_path, opus_layout_marian):
    from summarise.batch import read_manifest
    from tests.test_batch import english_article

    settings = settings_for(opus_mt_en_ar=opus_layout_marian)
    convert(load_registry().get("opus-mt-en-ar"), settings, "int8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(english_article(0), encoding="utf-8")
    args = ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--sentences", "1",
            "--model-path", f"opus-mt-en-ar={opus_layout_marian}", "--backend", "transformers"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    (record,) = read_manifest(tmp_path / "out" / "manifest.jsonl")
    assert record["backends"]["opus-mt-en-ar"] == "transformers float32 cpu"


def test_converting_a_bin_whose_pickle_would_run_code_never_runs_it(tmp_path, tiny_models):
    """Conversion reads weights through CTranslate2's converter (transformers' from_pretrained), not
    through summarise's loader: a .bin that unpickles code must fail there too, without running it."""
    import shutil

    from summarise.models.ct2_convert import convert
    from tests.tiny_models import write_code_running_bin

    evil = tmp_path / "evil"
    shutil.copytree(tiny_models["opus-mt-en-ar"], evil)
    (evil / "model.safetensors").unlink()
    marker = tmp_path / "pwned"
    write_code_running_bin(evil / "pytorch_model.bin", marker)
    settings = load_settings({"model_paths": {"opus-mt-en-ar": str(evil)}, "models_dir": str(tmp_path / "models")})
    with pytest.raises(ModelLoadError, match="weights-only"):
        convert(load_registry().get("opus-mt-en-ar"), settings, "int8")
    assert not marker.exists(), "unpickling ran code during conversion"
