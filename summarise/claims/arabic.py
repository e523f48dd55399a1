"""Arabic claims by rule: numbers in Western or Arabic-Indic digits (and spelled out where cheap), dates
with either month-name series (يونيو / حزيران, or both: "يونيو/حزيران"), times, quotes in «» “” and "",
and the names the glossary knows.

Matching runs on text folded one character at a time (glossary.fold_by_character), which keeps the index
in the input of every folded character: ``normalise.fold`` does not keep the length (it drops diacritics,
tatweel and thousands separators), so its offsets would not point into the input. Names come from the
glossary's one Arabic scanner, ``Glossary.find_arabic_spans``, already in the input's offsets.
"""

from __future__ import annotations

import re

from .arabic_names import arabic_names, inside_organisation
from .arabic_organisations import arabic_organisations
from .arabic_speakers import with_speakers, without_quoted_names
from .glossary import Glossary, fold_by_character
from .mention import Mention, drop_overlaps
from .normalise import (
    CURRENCIES,
    MEASURES,
    MONTHS,
    PERCENT,
    SCALES,
    WEEKDAYS,
    WORDS_AR,
    DateValue,
    clock,
    fold,
    format_number,
    normalise,
    number_value,
    resolve_date,
)

_AR_MONTHS = sorted((m for m in MONTHS if not m.isascii()), key=len, reverse=True)
_MONTH = "(?:" + "|".join(re.escape(m) for m in _AR_MONTHS) + ")"
_ANY_MONTH = rf"(?P<mon>{_MONTH})(?:\s?/\s?{_MONTH})?"  # "يونيو/حزيران": both series together
_WEEKDAY = "(?:" + "|".join(w for w in WEEKDAYS if not w.isascii()) + ")"
_YEAR = r"(?:1[89]|20)\d\d"
_DIGITS = r"\d+(?:[.,٬٫]\d+)*"
_BEFORE_NUMBER = r"(?:(?<=[وفبل])|(?<![\w.,٬٫]))"  # a digit may follow an attached particle: و12%
_P = r"(?:[وفبل]?)"  # an attached particle before a word
_DATES = [
    re.compile(rf"(?:(?:يوم\s)?{_P}(?P<wd>{_WEEKDAY})\s*،?\s*)?(?P<day>[12]\d|3[01]|0?[1-9])\s(?:من\s)?(?:شهر\s)?{_ANY_MONTH}(?:\s*،?\s*(?:عام\s|سنه\s)?(?P<year>{_YEAR}))?(?!\w)"),
    re.compile(rf"(?<!\w){_P}(?:شهر\s)?{_ANY_MONTH}\s(?:عام\s|من عام\s)?(?P<year>{_YEAR})(?!\w)"),
    re.compile(rf"(?<!\w){_P}(?P<wd>{_WEEKDAY})(?!\w)"),
    re.compile(rf"(?<!\w){_P}(?:شهر\s)?{_ANY_MONTH}(?!\w)"),
    re.compile(rf"(?<![\w.,]){_P}(?P<year>{_YEAR})(?!\w|[.,٫٬]\d)"),
]
# A bare four-digit number is a year unless it counts something (folded spellings): after a word of
# quantity ("نحو 2000 لاجئ", about 2,000 refugees); or, with no year word before it (عام, منذ, في ...),
# when an indefinite noun follows ("استقبل 2000 لاجئ") or the sentence ends ("ارتفع العدد الى 2000.").
# A range counts when a noun follows its end ("من 1800 الى 2000 لاجئ"), unless both ends read as years
# ("من 2011 الى 2014 تغير").
_QUANTITY_CUE = re.compile(r"(?<!\w)[وف]?(?:نحو|حوالي|قرابه|زهاء|اكثر من|اقل من|ما يقارب|ما يزيد عن|ما يزيد علي)\s$")
_YEAR_WORD = re.compile(
    r"(?<!\w)[وف]?(?:عام|العام|سنه|السنه|في|منذ|حتي|قبل|بعد|خلال|مطلع|اواخر|اوائل|نهايه|بدايه)\s$"
)
_RANGE_OPEN = re.compile(r"(?<!\w)[وف]?(?:من|بين)\s$")
_RANGE_CLOSE = re.compile(r"(?<!\w)[وف]?(?:من|بين)\s\d{4}\s(?:الي\s|و\s?)$")
_RANGE_REST = re.compile(r"\s(?:الي\s|و\s?)\d{4}(?!\w)")
_NEXT_WORD = re.compile(r"\s+([\u0621-\u064a]+)(?![\w])")
_NOT_COUNTED = {"في", "من", "الي", "علي", "عن", "حتي", "مع", "بعد", "قبل", "عند", "عندما", "حين", "ثم", "او", "لكن",
                "كما", "اذ", "حيث", "بينما", "ان", "انه", "انها", "لم", "لن", "لا", "قد", "ما", "الا", "اما", "كان", "كانت",
                "شهد", "شهدت", "هو", "هي"}  # also with و or ف attached: وفي, ولكن
_TIME = re.compile(r"(?<![\w.:])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?:\s(?P<mer>صباحا|مساء|ص|م)(?!\w))?")
_SCALE_WORDS = "|".join(sorted((w for w in SCALES if not w.isascii()), key=len, reverse=True))
_CURRENCY_WORDS = "|".join(sorted((re.escape(w) for w in CURRENCIES if not w.isascii()), key=len, reverse=True))
_PERCENT_WORDS = "|".join(sorted((re.escape(w) for w in PERCENT if not w.isascii()), key=len, reverse=True))
_MEASURE_WORDS = "|".join(sorted((re.escape(w) for w in MEASURES if not w.isascii()), key=len, reverse=True))
_NUMBER = re.compile(
    rf"{_BEFORE_NUMBER}(?P<cur>\$|£|€)?(?P<num>{_DIGITS})(?P<pct>\s?[%٪])?"
    rf"(?:\s(?P<scale>{_SCALE_WORDS})(?!\w))?(?:\s(?P<pct2>{_PERCENT_WORDS})(?!\w))?(?:\s(?P<curword>{_CURRENCY_WORDS})(?!\w))?"
    rf"(?:\s?(?P<measure>{_MEASURE_WORDS})(?!\w))?"
)
# Numbers in words, as the folded text writes them: units and tens (خمسه وعشرون), hundreds (ميه is مئة
# folded; ثلاثميه, ثلاث ميه), and scales that multiply what came before (ميه مليار: 100 billion; ثلاثه
# الاف: 3,000), then the same percent, currency and measure words as digits take (سبعه في الميه: 7 %).
_HUNDREDS = {"ميه": 100, "مايه": 100, "مييه": 100, "ميتان": 200, "ميتين": 200, "مايتان": 200, "مايتين": 200}
_HUNDREDS.update({f"{word}{hundred}": value * 100 for word, value in
                  (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("تسع", 9))
                  for hundred in ("ميه", "مايه")})
_SPELLED_SCALES = {w: v for w, v in SCALES.items() if not w.isascii()}
_NUMBER_WORDS = {w: float(v) for w, v in WORDS_AR.items() if w not in _SPELLED_SCALES} | {
    w: float(v) for w, v in _HUNDREDS.items()}
_ANY_NUMBER_WORD = frozenset(_NUMBER_WORDS) | frozenset(_SPELLED_SCALES)
_TENS = frozenset({20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0})
_SPELLED_WORD = "|".join(sorted(_ANY_NUMBER_WORD, key=len, reverse=True))
_SPELLED = re.compile(
    rf"(?<!\w){_P}(?P<words>(?:{_SPELLED_WORD})(?:\s+و?(?:{_SPELLED_WORD}))*)(?!\w)"
    rf"(?:\s(?P<pct>{_PERCENT_WORDS})(?!\w))?(?:\s(?P<curword>{_CURRENCY_WORDS})(?!\w))?"
    rf"(?:\s(?P<measure>{_MEASURE_WORDS})(?!\w))?"
)
# Every pair of quote marks, short ones too ("آتية"): a short quote skipped would leave its closing mark
# to open the next "quote" and pair every mark after it wrongly. Quotes of a word or two are no claim (_quotes).
_QUOTE = re.compile(r"«(?P<a>[^»\n]+?)»|“(?P<b>[^”\n]+?)”|\"(?P<c>[^\"\n]+?)\"")
_SPEECH = re.compile(r"(?<!\w)[وف]?(?:قال|قالت|اضاف|اضافت|اكد|اكدت|صرح|صرحت|اعلن|اعلنت|حذر|حذرت|اوضح|اوضحت|وفقا ل)(?!\w)")


def arabic_mentions(text: str, glossary: Glossary, published: str | None = None) -> list[Mention]:
    folded, origin = fold_by_character(text)
    found = _times(folded) + _dates(folded, published) + _numbers(folded) + _quotes(folded)
    # Back from folded offsets to the caller's text, where the names already are.
    out = []
    for m in found:
        start, end = origin[m.start], origin[m.end - 1] + 1
        out.append(Mention(text[start:end], m.kind, m.key, start, end, m.value, m.number, m.unit, m.date, m.speaker, m.hedged))
    known = _names(text, glossary)
    # An organisation's name is one claim, the place or nation inside it part of it (جامعة القاهرة).
    organisations = arabic_organisations(text, known)
    names = [m for m in known if not any(o.start <= m.start and m.end <= o.end for o in organisations)
             and (m.kind != "place" or not inside_organisation(text, m.start, m.end))]
    names += organisations
    # The glossary's names first (they carry the English key); rules and gazetteers find the rest.
    mentions = drop_overlaps(out + names + arabic_names(text, tuple(names)))
    verbs = [(origin[v.start()], origin[v.end()]) for v in _SPEECH.finditer(folded)]
    return with_speakers(without_quoted_names(mentions), text, verbs, glossary)


def _dates(folded: str, published: str | None) -> list[Mention]:
    out = []
    for pattern in _DATES:
        for m in pattern.finditer(folded):
            groups = m.groupdict()
            month = MONTHS.get(groups["mon"]) if groups.get("mon") else None
            day = int(groups["day"]) if groups.get("day") else None
            year = int(groups["year"]) if groups.get("year") else None
            weekday = WEEKDAYS.get(groups["wd"]) if groups.get("wd") else None
            bare = groups.get("year") and re.fullmatch(rf"{_P}\d{{4}}", m.group(0))
            if bare and _counts_things(folded, m.start("year"), m.end()):
                continue
            value = resolve_date(DateValue(year, month, day, weekday), published)
            if value.iso:
                number = float(year) if year and month is None else None
                out.append(Mention(m.group(0), "date", value.iso, m.start(), m.end(), value=value.iso, date=value, number=number))
    return out


def _counts_things(folded: str, start: int, end: int) -> bool:
    """Whether the bare "year" at ``start:end`` of ``folded`` counts something (see ``_QUANTITY_CUE``)."""
    before = folded[max(0, start - 20):start]
    if _QUANTITY_CUE.search(before):
        return True
    if _YEAR_WORD.search(before):
        return False
    if _RANGE_OPEN.search(before):
        rest = _RANGE_REST.match(folded, end)
        if rest is None:
            return False
        return not _years_apart(folded[start:end], rest.group(0)) and _counted_noun_follows(folded, rest.end())
    if opened := _RANGE_CLOSE.search(before):
        return not _years_apart(opened.group(0), folded[start:end]) and _counted_noun_follows(folded, end)
    return folded[end:end + 1] in (".", ",") or _counted_noun_follows(folded, end)


def _years_apart(first: str, second: str) -> bool:
    """Both ends of a range read as years of the last two centuries, the second later: "2011 ... 2014"."""
    a, b = (int(re.sub(r"\D", "", part)[-4:]) for part in (first, second))
    return 1900 <= a < b <= 2099


def _counted_noun_follows(folded: str, end: int) -> bool:
    """An indefinite noun right after ``end``: not a function word, not definite (ال), not a verb of
    the form يفعل ("دستور 2014 ينص")."""
    word = _NEXT_WORD.match(folded, end)
    if word is None:
        return False
    noun = word.group(1)
    if noun in _NOT_COUNTED or noun[:1] in "وف" and noun[1:] in _NOT_COUNTED:
        return False
    return not re.match(r"[وفبك]?ال|لل|ي", noun)


def _times(folded: str) -> list[Mention]:
    out = []
    for m in _TIME.finditer(folded):
        hhmm = clock(int(m.group("h")), int(m.group("m")), m.group("mer"))
        if hhmm:
            out.append(Mention(m.group(0), "date", hhmm, m.start(), m.end(), value=hhmm, date=DateValue(time=hhmm)))
    return out


def _numbers(folded: str) -> list[Mention]:
    out = []
    for m in _NUMBER.finditer(folded):
        value = number_value(m.group("num"))
        if value is None:
            continue
        value *= SCALES.get(m.group("scale") or "", 1.0)
        unit = "%" if (m.group("pct") or m.group("pct2")) else CURRENCIES.get(m.group("cur") or m.group("curword") or "")
        unit = unit or MEASURES.get(m.group("measure") or "")
        canonical = format_number(value, unit)
        out.append(Mention(m.group(0), "number", canonical, m.start(), m.end(), value=canonical, number=value, unit=unit))
    taken = [(m.start, m.end) for m in out]
    for m in _SPELLED.finditer(folded):
        if any(a <= m.start("words") < b for a, b in taken):
            continue  # "12 مليار" is read above, scale and all
        numbers = _separate_numbers(folded, m.start("words"), m.end("words"))
        for k, (start, end) in enumerate(numbers):
            words = folded[start:end]
            if words.split()[0] in _VAGUE_PLURALS:
                continue  # "آلاف المتظاهرين": thousands of protesters, no count
            last = k == len(numbers) - 1  # the percent, currency or measure after the run is the last number's
            unit = None
            if last:
                unit = "%" if m.group("pct") else CURRENCIES.get(m.group("curword") or "") or MEASURES.get(m.group("measure") or "")
                end = m.end()
            value = _spelled_value(words)
            canonical = format_number(value, unit)
            out.append(Mention(folded[start:end], "number", canonical, start, end, value=canonical, number=value, unit=unit))
    return out


# Plural scales with no number before them say "many": آلاف (thousands of), ملايين, مليارات.
_VAGUE_PLURALS = frozenset({"الاف", "االف", "ملايين", "مليارات"})


def _separate_numbers(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the numbers in a run of number words: one number while each word joined by و is of a
    smaller order than the one before it (مئه وخمسون 150، الف وخمسميه 1500) or is the tens after a unit
    (خمسه وعشرون 25); a new one otherwise ("بين خمسين وستين": 50 and 60, not 110)."""
    spans: list[list[int]] = []
    previous = None
    for token in re.finditer(r"\S+", folded[start:end]):
        word, joined = _number_word(token.group())
        value = _SPELLED_SCALES.get(word) or _NUMBER_WORDS[word]
        if not spans or joined and not ((previous < 10 and value in _TENS) or (previous >= 100 and value < previous)):
            spans.append([start + token.end() - len(word), start + token.end()])  # the number, not the و before it
        else:
            spans[-1][1] = start + token.end()
        previous = value
    return [(a, b) for a, b in spans]


def _number_word(token: str) -> tuple[str, bool]:
    """A number word of a run without the و that joins it to the one before (وعشرون), and whether it had one."""
    if token.startswith("و") and token[1:] in _ANY_NUMBER_WORD:
        return token[1:], True
    return token, False


def _spelled_value(words: str) -> float:
    """The value of one number in words: ``خمسه وعشرون`` 25, ``ميه مليار`` 1e11, ``ثلاثه الاف`` 3000."""
    total = current = 0.0
    for token in words.split():
        word, _ = _number_word(token)
        if word in _SPELLED_SCALES:
            total += (current or 1.0) * _SPELLED_SCALES[word]
            current = 0.0
        elif _NUMBER_WORDS[word] == 100 and 0 < current < 10:
            current *= 100  # ثلاث ميه: three hundred
        else:
            current += _NUMBER_WORDS[word]
    return total + current


def _names(text: str, glossary: Glossary) -> list[Mention]:
    """The glossary's names in ``text``, offsets into ``text``; a mention is the whole written word, its
    attached particles included (وبالولايات المتحدة)."""
    out = []
    for match in glossary.find_arabic_spans(text):
        start = match.word_start if match.word_start is not None else match.start
        kind = "nationality" if match.adjective else match.entry.kind  # الأردني: Jordanian, as in English
        out.append(Mention(text[start:match.end], kind, normalise(match.entry.name), start, match.end))
    return out


def name_as_named(mention: Mention, glossary: Glossary) -> str:
    """A name's text for a reader: an Arabic name the glossary knows without the particles written onto
    it (وسوريا -> سوريا, بالقاهرة -> القاهرة); the mention keeps them, as matching needs the whole word."""
    if mention.kind not in ("person", "organisation", "place", "nationality"):
        return mention.text
    for match in glossary.find_arabic_spans(mention.text):
        if match.word_start == 0 and match.start > 0 and match.end == len(mention.text):
            name = mention.text[match.start:]
            # li- + al- is written لل: the name's article lost its alif (للأردن is li- + الأردن; للبنان is
            # li- + لبنان, a name without the article)
            written_with_article = any(fold(a).startswith("ال") for a in match.entry.arabic)
            return "ا" + name if written_with_article and mention.text[match.start - 1:match.start + 1] == "لل" else name
    return mention.text


def _quotes(folded: str) -> list[Mention]:
    out = []
    for m in _QUOTE.finditer(folded):
        name = next(k for k, v in m.groupdict().items() if v is not None)
        inner = m.group(name).strip()
        if len(inner.split()) < 3:  # as in English: a word or two in quote marks is a name or a term
            continue
        start = m.start(name) + (len(m.group(name)) - len(m.group(name).lstrip()))
        out.append(Mention(inner, "quote", normalise(inner), start, start + len(inner)))
    return out
