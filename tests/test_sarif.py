"""`validate --format sarif`: checked against the official SARIF 2.1.0 schema and GitHub code scanning's limits."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import CLEAN_JOURNEY, ROOT, position_of
from journeymap import catalogue
from journeymap.cli import app
from journeymap.problems import Problem, Severity
from journeymap.sarif import FINGERPRINT_KEY, MAX_RESULTS, sarif_log

SCHEMA = json.loads((ROOT / "tests" / "sarif_schema" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
runner = CliRunner()

# A step without emotion (warning), an unknown key and a process step (errors).
BROKEN = (
    CLEAN_JOURNEY.replace("        emotion: 2\n", "")
    .replace("action: Browse the recipes", "action: Send the quote")
    .replace("title: Order a meal kit", "title: Order a meal kit\ntitel: typo")
)


def check_sarif(log: dict) -> None:
    """The official schema, then what GitHub's upload adds to it (rules and results it can key alerts on)."""
    validator = jsonschema.validators.validator_for(SCHEMA)(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(error.path)}: {error.message}" for error in errors[:5])
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len(rules) <= 25_000 and len(run["results"]) <= 25_000
    assert all(len(rule["properties"]["tags"]) <= 20 for rule in rules)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning")
        assert len(result["locations"]) == 1 and result["message"]["text"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        if "uriBaseId" in artifact:  # relative to the checkout: no scheme, no leading slash
            assert artifact["uriBaseId"] == "%SRCROOT%" and not urlsplit(artifact["uri"]).scheme
            assert not artifact["uri"].startswith("/")
        assert result["partialFingerprints"][FINGERPRINT_KEY]


def validate_sarif(folder: Path, monkeypatch: pytest.MonkeyPatch, *paths: str) -> tuple[int, dict]:
    monkeypatch.chdir(folder)
    result = runner.invoke(app, ["validate", "--format", "sarif", *paths], env={"NO_COLOR": "1"})
    return result.exit_code, json.loads(result.stdout)


def test_sarif_is_valid_and_locates_every_problem_like_the_json_output(tmp_path, monkeypatch):
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "meal kit.yaml").write_text(BROKEN, encoding="utf-8")
    code, log = validate_sarif(tmp_path, monkeypatch, "journeys")
    assert code == 1
    check_sarif(log)
    records = json.loads(runner.invoke(app, ["validate", "--format", "json", "journeys"]).stdout)
    results = log["runs"][0]["results"]
    assert len(results) == len(records) == 3
    for result, record in zip(results, records):
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": "journeys/meal%20kit.yaml", "uriBaseId": "%SRCROOT%"}
        assert unquote(location["artifactLocation"]["uri"]) == record["file"]
        region = location["region"]
        assert (region["startLine"], region["startColumn"]) == (record["line"], record["column"])
        assert (result["ruleId"], result["level"]) == (record["code"], record["severity"])
        assert result["message"]["text"] == record["message"] + (f"\n{record['hint']}" if record["hint"] else "")
    unknown_key = next(result for result in results if result["ruleId"] == "JM101")
    line, column = position_of(BROKEN, "titel:")
    assert unknown_key["locations"][0]["physicalLocation"]["region"] == {"startLine": line, "startColumn": column}
    assert {result["ruleId"] for result in results} >= {"JM101", "JM301", "JM401"}
    assert log["runs"][0]["properties"] == {"journeyFilesChecked": 1, "yamlFilesSkipped": 0}


def test_rules_are_the_whole_catalogue_with_the_help_journeymap_rules_prints(tmp_path, monkeypatch):
    (tmp_path / "j.yaml").write_text(CLEAN_JOURNEY, encoding="utf-8")
    code, log = validate_sarif(tmp_path, monkeypatch, "j.yaml")
    assert code == 0
    check_sarif(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert log["runs"][0]["results"] == []
    assert [rule["id"] for rule in driver["rules"]] == [check.code for check in catalogue.CHECKS]
    assert driver["name"] == "journeymap" and driver["version"]
    for rule in driver["rules"]:
        check = catalogue.BY_CODE[rule["id"]]
        assert rule["name"] == check.name and rule["shortDescription"]["text"] == check.summary
        assert rule["defaultConfiguration"]["level"] == check.severity.value
    jm301 = next(rule for rule in driver["rules"] if rule["id"] == "JM301")
    printed = runner.invoke(app, ["rules", "JM301"]).stdout
    assert jm301["help"]["text"] == printed.rstrip("\n")
    assert "```yaml\naction: Envoyer un devis" in jm301["help"]["markdown"]


def test_fingerprints_survive_moved_lines_and_tell_problems_apart(tmp_path, monkeypatch):
    path = tmp_path / "j.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    _, first = validate_sarif(tmp_path, monkeypatch, "j.yaml")
    path.write_text("# a comment\n# another\n" + BROKEN, encoding="utf-8")
    _, moved = validate_sarif(tmp_path, monkeypatch, "j.yaml")

    def keyed(log: dict) -> list[tuple[str, int]]:
        return [(result["partialFingerprints"][FINGERPRINT_KEY],
                 result["locations"][0]["physicalLocation"]["region"]["startLine"])
                for result in log["runs"][0]["results"]]

    before, after = keyed(first), keyed(moved)
    assert [fingerprint for fingerprint, _ in before] == [fingerprint for fingerprint, _ in after]
    assert [line + 2 for _, line in before] == [line for _, line in after]
    assert len({fingerprint for fingerprint, _ in before}) == len(before)
    path.write_text(BROKEN.replace("action: Send the quote", "action: Send the invoice"), encoding="utf-8")
    _, reworded = validate_sarif(tmp_path, monkeypatch, "j.yaml")
    assert {fingerprint for fingerprint, _ in keyed(reworded)} != {fingerprint for fingerprint, _ in before}


def problem(file: str, line: int, code: str = "JM401", message: str = "step has no emotion") -> Problem:
    check = catalogue.BY_CODE[code]
    return Problem(file, line, 3, code, check.name, check.severity, message, path=("stages", 0, "steps", line))


def test_identical_problems_get_ranked_fingerprints_and_odd_file_names_valid_uris():
    log = sarif_log([problem("a:b#c%.yaml", 4, message="same"), problem("a:b#c%.yaml", 4, message="same"),
                     problem("/srv/journeys/x y.yaml", 1)])
    check_sarif(log)
    results = log["runs"][0]["results"]
    first, second = (result["partialFingerprints"][FINGERPRINT_KEY] for result in results[:2])
    assert first.endswith(":1") and second.endswith(":2") and first[:-2] == second[:-2]
    uris = [result["locations"][0]["physicalLocation"]["artifactLocation"] for result in results]
    assert uris[0] == {"uri": "a%3Ab%23c%25.yaml", "uriBaseId": "%SRCROOT%"}  # not a URI of scheme "a"
    assert uris[2] == {"uri": "file:///srv/journeys/x%20y.yaml"}  # outside the folder journeymap ran in
    assert results[0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "stages[0].steps[4]"


def test_quoted_labels_cannot_become_embedded_links():
    text = "'See [the form](1)' is not the customer's action"
    result = sarif_log([problem("j.yaml", 2, "JM301", text)])["runs"][0]["results"][0]
    assert result["message"]["text"] == "'See \\[the form\\](1)' is not the customer's action"
    plain = sarif_log([problem("j.yaml", 2, "JM301", "labels [a] and [b]")])["runs"][0]["results"][0]
    assert plain["message"]["text"] == "labels [a] and [b]"  # no link syntax: left as written


def test_over_githubs_result_limit_errors_are_kept_and_the_cut_is_said():
    assert MAX_RESULTS == 25_000  # GitHub's "Results per run" hard limit
    many = [problem("j.yaml", line) for line in range(1, 6)] + [problem("j.yaml", 9, "JM101", "unknown key")]
    log = sarif_log(many, limit=3)
    check_sarif(log)
    results = log["runs"][0]["results"]
    assert len(results) == 3 and "JM101" in [result["ruleId"] for result in results]
    notice = log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    assert notice.startswith("3 of 6 problems left out")


def test_sarif_through_the_real_command_is_utf8_json(tmp_path, run_cli):
    (tmp_path / "é.yaml").write_text(BROKEN.replace("titel: typo", "titel: «typo» \u202e"), encoding="utf-8")
    result = run_cli("validate", "--format", "sarif", ".")
    assert result.returncode == 1, result.stderr
    log = json.loads(result.stdout)
    check_sarif(log)
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "%C3%A9.yaml"
    assert "\u202e" not in result.stdout  # bidirectional overrides written as JSON escapes
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["id"] == "JM001"
    assert Severity.ERROR.value in {item["level"] for item in log["runs"][0]["results"]}


def test_sarif_output_imports_nothing_heavy(tmp_path):
    import subprocess
    import sys

    (tmp_path / "j.yaml").write_text(BROKEN, encoding="utf-8")
    code = (
        "import atexit, sys\n"
        "heavy = ('rich', 'graphviz', 'jinja2', 'numpy', 'sklearn')\n"
        "atexit.register(lambda: print('imported:', [m for m in heavy if m in sys.modules], file=sys.stderr))\n"
        "sys.argv = ['journeymap', 'validate', '--format', 'sarif', 'j.yaml']\n"
        "from journeymap.cli import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and json.loads(result.stdout)["runs"][0]["results"]
    assert "imported: []" in result.stderr, result.stderr
