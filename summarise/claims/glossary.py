"""The English–Arabic name glossary: shipped defaults plus the user's own file.

Each entry names one entity in both languages (Nato → الناتو, Istanbul → إسطنبول). The translator
protects the English names it finds and writes the first Arabic rendering; the claim checker uses the
same entries to recognise a name in either language (and "Russian" as the same place as "Russia").
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import ConfigError
from .arabic_lexicon import PREPOSITIONS
from .arabic_words import is_definite
from .normalise import fold, normalise

KINDS = ("person", "organisation", "place", "nationality")
PROTECTED_KINDS = ("person", "organisation", "place")  # nationalities inflect in Arabic: matched, never masked
# Arabic proclitics that attach to a name: wa-, fa-, bi-, li-, ka- (and li+al- written "لل").
_AR_PREFIX = r"(?:[وف]?(?:[بل]|ك(?=ال))?)"  # ka- ("like") only before the article: كروس is Kroos, not ka- + Russians
_AR_SUFFIX = r"(?:ه|ي|ين|ون|ان|يه|يون|يين)?"
# ... of which these make a place an adjective (nisba): الأردن Jordan, الأردني Jordanian (ة folds to ه).
_AR_NISBA = ("ي", "يه", "يون", "يين")


@dataclass(frozen=True)
class Entry:
    kind: str
    english: tuple[str, ...]
    arabic: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.english[0]

    @property
    def rendering(self) -> str:
        """What the translator writes for this name in Arabic."""
        return self.arabic[0]


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    entry: Entry
    # Arabic: where the written word starts, attached particles (و ف ب ل ك) included; start is the name's.
    word_start: int | None = None
    adjective: bool = False  # Arabic: a place's name made an adjective (الجيش الأردني, the Jordanian army)


class Glossary:
    def __init__(self, entries: list[Entry]):
        # Later entries (the user's file) replace earlier ones with the same canonical English name.
        by_name: dict[str, Entry] = {}
        for entry in entries:
            by_name[normalise(entry.name)] = entry
        self.entries = tuple(by_name.values())
        self._by_key: dict[str, Entry] = {}
        for entry in self.entries:
            for alias in entry.english:
                self._by_key.setdefault(normalise(alias), entry)
        self._english = _english_pattern(self.entries)
        self._arabic = _arabic_patterns(self.entries)
        # Each entry's folded Arabic forms: its pattern cannot match a text that holds none of them, and
        # a substring test is far cheaper than running the pattern over a long text.
        self._arabic_forms = {id(entry): _arabic_forms(entry) for entry in self.entries}

    def __len__(self) -> int:
        return len(self.entries)

    def entry_for(self, text: str) -> Entry | None:
        """The entry one of whose English names ``text`` is (case, dots and honorifics aside)."""
        return self._by_key.get(normalise(text))

    def find_english(self, text: str) -> list[Match]:
        """Non-overlapping English names in ``text``, longest first. All-capital aliases (US, UN, WHO)
        match only in capitals, so the pronoun "us" and the word "who" are never taken for them."""
        if self._english is None:
            return []
        found = []
        for match in self._english.finditer(text):
            surface = match.group(0)
            entry = self._match_entry(surface)
            if entry is not None:
                found.append(Match(match.start(), match.end(), entry))
        return found

    def _match_entry(self, surface: str) -> Entry | None:
        entry = self.entry_for(surface)
        if entry is None:
            return None
        alias = next(a for a in entry.english if normalise(a) == normalise(surface))
        compact = alias.replace(".", "")
        if compact.isupper() and surface.replace(".", "") != compact:
            return None
        if alias[:1].isupper() and not surface[:1].isupper():
            return None  # "turkey" the bird, "apple" the fruit
        return entry

    def find_arabic(self, text: str) -> list[Entry]:
        """Entries one of whose Arabic renderings occurs in ``text`` (any spelling variant, with or
        without the attached particles و ف ب ل ك and the article)."""
        found = {id(match.entry) for match in self.find_arabic_spans(text)}
        return [entry for entry in self.entries if id(entry) in found]

    def find_arabic_spans(self, text: str) -> list[Match]:
        """Every Arabic name the glossary knows in ``text``, with offsets into ``text`` itself (diacritics,
        tatweel and digit separators do not shift them; see ``fold_by_character``). In glossary order,
        each entry's matches in text order; matches of different entries may overlap.

        ``start:end`` is the name as written, its own diacritics included; ``word_start`` is where the
        word starts with its attached particles. In "للناتو" (li- + al-Nato) the name starts at the
        second ل, so the particle stays outside it."""
        folded, origin = fold_by_character(text)
        found = []
        for entry, pattern in self._arabic:
            if not self.may_occur_in(entry, folded):
                continue
            for m in pattern.finditer(folded):
                start, end = m.start("name"), m.end("name")
                if folded.startswith("لل", start) and any(fold(a).startswith("ال") for a in entry.arabic):
                    start += 1
                adjective = entry.kind == "place" and m.group("suffix") in _AR_NISBA
                if (adjective and m.group("suffix") == "يه" and _after_preposition(folded, m.start())
                        and not is_definite(folded[m.start():end])):
                    # An adjective follows its noun, never a preposition: "على قدسية" is sanctity (abstract
                    # nouns end in -ية). Plurals there are people ("بين يمنيين"), definite ones a people
                    # ("من الفلسطينيين"): both stay.
                    continue
                # Marks that fold to nothing after the name's last letter are part of it (إسطنبولَ).
                found.append(Match(origin[start], max(origin[end], origin[end - 1] + 1), entry, origin[m.start()], adjective))
        return found

    def may_occur_in(self, entry: Entry, folded: str) -> bool:
        """False when the entry's Arabic pattern cannot match the folded text ``folded``."""
        return any(form in folded for form in self._arabic_forms[id(entry)])


def fold_by_character(text: str) -> tuple[str, list[int]]:
    """``fold`` one character at a time (diacritics vanish, digits and letter variants map one to one),
    with the index in ``text`` of every folded character, and ``len(text)`` after the last.

    ``fold`` itself does not keep the length (it drops diacritics, tatweel and thousands separators),
    so offsets found in its output do not point into ``text``; these do, through the index list."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for folded in _fold_char(char):
            chars.append(folded)
            origin.append(index)
    origin.append(len(text))
    return "".join(chars), origin


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    # ``fold`` costs microseconds a call and a text uses a few hundred distinct characters.
    return fold(char) if char not in "٬٫" else char


def _english_pattern(entries: tuple[Entry, ...]) -> re.Pattern[str] | None:
    aliases = sorted({a for e in entries for a in e.english}, key=len, reverse=True)
    if not aliases:
        return None
    parts = [r"\.?\s*".join(re.escape(c) for c in a.replace(".", "")) if "." in a or a.isupper() else re.escape(a) for a in aliases]
    return re.compile(r"(?<![\w.])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


def _arabic_forms(entry: Entry) -> tuple[str, ...]:
    """The folded spellings of an entry's Arabic names that its pattern looks for."""
    forms = set()
    for alias in entry.arabic:
        folded = fold(alias)
        forms.add(folded)
        if folded.startswith("ال"):
            forms.add("ل" + folded[1:])  # li- + al- is written لل
            forms.add(folded[2:])
    return tuple(forms)


def _arabic_patterns(entries: tuple[Entry, ...]) -> list[tuple[Entry, re.Pattern[str]]]:
    patterns = []
    for entry in entries:
        body = "|".join(sorted((re.escape(form) for form in _arabic_forms(entry)), key=len, reverse=True))
        patterns.append((entry, re.compile(rf"(?<!\w){_AR_PREFIX}(?P<name>(?:{body})(?P<suffix>{_AR_SUFFIX}))(?!\w)")))
    return patterns


def parse_glossary(text: str, origin: str) -> list[Entry]:
    entries = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        columns = [c.strip() for c in line.split("\t")]
        if len(columns) != 3 or columns[0] not in KINDS or not columns[1] or not columns[2]:
            raise ConfigError(
                f"{origin}, line {number}: expected three tab-separated columns (kind, English names, Arabic names)",
                f"write e.g. 'place<TAB>Istanbul<TAB>إسطنبول'; kind is one of {', '.join(KINDS)}",
            )
        english = tuple(a.strip() for a in columns[1].split("|") if a.strip())
        arabic = tuple(a.strip() for a in columns[2].split("|") if a.strip())
        entries.append(Entry(columns[0], english, arabic))
    return entries


_CACHE: dict[tuple[str, float], Glossary] = {}
_LOCK = threading.Lock()


def load_glossary(user_file: Path | None = None) -> Glossary:
    """The shipped glossary, extended (and overridden, name by name) by ``user_file``. Cached until the
    user's file changes."""
    stamp = 0.0
    if user_file is not None:
        try:
            stamp = user_file.stat().st_mtime
        except OSError as error:
            raise ConfigError(
                f"cannot read the glossary {user_file}: {error.strerror or error}",
                "fix the path given with --glossary or SUMMARISE_GLOSSARY",
            ) from None
    key = (str(user_file), stamp)
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
    shipped = resources.files("summarise.claims").joinpath("data/glossary.tsv").read_text(encoding="utf-8")
    entries = parse_glossary(shipped, "the shipped glossary")
    if user_file is not None:
        try:
            from ..segment.read import read_bytes

            # Bounded like every input (a glossary path may name a device or FIFO); 20 MB is far past any glossary.
            data = read_bytes(user_file, max_bytes=20_000_000)
            if len(data) > 20_000_000:
                raise ConfigError(f"the glossary {user_file} is larger than 20,000,000 bytes", "give a TSV glossary file")
            entries += parse_glossary(data.decode("utf-8"), str(user_file))
        except UnicodeDecodeError:
            raise ConfigError(f"the glossary {user_file} is not UTF-8 text", "save it as UTF-8") from None
    glossary = Glossary(entries)
    with _LOCK:
        return _CACHE.setdefault(key, glossary)


_LAST_WORD = re.compile(r"([\u0621-\u064a]+)\s*$")


def _after_preposition(folded: str, start: int) -> bool:
    before = _LAST_WORD.search(folded, max(0, start - 12), start)
    return before is not None and before.group(1) in PREPOSITIONS
