"""Other people's journey maps in a sheet: find the layout, then read each step's cells.

Two layouts (tests/fixtures/sheets/SOURCES.md shows the real templates behind them):
- lanes as rows: a column (usually A) names the lanes, one column per step; stages are merged across their steps,
  or written once and left blank after, or repeated; a lane may span several rows (NN/g's emotion band);
- one row per step: a header row (not always row 1) names the columns; stages are repeated names. Two kinds of
  row-per-item sheets are folded into steps: service blueprints (a "Service layer" column: customer actions make
  steps, the other layers join the step they follow) and CJML (an initiator and a receiver per touchpoint: the
  customer's side makes the step, the organisation's side its backstage).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from journeymap.sheets import lexicon
from journeymap.sheets.draft import Found, Value
from journeymap.sheets.grid import CellValue, Sheet

# Fields that describe the whole journey, not a step.
JOURNEY_FIELDS = ("title", "persona", "scenario", "expectations")
STEP_FIELDS = ("step", "action", "initiator_label")
MARKER_LENGTH = 3  # a band's marker: "●", "x", "X", an emoji
MAX_MERGED_CELLS = 100_000  # cells spread from merges; a map has a few hundred


@dataclass
class Recognised:
    """A sheet's journey as found: its layout, its steps' cells, the journey-wide values, the headings it did
    not know (to report), and what the headings say of the language and of who travels."""

    layout: str  # "lanes" or "rows"
    steps: list[Found]
    journey: dict[str, Value] = field(default_factory=dict)
    unknown: list[Value] = field(default_factory=list)  # headings with content that no field takes
    french: int = 0
    english: int = 0
    left_out: list[str] = field(default_factory=list)  # rows dropped on purpose (CJML's Include = No)
    journeys: list[str] = field(default_factory=list)  # the titles of a sheet that holds several journeys
    tables_below: list[Value] = field(default_factory=list)  # the first cell of another table under the journey's
    headings: list[str] = field(default_factory=list)


def recognise(sheet: Sheet, headers: Mapping[str, str] | None = None,
              journey: str | None = None) -> Recognised | None:
    """The journey in the sheet, read as lanes or as rows (whichever finds more of it), or None. A sheet of rows
    may hold several journeys (a title column that changes): `journey` names the one to read (default: the first)."""
    found = [result for result in (_lanes(sheet, headers), _rows(sheet, headers, journey)) if result is not None]
    if not found:
        return None
    return max(found, key=lambda result: (sum(len(step.values) for step in result.steps), result.layout == "lanes"))


def _field(value: CellValue | None, headers: Mapping[str, str] | None) -> str | None:
    return lexicon.field_of(value, headers) if isinstance(value, str) else None


def _merged(sheet: Sheet) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """Each merged cell (but its top-left one) and its range: a merged stage is the stage of every step under it."""
    covered: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for merge in sheet.merges:
        low_row, low_column, high_row, high_column = merge
        if (high_row - low_row + 1) * (high_column - low_column + 1) > MAX_MERGED_CELLS // 10:
            continue  # a merge over the whole sheet says nothing about steps
        if len(covered) > MAX_MERGED_CELLS:
            break  # thousands of merges are not a journey map's: the rest are read as plain cells
        for row in range(low_row, high_row + 1):
            for column in range(low_column, high_column + 1):
                if (row, column) != (low_row, low_column):
                    covered.setdefault((row, column), merge)
    return covered


def _blank(value: CellValue | None) -> bool:
    """An empty cell, or one holding only spaces: nothing to import."""
    return value is None or (isinstance(value, str) and not value.strip())


def _value(sheet: Sheet, row: int, column: int, how: str | None = None) -> Value:
    return Value(sheet.cells[(row, column)], sheet.ref(row, column), row, column, how)


def _vote(result: Recognised, heading: str) -> None:
    result.headings.append(heading)
    if lexicon.is_french(heading):
        result.french += 1
    else:
        result.english += 1


# --- lanes as rows -------------------------------------------------------------------------------------------------

def _lanes(sheet: Sheet, headers: Mapping[str, str] | None) -> Recognised | None:
    columns = sorted({column for _, column in sheet.cells})[:3]
    for lane_column in columns:
        labels = {row: _field(sheet.cells.get((row, lane_column)), headers)
                  for row in sheet.rows() if (row, lane_column) in sheet.cells}
        known = {row: name for row, name in labels.items() if name is not None}
        written = Counter(str(sheet.cells[(row, lane_column)]).strip().casefold() for row in known)
        if written and written.most_common(1)[0][1] > 1:
            continue  # a lane is named once: a name repeated down a column is a column's value (a blueprint layer)
        if len(known) >= 2 and set(known.values()) & {*STEP_FIELDS, "stage"} and \
                set(known.values()) & {"step", "action"}:
            return _read_lanes(sheet, lane_column, labels, headers)
    return None


def _read_lanes(sheet: Sheet, lane_column: int, labels: dict[int, str | None],
                headers: Mapping[str, str] | None) -> Recognised:
    merged = _merged(sheet)
    label_rows = sorted(labels)
    spans: dict[int, range] = {}
    for index, row in enumerate(label_rows):
        following = label_rows[index + 1] if index + 1 < len(label_rows) else None
        merge = next((m for m in sheet.merges if m[0] == row and m[1] == lane_column and m[2] > row), None)
        end = merge[2] if merge else (min(following - 1, row + 9) if following else row)
        if following is not None:
            end = min(end, following - 1)
        spans[row] = range(row, end + 1)
    first_known = min(row for row, name in labels.items() if name is not None)
    result = Recognised("lanes", [])
    step_rows = [row for row, name in labels.items() if name in ("step", "action")]
    steps_columns = sorted({column for (row, column) in sheet.cells if column > lane_column
                            and any(row in spans[lane] for lane in step_rows)})
    by_column = {column: Found(stage=None) for column in steps_columns}
    stage: Value | None = None
    for row in label_rows:
        name = labels[row]
        heading = sheet.cells[(row, lane_column)]
        content = {(r, column): value for r in spans[row] for column, value in sheet.row(r).items()
                   if column > lane_column and not _blank(value)}
        if name is None:
            if row < first_known and not content and "title" not in result.journey:
                result.journey["title"] = _value(sheet, row, lane_column)
            elif content:
                result.unknown.append(_value(sheet, row, lane_column))
            continue
        _vote(result, str(heading))
        if name == "ignore":
            continue
        if name == "expectations" and len({column for _, column in content}) > 1:
            name = "goal"  # written under each step: each step's goal
        elif name in JOURNEY_FIELDS:
            cells = sorted(content)
            if cells:
                result.journey.setdefault(name, _value(sheet, *cells[0]))
            continue
        if name == "stage":
            for column in steps_columns:
                cell = (row, column)
                if not _blank(sheet.cells.get(cell)):
                    stage = _value(sheet, row, column)
                elif cell in merged and (merged[cell][0], merged[cell][1]) in sheet.cells:
                    stage = _value(sheet, merged[cell][0], merged[cell][1])
                by_column[column].stage = stage
            continue
        if name == "emotion" and len(spans[row]) > 2 and _is_band(content.values()):
            span = list(spans[row])
            for (r, column) in content:
                if column in by_column:  # top row +2, bottom row -2
                    position = span.index(r)
                    score = lexicon.on_emotion_scale(len(span) - 1 - position, 0, len(span) - 1)
                    by_column[column].add("emotion", Value(
                        score, sheet.ref(r, column), r, column,
                        f"a mark on row {position + 1} of the {len(span)}-row emotion band"))
            continue
        for (r, column) in sorted(content, key=lambda cell: (cell[1], cell[0])):
            if column in by_column:
                by_column[column].add(name, _value(sheet, r, column))
    result.steps = [by_column[column] for column in steps_columns]
    return result


def _is_band(values: Iterable[CellValue]) -> bool:
    """Whether an emotion lane's cells are marks placed on a band of rows rather than scores or words."""
    cells = list(values)
    return bool(cells) and all(isinstance(value, str) and len(value.strip()) <= MARKER_LENGTH
                               and not value.strip().lstrip("+-").isdigit() for value in cells)


# --- one row per step ----------------------------------------------------------------------------------------------

def _rows(sheet: Sheet, headers: Mapping[str, str] | None, journey: str | None = None) -> Recognised | None:
    best: tuple[int, int, dict[int, str]] | None = None
    for row in sheet.rows()[:60]:
        names = {column: _field(value, headers) for column, value in sheet.row(row).items()}
        known = {column: name for column, name in names.items() if name}
        steps_known = [name for name in known.values() if name not in JOURNEY_FIELDS]
        if len(known) < 2 or not set(steps_known) & set(STEP_FIELDS):
            continue
        if best is None or len(steps_known) > best[0]:
            best = (len(steps_known), row, known)
    if best is None:
        return None
    _, header_row, columns = best
    result = Recognised("rows", [])
    for column, value in sheet.row(header_row).items():
        if isinstance(value, str):
            _vote(result, value)
    # A goal or an expectation written on every row is the step's goal; a persona, a scenario or a title on every
    # row is the journey's (the first row's), and a title that changes down the rows starts another journey.
    used = {column: "goal" if name == "expectations" else name for column, name in columns.items()
            if name != "ignore"}
    data_rows = _table_rows(sheet, header_row, used)
    below = [row for row in sheet.rows() if row > (data_rows[-1] if data_rows else header_row)]
    if below:
        result.tables_below.append(_value(sheet, below[0], min(sheet.row(below[0]))))
    for column, value in sheet.row(header_row).items():
        if column not in columns and any((row, column) in sheet.cells for row in data_rows):
            result.unknown.append(_value(sheet, header_row, column))
    _journey_above(sheet, header_row, headers, result)
    records = []
    for row in data_rows:
        cells = {name: _value(sheet, row, column) for column, name in used.items()
                 if not _blank(sheet.cells.get((row, column)))}
        if cells:
            records.append((row, cells))
    records = _one_journey(records, journey, result)
    if "layer" in used.values():
        _blueprint(records, result)
    elif {"initiator", "receiver"} & set(used.values()):
        _communications(records, result)
    elif len(records) == 1 and _listed_steps(records[0][1]):
        result.steps.extend(_listed_steps(records[0][1]))
    else:
        for row, cells in records:
            if _excluded(cells, row, result):
                continue
            step = Found(stage=cells.pop("stage", None))
            for name, item in cells.items():
                step.add(name, item)
            result.steps.append(step)
    return result


def _listed_steps(cells: dict[str, Value]) -> list[Found]:
    """A journey on one row, its steps in one cell separated by ';' (a journey catalogue such as Specflow's): one
    step each, in the cell's order; the row's other cells describe the journey, not a step."""
    cell = cells.get("action") or cells.get("step")
    if cell is None or not isinstance(cell.value, str) or cell.value.count(";") < 2:
        return []
    return [Found(stage=None, values={"action": [Value(part.strip(), cell.ref, cell.row, cell.column)]})
            for part in cell.value.split(";") if part.strip()]


def _table_rows(sheet: Sheet, header_row: int, used: dict[int, str]) -> list[int]:
    """The rows of the table under the header: up to the end, or to an empty row followed by another table (a
    row of text headings over rows holding numbers where it holds text)."""
    rows = [row for row in sheet.rows() if row > header_row and not _comment(sheet.row(row))]
    for index, row in enumerate(rows):
        if index == 0 or row == rows[index - 1] + 1 or index + 1 >= len(rows):
            continue
        cells, below = sheet.row(row), sheet.row(rows[index + 1])
        headings = all(isinstance(value, str) for value in cells.values()) and len(cells) >= 1
        over_numbers = any(isinstance(cells.get(column), str) and isinstance(value, (int, float))
                           and not isinstance(value, bool) for column, value in below.items())
        known = sum(lexicon.field_of(value) is not None for value in cells.values())
        if headings and (over_numbers or known >= 2) or not any(column in used for column in cells):
            return rows[:index]
    return rows


def _comment(cells: dict[int, CellValue]) -> bool:
    """A line of help a template leaves under its table ("# one row per journey..."): not data."""
    first = cells[min(cells)] if cells else None
    return isinstance(first, str) and first.lstrip().startswith("#")


def _one_journey(records: list[tuple[int, dict[str, Value]]], journey: str | None,
                 result: Recognised) -> list[tuple[int, dict[str, Value]]]:
    """The rows of one journey when a title column names several (the first, or the one asked for), and the
    journey-wide values of its first row."""
    titles: list[str] = []
    current: str | None = None
    kept = []
    for row, cells in records:
        title = cells.pop("title", None)
        if title is not None:
            current = str(title.value).strip()
            if current not in titles:
                titles.append(current)
        chosen = journey if journey is not None else (titles[0] if titles else None)
        if current is None or chosen is None or current.casefold() == chosen.casefold():
            if title is not None:
                result.journey.setdefault("title", title)
            for name in ("persona", "scenario"):
                value = cells.pop(name, None)
                if value is not None:
                    result.journey.setdefault(name, value)
            kept.append((row, cells))
    result.journeys = titles
    return kept


def _journey_above(sheet: Sheet, header_row: int, headers: Mapping[str, str] | None, result: Recognised) -> None:
    """A header block above the column names (CJML: "End-user ID", "Short summary"): label, then its value."""
    for row in sheet.rows():
        if row >= header_row:
            break
        cells = sorted(sheet.row(row).items())
        name = _field(cells[0][1], headers) if cells else None
        if name in JOURNEY_FIELDS and len(cells) > 1:
            result.journey.setdefault(name, _value(sheet, row, cells[1][0]))
        elif len(cells) == 1 and isinstance(cells[0][1], str) and row == sheet.rows()[0]:
            result.journey.setdefault("heading", _value(sheet, row, cells[0][0]))


_NO = {"no", "n", "nei", "non", "false", "0", "faux"}


def _excluded(cells: dict[str, Value], row: int, result: Recognised) -> bool:
    include = cells.pop("include", None)
    if include is not None and str(include.value).strip().lower() in _NO:
        label = next((str(v.value) for k, v in cells.items() if k in ("action", "initiator_label")), "")
        result.left_out.append(f"row {row}{f' ({label})' if label else ''}")
        return True
    return False


def _layer(value: Value) -> str:
    """A blueprint row's layer: customer, frontstage, backstage or evidence."""
    name = lexicon.field_of(str(value.value)) if isinstance(value.value, str) else None
    text = str(value.value).lower()
    if name in ("action", "persona", "step") or "customer" in text or "client" in text:
        return "customer"
    if name == "frontstage" or "visible" in text or "front" in text:
        return "frontstage"
    if name == "evidence" or "evidence" in text or "preuve" in text:
        return "evidence"
    return "backstage"


def _blueprint(records: list[tuple[int, dict[str, Value]]], result: Recognised) -> None:
    """Service-blueprint rows: each customer action is a step; the rows of other layers join the customer step
    before them in the same stage (or the first one after, when the stage opens with them)."""
    waiting: list[tuple[str, dict[str, Value]]] = []
    current: Found | None = None
    for row, cells in records:
        if _excluded(cells, row, result):
            continue
        layer = _layer(cells["layer"]) if "layer" in cells else "customer"
        stage = cells.get("stage")
        if current is not None and stage is not None and (current.stage is None
                                                          or current.stage.value != stage.value):
            current = None
        if layer == "customer":
            current = Found(stage=stage)
            for name, value in cells.items():
                if name not in ("layer", "stage", "owner"):
                    current.add(name, value)
            result.steps.append(current)
            for kind, item in waiting:
                _join(current, kind, item)
            waiting = []
        elif current is None:
            waiting.append((layer, cells))
        else:
            _join(current, layer, cells)
    for _kind, cells in waiting:
        text = cells.get("action")
        if text is not None:
            result.unknown.append(text)


def _join(step: Found, layer: str, cells: dict[str, Value]) -> None:
    text = cells.get("action")
    if text is None:
        return
    if layer == "evidence":
        step.add("evidence", text)
        return
    owner = cells.get("owner")
    extra = (("owner", owner.value if owner else None), ("visible", layer == "frontstage"))
    step.add("backstage", Value(text.value, text.ref, text.row, text.column, extra=extra))


def _communications(records: list[tuple[int, dict[str, Value]]], result: Recognised) -> None:
    """CJML touchpoints: who initiated and who received, each with their label. The customer (the journey's
    end-user, or the actor seen most) makes the step; the organisation's side goes to its backstage."""
    actors = Counter(str(cells[name].value).strip() for _, cells in records for name in ("initiator", "receiver")
                     if name in cells)
    persona = result.journey.get("persona")
    customer = str(persona.value).strip() if persona is not None else (actors.most_common(1)[0][0] if actors
                                                                       else "")
    for row, cells in records:
        if _excluded(cells, row, result):
            continue
        initiator = str(cells["initiator"].value).strip() if "initiator" in cells else ""
        receiver = str(cells["receiver"].value).strip() if "receiver" in cells else ""
        said, heard = cells.pop("initiator_label", None), cells.pop("receiver_label", None)
        if initiator == customer:
            action, other, other_actor, visible = said, heard, receiver, False
        elif receiver == customer:
            action, other, other_actor, visible = heard, said, initiator, True
        else:
            action, other, other_actor, visible = None, said, initiator, False
        if action is None and result.steps and other is not None:
            result.steps[-1].add("backstage", Value(other.value, other.ref, other.row, other.column,
                                                    extra=(("owner", other_actor or None), ("visible", False))))
            continue
        step = Found(stage=cells.pop("stage", None))
        for name, value in cells.items():
            if name not in ("initiator", "receiver"):
                step.add(name, value)
        if action is not None:
            step.add("action", action)
        if other is not None:
            step.add("backstage", Value(other.value, other.ref, other.row, other.column,
                                        extra=(("owner", other_actor or None), ("visible", visible))))
        result.steps.append(step)
