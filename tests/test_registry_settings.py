"""The model registry and layered settings (pure logic, no model)."""

import os
from pathlib import Path

import pytest

from summarise.errors import ConfigError, UnknownModelError
from summarise.models.registry import load_registry
from summarise.settings import Settings, load_settings

REQUIRED = {
    "summarise": ["minilm-extractive", "distilbart-cnn-12-6", "bart-large-cnn", "mt5-xlsum"],
    "translate": ["opus-mt-en-ar", "opus-mt-tc-big-en-ar", "opus-mt-ar-en", "nllb-200-distilled-600m"],
}


def test_registry_has_the_required_models_with_complete_cards():
    registry = load_registry()
    for task, names in REQUIRED.items():
        assert set(names) <= set(registry.names(task))
    for card in registry.cards.values():
        assert card.licence and card.task in ("summarise", "translate", "verify")
        if not card.embedded:
            assert card.hub_id and card.revision and card.max_input_tokens > 0
            assert card.generation.get("num_beams", 0) >= 1 or card.kind == "classifier"  # generators only


def test_non_commercial_licences_are_flagged():
    registry = load_registry()
    assert registry.get("mt5-xlsum").commercial is False
    assert registry.get("nllb-200-distilled-600m").commercial is False
    assert registry.get("opus-mt-en-ar").commercial is True


def test_unknown_model_error_lists_the_valid_names():
    with pytest.raises(UnknownModelError) as caught:
        load_registry().get("gpt-17", "translate")
    message = str(caught.value)
    assert "gpt-17" in message and "opus-mt-en-ar" in message and "minilm-extractive" not in message


def test_translator_pairs_and_wildcards():
    registry = load_registry()
    assert registry.get("opus-mt-en-ar").translates("en", "ar")
    assert not registry.get("opus-mt-en-ar").translates("ar", "en")
    nllb = registry.get("nllb-200-distilled-600m")
    assert nllb.translates("fr", "ar") and not nllb.translates("xx", "ar")  # no NLLB code for "xx"


def test_settings_layers_config_then_env_then_flags(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('sentences = 5\ndevice = "cpu"\nmodel_paths = {"opus-mt-en-ar" = "/from/config"}\n')
    env = {"SUMMARISE_SENTENCES": "4", "SUMMARISE_MODEL_PATHS": "mt5-xlsum=/from/env"}
    settings = load_settings({"sentences": 2, "model_paths": {"opus-mt-ar-en": "/from/flag"}}, config_file=config, environ=env)
    assert settings.sentences == 2  # flag beats env beats config
    assert settings.device == "cpu"  # config beats default
    # Model paths add up across the layers.
    assert settings.model_paths == {"opus-mt-en-ar": "/from/config", "mt5-xlsum": "/from/env", "opus-mt-ar-en": "/from/flag"}
    assert load_settings(config_file=config, environ=env).sentences == 4


def test_bad_settings_say_what_to_do(tmp_path):
    with pytest.raises(ConfigError, match="cpu"):
        Settings(device="tpu")
    with pytest.raises(ConfigError, match="whole number"):
        load_settings(environ={"SUMMARISE_SENTENCES": "three"})
    with pytest.raises(ConfigError, match="NAME=DIR"):
        load_settings(environ={"SUMMARISE_MODEL_PATHS": "no-equals-sign"})
    bad = tmp_path / "bad.toml"
    bad.write_text("sentencez = 3\n")
    with pytest.raises(ConfigError, match="unknown setting"):
        load_settings(config_file=bad, environ={})
    assert isinstance(Settings().models_dir, Path)


def test_backend_setting_layers_and_validation(tmp_path):
    assert Settings().backend == "auto"
    config = tmp_path / "config.toml"
    config.write_text('backend = "transformers"\n')
    assert load_settings(config_file=config, environ={}).backend == "transformers"  # config beats default
    env = {"SUMMARISE_BACKEND": "ctranslate2"}
    assert load_settings(config_file=config, environ=env).backend == "ctranslate2"  # env beats config
    assert load_settings({"backend": "auto"}, config_file=config, environ=env).backend == "auto"  # flag beats env
    with pytest.raises(ConfigError, match="unknown backend 'onnx'") as caught:
        load_settings(environ={"SUMMARISE_BACKEND": "onnx"})
    assert "auto, transformers, ctranslate2" in caught.value.hint and caught.value.exit_code == 2


def test_overrides_go_on_top_of_given_settings():
    from summarise.settings import Settings, apply_overrides

    base = Settings(sentences=5, device="cpu", model_paths={"mt5-xlsum": "/a"})
    changed = apply_overrides(base, {"sentences": "2", "model_paths": ["opus-mt-en-ar=/b"], "translator": None})
    assert changed.sentences == 2 and changed.device == "cpu"  # coerced, and the rest kept
    assert changed.model_paths == {"mt5-xlsum": "/a", "opus-mt-en-ar": "/b"}
    with pytest.raises(ConfigError, match="unknown setting"):
        apply_overrides(base, {"sentense": 3})


def test_offline_from_any_layer_reaches_the_hub_libraries(monkeypatch):
    from summarise.pipeline import Pipeline
    from summarise.settings import load_settings

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    Pipeline(load_settings(environ={"SUMMARISE_OFFLINE": "1"}))  # not the --offline flag
    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"
