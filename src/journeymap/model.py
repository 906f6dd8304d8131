"""The journey format, version 1, as pydantic models.

Field names are the public format: never rename one. Models forbid unknown keys (typos must not pass silently)
and are strict about types (YAML's `2024` is not a title, `yes` is not a boolean in YAML 1.2).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

FORMAT_VERSION = 1

# Plain YAML scalars that journeymap's reader (ruamel.yaml, YAML 1.2 plus its timestamps, `1_000` and `0b1`) types
# as dates or numbers, while an editor's YAML 1.2 core schema reads them as text: `owner: 2024-01-01` passes the
# editor's type check but not the CLI's. The JSON Schema flags them with PLAIN_TEXT_PATTERN (the pydantic models
# need nothing: the loader has typed them already). Written for ECMA-262 and Python `re` alike; tests compare them
# with ruamel's resolver.
YAML_DATE = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"
)
YAML_NUMBER = (  # "_1" is text: only a sign, a digit or "." starts a number
    r"[-+]?0b[01_]+|[-+]?0o?[0-7_]+|[-+][0-9_]+|[0-9][0-9_]*|[-+]?0x[0-9a-fA-F_]+"
    r"|[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
    r"|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
YAML_CORE_TYPED = (  # YAML 1.2 core schema (spec 10.3.2): what an editor already reads as a number, boolean or null
    r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|true|True|TRUE|false|False|FALSE|null|Null|NULL|~"
)
PLAIN_TEXT_PATTERN = f"^(?:(?=(?:{YAML_CORE_TYPED})$)|(?!(?:{YAML_DATE}|{YAML_NUMBER})$))"
_PLAIN_TEXT = {"x-plain-text": True}  # schema.py turns it into a reference to PlainText, defined once
SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$"

Slug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        max_length=80,
        description="Identifier: lowercase letters, digits, '-' and '_', starting and ending with a letter or digit.",
        json_schema_extra={
            "patternErrorMessage": "an id is lowercase letters, digits, '-' and '_', starting and ending with a"
            " letter or digit (e.g. order-meal-kit)",
            **_PLAIN_TEXT,
        },
    ),
]
Text = Annotated[str, Field(min_length=1, max_length=100_000, json_schema_extra=_PLAIN_TEXT)]

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
Emotion = Annotated[int, Field(ge=-2, le=2)]
Score = Annotated[int, Field(ge=1, le=5)]


def _one_or_many(value: Any) -> Any:
    """`next: s4` reads as naturally as `next: [s4]`; accept both."""
    return [value] if isinstance(value, str) else value


class _Part(BaseModel):
    # defer_build: each model's validator is built on first use, not at import; only Journey's is ever used for
    # validation (it holds the others), so the standalone ones are never built (a third of this module's import).
    # Every field has a description: it is what editors show on hover and completion (schema.py adds the values).
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class Persona(_Part):
    """Who travels the journey: the archetype the team designs for."""

    name: Text = Field(description="The persona's name and short label.", examples=["Sam, busy parent"])
    description: Text | None = Field(default=None, description="Who they are: situation, habits, constraints.")
    goals: list[Text] = Field(default=[], description="What they want to achieve, in their words.")
    expectations: list[Text] = Field(default=[], description="What they expect from the organisation.")


class Touchpoint(_Part):
    """A point of contact between the customer and the organisation, owned by a department."""

    id: Slug = Field(description="Slug of the touchpoint, unique in the journey; steps name it in `touchpoints`.",
                     examples=["website"])
    name: Text = Field(description="Readable name of the touchpoint.", examples=["Website"])
    channel: Channel = Field(default="other", description="The channel it belongs to.")
    owner: Text | None = Field(default=None, description="Department accountable for this touchpoint.",
                               examples=["E-commerce"])
    support: Support | None = Field(
        default=None,
        description="Who helps the customer there: selfcare (the customer alone), assisted (guided), advisor "
        "(a person).",
    )
    description: Text | None = Field(default=None, description="Free text about the touchpoint.")


class PainPoint(_Part):
    """Something that hurts the experience: an irritant, a breakpoint (the customer may give up) or a gap."""

    id: Slug = Field(description="Slug of the pain point, unique in the journey; actions name it in `resolves`.",
                     examples=["slow-payment"])
    description: Text = Field(description="What hurts, as the customer lives it.",
                              examples=["The payment page is slow"])
    severity: Severity = Field(default="medium", description="How much it hurts; every high one should be "
                               "resolved by an action.")
    type: PainPointType = Field(default="irritant", description="irritant: annoying; breakpoint: the customer may "
                                "give up; gap: something missing.")


class MomentOfTruth(_Part):
    """A step where the customer forms a lasting opinion, with its listening plan."""

    question: Text | None = Field(default=None, description="What the customer is asked.",
                                  examples=["How easy was it?"])
    media: Media | None = Field(default=None, description="How the question reaches the customer.")
    timing: Timing | None = Field(default=None, description="hot: right after the step; warm: days; cold: weeks.")
    metric: Metric | None = Field(default=None, description="What the answer measures: csat (satisfaction), nps "
                                  "(recommendation), ces (effort), custom.")
    audience: Text | None = Field(default=None, description="Who is asked.",
                                  examples=["Every customer receiving a box"])
    frequency: Text | None = Field(default=None, description="How often they are asked.",
                                   examples=["After each of the first three deliveries"])
    alert_below: float | None = Field(default=None, description="Score under which the owner is alerted.",
                                      examples=[4, 3.5])


class BackstageProcess(_Part):
    """What the organisation does behind a step; `visible: true` puts it on the frontstage."""

    action: Text = Field(description="What the organisation does, told from its side.",
                         examples=["Check the payment for fraud"])
    owner: Text | None = Field(default=None, description="Department that does it.", examples=["Finance"])
    visible: bool = Field(default=False, description="true: frontstage, seen by the customer (an advisor's call); "
                          "false: backstage, behind the scenes.")
    system: Text | None = Field(default=None, description="Tool or system supporting the process (CRM, ERP...).")


class Step(_Part):
    """One thing the customer does, told from the customer's point of view."""

    id: Slug = Field(description="Slug of the step, unique in the journey; `next` names it.",
                     examples=["ask-for-quote"])
    action: Text = Field(description="The customer's action, from the customer's point of view: \"Ask for a "
                         "quote\", never \"Send the quote\" (that is the company's: put it in `backstage`).",
                         examples=["Ask for a quote"])
    description: Text | None = Field(default=None, description="Free text about the step.")
    touchpoints: list[Slug] = Field(default=[], description="Ids of the touchpoints used at this step.")
    emotion: Emotion | None = Field(default=None, description="How the customer feels: a whole number from -2 "
                                    "(very negative) to +2 (very positive).")
    thinking: Text | None = Field(default=None, description="What the customer thinks here, in the first person.")
    goal: Text | None = Field(default=None, description="What the customer wants from this step.")
    pain_points: list[PainPoint] = Field(default=[], description="What hurts at this step.")
    delights: list[Text] = Field(default=[], description="What pleases the customer at this step.")
    verbatims: list[Text] = Field(default=[], description="Customers' own words about this step.")
    moment_of_truth: MomentOfTruth | None = Field(
        default=None,
        description="Marks a moment of truth: a step where the customer forms a lasting opinion, with its "
        "listening plan (question, media, timing, metric, audience, frequency, alert_below).",
    )
    backstage: list[BackstageProcess] = Field(default=[], description="What the organisation does behind this "
                                              "step (frontstage when `visible: true`).")
    next: Annotated[list[Slug], BeforeValidator(_one_or_many, json_schema_input_type=Slug | list[Slug])] | None = Field(
        default=None, description="Step ids that follow, for branches and loops; default: the following step; "
        "`[]` ends the journey."
    )


class Stage(_Part):
    """A phase of the journey, in order."""

    id: Slug = Field(description="Slug of the stage, unique in the journey.", examples=["order"])
    name: Text = Field(description="Readable name of the stage.", examples=["Order"])
    goal: Text | None = Field(default=None, description="What the customer wants from this stage.")
    description: Text | None = Field(default=None, description="Free text about the stage.")
    steps: list[Step] = Field(default=[], description="The customer's steps in this stage, in order.")


class Trigger(_Part):
    """An automated scenario that starts the action: on `event`, through `channel`, after `delay`."""

    event: Text = Field(description="What starts the scenario.", examples=["Box handed to the courier"])
    channel: Channel | None = Field(default=None, description="The channel the scenario uses.")
    delay: Annotated[str, Field(pattern=r"^(0|\d+\s*(min|h|d|w))$")] | None = Field(
        default=None, description="How long after the event: 0, or a number followed by min, h, d or w.",
        examples=["0", "30min", "2h", "3d", "1w"],
    )


class Action(_Part):
    """An item of the improvement plan, prioritised by impact and effort."""

    id: Slug = Field(description="Slug of the action, unique in the journey.", examples=["faster-payment"])
    title: Text = Field(description="What will be done.", examples=["Faster payment page"])
    description: Text | None = Field(default=None, description="Free text about the action.")
    resolves: list[Slug] = Field(default=[], description="Ids of the pain points this action resolves.")
    impact: Score | None = Field(default=None, description="Expected benefit for the customer, 1 (low) to 5 (high).")
    effort: Score | None = Field(default=None, description="Cost to the organisation, 1 (low) to 5 (high).")
    owner: Text | None = Field(default=None, description="Person or department accountable for the action.")
    status: ActionStatus = Field(default="idea", description="Where the action stands.")
    trigger: Trigger | None = Field(default=None, description="An automated scenario that carries the action out "
                                    "(event, channel, delay).")


class Journey(_Part):
    """One journey map: a persona's stages and steps, touchpoints and improvement plan."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        title="journeymap journey, format version 1",
    )

    journeymap: Literal[1] = Field(description="Format version: always 1, the first key of a journey file.")
    id: Slug = Field(description="Slug of the journey, unique across the repository.", examples=["meal-kit"])
    title: Text = Field(description="Readable name of the journey.", examples=["Order a meal kit"])
    state: State = Field(description="current: the journey as customers live it today; target: the journey you "
                         "want (set `target_of`).")
    target_of: Slug | None = Field(default=None, description="On a target journey: id of the current journey it improves.")
    kind: JourneyKind = Field(default="customer", description="Who travels the journey.")
    lang: Lang = Field(default="en", description="Language of the labels (en: English, fr: French), used by the "
                       "viewpoint check.")
    objective: Text = Field(description="Why this journey is mapped: satisfaction, conversion, loyalty...",
                            examples=["Raise repeat orders"])
    owner: Text | None = Field(default=None, description="Person or department accountable for the journey.",
                               examples=["CX team"])
    evidence: Evidence | None = Field(
        default=None,
        description="What the map is built on: research: structured data; verbatims: customers' words; "
        "hypothesis: staff knowledge.",
    )
    description: Text | None = Field(default=None, description="Free text: scope, sources, dates.")
    persona: Persona | None = Field(default=None, description="Who travels the journey (name, description, goals, "
                                    "expectations).")
    touchpoints: list[Touchpoint] = Field(default=[], description="The catalogue of touchpoints the steps use.")
    stages: list[Stage] = Field(default=[], description="The phases of the journey, in order, with their steps.")
    actions: list[Action] = Field(default=[], description="The improvement plan.")

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

