"""General mechanisms from the session-5 tune half of the page corpus (issue 13): lines about the page
rather than the story (judged by their vocabulary, not their wording), teasers cut off with an ellipsis
under a headline, cut copies of another line. The texts are invented here in the shape of the pages,
not copied from them."""

from __future__ import annotations

import pytest

from summarise.segment import decode, from_text, segment
from summarise.segment.dates import find_date
from summarise.segment import furniture as F
from summarise.segment.widgets import cut_copy_of, is_page_notice, teaser_cut

_EN_PARAGRAPHS = [
    "The county council voted on Tuesday to close the old harbour bridge to lorries from next month.",
    "Engineers found cracks in two of the bridge's supports during an inspection in the spring, the council said.",
    "Drivers of heavy vehicles will be sent along the ring road, adding about fifteen minutes to the journey.",
    "Local traders said they feared the diversion would keep customers away from the harbour shops.",
]


def _page(header: list[str], middle: list[str] | None = None, tail: list[str] | None = None) -> str:
    body = _EN_PARAGRAPHS[:2] + (middle or []) + _EN_PARAGRAPHS[2:]
    return "\n\n".join(header + body + (tail or [])) + "\n"


@pytest.mark.parametrize(
    "line",
    [
        "Kindly turn on JavaScript in your browser to read this page.",
        "Please log into your account to keep reading.",
        "Already registered? Sign in.",
        "Want unlimited stories? Subscribe now.",
        "This story was originally published in The Harbour Gazette",
        "If you like our videos visit our website and click the link below",
        "See the latest forecast where you live on our app",
        "يرجى تفعيل الإشعارات في المتصفح لمتابعة آخر الأخبار على موقعنا",
        "Powered by automatic translation",
        "Loading…",
        "Scroll down to continue reading",
        "انضموا إلى قناتنا على تليجرام",
        "[ad_3]",
        "Advertisement - scroll down to continue reading",
    ],
)
def test_lines_about_the_page_are_page_notices(line):
    assert F.line_reason(line) == F.PAGE_NOTICE


@pytest.mark.parametrize(
    "line",
    [
        # News about apps and websites names them once among many words of its own.
        "The ministry said the new app had been downloaded two million times since its launch in March.",
        "Users complained that the website crashed for several hours on Monday, the company said.",
        "We will keep the bridge open for buses, the council leader told reporters.",
        '"Please log in to your account and check the link," the fraudsters wrote in the messages.',
        "وقالت الشركة إن التطبيق الجديد سيتيح للمستخدمين متابعة رحلاتهم عبر الموقع الإلكتروني.",
        "Powered by solar panels, the harbour lights now stay on all night.",
        "Join the march, the union told its members on Friday.",
        "If you want to delete your account, click the settings icon on the app's home page, the company said.",
    ],
)
def test_story_sentences_about_apps_and_sites_are_not_page_notices(line):
    assert not is_page_notice(line)


def test_paywall_notices_under_the_article_are_dropped():
    tail = [
        "Please enable JavaScript in your browser settings.",
        "Already a subscriber? Log in.",
    ]
    article = segment(from_text(_page(["Harbour bridge to close to lorries"], tail=tail)))
    assert article.paragraphs[-1].text == _EN_PARAGRAPHS[-1]
    assert {d.text for d in article.dropped if d.reason == F.PAGE_NOTICE} == set(tail)


def test_teasers_under_other_headlines_are_dropped_and_a_trailing_paragraph_stays():
    tail = [
        "Latest stories",
        "Council approves new cycle lanes along the seafront promenade",
        "Cyclists will get two new lanes along the promenade after councillors backed the...",
        "Fishing fleet returns early as storm warnings spread along the coast",
        "Skippers brought their boats in a day early on Friday as forecasters warned...",
    ]
    trailing = "Asked what would happen next, the council leader shrugged and said the engineers would decide..."
    article = segment(from_text(_page(["Harbour bridge to close to lorries"], middle=[trailing], tail=tail)))
    body = article.body
    assert trailing in body  # a paragraph that trails off, under a paragraph, is the author's
    assert "Cyclists will get" not in body and "Skippers brought" not in body
    assert {d.reason for d in article.dropped if d.text.startswith(("Cyclists", "Skippers"))} == {F.TEASER}


def test_a_teaser_under_the_headline_is_not_the_first_paragraph():
    header = [
        "Harbour bridge to close to lorries after cracks found",
        "Engineers found cracks in two supports and the council acted at once. …",
    ]
    article = segment(from_text(_page(header)))
    assert article.title == header[0]
    assert article.paragraphs[0].text == _EN_PARAGRAPHS[0]


def test_a_breadcrumb_ending_on_a_cut_copy_of_the_headline_is_furniture():
    headline = "Harbour bridge to close to lorries after engineers find cracks in supports"
    crumb = "HomeLocalHarbour bridge to close to lorries after engineers find cracks..."
    assert cut_copy_of(crumb, [crumb, headline])
    assert not cut_copy_of("The engineers said more work was needed...", [headline])
    article = segment(from_text(_page([crumb, headline])))
    assert article.title == headline
    assert crumb not in article.body


def test_a_site_blurb_above_a_headline_and_its_teaser_is_header():
    header = [
        "Want More Harbour News?",
        "Posts and stories that bring you the latest on ships, ports and the people who work there.",
        "Harbour bridge shut to lorries - traders say they were never asked!",
        "The council has now closed a second bridge this year...",
    ]
    article = segment(from_text(_page(header)))
    assert article.title == header[2]
    assert article.paragraphs[0].text == _EN_PARAGRAPHS[0]
    assert header[1] not in article.body


@pytest.mark.parametrize("line", ["Image:", "Photo", "صورة:"])
def test_a_bare_media_label_is_furniture(line):
    assert F.line_reason(line) == F.MEDIA


def test_more_on_this_story_heads_links_and_more_on_a_topic_is_a_subheading():
    # "More on this story" names the page's own links; "More on the clean-up" heads the article's next part.
    article = segment(from_text(_page(["Harbour bridge to close to lorries"], tail=["More on this story"])))
    assert "More on this story" not in article.body
    article = segment(from_text(_page(["Harbour bridge to close to lorries"], middle=["More on the clean-up"])))
    assert "More on the clean-up" in article.body
    assert all(p in article.body for p in _EN_PARAGRAPHS)


def test_the_line_above_a_credit_is_text_when_a_labelled_caption_follows_the_credit():
    middle = [
        "Meanwhile, harbour staff moved the fishing boats to the inner basin as a precaution on Monday.",
        "Image copyright Harbour Photos",
        "Image caption Boats tied up in the inner basin",
    ]
    article = segment(from_text(_page(["Harbour bridge to close to lorries"], middle=middle)))
    assert middle[0] in article.body
    assert "Boats tied up in the inner basin" in article.captions


def test_an_item_announced_by_a_colon_at_the_end_of_the_paste_stays():
    tail = ["The council listed the risks it had weighed:", "- cracks in the steel pi"]
    article = segment(from_text(_page(["Harbour bridge to close to lorries"], tail=tail)))
    assert article.body_lines[-1] == article.body_lines[-2] + 2  # both lines, the cut one included
    assert "cracks in the steel pi" in article.body


def test_a_subheading_on_the_headlines_own_subject_is_not_a_story_link():
    headline = "نظرة سريعة على مشروع توسعة الميناء الجديد في المدينة"
    subheading = "نظرة سريعة على مشروع الميناء الجديد"
    paragraphs = [
        "قالت هيئة الموانئ إن أعمال التوسعة ستبدأ مطلع العام المقبل وتستمر ثلاث سنوات.",
        "وأضافت الهيئة أن المشروع سيضاعف عدد الأرصفة ويوفر مئات الوظائف لأبناء المدينة.",
        "وأوضحت أن الكلفة الإجمالية تبلغ نحو مليار دولار تمولها الحكومة والقطاع الخاص.",
    ]
    text = "\n\n".join([headline, paragraphs[0], paragraphs[1], subheading, paragraphs[2]]) + "\n"
    article = segment(from_text(text))
    assert article.title == headline
    assert subheading in article.body


def test_a_plain_text_bulleted_list_stays_whole():
    middle = [
        "*Early counts say the northern and western wards are too close to call",
        "*The harbour ward is projected to back the bridge closure.",
        "*The old town ward is projected to oppose it.",
    ]
    article = segment(from_text(_page(["Harbour bridge to close to lorries"], middle=middle)))
    assert all(item in article.body for item in middle)


def test_readers_comments_between_the_thread_header_and_its_form_are_dropped():
    tail = ["2 comments:", "Great piece, thanks!", "Glad someone finally wrote about the bridge.", "Post a Comment"]
    article = segment(from_text(_page(["Harbour bridge to close to lorries"], tail=tail)))
    assert article.paragraphs[-1].text == _EN_PARAGRAPHS[-1]
    assert {d.reason for d in article.dropped if d.text in tail} == {F.COMMENTS}


def test_a_plural_ai_summaries_subject_is_not_the_summarise_button():
    assert F.line_reason("ملخصات الأخبار بالذكاء الاصطناعي") is None
    assert F.line_reason("لخّص المقال بالذكاء الاصطناعي") is not None


@pytest.mark.parametrize(
    ("line", "reason"),
    [("Follow us on Google News", F.SHARE), ("تابعونا على جوجل نيوز", F.SHARE), ("كلمات دلالية: الميناء، الجسر", F.TAGS)],
)
def test_news_app_follows_and_keyword_lists(line, reason):
    assert F.line_reason(line) == reason


def test_a_newsletter_prompts_tagline_goes_with_it_and_a_subheading_after_it_stays():
    middle = ["Sign up to our weekly newsletter", "The harbour newsletter that keeps you posted"]
    article = segment(from_text(_page(["Harbour bridge to close to lorries"], middle=middle)))
    assert middle[1] not in article.body
    assert all(p in article.body for p in _EN_PARAGRAPHS)
    middle = ["Sign up to our weekly newsletter", "Access to the harbour site"]
    article = segment(from_text(_page(["Harbour bridge to close to lorries"], middle=middle)))
    assert "Access to the harbour site" in article.body


def test_a_bulleted_list_of_story_links_under_the_article_still_goes():
    tail = [
        "- Council approves new cycle lanes along the seafront promenade",
        "- Fishing fleet returns early as storm warnings spread along the coast",
    ]
    article = segment(from_text(_page(["Harbour bridge to close to lorries"], tail=tail)))
    assert article.paragraphs[-1].text == _EN_PARAGRAPHS[-1]


def test_a_bulleted_list_announced_by_a_colon_ends_the_article():
    tail = ["The council listed the options it had weighed:", "- Repair the old supports in place", "- Build a new bridge upstream"]
    article = segment(from_text(_page(["Harbour bridge to close to lorries"], tail=tail)))
    assert all(line in article.body for line in tail)


def test_an_arabic_sentence_ending_in_two_dots_is_no_teaser():
    assert not teaser_cut("وقال الوزير إن هذا القرار يوضح حجم التحديات التي تواجه الحكومة..")
    assert teaser_cut("وقال الوزير إن هذا القرار يوضح حجم التحديات التي تواجه...")


def test_a_kind_labelled_headline_above_the_body_is_the_title_and_inside_it_a_link():
    headline = "Live: Harbour bridge closes as the storm batters the coast"
    link = "Analysis: Why the old harbour bridges keep cracking"
    article = segment(from_text(_page(["News", headline], middle=[link])))
    assert article.title == headline
    assert link not in article.body


def test_a_live_blogs_first_entry_keeps_its_heading():
    header = ["Live: Harbour bridge closes as the storm batters the coast", "Last updated 25th Nov 2024", "10:32", "Council confirms closure"]
    article = segment(from_text(_page(header)))
    assert article.paragraphs[0].text == "Council confirms closure"
    assert article.published == "2024-11-25"
    assert "10:32" not in article.body


# Review of the session-5 rules: real article text they dropped. Each line below is body and must stay.
_AR_PARAGRAPHS = [
    "هطلت أمطار غزيرة على مناطق الشمال يوم الثلاثاء، ما أدى إلى غرق عشرات المنازل وإغلاق عدد من الطرق الرئيسية.",
    "وقالت فرق الدفاع المدني إنها أنقذت أكثر من أربعين شخصا من السيارات والمنازل خلال الليل.",
    "وأصدرت السلطات تحذيرات من فيضانات جديدة، ومن المتوقع أن تستمر الأمطار حتى نهاية الأسبوع.",
    "وطلبت البلدية من السكان في الأحياء المنخفضة نقل ممتلكاتهم إلى الطوابق العليا والاستعداد للإخلاء.",
]
_AR_HEADER = ["فيضانات تضرب مدن الشمال بعد أمطار غزيرة", "بقلم سارة منصور", "١٢ مارس ٢٠٢٥"]


def _ar_page(middle: list[str]) -> str:
    return "\n\n".join(_AR_HEADER + _AR_PARAGRAPHS[:2] + middle + _AR_PARAGRAPHS[2:]) + "\n"


def _kept(page: str, lines: list[str]) -> None:
    article = segment(from_text(page))
    dropped = {d.text: d.reason for d in article.dropped}
    assert [line for line in lines if line not in article.body] == [], dropped


@pytest.mark.parametrize(
    "line",
    [
        # Everyday words about apps, links and sites, with "if", "check", "we" or "our": no page notice.
        "Please stay at home and check the latest advice.",
        "If you must travel, check the latest forecast first.",
        "If you bank online, check the link before you click.",
        "Please don't download the app, police urged residents.",
        "We need a digital public sphere, not another app store.",
        "Our website and app were down all day.",
        # Syndication needs "this" and "first"/"originally".
        "The report was published on Tuesday.",
        "The report was first published in 2019 by the UN.",
        "The story ran on the front page of every national paper.",
        # Joining a group is the site's only when the group is its own or on a chat platform.
        "Join a local flood action group, the council advises.",
    ],
)
def test_english_news_about_apps_links_and_reports_stays(line):
    _kept(_page(["Harbour bridge to close to lorries"], middle=[line]), [line])


@pytest.mark.parametrize(
    "line",
    [
        "إذا تم تطبيق القرار فسيمنع الدخول إلى الموقع.",
        "يرجى عدم الدخول إلى الموقع.",
        "انضم الأردن إلى مجموعة الدول الداعمة للقرار.",
    ],
)
def test_arabic_news_with_everyday_page_words_stays(line):
    _kept(_ar_page([line]), [line])


def test_a_subheading_powered_by_something_else_than_a_platform_stays():
    line = "Powered by hydrogen fuel cells"
    _kept(_page(["Harbour bridge to close to lorries"], middle=[line]), [line])
    assert is_page_notice("Powered by WordPress")


def test_a_page_notice_drags_no_tagline_along():
    lines = ["Please stay at home and check the latest advice.", "Latest flood warnings by region"]
    _kept(_page(["Harbour bridge to close to lorries"], middle=lines), lines)


def test_the_articles_own_list_of_advice_stays_between_its_paragraphs():
    items = [
        "If you get a text, do not click the link.",
        "Only use the official app to check your account.",
        "Please keep your browser up to date.",
    ]
    html = (
        "<html><body><article><h1>Banks warn of new phishing wave</h1>"
        + "".join(f"<p>{p}</p>" for p in _EN_PARAGRAPHS[:2])
        + "<p>Its advice to customers is simple:</p><ul>"
        + "".join(f"<li>{item}</li>" for item in items)
        + "</ul>"
        + "".join(f"<p>{p}</p>" for p in _EN_PARAGRAPHS[2:])
        + "</article></body></html>"
    )
    article = segment(decode(html.encode(), name="advice.html"))
    assert [item for item in items if item not in article.body] == []


def test_a_paragraph_trailing_off_under_a_subheading_stays():
    lines = [
        "What happens when the water finally goes down",
        "Nobody here knows yet, and the shopkeepers on the high street are bracing for the worst...",
    ]
    _kept(_page(["Harbour bridge to close to lorries"], middle=lines), lines)


def test_an_arabic_paragraph_trailing_off_under_an_unpunctuated_one_stays():
    line = "ويقول الأهالي إنهم لا يعرفون متى ستعود الحياة إلى طبيعتها..."
    _kept(_ar_page(["فرق الإنقاذ تواصل البحث عن المفقودين في القرى المجاورة للنهر", line]), [line])


def test_a_paragraph_ending_on_words_another_line_ends_on_is_no_cut_copy():
    quote = 'The mayor told a packed meeting: "We will rebuild this town, whatever it takes."'
    echo = "By the end of the night the chant had spread through the hall: we will rebuild this town, whatever it takes..."
    _kept(_page(["Harbour bridge to close to lorries"], middle=[quote, echo]), [quote, echo])
    title_echo = "For the people of the harbour, it was the same old story: the bridge to close to lorries..."
    _kept(_page(["Harbour bridge to close to lorries"], middle=[title_echo]), [title_echo])
    # A copy that stops before the other line ends is still one.
    assert cut_copy_of("Home › News › Harbour bridge to close to...", ["Harbour bridge to close to lorries"])


def test_a_sentence_with_a_date_inside_is_no_dated_byline():
    line = "كتبها الشاعر محمود درويش في ١٢ مارس ١٩٨٨ خلال إقامته في باريس."
    page = _ar_page([line])
    _kept(page, [line])
    assert segment(from_text(page)).authors == ("سارة منصور",)


@pytest.mark.parametrize("text", ["Section 4, May 2021 edition", "Flight 12, March 2025 timetable"])
def test_a_number_then_a_comma_before_a_month_is_no_day(text):
    assert find_date(text) is None
    assert find_date("15th, August 2023")[0] == "2023-08-15"


def test_arabic_diacritics_do_not_split_or_hide_page_words():
    plain = "يرجى تفعيل الإشعارات في المتصفح لمتابعة آخر الأخبار على موقعنا"
    marked = "يُرجى تفعيل الإشعارات في المتصفّح لمتابعة آخر الأخبار على موقعِنا"
    assert is_page_notice(plain) and is_page_notice(marked)


@pytest.mark.parametrize("byline", ["By Jane Okafor, 12 March 2025", "By Jane Okafor - 12 March 2025"])
def test_a_byline_ending_in_its_date_gives_both_author_and_date(byline):
    article = segment(from_text(_page(["Harbour bridge to close to lorries", byline])))
    assert article.authors == ("Jane Okafor",)
    assert article.published == "2025-03-12"
    assert byline not in article.body


@pytest.mark.parametrize("mark", ["•", "▪", "-"])
def test_an_announced_list_of_headline_shaped_items_ends_the_article_whole(mark):
    # "•" is stripped from a line's text, so a list of such items was never seen as a list: headline-shaped
    # items were dropped as related links or promos, or kept as subheadings.
    tail = ["Foreign Minister Ayman Safadi told reporters on Monday:",
            f"{mark} There is no sign that things are heading towards calm",
            f"{mark} Our priority is to stop the war immediately because it will bring neither security nor peace",
            f"{mark} Denying innocent people food and water is a war crime"]
    article = segment(from_text(_page(["Harbour bridge to close to lorries"], tail=tail)))
    items = [line.lstrip("•▪- ") for line in tail[1:]]
    assert [p.text.lstrip("- ") for p in article.paragraphs[-3:]] == items
    assert not set(article.headings) & set(range(len(article.paragraphs) - 3, len(article.paragraphs)))


def test_an_announced_arabic_list_ending_the_article_stays():
    text = ("الصفدي: لا يبدو أن الأمور ذاهبة باتجاه التهدئة\n\n"
            "أخبار البلد - قال وزير الخارجية أيمن الصفدي في مؤتمر صحفي عقده اليوم في عمان:\n\n"
            "  • لا يبدو أن الأمور ذاهبة باتجاه التهدئة\n"
            "  • أولوياتنا هي وقف الحرب فورا لأنها لن تحقق الأمن أو السلام\n"
            "  • حرمان الأبرياء من الغذاء والماء وحرمان المرضى من الدواء جريمة حرب\n")
    assert "حرمان الأبرياء من الغذاء والماء وحرمان المرضى من الدواء جريمة حرب" in segment(from_text(text)).body


def test_a_bulleted_list_of_story_links_under_the_article_goes_with_round_bullets_too():
    tail = ["• Council approves new cycle lanes along the seafront promenade",
            "• Fishing fleet returns early as storm warnings spread along the coast"]
    article = segment(from_text(_page(["Harbour bridge to close to lorries"], tail=tail)))
    assert article.paragraphs[-1].text == _EN_PARAGRAPHS[-1]


@pytest.mark.parametrize(("line", "reason"), [(".", F.SEPARATOR), ("- BLOOMBERG", F.SOURCE_CREDIT),
                                            ("(Reuters)", F.SOURCE_CREDIT), ("— أ ف ب", F.SOURCE_CREDIT)])
def test_a_stray_stop_and_an_agency_sign_off_are_furniture_by_their_own_words(line, reason):
    # Above a repeated headline, neither was at the page's very end, where any short line goes: both stayed.
    article = segment(from_text(_page(["Harbour bridge to close to lorries"],
                                      tail=[line, "Harbour bridge to close to lorries"])))
    assert article.paragraphs[-1].text == _EN_PARAGRAPHS[-1]
    assert {d.text: d.reason for d in article.dropped}[line] == reason


def test_an_agency_named_inside_a_sentence_stays():
    line = "Bloomberg reported the sale first."
    assert line in segment(from_text(_page(["Harbour bridge to close to lorries"], tail=[line]))).body


def test_story_openings_cut_short_in_a_row_under_the_article_go_and_one_alone_stays():
    teasers = ["Al Ahly prepare to face Tala'ea El Gaish next Monday in the second round of the…",
               "England manager Thomas Tuchel announced that Chelsea's top scorer Cole Palmer will miss both…"]
    article = segment(from_text(_page(["Harbour bridge to close to lorries"], tail=["\n".join(teasers)])))
    assert article.paragraphs[-1].text == _EN_PARAGRAPHS[-1]
    assert {d.reason for d in article.dropped if d.text in teasers} == {F.TEASER}
    trailing = "The traders said they would wait and see what the spring brings…"
    assert trailing in segment(from_text(_page(["Harbour bridge to close to lorries"], tail=[trailing]))).body


def test_a_bulleted_list_of_highlights_under_the_headline_is_the_standfirst_whole():
    # The first bullet was taken for the standfirst and the others dropped as page header.
    highlights = ["• Three senior ministers meet the President to express concern over the summons",
                  "• Senior civil society activist attacks Government for delaying probes"]
    article = segment(from_text(_page(["Harbour bridge to close to lorries", *highlights])))
    assert article.title == "Harbour bridge to close to lorries"
    assert article.standfirst == " • ".join(h.lstrip("• ") for h in highlights)
    assert article.paragraphs[0].text == _EN_PARAGRAPHS[0]


def test_a_menu_of_bulleted_words_under_the_headline_is_still_header():
    menu = ["• News", "• Sport"]
    article = segment(from_text(_page(["Harbour bridge to close to lorries", *menu])))
    assert article.paragraphs[0].text == _EN_PARAGRAPHS[0]
    assert article.standfirst is None  # a word or two a line: no highlights


def test_a_flattened_table_repeating_a_value_keeps_both_rows_and_a_caption_pasted_twice_still_goes():
    # Plain text: the second "6950 pounds to sell" went as a duplicate line, leaving "21 carat" with nothing under it.
    rows = ["The 21-carat grade, the most traded, stood at:", "6950 pounds to sell", "6900 pounds to buy",
            "Prices by grade", "24 carat", "7943 pounds to sell", "21 carat", "6950 pounds to sell", "6900 pounds to buy"]
    article = segment(from_text(_page(["Gold prices jump in Cairo"], middle=rows)))
    assert article.body.count("6950 pounds to sell") == 2
    caption = "Traders at a gold shop in Cairo"
    article = segment(from_text(_page(["Gold prices jump in Cairo"], middle=[caption, caption])))
    assert article.body.count(caption) <= 1


def test_a_cut_short_opening_under_a_read_also_label_goes_with_it():
    teaser = "يستعد الأهلي لمواجهة نظيره طلائع الجيش الاثنين المقبل في الجولة الثانية من مسابقة الدوري…"
    article = segment(from_text(_ar_page(["إقرأ أيضاً:", teaser])))
    assert teaser not in article.body
    assert all(p in article.body for p in _AR_PARAGRAPHS)


def test_rows_a_sentence_announces_with_a_colon_stay_without_bullets_and_are_no_subheadings():
    # The rows, each headline-shaped, went as a block of related links.
    rows = ["جهة الدار البيضاء سطات 167 حالة", "جهة مراكش أسفي 104 حالات", "جهة الرباط سلا القنيطرة 98 حالة"]
    text = ("كورونا في المغرب\n\nسجلت وزارة الصحة 500 إصابة جديدة بفيروس كورونا خلال الأربع والعشرين ساعة الماضية.\n\n"
            "أعلنت الوزارة عن توزيع الإصابات حسب الجهات التالية:\n" + "\n".join(rows) + "\nويذكر أنه تم شفاء 15 حالة.\n")
    article = segment(from_text(text))
    assert all(row in article.body for row in rows)
    assert not article.headings
    label = _page(["Harbour bridge to close to lorries"],
                  middle=["Recommended:", "Council approves new cycle lanes along the seafront promenade",
                          "Fishing fleet returns early as storm warnings spread along the coast"])
    assert "Council approves new cycle lanes" not in segment(from_text(label)).body


@pytest.mark.parametrize(("last", "kept", "mark"), [
    ("Williams testified in exchange for immunity. Endit", "Williams testified in exchange for immunity.", "Endit"),
    ("ودعا الوزير إلى وقف التصعيد في المنطقة. (النهاية)", "ودعا الوزير إلى وقف التصعيد في المنطقة.", "(النهاية)"),
])
def test_the_wires_end_of_copy_mark_comes_off_the_last_sentence(last, kept, mark):
    if mark == "Endit":
        page = _page(["Harbour bridge to close to lorries"], tail=[last])
    else:
        page = "\n\n".join(_AR_HEADER + _AR_PARAGRAPHS + [last]) + "\n"
    article = segment(from_text(page))
    assert article.paragraphs[-1].text == kept
    assert (mark, F.PAGE_FOOTER) in {(d.text, d.reason) for d in article.dropped}


def test_a_last_sentence_about_an_end_keeps_its_words():
    last = 'The coach said: "This is the end."'
    assert segment(from_text(_page(["Harbour bridge to close to lorries"], tail=[last]))).paragraphs[-1].text == last


def test_a_logos_name_printed_twice_over_is_never_the_headline():
    logo = "أخبار الإمارات اليومأخبار الإمارات اليوم"
    headline = "«دبي المالي» ينجز المراجعة الدورية لمؤشريه العام والإسلامي"
    text = "\n".join([logo, "الرئيسية", "رياضة", logo, "مال واعمال", "", headline, "",
                      "أعلن سوق دبي المالي اليوم نتائج المراجعة الدورية لمؤشريه العام والإسلامي للربع الحالي.", "",
                      "وقال السوق في بيان إن التغييرات تسري اعتبارا من بداية الشهر المقبل على جميع الشركات المدرجة."])
    assert segment(from_text(text)).title == headline


def test_arabic_paragraphs_trailing_off_stay_and_end_no_read_also_list():
    # Review of this session's change: "..." ends many an Arabic paragraph; two such last paragraphs went
    # as teasers, and one under a "read also" link as a related link.
    trailing = ["ويطالب النازحون المنظمات الدولية بتقديم المساعدات العاجلة قبل أن تزداد الأوضاع سوءا...",
                "ويبقى السؤال: إلى متى سيستمر هذا الصمت الدولي تجاه معاناة هؤلاء الناس..."]
    article = segment(from_text("\n\n".join(_AR_HEADER + _AR_PARAGRAPHS + trailing) + "\n"))
    assert all(line in article.body for line in trailing)
    carried_on = "وقال أحد النازحين إن الخيام لا تقي من البرد ولا من الأمطار، وإن الأطفال يمرضون باستمرار..."
    article = segment(from_text(_ar_page(["اقرأ أيضا:", "الأمم المتحدة تحذر من كارثة إنسانية في المخيمات", carried_on])))
    assert carried_on in article.body
    assert "الأمم المتحدة تحذر من كارثة إنسانية في المخيمات" not in article.body


@pytest.mark.parametrize("line", [
    '"We urge customers to sign up for our text alerts so they know when power will be back," a spokesman said.',
    "Residents were asked to sign up for our county's free flood alerts, the council said on Monday.",
])
def test_news_about_signing_up_for_alerts_is_no_newsletter_prompt(line):
    assert F.line_reason(line) is None
    assert F.line_reason("KEEP UPDATED on the latest news by subscribing to our FREE newsletter.") == F.SUBSCRIBE


@pytest.mark.parametrize("label", ["Popular now:", "Editor's picks:", "مواضيع قد تهمك:"])
def test_round_bullet_links_under_a_label_that_is_no_sentence_still_go(label):
    # Review: the "announced" test took any line ending in a colon, labels of link lists too.
    tail = [label, "• Council approves new cycle lanes along the seafront promenade",
            "• Fishing fleet returns early as storm warnings spread along the coast"]
    article = segment(from_text(_page(["Harbour bridge to close to lorries"], tail=tail)))
    assert article.paragraphs[-1].text == _EN_PARAGRAPHS[-1]


def test_an_announced_bullet_item_wrapped_over_two_lines_is_one_item():
    text = ("Harbour bridge to close to lorries\n\n" + "\n\n".join(_EN_PARAGRAPHS[:2]) +
            "\n\nForeign Minister Ayman Safadi told reporters on Monday:\n"
            "• There is no sign that things are heading towards calm\n"
            "• Our priority is to stop the war immediately because\nit will bring neither security nor peace\n"
            "• Denying innocent people food and water is a war crime\n")
    paragraphs = [p.text for p in segment(from_text(text)).paragraphs]
    assert paragraphs[-2:] == ["Our priority is to stop the war immediately because it will bring neither security nor peace",
                               "Denying innocent people food and water is a war crime"]


@pytest.mark.parametrize("line", ["وقال المتحدث إن الحكومة ستدرس المطالب، وذلك في تصريح خاص لـ(الجزيرة).",
                                  "وأعلنت الحكومة في وقت لاحق أنها ستدرس مطالب المحتجين خلال الأسبوع المقبل (الفرنسية)"])
def test_an_arabic_sentence_crediting_a_network_in_brackets_is_no_caption(line):
    article = segment(from_text("\n\n".join(_AR_HEADER + _AR_PARAGRAPHS[:2] + [line] + _AR_PARAGRAPHS[2:]) + "\n"))
    assert line in article.body


def test_highlights_opening_the_page_give_the_title_and_a_standfirst_without_it():
    highlights = ["• Three senior ministers meet the President to express concern over the summons",
                  "• Senior civil society activist attacks Government for delaying probes"]
    article = segment(from_text(_page(highlights)))
    assert article.title == highlights[0].lstrip("• ")
    assert article.standfirst == highlights[1].lstrip("• ")


def test_a_prompt_to_follow_the_sites_channel_is_furniture():
    assert F.line_reason("Stay informed: subscribe to our WhatsApp channel for the latest news") == F.SUBSCRIBE
    assert F.line_reason("Want to stay ahead of the news that matters in your community every day? "
                         "Sign up for our newsletter today.") == F.SUBSCRIBE
