"""An entailment model (an NLI cross-encoder) the claim checker uses when one has been pulled.

``summarise models pull deberta-v3-base-nli`` fetches MoritzLaurer/DeBERTa-v3-base-mnli-fever-anli at
its pinned revision. When it is present, the checker asks it, for each English summary sentence that
is not verbatim from the source, how likely the source sentences closest to it entail it, and that
probability decides the sentence instead of the learned judge (claims/paraphrase.py, claims/check.py).
Without it nothing changes. Loaded like every model here: from a local folder only
(``local_files_only``), safetensors where present, ``.bin`` weights weights-only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import DeviceError, ModelLoadError
from ..settings import Settings
from .loading import _cached, avoid_cudnn_attention, check_model_folder, model_folder, resolve_device
from .registry import ModelCard, load_registry
from .store import LocalModel, locate, require

NLI_TASK = "verify"
BATCH = 16
MAX_TOKENS = 512


@dataclass(frozen=True)
class EntailmentModel:
    local: LocalModel
    tokenizer: Any
    model: Any
    device: str
    entails: int  # the output index of the "entailment" label

    def entailment(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        """P(premise entails hypothesis) for each (premise, hypothesis)."""
        import torch

        out: list[float] = []
        for start in range(0, len(pairs), BATCH):
            batch = pairs[start:start + BATCH]
            encoded = self.tokenizer([p for p, _ in batch], [h for _, h in batch], padding=True, truncation="only_first",
                                     max_length=MAX_TOKENS, return_tensors="pt").to(self.device)
            with torch.inference_mode():
                logits = self.model(**encoded).logits.float()
            out.extend(torch.softmax(logits, dim=-1)[:, self.entails].tolist())
        return out


def entailment_card(settings: Settings) -> ModelCard | None:
    """The best entailment card whose model is on this machine, or None."""
    for card in load_registry().by_task(NLI_TASK):
        if locate(card, settings) is not None:
            return card
    return None


def present_entailment(settings: Settings) -> EntailmentModel | None:
    """The entailment model when one is present here (loaded once, cached); None when none is."""
    card = entailment_card(settings)
    return load_entailment(card, settings) if card is not None else None


def load_entailment(card: ModelCard, settings: Settings) -> EntailmentModel:
    local = require(card, settings)
    device = resolve_device(settings.device)
    return _cached(("nli", card.name, str(local.path), device), lambda: _build(local, device))


def _build(local: LocalModel, device: str) -> EntailmentModel:
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    path = local.path
    assert path is not None
    check_model_folder(local)
    # model_folder is the one owner of this step: a truncated or bogus weights file, a broken tokenizer,
    # a refused pickle all become a ModelLoadError naming the model and the folder.
    with model_folder(local):
        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModelForSequenceClassification.from_pretrained(
            path, local_files_only=True, use_safetensors=any(path.glob("*.safetensors")), weights_only=True,
            trust_remote_code=False,
        )
        labels = {int(i): str(name).lower() for i, name in (model.config.id2label or {}).items()}
        entails = [i for i, name in labels.items() if name.startswith("entail")]
        if len(entails) != 1:
            raise ModelLoadError(
                f"{local.card.name} at {path} is not an entailment model: its labels are {sorted(labels.values())}",
                "give --model-path a model whose config names an 'entailment' label",
            )
    model.eval()
    avoid_cudnn_attention(device)
    try:
        model.to(device)
    except RuntimeError as error:
        raise DeviceError(f"could not move {local.card.name} to {device}: {error}", "use --device cpu") from None
    return EntailmentModel(local, tokenizer, model, device, entails[0])
