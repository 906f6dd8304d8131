"""Ids must be unique and every reference must land: touchpoints, `next` steps, resolved pain points.

Bad:
    touchpoints: [{id: web, name: Site}]
    steps: [{id: s1, action: Ask for a quote, touchpoints: [phone]}]   # JM202: 'phone' is not declared
Good:
    touchpoints: [{id: web, name: Site}, {id: phone, name: Hotline, channel: phone}]
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from journeymap.model import Journey
from journeymap.problems import DataPath
from journeymap.rules import RuleContext


def check_references(journey: Journey, ctx: RuleContext) -> None:
    touchpoint_ids = _unique(ctx, "touchpoint", ((("touchpoints", i, "id"), t.id) for i, t in enumerate(journey.touchpoints)))
    _unique(ctx, "stage", ((("stages", i, "id"), s.id) for i, s in enumerate(journey.stages)))
    step_ids = _unique(
        ctx, "step", ((("stages", si, "steps", ti, "id"), step.id) for si, ti, step in journey.steps())
    )
    pain_ids = _unique(
        ctx,
        "pain point",
        (
            (("stages", si, "steps", ti, "pain_points", pi, "id"), pain.id)
            for si, ti, pi, pain in journey.pain_points()
        ),
    )
    _unique(ctx, "action", ((("actions", i, "id"), a.id) for i, a in enumerate(journey.actions)))

    for si, ti, step in journey.steps():
        base: DataPath = ("stages", si, "steps", ti)
        for k, ref in enumerate(step.touchpoints):
            if ref not in touchpoint_ids:
                ctx.report(
                    "JM202", (*base, "touchpoints", k), f"step '{step.id}' uses unknown touchpoint '{ref}'",
                    hint=_suggest(ref, touchpoint_ids, "declare it under `touchpoints:`"),
                )
        for k, ref in enumerate(step.next or []):
            if ref not in step_ids:
                ctx.report(
                    "JM203", (*base, "next", k), f"step '{step.id}' continues to unknown step '{ref}'",
                    hint=_suggest(ref, step_ids, None),
                )
    for ai, action in enumerate(journey.actions):
        for k, ref in enumerate(action.resolves):
            if ref not in pain_ids:
                ctx.report(
                    "JM204", ("actions", ai, "resolves", k), f"action '{action.id}' resolves unknown pain point '{ref}'",
                    hint=_suggest(ref, pain_ids, None),
                )
    if journey.state == "current" and journey.target_of is not None:
        ctx.report(
            "JM206", ("target_of",), "`target_of` is set on a current journey",
            hint="set `state: target`, or remove `target_of`", key=True,
        )
    if journey.target_of is not None and journey.target_of == journey.id:
        ctx.report("JM206", ("target_of",), "a journey cannot be the target of itself")


def _unique(ctx: RuleContext, what: str, items: Iterable[tuple[DataPath, str]]) -> set[str]:
    seen: dict[str, DataPath] = {}
    for path, ident in items:
        if ident in seen:
            line = ctx.document.locate(seen[ident])[0]
            ctx.report("JM201", path, f"duplicate {what} id '{ident}' (first used at line {line})")
        else:
            seen[ident] = path
    return set(seen)


def _suggest(ref: str, known: set[str], fallback: str | None) -> str | None:
    close = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else fallback
