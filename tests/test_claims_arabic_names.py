"""Arabic people, places and units traced as claims without an NER model (issue 14), and the hand labels
that measure them (bench/arabic_claims.py). Sentences here are written for the tests."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from summarise.claims.arabic import arabic_mentions
from summarise.claims.glossary import load_glossary

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "claims" / "arabic_entities.jsonl"
EVAL = ROOT.parent / "shared" / "eval" / "ar_summaries.jsonl"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


def names(text: str, glossary, kind: str) -> list[str]:
    return [m.text for m in arabic_mentions(text, glossary) if m.kind == kind]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("قال الرئيس الموريتاني، محمد ولد الغزواني، إن بلاده ستشارك.", "محمد ولد الغزواني"),
        ("وصل وزير الخارجية الأردني أيمن الصفدي إلى بغداد.", "أيمن الصفدي"),
        ("التقى رئيس الوزراء العراقي محمد شياع السوداني بالوفد.", "محمد شياع السوداني"),
        ("أعلن المتحدث باسم الكرملين، دميتري بيسكوف، أن موسكو سترد.", "دميتري بيسكوف"),
        ("وقال إسماعيل هنية في بيان إن الحركة توافق.", "إسماعيل هنية"),
    ],
)
def test_titled_and_quoted_people_are_traced(glossary, text, person):
    assert person in names(text, glossary, "person")


def test_a_name_found_once_is_known_again(glossary):
    text = "قال الرئيس الفرنسي، إيمانويل ماكرون، إن الاتفاق ممكن. وأضاف ماكرون أن الوقت قد حان."
    assert names(text, glossary, "person") == ["إيمانويل ماكرون", "ماكرون"]


def test_a_title_without_a_name_is_no_person(glossary):
    text = "قال الرئيس إن الحكومة التي شكلها وزير الدفاع السابق في العام الماضي باقية."
    assert names(text, glossary, "person") == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("وصل الوفد إلى نواكشوط مساء أمس.", "نواكشوط"),  # a capital from CLDR's city names
        ("اندلعت اشتباكات في مدينة الفاشر غربي البلاد.", "الفاشر"),  # after "city", in no gazetteer
        ("سافر الوزير إلى كازاخستان.", "كازاخستان"),  # a country from CLDR's territory names
        ("هبطت الطائرة في العاصمة المجرية بودابست.", "بودابست"),
    ],
)
def test_places_from_gazetteers_and_place_words(glossary, text, place):
    assert place in names(text, glossary, "place")


@pytest.mark.parametrize(
    "text",
    ["نشرت صحيفة نيويورك تايمز تقريرا مطولا.", "يدرس في جامعة القاهرة منذ عامين.", "دعت جامعة الدول العربية إلى التهدئة."],
)
def test_a_place_inside_an_organisation_name_is_no_place(glossary, text):
    assert names(text, glossary, "place") == []


def test_attached_particles_stay_outside_the_place(glossary):
    # (the glossary's own names keep theirs: its mentions are the whole written word)
    mentions = [m for m in arabic_mentions("زار الوزير فنلندا وكازاخستان الأسبوع الماضي.", glossary) if m.kind == "place"]
    assert [m.text for m in mentions] == ["فنلندا", "كازاخستان"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ارتفعت الأسعار بنسبة 60 في المئة خلال العام", "60 %"),
        ("ارتفعت الأسعار بنسبة 60 في المائة خلال العام", "60 %"),
        ("صوت نحو 60٪ من الناخبين", "60 %"),
        ("سار المتظاهرون 20 كيلومترا", "20 km"),
        ("صدرت 3 أطنان من القمح", "3 t"),
    ],
)
def test_arabic_numbers_keep_their_units(glossary, text, value):
    assert [m.value for m in arabic_mentions(text, glossary) if m.kind == "number"] == [value]


# -- the hand labels -------------------------------------------------------------------------------------


def labels() -> list[dict]:
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]


def test_labels_are_split_and_keep_no_article_text():
    rows = labels()
    assert sorted(row["split"] for row in rows).count("dev") == 30
    assert sorted(row["split"] for row in rows).count("test") == 30
    assert not {r["article"] for r in rows if r["split"] == "dev"} & {r["article"] for r in rows if r["split"] == "test"}
    for row in rows:
        assert set(row) == {"split", "article", "start", "end", "sha1", "entities"}
        for entity in row["entities"]:
            assert entity["kind"] in ("person", "place")
            assert row["start"] <= entity["start"] < entity["end"] <= row["end"]
            assert entity["gloss"].isascii()  # an English gloss, never the article's words


@pytest.mark.skipif(not EVAL.is_file(), reason="the ANT articles (../shared/eval/ar_summaries.jsonl) are not here")
@pytest.mark.parametrize("split", ["dev", "test"])
def test_names_and_places_recall_on_labelled_sentences(glossary, split):
    articles = {}
    for line in EVAL.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        articles[row["id"]] = row["article"]
    wanted = found = 0
    for row in (r for r in labels() if r["split"] == split):
        text = articles[row["article"]]
        assert hashlib.sha1(text[row["start"]:row["end"]].encode()).hexdigest() == row["sha1"]
        mentions = [m for m in arabic_mentions(text, glossary) if m.kind in ("person", "place")]
        for entity in row["entities"]:
            wanted += 1
            found += any(m.kind == entity["kind"] and m.start < entity["end"] and entity["start"] < m.end for m in mentions)
    assert found / wanted >= 0.8, f"{split}: {found}/{wanted}"


# -- across scripts: a name the glossary lacks, romanised ------------------------------------------------


def test_an_arabic_name_is_traced_into_the_english_brief(glossary):
    from summarise.claims import trace_claims
    from summarise.records import Summary, SummarySentence, Translation
    from summarise.segment import from_text, segment

    text = ("قال الرئيس الموريتاني، محمد ولد الغزواني، إن بلاده ستستضيف القمة.\n\n"
            "وكان وزير الخارجية الأردني أيمن الصفدي قد زار مدينة الفاشر الأسبوع الماضي.")
    article = segment(from_text(text), language="ar")
    summary = Summary("ar", tuple(SummarySentence(s.text) for s in article.sentences), model="test", method="extractive")
    english = Translation("ar", "en", ("Mauritanian President Mohamed Ould Ghazouani said his country would host the summit.",
                                       "Jordanian Foreign Minister Ayman al-Safadi visited the city last week."), model="test")
    claims, _, _ = trace_claims(article, summary, (english,))
    by_text = {c.text: c for c in claims}
    assert by_text["محمد ولد الغزواني"].in_en is True
    assert by_text["أيمن الصفدي"].in_en is True
    # El Fasher is not in the English: undecided, never "missing" on the strength of a romanisation
    assert by_text["الفاشر"].in_en is None


def test_skeletons_match_spellings_of_one_name_only():
    from summarise.claims.romanise import same_skeleton

    assert same_skeleton("Makroun", "Macron") and same_skeleton("Trameb", "Trump") and same_skeleton("Chouigou", "Shoigu")
    assert not same_skeleton("Makroun", "Merkel") and not same_skeleton("Trameb", "Turkey")
