"""How much memory a process has used: the Ray engine reports its workers' peak, and
bench/throughput.py each variant's, through this one function."""

from __future__ import annotations

import resource
import sys
from pathlib import Path


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB. Read from /proc's VmHWM, not ``ru_maxrss``: Linux
    carries ru_maxrss over fork and exec, so a child (a Ray worker, a benchmark variant) would report
    its parent's peak instead of its own."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # no /proc: macOS, where no fork issue
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)  # bytes on macOS, KB elsewhere
