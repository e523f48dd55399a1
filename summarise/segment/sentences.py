"""Sentence splitting for English and Arabic: sentencex, with its known misses repaired.

sentencex (Wikimedia's rule-based splitter) is fast enough to segment a thousand articles in a few
seconds (pysbd, the other candidate, is about 200 times slower on news text) and gets decimals,
thousands separators, "U.S.", "Jan. 5", quotes and ؟/! right. What it misses, this module mends by
joining a split back together when the break falls:

* inside a token ("R-N.|J.,") rather than at white space;
* after a title or abbreviation that never ends an English sentence ("Dr.|Who", "Gov.|Christie");
* after "a.m."/"p.m." before a weekday or month ("6 a.m.|Friday");
* before a lower-case word in English ('"Stop!"|he shouted');
* after a one-letter Arabic abbreviation ("د.|محمد", "أ.|د.", "ص.|ب.").

and splitting an English "sentence" that sentencex kept whole because quote marks enclosed it, when it is
too long to be one (``_split_long_quotes``).

Arabic is never split at the comma (،) or the semicolon (؛): both join clauses of one sentence.
"""

from __future__ import annotations

import itertools
import re

# Titles and abbreviations that are followed by a name or number, so never end an English sentence.
_EN_NEVER_FINAL = {
    "mr",
    "mrs",
    "ms",
    "mx",
    "dr",
    "prof",
    "st",
    "mt",
    "ft",
    "gen",
    "gov",
    "sen",
    "rep",
    "lt",
    "col",
    "capt",
    "cpt",
    "sgt",
    "cpl",
    "pte",
    "maj",
    "adm",
    "brig",
    "cmdr",
    "cllr",
    "rev",
    "fr",
    "hon",
    "pres",
    "supt",
    "insp",
    "det",
    "no",
    "nos",
    "vol",
    "vols",
    "pp",
    "p",
    "fig",
    "figs",
    "art",
    "sec",
    "ch",
    "op",
    "est",
    "approx",
    "ca",
    "vs",
    "v",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "messrs",
    "mme",
    "mlle",
}
_WEEKDAY_OR_MONTH = re.compile(
    r"(?i)^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"^(?:local time|gmt|bst|utc|et|edt|est|pt|pdt|pst)\b"
)
_LAST_TOKEN = re.compile(r"(\S+)\s*$")
_ARABIC_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:(?:[\u0621-\u064A]|هـ)\.){1,3}\s*$")
_MONTH_ABBR_BEFORE_NUMBER = re.compile(r"^\d")


def split_sentences(text: str, language: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in ``text``, trimmed of surrounding white space."""
    if not text.strip():
        return []
    from sentencex import segment

    spans: list[list[int]] = []
    position = 0
    for piece in segment(language or "en", text):
        start = position if text.startswith(piece, position) else text.find(piece, position)
        if start < 0:  # sentencex returned text it changed; fall back to one span for the rest
            spans.append([position, len(text)])
            position = len(text)
            break
        spans.append([start, start + len(piece)])
        position = start + len(piece)
    if position < len(text) and text[position:].strip():
        spans.append([position, len(text)])
    spans = _move_opening_quotes(text, spans)
    merged = _repair(text, _split_long_quotes(text, spans, language), language)
    return [trimmed for trimmed in (_trim(text, s, e) for s, e in merged) if trimmed[0] < trimmed[1]]


# sentencex pairs quote marks; one left open (an English quote that runs on into the next paragraph,
# or closed with '' in CNN/DM copy) it puts at the end of the sentence before it: 'hearing. "|We will
# appeal.' The mark opens the next sentence, so it moves there (and the split is no longer "inside a
# token", which _repair would have joined back).
_OPENING_QUOTE_AT_END = re.compile(r"\s([\"“‘«]|``)\s*$")


_QUOTE_MARK = re.compile(r"(?<!\d)\"|''")


def _move_opening_quotes(text: str, spans: list[list[int]]) -> list[list[int]]:
    """A straight mark moves only when it opens: an even number of them stand before it in the sentence
    ('He said "we will win. " Then ...' closes its quote with a space before the mark)."""
    for previous, current in itertools.pairwise(spans):
        m = _OPENING_QUOTE_AT_END.search(text, previous[0], previous[1])
        if not m or previous[1] != current[0] or m.start(1) <= previous[0]:
            continue
        # (CNN/DM copy closes with '': it counts as the closing mark; a mark after a figure is inches: 12".)
        if m.group(1) == '"' and len(_QUOTE_MARK.findall(text, previous[0], m.start(1))) % 2:
            continue
        previous[1] = current[0] = m.start(1)
    return spans


# sentencex never breaks inside quote marks: right for a quoted sentence, wrong for a quote of several
# sentences, and for a stray or unpaired mark (Daily Mail copy writes ' for both quotes and apostrophes)
# that makes the rest of a paragraph "one sentence" of 1,800 characters. A span this long is split again
# at every sentence end inside it (a stop, then a capital); the usual repairs then join back what they
# would join anyway ("Mr.|Smith").
LONG_SENTENCE = 300
# A stop after two letters or digits that are no initial ("U.S.", "J." stay whole; "No.", "Mr." are joined
# back by the repairs), then a capital or a digit.
_INNER_END = re.compile(r"(?<![.\s][A-Za-z])(?<=[A-Za-z0-9)%][A-Za-z0-9)%])[.!?][\"'’”]?\s+(?=[\"'‘“(]?\s?[A-Z0-9])")


# Arabic: a stop, ! or ؟ after a word or a figure, then an Arabic letter (an abbreviation such as "د." is
# joined back by the repairs).
_AR_INNER_END = re.compile(r"(?<=[^\s.])[.!؟][\"'”»]?\s+(?=[\"«(]?\s?[\u0621-\u064A])")


def _split_long_quotes(text: str, spans: list[list[int]], language: str) -> list[list[int]]:
    """Split again, at every sentence end inside it, a span too long to be one sentence, or one whose
    straight quote marks do not pair up (a stray mark: 'مؤشر "EGX 30 "بنسبة ...'), whose pairing is then
    no evidence of a quotation."""
    inner = _AR_INNER_END if language == "ar" else _INNER_END
    out: list[list[int]] = []
    for start, end in spans:
        if end - start <= LONG_SENTENCE and text.count('"', start, end) % 2 == 0:
            out.append([start, end])
            continue
        cut = start
        for m in inner.finditer(text, start, end):
            word = _LAST_TOKEN.search(text, cut, m.start() + 1)
            if word and word.group(1).rstrip(".").lstrip("(\"“'‘").lower() in _ABBREVIATIONS:
                continue  # "Apple Inc.", "Martin Luther King Jr.": no sentence ends there
            out.append([cut, m.end()])
            cut = m.end()
        out.append([cut, end])
    return out


# Abbreviations that seldom end a sentence, besides the titles that never do: where sentencex, which knows
# them, did not split, the long-span split does not either.
_ABBREVIATIONS = _EN_NEVER_FINAL | {"inc", "co", "corp", "ltd", "plc", "llc", "jr", "sr", "bros", "dept", "univ", "assn",
                                    "ave", "blvd", "rd", "govt", "etc", "al", "cf", "ie", "eg", "i.e", "e.g"}


def _repair(text: str, spans: list[list[int]], language: str) -> list[list[int]]:
    out: list[list[int]] = []
    for start, end in spans:
        if out and _should_join(text, out[-1][0], start, end, language):
            out[-1][1] = end
        else:
            out.append([start, end])
    return out


# How much of the sentence so far _should_join reads: every test looks only at its last token (an
# abbreviation, "Jan.", "a.m."), and a sentence that keeps being joined grows without bound, so reading
# all of it made long unpunctuated or lower-case runs quadratic (a 130 kB line took 40 s).
_TAIL_CHARS = 64


def _should_join(text: str, prev_start: int, start: int, end: int, language: str) -> bool:
    after = text[start:end].lstrip()
    if not after:
        return True
    if start > prev_start and not text[start - 1].isspace() and not text[start].isspace():
        return True  # the split fell inside a token
    stop = start
    while stop > prev_start and text[stop - 1].isspace():
        stop -= 1
    # A cut window is longer than any abbreviation, so "^" in the patterns cannot match at the cut.
    stripped = text[max(prev_start, stop - _TAIL_CHARS) : stop]
    if _ARABIC_ABBREVIATION.search(stripped) or _LIST_NUMBER.match(text, prev_start, stop):
        return True  # "د.|محمد"; a numbered item's "1.|Manchester United 3-1 PSG"
    if language == "ar":
        return False
    last = _LAST_TOKEN.search(stripped)
    token = last.group(1) if last else ""
    bare = token.rstrip(".").lstrip("(\"“'‘").lower()
    if token.endswith(".") and bare in _EN_NEVER_FINAL:
        # "Jan." ends a sentence only when no day number follows ("... in Jan. The next ...").
        if bare in {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}:
            return bool(_MONTH_ABBR_BEFORE_NUMBER.match(after))
        return True
    if re.search(r"(?i)\b[ap]\.m\.$", stripped) and _WEEKDAY_OR_MONTH.match(after):
        return True
    first = after.lstrip("\"“'‘«(")[:1]
    return first.isalpha() and first.islower()


_LIST_NUMBER = re.compile(r"\s*[\d٠-٩]{1,3}[.)]\s*$")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
