"""Reading one word of folded Arabic text for the name rules (``arabic_names``, ``arabic_people``,
``arabic_organisations``): its attached particles, whether it may be part of a name, whether punctuation
parts it from the next. A text's words are (start, end, folded word) triples in folded offsets.
"""

from __future__ import annotations

import re

from .arabic_lexicon import NAME_JOINERS, ORGANISATION_HEADS, PLACE_WORDS, SAYING, STOPWORDS, TITLES

_GAP_BREAK = re.compile(r"[،,.:;؛!?؟()\"«»“”\[\]\n]")
PREFIXES = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
# The words bare() strips a leading و/ف (or ب/ل) from: united once here, not on every word looked at.
_AFTER_CONJUNCTION = frozenset(TITLES | SAYING | STOPWORDS | PLACE_WORDS | ORGANISATION_HEADS)
_AFTER_PREPOSITION = frozenset(PLACE_WORDS | ORGANISATION_HEADS)


def broken(folded: str, words, i: int, j: int) -> bool:
    """Whether punctuation stands between word ``i`` and any later word before ``j``."""
    for k in range(i, min(j, len(words)) - 1):
        if _GAP_BREAK.search(folded[words[k][1]:words[k + 1][0]]):
            return True
    return False


def stripped(word: str) -> list[str]:
    """The word without each attached particle it may carry (ولواشنطن -> لواشنطن, واشنطن ...); li- + al-
    is written لل (للسعودية -> السعودية)."""
    out = []
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            rest = word[len(prefix):]
            out.append(rest)
            if prefix.endswith("ل") and rest.startswith("ل"):
                out.append("ا" + rest)
    return out


def without_particles(word: str) -> list[str]:
    """``stripped``, but ka- ("like") only before the article, as the glossary reads names: كروس is Kroos,
    not ka- + روس (Russians); كالروس is ka- + الروس. For matching a name with its particles."""
    return [rest for rest in stripped(word) if word[len(word) - len(rest) - 1] != "ك" or rest.startswith("ال")]


def bare(word: str) -> str:
    """A title or function word with a leading و or ف dropped (وقال -> قال)."""
    if word[:1] in "وف" and len(word) > 3 and word[1:] in _AFTER_CONJUNCTION:
        return word[1:]
    if word[:1] in "بل" and len(word) > 3 and word[1:] in _AFTER_PREPOSITION:
        return word[1:]  # بمدينة، لوكالة
    return word


_DEFINITE = ("ال", "لل", "بال", "وال", "فال", "كال", "وبال", "ولل")


def is_definite(word: str) -> bool:
    """Whether a (folded) word carries the article, particles before it or not (الفلسطينيين، وللأردن)."""
    return word.startswith(_DEFINITE)
PRONOUN_ENDINGS = ("ه", "ها", "هم", "هما")


def could_be_name(word: str, parts: dict[str, int]) -> bool:
    """Whether a (folded) word may be part of a person's or place's name: no function word, verb of
    saying, title, place word or organisation word; not definite (للأمن، بالغوطة) nor carrying a
    possessive ending (دفاعه، نيته) unless the names database knows it (السيسي، طه)."""
    plain = bare(word)
    if plain in STOPWORDS or plain in SAYING or plain in TITLES or plain in PLACE_WORDS or plain in ORGANISATION_HEADS:
        return False
    if word[:1].isdigit() or word in parts or word in NAME_JOINERS:
        return not word[:1].isdigit()
    definite = any(word.startswith(d) and len(word) - len(d) >= 3 for d in _DEFINITE)  # not بالو (Palu)
    return not definite and not word.endswith(PRONOUN_ENDINGS)


def is_adjective(word: str) -> bool:
    """A definite nisba adjective (الكورية، الجنوبية، البريطاني)."""
    return word.startswith("ال") and word.endswith(("ي", "يه"))


def is_description(word: str) -> bool:
    """A definite word of description: a nisba adjective or other ال- word (الأمريكي، الدفاع، السابق)."""
    return word.startswith("ال") and word not in NAME_JOINERS and word not in STOPWORDS


def place_name(words, i: int, n: int, gazetteer: set[str]) -> bool:
    rest = " ".join(w for _, _, w in words[i + 1:i + n])
    first = words[i][2]
    for form in (first, *stripped(first)):
        if (form + (" " + rest if rest else "")) in gazetteer:
            return True
    return False
