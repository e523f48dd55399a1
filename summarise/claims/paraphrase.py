"""Is an English summary sentence a paraphrase of one source sentence? For the weak-sentence test
(check.py): a sentence whose words no single source sentence covers is still supported when it says
the same as one of them in other words, by the embedded sentence model's judgement (all-MiniLM-L6-v2,
cosine of normalised embeddings). The model reads English only, so other languages go by words.

Only the sentences the word test finds weak are embedded, each against the source sentences that
share the most words with it, so extractive summaries (covered word for word) cost nothing here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..errors import ModelLoadError, ModelMissingError
from ..settings import Settings

# (summary sentence, the source sentences to compare it with) -> its best cosine similarity to them,
# or None when the sentence model is not installed
Similarity = Callable[[Sequence[tuple[str, Sequence[str]]]], list[float | None]]

CANDIDATES = 20  # source sentences, by shared words, a weak sentence is compared with
EMBEDDER = "minilm-extractive"  # the registry card whose sentence model judges


def embedded_similarity(settings: Settings | None = None) -> Similarity:
    """The judge, on the embedded sentence model, loaded on first use (only a weak sentence needs it).
    Without that model (not installed, or unreadable) it answers None, and the weak-sentence test goes
    by words alone; its warning then gives no rating."""
    settings = settings or Settings()

    def best(items: Sequence[tuple[str, Sequence[str]]]) -> list[float | None]:
        from ..models.loading import load_embedder
        from ..models.registry import load_registry

        try:
            embedder = load_embedder(load_registry().get(EMBEDDER), settings)
        except (ModelMissingError, ModelLoadError, OSError):
            return [None] * len(items)  # not installed, or unreadable: the test goes by words
        texts = list(dict.fromkeys(t for sentence, candidates in items for t in (sentence, *candidates)))
        vectors = embedder.encode(texts, normalize_embeddings=True, batch_size=64, show_progress_bar=False)
        row = {text: vectors[i] for i, text in enumerate(texts)}
        # No source sentence shares a word with it: nothing to compare, no rating.
        return [
            max((float(row[sentence] @ row[c]) for c in candidates), default=None) for sentence, candidates in items
        ]

    return best
