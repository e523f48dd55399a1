"""Helpers shared by the renderers."""

from __future__ import annotations

from ..records import Brief, Claim

LANGUAGE_NAMES = {"en": ("English", "English"), "ar": ("Arabic", "العربية"), "fr": ("French", "Français")}


def language_label(code: str) -> str:
    english, native = LANGUAGE_NAMES.get(code, (code, code))
    return english if english == native else f"{english} ({native})"


def brief_languages(brief: Brief) -> list[str]:
    """The brief's languages in display order: English, Arabic, then any other."""
    languages = ["en", "ar"]
    for language in [brief.summary.language, *(t.target_language for t in brief.translations)]:
        if language not in languages:
            languages.append(language)
    return languages


def mark(value: bool | None) -> str:
    return {True: "yes", False: "NO", None: "–"}[value]


def claims_in_brief(brief: Brief) -> list[Claim]:
    """The claims worth a reader's eye: those that reached the brief, plus unsupported ones."""
    return [c for c in brief.claims if not c.in_source or c.in_en or c.in_ar]


def metadata_line(brief: Brief) -> str:
    article = brief.article
    parts = [p for p in (", ".join(article.authors), article.published, f"language: {article.language}", article.path) if p]
    return " · ".join(parts)
