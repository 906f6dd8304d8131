"""Hostile and broken input: every file gets a clear answer, nothing crashes.

The YAML project's conformance suite (../shared/yaml-test-suite, read at run time) goes through the real commands;
counts are printed in the run's summary.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROBUSTNESS_COUNTS, SHARED
from journeymap.cli import app

SUITE = SHARED / "yaml-test-suite"
YAML_ERRORS = {"JM001", "JM002", "JM003", "JM006", "JM008", "JM009"}
# Invalid YAML that the parsers accept (libyaml through ruamel.yaml.clib first, ruamel's pure-Python parser when
# libyaml refuses): no parser error to report. They load as data and are then refused as "not a journey" (JM004),
# so they still fail, only not as YAML errors. Listed so that a parser upgrade that changes this is noticed.
ACCEPTED_BY_PARSER = {
    "9C9N", "9JBA", "CVW2", "DK95-01", "G5U8", "QB6E", "SU5Z", "Y79Y-003", "YJV2",  # pure-Python parser
    "MUS6-00", "S98Z", "X4QW",  # libyaml
}

runner = CliRunner()


def suite_cases() -> list[dict[str, str]]:
    if not (SUITE / "index.tsv").is_file():
        return []
    with (SUITE / "index.tsv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


def invoke(*args: str):
    result = runner.invoke(app, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args}: uncaught {result.exception!r}") from result.exception
    return result


@pytest.fixture(scope="module")
def cases() -> list[dict[str, str]]:
    found = suite_cases()
    if not found:
        pytest.skip(f"the YAML test suite is not at {SUITE} (it lives in ../shared beside the checkout)")
    return found


def test_yaml_suite_through_validate(cases, tmp_path):
    import json

    counts = {"cases": 0, "invalid": 0, "reported as YAML errors": 0, "accepted by the parser": 0, "crashes": 0}
    for case in cases:
        path = SUITE / "cases" / f"{case['id']}.yaml"
        result = invoke("validate", str(path), "--format", "json")
        counts["cases"] += 1
        assert result.exit_code in (0, 1, 2), (case, result.output)
        records = json.loads(result.stdout)
        assert records, f"{case['id']}: no problem reported for a file that is not a journey"
        assert all(record["line"] >= 1 and record["column"] >= 1 and record["message"] for record in records)
        if case["expect"] == "error":
            counts["invalid"] += 1
            yaml_errors = [record for record in records if record["code"] in YAML_ERRORS]
            if case["id"] in ACCEPTED_BY_PARSER:
                counts["accepted by the parser"] += 1
                assert not yaml_errors and records[0]["code"] == "JM004"
            else:
                assert yaml_errors, (case, records)
                counts["reported as YAML errors"] += 1
    ROBUSTNESS_COUNTS["yaml-test-suite via validate"] = counts
    assert counts["cases"] == len(cases)


def test_yaml_suite_through_render(cases, tmp_path):
    rendered = 0
    for case in cases:
        result = invoke("render", str(SUITE / "cases" / f"{case['id']}.yaml"), "-o", str(tmp_path), "-f", "mermaid")
        assert result.exit_code in (0, 1, 2), (case, result.output)
        assert result.output.strip()
        rendered += 1
    ROBUSTNESS_COUNTS["yaml-test-suite via render"] = {"cases": rendered, "crashes": 0}
