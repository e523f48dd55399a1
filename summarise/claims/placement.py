"""Where a summary sentence's claims sit in the source, by the embedded sentence model: for the learned
judge (judge.py), whose placement features read how much further from the sentence the source
sentences holding a claim are than the sentence's closest one.

A name swapped for another of the same article, or the subject of one sentence given the predicate of
another, is found in the source (the claim tests pass it) but in sentences far from what the summary
sentence says; a faithful abstractive sentence names who its closest source sentences name. A name
embeds close to the sentences that hold it, so a swapped-in name would pull the closest sentence its
way: each claim is placed against the sentence read without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .paraphrase import Alignment
from .support import SourceIndex, Token, Verdict, is_content

_FAMILIES = {"name": ("person", "organisation", "place"), "value": ("number", "date")}
_PRONOUNS = {"he", "she", "his", "her", "him"}  # a name's "he" does not place it: the name must be there


@dataclass(frozen=True)
class Placed:
    family: str  # "name", "value" or "subject"
    sentences: frozenset[int]  # the source sentences that hold it
    without: str | None  # the summary sentence without it


def placed_claims(text: str, tokens: Sequence[Token], verdicts: Sequence[Verdict],
                  occurrences: Sequence[list[tuple[int, int, int]]], subjects: Sequence[tuple[int, int]],
                  source: SourceIndex) -> list[Placed]:
    """The sentence's names, numbers and dates found in the source (``occurrences``: ``support.find``'s
    answer for each verdict's claim; a pronoun does not count), and its main clause's subjects
    (``subjects``: their spans) where one source sentence holds all of a subject's content words."""
    placed = []
    for family, kinds in _FAMILIES.items():
        for verdict, found in zip(verdicts, occurrences, strict=True):
            mention = verdict.mention
            if mention.kind not in kinds or verdict.absent:
                continue
            sentences = frozenset(n for n, start, end in found
                                  if n is not None and source.text[start:end].lower() not in _PRONOUNS)
            if sentences and mention.kind == "person":
                sentences |= _surname_sentences(mention, tokens, source)
            if sentences:
                placed.append(Placed(family, sentences, _without(text, mention.start, mention.end)))
    # Given names: news names a person in full once, then by surname ("Jean Charest ... Charest said").
    given = {t.stem for v in verdicts if v.mention.kind == "person" and v.supported
             for t in _name_tokens(v.mention, tokens)[:-1]}
    for start, end in subjects:
        stems = {t.stem for t in tokens if is_content(t.text) and start <= t.start < end}
        stems = stems - given or stems
        holders = frozenset(n for n, count in source.shared_stems(stems).items() if count == len(stems))
        if stems and holders:
            placed.append(Placed("subject", holders, _without(text, start, end)))
    return placed


def _name_tokens(mention, tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if mention.start <= t.start < mention.end]


def _surname_sentences(mention, tokens: Sequence[Token], source: SourceIndex) -> frozenset[int]:
    """The source sentences that call a person found in full by surname alone: after the first mention,
    news names a person so, and a summary sentence made from such a sentence writes the full name."""
    words = _name_tokens(mention, tokens)
    return frozenset(source.stem_sentences.get(words[-1].stem, ())) if len(words) >= 2 else frozenset()


def _without(text: str, start: int, end: int) -> str | None:
    return " ".join((text[:start] + " " + text[end:]).split()) or None


def placement_gaps(whole: Alignment | None, related: list[int], placed: Sequence[Placed],
                   without_claim: dict[int, Alignment]) -> tuple[float, float, float]:
    """(names, values, subject): per family, the largest gap between the cosine of the sentence (without
    the claim, ``without_claim[k]`` for ``placed[k]``; else the whole sentence, ``whole``) to its closest
    source sentence and to the closest one that holds the claim or neighbours it. ``related``: the
    source sentence numbers of the alignments' candidates, in order; they must include the sentences
    holding each claim (check.py adds them), else the claim has no gap."""
    gaps = {"name": 0.0, "value": 0.0, "subject": 0.0}
    for k, claim in enumerate(placed):
        alignment = without_claim.get(k, whole)
        if alignment is None or not alignment.cosines:
            continue
        near = [c for n, c in zip(related, alignment.cosines) if any(abs(n - m) <= 1 for m in claim.sentences)]
        gaps[claim.family] = max(gaps[claim.family], alignment.best - max(near, default=alignment.best))
    return gaps["name"], gaps["value"], gaps["subject"]
