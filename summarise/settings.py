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

from .errors import ConfigError, SummariseError

DEVICES = ("auto", "cpu", "cuda")
DTYPES = ("auto", "float32", "bfloat16", "float16")
# How seq2seq models run: "auto" uses a CTranslate2 conversion when one matches the model's weights
# (see summarise.models.ct2) and transformers otherwise; the other two force one backend.
BACKENDS = ("auto", "transformers", "ctranslate2")
# How the embedded sentence model (all-MiniLM-L6-v2) runs: "numpy" is the lean runtime
# (summarise.models.embedding: no torch, quick to start); "sentence-transformers" the reference it is
# tested against, on torch; "auto" is numpy unless --device cuda asks for the GPU (see models.loading).
EMBEDDERS = ("auto", "numpy", "sentence-transformers")
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
    embedder: str = "auto"  # one of EMBEDDERS
    offline: bool = False
    models_dir: Path = field(default_factory=lambda: default_home() / "models")
    model_paths: Mapping[str, str] = field(default_factory=dict)  # registry name -> local directory
    glossary: Path | None = None
    batch_size: int = 16  # sentences or chunks per generate() call
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES

    def __post_init__(self) -> None:
        for item in dataclasses.fields(self):
            _validate(item.name, getattr(self, item.name), None)


def _origin_text(origin: str | None) -> str:
    return f" (from {origin})" if origin else ""


def _validate(name: str, value: Any, origin: str | None) -> None:
    """Raise a ConfigError naming the setting and where it came from when ``value`` (already coerced)
    is not usable. Called where settings are read (each layer) and by Settings itself."""
    where = _origin_text(origin)
    choices = {"device": DEVICES, "dtype": DTYPES, "backend": BACKENDS, "embedder": EMBEDDERS}
    if name in choices and value not in choices[name]:
        raise ConfigError(f"unknown {name} {value!r}{where}", f"use one of {', '.join(choices[name])}")
    if name == "language" and value is not None and not re.fullmatch(r"[a-z]{2,3}", str(value)):
        raise ConfigError(
            f"unknown language code {value!r}{where}",
            "give an ISO 639-1 code such as en, ar or fr (or leave --language out to detect it)",
        )
    if name == "targets" and (not value or not all(isinstance(t, str) and re.fullmatch(r"[a-z]{2,3}", t) for t in value)):
        raise ConfigError(f"targets must be language codes such as \"en\", \"ar\" (got {value!r}){where}",
                          'write e.g. targets = ["en", "ar"] in the config file, or SUMMARISE_TARGETS=en,ar')
    if name == "sentences" and value < 1:
        raise ConfigError(f"--sentences must be at least 1 (got {value}){where}")
    if name == "batch_size" and value < 1:
        raise ConfigError(f"batch size must be at least 1 (got {value}){where}")
    if name == "max_input_bytes" and value < 1:
        raise ConfigError(
            f"max_input_bytes must be a positive number of bytes (got {value}){where}",
            f"leave it unset for the default ({DEFAULT_MAX_INPUT_BYTES:,}), or give e.g. 5000000",
        )


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
    "SUMMARISE_EMBEDDER": "embedder",
    "SUMMARISE_OFFLINE": "offline",
    "SUMMARISE_MODELS_DIR": "models_dir",
    "SUMMARISE_MODEL_PATHS": "model_paths",
    "SUMMARISE_GLOSSARY": "glossary",
    "SUMMARISE_BATCH_SIZE": "batch_size",
    "SUMMARISE_MAX_INPUT_BYTES": "max_input_bytes",
    "SUMMARISE_TARGETS": "targets",
}


_NUMBERS = ("sentences", "batch_size", "max_input_bytes")
_TEXTS = ("summariser", "translator", "language", "device", "dtype", "backend", "embedder")
_PATHS = ("models_dir", "glossary")
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off", "")


def _coerce(name: str, value: Any, origin: str | None = None) -> Any:
    """``value`` of setting ``name`` as Settings holds it, from a config file (TOML types), the
    environment (strings) or flags; a value of the wrong type or out of range is a ConfigError that
    names the setting and ``origin`` (where it was read)."""
    where = _origin_text(origin)
    if value is None:
        return None
    if name == "model_paths":
        if isinstance(value, str):
            return parse_model_paths(value)
        if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return parse_model_path_items(list(value))
        if isinstance(value, Mapping) and all(isinstance(v, (str, Path)) for v in value.values()):
            return {str(k): str(Path(str(v)).expanduser()) for k, v in value.items()}
        raise ConfigError(f"model_paths must be a table of NAME = DIR (got {value!r}){where}")
    if name == "targets":
        if isinstance(value, str):
            value = [part.strip().lower() for part in value.split(",") if part.strip()]
        elif not isinstance(value, (list, tuple)):
            raise ConfigError(f"targets must be a list of language codes (got {value!r}){where}",
                              'write e.g. targets = ["en", "ar"]')
        coerced = tuple(value)
    elif name in _PATHS:
        if not isinstance(value, (str, Path)) or not str(value).strip():
            raise ConfigError(f"{name} must be a path (got {value!r}){where}")
        coerced = Path(str(value)).expanduser()
    elif name == "offline":
        if isinstance(value, bool):
            coerced = value
        elif isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
            coerced = value.strip().lower() in _TRUE
        else:
            raise ConfigError(f"offline must be true or false (got {value!r}){where}", "use 1/0, true/false, yes/no")
    elif name in _NUMBERS:
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ConfigError(f"{name} must be a whole number (got {value!r}){where}")
        try:
            coerced = int(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{name} must be a whole number (got {value!r}){where}") from None
    elif name in _TEXTS:
        if not isinstance(value, str):
            raise ConfigError(f"{name} must be text (got {value!r}){where}")
        coerced = value.strip().lower() if name == "language" else value
    else:
        coerced = value
    _validate(name, coerced, origin)
    return coerced


# The most a config file may hold: settings are a few lines; anything larger is not a config file.
MAX_CONFIG_BYTES = 1_000_000


def _read_config(config_file: Path) -> dict[str, Any]:
    from .segment.read import read_bytes

    where = f"config file {config_file}"
    try:
        data = read_bytes(config_file, max_bytes=MAX_CONFIG_BYTES)
    except SummariseError as error:
        raise ConfigError(f"cannot read the {where}: {error.message}", "fix or remove it (SUMMARISE_CONFIG names it)") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"the {where} is larger than {MAX_CONFIG_BYTES:,} bytes; it is not a settings file")
    try:
        return tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"the {where} is not UTF-8 text (invalid byte at {error.start}); is it a binary file?",
            "a config file is TOML text, e.g. sentences = 4",
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"the {where} is not valid TOML: {error}", "fix the line it names") from None
    except (RecursionError, ValueError, MemoryError) as error:
        raise ConfigError(f"the {where} cannot be read as TOML ({type(error).__name__})") from None


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    # Empty is unset, as for every SUMMARISE_* variable (Path("") would be the working folder).
    config_file = config_file or (Path(environ["SUMMARISE_CONFIG"]) if environ.get("SUMMARISE_CONFIG", "").strip() else None)
    if config_file is None:
        # Read the locations from ``environ`` (not the process), so a caller's environment is the whole truth.
        config_home = environ.get("XDG_CONFIG_HOME") or (f"{environ['HOME']}/.config" if environ.get("HOME") else None)
        candidate = Path(config_home) / "summarise" / "config.toml" if config_home else None
        config_file = candidate if candidate is not None and candidate.exists() else None
    origins: dict[str, str] = {}
    if config_file is not None:
        values.update(_read_config(config_file))
        origins = {name: f"config file {config_file}" for name in values}
        _check_known(values, origins)
        # Checked here, layer by layer: a bad value in the config file is an error even when an
        # environment variable or a flag would replace it (it would bite the next run without one).
        values = {
            name: value if name == "model_paths" else _coerce(name, value, origins[name]) for name, value in values.items()
        }
    # Model paths add up, layer by layer (config, then environment, then flags), each winning per name;
    # every other setting is replaced by the layer above.
    paths = dict(_coerce("model_paths", values.pop("model_paths", {}), origins.get("model_paths")) or {})
    for variable, name in _ENV.items():
        if environ.get(variable):
            origin = f"{variable} in the environment"
            if name == "model_paths":
                paths.update(_coerce("model_paths", environ[variable], origin))
            else:
                values[name] = _coerce(name, environ[variable], origin)
                origins[name] = origin
    return apply_overrides(Settings(**values, model_paths=paths), overrides)


def enforce_offline(settings: Settings) -> None:
    """With ``offline`` set (flag, environment or config), tell the Hugging Face libraries too. Belt and
    braces: loading already reads local files only; this stops any library from trying the network."""
    if settings.offline:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"


def apply_overrides(settings: Settings, overrides: Mapping[str, Any] | None) -> Settings:
    """``settings`` with ``overrides`` (flags, keyword arguments) on top; None values are left out."""
    given = {name: value for name, value in (overrides or {}).items() if value is not None}
    _check_known(given, {})
    changes = {name: _coerce(name, value, "the command line or the caller's arguments") for name, value in given.items()}
    if "model_paths" in changes:
        changes["model_paths"] = {**settings.model_paths, **changes["model_paths"]}
    return dataclasses.replace(settings, **changes) if changes else settings


def _check_known(values: Mapping[str, Any], origins: Mapping[str, str]) -> None:
    known = {f.name for f in dataclasses.fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        where = sorted({origins[name] for name in unknown if name in origins})
        raise ConfigError(
            f"unknown setting(s): {', '.join(unknown)}{_origin_text(', '.join(where))}",
            f"known settings: {', '.join(sorted(known))}",
        )
