"""Token-budget chunks on sentence boundaries, measured with the model's own tokenizer."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..records import Chunk, Sentence


def chunk_sentences(sentences: Sequence[Sentence], count_tokens: Callable[[str], int], budget: int) -> list[Chunk]:
    """Greedy chunks of consecutive sentences, each at most ``budget`` tokens. A single sentence
    longer than the budget is cut into word windows that fit (never dropped or truncated)."""
    return chunk_texts([s.text for s in sentences], count_tokens, budget, indices=[s.index for s in sentences])


def chunk_texts(
    texts: Sequence[str], count_tokens: Callable[[str], int], budget: int, *, indices: Sequence[int] | None = None
) -> list[Chunk]:
    """``chunk_sentences`` for plain texts (partial summaries, one sentence to translate); a chunk's
    ``sentence_indices`` are positions in ``texts`` unless ``indices`` gives each text's own."""
    if budget < 8:
        raise ValueError(f"token budget {budget} is too small to chunk with")
    pieces: list[tuple[int, str, int]] = []  # (sentence index, text, tokens)
    for index, text in zip(range(len(texts)) if indices is None else indices, texts):
        tokens = count_tokens(text)
        if tokens <= budget:
            pieces.append((index, text, tokens))
        else:
            pieces.extend((index, part, count_tokens(part)) for part in _split_long(text, count_tokens, budget))
    # Token counts add up (less the special tokens each count includes), so a chunk grows by sums;
    # only a finished chunk is re-tokenised, to confirm it fits exactly.
    specials = count_tokens("")
    chunks: list[Chunk] = []

    def estimate(items: list[tuple[int, str, int]]) -> int:
        return specials + sum(tokens - specials for _, _, tokens in items)

    def close(items: list[tuple[int, str, int]]) -> list[tuple[int, str, int]]:
        """Emit a chunk of ``items`` (minus any tail that the exact count shows does not fit);
        return the tail that has to start the next chunk."""
        tail: list[tuple[int, str, int]] = []
        tokens = count_tokens(" ".join(text for _, text, _ in items))
        while tokens > budget and len(items) > 1:
            tail.insert(0, items.pop())
            tokens = count_tokens(" ".join(text for _, text, _ in items))
        chunks.append(_make_chunk(items, tokens))
        return tail

    current: list[tuple[int, str, int]] = []
    for piece in pieces:
        if current and estimate(current + [piece]) > budget:
            current = close(current)
            if current and estimate(current + [piece]) > budget:
                current = close(current)
        current.append(piece)
    while current:
        current = close(current)
    return chunks


def _make_chunk(items: list[tuple[int, str, int]], tokens: int) -> Chunk:
    indices = tuple(dict.fromkeys(index for index, _, _ in items))
    return Chunk(sentence_indices=indices, text=" ".join(text for _, text, _ in items), n_tokens=tokens)


def _split_long(text: str, count_tokens: Callable[[str], int], budget: int) -> list[str]:
    """Word windows of at most ``budget`` tokens; a single word over the budget (a URL, unspaced
    Chinese or Japanese text) is cut into character windows."""
    parts: list[str] = []
    current: list[str] = []
    for word in text.split():
        if count_tokens(word) > budget:
            if current:
                parts.append(" ".join(current))
                current = []
            parts.extend(_split_word(word, count_tokens, budget))
            continue
        if current and count_tokens(" ".join(current + [word])) > budget:
            parts.append(" ".join(current))
            current = []
        current.append(word)
    if current:
        parts.append(" ".join(current))
    return parts


def _split_word(word: str, count_tokens: Callable[[str], int], budget: int) -> list[str]:
    pieces: list[str] = []
    start = 0
    while start < len(word):
        low, high = start + 1, len(word)  # the longest window word[start:end] that fits
        while low < high:
            middle = (low + high + 1) // 2
            if count_tokens(word[start:middle]) <= budget:
                low = middle
            else:
                high = middle - 1
        pieces.append(word[start:low])
        start = low
    return pieces
