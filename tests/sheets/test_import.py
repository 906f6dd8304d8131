"""journeymap import: the real templates' layouts (tests/fixtures/sheets, see SOURCES.md), our own export read back
(every example, both layouts and CSV, reported identical by `journeymap diff`), hostile sheets, and the promises
of the command: problems at their cells, the input never modified, the output written whole and only replaced with
--force."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from journeymap.cli import app
from journeymap.config import Settings
from journeymap.model import Journey
from journeymap.sheets.export import to_csv, to_xlsx
from journeymap.sheets.grid import Book, Sheet
from journeymap.sheets.importer import import_book, import_file
from journeymap.validate import validate_text

pytest.importorskip("openpyxl", reason="openpyxl (pip install 'journeymap[sheets]') reads the workbooks")

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "sheets"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
runner = CliRunner()


def _journey_of(path: Path) -> Journey:
    journey = validate_text(path.read_text(encoding="utf-8"), str(path)).journey
    assert journey is not None, path
    return journey


def _imported(tmp_path: Path, fixture: str, *args: str) -> tuple[Journey, str, str]:
    """Import a fixture copied into tmp_path through the CLI; the journey, the YAML text and the report."""
    source = tmp_path / fixture.rsplit(".", 1)[1] / fixture
    source.parent.mkdir(exist_ok=True)
    shutil.copyfile(FIXTURES / fixture, source)
    result = runner.invoke(app, ["import", str(source), *args])
    assert result.exit_code == 0, result.output
    written = source.with_suffix(".yaml")
    text = written.read_text(encoding="utf-8")
    checked = validate_text(text, str(written))
    assert checked.journey is not None and not [p for p in checked.problems if p.code.startswith("JM1")]
    return checked.journey, text, result.output


def _steps(journey: Journey) -> list[Any]:
    return [step for stage in journey.stages for step in stage.steps]


# --- our own export, read back -----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
@pytest.mark.parametrize("how", ["lanes", "rows", "csv"])
def test_export_then_import_is_the_same_journey(tmp_path: Path, path: Path, how: str) -> None:
    journey = _journey_of(path)
    sheet = tmp_path / f"{path.stem}.{'csv' if how == 'csv' else 'xlsx'}"
    data = to_csv(journey).encode("utf-8-sig") if how == "csv" else to_xlsx(journey, how)  # type: ignore[arg-type]
    sheet.write_bytes(data)
    result = import_file(sheet, tmp_path / "back.yaml")
    assert result.layout == "journeymap" and result.exit_code == 0, [i.problem for i in result.problems]
    assert not result.problems
    assert _journey_of(tmp_path / "back.yaml").model_dump() == journey.model_dump()
    diff = runner.invoke(app, ["diff", str(path), str(tmp_path / "back.yaml"), "-f", "json"])
    assert diff.exit_code == 0 and json.loads(diff.output)["identical"] is True


def test_round_trip_through_the_commands_as_a_user_runs_them(tmp_path: Path, run_cli: Any) -> None:
    example = tmp_path / "journey.yaml"
    shutil.copyfile(EXAMPLES[0], example)
    assert run_cli("export", "journey.yaml").returncode == 0
    imported = run_cli("import", "journey.xlsx", "-o", "back.yaml")
    assert imported.returncode == 0, imported.stderr
    assert "wrote back.yaml from sheet" in imported.stdout and "journeymap's own layout" in imported.stdout
    diff = run_cli("diff", "journey.yaml", "back.yaml", "-f", "json")
    assert json.loads(diff.stdout)["identical"] is True


def test_an_edited_workbook_reports_the_bad_cell(tmp_path: Path, clean_journey: str) -> None:
    import openpyxl

    path = tmp_path / "j.yaml"
    path.write_text(clean_journey, encoding="utf-8")
    book = openpyxl.load_workbook(_exported(path, tmp_path))
    book["Pain points"]["D2"] = "urgent"  # not a severity
    book["Steps"]["F3"] = "very"  # not a number
    book.save(tmp_path / "edited.xlsx")
    result = import_file(tmp_path / "edited.xlsx", tmp_path / "edited.yaml")
    found = {(item.problem.code, item.cell) for item in result.problems}
    assert ("JM104", "'Pain points'!D2") in found
    assert ("JM604", "Steps!F3") in found
    assert result.exit_code == 1 and (tmp_path / "edited.yaml").exists()


def _exported(path: Path, tmp_path: Path) -> Path:
    out = tmp_path / "exported.xlsx"
    out.write_bytes(to_xlsx(_journey_of(path), "rows"))
    return out


# --- real templates' layouts -------------------------------------------------------------------------------------

def test_nng_lanes_with_a_band_of_emotion_rows(tmp_path: Path) -> None:
    journey, text, _ = _imported(tmp_path, "nng-remote-journey-en.xlsx")
    assert journey.title == "Weekend hotel booking" and journey.lang == "en"
    assert [stage.name for stage in journey.stages] == ["Plan", "Buy", "Travel"]
    steps = _steps(journey)
    assert [step.id for step in steps] == ["search", "compare", "book", "pay", "receive", "check-in", "stay"]
    assert steps[0].action == "Searches 'hotel Lyon centre'" and steps[1].thinking == "Which price is real?"
    assert [step.emotion for step in steps] == [0, -1, 0, -2, 1, -2, 1]
    assert journey.persona is not None and journey.persona.name.startswith("Claire")
    assert [action.title for action in journey.actions][0] == "Show the full price on the results page"
    assert "# a mark on row 7 of the 7-row emotion band ('Journey Map'!E25)" in text


def test_french_parcours_lanes(tmp_path: Path) -> None:
    journey, text, output = _imported(tmp_path, "parcours-usager-fr.xlsx")
    assert journey.lang == "fr" and journey.kind == "citizen"
    assert [stage.name for stage in journey.stages] == ["Découverte", "Demande", "Suivi"]
    steps = _steps(journey)
    assert len(steps) == 8 and steps[0].action == "Tape « carte grise » dans un moteur"
    assert [step.emotion for step in steps] == [0, 1, -1, -1, -2, 1, -2, 2]
    assert sum(len(step.pain_points) for step in steps) == 5
    assert [step.id for step in steps if step.moment_of_truth is not None] == [
        "envoi-des-pieces", "relance", "decision"]
    assert {touchpoint.name: touchpoint.channel for touchpoint in journey.touchpoints} == {
        "Moteur de recherche": "web", "Site": "web", "Application": "mobile-app", "Courriel": "email",
        "Téléphone": "phone"}
    assert steps[2].backstage[0].action == "Création du compte" and steps[6].delights == []
    assert "Numéro de dossier" in steps[5].delights
    assert "['Parcours usager'!G3]" in output  # the viewpoint's warning on 'Reçoit un courriel', at its cell
    assert "# Recherche en ligne ('Parcours usager'!B2)" in text


def test_cjml_rows_with_a_header_block_initiators_and_receivers(tmp_path: Path) -> None:
    journey, text, _ = _imported(tmp_path, "cjml-template-en.xlsx")
    assert journey.title == "Booking and visiting a GP clinic"
    assert journey.persona is not None and journey.persona.name == "Patient"
    assert [stage.name for stage in journey.stages] == ["Booking", "Preparation", "Visit", "Follow-up"]
    steps = _steps(journey)
    assert len(steps) == 7  # TP7 says Include = No
    assert "Left out (Include = No): row 15 (Pays at the desk)." in text
    assert [step.emotion for step in steps] == [1, 2, -1, -2, 0, 2, -1]
    # The clinic sends, the patient reads: the patient's side is the step, the clinic's its backstage.
    assert steps[1].action == "Reads the confirmation"
    assert (steps[1].backstage[0].action, steps[1].backstage[0].owner, steps[1].backstage[0].visible) == (
        "Sends confirmation SMS", "Clinic", True)
    assert steps[2].pain_points[0].type == "breakpoint"
    assert {touchpoint.channel for touchpoint in journey.touchpoints} >= {"web", "sms", "email", "phone", "store"}
    assert "# 'Very satisfied' ('Journey 1'!N10)" in text


@pytest.mark.parametrize("fixture", ["blueprint-signal-en.xlsx", "blueprint-signal-en.csv"])
def test_service_blueprint_layers_fold_into_steps(tmp_path: Path, fixture: str) -> None:
    journey, _, output = _imported(tmp_path, fixture)
    steps = _steps(journey)
    assert [step.action for step in steps] == ["Give the booking name at the door", "Choose dishes from the menu",
                                               "Ask for the bill"]
    assert [len(step.backstage) for step in steps] == [1, 3, 1]
    assert steps[1].backstage[0].visible and not steps[1].backstage[1].visible
    assert steps[1].backstage[1].owner == "Kitchen"
    assert [touchpoint.name for touchpoint in journey.touchpoints] == ["Booking confirmation e-mail"]
    assert "'Time in minutes' is not imported" in output and "JM605" in output


def test_both_blueprint_files_give_one_journey(tmp_path: Path) -> None:
    from_xlsx, _, _ = _imported(tmp_path, "blueprint-signal-en.xlsx")
    from_csv, _, _ = _imported(tmp_path, "blueprint-signal-en.csv")
    assert from_xlsx.model_dump(exclude={"id", "title", "objective"}) == \
        from_csv.model_dump(exclude={"id", "title", "objective"})


def test_product_manager_lanes_read_feelings_from_words(tmp_path: Path) -> None:
    journey, _, output = _imported(tmp_path, "pm-prompts-lanes-en.csv")
    steps = _steps(journey)
    assert [stage.name for stage in journey.stages] == ["Awareness", "Consideration", "Decision", "Onboarding",
                                                        "Service", "Loyalty"]
    assert [step.emotion for step in steps] == [1, -1, 1, -1, -2, 1]
    assert steps[4].thinking == "Frustrated, 2 days wait"
    assert journey.touchpoints[4].owner == "Support" and journey.touchpoints[4].channel == "chat"
    assert "'KPIs' is not imported" in output and "'Business Goals' is not imported" in output


def test_trailhead_csv_with_bom_semicolons_and_words(tmp_path: Path) -> None:
    journey, _, _ = _imported(tmp_path, "trailhead-etapes-fr-bom-semicolons.csv")
    assert journey.lang == "fr" and len(journey.stages) == 6
    steps = _steps(journey)
    assert [step.emotion for step in steps] == [0, -1, -1, 1, 2, 2]
    assert steps[2].action == "Paie 9,90 €" and steps[4].thinking == "« Ma sœur le voit ; parfait »"
    assert [action.title for action in journey.actions][-1] == "Parrainage"


def test_windows_1252_csv_with_a_curve_beyond_two(tmp_path: Path) -> None:
    journey, text, output = _imported(tmp_path, "experience-map-fr-cp1252.csv")
    steps = _steps(journey)
    assert [stage.name for stage in journey.stages] == ["Avant", "Pendant", "Après"]
    assert [step.emotion for step in steps] == [1, -1, -1, 2, -1, 0, -1]
    assert "# 3 on a -3..+3 scale" in text
    assert "Windows-1252" in output or "cp1252" in output
    assert steps[1].pain_points[0].description == "Retour de nuit non prévu"
    assert steps[6].pain_points[0].id != steps[1].pain_points[0].id  # the same words twice: two unique ids


# --- hostile sheets ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("fixture", "code"), [
    ("hostile-zip-bomb.xlsx", "JM601"), ("hostile-empty.xlsx", "JM602"), ("hostile-huge-dimension.xlsx", "JM602"),
])
def test_sheets_that_hold_no_journey_write_nothing(tmp_path: Path, fixture: str, code: str) -> None:
    source = tmp_path / fixture
    shutil.copyfile(FIXTURES / fixture, source)
    result = runner.invoke(app, ["import", str(source)])
    assert result.exit_code == 1 and code in result.output and "nothing written" in result.output
    assert not source.with_suffix(".yaml").exists()


def test_formulas_are_never_run_nor_written(tmp_path: Path) -> None:
    source = tmp_path / "formulas.xlsx"
    shutil.copyfile(FIXTURES / "hostile-formulas.xlsx", source)
    result = runner.invoke(app, ["import", str(source)])
    assert result.exit_code == 0, result.output
    assert result.output.count("JM603") == 6
    text = source.with_suffix(".yaml").read_text(encoding="utf-8")
    for formula in ("HYPERLINK", "=CMD", "IMPORTXML", "powershell", "=SUM(1,2)", "=1+1"):
        assert formula not in text
    assert "description: \"@SUM(1+1)*cmd|' /C calc'!A0\"" in text  # text, quoted as text: YAML runs nothing


def test_merged_chaos_gives_problems_at_cells(tmp_path: Path) -> None:
    source = tmp_path / "chaos.xlsx"
    shutil.copyfile(FIXTURES / "hostile-merged-chaos.xlsx", source)
    result = import_file(source)
    cells = {item.cell for item in result.problems if item.problem.code in ("JM603", "JM604")}
    assert {"Carte!B5", "Carte!C5", "Carte!G5"} <= cells


# --- the command's promises --------------------------------------------------------------------------------------

def test_input_untouched_and_output_replaced_only_with_force(tmp_path: Path) -> None:
    source = tmp_path / "parcours.xlsx"
    shutil.copyfile(FIXTURES / "parcours-usager-fr.xlsx", source)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    assert runner.invoke(app, ["import", str(source)]).exit_code == 0
    again = runner.invoke(app, ["import", str(source)])
    assert again.exit_code == 2 and "already exists (use --force" in again.output
    assert runner.invoke(app, ["import", str(source), "--force"]).exit_code == 0
    refused = runner.invoke(app, ["import", str(source), "-o", str(source), "--force"])
    assert refused.exit_code == 2
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before


def test_a_missing_file_or_a_folder_is_a_usage_error(tmp_path: Path, run_cli: Any) -> None:
    for name, said in (("nowhere.xlsx", "no such file"), (".", "is a folder")):
        result = run_cli("import", name)
        assert result.returncode == 2 and said in result.stderr and "Traceback" not in result.stderr


def test_sheet_choice_and_other_journey_sheets(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book["Notes"]["A1"] = "Workshop of 12 March"
    for name, action in (("Web", "Orders online"), ("Store", "Orders at the counter")):
        sheet = book.create_sheet(name)
        for row in (("Stage", "Buy", "Buy"), ("Customer actions", action, "Pays"), ("Emotion", 1, -1)):
            sheet.append(row)
    book.save(tmp_path / "two.xlsx")
    first = runner.invoke(app, ["import", str(tmp_path / "two.xlsx")])
    assert first.exit_code == 0 and "sheet 'Web'" in first.output and "'Store'" in first.output
    chosen = runner.invoke(app, ["import", str(tmp_path / "two.xlsx"), "--sheet", "store", "-o",
                                 str(tmp_path / "store.yaml")])
    assert chosen.exit_code == 0
    assert _steps(_journey_of(tmp_path / "store.yaml"))[0].action == "Orders at the counter"
    unknown = runner.invoke(app, ["import", str(tmp_path / "two.xlsx"), "--sheet", "Nope", "-o",
                                  str(tmp_path / "x.yaml")])
    assert unknown.exit_code == 2 and "Notes, Web, Store" in unknown.output


def test_configuration_names_a_teams_own_headings_and_words(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    for row in (("Moment", "Avant", "Pendant"), ("Ce que vit le client", "Réserve en ligne", "Attend au guichet"),
                ("Météo", "Soleil", "Bof"), ("KPI", "Taux de conversion", "Temps d'attente")):
        book.active.append(row)
    book.save(tmp_path / "own.xlsx")
    plain = runner.invoke(app, ["import", str(tmp_path / "own.xlsx")])
    assert plain.exit_code == 1 and "JM602" in plain.output
    (tmp_path / "journeymap.toml").write_text(
        '[sheets.headers]\n"Moment" = "stage"\n"Ce que vit le client" = "action"\n"Météo" = "emotion"\n'
        '"KPI" = "ignore"\n\n[sheets.emotions]\n"Soleil" = 2\n"Bof" = -1\n', encoding="utf-8")
    mapped = runner.invoke(app, ["import", str(tmp_path / "own.xlsx"), "-c", str(tmp_path / "journeymap.toml"),
                                 "--lang", "fr"])
    assert mapped.exit_code == 0, mapped.output
    assert "JM605" not in mapped.output
    journey = _journey_of(tmp_path / "own.yaml")
    assert journey.lang == "fr" and [step.emotion for step in _steps(journey)] == [2, -1]


def test_json_report_names_cells(tmp_path: Path) -> None:
    source = tmp_path / "nng.xlsx"
    shutil.copyfile(FIXTURES / "nng-remote-journey-en.xlsx", source)
    result = runner.invoke(app, ["import", str(source), "-f", "json"])
    report = json.loads(result.output)
    assert report["layout"] == "lanes" and report["counts"]["steps"] == 7 and report["output"].endswith("nng.yaml")
    assert any(problem["cell"] == "'Journey Map'!G7" for problem in report["problems"])


def test_without_openpyxl_the_message_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_openpyxl(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "openpyxl" or name.startswith("openpyxl."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_openpyxl)
    shutil.copyfile(FIXTURES / "nng-remote-journey-en.xlsx", tmp_path / "nng.xlsx")
    result = runner.invoke(app, ["import", str(tmp_path / "nng.xlsx")])
    assert result.exit_code == 2 and "journeymap[sheets]" in result.output


# --- whatever a sheet holds, the journey written is in the format ------------------------------------------------

_LANES = ["Stage", "Steps", "Customer actions", "Touchpoints", "Emotion", "Thoughts", "Pain points", "Backstage",
          "Moments of truth", "Opportunities", "Enchantements", "Verbatims", "Channel", "Teams involved", "KPIs"]
_CELL = st.one_of(st.text(max_size=30), st.integers(-20, 20), st.floats(allow_nan=False, allow_infinity=False),
                  st.booleans(), st.sampled_from(["😀", "Very dissatisfied", "=1+1", " ", "ravi", "x", "●"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lanes=st.lists(st.sampled_from(_LANES), min_size=2, max_size=8, unique=True),
       columns=st.integers(1, 5), values=st.lists(_CELL, min_size=40, max_size=40),
       as_rows=st.booleans())
def test_any_sheet_becomes_a_journey_in_the_format_or_a_clear_problem(
        lanes: list[str], columns: int, values: list[Any], as_rows: bool) -> None:
    cells: dict[tuple[int, int], Any] = {}
    for index, lane in enumerate(lanes, start=1):
        cells[(1, index) if as_rows else (index, 1)] = lane
        for step in range(2, columns + 2):
            value = values[(index * 7 + step) % len(values)]
            if value not in ("", None):
                cells[(step, index) if as_rows else (index, step)] = value
    book = Book("random.xlsx", "xlsx", (Sheet("Sheet1", cells, (), {}),), ())
    result, draft = import_book(book, settings=Settings())
    if draft is None:
        assert [item.problem.code for item in result.problems] == ["JM602"]
        return
    checked = validate_text(draft.to_yaml(), "random.yaml")
    assert [p for p in checked.problems if p.code < "JM200"] == [], draft.to_yaml()


def test_several_touchpoints_in_a_cell_and_what_has_no_place(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    for row in (("Goals and expectations", "Be called back the same day"), ("Stage", "Ask", "Ask", "Ask"),
                ("Customer actions", "Asks for a quote", "Compares the offers", "Reads about the range"),
                ("Touchpoints", "Website, E-mail", "Letter (paper, signed)\nWebsite",
                 "Product pages, case studies and spec sheets")):
        book.active.append(row)
    book.save(tmp_path / "cells.xlsx")
    result = import_file(tmp_path / "cells.xlsx")
    journey = _journey_of(tmp_path / "cells.yaml")
    assert [touchpoint.name for touchpoint in journey.touchpoints] == [
        "Website", "E-mail", "Letter (paper, signed)", "Product pages, case studies and spec sheets"]
    assert [step.touchpoints for step in _steps(journey)] == [
        ["website", "e-mail"], ["letter-paper-signed", "website"], ["product-pages-case-studies-and-spec-sheets"]]
    assert ("JM605", "Sheet!B1") in {(item.problem.code, item.cell) for item in result.problems}
    text = (tmp_path / "cells.yaml").read_text(encoding="utf-8")
    assert "from cells.xlsx (lanes layout" in text and str(tmp_path) not in text


def test_a_second_table_under_the_journey_is_not_read_as_steps(tmp_path: Path) -> None:
    """As in a real file seen (SOURCES.md, Touchpoint_Analysis.xlsx): the journey's rows, an empty row, then a
    scores table whose header sits over numbers."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in (("Journey Stage", "Customer Actions", "Pain Point"),
                ("Search", "Looks for running shoes", "Too many filters; none for width"),
                ("Buy", "Pays online", "Card refused twice")):
        sheet.append(row)
    sheet.append(())
    for row in (("Touchpoint", "Importance Score"), ("Website", 5), ("App", 4)):
        sheet.append(row)
    book.save(tmp_path / "two-tables.xlsx")
    result = import_file(tmp_path / "two-tables.xlsx")
    journey = _journey_of(tmp_path / "two-tables.yaml")
    assert [step.action for step in _steps(journey)] == ["Looks for running shoes", "Pays online"]
    assert [pain.description for pain in _steps(journey)[0].pain_points] == ["Too many filters; none for width"]
    assert ("JM605", "Sheet!A5") in {(item.problem.code, item.cell) for item in result.problems}


# --- every example, written the way a team writes its own sheet, read back through recognition -----------------

_TEAM_WORDS = {"en": {-2: "Angry", -1: "Worried", 0: "Neutral", 1: "Satisfied", 2: "Delighted"},
               "fr": {-2: "Furieux", -1: "Inquiet", 0: "Neutre", 1: "Satisfait", 2: "Ravi"}}
_TEAM_LANES = {"en": ("Journey phases", "Customer Actions", "Touchpoints", "Customer Feeling", "Pain Points",
                      "Behind the scenes"),
               "fr": ("Phase", "Action du client", "Points de contact", "Ressenti", "Irritants",
                      "Processus internes")}


def _team_sheet(journey: Journey, as_rows: bool) -> Any:
    """The journey as a team writes it by hand: its own headings (English or French), stages merged over their
    steps (lanes) or repeated (rows), feelings in words, touchpoints by name, several items in a cell, one per line
    (commas are ambiguous in names: test_several_touchpoints_in_a_cell...)."""
    import openpyxl

    names = {touchpoint.id: touchpoint.name for touchpoint in journey.touchpoints}
    book = openpyxl.Workbook()
    sheet = book.active
    lanes = _TEAM_LANES[journey.lang]
    columns = [[stage.name, step.action, "\n".join(names[t] for t in step.touchpoints) or None,
                None if step.emotion is None else _TEAM_WORDS[journey.lang][step.emotion],
                "\n".join(pain.description for pain in step.pain_points) or None,
                "\n".join(process.action for process in step.backstage) or None]
               for stage in journey.stages for step in stage.steps]
    if as_rows:
        sheet.append(lanes)
        for values in columns:
            sheet.append(values)
        return book
    for row, lane in enumerate(lanes, start=1):
        sheet.cell(row, 1, lane)
        for column, values in enumerate(columns, start=2):
            if row > 1 or column == 2 or values[0] != columns[column - 3][0]:
                sheet.cell(row, column, values[row - 1])
    return book


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
@pytest.mark.parametrize("as_rows", [False, True], ids=["lanes", "rows"])
def test_a_teams_own_sheet_of_every_example_reads_back(tmp_path: Path, path: Path, as_rows: bool) -> None:
    journey = _journey_of(path)
    _team_sheet(journey, as_rows).save(tmp_path / "team.xlsx")
    result = import_file(tmp_path / "team.xlsx")
    assert result.layout == ("rows" if as_rows else "lanes") and result.lang == journey.lang
    back = _journey_of(tmp_path / "team.yaml")
    assert [stage.name for stage in back.stages] == [stage.name for stage in journey.stages if stage.steps]
    pairs = list(zip(_steps(back), _steps(journey), strict=True))
    names = {touchpoint.id: touchpoint.name for touchpoint in journey.touchpoints}
    back_names = {touchpoint.id: touchpoint.name for touchpoint in back.touchpoints}
    for got, want in pairs:
        assert got.action == want.action and got.emotion == want.emotion
        assert [back_names[t] for t in got.touchpoints] == [names[t] for t in want.touchpoints]
        assert [pain.description for pain in got.pain_points] == [pain.description for pain in want.pain_points]
        assert [process.action for process in got.backstage] == [process.action for process in want.backstage]
