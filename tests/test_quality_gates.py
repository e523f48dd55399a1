"""Quality gates over real third-party evaluation data (../shared/eval), like trafilatura's.

The data is not part of the repository (licences); where it is absent these tests skip and say so.
Each gate runs the benchmark script exactly as a developer would and fails when it reports a
regression below the pinned threshold.
"""

import subprocess
import sys

import pytest

from tests.conftest import EVAL_DIR, ROOT

pytestmark = pytest.mark.skipif(not EVAL_DIR.is_dir(), reason=f"evaluation data {EVAL_DIR} is absent")


def run_bench(*args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    print(result.stdout[-4000:])
    return result


def test_segmentation_body_f1_gate():
    result = run_bench("bench/segment.py", "--articles", "200", "--gate", "0.97")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "SKIP" not in result.stdout


def test_extractive_summaries_hold_up_against_lead():
    """Pinned: on the full English set the embedded summariser is not below Lead-3 (measured
    +0.56/+0.25/+0.47 when this gate was written); on Arabic, not below Lead-1."""
    result = run_bench("bench/extractive.py", "--gate", "0.0", timeout=1500)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert result.stdout.count("PASS") == 2
