"""Render a Brief as text for people or machines. Renderers load no model and escape article text."""

from __future__ import annotations

from ..records import Brief

FORMATS = ("md", "json", "text", "html")


def render(brief: Brief, fmt: str) -> str:
    if fmt == "json":
        from .json import render_json

        return render_json(brief)
    if fmt == "md":
        from .markdown import render_markdown

        return render_markdown(brief)
    if fmt == "text":
        from .text import render_text

        return render_text(brief)
    if fmt == "html":
        from .html import render_html

        return render_html(brief)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
