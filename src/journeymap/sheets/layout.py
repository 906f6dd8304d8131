"""The spreadsheet layout of a journey: which sheets, in which order, which columns, how a value is written in a cell.

`journeymap export` writes it and `journeymap import` reads it back: both take every name and order from here, so
that export then import gives a journey `journeymap diff` reports identical. The layout, as the README documents it:

Sheets, in this order (names and headers in the journey's language, from the [sheets] table of
render/labels/<lang>.toml; a reader recognises either language):

1. steps: one row per step (rows layout, sheet "Steps") or one column per step (lanes layout, sheet "Journey map":
   column A holds the headers, row by row). Fields: stage (the stage's id), id, action, description, touchpoints,
   emotion, thinking, goal, next. In the lanes layout, rows after `next` are for reading only (pain points, moment
   of truth, delights, verbatims, processes) and are not read back.
2. journey: key/value rows, columns Field (label), Value, Key (the format's key). Keys: journeymap, id, title,
   state, target_of, kind, lang, objective, owner, evidence, description, persona.name, persona.description, then
   one row per item of persona.goals and of persona.expectations (the key repeated). No persona: persona.name empty.
3. stages: id, name, goal, description, in journey order.
4. pain_points: step, id, description, severity, type, in journey order (a step's pain points in their order).
5. listening_plan: one row per moment of truth: step, question, media, timing, metric, audience, frequency,
   alert_below (a row with only its step is a moment of truth with nothing filled in).
6. touchpoints: id, name, channel, owner, support, description.
7. action_plan: id, title, description, resolves, impact, effort, owner, status, trigger.event, trigger.channel,
   trigger.delay (no trigger: trigger.event empty). An impact/effort scatter chart sits beside it in the workbook.
8. backstage: step, action, owner, visible, system, in journey order.
9. words: step, kind (`delight` or `verbatim`), text: one row per item, in the step's order.

Every sheet has one header row (the steps sheet in the lanes layout: one header column). Cells:
- an absent value is an empty cell (the format has no empty text, so an empty cell is never "");
- enumerations are written as the format's values (`high`, `selfcare`), whatever the language;
- numbers (emotion, impact, effort, alert_below) are numbers, `visible` a boolean;
- lists of ids (touchpoints, resolves, next) are the ids joined by ", "; `next: []` (the journey ends here) is
  written `[]`, and no `next` an empty cell;
- text is text, never a formula: in a workbook every text cell has the string type (with Excel's quote prefix
  when it starts with = + - @, a tab or a carriage return), and characters XML cannot hold (control characters)
  are written with the OOXML escape `_xHHHH_` (a literal `_xHHHH_` in the text is written `_x005F_xHHHH_`);
  in CSV a text starting with = + - @, a tab, a carriage return or ' gets a ' in front, removed on reading.

CSV (`--format csv`, rows layout only; UTF-8 with a byte order mark, which Excel needs to read it as UTF-8; rows
end with CRLF): the same sheets in the same order, each as a title row (the sheet's name), its header row, its
data rows and an empty row.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal, get_args

from journeymap import model

Kind = Literal["text", "number", "ids", "next", "boolean"]
Layout = Literal["lanes", "rows"]


@dataclass(frozen=True)
class Column:
    """A column of a sheet: the format's key (dotted inside a nested part), its header's label key, how its
    value is written, and how wide it is shown."""

    key: str
    label: str
    kind: Kind = "text"
    width: int = 18


STEP_COLUMNS = (
    Column("stage", "stage", width=16), Column("id", "id", width=18), Column("action", "action", width=32),
    Column("description", "description", width=36), Column("touchpoints", "touchpoint_ids", "ids", 20),
    Column("emotion", "emotion", "number", 10), Column("thinking", "thinking", width=32),
    Column("goal", "goal", width=28), Column("next", "next", "next", 16),
)
# Lanes shown under the steps' fields in the lanes layout, for reading only (the other sheets hold the data).
READING_LANES = ("pain_points", "question", "delights", "verbatims", "backstage")

JOURNEY_KEYS: tuple[tuple[str, str, Kind], ...] = (
    ("journeymap", "format", "number"), ("id", "id", "text"), ("title", "title", "text"),
    ("state", "state", "text"), ("target_of", "target_of", "text"), ("kind", "kind", "text"),
    ("lang", "lang", "text"), ("objective", "objective", "text"), ("owner", "owner", "text"),
    ("evidence", "evidence", "text"), ("description", "description", "text"),
    ("persona.name", "persona_name", "text"), ("persona.description", "persona_description", "text"),
    ("persona.goals", "persona_goal", "text"), ("persona.expectations", "persona_expectation", "text"),
)
REPEATED_KEYS = ("persona.goals", "persona.expectations")  # one row per item
JOURNEY_COLUMNS = (Column("field", "field", width=24), Column("value", "value", width=60),
                   Column("key", "key", width=22))

TABLES: dict[str, tuple[Column, ...]] = {
    "stages": (Column("id", "id"), Column("name", "name", width=24), Column("goal", "goal", width=36),
               Column("description", "description", width=48)),
    "pain_points": (Column("step", "step"), Column("id", "id"), Column("description", "pain_point", width=48),
                    Column("severity", "severity", width=12), Column("type", "type", width=12)),
    "listening_plan": (Column("step", "step"), Column("question", "question", width=40),
                       Column("media", "media", width=14), Column("timing", "timing", width=10),
                       Column("metric", "metric", width=10), Column("audience", "audience", width=30),
                       Column("frequency", "frequency", width=30),
                       Column("alert_below", "alert_below", "number", 12)),
    "touchpoints": (Column("id", "id"), Column("name", "name", width=24), Column("channel", "channel", width=12),
                    Column("owner", "owner", width=20), Column("support", "support", width=12),
                    Column("description", "description", width=40)),
    "action_plan": (Column("id", "id"), Column("title", "action_title", width=32),
                    Column("description", "description", width=40), Column("resolves", "resolves", "ids", 22),
                    Column("impact", "impact", "number", 9), Column("effort", "effort", "number", 9),
                    Column("owner", "owner", width=20), Column("status", "status", width=12),
                    Column("trigger.event", "trigger_event", width=28),
                    Column("trigger.channel", "trigger_channel", width=14),
                    Column("trigger.delay", "trigger_delay", width=12)),
    "backstage": (Column("step", "step"), Column("action", "process", width=40), Column("owner", "owner", width=20),
                  Column("visible", "visible", "boolean", 10), Column("system", "system", width=20)),
    "words": (Column("step", "step"), Column("kind", "word_kind", width=12), Column("text", "text", width=60)),
}
SHEET_ORDER = ("steps", "journey", "stages", "pain_points", "listening_plan", "touchpoints", "action_plan",
               "backstage", "words")
WORD_KINDS = ("delight", "verbatim")
END = "[]"  # `next: []`
ID_SEPARATOR = ", "

# The format's enumerations by (sheet, column key): the workbook offers them as drop-down lists.
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("touchpoints", "channel"): get_args(model.Channel), ("touchpoints", "support"): get_args(model.Support),
    ("pain_points", "severity"): get_args(model.Severity), ("pain_points", "type"): get_args(model.PainPointType),
    ("listening_plan", "media"): get_args(model.Media), ("listening_plan", "timing"): get_args(model.Timing),
    ("listening_plan", "metric"): get_args(model.Metric), ("action_plan", "status"): get_args(model.ActionStatus),
    ("action_plan", "trigger.channel"): get_args(model.Channel), ("words", "kind"): WORD_KINDS,
}

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 cannot hold most control characters, and a parser reads a raw carriage return as a line feed (lxml
# writes it as &#13;, the standard library's writer does not: openpyxl uses either), so \r is escaped too.
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")


@functools.cache
def words(lang: str) -> dict[str, str]:
    """The [sheets] table of the journey's language: sheet names and headers."""
    path = resources.files("journeymap.render").joinpath("labels", f"{lang}.toml")
    return dict(tomllib.loads(path.read_text(encoding="utf-8"))["sheets"])


def sheet_name(sheet: str, lang: str, layout: Layout = "rows") -> str:
    return words(lang)["map" if sheet == "steps" and layout == "lanes" else sheet]


def sheet_key(name: str) -> tuple[str, Layout] | None:
    """Which sheet of the layout a sheet name is, in either language, and for the steps in which layout."""
    for lang in ("en", "fr"):
        for sheet in SHEET_ORDER:
            layouts: tuple[Layout, ...] = ("rows", "lanes") if sheet == "steps" else ("rows",)
            for layout in layouts:
                if sheet_name(sheet, lang, layout) == name:
                    return sheet, layout
    return None


def headers(columns: tuple[Column, ...], lang: str) -> list[str]:
    return [words(lang)[column.label] for column in columns]


def cell_value(kind: Kind, value: Any) -> Any:
    """A field's value as the layout writes it in a cell (None: an empty cell); text is neutralised apart."""
    if value is None:
        return None
    if kind == "ids":
        return ID_SEPARATOR.join(value) or None
    if kind == "next":
        return ID_SEPARATOR.join(value) or END
    return value


def is_dangerous(text: str) -> bool:
    """Whether a spreadsheet would read the text as a formula (or, for `'`, eat its first character)."""
    return text.startswith(DANGEROUS_START)


def xml_safe(text: str) -> str:
    """Control characters as OOXML's `_xHHHH_` escapes (XML 1.0 cannot hold them), and a literal escape-like
    `_xHHHH_` protected by escaping its underscore, as Excel does."""
    return _XML_UNSAFE.sub(lambda match: f"_x{ord(match.group()):04X}_" if len(match.group()) == 1
                           else f"_x005F{match.group()}", text)


def csv_text(text: str) -> str:
    """CSV text a spreadsheet opens as text: a ' in front of formula-like text (and of text starting with ')."""
    return f"'{text}" if text.startswith((*DANGEROUS_START, "'")) else text
