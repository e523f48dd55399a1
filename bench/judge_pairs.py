"""Synthetic (summary sentence, label) pairs made from an article, for the claim judge's training
(bench/train_judge.py, tune articles) and for its perturbation test (bench/claims.py, test articles).

Faithful (label 1): a source sentence as it stands, compressed by deleting a clause, with a leading
phrase moved to its end, or merged with the next sentence ("A. B." -> "A, and B").
Unfaithful (label 0), each made from a faithful one: a number, date, person, organisation or place
swapped for another of the same sort FROM THE SAME ARTICLE (so every word is still in the source), a
negation added or taken away, or the subject of one sentence given the predicate of a distant one.

Reference pairs (``reference_pairs``): the human reference summary's sentences (CNN/DM highlights:
abstractive, rarely in the article's own words) as faithful, when every name, number and date they
state is in the article; and twins of them with a name, number or date swapped for another of the
same article, or a negation. They stand for what abstractive models write (XSum-style one-sentence
summaries): faithful sentences that share few words with any one source sentence.

Deterministic: every choice comes from a generator seeded by the article's id.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

_AUX = re.compile(r"\b(is|was|were|are|has|have|had|will|would|could|can|should|may|might|must)\b(?! not)")
_DO = re.compile(r"\b(did|does|do)\b(?! not)")
_NOT = re.compile(r"\b(not|n't|never) ?", re.IGNORECASE)
_VERB = re.compile(r"\b(said|says|told|announced|added|reported|is|was|were|are|has|have|had|will|would)\b")
_CLAUSE = re.compile(r", (?:[^,]{6,80}), ")
_LEAD = re.compile(r"^((?:On|In|At|During|After|Before|Last|Earlier|Later|This) [^,]{3,40}), (.+?)([.!?]?)$")
_KINDS = ("number", "date", "person", "organisation", "place")


@dataclass(frozen=True)
class Pair:
    article: int  # index of the article it was made from
    text: str
    label: int  # 1: the source supports it
    how: str  # "verbatim", "compressed", "moved", "merged"; "swap-number", "negation", "fused" ...


def _words(text: str) -> int:
    return len(text.split())


def _compress(text: str, rng: random.Random) -> str | None:
    """The sentence with one clause deleted: a parenthesis, a clause between commas, or its tail after
    a comma, "which" or "but"; None when nothing can go and leave a sentence of six words."""
    options = []
    for m in re.finditer(r" \([^()]{2,60}\)", text):
        options.append(text[:m.start()] + text[m.end():])
    for m in _CLAUSE.finditer(text):
        options.append(text[:m.start()] + " " + text[m.end():])
    for m in re.finditer(r",? (?:which|but|while|as|after|because) ", text):
        head = text[:m.start()].rstrip(",")
        options.append(head + ".")
    options = [o for o in options if _words(o) >= 6 and o != text and '"' not in o[-3:]]
    return rng.choice(options) if options else None


def _move_lead(text: str) -> str | None:
    m = _LEAD.match(text)
    if not m:
        return None
    lead, rest, stop = m.groups()
    return rest[0].upper() + rest[1:] + " " + lead[0].lower() + lead[1:] + (stop or ".")


def _merge(first: str, second: str) -> str:
    second = second.strip()
    opener = second.split(" ", 1)[0]
    lowered = second[0].lower() + second[1:] if opener in ("The", "It", "He", "She", "They", "This", "A", "An", "In", "On", "At") else second
    return first.rstrip(" .!?") + ", and " + lowered


def _negate(text: str) -> str | None:
    if _NOT.search(text):
        changed = _NOT.sub("", text, count=1)
        return changed if changed != text else None
    m = _AUX.search(text) or _DO.search(text)
    if not m:
        return None
    return text[:m.end()] + " not" + text[m.end():]


def _fuse(first: str, far: str) -> str | None:
    """The subject of ``first`` with the predicate of ``far``."""
    a, b = _VERB.search(first), _VERB.search(far)
    if not a or not b or a.start() < 3:
        return None
    return first[:a.start()] + far[b.start():]


def _swap(text: str, mentions, kind: str, rng: random.Random) -> str | None:
    """``text`` with one claim of sort ``kind`` replaced by another of that sort from the article."""
    here = [m for m in mentions if m.kind == kind and m.text in text]
    if not here:
        return None
    chosen = rng.choice(sorted({m.text for m in here}))
    key = next(m for m in here if m.text == chosen)
    others = sorted({m.text for m in mentions if m.kind == kind and m.text != chosen and m.key != key.key
                     and (m.value is None or m.value != key.value) and m.text not in text and chosen not in m.text
                     and m.text not in chosen})
    if kind in ("person", "organisation", "place"):
        others = [o for o in others if o[:1].isupper() and not set(o.lower().split()) & set(chosen.lower().split())]
    if not others:
        return None
    found = re.search(rf"(?<!\w){re.escape(chosen)}(?!\w)", text)
    if not found:
        return None
    return text[:found.start()] + rng.choice(others) + text[found.end():]


def _invent(text: str, mentions, kind: str, body: str, pool: list[str], rng: random.Random) -> str | None:
    """``text`` with one claim of sort ``kind`` replaced by a plausible value the article never states:
    another digit, weekday, month or year, or a name from another article."""
    from claims import _other_date, _other_number

    here = [m for m in mentions if m.kind == kind and re.search(rf"(?<!\w){re.escape(m.text)}(?!\w)", text)]
    if not here:
        return None
    chosen = rng.choice(sorted(here, key=lambda m: (m.start, m.text)))
    if kind == "number":
        other = _other_number(chosen.text, rng)
    elif kind == "date":
        other = _other_date(chosen, rng)
    else:
        options = [n for n in pool if n.lower() not in body.lower()]
        other = rng.choice(options) if options else None
    if not other or other.lower() in body.lower():
        return None
    found = re.search(rf"(?<!\w){re.escape(chosen.text)}(?!\w)", text)
    return text[:found.start()] + other + text[found.end():]


def _swapped_twins(index: int, text: str, mentions, rng: random.Random, how: str) -> tuple[list[str], list[Pair]]:
    """The claim sorts ``text`` states (in random order), and unfaithful twins of it with a claim of
    (up to) two of those sorts swapped within the article."""
    kinds = [k for k in _KINDS if any(m.kind == k and m.text in text for m in mentions)]
    rng.shuffle(kinds)
    twins = [Pair(index, swapped, 0, f"{how}-{kind}") for kind in kinds[:2] if (swapped := _swap(text, mentions, kind, rng))]
    return kinds, twins


def make_pairs(index: int, item_id: str, article, mentions, per_article: int = 8, seed: int = 14,
               pool: dict[str, list[str]] | None = None) -> list[Pair]:
    """Pairs from one segmented article; ``mentions``: its claims (as the checker extracts them);
    ``pool``: names of other articles by sort, for names the article never states."""
    rng = random.Random(f"{seed}:{item_id}")
    body = article.body
    sentences = [body[s.start:s.end].strip() for s in article.sentences]
    usable = [i for i, s in enumerate(sentences) if 8 <= _words(s) <= 45 and s[-1:] in ".!?\"'”"]
    rng.shuffle(usable)
    pairs: list[Pair] = []
    for i in sorted(usable[:per_article]):
        text = sentences[i]
        faithful = []
        compressed = _compress(text, rng)
        if compressed:
            faithful.append((compressed, "compressed"))
        moved = _move_lead(compressed or text)
        if moved:
            faithful.append((moved, "moved"))
        if i + 1 < len(sentences) and 4 <= _words(sentences[i + 1]) <= 30:
            second = _compress(sentences[i + 1], rng) or sentences[i + 1]
            faithful.append((_merge(compressed or text, second), "merged"))
        if not faithful or rng.random() < 0.3:
            faithful.append((text, "verbatim"))
        for variant, how in faithful:
            pairs.append(Pair(index, variant, 1, how))
        base, _ = rng.choice(faithful)
        kinds, swapped = _swapped_twins(index, base, mentions, rng, "swap")
        pairs += swapped
        if kinds and rng.random() < 0.5:
            kind = rng.choice(kinds)
            invented = _invent(base, mentions, kind, body, (pool or {}).get(kind, []), rng)
            if invented:
                pairs.append(Pair(index, invented, 0, f"invent-{kind}"))
        if rng.random() < 0.5:
            negated = _negate(base)
            if negated:
                pairs.append(Pair(index, negated, 0, "negation"))
        far = [j for j in range(len(sentences)) if abs(j - i) > 3 and 8 <= _words(sentences[j]) <= 45]
        if far and rng.random() < 0.4:
            fused = _fuse(base, sentences[rng.choice(far)])
            if fused and fused not in sentences:
                pairs.append(Pair(index, fused, 0, "fused"))
    return pairs


def reference_pairs(index: int, item_id: str, sentences: list[str], mentions, supported: list[bool], seed: int = 14) -> list[Pair]:
    """Pairs from one article's reference summary: ``sentences`` (its sentences), ``mentions`` (the
    article's claims, for same-article swaps), ``supported`` (per sentence: every name, number and date
    it states is found in the article; the others are left out: a highlight may say what the article
    does not)."""
    rng = random.Random(f"{seed}:ref:{item_id}")
    pairs: list[Pair] = []
    for text, ok in zip(sentences, supported):
        text = text.strip()
        if not ok or _words(text) < 5:
            continue
        pairs.append(Pair(index, text, 1, "reference"))
        pairs += _swapped_twins(index, text, mentions, rng, "ref-swap")[1]
        if rng.random() < 0.3:
            negated = _negate(text)
            if negated:
                pairs.append(Pair(index, negated, 0, "ref-negation"))
    return pairs


def name_pool(all_mentions) -> dict[str, list[str]]:
    """Capitalised names of each sort found in a set of articles (sorted: deterministic)."""
    pool: dict[str, set[str]] = {}
    for mentions in all_mentions:
        for m in mentions:
            if m.kind in ("person", "organisation", "place") and re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}", m.text):
                pool.setdefault(m.kind, set()).add(m.text)
    return {kind: sorted(names) for kind, names in pool.items()}
