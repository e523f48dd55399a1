"""Body lines -> paragraphs and sentences with character offsets into the cleaned body.

Each kept (logical) line is a paragraph; hard-wrapped lines were joined earlier (``lines.unwrap``).
The first paragraph loses its dateline ("New York (CNN) --"), which becomes metadata.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Paragraph, Sentence
from .metadata import split_dateline
from .sentences import split_sentences


@dataclass(frozen=True)
class Block:
    text: str
    lines: tuple[int, ...]  # input line numbers the paragraph came from
    heading: bool = False


@dataclass(frozen=True)
class Body:
    text: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    headings: tuple[int, ...]  # paragraph indices
    lines: tuple[int, ...]  # input line numbers the body holds
    dateline: str | None


def build_body(blocks: list[Block], language: str) -> Body:
    blocks = list(blocks)
    dateline = None
    if blocks and not blocks[0].heading:
        split = split_dateline(blocks[0].text)
        if split is not None:
            dateline, rest = split
            blocks[0] = Block(rest, blocks[0].lines)
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    offset = 0
    for number, block in enumerate(blocks):
        text = block.text
        paragraphs.append(Paragraph(text, offset, offset + len(text)))
        for start, end in split_sentences(text, language):
            sentences.append(Sentence(text[start:end], offset + start, offset + end, number, len(sentences)))
        offset += len(text) + 2
    return Body(
        text="\n\n".join(block.text for block in blocks),
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        headings=tuple(n for n, block in enumerate(blocks) if block.heading),
        lines=tuple(sorted(i for block in blocks for i in block.lines)),
        dateline=dateline,
    )
