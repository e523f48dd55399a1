"""Did a claim of the summary reach the translated brief (and survive a translation back)?

Numbers and dates are compared by value, whatever the digits (٢٠٠٠ = 2,000) and month names
(يونيو = حزيران = June). Names are checked through the glossary (the translator writes its rendering;
any listed spelling counts). A person or place the glossary does not know is looked for by its
romanised consonants (``romanise``); an organisation by what identifies it in both languages: the English
of its head (وزارة: Ministry; بنك: Bank) and the names inside it, known to the glossary (الكويت: Kuwait,
المصرية: Egyptian) or romanised (نوكيا: Nokia). Otherwise a name is judged by the round trip when a model
to translate back is present, and left undecided (None), never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..records import Translation
from .arabic_lexicon import ORGANISATION_HEADS
from .arabic_organisations import head_and_words
from .glossary import Glossary
from .mention import Mention
from .romanise import arabic_name_in_latin, latin_name_in_arabic
from .support import Settings, SourceIndex, find


def text_index(sentences: Sequence[str], mentions: list[Mention]) -> SourceIndex:
    """A searchable index over a brief's sentences (joined with one space)."""
    text = " ".join(sentences)
    spans, offset = [], 0
    for sentence in sentences:
        spans.append((offset, offset + len(sentence)))
        offset += len(sentence) + 1
    return SourceIndex(text, spans or [(0, 0)], mentions)


def joined_index(sentences: Sequence[str], mentions: Sequence[Sequence[Mention]]) -> SourceIndex:
    """``text_index`` from each sentence's own claims (offsets into that sentence), moved to the joined text."""
    moved, offset = [], 0
    for sentence, found in zip(sentences, mentions, strict=True):
        moved += [replace(m, start=m.start + offset, end=m.end + offset) for m in found]
        offset += len(sentence) + 1
    return text_index(sentences, moved)


def carried(mention: Mention, target: SourceIndex, language: str, glossary: Glossary, knobs: Settings) -> bool | None:
    """Whether ``mention`` (a claim of the summary) is in the brief ``target`` written in ``language``;
    None when that cannot be told."""
    if mention.kind in ("number", "date"):
        if find(mention, target, glossary, knobs):
            return True
        if mention.kind == "number" and not any(c.isdigit() for c in mention.text) and (mention.number or 0) <= 10:
            return None  # "two sides" becomes a dual (الجانبان): a small number in words may leave no number
        return False
    if mention.kind == "quote":
        return None  # a quote is rewritten by translation: nothing to compare word for word
    entry = glossary.entry_for(mention.key) or glossary.entry_for(mention.text)
    if entry is None and mention.kind == "organisation":
        return _organisation(mention, target, language, glossary)
    if entry is None:
        return _romanised(mention, target, language)
    if language == "ar":
        return entry in glossary.find_arabic(target.text)
    return any(m.entry is entry for m in glossary.find_english(target.text)) or bool(find(mention, target, glossary, knobs))


def _romanised(mention: Mention, target: SourceIndex, language: str) -> bool | None:
    """A person or place the glossary lacks, found across scripts by its romanised consonants (see
    ``romanise``): True when found; None (undecided) otherwise, since a romanisation can miss."""
    if mention.kind not in ("person", "place"):
        return None
    arabic = any("\u0600" <= c <= "\u06ff" for c in mention.text)
    if language == "en" and arabic:
        return True if arabic_name_in_latin(mention.text, target.text) else None
    if language == "ar" and not arabic:
        names = [m.text for m in target.mentions if m.kind in ("person", "place")]
        return True if latin_name_in_arabic(mention.text, names) else None
    return None


# The English of an organisation's head, where English keeps it (a company, paper or channel is often
# named without it: "Nokia", "Al Jazeera").
_HEAD_ENGLISH = {
    "وزاره": ("ministry", "department"), "جامعه": ("university",), "بنك": ("bank",), "مصرف": ("bank",),
    "حزب": ("party",), "جبهه": ("front",), "منظمه": ("organization", "organisation"), "وكاله": ("agency",),
    "هيئه": ("authority", "commission", "board", "committee"), "اتحاد": ("union", "federation"),
    "مجلس": ("council", "assembly", "board", "senate", "parliament", "house"), "محكمه": ("court",),
    "معهد": ("institute",), "مفوضيه": ("commission",), "لجنه": ("committee", "commission"),
    "مطار": ("airport",), "مستشفي": ("hospital",), "سفاره": ("embassy",), "قنصليه": ("consulate",),
    "مرصد": ("observatory",), "نادي": ("club",), "مؤسسه": ("foundation", "institution"),
}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")
# The English of the definite words that say which body it is (folded; the feminine -يه form is looked up
# by its -ي form): stems of the words English writes for them.
_CONTENT_ENGLISH = {
    "الخارجيه": ("foreign", "external"), "الصحه": ("health",), "الداخليه": ("interior", "home"),
    "الدفاع": ("defen",), "الماليه": ("financ", "treasur"), "المركزي": ("central",), "العمال": ("labo", "worker"),
    "المحافظين": ("conservative",), "الوطني": ("national",), "الدولي": ("international",), "العدل": ("justice",),
    "التعليم": ("education",), "التربيه": ("education",), "الاقتصاد": ("econom",), "التجاره": ("trade", "commerce"),
    "الزراعه": ("agricultur", "farm"), "النفط": ("oil", "petrol"), "الطاقه": ("energy",), "العليا": ("supreme", "high"),
    "الامن": ("security",), "النواب": ("representatives", "deputies", "house"), "الشيوخ": ("senate",),
    "الاسلامي": ("islamic",), "العربي": ("arab",), "الاعلي": ("supreme", "high"), "الخارجي": ("foreign",),
}
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _organisation(mention: Mention, target: SourceIndex, language: str, glossary: Glossary) -> bool | None:
    """An organisation the glossary lacks, across scripts: True when the other side names one with the
    same head and the same names inside (``organisation_in_latin``); None otherwise, never False."""
    arabic = any("\u0600" <= c <= "\u06ff" for c in mention.text)
    if language == "en" and arabic:
        # within one sentence of the brief: "Egypt held elections. In Jordan, the health ministry ..." names
        # no Egyptian ministry
        sentences = [part for start, end in target.spans for part in _SENTENCE_END.split(target.text[start:end])]
        return True if any(organisation_in_latin(mention.text, s, glossary) for s in sentences) else None
    if language == "ar" and not arabic:
        names = [m.text for m in target.mentions if m.kind == "organisation"]
        return True if any(organisation_in_latin(name, mention.text, glossary) for name in names) else None
    return None


def organisation_in_latin(arabic: str, latin: str, glossary: Glossary) -> bool:
    """Whether the Arabic organisation ``arabic`` is named in ``latin``: its head's English there (where
    English keeps it), and every name inside it that identifies it (a place or nation the glossary knows,
    a name romanised); a name with nothing to identify it (وزارة الصحة: which one?) is never found."""
    head, words = head_and_words(arabic)
    latin_words = {w.lower() for w in _LATIN_WORD.findall(latin)}
    if head in _HEAD_ENGLISH and not latin_words & set(_HEAD_ENGLISH[head]):
        return False
    checks = 0
    covered: set[int] = set()
    for match in glossary.find_arabic_spans(arabic):
        checks += 1
        covered.update(range(match.start, match.end))
        if not _english_name_in(match.entry.english, latin):
            return False
    for word, start in words:
        if covered.intersection(range(start, start + len(word))) or word in ORGANISATION_HEADS:
            continue
        if word.startswith("ال"):
            if word[2:] in ORGANISATION_HEADS:
                continue
            # a definite word says which body (الخارجية: foreign, العمال: labour): its English must be there
            # too, and a word with no English listed leaves the name unmatched, never matched on the rest
            stems = _CONTENT_ENGLISH.get(word) or _CONTENT_ENGLISH.get(word[:-1] if word.endswith("يه") else word + "ه")
            if not stems or not any(w.startswith(stems) for w in latin_words):
                return False
            continue
        checks += 1  # a name no dictionary word: Nokia, Hamas
        if not arabic_name_in_latin(word, latin):
            return False
    return checks > 0


def _english_name_in(names: tuple[str, ...], latin: str) -> bool:
    """One of ``names`` in ``latin``, or its adjective or country (Egypt, Egyptian, Egypt's: "egyp")."""
    lowered = latin.lower()
    for name in names:
        stem = name.lower()[: max(4, len(name) - 4)] if " " not in name else name.lower()
        if re.search(rf"\b{re.escape(stem)}", lowered):
            return True
    return False


def round_trip(mention: Mention, back: SourceIndex, glossary: Glossary, knobs: Settings) -> bool | None:
    """Whether ``mention`` is found again in the brief translated back into the summary's language."""
    if mention.kind == "quote":
        # Two translations reword a quote: half its word trigrams coming back is the quote coming back.
        return bool(find(mention, back, glossary, replace(knobs, quote_overlap=knobs.round_trip_quote_overlap)))
    return bool(find(mention, back, glossary, knobs))


def stray_numbers(
    translated: list[Mention], summary: SourceIndex, glossary: Glossary, knobs: Settings
) -> list[Mention]:
    """Numbers and dates of a translation that the summary does not have: made up by the translator."""
    return [m for m in translated if m.kind in ("number", "date") and not find(m, summary, glossary, knobs)]


def back_translation_of(translation: Translation, back_translations: Sequence[Translation]) -> Translation | None:
    """The translation of ``translation`` back into its source language (all of them go back into the
    summary's language, so it is found by the language it was translated from)."""
    return next((b for b in back_translations if b.source_language == translation.target_language
                 and b.target_language == translation.source_language), None)
