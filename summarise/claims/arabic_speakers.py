"""Who said an Arabic quote, and which quote marks hold a name rather than someone's words.

Arabic puts the subject after the verb of saying (قال وزير الخارجية الروسي، سيرغي لافروف: «...»), so
the speaker is the first person named between the verb and the quote; else an organisation right beside
the verb (قالت وزارة الخارجية: «...»); else one named right before the verb (ماكرون قال: «...»). With the
verb after the quote («...»، قال ماكرون), the first one named after it. Never a place (وفي روسيا، حذر
المتحدث ...), never a name behind a preposition (وقالت لرويترز: to Reuters). A verb with no one named
right before its quote (وأضاف: «...») goes on with the speaker of the quote just before, when it stands a
few words after that quote, agrees with that quote's verb (not وأضافت after قال), and no other verb of
saying and no other name stand between; otherwise it gives no speaker rather than a wrong one.

Names, verbs and quotes are looked up by offset (bisect): a long article with many of each costs in
proportion to what stands near each quote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from .arabic_words import bare
from .glossary import Glossary
from .mention import Mention
from .normalise import fold

SPEAKER_REACH = 160  # characters before a quote (within its sentence) searched for its verb of saying
SPEAKER_AFTER = 40  # ... and after it, for a verb that follows the quote («...»، قال ماكرون)
_SENTENCE_END = re.compile(r"[.!?؟](?=\s)|\n")  # not the point inside 7.5
_QUOTE_ENDS_SENTENCE = re.compile(r"[.!?؟]\s*[»”\"]?$")
_PREPOSITION = ("ل", "ب")  # لرويترز، بموقع: the one spoken to, or a place, not the one speaking
_CONJUNCTION = ("و", "ف")  # وقال: "and he said", a new clause: whoever stands before it is not its subject


def without_quoted_names(mentions: list[Mention]) -> list[Mention]:
    """Arabic news puts names in quote marks (في "سان أنتونيو"، لشركة "فيديكس"): a "quote" inside a name
    found there is the name, no one's words."""
    names = sorted((m for m in mentions if m.kind in ("person", "organisation", "place")), key=lambda m: m.start)
    starts = [m.start for m in names]
    reach = []  # the furthest end of any name starting at or before each one
    for name in names:
        reach.append(max(name.end, reach[-1]) if reach else name.end)
    kept = []
    for mention in mentions:
        k = bisect.bisect_right(starts, mention.start)
        if mention.kind == "quote" and k and reach[k - 1] >= mention.end:
            continue
        kept.append(mention)
    return kept


def with_speakers(mentions: list[Mention], text: str, verbs: list[tuple[int, int]], glossary: Glossary) -> list[Mention]:
    """Each quote of ``mentions`` with its speaker; ``verbs``: the (start, end) of every verb of saying
    in ``text``, in order."""
    people = _Named([m for m in mentions if m.kind == "person"])
    bodies = _Named([m for m in mentions if m.kind == "organisation"])
    verb_starts = [start for start, _ in verbs]
    speakers: dict[int, Mention] = {}
    previous: tuple[Mention, Mention | None] | None = None  # (the quote before, its speaker)
    for quote in sorted((m for m in mentions if m.kind == "quote"), key=lambda m: m.start):
        speaker = _speaker(quote, text, verbs, verb_starts, people, bodies, glossary)
        if speaker is None and previous is not None and previous[1] is not None:
            speaker = _went_on(quote, text, verbs, verb_starts, people, bodies, *previous)
        if speaker is not None:
            speakers[id(quote)] = speaker
        previous = (quote, speaker)
    return [replace(m, speaker=text[speakers[id(m)].start:speakers[id(m)].end]) if id(m) in speakers else m
            for m in mentions]


# Between a verb of saying and its quote when the verb has no subject of its own ("وأضاف: «...»", "ولكنه
# أضاف، «...»", "وتابع قائلا: «...»"): punctuation, "saying" and "that" only.
_BARE_VERB_GAP = re.compile(r"[\s:،,]*(?:(?:قائلا|قائلة|قائلين|بالقول|أن|إن|ان)[\s:،,]*)?")
WENT_ON_WORDS = 3  # words between the previous quote (or its speaker) and the verb: "». وأضاف:", "». ولكنه أضاف،"


def _went_on(quote: Mention, text: str, verbs, verb_starts, people: "_Named", bodies: "_Named",
             earlier: Mention, speaker: Mention) -> Mention | None:
    """The speaker of ``earlier`` (the quote before) for a quote whose verb names no one ("وأضاف: «...»":
    news goes on with the one who spoke last), when the verb stands right before the quote with nothing
    but punctuation between (not "وقال مسؤول آخر: «...»", which names another, unnamed, speaker), right
    after the earlier quote or its speaker (a few words at most), with no other verb of saying and no one
    else named between them."""
    k = bisect.bisect_left(verb_starts, quote.start)
    if not k:
        return None
    verb_start, verb_end = verbs[k - 1]
    since = max(earlier.end, speaker.end)  # past the earlier quote and who said it («...»، قال لافروف)
    if verb_start < since or len(text[since:verb_start].split()) > WENT_ON_WORDS:
        return None  # a clause between may bring in someone else ("وحضرت وزيرة الخارجية ...، وأضافت")
    if k < 2 or verb_starts[k - 2] >= since:
        return None  # another verb of saying between: someone else may have spoken (a name not found)
    if _agreement(text[verb_start:verb_end]) != _agreement(text[verbs[k - 2][0]:verbs[k - 2][1]]):
        return None  # "قال لافروف ... وأضافت": the verb agrees with someone else (a woman, a group)
    if _BARE_VERB_GAP.fullmatch(text, verb_end, quote.start - 1) is None:
        return None
    if people.between(since, quote.start) or bodies.between(since, quote.start):
        return None
    return speaker


def _agreement(verb: str) -> str:
    """The subject a verb of saying agrees with, by its ending: "plural" (أضافوا), "feminine" (أضافت, قالت)
    or "masculine" (أضاف, قال)."""
    verb = fold(verb)
    return "plural" if verb.endswith("وا") else "feminine" if verb.endswith("ت") else "masculine"


class _Named:
    """Names of one kind in order of position, to find those between two offsets."""

    def __init__(self, names: list[Mention]) -> None:
        self.names = sorted(names, key=lambda m: m.start)
        self.starts = [m.start for m in self.names]

    def between(self, lo: int, hi: int) -> list[Mention]:
        """The names that start at or after ``lo`` and end by ``hi``, in order."""
        first, last = bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)
        return [m for m in self.names[first:last] if m.end <= hi]


def _speaker(quote: Mention, text: str, verbs, verb_starts, people: _Named, bodies: _Named,
             glossary: Glossary) -> Mention | None:
    opening = max(0, quote.start - SPEAKER_REACH)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, opening, max(opening, quote.start - 1))]
    lo = ends[-1] if ends else opening
    before = verbs[bisect.bisect_left(verb_starts, lo):bisect.bisect_left(verb_starts, quote.start)]
    before = [v for v in before if v[1] <= quote.start]
    if before:
        verb_start, verb_end = before[-1]
        subject = _first_subject(people.between(verb_end, quote.start), text, verb_end, glossary, beside=False) \
            or _first_subject(bodies.between(verb_end, quote.start), text, verb_end, glossary, beside=True)
        if subject is not None or text[verb_start] in _CONJUNCTION:
            return subject
        ahead = [m for m in people.between(lo, verb_start) + bodies.between(lo, verb_start)
                 if _next_to(text, m.end, verb_start) and not _behind_preposition(m, glossary)]
        return max(ahead, key=lambda m: m.end) if ahead else None
    if _QUOTE_ENDS_SENTENCE.search(text, quote.start, min(len(text), quote.end + 1)):
        return None  # «... أبدا.» وقال ...: the next sentence's verb is not this quote's
    after = verbs[bisect.bisect_left(verb_starts, quote.end):bisect.bisect_right(verb_starts, quote.end + SPEAKER_AFTER)]
    after = [v for v in after if not _SENTENCE_END.search(text, quote.end + 1, v[0])]
    if not after:
        return None
    verb_end = after[0][1]
    following = verb_end + SPEAKER_AFTER + 60  # a name may run on past where it must start
    return _first_subject(people.between(verb_end, following), text, verb_end, glossary, beside=False, within=SPEAKER_AFTER) \
        or _first_subject(bodies.between(verb_end, following), text, verb_end, glossary, beside=True)


def _first_subject(names: list[Mention], text: str, verb_end: int, glossary: Glossary, *, beside: bool,
                   within: int | None = None) -> Mention | None:
    """The first of ``names`` (after a verb ending at ``verb_end``) that can be its subject: not behind a
    preposition; right beside the verb with ``beside``; starting within ``within`` characters of it."""
    for name in names:
        if within is not None and name.start > verb_end + within:
            break
        if _behind_preposition(name, glossary) or beside and not _next_to(text, verb_end, name.start):
            continue
        return name
    return None


def _behind_preposition(name: Mention, glossary: Glossary) -> bool:
    """Whether the name's text opens with a preposition (لرويترز، لوزارة الخارجية): a name's own letters
    (لافروف، بلومبرغ، بي بي سي) are told apart by the glossary's match, or by the organisation word the
    preposition stands before."""
    if not name.text.startswith(("ل", "ب", "ول", "وب", "فل", "فب")):
        return False
    for match in glossary.find_arabic_spans(name.text):
        if match.word_start == 0 and match.start > 0:
            return name.text[match.start - 1] in _PREPOSITION
    first = fold(name.text.split()[0])
    return bare(first) != first and first[:1] in _PREPOSITION


def _next_to(text: str, end: int, start: int) -> bool:
    """Whether only spaces and commas stand between ``end`` and ``start``: an organisation speaks as the
    verb's subject right beside it (قالت وزارة الخارجية), not as a place further on (كتب على حسابه
    بموقع تويتر), where a person may stand behind titles (قال وزير الخارجية الروسي، سيرغي لافروف)."""
    return not text[end:start].strip(" ،,")
