"""``summarise check``: one pair of files, or many as JSON lines (no translation model involved)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from summarise.cli import app
from summarise.cli.check import INCONSISTENT_EXIT

SOURCE = (
    "Foreign Minister Sergey Lavrov said Russia was proposing new talks in Istanbul on Monday, June 2.\n\n"
    "The two sides agreed to swap about 2,000 prisoners but there was no clear progress on ending the war."
)
GOOD = "Lavrov proposed talks in Istanbul on June 2. The two sides agreed to swap 2,000 prisoners."
PLANTED = "Lavrov proposed talks in Istanbul on June 2. The two sides agreed to swap 3,000 prisoners."

runner = CliRunner()


def files(tmp_path, summary: str):
    source, summary_file = tmp_path / "source.txt", tmp_path / "summary.txt"
    source.write_text(SOURCE, encoding="utf-8")
    summary_file.write_text(summary, encoding="utf-8")
    return ["--source", str(source), "--summary", str(summary_file)]


def test_consistent_summary_exits_zero(tmp_path):
    result = runner.invoke(app, ["check", *files(tmp_path, GOOD)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("consistent")


def test_planted_wrong_number_is_caught(tmp_path):
    result = runner.invoke(app, ["check", *files(tmp_path, PLANTED), "--json"])
    assert result.exit_code == INCONSISTENT_EXIT
    report = json.loads(result.stdout)
    assert report["consistent"] is False
    assert [(u["sentence_index"], u["kind"], u["text"]) for u in report["unsupported"]] == [(1, "number", "3,000")]


def test_jsonl_one_line_out_per_line_in(tmp_path):
    lines = [
        {"id": "a", "source": SOURCE, "summary": GOOD},
        {"id": "b", "source": SOURCE, "summary": PLANTED},
        {"id": 7, "source": SOURCE, "summary": "Sergey Shoigu proposed talks in Ankara."},
    ]
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["check", "--jsonl", str(path), "--output", str(out)])
    assert result.exit_code == INCONSISTENT_EXIT, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["consistent"]) for r in rows] == [("a", True), ("b", False), ("7", False)]
    assert {u["text"] for u in rows[2]["unsupported"]} >= {"Sergey Shoigu", "Ankara"}
    assert all({"id", "consistent", "unsupported", "coverage"} <= set(r) for r in rows)


def test_jsonl_bad_line_is_reported_and_the_rest_checked(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text('{"id": "x", "source": "text"}\nnot json\n' + json.dumps({"id": "ok", "source": SOURCE, "summary": GOOD}) + "\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["check", "--jsonl", str(path)])
    assert result.exit_code == 2
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0] == {"id": "x", "line": 1, "error": "line 1: missing field(s): summary"}
    assert rows[1]["line"] == 2 and "not valid JSON" in rows[1]["error"]
    assert rows[2]["id"] == "ok" and rows[2]["consistent"] is True


def test_arguments_are_validated(tmp_path):
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2 and "--source FILE --summary FILE" in result.output
    result = runner.invoke(app, ["check", "--source", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "go together" in result.output
    result = runner.invoke(app, ["check", "--source", str(tmp_path / "nope.txt"), "--summary", str(tmp_path / "nope2.txt")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_user_glossary_flag(tmp_path):
    glossary = tmp_path / "g.tsv"
    glossary.write_text("person\tSergey Lavrov|Lavrov|Sergei Lavrov\tسيرغي لافروف\n", encoding="utf-8")
    args = files(tmp_path, "Sergei Lavrov proposed talks in Istanbul on June 2.")
    assert runner.invoke(app, ["check", *args, "--glossary", str(glossary)]).exit_code == 0


def test_source_in_utf16_is_read_like_brief_reads_it(tmp_path):
    args = files(tmp_path, GOOD)
    (tmp_path / "source.txt").write_bytes(SOURCE.encode("utf-16"))  # with a BOM, as Windows tools write it
    result = runner.invoke(app, ["check", *args])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("consistent")


def test_binary_source_is_refused_like_brief_refuses_it(tmp_path):
    args = files(tmp_path, GOOD)
    (tmp_path / "source.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    result = runner.invoke(app, ["check", *args])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "looks like a binary file (a PDF document)" in result.output and "pdftotext" in result.output


def test_source_over_the_input_limit_is_refused(tmp_path, monkeypatch):
    args = files(tmp_path, GOOD)
    monkeypatch.setenv("SUMMARISE_MAX_INPUT_BYTES", "100")
    result = runner.invoke(app, ["check", *args])
    assert result.exit_code == 2 and "100-byte limit" in result.output and "SUMMARISE_MAX_INPUT_BYTES" in result.output


def test_jsonl_source_over_the_default_limit_is_an_error_line(tmp_path):
    path = tmp_path / "pairs.jsonl"
    huge = "Lavrov spoke. " * 150_000  # 2.1 MB: more than one article's limit
    path.write_text(
        json.dumps({"id": "huge", "source": huge, "summary": GOOD}) + "\n"
        + json.dumps({"id": "ok", "source": SOURCE, "summary": GOOD}) + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", "--jsonl", str(path)])
    assert result.exit_code == 2
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["id"] == "huge" and "larger than the 2,000,000-byte limit" in rows[0]["error"]
    assert rows[1]["id"] == "ok" and rows[1]["consistent"] is True


def test_language_flag_is_normalised_like_brief_does(tmp_path):
    args = files(tmp_path, PLANTED)
    lower = runner.invoke(app, ["check", *args, "--json", "-l", "en"])
    upper = runner.invoke(app, ["check", *args, "--json", "-l", "EN"])
    assert lower.exit_code == upper.exit_code == INCONSISTENT_EXIT, upper.output
    assert json.loads(upper.stdout) == json.loads(lower.stdout)
    assert json.loads(upper.stdout)["language"] == "en"


def test_text_output_gives_the_claim_judges_rating_of_a_flagged_sentence(tmp_path):
    result = runner.invoke(app, ["check", *files(tmp_path, PLANTED)])
    assert result.exit_code == INCONSISTENT_EXIT
    line = next(line for line in result.output.splitlines() if "3,000" in line)
    report = json.loads(runner.invoke(app, ["check", *files(tmp_path, PLANTED), "--json"]).stdout)
    (claim,) = report["unsupported"]
    assert claim["support"] is not None and claim["support"] < claim["support_needed"]
    assert f"the claim judge rates its support {claim['support']:.2f}, {claim['support_needed']:.2f} passes" in line
