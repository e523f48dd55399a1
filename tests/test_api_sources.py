"""What ``summarise.brief`` / ``Pipeline.brief`` / ``Pipeline.pipe`` take, decided by type (issue #12):
a str is the article's text, a Path / os.PathLike a file, bytes its content, a Document as it is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import summarise
from summarise.article_source import read_source, source_name
from summarise.pipeline import Pipeline
from summarise.segment import Document
from tests.conftest import SEED

ENGLISH = (
    "The city council approved the new budget on Tuesday after a long debate. "
    "Spending on schools will rise by four percent next year, the mayor said. "
    "Opposition members voted against the plan, saying it ignored the needs of small businesses."
)


class Captured(Exception):
    """Raised by the stand-in Pipeline.brief, carrying what it was given."""


@pytest.fixture
def captured_brief(monkeypatch):
    """Pipeline.brief replaced by one that reads its source the real way and stops there, so the tests
    see what each input becomes without running models."""

    def brief(self, source):
        raise Captured(self.read(source))

    monkeypatch.setattr(Pipeline, "brief", brief)

    def run(source, **overrides) -> Document:
        with pytest.raises(Captured) as caught:
            summarise.brief(source, **overrides)
        return caught.value.args[0]

    return run


def test_a_str_is_always_the_articles_text_even_when_it_names_a_file(captured_brief, monkeypatch):
    monkeypatch.chdir(SEED.parent.parent)
    name = str(SEED.relative_to(SEED.parent.parent))
    assert Path(name).is_file()
    document = captured_brief(name)
    assert document.text == name and document.name == "<text>"


def test_a_one_line_article_longer_than_a_file_name_can_be_is_text(captured_brief):
    line = " ".join([ENGLISH] * 3)  # one line, far past NAME_MAX (255): Path(line).is_file() raised OSError
    assert "\n" not in line and len(line) > 300
    assert captured_brief(line).text == line


def test_a_path_or_any_pathlike_is_a_file(captured_brief):
    class Where(os.PathLike):
        def __fspath__(self):
            return str(SEED)

    seed_text = SEED.read_text(encoding="utf-8")
    for source in (SEED, Where()):
        document = captured_brief(source)
        assert document.name == str(SEED) and document.text.strip() == seed_text.strip().replace("\r\n", "\n")


def test_bytes_are_decoded_as_the_command_line_decodes_a_file(captured_brief):
    arabic = "قال الرئيس إن المحادثات ستستأنف الأسبوع المقبل في جنيف."
    document = captured_brief(arabic.encode("cp1256"))
    assert document.text == arabic and document.encoding == "windows-1256" and document.name == "<bytes>"


def test_a_document_passes_through(captured_brief):
    document = Document(ENGLISH, "mine")
    assert captured_brief(document) is document


def test_a_path_named_dash_is_that_file_not_standard_input(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("-").write_text(ENGLISH, encoding="utf-8")
    monkeypatch.setattr("sys.stdin", None)  # reading standard input would fail loudly
    document = read_source(Path("-"))
    assert document.text == ENGLISH and document.name == "-"
    assert read_source("-").text == "-"  # and a str "-" is the text "-"


@pytest.mark.parametrize("wrong", [42, None, ["a.txt"], {"text": ENGLISH}])
def test_anything_else_is_a_type_error_saying_what_is_accepted(wrong):
    with pytest.raises(TypeError, match=r"str \(the article's text\).*pathlib\.Path"):
        summarise.brief(wrong)
    with pytest.raises(TypeError, match="cannot brief"):
        Pipeline().brief(wrong)
    with pytest.raises(TypeError, match="cannot brief"):
        list(Pipeline().pipe([Document(ENGLISH, "ok"), wrong]))


def test_inputs_are_named_without_their_text():
    assert source_name(ENGLISH) == "<text>" and source_name(b"x") == "<bytes>" and source_name(SEED) == str(SEED)


def test_a_one_line_article_is_briefed_end_to_end():
    brief = summarise.brief(" ".join([ENGLISH] * 2), sentences=1)
    assert brief.article.language == "en" and brief.article.path == "<text>"
    assert brief.sentences("en") and brief.sentences("en")[0] in ENGLISH
