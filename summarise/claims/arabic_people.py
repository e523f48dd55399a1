"""Arabic people without an NER model: who the patterns of news Arabic say a name is.

* a title before a name (الرئيس الأمريكي، دونالد ترامب / وزير الدفاع الروسي سيرغي شويغو / للممثل ...),
  past its words of description; آية الله before one;
* a verb of saying before a name (قال محمود عباس), or of naming (رجل يدعى ...);
* two names in a row that the database of Arabic personal names of ``arabic-name-romanizer`` knows
  (محمود عباس), a name by kunya or nasab (أبو ردينة، ابن سينا), عبد + a name of God as one word;
* a foreign name no database knows, by what stands around it: a role in apposition after it (غونتر
  شولتس، وزير المالية), a verb of saying after it, or a role and a nation's adjective before it (نجمة
  السينما البرازيلية ماريانا لوبيز).

Words are (start, end, folded word) triples (``arabic_words``); the finder returns word index spans.
"""

from __future__ import annotations

from .arabic_lexicon import NAME_JOINERS, NAMING, ORGANISATION_HEADS, SAYING, STOPWORDS, TITLES, fuzzy_place, name_lexicon, nation_adjective, place_gazetteer
from .arabic_words import (
    PRONOUN_ENDINGS,
    bare,
    broken,
    could_be_name,
    is_description,
    place_name,
    stripped,
)
from .normalise import fold


def people(folded: str, words) -> list[tuple[int, int, str]]:
    given, parts = name_lexicon()
    out = []
    i = 0
    while i < len(words):
        word = bare(words[i][2])
        start = None
        if word in TITLES or any(form in TITLES for form in stripped(words[i][2])):  # للممثل: to the actor
            start = _after_title(folded, words, i + 1)
        elif word == "ايه" and i + 1 < len(words) and words[i + 1][2] == "الله":
            start = _after_title(folded, words, i + 2)  # آية الله (أية alone: "any")
        elif word in SAYING and i + 1 < len(words) and not broken(folded, words, i, i + 2):
            candidate = bare(words[i + 1][2])
            if candidate in given or _two_word_name(folded, words, i + 1, parts) \
                    or word in NAMING and _name_like(folded, words, i + 1):
                start = i + 1  # after a verb of naming (يدعى), any two words that may be a name
        elif (word in given or _compound_given(word)) and i + 1 < len(words) and not broken(folded, words, i, i + 2):
            following = bare(words[i + 1][2])
            if (following in parts or following in NAME_JOINERS) and not _function_word_behind_particle(words[i + 1][2]):
                start = i
        elif word in ("ابن", "ابو") and i + 1 < len(words) and not broken(folded, words, i, i + 2) \
                and could_be_name(words[i + 1][2], parts) and not words[i + 1][2].startswith("ال"):
            start = i  # a name by kunya or nasab: ابن سينا، أبو ردينة
        elif _role_before(folded, words, i) or _role_after(folded, words, i):
            start = i
        if start is not None:
            end = _name_end(folded, words, start, parts)
            if end > start:
                out.append((start, end, "person"))
                i = end
                continue
        i += 1
    return out


def _function_word_behind_particle(word: str) -> bool:
    """A particle and a function word (بأي "with any", لهذا "for this"), which the names database may
    list as a name part (باي): "سعيدة بأي منها" is "happy with any of them", no one named سعيدة باي."""
    return any(rest in STOPWORDS for rest in stripped(word))


def _compound_given(word: str) -> bool:
    """A given name of عبد + a name of God written as one word: عبدالمنعم، عبدالله."""
    return word.startswith("عبدال") and len(word) >= 7


def _name_like(folded: str, words, i: int) -> bool:
    """Words ``i`` and ``i + 1`` read as a person's name: each may be part of one, neither is definite
    (a family name of nisba form may be: سلمى الحسيني), a place or a verb of the form يفعل/تفعل the names
    database does not know."""
    if i + 1 >= len(words) or broken(folded, words, i, i + 2):
        return False
    _, parts = name_lexicon()
    gazetteer, _ = place_gazetteer()
    first, second = words[i][2], words[i + 1][2]
    if first.startswith("ال") or not could_be_name(first, parts) or first in gazetteer or fuzzy_place(first):
        return False
    family = second.startswith("ال") and second.endswith("ي") and len(second) >= 5
    if not family and (second.startswith("ال") or not could_be_name(second, parts) or second in gazetteer):
        return False
    if not second.startswith("ال") and second.endswith(("ي", "يه")) and second not in parts \
            and nation_adjective("ال" + second):
        return False  # a noun and its nation's adjective, indefinite: شاب فلسطيني
    if any(w.endswith("ات") and w not in parts for w in (first, second)):
        return False  # a plural: تسجيلات
    return not any(_verb_like(w) and w not in parts for w in (first, second))


def _verb_like(word: str) -> bool:
    """A verb of the form يفعل / تفعل / تفتعل (يقدم، تعتزم), not a name written with its vowels (توماس)."""
    if word[:1] == "ي":
        return len(word) <= 5
    return word[:1] == "ت" and (len(word) <= 4 or len(word) == 5 and not any(c in "اوي" for c in word[1:4]))


def _role_before(folded: str, words, i: int) -> bool:
    """A name after a role and a nation's adjective: الكاتبة الفرنسية آني إرنو، نجمة السينما البرازيلية
    ماريانا لوبيز."""
    if i < 2 or i + 1 >= len(words) or not nation_adjective(words[i - 1][2]) or not words[i - 2][2].startswith("ال"):
        return False
    # The words before the adjective must hold a role (الكاتبة), or a role and what it is of (نجمة
    # السينما): what follows a body and its nation's adjective is an action, not a name (الحكومة الكويتية رفع أسعار،
    # الشركة الصينية عرضا أفضل، بنك التنمية الأفريقي سيقدم قرضا).
    for k in range(i - 2, max(-1, i - 5), -1):  # a role of up to three words: نجمة تليفزيون الواقع الأمريكية
        if _body(words[k][2]) or broken(folded, words, k, i - 1):
            return False
        if _role(words[k][2]):
            break
    else:
        return False
    parts = name_lexicon()[1]
    first, second = (w for _, _, w in words[i:i + 2])
    if first.endswith("ا") and (second.endswith("ا") or len(first) <= 5 and first not in parts) \
            or second.startswith(("بب", "بال", "لل")):
        return False  # a noun in the accusative (-an: رجلا، حظرا شاملا), nor a word after bi- or li-
    if first[:1] in "بل" and first not in parts:
        return False  # (بشكل كامل), a name the names database knows aside
    if first[:1] == "س" and first not in parts and _verb_like(first[1:]):
        return False  # a verb in the future (سيقدم)
    return not broken(folded, words, i - 2, i + 1) and _name_like(folded, words, i)


# Roles a foreign name follows that are not titles (TITLES holds those), in both forms.
_ROLES = frozenset(w for r in ("نجم", "نجمه", "مغني", "مغنيه", "لاعب", "لاعبه", "مصور", "مصوره", "طبيب", "طبيبه",
                               "محامي", "محاميه", "باحث", "باحثه", "مؤرخ", "رسام", "روائي", "روائيه", "ملياردير",
                               "رجل", "سيده", "عارضه", "عارض", "بطل", "بطله", "اسطوره", "مخرج", "مخرجه")
                   for w in (fold(r), "ال" + fold(r)))
# Bodies, never a person's role: الحكومة الكويتية ...
_BODIES = frozenset(("الحكومه", "الشركه", "الشرطه", "السلطات", "الجيش", "القوات", "الوزاره", "البرلمان"))


def _body(word: str) -> bool:
    word = bare(word)
    return word in _BODIES or word in ORGANISATION_HEADS or word[2:] in ORGANISATION_HEADS


def _role(word: str) -> bool:
    word = bare(word)
    return word in TITLES or word in _ROLES or any(form in TITLES or form in _ROLES for form in stripped(word))


def _role_after(folded: str, words, i: int) -> bool:
    """A name said to be someone by what follows it: a role in apposition (غونتر شولتس، وزير المالية)
    or a verb of saying (بوريس جونسون قال)."""
    if not _name_like(folded, words, i) or i + 2 >= len(words):
        return False
    gap = folded[words[i + 1][1]:words[i + 2][0]]
    after = bare(words[i + 2][2])
    if gap.strip() in ("،", ","):
        return after in TITLES or any(form in TITLES for form in stripped(words[i + 2][2]))
    return not gap.strip() and after in SAYING


def _two_word_name(folded: str, words, i: int, parts: dict[str, int]) -> bool:
    """Two words after a verb of saying that read as a name: neither a function word nor a definite
    word, and either the second is a known part of a name or punctuation closes them (ذكر رودي جولياني،)."""
    if i + 1 >= len(words) or broken(folded, words, i, i + 2):
        return False
    pair = [bare(w) for _, _, w in words[i:i + 2]]
    if not all(could_be_name(w, parts) and not w.startswith("ال") for w in pair):
        return False
    if any(w[:1] in "يت" and w not in parts for w in pair):
        return False  # a verb (يقدم، تعتزم), not a name the database knows
    closed = i + 2 >= len(words) or broken(folded, words, i + 1, i + 3)
    return pair[1] in parts or closed


def _after_title(folded: str, words, i: int) -> int | None:
    """Where the name starts after a title: past its words of description (الأمريكي، الدفاع الروسي،
    كوريا الشمالية، باسم الكرملين) and a comma."""
    gazetteer, _ = place_gazetteer()
    j = i
    while j < len(words) and j - i < 4:
        word = bare(words[j][2])
        place = next((n for n in range(3, 0, -1) if j + n <= len(words) and place_name(words, j, n, gazetteer)), 0)
        place = place or int(bool(fuzzy_place(words[j][2])))
        if word == "ايه" and j + 1 < len(words) and words[j + 1][2] == "الله":
            j += 2  # الزعيم الأعلى آية الله: a title within the description
            continue
        if place and not broken(folded, words, j, j + place):
            j += place
            if broken(folded, words, j - 1, j + 1):
                break
            continue
        owned = j > i and is_description(words[j - 1][2]) and word.endswith(PRONOUN_ENDINGS)  # المنتهية ولايته
        if is_description(words[j][2]) or owned or word in ("باسم", "العهد", "العام", "الوزراء", "بلديه"):
            if broken(folded, words, j, j + 1) and j > i:
                break
            j += 1
            if broken(folded, words, j - 1, j + 1):
                break  # "الرئيس الأمريكي، دونالد ترامب": the comma closes the description
            continue
        break
    if j >= len(words):
        return None
    word = bare(words[j][2])
    if word == "علي" and j + 1 < len(words) and could_be_name(words[j + 1][2], {}) and len(words[j + 1][2]) >= 4 \
            and not words[j + 1][2].startswith("ال") and not broken(folded, words, j, j + 2):
        return j  # Ali, folded as the preposition على is: a name after a title when a long word follows (not على حد)
    if not could_be_name(words[j][2], name_lexicon()[1]) or word.startswith("ال") and word not in name_lexicon()[1]:
        return None
    return j


def _name_end(folded: str, words, start: int, parts: dict[str, int]) -> int:
    """One past the last word of a name starting at ``start``: two words of any kind, more only when the
    database knows them as names or a word like بن or عبد joins them; never past punctuation."""
    end = start + 1
    units = 1  # a joined pair (عبد المجيد، بن سلمان) is one part of the name: "two words" counts parts
    while end < len(words) and end - start < 5 and not broken(folded, words, end - 1, end + 1):
        word = bare(words[end][2])
        previous = bare(words[end - 1][2])
        family = word.startswith("ال") and word.endswith("ي") and len(word) >= 5 and could_be_name(word[2:], parts)
        if family:
            end += 1  # a family name of nisba form closes the name: أيمن الصفدي، محمد شياع السوداني
            break
        if not could_be_name(words[end][2], parts) and previous not in NAME_JOINERS:
            break
        if previous in NAME_JOINERS or word in NAME_JOINERS or word in parts:
            units += previous not in NAME_JOINERS
            end += 1
            continue
        if units < 2 and not word.startswith("ال") and not is_description(words[end][2]):
            units += 1
            end += 1
            continue
        break
    while end - 1 > start and bare(words[end - 1][2]) in NAME_JOINERS:
        end -= 1
    return end
