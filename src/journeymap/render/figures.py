"""The numbers and rankings a journey's outputs share, computed once from the model.

The HTML report, the Markdown output and the index must never disagree on an average or on which action comes
first, so every figure they show is computed here, by pure functions over a `Journey` (no I/O, no templates).
Results are small frozen dataclasses holding the model objects themselves: outputs format them as they need.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from journeymap.model import (
    Action,
    Journey,
    MomentOfTruth,
    PainPoint,
    Stage,
    Step,
    Touchpoint,
)

# The method reads severities from the worst down; the index order is the rank.
SEVERITY_ORDER: tuple[str, ...] = ("high", "medium", "low")
# How many actions the method asks to start with ("choose the two actions with most impact").
TOP_ACTIONS = 2


@dataclass(frozen=True)
class StepRef:
    """A step with what a reader needs to find it: its stage and its number in journey order (from 1)."""

    step: Step
    stage: Stage
    number: int


def step_refs(journey: Journey) -> tuple[StepRef, ...]:
    """Numbers steps once, so that "step 7" means the same step in every table and in the grid."""
    refs: list[StepRef] = []
    for stage in journey.stages:
        for step in stage.steps:
            refs.append(StepRef(step, stage, len(refs) + 1))
    return tuple(refs)


def _average(values: Iterable[int]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


# --- emotion ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StageEmotion:
    """A stage's mood: the average over its steps that have an emotion (steps without one are not zero)."""

    stage: Stage
    average: float | None
    rated_steps: int
    steps: int


def average_emotion(journey: Journey) -> float | None:
    """The journey's mood over the steps that say one; None when no step does, rather than a misleading 0."""
    return _average(step.emotion for _, _, step in journey.steps() if step.emotion is not None)


def stage_emotions(journey: Journey) -> tuple[StageEmotion, ...]:
    """Per-stage averages, in stage order, for stage headers and the emotion summary."""
    out: list[StageEmotion] = []
    for stage in journey.stages:
        rated = [step.emotion for step in stage.steps if step.emotion is not None]
        out.append(StageEmotion(stage, _average(rated), len(rated), len(stage.steps)))
    return tuple(out)


# --- pain points -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RankedPainPoint:
    """A pain point where it hurts, with the actions meant to remove it.

    `open` is true until an action that resolves it is done: a planned fix does not relieve the customer yet.
    """

    pain_point: PainPoint
    where: StepRef
    resolved_by: tuple[Action, ...]
    open: bool

    @property
    def severity(self) -> str:
        return self.pain_point.severity


def ranked_pain_points(journey: Journey) -> tuple[RankedPainPoint, ...]:
    """Worst first (high, medium, low), then in journey order: the order a team should read them in."""
    found: list[RankedPainPoint] = []
    for ref in step_refs(journey):
        for pain in ref.step.pain_points:
            actions = tuple(action for action in journey.actions if pain.id in action.resolves)
            is_open = not any(action.status == "done" for action in actions)
            found.append(RankedPainPoint(pain, ref, actions, is_open))
    # sorted() is stable: equal severities keep journey order.
    return tuple(sorted(found, key=lambda ranked: SEVERITY_ORDER.index(ranked.severity)))


@dataclass(frozen=True)
class SeverityCounts:
    """Pain points counted by severity, for key figures."""

    high: int
    medium: int
    low: int

    @property
    def total(self) -> int:
        return self.high + self.medium + self.low


def pain_point_counts(journey: Journey) -> SeverityCounts:
    """How much hurts, at a glance, without reading the ranking."""
    severities = [pain.severity for *_, pain in journey.pain_points()]
    return SeverityCounts(severities.count("high"), severities.count("medium"), severities.count("low"))


def open_high_pain_points(journey: Journey) -> tuple[RankedPainPoint, ...]:
    """The pain points that most need attention now: high severity and nothing done about them yet."""
    return tuple(ranked for ranked in ranked_pain_points(journey) if ranked.severity == "high" and ranked.open)


# --- listening plan --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ListeningPoint:
    """A moment of truth and where it is asked: one row of the listening plan."""

    moment: MomentOfTruth
    where: StepRef


def listening_plan(journey: Journey) -> tuple[ListeningPoint, ...]:
    """Every moment of truth in journey order, so the survey calendar follows the customer's path."""
    return tuple(
        ListeningPoint(ref.step.moment_of_truth, ref)
        for ref in step_refs(journey)
        if ref.step.moment_of_truth is not None
    )


# --- action priorities -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ActionPriority:
    """An action that can be prioritised: it has both an impact and an effort.

    `number` is the action's position in the plan (from 1), the short name the matrix uses; `top` marks the
    actions to start with; `best_ratio` the ones with the highest impact for the effort.
    """

    action: Action
    number: int
    impact: int
    effort: int
    ratio: float
    top: bool
    best_ratio: bool


@dataclass(frozen=True)
class ActionPlan:
    """The improvement plan, split into what can be placed on the impact/effort matrix and what cannot yet."""

    prioritised: tuple[ActionPriority, ...]  # in plan order
    unrated: tuple[tuple[int, Action], ...]  # (number, action) lacking impact or effort

    @property
    def top(self) -> tuple[ActionPriority, ...]:
        """The actions to start with, highest impact first."""
        return tuple(sorted((p for p in self.prioritised if p.top), key=_top_key))

    def number_of(self, action: Action) -> int:
        """The action's short name in the plan (its position from 1), whether or not it could be placed."""
        for priority in self.prioritised:
            if priority.action is action:
                return priority.number
        for number, other in self.unrated:
            if other is action:
                return number
        raise KeyError(action.id)


def _top_key(priority: ActionPriority) -> tuple[int, int, int]:
    # Most impact first; among equals the cheaper one; then plan order, so the choice is stable.
    return (-priority.impact, priority.effort, priority.number)


def action_priorities(journey: Journey) -> ActionPlan:
    """Applies the method's rule: start with the two actions with most impact, ties broken by lower effort."""
    rated: list[tuple[int, Action, int, int]] = []
    unrated: list[tuple[int, Action]] = []
    for number, action in enumerate(journey.actions, start=1):
        if action.impact is None or action.effort is None:
            unrated.append((number, action))
        else:
            rated.append((number, action, action.impact, action.effort))
    ranked = sorted(rated, key=lambda item: (-item[2], item[3], item[0]))
    top_numbers = {item[0] for item in ranked[:TOP_ACTIONS]}
    best = max((impact / effort for _, _, impact, effort in rated), default=None)
    prioritised = tuple(
        ActionPriority(
            action=action,
            number=number,
            impact=impact,
            effort=effort,
            ratio=impact / effort,
            top=number in top_numbers,
            best_ratio=best is not None and impact / effort == best,
        )
        for number, action, impact, effort in rated
    )
    return ActionPlan(prioritised, tuple(unrated))


def pain_point_index(journey: Journey) -> dict[str, tuple[PainPoint, StepRef]]:
    """Pain points by id, so an action's `resolves` can show what it resolves and where."""
    index: dict[str, tuple[PainPoint, StepRef]] = {}
    for ref in step_refs(journey):
        for pain in ref.step.pain_points:
            index.setdefault(pain.id, (pain, ref))
    return index


# --- touchpoints -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TouchpointUse:
    """A touchpoint of the catalogue and the steps that go through it (none: a candidate for removal)."""

    touchpoint: Touchpoint
    steps: tuple[StepRef, ...]


@dataclass(frozen=True)
class DepartmentGroup:
    """The touchpoints one department is accountable for; `owner` None gathers the ownerless ones."""

    owner: str | None
    touchpoints: tuple[TouchpointUse, ...]


def _owner_key(owner: str) -> str:
    # "Sales" and "sales " are the same department to a reader.
    return " ".join(owner.split()).casefold()


def touchpoint_uses(journey: Journey) -> tuple[TouchpointUse, ...]:
    """Catalogue order, each touchpoint with its steps in journey order."""
    refs = step_refs(journey)
    return tuple(
        TouchpointUse(touchpoint, tuple(ref for ref in refs if touchpoint.id in ref.step.touchpoints))
        for touchpoint in journey.touchpoints
    )


def touchpoint_inventory(journey: Journey) -> tuple[DepartmentGroup, ...]:
    """Departments in alphabetical order (the first spelling met names the group), ownerless touchpoints last:
    each department sees at once what it is accountable for, and what nobody owns stands out."""
    groups: dict[str, tuple[str, list[TouchpointUse]]] = {}
    ownerless: list[TouchpointUse] = []
    for use in touchpoint_uses(journey):
        owner = use.touchpoint.owner
        if owner is None or not owner.strip():
            ownerless.append(use)
            continue
        groups.setdefault(_owner_key(owner), (owner.strip(), []))[1].append(use)
    out = [DepartmentGroup(name, tuple(uses)) for _, (name, uses) in sorted(groups.items())]
    if ownerless:
        out.append(DepartmentGroup(None, tuple(ownerless)))
    return tuple(out)


def step_touchpoints(journey: Journey, step: Step) -> tuple[tuple[str, Touchpoint | None], ...]:
    """A step's touchpoints resolved against the catalogue; None for an unknown id, which is still shown."""
    catalogue = {touchpoint.id: touchpoint for touchpoint in journey.touchpoints}
    return tuple((ref, catalogue.get(ref)) for ref in step.touchpoints)


# --- journey summary and index ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class KeyFigures:
    """The handful of numbers a reader checks first in a report's header."""

    stages: int
    steps: int
    average_emotion: float | None
    pain_points: SeverityCounts
    open_high_pain_points: int
    moments_of_truth: int
    actions: int


def key_figures(journey: Journey) -> KeyFigures:
    """Computed once for the header, so it agrees with the detailed sections below it."""
    return KeyFigures(
        stages=len(journey.stages),
        steps=len(journey.steps()),
        average_emotion=average_emotion(journey),
        pain_points=pain_point_counts(journey),
        open_high_pain_points=len(open_high_pain_points(journey)),
        moments_of_truth=len(listening_plan(journey)),
        actions=len(journey.actions),
    )


@dataclass(frozen=True)
class IndexFigures:
    """One row of the index of a folder of journeys."""

    id: str
    title: str
    state: str
    target_of: str | None
    kind: str
    owner: str | None
    lang: str
    steps: int
    average_emotion: float | None
    open_high_pain_points: int


def index_figures(journey: Journey) -> IndexFigures:
    """What distinguishes journeys side by side: who owns them, how big, how they feel, what is still open."""
    return IndexFigures(
        id=journey.id,
        title=journey.title,
        state=journey.state,
        target_of=journey.target_of,
        kind=journey.kind,
        owner=journey.owner,
        lang=journey.lang,
        steps=len(journey.steps()),
        average_emotion=average_emotion(journey),
        open_high_pain_points=len(open_high_pain_points(journey)),
    )


@dataclass(frozen=True)
class TouchpointInJourney:
    """How one journey declares a shared touchpoint: its own name, owner and channel, and how many steps use it."""

    journey: Journey
    touchpoint: Touchpoint
    steps: int


@dataclass(frozen=True)
class SharedTouchpoint:
    """A touchpoint id across journeys: the journeys that declare it and the owners they give it.

    Several owners for one id is worth seeing: either two departments share it or the journeys disagree.
    """

    id: str
    uses: tuple[TouchpointInJourney, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return _distinct(use.touchpoint.name for use in self.uses)

    @property
    def owners(self) -> tuple[str, ...]:
        return _distinct(use.touchpoint.owner.strip() for use in self.uses if use.touchpoint.owner)

    @property
    def channels(self) -> tuple[str, ...]:
        return _distinct(use.touchpoint.channel for use in self.uses)

    @property
    def used_by(self) -> tuple[TouchpointInJourney, ...]:
        """Journeys with at least one step through the touchpoint (declared but unused ones are left out)."""
        return tuple(use for use in self.uses if use.steps)


def _distinct(values: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(_owner_key(value), value)
    return tuple(seen.values())


def cross_journey_touchpoints(journeys: Sequence[Journey]) -> tuple[SharedTouchpoint, ...]:
    """Touchpoints by id over a folder of journeys, the most shared first then by id: the shared channels are
    where one department's change touches several journeys at once."""
    by_id: dict[str, list[TouchpointInJourney]] = {}
    for journey in journeys:
        for use in touchpoint_uses(journey):
            by_id.setdefault(use.touchpoint.id, []).append(TouchpointInJourney(journey, use.touchpoint, len(use.steps)))
    shared = [SharedTouchpoint(key, tuple(uses)) for key, uses in by_id.items()]
    return tuple(sorted(shared, key=lambda item: (-len(item.used_by), -len(item.uses), item.id)))
