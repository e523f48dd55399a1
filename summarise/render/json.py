"""The JSON contract (schema ``summarise.brief/1``) that other tools rely on. Add fields; never remove."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ..records import Article, Brief

SCHEMA = "summarise.brief/1"


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    article = brief.article
    languages = dict.fromkeys(["en", "ar", brief.summary.language, *(t.target_language for t in brief.translations)])
    summary = brief.summary
    return {
        "schema": SCHEMA,
        "source": {**article_metadata(article), "sentences": len(article.sentences)},
        "summary": {language: _list_or_none(brief.sentences(language)) for language in languages},
        "summary_details": {
            "language": summary.language,
            "model": summary.model,
            "method": summary.method,
            "coverage": round(summary.coverage, 4),
            "chunks": summary.chunks,
            "source_sentences": [list(s.sources) for s in summary.sentences],
            "repairs": list(summary.repairs),
        },
        "translations": [
            {"source_language": t.source_language, "target_language": t.target_language, "model": t.model}
            for t in brief.translations
        ],
        "unavailable": [dataclasses.asdict(u) for u in brief.unavailable],
        "claims": [dataclasses.asdict(c) for c in brief.claims],
        "models": {m.role: {k: v for k, v in dataclasses.asdict(m).items() if k != "role"} for m in brief.models},
        "warnings": list(brief.warnings),
    }


def article_metadata(article: Article) -> dict[str, Any]:
    """The article's provenance and metadata, as every JSON output (brief, segment, batch) shows it."""
    return {
        "path": article.path,
        "title": article.title,
        "standfirst": article.standfirst,
        "authors": list(article.authors),
        "published": article.published,
        "language": article.language,
        "language_score": round(article.language_score, 4) if article.language_score is not None else None,
        "dateline": article.dateline,
        "captions": list(article.captions),
        "encoding": article.encoding,
        "input_format": article.input_format,
    }


def render_json(brief: Brief) -> str:
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=2) + "\n"


def _list_or_none(sentences: tuple[str, ...] | None) -> list[str] | None:
    return None if sentences is None else list(sentences)
