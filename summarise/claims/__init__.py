"""Claims: names, numbers, dates and quotes, traced from the source into each brief language.

The pipeline calls two functions:

* ``review_summary`` before translation: every claim of the summary is checked against the source;
  a sentence with an unsupported claim is repaired (replaced by the source sentence that best supports
  the rest of it, or dropped) and the repair is recorded in ``Summary.repairs`` and the warnings;
* ``trace_claims`` after translation: the claim table. Every claim of the source (with its offsets),
  whether it reached the summary, whether it reached each translation (and came back in a round trip),
  plus the summary's unsupported claims and the numbers a translator made up.

Seams: ``english``/``arabic`` extract, ``normalise`` folds, ``support`` matches and judges, ``check``
checks a summary, ``repair`` repairs it, ``glossary`` names things in both languages, ``crosslingual``
follows claims through translation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from ..languages import language_name
from ..records import Article, Claim, Summary, Translation
from ..settings import Settings
from .check import CheckResult, build_sources, check_many, coverage, describe, is_salient, source_claims, states
from .arabic import name_as_named
from .crosslingual import back_translation_of, carried, joined_index, round_trip, stray_numbers, text_index
from .extract import mentions_of
from .glossary import Glossary, load_glossary
from .mention import Mention, family
from .normalise import normalise
from .paraphrase import embedded_similarity
from .repair import repair_summary
from .support import Settings as CheckSettings
from .support import SourceIndex, find

__all__ = [
    "CheckResult", "CheckedSummary", "analyse_sources", "check_many", "check_texts", "describe", "load_glossary",
    "normalise", "review_summary", "trace_claims",
]

KNOBS = CheckSettings()


def glossary_for(settings: Settings | None) -> Glossary:
    return load_glossary(settings.glossary if settings is not None else None)


def analyse_sources(articles: Sequence[Article], settings: Settings | None = None) -> list[SourceIndex]:
    """Each article's claims and token index, spaCy running once over all of them. The pipeline builds
    them once per article and hands the same index to ``review_summary`` and ``trace_claims``."""
    return build_sources(articles, glossary_for(settings))


@dataclass(frozen=True)
class CheckedSummary:
    """``summarise check``'s answer for one summary."""

    id: str | None
    language: str
    result: CheckResult
    key_claims_reached: tuple[Mention, ...]
    key_claims_missed: tuple[Mention, ...]

    @property
    def consistent(self) -> bool:
        return self.result.consistent

    def to_dict(self) -> dict:
        # As in every JSON output: indexes count from 0 and say so in their names (render/json.py).
        return {
            "id": self.id,
            "consistent": self.consistent,
            "unsupported": [
                {"sentence_index": index, "kind": v.mention.kind, "text": v.mention.text, "value": v.mention.value,
                 "speaker": v.mention.speaker, "reason": v.note, "source_says": v.source_says,
                 "source_sentence_index": v.source_sentence,
                 # the claim judge's rating of the sentence that states it (None: the judge did not run)
                 "support": _rounded(self.result.sentences[index].support),
                 "support_needed": self.result.sentences[index].threshold}
                for index, v in self.result.unsupported
            ],
            "weak_sentences": [
                {"sentence_index": s.index, "text": s.text, "word_coverage": round(s.coverage.words, 3),
                 "pair_coverage": round(s.coverage.pairs, 3), "words_not_in_source": list(s.coverage.novel),
                 "paraphrase_similarity": _rounded(s.similarity),
                 "support": _rounded(s.support),  # the claim judge's (claims/judge.py)
                 "support_needed": s.threshold,
                 "best_source_sentence_index": s.coverage.source_sentence}
                for s in self.result.weak_sentences
            ],
            "claims_checked": sum(len(s.verdicts) for s in self.result.sentences),
            "coverage": {
                "key_claims": len(self.key_claims_reached) + len(self.key_claims_missed),
                "in_summary": len(self.key_claims_reached),
                "missing": [{"kind": m.kind, "text": m.text} for m in self.key_claims_missed],
            },
            "language": self.language,
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def check_texts(
    items: Sequence[tuple[str | None, str, str]], *, language: str | None = None, settings: Settings | None = None
) -> list[CheckedSummary]:
    """Check each (id, source text, summary text): the summary's claims against its source, and which
    of the source's key claims it kept. spaCy runs in two batches for all items."""
    from ..segment import from_text, segment
    from ..segment.sentences import split_sentences

    if not items:
        return []
    glossary = glossary_for(settings)
    limit = (settings or Settings()).max_input_bytes
    articles = [segment(from_text(source, name=str(item_id or "<source>"), max_bytes=limit), language=language)
                for item_id, source, _ in items]
    summaries = []
    for article, (_, _, summary) in zip(articles, items):
        text = " ".join(summary.split())
        summaries.append([text[a:b] for a, b in split_sentences(text, article.language)] if text else [])
    sources = build_sources(articles, glossary)
    results = check_many(articles, summaries, glossary, KNOBS, sources=sources, similarity=embedded_similarity(settings))
    out = []
    for (item_id, _, _), article, source, result in zip(items, articles, sources, results):
        reached, missed = coverage(source, result)
        out.append(CheckedSummary(item_id, article.language, result, tuple(reached), tuple(missed)))
    return out


def review_summary(
    article: Article, summary: Summary, *, settings: Settings | None = None, source: SourceIndex | None = None
) -> tuple[Summary, list[str]]:
    """Check the summary against the source before it is translated, and repair what it cannot support.
    ``source``: the article's index from ``analyse_sources`` (built here when not given)."""
    glossary = glossary_for(settings)
    source = source or build_sources([article], glossary)[0]
    result = check_many([article], [summary.texts], glossary, KNOBS, sources=[source], similarity=embedded_similarity(settings))[0]
    repaired = repair_summary(article, summary, result, source)
    warnings = describe(result)
    warnings += [f"repaired the summary: {note}" for note in repaired.repairs[len(summary.repairs):]]
    return repaired, warnings


class Traced(NamedTuple):
    claims: tuple[Claim, ...]
    warnings: list[str]
    entailment_decided: bool  # a pulled entailment model judged at least one summary sentence


def trace_claims(
    article: Article,
    summary: Summary,
    translations: Sequence[Translation],
    *,
    settings: Settings | None = None,
    back_translations: Sequence[Translation] = (),
    source: SourceIndex | None = None,
) -> Traced:
    """The claim table of a brief, warnings about claims that did not survive, and whether a pulled
    entailment model decided any of its sentences (for the brief's provenance). ``source``: as for
    ``review_summary``."""
    glossary = glossary_for(settings)
    source = source or build_sources([article], glossary)[0]
    # The same checker as ``summarise check`` and ``review_summary``: with the sentence model, the learned
    # judge decides which of the claim tests' doubts stand (SentenceCheck.unsupported), so the table, the
    # brief's warnings and `check` never disagree about one summary.
    result = check_many([article], [summary.texts], glossary, KNOBS, sources=[source],
                        similarity=embedded_similarity(settings))[0]
    brief_language = summary.language
    flagged = {id(v) for _, v in result.unsupported}
    verdicts = [(s.index, _as_judged(v, s, id(v) in flagged)) for s in result.sentences for v in s.verdicts]
    rows: list[tuple[Mention, Claim]] = []

    # 1. The source's claims, each marked by whether the summary states it, or states something else in
    # its place (the checker's rival: "3,000 prisoners" where the source says "2,000 prisoners").
    said_instead = [(v.source_start, v.mention.text) for _, v in verdicts
                    if not v.supported and v.source_says is not None and v.source_start is not None]
    used: set[int] = set()
    for (_, key), found in source_claims(source).items():
        first = found[0]
        stated = [(i, v) for i, v in verdicts if states(v, key, found)]
        used.update(id(v) for _, v in stated)
        claim = Claim(
            text=name_as_named(first, glossary), kind=first.kind, key=key, in_source=True, start=first.start, end=first.end,
            speaker=first.speaker, origin="source", sentence=source.sentence_of(first.start), value=first.value,
            salient=is_salient(found, source), brief_sentence=stated[0][0] if stated else None,
            brief_spans=tuple((i, v.mention.start, v.mention.end) for i, v in stated),
        )
        instead = [text for start, text in said_instead if any(m.start <= start < m.end for m in found)]
        if instead and not stated:
            claim = replace(claim, contradicted_in=(brief_language,), contradicted_by=instead[0])
        rows.append((stated[0][1].mention if stated else first, _mark(claim, brief_language, bool(stated))))
    # 2. Claims of the summary the source supports but its own extraction missed, and unsupported ones.
    listed: dict[tuple, int] = {}  # (family, key, supported) -> its row
    for index, verdict in verdicts:
        if id(verdict) in used:
            continue
        m = verdict.mention
        same = listed.get((family(m.kind), m.key, verdict.supported))
        if same is not None:  # the same claim stated again (a made-up number in two sentences)
            first, c = rows[same]
            rows[same] = (first, replace(c, brief_spans=(*c.brief_spans, (index, m.start, m.end))))
            continue
        listed[(family(m.kind), m.key, verdict.supported)] = len(rows)
        claim = Claim(
            text=name_as_named(m, glossary), kind=m.kind, key=m.key, in_source=verdict.supported, start=verdict.source_start,
            end=verdict.source_end, speaker=m.speaker, origin=brief_language, sentence=verdict.source_sentence,
            value=m.value, brief_sentence=index, brief_spans=((index, m.start, m.end),), note=verdict.note,
        )
        rows.append((m, _mark(claim, brief_language, True)))
    warnings = [f"unsupported {v.mention.kind} in summary sentence {i + 1}: {v.note}" for i, v in verdicts
                if id(v) in flagged]
    # The summary's claims as the checker found them, sentence by sentence (no second parse of it).
    summary_index = joined_index(summary.texts, [[v.mention for v in s.verdicts] for s in result.sentences])
    rows, cross_warnings = _cross_lingual(
        rows, summary, summary_index, translations, back_translations, source, article.published, glossary
    )
    return Traced(tuple(claim for _, claim in rows), warnings + cross_warnings,
                  any(sentence.by_entailment for sentence in result.sentences))


def _cross_lingual(rows, summary, summary_index, translations, back_translations, source, published, glossary):
    warnings: list[str] = []
    for translation in translations:
        language = translation.target_language
        if language not in ("en", "ar"):
            continue
        found = mentions_of([" ".join(translation.sentences)], language, glossary, published)[0]
        target = text_index(translation.sentences, found)
        back = back_translation_of(translation, back_translations)
        back_index = None
        if back is not None:
            back_index = text_index(back.sentences, mentions_of([" ".join(back.sentences)], back.target_language, glossary, published)[0])
        updated = []
        for mention, claim in rows:
            if not _in_language(claim, summary.language):
                updated.append((mention, claim))
                continue
            reached = carried(mention, target, language, glossary, KNOBS)
            again = round_trip(mention, back_index, glossary, KNOBS) if back_index is not None else None
            note = claim.note
            if reached is None and again is not None and mention.kind != "quote":
                reached, note = again, (note or "judged by translating the brief back")
            if reached is False and mention.kind in ("number", "date") or reached is False and claim.kind in ("person", "organisation", "place"):
                where = f" (sentence {claim.brief_sentence + 1})" if claim.brief_sentence is not None else ""
                warnings.append(f"the {language_name(language)} brief lacks {mention.kind} {mention.text!r}{where}: "
                                "the translation dropped or changed it")
            dropped = (*claim.dropped_in, language) if reached is False else claim.dropped_in
            updated.append((mention, _mark(replace(claim, in_round_trip=again, note=note, dropped_in=dropped), language, reached)))
        rows = updated
        for stray in stray_numbers(found, summary_index, glossary, KNOBS):
            in_source = bool(find(stray, source, glossary, KNOBS))
            warnings.append(f"the {language_name(language)} brief has {stray.kind} {stray.text!r}, which the "
                            f"{language_name(summary.language)} brief does not: the translator made it up")
            claim = Claim(text=stray.text, kind=stray.kind, key=stray.key, in_source=bool(in_source), origin=language,
                          value=stray.value, note="in the translation only")
            rows.append((stray, _mark(_mark(claim, language, True), summary.language, False)))
    return rows, warnings


def _as_judged(verdict, sentence, flagged: bool):
    """A claim test's verdict as the whole checker holds it: one the learned judge overrules (its sentence
    rated supported, the claim's sort no veto) is supported, unless it occurs nowhere in the source; either
    way its note says so. Supported claims and confirmed doubts stand as they are."""
    if verdict.supported or flagged:
        return verdict
    why = (f"the claim test doubted it ({verdict.note}), but the claim judge rates its sentence supported "
           f"({sentence.support:.2f}; {sentence.threshold:.2f} passes)")
    return replace(verdict, supported=not verdict.absent, note=why, source_says=None)


def _mark(claim: Claim, language: str, value: bool | None) -> Claim:
    if language == "en":
        return replace(claim, in_en=value)
    if language == "ar":
        return replace(claim, in_ar=value)
    return claim


def _in_language(claim: Claim, language: str) -> bool:
    return bool(claim.in_en if language == "en" else claim.in_ar if language == "ar" else claim.in_source)
