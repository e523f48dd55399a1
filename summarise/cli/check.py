"""``summarise check``: is a summary faithful to its source? One pair of files, or many as JSON lines."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..errors import InputError, SummariseError
from .app import LanguageOpt, app, build_settings, check_output, handles_errors, write_output

FORMATS = ("text", "json")  # the -f/--format values, as for brief and segment
INCONSISTENT_EXIT = 10  # like a linter: the check ran and found problems (errors keep their own codes)
BATCH = 64  # items checked together (one spaCy batch), so memory stays flat on big files


@app.command()
@handles_errors
def check(
    source: Path | None = typer.Option(None, "--source", help="The article (plain text)."),
    summary: Path | None = typer.Option(None, "--summary", help="Its summary (plain text)."),
    jsonl: Path | None = typer.Option(
        None, "--jsonl", help='Many pairs: one JSON object a line, {"id", "source", "summary"}.'
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the result here instead of stdout."),
    fmt: str | None = typer.Option(
        None, "--format", "-f", help="One pair: text (default) or json. --jsonl always writes JSON lines."
    ),
    as_json: bool = typer.Option(False, "--json", hidden=True, help="Old spelling of --format json."),
    glossary: Path | None = typer.Option(None, "--glossary", help="Your glossary (TSV: kind, English names, Arabic names)."),
    language: str | None = LanguageOpt,
) -> None:
    """Check that every name, number, date and quote of a summary is supported by its source.

    Exit status: 0 when every summary is consistent, 10 when one is not, 2 for unusable input.
    Text output numbers sentences from 1; JSON gives 0-based indexes, named *_index."""
    from ..claims import check_texts
    from ..errors import ConfigError
    from ..segment.read import read_path

    if (jsonl is None) == (source is None and summary is None):
        raise InputError("give either --source FILE --summary FILE, or --jsonl FILE", "see `summarise check --help`")
    if as_json:
        if fmt not in (None, "json"):
            raise ConfigError(f"--json and --format {fmt} disagree", "give --format only")
        fmt = "json"
    if fmt is not None and fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    if jsonl is not None and fmt == "text":
        raise ConfigError("--jsonl always writes JSON lines; --format text is for one pair", "drop --format")
    fmt = fmt or "text"
    settings = build_settings(language=language, glossary=glossary)
    inputs = [path for path in (source, summary, jsonl, glossary) if path is not None]
    check_output(output, inputs=inputs)
    if jsonl is None:
        if source is None or summary is None:
            raise InputError("--source and --summary go together", "give both files")
        if str(source) == "-" and str(summary) == "-":
            # The second read would find standard input already used up, and blame an "empty file".
            raise InputError("--source and --summary cannot both be standard input (-)", "give at least one of them as a file")
        # The same reader as `summarise brief`: its encodings, binary-file refusal and size limit.
        texts = [read_path(path, max_bytes=settings.max_input_bytes).text for path in (source, summary)]
        result = check_texts([(None, *texts)], language=settings.language, settings=settings)[0]
        if fmt == "json":
            write_output(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n", output, inputs=inputs)
        else:
            write_output(_as_text(result.to_dict()), output, inputs=inputs)
        if not result.consistent:
            raise typer.Exit(INCONSISTENT_EXIT)
        return
    lines, bad, inconsistent = [], 0, 0
    pending: list[tuple[str, str, str]] = []

    def flush() -> None:
        nonlocal inconsistent, bad
        try:
            done = check_texts(pending, language=settings.language, settings=settings)
        except SummariseError:
            done = None  # one item is unusable: check them one by one to say which
        for position, item in enumerate(pending):
            try:
                checked = done[position] if done is not None else check_texts([item], language=settings.language, settings=settings)[0]
            except SummariseError as error:
                bad += 1
                lines.append(json.dumps({"id": item[0], "error": str(error)}, ensure_ascii=False))
                continue
            inconsistent += not checked.consistent
            lines.append(json.dumps(checked.to_dict(), ensure_ascii=False))
        pending.clear()

    from ..segment.read import read_json_lines

    seen = 0
    first_line_of: dict[str | None, int] = {}
    # Read line by line with a bound per line (a record holds two texts, JSON-escaped): a huge or
    # endless file, or a line nested too deeply to parse, is one bad line or one clear error.
    for line in read_json_lines(jsonl, max_line_bytes=16 * settings.max_input_bytes + 65536):
        seen += 1
        number, item, problem = line.number, line.value, line.problem
        item_id = None
        if problem is not None:
            problem = problem.removeprefix(f"line {number} ").removeprefix("is ")
        if isinstance(item, dict):
            item_id = None if item.get("id") is None else str(item["id"])
            missing = [k for k in ("id", "source", "summary") if k not in item or (k == "id" and item[k] in (None, ""))]
            if missing:
                problem = f"missing field(s): {', '.join(missing)}"
            elif not isinstance(item["source"], str) or not isinstance(item["summary"], str) or not item["source"].strip():
                problem = "source and summary must be text, and the source not empty"
            elif item_id in first_line_of:
                # Verdicts are told apart by id: a second line with the same id would be ambiguous.
                problem = f"id {item_id!r} was already used on line {first_line_of[item_id]}; give every pair its own id"
            else:
                first_line_of[item_id] = number
        elif problem is None:
            problem = "each line must be a JSON object"
        if problem is not None:
            flush()
            bad += 1
            lines.append(json.dumps({"id": item_id, "line": number, "error": f"line {number}: {problem}"}, ensure_ascii=False))
            continue
        text, summary_text = item["source"], item["summary"]
        pending.append((item_id, text, summary_text))
        if len(pending) >= BATCH:
            flush()
    flush()
    if not seen:
        raise InputError(f"{jsonl}: no JSON lines to check (the file is empty)", 'give one {"id", "source", "summary"} object a line')
    write_output("".join(line + "\n" for line in lines), output, inputs=inputs)
    if bad:
        typer.echo(f"error: {bad} line(s) of {jsonl} could not be checked (see their \"error\")", err=True)
        raise typer.Exit(InputError.exit_code)
    if inconsistent:
        raise typer.Exit(INCONSISTENT_EXIT)


def _judged(item: dict, lead: str = " (") -> str:
    """The claim judge's rating of a flagged sentence, where it ran: how far below the pass mark it is."""
    if item.get("support") is None or item.get("support_needed") is None:
        return ""
    said = f"the claim judge rates its support {item['support']:.2f}, {item['support_needed']:.2f} passes"
    return lead + said + (")" if lead == " (" else "")


def _as_text(report: dict) -> str:
    lines = ["consistent" if report["consistent"] else "NOT consistent"]
    for claim in report["unsupported"]:
        lines.append(f"  sentence {claim['sentence_index'] + 1}: {claim['reason']}{_judged(claim)}")
    for weak in report["weak_sentences"]:
        novel = f"; words not in the source: {', '.join(weak['words_not_in_source'][:6])}" if weak["words_not_in_source"] else ""
        rated = weak["paraphrase_similarity"]
        model = f"; the sentence model rates its closest source sentence {rated:.2f}" if rated is not None else ""
        model += _judged(weak, "; ")
        lines.append(f"  sentence {weak['sentence_index'] + 1}: weakly supported (best source sentence holds "
                     f"{weak['word_coverage']:.0%} of its content words{model}){novel}")
    cov = report["coverage"]
    lines.append(f"key claims of the source in the summary: {cov['in_summary']} of {cov['key_claims']}")
    from ..render.common import clean  # article text quoted here must not drive the terminal

    return "\n".join(line[: len(line) - len(line.lstrip())] + clean(line) for line in lines) + "\n"
