"""Every kind of change `journeymap diff` reports: one typed table, the only place a kind id is defined.

Ids are kebab-case and never change meaning (CI configurations and dashboards key on them). Each kind has a default
level and a one-line doc; the outputs, the fail conditions and the README all read this table.

Levels say how a reviewer of a pull request should treat the change:

- `breaking`: the experience, or the organisation's ability to hear the customer, gets worse: a step or the journey
  feels worse, a pain point gets more severe, a moment of truth (a listening point with its survey and alert) is
  dropped. These are what `--fail-on any-breaking` stops in CI.
- `warning`: something is lost or left open and a person should confirm it is intended: a step, stage,
  touchpoint, channel or planned action removed, a pain point introduced, a high-severity pain point no action
  resolves.
- `info`: progress and neutral edits: additions, renames, moves, resolved pain points, better emotions.

*Findings* (`finding=True`) are not differences but the standing of the target against the current journey (a pain
point still open, a high-severity pain point with no action). They are reported only when the two journeys differ,
so that the diff of a journey with itself holds no change at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Level(str, Enum):
    BREAKING = "breaking"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value

    @property
    def rank(self) -> int:
        """Worst first: sorting by rank lists breaking changes before warnings."""
        return _LEVEL_RANK[self]


_LEVEL_RANK = {Level.BREAKING: 0, Level.WARNING: 1, Level.INFO: 2}

# What a change is about; outputs group changes by subject, in this order.
SUBJECTS: tuple[str, ...] = (
    "journey", "stage", "step", "emotion", "pain-point", "moment-of-truth", "touchpoint", "channel", "action",
    "backstage",
)


@dataclass(frozen=True)
class ChangeKind:
    """One kind of change: its stable id, what it is about, its default level and what it means."""

    id: str
    subject: str
    level: Level
    doc: str
    finding: bool = False


_B, _W, _I = Level.BREAKING, Level.WARNING, Level.INFO

KINDS: tuple[ChangeKind, ...] = (
    # journey
    ChangeKind("journey-emotion-improved", "journey", _I, "The journey's average emotion is higher in the target."),
    ChangeKind("journey-emotion-dropped", "journey", _B, "The journey's average emotion is lower in the target."),
    ChangeKind("journey-details-changed", "journey", _I, "The journey's objective or description is worded differently."),
    ChangeKind("persona-changed", "journey", _I,
               "The journey is told for another persona, or its persona is described differently."),
    # stages
    ChangeKind("stage-added", "stage", _I, "A stage exists only in the target."),
    ChangeKind("stage-removed", "stage", _W, "A stage of the current journey is gone from the target."),
    ChangeKind("stage-renamed", "stage", _I, "A stage kept its place in the journey under a new name or id."),
    ChangeKind("stage-moved", "stage", _I, "A stage comes at another point of the journey."),
    ChangeKind("stage-details-changed", "stage", _I, "A stage's goal or description is worded differently."),
    # steps
    ChangeKind("step-added", "step", _I, "A step exists only in the target: something new the customer does."),
    ChangeKind("step-removed", "step", _W, "A step of the current journey is gone: the customer no longer does it."),
    ChangeKind("step-renamed", "step", _I, "A step's action is worded differently, or its id changed."),
    ChangeKind("step-moved", "step", _I, "A step changed stage, or comes at another point within its stage."),
    ChangeKind("step-touchpoints-changed", "step", _I, "A step uses other touchpoints."),
    ChangeKind("step-next-changed", "step", _I, "A step leads on to other steps (its `next` branches and loops)."),
    ChangeKind("step-details-changed", "step", _I,
               "What a step says of the customer is worded differently: description, goal, thinking, verbatims."),
    # emotion
    ChangeKind("emotion-improved", "emotion", _I, "A step feels better to the customer."),
    ChangeKind("emotion-dropped", "emotion", _B, "A step feels worse to the customer."),
    ChangeKind("delight-added", "emotion", _I, "A step gains a moment of delight."),
    ChangeKind("delight-removed", "emotion", _W, "A moment of delight of the current journey is gone from its step."),
    # pain points
    ChangeKind("pain-point-resolved", "pain-point", _I, "A pain point of the current journey is gone from the target."),
    ChangeKind("pain-point-resolved-by-action", "pain-point", _I,
               "A pain point still described in the target is resolved by a target action with status done.",
               finding=True),
    ChangeKind("pain-point-introduced", "pain-point", _W, "A pain point exists only in the target."),
    ChangeKind("pain-point-still-open", "pain-point", _I,
               "A pain point of the current journey is still in the target and no done action resolves it.",
               finding=True),
    ChangeKind("pain-point-severity-raised", "pain-point", _B, "A pain point is more severe in the target."),
    ChangeKind("pain-point-severity-lowered", "pain-point", _I, "A pain point is less severe in the target."),
    ChangeKind("unresolved-high-pain-point", "pain-point", _W,
               "A high-severity pain point of the current journey is still in the target and no target action "
               "resolves it.", finding=True),
    # moments of truth (one per step, matched through their step)
    ChangeKind("moment-of-truth-added", "moment-of-truth", _I,
               "A step gains a moment of truth: a new listening point."),
    ChangeKind("moment-of-truth-removed", "moment-of-truth", _B,
               "A moment of truth is gone: its survey and alert no longer listen to the customer there."),
    ChangeKind("moment-of-truth-changed", "moment-of-truth", _I,
               "A moment of truth asks, measures or alerts differently (question, media, timing, metric, threshold)."),
    # touchpoints and channels
    ChangeKind("touchpoint-added", "touchpoint", _I, "A touchpoint exists only in the target."),
    ChangeKind("touchpoint-removed", "touchpoint", _W, "A touchpoint of the current journey is gone."),
    ChangeKind("touchpoint-renamed", "touchpoint", _I, "A touchpoint has a new name or id."),
    ChangeKind("touchpoint-owner-changed", "touchpoint", _I, "Another department owns a touchpoint."),
    ChangeKind("touchpoint-support-changed", "touchpoint", _I,
               "A touchpoint's support level changed (selfcare, assisted, advisor)."),
    ChangeKind("touchpoint-channel-changed", "touchpoint", _I, "A touchpoint goes through another channel."),
    ChangeKind("channel-added", "channel", _I, "The target reaches the customer through a new channel."),
    ChangeKind("channel-removed", "channel", _W, "A channel of the current journey is no longer offered."),
    # the action plan
    ChangeKind("action-added", "action", _I, "An action exists only in the target's plan."),
    ChangeKind("action-removed", "action", _W, "An action of the current plan is gone from the target's plan."),
    ChangeKind("action-renamed", "action", _I, "An action has a new title or id."),
    ChangeKind("action-status-changed", "action", _I,
               "An action moved along (or back) idea, planned, in-progress, done."),
    ChangeKind("action-resolves-changed", "action", _I, "An action addresses other pain points."),
    # backstage processes (matched by their action text within a matched step)
    ChangeKind("backstage-added", "backstage", _I, "A step gains a backstage or frontstage process."),
    ChangeKind("backstage-removed", "backstage", _I, "A step loses a backstage or frontstage process."),
    ChangeKind("backstage-renamed", "backstage", _I, "A process behind a step is worded differently."),
    ChangeKind("backstage-changed", "backstage", _I,
               "A process behind a step changed owner, system, or visibility (frontstage or backstage)."),
)

BY_ID: dict[str, ChangeKind] = {kind.id: kind for kind in KINDS}
KIND_RANK: dict[str, int] = {kind.id: rank for rank, kind in enumerate(KINDS)}


def kind(kind_id: str) -> ChangeKind:
    """The catalogue entry of `kind_id`; a typo in the code fails loudly, never silently."""
    return BY_ID[kind_id]
