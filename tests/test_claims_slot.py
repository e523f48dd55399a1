"""The slot test: a claim the source holds, put where the source says another claim of the same sort."""

from __future__ import annotations

import pytest

from summarise.claims import check_texts
from summarise.claims.mention import Mention
from summarise.claims.slot import could_stand_for, slot_of
from summarise.claims.source import tokenise


def verdicts(source: str, summary: str, language: str = "en") -> dict[str, tuple[bool, str | None]]:
    result = check_texts([("t", source, summary)], language=language)[0].result
    return {v.mention.text: (v.supported, v.note) for s in result.sentences for v in s.verdicts}


PRICE = ("Apple cut the price of its Apple TV box from $99 to $69 last week, months after rivals cut theirs. "
         "The service itself costs $14.99 a month in the US.\n\n"
         "Analysts said the cheaper box would help the company compete with Google.")


def test_a_number_moved_into_another_numbers_place_is_caught_and_the_right_one_named():
    result = check_texts([("t", PRICE, "Apple cut the price of its Apple TV box from $69 to $69.")], language="en")[0].result
    prices = [v for s in result.sentences for v in s.verdicts if v.mention.text == "$69"]
    # The first $69 stands where the source says $99: it is reported, with the source's value; the second is right.
    assert [v.supported for v in prices] == [False, True]
    assert "'$99'" in prices[0].note


def test_the_same_sentence_told_right_is_supported():
    found = verdicts(PRICE, "Apple cut the price of its Apple TV box from $99 to $69.")
    assert all(supported for supported, _ in found.values()), found


FERRY = ("The ferry was carrying 12 crew and more than 100 passengers, including many foreign tourists, "
         "when its engine exploded near Krabi.\n\n"
         "Fishing boats rescued the passengers and crew within an hour, the governor said.")


NAMES = ("Police chief John Smith said the suspect was arrested in Leeds on Tuesday after a week-long search.\n\n"
         "Mayor Anna Jones praised the officers and said the city owed them its thanks.\n\n"
         "Dundee won 3-1 thanks to goals from Jake McPake and Paul Heffernan after Greg Stewart had given the "
         "hosts the lead.")


def test_a_name_put_in_another_persons_place_is_caught():
    found = verdicts(NAMES, "Police chief Anna Jones said the suspect was arrested in Leeds on Tuesday.")
    assert found["Anna Jones"][0] is False and "'John Smith'" in found["Anna Jones"][1]
    assert verdicts(NAMES, "Police chief John Smith said the suspect was arrested in Leeds on Tuesday.")["John Smith"][0]


def test_names_listed_together_in_the_summary_do_not_displace_each_other():
    found = verdicts(NAMES, "Goals from Greg Stewart, Jake McPake and Paul Heffernan gave Dundee the win.")
    assert all(supported for supported, _ in found.values()), found


def test_arabic_numbers_in_each_others_place_are_caught():
    source = ("قال البنك المركزي إن 14 مصرفا أغلقت منذ أبريل، وإن التضخم بلغ 9 في المئة في مايو.\n\n"
              "وأضاف البنك أن الحكومة تدرس إجراءات جديدة لدعم القطاع المصرفي في الأشهر المقبلة.")
    found = verdicts(source, "قال البنك المركزي إن 9 مصرفا أغلقت منذ أبريل.", language="ar")
    assert found["9"][0] is False, found
    assert verdicts(source, "قال البنك المركزي إن 14 مصرفا أغلقت منذ أبريل.", language="ar")["14"][0] is True


def test_the_slot_is_the_words_either_side_nearest_first():
    sentence = tokenise("The Ao Nang Princess 100 ferry was carrying tourists")
    claim = Mention("100", "number", "100", 21, 24, value="100", number=100.0)
    slot = slot_of(sentence, claim, 2)
    assert [(w.stem, w.side, w.content) for w in slot] == [
        ("princess", -1, True), ("nang", -1, True), ("ferry", 1, True), ("was", 1, False)]
    assert slot[0].weight > slot[1].weight  # nearer weighs more
    assert slot[3].weight < slot[2].weight  # a stop word weighs less


def test_only_a_claim_of_the_same_sort_can_take_the_place():
    def number(text, unit=None):
        return Mention(text, "number", text, 0, len(text), number=float(text.strip("%")), unit=unit)

    assert could_stand_for(number("5"), number("100"))
    # Any number may take a number's place (a summary copies whatever value stands nearby); the slot's
    # fit decides whether it does.
    assert could_stand_for(number("40%", "%"), number("100"))
    person = Mention("John Smith", "person", "john smith", 0, 10)
    assert could_stand_for(Mention("Anna Jones", "person", "anna jones", 0, 10), person)
    assert not could_stand_for(Mention("Smith", "person", "smith", 0, 5), person)  # the same man
    assert not could_stand_for(number("5"), person)


STREET = ("Shiraz Nawaz saw smoke rising from a manhole in Walsall on Tuesday. He evacuated the street "
          "seconds before the flames shot out.\n\n"
          "Firefighter Dan Brown evacuated the school next door.")


def source_of(text: str, language: str = "en"):
    from summarise.claims import analyse_sources
    from summarise.segment import from_text, segment

    return analyse_sources([segment(from_text(text), language=language)])[0]


def test_he_she_and_his_count_as_mentions_of_the_person_just_named():
    source = source_of(
        "Shiraz Nawaz saw smoke rising from a manhole. He evacuated the street.\n\n"
        "Firefighter Dan Brown arrived later and his crew put out the fire.\n\n"
        "The council met on Friday. The mayor said the street would reopen. He thanked the crew.\n\n"
        "Mayor Anna Jones spoke first. She praised the officers."
    )
    referents = {name: [source._flat[p][1].text for p in positions]
                 for name, positions in source.pronoun_referents().items()}
    # "his" goes to Brown, named in between; the last "He" is three sentences after Brown: nobody's.
    assert referents == {"nawaz": ["he"], "brown": ["his"], "jones": ["she"]}


def test_a_person_the_source_calls_he_keeps_his_place():
    # Without "He" counted as Nawaz, "Dan Brown evacuated" would fit "_ evacuated the street" better.
    assert verdicts(STREET, "Nawaz evacuated the street seconds before the flames shot out.")["Nawaz"][0] is True


def test_a_claim_inside_a_longer_token_has_its_place():
    # Arabic writes "and 14" as one word, "و14": the claim is the number inside it.
    text = "قال البنك المركزي إن 9 مصارف أغلقت في مايو، و14 مصرفا أغلقت منذ أبريل."
    source = source_of(text, "ar")
    start = text.index("14")
    first, last = source.span_positions(start, start + 2)
    assert first == last and source._flat[first][1].text == "و14"
    assert source.span_positions(len(text) + 5, len(text) + 9) == (None, None)
    assert verdicts(text, "قال البنك المركزي إن 14 مصرفا أغلقت منذ أبريل.", language="ar")["14"][0] is True


DERBY = ("Police say they have no objections to Sunday's Manchester derby taking place in the late afternoon.\n\n"
         "The last late kick-off in Manchester was a 0-0 draw at Old Trafford in 2004.\n\n"
         "Some 3,000 officers will be on duty, and 40 per cent of them will come from outside the city.")


def test_a_date_of_another_part_put_in_a_dates_place_is_caught():
    # A year where the source has a weekday: the two state no part in common, yet one stands for the other.
    found = verdicts(DERBY, "Police say they have no objections to 2004's Manchester derby taking place in the late afternoon.")
    assert found["2004"][0] is False and "'Sunday'" in found["2004"][1]
    right = verdicts(DERBY, "Police say they have no objections to Sunday's Manchester derby taking place in the late afternoon.")
    assert all(supported for supported, _ in right.values()), right


@pytest.mark.parametrize(("source", "swapped", "claim", "source_says", "right"), [
    # a number of the same sentence swapped in
    (FERRY, "The ferry was carrying 100 crew when its engine exploded.", "100", "12",
     [("The ferry was carrying 12 crew when its engine exploded.", "12"),
      ("The ferry was carrying more than 100 passengers.", "100")]),
    # a number of another unit put in a number's place
    (DERBY, "Some 40 per cent officers will be on duty.", "40 per cent", "3,000",
     [("Some 3,000 officers will be on duty.", "3,000")]),
])
def test_a_number_swapped_into_another_numbers_place_is_caught(source, swapped, claim, source_says, right):
    found = verdicts(source, swapped)
    assert found[claim][0] is False and f"'{source_says}'" in found[claim][1]
    for summary, kept in right:
        assert verdicts(source, summary)[kept][0] is True


def test_a_spelled_out_age_is_a_number_claim():
    from summarise.claims.english import _numbers

    assert [m.value for m in _numbers("The eight-year-old was released by Norwich.")] == ["8"]
    assert _numbers("The two sides met again.") == []  # a small number naming things already met
