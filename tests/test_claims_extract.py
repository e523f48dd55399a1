"""Claim extraction and normalisation on hand-made English and Arabic text (spaCy, no other model)."""

from __future__ import annotations

import pytest

from summarise.claims.arabic import arabic_mentions
from summarise.claims.english import english_mentions, parse_english
from summarise.claims.glossary import load_glossary
from summarise.claims.normalise import DateValue, fold, normalise, number_value, resolve_date


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


def english(text: str, glossary, published: str | None = None):
    return english_mentions(parse_english([text])[0], glossary, published)


def by_kind(mentions, kind):
    return [m for m in mentions if m.kind == kind]


# -- normalisation -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("U.S.", "US"),
        ("u.s", "US"),
        ("Mr Sergey Lavrov", "Sergey Lavrov"),
        ("President Vladimir Putin", "vladimir putin"),
        ("Lieutenant Governor Pierre Duchesne", "Pierre Duchesne"),
        ("Speaker Nancy Pelosi", "Nancy Pelosi"),
        ("The Kremlin", "kremlin"),
        ("Nato's", "NATO"),
        ("Québec", "Quebec"),
        ("إسطنبول", "اسطنبول"),
        ("الرئيس فلاديمير بوتين", "فلاديمير بوتين"),
    ],
)
def test_normalise_equates_variants(a, b):
    assert normalise(a) == normalise(b)


def test_normalise_keeps_different_names_apart():
    assert normalise("Sergey Lavrov") != normalise("Sergey Shoigu")
    assert normalise("US") != normalise("UK")


@pytest.mark.parametrize(("text", "value"), [("2,000", 2000.0), ("٢٠٠٠", 2000.0), ("٢٬٠٠٠", 2000.0), ("٢٫٥", 2.5), ("36, 000", 36000.0)])
def test_number_values_whatever_the_digits(text, value):
    assert number_value(text) == value


def test_fold_is_case_and_digit_insensitive():
    assert fold("U.S. SAID ٣ آذار") == "us said 3 اذار"


def test_date_resolved_against_the_article_date():
    assert resolve_date(DateValue(None, 6, 2), "2025-05-28").iso == "2025-06-02"
    # Early January in a late-December article is next year's.
    assert resolve_date(DateValue(None, 1, 3), "2024-12-30").iso == "2025-01-03"
    assert resolve_date(DateValue(None, 6, 2), None).iso == "june 2"  # not ISO's "--06-02" (issue 14)


# -- English -------------------------------------------------------------------------------------------


def test_english_names_numbers_dates(glossary):
    mentions = english(
        "Foreign Minister Sergey Lavrov said Russia was proposing new talks in Istanbul on Monday, June 2, "
        "and the two sides would swap about 2,000 prisoners.",
        glossary,
        published="2025-05-28",
    )
    assert ("Sergey Lavrov", "person") in {(m.text, m.kind) for m in mentions}
    assert {"russia", "istanbul"} <= {m.key for m in mentions if m.kind == "place"}
    (date,) = by_kind(mentions, "date")
    assert date.value == "2025-06-02" and date.date.weekday == 0
    numbers = {m.value: m for m in by_kind(mentions, "number")}
    assert numbers["2000"].hedged  # "about 2,000": rounding is allowed when it is checked
    assert "2" not in numbers  # "the two sides" counts nothing new: no number claim (issue 14)


def test_same_date_written_two_ways_has_one_value(glossary):
    a = by_kind(english("Talks are set for June 2.", glossary, "2025-05-28"), "date")
    b = by_kind(english("Talks are set for 2 June.", glossary, "2025-05-28"), "date")
    assert a[0].value == b[0].value == "2025-06-02"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("revenue of $4.5 billion", "4500000000 USD"),
        ("a £23million fee", "23000000 GBP"),
        ("rates rose by 0.25 percentage points", "0.25 pp"),
        ("inflation hit 12% in May", "12 %"),
        ("up 3.5 per cent", "3.5 %"),
        ("twenty-five officials", "25"),
        ("three million people", "3000000"),
        ("his third title", "3 ordinal"),
        # wire-service and South Asian forms
        ("inflation rose 5.33 pct", "5.33 %"),
        ("a deal worth 3.4 bln euros", "3400000000 EUR"),
        ("sales of 12 mln units", "12000000"),
        ("the state spent Rs 500 crore", "5000000000 rupee"),
        ("a grant of ₹2 lakh", "200000 rupee"),
        # fractions, not the numbers in them
        ("two-thirds of voters", "66.67 %"),  # a share is a percentage ("two-thirds" is about 67 percent)
        ("a two thirds majority", "66.67 %"),
        ("three quarters of the seats", "75 %"),
        ("a third of the budget", "33.33 %"),
        ("a quarter of a million people", "250000"),
        # durations and more currencies keep their units
        ("jailed for 10 years", "10 yr"),
        ("a ban of 6 months", "6 mo"),
        ("within 24 hours", "24 h"),
        ("a fine of 2 million ringgit", "2000000 MYR"),
        ("profit of 333,000 dlrs", "333000 USD"),
    ],
)
def test_english_numbers_with_units(glossary, text, value):
    assert value in {m.value for m in by_kind(english(text, glossary), "number")}


def test_the_numbers_inside_a_fraction_are_no_claims(glossary):
    assert [m.value for m in by_kind(english("Two-thirds of voters and one-fifth of donors backed it.", glossary), "number")] \
        == ["66.67 %", "20 %"]
    assert [m.value for m in by_kind(english("She won a third term.", glossary), "number")] == ["3 ordinal"]


def test_times_and_years(glossary):
    mentions = english("The match starts at 5.30pm on Sunday; the club was founded in 1902.", glossary)
    values = {m.value for m in by_kind(mentions, "date")}
    assert {"17:30", "sunday", "1902"} <= values


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("About 2000 prisoners were swapped.", "number"),  # a count that looks like a year
        ("Some 1900 people died.", "number"),
        ("The 2000 elections were close.", "date"),
        ("In 2000 prisoners rioted.", "date"),
        ("He was born in 1999.", "date"),
        ("Egypt's 2011 protests toppled a president.", "date"),
        ("2011 protests shook Egypt.", "date"),  # a sentence opening on a year names it
    ],
)
def test_a_four_digit_count_is_a_number_not_a_year(glossary, text, kind):
    (found,) = [m for m in english(text, glossary) if m.text[:2] in ("19", "20")]
    assert found.kind == kind


def test_quote_with_its_speaker(glossary):
    mentions = english('"We are ready to talk about a ceasefire," Mr Lavrov told reporters.', glossary)
    (quote,) = by_kind(mentions, "quote")
    assert quote.text == "We are ready to talk about a ceasefire"
    assert quote.speaker and "Lavrov" in quote.speaker


def test_quote_in_backtick_style_of_tokenised_corpora(glossary):
    mentions = english("` the cleaner your diet, the less you need supplements,' she said.", glossary)
    assert by_kind(mentions, "quote")


def test_glossary_aliases_share_one_key(glossary):
    keys = {m.key for m in english("U.S. and United States officials met Nato and NATO staff.", glossary) if m.kind != "other"}
    assert "united states" in keys and "nato" in keys
    assert "u.s" not in keys and "us" not in keys


def test_pronoun_us_is_not_the_united_states(glossary):
    assert not [m for m in english("They told us nothing.", glossary) if m.key == "united states"]



def test_a_hedge_is_a_whole_word(glossary):
    (share,) = by_kind(english("The grant will cover 20 percent of the costs.", glossary), "number")
    assert not share.hedged and share.bound is None


def test_a_score_after_a_name_is_not_part_of_the_name(glossary):
    mentions = english("Murray beat Federer 6-3 in the final on Windows 10.", glossary)
    assert "Federer" in {m.text for m in mentions} and "Federer 6-3" not in {m.text for m in mentions}
    assert {"6", "3"} <= {m.value for m in by_kind(mentions, "number")}


def test_a_surname_after_the_full_name_is_that_person(glossary):
    text = ('The mayor, Ruth Adeyemi, defended the budget. "We listened," Adeyemi told reporters. '
            "Officials in Paris and Lagos were briefed.")
    mentions = english(text, glossary)
    surname = [m for m in mentions if m.text == "Adeyemi"]
    assert surname and all(m.kind == "person" for m in surname)
    # Places and organisations that are no one's surname keep their kinds.
    assert {m.kind for m in mentions if m.text in ("Paris", "Lagos")} == {"place"}

# -- Arabic --------------------------------------------------------------------------------------------


def test_arabic_numbers_in_both_digit_forms_and_words(glossary):
    text = "تبادل نحو ٢٬٠٠٠ أسير و4.5 مليار دولار و12% وثلاثة ملايين شخص"
    values = {m.value for m in arabic_mentions(text, glossary)}
    assert {"2000", "4500000000 USD", "12 %", "3000000"} <= values


def test_arabic_durations_keep_their_units(glossary):
    text = "وحكم عليه بالسجن 10 سنوات و6 أشهر بعد 25 عاما من الخدمة، وانتهت الجلسة خلال 3 ساعات."
    values = {m.value for m in arabic_mentions(text, glossary)}
    assert {"10 yr", "6 mo", "25 yr", "3 h"} <= values


@pytest.mark.parametrize("month", ["يونيو", "حزيران", "يونيو/حزيران"])
def test_arabic_dates_in_either_month_series(glossary, month):
    text = f"محادثات في إسطنبول يوم الاثنين ٢ {month} ٢٠٢٥"
    (date,) = [m for m in arabic_mentions(text, glossary) if m.kind == "date"]
    assert date.value == "2025-06-02"
    assert text[date.start:date.end] == date.text  # offsets point into the caller's text


def test_arabic_names_from_the_glossary_with_attached_particles(glossary):
    mentions = arabic_mentions("قال مسؤولون في إسطنبول إن روسيا أبلغت للناتو وبالولايات المتحدة", glossary)
    keys = {m.key for m in mentions}
    assert {"istanbul", "russia", "nato", "united states"} <= keys


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("استقبل الأردن ٢٠٠٠ لاجئ.", "number"),  # 2,000 refugees
        ("قتل نحو 1900 شخص.", "number"),
        ("استقبل الأردن اللاجئين منذ عام 2011.", "date"),  # a year at the end of a sentence
        ("في 2011 قالت الحكومة إنها مستعدة.", "date"),
        ("استقبل 2011 لاجئا عام 2014.", "number"),  # "استقبل" ends in "قبل", which is no cue
        ("ارتفع عدد القتلى إلى 2000.", "number"),  # no year word before it, and the sentence ends
        ("قالوا إن أكثر من 2000 شخص فروا.", "number"),
        ("اندلعت ثورة 2011 في مصر.", "date"),  # no count: a preposition follows
        ("جرت انتخابات 2014 الرئاسية.", "date"),  # a definite adjective follows
        ("قالوا بين 2011 و2014 إن الوضع تغير.", "date"),
        ("من 2011 إلى 2014 تغير الوضع.", "date"),
        ("فر بين 1500 و2000 شخص.", "number"),  # a range of counts: a noun follows its end
        ("استقبلت من 1800 إلى 2000 لاجئ.", "number"),
        ("دستور 2014 ينص على ذلك.", "date"),  # a verb follows, not a counted noun
    ],
)
def test_arabic_four_digit_count_or_year(glossary, text, kind):
    first = min((m for m in arabic_mentions(text, glossary) if m.kind in ("number", "date")), key=lambda m: m.start)
    assert first.kind == kind


def test_arabic_place_made_an_adjective_is_a_nationality(glossary):
    found = {m.text: m for m in arabic_mentions("قال الجيش الأردني إن الأردن مستعد.", glossary)}
    assert found["الأردني"].kind == "nationality" and found["الأردن"].kind == "place"
    assert found["الأردني"].key == found["الأردن"].key == "jordan"


def test_arabic_quotes(glossary):
    text = "وقال لافروف: «روسيا مستعدة لمحادثات جديدة» ثم غادر."
    (quote,) = [m for m in arabic_mentions(text, glossary) if m.kind == "quote"]
    assert quote.text == "روسيا مستعدة لمحادثات جديدة"


def test_arabic_diacritics_do_not_shift_offsets(glossary):
    text = "زارَ الوفدُ إسطنبولَ في ٣ حزيران"
    for mention in arabic_mentions(text, glossary):
        assert text[mention.start:mention.end] == mention.text
