"""Lines about the page rather than the story: what the site says to its reader about reading it.

A paywall or script notice ("Please enable JavaScript in your browser settings"), an account prompt
("Already a subscriber? Log in."), a syndication note ("This article was first published in ..."), a
pointer to the rest of the site ("click on this link") are furniture whatever outlet prints them. Besides
the fixed wordings (a call to action, a syndication note, the machinery naming itself), a line is judged by
its vocabulary: it must name the page with a word only the page uses (browser, JavaScript, newsletter, log
in, "this link", "our website"), may add everyday ones that count only beside it (app, link, site,
account), and must speak to the reader in the second person or ask something of them (you, your, please, an
opening "Click ..."). A story that quotes or reports such a line, or merely names an app or a website, fails
one of these, and the page words must also be a fifth of the line.

``tagline_of`` finds the line a prompt drags along (a newsletter's tagline under "Sign up ..."). The other
thing a page prints about itself is a story's opening cut off by the site with an ellipsis (``teaser_cut``:
"... played out a second consecutive draw...", the teaser of a story list) or a cut copy of another line
(``cut_copy_of``: a breadcrumb ending on the headline, "Home›News›Harbour bridge to close..."). Whether a
cut line is a teaser depends on what stands above it, which ``layout`` decides.

Imports only ``lines``: ``furniture`` and ``layout`` use it, it uses neither.
"""

from __future__ import annotations

import re

from .lines import word_count

# Words that name only the page's own machinery: a story rarely needs them, so one of them in a line that
# speaks to the reader marks it ("Please enable JavaScript in your browser").
_STRONG_PAGE_WORDS = {
    "javascript", "browser", "browsers", "cookies", "subscriber", "subscribers", "subscribe", "subscription",
    "login", "logged", "newsletter", "newsletters", "inbox", "notifications", "paywall", "homepage",
    "متصفح", "متصفحك", "اشتراك", "اشتركوا", "إشعارات", "اشعارات", "حسابك", "اضغط", "انقر", "موقعنا", "تطبيقنا",
    "قناتنا", "تابعونا",
}
# Everyday words a page also uses about itself (an app, a link, a site): news uses them as often, so they
# count only beside a strong word.
_AMBIGUOUS_PAGE_WORDS = {
    "settings", "account", "click", "tap", "link", "links", "website", "site", "page", "app", "access",
    "download", "enable", "enabled", "disable", "article", "articles", "content", "published", "loading",
    "refresh", "register", "premium", "unlimited", "digital",
    "اشترك", "مشترك", "تسجيل", "دخول", "رابط", "موقع", "صفحة", "تطبيق", "نشرة", "مقال", "مقالة", "تحميل",
    "تفعيل", "متابعة", "حمل",
}
# Everyday words that together name only the page: "log in", "sign up", and a page noun the site points at
# as itself ("this link", "this website", "our site", "هذا الرابط", "هذه الصفحة"; Arabic "موقعنا" is one word,
# in the list above). "This app" is as often a story's subject ("If you downloaded this app, delete it").
_STRONG_PAGE_PHRASE = re.compile(
    r"(?i)\b(?:log ?in(?:to)?|log ?out|sign (?:in|up|out)|this (?:website|site|page|article|link)|"
    r"our (?:website|site|app|newsletter|videos?|channel))\b|(?:هذا|هذه) (?:ال)?(?:رابط|مقال|مقالة|موقع|صفحة)"
)
# Words that speak to the reader in the second person or ask something of them: a story reports on others,
# the page addresses "you".
_ADDRESS = {
    "you", "your", "yours", "you're", "you've", "you'll", "yourself", "please", "kindly",
    "يمكنك", "يمكنكم", "لديك", "عزيزي", "نرجو", "يرجى", "الرجاء", "أنت", "انت", "لك", "لكم", "عليك", "عليكم",
    "حسابك", "متصفحك", "تابعونا", "انضموا", "اشتركوا",
}
# A line that opens on one of these verbs is an imperative to the reader ("Enable JavaScript ...").
_PAGE_IMPERATIVES = {
    "click", "tap", "enable", "download", "subscribe", "sign", "log", "visit", "register", "follow", "install",
    "update", "turn", "see", "read", "watch", "get", "اضغط", "انقر", "حمل", "فعل", "سجل", "اشترك", "تابع",
}
# Verbs of reporting: a line that has one reports someone's words, however much it talks of apps and links.
_REPORTING = {
    "said", "says", "told", "tells", "according", "announced", "warned", "warns", "explained", "added",
    "urged", "urges", "advised", "advises", "wrote", "writes",
    "قال", "قالت", "أضاف", "أضافت", "أكد", "أكدت", "أوضح", "أوضحت", "أعلن", "أعلنت", "بحسب", "وفق", "حث", "حثت",
    "نصح", "نصحت", "كتب", "كتبت", "حذر", "حذرت", "دعا", "دعت",
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Arabic short vowels, shadda, sukun, dagger alif and tatweel: "حمّل" is one word, "حمل", not "حم" and "ل".
_ARABIC_MARKS = re.compile("[\u064B-\u065F\u0670\u0640]")
_MAX_WORDS = 40  # longer lines are prose, whatever they talk about


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(_ARABIC_MARKS.sub("", text))]


def _forms(word: str) -> list[str]:
    """A word and the forms it takes without an Arabic conjunction (و، ف), preposition (ب، ل، ك) or article
    (ال): "والموقع", "بالمتصفح" and "للموقع" all name the site."""
    forms = [word]
    for prefixes in (("و", "ف"), ("ب", "ل", "ك"), ("ال", "ل")):
        forms += [f[len(p) :] for f in forms for p in prefixes if f.startswith(p) and len(f) - len(p) >= 3]
    return forms


def _in(word: str, vocabulary: set[str]) -> bool:
    return any(form in vocabulary for form in _forms(word))


def talks_about_page(text: str) -> bool:
    """Whether a short line is mostly the site speaking to its reader about the page (see the module)."""
    words = _words(text)
    if not words or len(words) > _MAX_WORDS or any(q in text for q in "\"“”«»"):
        return False  # a quotation is someone's words in the story, whatever they are about
    if any(_in(w, _REPORTING) for w in words):
        return False  # "... click the settings icon, the company said": the story reporting what a site says
    strong = sum(_in(w, _STRONG_PAGE_WORDS) for w in words) + len(_STRONG_PAGE_PHRASE.findall(_ARABIC_MARKS.sub("", text)))
    if not strong:
        return False  # "If you bank online, check the link before you click.": everyday words, no page
    page = strong + sum(_in(w, _AMBIGUOUS_PAGE_WORDS) for w in words)
    address = sum(_in(w, _ADDRESS) for w in words) + _in(words[0], _PAGE_IMPERATIVES)
    # Two page words, one of them the page's alone, and the reader addressed, with page words a fifth of the
    # line or more: "Already a subscriber? Log in." (2 of 5); a news sentence about a browser names it once.
    return page >= 2 and address >= 1 and page * 5 >= len(words)


# A question and the one action that answers it: "Already a subscriber? Log in.", "Want more? Subscribe."
_CALL_TO_ACTION = re.compile(
    r"^[^?؟]{3,60}[?؟]\s*(?:log ?in|sign (?:in|up)|subscribe|register|download|click here|join|"
    r"سجل الدخول|سجّل الدخول|اشترك|اشترك الآن|حمّل التطبيق)\s*(?:now|here|today|الآن)?[.!]?$",
    re.IGNORECASE,
)
# Where the story ran first: "This article was first published in ...", "نُشر هذا المقال أولاً في ...". "This"
# and "first" together: "The report was published on Tuesday." is news about a report.
_SYNDICATION = re.compile(
    r"^this (?:article|story|piece|report|post|column) (?:was |is )?(?:first|originally) "
    r"(?:published|appeared|posted|ran)\b|^(?:نشر|نشرت) (?:هذا|هذه) (?:المقال|المقالة|القصة|التقرير)",
    re.IGNORECASE,
)
# The editors' word to the reader about the piece, not part of it: "Editor's note: Jane Roe is a columnist
# for ...", "The opinions expressed in this commentary are solely those of the author", "المقال يعبر عن رأي
# كاتبه". Anchored at the line's start: a story quoting a disclaimer says so in other words first.
_EDITORS_NOTE = re.compile(
    r"^(?:editor['’]?s['’]? note|note from the editors?|ملاحظة (?:من )?المحرر|ملاحظة المحررين)\s*[:：\-–—]|"
    r"^the (?:views|opinions) expressed (?:in this (?:commentary|column|article|piece|post|op-ed|blog|essay)|here) "
    r"(?:are|is) (?:solely |entirely |only )?(?:those of|the author|the writer|his own|her own|their own)|"
    r"^(?:هذا )?(?:المقال|المقالة|الآراء|الاراء)\b.{0,50}(?:يعبر|تعبر|يعبّر|تعبّر) (?:عن )?(?:رأي|آراء|اراء|وجهة نظر) (?:كاتب|كتاب|صاحب)",
    re.IGNORECASE,
)
# A chat platform a site runs a channel on.
_PLATFORMS = r"(?:whatsapp|telegram|facebook|instagram|youtube|tiktok|x|twitter|واتساب|واتس اب|تليجرام|تلغرام|تيليجرام|فيسبوك|يوتيوب|انستغرام|تيك توك)"
# The page's machinery naming itself: "Powered by automated translation", "Loading...", "Scroll to continue
# reading", "Join our WhatsApp channel ...", "انضموا إلى قناتنا على تليجرام". An invitation to join is the
# site's only when the group is its own ("our", قناتنا) or on a chat platform: "انضم الأردن إلى مجموعة الدول"
# (past tense) and "Join a local flood action group, the council advises." are news.
_MACHINERY = re.compile(
    r"^(?:powered by\b[^.,;!?]{0,25}?\b(?:translation|ai|artificial intelligence|wordpress|blogger|drupal|joomla|"
    r"disqus|substack|ghost|squarespace|wix|google|chatgpt|openai)\b[^.,;!?]{0,25}|"
    r"(?:automated|machine|automatic) translation\b.{0,30}|loading\W*|"
    r"(?:advertisement\W+)?scroll (?:down )?to (?:continue|read)\b.{0,30}|"
    # A CMS placeholder left in the text: "[ad_1]", "[related_posts]"
    r"\[/?[a-z]+(?:_[a-z0-9]+)+\]|"
    rf"join (?:the|our) (?:conversation|discussion)\b.{{0,40}}|"
    rf"(?:join|follow|انضم|انضموا|اشترك|اشتركوا|تابع|تابعوا)\b.{{0,60}}(?:\bour (?:\w+ )?(?:channel|community|group)|"
    rf"قناتنا|مجموعتنا|(?:channel|community|group|قناة|مجموعة)\b.{{0,20}}\b{_PLATFORMS}\b|\b{_PLATFORMS}\b.{{0,20}}(?:channel|community|group|قناة|مجموعة))\b.{{0,40}})$",
    re.IGNORECASE,
)


def is_page_notice(text: str) -> bool:
    """The site talking to its reader about the page: vocabulary, a call to action, a syndication note."""
    if word_count(text) > _MAX_WORDS:
        return False
    plain = _ARABIC_MARKS.sub("", text)
    if word_count(text) <= 20 and _MACHINERY.match(plain):
        return True
    return talks_about_page(text) or bool(_CALL_TO_ACTION.match(plain)) or bool(_EDITORS_NOTE.match(plain)) or (
        word_count(text) <= 15 and bool(_SYNDICATION.match(plain))
    )


def tagline_of(text: str, prompt: str) -> bool:
    """Whether a short line, no sentence, repeats a strong page word of the subscribe prompt above it ("The
    daily newsletter that cuts through the noise" under "Sign up to our newsletter"): the widget's tagline.
    A subheading under a prompt ("Latest flood warnings by region") shares no such word with it and stays."""
    if word_count(text) > 10 or text.rstrip()[-1:] in ".!?؟":
        return False
    prompt_words = {form for w in _words(prompt) for form in _forms(w)} & _STRONG_PAGE_WORDS
    return any(_in(w, prompt_words) for w in _words(text))


_ELLIPSIS_END = re.compile(r"\S ?(?:\.{3,}|…)\s*$")  # ".." ends many an Arabic sentence: three dots or "…"


def teaser_cut(text: str) -> bool:
    """A story's opening cut short by the site: ends on an ellipsis straight after a word ("...draw...")."""
    return word_count(text) >= 5 and bool(_ELLIPSIS_END.search(text))


def cut_copy_of(text: str, others: list[str]) -> bool:
    """A line cut short with an ellipsis whose last words before it stand in another line: a truncated
    copy of a headline or paragraph (a breadcrumb ending on the headline, a teaser repeating the lede)."""
    if not _ELLIPSIS_END.search(text):
        return False
    words = _WORD.findall(text.rstrip(" .…"))[-5:]
    if len(words) < 4:
        return False
    # The copy stops before the other line does: a word of the other line must follow the matched ones. A
    # paragraph that ends on a quotation or a headline it echoes ("...whatever it takes...") is no cut copy.
    pattern = re.compile(r"\W+".join(map(re.escape, words)) + r"\b\W*[^\W\d_]", re.IGNORECASE)
    return any(other != text and pattern.search(other) for other in others)
