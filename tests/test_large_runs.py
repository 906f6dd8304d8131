"""Large runs (issue 11): 200,000 files took 3 GB with no output. `validate` keeps, per file, its problems and what
the cross-file checks need, not its text, data and model (FileResult.slim); a terminal sees progress. Time and peak
memory of large runs are measured in bench/, not here."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import CLEAN_JOURNEY, EXAMPLES
from journeymap.config import Settings
from journeymap.validate import validate_paths


def _folder(tmp_path: Path) -> Path:
    """Cross-file problems of every kind: a duplicate id, a target whose baseline rests on hypotheses, a customer
    step that another journey's backstage names, and a suppression comment."""
    folder = tmp_path / "journeys"
    shutil.copytree(EXAMPLES, folder)
    (folder / "copy.yaml").write_text((EXAMPLES / "en-b2b-quote-request.yaml").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    base = CLEAN_JOURNEY.replace("evidence: research", "evidence: hypothesis")
    (folder / "base.yaml").write_text(base, encoding="utf-8")
    target = CLEAN_JOURNEY.replace("id: meal-kit", "id: meal-kit-target").replace(
        "state: current", "state: target\ntarget_of: meal-kit")
    start = target.index("action:")
    end = target.index("\n", start)
    target = target[:start] + "action: Check the payment for fraud  # journeymap: disable=JM303" + target[end:]
    (folder / "target.yaml").write_text(target, encoding="utf-8")
    return folder


def test_slim_results_report_exactly_what_full_ones_do(tmp_path):
    folder = _folder(tmp_path)
    full = validate_paths([folder], Settings())
    slim = validate_paths([folder], Settings(), slim=True)
    codes = {p.code for p in full.problems}
    assert {"JM205", "JM407", "JM301"} <= codes, codes  # the cross-file checks all spoke
    assert [p.to_dict() for p in slim.problems] == [p.to_dict() for p in full.problems]
    assert slim.exit_code(strict=True) == full.exit_code(strict=True)
    for result in slim.files:
        assert not hasattr(result.document, "text") and result.journey is None  # nothing of the file kept


def test_progress_is_told_after_every_file(tmp_path):
    folder = _folder(tmp_path)
    seen: list[tuple[int, int]] = []
    report = validate_paths([folder], Settings(), slim=True, progress=lambda done, total: seen.append((done, total)))
    total = len(report.files) + len(report.skipped)
    assert seen == [(done, total) for done in range(1, total + 1)]
