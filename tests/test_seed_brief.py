"""The embedded path on the seed article, with the real MiniLM and spaCy models (both ship on PyPI)."""

import subprocess
import sys

import pytest

import summarise
from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed_brief():
    return summarise.brief(SEED)


def test_seed_summary_sentences_are_verbatim_article_sentences(seed_brief):
    text = SEED.read_text(encoding="utf-8")
    english = seed_brief.sentences("en")
    assert len(english) == 3
    for sentence in english:
        assert sentence in text
    article_sentences = [s.text for s in seed_brief.article.sentences]
    assert [article_sentences.index(s) for s in english] == sorted(article_sentences.index(s) for s in english)
    for summary_sentence in seed_brief.summary.sentences:  # traced back to the sentence it copies
        (index,) = summary_sentence.sources
        assert seed_brief.article.sentences[index].text == summary_sentence.text


def test_seed_claims_hold_its_people_places_and_dates(seed_brief):
    by_kind = {}
    for claim in seed_brief.claims:
        if claim.in_source:
            by_kind.setdefault(claim.kind, set()).add(claim.text)
    assert {"Sergey Lavrov", "Vladimir Putin", "Donald Trump"} <= by_kind["person"]
    assert {"Russia", "Ukraine", "Istanbul", "Turkey", "Moscow"} <= by_kind["place"]
    assert any("June 2" in d for d in by_kind["date"]) and "2022" in by_kind["date"]
    for claim in seed_brief.claims:
        if claim.in_source and claim.start is not None:
            assert seed_brief.article.body[claim.start : claim.end] == claim.text  # offsets trace to the source


def test_seed_brief_says_arabic_is_unavailable(seed_brief):
    assert seed_brief.sentences("ar") is None
    assert seed_brief.unavailable[0].pull_command == "summarise models pull opus-mt-en-ar"


def test_import_and_help_load_no_model_framework():
    code = (
        "import sys, summarise; from summarise.cli import app; "
        "from typer.testing import CliRunner; r = CliRunner().invoke(app, ['--help']); "
        "assert r.exit_code == 0, r.output; "
        "heavy = [m for m in ('torch', 'transformers', 'spacy', 'sentence_transformers') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_python_dash_m_works():
    result = subprocess.run([sys.executable, "-m", "summarise", "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "brief" in result.stdout
