"""Best practice from the journey-mapping method, reported as warnings (errors with --strict).

Each check's documentation lives in the catalogue (journeymap.catalogue); this module only decides where it applies.
"""

from __future__ import annotations

from journeymap.model import Journey
from journeymap.rules import RuleContext


def check_method(journey: Journey, ctx: RuleContext) -> None:
    used_touchpoints: set[str] = set()
    has_moment_of_truth = False
    for si, stage in enumerate(journey.stages):
        if not stage.steps:
            ctx.report("JM406", ("stages", si), f"stage '{stage.id}' has no steps",
                       hint="add the customer's steps, or remove the stage")
        for ti, step in enumerate(stage.steps):
            path = ("stages", si, "steps", ti)
            used_touchpoints.update(step.touchpoints)
            if step.emotion is None:
                ctx.report("JM401", path, f"step '{step.id}' has no emotion",
                           hint="add `emotion:` from -2 (very negative) to +2 (very positive)")
            moment = step.moment_of_truth
            if moment is not None:
                has_moment_of_truth = True
                missing = [name for name, value in (("metric", moment.metric), ("alert_below", moment.alert_below))
                           if value is None]
                if missing:
                    ctx.report(
                        "JM405", (*path, "moment_of_truth"),
                        f"moment of truth of step '{step.id}' has no {' and no '.join(missing)}",
                        hint="a listening plan needs a metric (csat, nps, ces, custom) and an `alert_below` threshold",
                        key=True,
                    )
    if not has_moment_of_truth and journey.steps():
        ctx.report("JM404", ("stages",), "the journey has no moment of truth",
                   hint="mark the steps where the customer forms an opinion with `moment_of_truth:`", key=True)

    for ti, touchpoint in enumerate(journey.touchpoints):
        if touchpoint.owner is None:
            ctx.report("JM402", ("touchpoints", ti), f"touchpoint '{touchpoint.id}' has no owner",
                       hint="name the department accountable for it in `owner:`")
        if touchpoint.id not in used_touchpoints:
            ctx.report("JM408", ("touchpoints", ti), f"touchpoint '{touchpoint.id}' is used by no step")

    resolved = {ref for action in journey.actions for ref in action.resolves}
    for si, ti, pi, pain in journey.pain_points():
        if pain.severity == "high" and pain.id not in resolved:
            ctx.report(
                "JM403", ("stages", si, "steps", ti, "pain_points", pi),
                f"high-severity pain point '{pain.id}' is resolved by no action",
                hint="add an action to `actions:` with this id in its `resolves`",
            )

    if journey.state == "target" and journey.target_of is None:
        ctx.report("JM409", ("state",), "target journey without `target_of`",
                   hint="set `target_of` to the id of the current journey it improves")

    _check_reachability(journey, ctx)


def _check_reachability(journey: Journey, ctx: RuleContext) -> None:
    """Walk the step graph from the first step: the following step by default, `next` when given."""
    ordered = journey.steps()
    if not any(step.next for _si, _ti, step in ordered):
        return  # without branches every step is reached in order
    index = {step.id: position for position, (_si, _ti, step) in enumerate(ordered)}
    seen: set[int] = set()
    todo = [0]
    while todo:
        position = todo.pop()
        if position in seen or position >= len(ordered):
            continue
        seen.add(position)
        step = ordered[position][2]
        if step.next is None:
            todo.append(position + 1)
        else:
            todo.extend(index[ref] for ref in step.next if ref in index)
    for position, (si, ti, step) in enumerate(ordered):
        if position not in seen:
            ctx.report("JM410", ("stages", si, "steps", ti), f"step '{step.id}' cannot be reached from the first step",
                       hint="add its id to the `next` list of the step that leads to it")
