"""Check a summary against its source: every claim of every sentence judged, every sentence's support
measured. Used by the brief (before translation, to repair) and by ``summarise check``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..records import Article
from .extract import mentions_and_subjects, mentions_of_many
from .glossary import Glossary
from .judge import Judge, Judges, load_judge, sentence_features
from .mention import Mention, family
from .negation import negation_change
from .paraphrase import CANDIDATES, Alignment, Similarity
from .placement import Placed, placed_claims, placement_gaps
from .support import (
    Coverage,
    Settings,
    SourceIndex,
    Token,
    Verdict,
    find,
    is_content,
    judge,
    merged_coverage,
    related_sentences,
    sentence_coverage,
    tokenise,
)


@dataclass(frozen=True)
class SentenceCheck:
    index: int
    text: str
    verdicts: tuple[Verdict, ...]
    coverage: Coverage  # how well its best-matching source sentence covers it
    similarity: float | None = None  # its sentence model's best cosine to a source sentence; None: not asked
    support: float | None = None  # the learned judge's probability that the source supports it (judge.py)
    threshold: float | None = None  # ... below which it is flagged
    features: tuple[float, ...] | None = None  # what the judge read
    veto: tuple[str, ...] = ()  # claim families ("name"; "absent-name": found nowhere in the source) whose
    # unsupported claim flags the sentence whatever the judge says
    by_entailment: bool = False  # a pulled entailment model, not the learned judge, gave ``support``

    @property
    def judged_supported(self) -> bool | None:
        """The judge's (or a pulled NLI model's) decision on the sentence; None where neither rated it."""
        if self.support is None or self.threshold is None:
            return None
        return self.support >= self.threshold

    def covered(self, knobs: Settings) -> bool:
        """The source says it: by the learned judge where it ran; otherwise one source sentence says it
        in the same words, or (by the sentence model) in other words."""
        if self.judged_supported is not None:
            return self.judged_supported
        coverage = self.coverage
        if coverage.words >= knobs.sentence_coverage and coverage.pairs >= knobs.pair_coverage:
            return True
        return self.similarity is not None and self.similarity >= knobs.paraphrase_similarity

    @property
    def unsupported(self) -> tuple[Verdict, ...]:
        """Its claims the source does not support; where the judge rates the sentence as supported, only
        those of the veto families (a claim test's doubt about a name it overrules) and quotes the source
        attributes to someone else."""
        unsupported = tuple(v for v in self.verdicts if not v.supported)
        if not self.judged_supported:
            return unsupported
        return tuple(v for v in unsupported if family(v.mention.kind) in self.veto or v.misattributed
                     or v.absent and f"absent-{family(v.mention.kind)}" in self.veto)


@dataclass(frozen=True)
class CheckResult:
    sentences: tuple[SentenceCheck, ...]
    knobs: Settings

    @property
    def unsupported(self) -> tuple[tuple[int, Verdict], ...]:
        """(summary sentence, verdict) of every claim the source does not support."""
        return tuple((s.index, v) for s in self.sentences for v in s.unsupported)

    @property
    def weak_sentences(self) -> tuple[SentenceCheck, ...]:
        """Sentences with no unsupported claim that no single source sentence says."""
        return tuple(s for s in self.sentences if not s.unsupported and not s.covered(self.knobs))

    @property
    def consistent(self) -> bool:
        return not self.unsupported and not self.weak_sentences


def source_index(article: Article, mentions: list[Mention]) -> SourceIndex:
    spans = [(s.start, s.end) for s in article.sentences] or [(0, len(article.body))]
    header = "\n".join(part for part in (article.title, article.standfirst, article.dateline) if part)
    return SourceIndex(article.body, spans, mentions, header)


def build_sources(articles: Sequence[Article], glossary: Glossary) -> list[SourceIndex]:
    """The source index of each article; spaCy runs once per language over all of them."""
    by_language: dict[str, list[int]] = {}
    for i, article in enumerate(articles):
        by_language.setdefault(article.language, []).append(i)
    built: dict[int, SourceIndex] = {}
    for language, indices in by_language.items():
        found = mentions_of_many([articles[i].body for i in indices], language, glossary, [articles[i].published for i in indices])
        for i, mentions in zip(indices, found):
            built[i] = source_index(articles[i], mentions)
    return [built[i] for i in range(len(articles))]


def _ordinary_opening_word(mention: Mention, text: str, source: SourceIndex) -> bool:
    """A one-word organisation (or unsorted name) that opens the sentence and that the source writes as
    an ordinary word ("Feud started in 1980", "Owner suspected ..."): its capital is the sentence's;
    spaCy reads such headline-style openings as names. A person is kept: "Rose said" may be a name the
    source gives only where "rose" is a verb too, and the claim tests should see it."""
    if mention.kind not in ("organisation", "other") or any(c.isalnum() for c in text[:mention.start]):
        return False
    words = tokenise(mention.text)
    return len(words) == 1 and source.written_in_lower_case(words[0].text)


def check_many(
    articles: Sequence[Article],
    summaries: Sequence[Sequence[str]],
    glossary: Glossary,
    knobs: Settings | None = None,
    *,
    sources: Sequence[SourceIndex] | None = None,
    similarity: Similarity | None = None,
    learned: Judge | Judges | None = None,
) -> list[CheckResult]:
    """Check each summary (a list of sentences) against its article; all spaCy work in two batches.
    ``sources``: already-built source indexes (the brief builds its own once). ``similarity``: the
    sentence model that may find a paraphrase where the words find a weak English sentence
    (paraphrase.py) and feeds the learned judges (judge.py; ``learned``: other weights than the shipped
    ones, a bare ``Judge`` rating every summary whatever its style); without it, and in other
    languages, the weak-sentence test goes by words alone."""
    knobs = knobs or Settings()
    if sources is None:
        sources = build_sources(articles, glossary)
    results = []
    flat = [(a, j, s) for a, sentences in enumerate(summaries) for j, s in enumerate(sentences)]
    per_language: dict[str, list[int]] = {}
    for k, (a, _, _) in enumerate(flat):
        per_language.setdefault(articles[a].language, []).append(k)
    mentions: dict[int, list[Mention]] = {}
    subjects: dict[int, list[tuple[int, int]]] = {}
    for language, ks in per_language.items():
        found, said_of = mentions_and_subjects([flat[k][2] for k in ks], language, glossary,
                                               [articles[flat[k][0]].published for k in ks])
        mentions.update(zip(ks, found))
        subjects.update(zip(ks, said_of))
    checks: list[list[SentenceCheck]] = [[] for _ in articles]
    tokenised: list[list[list[Token]]] = [[] for _ in articles]  # beside ``checks``: each sentence tokenised once
    asked: list[tuple[int, int, list[Token]]] = []  # (article, its sentence, tokens): for the sentence model
    subjects_of: dict[tuple[int, int], list[tuple[int, int]]] = {}  # an asked sentence's subject spans
    occurrences_of: dict[tuple[int, int], list[list[tuple[int, int, int]]]] = {}  # ... and where its claims occur
    for k, (a, j, text) in enumerate(flat):
        mentions[k] = [m for m in mentions[k] if not _ordinary_opening_word(m, text, sources[a])]
        tokens = tokenise(text)
        found = [find(m, sources[a], glossary, knobs) for m in mentions[k]]  # the claim tests' and placement's
        verdicts = tuple(judge(m, tokens, sources[a], glossary, knobs, where) for m, where in zip(mentions[k], found))
        check = SentenceCheck(j, text, verdicts, sentence_coverage(tokens, sources[a]))
        # The sentence model reads English only (all-MiniLM-L6-v2 rates unrelated Arabic pairs 0.6-0.8).
        # A sentence whose every content word and pairing one source sentence holds is not asked: it is
        # that sentence (cosine 1 to the judge), so extractive summaries cost nothing here.
        if similarity is not None and articles[a].language == "en" and not _verbatim(check.coverage):
            asked.append((a, len(checks[a]), tokens))
            subjects_of[(a, len(checks[a]))] = subjects[k]
            occurrences_of[(a, len(checks[a]))] = found
        checks[a].append(check)
        tokenised[a].append(tokens)
    aligned: dict[tuple[int, int], Alignment] = {}
    # For the judge's placement features (placement.py): each sentence's claims and where the source
    # holds them; the candidates it is compared with include those sentences; each claim's alignment
    # is that of the sentence read without it.
    placements: dict[tuple[int, int], list[Placed]] = {}
    candidates_of: dict[tuple[int, int], list[int]] = {}
    without_claim: dict[tuple[int, int], dict[int, Alignment]] = {}
    if asked:
        items, candidates, masked = [], [], []
        for a, i, tokens in asked:
            source = sources[a]
            placed = placed_claims(checks[a][i].text, tokens, checks[a][i].verdicts, occurrences_of[(a, i)],
                                   subjects_of[(a, i)], source)
            related = sorted(set(related_sentences(tokens, source, CANDIDATES)).union(*(p.sentences for p in placed)))
            candidates.append(related)
            placements[(a, i)] = placed
            texts = [source.text[start:end] for start, end in (source.spans[n] for n in related)]
            items.append((checks[a][i].text, texts))
            masked += [((a, i), k, (p.without, texts)) for k, p in enumerate(placed) if p.without]
        for (a, i, _), related, answer in zip(asked, candidates, similarity(items), strict=True):
            if answer is not None and related:
                aligned[(a, i)] = replace(answer, closest=related[answer.closest])  # a source sentence number
                candidates_of[(a, i)] = related
            checks[a][i] = replace(checks[a][i], similarity=None if answer is None else answer.best)
        plain = getattr(similarity, "plain", similarity)  # the sentence model alone (no entailment model)
        for (key, k, _), answer in zip(masked, plain([item for _, _, item in masked]) if masked else [], strict=True):
            if answer is not None:
                without_claim.setdefault(key, {})[k] = answer
    if similarity is not None:
        learned = learned or load_judge()
        for a, i in ((a, i) for a, cs in enumerate(checks) for i in range(len(cs))):
            check = checks[a][i]
            if articles[a].language != "en" or not (_verbatim(check.coverage) or (a, i) in aligned):
                continue  # no rating: the word test decides
            # The summary's style (does it copy the article?) picks the judge (judge.Judges).
            rater = learned.for_summary([c.coverage.words for c in checks[a]]) if isinstance(learned, Judges) else learned
            alignment = aligned.get((a, i))
            placement = placement_gaps(alignment, candidates_of.get((a, i), []), placements.get((a, i), []),
                                       without_claim.get((a, i), {}))
            features = _features(check, tokenised[a][i], sources[a], alignment, placement)
            by_entailment = alignment is not None and alignment.entailment is not None  # a pulled NLI model decides
            if by_entailment:
                support, threshold = alignment.entailment, ENTAILMENT_THRESHOLD
            else:
                support, threshold = rater.probability(features), rater.threshold
            checks[a][i] = replace(check, support=support, threshold=threshold, features=features, veto=rater.veto,
                                   by_entailment=by_entailment)
    for sentence_checks in checks:
        results.append(CheckResult(tuple(sentence_checks), knobs))
    return results


# P(entailment) below which a pulled NLI model flags a sentence: the label's own decision boundary,
# not tuned (no such model can be downloaded where this was written; see README).
ENTAILMENT_THRESHOLD = 0.5


def _verbatim(coverage: Coverage) -> bool:
    return coverage.words == 1.0 and coverage.pairs == 1.0


def _features(
    check: SentenceCheck, tokens: list[Token], source: SourceIndex, alignment: Alignment | None,
    placement: tuple[float, float, float],
) -> tuple[float, ...]:
    """The learned judge's view of one English sentence (judge.FEATURES)."""
    if alignment is None:  # verbatim: the closest source sentence is the one that holds all its words
        alignment = Alignment(1.0, 1.0, check.coverage.source_sentence or 0)
    merged, pair = merged_coverage(tokens, source)
    # The source sentences it was most likely made from: by words alone, by the best two, by the model.
    nearest = {n for n in (check.coverage.source_sentence, alignment.closest, *pair) if n is not None}
    content = sum(is_content(t.text) for t in tokens)
    return sentence_features(check.verdicts, check.coverage, merged, content, alignment.best, alignment.merged,
                             negation_change(tokens, source, nearest), placement)


def describe(result: CheckResult) -> list[str]:
    """One line per problem, for warnings and the command line."""
    lines = []
    for index, verdict in result.unsupported:
        lines.append(f"summary sentence {index + 1}: unsupported {verdict.mention.kind}: {verdict.note}")
    for sentence in result.weak_sentences:
        coverage = sentence.coverage
        novel = f"; words not in the source: {', '.join(coverage.novel[:6])}" if coverage.novel else ""
        if sentence.support is not None:
            model = (f"; the claim judge rates its support {sentence.support:.2f} ({sentence.threshold:.2f} "
                     "passes)" + ("" if sentence.similarity is None else
                                  f", the sentence model its closest source sentence {sentence.similarity:.2f}"))
        elif sentence.similarity is not None:
            model = (f"; the sentence model rates its closest source sentence {sentence.similarity:.2f} "
                     f"({result.knobs.paraphrase_similarity:.2f} makes a paraphrase)")
        else:
            model = ""
        lines.append(
            f"summary sentence {sentence.index + 1} is weakly supported: its best source sentence holds "
            f"{coverage.words:.0%} of its content words and {coverage.pairs:.0%} of their pairings{model}{novel}"
        )
    return lines


# -- which source claims a summary states -------------------------------------------------------------

LEAD_SENTENCES = 3  # names and dates in the first sentences of an article are its key ones


def states(verdict: Verdict, key: str, found: list[Mention]) -> bool:
    """Whether a supported summary claim is the source claim ``key`` (found at ``found``)."""
    mention = verdict.mention
    if not verdict.supported or family(mention.kind) != family(found[0].kind):
        return False
    if mention.key == key:
        return True
    if verdict.source_start is None:
        return False
    end = verdict.source_end or verdict.source_start
    return any(m.start <= verdict.source_start < m.end or verdict.source_start <= m.start < end for m in found)


def is_salient(found: list[Mention], source: SourceIndex) -> bool:
    """A key claim of the article (given every place it occurs): any number or quote, and the names and
    dates of its lead."""
    return any(
        m.kind in ("number", "quote")
        or m.kind in ("person", "organisation", "place", "date")
        and (sentence := source.sentence_of(m.start)) is not None and sentence < LEAD_SENTENCES
        for m in found
    )


_PATRONYMIC = {"bin", "ibn", "bint", "abu"}  # "Mohammed bin Salman": Salman is his father's name


def _fathers_name_last(name: str) -> bool:
    words = name.split()
    return len(words) >= 3 and words[-2] in _PATRONYMIC


def source_claims(source: SourceIndex) -> dict[tuple[str, str], list[Mention]]:
    """The source's claims, each with every place it occurs; the first of them names the claim (its
    fullest form: a place before its adjective, الأردن before الأردني).

    A surname alone ("Charest": a person, or a proper noun NER left unlabelled) joins the full name it
    shortens ("Jean Charest") when the source names exactly one person so; never a place or an
    organisation (Jordan, Michael Jordan), nor a father's name (Salman, Mohammed bin Salman)."""
    grouped: dict[tuple[str, str], list[Mention]] = {}
    for mention in source.mentions:
        grouped.setdefault((family(mention.kind), mention.key), []).append(mention)
    people = [key for key, found in grouped.items() if key[0] == "name" and " " in key[1]
              and all(m.kind == "person" for m in found) and not _fathers_name_last(key[1])]
    for key in [k for k, found in grouped.items() if k[0] == "name" and k[1] and " " not in k[1]
                and all(m.kind in ("person", "other") for m in found)]:
        fuller = [full for full in people if full[1].rsplit(" ", 1)[-1] == key[1]]
        if len(fuller) == 1:
            grouped[fuller[0]] += grouped.pop(key)  # after the full name's own mentions: it names the row
    for found in grouped.values():
        found.sort(key=lambda m: m.kind == "nationality")  # stable: in text order otherwise
    return grouped


def coverage(source: SourceIndex, result: CheckResult) -> tuple[list[Mention], list[Mention]]:
    """The article's key claims that reached the summary, and those that did not."""
    verdicts = [v for s in result.sentences for v in s.verdicts]
    reached, missed = [], []
    for (_, key), found in source_claims(source).items():
        if not is_salient(found, source):
            continue
        (reached if any(states(v, key, found) for v in verdicts) else missed).append(found[0])
    return reached, missed
