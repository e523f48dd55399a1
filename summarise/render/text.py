"""Plain-text brief for terminals and pipes."""

from __future__ import annotations

from ..records import Brief
from .common import brief_languages, claims_in_brief, language_label, mark, metadata_line


def render_text(brief: Brief) -> str:
    article = brief.article
    out = [article.title or "Brief"]
    if article.standfirst:
        out.append(article.standfirst)
    out += [metadata_line(brief), ""]
    for language in brief_languages(brief):
        sentences = brief.sentences(language)
        missing = next((u for u in brief.unavailable if u.language == language), None)
        if sentences is None and missing is None:
            continue
        out.append(f"{language_label(language)}:")
        if sentences is not None:
            out += [f"  {i}. {s}" for i, s in enumerate(sentences, 1)]
        else:
            pull = f" (run: {missing.pull_command})" if missing.pull_command else ""
            out.append(f"  UNAVAILABLE: {missing.reason}{pull}")
        out.append("")
    claims = claims_in_brief(brief)
    if claims:
        out.append("Claims (source / English / Arabic):")
        out += [f"  [{c.kind}] {c.text}: {mark(c.in_source)} / {mark(c.in_en)} / {mark(c.in_ar)}" for c in claims]
        out.append("")
    out.append("Models: " + "; ".join(f"{m.role}={m.name} ({m.licence})" for m in brief.models))
    if brief.warnings:
        out += ["", "Warnings:"] + [f"  - {w}" for w in brief.warnings]
    return "\n".join(out) + "\n"
