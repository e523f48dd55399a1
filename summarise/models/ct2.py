"""The CTranslate2 backend: convert a model once, then generate with it when the copy is present.

``summarise models convert NAME --quantization int8`` reads the pulled (or ``--model-path``) model and
writes a converted copy to ``<models dir>/converted/<name>/``, with a marker file that records what
it was made from. :func:`load_generator` serves that copy whenever it is present and matches its
source, and the transformers model otherwise, so nothing changes for users who never convert. The
``backend`` setting (``--backend``, ``SUMMARISE_BACKEND``) forces one side: ``transformers`` ignores
converted copies, ``ctranslate2`` fails (exit 3, naming the convert command) for a model without one.

Why: on CPU, int8 CTranslate2 runs beam search several times faster than PyTorch fp32 in about half
the memory; on a GPU, ``int8_float16``/``float16`` do the same for VRAM. The batching, length sorting
and out-of-memory back-off are the shared ones of :class:`~summarise.models.seq2seq.Seq2SeqModel`.
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

from ..errors import ConfigError, ConversionMissingError, ModelLoadError, OutputError, SummariseError
from ..settings import Settings
from .registry import ModelCard
from .seq2seq import Seq2SeqModel
from .store import LocalModel, require

QUANTIZATIONS = ("int8", "int8_float16", "int8_bfloat16", "float16", "bfloat16", "float32")
MARKER = "summarise-ct2.json"
CPU_MAX_BATCH_TOKENS = 16384
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
# transformers generate() options and their CTranslate2 translate_batch() names.
_OPTION_NAMES = {
    "num_beams": "beam_size",
    "length_penalty": "length_penalty",
    "no_repeat_ngram_size": "no_repeat_ngram_size",
    "repetition_penalty": "repetition_penalty",
}
# Options with no CTranslate2 counterpart that do not change what is generated enough to matter:
# CTranslate2's beam search already stops once every beam has ended.
_IGNORED_OPTIONS = {"early_stopping"}


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


def load_generator(card: ModelCard, settings: Settings) -> Seq2SeqModel:
    """The generator for ``card`` on the backend ``settings.backend`` asks for.

    ``auto``: its CTranslate2 copy when converted and usable, else transformers. ``transformers``:
    always transformers. ``ctranslate2``: the CTranslate2 copy, and an error naming the convert
    command when there is no up-to-date copy (never a silent fallback)."""
    from .loading import _cached, load_seq2seq, resolve_device

    local = require(card, settings)
    if settings.backend == "transformers":
        return load_seq2seq(card, settings)
    if settings.backend == "ctranslate2":
        copy = _required_copy(local, settings)
    else:
        copy = find_converted(local, settings) if ctranslate2_available() else None
        if copy is None:
            return load_seq2seq(card, settings)
    device = resolve_device(settings.device)
    compute_type = choose_compute_type(copy.quantization, device, settings.dtype)
    key = ("ct2", card.name, str(copy.path), copy.source_fingerprint, device, compute_type)
    return _cached(key, lambda: _build(local, copy, device, compute_type))


def _required_copy(local: LocalModel, settings: Settings) -> ConvertedCopy:
    """The up-to-date CTranslate2 copy of ``local`` for ``backend = "ctranslate2"``, or the error to show."""
    name = local.card.name
    if not ctranslate2_available():
        raise ModelLoadError(
            f"the ctranslate2 backend was asked for, but CTranslate2 is not installed (needed for {name})",
            "pip install 'summarise[fast]' (or pip install ctranslate2), or use --backend auto or transformers",
        )
    copy = find_converted(local, settings)
    if copy is not None:
        return copy
    stale = read_marker(local.card, settings) is not None
    raise ConversionMissingError(name, convert_command(local), stale=stale)


def choose_compute_type(quantization: str | None, device: str, dtype: str = "auto") -> str:
    """The CTranslate2 compute type for weights stored as ``quantization`` on ``device``.

    An explicit ``--dtype float32`` asks for full precision and gets it; otherwise int8 weights
    compute in int8 (CPU) or int8 with float16/bfloat16 activations (GPU). A copy whose quantization
    was not recorded (``None``) is treated as full precision.
    """
    import ctranslate2

    quantization = quantization or "float32"
    int8 = quantization.startswith("int8")
    if dtype == "float32":
        choice = "float32"
    elif device == "cuda":
        half = dtype if dtype in ("float16", "bfloat16") else ("bfloat16" if "bfloat16" in quantization else "float16")
        choice = f"int8_{half}" if int8 else half
    else:
        choice = "int8" if int8 else "float32"  # CPUs have no fast half-precision path
    supported = ctranslate2.get_supported_compute_types(device)
    fallbacks = ("int8_float16", "int8", "float16", "float32") if int8 else ("float16", "float32")
    return next((c for c in (choice, *fallbacks) if c in supported), "float32")


def _build(local: LocalModel, copy: ConvertedCopy, device: str, compute_type: str) -> CTranslate2Model:
    import ctranslate2
    from transformers import AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    assert local.path is not None
    from .loading import model_folder

    threads = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    with model_folder(local):
        tokenizer = AutoTokenizer.from_pretrained(local.path, local_files_only=True)
    try:
        translator = ctranslate2.Translator(
            str(copy.path), device=device, compute_type=compute_type, inter_threads=1, intra_threads=threads
        )
    except Exception as error:  # noqa: BLE001 - any failure of the converted copy means the same
        raise ModelLoadError(
            f"could not load the CTranslate2 copy of {local.card.name} from {copy.path}: {error}",
            f"re-run `summarise models convert {local.card.name} --force`, or delete {copy.path} to use transformers",
        ) from None
    return CTranslate2Model(
        local=local,
        tokenizer=tokenizer,
        model=translator,
        device=device,
        dtype=compute_type,
        positions=copy.max_positions,
        forced_eos=copy.forced_eos,
    )


@dataclass
class CTranslate2Model(Seq2SeqModel):
    """A Seq2SeqModel whose batches run on a ``ctranslate2.Translator``."""

    positions: int | None = None
    forced_eos: bool = False

    backend = "ctranslate2"

    @property
    def max_positions(self) -> int | None:
        return self.positions

    @property
    def default_batch_tokens(self) -> int:
        # Measured on 2 CPU cores (bench/throughput.py's models): four 800-token articles per beam-4
        # batch took 1.5x less CPU time than one at a time, for ~250 MB more memory.
        return CPU_MAX_BATCH_TOKENS if self.device == "cpu" else super().default_batch_tokens

    def _no_grad(self):
        import contextlib

        return contextlib.nullcontext()

    def is_out_of_memory(self, error: BaseException) -> bool:
        # CTranslate2 reports CUDA allocation failures as RuntimeError("... out of memory").
        return isinstance(error, RuntimeError) and "out of memory" in str(error).lower()

    def _release_memory(self) -> None:
        pass  # CTranslate2 returns its cached blocks to the allocator on its own

    def _generate_batch(self, batch: list[list[int]], kwargs: dict[str, Any]) -> list[str]:
        options = translate_options(kwargs, self.tokenizer, forced_eos=self.forced_eos)
        prefix = options.pop("target_prefix_token", None)
        source = [self.tokenizer.convert_ids_to_tokens(ids) for ids in batch]
        results = self.model.translate_batch(
            source,
            target_prefix=[[prefix]] * len(batch) if prefix else None,
            max_batch_size=0,  # our batches are already planned; run each whole
            return_end_token=True,  # counted like transformers counts it; dropped when decoding
            max_input_length=0,  # never truncate (its default cuts at 1024); callers chunk to the model's limit
            **options,
        )
        hypotheses = [self.tokenizer.convert_tokens_to_ids(result.hypotheses[0]) for result in results]
        self.stats.generated_tokens += sum(len(ids) for ids in hypotheses)
        return [t.strip() for t in self.tokenizer.batch_decode(hypotheses, skip_special_tokens=True)]


def translate_options(kwargs: dict[str, Any], tokenizer: Any, *, forced_eos: bool = False) -> dict[str, Any]:
    """transformers ``generate()`` options as CTranslate2 ``translate_batch()`` options.

    Lengths differ by one: transformers counts the decoder start token in ``max_length`` and
    ``min_length``, CTranslate2 does not. With ``forced_eos`` (Marian, BART) transformers spends the
    last position on ``</s>``, so one token fewer is generated here too and both give the same text.
    An option with no counterpart is an error, never dropped.
    """
    options: dict[str, Any] = {"beam_size": 1}
    for name, value in kwargs.items():
        if name in _OPTION_NAMES:
            options[_OPTION_NAMES[name]] = value
        elif name == "max_length":
            options["max_decoding_length"] = max(1, int(value) - 1 - forced_eos)
        elif name == "min_length":
            options["min_decoding_length"] = max(0, int(value) - 1 - forced_eos)
        elif name == "forced_bos_token_id":
            options["target_prefix_token"] = tokenizer.convert_ids_to_tokens(int(value))
        elif name not in _IGNORED_OPTIONS:
            raise ConfigError(
                f"generation option {name!r} has no CTranslate2 counterpart",
                "remove it from the model card, or delete the converted copy to use transformers",
            )
    return options


def loaded_generators() -> list[Seq2SeqModel]:
    """Every seq2seq generator loaded in this process (both backends), for throughput figures."""
    from . import loading

    with loading._LOCK:
        return [value for value in loading._CACHE.values() if isinstance(value, Seq2SeqModel)]
