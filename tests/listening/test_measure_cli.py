"""`journeymap measure` through typer's runner and as a subprocess: formats, exit codes, a scheduled CI job."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from listening_helpers import answers, write_csv, write_journey
from typer.testing import CliRunner

from journeymap.cli import app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), env={"NO_COLOR": "1"})


@pytest.fixture
def folder(tmp_path):
    write_journey(tmp_path)
    (tmp_path / "journeymap.toml").write_text("[results]\nmin_respondents = 3\n", encoding="utf-8")
    return tmp_path


def test_alerts_are_reported_and_fail_only_when_asked(folder, monkeypatch):
    monkeypatch.chdir(folder)
    write_csv(folder, answers("check-in", "ces", [2, 3, 3]) + answers("pay", "csat", [5, 5, 4]))
    result = invoke("measure", "results.csv")
    assert result.exit_code == 0, result.output
    assert "stay.yaml:" in result.output and "ALERT: stay / check-in" in result.output
    assert "fine: stay / pay" in result.output
    assert "no data for 2 moments of truth of stay: recommend, rate-breakfast" in result.output
    assert "4 moments of truth: 1 in alert, 0 to watch, 1 fine, 2 without a reading. 6 of 6 rows used." \
        in result.output
    failing = invoke("measure", "results.csv", "--fail-on", "alert")
    assert failing.exit_code == 1


def test_github_annotations_point_at_the_journeys_moment_of_truth(folder, monkeypatch):
    monkeypatch.chdir(folder)
    write_csv(folder, answers("check-in", "ces", [2, 3, 3]) + [["stay", "lobby", "2026-03-10", "ces", 5, "", "", ""]])
    result = invoke("measure", "results.csv", "-f", "github")
    assert result.exit_code == 1  # the unknown step is an error
    text = (folder / "stay.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, row in enumerate(text, start=1) if "metric: ces" in row)
    assert f"::error file=stay.yaml,line={line},col=9,title=ALERT%3A check-in::CES 2.67 in 2026-03 (3 respondents)" \
        in result.output
    assert "::error file=results.csv,line=5,col=1,title=JM503 results.unknown-step::" in result.output


def test_json_and_markdown(folder, monkeypatch):
    monkeypatch.chdir(folder)
    write_csv(folder, answers("recommend", "nps", [10, 10, 0], "2026-02-03") + answers("recommend", "nps", [10] * 3))
    data = json.loads(invoke("measure", "results.csv", "-f", "json").output)
    moment = next(m for m in data["moments"] if m["step"] == "recommend")
    assert moment["status"] == "fine" and moment["latest"]["value"] == 100
    assert moment["latest"]["change"] == pytest.approx(100 - 100 / 3, abs=1e-3)
    assert [p["period"] for p in moment["periods"]] == ["2026-02", "2026-03"]
    assert data["rows"] == {"read": 6, "used": 6, "dropped": 0, "before_since": 0}
    markdown = invoke("measure", "results.csv", "-f", "md", "--period", "quarter").output
    assert "| 🟢 fine | stay | recommend: Recommend the hotel | NPS | +67 (2026-Q1) | 6 | +20 |  |" in markdown  # (5 - 1) / 6


@pytest.mark.parametrize(("args", "message"), [
    (["missing.csv"], "no such results file: missing.csv"),
    (["results.csv", "--since", "March"], "--since March: not a date"),
    (["results.csv", "--journeys", "nowhere"], "no such file or folder: nowhere"),
])
def test_usage_errors_exit_2(folder, monkeypatch, args, message):
    monkeypatch.chdir(folder)
    write_csv(folder, answers("check-in", "ces", [5]))
    result = invoke("measure", *args)
    assert result.exit_code == 2 and message in result.output


def test_no_journey_to_read_against(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_csv(tmp_path, answers("check-in", "ces", [5]))
    result = invoke("measure", "results.csv")
    assert result.exit_code == 2 and "no journey found" in result.output


def test_standard_input_in_a_scheduled_job(folder):
    csv_text = "journey,step,date,score\n" + "".join(f"stay,check-in,2026-03-1{i},2\n" for i in range(3))
    done = subprocess.run([sys.executable, "-m", "journeymap", "measure", "-", "--fail-on", "alert"], cwd=folder,
                          input=csv_text, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 1, done.stderr
    assert "ALERT: stay / check-in" in done.stdout


def test_the_python_api_gives_what_the_command_gives(folder, monkeypatch):
    import journeymap

    monkeypatch.chdir(folder)
    write_csv(folder, answers("check-in", "ces", [2, 3, 3]))
    found = journeymap.measure("results.csv", journeys=folder)
    assert isinstance(found, journeymap.Measurement)
    assert found.to_dict() == json.loads(invoke("measure", "results.csv", "-f", "json").output)
    assert found.exit_code(fail_on_alert=True) == 1
    with pytest.raises(journeymap.JourneymapError, match="unknown period 'day'"):
        journeymap.measure("results.csv", journeys=folder, period="day")
    with pytest.raises(journeymap.JourneymapError, match="no such results file"):
        journeymap.measure("missing.csv", journeys=folder)
