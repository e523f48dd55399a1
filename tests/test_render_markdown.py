"""The Markdown brief, checked by rendering it with a CommonMark parser (markdown-it-py, which rich
depends on) and asserting on the HTML a viewer would show."""

from __future__ import annotations

from markdown_it import MarkdownIt

from summarise.render import render
from summarise.render.markdown import md_escape
from tests.test_render_html import ARABIC, synthetic_brief
from tests.test_render_seed import Tree

# GitHub-like: CommonMark with tables, raw HTML allowed through (GitHub then sanitises it).
VIEWER = MarkdownIt("commonmark", {"html": True}).enable("table")


def viewed(markdown: str) -> Tree:
    return Tree(VIEWER.render(markdown))


def test_arabic_section_renders_right_to_left_as_a_list():
    markdown = render(synthetic_brief(), "md")
    assert '<div dir="rtl" lang="ar">\n\n1. ' in markdown  # the blank line makes the list Markdown, not raw HTML
    tree = viewed(markdown)
    (rtl,) = [d for d in tree.find("div") if d["attrs"].get("dir") == "rtl"]
    assert rtl["attrs"]["lang"] == "ar"
    items = [li for li in tree.find("li") if any(a in li["text"] for a in ARABIC)]
    assert [li["text"] for li in items] == list(ARABIC)
    assert all(li["text"] in rtl["text"] for li in items)


def test_article_text_cannot_inject_html_or_markdown():
    tree = viewed(render(synthetic_brief(), "md"))
    assert not tree.find("script") and not tree.find("img")
    assert not [e for e in tree.elements if any(name.startswith("on") for name in e["attrs"])]
    (heading,) = tree.find("h1")
    assert "<script>window.pwned=1</script>" in heading["text"]
    (standfirst,) = tree.find("em")
    assert standfirst["text"] == "Moscow *proposes* | new talks"  # its * and | stay literal


def test_claim_table_survives_line_breaks_and_pipes_in_claims():
    brief = synthetic_brief()
    from dataclasses import replace

    odd = replace(brief.claims[0], text="Sergey\nLavrov | Jr")
    brief = replace(brief, claims=(odd, *brief.claims[1:]))
    tree = viewed(render(brief, "md"))
    assert len(tree.find("table")) == 1
    rows = [r for r in tree.find("tr") if r["text"].strip()][1:]  # without the header
    assert len(rows) == 5  # the claims in the brief, plus the unsupported one
    assert "Sergey Lavrov | Jr" in rows[0]["text"]


def test_models_and_unavailable_notice():
    markdown = render(synthetic_brief(), "md")
    assert "`nllb-200-distilled-600m` @ f8d3 (CC-BY-NC-4.0, **non-commercial use only**)" in markdown
    assert "(Apache-2.0)" in markdown
    tree = viewed(render(synthetic_brief(arabic=False), "md"))
    codes = [c["text"] for c in tree.find("code")]
    assert codes.count("summarise models pull opus-mt-en-ar") >= 3  # English and Arabic notices, warnings
    (rtl,) = [d for d in tree.find("div") if d["attrs"].get("dir") == "rtl"]
    assert "الملخص العربي غير متاح" in rtl["text"]


def test_md_escape_neutralises_block_starts_and_inline_syntax():
    for text in ("# not a heading", "- not a list", "1. not a list", "> not a quote", "[link](http://x)", "`code`"):
        tree = viewed(f"para\n\n{md_escape(text)}\n")
        assert not tree.find("h1") and not tree.find("ul") and not tree.find("ol") and not tree.find("blockquote")
        assert not tree.find("a") and not tree.find("code")
        assert text in " ".join(p["text"] for p in tree.find("p"))


def test_md_escape_shows_numbers_that_open_a_line_as_written():
    # "14.5" opens no list, and a backslash before a digit is no escape: it would show in the viewer.
    for text in ("14.5 مليون دولار", "1) not a list", "2. June was hot", "2015 was a year", "-5 degrees"):
        tree = viewed(f"para\n\n{md_escape(text)}\n")
        assert not tree.find("ol") and not tree.find("ul")
        assert [p["text"] for p in tree.find("p")] == ["para", text]
    table = viewed(f"| claim |\n|---|\n| {md_escape('14.5 مليون دولار')} |\n")
    assert [c["text"] for c in table.find("td")] == ["14.5 مليون دولار"]


def test_models_say_how_each_generator_ran():
    from dataclasses import replace

    from summarise.records import ModelUse

    brief = synthetic_brief()
    ran = ModelUse("back-translator:ar-en", "opus-mt-ar-en", "Helsinki-NLP/opus-mt-ar-en", "abc1", "Apache-2.0",
                   backend="ctranslate2 int8 cpu")
    brief = replace(brief, models=(*brief.models, ran))
    assert "- back-translator:ar-en: `opus-mt-ar-en` @ abc1 (Apache-2.0, ran on ctranslate2 int8 cpu)" in render(brief, "md")
    from summarise.render.text import render_plain, render_terminal

    assert "back-translator:ar-en: opus-mt-ar-en (Apache-2.0, ran on ctranslate2 int8 cpu)" in render_plain(brief)
    assert "ctranslate2 int8 cpu" in render_terminal(brief, width=160, environ={})
    cells = [td["text"] for td in Tree(render(brief, "html")).find("td")]
    assert "opus-mt-ar-enran on ctranslate2 int8 cpu" in cells
