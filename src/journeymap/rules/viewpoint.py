"""JM301: a customer step must be told from the customer's point of view; JM302: in the language the check reads.

Runs on the raw data rather than the model, so that a file with format errors still gets its viewpoint problems
in the same run: the check needs nothing but the language and the steps' texts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from journeymap.problems import DataPath
from journeymap.rules import RuleContext

Extensions = Mapping[str, Mapping[str, Sequence[str]]]  # lang -> lexicon key -> extra entries


def step_actions(data: Any) -> Iterator[tuple[DataPath, str]]:
    """Every step `action` that is a text, wherever the rest of the file may be broken."""
    stages = data.get("stages") if isinstance(data, dict) else None
    if not isinstance(stages, list):
        return
    for si, stage in enumerate(stages):
        steps = stage.get("steps") if isinstance(stage, dict) else None
        if not isinstance(steps, list):
            continue
        for ti, step in enumerate(steps):
            if isinstance(step, dict) and isinstance(step.get("action"), str):
                yield ("stages", si, "steps", ti, "action"), step["action"]


def check_viewpoint(data: Any, ctx: RuleContext, extensions: Extensions) -> None:
    from journeymap.viewpoint import check_action, load_lexicon

    lang = data.get("lang", "en") if isinstance(data, dict) else "en"
    if lang not in ("en", "fr"):
        return  # JM104 already says the language is unknown
    lexicon = load_lexicon(lang, extensions.get(lang))
    for path, action in step_actions(data):
        finding = check_action(action, lexicon)
        if finding is None:
            continue
        example = f", e.g. '{finding.suggestion}'" if finding.suggestion else ""
        ctx.report(
            "JM301",
            path,
            f"'{action}' is not the customer's action: {finding.reason}",
            hint=f"move it to the step's `backstage`, or rephrase it as the customer's action{example}",
        )


LANGUAGE_NAMES = {"en": "English", "fr": "French"}


def journey_texts(data: Any) -> Iterator[str]:
    """The prose of a journey (title, stages, steps), wherever the rest of the file may be broken."""
    if not isinstance(data, dict):
        return
    for key in ("title", "description", "objective"):
        if isinstance(data.get(key), str):
            yield data[key]
    stages = data.get("stages")
    for stage in stages if isinstance(stages, list) else ():
        if not isinstance(stage, dict):
            continue
        yield from (stage[key] for key in ("name", "goal") if isinstance(stage.get(key), str))
        steps = stage.get("steps")
        for step in steps if isinstance(steps, list) else ():
            if isinstance(step, dict):
                yield from (step[key] for key in ("action", "description", "thinking", "goal")
                            if isinstance(step.get(key), str))  # fmt: skip


def check_language(data: Any, ctx: RuleContext, extensions: Extensions) -> None:
    """JM302: the viewpoint check reads the steps in the journey's `lang` (English when it is not set): a journey
    written in the other language would pass it unread."""
    from journeymap.viewpoint import load_lexicon
    from journeymap.viewpoint.language import evidence, markers

    declared = data.get("lang", "en") if isinstance(data, dict) else "en"
    if declared not in LANGUAGE_NAMES:
        return  # JM104 already says the language is unknown
    lexicons = {lang: load_lexicon(lang, extensions.get(lang)) for lang in LANGUAGE_NAMES}
    found = evidence(journey_texts(data), markers(lexicons))
    written = found.written_in(declared)
    if written is None:
        return
    examples = ", ".join(f"'{word}'" for word in found.examples[written])
    said = "says `lang: " + declared + "`" if "lang" in data else "does not set `lang` (English is the default)"
    ctx.report(
        "JM302",
        ("lang",),
        f"the journey reads as {LANGUAGE_NAMES[written]} ({found.counts[written]} {LANGUAGE_NAMES[written]} "
        f"grammar words such as {examples}, {found.counts.get(declared, 0)} {LANGUAGE_NAMES[declared]}) but "
        f"{said}: the viewpoint check reads its steps as {LANGUAGE_NAMES[declared]} and cannot judge them",
        hint=f"set `lang: {written}` at the top of the journey",
        key="lang" in data,
    )
