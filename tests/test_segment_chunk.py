"""Token-budget chunks on sentence boundaries: every chunk fits, every sentence is seen, order is kept."""

from __future__ import annotations


import pytest

from summarise.segment import from_text, read_path, segment
from summarise.segment.chunk import chunk_sentences, chunk_texts
from tests.conftest import SEED


def words(text: str) -> int:
    return len(text.split())


@pytest.fixture(scope="module")
def seed():
    return segment(read_path(SEED))


@pytest.mark.parametrize("budget", [8, 20, 40, 80, 1000])
def test_chunks_fit_the_budget_and_cover_every_sentence_in_order(seed, budget):
    chunks = chunk_sentences(seed.sentences, words, budget)
    assert all(chunk.n_tokens <= budget and words(chunk.text) == chunk.n_tokens for chunk in chunks)
    seen = [i for chunk in chunks for i in chunk.sentence_indices]
    assert sorted(set(seen)) == list(range(len(seed.sentences)))
    assert seen == sorted(seen)  # without overlap nothing repeats and nothing goes backwards


def test_a_big_budget_gives_one_chunk_of_the_whole_article(seed):
    (chunk,) = chunk_sentences(seed.sentences, words, 10_000)
    assert chunk.text == " ".join(s.text for s in seed.sentences)


def bpe_like(text: str) -> int:
    """Counts that do not add up, as a real tokenizer's: two special tokens, and a comma costs one
    more token where it stands between two words than at a sentence's end."""
    return len(text.split()) + 2 + 2 * text.count(", ") - text.rstrip().endswith(",")


@pytest.mark.parametrize("budget", [12, 30, 60])
def test_a_chunk_the_sums_underestimate_is_cut_back_by_the_exact_count(seed, budget):
    texts = [f"{s.text}," for s in seed.sentences]  # every join adds a token the sums do not see
    chunks = chunk_texts(texts, bpe_like, budget)
    assert all(chunk.n_tokens == bpe_like(chunk.text) <= budget for chunk in chunks)
    seen = [i for chunk in chunks for i in chunk.sentence_indices]
    assert seen == sorted(seen) and set(seen) == set(range(len(texts)))
    assert " ".join(chunk.text for chunk in chunks).split() == " ".join(texts).split()  # nothing lost


def test_text_chunks_number_their_texts_unless_told_otherwise():
    texts = ["one two three four five", "six seven eight nine ten", "eleven twelve"]
    assert [c.sentence_indices for c in chunk_texts(texts, words, 10)] == [(0, 1), (2,)]
    assert [c.sentence_indices for c in chunk_texts(texts, words, 10, indices=[7, 8, 9])] == [(7, 8), (9,)]


def test_a_sentence_longer_than_the_budget_is_cut_into_windows_not_dropped():
    article = segment(
        from_text("One two three four five six seven eight nine ten eleven twelve thirteen fourteen. Short one.")
    )
    chunks = chunk_sentences(article.sentences, words, 8)
    assert all(c.n_tokens <= 8 for c in chunks)
    assert " ".join(c.text for c in chunks).split() == " ".join(s.text for s in article.sentences).split()
    assert chunks[0].sentence_indices == (0,) and chunks[-1].sentence_indices[-1] == 1


def test_a_budget_too_small_to_chunk_with_is_an_error(seed):
    with pytest.raises(ValueError, match="too small"):
        chunk_sentences(seed.sentences, words, 4)


def test_arabic_sentences_chunk_the_same_way():
    text = " ".join(f"وقال المسؤول رقم {n} إن الخطة ستنفذ في الموعد المحدد." for n in range(12))
    article = segment(from_text(text))
    assert len(article.sentences) == 12
    chunks = chunk_sentences(article.sentences, words, 25)
    assert [i for c in chunks for i in c.sentence_indices] == list(range(12))
    assert all(c.n_tokens <= 25 for c in chunks)
