"""Route planning: which summariser and translators serve an article of a given language.

An explicitly named model that is missing or cannot serve the language is an error (the user asked
for it). A default that is missing degrades: the best present model is used, and a half of the
brief that no present model can produce is reported as unavailable, with the pull command.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ConfigError, ModelMissingError
from ..records import Unavailable
from ..settings import Settings
from .registry import ModelCard, Registry
from .store import LocalModel, locate


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
    return Route(language, summariser, translations, tuple(notes))


def _summariser(language: str, settings: Settings, registry: Registry, notes: list[str]) -> LocalModel:
    if settings.summariser:
        card = registry.get(settings.summariser, "summarise")
        if not card.handles_language(language):
            able = [c.name for c in registry.by_task("summarise") if c.handles_language(language)]
            raise ConfigError(
                f"summariser {card.name} does not handle language {language!r}",
                f"for {language!r} use one of: {', '.join(able)}",
            )
        local = locate(card, settings)
        if local is None:
            raise ModelMissingError(card.name)
        return local
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
    raise ModelMissingError(candidates[0].name if candidates else "minilm-extractive")


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
    # Suggest a commercially usable model first, then the best.
    suggestion = sorted(cards, key=lambda c: (not c.commercial, -c.preference))[0]
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
