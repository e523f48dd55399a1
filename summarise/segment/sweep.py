"""Sweeps from the body's first line down: repeats (``repeats``), related-story links, promos, readers'
comment threads, footer; subheadings (plain-text bulleted lists and lines echoing the headline stay)."""

from __future__ import annotations

import re
from bisect import bisect_left

from . import furniture as F
from .blocks import block_of, link_dense
from .dates import normalise_digits
from .lines import (
    LIST_MARKS,
    announces,
    bullet_mark,
    ends_with_function_word,
    ends_with_terminal,
    is_arabic,
    is_headline_like,
    is_prose,
    is_question,
    opens_on_conjunction,
    starts_as_continuation,
    word_count,
)
from .metadata import bare_byline
from .repeats import mark_repeats
from .verdict import Layout
from .widgets import teaser_cut


def sweep_body(layout: Layout, start: int) -> list[int]:
    """Drop what interrupts the body from ``start`` on, and mark the subheadings that stay in it.

    Returns the short repeats whose verdict waits for their neighbours' (``repeats.settle_repeats``).
    """
    content = layout.content(start)
    _strip_end_of_copy(layout, content)
    pending = mark_repeats(layout, start)
    _sweep_related_blocks(layout, content)
    _sweep_headlines(layout, content)
    _sweep_comment_threads(layout, content)
    _sweep_footer(layout, content)
    return pending


_THREAD_HEADER = re.compile(r"\d|[:：]\s*$")
_THREAD_SPAN = 12  # content lines: a thread pasted whole is longer, and its form closes it sooner or never


def _sweep_comment_threads(layout: Layout, content: list[int]) -> None:
    """Readers' comments between the thread's header ("2 comments:") and its form ("Post a Comment"):
    whatever they say, they are not the article's. Only a thread closed by a second comment line within a
    few lines is swept, so an article never loses text to a stray "Comments" label."""
    marks = [position for position, i in enumerate(content) if layout.reasons[i] == F.COMMENTS]
    for first, second in zip(marks, marks[1:]):
        # The thread's header counts its comments or announces them ("1 comment:", "التعليقات (3)").
        counted = bool(_THREAD_HEADER.search(normalise_digits(layout.texts[content[first]])))
        if counted and second - first <= _THREAD_SPAN:
            for i in content[first + 1 : second]:
                if layout.reasons[i] is None:
                    layout.reasons[i] = F.COMMENTS
                    layout.headings.discard(i)


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
                # Story links are often questions ("What is a heat dome?"), so a question does not end the
                # list, nor does a story's opening cut short ("... in the second round of the…").
                if (is_prose(text) and not is_question(text) and not text[:1].isdigit()
                        and not _story_opening_cut_short(text)):
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
    bullet_items = _kept_bullet_items(layout, live)
    announced = _announced_items(layout, live)
    runs: list[list[int]] = []
    for i in live:
        if i in bullet_items:
            continue  # one item of a bulleted list the article prints as text: the list is judged whole
        if is_headline_like(layout.texts[i]) and layout.lines[i].hint not in ("h2", "list", "quote", "code", "table"):
            if runs and runs[-1][-1] == _previous(live, i):
                runs[-1].append(i)
            else:
                runs.append([i])
    items: set[int] = set()
    for run in runs:
        texts = [layout.texts[i] for i in run]
        if run[0] in announced:
            items.update(run)  # "... حسب الجهات التالية:" then its rows, each headline-shaped: a list, not links
            continue
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
            if is_question(text) or word_count(text) < threshold or _echoes_title(layout, text):
                layout.headings.add(i)
            elif _cut_short_at_end(layout, live, i):
                continue  # the pasted text stops mid-sentence: the article's last paragraph, cut off
            else:
                layout.reasons[i] = F.PROMO
    for i in live:
        if layout.reasons[i] is None and i not in items and _is_heading(layout, i):
            layout.headings.add(i)


def _kept_bullet_items(layout: Layout, live: list[int]) -> set[int]:
    """The items of plain-text lists the article's own: two or more lines in a row opening on the same
    bullet ("*Vermont ..." under "*Exit polls say ..."), in a list the article's prose follows or a body
    sentence announces ("... told reporters:"). A headline-shaped item does not turn such a list into story
    links; a bulleted list of story links under the article ends the page, unannounced. Each list is
    judged once, whole."""
    kept: set[int] = set()
    for run in _mark_runs(layout, live):
        after = _next(live, run[-1])
        before = _previous(live, run[0])
        if (after is not None and is_prose(layout.texts[after]) and not is_headline_like(layout.texts[after])) or (
                before is not None and _announces_as_prose(layout.texts[before])):
            kept.update(run)
    return kept


def _mark_runs(layout: Layout, lines: list[int]) -> list[list[int]]:
    """Runs of two or more of ``lines``, one after the other, that open on the same list mark."""
    runs: list[list[int]] = []
    for i in lines:
        mark = bullet_mark(layout.lines[i])
        if mark and runs and bullet_mark(layout.lines[runs[-1][-1]]) == mark and _previous(lines, i) == runs[-1][-1]:
            runs[-1].append(i)
        elif mark:
            runs.append([i])
    return [run for run in runs if len(run) >= 2]


ANNOUNCER_MIN_WORDS = 4  # "The ministry listed the regions as follows:", not a label such as "Recommended:"


def _announces_as_prose(text: str) -> bool:
    """A sentence ending in a colon ("Foreign Minister Ayman Safadi told reporters:"), not a label
    ("Popular now:", "مواضيع قد تهمك:") that heads a list of links."""
    return announces(text) and word_count(text) >= ANNOUNCER_MIN_WORDS


def _echoes_title(layout: Layout, text: str) -> bool:
    """A short line whose words are mostly the headline's: a subheading on the story's own subject
    ("An overview of building phone apps" under "An overview of building mobile apps with X"), not a
    link to another story."""
    if not layout.title or word_count(text) > 8:
        return False
    title = {w.casefold() for w in layout.title.split()}
    words = [w.casefold() for w in text.split() if len(w) > 2 or is_arabic(w)]
    return len(words) >= 3 and sum(w in title for w in words) * 3 >= len(words) * 2


def _cut_short_at_end(layout: Layout, live: list[int], i: int) -> bool:
    """The last line of the text, paragraph-long and ending on a bare word after body prose: a sentence
    the paste cut off ("... allowed people back inside around 11:15"), not a headline."""
    text = layout.texts[i]
    before = _previous(live, i)
    return _next(live, i) is None and _cut_off_shape(text) and before is not None and is_prose(layout.texts[before])


def _cut_off_shape(text: str) -> bool:
    """Paragraph-long, starting on a letter and ending on a bare word (no hashtags: a post, not prose)."""
    return word_count(text) >= 12 and text[0].isalpha() and text[-1].isalnum() and "#" not in text


def _is_heading(layout: Layout, i: int) -> bool:
    line, text = layout.lines[i], layout.texts[i]
    if line.hint == "h2" or line.hint == "h1":
        return True
    if line.hint in ("list", "quote", "code", "table") or not text or text[0].isdigit() or bullet_mark(layout.lines[i]):
        return False  # a list's item heads nothing
    if is_question(text):  # "What happens next?", "ما الحل؟" standing alone between paragraphs
        return word_count(text) <= 8
    return 1 <= word_count(text) <= 10 and not ends_with_terminal(text)


def _sweep_footer(layout: Layout, content: list[int]) -> None:
    """Short lines at the very end are page furniture: there is no text after them for them to head.

    Works back from the last line and stops at the first line that stays in the body.
    """
    signed: list[int] = []
    arabic_page = _arabic_body(layout, content)
    announced = _announced_items(layout, content)
    for i in reversed(content):
        if layout.reasons[i] is not None:
            signed.append(i)
            continue
        text = layout.texts[i]
        if layout.lines[i].hint == "table":
            table = block_of(layout, i)
            if not link_dense(layout, table):
                break  # the article ends on a table of its own
            for row in table:  # a table of links under the article (a sidebar's quotes, a menu) goes whole
                layout.reasons[row] = layout.reasons[row] or F.RELATED
                layout.headings.discard(row)
            signed.append(i)
            continue
        if layout.lines[i].own_list_item:
            break  # the article ends on a list of its own (not a list of links)
        if arabic_page and _latin_only(text):
            # Under an Arabic article, Latin-script lines are the site's widgets (push-notification
            # prompts, a reading assistant, a weather box), whole sentences or not.
            layout.reasons[i] = F.PAGE_FOOTER
            layout.headings.discard(i)
            signed.append(i)
            continue
        if announces(text) and not _announces_as_prose(text) and signed and layout.reasons[signed[-1]] == F.RELATED:
            layout.reasons[i] = F.RELATED  # the label of the links under it ("Popular now:", "مواضيع قد تهمك:")
            signed.append(i)
            continue
        if _trailing_teaser(layout, content, i, signed):
            layout.reasons[i] = F.TEASER  # one of the stories the site lists under the article, cut short
            layout.headings.discard(i)
            signed.append(i)
            continue
        if is_prose(text) or ":" in text or ends_with_terminal(text) or text[-1] in '"”»’':
            break  # ends a sentence, a label or a quotation: article text
        if i in announced:
            break  # under a body line ending in ":" ("... warns residents of:"): an item it announces
        if i == content[-1] and _cut_off_shape(text):
            break  # the last line, cut off mid-sentence by the paste: the article's, not a footer link
        if ends_with_function_word(text) or (word_count(text) >= 4 and starts_as_continuation(text)):
            break  # a sentence cut short ("... وجود أي", "وفي الجانب السوري ..."): footers do not start with "and"
        # A bullet does not make a story link less of one: "- Council backs new lanes" is judged without it.
        bare = text.lstrip(LIST_MARKS + " ") or text
        if is_headline_like(bare) and not is_question(bare):
            layout.reasons[i] = F.RELATED
        elif word_count(text) <= 6 and not is_question(text):
            layout.reasons[i] = F.PAGE_FOOTER
        else:
            break
        layout.headings.discard(i)
        signed.append(i)
    _signature(layout, sorted(signed))


def _strip_end_of_copy(layout: Layout, content: list[int]) -> None:
    """The wire's end-of-copy mark glued to the story's last sentence ("... for immunity. Endit", "...
    التصعيد. (النهاية)") comes off it, recorded as dropped."""
    last = next((i for i in reversed(content) if layout.reasons[i] is None), None)
    if last is None or last in layout.split_off:
        return
    match = F.END_OF_COPY_GLUED.search(layout.texts[last])
    if match:
        layout.split_off[last] = (match.group("mark"), F.PAGE_FOOTER)
        layout.texts[last] = layout.texts[last][:match.start()].rstrip()


def _trailing_teaser(layout: Layout, content: list[int], i: int, signed: list[int]) -> bool:
    """One of two or more lines cut short with an ellipsis, one straight under the other (no blank line
    between: a list), at the end of the page: the openings of other stories ("Al Ahly prepare to face ...
    in the second round of the…"). One such line alone may be the article's last paragraph trailing off,
    and paragraphs that trail off ("..." ends many an Arabic paragraph) stand apart or carry the
    argument on ("ويبقى السؤال ..."): both stay."""
    if not _story_opening_cut_short(layout.texts[i]):
        return False
    if signed and signed[-1] == i + 1 and layout.reasons[signed[-1]] == F.TEASER:
        return True
    position = _position(content, i)
    above = content[position - 1] if position > 0 else None
    return (above == i - 1 and layout.reasons[above] is None
            and _story_opening_cut_short(layout.texts[above]))


def _story_opening_cut_short(text: str) -> bool:
    """Cut short with an ellipsis, and no continuation of an argument (no "and ..." / "ويبقى ...")."""
    return teaser_cut(text) and word_count(text) <= 40 and not opens_on_conjunction(text)


def _announced_items(layout: Layout, content: list[int]) -> set[int]:
    """Lines right under a body sentence ending in a colon (not a label such as "Popular now:" over a
    list of links), with the rest of their list ("- a", "- b" under "The options it weighed:"): an
    announced list is kept whole."""
    announced: set[int] = set()
    in_run = {i: run for run in _mark_runs(layout, content) for i in run}
    for position, i in enumerate(content[1:], start=1):
        above = content[position - 1]
        if layout.reasons[above] is None and _announces_as_prose(layout.texts[above]):
            announced.update(in_run.get(i, [i]))
    return announced


def _arabic_body(layout: Layout, content: list[int]) -> bool:
    """Whether most of the body's prose lines (the first 50) are Arabic."""
    prose = [layout.texts[i] for i in content if layout.reasons[i] is None and is_prose(layout.texts[i])][:50]
    return bool(prose) and sum(is_arabic(t) for t in prose) * 2 > len(prose)


def _latin_only(text: str) -> bool:
    """Letters, all of them Latin: no Arabic letter at all."""
    return any("a" <= c.lower() <= "z" for c in text) and not any("\u0600" <= c <= "\u06ff" for c in text)


def _signature(layout: Layout, footer: list[int]) -> None:
    """A letter or column signed at its foot ("Lawrence Nader", "Dinah Miller, M.D., Baltimore") names its
    author when the header named none: the footer's first line, right under the body, if name-shaped."""
    if layout.authors or not footer:
        return
    i = footer[0]  # the line right under the body: further down are links and site furniture
    text = layout.texts[i]
    if layout.reasons[i] in (F.PAGE_FOOTER, F.RELATED) and not is_arabic(text) and not F.is_related_heading(text):
        name = bare_byline(text)  # "Recent Posts", "Top Stories" head links, however name-shaped
        if name is not None:
            layout.authors.append(name)
            layout.reasons[i] = F.BYLINE


def _previous(live: list[int], i: int) -> int | None:
    position = _position(live, i)
    return live[position - 1] if position > 0 else None


def _next(live: list[int], i: int) -> int | None:
    position = _position(live, i)
    return live[position + 1] if position + 1 < len(live) else None


def _position(live: list[int], i: int) -> int:
    return bisect_left(live, i)  # ``live`` is sorted
