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
    suggest = _Suggestions()

    for si, ti, step in journey.steps():
        base: DataPath = ("stages", si, "steps", ti)
        for k, ref in enumerate(step.touchpoints):
            if ref not in touchpoint_ids:
                ctx.report(
                    "JM202", (*base, "touchpoints", k), f"step '{step.id}' uses unknown touchpoint '{ref}'",
                    hint=suggest(ref, touchpoint_ids, "declare it under `touchpoints:`"),
                )
        for k, ref in enumerate(step.next or []):
            if ref not in step_ids:
                ctx.report(
                    "JM203", (*base, "next", k), f"step '{step.id}' continues to unknown step '{ref}'",
                    hint=suggest(ref, step_ids, None),
                )
    for ai, action in enumerate(journey.actions):
        for k, ref in enumerate(action.resolves):
            if ref not in pain_ids:
                ctx.report(
                    "JM204", ("actions", ai, "resolves", k), f"action '{action.id}' resolves unknown pain point '{ref}'",
                    hint=suggest(ref, pain_ids, None),
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


class _Suggestions:
    """"Did you mean" for unknown references, near-linear however many there are.

    Each search compares the reference with every known id (difflib), so a journey of 9,000 steps that all point
    to unknown ids took 73 s. A case or punctuation slip is found at once in a table; the fuzzy search runs for the
    first SEARCHES distinct references of a journey only (a file with more has a systematic problem, which the
    first suggestions show) and each reference is searched once.
    """

    SEARCHES = 50

    def __init__(self) -> None:
        self.searches = 0
        self.found: dict[tuple[str, int], str | None] = {}
        self.folded: dict[int, dict[str, str]] = {}

    def __call__(self, ref: str, known: set[str], fallback: str | None) -> str | None:
        close = self._closest(ref, known)
        return f"did you mean '{close}'?" if close else fallback

    def _closest(self, ref: str, known: set[str]) -> str | None:
        key = (ref, id(known))
        if key in self.found:
            return self.found[key]
        table = self.folded.get(id(known))
        if table is None:
            table = self.folded[id(known)] = {_folded(ident): ident for ident in sorted(known, reverse=True)}
        close = table.get(_folded(ref))
        if close is None and self.searches < self.SEARCHES:
            self.searches += 1
            matches = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
            close = matches[0] if matches else None
        self.found[key] = close
        return close


def _folded(ident: str) -> str:
    return "".join(char for char in ident.casefold() if char.isalnum())
