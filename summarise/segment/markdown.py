"""Markdown to lines: markup removed, structure kept as hints, line numbers unchanged.

Headings become ``h1``/``h2`` hints (the first ``h1`` is the title), image alt text becomes an
``image`` line (a caption), links keep their words, emphasis and list markers go. Each output line
has the number of the input line it came from, so dropped-line reports point at the file.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .lines import Line, clean_line

_ATX = re.compile(r"^\s{0,3}(?P<marks>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_IMAGE_LINE = re.compile(r"^\s*!\[(?P<alt>[^\]]*)\]\([^)]*\)\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\([^)]*\)|\[(?P<ref>[^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>]+>")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^\s*>\s?")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_EMPHASIS = [
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),
    re.compile(r"__(?=\S)(.+?)(?<=\S)__"),
    re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),
    re.compile(r"`([^`]+)`"),
]
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
_FENCE = re.compile(r"^\s*(?:```|~~~)")


def looks_like_markdown(text: str) -> bool:
    """Markdown signals strong enough that a plain-text paste would not show them by accident."""
    head = text[:20000]
    headings = len(re.findall(r"(?m)^#{1,3} \S", head))
    links = len(re.findall(r"\]\((?:https?://|/)[^)]*\)", head))
    images = len(re.findall(r"!\[[^\]]*\]\(", head))
    return headings >= 1 and (links + images + headings) >= 2 or images >= 1 or links >= 3


def markdown_lines(text: str) -> list[Line]:
    raws = text.split("\n")
    lines: list[Line] = []
    in_fence = False
    for index, raw in enumerate(raws):
        if _FENCE.match(raw):
            in_fence = not in_fence
            lines.append(Line(index, "", raw, "rule"))
            continue
        if in_fence:
            lines.append(Line(index, clean_line(raw), raw, "code"))
            continue
        following = raws[index + 1] if index + 1 < len(raws) else ""
        line = _convert(index, raw, following, lines)
        lines.append(replace(line, links=_link_share(raw, line.text)) if line.text else line)
    return lines


def _link_share(raw: str, text: str) -> float:
    """Share of a line's visible characters (``text``, markup gone) that are the text of links ("[words](url)")."""
    total = len("".join(text.split()))
    linked = sum(
        len("".join((m.group("text") or m.group("ref") or "").split())) for m in _LINK.finditer(_IMAGE.sub(" ", raw))
    )
    return min(1.0, linked / total) if total else 0.0


def _convert(index: int, raw: str, following: str, previous: list[Line]) -> Line:
    if _SETEXT.match(raw) and previous and previous[-1].text and previous[-1].hint is None:
        # The underline of a setext heading: mark the line above as the heading.
        above = previous[-1]
        previous[-1] = replace(above, hint="h1" if raw.strip().startswith("=") else "h2")
        return Line(index, "", raw, "rule")
    if _RULE.match(raw):
        return Line(index, raw.strip(), raw, "rule")
    if _LINK_DEFINITION.match(raw):
        return Line(index, "", raw, "rule")
    image = _IMAGE_LINE.match(raw)
    if image:
        return Line(index, clean_line(_inline(image.group("alt"))), raw, "image")
    heading = _ATX.match(raw)
    if heading:
        level = len(heading.group("marks"))
        return Line(index, clean_line(_inline(heading.group("text"))), raw, "h1" if level == 1 else "h2")
    if _TABLE_ROW.match(raw):
        # A table of the article (trafilatura keeps them with include_tables): cells joined, one row a line.
        if _TABLE_RULE.match(raw):
            return Line(index, "", raw, "rule")
        cells = [clean_line(_inline(cell)) for cell in raw.strip().strip("|").split("|")]
        return Line(index, " | ".join(cell for cell in cells if cell), raw, "table")
    hint = None
    body = raw
    if _QUOTE.match(body):
        body, hint = _QUOTE.sub("", body), "quote"
    if _LIST.match(body):
        body, hint = _LIST.sub("", body), "list"
    return Line(index, clean_line(_inline(body)), raw, hint)


def _inline(text: str) -> str:
    text = _IMAGE.sub(" ", text)
    text = _LINK.sub(lambda m: m.group("text") or m.group("ref"), text)
    text = _AUTOLINK.sub(" ", text)
    text = _HTML_TAG.sub(" ", text)
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    return text.replace("\\", "") if "\\" in text else text
