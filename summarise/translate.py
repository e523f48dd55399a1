"""Sentence-by-sentence machine translation, batched.

Marian and NLLB drop or cut sentences of long inputs, so each brief sentence is translated on its
own (all sentences of a call go through one batched generate). A sentence longer than the model's
limit is cut into word windows that fit and the translations are joined: never truncated.
"""

from __future__ import annotations

from collections.abc import Sequence

from .models.loading import load_seq2seq
from .models.store import LocalModel
from .records import Sentence, Translation
from .segment.chunk import chunk_sentences
from .settings import Settings


def translate_sentences(
    sentences: Sequence[str], source: str, target: str, local: LocalModel, settings: Settings
) -> Translation:
    model = load_seq2seq(local.card, settings)
    forced_bos = None
    codes = local.card.language_codes
    if codes:
        model.tokenizer.src_lang = codes[source]
        forced_bos = codes[target]
    prefix = model.target_prefix()
    budget = model.max_input_tokens - model.count_tokens(prefix) - 2 if prefix else model.max_input_tokens - 2
    pieces: list[str] = []
    owners: list[int] = []
    for index, sentence in enumerate(sentences):
        windows = chunk_sentences([Sentence(sentence, 0, len(sentence), 0, 0)], model.count_tokens, budget)
        for window in windows:
            pieces.append(prefix + window.text)
            owners.append(index)
    outputs = model.generate(pieces, max_batch_size=settings.batch_size, forced_bos_token=forced_bos)
    joined: list[list[str]] = [[] for _ in sentences]
    for owner, output in zip(owners, outputs):
        joined[owner].append(output)
    return Translation(source, target, tuple(" ".join(parts) for parts in joined), local.card.name)
