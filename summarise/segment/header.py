"""The header above the body's first paragraph: where the body starts, and what each header line is."""

from __future__ import annotations

import re
from collections import Counter

from . import furniture as F
from .lines import (
    LIST_MARKS,
    bullet_mark,
    is_arabic,
    is_headline_like,
    is_prose,
    is_question,
    page_is_arabic,
    same_text,
    squash,
    starts_as_continuation,
    word_count,
)
from .dates import find_date, words_beside_date
from .metadata import bare_byline
from .verdict import Known, Layout

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
    F.TEASER,  # a headline and its teaser below: the prose above them is a blurb, the story starts lower
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


def body_start(layout: Layout, known: Known) -> int | None:
    """The first line of the body: a prose line not followed closely by header lines (byline, date ...)."""
    content = layout.content()
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
    if len(candidates) >= 2 and candidates[0] == 0 and _is_headline_question(layout.texts[content[0]]):
        candidates = candidates[1:]  # a page that opens on a short question opens on its headline
    for number, position in enumerate(candidates):
        # Header lines right after it (before the next paragraph) make a prose line a standfirst.
        # A headline-shaped line ("... were robbed!") is no paragraph: the header may run on below it.
        later = [p for p in candidates[number + 1 :] if not is_headline_like(layout.texts[content[p]])]
        stop = later[0] if later else len(content)
        upcoming = content[position + 1 : min(stop, position + 1 + _LOOKAHEAD)]
        # A subheading opens a section of the body: a date under it is in a timeline or a table, not the header.
        upcoming = upcoming[: next((k for k, j in enumerate(upcoming) if _subheading(layout, j)), len(upcoming))]
        if not any(layout.reasons[j] in _HEADER_MARKERS or _is_bare_byline(layout, j) for j in upcoming):
            return content[position]
    return content[candidates[0]] if candidates else None


def _subheading(layout: Layout, i: int) -> bool:
    return layout.lines[i].hint == "h2" and layout.reasons[i] is None


def _is_headline_question(text: str) -> bool:
    return is_question(text) and word_count(text) <= 16 and not starts_as_continuation(text)


def _is_bare_byline(layout: Layout, i: int) -> bool:
    text = layout.texts[i]
    return (
        layout.reasons[i] is None
        and not layout.in_own_list(i)
        and text.casefold() not in _SECTIONS
        and not is_arabic(text)
        and bare_byline(text) is not None
    )


def _is_source_line(text: str) -> bool:
    """ "سكاي نيوز عربية - أبوظبي", "Reuters | London": an outlet and a place, not a standfirst."""
    parts = [p for p in re.split(r"\s+[-–—|•]\s+", text) if p]
    return len(parts) >= 2 and all(word_count(p) <= 3 for p in parts)


def read_header(layout: Layout, known: Known, start: int) -> None:
    """Name every undecided line above ``start``: section label, title, byline, standfirst, source, header."""
    header = [i for i in layout.content() if i < start and layout.reasons[i] is None]
    title_at = _find_title(layout, known, header)
    # A page's meta description is often its standfirst; when it is not on the page, any line may be.
    wanted = (
        known.standfirst
        if known.standfirst and any(same_text(layout.texts[i], known.standfirst) for i in header)
        else None
    )
    lead_list = _list_above(layout, start)
    highlights = _highlights_above(layout, start)
    for i in header:
        text = layout.texts[i]
        if title_at is None or i < title_at:
            layout.reasons[i] = F.SECTION_LABEL if word_count(text) <= 6 else F.PAGE_HEADER
            continue
        if i > title_at and i in lead_list:
            continue  # the article's own summary points, right above its first paragraph: body
        if i > title_at and _live_entry_heading(layout, i, start):
            layout.headings.add(i)
            continue  # a live blog's first entry: its time stamp, its heading, then its text
        if i == title_at:
            layout.reasons[i] = F.TITLE
            layout.title = text
        elif i > title_at and i in highlights and layout.standfirst is None:
            layout.reasons[i] = F.STANDFIRST
            if i == highlights[-1]:
                layout.standfirst = " • ".join(layout.texts[j].lstrip(LIST_MARKS + " ") for j in highlights if j > title_at)
        elif same_text(text, layout.title or ""):
            layout.reasons[i] = F.REPEATED_HEADLINE
        elif any(same_text(text, author) for author in layout.authors):
            layout.reasons[i] = F.DUPLICATED_BYLINE
        elif _SALUTATION.match(text):
            continue  # "Dear Reader," opens the letter that follows: body
        elif text.casefold() not in _SECTIONS and not is_arabic(text) and (name := bare_byline(text)) is not None:
            # Arabic has no capitals to tell a bare name from a label ("مواعيد الصلاة"), so only a line with
            # a marker (بقلم، كتب) or a repeat of a known author gives an Arabic author.
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


def _live_entry_heading(layout: Layout, i: int, start: int) -> bool:
    """A short heading right above the body's first paragraph and right under a time stamp ("10:32" /
    "Council confirms closure"): the first entry of a live blog, whose heading belongs to the text."""
    content = layout.content()
    position = content.index(i)
    if position == 0 or position + 1 >= len(content) or content[position + 1] != start:
        return False
    stamp = layout.texts[content[position - 1]]
    return (
        layout.reasons[content[position - 1]] == F.DATE
        and find_date(stamp) is None  # a time of day, no calendar date: an entry's stamp, not the page's date
        and 1 <= word_count(layout.texts[i]) <= 10
        and not layout.texts[i].rstrip().endswith((".", ":"))
    )


def _list_above(layout: Layout, start: int) -> set[int]:
    """The lines of a list or table in the page's own words that runs down to the body's first paragraph
    ("Five candidates are standing" / "Polls open at 7am" above the story, a results table under the
    headline): the article's, not header furniture. A menu there is a list of links; plain text has no
    list or table markup (``_highlights_above`` reads its bullets)."""
    above = [i for i in layout.content() if i < start]
    run: set[int] = set()
    for i in reversed(above):
        own_row = layout.lines[i].hint == "table" and layout.lines[i].own_text
        if not (layout.in_own_list(i) or own_row) or layout.reasons[i] is not None:
            break
        run.add(i)
    return run if len(run) >= 2 else set()


def _highlights_above(layout: Layout, start: int) -> list[int]:
    """In plain text, two or more lines on the same bullet, each a sentence's worth of words, that run down
    to the body's first paragraph: the story's highlights, its standfirst in points (a menu's items are a
    word or two)."""
    run: list[int] = []
    for i in reversed([i for i in layout.content() if i < start]):
        line = layout.lines[i]
        if (line.links is not None or layout.reasons[i] is not None or word_count(line.text) < 4
                or not bullet_mark(line) or (run and bullet_mark(line) != bullet_mark(layout.lines[run[0]]))):
            break
        run.insert(0, i)
    return run if len(run) >= 2 else []


_SALUTATION = re.compile(r"^(?:dear|hi|hello)\s+[^,]{1,40},$|^(?:عزيزي|عزيزتي|أعزائي|اعزائي)\s+\S", re.IGNORECASE)
# Shapes a headline never has: a breadcrumb or label glued to text ("Current:Home > Finance..."), a list
# item ("1. National"), a bullet.
_NOT_A_HEADLINE = re.compile(r"\s[>›»]\s|^\w+:\S|^\s*(?:\d{1,2}[.)]|[•·▪*-])\s")


def _doubled(text: str) -> bool:
    """The same words twice over, glued ("أخبار الإمارات اليومأخبار الإمارات اليوم"): a logo's image text and
    its caption, the site's name, never a headline."""
    letters = "".join(text.split())
    half = len(letters) // 2
    return len(letters) >= 6 and len(letters) % 2 == 0 and letters[:half] == letters[half:]


def _find_title(layout: Layout, known: Known, header: list[int]) -> int | None:
    if known.title:
        for i in header:
            if same_text(layout.texts[i], known.title):
                return i
    for i in header:
        if layout.lines[i].hint == "h1" and not _is_date_label(layout.texts[i]):
            return i
    scored = _title_by_evidence(layout, header)
    if scored is not None:
        return scored
    # Site names and menus sit above the page's navigation ("Skip to content", breadcrumbs); the headline
    # comes after it. Look there first, then anywhere in the header.
    last_navigation = max(
        (i for i in range(header[-1] + 1 if header else 0) if layout.reasons[i] == F.NAVIGATION), default=-1
    )
    for candidates in ([i for i in header if i > last_navigation], header):
        for minimum in (4, 2):
            for i in candidates:
                text = layout.texts[i]
                if (word_count(text) >= minimum and not _is_bare_byline(layout, i) and text.casefold() not in _SECTIONS
                        and not _is_date_label(text) and not _doubled(text)):
                    return i
    return None


def _is_date_label(text: str) -> bool:
    """A header line that is a date with a label ("General News of Saturday, 23 September 2017"): a full
    date, at most three words besides it and no sentence end. No headline, though it comes first."""
    beside = words_beside_date(text)
    return beside is not None and beside <= 3 and not text.rstrip().endswith((".", "!", "?", "؟"))


def _is_tab_title_of(other: str, text: str) -> bool:
    """Whether ``other`` is "<site>: <text>" (or with "|", "-", "–"): a page title that ends with ``text``."""
    if len(other) <= len(text) + 2 or not other.endswith(text):
        return False
    return other[: -len(text)].rstrip().endswith((":", "|", "-", "–", "—"))


def _over_teaser(layout: Layout, content: list[int], i: int) -> bool:
    following = content.index(i) + 1
    return following < len(content) and layout.reasons[content[following]] == F.TEASER


def _title_by_evidence(layout: Layout, header: list[int]) -> int | None:
    """The header line that most looks like the headline, when the page gives evidence beyond position.

    Evidence: the page prints it more than once (tab title, headline, share text), another header line
    holds it (a breadcrumb with it inside) or its teaser, cut off with "...", stands under it; against: a script other than the page's (an English app-store
    link on an Arabic page), a breadcrumb, label or list-item shape, the full stop of a sentence. Returns
    None when no line has any such evidence, so position decides as before.
    """
    content = layout.content()
    page_arabic = page_is_arabic([layout.texts[i] for i in content])
    repeats = Counter(squash(layout.texts[i]) for i in content if word_count(layout.texts[i]) <= 30)  # headline-sized
    squashed = {i: squash(layout.texts[i]) for i in header}
    scores: dict[int, int] = {}
    evidence = False
    for i in header:
        text = layout.texts[i]
        tab_tail = word_count(text) >= 2 and any(j != i and _is_tab_title_of(layout.texts[j], text) for j in header)
        if not tab_tail and (word_count(text) < 2 or text.casefold() in _SECTIONS or _is_bare_byline(layout, i)):
            continue
        own = squashed[i]
        score = 0
        # Site names repeat too ("Sky News Arabia" over "Sky News Arabia - Abu Dhabi"), but in three words or fewer.
        # A sentence printed twice is a standfirst repeated above the body, not a headline.
        sentence = text.rstrip().endswith(".")
        if (
            word_count(text) >= 4
            and not sentence
            and (repeats[own] > 1 or any(j != i and own in other for j, other in squashed.items()))
        ):
            score += 3
        elif tab_tail:
            score += 3  # "HolyCoast: Photo Finish" over "Photo Finish": the tab title names the site, then the headline
        elif word_count(text) >= 4 and _over_teaser(layout, content, i):
            score += 3  # the story's opening, cut short with "...", sits under its headline
        if is_arabic(text) != page_arabic:
            score -= 3
        if _NOT_A_HEADLINE.search(text) or _doubled(text):
            score -= 3
        if text.rstrip().endswith((".", "!")) and word_count(text) >= 6:
            score -= 1
        evidence = evidence or score != 0
        if word_count(text) >= 4:
            score += 1
        scores[i] = score
    if not evidence:
        return None  # nothing beyond length: the positional rule decides
    best = max(scores.values())
    return next(i for i in header if scores.get(i) == best) if best > 0 else None
