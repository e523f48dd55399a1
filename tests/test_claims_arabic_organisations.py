"""Arabic organisations traced as one claim, the place or nationality inside their name with them (issue
14): جامعة القاهرة is Cairo University, not the place Cairo. Sentences here are written for the tests."""

from __future__ import annotations

import pytest

from summarise.claims.arabic import arabic_mentions
from tests.test_claims_arabic_names import glossary, names  # noqa: F401 (a fixture)


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("تخرج أخي في جامعة القاهرة قبل عامين.", "جامعة القاهرة"),  # head + a place in construct
        ("أعلن بنك الكويت الوطني عن أرباح قياسية.", "بنك الكويت الوطني"),  # ... and an adjective after it
        ("قالت وزارة الخارجية المصرية في بيان إن السفير غادر.", "وزارة الخارجية المصرية"),  # a nisba closes it
        ("نقلت قناة الجزيرة صورا من الحدود.", "قناة الجزيرة"),
        ("نشرت صحيفة الشرق الأوسط حوارا مع الوزير.", "صحيفة الشرق الأوسط"),  # a two-word place inside
        ("أعلن حزب النهضة مقاطعة الانتخابات.", "حزب النهضة"),
        ("وصلت الطائرة إلى مطار بيروت الدولي مساء الأحد.", "مطار بيروت الدولي"),
        ("أطلقت شركة نوكيا هاتفا جديدا.", "شركة نوكيا"),  # a foreign name after the head
        ("أصدرت المحكمة العليا حكمها أمس.", "المحكمة العليا"),  # definite head, an adjective of no nation
        ("رفع البنك المركزي الأردني سعر الفائدة.", "البنك المركزي الأردني"),
        ("قالت وزارة الصحة الأحد إن الوضع مستقر.", "وزارة الصحة"),  # a weekday ends the name
        ("تعاونت الشرطة مع منظمة العفو الدولية لحقوق الإنسان.", "منظمة العفو الدولية لحقوق الإنسان"),
        ("فاز الفريق بلقب كأس آسيا للمرة الثالثة.", "كأس آسيا"),  # a contest named after a place
        ("توج النادي ببطولة إفريقيا أمس.", "بطولة إفريقيا"),
    ],
)
def test_an_organisation_is_one_claim_with_its_whole_name(glossary, text, organisation):
    assert names(text, glossary, "organisation") == [organisation]
    # the place or nationality inside it is part of it: no claim of its own
    assert names(text, glossary, "place", "nationality") == []


def test_a_glossary_organisation_keeps_its_english_key(glossary):
    # "أرامكو السعودية" is in the glossary (Saudi Aramco): the English key aligns it with the English brief
    found = [m for m in arabic_mentions("وقعت شركة أرامكو السعودية عقدا جديدا.", glossary) if m.kind == "organisation"]
    assert [m.key for m in found] == ["saudi aramco"]
    assert names("وقعت شركة أرامكو السعودية عقدا جديدا.", glossary, "place", "nationality") == []


@pytest.mark.parametrize(
    "text",
    [
        "قال الجيش السوري إنه تقدم نحو المدينة.",  # a nation's army, government, company: no name
        "قالت الحكومة العراقية إن المفاوضات مستمرة.",
        "حكمت محكمة مصرية على المتهم بالسجن.",
        "افتتحت شركة كبيرة فرعا جديدا الشهر الماضي.",
        "قالت الشركة الأمريكية إنها ستغلق المصنع.",
        "يعمل مركز تابع للبلدية طوال الليل.",
    ],
)
def test_a_generic_body_is_no_organisation(glossary, text):
    assert names(text, glossary, "organisation") == []


def test_a_place_after_an_organisation_stays_a_place(glossary):
    text = "افتتح بنك الكويت الوطني فرعا في القاهرة."
    assert names(text, glossary, "organisation") == ["بنك الكويت الوطني"]
    assert names(text, glossary, "place") == ["القاهرة"]


# -- the brief: the organisation's claim, matched whole, and across languages ------------------------------


def _traced(text: str, english: tuple[str, ...]):
    from summarise.claims import trace_claims
    from summarise.records import Summary, SummarySentence, Translation
    from summarise.segment import from_text, segment

    article = segment(from_text(text), language="ar")
    summary = Summary("ar", tuple(SummarySentence(s.text) for s in article.sentences), model="test", method="extractive")
    claims, _, _ = trace_claims(article, summary, (Translation("ar", "en", english, model="test"),))
    return claims


def test_the_brief_carries_the_organisation_not_a_place_inside_it():
    claims = _traced("قالت وزارة الخارجية المصرية إن الوفد وصل إلى جنيف.\n\nوأعلن بنك الكويت الوطني أرباحه.",
                     ("The Egyptian Foreign Ministry said the delegation arrived in Geneva.",
                      "The National Bank of Kuwait announced its profits."))
    by_text = {c.text: c for c in claims}
    assert by_text["وزارة الخارجية المصرية"].kind == "organisation"
    assert by_text["بنك الكويت الوطني"].kind == "organisation"
    assert by_text["وزارة الخارجية المصرية"].brief_sentence == 0  # stated in the brief, matched whole
    assert not {"المصرية", "الكويت"} & set(by_text)
    # across languages: the head (Ministry, Bank) and the place or nation inside (Egypt, Kuwait) are there
    assert by_text["وزارة الخارجية المصرية"].in_en is True
    assert by_text["بنك الكويت الوطني"].in_en is True


def test_an_organisation_the_english_lacks_is_undecided_never_missing():
    claims = _traced("قالت وزارة الخارجية المصرية إن الوفد وصل.", ("Officials in Cairo said the delegation arrived.",))
    by_text = {c.text: c for c in claims}
    assert by_text["وزارة الخارجية المصرية"].in_en is None


def test_an_english_organisation_is_found_among_the_arabic_brief_organisations(glossary):
    from summarise.claims.crosslingual import carried, text_index
    from summarise.claims.mention import Mention
    from summarise.claims.support import Settings

    arabic = "أعلن بنك الكويت الوطني أرباحه."
    target = text_index([arabic], arabic_mentions(arabic, glossary))
    bank = Mention("National Bank of Kuwait", "organisation", "national bank of kuwait", 4, 27)
    ministry = Mention("Egyptian Foreign Ministry", "organisation", "egyptian foreign ministry", 4, 29)
    assert carried(bank, target, "ar", glossary, Settings()) is True
    assert carried(ministry, target, "ar", glossary, Settings()) is None


@pytest.mark.parametrize(
    ("arabic", "english", "same"),
    [
        ("بنك الكويت الوطني", "National Bank of Kuwait", True),
        ("وزارة الخارجية المصرية", "Egypt's foreign ministry said", True),  # the country for its adjective
        ("وزارة الخارجية المصرية", "Jordan's foreign ministry said", False),  # another nation's ministry
        ("جامعة القاهرة", "Beirut University", False),
        ("شركة نوكيا", "Nokia launched a phone", True),  # a company named without its head; romanised
        ("وزارة الصحة", "The Health Ministry", False),  # nothing says which ministry: never found
    ],
)
def test_an_organisation_across_scripts_by_head_and_names_inside(glossary, arabic, english, same):
    from summarise.claims.crosslingual import organisation_in_latin

    assert organisation_in_latin(arabic, english, glossary) is same
