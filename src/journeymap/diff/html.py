"""`journeymap diff --format html`: the current and the target journey side by side, as one self-contained page to
put on screen in a review or print on A3.

The page belongs to the journey report (journeymap.render.html): the same jinja2 environment, stylesheet, macros,
labels (the target journey's language) and Content-Security-Policy, plus diff.css. Everything the template shows is
worked out here as frozen view records, from the DiffResult (the figures and change records every other output
reads, so the page cannot disagree with the text, Markdown or JSON) and from the two journeys (wording,
touchpoints, pain points, moments of truth). Journey text only ever lands in element content, autoescaped;
attributes carry numbers and fixed words only. Nothing depends on the clock or the machine, so the same inputs give
the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import journeymap
from journeymap.diff.catalogue import KIND_RANK, KINDS, Level
from journeymap.diff.inputs import LoadedJourney
from journeymap.diff.records import (
    Change, DiffResult, Location, PainPointStatus, PlanItem, StageEmotion, StepEmotion,
)
from journeymap.model import Action, Journey, MomentOfTruth, PainPoint, Stage, Step, Touchpoint
from journeymap.problems import Severity
from journeymap.render import figures
from journeymap.render import html as report

RowStatus = Literal["added", "removed", "kept"]

# Pain point statuses as the page shows them: a "resolved" pain point still described in the target was resolved by
# a done action. Listed in the order the page shows them, what needs attention first.
PAIN_ORDER: tuple[str, ...] = ("introduced", "still-open", "resolved-by-action", "resolved")
MOMENT_FIELDS: tuple[str, ...] = ("question", "metric", "media", "timing", "audience", "frequency", "alert_below")
TOUCHPOINT_FIELDS: tuple[str, ...] = ("name", "channel", "owner", "support")


def diff_stylesheet() -> str:
    """The comparison's own CSS, inlined after report.css."""
    from journeymap.render.html import stylesheet

    return stylesheet("diff.css")


# --- view records ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class JourneySide:
    """One journey as the header names it: the file only by its name when absolute (outputs must not depend on the
    machine), and how many validation warnings it carries (the diff runs anyway)."""

    journey: Journey
    file: str
    warnings: int


@dataclass(frozen=True)
class StepView:
    """A step on one side of the side-by-side table, its touchpoints resolved against that journey's catalogue."""

    step: Step
    touchpoints: tuple[tuple[str, Touchpoint | None], ...]


@dataclass(frozen=True)
class AlignedRow:
    """One row of the side-by-side table and one column of the emotion chart: the same step on both sides, or a
    step on one side only. `number` is shared by the table and the chart."""

    number: int
    current: StepView | None
    target: StepView | None
    renamed: bool
    id_changed: bool
    moved: Literal["stage", "order"] | None
    moved_from: str | None  # the current stage's name when the step changed stage
    touchpoints_changed: bool
    backstage_changes: int
    before: int | None
    after: int | None

    @property
    def status(self) -> RowStatus:
        if self.current is None:
            return "added"
        if self.target is None:
            return "removed"
        return "kept"

    @property
    def delta(self) -> int | None:
        return None if self.before is None or self.after is None else self.after - self.before

    @property
    def action(self) -> str:
        """The wording the page names the step by: the target's when the step is there."""
        side = self.target or self.current
        assert side is not None
        return side.step.action

    @property
    def unchanged(self) -> bool:
        return (self.status == "kept" and not self.renamed and self.moved is None and not self.touchpoints_changed
                and not self.backstage_changes and self.before == self.after)


@dataclass(frozen=True)
class StageBlock:
    """A stage on both sides (or one) with its aligned rows; `colour` indexes report.css's stage colours."""

    colour: int
    emotion: StageEmotion
    current: Stage | None
    target: Stage | None
    renamed: bool
    moved: bool
    rows: tuple[AlignedRow, ...]

    @property
    def status(self) -> RowStatus:
        if self.current is None:
            return "added"
        if self.target is None:
            return "removed"
        return "kept"


@dataclass(frozen=True)
class ChartPoint:
    """A marker on a curve, placed in percentages of the plot so that markers stay round however it stretches."""

    emotion: int
    left: str
    top: str
    shared: bool = False  # a current point under the target's face (same emotion): drawn as a ring around it


@dataclass(frozen=True)
class ChartLink:
    """The vertical stroke from the current emotion to the target emotion of one step: green up, red down."""

    x: str
    y1: str
    y2: str
    better: bool


@dataclass(frozen=True)
class ChartBand:
    """A stage over its columns in the chart."""

    colour: int
    name: str
    span: int


@dataclass(frozen=True)
class EmotionChart:
    """Both curves over the aligned steps, in an SVG box 100 units per column and 100 high, stretched to the
    page's width (strokes do not scale); the markers and labels are HTML placed on top."""

    width: int
    columns: tuple[AlignedRow, ...]
    bands: tuple[ChartBand, ...]
    separators: tuple[int, ...]
    levels: tuple[tuple[int, str], ...]  # (emotion, y) for each grid line from +2 to -2
    current_line: str
    target_line: str
    current_points: tuple[ChartPoint, ...]
    target_points: tuple[ChartPoint, ...]
    links: tuple[ChartLink, ...]


@dataclass(frozen=True)
class Resolver:
    """A target action that lists a pain point in `resolves`."""

    title: str
    status: str
    done: bool


@dataclass(frozen=True)
class PainRow:
    """A pain point's standing: described as the customer met it in the current journey (the target's wording for
    an introduced one), with the target's rewording when it differs."""

    current_id: str | None
    target_id: str | None
    status: str  # one of PAIN_ORDER
    description: str
    now: str | None
    severity_before: str | None
    severity_after: str | None
    type: str
    row: AlignedRow | None
    step_action: str | None  # the step's wording on the side the pain point is described (the target's if there)
    resolvers: tuple[Resolver, ...]


@dataclass(frozen=True)
class MomentRow:
    """A moment of truth added, removed or changed, with the fields that differ."""

    kind: str  # moment-of-truth-added | -removed | -changed
    row: AlignedRow | None
    before: MomentOfTruth | None
    after: MomentOfTruth | None
    changed: tuple[str, ...]


@dataclass(frozen=True)
class TouchpointRow:
    """A touchpoint with its change kinds (several can apply to one touchpoint) and the fields that differ."""

    kinds: tuple[str, ...]
    before: Touchpoint | None
    after: Touchpoint | None
    changed: tuple[str, ...]


@dataclass(frozen=True)
class PlanResolve:
    """A pain point an action addresses, named by its wording when either journey knows it."""

    ident: str
    description: str | None
    status: str  # a PAIN_ORDER value, or "unknown"


@dataclass(frozen=True)
class PlanRow:
    """An action of either plan with the kinds of change it went through (none: unchanged)."""

    item: PlanItem
    kinds: tuple[str, ...]
    before_title: str | None  # the current title when the action was renamed
    resolves: tuple[PlanResolve, ...]
    dropped: tuple[PlanResolve, ...]  # pain points the current action listed and the target one no longer does


@dataclass(frozen=True)
class ChangeRow:
    """A change record with where it is in each file, as `file:line` (or the data path without a position)."""

    change: Change
    current: str | None
    target: str | None


# --- building the page -------------------------------------------------------------------------------------------

def diff_html(result: DiffResult, current: LoadedJourney, target: LoadedJourney) -> str:
    """The comparison page, in the target journey's language, as one HTML document that needs nothing else."""
    lang = target.journey.lang
    blocks = stage_blocks(result, current.journey, target.journey)
    rows = tuple(row for block in blocks for row in block.rows)
    by_current = {row.current.step.id: row for row in rows if row.current is not None}
    by_target = {row.target.step.id: row for row in rows if row.target is not None}
    summary = result.summary
    pains = pain_rows(summary.pain_points, current.journey, target.journey, by_current, by_target)
    channels_before, channels_after = summary.touchpoints.channels_before, summary.touchpoints.channels_after
    context: dict[str, Any] = {
        "lang": lang,
        "L": report.labels(lang),
        "css": report._markup(report.stylesheet() + "\n" + diff_stylesheet()),
        "csp": report.CSP,
        "version": journeymap.__version__,
        "result": result,
        "summary": summary,
        "current": _side(current),
        "target": _side(target),
        "counts": {level.value: result.count(level) for level in Level},
        "kind_level": {kind.id: kind.level.value for kind in KINDS},
        "pains_before": sum(1 for pain in summary.pain_points if pain.current_id is not None),
        "pains_after": sum(1 for pain in summary.pain_points if pain.target_id is not None),
        "channels_added": tuple(c for c in channels_after if c not in channels_before),
        "channels_removed": tuple(c for c in channels_before if c not in channels_after),
        "blocks": blocks,
        "chart": emotion_chart(blocks),
        "pains": pains,
        "moments": moment_rows(result.changes, by_current, by_target),
        "touchpoint_rows": touchpoint_rows(result.changes, current.journey, target.journey),
        "plan": plan_rows(result, current.journey, pains),
        "levels": tuple((level.value, change_rows(c for c in result.changes if c.level is level)) for level in Level),
    }
    return report._environment().get_template("diff.html.j2").render(context)


def _side(loaded: LoadedJourney) -> JourneySide:
    warnings = sum(1 for problem in loaded.warnings if problem.severity is Severity.WARNING)
    return JourneySide(loaded.journey, report._file_name(loaded.name), warnings)


def _stage_index(journey: Journey) -> dict[str, Stage]:
    return {stage.id: stage for stage in journey.stages}


def _step_index(journey: Journey) -> dict[str, tuple[Stage, Step]]:
    """Step id -> (stage, step); ids are unique in a journey that validates (the first one wins otherwise)."""
    out: dict[str, tuple[Stage, Step]] = {}
    for stage in journey.stages:
        for step in stage.steps:
            out.setdefault(step.id, (stage, step))
    return out


def _by_step(changes: Iterable[Change], kinds: Sequence[str]) -> dict[str, list[Change]]:
    """Changes of `kinds` by the step they belong to (the target's id when the step is on both sides)."""
    out: dict[str, list[Change]] = {}
    for change in changes:
        if change.kind in kinds and change.step is not None:
            out.setdefault(change.step, []).append(change)
    return out


def stage_blocks(result: DiffResult, current: Journey, target: Journey) -> tuple[StageBlock, ...]:
    """The aligned steps of summary.step_emotions under the stages of summary.stage_emotions, both already in
    reading order. A step sits in its target stage when it is in the target, else in its current stage."""
    summary = result.summary
    current_stages, target_stages = _stage_index(current), _stage_index(target)
    current_steps, target_steps = _step_index(current), _step_index(target)
    block_of_target = {s.target_id: i for i, s in enumerate(summary.stage_emotions) if s.target_id is not None}
    block_of_current = {s.current_id: i for i, s in enumerate(summary.stage_emotions) if s.current_id is not None}
    renamed_steps = {c.step for c in result.of_kind("step-renamed")}
    moved_steps = {c.step for c in result.of_kind("step-moved")}
    touchpoints_changed = {c.step for c in result.of_kind("step-touchpoints-changed")}
    backstage = _by_step(result.changes, ("backstage-added", "backstage-removed", "backstage-renamed",
                                          "backstage-changed"))
    renamed_stages = {(c.current_id, c.target_id) for c in result.of_kind("stage-renamed")}
    moved_stages = {(c.current_id, c.target_id) for c in result.of_kind("stage-moved")}

    grouped: list[list[tuple[StepView | None, StepView | None, StepEmotion]]] = [[] for _ in summary.stage_emotions]
    fallback = 0
    for item in summary.step_emotions:
        if item.target_id is not None:
            index = block_of_target.get(item.stage)
        else:
            index = block_of_current.get(item.stage)
        if index is None:  # cannot happen with the classifier's records; never drop a step from the page
            index = fallback
        fallback = index
        current_side = _view(current, current_steps, item.current_id)
        target_side = _view(target, target_steps, item.target_id)
        grouped[index].append((current_side, target_side, item))

    blocks: list[StageBlock] = []
    number = 0
    for index, (emotion, members) in enumerate(zip(summary.stage_emotions, grouped, strict=True)):
        rows: list[AlignedRow] = []
        for current_side, target_side, item in members:
            number += 1
            key = item.target_id or item.current_id or ""
            moved: Literal["stage", "order"] | None = None
            moved_from = None
            if current_side is not None and target_side is not None and key in moved_steps:
                current_stage = current_steps[current_side.step.id][0]
                if block_of_current.get(current_stage.id) != index:
                    moved, moved_from = "stage", current_stage.name
                else:
                    moved = "order"
            rows.append(AlignedRow(
                number=number,
                current=current_side,
                target=target_side,
                renamed=key in renamed_steps and current_side is not None and target_side is not None,
                id_changed=(current_side is not None and target_side is not None
                            and current_side.step.id != target_side.step.id),
                moved=moved,
                moved_from=moved_from,
                touchpoints_changed=key in touchpoints_changed,
                backstage_changes=len(backstage.get(key, ())) if current_side and target_side else 0,
                before=item.before,
                after=item.after,
            ))
        pair = (emotion.current_id, emotion.target_id)
        blocks.append(StageBlock(
            colour=index % report.STAGE_COLOURS,
            emotion=emotion,
            current=current_stages.get(emotion.current_id) if emotion.current_id is not None else None,
            target=target_stages.get(emotion.target_id) if emotion.target_id is not None else None,
            renamed=pair in renamed_stages,
            moved=pair in moved_stages,
            rows=tuple(rows),
        ))
    return tuple(blocks)


def _view(journey: Journey, steps: dict[str, tuple[Stage, Step]], ident: str | None) -> StepView | None:
    if ident is None or ident not in steps:
        return None
    step = steps[ident][1]
    return StepView(step, figures.step_touchpoints(journey, step))


# --- the emotion chart -------------------------------------------------------------------------------------------

def _y(emotion: int) -> float:
    return report.CURVE_TOP + (2 - emotion) * report.CURVE_STEP


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _curve(points: Sequence[tuple[int, int | None]]) -> str:
    """An SVG path through (column, emotion) points in column order: smooth (horizontal tangents, so it never
    overshoots past -2 or +2), broken where the emotion is None. Columns of steps the side does not have are not
    in `points`: the line runs straight across them, as the customer does in that journey."""
    parts: list[str] = []
    previous: tuple[float, float] | None = None
    for column, emotion in points:
        if emotion is None:
            previous = None
            continue
        x, y = column * 100 + 50.0, _y(emotion)
        if previous is None:
            parts.append(f"M{_fmt(x)},{_fmt(y)}")
        else:
            px, py = previous
            mid = (x - px) / 2
            parts.append(f"C{_fmt(px + mid)},{_fmt(py)} {_fmt(x - mid)},{_fmt(y)} {_fmt(x)},{_fmt(y)}")
        previous = (x, y)
    return " ".join(parts)


def emotion_chart(blocks: Sequence[StageBlock]) -> EmotionChart:
    """Current and target curves over the same columns: one per aligned step, stage by stage."""
    columns = tuple(row for block in blocks for row in block.rows)
    count = max(len(columns), 1)
    bands: list[ChartBand] = []
    separators: list[int] = []
    start = 0
    for block in blocks:
        if not block.rows:
            continue
        if start:
            separators.append(start * 100)
        name = (block.target or block.current).name if (block.target or block.current) else block.emotion.name
        bands.append(ChartBand(block.colour, name, len(block.rows)))
        start += len(block.rows)

    def left(index: int) -> str:
        return f"{(index + 0.5) / count * 100:.4f}%"

    current = [(i, row.before) for i, row in enumerate(columns) if row.current is not None]
    target = [(i, row.after) for i, row in enumerate(columns) if row.target is not None]
    links = tuple(
        ChartLink(_fmt(i * 100 + 50.0), _fmt(_y(row.before)), _fmt(_y(row.after)), row.after > row.before)
        for i, row in enumerate(columns)
        if row.before is not None and row.after is not None and row.before != row.after
    )
    return EmotionChart(
        width=count * 100,
        columns=columns,
        bands=tuple(bands),
        separators=tuple(separators),
        levels=tuple((emotion, _fmt(_y(emotion))) for emotion in (2, 1, 0, -1, -2)),
        current_line=_curve(current),
        target_line=_curve(target),
        current_points=tuple(ChartPoint(e, left(i), f"{_y(e):.2f}%", columns[i].after == e)
                             for i, e in current if e is not None),
        target_points=tuple(ChartPoint(e, left(i), f"{_y(e):.2f}%") for i, e in target if e is not None),
        links=links,
    )


# --- pain points, listening, touchpoints, plan, changes ----------------------------------------------------------

def _pain_index(journey: Journey) -> dict[str, PainPoint]:
    out: dict[str, PainPoint] = {}
    for _, _, step in journey.steps():
        for pain in step.pain_points:
            out.setdefault(pain.id, pain)
    return out


def _action_index(journey: Journey) -> dict[str, Action]:
    out: dict[str, Action] = {}
    for action in journey.actions:
        out.setdefault(action.id, action)
    return out


def pain_status(pain: PainPointStatus) -> str:
    """The page tells apart a pain point that is gone from one still described but resolved by a done action."""
    if pain.status == "resolved" and pain.target_id is not None:
        return "resolved-by-action"
    return pain.status


def pain_rows(
    pains: Sequence[PainPointStatus], current: Journey, target: Journey,
    by_current: dict[str, AlignedRow], by_target: dict[str, AlignedRow],
) -> tuple[PainRow, ...]:
    """Every pain point, those needing attention first (introduced, still open), then the resolved ones; journey
    order within each status."""
    current_pains, target_pains = _pain_index(current), _pain_index(target)
    actions = _action_index(target)
    rows: list[PainRow] = []
    for pain in pains:
        before = current_pains.get(pain.current_id) if pain.current_id is not None else None
        after = target_pains.get(pain.target_id) if pain.target_id is not None else None
        description = before.description if before is not None else pain.description
        now = after.description if after is not None and before is not None else None
        if now == description:
            now = None
        row, step_action = None, None
        if pain.target_id is not None and pain.step is not None:
            row = by_target.get(pain.step)
            step_action = row.target.step.action if row is not None and row.target is not None else None
        elif pain.step is not None:
            row = by_current.get(pain.step)
            step_action = row.current.step.action if row is not None and row.current is not None else None
        resolvers = tuple(
            Resolver(actions[ref].title, actions[ref].status, ref in pain.done_by)
            for ref in pain.resolved_by if ref in actions
        )
        rows.append(PainRow(
            current_id=pain.current_id,
            target_id=pain.target_id,
            status=pain_status(pain),
            description=description,
            now=now,
            severity_before=pain.severity_before,
            severity_after=pain.severity_after,
            type=(after or before).type if (after or before) is not None else "irritant",  # type: ignore[union-attr]
            row=row,
            step_action=step_action,
            resolvers=resolvers,
        ))
    return tuple(sorted(rows, key=lambda row: PAIN_ORDER.index(row.status)))


def _find_row(change: Change, by_current: dict[str, AlignedRow], by_target: dict[str, AlignedRow]) -> AlignedRow | None:
    for ident, index in ((change.target_id, by_target), (change.step, by_target), (change.current_id, by_current),
                         (change.step, by_current)):
        if ident is not None and ident in index:
            return index[ident]
    return None


def _differing(before: Any, after: Any, fields: Sequence[str]) -> tuple[str, ...]:
    if before is None or after is None:
        return ()
    return tuple(name for name in fields if getattr(before, name) != getattr(after, name))


def moment_rows(
    changes: Sequence[Change], by_current: dict[str, AlignedRow], by_target: dict[str, AlignedRow],
) -> tuple[MomentRow, ...]:
    """Moments of truth added, removed or changed, read from the steps they belong to."""
    rows: list[MomentRow] = []
    for change in changes:
        if change.subject != "moment-of-truth":
            continue
        row = _find_row(change, by_current, by_target)
        before = row.current.step.moment_of_truth if row is not None and row.current is not None else None
        after = row.target.step.moment_of_truth if row is not None and row.target is not None else None
        if change.kind == "moment-of-truth-added":
            before = None
        elif change.kind == "moment-of-truth-removed":
            after = None
        rows.append(MomentRow(change.kind, row, before, after, _differing(before, after, MOMENT_FIELDS)))
    return tuple(rows)


def touchpoint_rows(changes: Sequence[Change], current: Journey, target: Journey) -> tuple[TouchpointRow, ...]:
    """One row per touchpoint that changed, all its change kinds together, in the order the diff lists them."""
    before_index = {t.id: t for t in reversed(current.touchpoints)}
    after_index = {t.id: t for t in reversed(target.touchpoints)}
    kinds: dict[tuple[str | None, str | None], list[str]] = {}
    for change in changes:
        if change.subject == "touchpoint":
            found = kinds.setdefault((change.current_id, change.target_id), [])
            if change.kind not in found:
                found.append(change.kind)
    rows = []
    for (current_id, target_id), found in kinds.items():
        before = before_index.get(current_id) if current_id is not None else None
        after = after_index.get(target_id) if target_id is not None else None
        found.sort(key=KIND_RANK.__getitem__)
        rows.append(TouchpointRow(tuple(found), before, after, _differing(before, after, TOUCHPOINT_FIELDS)))
    return tuple(rows)


def plan_rows(result: DiffResult, current: Journey, pains: Sequence[PainRow]) -> tuple[PlanRow, ...]:
    """Every action of either plan in the diff's order, with what changed and the pain points it addresses, named
    as the customer met them (what the action is for), and those it no longer addresses."""
    kinds: dict[tuple[str | None, str | None], list[str]] = {}
    lost: dict[tuple[str | None, str | None], list[str]] = {}
    for change in result.changes:
        if change.subject == "action":
            key = (change.current_id, change.target_id)
            kinds.setdefault(key, []).append(change.kind)
            if change.kind == "action-resolves-changed":
                before = change.before if isinstance(change.before, tuple) else ()
                after = change.after if isinstance(change.after, tuple) else ()
                lost.setdefault(key, []).extend(r for r in change.related if r in before and r not in after)
    by_id: dict[str, PainRow] = {}
    for pain in pains:
        for ident in (pain.target_id, pain.current_id):
            if ident is not None:
                by_id.setdefault(ident, pain)

    def named(ref: str) -> PlanResolve:
        pain = by_id.get(ref)
        return PlanResolve(ref, pain.description, pain.status) if pain else PlanResolve(ref, None, "unknown")

    current_actions = _action_index(current)
    rows = []
    for item in result.summary.plan:
        key = (item.current_id, item.target_id)
        found = sorted(set(kinds.get(key, ())), key=KIND_RANK.__getitem__)
        before = current_actions.get(item.current_id) if item.current_id is not None else None
        before_title = before.title if before is not None and before.title != item.title else None
        rows.append(PlanRow(item, tuple(found), before_title, tuple(named(ref) for ref in item.resolves),
                            tuple(named(ref) for ref in dict.fromkeys(lost.get(key, ())))))
    return tuple(rows)


def _where(location: Location | None) -> str | None:
    if location is None:
        return None
    if location.file is not None and location.line is not None:
        return f"{report._file_name(location.file)}:{location.line}"
    return location.path


def change_rows(changes: Iterable[Change]) -> tuple[ChangeRow, ...]:
    return tuple(ChangeRow(change, _where(change.current), _where(change.target)) for change in changes)
