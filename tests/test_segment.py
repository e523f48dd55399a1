"""Segmentation of whole articles: the seed and hand-written messy pages (tests/data/segment).

Each page's expected metadata and exact paragraphs are in tests/data/segment/expected.json, written by
hand before the cleaner existed. Exact paragraphs mean every body line is kept and nothing else is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarise.cli import app
from summarise.errors import InputError
from summarise.segment import REASONS, from_text, read_path, segment
from tests.conftest import SEED

DATA = Path(__file__).parent / "data" / "segment"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed():
    return segment(read_path(SEED))


def test_seed_metadata_is_exact(seed):
    assert seed.title == "Russia to offer peace 'memorandum' to Ukraine"
    assert seed.standfirst == "Moscow suggests new talks in Istanbul next week"
    assert seed.authors == ("Tim Stickings",)
    assert seed.published == "2025-05-28"
    assert seed.language == "en" and seed.language_score > 0.9
    assert seed.body.startswith("Russia says it has drafted a peace")
    assert seed.captions == (
        "Russia has insisted that Ukraine must not be allowed to join Nato under any peace settlement. EPA",
    )


def test_seed_body_has_no_toggle_label_caption_or_byline(seed):
    reasons = {d.text: d.reason for d in seed.dropped}
    assert reasons["English"] == reasons["Arabic"] == "language toggle"
    assert reasons["News"] == reasons["MENA"] == "section label"
    assert (
        reasons["Russia has insisted that Ukraine must not be allowed to join Nato under any peace settlement. EPA"]
        == "caption"
    )
    assert [d.reason for d in seed.dropped if d.text == "Tim Stickings"] == ["byline", "duplicated byline"]
    for furniture in ("English", "Arabic", "MENA", "Tim Stickings", "EPA", "May 28, 2025", "date 2025-05-28"):
        assert furniture not in seed.body
    assert "\nNews\n" not in seed.body and not seed.body.startswith("News")
    assert len(seed.paragraphs) == 9 and seed.paragraphs[-1].text.startswith("Mr Trump said on Wednesday")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_article_metadata_and_paragraphs_are_exact(name):
    expected = EXPECTED[name]
    article = segment(read_path(DATA / name))
    assert article.title == expected["title"]
    assert article.standfirst == expected["standfirst"]
    assert list(article.authors) == expected["authors"]
    assert article.published == expected["published"]
    assert article.language == expected["language"]
    assert article.dateline == expected["dateline"]
    if "captions" in expected:
        assert list(article.captions) == expected["captions"]
    if "headings" in expected:
        assert [article.paragraphs[i].text for i in article.headings] == expected["headings"]
    if "encoding" in expected:
        assert article.encoding == expected["encoding"]
    assert [p.text for p in article.paragraphs] == expected["paragraphs"]


@pytest.mark.parametrize("name", sorted(EXPECTED) + ["../../../seeds/russia-peace-memorandum.txt"])
def test_every_input_line_is_accounted_for_and_offsets_trace_to_the_body(name):
    article = segment(read_path(DATA / name))
    for paragraph in article.paragraphs:
        assert article.body[paragraph.start : paragraph.end] == paragraph.text
    for index, sentence in enumerate(article.sentences):
        assert article.body[sentence.start : sentence.end] == sentence.text
        assert sentence.index == index
        paragraph = article.paragraphs[sentence.paragraph]
        assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
    assert "".join(s.text for s in article.sentences).replace(" ", "") == "".join(
        p.text for p in article.paragraphs
    ).replace(" ", "")
    for dropped in article.dropped:
        assert dropped.reason in REASONS
    if article.input_format != "html":  # HTML line numbers count lines of the extracted text
        lines = (DATA / name).read_bytes()
        text = read_path(DATA / name).text.split("\n")
        accounted = set(article.body_lines) | {d.line for d in article.dropped}
        assert {i for i, line in enumerate(text) if line.strip()} == accounted, lines[:0]


def _reasons(name: str) -> dict[str, str]:
    return {d.text: d.reason for d in segment(read_path(DATA / name)).dropped}


def test_english_page_furniture_is_dropped_with_its_reason():
    reasons = _reasons("en_harbour_strike.txt")
    assert reasons["Skip to main content"] == "navigation"
    assert reasons["UK | Business | Transport"] == "navigation"
    assert reasons["Jane Okafor"] == "duplicated byline"
    assert reasons["Published 14 March 2024, 09:12 GMT"] == reasons["Updated 14 March 2024, 11:40 GMT"] == "date"
    assert {reasons[k] for k in ("Share this article", "Facebook", "Twitter", "Email", "Copy link")} == {"share/follow"}
    assert reasons["Read more: Shipping rates climb as Red Sea diversions continue"] == "promo"
    assert reasons["Advertisement"] == "advert"
    assert reasons["Port strike: what you need to know"] == "related links"
    assert reasons["Sign up to our Business Today newsletter"] == "subscribe/newsletter"
    assert reasons["Accept all cookies"] == "cookie notice"
    assert reasons["© 2024 Harbour Times Ltd. All rights reserved."] == "licence footer"


def test_arabic_page_furniture_is_dropped_with_its_reason():
    reasons = _reasons("ar_water_summit.txt")
    assert reasons["English | العربية"] == "language toggle"
    assert reasons["الرئيسية › أخبار › العالم العربي"] == "navigation"
    assert reasons["بقلم: سلمى الحداد"] == "byline" and reasons["سلمى الحداد"] == "duplicated byline"
    assert reasons["الأربعاء ١٢ يونيو/حزيران ٢٠٢٤"] == "date"
    assert reasons["اقرأ أيضاً: الجفاف يهدد محاصيل القمح في سوريا والعراق"] == "promo"
    assert reasons["شاهد.. كيف تحولت بحيرة طبريا إلى بركة؟"] == "promo"
    assert reasons["مواضيع ذات صلة"] == reasons["مصر وإثيوبيا: جولة جديدة من مفاوضات سد النهضة"] == "related links"
    assert reasons["أضف تعليقك"] == reasons["إرسال"] == "comments"
    assert reasons["جميع الحقوق محفوظة © ٢٠٢٤ شبكة الأخبار العربية"] == "licence footer"


def test_markdown_structure_becomes_metadata():
    article = segment(read_path(DATA / "en_council_budget.md"))
    assert article.input_format == "markdown"
    reasons = {d.text: d.reason for d in article.dropped}
    assert reasons["Home > Local > Politics"] == "navigation"
    assert reasons["Read more: Library campaigners hand in 10,000-name petition"] == "promo"
    assert reasons["Comments (12)"] == reasons["Leave a comment"] == "comments"
    assert reasons["---"] == "separator"
    assert "](" not in article.body and "**" not in article.body and "* Eastgate" not in article.body


def test_html_uses_page_metadata_and_figure_captions():
    article = segment(read_path(DATA / "en_floods.html"))
    assert article.input_format == "html"
    assert article.captions == ("The river burst its banks near the old mill on Thursday. Photo: Valley Gazette",)
    assert (
        "cookies" not in article.body
        and "Related stories" not in article.body
        and "Share this story" not in article.body
    )


def test_magazine_banner_logo_and_repeated_headline_are_dropped():
    page = (
        "WeeklyReview-logo.svg\n"
        "From the June 2024 issue\n\n"
        "The quiet return of the night train\n\n"
        "Europe's sleeper services are busier than they have been for decades\n\n"
        "By Lena Hartmann\n\n"
        "Sleeper trains, written off a decade ago as relics, are running full again across much of Europe.\n\n"
        "Operators in Austria and Sweden say bookings rose by more than a third last year.\n\n"
        "The quiet return of the night train\n\n"
        'This article appeared in the print edition of The Weekly Review under the headline "Back on track".\n'
    )
    article = segment(from_text(page, name="magazine.txt"))
    reasons = {d.text: d.reason for d in article.dropped}
    assert reasons["WeeklyReview-logo.svg"] == "logo"
    assert reasons["From the June 2024 issue"] == "issue banner"
    assert [d.reason for d in article.dropped if d.text == "The quiet return of the night train"] == [
        "title",
        "repeated headline",
    ]
    assert (
        reasons['This article appeared in the print edition of The Weekly Review under the headline "Back on track".']
        == "issue banner"
    )
    assert article.authors == ("Lena Hartmann",)
    assert [p.text for p in article.paragraphs] == [
        "Sleeper trains, written off a decade ago as relics, are running full again across much of Europe.",
        "Operators in Austria and Sweden say bookings rose by more than a third last year.",
    ]


def test_tiny_html_that_trafilatura_declines_still_yields_its_text():
    html = "<html><body><h1>Council meets</h1><p>The council met on Monday and approved the plan for the park.</p></body></html>"
    article = segment(from_text(html, name="page.html"))
    assert article.title == "Council meets"
    assert [p.text for p in article.paragraphs] == ["The council met on Monday and approved the plan for the park."]


def test_plain_text_without_structure_is_all_body():
    article = segment(from_text("The cat sat on the mat. It was happy there."))
    assert article.body == "The cat sat on the mat. It was happy there."
    assert [s.text for s in article.sentences] == ["The cat sat on the mat.", "It was happy there."]
    assert article.title is None and article.dropped == ()


def test_a_short_note_is_kept_rather_than_lost_to_its_position():
    article = segment(from_text("Budget approved\nCouncil backs plan", name="note.txt"))
    assert [p.text for p in article.paragraphs] == ["Budget approved", "Council backs plan"]


def test_page_of_only_furniture_is_rejected_naming_the_file():
    with pytest.raises(InputError, match=r"only-chrome\.txt: no article text found"):
        segment(from_text("Share\nFacebook\nTwitter\n© 2024 Example Ltd. All rights reserved.", name="only-chrome.txt"))


def test_hard_wrapped_paragraphs_are_joined():
    text = (
        "The city council voted on Tuesday to close the old bridge to lorries\n"
        "after engineers found cracks in two of its supporting piers during a\n"
        "routine inspection last month, officials said.\n"
        "\n"
        "The bridge, which opened in 1884, carries about 12,000 vehicles a day\n"
        "and is the only crossing for nine miles in either direction, forcing\n"
        "long diversions for the hauliers who use it every day.\n"
    )
    article = segment(from_text(text))
    assert len(article.paragraphs) == 2
    assert article.paragraphs[0].text.startswith(
        "The city council voted on Tuesday to close the old bridge to lorries after engineers"
    )
    assert article.paragraphs[1].text.endswith("who use it every day.")


def test_dateline_is_split_off_the_first_paragraph():
    cases = {
        "New York (CNN) -- Stocks fell sharply on Monday as investors worried about rates.": "New York (CNN) --",
        "(CNN)The United States and its partners reached a framework agreement with Iran.": "(CNN)",
        "WASHINGTON — President Obama is pressing nuclear inspectors to release their findings.": "WASHINGTON —",
        "واشنطن، الولايات المتحدة (CNN)-- كشفت مصادر أمريكية مسؤولة أن الإدارة تدرس خيارات جديدة.": "واشنطن، الولايات المتحدة (CNN)--",
    }
    for text, dateline in cases.items():
        article = segment(from_text(text))
        assert article.dateline == dateline
        assert article.body == text[len(text) - len(article.body) :]
        assert not article.body.startswith(("(", "-", " "))


def test_a_sentence_that_merely_mentions_an_agency_keeps_its_words():
    text = "The ministry told (Reuters) that the talks would resume next week in Geneva."
    assert segment(from_text(text)).dateline is None


def test_language_can_be_forced_and_is_detected_otherwise():
    text = "قال الرئيس إن المحادثات ستستأنف الأسبوع المقبل في جنيف. وأضاف أن الوفد جاهز."
    detected = segment(from_text(text))
    assert detected.language == "ar" and detected.language_score > 0.5
    forced = segment(from_text(text), language="ar")
    assert forced.language == "ar" and forced.language_score is None


def test_caller_metadata_is_used():
    article = segment(
        from_text(
            "The plan was approved on Monday by a large majority of members.",
            metadata={"title": "Plan approved", "published": "2024-01-02"},
        )
    )
    assert article.title == "Plan approved" and article.published == "2024-01-02"


# -- the CLI ----------------------------------------------------------------------------------------------


def test_cli_json_output_for_the_seed():
    result = CliRunner().invoke(app, ["segment", str(SEED), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in ("title", "standfirst", "authors", "published", "language", "paragraphs", "sentences", "dropped"):
        assert key in data
    assert data["title"] == "Russia to offer peace 'memorandum' to Ukraine"
    assert data["authors"] == ["Tim Stickings"] and data["published"] == "2025-05-28" and data["language"] == "en"
    assert data["paragraphs"][0].startswith("Russia says it has drafted a peace")
    body = "\n\n".join(data["paragraphs"])
    assert body == data["body"]
    for sentence in data["sentences"]:
        assert set(sentence) == {"text", "start", "end", "paragraph_index"}
        assert body[sentence["start"] : sentence["end"]] == sentence["text"]
    assert {"text": "English", "reason": "language toggle", "line_index": 14} in data["dropped"]


def test_cli_text_output_and_stdin():
    text = (DATA / "ar_water_summit.txt").read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["segment", "-"], input=text)
    assert result.exit_code == 0, result.output
    assert "title:      قمة عمّان تتفق على خطة لتقاسم مياه نهر الأردن" in result.stdout
    assert "language toggle" in result.stdout and "6 paragraphs" in result.stdout


def test_cli_errors_name_the_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(app, ["segment", str(empty)])
    assert result.exit_code == 2 and f"{empty}: the file is empty" in result.output
    pdf = tmp_path / "story.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    result = CliRunner().invoke(app, ["segment", str(pdf)])
    assert result.exit_code == 2 and "story.pdf: looks like a binary file (a PDF document)" in result.output
    result = CliRunner().invoke(app, ["segment", str(SEED), "--format", "yaml"])
    assert result.exit_code == 2 and "unknown format 'yaml'" in result.output


def test_a_paragraph_broken_by_a_stray_line_break_is_joined_though_the_text_is_not_wrapped():
    # No fixed wrap column, so the wrap test said "not wrapped": the first half was dropped as a promo
    # line and "the impact ..." stood alone.
    text = ("Moyes hails Van Persie after Swansea win\n\n"
            "David Moyes praised Robin van Persie after the striker scored twice in the 4-1 win on Saturday.\n\n"
            "Danny Welbeck also scored twice in United's victory and Moyes also recognised\n"
            "the impact the England forward had on the game.\n\n"
            '"They tell me Danny only got one\n(league goal) last year so he\'s got two now," Moyes said.\n')
    paragraphs = [p.text for p in segment(from_text(text)).paragraphs]
    assert paragraphs[1] == ("Danny Welbeck also scored twice in United's victory and Moyes also recognised the impact "
                             "the England forward had on the game.")
    assert paragraphs[2] == '"They tell me Danny only got one (league goal) last year so he\'s got two now," Moyes said.'


def test_a_menu_line_ending_in_a_separator_is_not_joined_to_the_line_under_it():
    # (The test once looked at the wrong paragraph and passed whatever the rule did.)
    from summarise.segment.lines import to_lines, unwrap

    text = "Home | Local news | Sport | Weather | Travel |\nmore stories from around the harbour town are below.\n"
    assert [line.text for line in unwrap(to_lines(text)) if line.text] == [
        "Home | Local news | Sport | Weather | Travel |", "more stories from around the harbour town are below."]


@pytest.mark.parametrize("under", ["by Jane Smith, Transport Correspondent\n12 March 2025", "updated 2 hours ago"])
def test_a_headline_keeps_a_lower_case_byline_or_stamp_under_it_apart(under):
    # Review: a headline (no stop, five words or more) took the line under it as its continuation.
    text = (f"Harbour bridge to close to lorries for six weeks\n{under}\n\n"
            "The harbour bridge will close to lorries from Monday while engineers repair its deck.\n\n"
            "Cars and buses can still use the bridge, but lorries must take the ring road.\n")
    assert segment(from_text(text)).title == "Harbour bridge to close to lorries for six weeks"


def test_a_brand_in_lower_case_and_list_items_are_not_taken_for_a_sentence_carried_on():
    text = ("eBay to cut 1,000 jobs in restructuring plan\neBay said on Tuesday it would cut about 1,000 jobs.\n\n"
            "Under the order, the buyer of the company's plant must:\n"
            "■ keep all 2,000 staff at the plant for two years\n(b) pay the pension fund's deficit in full\n"
            "c) sell the northern depot to a third party\n\nThe buyer said it would respond within a week.\n")
    article = segment(from_text(text))
    assert article.title == "eBay to cut 1,000 jobs in restructuring plan"
    paragraphs = [p.text for p in article.paragraphs]
    assert "keep all 2,000 staff at the plant for two years" in paragraphs
    assert "(b) pay the pension fund's deficit in full" in paragraphs


@pytest.mark.parametrize("broken", [
    "The bridge was closed on Tuesday afternoon after it was badly damaged\nby a lorry that hit one of its supports.",
    ("Engineers found cracks in the bridge's supports, and the council said it\nwould close the bridge and\n"
    "reroute all the buses along the ring road."),
    ("Local traders said they feared the diversion would keep customers away from the\nharbour shops, which\n"
    "depend on passing trade."),
    ("The bridge, which was built in 1890 and carries 9,000 vehicles a day, will be shut\n– the council said – for at "
    "least six weeks."),
])
def test_a_sentence_broken_over_lines_is_one_paragraph(broken):
    # Second review: "by a lorry" was taken for a byline, a short middle line or a dash stopped the join.
    text = ("Harbour bridge to close to lorries\n\nThe county council voted on Tuesday to close the old harbour bridge.\n\n"
            f"{broken}\n\nDrivers of heavy vehicles will be sent along the ring road.\n")
    assert " ".join(broken.split("\n")) in [p.text for p in segment(from_text(text)).paragraphs]
