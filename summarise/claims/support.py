"""Is a claim of the summary supported by the source? Found there, and said there of the same thing.

Three tests per claim, all on folded tokens (no model):

* found: the name (any glossary alias, a surname for a full name, one-letter misspellings of long
  names), the number (same value and unit; rounding allowed for "about 2,000"), the date (every part
  the summary states agrees) or the quote (most of its word trigrams) occurs in the source;
* in context: a source sentence holding it (or its neighbour) shares at least ``min_shared`` of the
  ``context_words`` content words nearest to the claim in the summary sentence;
* in its place (``slot.py``): no other claim of the same sort fits the words right around it clearly
  better than the claim itself does. These two catch a number or name swapped for another one of the
  same article ("34 arrests" -> "2011 arrests", "from $99 to $69" -> "from $69 to $69").

One more, per sentence, asks how much of a summary sentence's content one source sentence covers:
abstractive models also fuse facts from distant sentences into one that none of them says.

The source is searched through ``source.SourceIndex`` (built once per article), never sentence by
sentence, so a check costs in proportion to what the summary's words match.
"""

from __future__ import annotations

import heapq
import itertools
import re
from dataclasses import dataclass

from ..segment.lines import NAME_PARTICLES
from .arabic_words import without_particles
from .mention import Mention
from .normalise import MONTH_NAMES, WEEKDAY_NAMES, fold
from .slot import rival
from .source import SourceIndex, Token, content_stem, is_content, same_word, tokenise

__all__ = [
    "Coverage", "Settings", "SourceIndex", "Token", "Verdict", "content_stem", "find", "is_content", "judge",
    "merged_coverage", "nearest_content", "related_sentences", "sentence_coverage", "tokenise",
]

_DEMONYMS = {"french": "france", "dutch": "netherlands", "swiss": "switzerland", "welsh": "wales", "scottish": "scotland",
             "scots": "scotland", "irish": "ireland", "english": "england", "greek": "greece", "turkish": "turkey",
             "spanish": "spain", "danish": "denmark", "swedish": "sweden", "finnish": "finland", "polish": "poland",
             "filipino": "philippines", "thai": "thailand", "afghan": "afghanistan", "british": "britain", "uk": "britain"}


@dataclass(frozen=True)
class Settings:
    """The checker's knobs, chosen on the "dev" halves of the two benchmarks in bench/claims.py:
    perturbation false alarms <= 5% first, then the best QAGS balanced accuracy, then the best
    perturbation recall. The "held-out" halves were run after choices, never to choose, bar one
    exception; bench/RESULTS.md lists each run and the exception."""

    context_words: int = 6  # content words nearest to a claim that make its context
    min_shared: int = 1  # ... of which a source sentence holding the claim must share this many
    neighbours: int = 1  # source sentences either side of an occurrence that count as its context
    alignment: float = 0.7  # ... and match this share of what the best-matching source sentence matches
    top_aligned: int = 3  # a claim found in one of the N source sentences most like its sentence is supported
    sentence_coverage: float = 0.7  # below this, a summary sentence is not supported by any one source sentence
    pair_coverage: float = 0.4  # ... nor below this share of its (ordered) word pairs
    paraphrase_similarity: float = 0.85  # ... unless the sentence model finds one this close (paraphrase.py)
    quote_overlap: float = 0.75  # share of a quote's word trigrams the source must hold
    round_trip_quote_overlap: float = 0.5  # ... and the brief translated back (not tuned: no data)
    slot_words: int = 4  # words either side of a claim that make its slot (see slot.py; 0: no slot test)
    slot_window: int = 8  # source tokens either side of a claim searched for them
    slot_margin: float = 0.6  # another source claim fitting the slot by this much more than the claim wins it
    slot_least: float = 1.1  # ... if it fits at least this well


@dataclass(frozen=True)
class Verdict:
    mention: Mention
    supported: bool
    source_sentence: int | None = None
    source_start: int | None = None  # offsets into the source of the occurrence that supports it
    source_end: int | None = None
    note: str | None = None
    source_says: str | None = None  # unsupported: the source's own claim where it says what the summary says
    absent: bool = False  # unsupported because it occurs nowhere in the source (not merely said of another thing)
    misattributed: bool = False  # a quote the source attributes to someone else it names: flagged whatever the judge says


# Claims a headline or dateline supports when the body does not name them: who and where ("MADRID
# (Reuters)"); numbers, dates and quotes must stand in the body, where what is said of them can be read.
HEADER_KINDS = frozenset({"person", "place", "organisation", "nationality"})


def judge(mention: Mention, sentence: list[Token], source: SourceIndex, glossary, knobs: Settings,
          occurrences: list[tuple[int, int, int]] | None = None) -> Verdict:
    """Decide one summary claim; ``sentence`` is the tokenised summary sentence that holds it;
    ``occurrences``: ``find``'s answer for it, when the caller has it already."""
    if occurrences is None:
        occurrences = find(mention, source, glossary, knobs)
    if not occurrences:
        if mention.kind in HEADER_KINDS and source.in_header(mention):
            return Verdict(mention, True, note=f"{mention.kind} {mention.text!r} is in the headline or dateline")
        return _absent(mention, sentence, source, knobs)
    if mention.kind == "quote":
        return _judge_speaker(mention, occurrences, source)
    context = nearest_content(sentence, mention, knobs.context_words)
    rest = {t.stem for t in sentence if (t.end <= mention.start or t.start >= mention.end) and is_content(t.text)}
    # How well the best source sentence anywhere matches the rest of the summary sentence: a claim's own
    # source sentence should match nearly as well, or the summary has moved it from elsewhere.
    overlaps = source.shared_stems(rest)  # absent: no shared stem
    aligned = max(overlaps.values(), default=0)
    # The source sentences the summary sentence was most likely made from (ties included): the
    # top_aligned-th largest overlap over all sentences, those sharing nothing counted as 0.
    cut = None
    sentences = len(source.sentence_stems)
    if sentences and knobs.top_aligned:
        rank = min(knobs.top_aligned, sentences)
        top = heapq.nlargest(rank, overlaps.values())
        cut = top[rank - 1] if len(top) >= rank else 0
    best = None
    found = None
    for index, start, end in occurrences:
        window = source.context(index, knobs.neighbours)
        near, along = len(context & window), len(rest & window)
        if (cut is not None and overlaps.get(index, 0) >= max(cut, 1)) or (
                near >= min(knobs.min_shared, len(context)) and along >= knobs.alignment * aligned):
            found = (index, start, end)
            break
        if best is None or (near, along) > best[0]:
            best = ((near, along), index, start, end)
    if found is None:
        assert best is not None
        return Verdict(mention, False, best[1], best[2], best[3],
                       note=f"{mention.kind} {mention.text!r} is in the source, but not said of what the summary says")
    if knobs.slot_words:
        other = rival(mention, sentence, source, occurrences, knobs.slot_words, knobs.slot_window,
                      knobs.slot_margin, knobs.slot_least)
        if other is not None:
            place = other.mention
            return Verdict(mention, False, source.sentence_of(place.start), place.start, place.end,
                           note=f"{mention.kind} {mention.text!r} is in the source, but where the source says what "
                                f"the summary says around it, it has {place.text!r}", source_says=place.text)
    return Verdict(mention, True, *found)


def _absent(mention: Mention, sentence: list[Token], source: SourceIndex, knobs: Settings) -> Verdict:
    """A claim found nowhere in the source; where the source says what the summary says around it
    with another claim of the same sort ("3,000 prisoners" where the source has "2,000 prisoners"),
    the verdict names that claim, so a reader sees what the source says, not only what it lacks."""
    note = f"{mention.kind} {mention.text!r} is not in the source"
    if mention.kind == "quote" or not knobs.slot_words:
        return Verdict(mention, False, note=note, absent=True)
    # No occurrence of its own: any source claim that fits the slot well enough (by slot_least) says it.
    other = rival(mention, sentence, source, [], knobs.slot_words, knobs.slot_window, 0.0, knobs.slot_least)
    if other is None:
        return Verdict(mention, False, note=note, absent=True)
    place = other.mention
    return Verdict(mention, False, source.sentence_of(place.start), place.start, place.end,
                   note=f"{note}; where the source says what the summary says around it, it has {place.text!r}",
                   source_says=place.text, absent=True)


def nearest_content(sentence: list[Token], mention: Mention, limit: int = 4) -> set[str]:
    """The ``limit`` content stems of the summary sentence nearest to the claim (its own words aside)."""
    around = [(min(abs(t.start - mention.end), abs(mention.start - t.end)), t.stem)
              for t in sentence if (t.end <= mention.start or t.start >= mention.end) and is_content(t.text)]
    chosen: list[str] = []
    for _, word in sorted(around):
        if word not in chosen:
            chosen.append(word)
        if len(chosen) == limit:
            break
    return set(chosen)


@dataclass(frozen=True)
class Coverage:
    """How well the best-matching source sentence covers one summary sentence."""

    words: float  # share of the sentence's content words it holds
    pairs: float  # share of the sentence's neighbouring content-word pairs it holds in that order
    source_sentence: int | None
    novel: tuple[str, ...]  # content words found nowhere in the source


def sentence_coverage(sentence: list[Token], source: SourceIndex) -> Coverage:
    """Unigrams say whether the facts are in one place of the source; ordered pairs (a source gap of one
    word allowed) whether they are put together there as the summary puts them."""
    words = [t.stem for t in sentence if is_content(t.text)]
    if not words:
        return Coverage(1.0, 1.0, None, ())
    unique = set(words)
    pairs = set(itertools.pairwise(words))
    best: tuple[float, float, int | None] = (0.0, 0.0, None)
    shared = source.shared_stems(unique)
    if not shared and not pairs and source.sentence_stems:
        # No source sentence shares a word, and a one-word sentence has no pairs to miss: the first
        # sentence scores (0, 1), as a scan of every sentence would find.
        best = (0.0, 1.0, 0)
    # Only sentences sharing a stem can beat (0, 0), and any of them beats one that shares none.
    for index in sorted(shared):
        share = shared[index] / len(unique)
        if share < best[0]:
            continue
        ordered = source.sentence_pairs[index]
        pair_share = len(pairs & ordered) / len(pairs) if pairs else 1.0
        if (share, pair_share) > best[:2]:
            best = (share, pair_share, index)
    novel = tuple(dict.fromkeys(t.text for t in sentence if is_content(t.text) and t.stem not in source.stem_sentences))
    return Coverage(best[0], best[1], best[2], novel)


MERGE_CANDIDATES = 8  # source sentences, by shared words, whose pairs may together say a summary sentence


def merged_coverage(sentence: list[Token], source: SourceIndex) -> tuple[Coverage, tuple[int, ...]]:
    """How well the best two source sentences together cover one summary sentence: an abstractive
    summary often merges two sentences of the source ("X said A. It added B." -> "X said A and B"),
    which no single sentence covers. Pairs count when either sentence holds them in that order.
    Returns the coverage and the two sentences (one, when one alone does best)."""
    words = [t.stem for t in sentence if is_content(t.text)]
    if not words:
        return Coverage(1.0, 1.0, None, ()), ()
    unique = set(words)
    pairs = set(itertools.pairwise(words))
    shared = source.shared_stems(unique)
    top = sorted(sorted(shared, key=lambda index: (-shared[index], index))[:MERGE_CANDIDATES])
    best: tuple[float, float, tuple[int, ...]] = (0.0, 0.0, ())
    for first, second in itertools.combinations_with_replacement(top, 2):
        stems = source.sentence_stems[first] | source.sentence_stems[second]
        share = len(unique & stems) / len(unique)
        ordered = source.sentence_pairs[first] | source.sentence_pairs[second]
        pair_share = len(pairs & ordered) / len(pairs) if pairs else 1.0
        if (share, pair_share) > best[:2]:
            best = (share, pair_share, tuple(dict.fromkeys((first, second))))
    return Coverage(best[0], best[1], best[2][0] if best[2] else None, ()), best[2]


def related_sentences(sentence: list[Token], source: SourceIndex, limit: int) -> list[int]:
    """The ``limit`` source sentences sharing the most content words with ``sentence`` (ties: the
    earlier first), in source order."""
    shared = source.shared_stems({t.stem for t in sentence if is_content(t.text)})
    return sorted(sorted(shared, key=lambda index: (-shared[index], index))[:limit])


# -- where a claim occurs ----------------------------------------------------------------------------


GIVEN_NAME_GAP = 2  # words that may stand between a given name and the surname (middle names, initials)


def find(mention: Mention, source: SourceIndex, glossary, knobs: Settings) -> list[tuple[int, int, int]]:
    """(sentence, start, end) of every occurrence of the claim in the source; for a person, after those,
    every "he", "she" or "his" the source uses for a person of that name right after naming them."""
    if mention.kind == "quote":
        return _find_quote(mention, source, knobs.quote_overlap)
    if mention.kind == "number" or (mention.kind == "date" and mention.number is not None):
        return _find_value(mention, source)
    if mention.kind == "date":
        return [(source.sentence_of(m.start), m.start, m.end) for m in source.mentions_of_kind("date")
                if m.date is not None and mention.date is not None and mention.date.within(m.date)
                and source.sentence_of(m.start) is not None]
    return _find_name(mention, source, glossary)


def _find_value(mention: Mention, source: SourceIndex) -> list[tuple[int, int, int]]:
    out = []
    for m in source.mentions:
        if m.number is None or (m.kind == "number") != (mention.kind == "number") and not _year_like(m, mention):
            continue
        if _same_number(mention, m, exact=m.kind != mention.kind):
            index = source.sentence_of(m.start)
            if index is not None:
                out.append((index, m.start, m.end))
    return out


def _year_like(a: Mention, b: Mention) -> bool:
    """A bare four-digit year may be read as a number on one side and a year on the other."""
    return all(m.unit is None and m.number is not None and 1800 <= m.number <= 2100 and m.number.is_integer() for m in (a, b))


def _same_number(claim: Mention, other: Mention, exact: bool = False) -> bool:
    """``exact``: a year read as a number on one side is the same year only ("about 2,000" is not 2022)."""
    # A share or a rank is never a plain count: "14 prisoners" is not "14 percent" nor "14th".
    for marked in ("ordinal", "%", "pp"):
        if (claim.unit == marked) != (other.unit == marked) and {claim.unit, other.unit} != {"%", "pp"}:
            return False
    if claim.unit and other.unit and claim.unit != other.unit and {claim.unit, other.unit} != {"%", "pp"}:
        return False
    a, b = claim.number, other.number
    assert a is not None and b is not None
    if abs(a - b) <= 1e-9 * max(1.0, abs(a)):
        return True
    if exact:
        return False
    if claim.bound == "above" and b < a or claim.bound == "below" and b > a:
        return False  # "more than 2,600" of 2,401; "up to 3,000" of 3,200
    # Rounded in the summary: 39.6% -> 39.6 or 40%; 4.52bn -> 4.5bn; hedged ("about 2,000") within 10%.
    decimals = len(claim.text.split(".")[1].rstrip("%")) if re.search(r"\d\.\d", claim.text) else 0
    if b != 0 and round(b / _magnitude(a), decimals) == round(a / _magnitude(a), decimals):
        return True
    return claim.hedged and b != 0 and abs(a - b) / abs(b) <= 0.10


def _magnitude(value: float) -> float:
    for scale in (1e12, 1e9, 1e6):
        if abs(value) >= scale:
            return scale
    return 1.0


def _find_name(mention: Mention, source: SourceIndex, glossary) -> list[tuple[int, int, int]]:
    forms = [mention.key.split()]
    entry = glossary.entry_for(mention.key) if glossary is not None else None
    if entry is not None:
        from .normalise import normalise

        forms += [normalise(alias).split() for alias in entry.english] + [fold(a).split() for a in entry.arabic]
    if mention.kind == "nationality":
        forms += [[country] for country in _countries(mention.key)]
    written = fold(mention.text).split() if not mention.text.isascii() else []
    if written:  # Arabic: also as written (الفلسطينيين), its particles aside (والفلسطينيين)
        forms += [[word, *written[1:]] for word in (written[0], *without_particles(written[0]))]
    # Every occurrence of each form inside one sentence, ordered by sentence, then form, then position.
    flat = source._flat
    found = []
    for number, form in enumerate(forms):
        if not form:
            continue
        for position in source.positions_of(source.words_like(form[0], short=len(form) > 1)):
            last = position + len(form) - 1
            if last >= len(flat) or flat[last][0] != flat[position][0]:
                continue
            if all(same_word(f, flat[position + k][1].text) for k, f in enumerate(form[1:], 1)):
                found.append((flat[position][0], number, position, flat[position][1].start, flat[last][1].end))
    hits = [(index, start, end) for index, _, _, start, end in sorted(found)]
    if hits and mention.kind in ("person", "other"):  # and where the source calls a person of that name "he" or "she"
        hits += source.occurrences_at(source.pronoun_referents().get(forms[0][-1], ()))
    if hits or len(forms[0]) < 2:
        return _prefix_hits(mention, source) if not hits and mention.kind == "nationality" else hits
    *given, last = forms[0]
    surnames = source.positions_of(source.words_like(last))
    if mention.kind not in ("person", "other"):  # "other": spaCy's unsorted names, often people's
        # An organisation or place the source words in another order ("Surrey University", "the
        # University of Surrey"): the last word where it occurs, every other word somewhere.
        return source.occurrences_at(surnames) if all(source.words_like(g) for g in given) else []
    # A person the source names with more in between ("Jane Elizabeth Smith", "Jane E. Smith") or
    # surname first ("Smith, Jane"): the surname where the given name next to it stands beside it. A
    # given name found only elsewhere is another person's ("Maren Plaskon" from "Maren Sanchez" and
    # "Christopher Plaskon": a fused name, the mistake abstractive models make). Words ahead of it (a
    # second given name, a title spaCy kept: "Constable") may stand anywhere.
    if not all(source.words_like(g) for g in given[:-1]):
        return []
    return source.occurrences_at([p for p in surnames if _given_name_beside(given[-1], p, source)])


def _given_name_beside(given: str, position: int, source: SourceIndex) -> bool:
    """Whether ``given`` (or a longer name it shortens: "Jon", "Jonathan") stands just before the surname
    at ``position``, with at most GIVEN_NAME_GAP middle names, initials or particles between (other
    words the source writes in lower case are no names: "Maren rejected Plaskon"), or just after it
    behind a comma where the source writes surname first ("Smith, Anna, 34,")."""
    flat = source._flat
    sentence = flat[position][0]

    def named(word: str) -> bool:
        shortened = len(given) >= 3 and word.startswith(given) and word not in MONTH_NAMES + WEEKDAY_NAMES
        return same_word(given, word) or shortened

    for q in range(position - 1, max(-1, position - 2 - GIVEN_NAME_GAP), -1):
        if flat[q][0] != sentence:
            break
        word = flat[q][1].text
        if named(word):
            return True
        if len(word) > 1 and word not in NAME_PARTICLES and source.written_in_lower_case(word):
            break
    return _surname_first(named, position, source)


def _surname_first(named, position: int, source: SourceIndex) -> bool:
    """"Smith, Anna": the given name right after the surname behind a comma, in a source whose casing
    shows that neither belongs to a list of names ("Lee Smith, Anna Jones and Mark Brown" names no
    Anna Smith): the word before the surname is an ordinary one, the word after the given name no name."""
    flat = source._flat
    after = position + 1
    if not source.cased or after >= len(flat) or flat[after][0] != flat[position][0] or not named(flat[after][1].text):
        return False
    if "," not in source.text[flat[position][1].end:flat[after][1].start]:
        return False
    before = position - 1
    if before >= 0 and flat[before][0] == flat[position][0] and not source.written_in_lower_case(flat[before][1].text):
        return False
    following = after + 1
    return not (following < len(flat) and flat[following][0] == flat[after][0] and source.capitalised(following))


def _countries(key: str) -> list[str]:
    return [_DEMONYMS[key]] if key in _DEMONYMS else []


def _prefix_hits(mention: Mention, source: SourceIndex) -> list[tuple[int, int, int]]:
    """"Russian" is supported by "Russia", "American" by "America": a shared stem of five letters."""
    key = mention.key.split()[0] if mention.key else ""
    if len(key) < 5:
        return []
    stem_ = key[: max(4, len(key) - 3)]
    return source.occurrences_at(source.positions_of([word for word in source.word_positions if word.startswith(stem_)]))


def _find_quote(mention: Mention, source: SourceIndex, threshold: float) -> list[tuple[int, int, int]]:
    words = [t.text for t in tokenise(mention.text)]
    n = 3 if len(words) >= 5 else 2
    grams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    if not grams:
        return []
    flat = source._flat
    found = [p for p in (_first_occurrence(g, source) for g in grams) if p is not None]
    if len(found) / len(grams) < threshold:
        return []
    first, last = min(found), max(found)
    index, token = flat[first]
    return [(index, token.start, flat[min(last + n - 1, len(flat) - 1)][1].end)]


def _first_occurrence(gram: tuple[str, ...], source: SourceIndex) -> int | None:
    """The first position in the source's token sequence where ``gram`` occurs, found from the
    occurrences of its rarest word."""
    flat = source._flat
    postings = [source.word_positions.get(word, ()) for word in gram]
    anchor = min(range(len(gram)), key=lambda k: len(postings[k]))
    for position in postings[anchor]:
        start = position - anchor
        if start < 0:
            continue
        if start + len(gram) > len(flat):
            return None
        if all(flat[start + k][1].text == word for k, word in enumerate(gram)):
            return start
    return None


def _judge_speaker(mention: Mention, occurrences: list[tuple[int, int, int]], source: SourceIndex) -> Verdict:
    index, start, end = occurrences[0]
    if mention.speaker:
        surname = [t.text for t in tokenise(mention.speaker)][-1:]
        others = [_said_by_another(surname[0], at, source) for at in occurrences] if surname else [None]
        if all(others):
            return Verdict(mention, False, index, start, end, misattributed=True,
                           note=f"the source attributes the quote to {others[0]}, not to {mention.speaker}")
        near = source.context(index, 2) | {t.text for i in range(max(0, index - 2), min(len(source.spans), index + 3))
                                           for t in source.sentence_tokens[i]}
        if surname and not any(same_word(surname[0], w) for w in near):
            return Verdict(mention, False, index, start, end,
                           note=f"the quote is in the source, but not attributed to {mention.speaker}")
    return Verdict(mention, True, index, start, end)


def _said_by_another(surname: str, occurrence: tuple[int, int, int], source: SourceIndex) -> str | None:
    """Who else the source's quote at ``occurrence`` is attributed to, or None: another person it names
    right there, in the sentences the quote spans ("..., said Wang Lyu"; not a "she said" the attribution
    resolved to a name it read), with ``surname`` in none of them (a sentence copied from the source, "X's
    lawyer, Y, said", is never misattributed)."""
    index, start, end = occurrence
    quote = _source_quote(source, start, end)
    said_by = _named_speaker(source, quote)
    if quote is None or said_by is None or any(same_word(surname, t.text) for t in tokenise(said_by)):
        return None
    last = source.sentence_of(quote.end - 1)
    sentences = range(index, min((last if last is not None else index) + 1, len(source.sentence_tokens)))
    # the words of those sentences outside any quote: who is said to speak
    quoted = [(m.start, m.end) for m in source.mentions_of_kind("quote")]
    own = {t.text for n in sentences for t in source.sentence_tokens[n]
           if not any(a <= t.start < b for a, b in quoted)}
    if own & _SUBJECT_PRONOUNS:
        return None  # "Praising Paula Reyes, he said": the attribution read a pronoun, no name
    named_there = any(same_word(tokenise(said_by)[-1].text, w) for w in own)
    return said_by if named_there and not any(same_word(surname, w) for w in own) else None


_SUBJECT_PRONOUNS = frozenset({"he", "she", "they"})


def _source_quote(source: SourceIndex, start: int, end: int) -> Mention | None:
    """The source's attributed quote that holds ``start:end``."""
    return next((m for m in source.mentions_of_kind("quote") if m.start <= start and end <= m.end and m.speaker), None)


def _named_speaker(source: SourceIndex, quote: Mention | None) -> str | None:
    """Who the source's ``quote`` is attributed to, when that is someone the source names as a person in
    full ("Wang Lyu", or "Wang" after "Wang Lyu"): a descriptor the attribution found instead ("the
    22-year-old Scot") is no evidence against the summary's speaker."""
    if quote is None or not quote.speaker:
        return None
    surnames = {tokenise(m.text)[-1].text for m in source.mentions_of_kind("person") if len(tokenise(m.text)) >= 2}
    words = tokenise(quote.speaker)
    return quote.speaker if words and words[-1].text in surnames else None
