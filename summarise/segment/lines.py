"""Input lines and the shape tests the cleaner uses: prose, headline, name, caption-sized.

Everything works on a ``Line``: one line of the decoded (or extracted) input with its 0-based number,
its text with markup and stray whitespace removed, and a hint from markup when there was some
(``h1`` for a Markdown/HTML title, ``h2`` for a subheading, ``image`` for alt text, ``list`` ...).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF\u0750-\u077F\u08A0-\u08FF]")
# Invisible characters that break matching but carry no text: bidi controls, zero-width space, BOM.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad")
)
_PRESENTATION_FORM = re.compile(r"[\ufb50-\ufdff\ufe70-\ufefe]+")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Marks that open a list item and nothing else. A "*", "-" or "–" opens one too, but also a sentence's aside
# or a footnote, so only a caller that sees the item's neighbours (``sweep``) takes those as bullets.
BULLET_MARKS = "•·▪●◦‣∙■□►▶➤✓✔"
_BULLET = re.compile(rf"^(?:[{BULLET_MARKS}]|\*(?=\s))\s*")
LIST_MARKS = BULLET_MARKS + "*-–"  # beside a neighbour with the same mark, a dash or star is a bullet too
_TERMINAL = re.compile(r"[.!?؟…:;]+[\"”’'»)\]]*\s*$")
_FULL_STOP = re.compile(r"[.!?؟…]+[\"”’'»)\]]*\s*$")
# The conjunctions و and ف are written joined to the next word, so "وقال" (and he said) must be told from
# words that merely begin with those letters (واشنطن, وزراء, فرنسا, في): after the conjunction come the
# article, a verb prefix or one of a few frequent particles.
_CONTINUATION_AR = re.compile(
    r"^(?:و(?:ال|[يتنأإ]|قال|قد|كان|كما|لم|لا|لن|هو|هي|هم|في|من|على|عن|مع|بحسب|حسب|رغم|منذ|بعد|قبل|ذلك|هذا|هذه|كل|تابع)"
    r"|ف(?:ال|[تنأإ]|ي(?=\S)|قد|لم|لا|هو|هي|إن|إذا)"
    r"|(?:ثم|كما|لكن|ولكن|بيد|إلا|الا|أما|اما|إذ|اذ|حيث|بل|أو|او|أي|أن|إن|لأن)\s)"
)
_CONTINUATION_EN = re.compile(
    r"(?i)^(?:and|but|or|so|because|which|who|whose|while|although|though|then|yet|also|"
    r"he|she|they|it|we|i|you|his|her|their|its|our|this|these|those|there)\b"
)
# Words no personal name contains; they mark "It Is Very Bad." as a sentence, not a byline.
_NOT_IN_NAMES = {
    "dear",  # "Dear Reader," opens a letter
    "staff",  # "Staff Writer", "Staff Reporter": a role, not a name
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "view",
    # An image's placeholder text where the author's photo stands: "Post Featured Image", "Author Avatar".
    "image",
    "featured",
    "thumbnail",
    "avatar",
    "icon",
    "logo",
    # Words of a page's controls, never of a name: "Versi Mobile", "Mobile Version", "Home Page".
    "mobile",
    "desktop",
    "version",
    "versi",
    "menu",
    "home",
    "page",
    "online",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "not",
    "no",
    "the",
    "a",
    "an",
    "of",
    "to",
    "in",
    "on",
    "for",
    "and",
    "or",
    "it",
    "this",
    "that",
    "with",
    "at",
    "by",
    "from",
    "as",
    "after",
    "over",
    "new",
    "says",
    "said",
    "very",
    "how",
    "why",
    "what",
    "who",
    "when",
    "more",
    "news",
}
_CLOSING_QUOTES = '"”»’'
# Lower-case words inside personal names ("Mohammed bin Salman", "Ludwig van Beethoven").
NAME_PARTICLES = {
    "de",
    "da",
    "di",
    "du",
    "del",
    "della",
    "van",
    "von",
    "der",
    "den",
    "la",
    "le",
    "al",
    "el",
    "bin",
    "ibn",
    "abu",
    "al-",
    "st.",
}


@dataclass(frozen=True)
class Line:
    index: int  # 0-based line number in the decoded input (or in the text extracted from HTML)
    text: str  # normalised: markup, bullets and repeated white space removed
    raw: str  # the line as it arrived (the input lines, newline-separated, when several were joined)
    hint: str | None = None  # from markup: "h1", "h2" (any lower heading), "image", "list", "quote", "rule", "table"
    # Further input lines joined into this one (a paragraph that was hard-wrapped at a fixed width).
    merged: tuple[int, ...] = ()
    # Share of the line's characters that are link text, where the markup says (Markdown, HTML through
    # trafilatura); None for plain text, which cannot tell a link from a word.
    links: float | None = None

    @property
    def own_text(self) -> bool:
        """Known not to be a link: the page's own words rather than a pointer to another page."""
        return self.links is not None and self.links < 0.5

    @property
    def own_list_item(self) -> bool:
        """An item of a list in the page's own words: a list of links is a menu or a block of other
        stories, a list of words is the article's ("Residents were told to check: ...")."""
        return self.hint == "list" and self.own_text

    @property
    def span(self) -> tuple[int, ...]:
        return (self.index, *self.merged)


def bullet_mark(line: Line) -> str:
    """The list mark ``line`` opens on, or "": its text has lost a "•" (``clean_line``), its raw line has
    not; a dash or a star stays in the text."""
    first = line.raw.lstrip()[:1] or line.text[:1]  # (a joined line's raw opens with its first input line)
    return first if first and first in LIST_MARKS else ""


def normalise_text(text: str) -> str:
    """Whole-text clean-up before splitting into lines: Unicode composition, invisible characters."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    if _PRESENTATION_FORM.search(text):
        # Arabic presentation forms (from PDFs and old sites) -> ordinary letters.
        text = _PRESENTATION_FORM.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return text


def clean_line(raw: str) -> str:
    text = _SPACES.sub(" ", raw).strip()
    return _BULLET.sub("", text).strip()


def to_lines(text: str) -> list[Line]:
    return [Line(i, clean_line(raw), raw) for i, raw in enumerate(text.split("\n"))]


@functools.lru_cache(maxsize=1024)
def word_count(text: str) -> int:
    # Cached: a dozen rules ask for the same line's count, and on a one-line 5 MB article each split
    # cost 70 ms (a str caches its hash, so a repeat lookup of the same line is cheap).
    return len(text.split())


def is_arabic(text: str) -> bool:
    """Mostly Arabic letters (a line of mixed script counts when Arabic letters dominate)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return sum(1 for c in letters if _ARABIC_LETTER.match(c)) >= 0.5 * len(letters)


def page_is_arabic(texts: list[str]) -> bool:
    """Whether a page is mostly Arabic, from its first 1,000 characters (enough, and fast on long pages)."""
    sample = " ".join(texts[:20])[:1000]
    letters = sum(1 for c in sample if c.isalpha())
    return bool(letters) and len(_ARABIC_LETTER.findall(sample)) >= 0.5 * letters


def ends_with_terminal(text: str) -> bool:
    """Ends like a sentence or a lead-in to one (., !, ?, ؟, …, : or ; before closing quotes)."""
    return bool(_TERMINAL.search(text))


def announces(text: str) -> bool:
    """Ends in a colon (Latin or full-width), as a line that announces a list or a quotation does."""
    return text.rstrip().endswith((":", "："))


def ends_with_full_stop(text: str) -> bool:
    return bool(_FULL_STOP.search(text))


def is_prose(text: str) -> bool:
    """A paragraph of running text rather than a label, heading or link."""
    words = word_count(text)
    if words >= 20:
        return True
    # A sentence cut short (a link dropped from its end, a truncated paste) is still running text.
    return words >= 6 and ends_with_terminal(text) or words >= 10 and ends_with_function_word(text)


_CONJUNCTION_EN = re.compile(r"(?i)^(?:and|but|or|so|yet)\b")


def opens_on_conjunction(text: str) -> bool:
    """Opens on "and", "but" ... (Arabic: و/ف joined to a verb or particle, ثم، لكن ...): the argument goes on.
    Narrower than ``starts_as_continuation``, which takes pronouns and lower case too ("This is why ...")."""
    return bool(_CONTINUATION_AR.match(text) or _CONJUNCTION_EN.match(text))


def starts_as_continuation(text: str) -> bool:
    """Starts with a conjunction or in lower case: the middle of an argument, never a headline."""
    if _CONTINUATION_AR.match(text) or _CONTINUATION_EN.match(text):
        return True
    first = text[:1]
    return first.isalpha() and first.islower()


def is_headline_like(text: str) -> bool:
    """Shaped like a headline: a few words, capitalised or Arabic, no sentence-final full stop.

    Questions and exclamations count (related-story links often end with ? or !); lines that start with
    a quote mark, a digit or a conjunction do not, nor lead-ins ending in a colon or comma.
    """
    words = word_count(text)
    if not 3 <= words <= 16:
        return False
    if ends_with_function_word(text):
        return False
    if text[0] in "\"“”'‘«(-–—" or text[0].isdigit() or starts_as_continuation(text):
        return False
    stripped = text.rstrip("\"”’'»)] ")
    if not stripped or stripped[-1] in ".:;,،…":
        return False
    if "،" in text and is_arabic(text):
        return False  # Arabic headlines do without the comma; a line that has one is a sentence
    if text[-1] in _CLOSING_QUOTES:
        if stripped[-1] in "!?؟":
            return False  # ends a quotation: someone speaking, not a headline
        straight = text.count('"')
        curly_open = sum(text.count(q) for q in "“«")
        curly_close = sum(text.count(q) for q in "”»")
        if straight % 2 or curly_close > curly_open:
            return False  # closes a quotation opened on an earlier line
    return True


_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "and",
        "or",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "that",
        "which",
        "because",
        "but",
        "than",
        "whose",
        "و",
        "في",
        "من",
        "على",
        "إلى",
        "الى",
        "عن",
        "أن",
        "ان",
        "أو",
        "او",
        "ثم",
        "التي",
        "الذي",
        "مع",
        "أي",
        "لا",
        "قد",
    ]
)


def ends_with_function_word(text: str) -> bool:
    """Ends on "the", "of", "و", "في" ...: a sentence cut short (a truncated paste), never a headline or label."""
    words = text.split()
    return len(words) >= 3 and words[-1].casefold() in _FUNCTION_WORDS


def is_question(text: str) -> bool:
    return text.rstrip("\"”’'»)] ").endswith(("?", "؟"))


def looks_like_name(text: str) -> bool:
    """A bare personal name, as a byline line prints it ("Tim Stickings", "سلمى الحداد")."""
    if any(c.isdigit() for c in text) or len(text) > 48 or re.search(r"[!?؟:;|/()\"“”«»,،]|\.$", text):
        return False
    tokens = text.split()
    if not 2 <= len(tokens) <= 4:
        return False
    if len(tokens) == 4 and not is_arabic(text) and not any(t.lower() in NAME_PARTICLES for t in tokens):
        return False  # four capitalised words without a "de"/"al"/"bin" are a label ("SafeX Pro Exchange View")
    if is_arabic(text):
        return all(_ARABIC_LETTER.match(t[0]) for t in tokens)
    if any(t.lower() in _NOT_IN_NAMES for t in tokens):
        return False
    capitalised = [t for t in tokens if t.lower() not in NAME_PARTICLES]
    return bool(capitalised) and all(
        t[0].isupper() and (len(t) == 1 or not t.isupper() or len(t) <= 3) for t in capitalised
    )


def same_text(a: str, b: str) -> bool:
    """Equal after case, punctuation and white space are ignored (for repeated headlines, bylines)."""
    return squash(a) == squash(b) and bool(squash(a))


def squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


# Lines that open a list item: bullets (with or without a space after them), numbers, letters.
_LIST_START = re.compile(rf"^\s*(?:[{BULLET_MARKS}]\s?|[-*+]\s|\d{{1,3}}[.)]\s|\(?[a-z][.)]\s)")


def unwrap(lines: list[Line]) -> list[Line]:
    """Join the lines of paragraphs that were hard-wrapped at a fixed width (e-mail, wire copy, terminals).

    A text is wrapped when most of its longer lines end near one column without finishing a sentence.
    A line then continues onto the next unless it ends a sentence or stops well short of the column.
    Whatever the text, a line of prose that stops mid-sentence continues onto a next line that carries
    the sentence on in lower case ("... and Moyes also recognised" / "the impact the England forward had
    on the game."): a paragraph broken by a stray line break, as pasted pages often are
    (``_broken_mid_sentence``).
    Joined lines are blank-free runs; headings, images, rules and list items are never joined. Every test
    reads the last input line of a paragraph being joined, never the whole paragraph so far, and the
    pieces are joined once at the end: a long run of joined lines costs linear time.
    """
    width = wrap_width([line.text for line in lines if word_count(line.text) >= 5])
    runs: list[list[Line]] = []
    words = 0  # in the run so far
    for line in lines:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and last.text
            and line.text
            and runs[-1][0].hint in (None, "quote")
            and line.hint in (None, "quote")
            and not _LIST_START.match(line.raw)
            and (_cut_at_width(last, line, width) or _broken_mid_sentence(last.text, line.text, words))
        ):
            runs[-1].append(line)
            words += word_count(line.text)
        else:
            runs.append([line])
            words = word_count(line.text)
    return [run[0] if len(run) == 1 else _joined(run) for run in runs]


def _joined(run: list[Line]) -> Line:
    pieces = [run[0].text]
    for line in run[1:]:
        if pieces[-1].endswith("-") and len(pieces[-1]) > 1 and pieces[-1][-2].isalpha() and line.text[:1].islower():
            pieces[-1] += line.text  # a word broken at its hyphen
        else:
            pieces.append(line.text)
    first = run[0]
    return Line(first.index, " ".join(pieces), "\n".join(line.raw for line in run), first.hint,
                tuple(line.index for line in run[1:]))


def _cut_at_width(last: Line, line: Line, width: int | None) -> bool:
    """In a text hard-wrapped at ``width``: ``last`` (the paragraph's last input line) ran up to the
    column and did not end a sentence there (or ``line`` carries on in lower case)."""
    return (width is not None and len(last.raw.strip()) >= 0.7 * width
            and not (ends_with_full_stop(last.text) and not line.text[:1].islower()))


# A next line that carries on a sentence: a word all in lower case ("the", not "eBay" or "iPhone"), perhaps
# behind an opening bracket, that is no byline or time stamp ("by Jane Smith", "updated 2 hours ago").
_LOWER_START = re.compile(r"^(?:\(|[–—]\s?)?[a-z][a-z'’-]*(?![\w])")  # "the", "(league", "– the council said –"
_HEADER_START = re.compile(r"^(?:by\s+(?:the\s+)?[A-Z]|(?:posted|updated|published|photo|image|source)\b|(?:written|edited) by\b)")
BROKEN_LINE_MIN_WORDS = 5  # a shorter line without a stop may be a label or a menu entry
CARRIED_ON_WORDS = 8  # ... and a next line this long, or one that ends the sentence, carries it on


def _broken_mid_sentence(last: str, text: str, words: int) -> bool:
    """``last``, the last input line of a run of ``words`` words (at least a few, no sentence end), stops
    mid-sentence and ``text`` carries it on: it starts with a lower-case word ("by a lorry", not "by Jane
    Smith" or "updated 2 hours ago" under a headline) and ends the sentence, runs on, or stops mid-sentence
    itself; a line ending on "because" or "of the" runs on whatever follows."""
    return (words >= BROKEN_LINE_MIN_WORDS and not ends_with_terminal(last)
            and not last.rstrip().endswith("|") and bool(_LOWER_START.match(text)) and not _HEADER_START.match(text)
            and (ends_with_terminal(text) or word_count(text) >= CARRIED_ON_WORDS or ends_with_function_word(last)
                 or ends_with_function_word(text)))


def wrap_width(texts: list[str]) -> int | None:
    """The column a hard-wrapped text was cut at, or None when each line is a whole paragraph."""
    if len(texts) < 4:
        return None
    lengths = sorted(len(t) for t in texts)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 40 <= width <= 100:
        return None
    # Lines cut by the wrapper stop mid-sentence, all within a few characters of the same column.
    cut = [len(t) for t in texts if len(t) >= 0.8 * width and not ends_with_full_stop(t)]
    if len(cut) < max(3, 0.4 * len(texts)) or max(cut) - min(cut) > 0.2 * width:
        return None
    return width
