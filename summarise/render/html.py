"""The HTML brief: one self-contained page a reader opens, switches between English and Arabic, and sees
which facts came from where.

- Self-contained: the CSS and JS (package data in ``assets/``) are inlined; no font, script or image
  is fetched. A Content-Security-Policy meta tag allows exactly those two inline blocks by their
  SHA-256 hashes and nothing else, so even a tag that slipped through escaping could not run or load.
- Every string that comes from the article or a model passes through ``html.escape``; no article
  text is ever placed in a ``style``/``script`` block or an event attribute.
- Each language is an ARIA tab panel with its own ``lang`` and ``dir``; inside right-to-left text,
  runs of Latin names and numbers are isolated with ``<bdi>`` so they keep their order and do not
  drag the punctuation around them.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from html import escape
from importlib import resources

from ..records import Brief, Claim, ModelUse
from .common import (
    ClaimPlaces,
    Highlight,
    Panel,
    arabic_name,
    brief_languages,
    claims_in_brief,
    clean,
    direction,
    english_name,
    is_unavailable_warning,
    native_name,
    panels,
    place_claims,
    source_sentence,
    speaker_of,
    status_mark,
    unavailable_notice,
)
from .html_text import KIND_LABELS, claim_mark, kind_of, lang_code, lang_dir, marked, with_code

_ARABIC_METHOD = {"extractive": "ملخص استخلاصي", "abstractive": "ملخص توليدي"}


def render_html(brief: Brief) -> str:
    css, script = _asset("brief.css"), _asset("brief.js")
    article = brief.article
    title = clean(article.title) or (f"Brief: {clean(article.path).rsplit('/', 1)[-1]}" if article.path else "Brief")
    in_brief = claims_in_brief(brief)
    ids = {id(c): f"c{i}" for i, c in enumerate(brief.claims)}
    places = place_claims(brief, in_brief)
    body = [
        _header(brief, title),
        "<main>",
        _briefs(brief, in_brief, places, ids),
        _claims_section(brief, in_brief, places, ids),
        _models_section(brief.models),
        _warnings_section(brief),
        "</main>",
        (
            "<footer><p>Machine-made summary and translation, made on this computer by local models. "
            "Check names, numbers and quotes against the source before you rely on them.</p></footer>"
        ),
    ]
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="en" dir="ltr">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(css, script)}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="generator" content="summarise">',
            f"<title>{escape(title)} · brief</title>",
            f"<style>{css}</style>",
            "</head>",
            "<body>",
            *body,
            f"<script>{script}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def content_security_policy(css: str, script: str) -> str:
    """Nothing may load or run but the page's own style and script blocks, named by their hashes."""
    return (
        f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(script)}'; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@cache
def _asset(name: str) -> str:
    text = resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")
    # A closing tag inside an inlined block would end it early; the assets are ours, so this is a guard.
    assert "</style" not in text.lower() and "</script" not in text.lower(), name
    return text


# -- header ------------------------------------------------------------------------------------------


def _header(brief: Brief, title: str) -> str:
    article = brief.article
    out = ['<header class="masthead">', '<p class="kicker">Brief · <span lang="ar">ملخص</span></p>']
    title_language = article.language if clean(article.title) else "en"  # else our own English fallback
    out.append(f"<h1 {lang_dir(title_language)}>{escape(title)}</h1>")
    if article.standfirst:
        out.append(f'<p class="standfirst" {lang_dir(article.language)}>{escape(clean(article.standfirst))}</p>')
    rows: list[tuple[str, str]] = []
    if article.path:
        rows.append(("Source", f"<code>{escape(clean(article.path))}</code>"))
    if article.authors:
        rows.append(("By", f"<bdi>{escape(', '.join(clean(a) for a in article.authors))}</bdi>"))
    if article.published:
        published = escape(clean(article.published))
        rows.append(("Published", f'<time datetime="{published}">{published}</time>'))
    if article.dateline:
        rows.append(("Dateline", f"<bdi>{escape(clean(article.dateline))}</bdi>"))
    detected = f" (detected, {article.language_score:.0%} confident)" if article.language_score is not None else ""
    rows.append(("Language", f"{escape(_language_name(article.language))}{escape(detected)}"))
    dropped = f"; {len(article.dropped)} lines of page furniture left out" if article.dropped else ""
    rows.append(
        ("Input", escape(f"{article.input_format}, {article.encoding}, {len(article.sentences)} sentences{dropped}"))
    )
    out.append('<dl class="source">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>")
    out.append("</header>")
    return "\n".join(out)


def _language_name(code: str) -> str:
    english, native = english_name(code), native_name(code)
    return english if english == native else f"{english} · {native}"


# -- the briefs --------------------------------------------------------------------------------------


def _briefs(brief: Brief, claims: list[Claim], places: ClaimPlaces, ids: dict[int, str]) -> str:
    shown = panels(brief)
    languages = [panel.language for panel in shown]
    # Open on the first language that has a summary (an Arabic article without a translator opens on
    # Arabic, not on an "unavailable" English panel); a #lang fragment in the URL still wins (brief.js).
    default = next((panel.language for panel in shown if panel.sentences is not None), languages[0])
    tabs = "".join(_tab(lang, selected=lang == default) for lang in languages)
    out = [
        '<section class="brief" aria-labelledby="brief-heading">',
        '<div class="brief-head"><h2 id="brief-heading">Summary</h2>',
        (
            '<div class="tabs" role="tablist" aria-label="Language of the brief" '
            f'data-default="{lang_code(default)}">{tabs}</div>'
        ),
        "</div>",
    ]
    for panel in shown:
        out.append(_panel(brief, panel, claims, places, ids))
    out.append("</section>")
    return "\n".join(out)


def _tab(lang: str, selected: bool) -> str:
    code = lang_code(lang)
    return (
        f'<button type="button" role="tab" id="tab-{code}" aria-controls="panel-{code}" data-lang="{code}" '
        f'aria-selected="{str(selected).lower()}" tabindex="{0 if selected else -1}" '
        f"{lang_dir(lang)}>{escape(native_name(lang))}</button>"
    )


def _panel(brief: Brief, panel: Panel, claims: list[Claim], places: ClaimPlaces, ids: dict[int, str]) -> str:
    lang, sentences = panel.language, panel.sentences
    out = [
        (
            f'<section class="panel" role="tabpanel" id="panel-{lang_code(lang)}" '
            f'aria-labelledby="tab-{lang_code(lang)}" tabindex="0" {lang_dir(lang)}>'
        ),
        f'<h3 class="panel-title">{escape(native_name(lang))}</h3>',
    ]
    rtl = direction(lang) == "rtl"
    if sentences is None:
        out.append(_notice(*unavailable_notice(panel.missing), first=lang))
    else:
        spans = places.spans.get(lang, [])
        by_sentence = places.by_sentence.get(lang, [])
        out.append('<ol class="sentences">')
        for i, text in enumerate(sentences):
            highlights = spans[i] if i < len(spans) else []
            aligned = sorted(by_sentence[i]) if i < len(by_sentence) else []
            attribute = f' data-sentence-claims="{" ".join(ids[id(claims[k])] for k in aligned)}"' if aligned else ""
            out.append(f"<li{attribute}>{marked(text, highlights, rtl, claim_mark(brief, claims, ids))}</li>")
        out.append("</ol>")
        out.append(f'<p class="provenance">{_provenance(brief, lang)}</p>')
    out.append("</section>")
    return "\n".join(out)


def _provenance(brief: Brief, lang: str) -> str:
    summary = brief.summary
    translation = brief.translation(lang) if lang != summary.language else None
    arabic = lang == "ar"
    if translation is None:
        if arabic:
            method = _ARABIC_METHOD.get(summary.method, escape(summary.method))
            return f"{method} بالنموذج <bdi>{escape(summary.model)}</bdi>"
        seen = f"; the model saw {summary.coverage:.0%} of the article" if summary.coverage < 1 else ""
        return escape(f"{summary.method.capitalize()} summary by {summary.model}{seen}.")
    if arabic:
        source = escape(arabic_name(translation.source_language))
        return f"ترجمة آلية من {source} بالنموذج <bdi>{escape(translation.model)}</bdi>"
    return escape(f"Machine translation from {english_name(translation.source_language)} by {translation.model}.")


# -- claims ------------------------------------------------------------------------------------------


def _claims_section(brief: Brief, claims: list[Claim], places: ClaimPlaces, ids: dict[int, str]) -> str:
    languages = [lang for lang in brief_languages(brief) if lang in ("en", "ar")]
    out = [
        '<section class="claims" aria-labelledby="claims-heading">',
        '<h2 id="claims-heading">Claims</h2>',
        (
            "<p>Names, numbers, dates and quotes traced from the article into each language. "
            "Hover over or focus a claim to see the sentence of the article it comes from.</p>"
        ),
        '<ul class="legend" aria-label="Colours of claim kinds">'
        + "".join(f'<li class="kind-{k}">{v}</li>' for k, v in KIND_LABELS.items())
        + "</ul>",
    ]
    if claims:
        out.append(_claim_table(brief, claims, places, ids, languages, caption="Claims in the brief"))
    else:
        out.append("<p>No claim of the article reached the brief.</p>")
    rest = [c for c in brief.claims if all(c is not shown for shown in claims)]
    if rest:
        out.append(f"<details><summary>{len(rest)} more claims of the article that are not in the brief</summary>")
        out.append(_claim_table(brief, rest, None, ids, languages, caption="Claims of the article not in the brief"))
        out.append("</details>")
    out.append("</section>")
    return "\n".join(out)


def _claim_table(
    brief: Brief,
    claims: list[Claim],
    places: ClaimPlaces | None,
    ids: dict[int, str],
    languages: list[str],
    caption: str,
) -> str:
    headers = "".join(
        f'<th scope="col" lang="{lang_code(lang)}">{escape(native_name(lang))}</th>' for lang in languages
    )
    out = [
        '<div class="table-wrap"><table>',
        f'<caption class="visually-hidden">{escape(caption)}</caption>',
        (
            '<thead><tr><th scope="col">Claim</th><th scope="col">Kind</th><th scope="col">In the article</th>'
            f"{headers}</tr></thead>"
        ),
        "<tbody>",
    ]
    for k, claim in enumerate(claims):
        claim_id = ids[id(claim)]
        kind = kind_of(claim)
        unsupported = " unsupported" if not claim.in_source else ""
        cells = "".join(
            f"<td>{_verdict(brief, lang, claim, places and places.placement(k, lang))}</td>"
            for lang in languages
        )
        source = '<span class="yes">✓ yes</span>' if claim.in_source else '<span class="no">✗ not in the article</span>'
        out.append(
            f'<tr data-claim="{claim_id}" class="kind-{kind}{unsupported}">'
            f'<th scope="row" class="claim-cell">'
            f'<button type="button" class="claim-ref" aria-pressed="false" aria-describedby="src-{claim_id}">'
            f"<bdi>{escape(clean(claim.text))}</bdi></button>{_speaker(claim)}"
            f'<div class="source-tip" role="tooltip" id="src-{claim_id}">{_source_tip(brief, claim)}</div></th>'
            f"<td>{escape(KIND_LABELS[kind])}</td><td>{source}</td>{cells}</tr>"
        )
    out.append("</tbody></table></div>")
    return "\n".join(out)


def _speaker(claim: Claim) -> str:
    """Who said a quote, after it in the claim cell (the name isolated: an Arabic name in an English row)."""
    speaker = speaker_of(claim)
    return f' <span class="speaker">said by <bdi>{escape(speaker)}</bdi></span>' if speaker else ""


def _verdict(brief: Brief, language: str, claim: Claim, placement: str | None) -> str:
    """The checker's verdict for one language, and where the page highlights the claim."""
    if brief.sentences(language) is None:
        return '<span class="unchecked">– no brief</span>'
    # Leaving a claim of the article out is what a brief does: grey, not the red of a contradiction.
    status = claim.status(language)
    css = {"stated": "yes", "not in brief": "unchecked", None: "unchecked"}.get(status, "no")
    sign = {"stated": "✓", "not in brief": "–", None: "–"}.get(status, "✗")
    words = {"stated": "yes", None: "not checked"}.get(status) or status_mark(claim, language).lower()
    text = f'<span class="{css}">{sign} {escape(words)}</span>'
    where = {"exact": "highlighted", "sentence": "its sentence is outlined"}.get(placement or "", "")
    return text + (f'<span class="where">{where}</span>' if where else "")


def _source_tip(brief: Brief, claim: Claim) -> str:
    sentence = source_sentence(brief, claim)
    if sentence is None:
        return '<span class="tip-label">Not found in the article: the brief may have introduced it.</span>'
    highlights = []
    if claim.start is not None and claim.end is not None and sentence.start <= claim.start < claim.end <= sentence.end:
        highlights.append(Highlight(claim.start - sentence.start, claim.end - sentence.start, ()))
    rtl = direction(brief.article.language) == "rtl"
    inner = marked(sentence.text, highlights, rtl, lambda _: f'<mark class="claim kind-{kind_of(claim)}">')
    label = f'<span class="tip-label">Sentence {sentence.index + 1} of the article</span>'
    return f"{label}<q {lang_dir(brief.article.language)}>{inner}</q>"


# -- models and warnings -----------------------------------------------------------------------------


def _models_section(models: tuple[ModelUse, ...]) -> str:
    if not models:
        return ""
    rows = []
    for model in models:
        hub = escape(model.hub_id or "–") + (f" @ <code>{escape(model.revision)}</code>" if model.revision else "")
        licence = escape(model.licence or "licence unknown")
        if model.commercial_use:
            licence += ' <span class="badge commercial">commercial use allowed</span>'
        else:
            licence += (
                ' <span class="badge non-commercial">non-commercial only · '
                '<span lang="ar">للاستخدام غير التجاري فقط</span></span>'
            )
        name = f"<code>{escape(model.name)}</code>"
        if model.backend:
            name += f'<br><span class="ran-on">ran on {escape(model.backend)}</span>'
        rows.append(f"<tr><td>{escape(model.role)}</td><td>{name}</td><td>{hub}</td><td>{licence}</td></tr>")
    return "\n".join(
        [
            '<section class="models" aria-labelledby="models-heading">',
            '<h2 id="models-heading">Models</h2>',
            (
                '<div class="table-wrap"><table><thead><tr><th scope="col">Role</th><th scope="col">Model</th>'
                '<th scope="col">Hub id @ revision</th><th scope="col">Licence</th></tr></thead><tbody>'
            ),
            *rows,
            "</tbody></table></div>",
            "</section>",
        ]
    )


def _warnings_section(brief: Brief) -> str:
    items = [f"<li>{_notice(*unavailable_notice(u), first='en')}</li>" for u in brief.unavailable]
    items += [
        f'<li class="notice"><p>{with_code(clean(w))}</p></li>'
        for w in brief.warnings
        if not is_unavailable_warning(w, brief)
    ]
    if not items:
        return ""
    return "\n".join(
        [
            '<section class="warnings" aria-labelledby="warnings-heading">',
            '<h2 id="warnings-heading">Warnings <span lang="ar">· تنبيهات</span></h2>',
            '<ul class="notices">',
            *items,
            "</ul>",
            "</section>",
        ]
    )


def _notice(english: str, arabic: str, first: str) -> str:
    """A notice worded in both languages, the panel's own language first."""
    parts = {
        "en": f'<p lang="en" dir="ltr">{_headed(english)}</p>',
        "ar": f'<p lang="ar" dir="rtl">{_headed(arabic, rtl=True)}</p>',
    }
    order = ["ar", "en"] if first == "ar" else ["en", "ar"]
    return f'<div class="notice" role="note">{"".join(parts[o] for o in order)}</div>'


def _headed(notice: str, rtl: bool = False) -> str:
    """A notice with its first clause ("Arabic brief unavailable:") in bold."""
    head, colon, rest = notice.partition(": ")
    if not colon:
        return with_code(notice, rtl)
    return f"<strong>{with_code(head + ':', rtl)}</strong> {with_code(rest, rtl)}"
