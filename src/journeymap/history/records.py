"""The history of one journey as records: each commit's figures, and the change from the first version to the last.

Figures come from the journey model through render/figures.py, the functions the HTML report uses, so a version's
"open pain points" here is the report's count at that commit. A version that does not load is a row with its number
of errors, never left out: a broken commit is part of the story.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from journeymap.model import Journey
from journeymap.render import figures

Status = Literal["ok", "invalid", "deleted", "too-large"]
SEVERITIES: tuple[str, ...] = figures.SEVERITY_ORDER  # high, medium, low
ACTION_STATUSES: tuple[str, ...] = ("idea", "planned", "in-progress", "done")


@dataclass(frozen=True)
class Figures:
    """What a version of the journey says about the customer's experience and the plan to improve it."""

    steps: int
    rated_steps: int  # steps that have an emotion: the average is over these, never counting the others as 0
    average_emotion: float | None
    pain_points: int
    open_pain_points: dict[str, int]  # by severity: not resolved by an action with status done
    moments_of_truth: int
    moments_with_alert: int  # moments of truth with an alert threshold (alert_below)
    actions: dict[str, int]  # by status
    actions_total: int

    @property
    def open_total(self) -> int:
        return sum(self.open_pain_points.values())

    @property
    def actions_done(self) -> int:
        return self.actions.get("done", 0)


def figures_of(journey: Journey) -> Figures:
    """One version's figures, computed as the report computes them."""
    steps = [step for _, _, step in journey.steps()]
    ranked = figures.ranked_pain_points(journey)
    plan = figures.listening_plan(journey)
    statuses: list[str] = [action.status for action in journey.actions]
    return Figures(
        steps=len(steps),
        rated_steps=sum(1 for step in steps if step.emotion is not None),
        average_emotion=figures.average_emotion(journey),
        pain_points=len(ranked),
        open_pain_points={severity: sum(1 for pain in ranked if pain.open and pain.severity == severity)
                          for severity in SEVERITIES},
        moments_of_truth=len(plan),
        moments_with_alert=sum(1 for point in plan if point.moment.alert_below is not None),
        actions={status: statuses.count(status) for status in ACTION_STATUSES},
        actions_total=len(statuses),
    )


@dataclass(frozen=True)
class Version:
    """One commit of the journey file: who, when, where the file was, and its figures or why there are none."""

    number: int  # from 1, oldest first
    commit: str
    date: str
    author: str
    subject: str
    path: str
    status: Status
    errors: int = 0  # problems at error level (a version with errors still has figures when its format holds)
    first_error: str | None = None
    title: str | None = None
    figures: Figures | None = None
    lang: str | None = None  # the journey's language, when the version loads

    @property
    def short(self) -> str:
        return self.commit[:10]

    @property
    def day(self) -> str:
        return self.date[:10]

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        if self.figures is not None:
            record["figures"]["open_pain_points_total"] = self.figures.open_total
            record["figures"]["actions_done"] = self.figures.actions_done
        return record


@dataclass(frozen=True)
class Change:
    """A figure in the first version that loaded and in the last one: "average emotion -0.4 -> +0.3"."""

    name: str
    label: str
    first: float | None
    last: float | None
    better_when: Literal["higher", "lower", "neither"]

    @property
    def delta(self) -> float | None:
        return None if self.first is None or self.last is None else self.last - self.first

    @property
    def verdict(self) -> Literal["better", "worse", "same", "unknown"]:
        delta = self.delta
        if delta is None:
            return "unknown"
        if abs(delta) < 0.0005 or self.better_when == "neither":
            return "same" if abs(delta) < 0.0005 else "unknown"
        return "better" if (delta > 0) == (self.better_when == "higher") else "worse"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "first": self.first, "last": self.last, "delta": self.delta,
                "verdict": self.verdict}


CHANGES: tuple[tuple[str, str, Callable[[Figures], float | None], Literal["higher", "lower", "neither"]], ...] = (
    ("average_emotion", "average emotion", lambda f: f.average_emotion, "higher"),
    ("open_high", "open pain points, high", lambda f: f.open_pain_points["high"], "lower"),
    ("open_medium", "open pain points, medium", lambda f: f.open_pain_points["medium"], "lower"),
    ("open_low", "open pain points, low", lambda f: f.open_pain_points["low"], "lower"),
    ("moments_of_truth", "moments of truth", lambda f: f.moments_of_truth, "neither"),
    ("steps", "steps", lambda f: f.steps, "neither"),
    ("actions_done", "actions done", lambda f: f.actions_done, "higher"),
)


@dataclass(frozen=True)
class History:
    """Every version of one journey file, oldest first, and how it changed from the first that loaded to the last."""

    file: str
    versions: tuple[Version, ...]
    shallow: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def loaded(self) -> tuple[Version, ...]:
        return tuple(version for version in self.versions if version.figures is not None)

    @property
    def title(self) -> str | None:
        loaded = self.loaded
        return loaded[-1].title if loaded else None

    @property
    def lang(self) -> str:
        """The language of the latest version that loads (the page is written in it), English otherwise."""
        loaded = self.loaded
        return (loaded[-1].lang if loaded else None) or "en"

    def changes(self) -> tuple[Change, ...]:
        """First loaded version to last loaded version; empty when none loaded."""
        loaded = self.loaded
        if not loaded:
            return ()
        first, last = loaded[0].figures, loaded[-1].figures
        assert first is not None and last is not None
        return tuple(Change(name, label, read(first), read(last), better) for name, label, read, better in CHANGES)

    def to_dict(self) -> dict[str, Any]:
        loaded = self.loaded
        return {
            "file": self.file,
            "title": self.title,
            "shallow": self.shallow,
            "versions": [version.to_dict() for version in self.versions],
            "summary": {
                "versions": len(self.versions),
                "loaded": len(loaded),
                "first": loaded[0].commit if loaded else None,
                "last": loaded[-1].commit if loaded else None,
                "changes": [change.to_dict() for change in self.changes()],
            },
            "notes": list(self.notes),
        }


def paths_in(versions: Sequence[Version]) -> tuple[str, ...]:
    """The file's successive paths (renames), in order, each once."""
    seen: list[str] = []
    for version in versions:
        if not seen or seen[-1] != version.path:
            seen.append(version.path)
    return tuple(seen)


def source_name(path: Path) -> str:
    from journeymap.diff.inputs import display_name

    return display_name(path)
