"""The text brief: plain lines for pipes and files, and the rich terminal layout with its handling of
Arabic (logical order always; isolates only where the terminal does bidi; a note where it may not)."""

from __future__ import annotations

import re
from dataclasses import replace

from rich.cells import cell_len

from summarise.render import render
from summarise.render.text import LRI, PDI, render_text, terminal_bidi
from tests.test_render_html import ARABIC, synthetic_brief

ANSI = re.compile(r"\x1b\[[0-9;]*m")
KITTY = {"TERM": "xterm-kitty", "KITTY_WINDOW_ID": "1"}
GNOME = {"TERM": "xterm-256color", "VTE_VERSION": "7600"}


def visible(output: str) -> str:
    return ANSI.sub("", output)


def test_plain_output_is_pipe_friendly_and_in_logical_order():
    text = render(synthetic_brief(), "text")
    assert "\x1b" not in text and LRI not in text and PDI not in text and "\x00" not in text
    assert "┏" not in text and "│" not in text
    for sentence in ARABIC:
        assert f". {sentence}" in text  # exactly as stored: logical order, no reshaping
    assert 'Talks " onerror="alert(1)" <img src=x onerror=alert(2)>[2J' in text.splitlines()[0]
    assert "nllb-200-distilled-600m (CC-BY-NC-4.0, NON-COMMERCIAL use only)" in text


def test_plain_output_explains_missing_arabic_in_both_languages():
    text = render(synthetic_brief(arabic=False), "text")
    assert "UNAVAILABLE: Arabic brief unavailable" in text and "summarise models pull opus-mt-en-ar" in text
    assert "الملخص العربي غير متاح" in text


def test_terminal_layout_keeps_arabic_logical_and_warns_where_the_terminal_cannot_lay_it_out():
    output = render_text(synthetic_brief(), terminal=True, width=90, environ=KITTY)
    shown = visible(output)
    assert "\x1b[" in output  # styled
    prose = " ".join(shown.split())  # the note is wrapped to the width
    assert "kitty does not lay out right-to-left text" in prose
    assert "1 of 2 sentences mix Arabic with Latin names or numbers" in prose
    assert LRI not in output  # a terminal without bidi would draw the isolates or ignore them: send none
    assert ARABIC[1] in shown  # logical order, never reversed or reshaped for display
    assert all(cell_len(line) <= 90 for line in shown.splitlines())
    assert "NON-COMMERCIAL" in shown and "English" in shown and "العربية" in shown


def test_a_bidi_terminal_gets_isolated_names_and_numbers_and_no_note():
    output = render_text(synthetic_brief(), terminal=True, width=120, environ=GNOME)
    shown = visible(output)
    assert "lay out right-to-left" not in shown
    assert f"{LRI}Sergey Lavrov{PDI}" in shown and f"{LRI}2000{PDI}" in shown
    english = shown.split("Arabic")[0]
    assert LRI not in english  # isolates only inside right-to-left text


def test_terminal_output_cannot_be_driven_by_article_text():
    brief = synthetic_brief()
    article = replace(brief.article, title="[bold red]x[/] \x1b]0;pwned\x07 \x1b[2J title")
    output = render_text(replace(brief, article=article), terminal=True, width=100, environ=GNOME)
    assert "\x1b]" not in output and "\x1b[2J" not in output and "\x07" not in output
    assert "[bold red]x[/]" in visible(output)  # rich markup in the article is text, not style


def test_terminal_bidi_guesses():
    assert terminal_bidi(GNOME).reorders is True
    assert terminal_bidi({"VTE_VERSION": "5202"}).reorders is False
    assert terminal_bidi({**GNOME, "TMUX": "/tmp/tmux-0/default,1,0"}).reorders is False
    assert terminal_bidi({"KONSOLE_VERSION": "230805"}).reorders is True
    assert terminal_bidi({"WT_SESSION": "x"}).reorders is False
    assert terminal_bidi({"TERM_PROGRAM": "iTerm.app"}).reorders is None
    assert terminal_bidi({"TERM": "xterm-256color"}).reorders is None
