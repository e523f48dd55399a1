"""Real pulled models (marker `slow`, deselected by default: `python -m pytest -m slow`).

They use the user's own model store (SUMMARISE_MODELS_DIR or ~/.cache/summarise/models), since real
weights cannot be built at test time, and skip with the pull command when a model is absent.
"""

import os

import pytest

from summarise.models.registry import load_registry
from summarise.models.store import locate
from summarise.pipeline import Pipeline
from summarise.settings import load_settings
from tests.conftest import SEED

pytestmark = pytest.mark.slow


@pytest.fixture
def user_settings(monkeypatch):
    real_store = os.environ.get("SUMMARISE_REAL_MODELS_DIR")
    if real_store:
        monkeypatch.setenv("SUMMARISE_MODELS_DIR", real_store)
    else:
        monkeypatch.delenv("SUMMARISE_MODELS_DIR")
    return load_settings()


def need(name, settings):
    if locate(load_registry().get(name), settings) is None:
        pytest.skip(f"{name} is not pulled: run `summarise models pull {name}`")


def test_real_abstractive_summary_and_translation_keep_the_numbers(user_settings):
    need("distilbart-cnn-12-6", user_settings)
    need("opus-mt-en-ar", user_settings)
    brief = Pipeline(user_settings).brief(SEED)
    assert brief.summary.method == "abstractive"
    arabic = brief.sentences("ar")
    assert arabic and len(arabic) == len(brief.sentences("en"))
    assert any("\u0600" <= ch <= "\u06ff" for ch in " ".join(arabic))  # real Arabic script
    for claim in brief.claims:
        if claim.kind == "number" and claim.in_en:
            assert claim.in_ar, f"number {claim.text} lost in translation"


def test_real_arabic_route(user_settings):
    need("mt5-xlsum", user_settings)
    need("opus-mt-ar-en", user_settings)
    from pathlib import Path

    brief = Pipeline(user_settings).brief(Path(__file__).parent / "data" / "brief" / "ar-article.txt")
    assert brief.summary.language == "ar" and brief.sentences("en")
