"""The source as the claim checker searches it: folded tokens per sentence, and the indexes that find
a word, a stem or a claim in it without a scan of every sentence.

Built once per article (``claims.analyse_sources``; the pipeline gives the same index to review and
trace), so checking a summary costs in proportion to what its words match, not to the length of the
source: a book-length input is checked through its postings, with the verdicts a sentence-by-sentence
scan would give.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .arabic_words import without_particles
from .mention import Mention, family
from .normalise import fold, stem

_TOKEN = re.compile(r"(?<![\w.])(?:[A-Za-z](?:\.[A-Za-z])+\.?|[A-Za-z]\.(?: [A-Za-z]\.)+)(?!\w)|\d{1,3}(?:, \d{3})+(?!\d)|\w+(?:[.'’]\w+)*")
_AR_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
_AR_SUFFIXES = ("ات", "ون", "ين", "ان", "ه", "ي")
_PRONOUNS = frozenset({"he", "she", "his"})  # not "her"/"him": as objects they are seldom the one just named
_AR_STOP = {"في", "من", "على", "الى", "عن", "ان", "إن", "أن", "التي", "الذي", "الذين", "هذا", "هذه", "ذلك", "تلك", "كان", "كانت", "قد", "لم", "لن", "ما", "لا", "و", "او", "ثم", "مع", "عند", "بعد", "قبل", "كل", "بين", "حتى", "اذا", "هو", "هي", "هم"}


@functools.cache
def _stopwords() -> frozenset[str]:
    from ..models.spacy_import import lean_spacy_import

    with lean_spacy_import():  # a word list, but importing it imports spaCy: without torch, as models do
        from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | _AR_STOP


def is_content(token: str) -> bool:
    """A word that carries content: not a stop word, not one letter or one digit."""
    return len(token) > 1 and token not in _stopwords()


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # folded
    start: int
    end: int

    @property
    def stem(self) -> str:
        return content_stem(self.text)


@functools.lru_cache(maxsize=1 << 16)
def content_stem(token: str) -> str:
    if token.isascii():
        return stem(token)
    for prefix in _AR_PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= 3:
            token = token[len(prefix):]
            break
    for suffix in _AR_SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            return token[: -len(suffix)]
    return token


@functools.lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    # A text repeats its words: folding (Unicode normalisation, several regexes) is done once per word.
    return fold(word)


def tokenise(text: str, offset: int = 0) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        word = _fold_word(m.group(0))
        word = word[:-2] if word.endswith(("'s", "’s")) else word
        if word.strip("'"):
            out.append(Token(word.strip("'"), offset + m.start(), offset + m.end()))
    return out


class Placed(NamedTuple):
    """Claims of one family as they stand in a source's token sequence (``SourceIndex._flat``)."""

    firsts: list[int]  # the first position of each, ascending (to bisect)
    claims: list[tuple[int, int, Mention]]  # (first, last position, claim), in the same order
    longest: int  # tokens in the longest of them


# A source with fewer of the words inside its sentences capitalised than this is written in lower case
# (as QAGS and other tokenised corpora are): its casing says nothing of which words are names. Edited
# news capitalises about one word in ten there.
CASED_SOURCE_SHARE = 0.03
_OPENERS = ':;"“”‘’\'(['  # marks after which a word may be capitalised inside a sentence


@dataclass
class SourceIndex:
    """The source, tokenised per sentence, with its extracted claims, and the indexes that find a
    word, a stem or a value in it without a scan of every sentence."""

    text: str
    spans: list[tuple[int, int]]
    mentions: list[Mention]
    # The article's headline, standfirst and dateline ("MADRID (Reuters)"): not sentences of the body, but
    # part of the article, so a name found only there is in the source (support.judge).
    header: str = ""
    sentence_tokens: list[list[Token]] = field(init=False)
    sentence_stems: list[set[str]] = field(init=False)
    sentence_pairs: list[set[tuple[str, str]]] = field(init=False)

    def __post_init__(self) -> None:
        self.sentence_tokens = [tokenise(self.text[s:e], s) for s, e in self.spans]
        self.sentence_stems = [{t.stem for t in toks if is_content(t.text)} for toks in self.sentence_tokens]
        self.sentence_pairs = []
        for toks in self.sentence_tokens:
            words = [t.stem for t in toks if is_content(t.text)]
            self.sentence_pairs.append(set(itertools.pairwise(words)) | set(zip(words, words[2:])))
        self._flat = [(i, t) for i, toks in enumerate(self.sentence_tokens) for t in toks]
        # Word -> its positions in _flat, ascending.
        self.word_positions: dict[str, list[int]] = {}
        for position, (_, token) in enumerate(self._flat):
            self.word_positions.setdefault(token.text, []).append(position)
        # Stem -> its positions in _flat, ascending (the slot test's postings).
        self.stem_positions: dict[str, list[int]] = {}
        for position, (_, token) in enumerate(self._flat):
            self.stem_positions.setdefault(token.stem, []).append(position)
        # Stem -> the sentences that hold it, ascending.
        self.stem_sentences: dict[str, list[int]] = {}
        for index, stems in enumerate(self.sentence_stems):
            for stem_ in stems:
                self.stem_sentences.setdefault(stem_, []).append(index)
        self._starts = [start for start, _ in self.spans]
        # sentence_of bisects when the spans are in order and do not overlap (always, for an article).
        self._ordered = all(s <= e for s, e in self.spans) and all(
            a[1] <= b[0] for a, b in itertools.pairwise(self.spans))
        self._similar: dict[tuple[str, int], list[str]] | None = None
        self._particles: dict[str, list[str]] | None = None
        self._by_kind: dict[str, list[Mention]] = {}
        self._pronouns: dict[str, list[int]] | None = None
        self._token_starts: list[int] | None = None
        self._token_ends: list[int] | None = None
        self._placed: dict[str, Placed] = {}

    def sentence_of(self, offset: int) -> int | None:
        if self._ordered:
            index = bisect.bisect_right(self._starts, offset) - 1
            return index if index >= 0 and offset < self.spans[index][1] else None
        for index, (start, end) in enumerate(self.spans):
            if start <= offset < end:
                return index
        return None

    def context(self, sentence: int, neighbours: int) -> set[str]:
        lo, hi = max(0, sentence - neighbours), min(len(self.spans), sentence + neighbours + 1)
        return set().union(*self.sentence_stems[lo:hi]) if hi > lo else set()

    def shared_stems(self, stems: set[str]) -> Counter[int]:
        """For every source sentence that holds any of ``stems``: how many of them (absent: none)."""
        counts: Counter[int] = Counter()
        for stem_ in stems:
            counts.update(self.stem_sentences.get(stem_, ()))
        return counts

    def in_header(self, mention: Mention) -> bool:
        """Whether the headline, standfirst or dateline names ``mention``: its words in a row, the first
        capitalised there, Arabic particles aside ("Madrid" in "MADRID (Reuters)", لندن in "... في لندن";
        not "US" in "... means for us")."""
        wanted = [t.text for t in tokenise(mention.text)]
        words = self._header_words
        return bool(wanted) and any(named and all(wanted[k] in words[i + k][1] for k in range(len(wanted)))
                                    for i, (named, _) in enumerate(words[:len(words) - len(wanted) + 1]))

    @functools.cached_property
    def _header_words(self) -> list[tuple[bool, set[str]]]:
        """Each word of the header: whether it is written as a name there (a capital: "MADRID", "Turkey",
        not "us" or "turkey"; Arabic has no case), and its forms, Arabic particles aside."""
        return [(not self.header[t.start].isascii() or self.header[t.start].isupper(), {t.text, *without_particles(t.text)})
                for t in tokenise(self.header)]

    def words_like(self, word: str, *, short: bool = False) -> list[str]:
        """The source's words that ``same_word`` accepts for ``word``; for an Arabic word of three letters
        or more (any, with ``short``: the caller matches more words after it, as in "لبي بي سي"), also
        the source's words that are it with particles attached (وبريطانيا, للأمم, لشركة)."""
        particles = self._with_particles().get(word, []) if not word.isascii() and (short or len(word) >= 3) else []
        if len(word) < 6:
            return [word] * (word in self.word_positions) + particles
        if self._similar is None:
            # Only words of the same first letter and a length within one can be one edit apart. Built
            # whole before it is published, so a reader on another thread never sees half of it.
            similar: dict[tuple[str, int], list[str]] = {}
            for other in self.word_positions:
                similar.setdefault((other[0], len(other)), []).append(other)
            self._similar = similar
        return [other for size in (len(word) - 1, len(word), len(word) + 1)
                for other in self._similar.get((word[0], size), ()) if same_word(word, other)] + particles

    def _with_particles(self) -> dict[str, list[str]]:
        """An Arabic word -> the source's words that are it with particles attached."""
        if self._particles is None:
            particles: dict[str, list[str]] = {}
            for other in self.word_positions:
                if not other.isascii():
                    for base in without_particles(other):
                        particles.setdefault(base, []).append(other)
            self._particles = particles
        return self._particles

    @functools.cached_property
    def negations(self):
        """What each sentence negates, and which sentences negate a word (``negation.Negations``): read
        once, on first use, not for every summary sentence checked against the source."""
        from .negation import Negations

        return Negations.of(self.sentence_tokens)

    def positions_of(self, words: list[str]) -> list[int]:
        """Positions in _flat of every occurrence of any of ``words``, ascending."""
        if len(words) == 1:
            return self.word_positions.get(words[0], [])
        return sorted(p for word in words for p in self.word_positions.get(word, ()))

    def span_positions(self, start: int, end: int) -> tuple[int | None, int | None]:
        """The first and last positions in _flat of the tokens that overlap offsets ``start``..``end``
        (a claim may start inside a token: the "14" of Arabic "و14"); (None, None) when none does."""
        if self._token_ends is None:
            # Tokens are in text order when the sentences are; otherwise offsets are looked up by a scan.
            self._token_ends = [token.end for _, token in self._flat]
            self._token_starts = [token.start for _, token in self._flat]
        if self._ordered:
            first = bisect.bisect_right(self._token_ends, start)
            last = bisect.bisect_left(self._token_starts, end) - 1
        else:
            inside = [p for p, (_, token) in enumerate(self._flat) if token.start < end and start < token.end]
            first, last = (inside[0], inside[-1]) if inside else (0, -1)
        if first >= len(self._flat) or last < first:
            return None, None
        return first, last

    def placed_family(self, wanted: str) -> Placed:
        """The source's claims of one family ("name", "number", "date") in order of position."""
        if wanted not in self._placed:
            placed = []
            for mention in self.mentions:
                if family(mention.kind) == wanted:
                    first, last = self.span_positions(mention.start, mention.end)
                    if first is not None and last is not None:
                        placed.append((first, last, mention))
            placed.sort(key=lambda item: item[0])
            longest = max((last - first + 1 for first, last, _ in placed), default=0)
            self._placed[wanted] = Placed([first for first, _, _ in placed], placed, longest)
        return self._placed[wanted]

    def pronoun_referents(self) -> dict[str, list[int]]:
        """A person's last name -> the positions in _flat of "he", "she" and "his" that follow a mention
        of that person, with no other person named in between, in the same or the next sentence."""
        if self._pronouns is None:
            people = {first: mention.key.split()[-1] for first, _, mention in self.placed_family("name").claims
                      if mention.kind == "person" and mention.key}
            referents: dict[str, list[int]] = {}
            last: tuple[str, int] | None = None
            for position, (sentence, token) in enumerate(self._flat):
                if position in people:
                    last = (people[position], sentence)
                elif last is not None and token.text in _PRONOUNS and sentence - last[1] <= 1:
                    referents.setdefault(last[0], []).append(position)
            self._pronouns = referents
        return self._pronouns

    def written_in_lower_case(self, word: str) -> bool:
        """Whether the source writes ``word`` (folded) as an ordinary word: in lower case wherever it
        stands inside a sentence, never capitalised there. A source written in lower case throughout
        tells nothing of any word (False)."""
        if not self.cased:
            return False
        cases = [self.capitalised(p) for p in self.word_positions.get(word, ()) if self._inside(p)]
        return bool(cases) and not any(cases)

    @functools.cached_property
    def cased(self) -> bool:
        """Whether the source capitalises its names (edited text), unlike a corpus in lower case."""
        inner = [self.capitalised(p) for p in range(len(self._flat))
                 if self._inside(p) and self._flat[p][1].text.isalpha()]
        return sum(inner) / max(len(inner), 1) >= CASED_SOURCE_SHARE

    def _inside(self, position: int) -> bool:
        """Whether the token at ``position`` in _flat follows a word of its own sentence with nothing but
        spaces, commas or dashes between (not after a colon or a quote mark, where a capital says nothing)."""
        if position == 0 or self._flat[position - 1][0] != self._flat[position][0]:
            return False
        between = self.text[self._flat[position - 1][1].end:self._flat[position][1].start]
        return not any(mark in between for mark in _OPENERS)

    def capitalised(self, position: int) -> bool:
        """Whether the token at ``position`` in _flat begins with a capital in the source."""
        return self.text[self._flat[position][1].start].isupper()

    def occurrences_at(self, positions: Sequence[int]) -> list[tuple[int, int, int]]:
        """(sentence, start, end) of the tokens at ``positions`` in _flat."""
        return [(self._flat[p][0], self._flat[p][1].start, self._flat[p][1].end) for p in positions]

    def mentions_of_kind(self, kind: str) -> list[Mention]:
        if kind not in self._by_kind:
            self._by_kind[kind] = [m for m in self.mentions if m.kind == kind]
        return self._by_kind[kind]


def same_word(a: str, b: str) -> bool:
    """The same word, or a long one (six letters or more) misspelled by one letter."""
    if a == b:
        return True
    if len(a) < 6 or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    return within_one_edit(a, b)  # Zelenskyy / Zelensky, Sergey / Sergei


def within_one_edit(a: str, b: str) -> bool:
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = sorted((a, b), key=len)
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1:] == short:
            return True
    return False
