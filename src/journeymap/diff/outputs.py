"""Output formats of `journeymap diff`: plain functions over a DiffResult (text for the terminal, Markdown for a
pull-request comment, JSON for CI). User text never reaches the reader as markup: the terminal gets rich Text
objects with control characters and bidirectional overrides made visible; Markdown gets every Markdown and HTML
character escaped, and `@` defused so that a label cannot mention anyone.

JSON output (`to_json`), format version 1. Keys are stable: new keys may be added, none renamed or removed.

```text
format              "journeymap-diff"
version             1
current, target     the two sides: name (file as given, `file@rev` for a revision, or the journey id),
                    id, title, state (current | target)
identical           true when there is no change record at all
counts              number of changes per level: breaking, warning, info
summary
  emotion           journey average emotion: before, after, delta (null where no step has an emotion)
  stages, steps     before, after (how many), added, removed, renamed, moved
  stage_emotions    per stage in journey order: current_id, target_id, name, before, after, delta
  step_emotions     per step in journey order: current_id, target_id, stage, action, before, after, delta
  pain_points       resolved, still_open, introduced (counts); unresolved_high (current ids of high-severity
                    pain points still in the target that no target action resolves); items: current_id,
                    target_id, status (resolved | still-open | introduced), description, severity_before,
                    severity_after, step, resolved_by (target actions listing it), done_by (those with status done)
  listening         before, after: with_moment (steps with a moment of truth), steps, share (0..1 or null)
  touchpoints       before, after, added, removed, changed; channels_before, channels_after (sorted lists)
  plan              per action: current_id, target_id, title, status_before, status_after,
                    resolves: list of {id, status}; status is the pain point's status, or "unknown"
changes             in journey order (stages and steps first to last, then touchpoints, channels, the plan):
  kind              a change kind id (see `journeymap.diff.catalogue.KINDS`)
  level             breaking | warning | info
  subject           journey | stage | step | emotion | pain-point | moment-of-truth | touchpoint | channel |
                    action | backstage
  finding           true for the target's standing (still open, resolved by a done action, unresolved high)
  message           an English sentence quoting the labels involved
  current_id        id in the current journey (null when added, or for a backstage process)
  target_id         id in the target journey (null when removed); channel changes use the channel name
  step              the step the change is about or belongs to
  related           other ids involved (resolving actions, stages of a move, touchpoints of a channel)
  before, after     the values compared: text, number, or list of "field: value" strings; null when absent
  delta             for emotions: after - before; null otherwise
  current, target   where the change applies in each file: file, line, column (null without a file),
                    path (e.g. "stages[2].steps[0].emotion"); null when the item is absent on that side
```
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

from journeymap.diff.catalogue import KINDS, Level
from journeymap.diff.records import Change, Counts, Coverage, DiffResult, PainPointStatus
from journeymap.text import markdown_inline as md
from journeymap.text import json_text, visible

JSON_FORMAT = "journeymap-diff"
JSON_VERSION = 1

# Groups of change kinds as the text and Markdown outputs show them, in this order.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Journey", ("journey-details-changed", "persona-changed")),
    ("Stages", ("stage-added", "stage-removed", "stage-renamed", "stage-moved", "stage-details-changed")),
    ("Steps", ("step-added", "step-removed", "step-renamed", "step-moved", "step-touchpoints-changed",
               "step-next-changed", "step-details-changed")),
    ("Emotion", ("journey-emotion-improved", "journey-emotion-dropped", "emotion-improved", "emotion-dropped",
                 "delight-added", "delight-removed")),
    ("Pain points", ("pain-point-resolved", "pain-point-resolved-by-action", "pain-point-still-open",
                     "pain-point-introduced", "pain-point-severity-raised", "pain-point-severity-lowered",
                     "unresolved-high-pain-point")),
    ("Listening", ("moment-of-truth-added", "moment-of-truth-removed", "moment-of-truth-changed")),
    ("Touchpoints", ("touchpoint-added", "touchpoint-removed", "touchpoint-renamed", "touchpoint-owner-changed",
                     "touchpoint-support-changed", "touchpoint-channel-changed", "channel-added", "channel-removed")),
    ("Plan", ("action-added", "action-removed", "action-renamed", "action-status-changed", "action-resolves-changed")),
    ("Backstage", ("backstage-added", "backstage-removed", "backstage-renamed", "backstage-changed")),
)
assert sorted(kind for _, kinds in GROUPS for kind in kinds) == sorted(kind.id for kind in KINDS)

LABELS: dict[str, str] = {
    "stage-added": "+ added", "stage-removed": "- removed", "stage-renamed": "~ renamed", "stage-moved": "↕ moved",
    "step-added": "+ added", "step-removed": "- removed", "step-renamed": "~ renamed", "step-moved": "↕ moved",
    "step-touchpoints-changed": "~ touchpoints", "step-next-changed": "~ next", "step-details-changed": "~ details",
    "persona-changed": "~ persona", "journey-details-changed": "~ details", "stage-details-changed": "~ details",
    "journey-emotion-improved": "▲ journey", "journey-emotion-dropped": "▼ journey",
    "emotion-improved": "▲ better", "emotion-dropped": "▼ worse", "delight-added": "+ delight",
    "delight-removed": "- delight",
    "pain-point-resolved": "✔ gone", "pain-point-resolved-by-action": "✔ done",
    "pain-point-still-open": "• still open", "pain-point-introduced": "+ introduced",
    "pain-point-severity-raised": "▲ severity", "pain-point-severity-lowered": "▼ severity",
    "unresolved-high-pain-point": "! high, no action",
    "moment-of-truth-added": "+ added", "moment-of-truth-removed": "- removed", "moment-of-truth-changed": "~ changed",
    "touchpoint-added": "+ added", "touchpoint-removed": "- removed", "touchpoint-renamed": "~ renamed",
    "touchpoint-owner-changed": "~ owner", "touchpoint-support-changed": "~ support",
    "touchpoint-channel-changed": "~ channel", "channel-added": "+ channel", "channel-removed": "- channel",
    "action-added": "+ added", "action-removed": "- removed", "action-renamed": "~ renamed",
    "action-status-changed": "~ status", "action-resolves-changed": "~ resolves",
    "backstage-added": "+ added", "backstage-removed": "- removed", "backstage-renamed": "~ reworded",
    "backstage-changed": "~ changed",
}
assert set(LABELS) == {kind.id for kind in KINDS}

TEXT_ATTENTION = 12  # breaking changes and warnings spelled out on the terminal before the grouped ids
_COUNT_ONLY = frozenset({"backstage"})  # too many and too detailed for the overview: counted, listed in Markdown/JSON
# Reworded prose (descriptions, goals, verbatims...): one line for all of it at the end of the overview.
_WORDING = {"journey-details-changed": ("the journey", "the journey"), "stage-details-changed": ("stage", "stages"),
            "step-details-changed": ("step", "steps")}
_LEVEL_STYLE = {Level.BREAKING: "bold red", Level.WARNING: "yellow", Level.INFO: "default"}


# -- shared wording -------------------------------------------------------------------------------------------------

def _num(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "n/a"
    if abs(value) < 1e-9:
        return "0"
    text = f"{value:+.{digits}f}".rstrip("0").rstrip(".")
    return text


def _coverage(coverage: Coverage) -> str:
    share = coverage.share
    return f"{coverage.with_moment}/{coverage.steps}" + (f" ({share:.0%})" if share is not None else "")


def _short(change: Change) -> str:
    """How one change is named in a grouped list: its id, and the values when they are short."""
    ident = change.target_id or change.current_id or change.step or ""
    if change.kind in ("step-renamed", "stage-renamed", "touchpoint-renamed", "action-renamed") and (
        change.current_id != change.target_id
    ):
        return f"{change.current_id} → {change.target_id}"
    if change.kind in ("emotion-improved", "emotion-dropped"):
        return f"{ident} {_num(change.delta, 0)}"
    if change.kind.startswith("journey-emotion"):
        return f"average {_num(_float(change.before))}→{_num(_float(change.after))}"
    if change.kind in ("pain-point-severity-raised", "pain-point-severity-lowered", "action-status-changed",
                       "touchpoint-support-changed", "touchpoint-channel-changed"):
        return f"{ident} {change.before or '-'}→{change.after or '-'}"
    if change.kind == "step-moved" and change.related and len(change.related) == 2:
        return f"{ident} {change.related[0]}→{change.related[1]}"
    if change.subject == "moment-of-truth":
        return change.step or ident
    return ident


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _headline(result: DiffResult) -> list[tuple[str, str]]:
    """The numbers a reader wants first, as (label, text) rows for the terminal."""
    summary = result.summary
    stages, steps, touchpoints = summary.stages, summary.steps, summary.touchpoints
    emotion = summary.emotion
    channels_added = sorted(set(touchpoints.channels_after) - set(touchpoints.channels_before))
    channels_removed = sorted(set(touchpoints.channels_before) - set(touchpoints.channels_after))
    channel_text = "".join(
        [f" · channel + {', '.join(channels_added)}" if channels_added else "",
         f" · channel - {', '.join(channels_removed)}" if channels_removed else ""])
    return [
        ("Emotion", f"{_num(emotion.before)} → {_num(emotion.after)} (Δ {_num(emotion.delta)})"),
        ("Pain points", f"{summary.pain_count('resolved')} resolved · {summary.pain_count('still-open')} still open · "
                        f"{summary.pain_count('introduced')} introduced · "
                        f"{len(summary.unresolved_high)} high-severity with no action"),
        ("Steps", f"{steps.before} → {steps.after}: {steps.added} added · {steps.removed} removed · "
                  f"{steps.renamed} renamed · {steps.moved} moved"
                  + _stage_counts(stages)),
        ("Listening", f"{_coverage(summary.listening_before)} → {_coverage(summary.listening_after)} "
                      "steps with a moment of truth"),
        ("Touchpoints", f"{touchpoints.before} → {touchpoints.after}: {touchpoints.added} added · "
                        f"{touchpoints.removed} removed · {touchpoints.changed} changed{channel_text}"),
        ("Changes", f"{result.count(Level.BREAKING)} breaking · {result.count(Level.WARNING)} warning · "
                    f"{result.count(Level.INFO)} info"),
    ]


def _stage_counts(stages: Counts) -> str:
    parts = [f"{count} {word}" for count, word in ((stages.added, "added"), (stages.removed, "removed"),
                                                   (stages.renamed, "renamed"), (stages.moved, "moved")) if count]
    return f" (stages {stages.before} → {stages.after}: {' · '.join(parts)})" if parts else ""


Grouped = list[tuple[str, list[tuple[str, list[Change]]]]]


def _grouped(result: DiffResult, skip: frozenset[str] = frozenset()) -> Grouped:
    """Changes by group, then by kind, keeping journey order inside each kind; empty groups left out."""
    by_kind: dict[str, list[Change]] = {}
    for change in result.changes:
        by_kind.setdefault(change.kind, []).append(change)
    out = []
    for title, kinds in GROUPS:
        rows = [(kind, by_kind[kind]) for kind in kinds if kind in by_kind and kind not in skip]
        if rows:
            out.append((title, rows))
    return out


# -- text -------------------------------------------------------------------------------------------------------

def to_text(result: DiffResult, color: bool = False, width: int = 100) -> str:
    """For the terminal: headline numbers, what needs attention (breaking and warnings, one line each), the emotion
    per stage, then every other change grouped by subject as lists of ids. Fits one screen for a typical pair."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(
        color_system="standard" if color else None, force_terminal=color, width=width, highlight=False,
        record=True, file=io.StringIO(), emoji=False, markup=False,
    )

    def plain(text: str, style: str = "") -> Text:
        """User text as inert terminal text: escapes and bidi overrides shown, line breaks flattened."""
        return Text(visible(text).replace("\n", " ").replace("\t", " "), style=style)

    title = Text()
    title.append("journeymap diff ", style="bold")
    title.append(visible(result.current.name), style="cyan")
    title.append(" → ")
    title.append(visible(result.target.name), style="cyan")
    console.print(title)
    console.print(plain(f"{result.current.title} → {result.target.title}", "dim"), no_wrap=True, overflow="ellipsis")
    if result.identical:
        console.print(plain("No change: the two journeys are the same.", "bold green"))

    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold", no_wrap=True)
    head.add_column()
    for label, text in _headline(result):
        style = ""
        if label == "Emotion" and result.summary.emotion.delta:
            style = "green" if result.summary.emotion.delta > 0 else "bold red"
        if label == "Changes" and result.count(Level.BREAKING):
            style = "bold red"
        head.add_row(plain(label), plain(text, style))
    console.print(head)

    attention = [change for change in result.changes if change.level is not Level.INFO]
    if attention:
        console.print(plain("Needs attention", "bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        ranked = sorted(attention, key=lambda change: change.level.rank)
        for change in ranked[:TEXT_ATTENTION]:
            grid.add_row(plain(f"  {change.level.value}", _LEVEL_STYLE[change.level]),
                         plain(f"{change.kind}: {change.message}"))
        if len(ranked) > TEXT_ATTENTION:
            grid.add_row(plain(""), plain(f"… and {len(ranked) - TEXT_ATTENTION} more, listed by id below "
                                          "(every message in --format markdown or json)", "dim"))
        console.print(grid)

    stages = [stage for stage in result.summary.stage_emotions if stage.before is not None or stage.after is not None]
    if stages:
        console.print(plain("Emotion by stage", "bold"))
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, max_width=max(20, width // 2))
        for _ in range(3):
            table.add_column(justify="right", no_wrap=True)
        table.add_row(plain("  stage", "dim"), plain("before", "dim"), plain("after", "dim"), plain("delta", "dim"))
        for stage in stages:
            delta = stage.delta
            style = "" if not delta else ("green" if delta > 0 else "red")
            table.add_row(plain(f"  {stage.name}"), plain(_num(stage.before)), plain(_num(stage.after)),
                          plain(_num(delta) if delta is not None else "", style))
        console.print(table)

    groups = _grouped(result, skip=frozenset({"journey-emotion-improved", "journey-emotion-dropped", *_WORDING}))
    resolved = {pain.current_id for pain in result.summary.pain_points if pain.status == "resolved"}
    wording = [(kind, result.of_kind(kind)) for kind in _WORDING if result.of_kind(kind)]
    if groups or wording:
        console.print(plain("Details", "bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column(no_wrap=True)
        grid.add_column()
        for title_text, rows in groups:
            first = True
            subject = rows[0][1][0].subject
            if subject in _COUNT_ONLY:
                text = " · ".join(f"{LABELS[kind].split(' ', 1)[1]} {len(changes)}" for kind, changes in rows)
                grid.add_row(plain(f"  {title_text}"), plain(""), plain(text))
                continue
            for kind, changes in rows:
                if kind in ("pain-point-severity-raised", "pain-point-severity-lowered"):
                    # a resolved pain point is listed once, as resolved; Markdown and JSON keep every record
                    changes = [change for change in changes if change.current_id not in resolved]
                    if not changes:
                        continue
                style = _LEVEL_STYLE[changes[0].level]
                grid.add_row(plain(f"  {title_text}" if first else ""), plain(LABELS[kind], style),
                             plain(f"{', '.join(_short(change) for change in changes)}"))
                first = False
        if wording:  # counted: the words themselves are in Markdown and JSON
            counts = [_WORDING[kind][0] if kind == "journey-details-changed"
                      else f"{len(changes)} {_WORDING[kind][0 if len(changes) == 1 else 1]}" for kind, changes in wording]
            grid.add_row(plain("  Wording"), plain("~ reworded"), plain(" · ".join(counts)))
        console.print(grid)
    exported = console.export_text(styles=color)
    return "\n".join(line.rstrip() for line in exported.splitlines()) + "\n"


# -- Markdown ---------------------------------------------------------------------------------------------------

def code(ident: str | None) -> str:
    """An id in a code span; ids are slugs, anything else goes through `md`."""
    if ident is None:
        return "–"
    if re.fullmatch(r"[a-z0-9][a-z0-9_-]*", ident):
        return f"`{ident}`"
    return md(ident)


def _delta_cell(delta: float | None) -> str:
    if delta is None or abs(delta) < 1e-9:
        return _num(delta) if delta is not None else ""
    return f"**{_num(delta)}** {'▲' if delta > 0 else '▼'}"


MARKDOWN_BUDGET = 60_000  # characters; GitHub refuses comments over 65,536
GITHUB_COMMENT_LIMIT = 65_536


def _details(summary: str, body: list[str], budget: list[int]) -> list[str]:
    """A collapsible section; rows past the remaining budget are left out with a note saying how many."""
    kept: list[str] = []
    for index, row in enumerate(body):
        if index >= 2 and budget[0] - len(row) - 1 < 0:
            kept.append(f"\n_… {len(body) - index} more rows left out to fit a comment: see `--format json`._")
            break
        budget[0] -= len(row) + 1
        kept.append(row)
    return ["<details>", f"<summary>{summary}</summary>", "", *kept, "", "</details>", ""]


def to_markdown(result: DiffResult) -> str:
    """A pull-request comment: summary table, emotion per stage, what needs attention, then collapsible details."""
    summary = result.summary
    out: list[str] = [
        f"### Journey diff: {code(result.current.id)} → {code(result.target.id)}",
        "",
        f"{md(result.current.title)} → {md(result.target.title)}  ",
        f"<sub>{md(result.current.name)} → {md(result.target.name)}</sub>",
        "",
    ]
    if result.identical:
        out += ["**No change**: the two journeys are the same.", ""]
    pains_before = sum(1 for pain in summary.pain_points if pain.current_id is not None)
    pains_after = sum(1 for pain in summary.pain_points if pain.target_id is not None)
    steps, stages, touchpoints = summary.steps, summary.stages, summary.touchpoints
    channels_added = sorted(set(touchpoints.channels_after) - set(touchpoints.channels_before))
    channels_removed = sorted(set(touchpoints.channels_before) - set(touchpoints.channels_after))
    out += [
        "| | current | target | change |",
        "|---|---:|---:|---|",
        f"| Average emotion (-2 to +2) | {_num(summary.emotion.before)} | {_num(summary.emotion.after)} | "
        f"{_delta_cell(summary.emotion.delta)} |",
        f"| Pain points | {pains_before} | {pains_after} | {summary.pain_count('resolved')} resolved, "
        f"{summary.pain_count('still-open')} still open, {summary.pain_count('introduced')} introduced |",
        f"| High-severity pain points with no action | | | {len(summary.unresolved_high)} |",
        f"| Steps | {steps.before} | {steps.after} | {steps.added} added, {steps.removed} removed, "
        f"{steps.renamed} renamed, {steps.moved} moved |",
        f"| Stages | {stages.before} | {stages.after} | {stages.added} added, {stages.removed} removed, "
        f"{stages.renamed} renamed, {stages.moved} moved |",
        f"| Listening coverage (steps with a moment of truth) | {_coverage(summary.listening_before)} | "
        f"{_coverage(summary.listening_after)} | "
        f"{_num(summary.listening_after.with_moment - summary.listening_before.with_moment, 0)} |",
        f"| Touchpoints | {touchpoints.before} | {touchpoints.after} | {touchpoints.added} added, "
        f"{touchpoints.removed} removed, {touchpoints.changed} changed |",
        f"| Channels | {len(touchpoints.channels_before)} | {len(touchpoints.channels_after)} | "
        + ", ".join([*(f"+ {code(c)}" for c in channels_added), *(f"− {code(c)}" for c in channels_removed)] or ["–"])
        + " |",
        "",
        f"**Changes**: {result.count(Level.BREAKING)} breaking · {result.count(Level.WARNING)} warning · "
        f"{result.count(Level.INFO)} info",
        "",
    ]

    stage_rows = [stage for stage in summary.stage_emotions if stage.before is not None or stage.after is not None]
    if stage_rows:
        out += ["#### Emotion by stage", "", "| stage | current | target | delta |", "|---|---:|---:|---:|"]
        room = MARKDOWN_BUDGET // 4  # a journey of thousands of stages must leave room for what changed
        for index, stage in enumerate(stage_rows):
            row = f"| {md(stage.name)} | {_num(stage.before)} | {_num(stage.after)} | {_delta_cell(stage.delta)} |"
            room -= len(row) + 1
            if room < 0:
                out.append(f"| _… {len(stage_rows) - index} more stages: see `--format json`_ | | | |")
                break
            out.append(row)
        out.append("")

    attention = sorted((c for c in result.changes if c.level is not Level.INFO), key=lambda change: change.level.rank)
    budget = [MARKDOWN_BUDGET - sum(len(line) + 1 for line in out)]
    if attention:
        out += ["#### Needs attention", ""]
        for index, change in enumerate(attention):
            line = f"- **{change.level.value}** {code(change.kind)} {md(change.message)}{_where(change)}"
            if budget[0] - len(line) < MARKDOWN_BUDGET // 2:  # keep room for the details
                out.append(f"- _… {len(attention) - index} more: see `--format json`._")
                break
            budget[0] -= len(line) + 1
            out.append(line)
        out.append("")

    for title, rows in _grouped(result):
        total = sum(len(group) for _, group in rows)
        body = ["| change | id | detail | where |", "|---|---|---|---|"]
        for kind, group in rows:
            for change in group:
                body.append(f"| {md(LABELS[kind])} | {_ids_cell(change)} | {md(change.message)} | "
                            f"{_where(change, bare=True)} |")
        out += _details(f"{md(title)} ({total})", body, budget)

    steps_rows = [step for step in summary.step_emotions if step.before != step.after]
    if steps_rows:
        body = ["| step | stage | current | target | delta |", "|---|---|---:|---:|---:|"]
        body += [f"| {code(step.target_id or step.current_id)} {md(step.action)} | {code(step.stage)} | "
                 f"{_num(step.before, 0)} | {_num(step.after, 0)} | "
                 f"{_delta_cell(step.delta) if step.delta is not None else ''} |" for step in steps_rows]
        out += _details(f"Emotion per step ({len(steps_rows)} changed, added or removed)", body, budget)

    if summary.pain_points:
        body = ["| status | pain point | step | severity | resolved by |", "|---|---|---|---|---|"]
        body += [_pain_row(pain) for pain in summary.pain_points]
        out += _details(
            f"Pain points: {summary.pain_count('resolved')} resolved, {summary.pain_count('still-open')} still open, "
            f"{summary.pain_count('introduced')} introduced", body, budget)

    if summary.plan:
        body = ["| action | status | resolves |", "|---|---|---|"]
        for item in summary.plan:
            if item.status_before is None:
                status = f"added: {item.status_after}"
            elif item.status_after is None:
                status = f"removed (was {item.status_before})"
            elif item.status_before != item.status_after:
                status = f"{item.status_before} → {item.status_after}"
            else:
                status = item.status_after
            resolves = ", ".join(f"{code(ref)} ({state})"
                                 for ref, state in zip(item.resolves, item.resolves_status, strict=True))
            body.append(f"| {code(item.target_id or item.current_id)} {md(item.title)} | {md(status)} | "
                        f"{resolves or '–'} |")
        out += _details(f"Action plan ({len(summary.plan)} actions)", body, budget)
    return _within_comment_limit("\n".join(out).rstrip() + "\n")


def _within_comment_limit(text: str) -> str:
    """Whatever the journeys, a comment GitHub accepts: the budgets above keep every section short; this is the
    guarantee, cutting at a line and saying so (a section can only overrun by its headers)."""
    if len(text) <= GITHUB_COMMENT_LIMIT:
        return text
    note = "\n\n_… the rest is left out to fit a comment: see `--format json`._\n"
    cut = text.rfind("\n", 0, GITHUB_COMMENT_LIMIT - len(note) - 20)
    head = text[:cut]
    if head.count("<details>") > head.count("</details>"):
        head += "\n\n</details>"
    return head + note


def _ids_cell(change: Change) -> str:
    if change.current_id and change.target_id and change.current_id != change.target_id:
        return f"{code(change.current_id)} → {code(change.target_id)}"
    return code(change.target_id or change.current_id or change.step)


def _where(change: Change, bare: bool = False) -> str:
    location = change.target or change.current
    if location is None or location.line is None:
        return ""
    text = f"{md(location.file or '')}:{location.line}"
    return text if bare else f" <sub>{text}</sub>"


def _pain_row(pain: PainPointStatus) -> str:
    ident = code(pain.current_id or pain.target_id)
    if pain.current_id and pain.target_id and pain.current_id != pain.target_id:
        ident = f"{code(pain.current_id)} → {code(pain.target_id)}"
    severity = pain.severity_after or pain.severity_before or "–"
    if pain.severity_before and pain.severity_after and pain.severity_after != pain.severity_before:
        severity = f"{pain.severity_before} → {pain.severity_after}"
    status = {"introduced": "introduced", "still-open": "still open"}.get(pain.status, "resolved: " + (
        "gone" if pain.target_id is None else "done action"))
    resolved = ", ".join(
        f"{code(action)}{' (done)' if action in pain.done_by else ''}" for action in pain.resolved_by) or "–"
    return f"| {status} | {ident} {md(pain.description)} | {code(pain.step)} | {severity} | {resolved} |"


# -- JSON -------------------------------------------------------------------------------------------------------

def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def to_dict(result: DiffResult) -> dict[str, Any]:
    """The JSON document as Python data (keys documented in the module docstring)."""
    summary = result.summary

    def coverage(value: Coverage) -> dict[str, Any]:
        return {"with_moment": value.with_moment, "steps": value.steps, "share": _round(value.share)}

    def counts(value: Any) -> dict[str, int]:
        return {name: getattr(value, name) for name in ("before", "after", "added", "removed", "renamed", "moved")}

    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "current": result.current.to_dict(),
        "target": result.target.to_dict(),
        "identical": result.identical,
        "counts": {level.value: result.count(level) for level in Level},
        "summary": {
            "emotion": {"before": _round(summary.emotion.before), "after": _round(summary.emotion.after),
                        "delta": _round(summary.emotion.delta)},
            "stages": counts(summary.stages),
            "steps": counts(summary.steps),
            "stage_emotions": [
                {"current_id": s.current_id, "target_id": s.target_id, "name": s.name, "before": _round(s.before),
                 "after": _round(s.after), "delta": _round(s.delta)} for s in summary.stage_emotions
            ],
            "step_emotions": [
                {"current_id": s.current_id, "target_id": s.target_id, "stage": s.stage, "action": s.action,
                 "before": s.before, "after": s.after, "delta": s.delta} for s in summary.step_emotions
            ],
            "pain_points": {
                "resolved": summary.pain_count("resolved"),
                "still_open": summary.pain_count("still-open"),
                "introduced": summary.pain_count("introduced"),
                "unresolved_high": list(summary.unresolved_high),
                "items": [
                    {"current_id": p.current_id, "target_id": p.target_id, "status": p.status,
                     "description": p.description, "severity_before": p.severity_before,
                     "severity_after": p.severity_after, "step": p.step, "resolved_by": list(p.resolved_by),
                     "done_by": list(p.done_by)} for p in summary.pain_points
                ],
            },
            "listening": {"before": coverage(summary.listening_before), "after": coverage(summary.listening_after)},
            "touchpoints": {
                "before": summary.touchpoints.before, "after": summary.touchpoints.after,
                "added": summary.touchpoints.added, "removed": summary.touchpoints.removed,
                "changed": summary.touchpoints.changed,
                "channels_before": list(summary.touchpoints.channels_before),
                "channels_after": list(summary.touchpoints.channels_after),
            },
            "plan": [
                {"current_id": item.current_id, "target_id": item.target_id, "title": item.title,
                 "status_before": item.status_before, "status_after": item.status_after,
                 "resolves": [{"id": ref, "status": state}
                              for ref, state in zip(item.resolves, item.resolves_status, strict=True)]}
                for item in summary.plan
            ],
        },
        "changes": [change.to_dict() for change in result.changes],
    }


def to_json(result: DiffResult) -> str:
    """Stable, documented JSON for CI (see the module docstring); UTF-8 text, keys in a fixed order."""
    return json_text(to_dict(result))


FORMATS: dict[str, Callable[[DiffResult], str]] = {"text": to_text, "markdown": to_markdown, "json": to_json}
