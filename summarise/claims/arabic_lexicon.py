"""What the Arabic name rules know: gazetteers and word lists of news Arabic (see ``arabic_names``).

Places: CLDR's Arabic names of countries, territories and cities (Babel's locale data) and a short list
of places of the region; people: the database of Arabic personal names shipped by
``arabic-name-romanizer`` (MIT), read directly. Both are loaded on first use, once. The word lists are
folded (``normalise.fold``) as the text they are matched against is.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from importlib import util as import_util
from pathlib import Path

from .normalise import fold

WORD = re.compile(r"[\w\u0621-\u064a]+(?:-[\w\u0621-\u064a]+)*")
_NAMES_DB = Path("resources") / "names.sqlite3"

# Places the news of the region names most that CLDR's lists (countries, time-zone cities) lack. General
# knowledge of the region, not read off any evaluation text.
_REGION_PLACES = """
السعودية الإمارات بريطانيا أمريكا أميركا إنجلترا انجلترا اسكتلندا ويلز فلسطين غزة قطاع_غزة الضفة_الغربية
رام_الله نابلس الخليل جنين بيت_لحم أريحا رفح خان_يونس القدس حيفا يافا تل_أبيب عكا الناصرة الجولان سيناء
الإسكندرية الأقصر أسوان بورسعيد السويس الجيزة المنصورة طنطا حلب حمص حماة إدلب اللاذقية طرطوس درعا دير_الزور
الرقة الحسكة القامشلي منبج عفرين الغوطة الغوطة_الشرقية دوما الموصل البصرة أربيل كركوك الفلوجة الرمادي النجف
كربلاء السليمانية تكريت الأنبار صنعاء عدن الحديدة تعز مأرب حضرموت صعدة المكلا طرابلس بنغازي مصراتة سرت
درنة سبها جدة مكة المدينة_المنورة الدمام الطائف تبوك أبها نجران الظهران أبوظبي أبو_ظبي الشارقة عجمان
المنامة الدوحة الكويت صلالة الزرقاء إربد العقبة بيروت صيدا طرابلس بعلبك البقاع الجنوب_اللبناني
الخرطوم أم_درمان دارفور بورتسودان تونس صفاقس سوسة القيروان الجزائر وهران قسنطينة الرباط الدار_البيضاء
مراكش فاس طنجة نواكشوط مقديشو جيبوتي طهران مشهد أصفهان تبريز شيراز أنقرة إسطنبول اسطنبول إزمير أضنة
كابول قندهار إسلام_آباد كراتشي لاهور نيودلهي مومباي كشمير واشنطن نيويورك كاليفورنيا تكساس فلوريدا
شيكاغو لوس_أنجلوس موسكو لندن باريس برلين روما مدريد بروكسل جنيف فيينا أوروبا آسيا أفريقيا إفريقيا
الخليج البحر_المتوسط البحر_الأحمر البحر_الأسود الشرق_الأوسط القرم دونباس كييف بكين طوكيو سول
""".split()
# A place word before a name: what follows names a place (a word of description may come between:
# العاصمة الكورية الجنوبية سول).
PLACE_WORDS = {fold(w) for w in (
    "مدينة", "بلدة", "ولاية", "محافظة", "إقليم", "مقاطعة", "قرية", "مخيم", "جزيرة", "العاصمة", "عاصمة",
    "ضاحية", "حي", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي",
    # features of the land and sea: مضيق هرمز، جبل طارق
    "مضيق", "خليج", "جبل", "جبال", "نهر", "بحيرة", "وادي", "صحراء", "جزر",
)}
# Country names that are common words too: مالي (financial; my money), بنين (sons). One of these is a
# place only where a place is expected: behind a preposition (في مالي، بمالي), a place word (شمال مالي), a
# noun of a state (رئيس مالي، حكومة مالي) or another place (السنغال ومالي). "تقرير مالي" is a financial report.
COMMON_WORD_PLACES = frozenset(fold(w) for w in ("مالي", "بنين"))
# Prepositions (folded): the word after one is a noun, never an adjective (see glossary: "على قدسية").
PREPOSITIONS = frozenset(fold(w) for w in (
    "في", "من", "إلى", "الى", "على", "عن", "مع", "داخل", "خارج", "نحو", "حول", "بين", "لدى", "عبر", "ضد", "حتى", "منذ",
))
PLACE_PREPOSITIONS = PREPOSITIONS | {fold(w) for w in ("أنحاء", "شمالي", "جنوبي", "شرقي", "غربي", "وسط")}
STATE_NOUNS = frozenset(fold(w) for w in (
    "رئيس", "رئيسة", "حكومة", "جيش", "دولة", "سلطات", "شعب", "حدود", "سفير", "سفيرة", "سفارة", "عاصمة", "جمهورية",
    "برلمان", "رئاسة", "وزير", "وزيرة", "وزارة", "أراضي", "مواطني", "منتخب", "لاجئي", "انقلاب", "زعيم", "شرطة",
))
# The head of an organisation's name: a place right after it is part of the name (جامعة القاهرة). Strong
# heads name an organisation whatever definite noun follows them (وزارة الصحة، حزب الأمة); middle ones
# have common senses too (مجلس العائلة، حركة المرور، لجنة التحقيق، بنك الطعام) and name one before a place,
# a quoted or known name, a definite noun and a nation's adjective (هيئة الإذاعة البريطانية), or one of a
# few listed complements (مجلس الأمن); weak ones (مركز المدينة: the town centre) only before a place or a
# name. قناة before a place is a canal (قناة السويس), a channel only before a listed name.
STRONG_HEADS = frozenset(fold(w) for w in (
    "وزارة", "جامعة", "مصرف", "شركة", "حزب", "جبهة", "منظمة", "وكالة", "صحيفة", "جريدة", "مجلة",
    "إذاعة", "تلفزيون", "مؤسسة", "جمعية", "رابطة", "نادي", "محكمة", "معهد",
    "مفوضية", "نيابة", "مرصد",
))
MIDDLE_HEADS = {fold(head): frozenset(fold(w) for w in complements.split()) for head, complements in {
    "مجلس": "الأمن النواب الشيوخ الوزراء الشورى الأمة التعاون الشعب العموم اللوردات الدولة القضاء",
    "بنك": "الاستثمار التنمية الإسكان",
    "هيئة": "الأمم الإذاعة الانتخابات",
    "لجنة": "الانتخابات",
    "حركة": "المقاومة الجهاد النهضة",
    "تنظيم": "الدولة القاعدة",
    "اتحاد": "الكرة العمال الشغل الصحفيين الكتاب",
    "قناة": "الجزيرة العربية الحرة الميادين المنار",
}.items()}
WEAK_HEADS = frozenset(fold(w) for w in (
    "مركز", "فريق", "منتخب", "مطار", "ميناء", "مستشفى", "سفارة", "قنصلية", "مكتب", "صندوق", "بورصة",
    # a contest named after a place (كأس آسيا، بطولة إفريقيا): an event, no place claim
    "كأس", "بطولة",
))
ORGANISATION_HEADS = STRONG_HEADS | WEAK_HEADS | frozenset(MIDDLE_HEADS)
ORGANISATION_TAILS = {fold(w) for w in ("تايمز", "بوست", "تلغراف", "تليغراف", "جورنال", "يونايتد", "سيتي", "تريبيون")}
# Titles before a person's name (folded; particles are stripped before matching).
TITLES = {fold(w) for w in (
    "الرئيس", "الرئيسة", "رئيس", "رئيسة", "الملك", "الملكة", "الأمير", "الأميرة", "الشيخ", "الشيخة", "السيد",
    "السيدة", "الدكتور", "الدكتورة", "السفير", "السفيرة", "القاضي", "القاضية", "المستشار", "المستشارة",
    "الناشط", "الناشطة", "الصحفي", "الصحفية", "الصحافي", "الصحافية", "اللاعب", "اللاعبة", "المدرب", "الممثل",
    "الممثلة", "النائب", "النائبة", "السيناتور", "الجنرال", "العقيد", "اللواء", "العميد", "المرشد", "البابا",
    "الزعيم", "زعيم", "زعيمة", "وزير", "وزيرة", "الوزير", "الوزيرة", "نظيره", "نظيرته", "مستشار", "الكاتب",
    "الكاتبة", "المغني", "المغنية", "الفنان", "الفنانة", "المخرج", "المخرجة", "الشاعر", "المعارض",
    # not المعارضة: far more often "the opposition" (المعارضة المسلحة) than a woman dissident before her name
    "المتحدث", "المتحدثة", "الناطق", "الأمين", "المبعوث", "المبعوثة", "المدعي", "الجندي", "الطالب", "الطالبة",
    "الكابتن", "الروائي", "الإعلامي", "الإعلامية", "المدير", "المديرة", "مدير", "مديرة", "الداعية", "ولي",
    # clergy (آية الله: see arabic_names)
    "القس", "الحاخام", "المطران", "الإمام", "الأب",
)}
# Verbs of saying (and of meeting, and of naming) that a name often follows: قال محمود عباس، يدعى حسن.
SAYING = {fold(w) for w in (
    "قال", "قالت", "أضاف", "أضافت", "أكد", "أكدت", "ذكر", "ذكرت", "صرح", "صرحت", "أعلن", "أعلنت", "حذر", "حذرت",
    "أوضح", "أوضحت", "أشار", "أشارت", "كتب", "كتبت", "يقول", "تقول", "اتهم", "اتهمت", "التقى", "التقت", "دعا",
    "دعت", "طالب", "طالبت", "نفى", "نفت", "رأى", "رأت", "أشاد", "أشادت", "انتقد", "انتقدت", "وصف", "وصفت",
)} | {"يدعي", "تدعي", "المدعو", "المدعوه", "يسمي", "تسمي"}
# What a place is expected behind (see COMMON_WORD_PLACES): قالت مالي، في مالي، رئيس مالي، شمال مالي.
PLACE_CONTEXT = frozenset(PLACE_PREPOSITIONS | STATE_NOUNS | PLACE_WORDS | SAYING)
# Verbs of naming: what follows them is a name (a man called ...): يدعى، المدعو (folded: ى is ي).
NAMING = frozenset({"يدعي", "تدعي", "المدعو", "المدعوه", "يسمي", "تسمي"})
STOPWORDS = {fold(w) for w in (
    "في", "من", "إلى", "الى", "على", "عن", "مع", "بعد", "قبل", "عند", "حتى", "منذ", "خلال", "إن", "ان", "أن",
    "إنه", "انه", "أنه", "إنها", "أنها", "الذي", "التي", "الذين", "اللذين", "هذا", "هذه", "ذلك", "تلك", "هو",
    "هي", "هم", "لم", "لن", "لا", "قد", "ما", "كان", "كانت", "يكون", "أو", "ثم", "بل", "لكن", "كما", "إذ",
    "حيث", "بين", "نحو", "حول", "ضد", "دون", "عبر", "لدى", "أمام", "وراء", "فوق", "تحت", "أي", "كل", "بعض",
    "غير", "أيضا", "اليوم", "أمس", "الأسبوع", "الشهر", "العام", "عام", "يوم", "إثر", "عقب", "بسبب", "وفق",
    "وفقا", "حسب", "حسبما", "سوف", "فسوف", "لقد", "وقد", "فقد", "بشأن", "إزاء", "حيال", "لدى", "عدم", "بأن", "بان", "وذلك", "هناك", "هنا",
    # nouns a verb of saying is often followed by, which are no one's name
    "مصدر", "مصادر", "مسؤول", "مسؤولون", "مسؤولين", "متحدث", "شهود", "ناشطون", "مراسل", "بيان", "تقرير",
    "تقارير", "خبراء", "محللون", "مسؤولو", "وزير", "رئيس", "الرئيس", "بلاده", "بلادها", "زعماء", "قادة",
    "سكان", "مواطنون", "أحد", "إحدى", "عدد", "مجموعة", "الحكومة", "السلطات", "الشرطة", "الجيش", "القوات",
    "بي", "دولة", "برنامج", "مكتب", "شرطة", "موقع", "حاليا", "معها", "معه", "بحسب", "بحجة", "آخر", "عدة", "أشهر",
    "البلاد", "وسط",
)}
# Words that join a person's name: bin, abu, abd (the next word belongs to the name).
NAME_JOINERS = {fold(w) for w in ("بن", "ابن", "بنت", "أبو", "أبي", "عبد", "عبدال", "آل", "ولد")}
MIN_GIVEN = 40  # a word the names database counts this often as a given name starts a name ...
MIN_PART = 15  # ... and one counted this often (given or family name) continues it


@functools.lru_cache(maxsize=1)
def place_gazetteer() -> tuple[frozenset[str], int]:
    """Folded Arabic place names (words joined by one space), and the most words one has."""
    from babel import Locale

    locale = Locale("ar")
    names = set(locale.territories.values())
    for zone in locale.time_zones.values():
        city = zone.get("city") if hasattr(zone, "get") else None
        if city:
            names.add(city)
    names.update(w.replace("_", " ") for w in _REGION_PLACES)
    folded = set()
    for name in names:
        form = " ".join(WORD.findall(fold(name)))
        if form and not form[:1].isdigit() and form not in STOPWORDS:
            folded.add(form)
    folded -= {fold(w) for w in ("العالم", "الاتحاد الأوروبي", "الأمم المتحدة")}  # a body, not a place
    return frozenset(folded), max(len(f.split()) for f in folded)


@functools.lru_cache(maxsize=1)
def place_first_words() -> frozenset[str]:
    """The first word of every place name of ``place_gazetteer``."""
    return frozenset(name.split()[0] for name in place_gazetteer()[0])


@functools.lru_cache(maxsize=1)
def name_lexicon() -> tuple[dict[str, int], dict[str, int]]:
    """From ``arabic-name-romanizer``'s database of Arabic personal names (folded): how often each word is
    a given name, and how often it is any part of a name. Empty when the package is not installed."""
    spec = import_util.find_spec("arabic_name_romanizer")
    if spec is None or not spec.submodule_search_locations:
        return {}, {}
    path = Path(next(iter(spec.submodule_search_locations))) / _NAMES_DB
    if not path.is_file():
        return {}, {}
    given: dict[str, int] = {}
    parts: dict[str, int] = {}
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT arabic_key, role, SUM(count) FROM units GROUP BY arabic_key, role").fetchall()
    for key, role, count in rows:
        word = fold(key)
        if " " in word or word in STOPWORDS or word in TITLES:
            continue
        if role == "given":
            given[word] = given.get(word, 0) + count
        parts[word] = parts.get(word, 0) + count
    return ({w: c for w, c in given.items() if c >= MIN_GIVEN},
            {w: c for w, c in parts.items() if c >= MIN_PART})


# Peoples' adjectives that are no place's: العربية, الكردية.
_PEOPLES = frozenset(fold(w) for w in ("عرب", "كرد", "أكراد"))


def nation_adjective(word: str) -> bool:
    """Whether a (folded) definite word is a nation's adjective: a nisba of a known place (المصرية: مصر،
    الإيراني: إيران، الأمريكية: أمريكا، السعودية: السعودية) or of a people (العربية)."""
    if not word.startswith("ال") or not word.endswith(("ي", "يه")) or len(word) < 5:
        return False
    stem = word[2:-2] if word.endswith("يه") else word[2:-1]
    if stem in _PEOPLES:
        return True
    gazetteer, _ = place_gazetteer()
    return any(form in gazetteer for form in (stem, stem + "ا", stem + "يا", "ال" + stem, "ال" + stem + "يه", stem + "يه"))


_VOWEL_LETTERS = "وي"  # not ا: الجائزة (the prize) is not الجيزة (Giza)
MIN_FUZZY = 6  # letters: shorter words are too many to tell from a place one letter apart (مصير، مصر)


def _spellings(word: str) -> set[str]:
    """A long foreign name's spellings one و or ي apart (أوروغواي، أورغواي) or with غ for ج (هونج)."""
    base = word.replace("ج", "غ")
    out = {base}
    for k in range(1, len(base) - 1):
        if base[k] in _VOWEL_LETTERS:
            out.add(base[:k] + base[k + 1:])
    return out


@functools.lru_cache(maxsize=1)
def _fuzzy_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for name in place_gazetteer()[0]:
        if " " not in name and len(name) >= MIN_FUZZY:
            for form in _spellings(name):
                index.setdefault(form, name)
    return index


def fuzzy_place(word: str) -> str | None:
    """The gazetteer's one-word place that a long (folded) word spells another way: الفليبين for
    الفلبين, one و or ي more or less, or ج for غ. None for a word of fewer than six letters."""
    if len(word) < MIN_FUZZY:
        return None
    gazetteer = place_gazetteer()[0]
    if word not in gazetteer:
        for suffix in ("يا", "يه", "ي"):  # a nation's adjective (وفدا أمريكيا: أمريكا + يا), no place
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and (stem in gazetteer or stem + "ا" in gazetteer):
                return None
    index = _fuzzy_index()
    return next((index[form] for form in _spellings(word) if form in index), None)
