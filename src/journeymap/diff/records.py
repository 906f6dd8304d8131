"""The diff's result as plain frozen data: change records, the summary figures, and the result that holds both.

Nothing here computes or formats: the classification fills these records once, and every output (text, Markdown,
JSON, fail conditions) reads the same values, so no two outputs can disagree. DiffResult's `to_*` methods only
hand it to journeymap.diff.outputs, for the Python API.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from journeymap.diff.catalogue import BY_ID, Level

# before/after values of a change: a label, an emotion, a severity, a status, or a list of ids or "field: value" items.
Value = str | int | float | bool | tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class Location:
    """Where a change applies in one of the two files: `path` always, the line and column when the file is known."""

    file: str | None
    line: int | None
    column: int | None
    path: str

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column, "path": self.path}

    def __str__(self) -> str:
        if self.file is not None and self.line is not None:
            return f"{self.file}:{self.line}:{self.column}"
        return self.path


@dataclass(frozen=True, slots=True)
class Change:
    """One classified difference. `kind` is a catalogue id; the level is the kind's default level."""

    kind: str
    level: Level
    message: str
    current_id: str | None = None  # the item's id in the current journey (None when added or when it has no id)
    target_id: str | None = None  # its id in the target journey (None when removed or when it has no id)
    step: str | None = None  # the step the change is about or belongs to (target id when the step is in both)
    related: tuple[str, ...] = ()  # other ids involved: resolving actions, stages of a move, touchpoints of a channel
    before: Value = None
    after: Value = None
    delta: float | None = None  # emotions: after - before
    current: Location | None = None
    target: Location | None = None

    @property
    def subject(self) -> str:
        return BY_ID[self.kind].subject

    @property
    def finding(self) -> bool:
        return BY_ID[self.kind].finding

    @property
    def ids(self) -> tuple[str, ...]:
        """Every id involved, once, in a stable order: current, target, step, then related ids."""
        seen: list[str] = []
        for ident in (self.current_id, self.target_id, self.step, *self.related):
            if ident is not None and ident not in seen:
                seen.append(ident)
        return tuple(seen)

    def to_dict(self) -> dict[str, Any]:
        """The one record the JSON output uses; keys are documented in journeymap.diff.outputs."""
        return {
            "kind": self.kind,
            "level": self.level.value,
            "subject": self.subject,
            "finding": self.finding,
            "message": self.message,
            "current_id": self.current_id,
            "target_id": self.target_id,
            "step": self.step,
            "related": list(self.related),
            "before": _plain(self.before),
            "after": _plain(self.after),
            "delta": self.delta,
            "current": self.current.to_dict() if self.current else None,
            "target": self.target.to_dict() if self.target else None,
        }


def _plain(value: Value) -> Any:
    return list(value) if isinstance(value, tuple) else value


@dataclass(frozen=True, slots=True)
class JourneyInfo:
    """Which journey stands on one side of the diff, as the outputs name it."""

    name: str  # the file as the user gave it, or `file@rev`; the journey id when diffed without a file
    id: str
    title: str
    state: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "id": self.id, "title": self.title, "state": self.state}


def _delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before


@dataclass(frozen=True, slots=True)
class Average:
    """An emotion average on both sides; None where no step has an emotion."""

    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        return _delta(self.before, self.after)


@dataclass(frozen=True, slots=True)
class StepEmotion:
    """A step's emotion on both sides (None: the step is absent on that side, or has no emotion)."""

    current_id: str | None
    target_id: str | None
    stage: str  # the stage it belongs to: in the target when it is there, otherwise in the current journey
    action: str  # the target's wording when the step is there
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass(frozen=True, slots=True)
class StageEmotion:
    """A stage's average emotion on both sides (averages over the steps that have an emotion)."""

    current_id: str | None
    target_id: str | None
    name: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        return _delta(self.before, self.after)


@dataclass(frozen=True, slots=True)
class Counts:
    """How many stages or steps were added, removed, renamed and moved, and how many each side has."""

    before: int
    after: int
    added: int = 0
    removed: int = 0
    renamed: int = 0
    moved: int = 0


@dataclass(frozen=True, slots=True)
class Coverage:
    """Listening plan coverage: how many steps have a moment of truth."""

    with_moment: int
    steps: int

    @property
    def share(self) -> float | None:
        return self.with_moment / self.steps if self.steps else None


PAIN_STATUSES: tuple[str, ...] = ("resolved", "still-open", "introduced")


@dataclass(frozen=True, slots=True)
class PainPointStatus:
    """Where a pain point stands: resolved, still open (current pain points) or introduced (target only)."""

    current_id: str | None
    target_id: str | None
    status: str  # one of PAIN_STATUSES
    description: str  # the target's wording when the pain point is there
    severity_before: str | None
    severity_after: str | None
    step: str | None  # the step it belongs to (target side when present)
    resolved_by: tuple[str, ...]  # ids of the target actions that list it in `resolves`
    done_by: tuple[str, ...]  # those of them with status done

    @property
    def id(self) -> str:
        return self.current_id or self.target_id or ""


@dataclass(frozen=True, slots=True)
class PlanItem:
    """An action of the plan on both sides, with the pain points it addresses looked up in both journeys."""

    current_id: str | None
    target_id: str | None
    title: str
    status_before: str | None
    status_after: str | None
    resolves: tuple[str, ...]  # the target's list (the current one for a removed action)
    resolves_status: tuple[str, ...]  # for each id in `resolves`: a PAIN_STATUSES value, or "unknown"


@dataclass(frozen=True, slots=True)
class TouchpointCounts:
    before: int
    after: int
    added: int
    removed: int
    changed: int  # renamed, or owner, support or channel changed
    channels_before: tuple[str, ...]
    channels_after: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    """The headline figures: shown even when nothing changed (a diff of a journey with itself has averages)."""

    emotion: Average
    stage_emotions: tuple[StageEmotion, ...]
    step_emotions: tuple[StepEmotion, ...]
    stages: Counts
    steps: Counts
    pain_points: tuple[PainPointStatus, ...]
    unresolved_high: tuple[str, ...]  # current ids of high-severity pain points still open with no target action
    listening_before: Coverage
    listening_after: Coverage
    touchpoints: TouchpointCounts
    plan: tuple[PlanItem, ...]

    def pain_count(self, status: str) -> int:
        return sum(1 for pain in self.pain_points if pain.status == status)


@dataclass(frozen=True, slots=True)
class DiffResult:
    """Everything `journeymap diff` knows about one pair of journeys: the changes, in journey order, and the summary."""

    current: JourneyInfo
    target: JourneyInfo
    changes: tuple[Change, ...]
    summary: Summary

    @property
    def identical(self) -> bool:
        return not self.changes

    def count(self, level: Level) -> int:
        return sum(1 for change in self.changes if change.level is level)

    def of_kind(self, *kinds: str) -> tuple[Change, ...]:
        for name in kinds:
            if name not in BY_ID:
                raise KeyError(f"unknown change kind {name!r}")
        return tuple(change for change in self.changes if change.kind in kinds)

    # The outputs of `journeymap diff` as methods, so that the Python API's user needs no other module; the
    # functions stay in journeymap.diff.outputs (imported here on call: outputs reads these records).
    def to_dict(self) -> dict[str, Any]:
        """The `-f json` document as Python data: keys documented in journeymap.diff.outputs (format version 1)."""
        from journeymap.diff.outputs import to_dict

        return to_dict(self)

    def to_json(self) -> str:
        from journeymap.diff.outputs import to_json

        return to_json(self)

    def to_markdown(self) -> str:
        """A pull-request comment body (`-f md`), within GitHub's comment size."""
        from journeymap.diff.outputs import to_markdown

        return to_markdown(self)

    def to_text(self, color: bool = False) -> str:
        from journeymap.diff.outputs import to_text

        return to_text(self, color=color)

    def failing(self, conditions: Iterable[str]) -> list[str]:
        """The `--fail-on` conditions that hold (emotion-drop, new-high-pain...), in the order given; an unknown
        name raises ValueError listing the valid ones."""
        from journeymap.diff.conditions import failing_conditions

        return failing_conditions(self, list(conditions))
