"""The CTranslate2 backend: generate with a model's converted copy when one is present.

``summarise models convert NAME`` makes the copy (ct2_convert.py). :func:`load_generator` serves it
whenever it is present and matches its source, and the transformers model otherwise, so nothing
changes for users who never convert. The ``backend`` setting (``--backend``, ``SUMMARISE_BACKEND``)
forces one side: ``transformers`` ignores converted copies, ``ctranslate2`` fails (exit 3, naming the
convert command) for a model without one.

Why: on CPU, int8 CTranslate2 runs beam search several times faster than PyTorch fp32 in about half
the memory; on a GPU, ``int8_float16``/``float16`` do the same for VRAM. The batching, length sorting
and out-of-memory back-off are the shared ones of :class:`~summarise.models.seq2seq.Seq2SeqModel`.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError, ConversionMissingError, DeviceError, ModelLoadError
from ..settings import Settings
from . import ct2_convert
from .ct2_convert import ConvertedCopy, convert_command, find_converted, read_marker
from .registry import ModelCard
from .seq2seq import Seq2SeqModel
from .store import LocalModel, require

CPU_MAX_BATCH_TOKENS = 16384
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


def load_generator(card: ModelCard, settings: Settings) -> Seq2SeqModel:
    """The generator for ``card`` on the backend ``settings.backend`` asks for.

    ``auto``: its CTranslate2 copy when converted and usable, else transformers (with a warning when
    the copy exists but cannot run on the device). ``transformers``: always transformers.
    ``ctranslate2``: the CTranslate2 copy, and an error naming the convert command when there is no
    up-to-date copy, or what is missing when it cannot run (never a silent fallback)."""
    from .loading import _cached, load_seq2seq, resolve_device

    local = require(card, settings)
    if settings.backend == "transformers":
        return load_seq2seq(card, settings)
    if settings.backend == "ctranslate2":
        copy = _required_copy(local, settings)
    else:
        copy = find_converted(local, settings) if ct2_convert.ctranslate2_available() else None
        if copy is None:
            return load_seq2seq(card, settings)
    device = resolve_device(settings.device)
    compute_type = choose_compute_type(copy.quantization, device, settings.dtype)
    key = ("ct2", card.name, str(copy.path), copy.source_fingerprint, device, compute_type)

    def build_or_fall_back() -> Seq2SeqModel:
        failure = None
        try:
            return _build(local, copy, device, compute_type)
        except DeviceError as error:
            if settings.backend == "ctranslate2":
                raise
            failure = f"{error.message} ({error.hint})"
        # Outside the except block, so the failed copy (held by the error's traceback) is freed before
        # transformers loads its own weights onto the device.
        warnings.warn(f"{failure}; using transformers for {card.name} instead", RuntimeWarning, stacklevel=3)
        return load_seq2seq(card, settings)

    # Under ``auto`` a copy that cannot run is tried once: the transformers model that stands in for
    # it is kept under its key, so a batch of thousands does not rebuild it for every group.
    return _cached(key, build_or_fall_back)


def _required_copy(local: LocalModel, settings: Settings) -> ConvertedCopy:
    """The up-to-date CTranslate2 copy of ``local`` for ``backend = "ctranslate2"``, or the error to show."""
    name = local.card.name
    if not ct2_convert.ctranslate2_available():
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
    _probe(translator, tokenizer, local.card.name, device)
    return CTranslate2Model(
        local=local,
        tokenizer=tokenizer,
        model=translator,
        device=device,
        dtype=compute_type,
        positions=copy.max_positions,
        forced_eos=copy.forced_eos,
    )


def _probe(translator, tokenizer, name: str, device: str) -> None:
    """Translate one short sentence. A copy can load and still be unable to run: a CTranslate2 build for
    CUDA 12 on a machine with only CUDA 13's libraries loads, then fails its first translation with
    "Library libcublas.so.12 is not found" (seen on an H200). Found here, that is one clear error at
    load rather than a failure of every article."""
    # A real sentence and a few steps: a single token decoded once ran without the matrix library.
    source = tokenizer.convert_ids_to_tokens(tokenizer("The talks resumed on Monday.")["input_ids"])
    try:
        translator.translate_batch([source], max_decoding_length=4, beam_size=1)
    except RuntimeError as error:
        if "out of memory" in str(error).lower():
            hint = "free memory on the device, or use --device cpu or --backend transformers"
        else:
            hint = ("install what it names (CTranslate2 4 wheels need CUDA 12's libraries, e.g. pip install "
                    "nvidia-cublas-cu12), or use --backend transformers")
        raise DeviceError(f"the CTranslate2 copy of {name} loads but cannot run on {device}: {error}", hint) from None


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
