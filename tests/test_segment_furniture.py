"""Line rules: furniture is recognised in both languages, and sentences that merely resemble it are not."""

from __future__ import annotations

import pytest

from summarise.segment import from_text, segment
from summarise.segment.captions import caption_from_label, has_credit_suffix, is_alt_text, is_credit_only
from summarise.segment.furniture import line_reason
from summarise.segment.lines import is_headline_like, looks_like_name
from summarise.segment.metadata import parse_byline, split_dateline


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("English", "language toggle"),
        ("English | العربية", "language toggle"),
        ("EN / AR", "language toggle"),
        ("Skip to main content", "navigation"),
        ("Jump to: navigation, search", "navigation"),
        ("From Wikinews, the free news source you can write!", "navigation"),
        ("Home > World > Middle East", "navigation"),
        ("تخطى إلى المحتوى", "navigation"),
        ("Share this article", "share/follow"),
        ("Facebook Twitter WhatsApp", "share/follow"),
        ("Share: Facebook | WhatsApp | Email", "share/follow"),
        ("Follow us on Instagram @healthdesk", "share/follow"),
        ("شارك", "share/follow"),
        ("تابعونا على فيسبوك وتويتر", "share/follow"),
        ("Sign up to our Business Today newsletter", "subscribe/newsletter"),
        ("Click here to subscribe to our Health newsletter.", "subscribe/newsletter"),
        (
            "يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي على هاتفكم المحمول.",
            "subscribe/newsletter",
        ),
        (
            "We use cookies to give you the best experience. By continuing, you agree to our cookie policy.",
            "cookie notice",
        ),
        ("نستخدم ملفات تعريف الارتباط لتحسين تجربتك", "cookie notice"),
        ("Comments (12)", "comments"),
        ("Leave a comment", "comments"),
        ("أضف تعليقك", "comments"),
        ("Read more: Shipping rates climb as Red Sea diversions continue", "promo"),
        ("RELATED: WHO backs second malaria vaccine", "promo"),
        ("اقرأ أيضا: كيتي بيري أول من يحصل على 100 مليون متابع على تويتر", "promo"),
        ("اقرأ أيضاً: الجفاف يهدد محاصيل القمح", "promo"),
        ('شاهد.. ما هو "ICO".. الطرح الأولي للعملات الرقمية؟', "promo"),
        ("شاهد: ماذا يجب أن تتناول للحفاظ على شعر صحي؟", "promo"),
        (
            "You can see highlights of Sunderland v Arsenal on Match of the Day at 22:20 BST on BBC One and the BBC Sport website.",
            "promo",
        ),
        ("Find all the latest football transfers on our dedicated page.", "promo"),
        ("Advertisement", "advert"),
        ("إعلان", "advert"),
        ("Media playback is not supported on this device", "media notice"),
        ("Listen to this article", "media notice"),
        ("Wikipedia-logo-v2.svg 2012 Quebec student protests", "logo"),
        ("From the May 2025 issue", "issue banner"),
        ("This article appeared in the print edition of The Weekly under the headline", "issue banner"),
        ("العدد 1234", "issue banner"),
        ("© 2024 Harbour Times Ltd. All rights reserved.", "licence footer"),
        (
            "This text comes from Wikinews. Permission is granted to copy, distribute and/or modify this document under the terms of the Creative Commons Attribution 2.5 licence.",
            "licence footer",
        ),
        ("جميع الحقوق محفوظة © ٢٠٢٤ شبكة الأخبار العربية", "licence footer"),
        ("حقوق نشر كافة الصور محفوظة.", "licence footer"),
        ("-----------------------------", "separator"),
        ("* * *", "separator"),
        ("5 min read", "reading time"),
        ("Tags: Ukraine, Russia, peace talks", "tags"),
        ("Topic Area: Infection Control", "tags"),
        ("Read the article.", "promo"),
        ("Chris Sutton was speaking to BBC Sport's Chris Bevan.", "byline"),
        ("Navtej Johal reports.", "byline"),
        ("May 28, 2025", "date"),
        ("2 November 2014 Last updated at 17:20 GMT", "date"),
        ("COMMODITIES | Tuesday 9 April 2024", "date"),
        ("آخر تحديث: 10/6/2024 11:45 م (بتوقيت مكة المكرمة)", "date"),
        ("---------- Forwarded message ---------", "e-mail header"),
        ("From: Markets Desk <desk@example.org>", "e-mail header"),
        ("Subject: Fwd: Chile copper", "e-mail header"),
        ("(Reporting by Carlos Mendez; Editing by Ana Ruiz)", "byline"),
        ("(Additional reporting by Tom Reyes in London)", "byline"),
        ("Source: Reuters", "source credit"),
        ("The Guardian - Back to home", "navigation"),
        ("نشر في: 12 سبتمبر 2024 - 14:35 بتوقيت أبوظبي", "date"),
        ("المصدر : الجزيرة + وكالات", "source credit"),
        ("اضافة اعلان", "advert"),
        ("Your advertisement here.", "advert"),
        ("background", "advert"),
        ("موقع الأنباء اليومية -", "source credit"),
        ("Please enter your comment!", "comments"),
        ("لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *", "comments"),
        ("زر الذهاب إلى الأعلى", "navigation"),
        ("View all 364 updates ›", "navigation"),
        ("Warning: This report contains upsetting images.", "media notice"),
        ("ولمتابعة آخر الأخبار يمكنك متابعة قناتنا على تلجرام", "subscribe/newsletter"),
        ("News Daily on Apple Store", "subscribe/newsletter"),
        ("تطبيق الأنباء", "subscribe/newsletter"),
        ("Ask our AI assistant about this story", "subscribe/newsletter"),
        ("Edited translation from MENA", "source credit"),
        ("Today — 11 May 2025Main stream", "date"),
        ("Wire | London | Updated: 22-04-2020 16:13 IST | Created: 22-04-2020 14:56 IST", "date"),
    ],
)
def test_furniture_lines(line, reason):
    assert line_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell sharply on Monday.",
        "Shares in Apple rose 3% after the results.",
        "The company publishes a weekly newsletter for its investors.",
        "Facebook said it would appeal against the ruling.",
        "He posted the video on Twitter and Facebook on Tuesday evening.",
        "Copyright law in the EU is changing.",
        "The drug is licensed under strict conditions.",
        "No. 10 Downing Street declined to comment.",
        "Watch this space, the minister told reporters.",
        "Comments made by the minister were criticised.",
        "شاهد عيان قال إن الانفجار وقع قرب السوق.",
        "كتب الرئيس على تويتر أن الاتفاق قريب.",
        "وأرسلت الشركة إشعارات إلى العملاء.",
        'وتابع: "لن نسمح بذلك".',
        "By the time the ball reached him, the game was over.",
        "The vote is on 5 June 2024.",
        "Menu prices at the restaurant rose by 10% last year.",
        "From: the minister's office came a short statement.",
        "Sources said the talks had stalled.",
        "The ministry said the new rules would apply from the first of next month.",
        "وقال الوزير إن الخطة ستنفذ على ثلاث مراحل خلال العام المقبل.",
        "Elections were held on 5 May 2024 across the region, officials said.",
        "Reuters reported on 5 May 2024 that the talks had stalled -",
    ],
)
def test_sentences_that_resemble_furniture_are_not_dropped(line):
    assert line_reason(line) is None
    assert parse_byline(line) is None


def test_captions_and_credits():
    assert has_credit_suffix(
        "Russia has insisted that Ukraine must not be allowed to join Nato under any peace settlement. EPA"
    )
    assert has_credit_suffix("Cranes stand idle at the terminal on Thursday morning. Photograph: Alamy")
    assert has_credit_suffix("A health worker prepares a dose of the vaccine. (Photo by Brian Inganga/AP)")
    assert has_credit_suffix("وزراء المياه خلال الجلسة الختامية للقمة في عمّان. (رويترز)")
    assert not has_credit_suffix("The minister told Reuters that talks would resume.")
    assert (
        is_credit_only("Image: US Mission Canada.")
        and is_credit_only("Getty Images")
        and is_credit_only("مصدر الصورة،Getty Images")
    )
    assert not is_credit_only("Reuters reported the deal on Monday.")
    assert (
        caption_from_label("التعليق على الصورة،رجال الإطفاء يحاولون السيطرة على النيران")
        == "رجال الإطفاء يحاولون السيطرة على النيران"
    )
    assert (
        caption_from_label("Image caption Rescuers searched the rubble overnight")
        == "Rescuers searched the rubble overnight"
    )
    assert is_alt_text("Flag of Quebec") and not is_alt_text("Map of the world shows growth.")


def test_a_source_line_does_not_turn_the_last_paragraph_into_a_caption():
    article = segment(
        from_text(
            "The parliament approved the budget late on Monday after months of wrangling between the blocs.\n\n"
            "Iraq relies on oil for more than 90% of its revenue, which leaves its budget exposed to prices.\n\n"
            "Source: Reuters"
        )
    )
    assert len(article.paragraphs) == 2 and article.captions == ()
    assert article.dropped[-1].reason == "source credit"


def test_a_credit_line_at_the_end_does_not_make_the_story_a_standfirst():
    article = segment(
        from_text(
            "Copper output in Chile fell 6.4% in February from a year earlier, the statistics agency said.\n\n"
            "(Reporting by Carlos Mendez; Editing by Ana Ruiz)"
        )
    )
    assert article.standfirst is None and article.body.startswith("Copper output in Chile")


def test_a_short_line_above_a_credit_is_its_caption():
    article = segment(
        from_text(
            "Jean Charest in 2010\nImage: US Mission Canada.\n\n"
            "Following speculation from the media, the premier has called a provincial election for September."
        )
    )
    assert article.captions == ("Jean Charest in 2010",)
    assert article.body.startswith("Following speculation")


@pytest.mark.parametrize(
    ("line", "authors", "date"),
    [
        ("By Jane Okafor and Tom Reyes", ["Jane Okafor", "Tom Reyes"], None),
        ("By Dr. Priya Nair, Science Correspondent, and Samuel Otieno", ["Priya Nair", "Samuel Otieno"], None),
        ("By Martin Cole, Local Democracy Reporter | 3 February 2025", ["Martin Cole"], "2025-02-03"),
        ("By DEXTER FORD", ["Dexter Ford"], None),
        ("Written by Sam Webb in London", ["Sam Webb"], None),
        ("بقلم: سلمى الحداد", ["سلمى الحداد"], None),
        ("بقلم سلمى الحداد ووليد خالد", ["سلمى الحداد", "وليد خالد"], None),
        ("كتب: محمد وليد", ["محمد وليد"], None),
    ],
)
def test_bylines(line, authors, date):
    assert parse_byline(line) == (authors, date)


def test_bare_bylines_with_a_place_or_a_role():
    from summarise.segment.metadata import bare_byline

    assert bare_byline("Jonas Weber in Saas-Grund") == "Jonas Weber"
    assert bare_byline("Jane Doe, Political Editor") == "Jane Doe"
    assert bare_byline("Tim Stickings") == "Tim Stickings"
    assert bare_byline("Swiss village braces for summer melt") is None
    assert bare_byline("It Is Very Bad.") is None


def test_captions_that_say_they_are_photos():
    assert is_alt_text("صورة أرشيفية لصاروخ هندي قبل إطلاقه من مركز ساتيش داوان الفضائي")
    assert is_alt_text("File photo of the Allalin glacier above Saas-Grund taken from the cable car in May")
    # the agency first, then "file" or "photo" and a dash or colon
    assert is_alt_text("AFP file – A pedestrian walks on an unpaved road in Juba, the capital of Southern Sudan.")
    assert is_alt_text("Reuters photo: Protesters gather outside the parliament in Khartoum.")
    assert not is_alt_text("AFP reported that the file was lost in the move to the new archive.")


def test_an_outlet_and_place_line_is_not_a_standfirst():
    article = segment(
        from_text(
            "الهند تطلق أول مهمة مأهولة إلى الفضاء\n\nسكاي نيوز عربية - أبوظبي\n\n"
            "أعلنت وكالة الفضاء الهندية، الخميس، أنها ستطلق أول مهمة مأهولة إلى الفضاء في الربع الأول من العام المقبل."
        )
    )
    assert article.title == "الهند تطلق أول مهمة مأهولة إلى الفضاء" and article.standfirst is None
    assert [d.reason for d in article.dropped] == ["title", "source credit"]


def test_names_and_headlines():
    assert (
        looks_like_name("Tim Stickings") and looks_like_name("Ursula von der Leyen") and looks_like_name("سلمى الحداد")
    )
    assert (
        not looks_like_name("Moscow suggests new talks")
        and not looks_like_name("HEALTH")
        and not looks_like_name("May 28, 2025")
    )
    assert is_headline_like("واشنطن توقف أكثر من نصف تمويلها لوكالة غوث")  # starts with و but is not the conjunction
    assert not is_headline_like("وقال الوزير إن الخطة جيدة")  # the conjunction و: a sentence, not a headline
    assert not is_headline_like("of the workforce is unemployed")


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("New York (CNN) -- Stocks fell.", "New York (CNN) --"),
        (" Marseille, France (CNN)The French prosecutor said.".strip(), "Marseille, France (CNN)"),
        ("(cnn) on the surface, the mix-up seems incomprehensible.", "(cnn)"),
        ("NAIROBI (Reuters) - An experimental vaccine worked.", "NAIROBI (Reuters) -"),
        ("LIVERPOOL, England — About 1,200 workers walked out.", "LIVERPOOL, England —"),
        ("CEDAR RAPIDS, Iowa — Officially, Mitt Romney returned.", "CEDAR RAPIDS, Iowa —"),
        ("LONDON, Jan. 27— The book was defended today.", "LONDON, Jan. 27—"),
        ("هونج كونج (CNN) -- تسعى شركة صينية ناشئة إلى المنافسة.", "هونج كونج (CNN) --"),
        ("دبي، الإمارات العربية المتحدة (CNN)-خفضت مؤسسة فيتش التصنيف.", "دبي، الإمارات العربية المتحدة (CNN)-"),
        ("الدار البيضاء - توج فريق الوداد باللقب.", "الدار البيضاء -"),
        ("بغداد- أقر مجلس النواب العراقي الموازنة.", "بغداد-"),
        ("SANTIAGO, April 9 (Reuters) - Copper production in Chile fell.", "SANTIAGO, April 9 (Reuters) -"),
    ],
)
def test_datelines(text, dateline):
    split = split_dateline(text)
    assert split is not None and split[0] == dateline
    assert text.endswith(split[1]) and split[1][0] not in " -–—("


@pytest.mark.parametrize(
    "text",
    [
        "The ministry told (Reuters) that talks would resume.",
        "NATO's chief said the alliance was ready.",
        "وقال - بحسب مصادر - إن الاتفاق قريب.",
        "Stocks fell - sharply - on Monday.",
    ],
)
def test_no_dateline_in_ordinary_openings(text):
    assert split_dateline(text) is None


def test_a_recent_posts_heading_takes_the_story_links_under_it():
    text = (
        "Outbreaks listed across the country\n\n"
        "An article on a health website lists recent and ongoing outbreaks caused by bacteria and viruses.\n\n"
        "Seventeen people across 13 states became infected with the bacteria from November through December.\n\n"
        "Recent Posts\n\nHow Hospitals Are Rethinking Water Efficiency\n"
    )
    article = segment(from_text(text), language="en")
    assert "Seventeen people" in article.body and "Water Efficiency" not in article.body
    assert {d.text: d.reason for d in article.dropped}["Recent Posts"] == "related links"
    assert article.authors == ()  # the heading under the body is no signature


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Navtej Johal reports.", ("Navtej Johal",)),
        ("Austyn Gaffney and Somini Sengupta report for The New York Times.", ("Austyn Gaffney", "Somini Sengupta")),
    ],
)
def test_a_reporters_line_gives_the_authors(line, authors):
    text = ("Floods devastate countries\n\nExtreme rainfall has caused deadly floods in countries across four "
            f"continents, scientists said.\n\n{line}\n\nMore rain is expected across the region this week, "
            "forecasters said on Monday.\n")
    article = segment(from_text(text), language="en")
    assert article.authors == authors and line not in article.body


def test_a_report_named_in_a_heading_is_no_byline():
    assert line_reason("The Warren Commission report") is None
    assert line_reason("Jane Smith report for duty") is None
    assert line_reason("Goldman Sachs and Morgan Stanley report.") is None  # a sentence: two firms report
    assert line_reason("Category: Best Picture") is None  # an awards list's line, no page metadata
    assert line_reason("Read the report in full, published by the council.") is None


def test_an_image_placeholder_in_the_byline_slot_is_no_author():
    text = ("Jorge Costa rues missed chances\n\nPost Featured Image\n\nBoth coaches had very different takes on the "
            "game after FC Goa's five-goal win on Wednesday night.\n\nThe home side dominated from the first minute "
            "and never let the visitors settle.\n")
    article = segment(from_text(text), language="en")
    assert "Post Featured Image" not in article.authors
    assert not looks_like_name("Post Featured Image") and not looks_like_name("Author Avatar")
