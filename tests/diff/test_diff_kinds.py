"""Every change kind from a small hand-made pair: the base journey against a copy changed in one way."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import CLEAN_JOURNEY, position_of
from diff_helpers import base, diff_after, journey, kinds, pop_step, stage, step
from journeymap.diff import BY_ID, KINDS, Level, diff_journeys
from journeymap.validate import validate_text


def _add_stage(d: dict[str, Any]) -> None:
    d["stages"].append({"id": "support", "name": "Get support", "steps": []})


def _swap_stages(d: dict[str, Any]) -> None:
    d["stages"].reverse()


def _reorder_choose(d: dict[str, Any]) -> None:
    steps = stage(d, "choose")["steps"]
    steps.insert(0, steps.pop())  # pay first


def _move_track(d: dict[str, Any]) -> None:
    stage(d, "choose")["steps"].append(pop_step(d, "track"))


def _add_step(d: dict[str, Any]) -> None:
    stage(d, "choose")["steps"].insert(1, {"id": "pick", "action": "Pick three recipes", "emotion": 1})


def _remove_pain(d: dict[str, Any]) -> None:
    step(d, "pay")["pain_points"] = []
    d["actions"][0]["resolves"] = []


def _add_touchpoint(d: dict[str, Any]) -> None:
    d["touchpoints"].append({"id": "chat", "name": "Support chat", "channel": "chat"})
    step(d, "call")["touchpoints"] = ["hotline", "chat"]


def _remove_hotline(d: dict[str, Any]) -> None:
    d["touchpoints"].pop()
    step(d, "call")["touchpoints"] = ["web"]


def _set(path: str, value: object):
    """A change that sets one field: 'step:pay:emotion', 'stage:receive:name', 'touchpoint:0:owner'..."""
    where, ident, key = path.split(":")

    def change(d: dict[str, Any]) -> None:
        if where == "step":
            target = step(d, ident)
        elif where == "stage":
            target = stage(d, ident)
        elif where == "touchpoint":
            target = d["touchpoints"][int(ident)]
        elif where == "action":
            target = d["actions"][int(ident)]
        elif where == "pain":
            target = next(pain for s in d["stages"] for t in s["steps"] for pain in t.get("pain_points", [])
                          if pain["id"] == ident)
        elif where == "moment":
            target = step(d, ident)["moment_of_truth"]
        elif where == "process":
            target = step(d, ident)["backstage"][0]
        else:
            raise ValueError(where)
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value

    return change


CASES = [
    # (change, expected kind, expected (current_id, target_id) of that record)
    (_add_stage, "stage-added", (None, "support")),
    (lambda d: d["stages"].pop(), "stage-removed", ("receive", None)),
    (_set("stage:receive:name", "Get the box"), "stage-renamed", ("receive", "receive")),
    (_set("stage:receive:id", "reception"), "stage-renamed", ("receive", "reception")),
    (_swap_stages, "stage-moved", ("receive", "receive")),
    (_set("stage:receive:goal", "Get the box on time"), "stage-details-changed", ("receive", "receive")),
    (lambda d: d.__setitem__("objective", "Raise repeat orders by a third"), "journey-details-changed",
     ("meal-kit", "meal-kit")),
    (_add_step, "step-added", (None, "pick")),
    (lambda d: pop_step(d, "compare"), "step-removed", ("compare", None)),
    (_set("step:browse:action", "Browse this week's recipes"), "step-renamed", ("browse", "browse")),
    (_set("step:pay:id", "checkout"), "step-renamed", ("pay", "checkout")),
    (_move_track, "step-moved", ("track", "track")),
    (_set("step:call:next", ["delivery"]), "step-next-changed", ("call", "call")),  # a loop back
    (_set("step:browse:thinking", "So many good recipes"), "step-details-changed", ("browse", "browse")),
    (lambda d: d.__setitem__("persona", {"name": "Busy parent"}), "persona-changed", ("meal-kit", "meal-kit")),
    (_set("step:delivery:delights", ["A handwritten note in the box", "Recipes printed on the box"]),
     "delight-added", ("delivery", "delivery")),
    (_set("step:delivery:delights", []), "delight-removed", ("delivery", "delivery")),
    (_reorder_choose, "step-moved", ("pay", "pay")),
    (_set("step:browse:touchpoints", ["web", "hotline"]), "step-touchpoints-changed", ("browse", "browse")),
    (_set("step:pay:emotion", 1), "emotion-improved", ("pay", "pay")),
    (_set("step:browse:emotion", -1), "emotion-dropped", ("browse", "browse")),
    (_set("step:call:emotion", 2), "journey-emotion-improved", ("meal-kit", "meal-kit")),
    (_set("step:delivery:emotion", -2), "journey-emotion-dropped", ("meal-kit", "meal-kit")),
    (_remove_pain, "pain-point-resolved", ("slow-payment", None)),
    (_set("action:0:status", "done"), "pain-point-resolved-by-action", ("slow-payment", "slow-payment")),
    (_set("step:browse:pain_points", [{"id": "too-many", "description": "Too many recipes"}]),
     "pain-point-introduced", (None, "too-many")),
    (_set("pain:no-tracking:description", "Only a two-hour slot"), "pain-point-still-open",
     ("no-tracking", "no-tracking")),
    (_set("pain:no-tracking:severity", "high"), "pain-point-severity-raised", ("no-tracking", "no-tracking")),
    (_set("pain:long-wait:severity", "low"), "pain-point-severity-lowered", ("long-wait", "long-wait")),
    (_set("step:browse:emotion", 2), "unresolved-high-pain-point", ("long-wait", "long-wait")),
    (_set("step:delivery:moment_of_truth", {"metric": "csat", "media": "sms", "alert_below": 4}),
     "moment-of-truth-added", (None, "delivery")),
    (_set("step:pay:moment_of_truth", None), "moment-of-truth-removed", ("pay", None)),
    (_set("moment:pay:alert_below", 5), "moment-of-truth-changed", ("pay", "pay")),
    (_add_touchpoint, "touchpoint-added", (None, "chat")),
    (_remove_hotline, "touchpoint-removed", ("hotline", None)),
    (_set("touchpoint:0:name", "Web shop"), "touchpoint-renamed", ("web", "web")),
    (_set("touchpoint:0:owner", "Digital"), "touchpoint-owner-changed", ("web", "web")),
    (_set("touchpoint:2:support", "selfcare"), "touchpoint-support-changed", ("hotline", "hotline")),
    (_set("touchpoint:2:channel", "chat"), "touchpoint-channel-changed", ("hotline", "hotline")),
    (_add_touchpoint, "channel-added", (None, "chat")),
    (_remove_hotline, "channel-removed", ("phone", None)),
    (lambda d: d["actions"].append({"id": "callback", "title": "Call back", "resolves": ["long-wait"]}),
     "action-added", (None, "callback")),
    (lambda d: d["actions"].pop(), "action-removed", ("faster-payment", None)),
    (_set("action:0:title", "A faster payment page"), "action-renamed", ("faster-payment", "faster-payment")),
    (_set("action:0:status", "in-progress"), "action-status-changed", ("faster-payment", "faster-payment")),
    (_set("action:0:resolves", ["slow-payment", "long-wait"]), "action-resolves-changed",
     ("faster-payment", "faster-payment")),
    (_set("step:delivery:backstage", [{"action": "Load the van"}]), "backstage-added", (None, None)),
    (_set("step:pay:backstage", []), "backstage-removed", (None, None)),
    (_set("process:pay:action", "Check the payment for fraud and risk"), "backstage-renamed", (None, None)),
    (_set("process:pay:visible", True), "backstage-changed", (None, None)),
]


def _with_delights(*texts: str):
    """The base with delights on step 'delivery' (the removals below start from it)."""
    data = base()
    step(data, "delivery")["delights"] = list(texts)
    return data


def test_delights_lost_and_reworded() -> None:
    current = journey(_with_delights("A handwritten note", "Recipes printed on the box"))
    one_left = diff_journeys(current, journey(_with_delights("Recipes printed on the box")))
    [lost] = one_left.of_kind("delight-removed")
    assert (lost.current_id, lost.before, lost.level) == ("delivery", "A handwritten note", Level.WARNING)
    reworded = diff_journeys(current, journey(_with_delights("A handwritten thank-you note",
                                                             "Recipes printed on the box")))
    assert not reworded.of_kind("delight-removed", "delight-added")  # a rewording is a detail, not a loss
    [detail] = reworded.of_kind("step-details-changed")
    assert detail.after == ("delights: A handwritten thank-you note; Recipes printed on the box",)


def test_next_is_compared_through_renamed_steps_and_implicit_order() -> None:
    current = base()
    step(current, "track")["next"] = ["delivery"]  # explicit, and the same as the implicit order
    target = base()
    step(target, "delivery")["id"] = "doorstep"  # renamed step: the branch still points to it
    step(target, "track")["next"] = ["doorstep"]
    result = diff_journeys(journey(current), journey(target))
    assert not result.of_kind("step-next-changed")
    step(target, "track")["next"] = ["doorstep", "call"]
    [branch] = diff_journeys(journey(current), journey(target)).of_kind("step-next-changed")
    assert (branch.before, branch.after) == (("doorstep",), ("doorstep", "call"))
    assert branch.message == "step 'track' now leads to 'doorstep', 'call' (was 'doorstep')"


@pytest.mark.parametrize(("change", "kind", "expected"), CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_each_kind(change, kind: str, expected: tuple[str | None, str | None]) -> None:
    result = diff_after(change)
    found = [(c.current_id, c.target_id) for c in result.of_kind(kind)]
    assert expected in found, [c.message for c in result.changes]
    record = result.of_kind(kind)[0]
    assert record.level is BY_ID[kind].level
    assert record.message


def test_every_kind_has_a_case() -> None:
    assert {kind.id for kind in KINDS} == {case[1] for case in CASES}


def test_catalogue_is_well_formed() -> None:
    for kind in KINDS:
        assert kind.id == kind.id.lower() and " " not in kind.id and "_" not in kind.id
        assert kind.doc.endswith(".") and len(kind.doc) < 160
    assert {kind.level for kind in KINDS} == set(Level)


def test_rename_by_similarity_is_a_rename_not_remove_and_add() -> None:
    def change(d: dict[str, Any]) -> None:
        item = step(d, "pay")
        item["id"], item["action"] = "checkout", "Pay for your order"

    result = diff_after(change)
    assert not result.of_kind("step-added", "step-removed")
    [renamed] = result.of_kind("step-renamed")
    assert (renamed.current_id, renamed.target_id) == ("pay", "checkout")
    assert (renamed.before, renamed.after) == ("Pay for the order", "Pay for your order")
    # what hangs on the step follows it: no pain point, moment of truth or process comes or goes
    assert [c.kind for c in result.changes if not c.finding] == ["step-renamed"]


def test_a_different_step_under_a_new_id_is_removed_and_added() -> None:
    def change(d: dict[str, Any]) -> None:
        item = step(d, "compare")
        item["id"], item["action"] = "subscribe", "Subscribe to the newsletter"

    result = diff_after(change)
    assert [(c.kind, c.current_id, c.target_id) for c in result.of_kind("step-added", "step-removed")] == [
        ("step-removed", "compare", None), ("step-added", None, "subscribe")]


def test_moved_to_another_stage_with_a_new_id_and_wording() -> None:
    def change(d: dict[str, Any]) -> None:
        item = pop_step(d, "track")
        item["id"], item["action"] = "follow-van", "Track the delivery vans"
        stage(d, "choose")["steps"].append(item)

    result = diff_after(change)
    assert [(c.kind, c.current_id, c.target_id) for c in result.of_kind("step-renamed", "step-moved")] == [
        ("step-renamed", "track", "follow-van"), ("step-moved", "track", "follow-van")]
    moved = result.of_kind("step-moved")[0]
    assert (moved.before, moved.after) == ("receive", "choose")
    assert "moved from stage 'receive' to stage 'choose'" in moved.message


def test_only_the_minimal_set_of_steps_is_moved() -> None:
    def change(d: dict[str, Any]) -> None:
        steps = stage(d, "receive")["steps"]
        steps.append(steps.pop(0))  # track goes last: the two others keep their order

    result = diff_after(change)
    assert [c.current_id for c in result.of_kind("step-moved")] == ["track"]
    assert "now after step 'call'" in result.of_kind("step-moved")[0].message


def test_stage_renamed_on_both_id_and_name_is_found_by_its_steps() -> None:
    result = diff_after(lambda d: stage(d, "receive").update(id="delivery-stage", name="At home"))
    [renamed] = result.of_kind("stage-renamed")
    assert (renamed.current_id, renamed.target_id) == ("receive", "delivery-stage")
    assert not result.of_kind("stage-added", "stage-removed", "step-moved")


def test_moving_a_stage_moves_no_step() -> None:
    result = diff_after(_swap_stages)
    assert kinds(result).count("stage-moved") == 1
    assert not result.of_kind("step-moved")


def test_pain_point_moved_to_another_step_is_still_the_same() -> None:
    def change(d: dict[str, Any]) -> None:
        step(d, "delivery")["pain_points"] = step(d, "track").pop("pain_points")

    result = diff_after(change)
    assert not result.of_kind("pain-point-introduced", "pain-point-resolved")
    [still] = [c for c in result.of_kind("pain-point-still-open") if c.current_id == "no-tracking"]
    assert still.step == "delivery" and "moved from step 'track'" in still.message


def test_a_target_action_may_resolve_a_current_pain_point_id() -> None:
    def change(d: dict[str, Any]) -> None:
        step(d, "call")["pain_points"] = [{"id": "hold-music", "description": "Twenty minutes on hold"}]
        d["actions"].append({"id": "callback", "title": "Call back", "resolves": ["long-wait"], "status": "done"})

    result = diff_after(change)
    # the pain point was renamed (same description): the done action listing the current id resolves it
    [resolved] = result.of_kind("pain-point-resolved-by-action")
    assert (resolved.current_id, resolved.target_id, resolved.related) == ("long-wait", "hold-music", ("callback",))
    assert not result.of_kind("unresolved-high-pain-point")
    plan = {item.target_id: item for item in result.summary.plan}
    assert plan["callback"].resolves_status == ("resolved",)


def test_high_pain_point_with_a_planned_action_is_not_unresolved() -> None:
    result = diff_after(lambda d: d["actions"].append({"id": "callback", "title": "Call back",
                                                      "resolves": ["long-wait"], "status": "idea"}))
    assert not result.of_kind("unresolved-high-pain-point")
    assert result.summary.unresolved_high == ()


def test_a_journey_with_itself_is_empty_but_the_summary_has_figures() -> None:
    result = diff_journeys(journey(), journey())
    assert result.changes == ()
    assert result.summary.emotion.before == result.summary.emotion.after == pytest.approx(0.0)
    assert result.summary.listening_before.with_moment == 1
    assert [pain.status for pain in result.summary.pain_points] == ["still-open"] * 3
    assert result.summary.unresolved_high == ("long-wait",)


def test_summary_counts_and_emotions() -> None:
    def change(d: dict[str, Any]) -> None:
        _add_step(d)
        pop_step(d, "call")
        step(d, "pay")["emotion"] = 1
        step(d, "delivery")["moment_of_truth"] = {"metric": "csat", "alert_below": 4}

    summary = diff_after(change).summary
    assert (summary.steps.before, summary.steps.after, summary.steps.added, summary.steps.removed) == (6, 6, 1, 1)
    assert summary.emotion.before == pytest.approx(0.0) and summary.emotion.after == pytest.approx(5 / 6)
    stages = {s.target_id: s for s in summary.stage_emotions}
    assert stages["choose"].before == 0 and stages["choose"].after == pytest.approx(3 / 4)
    assert stages["receive"].before == pytest.approx(0) and stages["receive"].after == pytest.approx(1)
    steps = {(s.current_id, s.target_id): s for s in summary.step_emotions}
    assert steps[("pay", "pay")].delta == 2
    assert steps[(None, "pick")].before is None and steps[("call", None)].after is None
    assert (summary.listening_before.with_moment, summary.listening_after.with_moment) == (1, 2)
    assert [p.status for p in summary.pain_points] == ["still-open", "still-open", "resolved"]


def test_records_are_in_journey_order() -> None:
    def change(d: dict[str, Any]) -> None:
        step(d, "call")["emotion"] = -1
        step(d, "browse")["emotion"] = 2
        stage(d, "receive")["name"] = "Get the box"
        d["touchpoints"][0]["owner"] = "Digital"
        d["actions"][0]["status"] = "done"

    assert [c.kind for c in diff_after(change).changes if not c.finding] == [
        "journey-emotion-improved", "emotion-improved", "stage-renamed", "emotion-improved",
        "touchpoint-owner-changed", "action-status-changed"]


def test_positions_point_at_the_changed_values() -> None:
    target_text = CLEAN_JOURNEY.replace("emotion: -1", "emotion: -2").replace(
        "action: Browse the recipes", "action: Browse this week's recipes")
    before = validate_text(CLEAN_JOURNEY, "before.yaml")
    after = validate_text(target_text, "after.yaml")
    result = diff_journeys(before.journey, after.journey, current_doc=before.document, target_doc=after.document)
    [dropped] = result.of_kind("emotion-dropped")
    assert (dropped.current.file, dropped.current.line, dropped.current.column) == (
        "before.yaml", *position_of(CLEAN_JOURNEY, "emotion: -1", len("emotion: ")))
    assert (dropped.target.file, dropped.target.line, dropped.target.column) == (
        "after.yaml", *position_of(target_text, "emotion: -2", len("emotion: ")))
    assert dropped.current.path == "stages[0].steps[1].emotion"
    [renamed] = result.of_kind("step-renamed")
    assert (renamed.target.line, renamed.target.column) == position_of(target_text, "Browse this", 0)
    assert result.current.name == "before.yaml" and result.target.name == "after.yaml"


def test_without_documents_locations_still_have_paths() -> None:
    result = diff_after(_set("step:pay:emotion", 1))
    [improved] = result.of_kind("emotion-improved")
    assert improved.current.line is None and improved.current.path == "stages[0].steps[2].emotion"


def test_duplicate_ids_in_an_unvalidated_journey_do_not_break_the_diff() -> None:
    data = base()
    stage(data, "choose")["steps"].append(dict(step(data, "browse"), action="Browse again"))
    result = diff_journeys(journey(), journey(data))
    assert [c.kind for c in result.of_kind("step-added")] == ["step-added"]
