"""Bylines -> author names, and the dateline at the head of the first paragraph.

``parse_byline("By Dr. Priya Nair, Science Correspondent, and Samuel Otieno")`` gives
``["Priya Nair", "Samuel Otieno"]``; ``split_dateline("New York (CNN) -- The ...")`` gives
``("New York (CNN) --", "The ...")``. Both are conservative: anything that does not clearly match is
left as it was.
"""

from __future__ import annotations

import re

from .agencies import NEWS_AGENCIES, NEWS_AGENCIES_AR, alternation
from .dates import find_date
from .lines import is_arabic, looks_like_name

_BY = re.compile(
    r"^(?:(?:by|written by|words by|story by|reporting by|reported by|text by|بقلم|بواسطة)(?:\s*[:：\-–]\s*|\s+)|"
    # Arabic verbs such as كتب ("wrote") also open sentences, so they need the colon or dash of a byline.
    r"(?:كتب|كتبت|كتبه|إعداد|اعداد|تقرير|تحرير|الكاتب|الكاتبة)\s*[:：\-–]\s*|"
    # An interview's byline: "حاوره في صنعاء / عبد الملك الفهيدي -"
    r"(?:حاوره|حاورته|حاورها|حاورهم|أجرى الحوار|اجرى الحوار|أجرت الحوار)(?:\s+[^/:：]{0,30})?\s*[/:：]\s*)(?P<names>\S.*)$",
    re.IGNORECASE,
)
# A byline that says when as well as who: "كتبها سارة منصور بتاريخ 2016/03/02", "Written by Ann Lee on 2 May
# 2020". The verb alone opens sentences too ("كتبه الوزير في رسالته"), so the date after the name is required.
_BY_ON_DATE = re.compile(
    r"^(?:كتبه|كتبها|كتبته|نشره|نشرها|written by|posted by|by)\s+(?P<names>[^\d:：]{3,40}?)\s+"
    r"(?:بتاريخ|في|on)\s+(?P<date>\S.{5,40})$",
    re.IGNORECASE,
)
_BY_ALONE = re.compile(r"^(?:by|بقلم|بواسطة|كتب|كتبت|كتبه|إعداد|اعداد|تقرير|تحرير)$", re.IGNORECASE)
_HONORIFIC = re.compile(
    r"^(?:dr|prof|professor|mr|mrs|ms|miss|sir|dame|rev|cllr|د|أ\.?د|الدكتور|الدكتورة|الأستاذ|الأستاذة|المهندس|المهندسة)\.?\s+",
    re.IGNORECASE,
)
_EN_JOIN = re.compile(r",?\s+(?:and|&)\s+|\s*;\s*")
_AR_JOIN = re.compile(r"\s*[،,]\s*|\s+و(?=\S{3,})")
_SEGMENTS = re.compile(r"\s+[|•·]\s+|\s+[-–—]\s+")
_PLACE_SUFFIX = re.compile(r"\s+in\s+[A-Z][\w .-]+$")

# Matched whatever the case, so "dpa" also covers "DPA".
_AGENCIES = alternation(
    NEWS_AGENCIES
    + ("CNN", "AAP", "ANSA", "EFE", "Kyodo", "Yonhap", "CNBC")
    + NEWS_AGENCIES_AR
    + ("واس", "وام", "قنا", "كونا", "سانا", "بترا", "د ب أ", "سي إن إن")
)
_DASH = r"(?:-{1,2}|–|—)"
# "New York (CNN) --", "(CNN)The", "Marseille, France (CNN)", "NAIROBI (Reuters) -", "عمّان، الأردن (CNN)--"
_AGENCY_DATELINE = re.compile(
    rf"^(?P<dl>(?:(?P<place>[^\W\d][^()!?؟\n]{{0,60}}?)\s*)?\((?i:{_AGENCIES})\)(?:\s*{_DASH}|\s*:)?)\s*(?P<rest>\S.*)$",
    re.DOTALL,
)
# "LIVERPOOL, England —", "NEW YORK --", "CEDAR RAPIDS, Iowa —", "LONDON, Jan. 27—", "MALIBU, CALIF. —"
_CAPS_DATELINE = re.compile(
    rf"^(?P<dl>[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+)*(?:,\s*[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*)*){{0,2}}"
    rf"(?:,\s*[A-Z][a-z]{{2,4}}\.? \d{{1,2}})?\s*{_DASH})\s*(?P<rest>\S.*)$",
    re.DOTALL,
)
# "الدار البيضاء - توج ...", "بغداد- أقر ..." (a place of at most three words, then a dash)
_ARABIC_DATELINE = re.compile(
    r"^(?P<dl>[\u0621-\u064A\u0670-\u06D3]+(?:[ ،]+[\u0621-\u064A\u0670-\u06D3]+){0,2}\s*(?:-|–|—))\s+(?P<rest>\S.*)$",
    re.DOTALL,
)
_AGENCY_SUFFIX = re.compile(
    rf"(?<=\S)\s+(?:{alternation(NEWS_AGENCIES + ('Associated Press', 'Agence France-Presse', 'Press Association'))})$"
)
_NOT_A_PLACE = re.compile(r"^(?:و|ف)|^(?:قال|قالت|أكد|أكدت|أعلن|أعلنت|ثم|لكن|كما|في|من|إن|أن)(?:\s|$)")


def parse_byline(text: str) -> tuple[list[str], str | None] | None:
    """(authors, ISO date or None) for a byline such as "By Jane Okafor and Tom Reyes | 3 May 2024"."""
    if (dated := _BY_ON_DATE.match(text.strip())) and (when := _date_ending(dated.group("date"))):
        names = split_names(dated.group("names"))
        return (names, when) if names else None
    segments = _SEGMENTS.split(text)
    names: list[str] = []
    date: str | None = None
    found_by = False
    # "كتب - طه عبيد :", "بقلم - صلاح منتصر": the marker stands alone before the dash that splits segments.
    if len(segments) >= 2 and _BY_ALONE.match(segments[0].strip()):
        segments = [f"{segments[0].strip()}: {segments[1]}"] + segments[2:]
    for segment in segments:
        match = _BY.match(segment.strip())
        if match:
            found_by = True
            names += split_names(match.group("names"))
        found = find_date(segment)  # also "By Jane Okafor, 12 March 2025": the names, then when
        if found and date is None:
            date = found[0]
    if not found_by or not names:
        return None
    return names, date


def _date_ending(text: str) -> str | None:
    """The ISO date that ends a dated byline's tail, or None. A sentence goes on after its date ("كتبها الشاعر
    ... في ١٢ مارس ١٩٨٨ خلال إقامته في باريس.") or stops before it; a byline's tail is the date alone."""
    found = find_date(text)
    rest = _TIME.sub("", text[found[2] :]) if found else ""
    if found is None or rest.strip(" .,;:!?؟،-–|") or _SENTENCE_STOP.search(text[: found[1]]):
        return None
    return found[0]


_SENTENCE_STOP = re.compile(r"[.!?؟](?:\s|$)")
_TIME = re.compile(r"(?i)\b\d{1,2}:\d\d(?::\d\d)?\s*(?:am|pm|gmt|utc|ص|م)?")  # "on 2 May 2020 10:30 am"


def split_names(text: str) -> list[str]:
    text = text.strip().strip(".:：-–— ")
    if is_arabic(text) and "/" in text:
        text = text.rsplit("/", 1)[1].strip()  # "البارون الاخير / محمود صلاح الدين": pen name / name
    if is_arabic(text):
        parts = _AR_JOIN.split(text)
        if any(len(p.split()) < 2 for p in parts):  # "محمد وليد" is one name, not "محمد" and "ليد"
            parts = re.split(r"\s*[،,]\s*", text)
    else:
        parts = _EN_JOIN.split(text)
    names = []
    for part in parts:
        name = part.split(",")[0].strip()  # "Martin Cole, Local Democracy Reporter" -> "Martin Cole"
        name = _PLACE_SUFFIX.sub("", name)
        name = _AGENCY_SUFFIX.sub("", name)  # "Alanna Durkin Richer Associated Press": the agency, unseparated
        name = _HONORIFIC.sub("", name).strip()
        if name.isupper() and not is_arabic(name):
            name = name.title()
        if name and (looks_like_name(name) or (is_arabic(name) and 1 <= len(name.split()) <= 5)):
            names.append(name)
    return names


def bare_byline(text: str) -> str | None:
    """The name in a byline line without "By": "Tim Stickings", "Jonas Weber in Saas-Grund",
    "Jane Doe, Political Editor". None when the line is not shaped like one."""
    if len(text.split()) > 9 or any(c.isdigit() for c in text) or text.rstrip().endswith((",", "،")):
        return None  # "Dear Reader," is a salutation
    name = _PLACE_SUFFIX.sub("", text.split(",")[0].strip())
    return name if looks_like_name(name) else None


def clean_author(name: str) -> str:
    """An author name from page metadata, with honorifics and roles removed."""
    name = _HONORIFIC.sub("", name.split(",")[0].strip()).strip()
    return name.title() if name.isupper() and not is_arabic(name) else name


def split_dateline(text: str) -> tuple[str, str] | None:
    """(dateline, rest of the paragraph) when ``text`` opens with a dateline."""
    for pattern in (_AGENCY_DATELINE, _CAPS_DATELINE):
        match = pattern.match(text)
        if match and len(match.group("dl").split()) <= 8:
            dateline, rest = match.group("dl").strip(), match.group("rest")
            if pattern is _CAPS_DATELINE and not re.match(r"[A-Z]{2}", dateline):
                continue
            place = match.groupdict().get("place") or ""
            words = [w for w in re.split(r"[\s,]+", place.strip()) if w]
            if place and not is_arabic(place) and not all(w[0].isupper() or w[0].isdigit() for w in words):
                continue  # "The ministry told (Reuters) ..." is a sentence, not a dateline
            return dateline, rest
    match = _ARABIC_DATELINE.match(text)
    if match and not _NOT_A_PLACE.match(match.group("dl")):
        return match.group("dl").strip(), match.group("rest")
    return None
