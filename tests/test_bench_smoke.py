"""Benchmarks are not timed tests: CI only runs them at a tiny size, so that they keep working."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_diff_benchmark_runs_at_a_tiny_size():
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "diff_bench.py"), "--quick"],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "growth" in result.stdout and "per step" in result.stdout
