"""``summarise check``: is a summary faithful to its source? One pair of files, or many as JSON lines."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..errors import InputError, SummariseError
from .app import LanguageOpt, app, build_settings, handles_errors, write_output

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
    as_json: bool = typer.Option(False, "--json", help="One pair: print the JSON result instead of text."),
    glossary: Path | None = typer.Option(None, "--glossary", help="Your glossary (TSV: kind, English names, Arabic names)."),
    language: str | None = LanguageOpt,
) -> None:
    """Check that every name, number, date and quote of a summary is supported by its source.

    Exit status: 0 when every summary is consistent, 10 when one is not, 2 for unusable input."""
    from ..claims import check_texts
    from ..segment.read import read_path

    if (jsonl is None) == (source is None and summary is None):
        raise InputError("give either --source FILE --summary FILE, or --jsonl FILE", "see `summarise check --help`")
    settings = build_settings(language=language, glossary=glossary)
    if jsonl is None:
        if source is None or summary is None:
            raise InputError("--source and --summary go together", "give both files")
        # The same reader as `summarise brief`: its encodings, binary-file refusal and size limit.
        texts = [read_path(path, max_bytes=settings.max_input_bytes).text for path in (source, summary)]
        result = check_texts([(None, *texts)], language=settings.language, settings=settings)[0]
        if as_json:
            write_output(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n", output)
        else:
            write_output(_as_text(result.to_dict()), output)
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

    for number, raw in enumerate(_read_jsonl(jsonl).splitlines(), 1):
        if not raw.strip():
            continue
        item_id, problem = None, None
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as error:
            item, problem = None, f"not JSON ({error.msg})"
        if isinstance(item, dict):
            item_id = None if item.get("id") is None else str(item["id"])
            missing = [k for k in ("id", "source", "summary") if k not in item]
            if missing:
                problem = f"missing field(s): {', '.join(missing)}"
            elif not isinstance(item["source"], str) or not isinstance(item["summary"], str) or not item["source"].strip():
                problem = "source and summary must be text, and the source not empty"
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
    write_output("".join(line + "\n" for line in lines), output)
    if bad:
        typer.echo(f"error: {bad} line(s) of {jsonl} could not be checked (see their \"error\")", err=True)
        raise typer.Exit(InputError.exit_code)
    if inconsistent:
        raise typer.Exit(INCONSISTENT_EXIT)


def _read_jsonl(path: Path) -> str:
    """A JSON-lines file: UTF-8 by definition, and of many articles, so the one-article limit applies to
    each record's source (in ``check_texts``), not to the file."""
    from ..segment.read import read_bytes

    data = read_bytes(path, max_bytes=None)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: not UTF-8 text (invalid byte at {error.start})", "JSON lines are UTF-8: convert the file"
        ) from None


def _as_text(report: dict) -> str:
    lines = ["consistent" if report["consistent"] else "NOT consistent"]
    for claim in report["unsupported"]:
        lines.append(f"  sentence {claim['sentence']}: {claim['reason']}")
    for weak in report["weak_sentences"]:
        novel = f"; words not in the source: {', '.join(weak['words_not_in_source'][:6])}" if weak["words_not_in_source"] else ""
        rated = weak["paraphrase_similarity"]
        model = f"; the sentence model rates its closest source sentence {rated:.2f}" if rated is not None else ""
        lines.append(f"  sentence {weak['sentence']}: weakly supported (best source sentence holds "
                     f"{weak['word_coverage']:.0%} of its content words{model}){novel}")
    cov = report["coverage"]
    lines.append(f"key claims of the source in the summary: {cov['in_summary']} of {cov['key_claims']}")
    return "\n".join(lines) + "\n"
