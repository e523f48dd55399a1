"""Lines about the page rather than the story: what the site says to its reader about reading it.

A paywall or script notice ("Please enable JavaScript in your browser settings"), an account prompt
("Already a subscriber? Log in."), a syndication note ("This article was first published in ..."), a
pointer to the rest of the site ("click on this link", "Check the forecast where you are") are furniture
whatever outlet prints them. No fixed wording catches them all, so a line is judged by its vocabulary:
how many of its words name the page's machinery (browser, account, link, newsletter, article, site ...)
and whether it speaks to the reader (you, your, please, we). A story that merely mentions an app or a
website has far more words about its subject than about the page, so both counts must be high for a short
line, which is why the test is a share and not a keyword.

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

# Words that name the page's own machinery: reading it, paying for it, moving around it, sharing it.
_PAGE_WORDS = {
    # English
    "javascript", "browser", "browsers", "settings", "subscriber", "subscribers", "subscribe", "subscription",
    "log", "login", "logged", "sign", "account", "click", "tap", "link", "links", "website", "site", "page",
    "app", "newsletter", "newsletters", "inbox", "notifications", "reader", "mode", "verify", "access",
    "cookies", "download", "enable", "enabled", "disable", "article", "articles", "content", "published",
    "patience", "retrieving", "loading", "refresh", "videos", "forecast", "latest", "home", "register",
    "homepage", "premium", "paywall", "unlimited", "digital",
    # Arabic
    "المتصفح", "متصفحك", "الاشتراك", "اشترك", "اشتركوا", "مشترك", "تسجيل", "الدخول", "حسابك", "اضغط", "انقر",
    "الرابط", "رابط", "الموقع", "موقعنا", "الصفحة", "التطبيق", "تطبيق", "النشرة", "المقال", "المقالة", "تحميل",
    "تفعيل", "الإشعارات", "الاشعارات", "لمتابعة", "تابعونا", "قناتنا", "حمل", "حمّل",
}
# Words that speak to the reader or for the site: a story reports on others, the page addresses "you".
_ADDRESS = {
    "you", "your", "you're", "we", "we're", "our", "please", "thank", "thanks", "want", "already", "if",
    "check", "here", "يمكنك", "يمكنكم", "لديك", "عزيزي", "نرجو", "يرجى", "الرجاء", "شكرا", "شكراً", "إذا", "اذا",
}
# Verbs of reporting: a line that has one reports someone's words, however much it talks of apps and links.
_REPORTING = {
    "said", "says", "told", "according", "announced", "warned", "explained", "added",
    "قال", "وقال", "قالت", "وقالت", "أضاف", "وأضاف", "أكد", "وأكد", "أوضح", "وأوضح", "أعلن", "وأعلن", "بحسب", "وفق",
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_MAX_WORDS = 30


def talks_about_page(text: str) -> bool:
    """Whether a short line is mostly the site speaking to its reader about the page (see the module)."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if not words or word_count(text) > _MAX_WORDS + 10 or any(q in text for q in "\"“”«»"):
        return False  # a quotation is someone's words in the story, whatever they are about
    if any(w in _REPORTING for w in words):
        return False  # "... click the settings icon, the company said": the story reporting what a site says
    page = sum(w in _PAGE_WORDS for w in words)
    address = sum(w in _ADDRESS for w in words)
    # Two page words and the reader addressed, with page words a fifth of the line or more: "Already a
    # subscriber? Log in." (2 of 5); a news sentence about an app names it once among a dozen others.
    return page >= 2 and address >= 1 and page * 5 >= len(words)


# A question and the one action that answers it: "Already a subscriber? Log in.", "Want more? Subscribe."
_CALL_TO_ACTION = re.compile(
    r"^[^?؟]{3,60}[?؟]\s*(?:log ?in|sign (?:in|up)|subscribe|register|download|click here|join|"
    r"سجل الدخول|سجّل الدخول|اشترك|اشترك الآن|حمّل التطبيق)\s*(?:now|here|today|الآن)?[.!]?$",
    re.IGNORECASE,
)
# Where the story ran first: "This article was first published in ...", "نُشر هذا المقال أولاً في ...".
_SYNDICATION = re.compile(
    r"^(?:this|the) (?:article|story|piece|report|post|column) (?:was |is )?(?:first |originally )?"
    r"(?:published|appeared|posted|ran)\b|^(?:نشر|نُشر|نشرت|نُشرت) (?:هذا|هذه) (?:المقال|المقالة|القصة|التقرير)",
    re.IGNORECASE,
)


# The page's machinery naming itself: "Powered by automated translation", "Loading...", "Scroll to continue
# reading", "Join our WhatsApp channel ...", "انضم إلى قناتنا على تليجرام".
_MACHINERY = re.compile(
    r"^(?:powered by\b[^.,;!?]{0,40}|(?:automated|machine|automatic) translation\b.{0,30}|loading\W*|"
    r"(?:advertisement\W+)?scroll (?:down )?to (?:continue|read)\b.{0,30}|"
    # A CMS placeholder left in the text: "[ad_1]", "[related_posts]"
    r"\[/?[a-z]+(?:_[a-z0-9]+)+\]|"
    r"(?:join|انضم|انضموا|اشترك|اشتركوا)\b.{0,60}(?:channel|community|group|قناة|قناتنا|مجموعة|مجموعتنا)\b.{0,40})$",
    re.IGNORECASE,
)


def is_page_notice(text: str) -> bool:
    """The site talking to its reader about the page: vocabulary, a call to action, a syndication note."""
    if word_count(text) > _MAX_WORDS + 10:
        return False
    if word_count(text) <= 20 and _MACHINERY.match(text):
        return True
    return talks_about_page(text) or bool(_CALL_TO_ACTION.match(text)) or (
        word_count(text) <= 15 and bool(_SYNDICATION.match(text))
    )


def tagline_of(text: str, prompt: str) -> bool:
    """Whether a short line, no sentence, repeats a page word of the prompt above it ("The daily newsletter
    that cuts through the noise" under "Sign up to our newsletter"): the widget's tagline. A subheading
    under a prompt ("Access to the harbour") shares no such word with it and stays."""
    if word_count(text) > 10 or text.rstrip()[-1:] in ".!?؟":
        return False
    prompt_words = {w.casefold() for w in _WORD.findall(prompt)} & _PAGE_WORDS
    return any(w.casefold() in prompt_words for w in _WORD.findall(text))


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
    pattern = re.compile(r"\W+".join(map(re.escape, words)) + r"\b", re.IGNORECASE)
    return any(other != text and pattern.search(other) for other in others)
