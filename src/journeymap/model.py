"""The journey format, version 1, as pydantic models.

Field names are the public format: never rename one. Models forbid unknown keys (typos must not pass silently)
and are strict about types (YAML's `2024` is not a title, `yes` is not a boolean in YAML 1.2).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

FORMAT_VERSION = 1

Slug = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$",
        max_length=80,
        description="Identifier: lowercase letters, digits, '-' and '_', starting and ending with a letter or digit.",
    ),
]
Text = Annotated[str, Field(min_length=1, max_length=100_000)]

State = Literal["current", "target"]
JourneyKind = Literal["customer", "prospect", "patient", "user", "citizen", "employee", "partner"]
Lang = Literal["en", "fr"]
Evidence = Literal["research", "verbatims", "hypothesis"]
Channel = Literal[
    "web", "mobile-app", "email", "sms", "phone", "store", "social", "chat", "mail", "kiosk", "event", "other"
]
Support = Literal["selfcare", "assisted", "advisor"]
Severity = Literal["low", "medium", "high"]
PainPointType = Literal["irritant", "breakpoint", "gap"]
Media = Literal[
    "chatbot", "qr-code", "sms", "email", "kiosk", "voice-survey", "voicemail", "ivr", "web-survey"
]
Timing = Literal["hot", "warm", "cold"]
Metric = Literal["csat", "nps", "ces", "custom"]
ActionStatus = Literal["idea", "planned", "in-progress", "done"]
Emotion = Annotated[int, Field(ge=-2, le=2, description="From -2 (very negative) to +2 (very positive).")]
Score = Annotated[int, Field(ge=1, le=5)]


def _one_or_many(value: Any) -> Any:
    """`next: s4` reads as naturally as `next: [s4]`; accept both."""
    return [value] if isinstance(value, str) else value


class _Part(BaseModel):
    # defer_build: each model's validator is built on first use, not at import; only Journey's is ever used for
    # validation (it holds the others), so the standalone ones are never built (a third of this module's import).
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class Persona(_Part):
    """Who travels the journey: the archetype the team designs for."""

    name: Text
    description: Text | None = None
    goals: list[Text] = []
    expectations: list[Text] = []


class Touchpoint(_Part):
    """A point of contact between the customer and the organisation, owned by a department."""

    id: Slug
    name: Text
    channel: Channel = "other"
    owner: Text | None = Field(default=None, description="Department accountable for this touchpoint.")
    support: Support | None = Field(
        default=None, description="selfcare (the customer alone), assisted (guided), advisor (a person)."
    )
    description: Text | None = None


class PainPoint(_Part):
    """Something that hurts the experience: an irritant, a breakpoint (the customer may give up) or a gap."""

    id: Slug
    description: Text
    severity: Severity = "medium"
    type: PainPointType = "irritant"


class MomentOfTruth(_Part):
    """A step where the customer forms a lasting opinion, with its listening plan."""

    question: Text | None = Field(default=None, description="What the customer is asked.")
    media: Media | None = None
    timing: Timing | None = Field(default=None, description="hot: right after the step; warm: days; cold: weeks.")
    metric: Metric | None = None
    audience: Text | None = None
    frequency: Text | None = None
    alert_below: float | None = Field(default=None, description="Score under which the owner is alerted.")


class BackstageProcess(_Part):
    """What the organisation does behind a step; `visible: true` puts it on the frontstage."""

    action: Text
    owner: Text | None = None
    visible: bool = False
    system: Text | None = Field(default=None, description="Tool or system supporting the process (CRM, ERP...).")


class Step(_Part):
    """One thing the customer does, told from the customer's point of view."""

    id: Slug
    action: Text = Field(description="The customer's action, from the customer's point of view.")
    description: Text | None = None
    touchpoints: list[Slug] = []
    emotion: Emotion | None = None
    thinking: Text | None = None
    goal: Text | None = None
    pain_points: list[PainPoint] = []
    delights: list[Text] = []
    verbatims: list[Text] = Field(default=[], description="Customers' own words about this step.")
    moment_of_truth: MomentOfTruth | None = None
    backstage: list[BackstageProcess] = []
    next: Annotated[list[Slug], BeforeValidator(_one_or_many, json_schema_input_type=Slug | list[Slug])] | None = Field(
        default=None, description="Step ids that follow, for branches and loops; default: the following step."
    )


class Stage(_Part):
    """A phase of the journey, in order."""

    id: Slug
    name: Text
    goal: Text | None = None
    description: Text | None = None
    steps: list[Step] = []


class Trigger(_Part):
    """An automated scenario that starts the action: on `event`, through `channel`, after `delay`."""

    event: Text
    channel: Channel | None = None
    delay: Annotated[
        str,
        Field(pattern=r"^(0|\d+\s*(min|h|d|w))$", description="0, or a number followed by min, h, d or w."),
    ] | None = None


class Action(_Part):
    """An item of the improvement plan, prioritised by impact and effort."""

    id: Slug
    title: Text
    description: Text | None = None
    resolves: list[Slug] = Field(default=[], description="Ids of the pain points this action resolves.")
    impact: Score | None = None
    effort: Score | None = None
    owner: Text | None = None
    status: ActionStatus = "idea"
    trigger: Trigger | None = None


class Journey(_Part):
    """One journey map: a persona's stages and steps, touchpoints and improvement plan."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        title="journeymap journey, format version 1",
    )

    journeymap: Literal[1] = Field(description="Format version.")
    id: Slug
    title: Text
    state: State
    target_of: Slug | None = Field(default=None, description="On a target journey: id of the current journey it improves.")
    kind: JourneyKind = "customer"
    lang: Lang = "en"
    objective: Text = Field(description="Why this journey is mapped: satisfaction, conversion, loyalty...")
    owner: Text | None = None
    evidence: Evidence | None = Field(
        default=None,
        description="research: structured data; verbatims: customers' words; hypothesis: staff knowledge.",
    )
    description: Text | None = None
    persona: Persona | None = None
    touchpoints: list[Touchpoint] = []
    stages: list[Stage] = []
    actions: list[Action] = []

    def steps(self) -> list[tuple[int, int, Step]]:
        """Every step in journey order, with the indexes that locate it in the file."""
        return [(si, ti, step) for si, stage in enumerate(self.stages) for ti, step in enumerate(stage.steps)]

    def pain_points(self) -> list[tuple[int, int, int, PainPoint]]:
        return [
            (si, ti, pi, pain)
            for si, ti, step in self.steps()
            for pi, pain in enumerate(step.pain_points)
        ]


# What each container of the format is called in messages, by the key that holds it.
PART_NAMES: dict[str, str] = {
    "persona": "persona",
    "touchpoints": "touchpoint",
    "stages": "stage",
    "steps": "step",
    "pain_points": "pain point",
    "moment_of_truth": "moment of truth",
    "backstage": "backstage process",
    "actions": "action",
    "trigger": "trigger",
}

PART_MODELS: dict[str, type[BaseModel]] = {
    "persona": Persona,
    "touchpoints": Touchpoint,
    "stages": Stage,
    "steps": Step,
    "pain_points": PainPoint,
    "moment_of_truth": MomentOfTruth,
    "backstage": BackstageProcess,
    "actions": Action,
    "trigger": Trigger,
}


def part_of(path: tuple[str | int, ...]) -> tuple[str, type[BaseModel]]:
    """The name and model of the container that holds the last key of `path`."""
    for part in reversed(path[:-1] if path else path):
        if isinstance(part, str) and part in PART_NAMES:
            return PART_NAMES[part], PART_MODELS[part]
    return "journey", Journey


def json_schema() -> dict[str, Any]:
    schema = Journey.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
