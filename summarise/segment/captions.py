"""Photo captions and credits, which pages paste in among the paragraphs.

Three shapes: a credit on its own line ("Image: US Mission Canada.", "مصدر الصورة،Getty Images"), a
caption with its credit at the end ("... any peace settlement. EPA", "(Photo by X/AP)", "(رويترز)"),
and a labelled caption ("Image caption ...", "التعليق على الصورة،..."). Bare alt text such as "Flag of
Quebec" is recognised by its wording. Captions are kept as Article.captions, not thrown away.
"""

from __future__ import annotations

import re

from .agencies import NEWS_AGENCIES, NEWS_AGENCIES_AR, alternation
from .lines import word_count

# The news agencies, and the picture agencies and other names credited under photos. The Arabic names are
# kept apart: a credit with no brackets ("... on Thursday. EPA", "John Smith/AFP") takes a Latin name only.
_AGENCY = alternation(
    NEWS_AGENCIES
    + ("EPA", "EPA-EFE", "PA Media", "PA Wire", "PA Images", "Getty", "Getty Images", "AFP via Getty Images")
    + ("Shutterstock", "Alamy", "Anadolu", "Anadolu Agency", "SOPA Images", "NurPhoto", "ZUMA", "ZUMA Press")
    + ("WireImage", "Sipa", "Sputnik", "Corbis", "Camera Press", "Rex", "Rex Features", "Universal Images Group")
)
_AR_AGENCY = alternation(NEWS_AGENCIES_AR + ("غيتي", "جيتي", "وكالة الأنباء"))
# Credited in brackets only (elsewhere they are ordinary words): AFP and EPA as Arabic pages name them, the
# network's own photographers, social media.
_AR_BRACKET_AGENCY = alternation(("الفرنسية", "الأوروبية", "الجزيرة", "مواقع التواصل", "مواقع التواصل الاجتماعي"))
_FILE_PHOTO = r"(?:\s*[-–/]\s*(?i:file|archive|أرشيف|ارشيف))?"  # "(Reuters-file)", "(رويترز-أرشيف)"
_AGENCY_PICTURE = r"(?:Photo|Images?|Pictures?)"  # "AP Photo", "Reuters Pictures"
_CREDIT_WORD = (r"(?:photo(?:graph)?|picture|image) source|photo(?:graph)?|picture|pic|image|credit|illustration|graphic|"
                r"video|footage|foto|pictured")
_AR_CREDIT_WORD = r"صورة|الصورة|مصدر الصورة|حقوق الصورة|تصوير|صور"

_CREDIT_ONLY = [
    re.compile(rf"^\(?(?:{_CREDIT_WORD})s?\s*(?::|by|،|-)\s*\S.{{0,70}}\)?$", re.IGNORECASE),
    # "Image source, Getty Images" (the BBC's; a comma after a bare "Picture" opens a sentence)
    re.compile(r"^(?:photo(?:graph)?|picture|image) source\s*,\s*\S.{0,60}$", re.IGNORECASE),
    # The label alone, its source on the next line or lost in the paste: "Image source", "مصدر الصورة"
    _BARE_LABEL := re.compile(r"^(?:(?:photo(?:graph)?|picture|image) (?:source|credit)|مصدر الصورة|حقوق الصورة)\s*[:،,]?$",
                              re.IGNORECASE),
    re.compile(rf"^\(?(?:{_AR_CREDIT_WORD})\s*[:،,-]\s*\S.{{0,70}}\)?$"),
    # "Reuters/Philippe Wojazer", "REUTERS/...", "(AP Photo/Evan Vucci)": agencies credit in capitals too
    re.compile(rf"^\(?(?:{_AGENCY}|{_AR_AGENCY})(?:\s+{_AGENCY_PICTURE})?(?:\s*/\s*[\w .'-]{{1,40}})?\)?\.?$", re.IGNORECASE),
    re.compile(r"^image copyright\b.{0,60}$", re.IGNORECASE),
    re.compile(rf"^[A-Z][\w.' -]{{1,40}}/(?:{_AGENCY})\.?$"),
]
_CREDIT_SUFFIX = [
    # "... Photograph: Alamy", "(Photo: Riverside Council)", "(Photo by Brian Inganga/AP)", "Photo: Valley Gazette"
    re.compile(rf"(?:^|[\s(])\(?(?:{_CREDIT_WORD})\s*(?::|by)\s*[^()]{{2,60}}\)?\.?$", re.IGNORECASE),
    # "... any peace settlement. EPA", "... on Thursday. John Smith/Getty Images"
    re.compile(rf"[.!?\"”]\s+(?:(?:{_AGENCY})|[A-Z][\w.' -]{{1,40}}/(?:{_AGENCY}))\.?$"),
    # "... midday.[Photo/Agencies] |", "... (Image: X)": a credit word and its source in brackets
    re.compile(rf"[\(\[](?:{_CREDIT_WORD})\s*[/:]\s*[^()\[\]]{{2,40}}[\)\]]\s*\|?$", re.IGNORECASE),
    # "... an own goal.Image source, Getty Images": the BBC's credit glued to its caption
    re.compile(r"[.!?\"”]\s*(?:photo(?:graph)?|picture|image) source\s*,\s*[^,.]{2,40}$", re.IGNORECASE),
    # "... (Reuters)", "... (رويترز)", "... [AFP]", "... (Reuters-file)"
    re.compile(rf"[\(\[](?:{_AGENCY}|{_AR_AGENCY})(?:\s+{_AGENCY_PICTURE})?{_FILE_PHOTO}"
               rf"(?:\s*/\s*[\w .'-]{{1,40}})?[\)\]]\.?$"),
    # "... (الفرنسية)", "... (الجزيرة)": names that are ordinary words elsewhere credit a photo only in
    # brackets of their own at the very end of a line that is no sentence ("... لـ(الجزيرة)." is one)
    re.compile(rf"[^\s.!?؟]\s+[\(\[](?:{_AR_BRACKET_AGENCY}){_FILE_PHOTO}[\)\]]\.?$"),
]
_CAPTION_LABEL = re.compile(
    r"^(?:image caption|caption|photo caption|pictured|التعليق على الصورة|تعليق الصورة|الصورة)\s*[:،,-]?\s*(?P<caption>\S.*)$",
    re.IGNORECASE,
)
_ALT_TEXT = re.compile(
    r"^(?:flag|map|logo|portrait|photo|picture|image|file photo|seal|coat of arms|screenshot|aerial view|still|"
    r"graphic|chart|illustration|statue|emblem|علم|خريطة|صورة|شعار) of\b",
    re.IGNORECASE,
)
# Captions that say what they are: "File photo of ...", "صورة أرشيفية لصاروخ ...".
_PHOTO_PREFIX = re.compile(
    r"^(?:file (?:photo|picture|image)|archive (?:photo|picture|image)|handout (?:photo|picture)|"
    r"صورة أرشيفية|صورة ارشيفية|صورة من الأرشيف|صورة تعبيرية|صورة متداولة)\b"
    # the agency first: "AFP file – A pedestrian walks ...", "Reuters photo: ..."
    rf"|^(?-i:{_AGENCY})\s+(?:file(?: photo| picture)?|photo|picture)\s*[-–—:]\s",
    re.IGNORECASE,
)
CAPTION_MAX_WORDS = 45


def is_credit_only(text: str) -> bool:
    return word_count(text) <= 12 and any(p.match(text) for p in _CREDIT_ONLY)


def is_bare_credit_label(text: str) -> bool:
    """A credit's label with no source after it ("Image source"): it says nothing of the line above."""
    return bool(_BARE_LABEL.match(text))


def caption_from_label(text: str) -> str | None:
    """The caption text of a labelled caption line ("Image caption Rescuers ..." -> "Rescuers ...")."""
    match = _CAPTION_LABEL.match(text)
    if match and word_count(text) <= CAPTION_MAX_WORDS:
        return match.group("caption").strip()
    return None


# An Arabic line that opens on "and" with a verb ("وأعلنت الحكومة ...", "وقال ..."): the story's prose, credited
# at its end, never a photo's caption ("والد الطفل ...", "ويتكوف يصل ..." are no such opening).
_ARABIC_PROSE_START = re.compile(r"^و(?:قال|قالت|قد|كان|كانت|كما|لم|لا|لن|[أإتن])")


def has_credit_suffix(text: str) -> bool:
    return (word_count(text) <= CAPTION_MAX_WORDS and any(p.search(text) for p in _CREDIT_SUFFIX)
            and not _ARABIC_PROSE_START.match(text))


def is_alt_text(text: str) -> bool:
    if word_count(text) <= 25 and _PHOTO_PREFIX.match(text):
        return True
    return word_count(text) <= 8 and bool(_ALT_TEXT.match(text)) and not text.rstrip().endswith(".")
