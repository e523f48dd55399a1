"""Sentence-by-sentence machine translation, batched.

Marian and NLLB drop or cut sentences of long inputs, so each brief sentence is translated on its
own (all sentences of a call go through one batched generate). A sentence longer than the model's
limit is cut into word windows that fit and the translations are joined: never truncated.

Numbers and the names the glossary knows are protected on the way (masked, translated, restored with
one rendering; see summarise.claims.protect), and ``back_translate`` gives the claim checker the
round trip when a model for the way back is present.
"""

from __future__ import annotations

from collections.abc import Sequence

from .claims.glossary import load_glossary
from .claims.protect import protect, restore
from .models.ct2 import load_generator
from .models.registry import Registry
from .models.store import LocalModel, locate
from .records import Translation
from .segment.chunk import chunk_texts
from .settings import Settings


def translate_many(
    documents: Sequence[Sequence[str]], source: str, target: str, local: LocalModel, settings: Settings
) -> list[Translation]:
    """One Translation per list of sentences; the sentences of all of them share batched generate
    calls, so a batch job translates many briefs' sentences together, sorted by length.

    Names the glossary knows and numbers are protected (see summarise.claims.protect): masked,
    translated, restored with one rendering. A sentence whose placeholders the model mangled is
    translated again unmasked, so the claim checker sees (and reports) what the model really wrote."""
    glossary = load_glossary(settings.glossary)
    masked = [[protect(sentence, source, target, glossary) for sentence in sentences] for sentences in documents]
    raw = translate_plain([[p.text for p in sentences] for sentences in masked], source, target, local, settings)
    restored: list[list[str | None]] = [
        [restore(output, p) for output, p in zip(translation.sentences, sentences)]
        for translation, sentences in zip(raw, masked)
    ]
    lost = [(d, i) for d, sentences in enumerate(restored) for i, text in enumerate(sentences) if text is None]
    if lost:
        again = translate_plain([[documents[d][i]] for d, i in lost], source, target, local, settings)
        for (d, i), translation in zip(lost, again):
            restored[d][i] = translation.sentences[0]
    return [
        Translation(source, target, tuple(s or "" for s in sentences), local.card.name, raw[0].backend if raw else None)
        for sentences in restored
    ]


def back_translate(translations: Sequence[Translation], settings: Settings, registry: Registry) -> list[Translation]:
    """Each translation translated back into its source language, by the best model present locally for
    the way back (opus-mt-ar-en for an Arabic brief); none for a pair with no such model. Unprotected,
    so that a name or number the forward model mangled comes back mangled."""
    return back_translate_many([translations], settings, registry)[0]


def back_translate_many(
    briefs: Sequence[Sequence[Translation]], settings: Settings, registry: Registry
) -> list[list[Translation]]:
    """``back_translate`` for the translations of many briefs: one batched call per model."""
    models: dict[tuple[str, str], LocalModel | None] = {}
    jobs: dict[tuple[str, str], list[tuple[int, int, Translation]]] = {}
    for b, translations in enumerate(briefs):
        for t, translation in enumerate(translations):
            way = (translation.target_language, translation.source_language)
            if way not in models:
                cards = sorted((c for c in registry.by_task("translate") if c.translates(*way)), key=lambda c: -c.preference)
                models[way] = next((found for found in (locate(c, settings) for c in cards) if found is not None), None)
            if models[way] is not None:
                jobs.setdefault(way, []).append((b, t, translation))
    back: list[dict[int, Translation]] = [{} for _ in briefs]
    for way, members in jobs.items():
        done = translate_plain([m[2].sentences for m in members], *way, models[way], settings)
        for (b, t, _), translation in zip(members, done):
            back[b][t] = translation
    return [[found[t] for t in sorted(found)] for found in back]


def translate_plain(
    documents: Sequence[Sequence[str]], source: str, target: str, local: LocalModel, settings: Settings
) -> list[Translation]:
    """``translate_many`` without span protection: the sentences exactly as given."""
    model = load_generator(local.card, settings)
    forced_bos = None
    codes = local.card.language_codes
    if codes:
        model.tokenizer.src_lang = codes[source]
        forced_bos = codes[target]
    prefix = model.target_prefix()
    budget = model.max_input_tokens - model.count_tokens(prefix) - 2 if prefix else model.max_input_tokens - 2
    pieces: list[str] = []
    owners: list[tuple[int, int]] = []  # (document, sentence) each piece belongs to
    for document_index, sentences in enumerate(documents):
        for index, sentence in enumerate(sentences):
            windows = chunk_texts([sentence], model.count_tokens, budget)
            for window in windows:
                pieces.append(prefix + window.text)
                owners.append((document_index, index))
    outputs = model.generate(pieces, max_batch_size=settings.batch_size, forced_bos_token=forced_bos)
    joined: list[list[list[str]]] = [[[] for _ in sentences] for sentences in documents]
    for (document_index, index), output in zip(owners, outputs):
        joined[document_index][index].append(output)
    return [
        Translation(source, target, tuple(" ".join(parts) for parts in sentence_parts), local.card.name, model.description)
        for sentence_parts in joined
    ]
