"""A Markdown summary of a journey with its Mermaid diagram: reads well on GitHub/GitLab and in pull requests.

Figures come from `figures` and words from the report's label files, so the summary never disagrees with the
HTML report. Every user text goes through `md` (or `inert` inside the Mermaid block): Markdown and HTML in a
journey are shown as written, never interpreted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from journeymap import __version__
from journeymap.model import Journey
from journeymap.problems import Problem
from journeymap.render import figures
from journeymap.render.html import format_number, labels
from journeymap.render.mermaid import journey_mermaid
from journeymap.text import markdown_inline as md

if TYPE_CHECKING:
    from journeymap.render.listening import JourneyResults

def journey_markdown(
    journey: Journey, *, problems: Sequence[Problem] = (), source: str = "", results: JourneyResults | None = None
) -> str:
    """With survey `results` (render/listening.py), a section of what they say of each moment of truth."""
    words = labels(journey.lang)
    report, grid, common = words["report"], words["grid"], words["common"]

    def word(table: str, key: str | None) -> str:
        return md(words[table].get(key, key)) if key else ""

    def number(value: float | None, signed: bool = False) -> str:
        return md(format_number(value, journey.lang, signed=signed))

    out: list[str] = [f"# {md(journey.title)}", ""]
    state = word("state", journey.state)
    if journey.target_of:
        state += f" ({md(report['target_of'].replace('{target}', journey.target_of))})"
    facts = [state, word("kind", journey.kind)]
    if journey.owner:
        facts.append(f"{md(report['owner'])}: {md(journey.owner)}")
    if journey.evidence:
        facts.append(f"{md(report['evidence'])}: {word('evidence', journey.evidence)}")
    out += [" · ".join(facts), "", f"**{md(report['objective'])}:** {md(journey.objective)}", ""]
    if journey.evidence == "hypothesis":
        out += [f"> {md(report['hypothesis_note'])}", ""]
    if journey.persona:
        persona = journey.persona
        out.append(f"**{md(report['persona'])}:** {md(persona.name)}" + (f", {md(persona.description)}" if persona.description else ""))
        out.append("")

    key = figures.key_figures(journey)
    out += [
        f"| {md(report['stages'])} | {md(report['steps'])} | {md(report['average_emotion'])} | "
        f"{md(report['pain_points'])} | {md(report['moments_of_truth'])} | {md(report['actions'])} |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {key.stages} | {key.steps} | {number(key.average_emotion, signed=True)} | {key.pain_points.total} "
        f"({key.pain_points.high} {word('severity', 'high').lower()}) | {key.moments_of_truth} | {key.actions} |",
        "",
        "```mermaid",
        journey_mermaid(journey).rstrip("\n"),
        "```",
        "",
    ]

    out += [f"## {md(report['overview'])}", ""]
    touchpoint_names = {touchpoint.id: touchpoint.name for touchpoint in journey.touchpoints}
    for stage, emotion in zip(journey.stages, figures.stage_emotions(journey), strict=True):
        average = f" ({md(grid['average'])} {number(emotion.average, signed=True)})" if emotion.average is not None else ""
        out += [f"### {md(stage.name)}{average}", ""]
        if stage.goal:
            out += [f"*{md(grid['stage_goal'])}:* {md(stage.goal)}", ""]
        if not stage.steps:
            out += [f"*{md(grid['no_steps'])}*", ""]
            continue
        out += [f"| {md(grid['actions'])} | {md(grid['touchpoints'])} | {md(grid['emotion'])} | "
                f"{md(grid['pain_points'])} | {md(grid['moments_of_truth'])} |", "|---|---|---:|---|---|"]
        for step in stage.steps:
            touchpoints = ", ".join(md(touchpoint_names.get(ref, ref)) for ref in step.touchpoints)
            pains = "<br>".join(f"{word('severity', pain.severity)}: {md(pain.description)}" for pain in step.pain_points)
            moment = step.moment_of_truth
            listening = ""
            if moment is not None:
                listening = " · ".join(part for part in (
                    md(moment.question), word("metric", moment.metric),
                    f"{md(grid['alert_below'])} {number(moment.alert_below)}" if moment.alert_below is not None else "",
                ) if part)
            emotion_text = number(step.emotion, signed=True) if step.emotion is not None else ""
            out.append(f"| {md(step.action)} | {touchpoints} | {emotion_text} | {pains} | {listening} |")
        out.append("")

    if results is not None:
        out += _results(results, words)
    out += _pain_points(journey, words, word)
    out += _actions(journey, words, word, number)
    out += _validation(problems, words)
    footer = md(common["generated_by"].replace("{version}", __version__))
    out += ["---", f"*{footer}{' · ' + md(source) if source else ''}*", ""]
    return "\n".join(out)


def _results(results: JourneyResults, words: dict[str, Any]) -> list[str]:
    """A row per moment of truth: status as icon and word, latest value, threshold, respondents, the trend as
    values; then a few verbatims per moment, quoted."""
    from journeymap.listening.reporters import ICONS as MD_ICONS

    text = words["results"]
    counts = {status: results.count(status) for status in ("alert", "watch", "fine")}
    quiet = len(results.moments) - sum(counts.values())
    out = [f"## {md(text['title'])}", "",
           md(text["summary"].replace("{alert}", str(counts["alert"])).replace("{watch}", str(counts["watch"]))
              .replace("{fine}", str(counts["fine"])).replace("{quiet}", str(quiet))
              .replace("{total}", str(len(results.moments)))), ""]
    period = words["results"]["period"][results.period]
    out += [f"| {md(words['common']['step'])} | {md(text['column'])} | {md(text['latest'])} | {md(text['threshold'])} | "
            f"{md(text['respondents'])} | {md(text['trend'])} ({md(period)}) |", "|---|---|---:|---:|---:|---|"]
    for moment in results.moments:
        status = f"{MD_ICONS[moment.status]} {md(text['status'][moment.status])}"
        latest = f"{md(moment.latest_value)} ({md(moment.latest_period)})" if moment.latest_value is not None else ""
        trend = " · ".join(f"{md(point.value)}{' ▲' if point.status == 'alert' else ''}" for point in moment.periods)
        respondents = str(moment.latest_respondents if moment.latest_value is not None else moment.respondents)
        out.append(f"| {moment.where.number}. {md(moment.where.step.action)} | {status} | {latest} | "
                   f"{md(moment.threshold or '')} | {respondents if moment.status != 'no-data' else ''} | {trend} |")
    out.append("")
    quoted = [moment for moment in results.moments if moment.verbatims]
    if quoted:
        out += [f"### {md(text['verbatims'])}", ""]
        for moment in quoted:
            out.append(f"- **{moment.where.number}. {md(moment.where.step.action)}**")
            out += [f"  - “{md(verbatim.text)}” ({verbatim.date.isoformat()})" for verbatim in moment.verbatims]
        out.append("")
    return out


def _pain_points(journey: Journey, words: dict[str, Any], word: Any) -> list[str]:
    report = words["report"]
    ranked = figures.ranked_pain_points(journey)
    out = [f"## {md(report['ranked_pain_points'])}", ""]
    if not ranked:
        return out + [md(report["no_pain_points"]), ""]
    out += [f"| {md(report['severity'])} | {md(report['pain_point'])} | {md(report['type'])} | "
            f"{md(words['common']['step'])} | {md(report['resolved_by'])} |", "|---|---|---|---|---|"]
    for item in ranked:
        state = md(report["open"] if item.open else report["resolved"])
        severity = word("severity", item.severity)
        if item.open and item.severity == "high":
            severity, state = f"**{severity}**", f"**{state}**"
        resolvers = ", ".join(f"{md(action.title)} ({word('status', action.status)})" for action in item.resolved_by)
        out.append(f"| {severity} | {md(item.pain_point.description)} ({state}) | {word('type', item.pain_point.type)} | "
                   f"{item.where.number}. {md(item.where.step.action)} | {resolvers or md(report['not_resolved'])} |")
    return out + [""]


def _actions(journey: Journey, words: dict[str, Any], word: Any, number: Any) -> list[str]:
    report = words["report"]
    plan = figures.action_priorities(journey)
    out = [f"## {md(report['action_plan'])}", ""]
    if not journey.actions:
        return out + [md(report["no_actions"]), ""]
    out += [md(report["action_caption"]), ""]
    ranking = {priority.number: priority for priority in plan.prioritised}
    out += [f"| {md(report['number'])} | {md(report['title'])} | {md(report['impact'])} | {md(report['effort'])} | "
            f"{md(report['ratio'])} | {md(report['owner'])} | {md(report['status'])} |", "|---:|---|---:|---:|---:|---|---|"]
    for position, action in enumerate(journey.actions, start=1):
        priority = ranking.get(position)
        title = md(action.title)
        if priority is not None and priority.top:
            title = f"★ **{title}**"
        ratio = number(priority.ratio) if priority is not None else ""
        out.append(f"| {position} | {title} | {action.impact or ''} | {action.effort or ''} | {ratio} | "
                   f"{md(action.owner)} | {word('status', action.status)} |")
    out += ["", f"★ {md(words['matrix']['top'])}", ""]
    return out


def _validation(problems: Sequence[Problem], words: dict[str, Any]) -> list[str]:
    report = words["report"]
    out = [f"## {md(report['validation'])}", ""]
    if not problems:
        return out + [md(report["validation_passed"]), ""]
    out += [f"| {md(report['code'])} | {md(report['line'])} | {md(report['message'])} |", "|---|---:|---|"]
    out += [f"| {problem.code} | {problem.line} | {md(problem.message)} |" for problem in problems]
    return out + [""]
