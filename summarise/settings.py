"""Settings in layers: defaults < config file < SUMMARISE_* environment < explicit overrides (flags).

Read once (by the CLI or the library entry point) and passed explicitly; nothing reads settings into
module globals.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEVICES = ("auto", "cpu", "cuda")
DTYPES = ("auto", "float32", "bfloat16", "float16")
# How seq2seq models run: "auto" uses a CTranslate2 conversion when one matches the model's weights
# (see summarise.models.ct2) and transformers otherwise; the other two force one backend.
BACKENDS = ("auto", "transformers", "ctranslate2")
# The largest article read, in bytes (UTF-8 bytes for text given as a string). A news article is tens of
# kilobytes; two megabytes is a book. Raise it with SUMMARISE_MAX_INPUT_BYTES. summarise.segment.read
# uses this as its default, so library calls without settings get the same limit.
DEFAULT_MAX_INPUT_BYTES = 2_000_000


def default_home() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "summarise"


@dataclass(frozen=True)
class Settings:
    summariser: str | None = None  # None: the best summariser present locally for the language
    translator: str | None = None  # None: the best translator present locally for each pair
    sentences: int = 3  # brief length
    language: str | None = None  # source language; None: detect it
    targets: tuple[str, ...] = ("en", "ar")  # the brief's languages
    device: str = "auto"
    dtype: str = "auto"
    backend: str = "auto"  # one of BACKENDS
    offline: bool = False
    models_dir: Path = field(default_factory=lambda: default_home() / "models")
    model_paths: Mapping[str, str] = field(default_factory=dict)  # registry name -> local directory
    glossary: Path | None = None
    batch_size: int = 16  # sentences or chunks per generate() call
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES

    def __post_init__(self) -> None:
        if self.device not in DEVICES:
            raise ConfigError(f"unknown device {self.device!r}", f"use one of {', '.join(DEVICES)}")
        if self.dtype not in DTYPES:
            raise ConfigError(f"unknown dtype {self.dtype!r}", f"use one of {', '.join(DTYPES)}")
        if self.backend not in BACKENDS:
            raise ConfigError(f"unknown backend {self.backend!r}", f"use one of {', '.join(BACKENDS)}")
        if self.language is not None and not re.fullmatch(r"[a-z]{2,3}", self.language):
            raise ConfigError(
                f"unknown language code {self.language!r}",
                "give an ISO 639-1 code such as en, ar or fr (or leave --language out to detect it)",
            )
        if self.sentences < 1:
            raise ConfigError(f"--sentences must be at least 1 (got {self.sentences})")
        if self.batch_size < 1:
            raise ConfigError(f"batch size must be at least 1 (got {self.batch_size})")


def parse_model_paths(text: str) -> dict[str, str]:
    """``"name=DIR,name2=DIR2"`` (or a list of ``name=DIR``) -> mapping."""
    items = [part.strip() for part in text.split(",") if part.strip()]
    return parse_model_path_items(items)


def parse_model_path_items(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        name, sep, path = item.partition("=")
        if not sep or not name.strip() or not path.strip():
            raise ConfigError(f"bad model path {item!r}", "write NAME=DIR, e.g. opus-mt-en-ar=/models/opus")
        out[name.strip()] = str(Path(path.strip()).expanduser())
    return out


_ENV = {
    "SUMMARISE_SUMMARISER": "summariser",
    "SUMMARISE_TRANSLATOR": "translator",
    "SUMMARISE_LANGUAGE": "language",
    "SUMMARISE_SENTENCES": "sentences",
    "SUMMARISE_DEVICE": "device",
    "SUMMARISE_DTYPE": "dtype",
    "SUMMARISE_BACKEND": "backend",
    "SUMMARISE_OFFLINE": "offline",
    "SUMMARISE_MODELS_DIR": "models_dir",
    "SUMMARISE_MODEL_PATHS": "model_paths",
    "SUMMARISE_GLOSSARY": "glossary",
    "SUMMARISE_BATCH_SIZE": "batch_size",
    "SUMMARISE_MAX_INPUT_BYTES": "max_input_bytes",
}


def _coerce(name: str, value: Any) -> Any:
    kind = {f.name: f.type for f in dataclasses.fields(Settings)}[name]
    if value is None:
        return None
    if name == "model_paths":
        if isinstance(value, str):
            return parse_model_paths(value)
        if isinstance(value, (list, tuple)):
            return parse_model_path_items([str(v) for v in value])
        if isinstance(value, Mapping):
            return {str(k): str(Path(str(v)).expanduser()) for k, v in value.items()}
        raise ConfigError(f"model_paths must be a table of NAME = DIR (got {value!r})")
    if name == "language":
        return str(value).strip().lower()
    if name == "targets":
        return tuple(value.split(",")) if isinstance(value, str) else tuple(value)
    if "Path" in str(kind):
        return Path(str(value)).expanduser()
    if kind == "bool" or name == "offline":
        return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes", "on")
    if name in ("sentences", "batch_size", "max_input_bytes"):
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ConfigError(f"{name} must be a whole number (got {value!r})")
        try:
            return int(value)
        except ValueError:
            raise ConfigError(f"{name} must be a whole number (got {value!r})") from None
    return value


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    config_file = config_file or (Path(environ["SUMMARISE_CONFIG"]) if "SUMMARISE_CONFIG" in environ else None)
    if config_file is None:
        # Read the locations from ``environ`` (not the process), so a caller's environment is the whole truth.
        config_home = environ.get("XDG_CONFIG_HOME") or (f"{environ['HOME']}/.config" if environ.get("HOME") else None)
        candidate = Path(config_home) / "summarise" / "config.toml" if config_home else None
        config_file = candidate if candidate is not None and candidate.exists() else None
    if config_file is not None:
        try:
            values.update(tomllib.loads(config_file.read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise ConfigError(f"cannot read config file {config_file}: {error}") from None
    # Model paths add up, layer by layer (config, then environment, then flags), each winning per name;
    # every other setting is replaced by the layer above.
    paths = dict(_coerce("model_paths", values.pop("model_paths", {})) or {})
    for variable, name in _ENV.items():
        if environ.get(variable):
            if name == "model_paths":
                paths.update(_coerce("model_paths", environ[variable]))
            else:
                values[name] = environ[variable]
    _check_known(values)
    return apply_overrides(Settings(**{name: _coerce(name, value) for name, value in values.items()},
                                    model_paths=paths), overrides)


def enforce_offline(settings: Settings) -> None:
    """With ``offline`` set (flag, environment or config), tell the Hugging Face libraries too. Belt and
    braces: loading already reads local files only; this stops any library from trying the network."""
    if settings.offline:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"


def apply_overrides(settings: Settings, overrides: Mapping[str, Any] | None) -> Settings:
    """``settings`` with ``overrides`` (flags, keyword arguments) on top; None values are left out."""
    given = {name: value for name, value in (overrides or {}).items() if value is not None}
    _check_known(given)
    changes = {name: _coerce(name, value) for name, value in given.items()}
    if "model_paths" in changes:
        changes["model_paths"] = {**settings.model_paths, **changes["model_paths"]}
    return dataclasses.replace(settings, **changes) if changes else settings


def _check_known(values: Mapping[str, Any]) -> None:
    known = {f.name for f in dataclasses.fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(unknown)}", f"known settings: {', '.join(sorted(known))}")
