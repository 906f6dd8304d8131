"""Journeys for the diff tests: a small hand-made base to change in one controlled way, and a hypothesis strategy
producing valid journeys (unique ids, references that land) with edits that keep them valid."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from journeymap.diff import DiffResult, diff_journeys
from journeymap.model import Journey

BASE: dict[str, Any] = {
    "journeymap": 1,
    "id": "meal-kit",
    "title": "Order a meal kit",
    "state": "current",
    "objective": "Raise repeat orders",
    "touchpoints": [
        {"id": "web", "name": "Website", "channel": "web", "owner": "E-commerce", "support": "selfcare"},
        {"id": "courier", "name": "Courier", "channel": "other", "owner": "Logistics", "support": "assisted"},
        {"id": "hotline", "name": "Hotline", "channel": "phone", "owner": "Service", "support": "advisor"},
    ],
    "stages": [
        {"id": "choose", "name": "Choose", "steps": [
            {"id": "browse", "action": "Browse the recipes", "touchpoints": ["web"], "emotion": 1},
            {"id": "compare", "action": "Compare the weekly boxes", "touchpoints": ["web"], "emotion": 0},
            {"id": "pay", "action": "Pay for the order", "touchpoints": ["web"], "emotion": -1,
             "pain_points": [{"id": "slow-payment", "description": "The payment page is slow", "severity": "high"}],
             "moment_of_truth": {"question": "How easy was it?", "media": "email", "timing": "hot", "metric": "ces",
                                 "alert_below": 4},
             "backstage": [{"action": "Check the payment for fraud", "owner": "Finance"}]},
        ]},
        {"id": "receive", "name": "Receive", "steps": [
            {"id": "track", "action": "Track the delivery van", "touchpoints": ["courier"], "emotion": 0,
             "pain_points": [{"id": "no-tracking", "description": "No live position of the van",
                              "severity": "medium"}]},
            {"id": "delivery", "action": "Receive the box at home", "touchpoints": ["courier"], "emotion": 2,
             "delights": ["A handwritten note in the box"]},
            {"id": "call", "action": "Call the hotline about a missing item", "touchpoints": ["hotline"],
             "emotion": -2,
             "pain_points": [{"id": "long-wait", "description": "Twenty minutes on hold", "severity": "high"}]},
        ]},
    ],
    "actions": [
        {"id": "faster-payment", "title": "Faster payment page", "resolves": ["slow-payment"], "status": "planned"},
    ],
}


def base() -> dict[str, Any]:
    return copy.deepcopy(BASE)


def journey(data: dict[str, Any] | None = None) -> Journey:
    return Journey.model_validate(data if data is not None else base())


def step(data: dict[str, Any], step_id: str) -> dict[str, Any]:
    """The dict of one step, to change it in place."""
    for stage in data["stages"]:
        for item in stage["steps"]:
            if item["id"] == step_id:
                return item
    raise KeyError(step_id)


def stage(data: dict[str, Any], stage_id: str) -> dict[str, Any]:
    return next(item for item in data["stages"] if item["id"] == stage_id)


def pop_step(data: dict[str, Any], step_id: str) -> dict[str, Any]:
    for stage_data in data["stages"]:
        for index, item in enumerate(stage_data["steps"]):
            if item["id"] == step_id:
                return stage_data["steps"].pop(index)
    raise KeyError(step_id)


def diff_after(change: Callable[[dict[str, Any]], object]) -> DiffResult:
    """Diff of the base journey against a copy changed by `change`."""
    target = base()
    change(target)
    return diff_journeys(journey(), journey(target))


def kinds(result: DiffResult) -> list[str]:
    return [change.kind for change in result.changes]


# -- hypothesis: valid journeys ---------------------------------------------------------------------------------

WORDS = (
    "order", "pay", "track", "receive", "compare", "choose", "call", "book", "cancel", "return", "review", "browse",
    "delivery", "parcel", "invoice", "refund", "appointment", "account", "password", "quote", "contract", "meal",
    "box", "recipe", "store", "advisor", "hotline", "chat", "website", "app", "the", "a", "my", "online", "late",
    "missing", "new", "weekly", "slot", "home",
)
CHANNELS = ("web", "mobile-app", "email", "sms", "phone", "store", "chat", "other")

labels = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join).map(str.capitalize)


@st.composite
def journey_dicts(draw: st.DrawFn, max_stages: int = 4, max_steps: int = 5) -> dict[str, Any]:
    """A valid journey as a dict: ids unique per kind, touchpoints and resolved pain points that exist."""
    touchpoints = [
        {"id": f"tp-{i}", "name": draw(labels), "channel": draw(st.sampled_from(CHANNELS)),
         **({"owner": draw(st.sampled_from(["Sales", "Care", "Logistics"]))} if draw(st.booleans()) else {}),
         **({"support": draw(st.sampled_from(["selfcare", "assisted", "advisor"]))} if draw(st.booleans()) else {})}
        for i in range(draw(st.integers(0, 4)))
    ]
    tp_ids = [t["id"] for t in touchpoints]
    step_number = pain_number = 0
    stages: list[dict[str, Any]] = []
    for si in range(draw(st.integers(0, max_stages))):
        steps = []
        for _ in range(draw(st.integers(0, max_steps))):
            step_number += 1
            item: dict[str, Any] = {"id": f"step-{step_number}", "action": draw(labels)}
            if tp_ids:
                item["touchpoints"] = draw(st.lists(st.sampled_from(tp_ids), unique=True, max_size=2))
            emotion = draw(st.none() | st.integers(-2, 2))
            if emotion is not None:
                item["emotion"] = emotion
            pains = []
            for _ in range(draw(st.integers(0, 2))):
                pain_number += 1
                pains.append({"id": f"pain-{pain_number}", "description": draw(labels),
                              "severity": draw(st.sampled_from(["low", "medium", "high"]))})
            if pains:
                item["pain_points"] = pains
            if draw(st.booleans()):
                item["moment_of_truth"] = {"metric": draw(st.sampled_from(["csat", "nps", "ces"])),
                                           "alert_below": draw(st.integers(1, 9))}
            processes = [{"action": draw(labels), "visible": draw(st.booleans())}
                         for _ in range(draw(st.integers(0, 2)))]
            if processes:
                item["backstage"] = processes
            steps.append(item)
        stages.append({"id": f"stage-{si}", "name": draw(labels), "steps": steps})
    pain_ids = [p["id"] for s in stages for t in s["steps"] for p in t.get("pain_points", [])]
    actions = [
        {"id": f"act-{i}", "title": draw(labels),
         "resolves": draw(st.lists(st.sampled_from(pain_ids), unique=True, max_size=2)) if pain_ids else [],
         "status": draw(st.sampled_from(["idea", "planned", "in-progress", "done"]))}
        for i in range(draw(st.integers(0, 3)))
    ]
    return {"journeymap": 1, "id": "generated", "title": "Generated", "state": "current", "objective": "Test",
            "touchpoints": touchpoints, "stages": stages, "actions": actions}


journeys = journey_dicts().map(Journey.model_validate)


def all_steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for stage_data in data["stages"] for item in stage_data["steps"]]


@st.composite
def edited_pairs(draw: st.DrawFn) -> tuple[Journey, Journey]:
    """A journey and a valid edited copy: steps removed, added, moved, re-rated; pain points removed; actions done."""
    current = draw(journey_dicts())
    target = copy.deepcopy(current)
    target["state"] = "target"
    steps = all_steps(target)
    if steps and draw(st.booleans()):
        victim = draw(st.sampled_from([s["id"] for s in steps]))
        removed = pop_step(target, victim)
        gone = {p["id"] for p in removed.get("pain_points", [])}
        for action in target["actions"]:
            action["resolves"] = [ref for ref in action["resolves"] if ref not in gone]
    if target["stages"] and draw(st.booleans()):
        where = draw(st.sampled_from(target["stages"]))
        where["steps"].insert(0, {"id": "brand-new-step", "action": draw(labels), "emotion": draw(st.integers(-2, 2))})
    steps = all_steps(target)
    if len(steps) > 1 and draw(st.booleans()):
        moving = draw(st.sampled_from([s["id"] for s in steps]))
        item = pop_step(target, moving)
        draw(st.sampled_from(target["stages"]))["steps"].append(item)
    for item in all_steps(target):
        if draw(st.integers(0, 3)) == 0:
            item["emotion"] = draw(st.integers(-2, 2))
        if item.get("pain_points") and draw(st.integers(0, 3)) == 0:
            gone = item["pain_points"].pop()["id"]
            for action in target["actions"]:
                action["resolves"] = [ref for ref in action["resolves"] if ref != gone]
    for action in target["actions"]:
        if draw(st.booleans()):
            action["status"] = "done"
    return Journey.model_validate(current), Journey.model_validate(target)


def rename_ids(data: dict[str, Any], which: set[str]) -> dict[str, Any]:
    """A copy where the ids in `which` (steps, stages, pain points, touchpoints, actions) get a new id, labels kept,
    and every reference follows."""
    renamed = copy.deepcopy(data)

    def new(ident: str) -> str:
        return f"{ident}-renamed" if ident in which else ident

    for touchpoint in renamed["touchpoints"]:
        touchpoint["id"] = new(touchpoint["id"])
    for stage_data in renamed["stages"]:
        stage_data["id"] = new(stage_data["id"])
        for item in stage_data["steps"]:
            item["id"] = new(item["id"])
            item["touchpoints"] = [new(ref) for ref in item.get("touchpoints", [])]
            for pain in item.get("pain_points", []):
                pain["id"] = new(pain["id"])
    for action in renamed["actions"]:
        action["id"] = new(action["id"])
        action["resolves"] = [new(ref) for ref in action["resolves"]]
    return renamed
