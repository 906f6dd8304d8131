"""journeymap export: every example as a workbook (lanes and rows) and as CSV, read back by journeymap import into
the same journey (the layout holds everything), formatted for people
(frozen headers, colours, the emotion scale, the impact/effort chart), with formula-like text kept as text."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from journeymap.cli import app
from journeymap.validate import validate_text
from journeymap.model import Journey
from journeymap.sheets import layout
from journeymap.sheets.export import to_csv, to_xlsx

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl (pip install 'journeymap[sheets]') reads the workbooks")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
runner = CliRunner()


def _load(text: str, name: str = "j.yaml") -> Journey:
    journey = validate_text(text, name).journey
    assert journey is not None, name
    return journey


def _journey(path: Path) -> Journey:
    return _load(path.read_text(encoding="utf-8"), str(path))


# --- read back by journeymap import: proves the sheets hold every field of the journey ------------------------

def _read_back(data: bytes, suffix: str, tmp_path: Path) -> Journey:
    from journeymap.sheets.importer import import_file

    sheet = tmp_path / f"exported{suffix}"
    sheet.write_bytes(data)
    result = import_file(sheet, tmp_path / "back.yaml", force=True)
    sheet_problems = [item.problem for item in result.problems if item.problem.code.startswith("JM6")]
    assert result.layout == "journeymap" and not sheet_problems and result.errors == 0, sheet_problems
    return _journey(tmp_path / "back.yaml")


def _book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data), data_only=False)


# --- every example, both layouts and both formats -------------------------------------------------------------

@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
@pytest.mark.parametrize("sheets_layout", ["lanes", "rows"])
def test_workbook_holds_the_whole_journey(path: Path, sheets_layout: str, tmp_path: Path) -> None:
    journey = _journey(path)
    book = _book(to_xlsx(journey, sheets_layout))  # type: ignore[arg-type]
    lang = journey.lang
    assert book.sheetnames == [layout.sheet_name(sheet, lang, sheets_layout) for sheet in layout.SHEET_ORDER]
    for sheet, columns in layout.TABLES.items():
        assert [cell.value for cell in book[layout.sheet_name(sheet, lang)][1]] == layout.headers(columns, lang)
    rebuilt = _read_back(to_xlsx(journey, sheets_layout), ".xlsx", tmp_path)  # type: ignore[arg-type]
    assert rebuilt.model_dump() == journey.model_dump()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_csv_holds_the_whole_journey(path: Path, tmp_path: Path) -> None:
    journey = _journey(path)
    text = to_csv(journey)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [layout.sheet_name("steps", journey.lang)]
    assert rows[1] == layout.headers(layout.STEP_COLUMNS, journey.lang)
    assert _read_back(text.encode("utf-8-sig"), ".csv", tmp_path).model_dump() == journey.model_dump()


def test_values_are_where_the_layout_says(clean_journey: str) -> None:
    journey = _load(clean_journey)
    book = _book(to_xlsx(journey, "rows"))
    steps = list(book["Steps"].iter_rows(min_row=2, values_only=True))
    assert steps[1] == ("choose", "pay", "Pay for the order", None, "web", -1, None, None, None)
    assert list(book["Pain points"].iter_rows(min_row=2, values_only=True)) == [
        ("pay", "slow-payment", "The payment page is slow", "high", "irritant")]
    assert list(book["Listening plan"].iter_rows(min_row=2, values_only=True)) == [
        ("pay", "How easy was it?", "email", "hot", "ces", None, None, 4)]
    assert list(book["Backstage"].iter_rows(min_row=2, values_only=True)) == [
        ("pay", "Check the payment for fraud", "Finance", False, None)]
    assert list(book["Action plan"].iter_rows(min_row=2, values_only=True)) == [
        ("faster-payment", "Faster payment page", None, "slow-payment", 4, 2, "E-commerce", "planned",
         None, None, None)]
    touchpoints = list(book["Touchpoints"].iter_rows(min_row=2, values_only=True))
    assert touchpoints[0] == ("web", "Website", "web", "E-commerce", "selfcare", None)
    journey_rows = {key: value for _, value, key in book["Journey"].iter_rows(min_row=2, values_only=True)}
    assert journey_rows["id"] == "meal-kit" and journey_rows["persona.goals"] == "Cook healthy meals fast"
    assert journey_rows["journeymap"] == 1 and journey_rows["target_of"] is None


# --- what people see --------------------------------------------------------------------------------------------

def test_frozen_headers_colours_scale_and_chart(clean_journey: str) -> None:
    journey = _load(clean_journey)
    rows, lanes = _book(to_xlsx(journey, "rows")), _book(to_xlsx(journey, "lanes"))
    assert rows["Steps"].freeze_panes == "C2" and lanes["Journey map"].freeze_panes == "B3"
    for name in ("Pain points", "Listening plan", "Touchpoints", "Action plan", "Backstage", "Stages"):
        assert rows[name].freeze_panes == "B2", name
        assert rows[name]["A1"].font.bold
    scales = {str(range_.sqref): [rule.type for rule in rules]
              for range_, rules in rows["Steps"].conditional_formatting._cf_rules.items()}
    assert scales == {"F2:F4": ["colorScale"]}
    rule = next(iter(rows["Steps"].conditional_formatting._cf_rules.values()))[0]
    assert [value.val for value in rule.colorScale.cfvo] == [-2, 0, 2]
    lane_scales = {str(range_.sqref) for range_ in lanes["Journey map"].conditional_formatting._cf_rules}
    assert lane_scales == {"B6:D6"}  # the emotion lane, row 6, over the three steps
    assert lanes["Journey map"]["A6"].value == "Emotion"
    fills = [rows["Steps"].cell(row, 1).fill.fgColor.rgb for row in (2, 3, 4)]
    assert fills[0] == fills[1] != fills[2]  # one colour per stage
    assert rows["Pain points"]["D2"].fill.fgColor.rgb.endswith("F4B6B6")  # high
    assert rows["Steps"].column_dimensions["C"].width == 32
    charts = rows["Action plan"]._charts
    assert len(charts) == 1 and type(charts[0]).__name__ == "ScatterChart"


def test_french_journey_has_french_sheets_and_headers() -> None:
    journey = _journey(ROOT / "examples" / "fr-patient-teleconsultation.yaml")
    book = _book(to_xlsx(journey, "lanes"))
    assert book.sheetnames[:3] == ["Carte du parcours", "Parcours", "Phases"]
    assert book["Plan d'actions"]["E1"].value == "Impact" and book["Points de douleur"]["D1"].value == "Gravité"


HOSTILE = ['=HYPERLINK("http://evil.example","x")', "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", "'quoted",
           "bell \x07 and _x0041_ literal"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_stays_text(clean_journey: str, text: str, tmp_path: Path) -> None:
    source = clean_journey.replace("action: Pay for the order", f"action: {_yaml(text)}")
    source = source.replace("description: The payment page is slow", f"description: {_yaml(text)}")
    journey = _load(source)
    book = _book(to_xlsx(journey, "rows"))
    for cell in (book["Steps"]["C3"], book["Pain points"]["C2"]):
        assert cell.data_type == "s", cell.coordinate
        assert not isinstance(cell.value, str) or _unescaped(cell.value) == text
    assert book["Steps"]["C3"].quotePrefix == text.startswith(layout.DANGEROUS_START)
    rows = list(csv.reader(io.StringIO(to_csv(journey))))
    assert rows[3][2] == (f"'{text}" if text.startswith((*layout.DANGEROUS_START, "'")) else text)
    assert _read_back(to_xlsx(journey, "rows"), ".xlsx", tmp_path).model_dump() == journey.model_dump()
    assert _read_back(to_csv(journey).encode("utf-8-sig"), ".csv", tmp_path).model_dump() == journey.model_dump()


def _unescaped(value: str) -> str:
    """OOXML's _xHHHH_ escapes undone, as a spreadsheet shows the text."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda match: chr(int(match.group(1), 16)), value)


def _yaml(text: str) -> str:
    import json

    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def test_same_journey_same_bytes(clean_journey: str) -> None:
    journey = _load(clean_journey)
    first = to_xlsx(journey, "lanes")
    time.sleep(2.1)  # zip entries keep times to 2 seconds, the workbook's dates to the second
    assert to_xlsx(journey, "lanes") == first
    assert b"2000-01-01T00:00:00Z" in __import__("zipfile").ZipFile(io.BytesIO(first)).read("docProps/core.xml")


# --- the command ---------------------------------------------------------------------------------------------

def test_cli_writes_beside_the_journey_and_replaces_only_with_force(tmp_path: Path, clean_journey: str) -> None:
    source = tmp_path / "journey.yaml"
    source.write_text(clean_journey, encoding="utf-8")
    result = runner.invoke(app, ["export", str(source)])
    assert result.exit_code == 0, result.output
    written = tmp_path / "journey.xlsx"
    assert _book(written.read_bytes()).sheetnames[0] == "Journey map"
    written.write_bytes(b"mine")
    result = runner.invoke(app, ["export", str(source)])
    assert result.exit_code == 2 and "--force" in result.output and written.read_bytes() == b"mine"
    assert runner.invoke(app, ["export", str(source), "--force"]).exit_code == 0
    assert written.read_bytes()[:2] == b"PK"
    result = runner.invoke(app, ["export", str(source), "-f", "csv", "--layout", "lanes"])
    assert result.exit_code == 2 and "rows layout only" in result.output
    assert runner.invoke(app, ["export", str(source), "-f", "csv"]).exit_code == 0
    assert (tmp_path / "journey.csv").read_bytes().startswith(b"\xef\xbb\xbfSteps\r\n")  # a BOM: Excel reads UTF-8


def test_cli_never_overwrites_the_journey(tmp_path: Path, clean_journey: str) -> None:
    source = tmp_path / "journey.yaml"
    source.write_text(clean_journey, encoding="utf-8")
    for output in (source, tmp_path / "." / "journey.yaml"):
        result = runner.invoke(app, ["export", str(source), "-o", str(output), "-f", "csv", "--force"])
        assert result.exit_code == 2 and "input" in result.output
    (tmp_path / "link.csv").symlink_to(source)
    result = runner.invoke(app, ["export", str(source), "-o", str(tmp_path / "link.csv"), "-f", "csv", "--force"])
    assert result.exit_code == 0  # the link is replaced, never written through
    assert source.read_text(encoding="utf-8") == clean_journey and not (tmp_path / "link.csv").is_symlink()


def test_cli_refuses_a_journey_with_errors(tmp_path: Path, clean_journey: str) -> None:
    source = tmp_path / "journey.yaml"
    source.write_text(clean_journey.replace("state: current", "state: someday"), encoding="utf-8")
    result = runner.invoke(app, ["export", str(source)])
    assert result.exit_code == 1 and "fix them first" in result.output and "state" in result.output
    assert not (tmp_path / "journey.xlsx").exists()
    assert runner.invoke(app, ["export", str(tmp_path / "missing.yaml")]).exit_code == 2
    assert runner.invoke(app, ["export", str(tmp_path)]).exit_code == 2


def test_cli_as_a_subprocess(run_cli: Any, tmp_path: Path) -> None:
    example = ROOT / "examples" / "en-citizen-permit.yaml"
    result = run_cli("export", str(example), "-o", "permit.xlsx", "--layout", "rows")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "wrote permit.xlsx\n"
    assert _book((tmp_path / "permit.xlsx").read_bytes())["Steps"]["B1"].value == "Id"


HIDE_OPENPYXL = ("import sys; sys.modules['openpyxl'] = None; sys.argv = ['journeymap', *sys.argv[1:]]; "
                 "from journeymap.cli import main; main()")


def test_missing_openpyxl_says_how_to_install_it(tmp_path: Path, clean_journey: str) -> None:
    (tmp_path / "journey.yaml").write_text(clean_journey, encoding="utf-8")
    run = [sys.executable, "-c", HIDE_OPENPYXL, "export", "journey.yaml"]
    result = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "pip install 'journeymap[sheets]'" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "journey.xlsx").exists()
    result = subprocess.run([*run, "-f", "csv"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr  # CSV needs only the standard library


EVERY_FIELD = """\
journeymap: 1
id: every-field
title: "2024"
state: target
target_of: every-field-now
kind: citizen
lang: fr
objective: "Tout remplir\\nsur deux lignes"
owner: Équipe CX
evidence: hypothesis
description: Un parcours qui remplit chaque champ
persona:
  name: Camille
  description: Pressée
  goals: [Aller vite, "Ne pas se répéter"]
  expectations: [Une réponse claire]
touchpoints:
  - {id: guichet, name: Guichet, channel: store, owner: Accueil, support: advisor, description: Au rez-de-chaussée}
  - {id: site, name: Site}
stages:
  - id: demander
    name: Demander
    goal: Obtenir le permis
    description: La demande
    steps:
      - id: deposer
        action: Déposer le dossier
        description: Au guichet
        touchpoints: [guichet, site]
        emotion: -2
        thinking: Encore un formulaire
        goal: Être reçu
        pain_points:
          - {id: attente, description: "L'attente", severity: low, type: gap}
          - {id: perte, description: Dossier perdu, severity: high, type: breakpoint}
        delights: [Accueil aimable, "Café offert"]
        verbatims: ["« Enfin »"]
        moment_of_truth: {question: Satisfait ?, media: web-survey, timing: cold, metric: nps, audience: Tous,
                          frequency: Une fois, alert_below: 3.5}
        backstage:
          - {action: Vérifier le dossier, owner: Instruction, visible: true, system: GED}
          - {action: Archiver le dossier}
        next: [attendre, deposer]
      - id: attendre
        action: Attendre la réponse
        moment_of_truth: {}
        next: []
  - id: vide
    name: Phase vide
actions:
  - id: suivi
    title: Suivi en ligne
    description: Le statut visible
    resolves: [attente, perte]
    impact: 5
    effort: 3
    owner: DSI
    status: in-progress
    trigger: {event: Dossier déposé, channel: sms, delay: 2h}
  - {id: idee, title: Une idée}
"""


@pytest.mark.parametrize("sheets_layout", ["lanes", "rows"])
def test_every_field_of_the_format_comes_back(sheets_layout: str, tmp_path: Path) -> None:
    journey = _load(EVERY_FIELD)
    back = _read_back(to_xlsx(journey, sheets_layout), ".xlsx", tmp_path)  # type: ignore[arg-type]
    assert back.model_dump() == journey.model_dump()
    assert _read_back(to_csv(journey).encode("utf-8-sig"), ".csv", tmp_path).model_dump() == journey.model_dump()


def test_an_empty_journey_exports(tmp_path: Path) -> None:
    journey = _load("journeymap: 1\nid: empty\ntitle: Empty\nstate: current\nobjective: Nothing yet\n")
    for sheets_layout in ("lanes", "rows"):
        data = to_xlsx(journey, sheets_layout)  # type: ignore[arg-type]
        assert _read_back(data, ".xlsx", tmp_path).model_dump() == journey.model_dump()
        assert not _book(data)["Action plan"]._charts
    assert _read_back(to_csv(journey).encode("utf-8-sig"), ".csv", tmp_path).model_dump() == journey.model_dump()


def test_output_to_a_stream_needs_no_force(tmp_path: Path, clean_journey: str) -> None:
    source = tmp_path / "journey.yaml"
    source.write_text(clean_journey, encoding="utf-8")
    result = runner.invoke(app, ["export", str(source), "-f", "csv", "-o", "/dev/null"])
    assert result.exit_code == 0, result.output


def test_enumerations_are_offered_as_drop_down_lists(clean_journey: str) -> None:
    book = _book(to_xlsx(_load(clean_journey), "rows"))
    lists = {str(item.sqref): item.formula1 for item in book["Pain points"].data_validations.dataValidation}
    assert lists == {"D2:D201": '"low,medium,high"', "E2:E201": '"irritant,breakpoint,gap"'}
    channels = [item.formula1 for item in book["Action plan"].data_validations.dataValidation]
    assert '"idea,planned,in-progress,done"' in channels and len(channels) == 2


def test_sheet_names_are_recognised_in_either_language() -> None:
    assert layout.sheet_key("Journey map") == ("steps", "lanes")
    assert layout.sheet_key("Étapes") == ("steps", "rows")
    assert layout.sheet_key("Plan d'actions") == ("action_plan", "rows")
    assert layout.sheet_key("Sheet1") is None
    for lang in ("en", "fr"):
        names = [layout.sheet_name(sheet, lang) for sheet in layout.SHEET_ORDER]
        names.append(layout.sheet_name("steps", lang, "lanes"))
        assert len(set(names)) == len(names)
        assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in names)
        for columns in (layout.STEP_COLUMNS, layout.JOURNEY_COLUMNS, *layout.TABLES.values()):
            assert len(set(layout.headers(columns, lang))) == len(columns)
