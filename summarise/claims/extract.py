"""Claims of many texts in one pass: spaCy + rules for English, rules for Arabic (and, for any other
language, the language-independent rules: digits, quotes and glossary names)."""

from __future__ import annotations

from collections.abc import Sequence

from .arabic import arabic_mentions
from .english import english_mentions, parse_english, subject_spans
from .glossary import Glossary
from .mention import Mention


def mentions_of(texts: Sequence[str], language: str, glossary: Glossary, published: str | None = None) -> list[list[Mention]]:
    if not texts:
        return []
    if language == "en":
        return [english_mentions(doc, glossary, published) for doc in parse_english(texts)]
    return [arabic_mentions(text, glossary, published) for text in texts]


def mentions_of_many(
    texts: Sequence[str], language: str, glossary: Glossary, published: Sequence[str | None]
) -> list[list[Mention]]:
    """Like ``mentions_of`` with a publication date per text (one spaCy batch for all of them)."""
    return mentions_and_subjects(texts, language, glossary, published)[0]


def mentions_and_subjects(
    texts: Sequence[str], language: str, glossary: Glossary, published: Sequence[str | None]
) -> tuple[list[list[Mention]], list[list[tuple[int, int]]]]:
    """``mentions_of_many``, and per text the (start, end) spans of its main clause's subjects (English
    only, from the same parse; no spans for other languages)."""
    if language != "en":
        return [arabic_mentions(text, glossary, date) for text, date in zip(texts, published)], [[] for _ in texts]
    docs = parse_english(texts)
    return [english_mentions(doc, glossary, date) for doc, date in zip(docs, published)], [subject_spans(doc) for doc in docs]
