"""Stage 2 of the diff: each structural difference becomes a change record of one catalogue kind, with its level,
an English message, the ids involved, before/after values and its position in each file; then the summary figures.

`diff_journeys` is the library entry point: (current, target) -> structural diff -> changes + summary.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from journeymap.diff.catalogue import KIND_RANK, kind
from journeymap.diff.records import (
    Average,
    Change,
    Counts,
    Coverage,
    DiffResult,
    JourneyInfo,
    Location,
    PainPointStatus,
    PlanItem,
    StageEmotion,
    StepEmotion,
    Summary,
    TouchpointCounts,
)
from journeymap.diff.structure import Pair, Side, StructuralDiff, structural_diff
from journeymap.loading import Document
from journeymap.model import Action, Journey, MomentOfTruth, PainPoint, Persona, Step
from journeymap.problems import DataPath, format_path

# Sections of the reading order: the journey from first stage to last, then the touchpoint catalogue, then the plan.
_JOURNEY, _TOUCHPOINTS, _CHANNELS, _PLAN = 0, 1, 2, 3
_SEVERITY_RANK = {"low": 0, "medium": 1, "high": 2}
_MESSAGE_TEXT = 90  # characters of a label quoted in a message; before/after always hold the full text
_MOMENT_FIELDS = ("question", "media", "timing", "metric", "audience", "frequency", "alert_below")
_PROCESS_FIELDS = ("owner", "system", "visible")
_STEP_DETAILS = ("description", "goal", "thinking", "verbatims")
_PERSONA_FIELDS = ("description", "goals", "expectations")


def diff_journeys(
    current: Journey, target: Journey, *, current_doc: Document | None = None, target_doc: Document | None = None
) -> DiffResult:
    """Compare two journeys. Positions come from the documents when given (as loaded by journeymap.loading)."""
    structure = structural_diff(current, target)
    classifier = _Classifier(current, target, current_doc, target_doc, structure)
    changes = classifier.run()
    return DiffResult(
        current=_info(current, current_doc),
        target=_info(target, target_doc),
        changes=changes,
        summary=classifier.summary(changes),
    )


def _info(journey: Journey, document: Document | None) -> JourneyInfo:
    return JourneyInfo(document.file if document else journey.id, journey.id, journey.title, journey.state)


def _q(text: str | None) -> str:
    """A label quoted in a message: one line, shortened; the record's before/after keep it whole."""
    if text is None:
        return "(none)"
    flat = " ".join(text.split())
    return f"'{flat if len(flat) <= _MESSAGE_TEXT else flat[: _MESSAGE_TEXT - 1] + '…'}'"


def _signed(value: float) -> str:
    text = f"{value:+.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):+d}"
    return text


def _number(value: float | None) -> str:
    if value is None:
        return "n/a"
    return _signed(value) if value else "0"


def _average(values: Iterable[int | None]) -> float | None:
    rated = [value for value in values if value is not None]
    return sum(rated) / len(rated) if rated else None


def _same(a: object, b: object) -> bool:
    """Equality where a NaN threshold (YAML `.nan`) equals itself, so a journey never differs from itself."""
    return a == b or (isinstance(a, float) and isinstance(b, float) and a != a and b != b)


def _differs(before: float | None, after: float | None) -> bool:
    return before is not None and after is not None and abs(after - before) > 1e-9


def _text(value: object) -> str:
    """A field value as a person writes it: 5 rather than 5.0, (none) rather than None."""
    if value is None:
        return "(none)"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _fields(item: object, names: Sequence[str]) -> tuple[str, ...]:
    return tuple(f"{name}: {_text(getattr(item, name))}" for name in names if getattr(item, name) is not None)


@dataclass
class _Classifier:
    """Walks the structural diff once per subject, collecting (reading key, change) records."""

    current: Journey
    target: Journey
    current_doc: Document | None
    target_doc: Document | None
    structure: StructuralDiff
    records: list[tuple[tuple[int, ...], Change]] = field(default_factory=list)
    _target_step_ids: set[str] | None = None
    _step_map: dict[str, str] = field(default_factory=dict)  # current step id -> target step id, matched steps
    _following: list[dict[str, str] | None] = field(default_factory=lambda: [None, None])  # step -> next in order
    _pain_statuses: list[tuple[Pair[PainPoint], PainPointStatus]] | None = None

    # -- helpers --------------------------------------------------------------------------------------------------

    def _location(self, document: Document | None, path: DataPath | None) -> Location | None:
        if path is None:
            return None
        if document is None:
            return Location(None, None, None, format_path(path))
        line, column = document.locate(path)
        return Location(document.file, line, column, format_path(path))

    def add(
        self, key: tuple[int, ...], kind_id: str, message: str, *,
        current: DataPath | None = None, target: DataPath | None = None, **values: object,
    ) -> None:
        entry = kind(kind_id)
        change = Change(
            kind=kind_id, level=entry.level, message=message,
            current=self._location(self.current_doc, current), target=self._location(self.target_doc, target),
            **values,  # type: ignore[arg-type]
        )
        self.records.append(((*key, KIND_RANK[kind_id]), change))

    def run(self) -> tuple[Change, ...]:
        self._journey()
        self._stages()
        self._steps()
        self._pain_points()
        self._moments()
        self._backstage()
        self._touchpoints()
        self._channels()
        self._actions()
        # Findings describe where the target stands: reported whenever the journeys differ in any way (a reworded
        # description or persona included), never for a journey against itself.
        if all(change.finding for _, change in self.records) and self._same_content():
            return ()
        return tuple(change for _, change in sorted(self.records, key=lambda record: record[0]))

    def _same_content(self) -> bool:
        """Equal models; the JSON comparison only settles NaN thresholds (never equal to themselves)."""
        return self.current == self.target or self.current.model_dump_json() == self.target.model_dump_json()

    # -- journey and stages ---------------------------------------------------------------------------------------

    def _journey(self) -> None:
        before = _average(step.emotion for _, _, step in self.current.steps())
        after = _average(step.emotion for _, _, step in self.target.steps())
        if _differs(before, after):
            assert before is not None and after is not None
            better = after > before
            self.add(
                (_JOURNEY, -1), "journey-emotion-improved" if better else "journey-emotion-dropped",
                f"the journey feels {'better' if better else 'worse'} on average: "
                f"{_number(before)} → {_number(after)} ({_signed(after - before)})",
                current=("stages",), target=("stages",), current_id=self.current.id, target_id=self.target.id,
                before=round(before, 4), after=round(after, 4), delta=round(after - before, 4),
            )
        self._details((_JOURNEY, -3), "journey-details-changed", "the journey", self.current, self.target, (), (),
                      ("objective", "description"), current_id=self.current.id, target_id=self.target.id)
        persona_before, persona_after = self.current.persona, self.target.persona
        if persona_before != persona_after:
            if persona_before is None or persona_after is None or persona_before.name != persona_after.name:
                text = (f"the journey is told for {_q(persona_after.name) if persona_after else 'no persona'} "
                        f"(was {_q(persona_before.name) if persona_before else 'no persona'})")
            else:
                changed = [name for name in _PERSONA_FIELDS
                           if getattr(persona_before, name) != getattr(persona_after, name)]
                text = f"persona {_q(persona_after.name)}: {', '.join(changed)} reworded"
            self.add((_JOURNEY, -2), "persona-changed", text, current=("persona",), target=("persona",),
                     current_id=self.current.id, target_id=self.target.id,
                     before=_persona_text(persona_before), after=_persona_text(persona_after))

    def _details(self, key: tuple[int, ...], kind_id: str, what: str, before: Any, after: Any,
                 current: DataPath, target: DataPath, names: Sequence[str], **ids: Any) -> None:
        """One record for the prose fields of an item that are worded differently (None when unset)."""
        changed = [name for name in names if getattr(before, name) != getattr(after, name)]
        if changed:
            self.add(key, kind_id, f"{what}: {', '.join(changed)} reworded",
                     current=(*current, changed[0]), target=(*target, changed[0]),
                     before=tuple(f"{name}: {_prose(getattr(before, name))}" for name in changed),
                     after=tuple(f"{name}: {_prose(getattr(after, name))}" for name in changed), **ids)

    def _stages(self) -> None:
        target_stages = self.target.stages
        for pair in self.structure.stages:
            key = (_JOURNEY, *pair.key, -1)  # before the records of the stage's steps
            c, t = pair.current, pair.target
            if c is None and t is not None:
                self.add(key, "stage-added", f"stage '{t.item.id}' {_q(t.item.name)} added "
                         f"({len(t.item.steps)} step{'s' if len(t.item.steps) != 1 else ''})",
                         target=t.path, target_id=t.item.id, after=t.item.name)
            elif t is None and c is not None:
                self.add(key, "stage-removed", f"stage '{c.item.id}' {_q(c.item.name)} removed",
                         current=c.path, current_id=c.item.id, before=c.item.name)
            elif c is not None and t is not None:
                if c.item.id != t.item.id or c.item.name != t.item.name:
                    if c.item.id == t.item.id:
                        text = f"stage '{t.item.id}' renamed: {_q(c.item.name)} → {_q(t.item.name)}"
                    elif c.item.name == t.item.name:
                        text = f"stage '{c.item.id}' is now '{t.item.id}' (same name {_q(t.item.name)})"
                    else:
                        text = f"stage '{c.item.id}' is now '{t.item.id}': {_q(c.item.name)} → {_q(t.item.name)}"
                    self.add(key, "stage-renamed", text, current=(*c.path, "name"), target=(*t.path, "name"),
                             current_id=c.item.id, target_id=t.item.id, before=c.item.name, after=t.item.name)
                if pair.moved:
                    index = t.path[1]
                    assert isinstance(index, int)
                    before_id = target_stages[index - 1].id if index > 0 else None
                    where = f"now after stage '{before_id}'" if before_id else "now first"
                    self.add(key, "stage-moved", f"stage '{t.item.id}' moved: {where}", current=c.path, target=t.path,
                             current_id=c.item.id, target_id=t.item.id, before=c.path[1], after=index,
                             related=(before_id,) if before_id else ())
                self._details(key, "stage-details-changed", f"stage '{t.item.id}'", c.item, t.item, c.path, t.path,
                              ("goal", "description"), current_id=c.item.id, target_id=t.item.id)

    # -- steps ----------------------------------------------------------------------------------------------------

    def _touchpoint_map(self) -> dict[str, str]:
        return {pair.current.item.id: pair.target.item.id for pair in self.structure.touchpoints
                if pair.current is not None and pair.target is not None}

    def _steps(self) -> None:
        touchpoint_map = self._touchpoint_map()
        self._step_map = {pair.current.item.id: pair.target.item.id for pair in self.structure.steps
                          if pair.current is not None and pair.target is not None}
        for pair in self.structure.steps:
            key = (_JOURNEY, *pair.key, 0, 0, 0)
            c, t = pair.current, pair.target
            if c is None and t is not None:
                self.add(key, "step-added", f"step '{t.item.id}' added in stage '{t.parent}': {_q(t.item.action)}",
                         target=t.path, target_id=t.item.id, step=t.item.id, after=t.item.action,
                         related=(t.parent,) if t.parent else ())
                continue
            if t is None and c is not None:
                self.add(key, "step-removed",
                         f"step '{c.item.id}' removed from stage '{c.parent}': {_q(c.item.action)}",
                         current=c.path, current_id=c.item.id, step=c.item.id, before=c.item.action,
                         related=(c.parent,) if c.parent else ())
                continue
            assert c is not None and t is not None
            self._step_pair(key, pair, c, t, touchpoint_map)

    def _step_pair(self, key: tuple[int, ...], pair: Pair[Step], c: Side[Step], t: Side[Step],
                   touchpoint_map: dict[str, str]) -> None:
        before, after = c.item, t.item
        ids: dict[str, Any] = {"current_id": before.id, "target_id": after.id, "step": after.id}
        if before.id != after.id or before.action != after.action:
            if before.id == after.id:
                text = f"step '{after.id}' reworded: {_q(before.action)} → {_q(after.action)}"
            elif before.action == after.action:
                text = f"step '{before.id}' is now '{after.id}' (same action {_q(after.action)})"
            else:
                text = f"step '{before.id}' is now '{after.id}': {_q(before.action)} → {_q(after.action)}"
            self.add(key, "step-renamed", text, current=(*c.path, "action"), target=(*t.path, "action"),
                     before=before.action, after=after.action, **ids)
        if pair.moved == "stage":
            self.add(key, "step-moved", f"step '{after.id}' moved from stage '{c.parent}' to stage '{t.parent}'",
                     current=c.path, target=t.path, before=c.parent, after=t.parent,
                     related=tuple(stage for stage in (c.parent, t.parent) if stage), **ids)
        elif pair.moved == "order":
            previous = self._previous_step(t.path)
            where = f"now after step '{previous}'" if previous else "now first"
            self.add(key, "step-moved", f"step '{after.id}' moved within stage '{t.parent}': {where}",
                     current=c.path, target=t.path, before=self._previous_step(c.path, current=True), after=previous,
                     related=(t.parent,) if t.parent else (), **ids)
        mapped = tuple(touchpoint_map.get(ref, ref) for ref in before.touchpoints)
        if set(mapped) != set(after.touchpoints):
            gained = [ref for ref in after.touchpoints if ref not in mapped]
            lost = [ref for ref in before.touchpoints if touchpoint_map.get(ref, ref) not in after.touchpoints]
            parts = ([f"now uses {', '.join(repr(ref) for ref in gained)}"] if gained else []) + (
                [f"no longer uses {', '.join(repr(ref) for ref in lost)}"] if lost else [])
            self.add(key, "step-touchpoints-changed", f"step '{after.id}' {'; '.join(parts)}",
                     current=(*c.path, "touchpoints"), target=(*t.path, "touchpoints"),
                     before=tuple(before.touchpoints), after=tuple(after.touchpoints), **ids)
        if before.next is not None or after.next is not None:  # implicit on both sides: order changes say it
            was = [self._step_map.get(ref, ref) for ref in self._successors(before, current=True)]
            now = self._successors(after, current=False)
            if set(was) != set(now):
                self.add(key, "step-next-changed",
                         f"step '{after.id}' now leads to {_ids(now)} (was {_ids(was)})",
                         current=(*c.path, "next") if before.next is not None else c.path,
                         target=(*t.path, "next") if after.next is not None else t.path,
                         before=tuple(was), after=tuple(now), **ids)
        # Delights are matched by their text: as many as were both dropped and written anew are rewordings (a
        # detail); only the difference in number is a delight gained or lost.
        gained = [(i, text) for i, text in enumerate(after.delights) if text not in before.delights]
        lost = [(i, text) for i, text in enumerate(before.delights) if text not in after.delights]
        reworded = min(len(gained), len(lost))
        details = [name for name in _STEP_DETAILS if getattr(before, name) != getattr(after, name)]
        details += ["delights"] if reworded else []
        if details:
            self.add(key, "step-details-changed", f"step '{after.id}': {', '.join(details)} reworded",
                     current=(*c.path, details[0]), target=(*t.path, details[0]),
                     before=tuple(f"{name}: {_prose(getattr(before, name))}" for name in details),
                     after=tuple(f"{name}: {_prose(getattr(after, name))}" for name in details), **ids)
        for index, delight in gained[reworded:]:
            self.add(key, "delight-added", f"step '{after.id}' gains a delight: {_q(delight)}",
                     target=(*t.path, "delights", index), after=delight, **ids)
        for index, delight in lost[reworded:]:
            self.add(key, "delight-removed", f"step '{after.id}' loses a delight: {_q(delight)}",
                     current=(*c.path, "delights", index), before=delight, **ids)
        if before.emotion is not None and after.emotion is not None and before.emotion != after.emotion:
            delta = after.emotion - before.emotion
            better = delta > 0
            self.add(key, "emotion-improved" if better else "emotion-dropped",
                     f"step '{after.id}' feels {'better' if better else 'worse'}: "
                     f"{_number(before.emotion)} → {_number(after.emotion)} ({_signed(delta)})",
                     current=(*c.path, "emotion"), target=(*t.path, "emotion"),
                     before=before.emotion, after=after.emotion, delta=float(delta), **ids)

    def _successors(self, step: Step, *, current: bool) -> list[str]:
        """The steps that follow `step`: its `next`, or else the step after it in its journey (none for the last)."""
        if step.next is not None:
            return list(step.next)
        following = self._following[0 if current else 1]
        if following is None:  # built once per side: a journey of thousands of steps may branch everywhere
            order = [item.id for _, _, item in (self.current if current else self.target).steps()]
            following = dict(zip(order, order[1:]))
            self._following[0 if current else 1] = following
        return [following[step.id]] if step.id in following else []

    def _previous_step(self, path: DataPath, current: bool = False) -> str | None:
        journey = self.current if current else self.target
        si, ti = path[1], path[3]
        assert isinstance(si, int) and isinstance(ti, int)
        return journey.stages[si].steps[ti - 1].id if ti > 0 else None

    # -- pain points ----------------------------------------------------------------------------------------------

    def _resolvers(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Target actions by the pain point ids they list: all of them, and those with status done. Ids are looked up
        as written, so a target action may resolve a pain point id of the current journey."""
        listed: dict[str, list[str]] = defaultdict(list)
        done: dict[str, list[str]] = defaultdict(list)
        for action in self.target.actions:
            for ref in dict.fromkeys(action.resolves):
                listed[ref].append(action.id)
                if action.status == "done":
                    done[ref].append(action.id)
        return listed, done

    def pain_statuses(self) -> list[tuple[Pair[PainPoint], PainPointStatus]]:
        """Each pain point's status: resolved (gone, or a done target action lists it), still open, introduced."""
        if self._pain_statuses is None:
            self._pain_statuses = self._compute_pain_statuses()
        return self._pain_statuses

    def _compute_pain_statuses(self) -> list[tuple[Pair[PainPoint], PainPointStatus]]:
        listed, done = self._resolvers()
        out: list[tuple[Pair[PainPoint], PainPointStatus]] = []
        for pair in self.structure.pain_points:
            c, t = pair.current, pair.target
            ids = list(dict.fromkeys(side.item.id for side in (c, t) if side is not None))
            by_any = tuple(dict.fromkeys(a for ident in ids for a in listed.get(ident, ())))
            by_done = tuple(dict.fromkeys(a for ident in ids for a in done.get(ident, ())))
            if c is None:
                status = "introduced"
            elif t is None or by_done:
                status = "resolved"
            else:
                status = "still-open"
            shown = t or c
            assert shown is not None
            out.append((pair, PainPointStatus(
                current_id=c.item.id if c else None, target_id=t.item.id if t else None, status=status,
                description=shown.item.description, severity_before=c.item.severity if c else None,
                severity_after=t.item.severity if t else None, step=shown.parent, resolved_by=by_any, done_by=by_done,
            )))
        return out

    def _pain_points(self) -> None:
        for pair, status in self.pain_statuses():
            key = (_JOURNEY, *pair.key)
            c, t = pair.current, pair.target
            ids: dict[str, Any] = {"current_id": status.current_id, "target_id": status.target_id, "step": status.step}
            if c is None and t is not None:
                self.add(key, "pain-point-introduced",
                         f"pain point '{t.item.id}' introduced in step '{t.parent}' ({t.item.severity}): "
                         f"{_q(t.item.description)}",
                         target=t.path, before=None, after=t.item.description, related=status.resolved_by, **ids)
                continue
            assert c is not None
            name = f"pain point '{c.item.id}'" + (f" (now '{t.item.id}')" if t and t.item.id != c.item.id else "")
            if t is None:
                how = (f"; listed by action {', '.join(repr(a) for a in status.resolved_by)}" if status.resolved_by
                       else "; no action lists it")
                self.add(key, "pain-point-resolved", f"{name} resolved: gone from the target{how}",
                         current=c.path, before=c.item.description, after=None, related=status.resolved_by, **ids)
                continue
            where = f" (moved from step '{c.parent}')" if c.parent != t.parent else ""
            if c.item.description != t.item.description:
                where += ", reworded"
            if status.status == "resolved":
                self.add(key, "pain-point-resolved-by-action",
                         f"{name} resolved by done action {', '.join(repr(a) for a in status.done_by)}, "
                         f"still described in step '{t.parent}'{where}",
                         current=c.path, target=t.path, before=c.item.description, after=t.item.description,
                         related=status.done_by, **ids)
            else:
                plan = (f"; not done yet: action {', '.join(repr(a) for a in status.resolved_by)}" if status.resolved_by
                        else "; no action resolves it")
                self.add(key, "pain-point-still-open", f"{name} still open in step '{t.parent}'{where}{plan}",
                         current=c.path, target=t.path, before=c.item.description, after=t.item.description,
                         related=status.resolved_by, **ids)
                if c.item.severity == "high" and not status.resolved_by:
                    self.add(key, "unresolved-high-pain-point",
                             f"high-severity {name} is still in the target and no target action resolves it",
                             current=c.path, target=t.path, before=c.item.severity, after=t.item.severity, **ids)
            if c.item.severity != t.item.severity:
                raised = _SEVERITY_RANK[t.item.severity] > _SEVERITY_RANK[c.item.severity]
                self.add(key, "pain-point-severity-raised" if raised else "pain-point-severity-lowered",
                         f"{name} is {'more' if raised else 'less'} severe: {c.item.severity} → {t.item.severity}",
                         current=(*c.path, "severity"), target=(*t.path, "severity"),
                         before=c.item.severity, after=t.item.severity, **ids)

    # -- moments of truth and backstage ---------------------------------------------------------------------------

    def _moments(self) -> None:
        for pair in self.structure.moments:
            key = (_JOURNEY, *pair.key)
            c, t = pair.current, pair.target
            if c is None and t is not None:
                self.add(key, "moment-of-truth-added", f"step '{t.parent}' gains a moment of truth{_plan(t.item)}",
                         target=t.path, target_id=t.parent, step=t.parent, after=_fields(t.item, _MOMENT_FIELDS))
            elif t is None and c is not None:
                self.add(key, "moment-of-truth-removed",
                         f"step '{c.parent}' loses its moment of truth{_plan(c.item)}"
                         + (" (the step is removed)" if self._step_removed(c.parent) else ""),
                         current=c.path, current_id=c.parent, step=c.parent, before=_fields(c.item, _MOMENT_FIELDS))
            elif c is not None and t is not None:
                changed = [name for name in _MOMENT_FIELDS if not _same(getattr(c.item, name), getattr(t.item, name))]
                if not changed:
                    continue
                words = [f"{name} reworded" if name in ("question", "audience", "frequency")
                         else f"{name} {_text(getattr(c.item, name))} → {_text(getattr(t.item, name))}"
                         for name in changed]
                self.add(key, "moment-of-truth-changed", f"moment of truth of step '{t.parent}': {', '.join(words)}",
                         current=(*c.path, changed[0]), target=(*t.path, changed[0]),
                         current_id=c.parent, target_id=t.parent, step=t.parent,
                         before=tuple(f"{name}: {_text(getattr(c.item, name))}" for name in changed),
                         after=tuple(f"{name}: {_text(getattr(t.item, name))}" for name in changed))

    def _step_removed(self, step_id: str | None) -> bool:
        if self._target_step_ids is None:
            self._target_step_ids = {step.id for _, _, step in self.target.steps()}
        return step_id is not None and step_id not in self._target_step_ids

    def _backstage(self) -> None:
        for pair in self.structure.backstage:
            key = (_JOURNEY, *pair.key)
            c, t = pair.current, pair.target
            if c is None and t is not None:
                self.add(key, "backstage-added", f"step '{t.parent}' gains a {_stage_word(t.item.visible)} process: "
                         f"{_q(t.item.action)}", target=t.path, step=t.parent, after=t.item.action)
            elif t is None and c is not None:
                self.add(key, "backstage-removed", f"step '{c.parent}' loses a {_stage_word(c.item.visible)} process: "
                         f"{_q(c.item.action)}", current=c.path, step=c.parent, before=c.item.action)
            elif c is not None and t is not None:
                if c.item.action != t.item.action:
                    self.add(key, "backstage-renamed",
                             f"process of step '{t.parent}' reworded: {_q(c.item.action)} → {_q(t.item.action)}",
                             current=(*c.path, "action"), target=(*t.path, "action"), step=t.parent,
                             before=c.item.action, after=t.item.action)
                changed = [name for name in _PROCESS_FIELDS if getattr(c.item, name) != getattr(t.item, name)]
                if changed:
                    words = [f"now {_stage_word(t.item.visible)}" if name == "visible"
                             else f"{name} {_q(getattr(c.item, name))} → {_q(getattr(t.item, name))}"
                             for name in changed]
                    self.add(key, "backstage-changed",
                             f"process {_q(t.item.action)} of step '{t.parent}': {', '.join(words)}",
                             current=(*c.path, changed[0]), target=(*t.path, changed[0]), step=t.parent,
                             before=tuple(f"{name}: {_text(getattr(c.item, name))}" for name in changed),
                             after=tuple(f"{name}: {_text(getattr(t.item, name))}" for name in changed))

    # -- touchpoints, channels, plan ------------------------------------------------------------------------------

    def _touchpoints(self) -> None:
        for pair in self.structure.touchpoints:
            key = (_TOUCHPOINTS, *pair.key)
            c, t = pair.current, pair.target
            if c is None and t is not None:
                item = t.item
                support = f", {item.support}" if item.support else ""
                owner = f", owner {_q(item.owner)}" if item.owner else ""
                self.add(key, "touchpoint-added",
                         f"touchpoint '{item.id}' {_q(item.name)} added ({item.channel}{support}{owner})",
                         target=t.path, target_id=item.id, after=item.name)
                continue
            if t is None and c is not None:
                self.add(key, "touchpoint-removed", f"touchpoint '{c.item.id}' {_q(c.item.name)} removed",
                         current=c.path, current_id=c.item.id, before=c.item.name)
                continue
            assert c is not None and t is not None
            before, after = c.item, t.item
            ids: dict[str, Any] = {"current_id": before.id, "target_id": after.id}
            if before.id != after.id or before.name != after.name:
                if before.id == after.id:
                    text = f"touchpoint '{after.id}' renamed: {_q(before.name)} → {_q(after.name)}"
                elif before.name != after.name:
                    text = f"touchpoint '{before.id}' is now '{after.id}': {_q(before.name)} → {_q(after.name)}"
                else:
                    text = f"touchpoint '{before.id}' is now '{after.id}'"
                self.add(key, "touchpoint-renamed", text, current=(*c.path, "name"), target=(*t.path, "name"),
                         before=before.name, after=after.name, **ids)
            for name, kind_id in (("owner", "touchpoint-owner-changed"), ("support", "touchpoint-support-changed"),
                                  ("channel", "touchpoint-channel-changed")):
                old, new = getattr(before, name), getattr(after, name)
                if old != new:
                    shown = (_q(old), _q(new)) if name == "owner" else (old or "(none)", new or "(none)")
                    self.add(key, kind_id, f"touchpoint '{after.id}' {name}: {shown[0]} → {shown[1]}",
                             current=(*c.path, name), target=(*t.path, name), before=old, after=new, **ids)

    def _channels(self) -> None:
        def channels(journey: Journey) -> dict[str, list[tuple[int, str]]]:
            found: dict[str, list[tuple[int, str]]] = defaultdict(list)
            for index, touchpoint in enumerate(journey.touchpoints):
                found[touchpoint.channel].append((index, touchpoint.id))
            return found

        before, after = channels(self.current), channels(self.target)
        for rank, channel in enumerate(sorted(set(before) | set(after))):
            if channel in after and channel not in before:
                index, _ = after[channel][0]
                self.add((_CHANNELS, rank), "channel-added", f"channel '{channel}' added (touchpoint "
                         f"{', '.join(repr(ident) for _, ident in after[channel])})",
                         target=("touchpoints", index, "channel"), target_id=channel, after=channel,
                         related=tuple(ident for _, ident in after[channel]))
            elif channel in before and channel not in after:
                index, _ = before[channel][0]
                self.add((_CHANNELS, rank), "channel-removed", f"channel '{channel}' no longer offered (touchpoint "
                         f"{', '.join(repr(ident) for _, ident in before[channel])})",
                         current=("touchpoints", index, "channel"), current_id=channel, before=channel,
                         related=tuple(ident for _, ident in before[channel]))

    def _pain_map(self) -> dict[str, str]:
        return {pair.current.item.id: pair.target.item.id for pair in self.structure.pain_points
                if pair.current is not None and pair.target is not None}

    def _actions(self) -> None:
        pain_map = self._pain_map()
        for pair in self.structure.actions:
            key = (_PLAN, *pair.key)
            c, t = pair.current, pair.target
            if c is None and t is not None:
                item = t.item
                self.add(key, "action-added", f"action '{item.id}' added ({item.status}): {_q(item.title)}"
                         + (f"; resolves {', '.join(repr(ref) for ref in item.resolves)}" if item.resolves else ""),
                         target=t.path, target_id=item.id, after=item.status, related=tuple(item.resolves))
                continue
            if t is None and c is not None:
                item = c.item
                self.add(key, "action-removed", f"action '{item.id}' removed ({item.status}): {_q(item.title)}"
                         + (f"; it resolved {', '.join(repr(ref) for ref in item.resolves)}" if item.resolves else ""),
                         current=c.path, current_id=item.id, before=item.status, related=tuple(item.resolves))
                continue
            assert c is not None and t is not None
            self._action_pair(key, c, t, pain_map)

    def _action_pair(self, key: tuple[int, ...], c: Side[Action], t: Side[Action], pain_map: dict[str, str]) -> None:
        before, after = c.item, t.item
        ids: dict[str, Any] = {"current_id": before.id, "target_id": after.id}
        if before.id != after.id or before.title != after.title:
            text = (f"action '{after.id}' renamed: {_q(before.title)} → {_q(after.title)}" if before.id == after.id
                    else f"action '{before.id}' is now '{after.id}'"
                    + (f": {_q(before.title)} → {_q(after.title)}" if before.title != after.title else ""))
            self.add(key, "action-renamed", text, current=(*c.path, "title"), target=(*t.path, "title"),
                     before=before.title, after=after.title, **ids)
        if before.status != after.status:
            self.add(key, "action-status-changed", f"action '{after.id}': {before.status} → {after.status}",
                     current=(*c.path, "status"), target=(*t.path, "status"), before=before.status, after=after.status,
                     **ids)
        mapped = [pain_map.get(ref, ref) for ref in before.resolves]
        if set(mapped) != set(after.resolves) and set(before.resolves) != set(after.resolves):
            gained = [ref for ref in after.resolves if ref not in mapped and ref not in before.resolves]
            lost = [ref for ref in before.resolves
                    if pain_map.get(ref, ref) not in after.resolves and ref not in after.resolves]
            parts = ([f"now also resolves {', '.join(repr(ref) for ref in gained)}"] if gained else []) + (
                [f"no longer resolves {', '.join(repr(ref) for ref in lost)}"] if lost else [])
            if parts:
                self.add(key, "action-resolves-changed", f"action '{after.id}' {'; '.join(parts)}",
                         current=(*c.path, "resolves"), target=(*t.path, "resolves"),
                         before=tuple(before.resolves), after=tuple(after.resolves), related=tuple(gained + lost),
                         **ids)

    # -- summary --------------------------------------------------------------------------------------------------

    def summary(self, changes: Sequence[Change]) -> Summary:
        def count(*kinds: str) -> int:
            return sum(1 for change in changes if change.kind in kinds)

        current_steps = [step for _, _, step in self.current.steps()]
        target_steps = [step for _, _, step in self.target.steps()]
        statuses = self.pain_statuses()
        by_id: dict[str, str] = {}
        for _, status in statuses:
            for ident in (status.current_id, status.target_id):
                if ident is not None:
                    by_id.setdefault(ident, status.status)
        plan = []
        for pair in self.structure.actions:
            shown = pair.target or pair.current
            assert shown is not None
            resolves = tuple(shown.item.resolves)
            plan.append(PlanItem(
                current_id=pair.current.item.id if pair.current else None,
                target_id=pair.target.item.id if pair.target else None,
                title=shown.item.title,
                status_before=pair.current.item.status if pair.current else None,
                status_after=pair.target.item.status if pair.target else None,
                resolves=resolves,
                resolves_status=tuple(by_id.get(ref, "unknown") for ref in resolves),
            ))
        touchpoint_pairs = self.structure.touchpoints
        return Summary(
            emotion=Average(_average(step.emotion for step in current_steps),
                            _average(step.emotion for step in target_steps)),
            stage_emotions=tuple(
                StageEmotion(
                    current_id=pair.current.item.id if pair.current else None,
                    target_id=pair.target.item.id if pair.target else None,
                    name=(pair.target or pair.current).item.name,  # type: ignore[union-attr]
                    before=_average(s.emotion for s in pair.current.item.steps) if pair.current else None,
                    after=_average(s.emotion for s in pair.target.item.steps) if pair.target else None,
                )
                for pair in self.structure.stages
            ),
            step_emotions=tuple(
                StepEmotion(
                    current_id=pair.current.item.id if pair.current else None,
                    target_id=pair.target.item.id if pair.target else None,
                    stage=(pair.target or pair.current).parent or "",  # type: ignore[union-attr]
                    action=(pair.target or pair.current).item.action,  # type: ignore[union-attr]
                    before=pair.current.item.emotion if pair.current else None,
                    after=pair.target.item.emotion if pair.target else None,
                )
                for pair in self.structure.steps
            ),
            stages=Counts(len(self.current.stages), len(self.target.stages), count("stage-added"),
                          count("stage-removed"), count("stage-renamed"), count("stage-moved")),
            steps=Counts(len(current_steps), len(target_steps), count("step-added"), count("step-removed"),
                         count("step-renamed"), count("step-moved")),
            pain_points=tuple(status for _, status in statuses),
            unresolved_high=tuple(
                status.current_id for _, status in statuses
                if status.status == "still-open" and status.severity_before == "high" and not status.resolved_by
                and status.current_id is not None
            ),
            listening_before=Coverage(sum(1 for s in current_steps if s.moment_of_truth is not None),
                                      len(current_steps)),
            listening_after=Coverage(sum(1 for s in target_steps if s.moment_of_truth is not None), len(target_steps)),
            touchpoints=TouchpointCounts(
                before=len(self.current.touchpoints), after=len(self.target.touchpoints),
                added=sum(1 for pair in touchpoint_pairs if pair.added),
                removed=sum(1 for pair in touchpoint_pairs if pair.removed),
                changed=len({(change.current_id, change.target_id) for change in changes
                             if change.subject == "touchpoint" and change.kind not in
                             ("touchpoint-added", "touchpoint-removed")}),
                channels_before=tuple(sorted({t.channel for t in self.current.touchpoints})),
                channels_after=tuple(sorted({t.channel for t in self.target.touchpoints})),
            ),
            plan=tuple(plan),
        )


def _plan(moment: MomentOfTruth) -> str:
    parts = [part for part in (moment.metric, f"by {moment.media}" if moment.media else None, moment.timing) if part]
    if moment.alert_below is not None:
        parts.append(f"alert below {moment.alert_below:g}")
    return f" ({', '.join(parts)})" if parts else ""


def _stage_word(visible: bool) -> str:
    return "frontstage" if visible else "backstage"


def _ids(ids: Sequence[str]) -> str:
    return ", ".join(f"'{ident}'" for ident in ids) if ids else "no step (the journey ends there)"


def _persona_text(persona: Persona | None) -> str | None:
    """A persona in one line, for before/after: name, then goals and expectations."""
    if persona is None:
        return None
    parts = [persona.name] + ([persona.description] if persona.description else [])
    parts += [f"goals: {'; '.join(persona.goals)}"] if persona.goals else []
    parts += [f"expectations: {'; '.join(persona.expectations)}"] if persona.expectations else []
    return " | ".join(parts)


def _prose(value: object) -> str:
    """A text field as a person reads it: lists (verbatims, delights) one item after the other."""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value) if value else "(none)"
    return _text(value)
