"""HTML recall: the article's own lists, tables and repeated sentences stay in the body; lists of links do not.

The markup says what plain text cannot: how much of a line is link text (``Line.links``). A list in the
page's own words at the end of an article is its text, a list of links there is a menu or other stories;
a sentence repeated on purpose ("Open the roads!" chanted twice) is the author's, a label pasted twice is not.
"""

from __future__ import annotations

from summarise.segment import from_text, segment
from summarise.segment.html import _collapse_line_breaks
from summarise.segment.markdown import markdown_lines

PAGE = """<html lang="en"><head><title>Storm closes schools across the region | Daily Example</title></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav></header>
<main><article><h1>Storm closes schools across the region</h1>
<p>More than 300 schools were closed across the region on Monday as heavy snow fell overnight, officials said,
and forecasters warned that more was on the way.</p>
<p>Crowds outside the council building chanted:</p>
<p>Open the roads!</p>
<p>Open the roads!</p>
<p>Council leader Sam Green said crews had worked through the night to grit main roads and would continue
until the snow stopped falling.</p>
<table><tr><th>Town</th><th>Snow (cm)</th></tr><tr><td>Barton</td><td>12</td></tr><tr><td>Barton</td><td>12</td></tr>
<tr><td>Carlton</td><td>9</td></tr></table>
<p>Residents were advised to check the following before travelling:</p>
<ol><li>Local school websites</li><li>The rail operator</li><li>Road closures</li></ol>
</article></main>
<footer><p>Copyright 2024 Daily Example</p></footer></body></html>
"""


def _dropped(article) -> dict[str, str]:
    return {d.text: d.reason for d in article.dropped}


def test_a_list_in_the_articles_own_words_at_its_end_stays_in_the_body():
    article = segment(from_text(PAGE, name="storm.html"))
    assert article.input_format == "html"
    for item in ("Local school websites", "The rail operator", "Road closures"):
        assert item in article.body, _dropped(article)


def test_a_sentence_said_twice_on_an_html_page_is_kept_both_times():
    article = segment(from_text(PAGE, name="storm.html"))
    assert article.body.count("Open the roads!") == 2


def test_a_table_row_repeated_in_the_article_is_kept():
    article = segment(from_text(PAGE, name="storm.html"))
    assert article.body.count("Barton | 12") == 2
    assert "Carlton | 9" in article.body


MARKDOWN = """# Storm closes schools across the region

More than 300 schools were closed across the region on Monday as heavy snow fell overnight, officials said,
and forecasters warned that more was on the way.

Council leader Sam Green said crews had worked through the night to grit main roads and would continue until
the snow stopped falling.

Residents were advised to check the following before travelling:

- Local school websites
- The rail operator

- [Floods hit coastal towns](https://example.com/a)
- [Gritters promised](https://example.com/b)
"""


def test_a_list_of_links_under_the_article_is_still_dropped_while_its_own_list_is_kept():
    article = segment(from_text(MARKDOWN, name="storm.md"))
    assert "The rail operator" in article.body
    dropped = _dropped(article)
    assert "Floods hit coastal towns" not in article.body and "Floods hit coastal towns" in dropped
    assert "Gritters promised" not in article.body and "Gritters promised" in dropped


def test_link_share_is_measured_on_the_visible_words():
    lines = markdown_lines("- [Floods hit towns](/a)\n- Local [school](https://x.org) websites\nplain words here")
    assert [line.text for line in lines] == ["Floods hit towns", "Local school websites", "plain words here"]
    assert lines[0].links == 1.0 and not lines[0].own_text
    assert 0.2 < lines[1].links < 0.5 and lines[1].own_text
    assert lines[2].links == 0.0 and lines[2].own_text


def test_plain_text_cannot_tell_links_so_a_label_pasted_twice_is_still_dropped():
    text = (
        "Storm closes schools\n\n"
        "More than 300 schools were closed across the region on Monday as heavy snow fell overnight, officials "
        "said, and forecasters warned that more was on the way.\n\n"
        "Snow in Barton.\n\n"
        "Council leader Sam Green said crews had worked through the night to grit main roads and would continue "
        "until the snow stopped falling.\n\n"
        "Snow in Barton.\n\n"
        "Residents were advised to check school websites and the rail operator before travelling anywhere today.\n"
    )
    article = segment(from_text(text))
    assert article.body.count("Snow in Barton.") == 1
    assert _dropped(article).get("Snow in Barton.") == "duplicate line"


CANDIDATES = """<html lang="en"><head><title>Who is standing in the Barton by-election? | Daily Example</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>Who is standing in the Barton by-election?</h1>
<ul><li>Voters go to the polls on Thursday</li><li>Five candidates are standing</li><li>The seat fell vacant in May</li></ul>
<p>Voters in Barton will choose a new member of parliament on Thursday after the sitting MP stood down in May for health reasons, triggering a contest that all parties say is close.</p>
<p>The candidates are:</p>
<ul><li>John Smith, Labour</li><li>Jane Doe, Conservative</li><li>Ali Hassan, Liberal Democrat</li></ul>
<p>Polls open at 7am and close at 10pm, and the count will take place overnight at the town hall, officials said.</p>
<table><tr><th>Party</th><th>2019 share</th></tr><tr><td>Labour</td><td>45%</td></tr><tr><td>Conservative</td><td>40%</td></tr></table>
<p>Turnout at the last election was 61%.</p>
</article></body></html>"""


def test_a_list_of_people_in_the_article_is_body_not_its_bylines():
    article = segment(from_text(CANDIDATES, name="byelection.html"))
    assert article.authors == ()
    for item in ("John Smith, Labour", "Jane Doe, Conservative", "Ali Hassan, Liberal Democrat"):
        assert item in article.body, _dropped(article)
    assert article.body_lines and "Voters in Barton will choose" in article.body


def test_summary_points_above_the_first_paragraph_stay_in_the_body():
    article = segment(from_text(CANDIDATES, name="byelection.html"))
    assert article.title == "Who is standing in the Barton by-election?"
    for item in ("Voters go to the polls on Thursday", "Five candidates are standing", "The seat fell vacant in May"):
        assert item in article.body, _dropped(article)
    assert article.standfirst is None


ARABIC = """<html lang="ar" dir="rtl"><head><title>الحكومة تعلن خطة جديدة للنقل | صحيفة المثال</title></head><body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/news">أخبار</a></li></ul></nav>
<article><h1>الحكومة تعلن خطة جديدة للنقل</h1>
<p>أعلنت الحكومة يوم الأحد عن خطة جديدة لتطوير شبكة النقل العام في العاصمة، تشمل خطوط حافلات جديدة وتوسعة محطات القطار خلال العامين المقبلين.</p>
<p>وتتضمن الخطة ما يلي:</p>
<ul><li>خطوط حافلات جديدة</li><li>توسعة محطات القطار</li><li>مسارات للدراجات</li></ul>
<p>وهتف المحتجون أمام مبنى الوزارة:</p>
<p>نريد حافلات!</p>
<p>نريد حافلات!</p>
<p>وقال وزير النقل إن تكلفة المشروع تبلغ نحو مليار دولار، وإن العمل سيبدأ مطلع العام المقبل بعد استكمال الدراسات الفنية.</p>
<table><tr><th>المرحلة</th><th>التكلفة</th></tr><tr><td>الحافلات</td><td>٣٠٠ مليون</td></tr><tr><td>القطارات</td><td>٧٠٠ مليون</td></tr></table>
<p>ومن المتوقع أن تستفيد من الخطة:</p>
<ul><li>الأحياء الشرقية</li><li>المناطق الصناعية</li></ul>
</article></body></html>"""


def test_an_arabic_page_keeps_its_lists_table_and_repeated_chant():
    article = segment(from_text(ARABIC, name="transport.html"))
    assert article.language == "ar" and article.title == "الحكومة تعلن خطة جديدة للنقل"
    assert article.body.count("نريد حافلات!") == 2
    for item in ("خطوط حافلات جديدة", "مسارات للدراجات", "الأحياء الشرقية", "المناطق الصناعية", "الحافلات | ٣٠٠ مليون"):
        assert item in article.body, _dropped(article)
    assert "الرئيسية" not in article.body


def test_a_line_break_in_the_pages_source_is_a_space_but_not_inside_pre():
    # trafilatura kept the source's line break inside a link: two half-links, a newsletter prompt no rule
    # recognised, kept as two headings.
    prompt = ('<p><strong><a href="/newsletters">KEEP UPDATED on the latest news by\n'
              "subscribing to our FREE newsletter.</a></strong></p>")
    page = PAGE.replace("</article>", prompt + "</article>")
    article = segment(from_text(page, name="page.html"))
    assert _dropped(article)["KEEP UPDATED on the latest news by subscribing to our FREE newsletter."] == "subscribe/newsletter"
    assert "subscribing" not in article.body
    assert _collapse_line_breaks("<p>a\n  b</p><PRE class=x>c\nd</PRE>\n<p>e</p>") == "<p>a b</p><PRE class=x>c\nd</PRE> <p>e</p>"


def test_blank_lines_in_the_source_still_part_paragraphs_and_long_white_space_runs_are_read_once():
    page = PAGE.replace("</article>", '<div style="white-space: pre-line">First of two notes here.\n\nSecond note, '
                        "after a blank line.</div></article>")
    paragraphs = [p.text for p in segment(from_text(page, name="page.html")).paragraphs]
    assert "First of two notes here." in paragraphs and "Second note, after a blank line." in paragraphs
    assert _collapse_line_breaks("<p>a" + " " * 50 + "b\n\n\nc</p>") == "<p>a" + " " * 50 + "b\n\nc</p>"
