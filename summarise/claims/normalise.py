"""Normalised forms, so that the same fact written two ways matches and two different facts do not.

"U.S." = "US", "2,000" = "2000" = "٢٠٠٠", "June 2" = "2 June" = "2 يونيو" = "2 حزيران", "Mr Lavrov" =
"Lavrov", case and Arabic spelling variants (hamza on alef, final ya/ta marbuta, diacritics) ignored.
Pure functions, no model: used on both sides of every comparison.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # tashkeel, tatweel
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
# U.S., U.S, u.s. and the "U. S." that tokenised corpora leave behind.
_ACRONYM = re.compile(r"(?<![\w.])([A-Za-z](?:\.[A-Za-z])+\.?|[A-Za-z]\.(?: [A-Za-z]\.)+)(?![\w])")
# Thousands separators, including the "36, 000" that tokenised-then-detokenised corpora leave behind.
_SEPARATOR = re.compile(r"(?<=\d)(?:[,\u066c']|, )(?=\d{3}(?!\d))")
_DECIMAL = re.compile(r"(?<=\d)\u066b(?=\d)")

HONORIFICS = (
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor", "president",
    "vice president", "prime minister", "foreign minister", "minister", "secretary", "secretary of state",
    "chancellor", "senator", "sen", "rep", "governor", "gov", "mayor", "general", "gen", "col", "colonel",
    "capt", "captain", "king", "queen", "prince", "princess", "pope", "sheikh", "judge", "justice", "rev",
    "chief", "commissioner", "ambassador", "spokesman", "spokeswoman", "spokesperson", "lieutenant", "lt",
    "speaker", "deputy", "emir", "crown prince", "crown princess", "sergeant", "sgt", "detective", "inspector", "chairman", "chairwoman",
    # not "premier" or "crown": they open names too (Premier League, Crown Prosecution Service)
    # Arabic (already folded: hamza-less alef, ta marbuta as ha)
    "السيد", "السيده", "الرييس", "رييس الوزراء", "وزير الخارجيه", "الوزير", "الشيخ", "الدكتور", "د",
    "الملك", "الملكه", "الامير", "الاميره", "المتحدث باسم", "السفير",
)
_HONORIFIC = re.compile(
    r"^(?:(?:" + "|".join(sorted((re.escape(h) for h in HONORIFICS), key=len, reverse=True)) + r")\.?(?:\s+|$))+"
)
_WORD = re.compile(r"\w+(?:[.']\w+)*")


def fold(text: str) -> str:
    """Case-, digit-, accent- and Arabic-spelling-insensitive text, punctuation kept (offsets are not)."""
    text = unicodedata.normalize("NFKC", text).translate(_DIGITS)
    text = _ACRONYM.sub(lambda m: m.group(1).replace(".", "").replace(" ", ""), text)
    text = _SEPARATOR.sub("", text)
    text = _DECIMAL.sub(".", text)
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    # Dropping combining marks folds Latin accents (Québec) and the hamza/madda of Arabic letters.
    text = unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"))
    return text.replace("’", "'").replace("‘", "'").lower()


def tokens(text: str) -> list[str]:
    """Folded word tokens; possessive 's dropped, so "Nato's" -> "nato"."""
    out = []
    for word in _WORD.findall(fold(text)):
        word = word.removesuffix("'s")
        out.append(word.strip("'"))
    return [w for w in out if w]


def normalise(text: str) -> str:
    """The matching key of a claim's text: folded tokens, honorifics and a leading "the" removed."""
    text = " ".join(tokens(text))
    stripped = _HONORIFIC.sub("", text)
    if not stripped.startswith("of "):  # "Speaker of the House" is an office, not a title before a name
        text = stripped
    return re.sub(r"^(?:the|ال)\s+", "", text).strip()


def stem(word: str) -> str:
    """A light English stemmer (plural, tense, adverb endings): enough to match "arrests" with "arrested"."""
    for suffix in ("ies", "es", "s", "ed", "ing", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


# -- numbers -----------------------------------------------------------------------------------------

SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
    "b": 1e9, "trillion": 1e12, "tn": 1e12, "bln": 1e9, "trln": 1e12,
    # South Asian: "Rs 500 crore" is five billion rupees
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
    "الف": 1e3, "االف": 1e3, "الاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9,
    "بليون": 1e9, "تريليون": 1e12,
}
CURRENCIES = {
    "$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD", "usd": "USD", "دولار": "USD", "دولارا": "USD",
    "£": "GBP", "pound": "GBP", "pounds": "GBP", "gbp": "GBP", "sterling": "GBP", "جنيه استرليني": "GBP",
    "€": "EUR", "euro": "EUR", "euros": "EUR", "eur": "EUR", "يورو": "EUR",
    "¥": "JPY", "yen": "JPY", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "riyal": "SAR", "riyals": "SAR", "ريال": "SAR", "dirham": "AED", "dirhams": "AED", "درهم": "AED",
    "جنيه": "EGP",
    # Currencies whose name several countries share are kept by name: "12 francs" is not "12 euros".
    "yuan": "CNY", "renminbi": "CNY", "يوان": "CNY", "shekel": "ILS", "shekels": "ILS", "شيكل": "ILS", "شيقل": "ILS",
    "ين": "JPY", "روبل": "RUB", "ريالات": "SAR", "دراهم": "AED", "دولارات": "USD", "franc": "franc", "francs": "franc",
    "فرنك": "franc", "فرنكات": "franc", "lira": "lira", "liras": "lira", "lire": "lira", "ليره": "lira", "ليرات": "lira",
    "dinar": "dinar", "dinars": "dinar", "دينار": "dinar", "دينارا": "dinar", "دنانير": "dinar", "rupee": "rupee",
    "rupees": "rupee", "rs": "rupee", "rs.": "rupee", "₹": "rupee", "روبيه": "rupee", "peso": "peso", "pesos": "peso", "بيزو": "peso",
    "dlrs": "USD", "ringgit": "MYR", "naira": "NGN", "rand": "ZAR", "baht": "THB", "rupiah": "IDR", "zloty": "PLN",
    "hryvnia": "UAH", "hryvnias": "UAH", "shilling": "shilling", "shillings": "shilling", "krona": "krona", "kronor": "krona",
    "krone": "krone", "kroner": "krone", "رينغيت": "MYR", "نايرا": "NGN",
}
PERCENT = {"%", "percent", "per cent", "pc", "percentage points", "percentage point", "بالمئه", "بالمايه", "في المئه", "في المايه", "٪",
           # as the folded text writes them (ئ folds to ي): "60 في المئة" is 60 %
           "بالميه", "في الميه", "بالمييه", "في المييه"}
# Units of measure kept with a number in either language, so "20 km" is not the count 20: key -> unit.
MEASURES = {
    "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km", "كم": "km",
    "كيلومتر": "km", "كيلومترا": "km", "كيلومترات": "km", "miles": "mi", "mile": "mi", "ميل": "mi", "اميال": "mi",
    "kg": "kg", "kilogram": "kg", "kilogramme": "kg", "kilograms": "kg", "kilogrammes": "kg", "كيلوغرام": "kg", "كيلوجرام": "kg", "كغ": "kg",
    "tonnes": "t", "tons": "t", "tonne": "t", "ton": "t", "طن": "t", "اطنان": "t",
    "metres": "m", "meters": "m", "متر": "m", "مترا": "m", "امتار": "m",
    "barrels": "bbl", "barrel": "bbl", "برميل": "bbl", "براميل": "bbl",
    "degrees": "deg", "درجه": "deg", "درجات": "deg",
    "km/h": "km/h", "kph": "km/h", "kilometres per hour": "km/h", "kilometers per hour": "km/h", "kilometres an hour": "km/h",
    "kilometers an hour": "km/h", "km per hour": "km/h", "km an hour": "km/h", "mph": "mph", "miles per hour": "mph",
    "miles an hour": "mph", "كم/س": "km/h", "كم/ساعه": "km/h", "كم في الساعه": "km/h", "كيلومترا في الساعه": "km/h",
    "كيلومتر في الساعه": "km/h",
    # Durations: "jailed for 10 years" is not "10 months" (Arabic folded: سنة -> سنه, أشهر -> اشهر).
    "years": "yr", "year": "yr", "yrs": "yr", "months": "mo", "month": "mo", "weeks": "wk", "week": "wk",
    "days": "d", "day": "d", "hours": "h", "hour": "h", "hrs": "h", "minutes": "min", "minute": "min", "mins": "min",
    "سنوات": "yr", "سنه": "yr", "سنين": "yr", "عاما": "yr", "اعوام": "yr", "اشهر": "mo", "شهرا": "mo", "شهور": "mo",
    "اسابيع": "wk", "اسبوعا": "wk", "ايام": "d", "يوما": "d", "ساعه": "h", "ساعات": "h", "دقيقه": "min", "دقائق": "min",
}

UNITS_EN = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12,
}
TENS_EN = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINALS_EN = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fifteenth": 15, "twentieth": 20,
}
# Spelled-out Arabic numbers where cheap: units, tens and the round hundreds/thousands (folded spelling).
WORDS_AR = {
    "واحد": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5,
    "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثماني": 8, "ثمانيه": 8, "ثمان": 8, "تسع": 9,
    "تسعه": 9, "عشر": 10, "عشره": 10, "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40,
    "اربعين": 40, "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80,
    "ثمانين": 80, "تسعون": 90, "تسعين": 90, "مئه": 100, "مايه": 100, "مئتان": 200, "مئتين": 200, "الف": 1000,
    "الفان": 2000, "الفين": 2000, "مليون": 1e6, "مليار": 1e9,
}


def number_value(digits: str) -> float | None:
    """``"2,000"`` -> 2000.0, ``"٢٫٥"`` -> 2.5; None when the text is not a plain number."""
    text = _SEPARATOR.sub("", _DECIMAL.sub(".", digits.translate(_DIGITS))).replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


def format_number(value: float, unit: str | None = None) -> str:
    """The canonical value string: ``4500000000 USD``, ``0.25 %``, ``2000``."""
    text = str(int(value)) if float(value).is_integer() else f"{value:.6g}"
    return f"{text} {unit}" if unit else text


# -- dates -------------------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    # Arabic, folded. Egyptian/Gulf series (from the European names) ...
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6, "يوليو": 7,
    "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # ... and the Levantine/Iraqi (Syriac) series.
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8,
    "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6,
}
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")


@dataclass(frozen=True)
class DateValue:
    """A date as written: any of its parts may be unknown. ``iso`` is its canonical value."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    time: str | None = None  # "HH:MM", 24-hour

    @property
    def iso(self) -> str:
        if self.time is not None:
            return self.time
        if self.month is None:
            if self.year is not None:
                return str(self.year)
            return WEEKDAY_NAMES[self.weekday] if self.weekday is not None else ""
        if not self.year:
            # A month with no year to put it in reads as the month ("february"), not ISO's "--02", which a
            # reader takes for an error; a day of it keeps the month's name ("june 2").
            return MONTH_NAMES[self.month - 1] + (f" {self.day}" if self.day else "")
        day = f"-{self.day:02d}" if self.day else ""
        return f"{self.year:04d}-{self.month:02d}{day}"

    def within(self, other: DateValue) -> bool:
        """Every part this date states is stated, the same, by ``other``."""
        pairs = [(self.year, other.year), (self.month, other.month), (self.day, other.day),
                 (self.weekday, other.weekday), (self.time, other.time)]
        return all(a is None or a == b for a, b in pairs)


def resolve_date(value: DateValue, published: str | None) -> DateValue:
    """Give a month-and-day date the year that puts it nearest the article's publication date; a month
    alone ("in February") the year of that month nearest it, counting whole months (February in an article
    of May 2025 is February 2025)."""
    if published is None or value.year is not None or value.month is None:
        return value
    try:
        anchor = date.fromisoformat(published[:10])
    except ValueError:
        return value
    if value.day is None:
        months = lambda year: abs((year - anchor.year) * 12 + value.month - anchor.month)  # noqa: E731
        year = min((anchor.year - 1, anchor.year, anchor.year + 1), key=months)
        return DateValue(year, value.month, None, value.weekday, value.time)
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = date(year, value.month, value.day)
        except ValueError:
            continue
        if best is None or abs((candidate - anchor).days) < abs((best - anchor).days):
            best = candidate
    if best is None:
        return value
    return DateValue(best.year, value.month, value.day, value.weekday, value.time)


def clock(hour: int, minute: int, meridiem: str | None) -> str | None:
    """24-hour "HH:MM" for a time as written ("5.30pm", "16:00"); None when it is not a time."""
    meridiem = (meridiem or "").replace(".", "").lower()
    if meridiem in ("pm", "م", "مساء") and hour < 12:
        hour += 12
    elif meridiem in ("am", "ص", "صباحا") and hour == 12:
        hour = 0
    if not (0 <= hour < 24 and 0 <= minute < 60):
        return None
    return f"{hour:02d}:{minute:02d}"
