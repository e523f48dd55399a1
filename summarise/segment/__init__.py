"""Segmentation: decoded input -> Article (clean body, metadata, paragraphs, sentences)."""

from __future__ import annotations

from ..errors import InputError
from ..records import Article, Paragraph, Sentence
from .language import detect_language
from .read import Document, decode, from_text, read_path
from .sentences import split_sentences

__all__ = ["Document", "decode", "from_text", "read_path", "segment"]


def segment(document: Document, *, language: str | None = None) -> Article:
    text = document.text
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    if not blocks:
        raise InputError(f"{document.name}: no article text found")
    detected, score = detect_language(" ".join(blocks)) if language is None else (language, None)
    language = language or detected
    body = "\n\n".join(blocks)
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    offset = 0
    for p_index, block in enumerate(blocks):
        paragraphs.append(Paragraph(block, offset, offset + len(block)))
        for start, end in split_sentences(block, language):
            sentences.append(Sentence(block[start:end], offset + start, offset + end, p_index, len(sentences)))
        offset += len(block) + 2
    return Article(
        body=body,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        language=language,
        language_score=score,
        path=document.name,
        encoding=document.encoding,
        input_format=document.format,
    )
