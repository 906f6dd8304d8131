"""JM301: a customer step must be told from the customer's point of view (JM303 when the model only suspects it);
JM302: in the language the check reads.

Runs on the raw data rather than the model, so that a file with format errors still gets its viewpoint problems
in the same run: the check needs nothing but the language, the steps' texts and the journey's own names. Across
the files of a run, a customer step that repeats a backstage action is the team's own word that it is company work
(check_backstage_vocabulary, called by validate.check_repository).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

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


def journey_lang(data: Any) -> str | None:
    """The language the journey's steps are read in ("en" when not set); None when `lang` is not one we read
    (JM104 says so), whatever it holds: a list or a mapping there must not break the checks."""
    lang = data.get("lang", "en") if isinstance(data, dict) else "en"
    return lang if isinstance(lang, str) and lang in LANGUAGE_NAMES else None


def check_viewpoint(data: Any, ctx: RuleContext, extensions: Extensions, *, readable: bool = True) -> None:
    """JM301 for the steps the grammar (or, very sure, the model) reads as company work; JM303 for the model's
    other doubts. `readable`: the journey is written in its `lang` (check_language said so); else the model, which
    would read words it does not know, stays quiet."""
    from journeymap.viewpoint import load_lexicon
    from journeymap.viewpoint.judge import Declarations, JourneyNames, judge

    lang = journey_lang(data)
    if lang is None:
        return  # JM104 already says the language is unknown
    wanted = {code for code in ("JM301", "JM303") if ctx.severities.get(code, True) is not None}
    if not wanted:
        return
    lexicon = load_lexicon(lang, extensions.get(lang))
    names = JourneyNames.of(data)
    declared = Declarations.of(extensions.get(lang), lexicon)
    self_service = self_service_touchpoints(data)
    for path, action in step_actions(data):
        step = data["stages"][path[1]]["steps"][path[3]]
        touchpoints = step.get("touchpoints")
        alone = isinstance(touchpoints, list) and bool(touchpoints) and all(
            isinstance(t, str) and t in self_service for t in touchpoints
        )
        verdict = judge(action, lexicon, names, declared, with_model=readable, self_service=alone)
        if verdict.level is None:
            continue
        if verdict.by == "grammar" and verdict.finding is not None:
            finding = verdict.finding
            example = f", e.g. '{finding.suggestion}'" if finding.suggestion else ""
            ctx.report(
                "JM301",
                path,
                f"'{action}' is not the customer's action: {finding.reason}",
                hint=f"move it to the step's `backstage`, or rephrase it as the customer's action{example}",
            )
        elif verdict.by == "phrase":
            ctx.report(
                "JM301",
                path,
                f"'{action}' is not the customer's action: '{verdict.phrase}' is a company process (company_phrases "
                "of the lexicon or of journeymap.toml)",
                hint="move it to the step's `backstage`, or rephrase it as the customer's action",
            )
        else:
            weighed = ", ".join(f"'{word}' (+{share:.1f})" for word, share in verdict.weighed)
            why = f"score {verdict.probability:.2f}" + (f"; the words that weighed most: {weighed}" if weighed else "")
            hint = (
                "move it to the step's `backstage`, or rephrase it as the customer's action; if the customer does "
                f"it, say so in the label or declare it in journeymap.toml ([viewpoint.{lang}] customer_phrases)"
            )
            if verdict.level == "error":
                ctx.report("JM301", path, f"'{action}' reads as a company process step ({why})", hint=hint)
            else:
                ctx.report("JM303", path, f"'{action}' may be a company process step ({why})", hint=hint)


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


def _markers(extensions: Extensions) -> Any:
    from journeymap.viewpoint import load_lexicon
    from journeymap.viewpoint.language import markers

    return markers({lang: load_lexicon(lang, extensions.get(lang)) for lang in LANGUAGE_NAMES})


def check_language(data: Any, ctx: RuleContext, extensions: Extensions) -> str | None:
    """JM302: the viewpoint check reads the steps in the journey's `lang` (English when it is not set): a journey
    written in the other language would pass it unread. Returns that other language, when there is one."""
    from journeymap.viewpoint.language import evidence

    declared = journey_lang(data)
    if declared is None:
        return None  # JM104 already says the language is unknown
    found = evidence(journey_texts(data), _markers(extensions))
    written = found.written_in(declared)
    if written is None:
        return None
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
    return written


def self_service_touchpoints(data: Any) -> frozenset[str]:
    """The ids of the touchpoints the journey says the customer uses alone (`support: selfcare`)."""
    touchpoints = data.get("touchpoints") if isinstance(data, dict) else None
    return frozenset(
        t["id"] for t in (touchpoints if isinstance(touchpoints, list) else ())
        if isinstance(t, dict) and isinstance(t.get("id"), str) and t.get("support") == "selfcare"
    )  # fmt: skip


def backstage_actions(data: Any) -> Iterator[tuple[DataPath, str]]:
    """Every backstage `action` that is a text: what the team itself calls company work."""
    stages = data.get("stages") if isinstance(data, dict) else None
    for si, stage in enumerate(stages if isinstance(stages, list) else ()):
        steps = stage.get("steps") if isinstance(stage, dict) else None
        for ti, step in enumerate(steps if isinstance(steps, list) else ()):
            processes = step.get("backstage") if isinstance(step, dict) else None
            for bi, process in enumerate(processes if isinstance(processes, list) else ()):
                if isinstance(process, dict) and isinstance(process.get("action"), str):
                    yield ("stages", si, "steps", ti, "backstage", bi, "action"), process["action"]


class Vocabulary(NamedTuple):
    """What the backstage-vocabulary check needs of one journey, small enough to keep for thousands of files:
    the action keys (lemmas) of its backstage processes and of its steps, with their paths."""

    lang: str
    backstage: tuple[tuple[DataPath, tuple[str, ...], str], ...]
    steps: tuple[tuple[DataPath, tuple[str, ...], str], ...]


def vocabulary(data: Any, extensions: Extensions) -> Vocabulary | None:
    """The journey's Vocabulary, or None when its language is not one the check reads."""
    from journeymap.viewpoint import load_lexicon
    from journeymap.viewpoint.judge import action_key

    lang = journey_lang(data)
    if lang is None:
        return None
    lexicon = load_lexicon(lang, extensions.get(lang))

    def keyed(items: Iterator[tuple[DataPath, str]]) -> tuple[tuple[DataPath, tuple[str, ...], str], ...]:
        # lemmas interned: thousands of journeys repeat the same few hundred words
        return tuple((path, tuple(map(sys.intern, key)), action) for path, action in items
                     if (key := action_key(action, lexicon)))

    return Vocabulary(lang, keyed(backstage_actions(data)), keyed(step_actions(data)))


class BackstageWork(NamedTuple):
    context: RuleContext  # of the journey that holds it: its line is found only when a step repeats it
    path: DataPath
    action: str


def check_backstage_vocabulary(journeys: Sequence[tuple[Vocabulary, RuleContext]]) -> None:
    """JM301 for a customer step whose action is, lemma for lemma, a backstage action of a journey validated in the
    same run: the team itself calls it company work ("Vérifier le dossier" backstage, then as a customer step)."""
    journeys = [(words, ctx) for words, ctx in journeys if ctx.severities.get("JM301", True) is not None]
    known: dict[tuple[str, tuple[str, ...]], BackstageWork] = {}
    for words, ctx in journeys:
        for path, key, action in words.backstage:
            known.setdefault((words.lang, key), BackstageWork(ctx, path, action))
    if not known:
        return
    for words, ctx in journeys:
        reported = {problem.path for problem in ctx.problems if problem.code == "JM301"}
        for path, key, action in words.steps:
            work = known.get((words.lang, key))
            if work is None or path in reported:
                continue
            line = work.context.document.locate(work.path)[0]
            ctx.report(
                "JM301",
                path,
                f"'{action}' is not the customer's action: the same words are backstage work in "
                f"{work.context.document.file}:{line} ('{work.action}')",
                hint="move it to the step's `backstage`, or rephrase it as the customer's action",
            )
