"""Results files as survey tools write them, and as they go wrong: every unusable row is a problem with its line."""

from __future__ import annotations

import pytest
from listening_helpers import answers, measured, reading, write_csv, write_jsonl

from journeymap.listening.results import ResultsFileError


def codes_and_lines(found) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    return [(problem.code, problem.line) for problem in found.problems]


def test_every_unusable_row_is_a_problem_at_its_line_and_the_rest_is_used(tmp_path):
    rows = [
        ["stay", "check-in", "2026-03-01", "ces", 5, "", "", ""],       # line 2: fine
        ["stay", "check-in", "2026-13-01", "ces", 5, "", "", ""],       # 3: no such month
        ["stay", "check-in", "2026-03-01", "ces", "abc", "", "", ""],   # 4: not a number
        ["stay", "check-inn", "2026-03-01", "ces", 5, "", "", ""],      # 5: unknown step
        ["hotel", "check-in", "2026-03-01", "ces", 5, "", "", ""],      # 6: unknown journey
        ["stay", "find-room", "2026-03-01", "ces", 5, "", "", ""],      # 7: no moment of truth there
        ["stay", "check-in", "2026-03-01", "nps", 5, "", "", ""],       # 8: the plan says CES
        ["stay", "check-in", "2026-03-01", "ces", 8, "", "", ""],       # 9: CES is 1-7
        ["stay", "recommend", "2026-03-01", "nps", "", 120, 10, ""],    # 10: NPS aggregates are -100..100
        ["stay", "recommend", "2026-03-01", "nps", "", 20, 0, ""],      # 11: nobody answered
        ["stay", "recommend", "2026-03-01", "nps", "", "", "", ""],     # 12: neither score nor value
        ["", "check-in", "2026-03-01", "ces", 5, "", "", ""],           # 13: no journey
    ]
    found = measured(tmp_path, [write_csv(tmp_path, rows)])
    assert codes_and_lines(found) == [
        ("JM502", 3), ("JM502", 4), ("JM503", 5), ("JM503", 6), ("JM504", 7), ("JM505", 8), ("JM506", 9),
        ("JM506", 10), ("JM502", 11), ("JM502", 12), ("JM502", 13)]
    assert found.rows.read == 12 and found.rows.used == 1 and found.rows.dropped == 11
    messages = {p.line: p for p in found.problems}
    assert messages[5].hint == "did you mean 'check-in'?"
    assert "plans 'ces'" in messages[8].message
    assert found.exit_code() == 1


def test_a_french_spreadsheet_export(tmp_path):
    """Semicolons, a byte-order mark, decimal commas, French dates and the tool's own column names."""
    text = ("\ufeffParcours;Question;Date de réponse;Note;Commentaire\n"
            "stay;pay;10/03/2026;4,5;Très bien\n"
            "stay;pay;11/03/2026;3,5;\n")
    (tmp_path / "export.csv").write_text(text, encoding="utf-8")
    found = measured(tmp_path, [tmp_path / "export.csv"], date_format="%d/%m/%Y", columns={
        "journey": "Parcours", "step": "Question", "date": "Date de réponse", "score": "Note",
        "verbatim": "Commentaire"})
    assert not found.problems
    moment = reading(found, "pay")
    assert moment.latest.value == pytest.approx(4.0) and moment.verbatims[0].text == "Très bien"


def test_another_encoding_is_said_and_can_be_configured(tmp_path):
    path = write_csv(tmp_path, [["stay", "pay", "2026-03-10", "csat", 4, "", "", "Très bien"]], encoding="cp1252")
    found = measured(tmp_path, [path])
    assert codes_and_lines(found) == [("JM501", 2)] and "not utf-8 text" in found.problems[0].message
    assert 'encoding = "cp1252"' in (found.problems[0].hint or "")
    found = measured(tmp_path, [path], encoding="cp1252")
    assert not found.problems and reading(found, "pay").verbatims[0].text == "Très bien"


def test_metric_names_of_a_survey_tool_are_mapped(tmp_path):
    rows = [["stay", "recommend", "2026-03-10", "Net Promoter", 10, "", "", ""]]
    found = measured(tmp_path, [write_csv(tmp_path, rows)], metrics={"Net Promoter": "nps"})
    assert not found.problems and reading(found, "recommend").latest.value == 100


def test_a_header_without_the_needed_columns(tmp_path):
    path = write_csv(tmp_path, [["stay", "2026-03-10", 4]], header=["journey", "date", "score"])
    found = measured(tmp_path, [path])
    assert codes_and_lines(found) == [("JM501", 1)] and "no column for step" in found.problems[0].message
    path = write_csv(tmp_path, [["stay", "pay", "2026-03-10"]], header=["journey", "step", "date"])
    assert "score (one answer per row) or value and respondents" in measured(tmp_path, [path]).problems[0].message


def test_an_empty_file(tmp_path):
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    found = measured(tmp_path, [tmp_path / "empty.csv"])
    assert codes_and_lines(found) == [("JM501", 1)] and "empty" in found.problems[0].message


def test_a_quoted_verbatim_over_several_lines_keeps_the_next_rows_line(tmp_path):
    text = ('journey,step,date,score,verbatim\n'
            'stay,pay,2026-03-10,4,"first line\nsecond line"\n'
            'stay,pay,2026-03-10,9,\n')
    (tmp_path / "r.csv").write_text(text, encoding="utf-8")
    found = measured(tmp_path, [tmp_path / "r.csv"])
    assert codes_and_lines(found) == [("JM506", 4)]
    assert reading(found, "pay").verbatims[0].text == "first line\nsecond line"


def test_json_lines(tmp_path):
    path = write_jsonl(tmp_path, [
        {"journey": "stay", "step": "recommend", "date": "2026-03-10T08:30:00Z", "score": 9},
        "{not json",
        [1, 2],
        {"journey": "stay", "step": "recommend", "date": "2026-03-11", "value": 10, "respondents": 40},
        {"journey": "stay", "step": "recommend", "date": "2026-03-11", "score": True},
    ])
    found = measured(tmp_path, [path])
    assert codes_and_lines(found) == [("JM502", 2), ("JM502", 3), ("JM502", 5)]
    assert reading(found, "recommend").latest.value == pytest.approx((100 + 10 * 40) / 41)


def test_respondents_with_thousands_separators(tmp_path):
    rows = [["stay", "recommend", "2026-03-01", "nps", "", "35,5", "1,200", ""]]
    found = measured(tmp_path, [write_csv(tmp_path, rows)])
    assert not found.problems and reading(found, "recommend").latest.respondents == 1200


def test_a_missing_results_file_is_a_usage_error(tmp_path):
    with pytest.raises(ResultsFileError, match="no such results file"):
        measured(tmp_path, [tmp_path / "missing.csv"])


def test_problems_are_capped_per_file_and_code_and_counted(tmp_path):
    rows = answers("check-in", "ces", [9] * 50)
    found = measured(tmp_path, [write_csv(tmp_path, rows)])
    assert len(found.problems) == 20 and sum(found.unshown.values()) == 30 and found.rows.dropped == 50


def test_a_disabled_check_leaves_the_row_out_silently(tmp_path):
    from journeymap.config import ResultsSettings, Settings
    from journeymap.listening.measure import measure
    from listening_helpers import plan_of, write_journey

    write_journey(tmp_path)
    rows = answers("check-in", "ces", [5]) + [["stay", "lobby", "2026-03-10", "ces", 5, "", "", ""]]
    settings = Settings(disable=["results.unknown-step"], results=ResultsSettings(min_respondents=1))
    found = measure([write_csv(tmp_path, rows)], plan_of(tmp_path), settings)
    assert not found.problems and found.rows.dropped == 1 and found.rows.used == 1 and found.exit_code() == 0


@pytest.mark.parametrize("quoted", [True, False])
def test_a_runaway_cell_is_a_problem_and_the_next_rows_are_read(tmp_path, quoted):
    from journeymap.listening.results import MAX_FIELD

    huge = "x" * (MAX_FIELD + 10)
    cell = f'"{huge}"' if quoted else huge
    text = ("journey,step,date,score,verbatim\n"
            "stay,pay,2026-03-10,4,\n"
            f"stay,pay,2026-03-10,4,{cell}\n"
            "stay,pay,2026-03-11,2,\n")
    (tmp_path / "r.csv").write_text(text, encoding="utf-8")
    found = measured(tmp_path, [tmp_path / "r.csv"])
    assert codes_and_lines(found) == [("JM502", 3)] and "cannot be read as CSV" in found.problems[0].message
    assert reading(found, "pay").latest.respondents == 2 and found.rows.read == 3
