"""What a reader of the claim table sees (issue 14): quote speakers, numbers that are no claim, dates of a
month alone, and a claim the brief leaves out told apart from one the brief contradicts, in the records
and in every renderer. spaCy only; no other model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarise.claims import load_glossary, trace_claims
from summarise.claims.english import english_mentions, parse_english
from summarise.records import Brief, Summary, SummarySentence
from summarise.render import render
from summarise.segment import from_text, segment

SEED = Path(__file__).resolve().parents[1] / "seeds" / "russia-peace-memorandum.txt"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


@pytest.fixture(scope="module")
def seed_mentions(glossary):
    return english_mentions(parse_english([SEED.read_text(encoding="utf-8")])[0], glossary, "2025-05-28")


def quote_starting(mentions, words: str):
    return next(m for m in mentions if m.kind == "quote" and m.text.startswith(words))


# -- quote speakers ------------------------------------------------------------------------------------


def test_quote_is_said_by_the_subject_of_its_verb_not_a_nearer_place(seed_mentions):
    # "Mr Lavrov said Russia had prepared a memorandum ... on “all aspects ...”": Moscow, named in the
    # next sentence, is nearer the quote's end but says nothing.
    assert quote_starting(seed_mentions, "all aspects").speaker == "Mr Lavrov"


def test_he_said_is_the_person_last_named(seed_mentions):
    # "Mr Zelenskyy accused Russia ... the US ... He said Moscow's delegation had “lacked ...”".
    assert quote_starting(seed_mentions, "lacked any mandate").speaker == "Mr Zelenskyy"


def test_speaker_after_the_quote(seed_mentions):
    assert quote_starting(seed_mentions, "We're going to find out").speaker == "Mr Trump"


def test_a_quote_said_by_someone_unnamed_has_no_speaker(glossary):
    text = "Officials in Cairo said the deal was \u201cthe best we could hope for under the circumstances\u201d."
    quote = next(m for m in english_mentions(parse_english([text])[0], glossary) if m.kind == "quote")
    assert quote.speaker is None  # not "Cairo"


@pytest.mark.parametrize(("text", "speaker"), [
    # the tagger read '" Jean Dupont' as a work of art: the subject of "stressed" is still the speaker, not
    # the union named nearer the quote's end
    ('"The talks with Renault went nowhere," Jean Dupont stressed after the meeting with the CGT union.', "Jean Dupont"),
    # "officials" name no one: no speaker, rather than the named body nearby
    ('Officials said the deal was "the best we could hope for under the circumstances" after meeting the CGT union.', None),
    # verbs of saying beyond "said": noted, stressed, adding
    ('Jean Dupont runs the bakery. The strike by the CGT union has closed 30 shops, he noted, adding: '
     '"Nobody knows when the bakeries will open again."', "Jean Dupont"),
    # "that said committee" is no one speaking; a person named inside a quote speaks neither that quote nor
    # the next one ("She noted that ..." in the next sentence introduces the second quote, not the first)
    ('Transport Minister Layla Haddad announced after the cabinet meeting that said committee "has finished '
     'the draft, as promised by President Omar Saleh, and will publish it on Monday."\n\nShe noted that "the '
     'budget for the railway has been approved in full by the committee."', "Minister Layla Haddad"),
    # the name before the subject's head: "the Trump campaign said"
    ('In a statement, the Trump campaign said: \u201cThis election is not over.\u201d Officials are still counting '
     'ballots in several states.', "Trump"),
    # a scare quote, and a verb of saying only in the next sentence: no one's words
    ('Anna Berg faced "a very difficult week in parliament" after the vote. She said she would stay in the job.', None),
    # no verb with a subject: the person named in the quote's sentence
    ('The report was welcomed, according to Anna Berg, who called it "a very good day for the workers".', "Anna Berg"),
    # "he" with no one named before: no speaker, not the person he spoke to
    ('Residents gathered outside the town hall on Friday. "I am responsible for every school in this district '
     'and nobody told me," he told the radio host, Kofi Mensah.', None),
])
def test_the_subject_of_the_verb_of_saying_decides_the_speaker(glossary, text, speaker):
    quotes = [m for m in english_mentions(parse_english([text])[0], glossary) if m.kind == "quote"]
    assert quotes and all(quote.speaker == speaker for quote in quotes)


def quotes_of(text: str, glossary) -> list[str]:
    return [m.text for m in english_mentions(parse_english([text])[0], glossary) if m.kind == "quote"]


def test_a_short_quote_does_not_pair_the_marks_after_it_wrongly(glossary):
    # "no." was too short to match, so its closing mark opened a "quote" of the text between quotes.
    text = ('Menichini answered with a categorical "no." Reichelt said he stood by the report, saying '
            'the editors are "very confident that the clip is real" and will publish more.')
    assert quotes_of(text, glossary) == ["very confident that the clip is real"]


def test_the_title_of_a_show_is_no_quote(glossary):
    text = 'Reichelt told "Erin Burnett: Outfront" that he had watched "every second of the video, twice".'
    assert quotes_of(text, glossary) == ["every second of the video, twice"]


# -- numbers and dates ---------------------------------------------------------------------------------


def test_the_two_sides_is_not_a_number_claim(seed_mentions):
    numbers = {m.text for m in seed_mentions if m.kind == "number"}
    assert "two" not in numbers
    assert {"three", "2,000"} <= numbers


def test_a_small_number_counting_something_is_still_a_claim(glossary):
    text = "Two ships sank and three sailors died; the two navies blamed each other."
    numbers = [m.text.lower() for m in english_mentions(parse_english([text])[0], glossary) if m.kind == "number"]
    assert numbers == ["two", "three"]


def test_a_month_alone_takes_the_year_of_the_article(seed_mentions):
    february = next(m for m in seed_mentions if m.text == "February")
    assert february.key == "2025-02"


def test_a_month_alone_without_a_date_of_publication_reads_as_the_month(glossary):
    mention = next(m for m in english_mentions(parse_english(["They met in February."])[0], glossary) if m.kind == "date")
    assert mention.key == "february"
    assert "--" not in mention.key


@pytest.mark.parametrize(("text", "value"), [("a 20 km march", "20 km"), ("60 percent of them", "60 %"),
                                             ("3 tonnes of grain", "3 t"), ("it cost 12 francs", "12 franc"),
                                             ("at 120 kilometres per hour", "120 km/h"), ("at 120 km/h", "120 km/h"),
                                             ("a 5 kilogram bag", "5 kg")])
def test_english_numbers_keep_their_units(glossary, text, value):
    numbers = [m for m in english_mentions(parse_english([text])[0], glossary) if m.kind == "number"]
    assert [m.value for m in numbers] == [value]


@pytest.mark.parametrize(("text", "unit"), [("بلغ الدين 240 تريليون ين", "JPY"), ("سار بسرعة 120 كم/س", "km/h"),
                                            ("سار بسرعة 120 كيلومترا في الساعة", "km/h"), ("دفع 50 ليرة", "lira"),
                                            ("دفع 30 دينارا", "dinar")])
def test_arabic_numbers_keep_their_units(glossary, text, unit):
    from summarise.claims.extract import mentions_of_many

    (found,) = mentions_of_many([text], "ar", glossary, [None])
    assert [m.unit for m in found if m.kind == "number"] == [unit]


# -- not in this brief vs contradicted by it ----------------------------------------------------------

SOURCE = (
    "Turkey this month hosted talks between Russia and Ukraine in Istanbul. The two sides agreed to swap "
    "2,000 prisoners at the border on Friday.\n\n"
    "Foreign Minister Sergey Lavrov said Russia would present a memorandum next week."
)


@pytest.fixture(scope="module")
def traced(glossary):
    article = segment(from_text(SOURCE), language="en")
    summary = Summary("en", (SummarySentence("The two sides agreed to swap 3,000 prisoners at the border on Friday."),),
                      model="test", method="extractive")
    claims, _, _ = trace_claims(article, summary, ())
    return Brief(article=article, summary=summary, claims=claims)


def claim(brief: Brief, text: str):
    return next(c for c in brief.claims if c.text == text and c.origin == "source")


def test_a_claim_the_brief_contradicts_is_marked_so(traced):
    two_thousand = claim(traced, "2,000")
    assert two_thousand.in_en is False
    assert two_thousand.status("en") == "contradicted"
    assert two_thousand.contradicted_by == "3,000"


def test_a_claim_the_brief_leaves_out_is_not_in_brief(traced):
    lavrov = claim(traced, "Sergey Lavrov")
    assert lavrov.in_en is False
    assert lavrov.status("en") == "not in brief"
    assert lavrov.status("ar") is None  # no Arabic brief: not checked
    assert claim(traced, "Friday").status("en") == "stated"


def test_json_says_the_status_of_each_claim(traced):
    claims = {c["text"]: c for c in json.loads(render(traced, "json"))["claims"]}
    assert claims["2,000"]["status"]["en"] == "contradicted"
    assert claims["2,000"]["contradicted_by"] == "3,000"
    assert claims["Sergey Lavrov"]["status"]["en"] == "not in brief"


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_renderers_tell_left_out_from_contradicted(traced, fmt):
    out = render(traced, fmt)
    assert "missing" not in out.lower()  # "✗ missing" read like an error for claims a brief leaves out
    assert "contradicted" in out.lower() and "3,000" in out
    if fmt == "html":  # the table of claims left out says so, in grey
        assert '<span class="unchecked">– not in brief</span>' in out


def test_plain_text_lists_the_contradicted_claim(traced):
    from summarise.render.text import render_plain

    line = next(line for line in render_plain(traced).splitlines() if "] 2,000:" in line)
    assert "CONTRADICTED (brief: 3,000)" in line


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_every_claim_table_says_who_said_a_quote(fmt):
    source = 'Foreign Minister Sergey Lavrov said the memorandum covered "all aspects of the settlement of the crisis".'
    article = segment(from_text(source), language="en")
    summary = Summary("en", (SummarySentence(article.sentences[0].text, (0,)),), model="test", method="extractive")
    claims, _, _ = trace_claims(article, summary, ())
    out = render(Brief(article=article, summary=summary, claims=claims), fmt)
    assert "said by" in out and "Sergey Lavrov" in out.split("said by", 1)[1][:40]


def test_a_claim_the_translation_lost_is_dropped_in_translation(glossary):
    from summarise.records import Translation

    article = segment(from_text(SOURCE), language="en")
    summary = Summary("en", (SummarySentence("The two sides agreed to swap 2,000 prisoners at the border on Friday."),),
                      model="test", method="extractive")
    arabic = Translation("en", "ar", ("اتفق الجانبان على تبادل الأسرى عند الحدود يوم الجمعة.",), model="test")
    claims, warnings, _ = trace_claims(article, summary, (arabic,))
    two_thousand = next(c for c in claims if c.text == "2,000")
    assert (two_thousand.status("en"), two_thousand.status("ar")) == ("stated", "dropped in translation")
    assert next(c for c in claims if c.text == "Friday").status("ar") == "stated"
    assert any("2,000" in w for w in warnings)
