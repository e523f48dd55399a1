"""Helpers shared by the renderers: language names and direction, clean display text, where each claim
sits in the brief's sentences, bidi runs, and the bilingual wording of "this half is unavailable".

Pure functions over records: no model, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..languages import language_name
from ..records import Brief, Claim, Sentence, Unavailable

# Native names of the languages a brief is shown in (English names: ``languages.language_name``).
_NATIVE_NAMES = {"ar": "العربية", "fr": "Français"}
# "The Arabic brief", "the English brief" ... in Arabic, for notices shown inside the Arabic panel.
_BRIEF_IN_ARABIC = {"ar": "الملخص العربي", "en": "الملخص الإنجليزي", "fr": "الملخص الفرنسي"}
_NAMES_IN_ARABIC = {"en": "الإنجليزية", "ar": "العربية", "fr": "الفرنسية"}
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"})

# C0/C1 controls and DEL. Article text carrying ESC could drive a terminal (clear the screen, retitle the
# window, forge hyperlinks) and NUL is an HTML parse error, so no renderer passes them through.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WHITESPACE = re.compile(r"\s+")

_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_TO_WESTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")
# A number as written in either script: 2,000 / 2000 / ٢٬٠٠٠ / 3.5 / ٣٫٥
_NUMBER = re.compile(rf"[{_DIGITS}]+(?:[,.\u066b\u066c][{_DIGITS}]+)*")
# A run of Latin words and/or numbers inside right-to-left text, e.g. "Sergey Lavrov", "2,000",
# "June 2, 2025", "US$5", "50%", "F-16", "www.example.com/a?b=1". Spaces and ASCII symbols between
# tokens belong to the run so that a multi-word name, a date or a piece of code stays one
# left-to-right unit. The sentence's own punctuation after a run (a full stop, a colon before Arabic)
# stays outside, and so do brackets, which the bidi algorithm pairs and mirrors itself.
_LTR_TOKEN = rf"[$€£]?[A-Za-z\u00c0-\u024f{_DIGITS}]+%?"
_LTR_JOIN = r"[\s.,:;/\\'’\"=<>?#@*~^|&+_\-–$€£\u066b\u066c]+"
_LTR_RUN = re.compile(rf"[<\"'#@]*{_LTR_TOKEN}(?:{_LTR_JOIN}{_LTR_TOKEN})*[>\"']*")


def language_label(code: str) -> str:
    english, native = english_name(code), native_name(code)
    return english if english == native else f"{english} ({native})"


def native_name(code: str) -> str:
    return _NATIVE_NAMES.get(code, english_name(code))


def english_name(code: str) -> str:
    return language_name(code)


def arabic_name(code: str) -> str:
    """A language's name in Arabic ("الإنجليزية"), for wording inside the Arabic panel."""
    return _NAMES_IN_ARABIC.get(code, code)


def direction(code: str | None) -> str:
    return "rtl" if (code or "").split("-")[0] in RTL_LANGUAGES else "ltr"


def brief_languages(brief: Brief) -> list[str]:
    """The brief's languages in display order: English, Arabic, then any other."""
    languages = ["en", "ar"]
    for language in [brief.summary.language, *(t.target_language for t in brief.translations)]:
        if language not in languages:
            languages.append(language)
    return languages


@dataclass(frozen=True)
class Panel:
    """One language of the brief as shown: its sentences, or why it is missing (never neither)."""

    language: str
    sentences: tuple[str, ...] | None
    missing: Unavailable | None


def panels(brief: Brief) -> list[Panel]:
    """The languages a reader sees, in display order: each with its sentences or its notice."""
    shown = [Panel(lang, brief.sentences(lang), unavailable_for(brief, lang)) for lang in brief_languages(brief)]
    return [p for p in shown if p.sentences is not None or p.missing is not None]


def mark(value: bool | None) -> str:
    return {True: "yes", False: "NO", None: "–"}[value]


# How each renderer words a claim's status in one language's brief (Claim.status). A claim of the article
# that a brief leaves out is not an error and does not read like one; a contradiction or a claim the
# translation lost does.
STATUS_WORDS = {
    "stated": "yes",
    "not in brief": "not in brief",
    "contradicted": "CONTRADICTED",
    "dropped in translation": "LOST IN TRANSLATION",
    None: "–",
}


def status_mark(claim: Claim, language: str) -> str:
    """The claim's status in ``language``'s brief, in words; a contradiction says what the brief has."""
    status = claim.status(language)
    words = STATUS_WORDS[status]
    if status == "contradicted" and claim.contradicted_by:
        words += f" (brief: {clean(claim.contradicted_by)})"
    return words


def clean(text: str | None) -> str:
    """Display form of article-derived text: controls removed, whitespace runs (a claim may span a line
    break) collapsed to one space."""
    if not text:
        return ""
    return _WHITESPACE.sub(" ", _CONTROLS.sub("", text)).strip()


def clean_piece(piece: str) -> str:
    """``clean`` for a slice of a longer text: keeps one leading and one trailing space, since it sits
    between other slices (claim highlights cut sentences at character offsets)."""
    core = clean(piece)
    if not core:
        return " " if piece and piece.isspace() else ""
    return (" " if piece[:1].isspace() else "") + core + (" " if piece[-1:].isspace() else "")


def speaker_of(claim: Claim) -> str | None:
    """Who said a quote, as the claim tables show it after the quote (None when no one is named)."""
    return clean(claim.speaker) if claim.kind == "quote" and claim.speaker else None


def speaker_note(claim: Claim) -> str:
    speaker = speaker_of(claim)
    return f" (said by {speaker})" if speaker else ""


def claims_in_brief(brief: Brief) -> list[Claim]:
    """The claims worth a reader's eye: those that reached the brief, unsupported ones, and claims of the
    article the brief contradicts."""
    return [c for c in brief.claims if not c.in_source or c.in_en or c.in_ar or c.contradicted_in]


def metadata_line(brief: Brief) -> str:
    article = brief.article
    parts = [
        p
        for p in (
            ", ".join(clean(a) for a in article.authors),
            article.published,
            f"language: {article.language}",
            article.path,
        )
        if p
    ]
    return clean(" · ".join(parts))


def source_sentence(brief: Brief, claim: Claim) -> Sentence | None:
    """The article sentence a claim was found in: its ``sentence`` index, else the one covering its offset."""
    sentences = brief.article.sentences
    if claim.sentence is not None and 0 <= claim.sentence < len(sentences):
        return sentences[claim.sentence]
    if claim.start is not None:
        return brief.article.sentence_at(claim.start)
    return None


def unavailable_for(brief: Brief, language: str) -> Unavailable | None:
    return next((u for u in brief.unavailable if u.language == language), None)


def unavailable_notice(missing: Unavailable) -> tuple[str, str]:
    """What to tell the reader about a missing half, in English and in Arabic (pull command left in Latin).

    The Arabic wording is built from the record's fields, not translated from ``reason`` (free English
    text), so it only says what the fields establish; the English reason is shown beside it.
    """
    english = f"{english_name(missing.language)} brief unavailable: {clean(missing.reason)}."
    if missing.pull_command:
        english += f" Run `{missing.pull_command}` to get it."
    brief_name = _BRIEF_IN_ARABIC.get(missing.language, f"الملخص بلغة {missing.language}")
    if missing.pull_command:
        what = "نموذج الترجمة" if missing.task == "translate" else "نموذج التلخيص"
        model = f" {missing.model}" if missing.model else ""
        arabic = f"{brief_name} غير متاح: يلزم {what}{model}. لتنزيله شغّل الأمر: {missing.pull_command}"
    else:
        arabic = f"{brief_name} غير متاح. السبب (بالإنجليزية): {clean(missing.reason)}"
    return english, arabic


def is_unavailable_warning(warning: str, brief: Brief) -> bool:
    """True for the pipeline's own warning about a missing half, which renderers show as a bilingual
    notice instead (so it is not printed twice)."""
    return any(clean(u.reason) and clean(u.reason) in clean(warning) for u in brief.unavailable)


def ltr_runs(text: str) -> list[tuple[int, int]]:
    """Spans of Latin words and numbers in (right-to-left) text: what a renderer isolates (``<bdi>``)."""
    return [m.span() for m in _LTR_RUN.finditer(text)]


def number_values(text: str) -> set[str]:
    """Numbers in ``text`` written in any digits, normalised: "2,000" and "٢٬٠٠٠" both give "2000"."""
    return {_number_value(m.group()) for m in _NUMBER.finditer(text)}


def _number_value(number: str) -> str:
    return re.sub(r"[,\u066c]", "", number.translate(_TO_WESTERN_DIGITS))


# -- where each claim sits in the brief ------------------------------------------------------------


@dataclass(frozen=True)
class Highlight:
    """A span of one brief sentence holding claims (indices into the list given to ``place_claims``)."""

    start: int
    end: int
    claims: tuple[int, ...]


@dataclass
class ClaimPlaces:
    """For each brief language: highlighted spans per sentence, and claims placed only at sentence level.

    A claim is placed *exactly* where its words (or, across scripts, its numbers or a Latin name kept
    by the translator) are found, and *by sentence* where only the alignment says where it went: a
    translation's sentence ``i`` renders the summary's sentence ``i``, so a name found in English
    sentence 2 is somewhere in Arabic sentence 2 even when its Arabic spelling cannot be matched here.
    """

    spans: dict[str, list[list[Highlight]]] = field(default_factory=dict)
    by_sentence: dict[str, list[set[int]]] = field(default_factory=dict)

    def placement(self, claim: int, language: str) -> str | None:
        """One of "exact", "sentence" or None (not located in that language's brief)."""
        if any(claim in h.claims for spans in self.spans.get(language, ()) for h in spans):
            return "exact"
        if any(claim in ids for ids in self.by_sentence.get(language, ())):
            return "sentence"
        return None


def place_claims(brief: Brief, claims: Sequence[Claim]) -> ClaimPlaces:
    places = ClaimPlaces()
    primary = brief.summary.language
    primary_texts = brief.summary.texts
    hits: list[set[int]] = [set() for _ in claims]  # summary sentences stating each claim
    wordings: list[set[str]] = [{claim.text} for claim in claims]  # the source's words and the summary's
    raw: list[list[tuple[int, int, int]]] = [[] for _ in primary_texts]
    for k, claim in enumerate(claims):
        if getattr(claim, f"in_{primary}", None) is False:
            continue  # the checker says this claim is not in the summary: nothing to highlight
        # Where the checker found it stated; a text search would also light up the same number or
        # name used about something else ("40 millimetres" for the claim "40 families").
        for i, start, end in claim.brief_spans:
            if 0 <= i < len(primary_texts) and 0 <= start < end <= len(primary_texts[i]):
                raw[i].append((start, end, k))
                hits[k].add(i)
                wordings[k].add(primary_texts[i][start:end])
    places.spans[primary] = [_merge(r) for r in raw]
    places.by_sentence[primary] = [set() for _ in primary_texts]

    for translation in brief.translations:
        texts = translation.sentences
        aligned = len(texts) == len(primary_texts)
        raw = [[] for _ in texts]
        by_sentence: list[set[int]] = [set() for _ in texts]
        for k, claim in enumerate(claims):
            checked_there = getattr(claim, f"in_{translation.target_language}", None)
            if aligned and hits[k]:
                candidates = sorted(hits[k])
            elif checked_there:  # not in the summary's words, yet the checker found it in this language
                candidates = list(range(len(texts)))
            else:
                continue
            for i in candidates:
                spans = _cross_script_spans(wordings[k], texts[i])
                raw[i].extend((start, end, k) for start, end in spans)
                if not spans and aligned and hits[k]:
                    by_sentence[i].add(k)
        places.spans[translation.target_language] = [_merge(r) for r in raw]
        places.by_sentence[translation.target_language] = by_sentence
    return places


def _wording_pattern(text: str) -> re.Pattern[str] | None:
    words = clean(text).split(" ")
    if not words or not words[0]:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _cross_script_spans(wordings: set[str], text: str) -> list[tuple[int, int]]:
    """Where a claim shows in a translation: its exact words in the source's or the summary's wording
    (a Latin name the translator kept, a date written the same way), else each of its numbers in either
    digits."""
    found = [m.span() for w in sorted(wordings) if (p := _wording_pattern(w)) for m in p.finditer(text)]
    if found:
        return found
    wanted = set().union(*(number_values(w) for w in wordings))
    if not wanted:
        return []
    return [m.span() for m in _NUMBER.finditer(text) if _number_value(m.group()) in wanted]


def _merge(spans: list[tuple[int, int, int]]) -> list[Highlight]:
    """Non-overlapping highlights: a claim inside another's span ("Putin" in "Vladimir Putin") joins that
    highlight; a partial overlap keeps the earlier, longer span."""
    merged: list[Highlight] = []
    for start, end, k in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]), s[2])):
        if merged and start < merged[-1].end:
            last = merged[-1]
            if end <= last.end and k not in last.claims:
                merged[-1] = Highlight(last.start, last.end, (*last.claims, k))
            continue
        merged.append(Highlight(start, end, (k,)))
    return merged
