"""Dates as news pages print them, in English and Arabic, to ISO 8601 (``YYYY-MM-DD``).

Handles ISO stamps, RFC 2822 (``Sun, 11 Mar 2018 05:03:20 GMT``), "May 28, 2025", "28 May 2025",
"Jan. 5, 2023", numeric dates, and Arabic dates with either month series (يونيو or حزيران, often both:
"١٢ يونيو/حزيران ٢٠٢٤") in Arabic-Indic or Western digits. Also tells a line that is *only* a
timestamp ("Published 14 March 2024, 09:12 GMT", "آخر تحديث: ...", "3 hours ago") from prose.
"""

from __future__ import annotations

import datetime as _dt
import re

# Arabic-Indic and Persian digits -> ASCII, so one set of patterns serves both scripts.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

_EN_MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
# Both series in use across the Arab world (Egypt/Gulf and Levant/Iraq), plus the Maghreb forms.
_AR_MONTHS = {
    "يناير": 1,
    "كانون الثاني": 1,
    "كانون ثاني": 1,
    "جانفي": 1,
    "فبراير": 2,
    "شباط": 2,
    "فيفري": 2,
    "مارس": 3,
    "آذار": 3,
    "اذار": 3,
    "أذار": 3,
    "أبريل": 4,
    "ابريل": 4,
    "إبريل": 4,
    "نيسان": 4,
    "أفريل": 4,
    "افريل": 4,
    "مايو": 5,
    "أيار": 5,
    "ايار": 5,
    "ماي": 5,
    "يونيو": 6,
    "يونيه": 6,
    "حزيران": 6,
    "جوان": 6,
    "يوليو": 7,
    "يوليه": 7,
    "تموز": 7,
    "جويلية": 7,
    "أغسطس": 8,
    "اغسطس": 8,
    "آب": 8,
    "أوت": 8,
    "سبتمبر": 9,
    "أيلول": 9,
    "ايلول": 9,
    "أكتوبر": 10,
    "اكتوبر": 10,
    "تشرين الأول": 10,
    "تشرين الاول": 10,
    "تشرين أول": 10,
    "نوفمبر": 11,
    "تشرين الثاني": 11,
    "تشرين ثاني": 11,
    "ديسمبر": 12,
    "كانون الأول": 12,
    "كانون الاول": 12,
    "كانون أول": 12,
}


def _alternation(names) -> str:
    # Longest first, so "كانون الثاني" wins over a shorter prefix and "Sept" over "Sep".
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


_EN_MONTH = rf"(?:{_alternation(_EN_MONTHS)})\.?"
_AR_MONTH = rf"(?:{_alternation(_AR_MONTHS)})"
_YEAR = r"(?:19|20)\d\d"
_DAY = r"(?:[0-3]?\d)"

_PATTERNS: list[tuple[str, re.Pattern]] = [
    (
        "iso",
        re.compile(
            rf"(?<!\d)(?P<y>{_YEAR})-(?P<m>[01]?\d)-(?P<d>{_DAY})(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?!\d)"
        ),
    ),
    ("ymd", re.compile(rf"(?<!\d)(?P<y>{_YEAR})/(?P<m>[01]?\d)/(?P<d>{_DAY})(?!\d)")),
    # "May 28, 2025", "Jan. 5 2023", "Tue July 29, 2014", "May 5th 2000"
    ("mdy", re.compile(rf"(?i)\b(?P<mon>{_EN_MONTH})\s+(?P<d>{_DAY})(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR})(?!\d)")),
    # "28 May 2025", "11 Mar 2018 05:03:20 GMT" (RFC 2822), "5th August, 2015", "15th, August 2023"
    (
        "dmy",
        # A comma between day and month only after an ordinal: "Section 4, May 2021 edition" is no date.
        re.compile(rf"(?i)\b(?P<d>{_DAY})(?:(?:st|nd|rd|th),?)?\s+(?:of\s+)?(?P<mon>{_EN_MONTH}),?\s+(?P<y>{_YEAR})(?!\d)"),
    ),
    # "١٢ يونيو/حزيران ٢٠٢٤", "28 أيار (مايو) 2025", "5 كانون الثاني 2020", "15 نوفمبر - 2024", "11/نوفمبر/2020"
    (
        "ar",
        re.compile(
            rf"(?<!\d)(?P<d>{_DAY})\s*[,،/]?\s*(?P<mon>{_AR_MONTH})(?:\s*[/\-(]\s*{_AR_MONTH}\s*\)?)?\s*[,،\-–/]?\s*(?:عام\s*|سنة\s*)?(?P<y>{_YEAR})(?!\d)"
        ),
    ),
    ("numeric", re.compile(rf"(?<![\d/.-])(?P<a>[0-3]?\d)[/.-](?P<b>[0-3]?\d)[/.-](?P<y>{_YEAR})(?![\d/.-])")),
]

_TIME_BODY = r"\b\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:[ap]\.?\s?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)"
_TIME = re.compile(_TIME_BODY, re.IGNORECASE)
# Words that may surround a timestamp on a line that is only a timestamp.
_STAMP_WORDS = re.compile(
    r"(?i)\b(?:published|updated|last|first|posted|modified|created|date[d]?|on|at|am|pm|a\.m|p\.m|gmt|bst|utc|"
    r"cet|cest|est|edt|cst|cdt|pst|pdt|et|pt|ast|ist|eet|eest|wet|west|msk|gst|pkt|jst|kst|hkt|sgt|aest|aedt|sast|"
    r"eat|cat|wat|trt|irst|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|"
    r"fri(?:day)?|sat(?:urday)?|sun(?:day)?|today|yesterday|ago|just|now|hours?|hrs?|minutes?|mins?|days?|weeks?|"
    r"months?|years?|an?|one|two|three|four|five|six|seven|eight|nine|ten|local|time|and|edited|by)\b"
)
_AR_STAMP_WORDS = re.compile(
    r"(?:نشر|نُشر|نشرت|تاريخ|النشر|آخر|اخر|تحديث|التحديث|تم|محدث|في|الساعة|بتوقيت|غرينتش|جرينتش|مكة|المكرمة|"
    r"القدس|منذ|ساعة|ساعتين|ساعات|دقيقة|دقيقتين|دقائق|يوم|يومين|أيام|ايام|أسبوع|أسابيع|شهر|أشهر|سنة|عام|قبل|"
    r"الأحد|الاحد|الإثنين|الاثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت|اليوم|أمس|امس|صباحا|مساء|مساءً|"
    r"صباحاً|صباحًا|ظهرا|ظهرًا|مساءا|ص|م|هـ|ه|ميلادي|الموافق|لـ|ل|الأثنين|"
    # Hijri months: a date line gives the Hijri date beside the Gregorian one, which is the one read.
    r"محرم|صفر|ربيع|جمادى|جمادي|الأول|الاول|الأولى|الاولى|الآخر|الاخر|الآخرة|الاخرة|الثاني|الثانية|رجب|شعبان|"
    r"رمضان|شوال|ذو|ذي|القعدة|الحجة)(?=[\s,،:/\-|().]|$)"
)


# "بتوقيت أبوظبي" / "(بتوقيت مكة المكرمة)" / "Mecca time": a place named only to give the time zone.
_ZONE_NAME = re.compile(r"بتوقيت\s+[^\s()]+(?:\s+المكرمة)?|\b[A-Z][a-z]+ time\b")


def normalise_digits(text: str) -> str:
    return text.translate(_DIGITS)


# "19:11" + "20/06/2025" pasted together (a time and a date in adjacent elements).
_GLUED_TIME = re.compile(r"(?<![\d:])\d{1,2}:\d\d(?=[0-3]?\d[/.-][01]?\d[/.-](?:19|20)\d\d(?!\d))")


def find_date(text: str, *, day_first: bool | None = None) -> tuple[str, int, int] | None:
    """The first full calendar date in ``text``: (ISO date, start, end). Offsets index ``text``.

    An ambiguous numeric date (9/8/2025) is read day first in Arabic text, month first in English;
    ``day_first`` overrides that for a line with no words (the page's language decides then).
    """
    plain = normalise_digits(text)  # same length: the translation maps one character to one
    # A time glued to the date after it ("19:1120/06/2025"): blank the time (same length, offsets hold).
    plain = _GLUED_TIME.sub(lambda m: " " * len(m.group()), plain)
    best: tuple[str, int, int] | None = None
    arabic = _has_arabic(text) if day_first is None else day_first
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(plain):
            iso = _to_iso(kind, match, arabic=arabic)
            if iso is not None:
                if best is None or match.start() < best[1]:
                    best = (iso, match.start(), match.end())
                break
    return best


def is_timestamp_line(text: str) -> bool:
    """True when ``text`` holds a date or time stamp and nothing else but label words."""
    plain = normalise_digits(text)
    spans = []
    found = find_date(plain)
    while found is not None:
        spans.append(found)
        plain = plain[: found[1]] + " " + plain[found[2] :]
        found = find_date(plain)
    relative = re.search(r"(?i)\b(ago|yesterday|today|just now)\b|منذ|أمس|امس", plain)
    if not spans and not relative and not _TIME.search(plain):
        return False
    residue = _TIME.sub(" ", plain)
    if relative:  # "3m ago", "2h ago": a number glued to its unit
        residue = re.sub(r"(?i)\b\d{1,3}\s*(?:s|m|h|d|w|hr|hrs|min|mins)\b", " ", residue)
    residue = _ZONE_NAME.sub(" ", residue)
    residue = _STAMP_WORDS.sub(" ", residue)
    residue = _AR_STAMP_WORDS.sub(" ", residue)
    residue = re.sub(r"\b\d{1,4}\b", " ", residue) if (spans or relative) else residue
    residue = re.sub(r"[\W_]+", "", residue)
    return residue == ""


def words_beside_date(text: str) -> int | None:
    """The words a line holds besides its first full date and a timestamp's own words (weekdays,
    "published", الموافق ...): 3 for "General News of Saturday, 23 September 2017"; None with no date."""
    plain = normalise_digits(text)
    found = find_date(plain)
    if found is None:
        return None
    rest = _AR_STAMP_WORDS.sub(" ", _STAMP_WORDS.sub(" ", plain[: found[1]] + " " + plain[found[2] :]))
    return len(re.findall(r"[^\W\d_]+", rest))


_LEADING_LABEL = r"(?:(?:first\s+)?(?:published|updated|last\s+updated|posted|date[d]?|modified)\s*:?\s*)"
_STAMP_PREFIX = re.compile(
    rf"\s*{_LEADING_LABEL}?(?:[A-Za-z]{{3,9}},?\s*)?(?:{_TIME_BODY})?\s*(?:at|on)?\s*", re.IGNORECASE
)
_STAMP_TAIL = re.compile(
    rf"(?:\s*(?:,|at|\||-|–)?\s*(?:{_TIME_BODY})(?:\s*(?:GMT|BST|UTC|E[SD]T|C[SD]T|P[SD]T|ET|PT|CET|CEST)\b)?)?[\s,|–-]*",
    re.IGNORECASE,
)
_HAS_LABEL = re.compile(rf"\s*{_LEADING_LABEL}", re.IGNORECASE)


def split_leading_timestamp(text: str, *, need_label: bool = False) -> tuple[str, str, str] | None:
    """A timestamp glued to the front of other text: ``(stamp, iso date, rest)``.

    "Updated Jul 7, 2012 6:40 PM ET Juventus are ..." and "date 2025-05-28 Russia has insisted ..." are
    what pasted pages produce. The stamp must hold a full date; ``need_label`` asks for a label word
    (Published, Updated, date ...) or a time of day as well, so a sentence that merely starts with a
    date ("May 5, 2020 was a Tuesday") is left alone.
    """
    plain = normalise_digits(text[:120])  # a stamp starts within the first 40 characters
    found = find_date(plain)
    if found is None or found[1] > 40:
        return None
    iso, start, end = found
    prefix = plain[:start]
    if _STAMP_PREFIX.fullmatch(prefix) is None:
        return None
    # Extend over a trailing time, time zone and separators: "2:12AM", "AT 04:50 PM EST", "| 09:12 GMT".
    tail = _STAMP_TAIL.match(plain, end)
    stop = tail.end() if tail else end
    rest = text[stop:].strip()
    has_label = bool(_HAS_LABEL.match(prefix)) or bool(_TIME.search(plain[:stop]))
    if need_label and not has_label:
        return None
    if not rest or not (rest[0].isupper() or rest[0] in "\"“'‘«(" or _has_arabic(rest[0])):
        return None
    return text[:stop].strip(" ,|–-"), iso, rest


def _to_iso(kind: str, match: re.Match, *, arabic: bool) -> str | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if kind in ("iso", "ymd"):
        month, day = int(groups["m"]), int(groups["d"])
    elif kind in ("mdy", "dmy"):
        month, day = _EN_MONTHS[groups["mon"].rstrip(".").lower()], int(groups["d"])
    elif kind == "ar":
        month, day = _AR_MONTHS[groups["mon"]], int(groups["d"])
    else:  # numeric: day first unless that is impossible; US order for English text when ambiguous
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 and b <= 12:
            day, month = a, b
        elif b > 12 and a <= 12:
            month, day = a, b
        elif arabic:
            day, month = a, b
        else:
            month, day = a, b
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _has_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)
