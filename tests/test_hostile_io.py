"""Hostile and careless input, output and settings (issue 17): every case ends in the README's exit
code with one clear error on stderr and no traceback, memory stays bounded, and nothing the user gave
is overwritten. Special files (FIFOs, symlinks to /dev/zero and /dev/full) are made in a temp folder;
the real /dev is never written. Subprocesses only where the case needs a real process: closed stdin,
a memory cap, a full or closed standard output."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarise.cli import app
from summarise.errors import InputError, OutputError
from summarise.segment.read import read_bytes, read_json_lines, read_path
from tests.conftest import ROOT, SEED

runner = CliRunner()
ARTICLE = SEED.read_text(encoding="utf-8")


def cli(*args, **kwargs):
    return runner.invoke(app, [str(a) for a in args], **kwargs)


def assert_clean(result_or_code, code, *needles, stderr=None):
    """Exit ``code``; stderr one error (message and hint), naming ``needles``; no traceback."""
    if stderr is None:
        exit_code, stderr = result_or_code.exit_code, result_or_code.stderr
        assert result_or_code.exception is None or isinstance(result_or_code.exception, SystemExit)
    else:
        exit_code = result_or_code
    assert exit_code == code, stderr
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, stderr
    for needle in needles:
        assert needle in stderr, stderr


def run_process(args, *, stdin=None, stdout=subprocess.PIPE, shell_prefix="", env=None, cwd=None):
    """``python -m summarise ARGS`` in a child process (optionally after shell commands, e.g. ulimit)."""
    command = " ".join([f"exec {sys.executable} -m summarise", *(f"'{a}'" for a in args)])
    return subprocess.run(
        ["bash", "-c", f"{shell_prefix}{command}"],
        stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120,
        env={**os.environ, **(env or {})}, cwd=cwd or ROOT, check=False,
    )


@pytest.fixture
def specials(tmp_path):
    """Symlinks in a temp folder to the endless and the full device (read, and written through)."""
    (tmp_path / "zero").symlink_to("/dev/zero")
    (tmp_path / "full").symlink_to("/dev/full")
    return tmp_path


# -- reading: bounded on any source -----------------------------------------------------------------------


def test_an_endless_device_is_read_only_up_to_the_limit(specials):
    assert_clean(cli("segment", specials / "zero"), 2, "2,000,000-byte limit")
    assert_clean(cli("brief", specials / "zero"), 2, "limit", "SUMMARISE_MAX_INPUT_BYTES")


def test_a_fifo_fed_forever_is_read_only_up_to_the_limit(tmp_path):
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    stopped = threading.Event()

    def writer():
        with open(fifo, "wb") as handle:  # waits for the reader, as any FIFO writer does
            try:
                while not stopped.is_set():
                    handle.write(b"news " * 20000)
            except BrokenPipeError:
                pass  # the reader stopped at its limit

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        assert_clean(cli("segment", fifo, env={"SUMMARISE_MAX_INPUT_BYTES": "300000"}), 2, "300,000-byte limit")
    finally:
        stopped.set()
    thread.join(timeout=10)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_proc_files_that_report_size_zero_are_still_limited():
    assert os.stat("/proc/self/status").st_size == 0
    assert len(read_bytes("/proc/self/status", max_bytes=10)) == 11  # one past the limit, no more
    with pytest.raises(InputError, match="10-byte limit"):
        read_path("/proc/self/status", max_bytes=10)


def test_endless_input_under_a_memory_cap_is_a_clear_error(specials):
    # A limit far above what the cap allows: reading must fail cleanly (MemoryError), not crash.
    process = run_process(
        ["segment", str(specials / "zero")],
        shell_prefix="ulimit -v 1200000; ",
        env={"SUMMARISE_MAX_INPUT_BYTES": str(10**12)},
    )
    assert_clean(process.returncode, 2, "zero", "ran out of memory", stderr=process.stderr)
    process = run_process(
        ["brief", str(specials / "zero")], shell_prefix="ulimit -v 3000000; ", env={"SUMMARISE_MAX_INPUT_BYTES": str(10**12)}
    )
    assert_clean(process.returncode, 2, "zero", "ran out of memory", stderr=process.stderr)


def test_closed_stdin_is_a_clear_error():
    process = run_process(["brief", "-"], shell_prefix="exec 0<&-; ")
    assert_clean(process.returncode, 2, "standard input is closed", stderr=process.stderr)


def test_stdin_is_limited_too():
    result = cli("segment", "-", input="a" * 5000, env={"SUMMARISE_MAX_INPUT_BYTES": "1000"})
    assert_clean(result, 2, "1,000-byte limit")


# -- decoding -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad, invalid", [(b"\xff", 1), (b"\xc3\x28", 1), (b"\xe2\x80", 2), (b"\x92", 1)])
def test_utf8_with_a_few_bad_bytes_stays_utf8_with_a_warning(tmp_path, bad, invalid):
    text = "The minister\u2019s \u201cpeace memorandum\u201d \u2014 offered on Monday \u2014 was rejected.\n"
    data = (text * 3).encode("utf-8")
    data = data[:40] + bad + data[40:80] + bad + data[80:]
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    document = read_path(path)
    assert document.encoding == "utf-8"
    assert "\u201cpeace memorandum\u201d" in document.text and "\u00e2\u20ac" not in document.text  # no mojibake
    replaced = 2 * invalid
    assert document.text.count("\ufffd") == replaced and f"{replaced} bytes" in document.warnings[0]
    result = cli("segment", path)
    assert result.exit_code == 0 and f"warning: {path}: {replaced} bytes" in result.stderr


def test_arabic_utf8_with_bad_bytes_is_not_read_as_a_code_page(tmp_path):
    data = ("قال وزير الخارجية إن المحادثات ستستأنف يوم الاثنين في جنيف. " * 4).encode("utf-8")
    path = tmp_path / "ar.txt"
    path.write_bytes(data[:30] + b"\xff\xfe\xfd" + data[30:])
    document = read_path(path)
    assert document.encoding == "utf-8" and "المحادثات" in document.text and "3 bytes" in document.warnings[0]


def test_real_single_byte_text_is_still_decoded_as_such(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le ministre a dit que l'\u00e9t\u00e9 serait chaud \u00e0 Paris.\n".encode("cp1252") * 3)
    document = read_path(path)
    assert document.encoding in ("windows-1252", "latin-1") and "\u00e9t\u00e9" in document.text
    assert not document.warnings


# -- JSON lines: bounded, one bad line never loses the others ----------------------------------------------


def test_json_lines_reader_reports_bad_lines_and_goes_on(tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_bytes(
        b"[" * 100_000 + b"\n" + b'{"ok": 1}\n' + b"\xff\xfe\n" + b'{"x": ' + b"9" * 5000 + b"}\n" + b"x" * 500 + b"\n" + b'{"ok": 2}\n'
    )
    lines = list(read_json_lines(path, max_line_bytes=400))
    problems = {line.number: line.problem for line in lines if line.problem}
    assert [line.value for line in lines if line.problem is None] == [{"ok": 1}, {"ok": 2}]
    assert set(problems) == {1, 3, 4, 5}
    assert "longer than" in problems[1] and "UTF-8" in problems[3] and "longer than" in problems[5]


def test_json_lines_reader_stops_on_a_file_that_never_ends_a_line(specials):
    with pytest.raises(InputError, match="without ending"):
        list(read_json_lines(specials / "zero", max_line_bytes=1000))


def test_check_jsonl_nested_100000_deep_is_one_bad_line(tmp_path):
    path = tmp_path / "pairs.jsonl"
    good = '{"id": "g", "source": "The minister met the king in Paris on Monday.", "summary": "The minister met the king."}'
    path.write_text("[" * 100_000 + "\n" + good + "\n" + '{"id": "d", "a": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    result = cli("check", "--jsonl", path)
    assert_clean(result, 2, "could not be checked")
    rows = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(rows) == 3 and "nested too deeply" in rows[0] and '"id": "g"' in rows[1] and "nested too deeply" in rows[2]


def test_empty_check_jsonl_is_an_error_not_silence(tmp_path):
    (tmp_path / "empty.jsonl").write_text("")
    (tmp_path / "blank.jsonl").write_text("\n \n")
    assert_clean(cli("check", "--jsonl", tmp_path / "empty.jsonl"), 2, "no JSON lines")
    assert_clean(cli("check", "--jsonl", tmp_path / "blank.jsonl"), 2, "no JSON lines")


def test_check_jsonl_from_an_endless_device_is_an_error(specials):
    assert_clean(cli("check", "--jsonl", specials / "zero"), 2, "without ending")


# -- HTML --------------------------------------------------------------------------------------------------


def _nested_page(depth: int) -> str:
    body = (
        "<p>The minister said the talks in Geneva would resume on Monday after a week of delays.</p>"
        "<p>Officials expect an agreement on the exchange of prisoners before the end of the month.</p>"
    )
    return "<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>"


def test_html_nested_past_the_parsers_default_depth_is_read(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text(_nested_page(600))
    result = cli("segment", page)
    assert result.exit_code == 0, result.stderr
    assert "talks in Geneva" in result.stdout


def test_html_nested_past_any_parser_says_so(tmp_path):
    page = tmp_path / "deeper.html"
    page.write_text(_nested_page(2100))
    assert_clean(cli("segment", page), 2, "nested more than", "deeper than the HTML parser reads")


# -- terminal output -----------------------------------------------------------------------------------------


def test_segment_text_output_strips_escape_sequences(tmp_path):
    hostile = (
        "Title \x1b]0;pwned window\x07 of the day\n\n"
        "The minister said \x1b[2J\x1b[H the talks would resume on Monday in Geneva after delays.\n\n"
        "Read \x1b]8;;http://evil.example\x1b\\this link\x1b]8;;\x1b\\ now \x9b31m and officials agreed.\n"
    )
    path = tmp_path / "escapes.txt"
    path.write_text(hostile + ARTICLE)
    result = cli("segment", path)
    assert result.exit_code == 0, result.stderr
    assert not any(ch in result.stdout for ch in "\x1b\x07\x9b\x00"), repr(result.stdout[:300])
    assert "talks would resume" in result.stdout


# -- writing: never replace what was not asked for -----------------------------------------------------------


def test_output_to_a_full_device_is_written_through_and_the_link_kept(specials):
    assert_clean(cli("segment", SEED, "-o", specials / "full"), 6, "No space left")
    assert os.path.islink(specials / "full") and os.readlink(specials / "full") == "/dev/full"


def test_output_to_a_fifo_is_written_through(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(Path(fifo).read_text()), daemon=True)
    reader.start()
    result = cli("segment", SEED, "-o", fifo)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and "body:" in received[0]


def test_output_through_a_symlink_to_our_own_stdout_is_written_through(tmp_path):
    link = tmp_path / "fd1"
    link.symlink_to("/proc/self/fd/1")
    process = run_process(["segment", str(SEED), "-o", str(link)])
    assert process.returncode == 0, process.stderr
    assert "body:" in process.stdout and os.path.islink(link)


def test_a_write_protected_file_is_never_replaced(tmp_path):
    kept = tmp_path / "kept.md"
    kept.write_text("precious\n")
    kept.chmod(0o444)
    assert_clean(cli("segment", SEED, "-o", kept), 6, "write-protected")  # as root too: the bits say keep it
    assert kept.read_text() == "precious\n" and stat.S_IMODE(kept.stat().st_mode) == 0o444


def test_a_symlink_to_a_writable_file_keeps_being_a_symlink(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("old\n")
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert cli("segment", SEED, "-o", link).exit_code == 0
    assert link.is_symlink() and "body:" in target.read_text() and stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink"])
def test_an_output_never_replaces_the_input(tmp_path, how):
    article = tmp_path / "v.txt"
    article.write_text(ARTICLE)
    output = article
    if how == "symlink":
        output = tmp_path / "alias.txt"
        output.symlink_to(article)
    elif how == "hardlink":
        output = tmp_path / "hard.txt"
        os.link(article, output)
    assert_clean(cli("segment", article, "-o", output), 6, "this command's input")
    assert_clean(cli("brief", article, "-o", output), 6, "this command's input")
    assert article.read_text() == ARTICLE


def test_check_output_never_replaces_its_inputs(tmp_path):
    source, summary = tmp_path / "s.txt", tmp_path / "m.txt"
    source.write_text("The minister met the king in Paris on Monday.\n")
    summary.write_text("The minister met the king.\n")
    assert_clean(cli("check", "--source", source, "--summary", summary, "-o", summary), 6, "this command's input")
    assert summary.read_text() == "The minister met the king.\n"


def test_output_into_a_folder_or_a_missing_place_is_a_clear_error(tmp_path):
    assert_clean(cli("segment", SEED, "-o", tmp_path), 6, "is a folder")
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere" / "x")
    assert_clean(cli("segment", SEED, "-o", dangling), 6, "missing file")
    file_as_folder = tmp_path / "plain"
    file_as_folder.write_text("x")
    assert_clean(cli("segment", SEED, "-o", file_as_folder / "brief.md"), 6, "not a folder")
    read_only = tmp_path / "ro"
    read_only.mkdir()
    read_only.chmod(0o555)
    assert_clean(cli("segment", SEED, "-o", read_only / "brief.md"), 6, "read-only")
    assert not (read_only / "brief.md").exists()


def test_stdout_on_a_full_device_is_a_clear_error(specials):
    with open(specials / "full", "w") as full:
        process = run_process(["segment", str(SEED)], stdout=full)
    assert_clean(process.returncode, 6, "standard output", "No space left", stderr=process.stderr)
    with open(specials / "full", "w") as full:
        process = run_process(["models", "list"], stdout=full)
    assert_clean(process.returncode, 6, "No space left", stderr=process.stderr)


def test_stdout_closed_by_its_reader_is_quiet():
    process = subprocess.Popen(
        [sys.executable, "-m", "summarise", "segment", str(SEED)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    )
    process.stdout.close()  # the reader is gone before anything is written (`| head -0`)
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141 and "Traceback" not in stderr and not stderr.strip()


# -- settings: validated where read, naming the setting and its source --------------------------------------


@pytest.mark.parametrize("value", ["-1", "0", "lots", "1.5"])
def test_bad_input_limit_names_the_variable(value):
    assert_clean(cli("segment", SEED, env={"SUMMARISE_MAX_INPUT_BYTES": value}), 2, "max_input_bytes", "SUMMARISE_MAX_INPUT_BYTES")


@pytest.mark.parametrize(
    "content, needle",
    [
        (b"targets = 7\n", "targets"),
        (b"device = 5\n", "device"),
        (b"sentences = \"three\"\n", "sentences"),
        (b"offline = \"maybe\"\n", "offline"),
        (b"max_input_bytes = -5\n", "max_input_bytes"),
        (b"model_paths = 3\n", "model_paths"),
        (b"glossary = []\n", "glossary"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\xff\xfe binary", "not UTF-8"),
        (b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n", "config file"),
        (b"sentences = [unclosed\n", "not valid TOML"),
    ],
)
def test_bad_config_files_are_clear_errors(tmp_path, content, needle):
    config = tmp_path / "config.toml"
    config.write_bytes(content)
    assert_clean(cli("segment", SEED, env={"SUMMARISE_CONFIG": str(config)}), 2, needle, str(config))


def test_config_file_that_is_endless_or_a_folder(specials, tmp_path):
    assert_clean(cli("segment", SEED, env={"SUMMARISE_CONFIG": str(specials / "zero")}), 2, "config file")
    assert_clean(cli("segment", SEED, env={"SUMMARISE_CONFIG": str(tmp_path)}), 2, "config file")


@pytest.mark.parametrize(
    "variable, value", [("SUMMARISE_SENTENCES", "0"), ("SUMMARISE_DEVICE", "gpu"), ("SUMMARISE_OFFLINE", "perhaps"),
                        ("SUMMARISE_BATCH_SIZE", "-3"), ("SUMMARISE_LANGUAGE", "english")]
)
def test_bad_environment_settings_name_their_variable(variable, value):
    assert_clean(cli("segment", SEED, env={variable: value}), 2, variable)


# -- the top level: nothing escapes as a traceback ----------------------------------------------------------


def test_an_unexpected_failure_is_one_line_and_debug_shows_the_traceback(monkeypatch):
    import summarise.segment as segment_package

    def broken(*args, **kwargs):
        raise RuntimeError("something internal broke")

    monkeypatch.setattr(segment_package, "segment", broken)
    result = cli("segment", SEED)
    assert_clean(result, 1, "unexpected RuntimeError", "something internal broke", "SUMMARISE_DEBUG=1")
    debug = cli("segment", SEED, env={"SUMMARISE_DEBUG": "1"})
    assert debug.exit_code == 1 and "Traceback" in debug.stderr


def test_interrupt_and_memory_exhaustion_are_mapped(monkeypatch):
    import summarise.segment as segment_package

    for error, code, needle in ((KeyboardInterrupt(), 130, "interrupted"), (MemoryError(), 1, "ran out of memory")):

        def raising(*args, _error=error, **kwargs):
            raise _error

        monkeypatch.setattr(segment_package, "segment", raising)
        result = cli("segment", SEED)
        assert result.exit_code == code and needle in result.stderr and "Traceback" not in result.stderr


def test_write_errors_are_output_errors_naming_the_path(tmp_path):
    from summarise.files import write_output_file

    (tmp_path / "full").symlink_to("/dev/full")
    with pytest.raises(OutputError, match="No space left") as caught:
        write_output_file(tmp_path / "full", "text")
    assert str(tmp_path / "full") in caught.value.message and caught.value.exit_code == 6


# -- names and text that are not what they seem --------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_read_written_and_reported(tmp_path):
    folder = os.fsencode(tmp_path)
    weird = os.fsdecode(folder + b"/\xffname.txt")
    Path(weird).write_text(ARTICLE)
    result = cli("segment", weird, "-f", "json", "-o", tmp_path / "out.json")
    assert result.exit_code == 0, result.stderr
    assert "Russia" in (tmp_path / "out.json").read_text(encoding="utf-8")
    empty = os.fsdecode(folder + b"/\xfeempty.txt")
    Path(empty).write_text("")
    assert_clean(cli("segment", empty), 2, "\\xfeempty.txt: the file is empty")


def test_escape_sequences_in_file_names_do_not_reach_the_terminal(tmp_path):
    hostile = tmp_path / "evil\x1b]0;pwned\x07\x1b[2J.txt"
    hostile.write_text("")
    result = cli("segment", hostile)
    assert_clean(result, 2, "the file is empty")
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_check_text_output_strips_escape_sequences(tmp_path):
    source, summary = tmp_path / "s.txt", tmp_path / "m.txt"
    source.write_text("The minister met the king in Paris on Monday and talked about trade.\n")
    summary.write_text("The minister \x1b]0;pwned\x07met the \x1b[2Jking in \x9b31mLondon on Friday.\n")
    result = cli("check", "--source", source, "--summary", summary)
    assert result.exit_code in (0, 10), result.stderr
    assert not any(ch in result.stdout for ch in "\x1b\x07\x9b")


def test_a_glossary_that_is_an_endless_device_is_bounded(specials):
    from summarise.claims.glossary import load_glossary
    from summarise.errors import SummariseError

    with pytest.raises(SummariseError, match="limit|larger"):
        load_glossary(specials / "zero")


def test_output_to_a_socket_is_a_clear_error(tmp_path):
    import socket

    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        assert_clean(cli("segment", SEED, "-o", path), 6, str(path))
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    finally:
        server.close()


def test_closed_stdout_is_a_clear_error_and_files_still_get_written(tmp_path):
    process = run_process(["segment", str(SEED)], shell_prefix="exec 1>&-; ")
    assert_clean(process.returncode, 6, "standard output is closed", stderr=process.stderr)
    process = run_process(["segment", str(SEED), "-o", str(tmp_path / "out.txt")], shell_prefix="exec 1>&-; ")
    assert process.returncode == 0 and "body:" in (tmp_path / "out.txt").read_text()
