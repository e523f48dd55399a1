"""The verdict on a page's lines (``Layout``) and the metadata the input already gave (``Known``).

Its own module so that ``layout`` (which runs the passes) and ``header`` / ``sweep`` (the passes) all
import it, and none of them imports another in a circle.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lines import Line


@dataclass
class Known:
    """Metadata the input already gave (HTML <meta>, a Markdown title, a batch record)."""

    title: str | None = None
    standfirst: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    captions: tuple[str, ...] = ()


@dataclass
class Layout:
    """The verdict on every line: ``reasons[i]`` is None for body lines."""

    lines: list[Line]
    reasons: list[str | None]
    texts: list[str]  # the line's text after a leading timestamp was split off
    split_off: dict[int, tuple[str, str]] = field(default_factory=dict)  # line -> (text, reason) removed from it
    headings: set[int] = field(default_factory=set)
    title: str | None = None
    standfirst: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    captions: list[str] = field(default_factory=list)

    def body_indices(self) -> list[int]:
        return [i for i, line in enumerate(self.lines) if line.text and self.reasons[i] is None]

    def in_own_list(self, i: int) -> bool:
        """An item of a list of two or more in the page's own words (not link text): "John Smith, Labour"
        there is one of the people the article lists, not its byline (author lists link to author pages)."""
        if not self.lines[i].own_list_item:
            return False
        neighbours = [j for j in (self.next_content(i, -1), self.next_content(i, 1)) if j is not None]
        return any(self.lines[j].hint == "list" for j in neighbours)

    def next_content(self, i: int, step: int) -> int | None:
        """The nearest non-empty line before (``step`` -1) or after (+1) line ``i``."""
        j = i + step
        while 0 <= j < len(self.lines):
            if self.texts[j]:
                return j
            j += step
        return None

    def content(self, start: int = 0) -> list[int]:
        """Indices of the non-empty lines from ``start`` on."""
        return [i for i in range(start, len(self.lines)) if self.texts[i]]
