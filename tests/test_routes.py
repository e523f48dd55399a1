"""Which models serve which article: defaults, explicit choices, and what is missing."""

import pytest

from summarise.errors import ConfigError, ModelMissingError
from summarise.models.registry import load_registry
from summarise.models.routes import plan_route
from summarise.settings import Settings


def route(language, tmp_path, **settings):
    return plan_route(language, Settings(models_dir=tmp_path, **settings), load_registry())


def test_english_defaults_to_the_embedded_summariser_and_reports_the_missing_translator(tmp_path):
    plan = route("en", tmp_path)
    assert plan.summariser.card.name == "minilm-extractive"
    (leg,) = plan.translations
    assert (leg.source, leg.target, leg.model) == ("en", "ar", None)
    assert leg.unavailable.pull_command == "summarise models pull opus-mt-en-ar"
    assert any("bart-large-cnn" in note for note in plan.notes)  # tells the user how to go abstractive


def test_present_models_are_preferred(tmp_path, tiny_models):
    plan = route("ar", tmp_path, model_paths={k: str(v) for k, v in tiny_models.items()})
    assert plan.summariser.card.name == "mt5-xlsum"
    assert [(leg.target, leg.model.card.name) for leg in plan.translations] == [("en", "opus-mt-ar-en")]


def test_arabic_without_models_summarises_lexically(tmp_path):
    plan = route("ar", tmp_path)
    assert plan.summariser.card.name == "lexical-extractive"
    assert plan.translations[0].unavailable.pull_command == "summarise models pull opus-mt-ar-en"


def test_other_languages_route_through_the_registry(tmp_path):
    plan = route("fr", tmp_path)
    legs = {leg.target: leg for leg in plan.translations}
    assert legs["en"].unavailable.model == "opus-mt-fr-en"  # commercial-friendly pair first
    assert legs["ar"].unavailable.model == "nllb-200-distilled-600m"
    plan = route("xx", tmp_path)
    assert all("no registered model" in leg.unavailable.reason for leg in plan.translations)


def test_an_explicitly_named_model_must_exist_and_fit(tmp_path):
    with pytest.raises(ModelMissingError, match="models pull bart-large-cnn"):
        route("en", tmp_path, summariser="bart-large-cnn")
    with pytest.raises(ConfigError, match="mt5-xlsum"):
        route("ar", tmp_path, summariser="bart-large-cnn")
    with pytest.raises(ConfigError, match="does not translate"):
        route("en", tmp_path, translator="opus-mt-ar-en")
