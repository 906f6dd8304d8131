"""Journey spreadsheets other people published, imported as they are (tests/fixtures/sheets/real/, MIT licensed; where
each comes from and what import made of it: the "Real files" sections of tests/fixtures/sheets/SOURCES.md).

Every expectation here was written from reading the file, not from the importer's output: the steps a person counts,
their actions as written, the notes and the system's answers. Where import falls short of what a person reads, the
test says so with `xfail(strict=True)`: it fails the day import learns it, so the expectation is then made plain."""

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
def test_specflow_steps_are_the_rows_and_the_user_does_column_their_actions(tmp_path: Path, name: str) -> None:
    expected = SPECFLOW[name]
    result, journey = _import(tmp_path, name)
    assert result.layout == "rows" and result.exit_code == 0 and journey is not None
    steps = _steps(journey)
    assert len(steps) == sum(expected["journeys"].values())  # type: ignore[attr-defined]
    assert [step.action for step in steps] == expected["actions"]
    for index, shown in expected["shows"].items():  # type: ignore[attr-defined]
        assert [(process.action, process.visible) for process in steps[index].backstage] == [(shown, True)]
    assert {index: step.description for index, step in enumerate(steps) if step.description} == expected["notes"]
    assert all(step.emotion is None for step in steps)  # the file says nothing of feelings


@pytest.mark.xfail(strict=True, reason="a journey_name column that changes down the rows is read as the journey's "
                   "title (a journey-wide field) and dropped with JM605: every step lands in one stage 'Journey'. "
                   "recognise.py would have to group the rows by it (stages, or one journey each).")
@pytest.mark.parametrize("name", sorted(SPECFLOW))
def test_specflow_journeys_are_told_apart(tmp_path: Path, name: str) -> None:
    _, journey = _import(tmp_path, name)
    assert journey is not None
    assert {stage.name: len(stage.steps) for stage in journey.stages} == SPECFLOW[name]["journeys"]


def test_specflow_journey_per_row_template_is_refused_cleanly(run_cli, tmp_path: Path) -> None:
    """One row per journey, its steps in one cell separated by ';', then '#' comment lines: not a layout import
    reads. It must say so (JM602, exit 1), write nothing, and not crash."""
    shutil.copyfile(REAL / "specflow-journey_map_TEMPLATE.csv", tmp_path / "map.csv")
    done = run_cli("import", "map.csv")
    assert done.returncode == 1, done.stderr
    assert "JM602" in done.stdout + done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "map.yaml").exists()


@pytest.mark.xfail(strict=True, reason="one journey per row with the steps in one `steps` cell ('See alert; open "
                   "incident snapshot; ...'): recognise.py finds a single step field and no second one, so no layout.")
def test_specflow_journey_per_row_template_gives_its_seven_steps(tmp_path: Path) -> None:
    _, journey = _import(tmp_path, "specflow-journey_map_TEMPLATE.csv")
    assert journey is not None
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
