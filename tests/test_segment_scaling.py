"""Work on long one-line articles grows linearly: the sentence repair reads a bounded tail of the
sentence so far, however long the joined run grows (it used to read all of it: quadratic)."""

from __future__ import annotations

import pytest

from summarise.segment import sentences


class _CountingPattern:
    """Wraps a compiled pattern and adds up the characters each search is given."""

    def __init__(self, pattern):
        self.pattern = pattern
        self.chars = 0
        self.calls = 0

    def search(self, text, *args):
        self.calls += 1
        self.chars += len(text)
        return self.pattern.search(text, *args)


def _chars_read(monkeypatch, text: str, language: str) -> tuple[int, int, int]:
    last = _CountingPattern(sentences._LAST_TOKEN)
    abbreviation = _CountingPattern(sentences._ARABIC_ABBREVIATION)
    monkeypatch.setattr(sentences, "_LAST_TOKEN", last)
    monkeypatch.setattr(sentences, "_ARABIC_ABBREVIATION", abbreviation)
    spans = sentences.split_sentences(text, language)
    return last.chars + abbreviation.chars, abbreviation.calls, len(spans)


@pytest.mark.parametrize(
    ("unit", "language"),
    [
        # every split is joined again (a lower-case start), so one sentence grows over the whole line
        ("the talks went on for hours. and then the delegates met again. ", "en"),
        ("قال الوزير إن المحادثات استمرت. د. أحمد قال إن الوفد سيعود. ", "ar"),
    ],
)
def test_sentence_repair_reads_a_bounded_tail(monkeypatch, unit, language):
    small, small_calls, _ = _chars_read(monkeypatch, unit * 500, language)
    large, large_calls, _ = _chars_read(monkeypatch, unit * 2000, language)
    assert small_calls > 0
    # each test reads at most the tail window, so work per split is constant
    assert large <= 2 * sentences._TAIL_CHARS * large_calls
    # 4x the text: about 4x the work (a quadratic repair read ~16x)
    assert large <= 6 * small


def test_joined_run_is_one_sentence_and_abbreviations_still_join():
    text = "the talks went on for hours. and then the delegates met again. " * 300
    assert len(sentences.split_sentences(text, "en")) == 1
    spans = sentences.split_sentences("قال الوزير إن المحادثات استمرت. د. أحمد قال إن الوفد سيعود.", "ar")
    assert len(spans) == 2
