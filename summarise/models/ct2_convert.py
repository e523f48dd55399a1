"""CTranslate2 copies of seq2seq models: made once by ``summarise models convert``, then found again.

``convert`` reads the pulled (or ``--model-path``) model through the one owner of model folders
(``loading.model_folder``) and writes a converted copy to ``<models dir>/converted/<name>/`` with a
marker file recording what it was made from; ``find_converted`` returns that copy only while it still
matches its source, and ``conversion_status`` says where a model stands for ``summarise models list``.
Running a copy is ct2.py's job; this module never loads one.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError, ModelLoadError, OutputError, SummariseError
from ..settings import Settings
from .registry import ModelCard
from .store import LocalModel, require

QUANTIZATIONS = ("int8", "int8_float16", "int8_bfloat16", "float16", "bfloat16", "float32")
MARKER = "summarise-ct2.json"
CONVERTED_DIR = "converted"
# Tokenizer files copied next to the converted weights, so a converted copy documents its vocabulary.
_TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "vocab.json",
    "merges.txt",
    "source.spm",
    "target.spm",
    "spiece.model",
    "sentencepiece.bpe.model",
)
def ctranslate2_available() -> bool:
    try:
        import ctranslate2  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class ConvertedCopy:
    path: Path
    quantization: str | None  # None: a copy made before the quantization was recorded
    source_fingerprint: str
    max_positions: int | None
    ctranslate2_version: str
    forced_eos: bool = False  # transformers ends every output at max_length with </s>


def converted_path(card: ModelCard, settings: Settings) -> Path:
    return settings.models_dir / CONVERTED_DIR / card.name


def source_fingerprint(local: LocalModel) -> str:
    """What the converted copy was made from: the pulled commit, or the override's files as they are now."""
    assert local.path is not None
    parts = [local.card.name, str(local.path.resolve()), local.commit or ""]
    for path in sorted(local.path.glob("*")):
        if path.is_file() and path.suffix in (".safetensors", ".bin", ".json", ".model", ".spm", ".txt"):
            stat = path.stat()
            parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def read_marker(card: ModelCard, settings: Settings) -> dict[str, Any] | None:
    """The marker of ``card``'s converted copy as written at convert time, or None when there is no
    finished copy (no marker, an unreadable one, or no weights beside it)."""
    directory = converted_path(card, settings)
    try:
        marker = json.loads((directory / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # unreadable, not UTF-8, not JSON
        return None
    if not isinstance(marker, dict) or not (directory / "model.bin").exists():
        return None
    return marker


def find_converted(local: LocalModel, settings: Settings) -> ConvertedCopy | None:
    """The converted copy of ``local``, or None when there is none or it was made from other weights."""
    if local.path is None:
        return None
    marker = read_marker(local.card, settings)
    if marker is None or marker.get("source_fingerprint") != source_fingerprint(local):
        return None
    quantization = marker.get("quantization")  # absent from copies made before it was recorded
    return ConvertedCopy(
        path=converted_path(local.card, settings),
        quantization=quantization if isinstance(quantization, str) else None,
        source_fingerprint=marker["source_fingerprint"],
        max_positions=marker.get("max_positions"),
        ctranslate2_version=marker.get("ctranslate2_version", "?"),
        forced_eos=bool(marker.get("forced_eos", False)),
    )


@dataclass(frozen=True)
class ConversionStatus:
    """Where a model stands with CTranslate2, for ``summarise models list``."""

    state: str  # "n/a" (not convertible), "none", "ready", "stale" (made from other weights), "unchecked" (model absent)
    quantization: str | None = None  # as recorded at convert time (None: not recorded, or no copy)
    path: Path | None = None
    command: str | None = None  # what makes an up-to-date copy, when this one is stale
    runtime: bool = True  # CTranslate2 is installed, so a copy can be used

    def describe(self) -> str:
        quantization = self.quantization or "quantization not recorded"
        unused = "" if self.runtime else ", unused: CTranslate2 is not installed (pip install 'summarise[fast]')"
        if self.state == "ready":
            return f"yes ({quantization}){unused}"
        if self.state == "stale":
            return f"stale ({quantization}; made from other weights): run `{self.command}`"
        if self.state == "unchecked":
            return f"yes ({quantization}; model not present){unused}"
        return "no" if self.state == "none" else "-"


def conversion_status(card: ModelCard, settings: Settings, local: LocalModel | None) -> ConversionStatus:
    """Whether ``card`` has a CTranslate2 copy, with what quantization, and whether it matches ``local``."""
    if card.kind != "seq2seq":
        return ConversionStatus("n/a")
    marker = read_marker(card, settings)
    if marker is None:
        return ConversionStatus("none")
    recorded = marker.get("quantization")
    quantization = recorded if isinstance(recorded, str) else None
    path = converted_path(card, settings)
    runtime = ctranslate2_available()
    if local is None or local.path is None:
        return ConversionStatus("unchecked", quantization, path, runtime=runtime)
    if marker.get("source_fingerprint") == source_fingerprint(local):  # what find_converted checks
        return ConversionStatus("ready", quantization, path, runtime=runtime)
    return ConversionStatus("stale", quantization, path, convert_command(local), runtime=runtime)


def convert_command(local: LocalModel) -> str:
    """The command that converts ``local`` (a ``--model-path`` copy is named, so its fingerprint matches)."""
    command = f"summarise models convert {local.card.name}"
    if local.source == "override" and local.path is not None:
        command += f" --model-path {local.card.name}={local.path}"
    return command


def convert(card: ModelCard, settings: Settings, quantization: str = "int8", *, force: bool = False) -> ConvertedCopy:
    """Convert ``card``'s local model for CTranslate2 (once: an up-to-date copy is kept unless ``force``)."""
    if quantization not in QUANTIZATIONS:
        raise ConfigError(f"unknown quantization {quantization!r}", f"use one of {', '.join(QUANTIZATIONS)}")
    if card.kind != "seq2seq":
        raise ConfigError(f"{card.name} is not a seq2seq model; only those can be converted")
    _require_ctranslate2()
    import ctranslate2
    from ctranslate2.converters import TransformersConverter

    local = require(card, settings)
    assert local.path is not None
    existing = find_converted(local, settings)
    if existing is not None and existing.quantization == quantization and not force:
        return existing
    target = converted_path(card, settings)
    staging = target.with_name(f".{card.name}.partial")
    _prepare_converted_folder(target.parent)
    shutil.rmtree(staging, ignore_errors=True)
    from .loading import check_model_folder, model_folder

    check_model_folder(local)
    copy_files = [name for name in _TOKENIZER_FILES if (local.path / name).is_file()]
    try:
        with model_folder(local, "convert"):
            TransformersConverter(str(local.path), copy_files=copy_files).convert(
                str(staging), quantization=quantization, force=True
            )
    except ModelLoadError as error:
        shutil.rmtree(staging, ignore_errors=True)
        if error.message.startswith("refused"):
            raise ModelLoadError(
                f"refused to convert {card.name}: its PyTorch .bin weights hold more than plain tensors, and "
                "reading them could run code (they are read weights-only)",
                f"use a copy with .safetensors weights (`summarise models pull {card.name}` prefers them)",
            ) from None
        raise ModelLoadError(
            error.message.replace(f"could not convert {card.name} from {local.path}",
                                  f"could not convert {card.name} from {local.path} for CTranslate2"),
            "the transformers backend still works without conversion; check that the directory holds the "
            "published model, complete (converted Marian models need the OPUS-MT vocabulary layout, <pad> last)",
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    marker = {
        "model": card.name,
        "source": str(local.path),
        "source_kind": local.source,
        "source_commit": local.commit,
        "source_fingerprint": source_fingerprint(local),
        "quantization": quantization,
        "max_positions": _config_value(local.path, "max_position_embeddings"),
        "forced_eos": _config_value(local.path, "forced_eos_token_id") is not None,
        "ctranslate2_version": ctranslate2.__version__,
        "converted_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
    }
    from ..files import writing

    try:
        with writing(target, "the converted copy"):
            (staging / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
            # Swap in the finished copy only now, so an interrupted conversion never leaves a half copy in use.
            if target.exists():
                shutil.rmtree(target)
            os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    copy = find_converted(local, settings)
    assert copy is not None
    return copy


def _prepare_converted_folder(folder: Path) -> None:
    """Make the folder converted copies go in, or say why it cannot be written, before the minutes a
    conversion takes (and before the converter's own failure would read as a broken model, exit 3)."""
    from ..files import may_write, writing

    hint = "set models_dir (SUMMARISE_MODELS_DIR) to a folder you may write to"
    with writing(folder, "the folder for converted copies", hint):
        folder.mkdir(parents=True, exist_ok=True)
    if not may_write(folder):
        raise OutputError(f"cannot write the converted copy into {folder}: the folder is read-only", hint)


def _config_value(path: Path, name: str) -> int | None:
    """An integer from the model's generation_config.json or config.json (the first that has it)."""
    for file in ("generation_config.json", "config.json"):
        try:
            value = json.loads((path / file).read_text(encoding="utf-8")).get(name)
        except (OSError, ValueError, RecursionError, AttributeError):  # unreadable, not JSON, not a table
            continue
        if isinstance(value, int) and value >= 0:
            return value
    return None


def _require_ctranslate2() -> None:
    if not ctranslate2_available():
        raise SummariseError(
            "CTranslate2 is not installed",
            "pip install 'summarise[fast]' (or pip install ctranslate2), then run the command again",
        )
