"""Has a summary sentence added a negation the source does not make, or dropped one it makes?

A negation is read with the word it governs: the first content word among the few that follow it
("did not *attend* the meeting", "no *injuries* reported"), or the word right after it where none of
those carries content ("it wasn't *enough*"); only that word, as the object may stand on either side
("a meeting has not been *confirmed*"). A sentence-level test ("the summary negates, none of
the source sentences closest to it does") misses a negation moved onto another verb and cries wolf
when the source negates the same thing in a sentence that is not among the closest; a scope test asks
of the very words negated:

* added: the summary negates words that the source holds, and no source sentence that shares other
  words with the summary (where it has other words) negates them, nor does any of the closest source
  sentences negate a word the summary does not use (its negation may be the summary's in other words).
  Where the source holds none of the words negated (the summary negates in its own words, or with
  nothing after the negation: "he said no."), the sentence-level test stands in: none of the closest
  source sentences negates.
* dropped: a word that one of the closest source sentences negates, and nowhere in them says plainly,
  stands in the summary sentence plainly and is not negated there too. A compression that leaves out a
  negated clause drops nothing.

Stems are compared with the stemmer's misses allowed ("agreed" / "agree").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .source import SourceIndex, Token, is_content

# Contractions are one token ("won't", "didn't": the n't test); the stems listed here are what a
# contraction split by a missing apostrophe leaves. Not "won": that is the verb far more often.
NEGATIONS = frozenset({"not", "no", "never", "nor", "neither", "without", "n't", "none", "nobody", "nothing", "cannot",
                       "didn", "doesn", "isn", "wasn", "weren", "aren", "wouldn", "couldn", "hasn", "haven",
                       "hadn"})
NEGATION_SCOPE = 3  # words after a negation searched for the one it governs


def is_negation(token: Token) -> bool:
    return token.text in NEGATIONS or token.text.endswith("n't")


def negated(tokens: Iterable[Token]) -> bool:
    """Whether the words hold a negation ("not", "never", "didn't" ...)."""
    return any(is_negation(t) for t in tokens)


def scopes(tokens: Sequence[Token]) -> tuple[frozenset[str], frozenset[str]]:
    """(negated, plain): the stems of the words the negations govern, and the stems of the other content
    words (the negations themselves are neither)."""
    governed: set[int] = set()
    for k, token in enumerate(tokens):
        if not is_negation(token):
            continue
        following = [j for j in range(k + 1, min(len(tokens), k + 1 + NEGATION_SCOPE)) if not is_negation(tokens[j])]
        content = [j for j in following if is_content(tokens[j].text)]
        governed.update((content or following)[:1])
    negated_stems = frozenset(tokens[j].stem for j in governed)
    plain = frozenset(t.stem for j, t in enumerate(tokens)
                      if j not in governed and not is_negation(t) and is_content(t.text))
    return negated_stems, plain


@dataclass(frozen=True)
class Negations:
    """A source's negations: per sentence, the stems it negates and the content stems it says plainly
    (``scopes``); and per negated stem, the sentences that negate it."""

    scoped: list[tuple[frozenset[str], frozenset[str]]]
    negating: dict[str, list[int]]

    @classmethod
    def of(cls, sentences: Sequence[Sequence[Token]]) -> Negations:
        scoped = [scopes(tokens) for tokens in sentences]
        negating: dict[str, list[int]] = {}
        for index, (negated_stems, _) in enumerate(scoped):
            for stem in negated_stems:
                negating.setdefault(stem, []).append(index)
        return cls(scoped, negating)


def negation_change(tokens: Sequence[Token], source: SourceIndex, nearest: Iterable[int]) -> tuple[bool, bool]:
    """(added, dropped) for a summary sentence's ``tokens`` against the source; ``nearest``: the source
    sentences it was most likely made from."""
    nearest = set(nearest)
    said, plain = scopes(tokens)
    index = source.negations
    close = [index.scoped[n] for n in nearest]
    close_negated = frozenset().union(*(n for n, _ in close))
    close_plain = frozenset().union(*(p for _, p in close))
    added = False
    if negated(tokens):
        if any(stem in source.stem_positions for stem in said):  # the source holds a word negated
            words = said | plain
            negating = {s for stem in said for s in index.negating.get(stem, ())}
            added = not any(_negates_there(said & index.scoped[s][0], words, source.sentence_stems[s]) for s in negating)
            # ... unless a close source sentence negates a word the summary does not use: its negation may
            # be the summary's in other words ("The mayor did not go." -> "The mayor did not attend").
            added = added and all(_among(stem, words) for stem in close_negated)
        else:  # negated in its own words, or with nothing after it ("he said no.")
            added = not any(negated(source.sentence_tokens[n]) for n in nearest)
    # Content words only: "not for" must not make every "for" suspect; and not a word the summary
    # negates too ("did not attend the gala, but the governor attended").
    dropped = any(_among(stem, plain - said) for stem in close_negated - close_plain)
    return added, dropped


def _among(stem: str, stems: frozenset[str]) -> bool:
    """Whether ``stem`` is one of ``stems``, the stemmer's misses allowed: "agre" is "agree", "arriv" is
    "arrive" (a shared start of four letters or more that is all of the shorter)."""
    return stem in stems or len(stem) >= 4 and any(len(other) >= 4 and (other.startswith(stem) or stem.startswith(other))
                                                   for other in stems)


def _negates_there(matched: frozenset[str], words: frozenset[str], stems: set[str]) -> bool:
    """Whether a source sentence negating ``matched`` (words the summary negates too) says the summary's
    negation: where the summary sentence has other content ``words``, the sentence (its content
    ``stems``) holds one of those too (the same negation, not one of something else)."""
    others = words - matched
    return not others or bool(others & stems)
