"""Abstractive summarising with a seq2seq model, map-reduce over token-budget chunks.

An article longer than the model's input limit is cut into chunks on sentence boundaries; each chunk
is summarised (one batched generate call), and the partial summaries are summarised again until the
result fits one pass. Nothing is silently truncated: coverage is reported on the Summary.
"""

from __future__ import annotations

from ..models.loading import load_seq2seq
from ..models.store import LocalModel
from ..records import Article, Sentence, Summary, SummarySentence
from ..segment.chunk import chunk_sentences
from ..segment.sentences import split_sentences
from ..settings import Settings

MAX_REDUCE_ROUNDS = 4


def summarise_abstractive(article: Article, local: LocalModel, settings: Settings) -> Summary:
    model = load_seq2seq(local.card, settings)
    budget = model.max_input_tokens
    chunks = chunk_sentences(article.sentences, model.count_tokens, budget)
    partials = model.generate([c.text for c in chunks], max_batch_size=settings.batch_size)
    sources = tuple(i for c in chunks for i in c.sentence_indices)
    rounds = 0
    text = " ".join(partials)
    while len(partials) > 1 and rounds < MAX_REDUCE_ROUNDS:
        rounds += 1
        pseudo = [
            Sentence(p, 0, len(p), 0, i) for i, p in enumerate(partials)
        ]
        reduce_chunks = chunk_sentences(pseudo, model.count_tokens, budget)
        partials = model.generate([c.text for c in reduce_chunks], max_batch_size=settings.batch_size)
        text = " ".join(partials)
    spans = split_sentences(text, article.language)
    sentences = [text[s:e] for s, e in spans][: max(settings.sentences, 1)] if spans else [text]
    seen = {i for c in chunks for i in c.sentence_indices}
    coverage = len(seen) / len(article.sentences) if article.sentences else 1.0
    return Summary(
        language=article.language,
        sentences=tuple(SummarySentence(s, sources) for s in sentences if s.strip()),
        model=local.card.name,
        method="abstractive",
        coverage=coverage,
        chunks=len(chunks),
    )
