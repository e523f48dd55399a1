"""Summarisers: Article -> Summary in the article's language."""

from __future__ import annotations

from collections.abc import Sequence

from ..models.store import LocalModel
from ..records import Article, Summary
from ..settings import Settings


def summarise_article(article: Article, model: LocalModel, settings: Settings) -> Summary:
    if model.card.kind == "extractive":
        from .extractive import summarise_extractive

        return summarise_extractive(article, model, settings)
    from .abstractive import summarise_abstractive

    return summarise_abstractive(article, model, settings)


def summarise_many(articles: Sequence[Article], model: LocalModel, settings: Settings) -> list[Summary]:
    """Summaries of many articles with one model. Abstractive models batch generation across the
    articles; the extractive methods are cheap and run article by article."""
    if model.card.kind == "extractive":
        return [summarise_article(article, model, settings) for article in articles]
    from .abstractive import summarise_abstractive_many

    return summarise_abstractive_many(articles, model, settings)
