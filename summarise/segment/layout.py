"""Which input lines are the article body, and what every other line is.

Pages pasted from news sites share one shape: a header (site name, section labels, headline, standfirst,
byline, date, share bar, photo and caption), the body (paragraphs, interrupted by promos, adverts,
captions and links to other stories) and a footer (related stories, newsletter and cookie notices,
comment form, copyright). ``classify`` finds the body's first paragraph, reads the header for metadata,
and sweeps the body for interruptions, recording a reason for every line it leaves out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import furniture as F
from .captions import caption_from_label, has_credit_suffix, is_alt_text, is_credit_only
from .dates import find_date, split_leading_timestamp
from .lines import (
    Line,
    ends_with_terminal,
    is_arabic,
    is_headline_like,
    is_prose,
    is_question,
    same_text,
    word_count,
)
from .metadata import bare_byline, parse_byline

# Lines that belong to an article's header: a prose line followed closely by one of these is a
# standfirst, not the first paragraph.
_HEADER_MARKERS = {
    F.DATE,
    F.BYLINE,
    F.DUPLICATED_BYLINE,
    F.LANGUAGE_TOGGLE,
    F.READING_TIME,
    F.NAVIGATION,
    F.EMAIL_HEADER,
}
_LOOKAHEAD = 4
# Section names that look like personal names to the byline test ("Middle East", "Tech News").
_SECTIONS = {
    "news",
    "world",
    "world news",
    "mena",
    "middle east",
    "uk",
    "us",
    "business",
    "politics",
    "sport",
    "sports",
    "opinion",
    "analysis",
    "comment",
    "culture",
    "tech",
    "technology",
    "science",
    "health",
    "environment",
    "europe",
    "asia",
    "africa",
    "americas",
    "gulf",
    "economy",
    "lifestyle",
    "travel",
    "entertainment",
    "video",
    "live",
    "breaking news",
    "latest news",
    "exclusive",
    "features",
    "arts",
    "education",
    "markets",
    "money",
    "weather",
    "أخبار",
    "اخبار",
    "العالم",
    "العالم العربي",
    "الشرق الأوسط",
    "الشرق الاوسط",
    "اقتصاد",
    "رياضة",
    "سياسة",
    "ثقافة",
    "ثقافة وفن",
    "فن",
    "منوعات",
    "صحة",
    "علوم",
    "تكنولوجيا",
    "رأي",
    "مقالات",
    "تحليل",
    "فيديو",
    "عاجل",
    "حصري",
    "محليات",
    "دوليات",
    "عربي",
    "عربي ودولي",
    "الخليج",
    "مصر",
    "السعودية",
}


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


def classify(lines: list[Line], known: Known | None = None) -> Layout:
    """Decide every line: furniture by its own words first, then header, body and footer by position.

    Text with no paragraph of prose at all (a note, a list) has no header to read: only the line rules
    apply to it.
    """
    known = known or Known()
    layout = Layout(lines, [None] * len(lines), [line.text for line in lines])
    dates: list[tuple[int, str]] = []
    _mark_furniture(layout, dates)
    start = _body_start(layout, known)
    if start is not None:
        _read_header(layout, known, start)
        _sweep_body(layout, start)
    _fill_metadata(layout, known, dates)
    return layout


def restore_structure(layout: Layout, structural: set[str]) -> None:
    """Give back to the body every line dropped only for its position (used when nothing else is left)."""
    for i, reason in enumerate(layout.reasons):
        if reason in structural:
            layout.reasons[i] = None
            if reason == F.TITLE and layout.title == layout.texts[i]:
                layout.title = None  # it is body text now, not also the headline
            if reason == F.STANDFIRST and layout.standfirst == layout.texts[i]:
                layout.standfirst = None


STRUCTURAL_REASONS = {
    F.TITLE,
    F.STANDFIRST,
    F.SECTION_LABEL,
    F.PAGE_HEADER,
    F.PAGE_FOOTER,
    F.RELATED,
    F.REPEATED_HEADLINE,
}


def _content(layout: Layout, start: int = 0) -> list[int]:
    return [i for i in range(start, len(layout.lines)) if layout.texts[i]]


def _mark_furniture(layout: Layout, dates: list[tuple[int, str]]) -> None:
    content = _content(layout)
    for i in content:
        text = layout.texts[i]
        reason = F.line_reason(text)
        if reason != F.DATE and (split := split_leading_timestamp(text, need_label=True)) is not None:
            # "date 2025-05-28 <caption>", "Updated Jul 7, 2012 6:40 PM ET <first paragraph>"
            stamp, iso, rest = split
            layout.split_off[i] = (stamp, F.DATE)
            layout.texts[i] = text = rest
            dates.append((i, iso))
            reason = F.line_reason(text)
        hint = layout.lines[i].hint
        if reason == F.DATE:
            found = find_date(text)
            if found:
                dates.append((i, found[0]))
        elif reason is None and hint == "image":
            reason = F.CAPTION
            layout.captions.append(text)
        elif reason is None and (label := caption_from_label(text)) is not None:
            reason = F.CAPTION
            layout.captions.append(label)
        elif reason is None and is_credit_only(text):
            reason = F.PHOTO_CREDIT
        elif reason is None and has_credit_suffix(text) and hint not in ("h1", "h2"):
            reason = F.CAPTION
            layout.captions.append(text)
        elif reason is None and word_count(text) <= 15 and (byline := parse_byline(text)) is not None:
            reason = F.BYLINE
            layout.authors += [a for a in byline[0] if a not in layout.authors]
            if byline[1]:
                dates.append((i, byline[1]))
        layout.reasons[i] = reason
    # A short line just before a credit is the caption the credit belongs to ("Jean Charest in 2010" /
    # "Image: US Mission Canada."); alt text such as "Flag of Quebec" is a caption wherever it stands.
    for position, i in enumerate(content):
        if layout.reasons[i] is not None:
            continue
        text = layout.texts[i]
        following = content[position + 1] if position + 1 < len(content) else None
        before_credit = following is not None and layout.reasons[following] == F.PHOTO_CREDIT
        if (before_credit and word_count(text) <= 30) or is_alt_text(text):
            layout.reasons[i] = F.CAPTION
            layout.captions.append(text)


def _body_start(layout: Layout, known: Known) -> int | None:
    """The first line of the body: a prose line not followed closely by header lines (byline, date ...)."""
    content = _content(layout)
    after = -1
    for i in content:  # the body never starts above the title
        if layout.reasons[i] is None and (
            layout.lines[i].hint == "h1" or (known.title and same_text(layout.texts[i], known.title))
        ):
            after = i
            break
    candidates = [
        position
        for position, i in enumerate(content)
        if i > after
        and layout.reasons[i] is None
        and is_prose(layout.texts[i])
        and layout.lines[i].hint not in ("h1", "h2")
    ]
    for number, position in enumerate(candidates):
        # Header lines right after it (before the next paragraph) make a prose line a standfirst.
        stop = candidates[number + 1] if number + 1 < len(candidates) else len(content)
        upcoming = content[position + 1 : min(stop, position + 1 + _LOOKAHEAD)]
        if not any(layout.reasons[j] in _HEADER_MARKERS or _is_bare_byline(layout, j) for j in upcoming):
            return content[position]
    return content[candidates[0]] if candidates else None


def _is_bare_byline(layout: Layout, i: int) -> bool:
    text = layout.texts[i]
    return (
        layout.reasons[i] is None
        and text.casefold() not in _SECTIONS
        and not is_arabic(text)
        and bare_byline(text) is not None
    )


def _is_source_line(text: str) -> bool:
    """ "سكاي نيوز عربية - أبوظبي", "Reuters | London": an outlet and a place, not a standfirst."""
    parts = [p for p in re.split(r"\s+[-–—|•]\s+", text) if p]
    return len(parts) >= 2 and all(word_count(p) <= 3 for p in parts)


def _read_header(layout: Layout, known: Known, start: int) -> None:
    header = [i for i in _content(layout) if i < start and layout.reasons[i] is None]
    title_at = _find_title(layout, known, header)
    # A page's meta description is often its standfirst; when it is not on the page, any line may be.
    wanted = (
        known.standfirst
        if known.standfirst and any(same_text(layout.texts[i], known.standfirst) for i in header)
        else None
    )
    for i in header:
        text = layout.texts[i]
        if title_at is None or i < title_at:
            layout.reasons[i] = F.SECTION_LABEL if word_count(text) <= 6 else F.PAGE_HEADER
            continue
        if i == title_at:
            layout.reasons[i] = F.TITLE
            layout.title = text
        elif same_text(text, layout.title or ""):
            layout.reasons[i] = F.REPEATED_HEADLINE
        elif any(same_text(text, author) for author in layout.authors):
            layout.reasons[i] = F.DUPLICATED_BYLINE
        elif text.casefold() not in _SECTIONS and (name := bare_byline(text)) is not None:
            layout.reasons[i] = F.DUPLICATED_BYLINE if name in layout.authors else F.BYLINE
            layout.authors.append(name)
        elif text.casefold() in _SECTIONS or word_count(text) <= 3:
            layout.reasons[i] = F.SECTION_LABEL
        elif _is_source_line(text):
            layout.reasons[i] = F.SOURCE_CREDIT
        elif layout.standfirst is None and (wanted is None or same_text(text, wanted)) and word_count(text) >= 5:
            layout.reasons[i] = F.STANDFIRST
            layout.standfirst = text
        else:
            layout.reasons[i] = F.PAGE_HEADER


def _find_title(layout: Layout, known: Known, header: list[int]) -> int | None:
    if known.title:
        for i in header:
            if same_text(layout.texts[i], known.title):
                return i
    for i in header:
        if layout.lines[i].hint == "h1":
            return i
    # Site names and menus sit above the page's navigation ("Skip to content", breadcrumbs); the headline
    # comes after it. Look there first, then anywhere in the header.
    last_navigation = max(
        (i for i in range(header[-1] + 1 if header else 0) if layout.reasons[i] == F.NAVIGATION), default=-1
    )
    for candidates in ([i for i in header if i > last_navigation], header):
        for minimum in (4, 2):
            for i in candidates:
                text = layout.texts[i]
                if word_count(text) >= minimum and not _is_bare_byline(layout, i) and text.casefold() not in _SECTIONS:
                    return i
    return None


def _sweep_body(layout: Layout, start: int) -> None:
    content = _content(layout, start)
    seen: set[str] = set()
    for i in content:  # repeated headlines and pasted-twice lines
        if layout.reasons[i] is not None:
            continue
        text = layout.texts[i]
        if layout.title and same_text(text, layout.title):
            layout.reasons[i] = F.REPEATED_HEADLINE
        elif text in seen and word_count(text) <= 40:
            layout.reasons[i] = F.DUPLICATE
        seen.add(text)
    _sweep_related_blocks(layout, content)
    _sweep_headlines(layout, content)
    _sweep_footer(layout, content)


def _sweep_related_blocks(layout: Layout, content: list[int]) -> None:
    """A "Related" / "اقرأ أيضا" / "Most read" heading takes the list of links under it along."""
    position = 0
    while position < len(content):
        i = content[position]
        if not F.is_related_heading(layout.texts[i]):
            position += 1
            continue
        layout.reasons[i] = F.RELATED
        position += 1
        while position < len(content):
            j = content[position]
            if layout.reasons[j] is None:
                text = layout.texts[j]
                # Story links are often questions ("What is a heat dome?"), so a question does not end the list.
                if is_prose(text) and not is_question(text) and not text[:1].isdigit():
                    break
                layout.reasons[j] = F.RELATED
            position += 1


def _sweep_headlines(layout: Layout, content: list[int]) -> None:
    """Links to other stories pasted inside the body, and the subheadings that look like them.

    A run of two or more headline-shaped lines is a block of related-story links (its last line is a
    subheading when it is short and prose follows). A single headline-shaped line is a subheading when
    it is short or a question, and a related-story link otherwise; English subheadings run longer, so
    the bar is higher there.
    """
    live = [i for i in content if layout.reasons[i] is None]
    runs: list[list[int]] = []
    for i in live:
        if is_headline_like(layout.texts[i]) and layout.lines[i].hint not in ("h2", "list", "quote", "code"):
            if runs and runs[-1][-1] == _previous(live, i):
                runs[-1].append(i)
            else:
                runs.append([i])
    for run in runs:
        texts = [layout.texts[i] for i in run]
        if len(run) >= 2 and any(not is_question(t) and word_count(t) >= 4 for t in texts):
            last, next_line = run[-1], _next(live, run[-1])
            short_last = word_count(texts[-1]) <= 4 or (is_question(texts[-1]) and word_count(texts[-1]) <= 6)
            keep_last = short_last and next_line is not None and is_prose(layout.texts[next_line])
            for i in run[:-1] if keep_last else run:
                layout.reasons[i] = F.RELATED
            if keep_last:
                layout.headings.add(last)
            continue
        for i, text in zip(run, texts):
            threshold = 6 if is_arabic(text) else 9
            if is_question(text) or word_count(text) < threshold:
                layout.headings.add(i)
            else:
                layout.reasons[i] = F.PROMO
    for i in live:
        if layout.reasons[i] is None and _is_heading(layout, i):
            layout.headings.add(i)


def _is_heading(layout: Layout, i: int) -> bool:
    line, text = layout.lines[i], layout.texts[i]
    if line.hint == "h2" or line.hint == "h1":
        return True
    if line.hint in ("list", "quote", "code") or not text or text[0].isdigit():
        return False
    if is_question(text):  # "What happens next?", "ما الحل؟" standing alone between paragraphs
        return word_count(text) <= 8
    return 1 <= word_count(text) <= 10 and not ends_with_terminal(text)


def _sweep_footer(layout: Layout, content: list[int]) -> None:
    """Short lines at the very end are page furniture: there is no text after them for them to head.

    Works back from the last line and stops at the first line that stays in the body.
    """
    for i in reversed(content):
        if layout.reasons[i] is not None:
            continue
        text = layout.texts[i]
        if is_prose(text) or ":" in text or ends_with_terminal(text) or text[-1] in '"”»’':
            return  # ends a sentence, a label or a quotation: article text
        if is_headline_like(text) and not is_question(text):
            layout.reasons[i] = F.RELATED
        elif word_count(text) <= 6 and not is_question(text):
            layout.reasons[i] = F.PAGE_FOOTER
        else:
            return
        layout.headings.discard(i)


def _previous(live: list[int], i: int) -> int | None:
    position = _position(live, i)
    return live[position - 1] if position > 0 else None


def _next(live: list[int], i: int) -> int | None:
    position = _position(live, i)
    return live[position + 1] if position + 1 < len(live) else None


def _position(live: list[int], i: int) -> int:
    from bisect import bisect_left

    return bisect_left(live, i)  # ``live`` is sorted


def _fill_metadata(layout: Layout, known: Known, dates: list[tuple[int, str]]) -> None:
    if known.title:
        layout.title = known.title
    if known.standfirst and not layout.standfirst:
        layout.standfirst = known.standfirst
    if known.authors:
        layout.authors = list(dict.fromkeys(list(known.authors) + layout.authors))
    layout.authors = list(dict.fromkeys(layout.authors))
    layout.captions = list(dict.fromkeys(list(known.captions) + layout.captions))
    if known.published:
        layout.published = known.published
    elif dates:
        layout.published = min(dates)[1]  # the first date on the page: "Published" comes before "Updated"
