"""The HTML brief in a real browser: headless Chromium (Debian's ``chromium`` package) driven by
Playwright for Python. Opens the seed article's brief, switches language with the keyboard, checks the
right-to-left layout, the remembered fragment, the claim source sentences, and that script injected
through the article stays inert. Screenshots go to ``test-artifacts/`` (git-ignored) for a human look.

The Arabic half of the seed brief is the hand-written fixture of tests/test_render_seed.py (no
translation model can be downloaded here), not model output.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from summarise.records import Brief, Claim, Sentence, SummarySentence, Translation
from summarise.render import render
from tests.test_render_seed import seed_pair  # noqa: F401  (a fixture)

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

pytestmark = pytest.mark.browser

HOSTILE_TITLE = (
    "<script>window.__injected = 'title'</script>Peace talks <img src=x onerror=\"window.__injected='img'\">"
)
HOSTILE_SENTENCE = "Protesters in Kyiv held a sign reading <img src=x onerror=\"window.__injected='body'\"> and <script>alert(1)</script>."
# Hand-written Arabic for the hostile sentence (the markup is carried over as the sign's text).
HOSTILE_ARABIC = (
    "رفع محتجون في Kyiv لافتة كُتب عليها <img src=x onerror=\"window.__injected='ar'\"> و<script>alert(2)</script>."
)


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium package (apt-get install -y chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed: pip install -e '.[test]'"
    )
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            args=FLAGS,
            headless=True,
            viewport={"width": 1000, "height": 900},
        )
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    page.set_default_timeout(5_000)  # a local file: anything slower is a failure, not a slow network
    page.dialogs = []  # any alert/confirm/prompt would be injected script running
    page.console_errors = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    page.close()


def open_brief(page, brief: Brief, path: Path, fragment: str = "") -> None:
    path.write_text(render(brief, "html"), encoding="utf-8")
    page.goto(path.as_uri() + fragment)
    page.wait_for_load_state("load")


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / name
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
    return target


def tab_to(page, element_id: str, limit: int = 30) -> None:
    """Press Tab from the top of the page until ``element_id`` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    pytest.fail(f"#{element_id} is not reachable with the Tab key in {limit} presses")


def test_keyboard_switches_to_right_to_left_arabic_and_the_fragment_remembers(page, seed_pair, tmp_path):  # noqa: F811
    _, bilingual = seed_pair
    open_brief(page, bilingual, tmp_path / "brief.html")
    english, arabic = page.locator("#panel-en"), page.locator("#panel-ar")
    assert english.is_visible() and arabic.is_hidden()
    screenshot(page, "brief-en.png")

    tab_to(page, "tab-en")
    page.keyboard.press("ArrowRight")
    assert arabic.is_visible() and english.is_hidden()
    assert page.evaluate("document.activeElement.id") == "tab-ar"
    assert page.get_attribute("#tab-ar", "aria-selected") == "true"
    assert page.get_attribute("#tab-en", "aria-selected") == "false"
    assert arabic.get_attribute("dir") == "rtl" and arabic.get_attribute("lang") == "ar"
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert "Naskh" in arabic.evaluate("e => getComputedStyle(e).fontFamily")
    assert page.url.endswith("#ar")

    # Arabic reads right to left: an all-Arabic sentence starts at the right and ends at the left.
    first, last = page.evaluate(
        """() => {
            const li = [...document.querySelectorAll('#panel-ar .sentences li')]
                .find(li => !/[A-Za-z0-9]/.test(li.textContent));
            const text = [...li.childNodes].find(n => n.nodeType === 3 && n.textContent.trim().length > 3);
            const at = i => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1);
                              return r.getBoundingClientRect().left; };
            return [at(0), at(text.textContent.trimEnd().length - 1)];
        }"""
    )
    assert first > last
    # Names and numbers inside Arabic are isolated, and each isolate reads left to right, intact.
    loose = page.evaluate(
        """() => {
            const walker = document.createTreeWalker(document.querySelector('#panel-ar .sentences'), NodeFilter.SHOW_TEXT);
            const loose = [];
            for (let n = walker.nextNode(); n; n = walker.nextNode())
                if (/[A-Za-z0-9]/.test(n.textContent) && !n.parentElement.closest('bdi')) loose.push(n.textContent);
            return loose;
        }"""
    )
    assert loose == []
    for isolate in page.locator("#panel-ar .sentences bdi").all():
        lefts = isolate.evaluate(
            """b => { const r = document.createRange(); const out = [];
                      const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
                      for (let n = walker.nextNode(); n; n = walker.nextNode())
                          for (let i = 0; i < n.length; i++) { if (n.data[i] === ' ') continue;
                              r.setStart(n, i); r.setEnd(n, i + 1); out.push(r.getBoundingClientRect().left); }
                      return out; }"""
        )
        assert lefts == sorted(lefts), isolate.inner_text()
    screenshot(page, "brief-ar.png")

    page.reload()
    page.wait_for_load_state("load")
    assert page.locator("#panel-ar").is_visible() and page.locator("#panel-en").is_hidden()

    page.focus("#tab-ar")
    page.keyboard.press("ArrowLeft")
    assert page.locator("#panel-en").is_visible() and page.url.endswith("#en")
    assert page.console_errors == [] and page.dialogs == []


def test_a_claim_shows_its_source_sentence_and_lights_up_in_both_languages(page, seed_pair, tmp_path):  # noqa: F811
    _, bilingual = seed_pair
    open_brief(page, bilingual, tmp_path / "brief.html", "#ar")
    button = page.locator("tr[data-claim] .claim-ref").first
    claim_id = button.evaluate("b => b.closest('tr').dataset.claim")
    claim = bilingual.claims[int(claim_id.removeprefix("c"))]
    source = (
        bilingual.article.sentences[claim.sentence]
        if claim.sentence is not None
        else bilingual.article.sentence_at(claim.start)
    )
    tip = page.locator(f"#src-{claim_id}")
    assert tip.is_hidden()
    button.focus()
    assert tip.is_visible()
    assert " ".join(source.text.split()) in " ".join(tip.inner_text().split())
    lit = page.locator(f'[data-claims~="{claim_id}"].is-active, [data-sentence-claims~="{claim_id}"].is-active')
    assert lit.count() >= 1
    screenshot(page, "brief-claim-focus.png")
    # Hover works for another claim as well.
    other = page.locator("tr[data-claim] .claim-ref").nth(1)
    other.hover()
    other_id = other.evaluate("b => b.closest('tr').dataset.claim")
    assert page.locator(f"#src-{other_id}").is_visible()


def hostile_brief(brief: Brief) -> Brief:
    """The seed brief with markup injected wherever article text reaches the page."""
    article = brief.article
    start = len(article.body) + 2
    body = f"{article.body}\n\n{HOSTILE_SENTENCE}"
    sentence = Sentence(HOSTILE_SENTENCE, start, len(body), len(article.paragraphs), len(article.sentences))
    article = dataclasses.replace(
        article, body=body, sentences=(*article.sentences, sentence), title=HOSTILE_TITLE, standfirst=HOSTILE_TITLE,
        authors=("<b onmouseover=alert(3)>Reporter</b>",),
    )  # fmt: skip
    kyiv = HOSTILE_SENTENCE.index("Kyiv")
    claims = (
        *brief.claims,
        Claim("Kyiv", "place", "kyiv", True, True, True, start + kyiv, start + kyiv + 4, sentence=sentence.index,
              brief_spans=((len(brief.summary.sentences), kyiv, kyiv + 4),)),
        Claim("<img src=x onerror=alert(4)>", "quote", "img", False, True, None),
    )
    summary = dataclasses.replace(
        brief.summary, sentences=(*brief.summary.sentences, SummarySentence(HOSTILE_SENTENCE, (sentence.index,)))
    )
    arabic = brief.translation("ar")
    translation = Translation("en", "ar", (*arabic.sentences, HOSTILE_ARABIC), arabic.model)
    return dataclasses.replace(
        brief, article=article, summary=summary, translations=(translation,), claims=claims,
        warnings=(*brief.warnings, "unsupported quote: '<script>alert(5)</script>'"),
    )  # fmt: skip


def test_markup_injected_through_the_article_stays_inert(page, seed_pair, tmp_path):  # noqa: F811
    _, bilingual = seed_pair
    open_brief(page, hostile_brief(bilingual), tmp_path / "hostile.html")
    page.locator("#tab-ar").click()  # both panels and the hover tips have been laid out
    page.locator("tr[data-claim] .claim-ref", has_text="Kyiv").hover()
    assert page.evaluate("typeof window.__injected") == "undefined"
    assert page.dialogs == []
    assert page.locator("img, iframe, object, embed, [onerror], [onmouseover]").count() == 0
    assert page.locator("script").count() == 1  # the page's own
    assert page.evaluate("document.documentElement.classList.contains('js')")  # ... which the CSP let run
    assert "<script>window.__injected = 'title'</script>" in page.locator("h1").inner_text()
    assert "onerror=\"window.__injected='body'\"" in page.locator("#panel-en").text_content()
    assert "<script>alert(2)</script>" in page.locator("#panel-ar").text_content()
    # Defence in depth: even a script element that got into the page could not run under the CSP.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__csp = 1'; document.body.append(s); }"
    )
    assert page.evaluate("typeof window.__csp") == "undefined"
    screenshot(page, "brief-hostile.png")


def test_missing_arabic_says_so_in_arabic_with_the_pull_command(page, seed_pair, tmp_path):  # noqa: F811
    plain, _ = seed_pair
    open_brief(page, plain, tmp_path / "plain.html", "#ar")
    panel = page.locator("#panel-ar")
    assert panel.is_visible()
    notice = panel.locator('p[lang="ar"]')
    assert notice.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert "غير متاح" in notice.inner_text()
    command = notice.locator("code")
    assert command.inner_text() == plain.unavailable[0].pull_command
    assert command.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert page.console_errors == []
    screenshot(page, "brief-ar-unavailable.png")


def test_an_arabic_brief_without_english_opens_on_arabic_unless_the_fragment_says_otherwise(page, tmp_path):
    from tests.test_cli_conventions import arabic_only_brief

    open_brief(page, arabic_only_brief(), tmp_path / "arabic.html")
    english, arabic = page.locator("#panel-en"), page.locator("#panel-ar")
    assert arabic.is_visible() and english.is_hidden()
    assert page.get_attribute("#tab-ar", "aria-selected") == "true"
    assert page.get_attribute("#tab-en", "aria-selected") == "false"
    open_brief(page, arabic_only_brief(), tmp_path / "arabic-en.html", "#en")  # the fragment still wins
    assert english.is_visible() and arabic.is_hidden()
    assert not page.dialogs and not page.console_errors
