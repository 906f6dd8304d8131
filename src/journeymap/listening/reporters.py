"""Output formats of `journeymap measure`: small functions over the Measurement, returning text.

A status is always a word (and in Markdown an icon too), never a colour alone.
"""

from __future__ import annotations

from collections.abc import Callable

from journeymap import reporters as problem_reporters
from journeymap.listening import metrics
from journeymap.listening.records import Measurement, MomentReading
from journeymap.text import github_data, github_property, json_text, visible

WORDS = {"alert": "ALERT", "watch": "watch", "fine": "fine", "not-enough-data": "not enough data",
         "no-threshold": "no threshold", "no-data": "no data"}
ICONS = {"alert": "🔴", "watch": "🟠", "fine": "🟢", "not-enough-data": "⚪", "no-threshold": "⚪", "no-data": "⚪"}


def _value(moment: MomentReading, value: float, csat: str) -> str:
    return metrics.format_value(moment.moment.metric or "custom", value, csat)  # type: ignore[arg-type]


def _threshold(moment: MomentReading, csat: str) -> str:
    below = moment.moment.alert_below
    return "none" if below is None else _value(moment, below, csat)


def _change(moment: MomentReading, csat: str) -> str:
    change = moment.latest.change if moment.latest else None
    if change is None:
        return ""
    shown = _value(moment, abs(change), csat).lstrip("+")
    return f" ({'+' if change >= 0 else '-'}{shown} since the previous period)"


def summary(measurement: Measurement) -> str:
    rows = measurement.rows
    counts = {status: sum(1 for m in measurement.moments if m.status == status) for status in WORDS}
    moments = len(measurement.moments)
    parts = [f"{counts['alert']} in alert", f"{counts['watch']} to watch", f"{counts['fine']} fine"]
    quiet = counts["not-enough-data"] + counts["no-data"] + counts["no-threshold"]
    if quiet:
        parts.append(f"{quiet} without a reading")
    used = f"{rows.used:,} of {rows.read:,} rows used"
    if rows.dropped:
        used += f", {rows.dropped:,} left out (see the problems)"
    if rows.before_since:
        used += f", {rows.before_since:,} dated before {measurement.since}"
    return f"{moments} moment{'s' if moments != 1 else ''} of truth: {', '.join(parts)}. {used}."


def to_text(measurement: Measurement, csat: str = "mean") -> str:
    """A block per moment of truth: where it is, its status in words, the latest value against the threshold,
    and the periods; then the rows' problems as validate prints them."""
    out: list[str] = []
    silent: dict[str, list[MomentReading]] = {}
    for moment in measurement.moments:
        m = moment.moment
        if moment.status == "no-data":
            silent.setdefault(m.file, []).append(moment)
            continue
        out.append(f"{visible(m.file)}:{m.line}:{m.column}: {WORDS[moment.status]}: {visible(m.journey)} / "
                   f"{visible(m.step)} \"{visible(m.action)}\" ({(m.metric or '').upper()}, alert below "
                   f"{_threshold(moment, csat)})")
        if moment.latest is not None:
            out.append(f"    latest {moment.latest.period}: {_value(moment, moment.latest.value, csat)} from "
                       f"{moment.latest.respondents:,} respondents{_change(moment, csat)}")
        elif moment.periods:
            out.append(f"    fewer than {measurement.min_respondents} respondents in every period")
        for period in moment.periods[-6:]:
            out.append(f"    {period.period:<8} {_value(moment, period.value, csat):>7}  n={period.respondents:<6,} "
                       f"{WORDS[period.status]}")
    for file, quiet in silent.items():  # a line per journey: a plan nobody measures yet is one fact, not many
        first = quiet[0].moment
        names = ", ".join(visible(moment.moment.step) for moment in quiet)
        out.append(f"{visible(file)}:{first.line}:{first.column}: no data for {len(quiet)} moment"
                   f"{'s' if len(quiet) != 1 else ''} of truth of {visible(first.journey)}: {names}")
    listed = problem_reporters.to_text(measurement.problems, 0, 0).splitlines()[:-1]  # without validate's summary
    out.extend(listed)
    if measurement.unshown:
        out.append(f"... and {sum(measurement.unshown.values()):,} more problems of the same kinds, not listed")
    out.append(summary(measurement))
    return "\n".join(out) + "\n"


def to_json(measurement: Measurement, csat: str = "mean") -> str:
    return json_text(measurement.to_dict())


def to_markdown(measurement: Measurement, csat: str = "mean") -> str:
    """A table for a pull request, an issue or a job summary."""
    lines = ["## Listening plan: results", "", summary(measurement), "",
             "| status | journey | step | metric | latest | respondents | threshold | change |",
             "|---|---|---|---|---|---|---|---|"]
    for moment in measurement.moments:
        m, latest = moment.moment, moment.latest
        change = "" if latest is None or latest.change is None else (
            ("+" if latest.change >= 0 else "-") + _value(moment, abs(latest.change), csat).lstrip("+"))
        lines.append("| " + " | ".join([
            f"{ICONS[moment.status]} {WORDS[moment.status]}", _cell(m.journey), _cell(f"{m.step}: {m.action}"),
            (m.metric or "").upper(), f"{_value(moment, latest.value, csat)} ({latest.period})" if latest else "",
            f"{latest.respondents:,}" if latest else f"{moment.respondents:,}", _threshold(moment, csat), change,
        ]) + " |")
    if measurement.problems:
        lines += ["", f"{len(measurement.problems) + sum(measurement.unshown.values()):,} rows could not be used:", ""]
        lines += [f"- `{_cell(p.file)}:{p.line}` {p.code} {_cell(p.message)}" for p in measurement.problems]
    return "\n".join(lines) + "\n"


def to_github(measurement: Measurement, csat: str = "mean") -> str:
    """Annotations: an alert is an error on the journey's moment of truth, a watch a warning there; the rows'
    problems on the results file's lines."""
    out = []
    for moment in measurement.moments:
        if moment.status not in ("alert", "watch") or moment.latest is None:
            continue
        m = moment.moment
        level = "error" if moment.status == "alert" else "warning"
        message = (f"{(m.metric or '').upper()} {_value(moment, moment.latest.value, csat)} in {moment.latest.period} "
                   f"({moment.latest.respondents} respondents), alert below {_threshold(moment, csat)}")
        title = f"{WORDS[moment.status]}: {m.step}"
        out.append(f"::{level} file={github_property(m.file)},line={m.line},col={m.column},"
                   f"title={github_property(title)}::{github_data(message)}")
    listed = problem_reporters.to_github(measurement.problems).splitlines()[:-1]
    out.extend(listed)
    out.append(summary(measurement))
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return visible(text).replace("|", "\\|").replace("\n", " ")


FORMATS: dict[str, Callable[[Measurement, str], str]] = {
    "text": to_text, "json": to_json, "md": to_markdown, "github": to_github,
}
