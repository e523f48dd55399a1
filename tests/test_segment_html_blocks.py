"""HTML recall: tables, lists and repeated lines inside the article are body; link lists and repeated
navigation lines are not.

The pages under tests/data/segment are invented for these tests and read through the path the CLI takes
(``read_path`` on the .html file, then ``segment``): trafilatura finds the article, then the line rules
and the block and repeat passes decide each line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarise.segment import from_text, read_path, segment

DATA = Path(__file__).parent / "data" / "segment"


@pytest.fixture(scope="module")
def budget():
    return segment(read_path(DATA / "en_harbour_budget.html"))


@pytest.fixture(scope="module")
def library():
    return segment(read_path(DATA / "en_library_reopens.html"))


def _dropped(article) -> dict[str, str]:
    return {d.text: d.reason for d in article.dropped}


def test_a_table_between_body_paragraphs_is_kept_whole(budget):
    assert budget.input_format == "html"
    for row in ("Item | Share", "Stone | 40%", "Labour | 35%", "Design | 25%"):
        assert row in budget.body, _dropped(budget)


def test_a_table_under_the_headline_is_the_articles_not_header_furniture(budget):
    # Rows shaped like section labels or "outlet | place" source lines: the table they form decides.
    for row in ("Project | Cost", "Sea wall | £4.1m", "Fish market roof | £2.3m"):
        assert row in budget.body, _dropped(budget)
    assert budget.title == "Harbour council agrees repair budget"


def test_a_list_in_the_body_is_kept_even_where_its_items_look_like_furniture(budget):
    # Bare dates and colour words alone would be date lines and ad-slot labels; in a list between body
    # paragraphs they are the article's.
    for item in ("14 January 2024", "Storm breaches the sea wall", "2 February 2024", "Green", "Blue", "White"):
        assert item in budget.body, _dropped(budget)


def test_a_timeline_under_a_subheading_leaves_the_first_paragraph_and_the_date_alone(budget):
    assert budget.standfirst is None
    first_prose = next(p.text for p in budget.paragraphs if "|" not in p.text)
    assert first_prose.startswith("The harbour council agreed a repair budget")
    assert budget.published is None  # the page states no date; a timeline's dates are not its date


def test_a_subheading_and_a_chorus_repeated_inside_the_body_are_kept(budget):
    headings = [budget.paragraphs[i].text for i in budget.headings]
    assert headings.count("Background") == 2, _dropped(budget)
    assert budget.body.count("Mend the wall, save the town") == 2, _dropped(budget)


def test_a_list_of_links_to_other_stories_inside_the_body_is_dropped(library):
    dropped = _dropped(library)
    for story in (
        "Council votes to keep all branch libraries open next year",
        "Mobile library service to visit six more villages",
    ):
        assert story not in library.body
        assert dropped[story] == "related links"
    assert "The head librarian said visitor numbers" in library.body  # the body goes on under it


def test_a_navigation_line_printed_at_the_top_and_under_the_article_is_dropped(library):
    assert "Series: Our town's public buildings" not in library.body
    reasons = [d.reason for d in library.dropped if d.text == "Series: Our town's public buildings"]
    assert reasons == ["section label", "duplicate line"]
    assert library.body.endswith("with late opening until eight on Thursdays for students.")


def test_a_table_of_links_under_the_article_is_dropped_whole(library):
    dropped = _dropped(library)
    for row in ("Anchor Holdings | 101.2", "Bayside Group | 55.0", "Clifftop Energy | 12.7"):
        assert row not in library.body and dropped[row] == "related links"


PULL_QUOTE = """Harbour council agrees repair budget

The harbour council agreed a repair budget of 8.3 million pounds on Tuesday night after a four-hour debate.

"Every month we wait, the sea takes a little more of the town we grew up in," the mayor said. Work starts in May.

Councillors were told that every month of delay would add about 50,000 pounds to the cost of the work.

"Every month we wait, the sea takes a little more of the town we grew up in."

Work on the sea wall is expected to take two years, officials said, and the quay will stay open throughout.

The fish market will move to a temporary hall on the car park while its roof is replaced this summer.

The fish market will move to a temporary hall on the car park while its roof is replaced this summer.

Traders said they had been promised the move would last no more than three months.
"""


def test_plain_text_drops_a_pull_quote_but_keeps_its_paragraph_and_a_sentence_said_twice():
    article = segment(from_text(PULL_QUOTE, name="budget.txt"))
    dropped = _dropped(article)
    # A pull quote printing one sentence of a paragraph again: the paragraph stays whole, the quote goes.
    assert article.body.count("the sea takes a little more of the town we grew up in") == 1
    assert 'the town we grew up in," the mayor said. Work starts in May.' in article.body
    assert dropped['"Every month we wait, the sea takes a little more of the town we grew up in."'] == "duplicate line"
    # A whole paragraph said twice is the author's (and the labelled corpus counts both copies as body).
    move = "The fish market will move to a temporary hall on the car park while its roof is replaced this summer."
    assert article.body.count(move) == 2


def test_an_html_pull_quote_goes_and_the_paragraph_it_quotes_stays(tmp_path):
    from summarise.segment import read_path

    page = DATA / "en_harbour_budget.html"
    html = page.read_text(encoding="utf-8").replace(
        "<p>Protesters outside",
        "<blockquote>The sea wall was built in 1890 and was last strengthened in 1972, according to records kept "
        "by the harbour trust and the town museum.</blockquote>\n<p>Protesters outside",
    ).replace(
        "according to records kept by the harbour trust and the town museum.</p>",
        "according to records kept by the harbour trust and the town museum. "
        "It has been patched every winter since.</p>",
        1,
    )
    path = tmp_path / "quoted.html"
    path.write_text(html, encoding="utf-8")
    article = segment(read_path(path))
    assert article.body.count("was last strengthened in 1972") == 1
    assert "the town museum. It has been patched every winter since." in article.body


def test_plain_text_still_drops_a_short_label_pasted_twice_but_keeps_a_short_sentence_said_twice():
    text = (
        "Storm closes schools\n\n"
        "More than 300 schools were closed across the region on Monday as heavy snow fell overnight, officials "
        "said, and forecasters warned that more was on the way.\n\n"
        "Gritters on the ring road\n\n"
        "Council leader Sam Green said crews had worked through the night to grit the main roads.\n\n"
        "Gritters on the ring road\n\n"
        "Parents were told to check the school websites before setting out.\n\n"
        "Parents were told to check the school websites before setting out.\n\n"
        "Buses will run a reduced service until the roads are clear, the operator said this morning.\n"
    )
    article = segment(from_text(text))
    assert article.body.count("Gritters on the ring road") == 1
    assert article.body.count("Parents were told to check the school websites before setting out.") == 2


def test_an_arabic_page_keeps_its_repeated_subheading_table_and_list_of_colour_words():
    article = segment(read_path(DATA / "ar_harbour_budget.html"))
    assert article.language == "ar"
    headings = [article.paragraphs[i].text for i in article.headings]
    assert headings.count("خلفية") == 2, _dropped(article)  # "background": a subheading here, no ad slot
    for kept in ("السور | ٤ ملايين", "أخضر", "أزرق", "أبيض"):
        assert kept in article.body, _dropped(article)
    assert "الرئيسية" not in article.body
