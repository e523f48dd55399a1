"""Route planning: which summariser and translators serve an article of a given language.

An explicitly named model that is missing or cannot serve the language is an error (the user asked
for it). A default that is missing degrades: the best present model is used, and a half of the
brief that no present model can produce is reported as unavailable, with the pull command.

This is also the one place that decides whether an article can be briefed at all. An article in a
brief language (English or Arabic) always can: with no model pulled it still gets an extractive
summary in its own language and the other half is marked unavailable. An article in any other
language needs a translation into at least one brief language, since a brief only in the source
language is no English-Arabic brief: when a registered model could translate it but none is present
that is a ModelMissingError naming the model to pull (exit 3), and when no registered model could,
an UnsupportedLanguageError listing the languages that can be briefed (exit 2).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ConfigError, ModelMissingError, UnsupportedLanguageError
from ..languages import describe_language, language_name
from ..records import Unavailable
from ..settings import Settings
from .registry import ModelCard, Registry
from .store import LocalModel, locate, require


@dataclass(frozen=True)
class TranslationRoute:
    source: str
    target: str
    model: LocalModel | None  # None: unavailable
    unavailable: Unavailable | None = None


@dataclass(frozen=True)
class Route:
    language: str
    summariser: LocalModel
    translations: tuple[TranslationRoute, ...]
    notes: tuple[str, ...] = ()  # advice for the user (e.g. a better model to pull)


def plan_route(language: str, settings: Settings, registry: Registry) -> Route:
    notes: list[str] = []
    summariser = _summariser(language, settings, registry, notes)
    translations = tuple(
        _translation(language, target, settings, registry) for target in settings.targets if target != language
    )
    _require_a_brief_language(language, translations, settings, registry)
    return Route(language, summariser, translations, tuple(notes))


def _require_a_brief_language(
    language: str, translations: tuple[TranslationRoute, ...], settings: Settings, registry: Registry
) -> None:
    """Raise unless the brief will have at least one of its languages (see the module docstring)."""
    if language in settings.targets or any(leg.model is not None for leg in translations):
        return
    targets = " or ".join(language_name(t) for t in settings.targets)
    suggested = [
        registry.cards[leg.unavailable.model]
        for leg in translations
        if leg.unavailable is not None and leg.unavailable.model in registry.cards
    ]
    if suggested:
        best = _suggested(suggested)  # as for the legs themselves
        detail = (
            f"an article in {describe_language(language)} needs a translation into {targets}, "
            "and no model present can make one"
        )
        for leg in translations:
            other = leg.unavailable.model if leg.unavailable is not None else None
            if other and other != best.name and not best.translates(language, leg.target):
                card = registry.cards[other]
                licence = "" if card.commercial else f", {card.licence}: non-commercial"
                detail += f"; for {language_name(leg.target)} as well, pull {other}{licence}"
        raise ModelMissingError(best.name, detail)
    raise UnsupportedLanguageError(
        f"cannot brief an article in {describe_language(language)}: briefs are written in {targets}, "
        "and no registered model translates it into either",
        f"supported languages: {supported_languages_text(settings, registry)}. "
        "If the language was detected wrongly, give the right one with --language CODE",
    )


def supported_languages(settings: Settings, registry: Registry) -> dict[str, list[str]]:
    """Every source language some brief can be made from -> the registered translators it needs
    (empty for the brief languages themselves), in registry order of preference."""
    supported: dict[str, list[str]] = {target: [] for target in settings.targets}
    for card in registry.by_task("translate"):
        sources = set()
        for source, _target in card.pairs:
            if source == "*":
                sources.update(card.language_codes)  # a wildcard model without codes is listed by its pairs
            else:
                sources.add(source)
        for source in sorted(sources):
            if source in settings.targets or not any(card.translates(source, t) for t in settings.targets):
                continue
            names = supported.setdefault(source, [])
            if card.name not in names:
                names.append(card.name)
    return supported


def supported_languages_text(settings: Settings, registry: Registry) -> str:
    """``English (en) and Arabic (ar); French (fr) with opus-mt-fr-en or nllb-...; ... with nllb-...``"""
    supported = supported_languages(settings, registry)
    parts = [" and ".join(describe_language(t) for t in settings.targets)]
    groups: dict[tuple[str, ...], list[str]] = {}
    for language, models in supported.items():
        if models:
            groups.setdefault(tuple(models), []).append(language)
    for models, languages in sorted(groups.items(), key=lambda item: len(item[1])):
        names = ", ".join(describe_language(code) for code in sorted(languages, key=language_name))
        parts.append(f"{names} with {' or '.join(models)}")
    return "; ".join(parts)


def _summariser(language: str, settings: Settings, registry: Registry, notes: list[str]) -> LocalModel:
    if settings.summariser:
        card = registry.get(settings.summariser, "summarise")
        if not card.handles_language(language):
            able = [c.name for c in registry.by_task("summarise") if c.handles_language(language)]
            raise ConfigError(
                f"summariser {card.name} does not handle language {language!r}",
                f"for {language!r} use one of: {', '.join(able)}",
            )
        return require(card, settings)
    candidates = [c for c in registry.by_task("summarise") if c.handles_language(language)]
    for card in candidates:
        local = locate(card, settings)
        if local is not None:
            better = [c for c in candidates if c.preference > card.preference and not c.embedded]
            if better:
                notes.append(
                    f"summarising with the embedded {card.name}; for an abstractive summary run "
                    f"`{better[0].pull_command}`"
                )
            return local
    # Unreachable while lexical-extractive (embedded, every language) is registered; said plainly if not.
    raise ConfigError(f"no registered summariser handles language {language!r}", "see `summarise models list`")


def _translator_cards(source: str, target: str, settings: Settings, registry: Registry) -> list[ModelCard]:
    if settings.translator:
        card = registry.get(settings.translator, "translate")
        return [card] if card.translates(source, target) else []
    return [c for c in registry.by_task("translate") if c.translates(source, target)]


def _translation(source: str, target: str, settings: Settings, registry: Registry) -> TranslationRoute:
    cards = _translator_cards(source, target, settings, registry)
    if settings.translator and not cards:
        able = [c.name for c in registry.by_task("translate") if c.translates(source, target)]
        raise ConfigError(
            f"translator {settings.translator} does not translate {source}->{target}",
            f"for {source}->{target} use one of: {', '.join(able) or '(none registered)'}",
        )
    for card in cards:
        local = locate(card, settings)
        if local is not None:
            return TranslationRoute(source, target, local)
    if not cards:
        return TranslationRoute(
            source,
            target,
            None,
            Unavailable(target, "translate", f"no registered model translates {source}->{target}"),
        )
    suggestion = _suggested(cards)
    return TranslationRoute(
        source,
        target,
        None,
        Unavailable(
            target,
            "translate",
            f"translation model {suggestion.name} ({source}->{target}) is not present locally",
            suggestion.name,
            suggestion.pull_command,
        ),
    )


def _suggested(cards: list[ModelCard]) -> ModelCard:
    """The model to suggest pulling: a commercially usable one first, then the best."""
    return min(cards, key=lambda c: (not c.commercial, -c.preference))
