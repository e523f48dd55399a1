"""Arabic organisations by pattern: a head noun and what names it, one claim for the whole name.

A place inside an organisation's name is no place claim (جامعة القاهرة is Cairo University, بنك الكويت
الوطني the National Bank of Kuwait), so the name is traced whole, as the brief states it:

* an indefinite head in construct (إضافة) with what follows it: a definite noun or a place (وزارة
  الخارجية، جامعة القاهرة، حزب مصر), or a name no dictionary word (شركة نوكيا، حركة "حماس"); then the
  definite words of the chain and its adjectives (بنك الكويت الوطني، منظمة العفو الدولية) up to a nation's
  adjective, which closes it (وزارة الخارجية المصرية);
* a definite head with an adjective of no nation (المحكمة العليا، البنك المركزي الأردني، المفوضية العليا
  للانتخابات). A nation's body alone, "the Syrian army", "the Iraqi government", "the American company", is
  no name: those heads are not heads here, and a definite head with only a nation's adjective is none.

Heads of many senses (مركز المدينة: the town centre; مركز تسوق: a shopping centre) name an organisation
only before a place, a quoted name or a name the names database knows, never before another noun. Words
that say when (الأحد، الماضي، اليوم) end a name. Capitals in Latin letters (CNN، BBC) are organisations
too. Words are (start, end, folded word) triples (``arabic_words``); ``arabic_organisations`` maps the
spans back to the caller's text.
"""

from __future__ import annotations

import bisect
import functools
import re

from .arabic_lexicon import (
    MIDDLE_HEADS,
    ORGANISATION_HEADS,
    ORGANISATION_TAILS,
    STOPWORDS,
    WEAK_HEADS,
    WORD,
    name_lexicon,
    nation_adjective,
    place_gazetteer,
)
from .arabic_names import origin_index
from .arabic_words import bare, broken, could_be_name
from .glossary import fold_by_character
from .mention import Mention
from .normalise import fold, normalise

# Adjectives after a definite head that describe a body, not name it (الوكالة الرسمية: the official agency).
_PLAIN_ADJECTIVES = frozenset(fold(w) for w in (
    "الرسمي", "الرسمية", "الحالي", "الحالية", "الجديد", "الجديدة", "السابق", "السابقة", "المحلي", "المحلية",
    "الحكومي", "الحكومية", "الخاص", "الخاصة", "التابع", "التابعة", "الكبير", "الكبيرة", "الأول", "الأولى",
    "الثاني", "الثانية", "الأخير", "الأخيرة", "نفسه", "نفسها", "ذاته", "ذاتها",
))
# Words that say when: they follow a name, never belong to it (قالت وزارة الصحة الأحد).
_WHEN = frozenset(fold(w) for w in (
    "اليوم", "أمس", "الليلة", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة",
    "السبت", "الماضي", "الماضية", "المقبل", "المقبلة", "القادم", "القادمة", "الجاري", "الجارية", "الحالي",
    "الحالية", "الأسبوع", "الشهر", "العام", "الآن", "صباح", "مساء", "ظهر", "حاليا", "مؤخرا", "أيضا",
))
_QUOTE_OPEN = re.compile(r"^\s*[\"«“]\s*$")
_QUOTE_CLOSE = re.compile(r"^\s*[\"»”]")
_LONGEST = 6  # words after the head


def organisation_spans(folded: str, words, nations: set[int] = frozenset()) -> list[tuple[int, int]]:
    """(first word, last word + 1) of each organisation's name in ``words`` (see ``arabic_names``).
    ``nations``: indexes of words another finder read as a nation's adjective (the glossary's)."""
    out = []
    i = 0
    while i < len(words):
        end = _name_after_head(folded, words, i, nations)
        if end is not None:
            out.append((i, end))
            i = end
            continue
        i += 1
    return out


def _name_after_head(folded: str, words, i: int, nations) -> int | None:
    head = _head(words[i][2])
    if head is None or i + 1 >= len(words):
        return None
    name, definite = head
    if _QUOTE_OPEN.match(folded[words[i][1]:words[i + 1][0]]) and not definite:
        return _quoted(folded, words, i + 1)
    if broken(folded, words, i, i + 2):
        return None
    following = words[i + 1][2]
    if definite:
        # المحكمة العليا، البنك المركزي: an adjective of no nation names the body; الجيش السوري does not.
        if not _adjective(following) or _nation(words, i + 1, nations) or following in _PLAIN_ADJECTIVES:
            return None
        return _chain(folded, words, i + 2, nations, after_adjective=True)
    canal = name == "قناه"  # قناة السويس: a canal, no channel
    if canal and following in MIDDLE_HEADS[name]:
        return i + 2
    place = 0 if canal else _place_length(words, i + 1)
    if place:
        return _chain(folded, words, i + 1 + place, nations, after_adjective=False)
    if name in WEAK_HEADS or canal:
        return i + 2 if following in name_lexicon()[1] and could_be_name(following, {}) else None
    if name in MIDDLE_HEADS and _definite_noun(following) and following not in MIDDLE_HEADS[name]:
        # مجلس العائلة، لجنة التحقيق: a common noun, unless a nation's adjective follows it (هيئة الإذاعة
        # البريطانية)
        if not (i + 2 < len(words) and _nation(words, i + 2, nations) and not broken(folded, words, i + 1, i + 3)):
            return None
    if _definite_noun(following):
        return _chain(folded, words, i + 2, nations, after_adjective=False)
    if _proper(folded, following):
        end = i + 2
        while end < len(words) and words[end][2] in ORGANISATION_TAILS and not broken(folded, words, end - 1, end + 1):
            end += 1  # نيويورك تايمز
        return end
    return None


def _head(word: str) -> tuple[str, bool] | None:
    """The head noun a word is (its particles dropped), and whether it is definite."""
    for form in (word, *_without_particles(word)):
        if form in ORGANISATION_HEADS:
            return form, False
        if form.startswith("ال") and form[2:] in ORGANISATION_HEADS:
            return form[2:], True
    return None


def _without_particles(word: str) -> list[str]:
    out = [bare(word)]
    for prefix in ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            out.append(word[len(prefix):])
    if word.startswith(("لل", "ولل")):  # li- + al- is written لل: للمفوضية
        out.append("ال" + word[word.index("لل") + 2:])
    return out


def _chain(folded: str, words, j: int, nations, after_adjective: bool) -> int:
    """One past the last word of the name from ``j`` on: definite words and adjectives, a nation's
    adjective closing it; a phrase of li- (للانتخابات، لحقوق الإنسان) after an adjective."""
    start = j
    while j < len(words) and j - start < _LONGEST and not broken(folded, words, j - 1, j + 1):
        word = words[j][2]
        if _nation(words, j, nations):
            return j + 1
        if _definite_noun(word):
            after_adjective = _adjective(word)
            j += 1
            continue
        if after_adjective and word.startswith("ل") and not word.endswith(("ين", "ون")):
            rest = "ال" + word[2:] if word.startswith("لل") else word[1:]
            if rest.startswith("ال") and _definite_noun(rest):
                j += 1  # للانتخابات، للطاقة الذرية
                continue
            if j + 1 < len(words) and _definite_noun(words[j + 1][2]) and not broken(folded, words, j, j + 2):
                j += 2  # لحقوق الإنسان
                continue
        break
    return j


def _quoted(folded: str, words, j: int) -> int | None:
    """A name in quotes after its head (شركة "كريم"): up to three words, to the closing quote."""
    for end in range(j, min(j + 3, len(words))):
        if _QUOTE_CLOSE.match(folded[words[end][1]:words[end][1] + 2]):
            return end + 1
        if broken(folded, words, end, end + 2):
            return None
    return None


def _place_length(words, j: int) -> int:
    gazetteer, longest = place_gazetteer()
    for n in range(min(longest, len(words) - j), 0, -1):
        if " ".join(w for _, _, w in words[j:j + n]) in gazetteer:
            return n
    return 0


def _definite_noun(word: str) -> bool:
    """A definite word that may stand in a name: no function word, no word saying when."""
    return (word.startswith("ال") and len(word) >= 4 and word not in _WHEN and word not in STOPWORDS
            and word != "الذي" and word != "التي")


def _adjective(word: str) -> bool:
    """A definite nisba (الدولي، المركزية) or another adjective of a body (العليا، العامة)."""
    return _definite_noun(word) and (word.endswith(("ي", "يه")) or word in _BODY_ADJECTIVES)


_BODY_ADJECTIVES = frozenset(fold(w) for w in (
    "العليا", "العامة", "العام", "المستقلة", "المستقل", "الأعلى", "الموحدة", "المتحدة", "الأحمر", "الكبرى",
))


def _nation(words, j: int, nations) -> bool:
    """Whether word ``j`` is a nation's adjective: the glossary's (``nations``), or a nisba of a place."""
    return j in nations or nation_adjective(words[j][2])


def _proper(folded: str, word: str) -> bool:
    """A word that reads as a name after a head (نوكيا، سامسونغ): no function word, not a verb of the
    form يفعل, not an indefinite adjective or plural (كبيرة، صينية، نفطي، عاملين) nor a participle of the
    forms فاعل or مفعول, and never written with the article elsewhere in the text (النفط makes نفط a
    noun, not a name)."""
    if not could_be_name(word, {}) or word in STOPWORDS or word[:1].isdigit() or len(word) < 3:
        return False
    if word in name_lexicon()[1]:
        return True
    if word.startswith("ي") or word.endswith(("ه", "ي", "ون", "ين", "ات")):
        return False
    if len(word) == 4 and word[1] == "ا" or len(word) == 5 and word[0] == "م" and word[3] == "و":
        return False  # the patterns فاعل and مفعول: تابع، مسؤول
    return re.search(rf"(?<![\w\u0621-\u064a])[وفبلك]?ال{re.escape(word)}(?![\w\u0621-\u064a])", folded) is None


def arabic_organisations(text: str, known: list[Mention]) -> list[Mention]:
    """The organisations named in ``text`` (offsets into ``text``). ``known``: the glossary's names in it.
    A name of the glossary's that the pattern's span begins with or follows the head of (شركة أرامكو
    السعودية) lends the whole name its key, so that it is recognised in English (Saudi Aramco)."""
    folded, origin = fold_by_character(text)
    words = [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(folded)]
    starts = [w[0] for w in words]

    def word_at(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, origin_index(origin, offset)) - 1)

    nations = {word_at(m.start) for m in known if m.kind == "nationality"}
    glossary_orgs = [(word_at(m.start), m) for m in known if m.kind == "organisation"]
    out = []
    for first, last in organisation_spans(folded, words, nations):
        head = words[first][2]
        skip = len(head) - len(next(form for form in (head, *_without_particles(head)) if _head_of(form)))
        start = words[first][0] + skip
        start = origin[start]
        end = origin[words[last - 1][1] - 1] + 1
        inside = [m for at, m in glossary_orgs if start <= m.end and m.start < end]
        lending = next((m for at, m in glossary_orgs if at in (first, first + 1) and m.end <= end + 1), None)
        if inside and lending is None:
            continue  # a part of a name the glossary knows whole, or a name inside one: the glossary's
        key = lending.key if lending is not None else normalise(text[start:end])
        if key:
            out.append(Mention(text[start:end], "organisation", key, start, end))
    return out + _acronyms(text)


# Capitals in Latin letters within Arabic text name a body or a medium (CNN، BBC، FBI): Arabic news writes
# a country in Arabic, so a country's code is left out all the same (US, UK).
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2,6}(?![A-Za-z0-9-])")


def _acronyms(text: str) -> list[Mention]:
    codes = _territory_codes()
    return [Mention(m.group(0), "organisation", m.group(0).lower(), m.start(), m.end())
            for m in _ACRONYM.finditer(text) if m.group(0) not in codes]


@functools.lru_cache(maxsize=1)
def _territory_codes() -> frozenset[str]:
    from babel import Locale

    return frozenset(code for code in Locale("en").territories if code.isalpha()) | {"UK", "USA", "UAE", "EU"}


def _head_of(form: str) -> bool:
    return form in ORGANISATION_HEADS or form.startswith("ال") and form[2:] in ORGANISATION_HEADS


def head_and_words(name: str) -> tuple[str, list[tuple[str, int]]]:
    """An organisation's name: its head noun (folded, without the article: "وزاره"), "" when it opens with
    none, and its words (folded) with their offsets in ``name``."""
    folded, origin = fold_by_character(name)
    words = [(m.group(0), origin[m.start()]) for m in WORD.finditer(folded)]
    head = _head(words[0][0]) if words else None
    return (head[0] if head else ""), words
