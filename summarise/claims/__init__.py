"""Claims: names, numbers, dates and quotes, traced from the source into each brief language.

Basic version (spaCy NER + number/quote rules, normalised matching); deepened by the claims issue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models.loading import load_spacy_ner
from ..records import Article, Claim, Summary, Translation

_KINDS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "nationality",
    "DATE": "date",
    "CARDINAL": "number",
    "MONEY": "number",
    "PERCENT": "number",
    "QUANTITY": "number",
}
_ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NUMBER = re.compile(r"\d[\d,.\u066B\u066C]*")
_QUOTE = re.compile(r"[“«\"]([^”»\"]{12,}?)[”»\"]")
_HONORIFIC = re.compile(r"^(mr|mrs|ms|dr|president|prime minister|foreign minister)\.?\s+", re.I)


def normalise(text: str) -> str:
    text = text.translate(_ARABIC_INDIC).lower()
    text = re.sub(r"(?<=\d)[,\u066C](?=\d{3})", "", text)
    text = _HONORIFIC.sub("", text.strip())
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"^the\s+", "", " ".join(text.split()))
    return text


def numbers_in(text: str) -> set[str]:
    return {re.sub(r"[,\u066C]", "", n).rstrip(".") for n in _NUMBER.findall(text.translate(_ARABIC_INDIC))}


def extract_claims(text: str, language: str, origin: str = "source", base: int = 0) -> list[Claim]:
    """Claims found in ``text`` (offsets shifted by ``base``)."""
    claims: list[Claim] = []
    nlp = load_spacy_ner() if language == "en" else None
    if nlp is not None:
        for ent in nlp(text).ents:
            kind = _KINDS.get(ent.label_)
            if kind is None or not normalise(ent.text):
                continue
            claims.append(Claim(ent.text, kind, normalise(ent.text), origin == "source", start=base + ent.start_char, end=base + ent.end_char, origin=origin))
    else:
        for match in _NUMBER.finditer(text.translate(_ARABIC_INDIC)):
            claims.append(Claim(text[match.start():match.end()], "number", normalise(match.group()), origin == "source", start=base + match.start(), end=base + match.end(), origin=origin))
    for match in _QUOTE.finditer(text):
        claims.append(Claim(match.group(1), "quote", normalise(match.group(1)), origin == "source", start=base + match.start(1), end=base + match.end(1), origin=origin))
    return claims


def review_summary(article: Article, summary: Summary) -> tuple[Summary, list[str]]:
    """Check the summary against the source before it is translated: a warning for every name, number
    or quote in the summary that the source does not support."""
    body = f" {normalise(article.body)} "
    warnings = [
        f"unsupported {claim.kind} in the summary: {claim.text!r} is not in the source"
        for claim in _unsupported(article, summary, body)
    ]
    return summary, warnings


def trace_claims(
    article: Article, summary: Summary, translations: Sequence[Translation]
) -> tuple[tuple[Claim, ...], list[str]]:
    """Every source claim, marked by whether it reached each brief language, plus the summary's
    unsupported claims (``in_source`` False). Returns the claims and any warnings about them."""
    source_claims = _dedupe(extract_claims(article.body, article.language))
    texts = {summary.language: " ".join(summary.texts)}
    texts.update({t.target_language: " ".join(t.sentences) for t in translations})
    normalised = {lang: normalise(text) for lang, text in texts.items()}

    def present(claim: Claim, language: str) -> bool | None:
        if language not in normalised:
            return None
        if language == article.language:
            return f" {claim.key} " in f" {normalised[language]} "
        if claim.kind == "number":
            return numbers_in(claim.text) <= numbers_in(texts[language])
        return None  # names and quotes across scripts: checked by the claims stage proper

    claims = [Claim(**{**c.__dict__, "in_en": present(c, "en"), "in_ar": present(c, "ar")}) for c in source_claims]
    for claim in _unsupported(article, summary, f" {normalise(article.body)} "):
        claims.append(
            Claim(**{**claim.__dict__, "in_en": present(claim, "en"), "in_ar": present(claim, "ar")})
        )
    return tuple(claims), []


def _unsupported(article: Article, summary: Summary, body: str) -> list[Claim]:
    found = _dedupe(extract_claims(" ".join(summary.texts), summary.language, origin=summary.language))
    return [
        Claim(**{**c.__dict__, "in_source": False})
        for c in found
        if c.kind in ("number", "quote", "person", "organisation", "place") and f" {c.key} " not in body
    ]


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen: dict[tuple[str, str], Claim] = {}
    for claim in claims:
        seen.setdefault((claim.kind, claim.key), claim)
    return list(seen.values())
