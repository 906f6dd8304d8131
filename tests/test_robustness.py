"""Hostile and broken input: every file gets a clear answer, nothing crashes.

The YAML project's conformance suite (../shared/yaml-test-suite, read at run time) goes through the real commands;
counts are printed in the run's summary.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, ROBUSTNESS_COUNTS, SHARED
from journeymap.cli import app

SUITE = SHARED / "yaml-test-suite"
EXAMPLE_CURRENT = EXAMPLES / "en-b2b-quote-request.yaml"
YAML_ERRORS = {"JM001", "JM002", "JM003", "JM006", "JM008", "JM009"}
# Invalid YAML that the parsers accept (libyaml through ruamel.yaml.clib first, ruamel's pure-Python parser when
# libyaml refuses): no parser error to report. They load as data and are then refused as "not a journey" (JM004),
# so they still fail, only not as YAML errors. Listed so that a parser upgrade that changes this is noticed.
ACCEPTED_BY_PARSER = {
    "9C9N", "9JBA", "CVW2", "DK95-01", "G5U8", "QB6E", "SU5Z", "Y79Y-003", "YJV2",  # pure-Python parser
    "S98Z", "X4QW",  # libyaml
}  # MUS6-00 (`%YAML 1.1#...`) left the list: a file with a version directive is read by the pure-Python parser

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


def test_yaml_suite_through_diff(cases):
    tried = 0
    for case in cases:
        path = str(SUITE / "cases" / f"{case['id']}.yaml")
        result = invoke("diff", path, path, "--format", "json")
        assert result.exit_code in (0, 1, 2), (case, result.output)
        assert result.output.strip()
        tried += 1
    ROBUSTNESS_COUNTS["yaml-test-suite via diff"] = {"cases": tried, "crashes": 0}


# -- resource attacks: each answered quickly, in bounded memory, with a clear error -----------------------------

def _billion_laughs() -> str:
    lines = ['lol0: &l0 "lol"']
    for level in range(1, 10):
        lines.append(f"lol{level}: &l{level} [{', '.join([f'*l{level - 1}'] * 10)}]")
    return "journeymap: 1\n" + "\n".join(lines) + "\n"


def _huge_scalar() -> str:
    return "journeymap: 1\nid: big\ntitle: " + "x" * 3_000_000 + "\nstate: current\nobjective: o\n"


def _many_steps() -> str:
    steps = "".join(f"      - {{id: s{i}, action: Pay {i}, emotion: 1}}\n" for i in range(100_000))
    return ("journeymap: 1\nid: big\ntitle: Big\nstate: current\nobjective: o\nstages:\n  - id: s\n    name: S\n"
            "    steps:\n" + steps)


ATTACKS = {
    "alias bomb": (_billion_laughs, "JM008"),
    "deep block nesting": (lambda: "journeymap: 1\nx:\n" + "".join("  " * i + "- \n" for i in range(1, 3000)), "JM008"),
    "deep flow nesting": (lambda: "journeymap: 1\nx: " + "[" * 50_000 + "]" * 50_000 + "\n", "JM008"),
    # one line of compact block sequences: libyaml's composer recursed 30,000 levels deep and crashed (issue 11)
    "deep compact sequences": (lambda: "- " * 30_000 + "a\n", "JM008"),
    "deep compact sequences, pure parser": (lambda: "%YAML 1.2\n---\n" + "- " * 30_000 + "a\n", "JM008"),
    "deep complex keys": (lambda: "? " * 30_000 + "a\n", "JM008"),
    "deep sequences with anchors and tags": (lambda: "".join(f"- &a{i} !t " for i in range(20_000)) + "a\n", "JM008"),
    "scalar of millions of characters": (_huge_scalar, "JM104"),
    # issue 11: took 22-39 s and 1.6 GB, then blamed aliases there were none of
    "10 MB one-line flow list": (lambda: "journeymap: 1\nx: [" + "a, " * 3_300_000 + "a]\n", "JM008"),
    "flow map of a million keys": (lambda: "{" + ", ".join(f"k{i}: v" for i in range(700_000)) + "}\n", "JM008"),
    "block list of two million items": (lambda: "journeymap: 1\nx:\n" + "- a\n" * 2_000_000, "JM008"),
    "100,000 steps": (_many_steps, "JM010"),
}


@pytest.mark.parametrize("name", list(ATTACKS))
def test_resource_attack_is_refused_quickly_in_bounded_memory(name, tmp_path, run_cli):
    make, code = ATTACKS[name]
    path = tmp_path / "attack.yaml"
    path.write_text(make(), encoding="utf-8")
    probe = (
        "import resource, subprocess, sys, time; start = time.monotonic(); "
        "done = subprocess.run([sys.executable, '-m', 'journeymap', 'validate', sys.argv[1], '--format', 'json'], "
        "capture_output=True, text=True); "
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss; "
        "print(done.returncode, round(time.monotonic() - start, 2), peak); print(done.stdout); print(done.stderr)"
    )
    import subprocess
    import sys

    measured = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=120)
    head, _, rest = measured.stdout.partition("\n")
    returncode, seconds, peak_kib = head.split()
    assert returncode == "1", rest
    assert f'"code": "{code}"' in rest, rest[:2000]
    assert "Traceback" not in rest
    # Generous bounds for a shared 2-core machine; measured values are printed in the summary.
    assert float(seconds) < 30 and int(peak_kib) < 1_500_000, (seconds, peak_kib)
    ROBUSTNESS_COUNTS[f"attack: {name}"] = {"exit": int(returncode), "seconds": float(seconds),
                                            "peak MiB": int(peak_kib) // 1024}


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "big.yaml"
    with path.open("wb") as stream:
        stream.write(b"journeymap: 1\n")
        stream.seek(40 * 1024 * 1024)
        stream.write(b"\n")
    result = invoke("validate", str(path), "--format", "json")
    assert result.exit_code == 1 and '"JM007"' in result.stdout and "10,485,760 bytes" in result.stdout


# -- encodings and odd files --------------------------------------------------------------------------------------

ENCODINGS = {
    "invalid UTF-8": (b"journeymap: 1\ntitle: caf\xe9\n", "JM003"),
    "UTF-8 byte-order mark": (b"\xef\xbb\xbf" + b"journeymap: 2\n", "JM005"),
    "UTF-16 with byte-order mark": ("journeymap: 2\n".encode("utf-16"), "JM005"),
    "CRLF line ends": (b"journeymap: 2\r\nid: x\r\n", "JM005"),
    "tab indentation": (b"journeymap: 1\nstages:\n\t- id: x\n", "JM001"),
    "NUL byte": (b"journeymap: 1\ntitle: a\x00b\n", "JM001"),
    "empty file": (b"", "JM004"),
    "only whitespace": (b"   \n\n", "JM004"),
    "several documents": (b"journeymap: 1\n---\njourneymap: 1\n", "JM006"),
    "top-level list": (b"- journeymap: 1\n", "JM004"),
    "top-level scalar": (b"journeymap\n", "JM004"),
    "UTF-32 without BOM garbage": (b"\x00\x00\x00j\x00\x00\x00m", "JM001"),
}


@pytest.mark.parametrize("name", list(ENCODINGS))
def test_encodings_and_odd_files_get_a_positioned_problem(name, tmp_path):
    import json

    raw, code = ENCODINGS[name]
    path = tmp_path / "odd.yaml"
    path.write_bytes(raw)
    result = invoke("validate", str(path), "--format", "json")
    assert result.exit_code == 1, result.output
    records = json.loads(result.stdout)
    assert records[0]["code"] == code, records
    assert all(r["line"] >= 1 and r["column"] >= 1 for r in records)
    ROBUSTNESS_COUNTS.setdefault("encodings and odd files", {"files": 0, "crashes": 0})["files"] += 1


def test_crlf_journey_loads_with_right_positions(tmp_path):
    import json

    from conftest import CLEAN_JOURNEY

    path = tmp_path / "crlf.yaml"
    path.write_bytes(CLEAN_JOURNEY.replace("        emotion: 2\n", "        emotion: 7\n").replace("\n", "\r\n").encode())
    records = json.loads(invoke("validate", str(path), "--format", "json").stdout)
    line = CLEAN_JOURNEY.splitlines().index("        emotion: 2") + 1
    assert [(r["code"], r["line"], r["column"]) for r in records] == [("JM104", line, 18)]


# -- files: clear errors and exit codes ----------------------------------------------------------------------------

def test_folder_with_no_journeys(tmp_path):
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    result = invoke("validate", str(tmp_path))
    assert result.exit_code == 0 and "0 journey files checked; 1 YAML file skipped" in result.output
    rendered = invoke("render", str(tmp_path), "-o", str(tmp_path / "out"))
    assert rendered.exit_code == 0 and "0 files written for 0 journeys" in rendered.output


def test_unreadable_file_is_an_io_error(tmp_path):
    import os

    from conftest import CLEAN_JOURNEY

    if os.geteuid() == 0:
        pytest.skip("running as root: file permissions do not apply")
    path = tmp_path / "locked.yaml"
    path.write_text(CLEAN_JOURNEY, encoding="utf-8")
    path.chmod(0)
    result = invoke("validate", str(path))
    assert result.exit_code == 2 and "JM003" in result.output


def test_unwritable_output_folder(tmp_path):
    from conftest import CLEAN_JOURNEY

    source = tmp_path / "j.yaml"
    source.write_text(CLEAN_JOURNEY, encoding="utf-8")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    result = invoke("render", str(source), "-o", str(blocker), "-f", "mermaid")
    assert result.exit_code == 2 and "cannot create output folder" in result.output
    assert invoke("schema", "-o", str(blocker / "x.json")).exit_code == 2


def test_failure_in_the_middle_of_a_folder_keeps_earlier_outputs_whole(tmp_path, monkeypatch):
    import xml.etree.ElementTree as ElementTree

    from conftest import CLEAN_JOURNEY
    from journeymap.render import outputs
    from journeymap.render.engine import RenderError

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.yaml").write_text(CLEAN_JOURNEY, encoding="utf-8")
    (folder / "b.yaml").write_text(CLEAN_JOURNEY.replace("id: meal-kit", "id: second"), encoding="utf-8")
    real = outputs.run_dot

    def failing(source: str, output_format: str) -> bytes:
        if "Order a meal kit" in source and failing.calls >= 3:  # the second journey's first view
            raise RenderError("dot failed: simulated crash")
        failing.calls += 1
        return real(source, output_format)

    failing.calls = 0
    monkeypatch.setattr(outputs, "run_dot", failing)
    out = tmp_path / "out"
    result = invoke("render", str(folder), "-o", str(out), "-f", "svg")
    assert result.exit_code == 1
    assert "b.yaml" in result.output and "simulated crash" in result.output
    written = sorted(path.name for path in out.iterdir())
    assert written == ["meal-kit.blueprint.svg", "meal-kit.emotion.svg", "meal-kit.flow.svg"]
    for name in written:
        ElementTree.parse(out / name)  # whole, parseable files
    assert not list(out.glob(".*"))  # no temporary file left behind


def test_atomic_write_keeps_the_old_file_when_the_rename_fails(tmp_path, monkeypatch):
    import os

    from journeymap.files import OutputError, write_atomic

    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")

    def broken_replace(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError, match="No space left"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [path.name for path in tmp_path.iterdir()] == ["report.html"]


# -- properties: generated journeys with arbitrary text render and diff ----------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40).filter(str.strip)


@st.composite
def journeys_with_any_text(draw: st.DrawFn) -> dict:
    """Valid structure, hostile content: every label is arbitrary Unicode (markup, controls, quotes, newlines)."""
    touchpoints = [{"id": f"tp-{i}", "name": draw(TEXT), "channel": "web"} for i in range(draw(st.integers(0, 3)))]
    tp_ids = [t["id"] for t in touchpoints]
    stages, number = [], 0
    for si in range(draw(st.integers(1, 3))):
        steps = []
        for _ in range(draw(st.integers(0, 3))):
            number += 1
            step = {"id": f"s{number}", "action": draw(TEXT), "emotion": draw(st.integers(-2, 2)),
                    "thinking": draw(TEXT), "delights": [draw(TEXT)],
                    "touchpoints": draw(st.lists(st.sampled_from(tp_ids), unique=True, max_size=2)) if tp_ids else [],
                    "pain_points": [{"id": f"p{number}", "description": draw(TEXT),
                                     "severity": draw(st.sampled_from(["low", "medium", "high"]))}],
                    "backstage": [{"action": draw(TEXT), "owner": draw(TEXT), "system": draw(TEXT),
                                   "visible": draw(st.booleans())}]}
            if draw(st.booleans()):
                step["moment_of_truth"] = {"question": draw(TEXT), "metric": "csat", "alert_below": 3.5}
            steps.append(step)
        stages.append({"id": f"st{si}", "name": draw(TEXT), "goal": draw(TEXT), "steps": steps})
    all_steps = [step["id"] for stage in stages for step in stage["steps"]]
    if all_steps and draw(st.booleans()):
        stages[-1]["steps"][-1:] and stages[-1]["steps"][-1].update(next=[draw(st.sampled_from(all_steps))])
    pains = [f"p{i}" for i in range(1, number + 1)]
    actions = [{"id": f"a{i}", "title": draw(TEXT), "owner": draw(TEXT), "impact": draw(st.integers(1, 5)),
                "effort": draw(st.integers(1, 5)),
                "resolves": draw(st.lists(st.sampled_from(pains), unique=True, max_size=2)) if pains else []}
               for i in range(draw(st.integers(0, 3)))]
    return {"journeymap": 1, "id": "generated", "title": draw(TEXT), "state": "current", "objective": draw(TEXT),
            "owner": draw(TEXT), "persona": {"name": draw(TEXT), "goals": [draw(TEXT)]},
            "touchpoints": touchpoints, "stages": stages, "actions": actions}


@pytest.mark.skipif(__import__("shutil").which("dot") is None, reason="Graphviz's dot is not installed")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(journeys_with_any_text(), journeys_with_any_text())
def test_generated_journeys_render_and_diff(data, other):
    import json

    from journeymap.diff import diff_journeys, to_json, to_markdown, to_text
    from journeymap.model import Journey
    from journeymap.render.engine import run_dot
    from journeymap.render.html import report_html
    from journeymap.render.markdown import journey_markdown
    from journeymap.render.mermaid import journey_mermaid
    from journeymap.render.views import VIEWS, view_dot
    from journeymap.validate import validate_text

    result = validate_text(json.dumps(data), "generated.yaml")  # JSON is YAML: the real loading path
    assert result.journey is not None, result.problems
    journey = result.journey
    svgs = {view: run_dot(view_dot(journey, view), "svg").decode("utf-8") for view in VIEWS}
    page = report_html(journey, problems=result.problems, svgs=svgs, source="generated.yaml")
    assert "<script" not in page.lower()
    assert journey_mermaid(journey).startswith("journey\n")
    journey_markdown(journey, problems=result.problems)
    second = Journey.model_validate(other)
    for left, right in ((journey, journey), (journey, second)):
        change = diff_journeys(left, right)
        to_text(change), to_markdown(change), json.loads(to_json(change))
    assert diff_journeys(journey, journey).identical
    ROBUSTNESS_COUNTS.setdefault("generated journeys rendered and diffed", {"journeys": 0, "crashes": 0})
    ROBUSTNESS_COUNTS["generated journeys rendered and diffed"]["journeys"] += 1


# -- injection: one hostile journey through every command and every format --------------------------------------------

HOSTILE_TEXT = ('<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> '
                '<a href="javascript:alert(1)">x</a> "]; a -> b [label="x"]; %% : ; # {{7*7}} '
                '[bold red]markup[/bold red] \x1b[31mred\x1b[0m \u202eevil | *em* _u_ `code` [l](javascript:x) @team'
                '\n::error file=README.md,line=1::pwned\r::warning::cr\u2028::notice::ls\u0085::debug::nel')


def _hostile_file(folder: Path, process_step: bool = False) -> Path:
    import json

    from conftest import poisoned_journey

    path = folder / ("hostile-process.yaml" if process_step else "hostile.yaml")
    hostile = poisoned_journey(HOSTILE_TEXT)
    if process_step:  # a JM301 problem whose message quotes the hostile text
        hostile["stages"][0]["steps"][0]["action"] = "Send " + HOSTILE_TEXT
    path.write_text(json.dumps(hostile), encoding="utf-8")
    return path


def _leaks(name: str, text: str) -> list[str]:
    """What must never reach an output verbatim, by kind of output."""
    found = []
    if "\x1b[31mred" in text:  # the journey's own escape sequence (our colours are allowed)
        found.append("ANSI escape")
    if "\u202e" in text and not name.endswith(".html"):  # HTML keeps the character, contained by its element
        found.append("bidirectional override")
    lowered = text.lower()
    if name.endswith((".html", ".svg")):
        if "<script" in lowered or re.search(r"<[^>]+\son\w+\s*=", lowered) or 'href="javascript:' in lowered:
            found.append("live HTML")
    if name.endswith(".md") and re.search(r"(?<!\\)\]\(javascript:", text):
        found.append("Markdown link")
    if name.endswith(".dot") and re.search(r'^\s*a -> b', text, flags=re.M):
        found.append("DOT statement")
    if name.endswith(".mmd") and any(mark in text for mark in ("%%", "{{", ";")):
        found.append("Mermaid syntax")
    if not name.endswith((".html", ".svg", ".dot", ".mmd", ".md")) or name.startswith(("validate.", "diff.")):
        # printed on standard output: in a CI log, a line starting with "::" is a GitHub workflow command
        commands = [line for line in re.split(r"\r\n|\r|\n|\u2028|\u2029|\x85", text) if line.startswith("::")]
        genuine = [line for line in commands if re.match(r"::(error|warning) file=[^,]*hostile-process\.yaml,line=\d+,", line)]
        if len(commands) != len(genuine) or (genuine and name != "validate.github"):
            found.append("workflow command")
    return found


@pytest.mark.skipif(__import__("shutil").which("dot") is None, reason="Graphviz's dot is not installed")
def test_hostile_text_leaks_into_no_output(tmp_path):
    source = _hostile_file(tmp_path)
    outputs: dict[str, str] = {}
    for output_format in ("text", "json", "github", "sarif"):
        result = runner.invoke(app, ["validate", str(_hostile_file(tmp_path, process_step=True)), "--format",
                                     output_format, "--color", "always"])
        assert result.exit_code == 1 and "JM301" in result.output
        outputs[f"validate.{output_format}"] = result.output
    out = tmp_path / "out"
    result = invoke("render", str(source), "-o", str(out), *sum((["-f", f] for f in
                    ("html", "svg", "dot", "mermaid", "md")), []))
    assert result.exit_code == 0, result.output
    outputs.update({path.name: path.read_text(encoding="utf-8") for path in out.iterdir()})
    for output_format, suffix in (("text", "txt"), ("md", "md"), ("json", "json"), ("html", "html")):
        result = runner.invoke(app, ["diff", str(EXAMPLE_CURRENT), str(source), "-f", output_format, "--color", "always"])
        assert result.exit_code == 0, result.output
        outputs[f"diff.{suffix}"] = result.stdout
    leaks = {name: found for name, text in outputs.items() if (found := _leaks(name, text))}
    assert not leaks, leaks
    assert "[bold red]markup[/bold red]" in outputs["validate.text"]  # shown as written, not interpreted
    ROBUSTNESS_COUNTS["hostile journey through every output"] = {"outputs": len(outputs), "leaks": 0}


def test_read_error_is_an_io_error_even_as_root(tmp_path, monkeypatch):
    """Permissions do not apply to root (CI), so the operating system's refusal is simulated."""
    from conftest import CLEAN_JOURNEY

    path = tmp_path / "locked.yaml"
    path.write_text(CLEAN_JOURNEY, encoding="utf-8")
    import os

    real = os.open

    def refuse(name, flags, *args, **kwargs):
        if str(name).endswith("locked.yaml"):
            raise PermissionError(13, "Permission denied")
        return real(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = invoke("validate", str(path))
    assert result.exit_code == 2
    assert "JM003" in result.output and "Permission denied" in result.output and "could not read" in result.output


def test_a_file_name_starting_with_workflow_command_syntax_starts_no_command(tmp_path, run_cli):
    from conftest import CLEAN_JOURNEY

    name = "::error file=README.md,line=1::pwned.yaml"
    (tmp_path / name).write_text(CLEAN_JOURNEY.replace("id: meal-kit", "id: Meal Kit"), encoding="utf-8")
    for output_format in ("text", "github"):
        result = run_cli("validate", name, "--format", output_format)
        assert result.returncode == 1
        commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
        if output_format == "text":
            assert not commands and f"./{name}:" in result.stdout
        else:  # the annotation itself, with the name escaped as a property
            assert commands and all(line.startswith("::error file=%3A%3Aerror file=README.md%2C") for line in commands)
