"""The public Python API, used as a library user would: only `import journeymap`, never its modules."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import journeymap
from conftest import EXAMPLES, ROOT, position_of

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed (./dev test installs it)")
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

RETAIL_CURRENT = EXAMPLES / "fr-retail-achat-current.yaml"
RETAIL_TARGET = EXAMPLES / "fr-retail-achat-target.yaml"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _in_subprocess(code: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment,
                          cwd=ROOT, timeout=120)


# --- the package itself ------------------------------------------------------------------------------------------

def test_importing_journeymap_loads_nothing_heavy_until_a_name_is_used() -> None:
    heavy = ["pydantic", "ruamel.yaml", "graphviz", "jinja2", "rich", "numpy", "sklearn", "typer"]
    run = _in_subprocess(
        "import sys, journeymap\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
        "journeymap.Problem\n"  # a plain record: still nothing heavy
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
        "journeymap.Journey\n"
        "print('pydantic' in sys.modules)\n"
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["[]", "[]", "True"]


def test_checking_does_not_import_what_only_drawing_needs() -> None:
    run = _in_subprocess(
        "import sys, journeymap\n"
        f"result = journeymap.check({str(RETAIL_CURRENT)!r})\n"
        "assert result.ok, result.to_dict()\n"
        "print(sorted(m for m in ['graphviz', 'jinja2', 'rich', 'numpy', 'sklearn'] if m in sys.modules))\n"
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_every_public_name_resolves_and_nothing_else_does() -> None:
    for name in journeymap.__all__:
        assert getattr(journeymap, name) is not None, name
    assert set(journeymap.__all__) <= set(dir(journeymap))
    assert isinstance(journeymap.__version__, str)
    with pytest.raises(AttributeError, match="no attribute 'lod'"):
        journeymap.lod  # noqa: B018 (the attribute access is the test)


def test_the_package_declares_its_types() -> None:
    assert (ROOT / "src" / "journeymap" / "py.typed").is_file()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in project["tool"]["setuptools"]["package-data"]["journeymap"]


# --- load --------------------------------------------------------------------------------------------------------

def test_load_gives_the_journey_model(tmp_path: Path, clean_journey: str) -> None:
    journey = journeymap.load(_write(tmp_path, "meal.yaml", clean_journey))
    assert isinstance(journey, journeymap.Journey)
    assert (journey.id, journey.title, journey.state) == ("meal-kit", "Order a meal kit", "current")
    assert [step.id for stage in journey.stages for step in stage.steps] == ["browse", "pay", "delivery"]
    assert journeymap.load(str(RETAIL_CURRENT)).id == "fr-retail-achat-current"  # a str works as well as a Path


def test_load_refuses_a_journey_with_errors_with_its_problems(tmp_path: Path, clean_journey: str) -> None:
    text = clean_journey.replace("        emotion: 1\n", "        emtion: 1\n").replace("[courier]", "[van]")
    path = _write(tmp_path, "meal.yaml", text)
    with pytest.raises(journeymap.JourneyError) as caught:
        journeymap.load(path)
    error = caught.value
    assert isinstance(error, journeymap.JourneymapError)
    unknown_key, unknown_touchpoint = position_of(text, "emtion"), position_of(text, "van")
    errors = [(problem.code, problem.line, problem.column) for problem in error.problems
              if problem.severity is journeymap.Severity.ERROR]
    assert errors == [("JM101", *unknown_key), ("JM202", *unknown_touchpoint)]
    assert error.file.endswith("meal.yaml")
    assert str(error).startswith(f"{error.file}: 2 error(s): {unknown_key[0]}:{unknown_key[1]}: JM101 ")
    json.dumps([problem.to_dict() for problem in error.problems])


def test_load_accepts_a_journey_with_warnings_only(tmp_path: Path, clean_journey: str) -> None:
    path = _write(tmp_path, "meal.yaml", clean_journey.replace("        emotion: 2\n", ""))
    assert journeymap.check(path).warnings >= 1
    assert journeymap.load(path).id == "meal-kit"


@pytest.mark.parametrize("name", ["missing.yaml", "folder"])
def test_load_of_a_missing_file_or_a_folder_is_a_journeymap_error(tmp_path: Path, name: str) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(journeymap.JourneymapError, match=name) as caught:
        journeymap.load(tmp_path / name)
    assert not isinstance(caught.value, journeymap.JourneyError)


def test_an_invalid_configuration_is_a_journeymap_error(tmp_path: Path, clean_journey: str) -> None:
    path = _write(tmp_path, "meal.yaml", clean_journey)
    config = _write(tmp_path, "journeymap.toml", 'disable = ["JM999"]\n')
    with pytest.raises(journeymap.JourneymapError, match="JM999"):
        journeymap.check(path, config=config)
    with pytest.raises(journeymap.JourneymapError, match="JM999"):
        journeymap.load(path, config=config)


@needs_git
def test_load_at_a_git_revision(tmp_path: Path, clean_journey: str) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=tmp_path,
                       check=True, capture_output=True)

    path = _write(tmp_path, "meal.yaml", clean_journey)
    git("init", "-q")
    git("add", "meal.yaml")
    git("commit", "-qm", "first")
    _write(tmp_path, "meal.yaml", clean_journey.replace("Raise repeat orders", "Raise first orders"))
    assert journeymap.load(path, rev="HEAD").objective == "Raise repeat orders"
    assert journeymap.load(path).objective == "Raise first orders"
    result = journeymap.compare(journeymap.load(path, rev="HEAD"), path)
    assert [change.kind for change in result.changes if not change.finding] == ["journey-details-changed"]
    assert result.current.name.endswith("meal.yaml@HEAD")
    with pytest.raises(journeymap.JourneymapError, match="unknown revision"):
        journeymap.load(path, rev="no-such-branch")
    _write(tmp_path, "new.yaml", clean_journey)
    with pytest.raises(journeymap.JourneymapError, match="not in the repository"):
        journeymap.load(tmp_path / "new.yaml", rev="HEAD")


# --- check -------------------------------------------------------------------------------------------------------

def test_check_the_examples() -> None:
    result = journeymap.check(EXAMPLES)
    assert result.ok and result.exit_code == 0
    assert len(result.files) == len(list(EXAMPLES.glob("*.yaml")))
    assert json.loads(json.dumps(result.to_dict()))["counts"] == {"error": 0, "warning": result.warnings}


def test_check_gives_what_the_validate_command_gives(
    tmp_path: Path, clean_journey: str, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, "good.yaml", clean_journey)
    _write(tmp_path, "broken.yaml", clean_journey.replace("id: meal-kit", "id: other\nemtion: 3"))
    _write(tmp_path, "settings.yaml", "colour: blue\n")  # not a journey: skipped in a folder
    cli = run_cli("validate", "--format", "json", ".")
    monkeypatch.chdir(tmp_path)  # the command names files relative to its folder; so does the API
    result = journeymap.check(".")
    assert cli.returncode == result.exit_code == 1
    assert json.loads(cli.stdout) == [problem.to_dict() for problem in result.problems]
    assert result.files == ("broken.yaml", "good.yaml") and result.skipped == ("settings.yaml",)
    assert result.errors == 1 and not result.ok


def test_check_strict_fails_on_warnings(tmp_path: Path, clean_journey: str) -> None:
    path = _write(tmp_path, "meal.yaml", clean_journey.replace("        emotion: 2\n", ""))
    assert journeymap.check([path]).exit_code == 0
    assert journeymap.check([path], strict=True).exit_code == 1
    _write(tmp_path, "journeymap.toml", "strict = true\n")
    assert journeymap.check([path], config=tmp_path / "journeymap.toml").exit_code == 1


def test_check_of_a_missing_path_is_a_journeymap_error(tmp_path: Path) -> None:
    with pytest.raises(journeymap.JourneymapError, match="nowhere"):
        journeymap.check([tmp_path / "nowhere"])


def test_a_named_file_that_is_not_a_journey_is_an_error(tmp_path: Path) -> None:
    result = journeymap.check(_write(tmp_path, "settings.yaml", "colour: blue\n"))
    assert result.exit_code == 1 and result.problems[0].severity is journeymap.Severity.ERROR


# --- compare -----------------------------------------------------------------------------------------------------

def test_compare_gives_what_the_diff_command_gives(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    outputs = {form: run_cli("diff", str(RETAIL_CURRENT), str(RETAIL_TARGET), "-f", form, cwd=ROOT)
               for form in ("json", "md", "text")}
    monkeypatch.chdir(ROOT)
    result = journeymap.compare(RETAIL_CURRENT, RETAIL_TARGET)
    assert all(output.returncode == 0 for output in outputs.values())
    assert json.loads(outputs["json"].stdout) == result.to_dict() == json.loads(result.to_json())
    assert outputs["md"].stdout == result.to_markdown()
    assert outputs["text"].stdout == result.to_text()
    loaded = journeymap.compare(journeymap.load(RETAIL_CURRENT), journeymap.load(RETAIL_TARGET))
    assert loaded.to_dict() == result.to_dict()  # a loaded journey keeps its file and positions
    change = result.changes[0]
    assert isinstance(change, journeymap.Change) and change.current is not None and change.current.line is not None


def test_compare_fail_conditions(tmp_path: Path, clean_journey: str) -> None:
    before = _write(tmp_path, "before.yaml", clean_journey)
    after = _write(tmp_path, "after.yaml", clean_journey.replace("        emotion: 2\n", "        emotion: -2\n"))
    result = journeymap.compare(before, after)
    assert result.failing(["emotion-drop"]) == ["emotion-drop"]
    assert journeymap.compare(before, before).failing(["emotion-drop"]) == []
    assert journeymap.compare(before, before).identical
    with pytest.raises(ValueError, match="valid: .*emotion-drop"):
        result.failing(["emotion-dip"])
    drops = [(change.kind, change.step, change.delta) for change in result.changes
             if change.level is journeymap.Level.BREAKING and change.subject == "emotion"]
    assert drops == [("emotion-dropped", "delivery", -4)]


def test_compare_refuses_a_journey_with_errors(tmp_path: Path, clean_journey: str) -> None:
    good = _write(tmp_path, "good.yaml", clean_journey)
    broken = _write(tmp_path, "broken.yaml", clean_journey.replace("[courier]", "[van]"))
    with pytest.raises(journeymap.JourneyError) as caught:
        journeymap.compare(good, broken)
    assert [problem.code for problem in caught.value.problems if problem.severity is journeymap.Severity.ERROR] \
        == ["JM202"]
    with pytest.raises(journeymap.JourneymapError, match="no such file"):
        journeymap.compare(good, tmp_path / "gone.yaml")


def test_compare_journeys_built_in_python(tmp_path: Path, clean_journey: str) -> None:
    loaded = journeymap.load(_write(tmp_path, "meal.yaml", clean_journey))
    data = loaded.model_dump()
    data["objective"] = "Raise first orders"
    built = journeymap.Journey.model_validate(data)
    result = journeymap.compare(loaded, built)
    assert result.target.name == "meal-kit"  # no file: named by its id
    assert [change.kind for change in result.changes if not change.finding] == ["journey-details-changed"]
    change = next(change for change in result.changes if not change.finding)
    assert change.current is not None and change.current.line is not None  # the loaded side knows its file
    assert change.target is not None and change.target.line is None and change.target.path == "objective"
    data["stages"][0]["steps"][0]["touchpoints"] = ["van"]  # the model accepts it; the reference check does not
    with pytest.raises(journeymap.JourneyError) as caught:
        journeymap.compare(loaded, journeymap.Journey.model_validate(data))
    assert caught.value.file == "<journey meal-kit>"
    assert [problem.code for problem in caught.value.problems if problem.severity is journeymap.Severity.ERROR] == ["JM202"]


# --- draw --------------------------------------------------------------------------------------------------------

def test_draw_writes_what_the_render_command_writes(
    tmp_path: Path, clean_journey: str, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, "meal.yaml", clean_journey)
    cli = run_cli("render", "meal.yaml", "-o", "by-cli", "-f", "md", "-f", "mermaid")
    assert cli.returncode == 0, cli.stderr
    monkeypatch.chdir(tmp_path)
    result = journeymap.draw("meal.yaml", "by-api", formats=["md", "mermaid"])
    again = journeymap.draw(journeymap.load("meal.yaml"), "by-api-loaded", formats=["md", "mermaid"])
    assert result.ok and result.journeys == ("meal-kit",)
    assert [path.name for path in result.written] == ["meal-kit.md", "meal-kit.mmd"]
    for path in result.written:
        assert path.read_bytes() == (tmp_path / "by-cli" / path.name).read_bytes()
        assert (tmp_path / "by-api-loaded" / path.name).read_bytes() == path.read_bytes()
    assert again.to_dict()["written"] == ["by-api-loaded/meal-kit.md", "by-api-loaded/meal-kit.mmd"]


def test_draw_a_folder_with_a_broken_journey_draws_the_others(tmp_path: Path, clean_journey: str) -> None:
    source = tmp_path / "journeys"
    source.mkdir()
    _write(source, "meal.yaml", clean_journey)
    _write(source, "broken.yaml", clean_journey.replace("id: meal-kit", "id: other\nemtion: 3"))
    result = journeymap.draw(source, tmp_path / "out", formats=["mermaid"])
    assert result.exit_code == 1 and not result.ok
    assert [failure.file for failure in result.failed] == [str(source / "broken.yaml")]
    assert [path.name for path in result.written] == ["meal-kit.mmd"]
    json.dumps(result.to_dict())


def test_draw_refuses_what_it_cannot_do_before_writing(tmp_path: Path, clean_journey: str) -> None:
    path = _write(tmp_path, "meal.yaml", clean_journey)
    out = tmp_path / "out"
    with pytest.raises(journeymap.JourneymapError, match="unknown format 'jpeg'"):
        journeymap.draw(path, out, formats=["jpeg"])
    with pytest.raises(journeymap.JourneymapError, match="unknown view"):
        journeymap.draw(path, out, formats=["dot"], views=["map"])
    assert not out.exists()
    # A journey file that a drawing would replace: its name is what the Mermaid output would be called.
    named_like_output = _write(tmp_path, "meal-kit.mmd", clean_journey)
    with pytest.raises(journeymap.JourneymapError, match="refusing to overwrite input"):
        journeymap.draw(journeymap.load(named_like_output), tmp_path, formats=["mermaid"])
    assert named_like_output.read_text(encoding="utf-8") == clean_journey


def test_draw_journeys_built_in_python_and_loaded_ones(tmp_path: Path, clean_journey: str) -> None:
    loaded = journeymap.load(_write(tmp_path, "meal.yaml", clean_journey))
    data = loaded.model_dump()
    data["id"] = "meal-kit-box"
    built = journeymap.Journey.model_validate(data)
    data["id"], data["actions"][0]["resolves"] = "broken", ["no-such-pain"]
    result = journeymap.draw([loaded, built, journeymap.Journey.model_validate(data)], tmp_path / "out",
                             formats=["md"])
    assert result.journeys == ("meal-kit", "meal-kit-box")
    assert [failure.file for failure in result.failed] == ["<journey broken>"]
    assert "JM204" in result.failed[0].reason
    assert {path.name for path in result.written} == {"meal-kit.md", "meal-kit-box.md"}


@needs_dot
def test_draw_the_html_report_and_views(tmp_path: Path) -> None:
    result = journeymap.draw([RETAIL_CURRENT, RETAIL_TARGET], tmp_path, views=["emotion"])
    names = sorted(path.name for path in result.written)
    assert names == ["fr-retail-achat-current.emotion.svg", "fr-retail-achat-current.html",
                     "fr-retail-achat-target.emotion.svg", "fr-retail-achat-target.html", "index.html"]
    assert "<svg" in (tmp_path / "fr-retail-achat-current.emotion.svg").read_text(encoding="utf-8")


# --- types -------------------------------------------------------------------------------------------------------

USER_SCRIPT = '''\
from pathlib import Path

import journeymap


def gate(current: Path, target: Path) -> int:
    try:
        result: journeymap.DiffResult = journeymap.compare(current, target)
    except journeymap.JourneyError as error:
        problems: tuple[journeymap.Problem, ...] = error.problems
        return len(problems)
    report: journeymap.ValidationResult = journeymap.check([current, target], strict=True)
    journey: journeymap.Journey = journeymap.load(current)
    drawn: journeymap.RenderResult = journeymap.draw(journey, "out", formats=["md"])
    titles: list[str] = [journey.title] + [str(path) for path in drawn.written]
    return report.exit_code + len(result.failing(["emotion-drop"])) + len(titles)
'''

MISUSE_SCRIPT = '''\
import journeymap

code: str = journeymap.check("journeys").exit_code
journeymap.load(42)
journeymap.compare("a.yaml")
'''


def test_the_api_type_checks_under_mypy_strict(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy is in the test extra: pip install -e '.[test]'")
    _write(tmp_path, "user.py", USER_SCRIPT)
    _write(tmp_path, "misuse.py", MISUSE_SCRIPT)
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-error-summary",
         "--cache-dir", str(tmp_path / ".mypy_cache"), "user.py", "misuse.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
        env={**os.environ, "MYPYPATH": str(ROOT / "src")},
    )
    errors = [line for line in run.stdout.splitlines() if ": error:" in line]
    assert not [line for line in errors if line.startswith("user.py")], run.stdout
    assert {line.split(":")[1] for line in errors if line.startswith("misuse.py")} == {"3", "4", "5"}, run.stdout


def test_error_messages_are_safe_to_print(tmp_path: Path, clean_journey: str) -> None:
    path = _write(tmp_path, "meal\x1b[2J.yaml", clean_journey.replace("[courier]", "[van]"))
    with pytest.raises(journeymap.JourneyError) as caught:
        journeymap.load(path)
    assert "\x1b" not in str(caught.value) and "meal\\u001b[2J.yaml: 1 error(s)" in str(caught.value)
    assert caught.value.problems[0].file.endswith("meal\x1b[2J.yaml")  # the records keep the data
    with pytest.raises(journeymap.JourneymapError) as missing:
        journeymap.check(tmp_path / "gone\x1b[2J")
    assert "\x1b" not in str(missing.value)


def test_spreadsheets_out_and_back_in(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    journey = journeymap.load(RETAIL_CURRENT)
    written = journeymap.export_sheet(journey, tmp_path / "map.xlsx")
    assert written == tmp_path / "map.xlsx"
    with pytest.raises(journeymap.JourneymapError, match="already exists"):
        journeymap.export_sheet(RETAIL_CURRENT, tmp_path / "map.xlsx")
    with pytest.raises(journeymap.JourneymapError, match="rows layout only"):
        journeymap.export_sheet(journey, tmp_path / "map.csv", format="csv", layout="lanes")
    result = journeymap.import_sheet(written, tmp_path / "back.yaml")
    assert isinstance(result, journeymap.ImportResult) and result.exit_code == 0 and result.layout == "journeymap"
    assert journeymap.load(tmp_path / "back.yaml").model_dump() == journey.model_dump()
    assert result.to_dict()["counts"]["steps"] == sum(len(stage.steps) for stage in journey.stages)
    with pytest.raises(journeymap.JourneymapError, match="no sheet 'Nope'"):
        journeymap.import_sheet(written, tmp_path / "other.yaml", sheet_name="Nope")
    with pytest.raises(journeymap.JourneymapError, match="no such file"):
        journeymap.import_sheet(tmp_path / "missing.xlsx")
