"""The pipeline: read -> segment -> summarise -> check claims -> translate -> trace claims -> Brief.

``Pipeline`` holds settings and the registry; models are loaded lazily (and cached) on first use, so a
long-lived Pipeline serves many articles with one load. The CLI, batch jobs and tests all call this.

What the batch engines share lives here: ``segment_item`` (one input read and segmented, its failure
kept with it) and ``brief_segmented``/``brief_many`` (briefs of many articles, model calls batched
across them). What only the one-process engine needs, a thread that segments ahead of the models, is
in lookahead.py; the Ray engine runs the same two calls in tasks and actors instead.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from . import claims as claims_stage
from .article_source import ArticleSource, check_source, read_source, source_name
from .claims.source import SourceIndex
from .errors import SummariseError
from .languages import language_name as _language_name
from .lookahead import groups_of, work_ahead
from .models.registry import Registry, load_registry
from .models.routes import Route, plan_route
from .models.store import LocalModel, locate
from .records import Article, Brief, ModelUse, Summary, Translation, Unavailable
from .segment import Document, segment
from .settings import Settings, apply_overrides, enforce_offline, load_settings
from .summarisers import summarise_article, summarise_many
from .translate import back_translate, back_translate_many, translate_many

# Articles briefed together by pipe() and batch jobs: enough to fill generate() batches across
# articles, few enough that an interrupted group loses little work.
DEFAULT_ARTICLES_PER_BATCH = 16
# Article text briefed together at most (a longer article goes alone). Measured on a 1 MB English
# article: its claim index holds about 80 MB, kept from review until its brief is assembled, and the
# spaCy parse that builds it takes about 400 MB more while it runs (one batch for the whole group).
GROUP_CHARACTERS = 2_000_000

Source = ArticleSource  # str: the text; Path / os.PathLike: a file; bytes; Document (article_source.py)


@dataclass(frozen=True)
class Failure:
    """An input that could not be briefed, with the error to report."""

    source: str
    error: SummariseError


@dataclass(frozen=True)
class Segmented:
    """One input after reading and segmentation: its Article, or the Failure that stopped it."""

    index: int  # position in the input sequence
    source: Source
    result: Article | Failure
    seconds: float  # spent reading and segmenting it


class Pipeline:
    def __init__(self, settings: Settings | None = None, registry: Registry | None = None):
        self.settings = settings or load_settings()
        enforce_offline(self.settings)
        self.registry = registry or load_registry()
        self.registry.check_names(self.settings.model_paths)  # a mistyped --model-path NAME is an error

    # -- stages -----------------------------------------------------------------------------------
    def read(self, source: Source) -> Document:
        """A str is the article's text, a Path/os.PathLike a file, bytes its content (see article_source)."""
        return read_source(source, max_bytes=self.settings.max_input_bytes)

    def segment(self, source: Source) -> Article:
        return segment(self.read(source), language=self.settings.language)

    def route(self, article: Article) -> Route:
        return plan_route(article.language, self.settings, self.registry)

    # -- whole briefs -----------------------------------------------------------------------------
    def brief(self, source: Source) -> Brief:
        return self.brief_article(self.segment(source))

    def brief_article(self, article: Article) -> Brief:
        route = self.route(article)
        summary = summarise_article(article, route.summariser, self.settings)
        (source,) = claims_stage.analyse_sources([article], self.settings)
        summary, review_warnings = claims_stage.review_summary(article, summary, settings=self.settings, source=source)
        translations, unavailable = self.translate_summary(summary, route)
        return self.assemble(article, route, summary, translations, unavailable, review_warnings, source=source)

    def translate_summary(self, summary: Summary, route: Route) -> tuple[list[Translation], list[Unavailable]]:
        """Translate the summary into every other brief language the route can serve."""
        return self.translate_summaries([summary], [route])[0]

    def translate_summaries(
        self, summaries: Sequence[Summary], routes: Sequence[Route]
    ) -> list[tuple[list[Translation], list[Unavailable]]]:
        """translate_summary for many summaries at once: the sentences of every summary that goes
        through the same model are translated in one batched call."""
        unavailable: list[list[Unavailable]] = [[] for _ in summaries]
        slots: list[list[Translation | None]] = [[] for _ in summaries]
        jobs: dict[tuple[str, str, str, str], list[tuple[int, int]]] = {}
        legs = {}
        for i, route in enumerate(routes):
            for leg in route.translations:
                if leg.model is None:
                    assert leg.unavailable is not None
                    unavailable[i].append(leg.unavailable)
                    continue
                key = (leg.source, leg.target, leg.model.card.name, str(leg.model.path))
                jobs.setdefault(key, []).append((i, len(slots[i])))
                legs[key] = leg
                slots[i].append(None)
        for key, members in jobs.items():
            leg = legs[key]
            documents = [summaries[i].texts for i, _ in members]
            for (i, slot), translation in zip(
                members, translate_many(documents, leg.source, leg.target, leg.model, self.settings)
            ):
                slots[i][slot] = translation
        return [([t for t in done if t is not None], missing) for done, missing in zip(slots, unavailable)]

    def assemble(
        self,
        article: Article,
        route: Route,
        summary: Summary,
        translations: list[Translation],
        unavailable: list[Unavailable],
        review_warnings: list[str] = (),
        *,
        source: SourceIndex | None = None,
        back_translations: Sequence[Translation] | None = None,
    ) -> Brief:
        """The finished Brief: claims traced into every language, provenance, warnings. ``source``: the
        article's claim index, when the review built one; ``back_translations``: the translations
        translated back, when the caller made them (else made here, for the round-trip check)."""
        if back_translations is None:
            back_translations = back_translate(translations, self.settings, self.registry)
        claims, claim_warnings, entailment_decided = claims_stage.trace_claims(
            article, summary, translations, settings=self.settings, source=source, back_translations=back_translations
        )
        warnings = [*article.input_warnings, *route.notes]
        if summary.coverage < 1.0:
            warnings.append(
                f"the summariser saw {summary.coverage:.0%} of the article's sentences "
                f"({summary.chunks} chunk(s)); the rest did not inform the summary"
            )
        for missing in unavailable:
            how = f"; run `{missing.pull_command}`" if missing.pull_command else ""
            warnings.append(f"{_language_name(missing.language)} brief unavailable: {missing.reason}{how}")
        warnings.extend(review_warnings)
        warnings.extend(claim_warnings)
        ran = {(t.source_language, t.target_language): t.backend for t in translations}
        models = [_model_use("summariser", route.summariser, summary.backend)]
        models += [
            _model_use(f"translator:{leg.source}-{leg.target}", leg.model, ran.get((leg.source, leg.target)))
            for leg in route.translations if leg.model
        ]
        for back in back_translations:  # the round-trip check's models shape the claim table too
            card = self.registry.cards.get(back.model)
            local = locate(card, self.settings) if card is not None else None
            if local is not None:
                models.append(_model_use(f"back-translator:{back.source_language}-{back.target_language}", local, back.backend))
        if entailment_decided:  # a pulled entailment model judged some of the summary's sentences
            entailment = _entailment_use(self.settings)
            if entailment is not None:
                models.append(entailment)
        return Brief(
            article=article,
            summary=summary,
            translations=tuple(translations),
            claims=claims,
            models=tuple(models),
            unavailable=tuple(unavailable),
            warnings=tuple(warnings),
        )

    # -- many articles ----------------------------------------------------------------------------
    def pipe(self, sources: Iterable[Source], *, articles_per_batch: int = DEFAULT_ARTICLES_PER_BATCH) -> Iterator[Brief | Failure]:
        """Brief many inputs, one result per input in input order; a bad input yields a Failure and
        the rest go on. Upcoming inputs are segmented on a thread while the models work, and the
        model stages batch across ``articles_per_batch`` articles at a time. ``sources`` as for
        ``brief``; an input of another type raises TypeError (a programming mistake, not a Failure)."""
        ahead = self.segment_ahead(map(check_source, sources), depth=2 * articles_per_batch)
        for group in groups_of(ahead, articles_per_batch):
            yield from self.brief_segmented(group)

    def segment_ahead(
        self, sources: Iterable[Source], *, depth: int = 2 * DEFAULT_ARTICLES_PER_BATCH
    ) -> Iterator[Segmented]:
        """Read and segment ``sources`` on a background thread, up to ``depth`` inputs ahead of the
        consumer (the local engine's look-ahead; see lookahead.py)."""
        return work_ahead(sources, self.segment_item, depth=depth)

    # -- shared by every engine: segment one input, brief segmented inputs together --------------------
    def segment_item(self, index: int, source: Source) -> Segmented:
        """Read and segment one input; a failure stays with it (as its Failure), never raised. The local
        engine's look-ahead thread and the Ray engine's segmentation tasks both call this."""
        started = time.perf_counter()
        try:
            result: Article | Failure = self.segment(source)
        except Exception as error:  # noqa: BLE001 - confined to this input, reported as its Failure
            result = Failure(source_name(source), _as_summarise_error(error))
        return Segmented(index, source, result, time.perf_counter() - started)

    def brief_segmented(self, items: Sequence[Segmented]) -> list[Brief | Failure]:
        """Results for segmented inputs, in their order: briefs of the articles, made together by
        brief_many, and the Failures of those that could not be segmented."""
        articles = [item.result for item in items if isinstance(item.result, Article)]
        briefed = iter(self.brief_many(articles))
        return [next(briefed) if isinstance(item.result, Article) else item.result for item in items]

    def brief_many(self, articles: Sequence[Article]) -> list[Brief | Failure]:
        """Briefs of many articles, one result each, in order, with model work batched across them.

        Each article goes through the stages of brief_article (summarise, review the summary's claims,
        translate, assemble); only the model calls are shared. A failure stays with its article: when
        a batched stage fails, the group is briefed again one article at a time to find the bad one.
        Articles are taken together up to GROUP_CHARACTERS of text, so that the claim indexes and
        parses held through a group stay bounded however long the articles are.
        """
        if not articles:
            return []
        groups = _by_characters(articles, GROUP_CHARACTERS)
        if len(groups) > 1:
            return [result for group in groups for result in self.brief_many(group)]
        try:
            return self._brief_together(articles)
        except Exception as error:  # noqa: BLE001 - retried per article below, so no input is lost to another's fault
            if len(articles) == 1:
                return [Failure(_article_name(articles[0]), _as_summarise_error(error))]
            return [self.brief_many([article])[0] for article in articles]

    def _brief_together(self, articles: Sequence[Article]) -> list[Brief | Failure]:
        results: list[Brief | Failure | None] = [None] * len(articles)
        routes: dict[int, Route] = {}
        for i, article in enumerate(articles):
            try:
                routes[i] = self.route(article)
            except SummariseError as error:
                results[i] = Failure(_article_name(article), error)
        by_summariser: dict[tuple[str, str], list[int]] = {}
        for i, route in routes.items():
            by_summariser.setdefault((route.summariser.card.name, str(route.summariser.path)), []).append(i)
        summaries: dict[int, Summary] = {}
        for indices in by_summariser.values():
            made = summarise_many([articles[i] for i in indices], routes[indices[0]].summariser, self.settings)
            summaries.update(zip(indices, made))
        briefed = sorted(summaries)
        sources = dict(zip(briefed, claims_stage.analyse_sources([articles[i] for i in briefed], self.settings)))
        reviewed: dict[int, tuple[Summary, list[str]]] = {}
        for i, summary in summaries.items():
            try:
                reviewed[i] = claims_stage.review_summary(articles[i], summary, settings=self.settings, source=sources[i])
            except SummariseError as error:
                results[i] = Failure(_article_name(articles[i]), error)
        order = sorted(reviewed)
        translated = self.translate_summaries([reviewed[i][0] for i in order], [routes[i] for i in order])
        back = back_translate_many([translations for translations, _ in translated], self.settings, self.registry)
        for i, (translations, unavailable), back_translations in zip(order, translated, back):
            summary, review_warnings = reviewed[i]
            try:
                results[i] = self.assemble(
                    articles[i], routes[i], summary, translations, unavailable, review_warnings,
                    source=sources[i], back_translations=back_translations,
                )
            except SummariseError as error:
                results[i] = Failure(_article_name(articles[i]), error)
        assert all(result is not None for result in results)
        return results  # type: ignore[return-value]


def brief(source: Source, settings: Settings | None = None, **overrides) -> Brief:
    """Brief one article. ``source`` is decided by its type, never guessed: a ``str`` is the article's
    text, a ``pathlib.Path`` (or any ``os.PathLike``) a file to read, ``bytes`` the file's content
    (decoded as the command line does), a ``Document`` is used as it is; anything else is a TypeError.
    Standard input is not read here (``summarise brief -`` reads it): pass ``sys.stdin.buffer.read()``.

    ``overrides`` are settings (``summariser=``, ``translator=``, ``sentences=``, ``language=`` ...).
    """
    check_source(source)  # before any model or settings work
    settings = load_settings(overrides) if settings is None else apply_overrides(settings, overrides)
    return Pipeline(settings).brief(source)


def _entailment_use(settings) -> ModelUse | None:
    """The entailment model the claim checker asked (it is asked only when present)."""
    from .models.nli import entailment_card

    card = entailment_card(settings)
    local = locate(card, settings) if card is not None else None
    return _model_use("claim-checker:entailment", local, None) if local is not None else None


def _model_use(role: str, local: LocalModel, backend: str | None) -> ModelUse:
    """``backend``: how the stage's generator ran, as its output recorded it."""
    card = local.card
    return ModelUse(
        role=role,
        name=card.name,
        hub_id=card.hub_id,
        revision=local.revision,
        licence=card.licence,
        commercial_use=card.commercial,
        path=str(local.path) if local.path else None,
        backend=backend,
    )


def _by_characters(articles: Sequence[Article], limit: int) -> list[list[Article]]:
    """Consecutive runs of ``articles`` of at most ``limit`` characters of body each (one article
    longer than that makes a run of its own)."""
    groups: list[list[Article]] = []
    size = 0
    for article in articles:
        if not groups or size + len(article.body) > limit:
            groups.append([])
            size = 0
        groups[-1].append(article)
        size += len(article.body)
    return groups


def _article_name(article: Article) -> str:
    return article.path or "<text>"


def _as_summarise_error(error: Exception) -> SummariseError:
    """A SummariseError for any failure confined to one input; unexpected ones are named as bugs."""
    if isinstance(error, SummariseError):
        return error
    return SummariseError(
        f"unexpected {type(error).__name__} while briefing: {error}",
        "this is a bug in summarise; please report it with the input that caused it",
    )
