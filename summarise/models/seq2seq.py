"""A loaded encoder-decoder model and batched generation done right.

Inputs are sorted by token length, cut into batches under a token budget (dynamic padding: a batch
pads only to its own longest input), run under ``inference_mode`` and returned in the original order.
On CUDA out-of-memory the batch is halved and retried, down to one input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import DeviceError, InputError
from .store import LocalModel

DEFAULT_MAX_BATCH_TOKENS = 8192


@dataclass
class Seq2SeqModel:
    local: LocalModel
    tokenizer: Any
    model: Any
    device: str
    dtype: str

    @property
    def card(self):
        return self.local.card

    @property
    def max_input_tokens(self) -> int:
        limit = self.card.max_input_tokens or 512
        tokenizer_limit = getattr(self.tokenizer, "model_max_length", None)
        if isinstance(tokenizer_limit, int) and 0 < tokenizer_limit < limit:
            limit = tokenizer_limit
        positions = getattr(self.model.config, "max_position_embeddings", None)
        if isinstance(positions, int) and 0 < positions < limit:
            limit = positions
        return limit

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=True)["input_ids"])

    def target_prefix(self) -> str:
        """A sentence-initial target-language token (multi-target Marian models), when the vocab has it."""
        prefix = self.card.target_prefix
        if prefix and prefix in self.tokenizer.get_vocab():
            return prefix + " "
        return ""

    def generation_kwargs(self, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
        kwargs = dict(self.card.generation)
        kwargs.update(overrides or {})
        # Never ask for more output positions than the decoder has (learned/sinusoidal tables).
        positions = getattr(self.model.config, "max_position_embeddings", None)
        if isinstance(positions, int) and positions > 0 and kwargs.get("max_length", 0) > positions:
            kwargs["max_length"] = positions
        if "min_length" in kwargs and "max_length" in kwargs:
            kwargs["min_length"] = min(kwargs["min_length"], kwargs["max_length"] // 2)
        return kwargs

    def generate(
        self,
        texts: Sequence[str],
        *,
        max_batch_tokens: int = DEFAULT_MAX_BATCH_TOKENS,
        max_batch_size: int = 64,
        forced_bos_token: str | None = None,
        **overrides: Any,
    ) -> list[str]:
        """Generate one output per input text. Inputs longer than the model's limit are an error:
        callers chunk first (never silent truncation)."""
        if not texts:
            return []
        import torch

        encoded = [self.tokenizer(t, add_special_tokens=True)["input_ids"] for t in texts]
        limit = self.max_input_tokens
        too_long = [i for i, ids in enumerate(encoded) if len(ids) > limit]
        if too_long:
            raise InputError(
                f"{len(too_long)} input(s) exceed {self.card.name}'s {limit}-token limit",
                "chunk the text on sentence boundaries before generating",
            )
        kwargs = self.generation_kwargs(overrides)
        if forced_bos_token:
            kwargs["forced_bos_token_id"] = self.tokenizer.convert_tokens_to_ids(forced_bos_token)
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i]), reverse=True)
        beams = int(kwargs.get("num_beams", 1))
        batches: list[list[int]] = []
        current: list[int] = []
        for index in order:
            # Longest first, so the first item of a batch fixes its padded width.
            width = len(encoded[current[0]]) if current else len(encoded[index])
            if current and (width * beams * (len(current) + 1) > max_batch_tokens or len(current) >= max_batch_size):
                batches.append(current)
                current = []
            current.append(index)
        if current:
            batches.append(current)

        outputs: dict[int, str] = {}
        with torch.inference_mode():
            for batch in batches:
                for index, text in zip(batch, self._generate_with_backoff([encoded[i] for i in batch], kwargs)):
                    outputs[index] = text
        return [outputs[i] for i in range(len(texts))]

    def _generate_with_backoff(self, batch: list[list[int]], kwargs: dict[str, Any]) -> list[str]:
        import torch

        try:
            return self._generate_batch(batch, kwargs)
        except torch.cuda.OutOfMemoryError:
            torch.cuda.empty_cache()
            if len(batch) == 1:
                raise DeviceError(
                    f"{self.card.name} ran out of GPU memory on a single input",
                    "use --device cpu, or a smaller model",
                ) from None
            half = len(batch) // 2
            return self._generate_with_backoff(batch[:half], kwargs) + self._generate_with_backoff(batch[half:], kwargs)

    def _generate_batch(self, batch: list[list[int]], kwargs: dict[str, Any]) -> list[str]:
        padded = self.tokenizer.pad({"input_ids": batch}, return_tensors="pt")
        padded = {k: v.to(self.device) for k, v in padded.items()}
        generated = self.model.generate(**padded, **kwargs)
        return [t.strip() for t in self.tokenizer.batch_decode(generated, skip_special_tokens=True)]
