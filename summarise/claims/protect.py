"""Protected spans for machine translation: mask names and numbers, translate, restore.

Before a sentence goes to the translator, every number and every name the glossary knows is replaced
by a placeholder (``ZX0``, ``ZX1`` ...); after translation each placeholder is replaced by the span's
rendering in the target language (the glossary's, or the digits as written). The same name is then
written the same way in every sentence of every brief, and a number cannot be rounded, re-digited or
"corrected" by the model.

Translators do not always copy placeholders faithfully (Marian drops or duplicates unseen tokens), so
``restore`` is strict: when any placeholder is missing, repeated or unknown it returns None, and the
caller translates that sentence again unmasked and lets the claim checker judge what survived.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .glossary import PROTECTED_KINDS, Glossary

PLACEHOLDER = "ZX{}"
_FOUND = re.compile(r"Z\s?X\s?([0-9٠-٩۰-۹]{1,3})", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.,])\d+(?:\.\d+)?(?![\w])")
_ARABIC_NUMBER = re.compile(r"(?<![\d.,٫٬])[0-9٠-٩]+(?:[.,٫٬][0-9٠-٩]+)*(?![\d])")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩٫٬", "0123456789.,")


@dataclass(frozen=True)
class Protected:
    text: str  # the sentence with placeholders
    renderings: tuple[str, ...]  # what placeholder i stands for in the target language
    originals: tuple[str, ...]  # the source spans, for messages and tests


def protect(sentence: str, source: str, target: str, glossary: Glossary) -> Protected:
    spans: list[tuple[int, int, str]] = []
    if source == "en" and target == "ar":
        for match in glossary.find_english(sentence):
            if match.entry.kind in PROTECTED_KINDS and not _inside_longer_name(sentence, match.start, match.end):
                spans.append((match.start, match.end, match.entry.rendering))
        spans += [(m.start(), m.end(), m.group(0)) for m in _NUMBER.finditer(sentence)]
    elif source == "ar" and target == "en":
        # The particles stay, the name is masked: "وللناتو" (wa- li- al-Nato) becomes "ولZX0".
        matches = glossary.find_arabic_spans(sentence)
        named: dict[tuple[int, int], set[str]] = {}
        for match in matches:
            named.setdefault((match.start, match.end), set()).add(match.entry.name)
        for match in matches:
            # A spelling two entries share (عمان: Oman or Amman) is left to the translator, not guessed;
            # so is a place made an adjective (الأردني is "Jordanian", not "Jordan").
            if match.entry.kind in PROTECTED_KINDS and len(named[(match.start, match.end)]) == 1 and not match.adjective:
                spans.append((match.start, match.end, match.entry.name))
        spans += [(m.start(), m.end(), m.group(0).translate(_DIGITS)) for m in _ARABIC_NUMBER.finditer(sentence)]
    else:
        spans += [(m.start(), m.end(), m.group(0)) for m in _NUMBER.finditer(sentence)]
    chosen: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], s[0] - s[1])):
        if not chosen or span[0] >= chosen[-1][1]:
            chosen.append(span)
    parts, renderings, originals, last = [], [], [], 0
    for index, (start, end, rendering) in enumerate(chosen):
        parts += [sentence[last:start], PLACEHOLDER.format(index)]
        renderings.append(rendering)
        originals.append(sentence[start:end])
        last = end
    parts.append(sentence[last:])
    return Protected("".join(parts), tuple(renderings), tuple(originals))


def restore(output: str, protected: Protected) -> str | None:
    """The translation with every placeholder replaced by its rendering; None when the translator lost,
    repeated or invented a placeholder."""
    if not protected.renderings:
        return output
    found = [int(m.group(1).translate(_DIGITS)) for m in _FOUND.finditer(output)]
    if sorted(found) != list(range(len(protected.renderings))):
        return None

    pieces, last = [], 0
    for match in _FOUND.finditer(output):
        rendering = protected.renderings[int(match.group(1).translate(_DIGITS))]
        before = output[last:match.start()]
        # li- joined to al- is written لل: "ل" + "الناتو" -> "للناتو".
        if rendering.startswith("ال") and re.search(r"(?:^|[\sوف])ل$", before):
            rendering = rendering[1:]
        pieces += [before, rendering]
        last = match.end()
    pieces.append(output[last:])
    return "".join(pieces)


_NOT_NAMES = {"In", "The", "And", "But", "On", "From", "To", "At", "For", "With", "By", "Of", "As", "If", "When",
              "While", "After", "Before", "Since", "Yesterday", "Today", "Meanwhile", "Also", "Both", "President",
              "Secretary", "General", "Minister", "Prime", "Foreign", "Chancellor", "Ambassador", "Officials", "Said"}


def _inside_longer_name(sentence: str, start: int, end: int) -> bool:
    """"Washington" in "Washington Post" or "George Washington": part of a name the glossary lacks."""
    after = re.match(r"\s+([A-Z][a-z]+)", sentence[end:])
    before = re.search(r"([A-Z][a-z]+)\s+$", sentence[:start])
    return bool(after and after.group(1) not in _NOT_NAMES) or bool(before and before.group(1) not in _NOT_NAMES)
