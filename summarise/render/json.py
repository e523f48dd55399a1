"""The JSON contract (schema ``summarise.brief/2``) that other tools rely on. Add fields; never remove.

Counting, the same in every JSON output of the tool: indexes and character offsets start at 0 (as the
Python API's do), and a field holding a sentence index says so in its name (``sentence_index``,
``brief_sentence_index``, ``source_sentence_indexes``). Text, Markdown and HTML number sentences for
people, from 1. Schema 1 had the same 0-based values under ``sentence``, ``brief_sentence`` and
``source_sentences``, which read like the 1-based numbers of the other formats.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ..records import Article, Brief, Claim

SCHEMA = "summarise.brief/2"


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
            "source_sentence_indexes": [list(s.sources) for s in summary.sentences],
            "repairs": list(summary.repairs),
        },
        "translations": [
            {"source_language": t.source_language, "target_language": t.target_language, "model": t.model}
            for t in brief.translations
        ],
        "unavailable": [dataclasses.asdict(u) for u in brief.unavailable],
        "claims": [claim_to_dict(c) for c in brief.claims],
        "models": {m.role: {k: v for k, v in dataclasses.asdict(m).items() if k != "role"} for m in brief.models},
        "warnings": list(brief.warnings),
    }


# Claim fields holding 0-based sentence indexes, and their JSON names.
_INDEX_FIELDS = {"sentence": "sentence_index", "brief_sentence": "brief_sentence_index"}


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """A claim as JSON: its fields, the sentence indexes named as such. ``brief_spans`` stays a list of
    ``[brief sentence index, start, end]``. ``status``: per language, what ``Claim.status`` says ("stated",
    "not in brief", "contradicted", "dropped in translation", or null: not checked)."""
    fields = {_INDEX_FIELDS.get(key, key): value for key, value in dataclasses.asdict(claim).items()}
    return {**fields, "status": {language: claim.status(language) for language in ("en", "ar")}}


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
