"""Format, reference and method checks: each case is a change to a clean journey and the problems it must cause.

Expected positions are found in the changed text itself, so a case reads as: replace this, expect that code here.
"""

from __future__ import annotations

import pytest

from conftest import CLEAN_JOURNEY, position_of
from journeymap.config import Settings
from journeymap.validate import validate_text


def problems_of(text: str, settings: Settings | None = None) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.code) for p in validate_text(text, "j.yaml", settings).problems]


def test_clean_journey_has_no_problem():
    assert problems_of(CLEAN_JOURNEY) == []


# (old text, new text, code, where the problem is expected: a needle in the new text and an offset into it)
CASES = [
    # format
    ("        emotion: 2\n", "        emtion: 2\n", "JM101", "emtion", 0),
    ("objective: Raise repeat orders\n", "", "JM102", "journeymap", 0),
    ("      - id: delivery\n        action: Receive the box\n", "      - id: delivery\n", "JM102", "- id: delivery", 2),
    ("title: Order a meal kit", "title: 2024", "JM103", "2024", 0),
    ("goals: [Cook healthy meals fast]", "goals: Cook healthy meals fast", "JM103", "Cook healthy", 0),
    ("state: current", "state: curent", "JM104", "curent", 0),
    ("        emotion: 2\n", "        emotion: 3\n", "JM104", "3\n", 0),
    ("impact: 4", "impact: 0", "JM104", "0\n", 0),
    ("id: meal-kit", "id: Meal Kit", "JM104", "Meal Kit", 0),
    ("channel: web,", "channel: website,", "JM104", "website", 0),
    ("severity: high", "severity: critical", "JM104", "critical", 0),
    ("media: email", "media: e-mail", "JM104", "e-mail", 0),
    ("visible: false", "visible: no", "JM103", "no}", 0),
    ("alert_below: 4}", "alert_below: four}", "JM103", "four", 0),
    # references
    ("touchpoints: [courier]", "touchpoints: [courrier]", "JM202", "courrier", 0),
    ("      - id: delivery", "      - id: browse", "JM201", "id: browse\n        action: Receive", 4),
    ("resolves: [slow-payment]", "resolves: [slow-paiement]", "JM204", "slow-paiement", 0),
    ("        emotion: 2\n", "        emotion: 2\n        next: [nowhere]\n", "JM203", "nowhere", 0),
    ("state: current\n", "state: current\ntarget_of: other\n", "JM206", "target_of", 0),
    # method
    ("        emotion: 2\n", "", "JM401", "- id: delivery", 2),
    ("    owner: Logistics\n", "", "JM402", "- id: courier", 2),
    ("resolves: [slow-payment]", "resolves: []", "JM403", "{id: slow-payment", 0),
    ("        moment_of_truth: {question: How easy was it?, media: email, timing: hot, metric: ces, alert_below: 4}\n",
     "", "JM404", "stages:", 0),
    ("metric: ces, alert_below: 4}", "metric: ces}", "JM405", "moment_of_truth", 0),
    ("actions:\n", "  - id: empty\n    name: Empty stage\nactions:\n", "JM406", "- id: empty", 2),
    ("touchpoints: [courier]", "touchpoints: [web]", "JM408", "- id: courier", 2),
    ("state: current", "state: target", "JM409", "target", 0),
    ("        emotion: -1\n", "        emotion: -1\n        next: [pay]\n", "JM410", "- id: delivery", 2),
]


@pytest.mark.parametrize(("old", "new", "code", "needle", "offset"), CASES, ids=[f"{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_problem_is_reported_at_its_position(old, new, code, needle, offset):
    assert old in CLEAN_JOURNEY, "the case must change the clean journey"
    text = CLEAN_JOURNEY.replace(old, new, 1)
    found = problems_of(text)
    line, column = position_of(text, needle, offset)
    assert (line, column, code) in found, found


def test_broken_file_still_gets_reference_viewpoint_and_method_problems():
    text = (
        CLEAN_JOURNEY.replace("title: Order a meal kit", "title: 2024")
        .replace("touchpoints: [courier]", "touchpoints: [courrier]")
        .replace("action: Browse the recipes", "action: Send the recipes")
        .replace("    owner: Logistics\n", "")
    )
    codes = {code for _l, _c, code in problems_of(text)}
    assert {"JM103", "JM202", "JM301", "JM402"} <= codes


def test_repaired_values_do_not_cause_second_problems():
    # emotion 9 is invalid: the step must not also be reported as having no emotion
    text = CLEAN_JOURNEY.replace("        emotion: 2\n", "        emotion: 9\n")
    assert [code for _l, _c, code in problems_of(text)] == ["JM104"]


def test_not_a_journey_and_versions():
    assert [c for *_, c in problems_of("title: hello\n")] == ["JM004"]
    assert [c for *_, c in problems_of("- a\n- b\n")] == ["JM004"]
    assert [c for *_, c in problems_of("just words\n")] == ["JM004"]
    assert problems_of(CLEAN_JOURNEY.replace("journeymap: 1", "journeymap: 2")) == [(1, 13, "JM005")]
    assert problems_of(CLEAN_JOURNEY.replace("journeymap: 1", "journeymap: true"))[0][2] == "JM005"


def test_unknown_key_suggests_the_nearest_known_key():
    result = validate_text(CLEAN_JOURNEY.replace("objective:", "objectif:"), "j.yaml")
    by_code = {p.code: p for p in result.problems}
    assert by_code["JM101"].hint == "did you mean 'objective'?"
    assert "journey" in by_code["JM101"].message


def test_next_accepts_a_single_id():
    text = CLEAN_JOURNEY.replace("        emotion: 1\n", "        emotion: 1\n        next: pay\n")
    assert problems_of(text) == []


def test_configuration_disables_and_changes_severity():
    text = CLEAN_JOURNEY.replace("        emotion: 2\n", "")
    assert problems_of(text, Settings(disable=["method.step-without-emotion"])) == []
    result = validate_text(text, "j.yaml", Settings(severity={"JM401": "error"}))
    assert [p.severity.value for p in result.problems] == ["error"]


def test_configuration_refuses_to_disable_format_errors():
    with pytest.raises(ValueError, match="cannot be changed"):
        Settings(disable=["JM101"])
    with pytest.raises(ValueError, match="unknown check"):
        Settings(disable=["JM999"])


def test_inline_comment_silences_one_line():
    from pathlib import Path

    from journeymap.validate import validate_paths

    text = CLEAN_JOURNEY.replace("action: Browse the recipes", "action: Send the recipes  # journeymap: disable=JM301")
    # the comment applies to its own line only, and only through validate_paths (which reads suppressions)
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "j.yaml")
        path.write_text(text, encoding="utf-8")
        assert validate_paths([path]).problems == []
        path.write_text(text.replace("  # journeymap: disable=JM301", ""), encoding="utf-8")
        assert [p.code for p in validate_paths([path]).problems] == ["JM301"]


def test_several_missing_keys_in_one_place_are_all_reported():
    text = CLEAN_JOURNEY.replace("  - id: receive\n    name: Receive\n", "  - goal: Get the box\n")
    missing = [p.message for p in validate_text(text, "j.yaml").problems if p.code == "JM102"]
    assert missing == ["stage is missing required key 'id'", "stage is missing required key 'name'"]


def test_did_you_mean_finds_slips_and_stays_bounded():
    """Issue 11: suggestions compared every unknown reference with every id (73 s for 9,000 steps)."""
    from journeymap.rules.references import _Suggestions

    suggest = _Suggestions()
    known = {f"step-{i}" for i in range(2000)} | {"choose-plan"}
    assert suggest("Choose_Plan", known, None) == "did you mean 'choose-plan'?"  # case and punctuation: a table
    assert suggest("chose-plan", known, None) == "did you mean 'choose-plan'?"  # a typo: the fuzzy search
    for index in range(_Suggestions.SEARCHES):
        suggest(f"zz{index}", known, None)
    assert suggest("chose-plann", known, "fallback") == "fallback"  # the search budget is spent
    assert suggest("CHOOSE PLAN", known, None) == "did you mean 'choose-plan'?"  # the table still answers
