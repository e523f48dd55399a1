"""Arabic people and places without an NER model: gazetteers and patterns of news Arabic.

No Arabic NER model installs here, so names are found by what does:

* places: the Arabic names of countries and territories and of the cities CLDR knows (Babel's locale
  data), a short list of places of the region the news names most, and a place word before a name
  (مدينة، بلدة، ولاية، محافظة، العاصمة ...). A place inside an organisation's name (جامعة القاهرة,
  نيويورك تايمز) is not a place claim;
* people: a title before a name (الرئيس الأمريكي، دونالد ترامب / وزير الدفاع الروسي سيرغي شويغو), a verb
  of saying before one (قال محمود عباس), and two given names in a row (محمود عباس) from the database of
  Arabic personal names of ``arabic-name-romanizer`` (read directly, no model run);
* then every later mention of a name found once: "ترامب" alone, once "دونالد ترامب" was seen.

Matching runs on folded text (``glossary.fold_by_character``), offsets mapped back to the caller's text.
Mentions cover the name itself, without its attached particles (و ب ل ...). Loading the gazetteers
happens on first use, never at import.
"""

from __future__ import annotations

import bisect
import re

from .arabic_lexicon import (
    NAME_JOINERS,
    ORGANISATION_HEADS,
    ORGANISATION_TAILS,
    PLACE_WORDS,
    SAYING,
    STOPWORDS,
    TITLES,
    WORD,
    name_lexicon,
    place_first_words,
    place_gazetteer,
)
from .glossary import fold_by_character
from .mention import Mention
from .normalise import fold, normalise

_GAP_BREAK = re.compile(r"[،,.:;؛!?؟()\"«»“”\[\]\n]")
_PREFIXES = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
# The words _bare strips a leading و/ف (or ب/ل) from: united once here, not on every word looked at.
_AFTER_CONJUNCTION = frozenset(TITLES | SAYING | STOPWORDS | PLACE_WORDS | ORGANISATION_HEADS)
_AFTER_PREPOSITION = frozenset(PLACE_WORDS | ORGANISATION_HEADS)
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
    for first, last, kind in _places(folded, words) + _people(folded, words):
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


def inside_organisation(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` of ``text`` is part of an organisation's name (جامعة القاهرة،
    صحيفة نيويورك تايمز): then it is no place claim."""
    before = _LAST_WORD.findall(fold(text[max(0, start - 30):start]))
    after = _FIRST_WORD.match(fold(text[end:end + 30]))
    head = _bare(before[0].strip()) if before else ""
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
        could_open = word in first_words or any(form in first_words for form in _stripped(word))
        for n in range(min(longest, len(words) - i) if could_open else 0, 0, -1):
            if n > 1 and _broken(folded, words, i, i + n):
                continue
            if _place_name(words, i, n, gazetteer):
                hit = n
                break
        if hit is None and i > 0 and _bare(words[i - 1][2]) in PLACE_WORDS and not _broken(folded, words, i - 1, i + 1):
            hit = _after_place_word(folded, words, i)
        if hit and not _inside_organisation(folded, words, i, i + hit):
            out.append((i, i + hit, "place"))
            i += hit
            continue
        i += 1
    return out


def _place_name(words, i: int, n: int, gazetteer: set[str]) -> bool:
    rest = " ".join(w for _, _, w in words[i + 1:i + n])
    first = words[i][2]
    for form in (first, *_stripped(first)):
        if (form + (" " + rest if rest else "")) in gazetteer:
            return True
    return False


def _after_place_word(folded: str, words, i: int) -> int | None:
    """After مدينة / العاصمة ...: words of description skipped, the one or two words of the name."""
    j = i
    while j < len(words) and j - i < 3 and _is_adjective(words[j][2]) and not _broken(folded, words, j - 1, j + 1):
        j += 1
    if j >= len(words) or (j > i and _broken(folded, words, j - 1, j + 1)):
        return None
    word = _bare(words[j][2])
    # A definite name may follow a place word (مدينة الفاشر), a definite adjective may not (العاصمة البريطانية).
    # ... nor a plural noun (مقاطعة الانتخابات: a boycott of the elections, not a province).
    named = (could_be_name(word[2:], {}) and not word.endswith(("ي", "يه", "ات", "ون", "ين"))
             if word.startswith("ال") else could_be_name(word, {}))
    if not named or j != i:
        # A name after words of description is taken only when it is a known place (handled above).
        return None
    n = 1
    if j + 1 < len(words) and not _broken(folded, words, j, j + 2):
        second = words[j + 1][2]
        bare = _bare(second)
        verb = bare.startswith("ت") and bare.endswith("ت")  # تعرضت
        if bare == "الله" or (could_be_name(second, {}) and not verb and not bare[:1].isdigit()
                              and not any(form.startswith("ال") for form in _stripped(second))):
            n = 2
    return n


def _inside_organisation(folded: str, words, first: int, last: int) -> bool:
    before = _bare(words[first - 1][2]) if first > 0 and not _broken(folded, words, first - 1, first + 1) else ""
    after = words[last][2] if last < len(words) and not _broken(folded, words, last - 1, last + 1) else ""
    return before in ORGANISATION_HEADS or after in ORGANISATION_TAILS


def _people(folded: str, words) -> list[tuple[int, int, str]]:
    given, parts = name_lexicon()
    out = []
    i = 0
    while i < len(words):
        word = _bare(words[i][2])
        start = None
        if word in TITLES:
            start = _after_title(folded, words, i + 1)
        elif word in SAYING and i + 1 < len(words) and not _broken(folded, words, i, i + 2):
            candidate = _bare(words[i + 1][2])
            if candidate in given or _two_word_name(folded, words, i + 1, parts):
                start = i + 1
        elif word in given and i + 1 < len(words) and not _broken(folded, words, i, i + 2):
            following = _bare(words[i + 1][2])
            if following in parts or following in NAME_JOINERS:
                start = i
        if start is not None:
            end = _name_end(folded, words, start, parts)
            if end > start:
                out.append((start, end, "person"))
                i = end
                continue
        i += 1
    return out


def _two_word_name(folded: str, words, i: int, parts: dict[str, int]) -> bool:
    """Two words after a verb of saying that read as a name: neither a function word nor a definite
    word, and either the second is a known part of a name or punctuation closes them (ذكر رودي جولياني،)."""
    if i + 1 >= len(words) or _broken(folded, words, i, i + 2):
        return False
    pair = [_bare(w) for _, _, w in words[i:i + 2]]
    if not all(could_be_name(w, parts) and not w.startswith("ال") for w in pair):
        return False
    if any(w[:1] in "يت" and w not in parts for w in pair):
        return False  # a verb (يقدم، تعتزم), not a name the database knows
    closed = i + 2 >= len(words) or _broken(folded, words, i + 1, i + 3)
    return pair[1] in parts or closed


def _after_title(folded: str, words, i: int) -> int | None:
    """Where the name starts after a title: past its words of description (الأمريكي، الدفاع الروسي،
    كوريا الشمالية، باسم الكرملين) and a comma."""
    gazetteer, _ = place_gazetteer()
    j = i
    while j < len(words) and j - i < 4:
        word = _bare(words[j][2])
        place = next((n for n in range(3, 0, -1) if j + n <= len(words) and _place_name(words, j, n, gazetteer)), 0)
        if place and not _broken(folded, words, j, j + place):
            j += place
            if _broken(folded, words, j - 1, j + 1):
                break
            continue
        owned = j > i and _is_description(words[j - 1][2]) and word.endswith(_PRONOUN_ENDINGS)  # المنتهية ولايته
        if _is_description(words[j][2]) or owned or word in ("باسم", "العهد", "العام", "الوزراء", "بلديه"):
            if _broken(folded, words, j, j + 1) and j > i:
                break
            j += 1
            if _broken(folded, words, j - 1, j + 1):
                break  # "الرئيس الأمريكي، دونالد ترامب": the comma closes the description
            continue
        break
    if j >= len(words):
        return None
    word = _bare(words[j][2])
    if not could_be_name(words[j][2], name_lexicon()[1]) or word.startswith("ال") and word not in name_lexicon()[1]:
        return None
    return j


def _name_end(folded: str, words, start: int, parts: dict[str, int]) -> int:
    """One past the last word of a name starting at ``start``: two words of any kind, more only when the
    database knows them as names or a word like بن or عبد joins them; never past punctuation."""
    end = start + 1
    while end < len(words) and end - start < 5 and not _broken(folded, words, end - 1, end + 1):
        word = _bare(words[end][2])
        previous = _bare(words[end - 1][2])
        family = word.startswith("ال") and word.endswith("ي") and len(word) >= 5 and could_be_name(word[2:], parts)
        if family:
            end += 1  # a family name of nisba form closes the name: أيمن الصفدي، محمد شياع السوداني
            break
        if not could_be_name(words[end][2], parts) and previous not in NAME_JOINERS:
            break
        if previous in NAME_JOINERS or word in NAME_JOINERS or word in parts:
            end += 1
            continue
        if end - start < 2 and not word.startswith("ال") and not _is_description(words[end][2]):
            end += 1
            continue
        break
    while end - 1 > start and _bare(words[end - 1][2]) in NAME_JOINERS:
        end -= 1
    return end


def _again(folded: str, words, found, taken) -> list[tuple[int, int, str]]:
    """Later mentions of a name found once: the whole name, or a person's last word alone."""
    forms: dict[tuple[str, ...], str] = {}
    for first, last, kind in found:
        name = tuple(_bare(w) for _, _, w in words[first:last])
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
        candidates = [c for form in (word, *_stripped(word)) for c in by_first.get(form, ())]
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


def _broken(folded: str, words, i: int, j: int) -> bool:
    """Whether punctuation stands between word ``i`` and any later word before ``j``."""
    for k in range(i, min(j, len(words)) - 1):
        if _GAP_BREAK.search(folded[words[k][1]:words[k + 1][0]]):
            return True
    return False


def _stripped(word: str) -> list[str]:
    """The word without each attached particle it may carry (ولواشنطن -> لواشنطن, واشنطن ...); li- + al-
    is written لل (للسعودية -> السعودية)."""
    out = []
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            rest = word[len(prefix):]
            out.append(rest)
            if prefix.endswith("ل") and rest.startswith("ل"):
                out.append("ا" + rest)
    return out


def _bare(word: str) -> str:
    """A title or function word with a leading و or ف dropped (وقال -> قال)."""
    if word[:1] in "وف" and len(word) > 3 and word[1:] in _AFTER_CONJUNCTION:
        return word[1:]
    if word[:1] in "بل" and len(word) > 3 and word[1:] in _AFTER_PREPOSITION:
        return word[1:]  # بمدينة، لوكالة
    return word


def _prefix_length(word: str, kind: str) -> int:
    """How many letters of particles open the first word of a mention: they stay outside it."""
    if kind == "place":
        gazetteer, _ = place_gazetteer()
        first_words = place_first_words()
        if word not in gazetteer:
            for prefix in _PREFIXES:
                rest = word[len(prefix):]
                if word.startswith(prefix) and (rest in first_words or "ا" + rest in first_words):
                    return len(prefix) - (1 if prefix.endswith("ل") and rest.startswith("ل") else 0)
    elif word[:1] == "و" and word[1:] and word not in name_lexicon()[1]:
        return 1  # "ومصطفى": and Moustafa
    return 0


_DEFINITE = ("ال", "لل", "بال", "وال", "فال", "كال", "وبال", "ولل")
_PRONOUN_ENDINGS = ("ه", "ها", "هم", "هما")


def could_be_name(word: str, parts: dict[str, int]) -> bool:
    """Whether a (folded) word may be part of a person's or place's name: no function word, verb of
    saying, title, place word or organisation word; not definite (للأمن، بالغوطة) nor carrying a
    possessive ending (دفاعه، نيته) unless the names database knows it (السيسي، طه)."""
    bare = _bare(word)
    if bare in STOPWORDS or bare in SAYING or bare in TITLES or bare in PLACE_WORDS or bare in ORGANISATION_HEADS:
        return False
    if word[:1].isdigit() or word in parts or word in NAME_JOINERS:
        return not word[:1].isdigit()
    definite = any(word.startswith(d) and len(word) - len(d) >= 3 for d in _DEFINITE)  # not بالو (Palu)
    return not definite and not word.endswith(_PRONOUN_ENDINGS)


def _is_adjective(word: str) -> bool:
    """A definite nisba adjective (الكورية، الجنوبية، البريطاني)."""
    return word.startswith("ال") and word.endswith(("ي", "يه"))


def _is_description(word: str) -> bool:
    """A definite word of description: a nisba adjective or other ال- word (الأمريكي، الدفاع، السابق)."""
    return word.startswith("ال") and word not in NAME_JOINERS and word not in STOPWORDS
