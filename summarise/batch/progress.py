"""How a batch job shows its progress: a live bar on a terminal, log lines elsewhere.

``bar``: a rich progress bar (done/total, articles/s, elapsed, ETA) with failures printed above it.
``log``: one plain line per article, for log files and CI. ``quiet``: only failures and a status line
every half minute. All of them go to stderr; the closing summary table goes to stdout.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

from .manifest import Attempt

QUIET_INTERVAL_S = 30.0


@dataclass
class Tally:
    total: int = 0  # articles this run will attempt
    skipped: int = 0  # finished by an earlier run
    done: int = 0
    failed: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        """Articles per second so far."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    def eta(self) -> float | None:
        return (self.total - self.done) / self.rate if self.rate > 0 else None


def clock(seconds: float | None) -> str:
    if seconds is None:
        return "-:--:--"
    whole = round(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


class Progress:
    """The reporter interface (and a silent reporter, for library callers)."""

    def __init__(self) -> None:
        self.tally = Tally()

    def start(self, total: int, skipped: int) -> None:
        self.tally = Tally(total=total, skipped=skipped)

    def advance(self, attempt: Attempt) -> None:
        self.tally.done += 1
        self.tally.failed += attempt.status != "ok"

    def note(self, message: str) -> None:
        pass

    def close(self) -> None:
        pass


class LogProgress(Progress):
    def __init__(self, stream: TextIO | None = None, *, quiet: bool = False):
        super().__init__()
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self._last_status = time.monotonic()

    def start(self, total: int, skipped: int) -> None:
        super().start(total, skipped)
        already = f" ({skipped} already done; --force redoes them)" if skipped else ""
        self._line(f"batch: {total} article(s) to brief{already}")

    def advance(self, attempt: Attempt) -> None:
        super().advance(attempt)
        t = self.tally
        width = len(str(t.total))
        position = f"[{t.done:>{width}}/{t.total}]"
        if attempt.status != "ok":
            self._line(f"{position} FAILED {describe_failure(attempt)}")
        elif not self.quiet:
            self._line(
                f"{position} ok {attempt.input} -> {attempt.output} ({attempt.seconds:.1f}s; "
                f"{t.rate:.2f} articles/s, ETA {clock(t.eta())})"
            )
        if self.quiet and time.monotonic() - self._last_status >= QUIET_INTERVAL_S:
            self._last_status = time.monotonic()
            self._line(f"{position} {t.failed} failed; {t.rate:.2f} articles/s, ETA {clock(t.eta())}")

    def note(self, message: str) -> None:
        self._line(message)

    def _line(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()


class BarProgress(Progress):
    def __init__(self, console=None):
        super().__init__()
        from rich.console import Console

        self.console = console or Console(stderr=True)
        self._bar = None
        self._task = None

    def start(self, total: int, skipped: int) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import (
            Progress as RichProgress,
        )

        super().start(total, skipped)
        if skipped:
            self.console.print(f"{skipped} article(s) already done (--force redoes them)")
        self._bar = RichProgress(
            TextColumn("[bold]briefing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} articles/s"),
            TextColumn("{task.fields[failed]} failed"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self._bar.start()
        self._task = self._bar.add_task("briefing", total=total, rate="-", failed=0)

    def advance(self, attempt: Attempt) -> None:
        from rich.markup import escape

        super().advance(attempt)
        if attempt.status != "ok":
            self.console.print("[red]failed[/red] " + escape(describe_failure(attempt)), markup=True, highlight=False)
        if self._bar is not None:
            self._bar.update(self._task, advance=1, rate=f"{self.tally.rate:.2f}", failed=self.tally.failed)

    def note(self, message: str) -> None:
        self.console.print(message, highlight=False)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def make_progress(*, quiet: bool, stream: TextIO | None = None) -> Progress:
    """A bar on an interactive terminal, plain log lines otherwise or with ``quiet``."""
    stream = stream or sys.stderr
    if not quiet and stream.isatty():
        from rich.console import Console

        return BarProgress(Console(file=stream))
    return LogProgress(stream, quiet=quiet)


def describe_failure(attempt: Attempt) -> str:
    """The input and the first line of its error (which often names the input already)."""
    error = attempt.error.splitlines()[0] if attempt.error else "unknown error"
    text = error if error.startswith(attempt.input) else f"{attempt.input}: {error}"
    # Names and errors quote untrusted input (file names, JSONL ids): no escape sequence reaches the terminal.
    return "".join("?" if ord(c) < 32 or 0x7F <= ord(c) <= 0x9F else c for c in text)


def print_summary(result, console=None) -> None:
    """The closing table: ok, failed, skipped, time, throughput; then the first failures."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    title = "batch interrupted" if result.interrupted else "batch finished"
    table = Table(title=title, title_justify="left")
    for column in ("ok", "failed", "skipped", "time", "articles/min", "tokens/s"):
        table.add_column(column, justify="right")
    tokens = f"{result.generated_tokens / result.seconds:.0f}" if result.seconds > 0 and result.generated_tokens else "-"
    table.add_row(
        str(result.ok),
        str(result.failed),
        str(result.skipped),
        clock(result.seconds),
        f"{result.articles_per_minute:.1f}",
        tokens,
    )
    console.print(table)
    for attempt in result.failures[:10]:
        console.print(f"failed: {describe_failure(attempt)}", highlight=False, markup=False)
    if len(result.failures) > 10:
        console.print(f"... and {len(result.failures) - 10} more", highlight=False)
    console.print(f"manifest: {result.manifest}", highlight=False, markup=False)
    if result.interrupted:
        console.print("run the same command again to carry on where it stopped", highlight=False)
