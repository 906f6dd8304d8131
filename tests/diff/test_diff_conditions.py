"""Fail conditions: each one holds exactly when its change is there."""

from __future__ import annotations

from typing import Any

import pytest

from diff_helpers import diff_after, journey, pop_step, step
from journeymap.diff import FAIL_CONDITIONS, diff_journeys, failing_conditions


def _nothing(d: dict[str, Any]) -> None:
    step(d, "browse")["action"] = "Browse the recipes of the week"  # an info change only


CASES = [
    ("emotion-drop", lambda d: step(d, "browse").update(emotion=0)),
    # a painful step added: no step feels worse, but the journey's average does
    ("emotion-drop", lambda d: d["stages"][0]["steps"].append({"id": "wait", "action": "Wait", "emotion": -2})),
    ("new-high-pain", lambda d: step(d, "browse").update(
        pain_points=[{"id": "crash", "description": "The app crashes", "severity": "high"}])),
    ("new-high-pain", lambda d: step(d, "track")["pain_points"][0].update(severity="high")),
    ("unresolved-high-pain", _nothing),
    ("removed-moment-of-truth", lambda d: step(d, "pay").pop("moment_of_truth")),
    ("removed-step", lambda d: pop_step(d, "compare")),
    ("removed-touchpoint", lambda d: (d["touchpoints"].pop(), step(d, "call").update(touchpoints=[]))),
    ("any-breaking", lambda d: step(d, "pay").update(emotion=-2)),
    ("any-warning", lambda d: pop_step(d, "compare")),
]


@pytest.mark.parametrize(("condition", "change"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_condition_holds(condition: str, change) -> None:
    assert failing_conditions(diff_after(change), [condition]) == [condition]


def test_every_condition_has_a_case() -> None:
    assert {case[0] for case in CASES} == set(FAIL_CONDITIONS)


def test_conditions_that_do_not_hold() -> None:
    def fixed(d: dict[str, Any]) -> None:
        _nothing(d)
        d["actions"].append({"id": "callback", "title": "Call back", "resolves": ["long-wait"]})

    result = diff_after(fixed)
    assert failing_conditions(result, list(FAIL_CONDITIONS)) == []
    # a low-severity pain point is not a new high one; a lowered severity is not raised
    assert failing_conditions(diff_after(lambda d: step(d, "browse").update(
        pain_points=[{"id": "slow", "description": "Slow", "severity": "low"}])), ["new-high-pain"]) == []
    assert failing_conditions(diff_after(lambda d: step(d, "pay")["pain_points"][0].update(severity="low")),
                              ["new-high-pain", "emotion-drop"]) == []


def test_identical_journeys_fail_nothing() -> None:
    assert failing_conditions(diff_journeys(journey(), journey()), list(FAIL_CONDITIONS)) == []


def test_order_kept_and_duplicates_dropped() -> None:
    result = diff_after(lambda d: pop_step(d, "pay"))
    assert failing_conditions(result, ["removed-step", "any-breaking", "removed-step", "removed-moment-of-truth"]) == [
        "removed-step", "any-breaking", "removed-moment-of-truth"]


def test_unknown_condition_lists_the_valid_ones() -> None:
    with pytest.raises(ValueError) as error:
        failing_conditions(diff_after(_nothing), ["emotion-drop", "no-such-thing"])
    message = str(error.value)
    assert "'no-such-thing'" in message
    assert all(name in message for name in FAIL_CONDITIONS)
