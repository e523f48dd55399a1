"""Abstractive summarising with a seq2seq model, map-reduce over token-budget chunks.

An article longer than the model's input limit is cut into chunks on sentence boundaries; each chunk
is summarised (one batched generate call), and the partial summaries are summarised again until the
result fits one pass. Nothing is silently truncated: coverage is reported on the Summary.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models.ct2 import load_generator
from ..models.store import LocalModel
from ..records import Article, Chunk, Summary, SummarySentence
from ..segment.chunk import chunk_sentences, chunk_texts
from ..segment.sentences import split_sentences
from ..settings import Settings

MAX_REDUCE_ROUNDS = 4


def summarise_abstractive(article: Article, local: LocalModel, settings: Settings) -> Summary:
    return summarise_abstractive_many([article], local, settings)[0]


def summarise_abstractive_many(articles: Sequence[Article], local: LocalModel, settings: Settings) -> list[Summary]:
    """Summaries of many articles with one model: the chunks of all articles share batched generate
    calls (sorted by length across articles), and so does every reduce round."""
    model = load_generator(local.card, settings)
    budget = model.max_input_tokens
    chunks = [chunk_sentences(article.sentences, model.count_tokens, budget) for article in articles]
    partials = _generate_grouped(model, [[c.text for c in article_chunks] for article_chunks in chunks], settings)
    for _ in range(MAX_REDUCE_ROUNDS):
        pending = [i for i, p in enumerate(partials) if len(p) > 1]
        if not pending:
            break
        reduce_inputs = []
        for i in list(pending):
            grouped = [c.text for c in chunk_texts(partials[i], model.count_tokens, budget)]
            if len(grouped) >= len(partials[i]):
                # Partial summaries as long as the chunks they came from: another round cannot shrink
                # them, so the joined partials are the summary (nothing is dropped).
                pending.remove(i)
                continue
            reduce_inputs.append(grouped)
        if not pending:
            break
        for i, outputs in zip(pending, _generate_grouped(model, reduce_inputs, settings)):
            partials[i] = outputs
    return [
        _summary(article, article_chunks, " ".join(parts), local, settings, model.description)
        for article, article_chunks, parts in zip(articles, chunks, partials)
    ]


def _generate_grouped(model, groups: list[list[str]], settings: Settings) -> list[list[str]]:
    """One generate call over the texts of every group; outputs handed back per group."""
    flat = [text for group in groups for text in group]
    outputs = iter(model.generate(flat, max_batch_size=settings.batch_size))
    return [[next(outputs) for _ in group] for group in groups]


def _summary(
    article: Article, chunks: list[Chunk], text: str, local: LocalModel, settings: Settings, backend: str
) -> Summary:
    sources = tuple(i for c in chunks for i in c.sentence_indices)
    spans = split_sentences(text, article.language)
    sentences = [text[s:e] for s, e in spans][: max(settings.sentences, 1)] if spans else [text]
    # Chunking never drops a sentence, so this is 1.0 unless that ever changes; reported, not assumed.
    coverage = len(set(sources)) / len(article.sentences) if article.sentences else 1.0
    return Summary(
        language=article.language,
        sentences=tuple(SummarySentence(s, sources) for s in sentences if s.strip()),
        model=local.card.name,
        method="abstractive",
        coverage=coverage,
        chunks=len(chunks),
        backend=backend,
    )
