"""Markdown brief. Article text is escaped (Markdown viewers pass raw HTML through); the Arabic
section sits in a ``<div dir="rtl" lang="ar">`` so it reads right-to-left on GitHub and most viewers."""

from __future__ import annotations

import re

from ..records import Brief
from .common import brief_languages, claims_in_brief, language_label, mark, metadata_line

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def md_escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")).replace(
        "\\&lt;", "&lt;"
    ).replace("\\&gt;", "&gt;")


def render_markdown(brief: Brief) -> str:
    article = brief.article
    out: list[str] = [f"# {md_escape(article.title or 'Brief')}", ""]
    if article.standfirst:
        out += [f"*{md_escape(article.standfirst)}*", ""]
    out += [md_escape(metadata_line(brief)), ""]
    for language in brief_languages(brief):
        sentences = brief.sentences(language)
        missing = next((u for u in brief.unavailable if u.language == language), None)
        if sentences is None and missing is None:
            continue
        out += [f"## {language_label(language)}", ""]
        rtl = language == "ar"
        if rtl:
            out += ['<div dir="rtl" lang="ar">', ""]
        if sentences is not None:
            out += [f"{i}. {md_escape(s)}" for i, s in enumerate(sentences, 1)]
        else:
            pull = f" Run `{missing.pull_command}`." if missing.pull_command else ""
            out.append(f"> **Unavailable:** {md_escape(missing.reason)}.{pull}")
        if rtl:
            out += ["", "</div>"]
        out.append("")
    claims = claims_in_brief(brief)
    if claims:
        out += ["## Claims", "", "| claim | kind | in source | in English | in Arabic |", "|---|---|---|---|---|"]
        out += [
            f"| {md_escape(c.text)} | {c.kind} | {mark(c.in_source)} | {mark(c.in_en)} | {mark(c.in_ar)} |"
            for c in claims
        ]
        out.append("")
    out += ["## Models", ""]
    for model in brief.models:
        licence = model.licence + ("" if model.commercial_use else ", non-commercial") if model.licence else "?"
        revision = f" @ {model.revision}" if model.revision else ""
        out.append(f"- {model.role}: `{model.name}`{revision} ({licence})")
    out.append("")
    if brief.warnings:
        out += ["## Warnings", ""] + [f"- {md_escape(w)}" for w in brief.warnings] + [""]
    return "\n".join(out)
