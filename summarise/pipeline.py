"""The pipeline: read -> segment -> summarise -> check claims -> translate -> trace claims -> Brief.

``Pipeline`` holds settings and the registry; models are loaded lazily (and cached) on first use, so a
long-lived Pipeline serves many articles with one load. The CLI, batch jobs and tests all call this.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import claims as claims_stage
from .errors import SummariseError
from .models.registry import Registry, load_registry
from .models.routes import Route, plan_route
from .models.store import LocalModel
from .records import Article, Brief, ModelUse, Summary, Translation, Unavailable
from .segment import Document, from_text, read_path, segment
from .settings import Settings, load_settings
from .summarisers import summarise_article
from .translate import translate_sentences

Source = str | Path | Document


@dataclass(frozen=True)
class Failure:
    """An input that could not be briefed, with the error to report."""

    source: str
    error: SummariseError


class Pipeline:
    def __init__(self, settings: Settings | None = None, registry: Registry | None = None):
        self.settings = settings or load_settings()
        self.registry = registry or load_registry()

    # -- stages -----------------------------------------------------------------------------------
    def read(self, source: Source) -> Document:
        if isinstance(source, Document):
            return source
        if isinstance(source, Path) or source == "-":
            return read_path(source, max_bytes=self.settings.max_input_bytes)
        return from_text(source)

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
        summary, review_warnings = claims_stage.review_summary(article, summary)
        translations, unavailable = self.translate_summary(summary, route)
        return self.assemble(article, route, summary, translations, unavailable, review_warnings)

    def translate_summary(self, summary: Summary, route: Route) -> tuple[list[Translation], list[Unavailable]]:
        """Translate the summary into every other brief language the route can serve."""
        translations: list[Translation] = []
        unavailable: list[Unavailable] = []
        for leg in route.translations:
            if leg.model is None:
                assert leg.unavailable is not None
                unavailable.append(leg.unavailable)
            else:
                translations.append(translate_sentences(summary.texts, leg.source, leg.target, leg.model, self.settings))
        return translations, unavailable

    def assemble(
        self,
        article: Article,
        route: Route,
        summary: Summary,
        translations: list[Translation],
        unavailable: list[Unavailable],
        review_warnings: list[str] = (),
    ) -> Brief:
        """The finished Brief: claims traced into every language, provenance, warnings."""
        claims, claim_warnings = claims_stage.trace_claims(article, summary, translations)
        warnings = list(route.notes)
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
        models = [_model_use("summariser", route.summariser)]
        models += [_model_use(f"translator:{leg.source}-{leg.target}", leg.model) for leg in route.translations if leg.model]
        return Brief(
            article=article,
            summary=summary,
            translations=tuple(translations),
            claims=claims,
            models=tuple(models),
            unavailable=tuple(unavailable),
            warnings=tuple(warnings),
        )

    def pipe(self, sources: Iterable[Source]) -> Iterator[Brief | Failure]:
        """Brief many inputs; a bad input yields a Failure and the rest go on."""
        for source in sources:
            try:
                yield self.brief(source)
            except SummariseError as error:
                yield Failure(str(source.name if isinstance(source, Document) else source), error)


def brief(source: Source, settings: Settings | None = None, **overrides) -> Brief:
    """Brief one article: a path (``Path``, or ``"-"`` for stdin), a ``Document`` or the text itself.

    ``overrides`` are settings (``summariser=``, ``translator=``, ``sentences=``, ``device=`` ...).
    A ``str`` that names an existing file is read as that file.
    """
    if settings is None or overrides:
        settings = load_settings(overrides)
    if isinstance(source, str) and "\n" not in source and len(source) < 4096 and Path(source).is_file():
        source = Path(source)
    return Pipeline(settings).brief(source)


def _model_use(role: str, local: LocalModel) -> ModelUse:
    card = local.card
    return ModelUse(
        role=role,
        name=card.name,
        hub_id=card.hub_id,
        revision=local.revision,
        licence=card.licence,
        commercial_use=card.commercial,
        path=str(local.path) if local.path else None,
    )


_LANGUAGE_NAMES = {"en": "English", "ar": "Arabic", "fr": "French"}


def _language_name(code: str) -> str:
    return _LANGUAGE_NAMES.get(code, code)
