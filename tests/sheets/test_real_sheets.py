"""Journey spreadsheets other people published, imported as they are (tests/fixtures/sheets/real/, MIT licensed; where
each comes from and what import made of it: the "Real files" sections of tests/fixtures/sheets/SOURCES.md).

Every expectation here was written from reading the file, not from the importer's output: the steps a person counts,
their actions as written, the notes and the system's answers. (Three gaps these files showed, each once an
`xfail`, are mended: several journeys in one file, a journey per row with its steps in one cell, help lines.)"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from journeymap.model import Journey
from journeymap.sheets.importer import ImportResult, import_file
from journeymap.validate import validate_text

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "sheets" / "real"


def _import(tmp_path: Path, name: str) -> tuple[ImportResult, Journey | None]:
    source = tmp_path / name
    shutil.copyfile(REAL / name, source)
    result = import_file(source, tmp_path / "journey.yaml")
    if result.output is None:
        return result, None
    return result, validate_text(result.output.read_text(encoding="utf-8"), str(result.output)).journey


def _steps(journey: Journey) -> list[Any]:
    return [step for stage in journey.stages for step in stage.steps]


# Hulupeep/Specflow, one row per step, several journeys in one file: journey_id, journey_name, step (1..n within its
# journey), user_does, system_shows, critical, owner, notes. Counted by hand.
SPECFLOW = {
    "specflow-journeys-template.csv": {
        "journeys": {"User Signup": 3, "User Login": 3, "Checkout": 4, "Profile Edit": 3},
        "actions": ['Clicks "Sign Up"', "Fills email + password", "Clicks submit", 'Clicks "Log In"',
                    "Enters credentials", "Clicks submit", "Adds item to cart", "Clicks checkout",
                    "Enters payment details", "Clicks pay", "Navigates to profile", "Edits display name",
                    "Clicks save"],
        "shows": {0: "Shows registration form", 9: "Processes payment + shows confirmation"},
        "notes": {2: "Must receive welcome email", 5: "Session cookie set", 9: "Must send receipt email",
                  12: "Changes reflected on reload"},
    },
    "specflow-user-journeys.csv": {
        "journeys": {"User Signup": 3, "User Login": 3, "Password Reset": 4},
        "actions": ['Clicks "Sign Up"', "Fills email + password", "Clicks submit", 'Clicks "Log In"',
                    "Enters credentials", "Clicks submit", 'Clicks "Forgot Password"', "Enters email",
                    "Clicks link in email", "Enters new password"],
        "shows": {7: "Sends reset link", 9: "Validates strength + confirms reset"},
        "notes": {2: "Must receive welcome email", 5: "Session cookie set", 8: "Link expires after 1 hour",
                  9: "Must meet password policy"},
    },
}


@pytest.mark.parametrize("name", sorted(SPECFLOW))
def test_specflow_journeys_are_told_apart_and_each_imports_on_its_own(tmp_path: Path, name: str) -> None:
    """Several journeys in one file, named by journey_name: the first by default, the others listed, each with
    --journey; across them, every row is a step, user_does its action, system_shows its visible backstage."""
    expected = SPECFLOW[name]
    journeys: dict[str, int] = expected["journeys"]  # type: ignore[assignment]
    first, *others = journeys
    result, journey = _import(tmp_path, name)
    assert result.layout == "rows" and result.exit_code == 0 and journey is not None
    assert journey.title == first and result.other_journeys == others
    steps = []
    for title, count in journeys.items():
        result = import_file(tmp_path / name, tmp_path / "one.yaml", journey=title.upper(), force=True)
        assert result.exit_code == 0 and result.output is not None
        one = validate_text(result.output.read_text(encoding="utf-8"), "one.yaml").journey
        assert one is not None and one.title == title and len(_steps(one)) == count
        steps += _steps(one)
    assert [step.action for step in steps] == expected["actions"]
    for index, shown in expected["shows"].items():  # type: ignore[attr-defined]
        assert [(process.action, process.visible) for process in steps[index].backstage] == [(shown, True)]
    assert {index: step.description for index, step in enumerate(steps) if step.description} == expected["notes"]
    assert all(step.emotion is None for step in steps)  # the file says nothing of feelings
    assert all(not step.id.isdigit() for step in steps)  # the step numbers are not labels: ids come from actions


def test_an_unknown_journey_name_is_refused_with_the_names(tmp_path: Path) -> None:
    from journeymap.sheets.importer import ImportRefused

    shutil.copyfile(REAL / "specflow-user-journeys.csv", tmp_path / "flows.csv")
    with pytest.raises(ImportRefused, match="User Signup, User Login, Password Reset"):
        import_file(tmp_path / "flows.csv", journey="Checkout")


def test_specflow_journey_per_row_template_gives_its_seven_steps(tmp_path: Path) -> None:
    """One row per journey, its steps in one cell separated by ';', then '#' lines of help: one journey of seven
    steps, its name, its persona; the help lines are not journeys."""
    result, journey = _import(tmp_path, "specflow-journey_map_TEMPLATE.csv")
    assert journey is not None and result.other_journeys == []
    assert journey.title == "File Notice of Loss after named storm"
    assert journey.persona is not None and journey.persona.name == "Property owner"
    assert [step.action for step in _steps(journey)][:3] == ["See alert", "open incident snapshot", "draft NOL"]
    assert len(_steps(journey)) == 7


def test_a_diagram_export_is_not_taken_for_a_journey_map(run_cli, tmp_path: Path) -> None:
    """colinfwren/easy-user-journey-map's Lucidchart CSV: one row per shape (13 pages, 15 arrows), the journeys they
    belong to listed in a cell. Not a journey map sheet: import must refuse it plainly."""
    shutil.copyfile(REAL / "easy-user-journey-map-lucid-chart-export.csv", tmp_path / "lucid.csv")
    done = run_cli("import", "lucid.csv")
    assert done.returncode == 1, done.stderr
    assert "JM602" in done.stdout + done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "lucid.yaml").exists()


def test_every_real_file_is_documented_with_its_licence() -> None:
    sources = (REAL.parent / "SOURCES.md").read_text(encoding="utf-8")
    kept = sources.split("## Real files (kept, with their licence)", 1)[1].split("\n## ", 1)[0]
    for path in REAL.iterdir():
        assert f"`{path.name}`" in kept, f"{path.name} is not documented in SOURCES.md"
    assert kept.count("Licence: MIT") >= 2
