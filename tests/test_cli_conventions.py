"""One set of conventions across commands and formats (issue #12): -f/--format everywhere, each warning
once, sentence indexes named as such in JSON, Markdown escaped the Markdown way, the HTML brief opening
on a language that has a summary, --language overriding detection in every command and the API."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from markdown_it import MarkdownIt
from typer.testing import CliRunner

import summarise
from summarise.cli import app
from summarise.records import Article, Brief, Claim, Paragraph, Sentence, Summary, SummarySentence, Unavailable
from summarise.render import render
from tests.conftest import SEED
from tests.test_render_html import synthetic_brief
from tests.test_render_seed import Tree

runner = CliRunner()
AR_ARTICLE = Path(__file__).parent / "data" / "brief" / "ar-article.txt"
SOURCE = (
    "Foreign Minister Sergey Lavrov said Russia was proposing new talks in Istanbul on Monday, June 2.\n\n"
    "The two sides agreed to swap about 2,000 prisoners but there was no clear progress on ending the war."
)
PLANTED = "Lavrov proposed talks in Istanbul on June 2. The two sides agreed to swap 3,000 prisoners."
# No language a detector can name: refused unless --language says what it is.
DEBRIS = "Zzq xv 123 kkt plm, qqw rrt 45 vvb nnm. Brr tzk qqp 77 mmv lxx.\n"


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


# -- Markdown: Markdown escapes, not HTML entities; HTML keeps its own escaping ------------------------


def stdin_brief() -> Brief:
    brief = synthetic_brief(arabic=False, title="Talks en->ar & <stdin> news")
    return dataclasses.replace(brief, article=dataclasses.replace(brief.article, path="<stdin>"))


def test_markdown_shows_arrows_and_angle_brackets_as_written():
    markdown = render(stdin_brief(), "md")
    assert "&gt;" not in markdown and "&lt;" not in markdown and "&amp;" not in markdown
    assert "(en->ar)" in markdown  # the unavailable warning, raw
    viewed = Tree(MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown))
    (heading,) = viewed.find("h1")
    assert heading["text"] == "Talks en->ar & <stdin> news"
    assert any("<stdin>" in p["text"] for p in viewed.find("p"))  # the metadata line names the input
    assert not viewed.find("stdin")  # shown as text, never parsed as a tag


def test_html_still_escapes_html():
    page = render(stdin_brief(), "html")
    assert "&lt;stdin&gt;" in page and "<stdin>" not in page


# -- JSON: 0-based indexes say so in their names ----------------------------------------------------


def test_brief_json_names_its_sentence_indexes():
    data = json.loads(render(synthetic_brief(), "json"))
    assert data["schema"] == "summarise.brief/2"
    assert data["summary_details"]["source_sentence_indexes"] == [[0], [1]]
    assert "source_sentences" not in data["summary_details"]
    lavrov = next(c for c in data["claims"] if c["text"] == "Sergey Lavrov")
    assert lavrov["sentence_index"] == 0 and "sentence" not in lavrov and "brief_sentence" not in lavrov
    istanbul = next(c for c in data["claims"] if c["text"] == "Istanbul")
    assert istanbul["sentence_index"] == 1  # the article's second sentence
    # The Markdown table numbers the same sentence for people: 2.
    assert "| Istanbul | place | yes | yes | – | 2 |" in render(synthetic_brief(), "md")


def test_check_json_gives_indexes_and_its_text_numbers_from_one(tmp_path):
    source, summary = tmp_path / "source.txt", tmp_path / "summary.txt"
    source.write_text(SOURCE, encoding="utf-8")
    summary.write_text(PLANTED, encoding="utf-8")
    files = ["--source", source, "--summary", summary]
    as_json = run("check", *files, "-f", "json")
    report = json.loads(as_json.stdout)
    (wrong,) = report["unsupported"]
    assert wrong["sentence_index"] == 1 and "sentence" not in wrong and wrong["text"] == "3,000"
    assert "sentence 2: " in run("check", *files).stdout


# -- check takes -f/--format like brief and segment --------------------------------------------------


def test_check_takes_format_like_the_other_commands(tmp_path):
    source, summary = tmp_path / "source.txt", tmp_path / "summary.txt"
    source.write_text(SOURCE, encoding="utf-8")
    summary.write_text(PLANTED, encoding="utf-8")
    files = ["--source", source, "--summary", summary]
    long, short, old = run("check", *files, "--format", "json"), run("check", *files, "-f", "json"), run("check", *files, "--json")
    assert long.exit_code == short.exit_code == old.exit_code == 10
    assert json.loads(long.stdout) == json.loads(short.stdout) == json.loads(old.stdout)  # --json: the old spelling
    assert run("check", *files, "-f", "text").stdout.startswith("NOT consistent")
    bad = run("check", *files, "-f", "yaml")
    assert bad.exit_code == 2 and "unknown format" in bad.stderr
    assert "--format" in run("check", "--help").stdout and "--json " not in run("check", "--help").stdout


def test_help_shows_the_install_extras_it_names():
    # typer renders help with rich, which took "[ray]" and "[fast]" for markup and printed `pip install
    # "summarise"`: an install command that installs neither extra.
    assert 'summarise[ray]' in run("batch", "--help").stdout
    assert "summarise[fast]" in run("models", "--help").stdout
    assert "summarise[fast]" in run("models", "convert", "--help").stdout


# -- each warning once on stderr ---------------------------------------------------------------------


def test_each_warning_is_printed_once():
    result = run("brief", SEED, "-f", "md")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert lines and len(lines) == len(set(lines)), result.stderr


# -- the HTML brief opens on a language that has a summary -------------------------------------------


def arabic_only_brief() -> Brief:
    body = "قال الوزير إن 2000 أسير سيُفرج عنهم."
    article = Article(body, (Paragraph(body, 0, len(body)),), (Sentence(body, 0, len(body), 0, 0),), "ar")
    summary = Summary("ar", (SummarySentence(body, (0,)),), "lexical-extractive", "extractive")
    missing = Unavailable("en", "translate", "translation model opus-mt-ar-en (ar->en) is not present locally",
                          "opus-mt-ar-en", "summarise models pull opus-mt-ar-en")
    found = body.index("2000")
    claims = (Claim("2000", "number", "2000", True, None, True, found, found + 4, sentence=0),)
    return Brief(article, summary, (), claims, unavailable=(missing,))


def test_an_arabic_brief_without_english_opens_on_arabic():
    tree = Tree(render(arabic_only_brief(), "html"))
    (tablist,) = [d for d in tree.find("div") if d["attrs"].get("role") == "tablist"]
    assert tablist["attrs"]["data-default"] == "ar"
    tabs = {b["attrs"]["data-lang"]: b["attrs"]["aria-selected"] for b in tree.find("button") if b["attrs"].get("role") == "tab"}
    assert tabs == {"en": "false", "ar": "true"}
    # A bilingual brief still opens on English.
    tree = Tree(render(synthetic_brief(), "html"))
    (tablist,) = [d for d in tree.find("div") if d["attrs"].get("role") == "tablist"]
    assert tablist["attrs"]["data-default"] == "en"


def test_the_page_script_lets_the_fragment_win_over_the_default():
    from importlib import resources

    script = resources.files("summarise.render").joinpath("assets", "brief.js").read_text(encoding="utf-8")
    assert "if (!show(fromFragment())) show(tablist.dataset.default);" in script


def test_an_arabic_article_from_the_command_line_opens_on_arabic(tmp_path):
    out = tmp_path / "brief.html"
    result = run("brief", AR_ARTICLE, "-o", out)
    assert result.exit_code == 0, result.output
    (tablist,) = [d for d in Tree(out.read_text(encoding="utf-8")).find("div") if d["attrs"].get("role") == "tablist"]
    assert tablist["attrs"]["data-default"] == "ar"


# -- --language overrides detection in every command and in the API ---------------------------------


def test_language_overrides_detection_everywhere(tmp_path):
    debris = tmp_path / "debris.txt"
    debris.write_text(DEBRIS, encoding="utf-8")
    refused = run("segment", debris)
    assert refused.exit_code == 2 and "cannot tell which language" in refused.stderr
    segmented = run("segment", debris, "-f", "json", "-l", "en")
    assert segmented.exit_code == 0 and json.loads(segmented.stdout)["language"] == "en"
    briefed = run("brief", debris, "-f", "json", "--language", "en")
    assert briefed.exit_code == 0, briefed.output
    assert json.loads(briefed.stdout)["source"]["language"] == "en"
    summary = tmp_path / "summary.txt"
    summary.write_text("Zzq xv kkt plm.", encoding="utf-8")
    checked = run("check", "--source", debris, "--summary", summary, "-f", "json", "-l", "en")
    assert checked.exit_code in (0, 10), checked.output
    assert json.loads(checked.stdout)["language"] == "en"
    out = tmp_path / "briefs"
    batched = run("batch", debris, "--out", out, "--format", "json", "-l", "en")
    assert batched.exit_code == 0, batched.output
    (written,) = out.glob("*.json")
    assert json.loads(written.read_text(encoding="utf-8"))["source"]["language"] == "en"
    assert summarise.brief(DEBRIS, language="en").article.language == "en"


def test_on_a_terminal_each_warning_shows_once():
    """stdout and stderr on one terminal (a pty): the report's Warnings section is the only place."""
    import os
    import pty
    import re
    import subprocess
    import sys

    primary, secondary = pty.openpty()
    env = {**os.environ, "COLUMNS": "400", "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-m", "summarise", "brief", str(SEED)],
        stdin=subprocess.DEVNULL, stdout=secondary, stderr=secondary, env=env,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(primary, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(primary)
    assert process.wait(timeout=300) == 0
    shown = re.sub(r"\x1b\[[0-9;]*m", "", b"".join(chunks).decode("utf-8", "replace"))
    shown = " ".join(shown.split())  # the report wraps long lines
    assert shown.count("summarise models pull bart-large-cnn") == 1, shown
