"""The typer application and what every command shares: settings from flags, error mapping, output."""

from __future__ import annotations

import errno
import functools
import io
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from ..errors import OutputError, SummariseError
from ..files import check_output_path, write_output_file
from ..settings import Settings, enforce_offline, load_settings, parse_model_path_items


class _OneLineErrors(TyperGroup):
    """The command group, with a mistake on the command line (an unknown option, ``--sentences 0``,
    a missing argument) shown as one ``error:`` line and a hint, like every other error, instead of
    click's usage box; the exit code stays click's 2 (a bad option)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.TyperException as error:  # typer's (vendored) click errors: usage, bad values
            if type(error).__name__ == "NoArgsIsHelpError":
                error.show()  # `summarise` alone: the help, as before
            else:
                context = getattr(error, "ctx", None)
                command = context.command_path if context is not None else "summarise"
                _say(f"error: {error.format_message()}\n  hint: see `{command} --help`")
            sys.exit(error.exit_code)
        except typer.Abort:
            _say("interrupted")
            sys.exit(130)
        # Without standalone mode, click returns the code of an explicit Exit, or the command's result
        # (None for every command here).
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    cls=_OneLineErrors,
    name="summarise",
    help="Bilingual English–Arabic news briefs on local models, with the key claims traced to the source.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(error: SummariseError) -> None:
    _say(f"error: {error}")
    raise typer.Exit(error.exit_code)


# Exit status when standard output was closed by its reader (`summarise ... | head`): what a shell
# reports for a program killed by SIGPIPE. Nothing is printed: the reader chose to stop.
BROKEN_PIPE_EXIT = 141
BUG_EXIT = 1
_DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
DEBUG_VARIABLE = "SUMMARISE_DEBUG"


def handles_errors(command):
    """Show a SummariseError as a message (never a traceback) and exit with its code; anything else
    is a bug, shown as one line (``SUMMARISE_DEBUG=1`` shows the traceback)."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except BaseException as error:  # noqa: BLE001 - the one place errors become exit codes
            raise typer.Exit(report(error)) from None

    return wrapper


def report(error: BaseException) -> int:
    """Print one line for ``error`` on stderr and return the exit code the README gives it."""
    if isinstance(error, SummariseError):
        _say(f"error: {error}")
        return error.exit_code
    if isinstance(error, KeyboardInterrupt):
        _say("interrupted")
        return 130
    if isinstance(error, OSError) and error.errno == errno.EPIPE:
        _silence_stdout()
        return BROKEN_PIPE_EXIT
    if isinstance(error, OSError) and error.errno in (*_DISK_FULL, errno.EBADF):
        # Inputs, outputs and model folders each wrap their own failures; what is left is the terminal
        # output (tables, progress) going to a full disk.
        _silence_stdout()
        advice = "run it with standard output open" if error.errno == errno.EBADF else "free disk space, or send the output elsewhere"
        _say(f"error: cannot write the output: {error.strerror}\n  hint: {advice}")
        return OutputError.exit_code
    if isinstance(error, MemoryError):
        _say("error: ran out of memory\n  hint: give a smaller input (SUMMARISE_MAX_INPUT_BYTES), fewer articles "
             "per batch, or more memory")
        return BUG_EXIT
    if os.environ.get(DEBUG_VARIABLE, "") not in ("", "0"):
        import traceback

        traceback.print_exception(error)
    detail = str(error).splitlines()[0][:300] if str(error) else ""
    _say(
        f"error: unexpected {type(error).__name__}{': ' + detail if detail else ''} (a bug in summarise)\n"
        f"  hint: please report it with the command and input; {DEBUG_VARIABLE}=1 shows the traceback"
    )
    return BUG_EXIT


# Control characters (ESC, BEL, C1 CSI ...) other than newline: an error or warning quoting a hostile
# file name or article line must not drive the terminal either.
_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def _say(message: str) -> None:
    try:
        # backslashreplace: a file name that is not UTF-8 is shown as \xNN escapes, never lost
        safe = message.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        typer.echo(_CONTROLS.sub("?", safe), err=True)
    except (OSError, ValueError):
        pass  # stderr itself is gone: the exit code is all that is left to say it


def _silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null, so Python's final flush of a dead stdout says nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


class _ClosedStream(io.TextIOBase):
    """Stands in for a standard stream the program was started without (``>&-``): not a terminal,
    and writing to it is an OSError, which the error mapping reports like any failed write."""

    def __init__(self, name: str):
        self.name = name

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, f"{self.name} is closed")


def run_app() -> int:
    """Run the CLI and return its exit code; nothing escapes as a traceback, not even a failure to
    flush standard output when the program ends (a full disk, a closed pipe)."""
    if sys.stdout is None:
        sys.stdout = _ClosedStream("standard output")
    if sys.stderr is None:
        sys.stderr = _ClosedStream("standard error")
    try:
        app()
        code: int | str | None = 0
    except SystemExit as exit_:
        code = exit_.code
    except BaseException as error:  # noqa: BLE001 - parsing or import failures outside any command
        code = report(error)
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as error:
        _silence_stdout()
        if error.errno == errno.EPIPE:
            return BROKEN_PIPE_EXIT
        _say(f"error: cannot write to standard output: {error.strerror or error}\n"
             "  hint: free disk space, or send the output elsewhere with -o FILE")
        return OutputError.exit_code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    _say(str(code))
    return 1


def build_settings(offline: bool = False, model_path: list[str] | None = None, **flags: Any) -> Settings:
    overrides = {k: v for k, v in flags.items() if v is not None}
    if offline:
        overrides["offline"] = True
    if model_path:
        overrides["model_paths"] = parse_model_path_items(model_path)
    settings = load_settings(overrides)
    enforce_offline(settings)
    return settings


def warn(message: str) -> None:
    _say(f"warning: {message}")


def check_output(output: Path | None, inputs: Iterable[str | Path] = ()) -> None:
    """Fail before any work when ``output`` cannot or must not be written (see summarise.files)."""
    if output is not None and not _is_stdout(output):
        check_output_path(output, inputs=inputs)


def _is_stdout(output: Path | str) -> bool:
    """``-o -`` means standard output, as for every Unix tool (it used to make a file named "-")."""
    return str(output) == "-"


def write_output(text: str, output: Path | None, *, inputs: Iterable[str | Path] = ()) -> None:
    """Print ``text``, or write it to ``output`` (atomically for a file; never over one of ``inputs``,
    nor over a write-protected file; through a FIFO or device as a shell redirection would)."""
    if output is not None and not _is_stdout(output):
        write_output_file(output, text, inputs=inputs)
        return
    if sys.stdout is None:
        raise OutputError("cannot write the output: standard output is closed", "give a file with -o/--output")
    try:
        try:
            sys.stdout.write(text)
        except UnicodeEncodeError:  # a non-UTF-8 file name, or a terminal that cannot show the text
            sys.stdout.flush()
            sys.stdout.buffer.write(text.encode(sys.stdout.encoding or "utf-8", errors="replace"))
        sys.stdout.flush()
    except OSError as error:
        _silence_stdout()
        if error.errno == errno.EPIPE:
            raise
        raise OutputError(
            f"cannot write to standard output: {error.strerror or error}",
            "give a file with -o/--output" if error.errno == errno.EBADF
            else "free disk space, or send the output elsewhere with -o FILE",
        ) from None


# Options shared by the commands that run models.
SummariserOpt = typer.Option(None, "--summariser", "-s", help="Summariser name (see `summarise models list`).")
TranslatorOpt = typer.Option(None, "--translator", "-t", help="Translator name (see `summarise models list`).")
SentencesOpt = typer.Option(None, "--sentences", "-n", min=1, help="Brief length in sentences (default: 3).")
DeviceOpt = typer.Option(None, "--device", help="auto, cpu or cuda (default: auto).")
DtypeOpt = typer.Option(None, "--dtype", help="auto, float32, bfloat16 or float16 (default: auto).")
BackendOpt = typer.Option(
    None,
    "--backend",
    help="auto (CTranslate2 where `summarise models convert` made a copy, else transformers), transformers "
    "or ctranslate2 (default: auto).",
)
OfflineOpt = typer.Option(False, "--offline", help="Guarantee no network access (loading is local-only anyway).")
ModelPathOpt = typer.Option(None, "--model-path", help="Use a local directory for a model: NAME=DIR (repeatable).")
LanguageOpt = typer.Option(None, "--language", "-l", help="Source language code; detected when omitted.")
