"""Page furniture recognisable from one line alone, in English and Arabic.

``line_reason(text)`` names what a line is when its words say so (a share bar, a cookie notice, a
"Read more" / "اقرأ أيضا" promo, a licence footer ...) and returns None for anything that needs context.
Patterns are anchored and length-capped so that a sentence which merely *mentions* Facebook or a
newsletter is never taken for furniture. ``layout`` handles what needs context (titles, bylines,
captions next to credits, blocks of related links).
"""

from __future__ import annotations

import re

from .agencies import NEWS_AGENCIES, NEWS_AGENCIES_AR, alternation
from .dates import find_date, is_timestamp_line, normalise_digits
from .lines import ends_with_terminal, word_count
from .widgets import is_page_notice

# Reasons recorded with every dropped line (Article.dropped[].reason).
TITLE = "title"
STANDFIRST = "standfirst"
BYLINE = "byline"
DUPLICATED_BYLINE = "duplicated byline"
DATE = "date"
CAPTION = "caption"
PHOTO_CREDIT = "photo credit"
LANGUAGE_TOGGLE = "language toggle"
SECTION_LABEL = "section label"
NAVIGATION = "navigation"
SHARE = "share/follow"
SUBSCRIBE = "subscribe/newsletter"
COOKIE = "cookie notice"
COMMENTS = "comments"
PROMO = "promo"
RELATED = "related links"
ADVERT = "advert"
LOGO = "logo"
ISSUE_BANNER = "issue banner"
LICENCE = "licence footer"
REPEATED_HEADLINE = "repeated headline"
SEPARATOR = "separator"
MEDIA = "media notice"
READING_TIME = "reading time"
TAGS = "tags"
DUPLICATE = "duplicate line"
PAGE_HEADER = "page header"
PAGE_FOOTER = "page footer"
EMAIL_HEADER = "e-mail header"
SOURCE_CREDIT = "source credit"
PAGE_NOTICE = "page notice"
TEASER = "teaser"
MARKUP = "markup"

REASONS = (
    TITLE,
    STANDFIRST,
    BYLINE,
    DUPLICATED_BYLINE,
    DATE,
    CAPTION,
    PHOTO_CREDIT,
    LANGUAGE_TOGGLE,
    SECTION_LABEL,
    NAVIGATION,
    SHARE,
    SUBSCRIBE,
    COOKIE,
    COMMENTS,
    PROMO,
    RELATED,
    ADVERT,
    LOGO,
    ISSUE_BANNER,
    LICENCE,
    REPEATED_HEADLINE,
    SEPARATOR,
    MEDIA,
    READING_TIME,
    TAGS,
    DUPLICATE,
    PAGE_HEADER,
    PAGE_FOOTER,
    EMAIL_HEADER,
    SOURCE_CREDIT,
    PAGE_NOTICE,
    TEASER,
    MARKUP,
)


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


_LANGUAGES = (
    r"english|arabic|french|français|francais|español|deutsch|русский|türkçe|中文|português|italiano|"
    r"العربية|عربي|عربى|الإنجليزية|الانجليزية|إنجليزي|انجليزي|فارسی|فارسي|اردو|en|ar|fr|es|de"
)
_TOGGLE = _rx(rf"^(?:(?:{_LANGUAGES})\s*(?:[|/•·,]\s*|-\s+)?)+$")

_NETWORKS = (
    r"facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|messenger|instagram|youtube|tiktok|"
    r"threads|bluesky|email|e-mail|mail|print|sms|copy link|copy|link|فيسبوك|فيس بوك|تويتر|إكس|واتساب|واتس اب|"
    r"واتس آب|تيليجرام|تلغرام|تليغرام|لينكد إن|لينكدإن|إنستغرام|انستغرام|يوتيوب|تيك توك|البريد الإلكتروني|طباعة|"
    r"انسخ الرابط|نسخ الرابط|google news|جوجل نيوز|غوغل نيوز|قوقل نيوز"
)
_SHARE_WORD = r"share|share this(?: article| story| page| post)?|share on|tweet|شارك|مشاركة|شارك المقال|شارك الخبر|شارك هذا المقال|انشر"
_SHARE = [
    _rx(rf"^(?:(?:{_NETWORKS}|{_SHARE_WORD})\s*[:|/,•·-]?\s*)+$"),
    _rx(
        r"^(?:share(?: this(?: article| story| page| post)?| on| via)?|tweet|شارك(?: المقال| الخبر| هذا المقال)?|مشاركة|انشر)\s*[:|]"
    ),
    _rx(r"^link copied$|^تم نسخ الرابط$"),
    # The share bar's own label, its buttons gone in the paste: "شارك المقالات:", "Share this story:"
    _rx(r"^(?:share|شارك|شاركوا)(?:\s+\S+){0,2}\s*:$"),
]
_FOLLOW = _rx(r"^(?:follow|تابعونا|تابعنا|تابعوا|تابع)\b")
_FOLLOW_TARGET = _rx(
    rf"\b(?:{_NETWORKS})\b|@\w|\b(?:app|newsletter|podcast|the latest|channel|على تطبيق|آخر الأخبار|اخر الاخبار)"
)
_SUBSCRIBE = [
    _rx(
        r"^(?:sign up|subscribe|get (?:our|the) .{0,40}(?:newsletter|inbox|app)|download (?:our|the) .{0,30}app|"
        r"register (?:now|for free)|click here to (?:subscribe|sign up|register|download)|join our (?:mailing list|newsletter))"
    ),
    _rx(r"^(?:the |our |free |daily |weekly )?(?:\w+ )?newsletters?$"),
    # "KEEP UPDATED on the latest news by subscribing to our FREE newsletter." ("our": the site's own; not
    # inside a quotation: '"Sign up for our text alerts," a spokesman said' is news)
    _rx(r"^(?!.*[\"“”«»]).{0,120}\b(?:subscribe|subscribing|sign(?:ing)? up) (?:to|for) our\b.{0,40}\b(?:newsletters?|channel)\b"),
    _rx(r"^(?:اشترك|اشتركوا|للاشتراك|سجّل|سجل للحصول|حمّل|حمل تطبيق|نزّل تطبيق|قم بتحميل|اشترك في النشرة)"),
    _rx(
        r"(?:إشعارات|الإشعارات|النشرة البريدية|القائمة البريدية|النشرة الإخبارية).{0,80}(?:تطبيق|بريدك|البريد الإلكتروني|اشترك)"
    ),
    _rx(r"^(?:يمكنكم|يمكنك).{0,100}(?:تطبيق|النشرة|يوتيوب|قناتنا)"),
    # "ولمتابعة كل ما يخص ... تابع قناتنا على تلجرام", "For the latest news follow our channel on WhatsApp"
    _rx(
        r"^(?:و?لمتابعة|و?للمتابعة|for (?:all )?the latest)\b.{0,120}(?:تلجرام|تليجرام|تلغرام|واتساب|قناتنا|تطبيق|يوتيوب|channel|app)"
    ),
    # An app's store listing or name: "Ammon on Apple Store", "تطبيق مصراوي", "حمّل التطبيق"
    _rx(r"^\S+(?: \S+)? (?:on|in|في|على) (?:the )?(?:apple store|app store|play store|google play|متجر)"),
    _rx(r"^(?:تطبيق|التطبيق|app)\s+\S+$"),
    # The site's AI features: "Ask our AI assistant", "لخّص المقال بالذكاء الاصطناعي"
    _rx(
        r"^(?:اسأل|اسال|جرّب|جرب|استخدم|try|ask|use)\b.{0,60}(?:الذكاء الاصطناعي|المساعد الذكي|\bai\b|chatbot|assistant)"
    ),
    # The button summarises this article; a plural ("ملخصات", summaries) is a story's subject, not a button.
    _rx(r"(?:لخّص|لخص|ملخص|تلخيص|summari[sz]e|summary)(?!ات).{0,40}(?:بالذكاء الاصطناعي|الذكاء الاصطناعي|\bai\b)"),
]
_COOKIE_NOTICE = _rx(
    r"\b(?:we use cookies|this (?:web)?site uses cookies|uses cookies to|cookie (?:policy|settings|preferences|notice)|"
    r"accept (?:all )?cookies|reject (?:all )?cookies|manage (?:cookies|consent|preferences)|your privacy choices)\b"
)
_COOKIE_NOTICE_AR = _rx(r"ملفات تعريف الارتباط|ملفات الكوكيز|الكوكيز|نستخدم ملفات")
_CONSENT_BUTTON = _rx(r"^(?:accept|reject|accept all|reject all|i agree|agree|got it|ok|okay|قبول|أوافق|موافق|رفض)$")
_COMMENTS = _rx(
    r"^(?:comments?(?: \(\d+\))?|\d+ comments?|no comments(?: yet)?|leave a (?:comment|reply)|add (?:a|your) comment|post (?:a )?comment|"
    r"show comments|view comments|load comments|join the (?:conversation|discussion)|write a comment|your (?:name|email|comment)|"
    r"name|e-?mail|email address|website|submit|reply|cancel reply|report (?:an error|a mistake|this comment|abuse)|"
    r"أضف تعليق(?:ك|ا|اً)?|التعليقات(?: \(\d+\))?|تعليقات(?: \(\d+\))?|اترك تعليق(?:ا|اً)?|اكتب تعليق(?:ك|ا)?|"
    r"الاسم|الإسم|البريد الإلكتروني|البريد الالكتروني|إرسال|ارسال|أرسل|ارسل|التعليق|شارك برأيك|الإبلاغ عن خطأ)\s*\*?:?$"
)
# The comment form and its prompts: "Please enter your comment!", "Your email address will not be published".
_COMMENT_FORM = _rx(
    r"(?:enter your (?:comment|name|email)|log in (?:or register )?to (?:add|post|leave|comment)|register to (?:add|post) "
    r"(?:a |your )?comment|no comments (?:on this|yet)|be the first to comment|your email address will not be published|"
    r"uses akismet to reduce spam|learn how your comment data is processed|"
    r"required fields are marked|لن يتم نشر (?:عنوان )?بريدك|الحقول (?:الإلزامية|المطلوبة)|كن أول من يعلق|لا توجد تعليقات|"
    r"أضف تعليقك|اكتب تعليقك|التعليقات المنشورة|تعليقات القراء|آراء القراء)"
)
# Labels naming the kind of piece a headline leads to ("Live: ...", "Analysis: ..."). Inside the body such a
# line links to another piece (a promo); above the body, before any other headline, ``layout`` gives it back
# as the page's own headline.
_KINDS = r"live|analysis|explainer|in pictures|in depth|video|watch"
KIND_LABEL = re.compile(
    rf"(?i)^(?:{_KINDS}|live updates|opinion|exclusive|breaking|مباشر|تحليل|فيديو|بالفيديو|بالصور|رأي|حصري|عاجل)"
    r"\s*(?:[:|–—-]|\.{2,3}|…)\s*\S"  # "Video: ...", "فيديو .. ..."
)
_PROMO = [
    _rx(
        r"^(?:read more|read also|also read|read next|read|more|see also|related|recommended|watch now|listen|"
        rf"listen now|continue reading|more on this|{_KINDS})\s*[:|–—-]"
    ),
    _rx(r"^read the (?:original |whole )?(?:story|article|report)(?: here)?\s*[.!:]?$"),  # "Read the article."
    _rx(
        r"^(?:read more|continue reading|see more|more stories|watch the video|watch video|click here(?: to read more)?|"
        r"full story|read the full (?:story|article))\b.{0,80}$"
    ),
    _rx(r"^(?:اقرأ|إقرأ|إقرا|اقرا)\s*(?:أيضا|أيضاً|ايضا|ايضاً|كذلك|المزيد|أكثر|مدونة|أيضًا)"),
    _rx(r"^(?:اقرأ|إقرأ|اقرا)\s*[:.|–-]"),
    _rx(r"^(?:شاهد|شاهدوا|شاهدي)\s*(?:أيضا|أيضاً|ايضا|ايضاً|بالفيديو|الفيديو|فيديو)?\s*(?:[:|–-]|\.{1,3}|…)"),
    _rx(r"^(?:شاهد|شاهدوا)\s+(?:أيضا|أيضاً|ايضا|ايضاً|بالفيديو|الفيديو)\b"),
    _rx(
        r"^(?:للمزيد|المزيد من|لمزيد من|فيديو|بالفيديو|بالصور|إنفوغراف|انفوغراف|مواضيع ذات صلة|أخبار ذات صلة)\s*[:|.–-]"
    ),
]
# A reading assistant offered under the article: "Ask about this article" / "Answer for your question ... here".
_ASSISTANT = _rx(
    r"^ask (?:\w+ )?(?:about|anything about|a question about) this (?:article|story|page)\b.{0,20}$|"
    r"^answer (?:for|to) your question\b.{0,60}(?:displayed|appear)|^(?:اسأل|اسال) (?:عن|حول) (?:هذا )?(?:المقال|الخبر)"
)
# The masthead's staff credits over the page: "رئيس مجلس الإدارة ورئيس التحرير فلان", "Editor-in-chief: ..."
_MASTHEAD = _rx(
    r"^(?:رئيس (?:مجلس|مجلسى|مجلسي) (?:الإدارة|الادارة)|رئيس التحرير|رئيسا التحرير|مدير التحرير|رئيس مجلس التحرير|"
    r"editor[- ]in[- ]chief|managing editor|publisher)\b[^.!?؟]*$"
)
# Broadcast and web promos: "You can see highlights ... on BBC One and the BBC Sport website."
_BROADCAST = _rx(
    r"^(?:you can (?:see|watch|listen|find|follow|read|get|catch|hear)|watch|listen (?:again|live|to)|catch up|"
    r"find (?:all|out)|see (?:all|more)|get all|keep up|for (?:all )?the latest)\b.{0,220}"
    r"\b(?:website|iplayer|bbc (?:one|two|three|four|radio|sport|news)|radio \d|channel|app|podcast|dedicated page|"
    r"live page|here|sounds)\W*$"
)
_BROADCAST_MAX_WORDS = 45
_ADVERT = _rx(
    r"^(?:advertisement|advert|ad|ads|sponsored(?: content)?|promoted(?: content)?|paid (?:content|post|partnership)|"
    r"partner content|story continues below(?: advertisement)?|scroll to continue|إعلان|اعلان|محتوى مدفوع|برعاية|محتوى برعاية|"
    r"(?:your )?advert(?:isement)? here|advertise (?:here|with us)|إضافة إعلان|اضافة اعلان|إضافة اعلان|اضافة إعلان|أعلن معنا|"
    r"اعلن معنا|أعلن هنا|مساحة إعلانية)[.!]?$"
)
# What is left of an empty ad slot or a style control: a lone colour or "background" label.
_AD_SLOT_LABEL = _rx(
    r"^(?:background|foreground|colou?r|font|white|black|red|blue|green|grey|gray|yellow|orange|purple|#[0-9a-f]{3,6}|"
    r"خلفية|الخلفية|لون|اللون|أبيض|ابيض|أسود|اسود|أحمر|احمر|أزرق|ازرق|أخضر|اخضر|رمادي)$"
)
_MEDIA = _rx(
    r"media playback is (?:not |un)supported|your browser (?:does not|doesn't) support|this video (?:can ?not|can't) be played|"
    r"video unavailable|^listen to (?:this|the) (?:article|story)|^play video$|^watch video$|^(?:\d+:\d\d\s*)?(?:video|audio)$|"
    r"^duration \d|^(?:image|photo|picture|pic|gallery|graphic|صورة|الصورة)\s*:?$|getting your .{0,30}player ready|^استمع|المتصفح لا يدعم|لا يدعم تشغيل|^إعادة تشغيل الفيديو|^تشغيل الفيديو|^مدة الفيديو|"
    r"^warning:? this (?:report|video|article|story|footage|page|gallery) contains\b|^تحذير\s*:?\s*(?:يحتوي|تحتوي)|"
    # A video player's own labels, pasted with the text: "JUST WATCHED", "MUST WATCH", "Replay".
    r"^(?:just watched|must watch|replay|watch again)$"
)
# Who else worked on the story, at its foot: "CNN's Jane Roe and John Doe contributed to this report.",
# "Jane Roe contributed reporting from Paris." The whole line is the credit (at most _CREDIT_WORDS words).
_NAME = r"[A-Z][\w'’.-]*"
# Names joined by a space, a comma or "and", each way of reading the line one (no nested repeats that
# could split the same words many ways: a long line of capitalised words must not take exponential time).
_NAMES = rf"{_NAME}(?:(?: |, |,? and ){_NAME})*"
_CONTRIBUTED = re.compile(  # names only before it, places only after: "..., who was killed on Wednesday, contributed" is news
    rf"^{_NAMES} contributed (?:to this (?:report|story|article)|(?:additional )?reporting)(?: (?:from|in) {_NAMES})?\.?$"
)
_CREDIT_WORDS = 45
_LOGO = [_rx(r"\S+\.(?:svg|png|jpe?g|gif|webp)\b"), _rx(r"^(?:logo|شعار)\b.{0,40}$"), _rx(r"^\S+(?: \S+)? logo$")]
_ISSUE = _rx(
    r"^(?:issue|vol\.?|volume)\s*\d+\b|^(?:from|in) (?:the|our) (?:\w+ )?(?:\d{4} )?(?:print |magazine )?(?:issue|edition)\b|"
    r"this (?:article|story|piece) (?:appeared|appears|was published|is from) (?:in )?(?:the )?.{0,40}(?:print|issue|edition)|"
    r"^(?:print edition|magazine|weekly edition|the .{0,30} issue)$|^العدد\s*(?:رقم\s*)?[\d٠-٩]+|^نشر في العدد|^من عدد|^الطبعة الورقية"
)
_LICENCE = _rx(
    r"©|\(c\)\s*\d{4}|^copyright\s*(?:©|\(c\)|\d{4})|\bcopyright (?:©\s*)?\d{4}|all rights reserved|creative commons|"
    r"permission is granted to copy|this material may not be (?:published|broadcast|rewritten|redistributed)|"
    r"licensed under (?:a |the )?(?:creative commons|cc|gnu|mit|apache|open)|\bcc[- ]by(?:-sa)?\b|"
    r"جميع الحقوق محفوظة|كل الحقوق محفوظة|حقوق (?:النشر|الطبع)(?: والتوزيع)? محفوظة|حقوق نشر .{0,30}محفوظة|"
    r"ليست مسؤولة عن محتوى المواقع الخارجية|is not responsible for the content of external"
)
_NAVIGATION = [
    _rx(
        r"^(?:skip to (?:main )?(?:content|navigation)|skip navigation|jump to:? navigation,? search|jump to (?:navigation|content)|"
        r"main menu|menu|search|close|open menu|home|back to top|sign in|log in|login|log out|register|my account|"
        r"toggle navigation|previous|next|previous article|next article|تخطى إلى المحتوى|تخطي إلى المحتوى|"
        r"انتقل إلى المحتوى|الرئيسية|القائمة|القائمة الرئيسية|بحث|إغلاق|اغلاق|تسجيل الدخول|دخول|العودة للأعلى|"
        r"المقال التالي|المقال السابق|التالي|السابق)$"
    ),
    # A search box's label: "Search this blog" (Blogger prints it above every post), "بحث هذه المدونة الإلكترونية"
    _rx(
        r"^(?:search this (?:blog|site|website)|(?:بحث|ابحث|البحث) (?:في )?(?:هذه المدونة|هذا الموقع|الموقع|المدونة)(?: الإلكترونية)?)$"
    ),
    # MediaWiki's site subtitle: "From Wikipedia, the free encyclopedia", "From Wikinews, the free news source ..."
    _rx(r"^from \w+, the free\b"),
    # "View all 364 updates ›", "Back to top button", "زر الذهاب إلى الأعلى"
    _rx(r"^(?:view|see|show) all\b.{0,30}$"),
    _rx(
        r"^(?:back to top(?: button)?|(?:زر )?(?:الذهاب|العودة|الرجوع|انتقل) (?:إلى|الى|ل)\s*(?:الأعلى|أعلى|الاعلى|اعلى))$"
    ),
    # A site name with its way home: "The Guardian - Back to home"
    _rx(
        r"^.{0,60}?(?:\b(?:back to (?:home|homepage|top)|go to (?:home|homepage)|skip to (?:main )?content)|العودة إلى الصفحة الرئيسية)\s*$"
    ),
]
_BREADCRUMB_SEP = re.compile(r"\s+(?:›|»|>|\||/|→|‹|«)\s+")
_SEPARATOR = re.compile(r"^[\W_]+$")  # no letter or digit at all: "***", "---", a stray "."
# What a copy of a page leaves of its code: tags pasted as text (<a href=...> <img ...>), and the page's
# layout class names on lines of their own ("medium-browser-and-portrait-tablet").
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_CLASS_NAME = re.compile(r"^[a-z]+(?:-[a-z0-9]+){3,}$")  # four parts at least: not "well-to-do", nor a date
_READING_TIME = _rx(
    r"^(?:\d+|[٠-٩]+)\s*(?:-|–)?\s*(?:min(?:ute)?s?|دقائق|دقيقة|دقيقتان)(?:\s*(?:read|reading|للقراءة|قراءة))?$|"
    r"^(?:reading time|وقت القراءة|قراءة)\s*:?\s*(?:\d+|[٠-٩]+)\s*(?:min|دقائق|دقيقة)"
)
_TAGS = _rx(
    r"^(?:tags|topics|topic area|keywords|filed under|related topics|الكلمات (?:المفتاحية|الدالة|الدلالية)|كلمات دلالية|وسوم|الوسوم|كلمات مفتاحية)\s*:"
)
# A forwarded or saved e-mail: "---------- Forwarded message ---------", "From: Desk <desk@example.org>".
_EMAIL_HEADER = _rx(
    r"^-{2,}\s*(?:forwarded message|original message|begin forwarded message)\s*-*$|"
    r"^(?:from|to|cc|bcc|reply-to|من|إلى)\s*:\s*\S.*@[\w-]+\.\w|^(?:subject|الموضوع)\s*:\s*\S"
)
_EMAIL_DATE = _rx(r"^(?:date|sent|التاريخ)\s*:\s*(?P<stamp>\S.*)$")
# Wire-copy credits: "(Reporting by X; Editing by Y)", "(Additional reporting by Z)".
_WIRE_CREDIT = _rx(
    r"^\((?:additional |further )?(?:reporting|writing|editing|compiled|translated|research) by\b.*\)\.?$"
)
# Where the story came from: "Source: Reuters", "المصدر : الجزيرة + وكالات".
_SOURCE_CREDIT = _rx(
    r"^(?:source|sources|المصدر|المصادر)\s*[:،]\s*\S.{0,60}$|^(?:edited )?translat(?:ed|ion) (?:from|by)\b.{0,40}$|"
    r"^(?:ترجمة|نقلا عن|نقلاً عن)\s*[:،-]?\s*\S.{0,40}$"
)
# A wire story signed off with its agency on a line of its own: "- BLOOMBERG", "(Reuters)", "— أ ف ب".
_AGENCY_SIGN_OFF = re.compile(
    rf"^[-–—(\[]*\s*(?:{alternation(NEWS_AGENCIES)}|{alternation(NEWS_AGENCIES_AR)})\s*[)\]]?\s*[.-]?$", re.IGNORECASE)
# A site name signing off with a dash, as pasted above an article: " السعودية اليوم -", "Reuters -".
_SITE_DASH = re.compile(r"^(?!\s*(?:by|بقلم|كتب|بواسطة)\b)[^\d.!?؟:]{2,40}?\s*[-–—]$", re.IGNORECASE)
_AS_TOLD_TO = re.compile(r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3} (?:was|were) (?:speaking|talking) to .{3,60}\.$")
_NAME = r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}"
# "Navtej Johal reports.", "Austyn Gaffney and Somini Sengupta report for The New York Times."
REPORTS = re.compile(
    rf"^(?!The )(?:(?P<names>{_NAME}) reports|(?P<pair>{_NAME},? and {_NAME}) report(?= for))"
    rf"(?: for (?:the )?[A-Z][^.!?]{{1,60}})?\.?$"
)

# Headings that open a block of links to other stories; the lines under them go too.
RELATED_HEADING = _rx(
    r"^(?:related(?: stories| articles| news| topics| content| links| coverage| reading| video)?|more (?:on this story|stories|"
    r"from \S+(?: \S+)?|on this topic|in \S+)|you (?:may|might) also like|recommended(?: for you| stories| reading| articles)?|"
    r"most (?:read|popular|viewed|shared|watched)|trending(?: now)?|top stories|latest (?:news|stories|posts|articles)|"
    r"(?:recent|popular) (?:posts|stories|articles)|sister links|"
    r"see also|read also|also read|sources|references|external links|further reading|elsewhere on \S+|around the (?:web|bbc)|"
    r"مواضيع ذات صلة|أخبار ذات صلة|اخبار ذات صلة|موضوعات ذات صلة|قصص ذات صلة|روابط ذات صلة|اقرأ أيضا|اقرأ أيضاً|"
    r"اقرأ ايضا|اقرأ ايضاً|إقرأ أيضا|إقرأ أيضاً|قصص مقترحة|مقترحات|قد يهمك(?: أيضا| أيضاً)?|قد يعجبك(?: أيضا| أيضاً)?|"
    r"الأكثر قراءة|الأكثر مشاهدة|الأكثر تداولا|الأكثر تداولاً|الأكثر شعبية|الأكثر مشاركة|أخبار متعلقة|المزيد من الأخبار|"
    r"آخر الأخبار|أخر الأخبار|اخر الأخبار|المصادر|مصادر|شاهد أيضا|شاهد أيضاً|(?:فيديو|مقالات|أخبار) قد (?:يعجبك|يهمك)|"
    r"مقالات ذات صلة|الكلمات المتعلقة|كلمات متعلقة|ترشيحات|ترشيحاتنا|more videos)\s*:?$"
)


# The wire's end-of-copy mark: "ENDS", "Endit", "-30-", "(النهاية)", "انتهى". Alone on a line, or glued to the
# story's last sentence ("... for immunity. Endit"), ``sweep`` takes it off.
_END_MARK = r"(?:[-(\[]\s*)?(?:ends?|endit|النهاية|انتهى|-30-)(?:\s*[-)\]])?\.?"
END_OF_COPY = re.compile(rf"^{_END_MARK}$", re.IGNORECASE)
END_OF_COPY_GLUED = re.compile(rf"(?<=[.!?؟\"”»])\s+(?P<mark>{_END_MARK})$", re.IGNORECASE)


def line_reason(text: str) -> str | None:
    """Why this line is furniture, judged from its own words; None when it may be article text."""
    words = word_count(text)
    if _SEPARATOR.match(text):
        return SEPARATOR
    if END_OF_COPY.match(text):
        return PAGE_FOOTER
    if _CLASS_NAME.match(text) or (_TAG.search(text) and word_count(_TAG.sub(" ", text)) <= 3):
        return MARKUP
    if words <= 6 and _TOGGLE.match(text):
        return LANGUAGE_TOGGLE
    if words <= 20 and _EMAIL_HEADER.match(text):
        return EMAIL_HEADER
    if words <= 14 and (stamp := _EMAIL_DATE.match(text)) and is_timestamp_line(stamp.group("stamp")):
        return EMAIL_HEADER
    if words <= 12 and any(p.match(text) for p in _NAVIGATION):
        return NAVIGATION
    if words <= 4 and _ADVERT.match(text) or is_ad_slot_label(text):
        return ADVERT
    if words <= 12 and any(p.search(text) for p in _SHARE):
        return SHARE
    if words <= 20 and _is_labelled_timestamp(text):  # "Reuters | London | Updated: 22-04-2020 16:13 IST"
        return DATE
    if words <= 14 and _is_breadcrumb(text):
        return NAVIGATION
    if words <= 20 and _FOLLOW.match(text) and _FOLLOW_TARGET.search(text):
        return SHARE
    if words <= 6 and _COMMENTS.match(text) or words <= 25 and _COMMENT_FORM.search(text):
        return COMMENTS
    if words <= 40 and (_COOKIE_NOTICE.search(text) or _COOKIE_NOTICE_AR.search(text)):
        return COOKIE
    if words <= 3 and _CONSENT_BUTTON.match(text):
        return COOKIE
    if words <= 30 and any(p.search(text) for p in _SUBSCRIBE):
        return SUBSCRIBE
    if words <= 30 and any(p.search(text) for p in _PROMO):
        return PROMO
    if words <= 20 and _ASSISTANT.search(text):
        return PROMO
    if words <= 14 and _MASTHEAD.match(text):
        return LOGO  # the site's own branding, like its logo
    if words <= _BROADCAST_MAX_WORDS and _BROADCAST.search(text):
        return PROMO
    if words <= 12 and _MEDIA.search(text):
        return MEDIA
    if words <= 60 and _LICENCE.search(text):
        return LICENCE
    if words <= 25 and _ISSUE.search(text):
        return ISSUE_BANNER
    if words <= 8 and any(p.search(text) for p in _LOGO):
        return LOGO
    if words <= 8 and _READING_TIME.match(text):
        return READING_TIME
    if words <= 40 and _TAGS.match(text):
        return TAGS
    if words <= 12 and (_AS_TOLD_TO.match(text) or REPORTS.match(text)) or words <= 30 and _WIRE_CREDIT.match(text):
        return BYLINE
    if words <= 12 and _SOURCE_CREDIT.match(text) or words <= 4 and (_SITE_DASH.match(text) or _AGENCY_SIGN_OFF.match(text)) \
            or words <= _CREDIT_WORDS and _CONTRIBUTED.search(text):
        return SOURCE_CREDIT
    if words <= 14 and (is_timestamp_line(text) or _is_labelled_timestamp(text) or _is_glued_date(text)):
        return DATE
    if is_page_notice(text):  # the site speaking to its reader about the page (see ``widgets``)
        return PAGE_NOTICE
    return None


def is_ad_slot_label(text: str) -> bool:
    """What is left of an empty ad slot or a style control: a lone colour or "background" label (a word a
    subheading, a list item or a table cell may also be, which is why the markup can overrule it)."""
    return word_count(text) <= 2 and bool(_AD_SLOT_LABEL.match(text))


def _is_glued_date(text: str) -> bool:
    """A date with at most a site name or label glued to it: "سيناء الإخبارية٢٢-٠٢-٢٠٢٥", "Today — 11 May 2025Main stream".

    Pages pasted as text lose the space between a masthead's site name and its date; what is left is no
    sentence (it does not end like one) and has at most three words besides the date.
    """
    found = find_date(text)
    if found is None or ends_with_terminal(text):
        return False
    rest = text[: found[1]] + " " + text[found[2] :]
    rest = re.sub(r"\d{1,2}[:.]\d\d(?::\d\d)?|[\W\d_]+", " ", normalise_digits(rest))
    return sum(1 for word in rest.split() if len(word) > 1) <= 3  # mojibake leaves one-letter debris


def _is_labelled_timestamp(text: str) -> bool:
    """ "COMMODITIES | Tuesday 9 April 2024": short labels and a timestamp between separators."""
    parts = [p for p in re.split(r"\s+[|•·]\s+", text) if p]
    return (
        len(parts) >= 2
        and any(is_timestamp_line(p) for p in parts)
        and all(word_count(p) <= 3 or is_timestamp_line(p) for p in parts)
    )


def is_related_heading(text: str) -> bool:
    return word_count(text) <= 6 and bool(RELATED_HEADING.match(text))


def _is_breadcrumb(text: str) -> bool:
    """ "Home > World > Middle East", "UK | Business | Transport": short items between separators."""
    parts = _BREADCRUMB_SEP.split(text)
    return len(parts) >= 3 and all(0 < word_count(p) <= 4 for p in parts)
