"""A claim as found in one text, before it is checked: what the extractors of both languages return."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalise import DateValue

NAME_KINDS = ("person", "organisation", "place", "nationality", "other")


@dataclass(frozen=True)
class Mention:
    text: str
    kind: str  # one of records.CLAIM_KINDS
    key: str  # normalised matching key (the glossary's canonical name for names it knows)
    start: int  # offsets into the text it was found in
    end: int
    value: str | None = None  # canonical value of numbers and dates
    number: float | None = None  # numbers: the value, scale applied
    unit: str | None = None  # numbers: "USD", "%", "ordinal" ...
    date: DateValue | None = None  # dates and times
    speaker: str | None = None  # quotes: who said it, as written
    hedged: bool = False  # numbers: "about", "nearly", "more than" ... (rounding is then allowed)
    bound: str | None = None  # hedged numbers: "above" ("more than 2,500": at least that), "below" ("almost", "up to")

    @property
    def is_name(self) -> bool:
        return self.kind in NAME_KINDS


def family(kind: str) -> str:
    """Claims of one family can stand in for each other: a name for a name, a number for a number."""
    return "name" if kind in NAME_KINDS else kind


def same_name(a: str, b: str) -> bool:
    """Whether two name keys may name the same one: a shared word, or one word the start of another
    ("rendon" and "rendons", "jackson-rendon"), for words of four letters or more."""
    words_a, words_b = set(re.split(r"[\s-]+", a)) - {""}, set(re.split(r"[\s-]+", b)) - {""}
    if words_a & words_b:
        return True
    return any(x.startswith(y) or y.startswith(x) for x in words_a for y in words_b if min(len(x), len(y)) >= 4)


def drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the earliest, then longest, of mentions that overlap (a date's day is not also a number).
    Quotes are kept whole beside the names and numbers inside them."""
    kept: list[Mention] = []
    for mention in sorted((m for m in mentions if m.kind != "quote"), key=lambda m: (m.start, m.start - m.end)):
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return sorted(kept + [m for m in mentions if m.kind == "quote"], key=lambda m: m.start)
