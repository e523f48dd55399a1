"""Markdown brief. Article text is escaped the Markdown way, with backslashes, never with HTML entities
(a viewer shows ``en->ar`` and ``<stdin>`` as written, and so does the raw file): Markdown syntax
(a stray ``*`` or ``|`` would restyle the text or break the claim table), and a ``<`` that could open
raw HTML or an autolink (Markdown viewers pass raw HTML through) or an ``&`` that could start an
entity, so nothing in an article becomes markup; the Arabic section sits in a
``<div dir="rtl" lang="ar">`` so it reads right-to-left on GitHub and in most viewers. The blank lines
around the list inside the ``div`` matter: without them CommonMark treats the list as raw HTML."""

from __future__ import annotations

import re

from ..records import Brief
from .common import (
    claims_in_brief,
    clean,
    direction,
    language_label,
    mark,
    metadata_line,
    panels,
    source_sentence,
    speaker_note,
    status_mark,
    unavailable_notice,
)

_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~!])")
# "<" before a letter, "/", "!" or "?" could open an HTML tag, comment or autolink; "&" before
# "name;" or "#123;" would be read as an entity. A backslash makes each a literal character.
_MARKUP_START = re.compile(r"<(?=[A-Za-z/!?])|&(?=#?\w+;)")
# Text that would start a block (list item, quote, setext rule) when it opens a line. An ordered-list
# marker is escaped at its "." or ")": a backslash before a digit is no escape and would show.
_LINE_START = re.compile(r"^(?:(?P<mark>[-+>=])|(?P<number>\d{1,9})(?P<end>[.)])(?=\s|$))")


def md_escape(text: str | None) -> str:
    """Article text as inert Markdown: one line, Markdown syntax and would-be HTML backslashed."""
    text = _MARKUP_START.sub(r"\\\g<0>", _SPECIAL.sub(r"\\\1", clean(text)))
    return _LINE_START.sub(_escape_block_start, text)


def _escape_block_start(match: re.Match[str]) -> str:
    if match.group("mark"):
        return "\\" + match.group("mark")
    return f"{match.group('number')}\\{match.group('end')}"


def render_markdown(brief: Brief) -> str:
    article = brief.article
    out: list[str] = [f"# {md_escape(article.title) or 'Brief'}", ""]
    if article.standfirst:
        out += [f"*{md_escape(article.standfirst)}*", ""]
    out += [md_escape(metadata_line(brief)), ""]
    for panel in panels(brief):
        language, sentences, missing = panel.language, panel.sentences, panel.missing
        out += [f"## {language_label(language)}", ""]
        rtl = direction(language) == "rtl"
        english_notice, arabic_notice = unavailable_notice(missing) if missing else ("", "")
        if missing and sentences is None:
            out += [f"> **Unavailable:** {_with_code(english_notice)}", ""]
        if rtl:
            out += [f'<div dir="rtl" lang="{language}">', ""]
        if sentences is not None:
            out += [f"{i}. {md_escape(s)}" for i, s in enumerate(sentences, 1)]
        elif language == "ar":
            out.append(f"> **غير متاح:** {_with_code(arabic_notice, marker='الأمر: ')}")
        if rtl:
            out += ["", "</div>"]
        out.append("")
    claims = claims_in_brief(brief)
    if claims:
        out += [
            "## Claims",
            "",
            "| claim | kind | in the article | in English | in Arabic | article sentence |",
            "|---|---|---|---|---|---|",
        ]
        for claim in claims:
            sentence = source_sentence(brief, claim)
            where = str(sentence.index + 1) if sentence else "–"
            out.append(
                f"| {md_escape(claim.text + speaker_note(claim))} | {claim.kind} | {mark(claim.in_source)} | "
                f"{md_escape(status_mark(claim, 'en'))} | {md_escape(status_mark(claim, 'ar'))} | {where} |"
            )
        out.append("")
    out += ["## Models", ""]
    for model in brief.models:
        licence = md_escape(model.licence) if model.licence else "licence unknown"
        if not model.commercial_use:
            licence += ", **non-commercial use only**"
        revision = f" @ {md_escape(model.revision)}" if model.revision else ""
        ran = f", ran on {md_escape(model.backend)}" if model.backend else ""
        out.append(f"- {model.role}: `{model.name}`{revision} ({licence}{ran})")
    out.append("")
    warnings = [_with_code(w) for w in brief.warnings]  # the claim checker's repairs are among them
    if warnings:
        out += ["## Warnings", ""] + [f"- {w}" for w in warnings] + [""]
    return "\n".join(out)


def _with_code(notice: str, marker: str | None = None) -> str:
    """A notice escaped, with its shell command (in backticks, or after ``marker``) as inline code."""
    if "`" in notice:
        head, _, rest = notice.partition("`")
        command, _, tail = rest.partition("`")
        return f"{md_escape(head)} `{command}` {md_escape(tail)}".strip()
    if marker and marker in notice:
        head, _, command = notice.partition(marker)
        return f"{md_escape(head + marker)} `{command}`"
    return md_escape(notice)
