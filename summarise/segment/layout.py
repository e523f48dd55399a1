"""Which input lines are the article body, and what every other line is.

Pages pasted from news sites share one shape: a header (site name, section labels, headline, standfirst,
byline, date, share bar, photo and caption), the body (paragraphs, interrupted by promos, adverts,
captions and links to other stories) and a footer (related stories, newsletter and cookie notices,
comment form, copyright). ``classify`` finds the body's first paragraph, reads the header for metadata,
and sweeps the body for interruptions, recording a reason for every line it leaves out.

This module holds the first pass that judges each line by its own words and the metadata merge; the
verdict itself (``Layout``, ``Known``) lives in ``verdict``, and the positional passes in ``header``
(above the body's first paragraph) and ``sweep`` (from it on). Imports run one way:
layout -> header, sweep, blocks, repeats -> verdict (sweep also uses blocks and repeats).
"""

from __future__ import annotations

import re

from . import furniture as F
from .blocks import settle_blocks
from .captions import caption_from_label, has_credit_suffix, is_alt_text, is_bare_credit_label, is_credit_only
from .dates import find_date, split_leading_timestamp
from .header import body_start, read_header
from .lines import Line, is_headline_like, page_is_arabic, word_count
from .widgets import cut_copy_of, tagline_of, teaser_cut
from .metadata import parse_byline, split_names
from .repeats import settle_repeats
from .sweep import sweep_body
from .verdict import Known, Layout

__all__ = ["STRUCTURAL_REASONS", "Known", "Layout", "classify", "restore_structure"]


def classify(lines: list[Line], known: Known | None = None) -> Layout:
    """Decide every line: furniture by its own words first, then header, body and footer by position.

    Text with no paragraph of prose at all (a note, a list) has no header to read: only the line rules
    apply to it.
    """
    known = known or Known()
    layout = Layout(lines, [None] * len(lines), [line.text for line in lines])
    dates: list[tuple[int, str]] = []
    _mark_furniture(layout, dates)
    start = body_start(layout, known)
    if start is not None:
        _restore_kind_labelled_headline(layout, start)
        read_header(layout, known, start)
        pending = sweep_body(layout, start)
        # Once the line passes are done: repeats by their neighbours, then tables and lists as blocks (a
        # repeated label above a table must not announce it as the article's).
        settle_repeats(layout, pending)
        restored = settle_blocks(layout)
        dates = [(i, iso) for i, iso in dates if i not in restored]  # a timeline's dates are not the page's
    _fill_metadata(layout, known, dates)
    return layout


def _restore_kind_labelled_headline(layout: Layout, start: int) -> None:
    """Give the header back its headline when a kind label ("Live: ...") made it look like a promo."""
    for i in layout.content():
        if i >= start:
            return
        if layout.reasons[i] is None and word_count(layout.texts[i]) >= 4:
            return  # a headline-sized line came first: the labelled one is not the headline
        if layout.reasons[i] == F.PROMO and word_count(layout.texts[i]) >= 5 and F.KIND_LABEL.match(layout.texts[i]):
            layout.reasons[i] = None
            return


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


def _mark_furniture(layout: Layout, dates: list[tuple[int, str]]) -> None:
    content = layout.content()
    # A date line with no words of its own ("9/8/2025") is read the way the page's language writes dates.
    day_first = page_is_arabic([layout.texts[i] for i in content])
    for i in content:
        text = layout.texts[i]
        if layout.lines[i].hint == "table":
            continue  # a row of the article's own table: "Bank wall | £4.1m" is data, not a menu
        reason = F.line_reason(text)
        if reason != F.DATE and (split := split_leading_timestamp(text, need_label=True)) is not None:
            # "date 2025-05-28 <caption>", "Updated Jul 7, 2012 6:40 PM ET <first paragraph>"
            stamp, iso, rest = split
            layout.split_off[i] = (stamp, F.DATE)
            layout.texts[i] = text = rest
            dates.append((i, iso))
            reason = F.line_reason(text)
        if reason is None and (tail := _READING_TIME_TAIL.search(text)):
            # "Meta to cut 13% of staff1 min read . 07:08 PM IST": a headline with the page's reading time
            # (and its time stamp) glued on, no space between (a sentence's "only a 5 min read." stays)
            before = layout.split_off.get(i)
            layout.split_off[i] = (f"{before[0]} {tail.group(0).strip()}", before[1]) if before else \
                (tail.group(0).strip(), F.READING_TIME)
            layout.texts[i] = text = text[:tail.start()].rstrip()
            reason = F.line_reason(text)
        hint = layout.lines[i].hint
        if reason is None and word_count(text) <= 12 and (_POSTED_LINE.match(text) and find_date(text) or _filed_on_date(text)):
            reason = F.DATE  # a blog's "Posted on July 6, 2017 by in POLICE": the date with author/category slots
        if reason == F.DATE and word_count(text) <= 15 and parse_byline(text) is not None:
            reason = None  # "By Jane Okafor, 12 March 2025": a byline that ends in its date, read as one below
        if reason in (F.DATE, F.EMAIL_HEADER):  # "Date:2025-04-11 06:24:00" reads as an e-mail header
            found = find_date(text, day_first=day_first if not any(c.isalpha() for c in text) else None)
            if found:
                dates.append((i, found[0]))
        elif reason == F.ADVERT and hint in ("h1", "h2") and F.is_ad_slot_label(text):
            reason = None  # "Background" marked up as a heading heads a section: no empty ad slot
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
        elif (
            reason is None
            and word_count(text) <= 15
            and not layout.in_own_list(i)
            and (byline := parse_byline(text)) is not None
        ):
            reason = F.BYLINE
            layout.authors += [a for a in byline[0] if a not in layout.authors]
            if byline[1]:
                dates.append((i, byline[1]))
        elif reason == F.BYLINE and (reporters := F.REPORTS.match(text)):
            names = split_names(reporters.group("names") or reporters.group("pair"))
            layout.authors += [a for a in names if a not in layout.authors]
        layout.reasons[i] = reason
    # A short line just before a credit is the caption the credit belongs to ("Jean Charest in 2010" /
    # "Image: US Mission Canada."); alt text such as "Flag of Quebec" is a caption wherever it stands.
    page = [layout.texts[j] for j in content]  # what a cut copy may copy (read once: every line asks)
    for position, i in enumerate(content):
        if layout.reasons[i] is not None:
            continue
        text = layout.texts[i]
        following = content[position + 1] if position + 1 < len(content) else None
        before_credit = (following is not None and layout.reasons[following] == F.PHOTO_CREDIT
                         and not is_bare_credit_label(layout.texts[following]))
        if before_credit and _labelled_caption_after(layout, content, position + 1):
            # "Image copyright X" then "Image caption ...": the credit's caption is the labelled line
            # under it, so the line above the credit is the article's text.
            before_credit = False
        if (before_credit and word_count(text) <= 30) or is_alt_text(text):
            layout.reasons[i] = F.CAPTION
            layout.captions.append(text)
        elif _is_teaser(layout, content, position, page):
            layout.reasons[i] = F.TEASER
        elif (
            position
            and layout.reasons[content[position - 1]] in _WIDGET_REASONS
            and tagline_of(text, layout.texts[content[position - 1]])
        ):
            layout.reasons[i] = layout.reasons[content[position - 1]]  # the widget's tagline, under its prompt


# A prompt whose tagline may follow it on the next line: a newsletter's sign-up box. A page notice has none
# (the next line is the story's: "Please stay at home ..." / "Latest flood warnings by region").
_WIDGET_REASONS = {F.SUBSCRIBE}


def _labelled_caption_after(layout: Layout, content: list[int], position: int) -> bool:
    following = content[position + 1] if position + 1 < len(content) else None
    return following is not None and caption_from_label(layout.texts[following]) is not None


# The line rules' reason for another story's headline ("Live: ...", "Watch: ..."): a teaser under one is that
# story's opening. (The teaser test runs before the positional passes give TITLE, RELATED and so on.)
_HEADLINE_REASONS = {F.PROMO}


def _is_teaser(layout: Layout, content: list[int], position: int, page: list[str]) -> bool:
    """A story's opening cut off by the site with an ellipsis, right under a headline (a list of stories,
    or the page's own headline and teaser), or a cut copy of another line on the page. A paragraph that
    trails off in "..." elsewhere is the author's (or the paste's) and stays. ``page``: the texts of
    ``content``."""
    i = content[position]
    text = layout.texts[i]
    if word_count(text) > 40:
        return False
    if cut_copy_of(text, page):
        return True
    if not teaser_cut(text):
        return False
    # Inside the body one cut line under a headline-shaped line is as likely a paragraph trailing off under a
    # subheading ("What happens when the water finally goes down" / "Nobody here knows yet..."): there it
    # takes a list of stories, the pattern headline then cut opening repeated. Above the body (no more than
    # a site blurb or a standfirst before it: a body has paragraphs) it is the page's own headline and teaser.
    above = _headline_above(layout, content, position)
    if above is None:
        return False
    if sum(_is_paragraph(layout, j) for j in content if j < above) < 2:
        return True
    return sum(teaser_cut(layout.texts[content[p]]) and _headline_above(layout, content, p) is not None for p in range(len(content))) >= 2


def _is_paragraph(layout: Layout, i: int) -> bool:
    """A line of prose the line rules kept: a sentence of a dozen words or more ending in a full stop (a
    headline may end in "!" or "?")."""
    text = layout.texts[i].rstrip(" \"”»")
    return layout.reasons[i] is None and word_count(text) >= 12 and text[-1:] == "."


def _headline_above(layout: Layout, content: list[int], position: int) -> int | None:
    """The nearest line above with more than a label's two words ("0", "Sport" sit between some headlines and
    their teasers), if it is a headline: a promo's, or headline-shaped and six words or more."""
    above = next((j for j in reversed(content[:position]) if word_count(layout.texts[j]) > 2), None)
    if above is None:
        return None
    headline = layout.reasons[above] in _HEADLINE_REASONS or (
        layout.reasons[above] is None and word_count(layout.texts[above]) >= 6 and is_headline_like(layout.texts[above])
    )
    return above if headline else None


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
    elif dates := [(i, iso) for i, iso in dates if not _under_related_heading(layout, i)]:
        # The first date on the page ("Published" comes before "Updated"), unless a later one says it is the
        # article's and the first says nothing: a bare "February 24, 2018" over "Posted on July 6, 2017" is
        # the site's banner of today's date.
        labelled = [(i, iso) for i, iso in dates if _PUBLISHED_CUE.search(_date_text(layout, i))]
        first = min(dates)
        if labelled and not _UPDATED_CUE.search(_date_text(layout, first[0])):
            layout.published = min(labelled)[1]
        else:
            layout.published = (_under_headline(layout, dates, first) or first)[1]


def _under_headline(layout: Layout, dates: list[tuple[int, str]], first: tuple[int, str]) -> tuple[int, str] | None:
    """A page whose first date stands above the headline and another between the headline and the body
    ("Thursday, 16 May 2024" / headline / "Wednesday 11 November 2020 - 01:15 pm"): the one above is the
    site's banner of today's date, the one under the headline the article's. None when there is no such pair."""
    title = next((i for i, reason in enumerate(layout.reasons) if reason == F.TITLE), None)
    body = layout.body_indices()
    if title is None or first[0] > title or not body:
        return None
    under = [(i, iso) for i, iso in dates
             if title < i < body[0] and not _UPDATED_CUE.search(_date_text(layout, i))]
    return min(under) if under else None


_READING_TIME_TAIL = re.compile(r"(?<=[^\W\d])\d{1,2}\s?min(?:ute)?s? read\b[^a-zA-Z]*(?:\b[AP]M\b[^a-zA-Z]*)?(?:\b[A-Z]{2,4}\b)?\s*$")
_POSTED_LINE = re.compile(r"(?i)^(?:posted|published)(?: on)?\s+\S")
# A blog's category slot, then the date and nothing else: "In Uncategorized on January 12, 2011 at 7:07 am",
# "Filed under Sport on 3 May 2024" (not "In Paris on 13 November 2015, gunmen killed 130 people").
_FILED_LINE = re.compile(r"(?i)^(?:posted |filed )?(?:in|under) [^.,;:]{1,40}? on (?P<when>.+)$")
_AT_TIME = re.compile(r"(?i)\s*(?:at\s+)?(?:\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?)?\s*")


def _filed_on_date(text: str) -> bool:
    """Whether ``text`` is a blog's "In <category> on <date> [at <time>]" line."""
    filed = _FILED_LINE.match(text)
    found = find_date(filed.group("when")) if filed else None
    return found is not None and found[1] == 0 and _AT_TIME.fullmatch(filed.group("when")[found[2]:]) is not None
_PUBLISHED_CUE = re.compile(
    r"(?i)\b(?:posted|published|first published)\b|تاريخ النشر|نشر في|نُشر في|نشر بتاريخ|تم النشر|تاريخ الخبر"
)
_UPDATED_CUE = re.compile(r"(?i)\b(?:updated|modified|edited|revised|corrected|amended)\b|تحديث|التحديث|محدث|تعديل")


def _date_text(layout: Layout, i: int) -> str:
    """The line a date was read from, with any label line right above it ("تاريخ النشر" / "24, أغسطس 2019")."""
    stamp = layout.split_off.get(i, ("", ""))[0]
    j = i - 1
    while j >= 0 and not layout.texts[j]:
        j -= 1
    above = layout.texts[j] if j >= 0 and word_count(layout.texts[j]) <= 3 else ""
    return " ".join((above, stamp, layout.texts[i]))


def _under_related_heading(layout: Layout, i: int) -> bool:
    """Below the body, under a "More videos" / "Related" heading: the date of another story, not this one's."""
    body = layout.body_indices()
    if not body or i < body[-1]:
        return False
    return any(layout.reasons[j] == F.RELATED and F.is_related_heading(layout.texts[j]) for j in range(body[-1], i))
