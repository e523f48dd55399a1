"""The HTML brief's structure, escaping and Content-Security-Policy, on small hand-made records.

Assertions are made on the parsed page (html.parser), not on substrings of the markup, except where
the raw bytes are the point (no unescaped ``<script>`` anywhere).
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

from summarise.records import (
    Article,
    Brief,
    Claim,
    ModelUse,
    Paragraph,
    Sentence,
    Summary,
    SummarySentence,
    Translation,
    Unavailable,
)
from summarise.render import render
from summarise.render.common import ltr_runs, number_values, place_claims
from tests.test_render_seed import Tree

HOSTILE = '<script>window.pwned=1</script> Talks " onerror="alert(1)" <img src=x onerror=alert(2)>\x1b[2J\x00'
FIRST = "Foreign Minister Sergey Lavrov said on 2025-05-28 that 2,000 prisoners would be freed."
SECOND = "Talks open in Istanbul on Monday."
THIRD = "He spoke in Moscow."
ARABIC = (
    "قال وزير الخارجية Sergey Lavrov في 2025-05-28 إن 2000 أسير سيُفرج عنهم.",
    "تبدأ المحادثات في إسطنبول يوم الاثنين.",
)


def claim(text: str, kind: str, body: str, **fields) -> Claim:
    start = body.index(text)
    return Claim(text, kind, text.lower(), True, start=start, end=start + len(text), **fields)


def stated(text: str, *sentences: str) -> tuple[tuple[int, int, int], ...]:
    """The brief spans of a claim: where ``text`` occurs in each brief sentence."""
    return tuple((i, m.start(), m.end()) for i, s in enumerate(sentences) for m in re.finditer(re.escape(text), s))


def synthetic_brief(*, arabic: bool = True, title: str = HOSTILE) -> Brief:
    body = f"{FIRST} {SECOND} {THIRD}"
    second, third = len(FIRST) + 1, len(FIRST) + len(SECOND) + 2
    article = Article(
        body=body,
        paragraphs=(Paragraph(body, 0, len(body)),),
        sentences=(
            Sentence(FIRST, 0, len(FIRST), 0, 0),
            Sentence(SECOND, second, second + len(SECOND), 0, 1),
            Sentence(THIRD, third, len(body), 0, 2),
        ),
        language="en",
        path="wire/<b>lavrov</b>.txt",
        title=title,
        standfirst="Moscow *proposes* | new talks",
        authors=("A. Reporter",),
        published="2025-05-28",
    )
    claims = (
        claim("Sergey Lavrov", "person", body, in_en=True, in_ar=None, sentence=0, brief_spans=stated("Sergey Lavrov", FIRST)),
        claim("2,000", "number", body, in_en=True, in_ar=True, brief_spans=stated("2,000", FIRST)),  # no sentence index
        claim("2025-05-28", "date", body, in_en=True, in_ar=True, sentence=0, brief_spans=stated("2025-05-28", FIRST)),
        claim("Istanbul", "place", body, in_en=True, in_ar=None, sentence=1, brief_spans=stated("Istanbul", FIRST, SECOND)),
        Claim("3,000", "number", "3000", False, in_en=True, origin="en"),  # unsupported, and not in these sentences
        claim("Moscow", "place", body, in_en=False, in_ar=False, sentence=2),  # not in the brief
    )
    summary = Summary(
        "en", (SummarySentence(FIRST, (0,)), SummarySentence(SECOND, (1,))), "minilm-extractive", "extractive"
    )
    models = [
        ModelUse("summariser", "minilm-extractive", "sentence-transformers/all-MiniLM-L6-v2", "main", "Apache-2.0")
    ]
    translations: tuple[Translation, ...] = ()
    unavailable: tuple[Unavailable, ...] = ()
    warnings = ["unsupported number in the summary: '3,000' is not in the source"]
    if arabic:
        translations = (Translation("en", "ar", ARABIC, "nllb-200-distilled-600m"),)
        models.append(
            ModelUse("translator:en-ar", "nllb-200-distilled-600m", "facebook/nllb", "f8d3", "CC-BY-NC-4.0", False)
        )
    else:
        reason = "translation model opus-mt-en-ar (en->ar) is not present locally"
        unavailable = (Unavailable("ar", "translate", reason, "opus-mt-en-ar", "summarise models pull opus-mt-en-ar"),)
        warnings.append(f"Arabic brief unavailable: {reason}; run `summarise models pull opus-mt-en-ar`")
    return Brief(article, summary, translations, claims, tuple(models), unavailable, tuple(warnings))


class BidiText(HTMLParser):
    """Text of the Arabic panel's sentences, split into what lies inside a <bdi> and what does not."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.depth = {"panel": 0, "bdi": 0}
        self.inside: list[str] = []
        self.outside: list[str] = []
        self._stack: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        marker = "panel" if attrs.get("id") == "panel-ar" else "bdi" if tag == "bdi" else ""
        self._stack.append(marker)
        if marker:
            self.depth[marker] += 1

    def handle_endtag(self, tag):
        marker = self._stack.pop()
        if marker:
            self.depth[marker] -= 1

    def handle_data(self, data):
        if self.depth["panel"]:
            (self.inside if self.depth["bdi"] else self.outside).append(data)


def page(brief: Brief | None = None) -> str:
    return render(brief or synthetic_brief(), "html")


def test_article_text_is_shown_as_text_never_as_markup():
    html = page()
    tree = Tree(html)
    assert len(tree.find("script")) == 1 and not tree.find("img")
    assert not [e for e in tree.elements if any(name.startswith("on") for name in e["attrs"])]
    (heading,) = tree.find("h1")
    assert "<script>window.pwned=1</script>" in heading["text"] and 'onerror="alert(1)"' in heading["text"]
    assert "window.pwned" not in tree.find("script")[0]["text"]
    assert "<b>lavrov</b>" in next(e["text"] for e in tree.find("code") if "lavrov" in e["text"])
    # Control characters (a terminal escape, NUL) are dropped, not escaped into the page.
    assert "\x1b" not in html and "\x00" not in html


def test_claim_text_in_attributes_cannot_break_out():
    brief = synthetic_brief()
    hostile = Claim('Lavrov" onmouseover="alert(1)', "quote", "x", False, in_en=True)
    brief = Brief(brief.article, brief.summary, brief.translations, (*brief.claims, hostile), brief.models)
    tree = Tree(page(brief))
    assert not [e for e in tree.elements if "onmouseover" in e["attrs"]]
    titles = [e["attrs"]["title"] for e in tree.find("mark") if "title" in e["attrs"]]
    assert any("Sergey Lavrov (person), source sentence 1: " + FIRST in t for t in titles)
    assert any('Lavrov" onmouseover="alert(1)' in e["text"] for e in tree.find("button"))


def test_content_security_policy_allows_only_the_pages_own_blocks():
    html = page()
    tree = Tree(html)
    (meta,) = [m for m in tree.find("meta") if m["attrs"].get("http-equiv") == "Content-Security-Policy"]
    policy = {part.split()[0]: part.split()[1:] for part in meta["attrs"]["content"].split(";") if part.strip()}
    script = re.search(r"<script>(.*?)</script>", html, re.DOTALL).group(1)
    style = re.search(r"<style>(.*?)</style>", html, re.DOTALL).group(1)

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == [digest(script)] and policy["style-src"] == [digest(style)]
    assert policy["base-uri"] == ["'none'"] and policy["form-action"] == ["'none'"]
    assert "unsafe-inline" not in meta["attrs"]["content"] and "unsafe-eval" not in meta["attrs"]["content"]


def test_the_page_is_self_contained():
    html = page()
    tree = Tree(html)
    assert not tree.find("link") and not tree.find("iframe")
    assert not [e for e in tree.elements if {"src", "href", "srcset", "style"} & set(e["attrs"])]
    style = tree.find("style")[0]["text"]
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    assert "fetch(" not in tree.find("script")[0]["text"]


def test_language_toggle_is_a_keyboard_tablist_over_panels_with_their_direction():
    tree = Tree(page())
    (tablist,) = [e for e in tree.elements if e["attrs"].get("role") == "tablist"]
    assert tablist["attrs"]["data-default"] == "en"
    tabs = [e for e in tree.elements if e["attrs"].get("role") == "tab"]
    assert [t["tag"] for t in tabs] == ["button", "button"]
    assert [t["attrs"]["aria-selected"] for t in tabs] == ["true", "false"]
    assert [t["attrs"]["tabindex"] for t in tabs] == ["0", "-1"]  # roving tabindex
    for tab in tabs:
        (panel,) = tree.find("section", id=tab["attrs"]["aria-controls"])
        assert panel["attrs"]["role"] == "tabpanel" and panel["attrs"]["aria-labelledby"] == tab["attrs"]["id"]
        assert "hidden" not in panel["attrs"]  # without script both panels show; the script hides one
    (arabic,) = tree.find("section", id="panel-ar")
    assert (arabic["attrs"]["lang"], arabic["attrs"]["dir"]) == ("ar", "rtl")
    (english,) = tree.find("section", id="panel-en")
    assert (english["attrs"]["lang"], english["attrs"]["dir"]) == ("en", "ltr")


def test_latin_names_and_numbers_inside_arabic_are_isolated_whole():
    html = page()
    bidi = BidiText(html)
    assert not re.search(r"[A-Za-z0-9]", "".join(bidi.outside))
    inside = [t for t in bidi.inside if t.strip()]
    assert "Sergey Lavrov" in inside and "2000" in inside
    # The date is highlighted as a claim, yet stays one isolate with the whole date inside it.
    assert re.search(r"<bdi><mark [^>]*>2025-05-28</mark></bdi>", html)


def test_ltr_runs_keep_names_dates_and_amounts_whole():
    text = "قال Sergey Lavrov إن 2,000 أسير أُفرج عنهم في June 2, 2025 مقابل US$5 و50% (Nato)."
    assert [text[a:b] for a, b in ltr_runs(text)] == ["Sergey Lavrov", "2,000", "June 2, 2025", "US$5", "50%", "Nato"]
    assert number_values("٢٬٠٠٠ و 2,000 و ٣٫٥") == {"2000", "3.5"}


def test_claims_are_highlighted_in_both_languages():
    brief = synthetic_brief()
    tree = Tree(page(brief))
    rows = {r["attrs"]["data-claim"]: r for r in tree.find("tr") if "data-claim" in r["attrs"]}
    ids = {c.text: f"c{i}" for i, c in enumerate(brief.claims)}
    english_marks = {m["text"]: m["attrs"]["data-claims"] for m in tree.find("mark") if "data-claims" in m["attrs"]}
    assert english_marks["Sergey Lavrov"] == ids["Sergey Lavrov"] and english_marks["Istanbul"] == ids["Istanbul"]
    arabic = BidiText(page(brief))
    assert "2000" in arabic.inside  # "2,000" found in the Arabic as 2000
    places = place_claims(brief, list(brief.claims))
    assert places.placement(1, "ar") == "exact"  # 2,000 -> 2000
    assert places.placement(0, "ar") == "exact"  # a Latin name the translator kept
    assert places.placement(3, "ar") == "sentence"  # إسطنبول: located by the sentence alignment only
    assert places.placement(5, "en") is None
    outlined = [li for li in tree.find("li") if ids["Istanbul"] in li["attrs"].get("data-sentence-claims", "").split()]
    assert len(outlined) == 1 and "إسطنبول" in outlined[0]["text"]
    # The unsupported claim is flagged; a claim not in the brief is listed apart, in the details.
    assert "unsupported" in rows[ids["3,000"]]["attrs"]["class"]
    (details,) = tree.find("details")
    assert "Moscow" in details["text"] and ids["Moscow"] in rows


def test_each_claim_carries_its_source_sentence_for_hover_and_focus():
    brief = synthetic_brief()
    tree = Tree(page(brief))
    for i, c in enumerate(brief.claims):
        buttons = [b for b in tree.find("button") if b["attrs"].get("aria-describedby") == f"src-c{i}"]
        assert len(buttons) == 1 and buttons[0]["attrs"]["type"] == "button"
        (tip,) = [d for d in tree.find("div") if d["attrs"].get("id") == f"src-c{i}"]
        assert tip["attrs"]["role"] == "tooltip"
        if c.in_source:
            expected = next(s for s in (FIRST, SECOND, THIRD) if c.text in s)
            assert expected in tip["text"]
        else:
            assert "Not found in the article" in tip["text"]


def test_models_show_licences_and_flag_non_commercial_ones():
    tree = Tree(page())
    rows = [r for r in tree.find("tr") if "nllb-200-distilled-600m" in r["text"]]
    assert rows and "CC-BY-NC-4.0" in rows[0]["text"] and "non-commercial" in rows[0]["text"]
    (summariser,) = [r for r in tree.find("tr") if "minilm-extractive" in r["text"] and "Apache-2.0" in r["text"]]
    assert "non-commercial" not in summariser["text"]
    badges = [s for s in tree.find("span") if "non-commercial" in s["attrs"].get("class", "")]
    assert len(badges) == 1


def test_unavailable_arabic_is_explained_in_both_languages_with_the_pull_command():
    tree = Tree(page(synthetic_brief(arabic=False)))
    (panel,) = tree.find("section", id="panel-ar")
    assert "الملخص العربي غير متاح" in panel["text"] and "opus-mt-en-ar" in panel["text"]
    commands = [c for c in tree.find("code") if c["text"] == "summarise models pull opus-mt-en-ar"]
    assert len(commands) == 4  # panel and warnings, each in English and Arabic
    assert all(c["attrs"].get("dir") == "ltr" for c in commands)
    warnings = [w for w in tree.find("section") if w["attrs"].get("aria-labelledby") == "warnings-heading"]
    assert "Arabic brief unavailable" in warnings[0]["text"] and "غير متاح" in warnings[0]["text"]
    # The pipeline's own warning for the same thing is not repeated under the bilingual notice.
    assert warnings[0]["text"].count("Arabic brief unavailable") == 1
    assert "3,000" in warnings[0]["text"]


def test_an_arabic_article_gets_right_to_left_title_and_source_tips():
    body = "قال الوزير إن 2000 أسير سيُفرج عنهم."
    article = Article(
        body, (Paragraph(body, 0, len(body)),), (Sentence(body, 0, len(body), 0, 0),), "ar", title="عنوان الخبر"
    )
    found = body.index("2000")
    claims = (Claim("2000", "number", "2000", True, True, True, found, found + 4, sentence=0, brief_spans=((0, found, found + 4),)),)
    summary = Summary("ar", (SummarySentence(body, (0,)),), "lexical-extractive", "extractive")
    translation = Translation("ar", "en", ("The minister said 2,000 prisoners would be freed.",), "opus-mt-ar-en")
    tree = Tree(page(Brief(article, summary, (translation,), claims)))
    (heading,) = tree.find("h1")
    assert heading["attrs"]["dir"] == "rtl" and heading["text"] == "عنوان الخبر"
    (quote,) = tree.find("q")
    assert quote["attrs"]["dir"] == "rtl"
    english_marks = [m for m in tree.find("mark") if m["text"] == "2,000"]
    assert english_marks  # the Arabic claim, found in the English translation by its number


def test_a_claim_is_highlighted_where_the_summary_states_it_in_other_words():
    """The source says "Sergey Lavrov", the summary "Lavrov" and "2000": the marks follow the checker's
    spans, not a search for the source's wording; the same words outside those spans stay unmarked."""
    brief = synthetic_brief()
    first = "Lavrov said 2000 prisoners would be freed, not 2000 guards."
    body = brief.article.body
    claims = (
        claim("Sergey Lavrov", "person", body, in_en=True, sentence=0, brief_spans=((0, 0, 6),)),
        claim("2,000", "number", body, in_en=True, in_ar=True, sentence=0, brief_spans=((0, 12, 16),)),
    )
    summary = Summary("en", (SummarySentence(first, (0,)),), "minilm-extractive", "extractive")
    arabic = Translation("en", "ar", ("قال لافروف إن 2000 أسير سيُفرج عنهم.",), "opus-mt-en-ar")
    brief = Brief(brief.article, summary, (arabic,), claims, brief.models)
    places = place_claims(brief, list(claims))
    assert [(h.start, h.end, h.claims) for h in places.spans["en"][0]] == [(0, 6, (0,)), (12, 16, (1,))]
    assert places.placement(1, "ar") == "exact"  # the summary's wording, "2000", found in the Arabic
    assert places.placement(0, "ar") == "sentence"  # لافروف: by the sentence alignment
    marks = [m["text"] for m in Tree(page(brief)).find("mark") if "data-claims" in m["attrs"]]
    assert marks.count("2000") == 2 and "Lavrov" in marks  # 2000 once in each language, not the guards
