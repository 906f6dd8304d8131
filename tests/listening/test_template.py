"""`journeymap init --results`: a results file made from the journeys' listening plans, and the configuration."""

from __future__ import annotations

import csv
import io
import tomllib

from listening_helpers import write_journey
from typer.testing import CliRunner

from journeymap.cli import app
from journeymap.config import Settings
from journeymap.listening.template import CONFIGURATION

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), env={"NO_COLOR": "1"})


def test_a_row_per_moment_of_truth_that_measures_cleanly(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_journey(tmp_path)
    result = invoke("init", "--results")
    assert result.exit_code == 0, result.output
    assert "an answer for each of the 4 moments of truth found" in result.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "results.csv").read_text(encoding="utf-8"))))
    assert [(row["step"], row["metric"], row["score"], row["value"]) for row in rows] == [
        ("check-in", "ces", "6", ""), ("pay", "csat", "4", ""), ("recommend", "nps", "9", ""),
        ("rate-breakfast", "custom", "70", ""), ("check-in", "ces", "", "5.5")]
    measured = invoke("measure", "results.csv", "-f", "json")
    assert measured.exit_code == 0 and '"dropped": 0' in measured.output


def test_the_configuration_it_prints_is_valid(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_journey(tmp_path)
    result = invoke("init", "--results", "answers.csv")
    assert CONFIGURATION in result.output and (tmp_path / "answers.csv").is_file()
    Settings.model_validate(tomllib.loads(CONFIGURATION))
    uncommented = CONFIGURATION.replace("# journey =", "journey =").replace("# csat = [0, 10]", "csat = [0, 10]")
    loaded = Settings.model_validate(tomllib.loads(uncommented))
    assert loaded.results.columns["journey"] == "Parcours" and loaded.results.scales["csat"] == (0, 10)


def test_without_a_listening_plan_the_header_alone(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("init", "--results")
    assert result.exit_code == 0 and "header only" in result.output
    assert (tmp_path / "results.csv").read_text(encoding="utf-8").splitlines() == [
        "journey,step,date,metric,score,value,respondents,verbatim,channel,segment"]


def test_an_existing_file_is_kept_unless_forced(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "results.csv").write_text("mine\n", encoding="utf-8")
    result = invoke("init", "--results")
    assert result.exit_code == 2 and "already exists" in result.output
    assert (tmp_path / "results.csv").read_text(encoding="utf-8") == "mine\n"
    assert invoke("init", "--results", "--force").exit_code == 0
    assert (tmp_path / "results.csv").read_text(encoding="utf-8").startswith("journey,step,date")
