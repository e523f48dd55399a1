"""Summarisers: Article -> Summary in the article's language."""

from __future__ import annotations

from ..models.store import LocalModel
from ..records import Article, Summary
from ..settings import Settings


def summarise_article(article: Article, model: LocalModel, settings: Settings) -> Summary:
    if model.card.kind == "extractive":
        from .extractive import summarise_extractive

        return summarise_extractive(article, model, settings)
    from .abstractive import summarise_abstractive

    return summarise_abstractive(article, model, settings)
