"""Repair a summary whose sentences state unsupported claims, before it is translated.

A sentence with an unsupported name, number, date or quote is replaced by the source sentence that
best supports the rest of it (its content words other than the unsupported claims), when one covers
at least half of them and is not already in the summary; otherwise it is dropped. A summary is never
left empty: its last sentence is then replaced by the best source sentence whatever its score.
Every repair is recorded in ``Summary.repairs`` in words.
"""

from __future__ import annotations

from dataclasses import replace

from ..records import Article, Summary, SummarySentence
from .check import CheckResult
from .support import SourceIndex, is_content, tokenise

MIN_REPLACEMENT_SUPPORT = 0.5


def repair_summary(article: Article, summary: Summary, result: CheckResult, source: SourceIndex) -> Summary:
    in_summary = {_source_index_of(article, s.text) for s in summary.sentences} - {None}
    kept: list[SummarySentence] = []
    notes: list[str] = []
    pending_drop: tuple[int, SummarySentence, str] | None = None
    for check, sentence in zip(result.sentences, summary.sentences):
        if not check.unsupported:
            kept.append(sentence)
            continue
        claims = ", ".join(repr(v.mention.text) for v in check.unsupported)
        choice = best_replacement(sentence, [v.mention for v in check.unsupported], source, in_summary)
        if choice is not None and choice[1] >= MIN_REPLACEMENT_SUPPORT:
            index, share = choice
            in_summary.add(index)
            kept.append(SummarySentence(_source_text(article, source, index), (index,)))
            notes.append(f"sentence {check.index + 1} replaced by source sentence {index + 1} "
                         f"(it supports {share:.0%} of the rest): {claims} not supported by the source")
        else:
            notes.append(f"sentence {check.index + 1} dropped: {claims} not supported by the source, "
                         "and no source sentence supports the rest of it")
            pending_drop = (check.index, sentence, claims)
    if not kept and pending_drop is not None:
        position, sentence, claims = pending_drop
        choice = best_replacement(sentence, [], source, in_summary)
        index = choice[0] if choice is not None else 0
        kept.append(SummarySentence(_source_text(article, source, index), (index,)))
        notes[-1] = (f"sentence {position + 1} replaced by source sentence {index + 1} (the best available, so that "
                     f"the brief is not empty): {claims} not supported by the source")
    if not notes:
        return summary
    return replace(summary, sentences=tuple(kept), repairs=summary.repairs + tuple(notes))


def best_replacement(sentence: SummarySentence, unsupported, source: SourceIndex, taken: set[int]) -> tuple[int, float] | None:
    """The source sentence (index, share) that holds most of the sentence's content words other than
    its unsupported claims; one the summary was made from wins a tie."""
    tokens = tokenise(sentence.text)
    rest = {t.stem for t in tokens if is_content(t.text)
            and not any(m.start < t.end and t.start < m.end for m in unsupported)}
    if not rest:
        return None
    best: tuple[float, bool, int] | None = None
    for index, stems in enumerate(source.sentence_stems):
        if index in taken:
            continue
        key = (len(rest & stems) / len(rest), index in sentence.sources, -index)
        if best is None or key > best:
            best = key
    return None if best is None else (-best[2], best[0])


def _source_text(article: Article, source: SourceIndex, index: int) -> str:
    if index < len(article.sentences):
        return article.sentences[index].text
    start, end = source.spans[index]
    return source.text[start:end]


def _source_index_of(article: Article, text: str) -> int | None:
    for sentence in article.sentences:
        if sentence.text.strip() == text.strip():
            return sentence.index
    return None
