"""Arabic people and places without an NER model: gazetteers and patterns of news Arabic.

No Arabic NER model installs here, so names are found by what does:

* places: the Arabic names of countries and territories and of the cities CLDR knows (Babel's locale
  data), a short list of places of the region the news names most, and a place word before a name
  (مدينة، بلدة، ولاية، محافظة، العاصمة ...). A place inside an organisation's name (جامعة القاهرة,
  نيويورك تايمز) is not a place claim;
* people: see ``arabic_people`` (titles, verbs of saying and naming, the names database, and the
  roles around a foreign name);
* the place of an agency's dateline (ليون، فرنسا (CNN)), and a long foreign name spelt
  one long vowel apart from CLDR's (أوروغواي، أورغواي);
* then every later mention of a name found once: "ترامب" alone, once "دونالد ترامب" was seen.

Matching runs on folded text (``glossary.fold_by_character``), offsets mapped back to the caller's text.
Mentions cover the name itself, without its attached particles (و ب ل ...). Loading the gazetteers
happens on first use, never at import.
"""

from __future__ import annotations

import bisect
import re

from .arabic_lexicon import (
    COMMON_WORD_PLACES,
    NAME_JOINERS,
    ORGANISATION_HEADS,
    ORGANISATION_TAILS,
    PLACE_CONTEXT,
    PLACE_WORDS,
    STOPWORDS,
    WORD,
    fuzzy_place,
    name_lexicon,
    place_first_words,
    place_gazetteer,
)
from .arabic_people import people
from .arabic_words import PREFIXES, bare, broken, could_be_name, is_adjective, place_name, stripped
from .glossary import fold_by_character
from .mention import Mention
from .normalise import fold, normalise

_LAST_WORD = re.compile(r"[\w\u0621-\u064a]+\s*$")
_FIRST_WORD = re.compile(r"\s*([\w\u0621-\u064a]+)")


def arabic_names(text: str, known: tuple[Mention, ...] = ()) -> list[Mention]:
    """The people and places named in ``text`` (offsets into ``text``). ``known``: names already found
    in it (the glossary's), whose words are not taken again."""
    folded, origin = fold_by_character(text)
    words = [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(folded)]
    found: list[tuple[int, int, str]] = []  # (first word, last word + 1, kind)
    # A nationality the glossary knows may be a family name (محمد شياع السوداني): only names are taken.
    spans = [(origin_index(origin, m.start), origin_index(origin, m.end)) for m in known if m.kind != "nationality"]
    taken = _covered(words, spans)
    for first, last, kind in _dateline(folded, words) + _places(folded, words) + people(folded, words):
        if not any(i in taken for i in range(first, last)):
            found.append((first, last, kind))
    found += _again(folded, words, found, taken)
    out = []
    for first, last, kind in _without_overlaps(found):
        start = words[first][0] + _prefix_length(words[first][2], kind)
        end = words[last - 1][1]
        surface = text[origin[start]:origin[end - 1] + 1]
        key = normalise(surface)
        if key:
            out.append(Mention(surface, kind, key, origin[start], origin[end - 1] + 1))
    return out


# A news agency's dateline opens an article: "ليون، فرنسا (CNN)--", "أوسلو (CNN)".
_DATELINE = re.compile(r"\s*(?P<city>[\u0621-\u064a]+(?: [\u0621-\u064a]+){0,2})\s*(?:[،,][^()\n]{2,40}?)?\s*\(\s*[A-Za-z][A-Za-z .-]{1,20}\)")


def _dateline(folded: str, words) -> list[tuple[int, int, str]]:
    """The place of the dateline that opens an agency's article: the words before its comma or its
    agency's name in brackets."""
    m = _DATELINE.match(folded)
    if m is None:
        return []
    inside = [k for k, (start, end, _) in enumerate(words) if m.start("city") <= start and end <= m.end("city")]
    return [(inside[0], inside[-1] + 1, "place")] if inside else []


def inside_organisation(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` of ``text`` is part of an organisation's name (جامعة القاهرة،
    صحيفة نيويورك تايمز): then it is no place claim."""
    before = _LAST_WORD.findall(fold(text[max(0, start - 30):start]))
    after = _FIRST_WORD.match(fold(text[end:end + 30]))
    head = bare(before[0].strip()) if before else ""
    return head in ORGANISATION_HEADS or bool(after and after.group(1) in ORGANISATION_TAILS)


def origin_index(origin: list[int], offset: int) -> int:
    """The folded offset of the text offset ``offset`` (the first folded character from it on)."""
    return bisect.bisect_left(origin, offset)


def _covered(words, spans) -> set[int]:
    """Indexes of the words that overlap any of ``spans`` (folded offsets)."""
    starts = [a for a, _, _ in words]
    covered: set[int] = set()
    for start, end in spans:
        i = max(0, bisect.bisect_right(starts, start) - 1)
        while i < len(words) and words[i][0] < end:
            if start < words[i][1]:
                covered.add(i)
            i += 1
    return covered


def _places(folded: str, words) -> list[tuple[int, int, str]]:
    gazetteer, longest = place_gazetteer()
    first_words = place_first_words()
    out = []
    i = 0
    while i < len(words):
        hit = None
        word = words[i][2]
        could_open = word in first_words or any(form in first_words for form in stripped(word))
        for n in range(min(longest, len(words) - i) if could_open else 0, 0, -1):
            if n > 1 and broken(folded, words, i, i + n):
                continue
            if place_name(words, i, n, gazetteer):
                hit = n
                break
        if hit is None and any(fuzzy_place(form) for form in (word, *stripped(word))):
            hit = 1  # الفليبين: الفلبين spelt another way
        if hit is None and i > 0 and bare(words[i - 1][2]) in PLACE_WORDS and not broken(folded, words, i - 1, i + 1):
            hit = _after_place_word(folded, words, i)
        if hit == 1 and not _expected_place(folded, words, i, gazetteer):
            hit = None
        if hit and not _inside_organisation(folded, words, i, i + hit):
            out.append((i, i + hit, "place"))
            i += hit
            continue
        i += 1
    return out



_COMMON_WORD_PLACE_FORMS = COMMON_WORD_PLACES | {p + w for p in "بل" for w in COMMON_WORD_PLACES}  # مالي، بمالي، لمالي


def _expected_place(folded: str, words, i: int, gazetteer) -> bool:
    """False for a country name that is a common word too (مالي) where no place is expected: no
    preposition, place word, state noun, verb or place before it ("تقرير مالي", a financial report).
    True for every other place name, and for مالي in "في مالي"، "بمالي"، "رئيس مالي"، "طردت مالي"،
    "بوركينا فاسو ومالي"، "السنغال، ومالي"."""
    word = words[i][2]
    joined = word[:1] in "وف" and word[1:] in _COMMON_WORD_PLACE_FORMS
    if joined:
        word = word[1:]
    if word not in COMMON_WORD_PLACES:
        return True  # another place, or one behind an attached preposition (بمالي، لمالي)
    if i == 0 or (broken(folded, words, i - 1, i + 1) and not joined):
        return False
    before = words[i - 1][2]
    if bare(before) in PLACE_CONTEXT or any(form in PLACE_CONTEXT for form in stripped(before)):
        return True
    if len(bare(before)) >= 4 and bare(before).endswith("ت"):
        return True  # a verb whose subject she is (a country is feminine): طردت مالي، شهدت مالي
    return any(place_name(words, i - n, n, gazetteer) for n in (1, 2, 3) if i - n >= 0)


def _after_place_word(folded: str, words, i: int) -> int | None:
    """After مدينة / العاصمة ...: words of description skipped, the one or two words of the name."""
    j = i
    while j < len(words) and j - i < 3 and is_adjective(words[j][2]) and not broken(folded, words, j - 1, j + 1):
        j += 1
    if j >= len(words) or (j > i and broken(folded, words, j - 1, j + 1)):
        return None
    word = bare(words[j][2])
    if word in STOPWORDS:
        return None  # شرقي البلاد: east of the country
    # A definite name may follow a place word (مدينة الفاشر), a definite adjective may not (العاصمة البريطانية).
    # ... nor a plural noun (مقاطعة الانتخابات: a boycott of the elections, not a province).
    named = (could_be_name(word[2:], {}) and not word.endswith(("ي", "يه", "ات", "ون", "ين"))
             if word.startswith("ال") else could_be_name(word, {}))
    if not named or j != i:
        # A name after words of description is taken only when it is a known place (handled above).
        return None
    n = 1
    if j + 1 < len(words) and not broken(folded, words, j, j + 2):
        second = words[j + 1][2]
        plain = bare(second)
        verb = plain.startswith("ت") and plain.endswith("ت")  # تعرضت
        if plain == "الله" or (could_be_name(second, {}) and not verb and not plain[:1].isdigit()
                              and not any(form.startswith("ال") for form in stripped(second))):
            n = 2
    return n


def _inside_organisation(folded: str, words, first: int, last: int) -> bool:
    before = bare(words[first - 1][2]) if first > 0 and not broken(folded, words, first - 1, first + 1) else ""
    after = words[last][2] if last < len(words) and not broken(folded, words, last - 1, last + 1) else ""
    return before in ORGANISATION_HEADS or after in ORGANISATION_TAILS



def _again(folded: str, words, found, taken) -> list[tuple[int, int, str]]:
    """Later mentions of a name found once: the whole name, or a person's last word alone."""
    forms: dict[tuple[str, ...], str] = {}
    for first, last, kind in found:
        name = tuple(bare(w) for _, _, w in words[first:last])
        forms.setdefault(name, kind)
        if kind == "person" and len(name) > 1 and len(name[-1]) >= 4 and name[-2] not in NAME_JOINERS:
            forms.setdefault(name[-1:], kind)
    # Looked up by first word (as written, or without its particles): linear in the length of the text.
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name, kind in sorted(forms.items(), key=lambda item: -len(item[0])):
        by_first.setdefault(name[0], []).append((name, kind))
    have = {i for first, last, _ in found for i in range(first, last)} | taken
    out = []
    for i, (_, _, word) in enumerate(words):
        if i in have:
            continue
        candidates = [c for form in (word, *stripped(word)) for c in by_first.get(form, ())]
        for name, kind in candidates:
            n = len(name)
            if i + n <= len(words) and all(words[i + k][2] == name[k] for k in range(1, n)) \
                    and not any(i + k in have for k in range(n)):
                out.append((i, i + n, kind))
                have.update(range(i, i + n))
                break
    return out


def _without_overlaps(found):
    kept: list[tuple[int, int, str]] = []
    for first, last, kind in sorted(found, key=lambda f: (f[0], f[0] - f[1])):
        if kept and first < kept[-1][1]:
            continue
        kept.append((first, last, kind))
    return kept



def _prefix_length(word: str, kind: str) -> int:
    """How many letters of particles open the first word of a mention: they stay outside it."""
    if kind == "place":
        gazetteer, _ = place_gazetteer()
        first_words = place_first_words()
        if word not in gazetteer:
            for prefix in PREFIXES:
                rest = word[len(prefix):]
                if word.startswith(prefix) and (rest in first_words or "ا" + rest in first_words):
                    return len(prefix) - (1 if prefix.endswith("ل") and rest.startswith("ل") else 0)
    elif word[:1] == "و" and word[1:] and word not in name_lexicon()[1]:
        return 1  # "ومصطفى": and Moustafa
    return 0


