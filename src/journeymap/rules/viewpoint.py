"""JM301: a customer step must be told from the customer's point of view.

Runs on the raw data rather than the model, so that a file with format errors still gets its viewpoint problems
in the same run: the check needs nothing but the language and the steps' `action` texts.
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
