"""`summarise brief` end to end through the CLI, with tiny random-weight models loaded by the real code."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarise.cli import app
from tests.conftest import SEED

runner = CliRunner()
AR_ARTICLE = Path(__file__).parent / "data" / "brief" / "ar-article.txt"


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def test_json_brief_with_a_translator_present(tiny_models):
    result = run("brief", SEED, "--format", "json", "--model-path", f"opus-mt-en-ar={tiny_models['opus-mt-en-ar']}")
    assert result.exit_code == 0, result.output
    brief = json.loads(result.stdout)
    assert brief["schema"] == "summarise.brief/2"
    assert set(brief["source"]) >= {"path", "title", "standfirst", "authors", "published", "language"}
    assert brief["source"]["language"] == "en"
    assert len(brief["summary"]["en"]) == 3
    assert brief["summary"]["ar"] is not None and len(brief["summary"]["ar"]) == 3  # one per English sentence
    assert brief["models"]["translator:en-ar"]["name"] == "opus-mt-en-ar"
    assert brief["models"]["summariser"]["name"] == "minilm-extractive"
    assert brief["unavailable"] == []
    numbers = [c for c in brief["claims"] if c["kind"] == "number" and c["in_en"]]
    assert all(c["in_ar"] in (True, False) for c in numbers)  # decided, not skipped, when Arabic exists
    for claim in brief["claims"]:
        assert {"text", "kind", "in_source", "in_en", "in_ar"} <= set(claim)


def test_missing_translator_leaves_arabic_unavailable_never_faked():
    result = run("brief", SEED, "--format", "json")
    assert result.exit_code == 0
    brief = json.loads(result.stdout)
    assert brief["summary"]["ar"] is None
    (missing,) = brief["unavailable"]
    assert missing["language"] == "ar" and missing["pull_command"] == "summarise models pull opus-mt-en-ar"
    assert any("summarise models pull opus-mt-en-ar" in w for w in brief["warnings"])
    assert "warning: Arabic brief unavailable" in result.stderr


@pytest.mark.parametrize("fmt", ["md", "text"])
def test_human_formats_show_both_halves(fmt, tiny_models):
    result = run("brief", SEED, "--format", fmt, "--model-path", f"opus-mt-en-ar={tiny_models['opus-mt-en-ar']}")
    assert result.exit_code == 0, result.output
    assert "English" in result.stdout and "Arabic" in result.stdout
    assert "opus-mt-en-ar" in result.stdout  # provenance is shown
    assert "navailable" not in result.stdout  # the Arabic half was made, not reported missing
    arabic_half = result.stdout[result.stdout.index("Arabic"):]
    assert any("\u0600" <= ch <= "\u06ff" for ch in arabic_half)  # and it is in Arabic script


def test_markdown_marks_unavailable_arabic_with_the_pull_command():
    result = run("brief", SEED, "--format", "md")
    assert "Unavailable" in result.stdout and "summarise models pull opus-mt-en-ar" in result.stdout


def test_stdin_and_output_file(tmp_path):
    out = tmp_path / "brief.json"
    result = run("brief", "-", "-o", out, input=SEED.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    brief = json.loads(out.read_text(encoding="utf-8"))  # format taken from the extension
    assert brief["source"]["path"] == "<stdin>" and len(brief["summary"]["en"]) == 3


def test_an_output_extension_that_names_no_format_is_refused_before_any_work(tmp_path):
    out = tmp_path / "brief.docx"  # was: Markdown written under a name that promises a Word file
    result = run("brief", SEED, "-o", out)
    assert result.exit_code == 2 and "brief.docx" in result.stderr and "-f" in result.stderr
    assert not out.exists()
    assert run("brief", SEED, "-o", out, "-f", "md").exit_code == 0 and out.read_text(encoding="utf-8").startswith("#")


def test_unknown_model_names_list_the_valid_ones():
    result = run("brief", SEED, "--translator", "babelfish")
    assert result.exit_code == 2
    assert "babelfish" in result.stderr and "opus-mt-en-ar" in result.stderr
    result = run("brief", SEED, "--summariser", "nope")
    assert result.exit_code == 2 and "minilm-extractive" in result.stderr


def test_explicit_missing_model_is_an_error_with_the_pull_command():
    result = run("brief", SEED, "--summariser", "bart-large-cnn")
    assert result.exit_code == 3
    assert "summarise models pull bart-large-cnn" in result.stderr


def test_bad_input_files_fail_clearly(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("brief", empty)
    assert result.exit_code == 2 and "empty.txt" in result.stderr and "empty" in result.stderr
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 20)
    result = run("brief", binary)
    assert result.exit_code == 2 and "binary" in result.stderr
    result = run("brief", tmp_path / "absent.txt")
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_arabic_source_is_summarised_in_arabic_and_translated_to_english(model_path_args):
    result = run("brief", AR_ARTICLE, "--format", "json", *model_path_args)
    assert result.exit_code == 0, result.output
    brief = json.loads(result.stdout)
    assert brief["source"]["language"] == "ar"
    assert brief["models"]["summariser"]["name"] == "mt5-xlsum"
    assert brief["models"]["translator:ar-en"]["name"] == "opus-mt-ar-en"
    assert brief["summary"]["ar"] and brief["summary"]["en"]
    assert len(brief["summary"]["en"]) == len(brief["summary"]["ar"])  # sentence-aligned translation
    assert brief["models"]["summariser"]["commercial_use"] is False  # CC BY-NC-SA is flagged


def test_arabic_source_without_models_gets_an_arabic_extractive_brief():
    result = run("brief", AR_ARTICLE, "--format", "json")
    assert result.exit_code == 0, result.output
    brief = json.loads(result.stdout)
    article = AR_ARTICLE.read_text(encoding="utf-8")
    assert brief["models"]["summariser"]["name"] == "lexical-extractive"
    assert brief["summary"]["ar"] and all(s in article for s in brief["summary"]["ar"])
    assert brief["summary"]["en"] is None
    assert brief["unavailable"][0]["pull_command"] == "summarise models pull opus-mt-ar-en"


def test_long_input_is_chunked_not_truncated(tiny_models, tmp_path):
    """The tiny mT5's tokenizer allows 64 tokens: the seed needs several chunks and a reduce step,
    and every article sentence reaches the model."""
    import shutil

    from transformers import AutoTokenizer

    from summarise.models.registry import load_registry
    from summarise.models.store import locate
    from summarise.pipeline import Pipeline
    from summarise.settings import Settings
    from summarise.summarisers import summarise_article

    small = tmp_path / "mt5-small-window"
    shutil.copytree(tiny_models["mt5-xlsum"], small)
    tokenizer = AutoTokenizer.from_pretrained(small)
    tokenizer.model_max_length = 64
    tokenizer.save_pretrained(small)
    settings = Settings(model_paths={"mt5-xlsum": str(small)})
    article = Pipeline(settings).segment(SEED)
    summary = summarise_article(article, locate(load_registry().get("mt5-xlsum"), settings), settings)
    assert summary.method == "abstractive" and summary.chunks > 1
    assert {i for s in summary.sentences for i in s.sources} == set(range(len(article.sentences)))

    result = run("brief", SEED, "--format", "json", "--summariser", "mt5-xlsum", "--model-path", f"mt5-xlsum={small}")
    assert result.exit_code == 0, result.output
    details = json.loads(result.stdout)["summary_details"]
    assert details["model"] == "mt5-xlsum" and details["chunks"] > 1


def test_sentences_option_sets_the_brief_length():
    result = run("brief", SEED, "--format", "json", "--sentences", "2")
    assert len(json.loads(result.stdout)["summary"]["en"]) == 2


# Articles written for these tests (not taken from any publication).
FRENCH = (
    "Des inondations ont forcé 120 familles à quitter leur maison mardi à Lyon, selon les autorités.\n\n"
    "Le conseil municipal a annoncé que trois écoles resteraient fermées jusqu'à la décrue. "
    "Des ingénieurs du ministère sont arrivés mercredi pour inspecter deux ponts endommagés.\n\n"
    "La maire a déclaré que les réparations coûteraient environ quatre millions d'euros."
)
GREEK = (
    "Στην Αθήνα, πλημμύρες ανάγκασαν εκατοντάδες οικογένειες να εγκαταλείψουν τα σπίτια τους την Τρίτη. "
    "Οι αρχές είπαν ότι τα σχολεία θα παραμείνουν κλειστά μέχρι να υποχωρήσουν τα νερά.\n\n"
    "Μηχανικοί του υπουργείου έφτασαν την Τετάρτη για να ελέγξουν δύο γέφυρες που υπέστησαν ζημιές."
)


def test_an_article_in_a_language_no_model_can_brief_fails_clearly(tmp_path):
    article = tmp_path / "greek.txt"
    article.write_text(GREEK, encoding="utf-8")
    result = run("brief", article, "--format", "json")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""  # no brief in Greek only
    assert "cannot brief an article in Greek (el)" in result.stderr
    assert "English (en) and Arabic (ar)" in result.stderr and "French (fr) with opus-mt-fr-en" in result.stderr
    assert "Traceback" not in result.output


def test_a_french_article_without_its_translator_names_the_model_to_pull(tmp_path):
    article = tmp_path / "french.txt"
    article.write_text(FRENCH, encoding="utf-8")
    result = run("brief", article, "--format", "json")
    assert result.exit_code == 3, result.output
    assert result.stdout == ""  # never a French-only brief
    assert "French (fr)" in result.stderr and "summarise models pull opus-mt-fr-en" in result.stderr


def test_a_french_article_with_its_translator_gets_an_english_brief(tmp_path, tiny_models):
    # The tiny Arabic->English Marian stands in for opus-mt-fr-en: its output is gibberish, the route is real.
    article = tmp_path / "french.txt"
    article.write_text(FRENCH, encoding="utf-8")
    result = run(
        "brief", article, "--format", "json", "--sentences", "2",
        "--model-path", f"opus-mt-fr-en={tiny_models['opus-mt-ar-en']}",
    )
    assert result.exit_code == 0, result.output
    brief = json.loads(result.stdout)
    assert brief["source"]["language"] == "fr"
    assert brief["summary"]["fr"] and all(s in FRENCH for s in brief["summary"]["fr"])
    assert brief["summary"]["en"] and len(brief["summary"]["en"]) == len(brief["summary"]["fr"])
    assert brief["models"]["translator:fr-en"]["name"] == "opus-mt-fr-en"
    assert brief["summary"]["ar"] is None  # the other half is marked unavailable, as for English articles
    assert [u["pull_command"] for u in brief["unavailable"]] == ["summarise models pull nllb-200-distilled-600m"]


def test_help_shows_the_defaults_of_layered_options():
    # These options default to None (so the config file and environment can set them); their help names
    # the default in words, which rich must not read as markup and drop.
    result = runner.invoke(app, ["brief", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for text in ("sentences (default: 3)", "cuda (default: auto)", "float16 (default: auto)", "ctranslate2 (default: auto)"):
        assert text in result.output, text
