"""A loaded encoder-decoder model and batched generation done right.

Inputs are sorted by token length, cut into batches under a token budget (dynamic padding: a batch
pads only to its own longest input), run under ``inference_mode`` and returned in the original order.
On out-of-memory the batch is halved and retried, down to one input, and later batches stay at the
size that fitted, so a long job never dies of it nor keeps hitting the limit.

The backend (transformers here; CTranslate2 in :mod:`summarise.models.ct2`) only supplies
``_generate_batch``: sorting, budgeting, back-off and counting are shared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import DeviceError, InputError
from .store import LocalModel

DEFAULT_MAX_BATCH_TOKENS = 8192
# A GPU only earns its keep with wide batches; out-of-memory back-off makes a generous budget safe.
CUDA_MAX_BATCH_TOKENS = 65536


@dataclass
class GenerationStats:
    """What a model has done so far: for progress figures and benchmarks."""

    calls: int = 0
    batches: int = 0
    inputs: int = 0
    input_tokens: int = 0
    generated_tokens: int = 0
    out_of_memory: int = 0  # batches halved after running out of memory


def plan_batches(
    lengths: Sequence[int], *, beams: int = 1, max_batch_tokens: int, max_batch_size: int
) -> list[list[int]]:
    """Indices of inputs grouped into batches, longest inputs first.

    A batch's cost is its padded width times its size times the beams (the decoder keeps one
    hypothesis per beam for every input); it stays under ``max_batch_tokens`` unless a single input
    alone is over it, and holds at most ``max_batch_size`` inputs.
    """
    order = sorted(range(len(lengths)), key=lambda i: lengths[i], reverse=True)
    batches: list[list[int]] = []
    current: list[int] = []
    for index in order:
        # Longest first, so the first item of a batch fixes its padded width.
        width = lengths[current[0]] if current else lengths[index]
        if current and (width * beams * (len(current) + 1) > max_batch_tokens or len(current) >= max_batch_size):
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches


@dataclass
class Seq2SeqModel:
    local: LocalModel
    tokenizer: Any
    model: Any
    device: str
    dtype: str
    stats: GenerationStats = field(default_factory=GenerationStats)
    # After an out-of-memory, the largest batch that fitted; later batches are cut to it.
    batch_cap: int | None = None

    backend = "transformers"

    @property
    def card(self):
        return self.local.card

    @property
    def description(self) -> str:
        """Backend, precision and device, for provenance (e.g. ``transformers float32 cpu``)."""
        return f"{self.backend} {self.dtype} {self.device}"

    @property
    def max_positions(self) -> int | None:
        """The size of the model's learned/sinusoidal position table, when it has one."""
        positions = getattr(self.model.config, "max_position_embeddings", None)
        return positions if isinstance(positions, int) and positions > 0 else None

    @property
    def max_input_tokens(self) -> int:
        limit = self.card.max_input_tokens or 512
        tokenizer_limit = getattr(self.tokenizer, "model_max_length", None)
        if isinstance(tokenizer_limit, int) and 0 < tokenizer_limit < limit:
            limit = tokenizer_limit
        positions = self.max_positions
        if positions is not None and positions < limit:
            limit = positions
        return limit

    @property
    def default_batch_tokens(self) -> int:
        return CUDA_MAX_BATCH_TOKENS if self.device == "cuda" else DEFAULT_MAX_BATCH_TOKENS

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
        positions = self.max_positions
        if positions is not None and kwargs.get("max_length", 0) > positions:
            kwargs["max_length"] = positions
            if "min_length" in kwargs:
                # The card's minimum was meant for a longer maximum; keep it proportionate.
                kwargs["min_length"] = min(kwargs["min_length"], positions // 2)
        if "min_length" in kwargs and "max_length" in kwargs:
            kwargs["min_length"] = min(kwargs["min_length"], kwargs["max_length"])
        return kwargs

    def generate(
        self,
        texts: Sequence[str],
        *,
        max_batch_tokens: int | None = None,
        max_batch_size: int = 64,
        forced_bos_token: str | None = None,
        **overrides: Any,
    ) -> list[str]:
        """Generate one output per input text. Inputs longer than the model's limit are an error:
        callers chunk first (never silent truncation)."""
        if not texts:
            return []
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
        if self.batch_cap is not None:
            max_batch_size = min(max_batch_size, self.batch_cap)
        batches = plan_batches(
            [len(ids) for ids in encoded],
            beams=int(kwargs.get("num_beams", 1)),
            max_batch_tokens=max_batch_tokens or self.default_batch_tokens,
            max_batch_size=max_batch_size,
        )
        self.stats.calls += 1
        self.stats.inputs += len(texts)
        self.stats.input_tokens += sum(len(ids) for ids in encoded)
        outputs: dict[int, str] = {}
        with self._no_grad():
            for batch in batches:
                for index, text in zip(batch, self._generate_with_backoff([encoded[i] for i in batch], kwargs)):
                    outputs[index] = text
        return [outputs[i] for i in range(len(texts))]

    def _no_grad(self):
        import torch

        return torch.inference_mode()

    def is_out_of_memory(self, error: BaseException) -> bool:
        import torch

        return isinstance(error, torch.cuda.OutOfMemoryError)

    def _release_memory(self) -> None:
        import gc

        import torch

        gc.collect()  # the failed attempt's tensors may sit in reference cycles (generate's frames)
        if torch.cuda.is_available():
            torch.cuda.empty_cache()

    def _generate_with_backoff(self, batch: list[list[int]], kwargs: dict[str, Any]) -> list[str]:
        try:
            outputs = self._generate_batch(batch, kwargs)
        except Exception as error:
            if not self.is_out_of_memory(error):
                raise
            outputs = None
        if outputs is not None:
            self.stats.batches += 1
            return outputs
        # Out of memory. Freed and retried only here, outside the except block: while the exception lives,
        # its traceback keeps the failed attempt's frames and their tensors on the device, and every
        # smaller retry would run out of memory too (seen on a real GPU: halved down to one input).
        self._release_memory()
        self.stats.out_of_memory += 1
        if len(batch) == 1:
            raise DeviceError(
                f"{self.card.name} ran out of {self.device.upper()} memory on a single input",
                "use --device cpu, or a smaller model",
            )
        half = len(batch) // 2
        self.batch_cap = max(1, min(self.batch_cap or half, half))
        return self._generate_with_backoff(batch[:half], kwargs) + self._generate_with_backoff(batch[half:], kwargs)

    def _generate_batch(self, batch: list[list[int]], kwargs: dict[str, Any]) -> list[str]:
        padded = self.tokenizer.pad({"input_ids": batch}, return_tensors="pt")
        padded = {k: v.to(self.device) for k, v in padded.items()}
        generated = self.model.generate(**padded, **kwargs)
        self.stats.generated_tokens += generated_tokens(generated, self.model.generation_config.eos_token_id)
        return [t.strip() for t in self.tokenizer.batch_decode(generated, skip_special_tokens=True)]


def generated_tokens(generated, eos_token_id) -> int:
    """Decoding steps that produced a token: each row up to and including its first end token, not
    counting the decoder start token or the padding after a row that ended early."""
    ends = set(eos_token_id if isinstance(eos_token_id, list) else [eos_token_id])
    total = 0
    for row in generated[:, 1:].tolist():
        total += next((i + 1 for i, token in enumerate(row) if token in ends), len(row))
    return total
