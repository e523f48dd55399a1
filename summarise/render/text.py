"""The brief for people at a terminal (a rich layout) and for pipes (plain lines).

Arabic in a terminal — what is actually right
=============================================
A program writes characters; the terminal decides where they go. Text is stored and sent in *logical*
order (the order it is read: for Arabic, right to left), and turning that into *visual* order
(reordering by the Unicode Bidirectional Algorithm, UAX #9) and joining letters into their contextual
forms (shaping) is the display's job. Some terminals do both: VTE 0.58+ (GNOME Terminal, Tilix, ...),
Konsole, mlterm and macOS Terminal. Many do neither: xterm, kitty, Alacritty, Windows Terminal, the
VS Code terminal, the Linux console, and any terminal behind tmux or screen (the multiplexer redraws
cells, so the terminal can no longer see whole lines). There, Arabic comes out left to right with
letters unjoined — and mixed text is the classic failure: in "قال Sergey Lavrov إن 2,000 أسير" the Latin
name and the number keep their own order while the Arabic words around them are reversed, so the
sentence reads scrambled rather than merely mirrored.

So this module prints Arabic in logical order, always. It never "fixes" a dumb terminal by reversing
lines and substituting presentation forms (what python-bidi + arabic-reshaper do): that text is wrong
everywhere else — reversed again by a terminal that does bidi, wrong when piped to a file or `grep`,
wrong when copied, and it must be reordered per *wrapped line*, which only the display knows. Instead:

- A terminal known to lay out Arabic gets the text as it is, with Latin/number runs wrapped in Unicode
  isolates (LRI ... PDI, the terminal's ``<bdi>``) so names and numbers stay whole.
- Any other terminal gets the same logical text plus a visible note saying that it probably shows Arabic
  reversed and unjoined, how many sentences mix Arabic with Latin names or digits (the ones that will
  look scrambled), and what to use instead (a bidi-capable terminal or ``--format html``).
- Which terminal is which is a guess from environment variables (``terminal_bidi``); unknown
  terminals get the note.
- Not a terminal (a pipe or file; the caller says which): plain lines in logical order with no colour,
  isolates or note, which is exactly right for files, editors and other programs.

Article text is cleaned of control characters first: an ESC in an article must not drive the terminal.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass

from ..records import Brief, Claim
from .common import (
    Highlight,
    claims_in_brief,
    clean,
    clean_piece,
    direction,
    is_unavailable_warning,
    language_label,
    ltr_runs,
    mark,
    metadata_line,
    panels,
    place_claims,
    source_sentence,
    speaker_note,
    status_mark,
    unavailable_notice,
)

LRI, PDI = "\u2066", "\u2069"  # left-to-right isolate ... pop directional isolate
KIND_STYLES = {
    "person": "bold cyan", "organisation": "bold magenta", "place": "bold green", "nationality": "green",
    "number": "bold yellow", "date": "yellow", "quote": "italic", "other": "underline",
}  # fmt: skip


@dataclass(frozen=True)
class TerminalBidi:
    """Whether the terminal reorders and shapes right-to-left text: True, False, or None for unknown."""

    reorders: bool | None
    terminal: str


def terminal_bidi(environ: Mapping[str, str]) -> TerminalBidi:
    """Best guess from the environment. Terminals announce themselves only loosely, so this errs on the
    side of "unknown" (which shows the note) rather than claiming support."""
    term = environ.get("TERM", "")
    program = environ.get("TERM_PROGRAM", "")
    if environ.get("TMUX") or environ.get("STY") or term.startswith(("screen", "tmux")):
        return TerminalBidi(False, "a terminal multiplexer (tmux or screen)")
    vte = environ.get("VTE_VERSION", "")
    if vte.isdigit():
        return TerminalBidi(int(vte) >= 5800, "a VTE terminal" + ("" if int(vte) >= 5800 else " older than 0.58"))
    if environ.get("KONSOLE_VERSION"):
        return TerminalBidi(True, "Konsole")
    if environ.get("MLTERM"):
        return TerminalBidi(True, "mlterm")
    if program == "Apple_Terminal":
        return TerminalBidi(True, "macOS Terminal")
    known_without = {
        "WT_SESSION": "Windows Terminal",
        "KITTY_WINDOW_ID": "kitty",
        "ALACRITTY_WINDOW_ID": "Alacritty",
        "ALACRITTY_SOCKET": "Alacritty",
    }
    for variable, name in known_without.items():
        if environ.get(variable):
            return TerminalBidi(False, name)
    if term in ("xterm-kitty", "alacritty", "linux"):
        return TerminalBidi(
            False, {"xterm-kitty": "kitty", "alacritty": "Alacritty", "linux": "the Linux console"}[term]
        )
    if program == "vscode":
        return TerminalBidi(False, "the VS Code terminal")
    if program in ("iTerm.app", "WezTerm"):
        return TerminalBidi(None, f"{program.removesuffix('.app')} (right-to-left only if enabled in its settings)")
    return TerminalBidi(None, "this terminal")


def render_text(
    brief: Brief, *, terminal: bool = False, width: int | None = None, environ: Mapping[str, str] | None = None
) -> str:
    """Plain lines, or with ``terminal`` the rich layout (ANSI styles) for ``width`` columns.

    Only the caller knows where the text goes (``render(brief, "text")`` also writes batch ``.txt``
    files and ``-o`` outputs), so the rich layout is asked for, never guessed from ``sys.stdout``.
    """
    return render_terminal(brief, width=width, environ=environ) if terminal else render_plain(brief)


# -- plain --------------------------------------------------------------------------------------------


def render_plain(brief: Brief) -> str:
    article = brief.article
    out = [clean(article.title) or "Brief"]
    if article.standfirst:
        out.append(clean(article.standfirst))
    out += [metadata_line(brief), ""]
    for panel in panels(brief):
        out.append(f"{language_label(panel.language)}:")
        if panel.sentences is not None:
            out += [f"  {i}. {clean(s)}" for i, s in enumerate(panel.sentences, 1)]
        else:
            english, arabic = unavailable_notice(panel.missing)
            out += [f"  UNAVAILABLE: {english}", f"  {arabic}"]
        out.append("")
    claims = claims_in_brief(brief)
    if claims:
        out.append("Claims (in the article / English / Arabic; article sentence):")
        for claim in claims:
            sentence = source_sentence(brief, claim)
            where = f"; sentence {sentence.index + 1}" if sentence else ""
            verdicts = " / ".join([mark(claim.in_source), status_mark(claim, "en"), status_mark(claim, "ar")])
            out.append(f"  [{claim.kind}] {clean(claim.text)}{speaker_note(claim)}: {verdicts}{where}")
        out.append("")
    out.append("Models:")
    out += [
        f"  {m.role}: {m.name} ({_licence(m.licence, m.commercial_use)}{f', ran on {m.backend}' if m.backend else ''})"
        for m in brief.models
    ]
    warnings = [clean(w) for w in brief.warnings]  # the claim checker's repairs are among them
    if warnings:
        out += ["", "Warnings:"] + [f"  - {w}" for w in warnings]
    return "\n".join(out) + "\n"


def _licence(licence: str | None, commercial: bool) -> str:
    return (licence or "licence unknown") + ("" if commercial else ", NON-COMMERCIAL use only")


# -- terminal -----------------------------------------------------------------------------------------


def render_terminal(brief: Brief, *, width: int | None = None, environ: Mapping[str, str] | None = None) -> str:
    from rich.console import Console, Group
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    environ = os.environ if environ is None else environ
    bidi = terminal_bidi(environ)
    width = width or min(shutil.get_terminal_size((100, 24)).columns, 110)
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=width, highlight=False, emoji=False, soft_wrap=False)
    article = brief.article
    claims = claims_in_brief(brief)
    places = place_claims(brief, claims)

    head = Text(clean(article.title) or "Brief", style="bold")
    if article.standfirst:
        head.append("\n" + clean(article.standfirst), style="italic")
    head.append("\n" + metadata_line(brief), style="dim")
    console.print(head)

    for panel in panels(brief):
        language, sentences, missing = panel.language, panel.sentences, panel.missing
        console.print()
        console.print(Rule(Text(language_label(language), style="bold"), align="left"))
        rtl = direction(language) == "rtl"
        if sentences is None:
            english, arabic = unavailable_notice(missing)
            console.print(Text("UNAVAILABLE: " + english, style="bold yellow"))
            console.print(Text(_isolated(arabic, bool(bidi.reorders)), style="yellow"))
            continue
        if rtl and not bidi.reorders:
            console.print(_bidi_note(bidi, sentences), style="yellow")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", style="dim")
        grid.add_column()
        spans = places.spans.get(language, [])
        for i, sentence in enumerate(sentences):
            highlights = spans[i] if i < len(spans) else []
            grid.add_row(f"{i + 1}.", _styled(sentence, highlights, claims, isolate=rtl and bool(bidi.reorders)))
        console.print(Padding(grid, (0, 0, 0, 1)))

    if claims:
        console.print()
        table = Table(title="Claims", title_justify="left", title_style="bold", header_style="bold", expand=False)
        for column in ("claim", "kind", "article", "English", "Arabic", "sentence"):
            table.add_column(column, overflow="fold")
        for claim in claims:
            sentence = source_sentence(brief, claim)
            table.add_row(
                Text(clean(claim.text), style=KIND_STYLES.get(claim.kind, "")) + Text(speaker_note(claim), style="dim"),
                claim.kind,
                _verdict(claim.in_source),
                _status(claim, "en"),
                _status(claim, "ar"),
                str(sentence.index + 1) if sentence else "–",
            )
        console.print(table)

    console.print()
    models = Table(title="Models", title_justify="left", title_style="bold", header_style="bold")
    for column in ("role", "model", "licence", "ran on"):
        models.add_column(column, overflow="fold")
    for model in brief.models:
        licence = Text(model.licence or "licence unknown")
        if not model.commercial_use:
            licence.append("  NON-COMMERCIAL", style="bold red")
        models.add_row(model.role, model.name, licence, model.backend or "–")
    console.print(models)

    notices: list[Text] = []
    for missing in brief.unavailable:
        english, arabic = unavailable_notice(missing)
        notices += [Text("• " + english), Text(_isolated(arabic, bool(bidi.reorders)))]
    notices += [Text("• " + clean(w)) for w in brief.warnings if not is_unavailable_warning(w, brief)]
    if notices:
        console.print()
        console.print(Rule(Text("Warnings", style="bold yellow"), align="left", style="yellow"))
        console.print(Group(*notices), style="yellow")
    # Rich pads table rows to the full width; trailing blanks only get in the way of copying.
    return "\n".join(line.rstrip(" ") for line in buffer.getvalue().split("\n"))


def _styled(text: str, highlights: list[Highlight], claims: list[Claim], isolate: bool):
    """A sentence with claims styled by kind; with ``isolate``, Latin/number runs wrapped in LRI ... PDI."""
    from rich.text import Text

    styled = Text()
    position = 0
    for highlight in highlights:
        styled.append(_isolated(text[position : highlight.start], isolate))
        styled.append(
            _isolated(text[highlight.start : highlight.end], isolate),
            style=KIND_STYLES.get(claims[highlight.claims[0]].kind, ""),
        )
        position = highlight.end
    styled.append(_isolated(text[position:], isolate))
    return styled


def _isolated(piece: str, isolate: bool) -> str:
    piece = clean_piece(piece)
    if not isolate:
        return piece
    out, position = [], 0
    for start, end in ltr_runs(piece):
        out += [piece[position:start], LRI, piece[start:end], PDI]
        position = end
    out.append(piece[position:])
    return "".join(out)


def _status(claim: Claim, language: str):
    """A claim's status in one language's brief: leaving a claim out is dim, not an alarm."""
    from rich.text import Text

    style = {"stated": "green", "not in brief": "dim", None: "dim"}.get(claim.status(language), "bold red")
    return Text(status_mark(claim, language), style=style)


def _verdict(value: bool | None):
    from rich.text import Text

    return Text(mark(value), style={True: "green", False: "bold red", None: "dim"}[value])


def _bidi_note(bidi: TerminalBidi, sentences: tuple[str, ...]) -> str:
    mixed = sum(1 for s in sentences if ltr_runs(s))
    likely = "does not" if bidi.reorders is False else "may not"
    note = (
        f"Note: {bidi.terminal} {likely} lay out right-to-left text; Arabic below is in logical order and may show "
        "reversed, with letters unjoined."
    )
    if mixed:
        note += (
            f" {mixed} of {len(sentences)} sentences mix Arabic with Latin names or numbers; those are the ones that "
            "look scrambled."
        )
    return note + " Use a bidi terminal (GNOME Terminal, Konsole, mlterm, macOS Terminal) or --format html."
