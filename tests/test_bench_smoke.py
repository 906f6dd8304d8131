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


def test_benchmark_table_is_written_at_a_tiny_size(tmp_path):
    """bench/run.py --quick runs every measurement (the peer and PyYAML only when installed) and writes its table
    where it is told, never over bench/RESULTS.md."""
    results = ROOT / "bench" / "RESULTS.md"
    before = results.read_bytes() if results.exists() else None
    table = tmp_path / "RESULTS.md"
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--output", str(table)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    text = table.read_text(encoding="utf-8")
    for heading in ("## Targets", "## 1. Start-up", "## 2. One typical file", "## 3. Throughput",
                    "## 4. Render", "## 5. Diff"):
        assert heading in text, heading
    assert "bare import" in text and "÷" in text
    assert (results.read_bytes() if results.exists() else None) == before


def test_generated_journeys_are_valid():
    """The benchmarks time the path of valid files: the generator must keep making them (French and English)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import make_journey, make_target, to_yaml
    finally:
        sys.path.remove(str(ROOT / "bench"))
    from journeymap.validate import validate_text

    for lang in ("fr", "en"):
        result = validate_text(to_yaml(make_journey(60, seed=5, lang=lang, ident=f"bench-{lang}")), "bench.yaml")
        assert result.problems == [] and result.journey is not None, result.problems[:3]
    current = make_journey(60, spare_labels=True)
    target = make_target(current)
    current.pop("_spare_labels")
    for side in (current, target):
        result = validate_text(to_yaml(side), "bench.yaml")
        assert not [problem for problem in result.problems if problem.severity.value == "error"], result.problems[:3]
