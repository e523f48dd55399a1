"""Which models serve which article: defaults, explicit choices, and what is missing."""

import pytest

from summarise.errors import ConfigError, ModelMissingError, UnsupportedLanguageError
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


def test_other_languages_route_through_the_registry(tmp_path, tiny_models):
    # A tiny Marian model stands in for opus-mt-fr-en: planning only locates models, it loads none.
    plan = route("fr", tmp_path, model_paths={"opus-mt-fr-en": str(tiny_models["opus-mt-ar-en"])})
    assert plan.summariser.card.name == "lexical-extractive"
    legs = {leg.target: leg for leg in plan.translations}
    assert legs["en"].model.card.name == "opus-mt-fr-en"
    assert legs["ar"].unavailable.model == "nllb-200-distilled-600m"  # the other half: marked, with its pull


def test_a_language_a_registered_model_could_serve_says_which_model_to_pull(tmp_path):
    with pytest.raises(ModelMissingError) as caught:
        route("fr", tmp_path)  # nothing pulled: a French-only brief would be no English-Arabic brief
    error = caught.value
    assert error.exit_code == 3 and error.name == "opus-mt-fr-en"  # commercial-friendly pair first
    assert "French (fr)" in error.message and "English or Arabic" in error.message
    assert "nllb-200-distilled-600m" in error.message  # what else would give Arabic too
    assert "summarise models pull opus-mt-fr-en" in error.hint
    with pytest.raises(ModelMissingError) as caught:
        route("zh", tmp_path)  # only NLLB has a code for Chinese
    assert caught.value.name == "nllb-200-distilled-600m" and "Chinese (zh)" in caught.value.message


@pytest.mark.parametrize(("language", "named"), [("el", "Greek (el)"), ("xx", "'xx'")])
def test_a_language_no_registered_model_serves_is_unsupported(tmp_path, tiny_models, language, named):
    everything = {name: str(path) for name, path in tiny_models.items()}
    with pytest.raises(UnsupportedLanguageError) as caught:
        route(language, tmp_path, model_paths=everything)  # pulled models change nothing
    error = caught.value
    assert error.exit_code == 2
    assert named in error.message
    assert "English (en) and Arabic (ar)" in error.hint
    assert "French (fr) with opus-mt-fr-en or nllb-200-distilled-600m" in error.hint
    assert "Russian (ru)" in error.hint and "--language" in error.hint


def test_english_and_arabic_never_need_a_model(tmp_path):
    for language in ("en", "ar"):
        plan = route(language, tmp_path)
        assert plan.summariser.card.embedded and all(leg.model is None for leg in plan.translations)


def test_an_explicitly_named_model_must_exist_and_fit(tmp_path):
    with pytest.raises(ModelMissingError, match="models pull bart-large-cnn"):
        route("en", tmp_path, summariser="bart-large-cnn")
    with pytest.raises(ConfigError, match="mt5-xlsum"):
        route("ar", tmp_path, summariser="bart-large-cnn")
    with pytest.raises(ConfigError, match="does not translate"):
        route("en", tmp_path, translator="opus-mt-ar-en")
