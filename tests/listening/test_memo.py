"""The rows remembered by their cells (tally.py's quick path) give exactly what reading every row in full gives."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from listening_helpers import HEADER, measured, write_csv, write_journey

from journeymap.listening import tally

CELLS = {
    "journey": st.sampled_from(["stay", "stay", "stay ", "hotel", ""]),
    "step": st.sampled_from(["check-in", "pay", "recommend", "rate-breakfast", "find-room", "lobby"]),
    "date": st.sampled_from(["2026-01-05", "2026-01-05", "2026-02-29", "2026-03-01T10:00:00Z", " 2026-04-02",
                             "2025-12-31", "05/01/2026"]),
    "metric": st.sampled_from(["", "ces", "csat", "nps", "custom", "NPS", "bogus"]),
    "score": st.sampled_from(["", "1", "4", "4,5", "5", "7", "9", "10", "11", "x", " 3 "]),
    "value": st.sampled_from(["", "", "", "40", "4.2", "250"]),
    "respondents": st.sampled_from(["", "10", "0", "1,200"]),
    "verbatim": st.sampled_from(["", "", "", "Trop long"]),
}
ROWS = st.lists(st.fixed_dictionaries(CELLS).map(lambda cells: [cells[name] for name in HEADER]), max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=ROWS, period=st.sampled_from(["week", "month", "quarter"]), since=st.sampled_from([None, "2026-01-06"]))
def test_the_quick_path_changes_nothing(monkeypatch, rows, period, since):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        write_journey(folder)
        results = write_csv(folder, rows)
        options = {"period": period, "since": dt.date.fromisoformat(since) if since else None, "min_respondents": 2}
        quick = measured(folder, [results], **options).to_dict()
        with monkeypatch.context() as patched:
            patched.setattr(tally, "MEMO_LIMIT", 0)  # nothing remembered: every row read in full
            full = measured(folder, [results], **options).to_dict()
    assert quick == full


def test_the_quick_path_is_taken(monkeypatch, tmp_path):
    """Repeated rows are added without being read again (else the quick path above would prove nothing)."""
    write_journey(tmp_path)
    rows = [["stay", "check-in", "2026-01-05", "ces", "5", "", "", ""]] * 50
    calls = []
    original = tally.read_cells
    monkeypatch.setattr(tally, "read_cells", lambda *args: calls.append(1) or original(*args))
    found = measured(tmp_path, [write_csv(tmp_path, rows)])
    assert len(calls) == 1 and found.rows.used == 50
    assert found.moments[0].latest.respondents == 50


@pytest.mark.parametrize("limit", [0, 1])
def test_a_full_memo_reads_the_rest_in_full(monkeypatch, tmp_path, limit):
    monkeypatch.setattr(tally, "MEMO_LIMIT", limit)
    write_journey(tmp_path)
    rows = [["stay", "check-in", f"2026-01-{day:02d}", "ces", "5", "", "", ""] for day in range(1, 29)]
    found = measured(tmp_path, [write_csv(tmp_path, rows)])
    assert found.rows.used == 28 and found.moments[0].latest.value == 5
