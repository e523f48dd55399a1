"""Rules learned from the grown tune half of the page corpus (session 5): widget tails under Arabic
articles, masthead and search-box labels, a tab title over its headline, a blog's "Posted on" date over
a banner date, dates glued to a time or written "24, أغسطس 2019", and a paste cut off mid-sentence.
The texts are made up here in the shape of the pages, not copied from them."""

from __future__ import annotations

import pytest

from summarise.segment import from_text, segment
from summarise.segment import furniture as F
from summarise.segment.dates import find_date

_AR_PARAGRAPHS = [
    "قال وزير النقل في مؤتمر صحفي عقده صباح اليوم إن الحكومة ستفتتح ثلاثة جسور جديدة قبل نهاية العام الجاري.",
    "وأضاف الوزير أن أعمال الصيانة على الطريق الساحلي ستبدأ الشهر المقبل وتستمر نحو ستة أسابيع.",
    "وأوضح أن كلفة المشروعات تبلغ نحو مئتي مليون دينار تمولها الموازنة العامة وقروض ميسرة.",
]


def _arabic_page(header: list[str], tail: list[str]) -> str:
    return "\n\n".join(header + _AR_PARAGRAPHS + tail) + "\n"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("شارك المقالات:", F.SHARE),
        ("Share this story:", F.SHARE),
        ("بحث هذه المدونة الإلكترونية", F.NAVIGATION),
        ("Search this blog", F.NAVIGATION),
        ("رئيس مجلس الإدارة ورئيس التحرير سامي فهمي مدير الموقع هالة فهمي", F.LOGO),
        ("Getting your Trinity Audio player ready...", F.MEDIA),
        ("Ask about this article", F.PROMO),
        ("Answer for your question of the article will be displayed here ...", F.PROMO),
        ("No comments:", F.COMMENTS),
    ],
)
def test_widget_lines_are_named_by_their_words(line, reason):
    assert F.line_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "رئيس التحرير قال في مقابلته إن الصحيفة ستصدر يوميا.",  # a sentence that starts with the role
        "Share prices rose sharply on Monday after the announcement.",
        "Search teams found the hikers on the second day.",
    ],
)
def test_sentences_that_start_like_widgets_stay(line):
    assert F.line_reason(line) is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("24, أغسطس 2019", "2019-08-24"),
        ("٢٤، أغسطس ٢٠١٩", "2019-08-24"),
        ("19:1120/06/2025, الجمعة", "2025-06-20"),
        ("12:30 20/06/2025", "2025-06-20"),
    ],
)
def test_dates_with_a_comma_after_the_day_or_a_glued_time(text, iso):
    assert find_date(text)[0] == iso


def test_latin_widget_tail_under_an_arabic_article_is_dropped():
    tail = [
        "حالة الطقس",
        "18 Mar",
        "9°C",
        "Manage push notifications",
        "We would like to show you notifications for the latest news and updates.",
        "You are subscribed to notifications",
    ]
    article = segment(from_text(_arabic_page(["افتتاح جسور جديدة على الطريق الساحلي قبل نهاية العام"], tail)))
    assert article.language == "ar"
    assert "notifications" not in article.body and "9°C" not in article.body
    assert all(p in article.body for p in _AR_PARAGRAPHS)


def test_an_english_quote_inside_an_arabic_article_stays():
    quote = "The bridges will be open to traffic before the winter rains, the minister said."
    paragraphs = _AR_PARAGRAPHS[:2] + [quote] + _AR_PARAGRAPHS[2:]
    text = "\n\n".join(["افتتاح جسور جديدة على الطريق الساحلي قبل نهاية العام"] + paragraphs) + "\n"
    assert quote in segment(from_text(text)).body


def test_masthead_is_not_taken_for_the_title():
    header = [
        "صوت المدينة",
        "رئيس مجلس الإدارة ورئيس التحرير سامي فهمي مدير الموقع هالة فهمي",
        "أخبار محلية",
        "اليوم.. افتتاح جسور جديدة على الطريق الساحلي",
    ]
    article = segment(from_text(_arabic_page(header, [])))
    assert article.title == "اليوم.. افتتاح جسور جديدة على الطريق الساحلي"


def test_tab_title_names_the_site_then_the_headline():
    text = (
        "Harbour Notes: Ferry Delays\n\nMonday, March 03, 2025\n\nFerry Delays\n\n"
        "The morning ferry to the island left two hours late because of a broken ramp, the operator said.\n\n"
        "Engineers expect to finish the repair by Wednesday, and the timetable will return to normal then.\n"
    )
    article = segment(from_text(text))
    assert article.title == "Ferry Delays"
    assert article.authors == ()
    assert article.published == "2025-03-03"


def test_posted_on_date_wins_over_a_banner_date():
    text = (
        "February 24, 2018\n\nCouncil approves new bus lanes\n\nPosted on July 6, 2017 by in TRANSPORT\n\n"
        "By Jane Roe Associated Press\n\n"
        "The city council voted on Wednesday to add bus lanes on three of the busiest roads in the centre.\n\n"
        "Work on the first lane will start in the autumn and cost about two million dollars, officials said.\n"
    )
    assert segment(from_text(text)).published == "2017-07-06"


def test_a_blog_category_and_date_line_is_the_date_not_a_standfirst():
    text = (
        "Council approves new bus lanes\n\nIn Uncategorized on July 6, 2017 at 7:07 am\n\n"
        "The city council voted on Wednesday to add bus lanes on three of the busiest roads in the centre.\n\n"
        "In Leeds on Monday the council said work on the first lane would start in the autumn.\n"
    )
    article = segment(from_text(text))
    assert article.published == "2017-07-06" and article.standfirst is None
    assert "In Leeds on Monday" in article.body  # a sentence that opens the same way stays
    timeline = (
        "Europe's deadliest attacks\n\nAttacks on European cities have killed hundreds of people in the past decade.\n\n"
        "The deadliest attacks include:\n\nIn Paris on 13 November 2015, gunmen killed 130 people\n\n"
        "In Nice on 14 July 2016, a truck killed 86 people\n"
    )
    article = segment(from_text(timeline))
    assert article.published is None and "gunmen killed 130 people" in article.body


def test_a_reading_time_glued_to_the_headline_is_cut_off_it():
    text = (
        "Meta to cut 13% of its workforce in a month1 min read . 07:08 PM IST\n"
        "Facebook parent Meta Platforms said on 9 November it will let go of more than 11,000 employees.\n"
        "The firm said it is taking the step to reduce costs after disappointing earnings and a weak ad market.\n"
    )
    article = segment(from_text(text))
    assert article.title == "Meta to cut 13% of its workforce in a month"
    assert "min read" not in article.body and "11,000 employees" in article.body
    # a sentence that ends on a reading time of its own keeps it
    sentence = "The council said its summary of the budget for residents is only a 5 min read."
    assert sentence in segment(from_text(text + sentence + "\n")).body


def test_a_paste_cut_off_mid_sentence_keeps_its_last_line():
    last = "The council said the lanes would be reviewed after a year of use and that drivers would be consulted th"
    text = (
        "Council approves new bus lanes\n\n"
        "The city council voted on Wednesday to add bus lanes on three of the busiest roads in the centre.\n\n"
        "Work on the first lane will start in the autumn and cost about two million dollars, officials said.\n\n"
        f"{last}\n"
    )
    assert last in segment(from_text(text)).body


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("الكاتب : أ.د. سامي فهمي", ["سامي فهمي"]),
        ("By Jane Roe Associated Press", ["Jane Roe"]),
        ("By Jane Roe, Reuters", ["Jane Roe"]),
    ],
)
def test_bylines_with_a_writer_label_or_an_unseparated_agency(line, names):
    from summarise.segment.metadata import parse_byline

    assert parse_byline(line)[0] == names


def test_time_of_day_with_tanween_before_the_alif_is_a_timestamp():
    from summarise.segment.dates import is_timestamp_line

    assert is_timestamp_line("11:07 صباحًا") and is_timestamp_line("4:30 ظهرًا")
    assert not is_timestamp_line("11:07 صباحًا وصل الوفد إلى المطار")


@pytest.mark.parametrize("date_line", [
    "الخميس 16 ماي 2024 الموافق لـ 8 ذو القعدة 1445",  # the Gregorian date beside the Hijri one
    "الجمعة, 15 نوفمبر - 2024",  # a dash between month and year
])
def test_a_date_line_over_the_headline_is_the_date_not_the_title(date_line):
    header = [date_line, "افتتاح جسور جديدة على الطريق الساحلي قبل نهاية العام"]
    article = segment(from_text(_arabic_page(header, [])))
    assert article.title == "افتتاح جسور جديدة على الطريق الساحلي قبل نهاية العام"
    assert article.published in ("2024-05-16", "2024-11-15")


def test_a_labelled_date_is_no_headline():
    text = (
        "General News of Saturday, 23 September 2017\n\n"
        "The morning ferry to the island left two hours late because of a broken ramp, the operator said.\n\n"
        "Engineers expect to finish the repair by Wednesday, and the timetable will return to normal then.\n"
    )
    assert segment(from_text(text)).title != "General News of Saturday, 23 September 2017"
