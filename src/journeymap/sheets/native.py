"""Our own layout read back (sheets/layout.py): a workbook or CSV that `journeymap export` wrote, perhaps edited
since, becomes the journey it holds, field for field, so that export then import is a journey `journeymap diff`
reports identical.

Columns are found by their header (in English or French), not by their place, so a reviewer who moved or added a
column does not break the import; a header we do not know is reported, not guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from journeymap import catalogue
from journeymap.sheets import layout
from journeymap.sheets.draft import Draft
from journeymap.sheets.grid import Sheet
from journeymap.sheets.layout import Column

def tables_of(sheets: Sequence[Sheet]) -> dict[str, tuple[Sheet, str]] | None:
    """Which of the sheets are our layout's (sheet key -> (sheet, layout)); None unless its journey and steps
    sheets are both there."""
    found: dict[str, tuple[Sheet, str]] = {}
    for sheet in sheets:
        known = layout.sheet_key(sheet.name)
        if known is not None and known[0] not in found:
            found[known[0]] = (sheet, known[1])
    return found if {"journey", "steps"} <= set(found) else None


class _Table:
    """One table of our CSV, seen as a sheet of its own: its name is its title row's, its cells keep the file's
    row numbers, and its cell references are the file's."""

    def __init__(self, name: str, sheet: Sheet, rows: list[int]) -> None:
        self.name, self._sheet, self._rows = name, sheet, rows
        self.cells = {(row, column): value for row in rows for column, value in sheet.row(row).items()}

    def rows(self) -> list[int]:
        return self._rows

    def row(self, row: int) -> dict[int, Any]:
        return self._sheet.row(row) if row in self._rows else {}

    def ref(self, row: int, column: int) -> str:
        return self._sheet.ref(row, column)


def csv_sheets(sheet: Sheet) -> list[Sheet]:
    """Our CSV: the tables one after the other, each a title row (the sheet's name), a header row, data rows and
    an empty row."""
    out: list[Any] = []
    rows = sheet.rows()
    index = 0
    while index < len(rows):
        cells = sheet.row(rows[index])
        title = cells.get(1)
        if len(cells) == 1 and isinstance(title, str) and layout.sheet_key(title) is not None:
            end = index + 1
            while end < len(rows) and rows[end] == rows[end - 1] + 1:
                end += 1
            out.append(_Table(title, sheet, rows[index + 1:end]))
            index = end
        else:
            index += 1
    return out


def _text(value: Any, source: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)  # a workbook's _xHHHH_ escapes are undone by the reader (sheets/grid.py)
    return text[1:] if source == "csv" and text.startswith("'") else text


def _value(kind: str, value: Any, source: str) -> Any:
    if value is None or value == "":
        return None
    if kind == "number":
        if isinstance(value, bool):
            raise ValueError("a number")
        number = float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
        return int(number) if number.is_integer() and not (isinstance(value, float) or "." in str(value)) else number
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        if str(value).strip().lower() in ("true", "vrai", "yes", "oui", "1"):
            return True
        if str(value).strip().lower() in ("false", "faux", "no", "non", "0"):
            return False
        raise ValueError("true or false")
    text = _text(value, source)
    if kind == "ids":
        return [part.strip() for part in text.split(",") if part.strip()] if text else []
    if kind == "next":
        if text is None:
            return None
        return [] if text.strip() == layout.END else [part.strip() for part in text.split(",") if part.strip()]
    return text


class _Reader:
    """Each sheet's records, with the cell of every value, into a Draft."""

    def __init__(self, tables: dict[str, tuple[Sheet, str]], source: str, kind: str) -> None:
        self.tables, self.source, self.kind = tables, source, kind
        self.draft = Draft({})

    def records(self, sheet_key: str, columns: tuple[Column, ...]) -> list[dict[str, tuple[Any, str]]]:
        """The sheet's rows as {column key: (value, cell)}; the header row names the columns (either language)."""
        if sheet_key not in self.tables:
            return []
        sheet, sheet_layout = self.tables[sheet_key]
        lanes = sheet_key == "steps" and sheet_layout == "lanes"
        header = {row: sheet.cells.get((row, 1)) for row in sheet.rows()} if lanes else sheet.row(sheet.rows()[0]) \
            if sheet.rows() else {}
        by_label = {layout.words(lang)[column.label]: column for lang in ("en", "fr") for column in columns}
        # Two columns may share a label in one language ("Touchpoints"): the first unclaimed one takes it.
        places: dict[int, Column] = {}
        for place, label in header.items():
            column = by_label.get(label) if isinstance(label, str) else None
            if column is None and isinstance(label, str) and not (lanes and place > len(layout.STEP_COLUMNS)):
                self.draft.notes.append(catalogue.problem(
                    "JM605", self.source, (place, 1) if lanes else (sheet.rows()[0], place),
                    f"{sheet.ref(*((place, 1) if lanes else (sheet.rows()[0], place)))} '{label}' is not a "
                    "column of the exported layout: not imported"))
            if column is not None and column not in places.values():
                places[place] = column
        out = []
        if lanes:
            steps = sorted({column for (_, column) in sheet.cells if column > 1})
            for step in steps:
                out.append(self._record(sheet, [(row, step) for row in places], places, by_lane=True))
        else:
            for row in sheet.rows()[1:]:
                out.append(self._record(sheet, [(row, place) for place in places], places, by_lane=False))
        return [record for record in out if record]

    def _record(self, sheet: Sheet, cells: list[tuple[int, int]], places: dict[int, Column],
                by_lane: bool) -> dict[str, tuple[Any, str]]:
        record: dict[str, tuple[Any, str]] = {}
        for row, column in cells:
            spec = places[row if by_lane else column]
            raw = sheet.cells.get((row, column))
            try:
                value = _value(spec.kind, raw, self.kind)
            except ValueError as error:
                self.draft.notes.append(catalogue.problem(
                    "JM604", self.source, (row, column),
                    f"{sheet.ref(row, column)} '{raw}' is not {error}: left out"))
                continue
            if value is not None:
                record[spec.key] = (value, sheet.ref(row, column))
        return record


def read(tables: dict[str, tuple[Sheet, str]], source: str, kind: str) -> Draft:
    """The journey our layout's sheets hold."""
    reader = _Reader(tables, source, kind)
    draft = reader.draft
    data = draft.data
    kinds = {key: kind for key, _, kind in layout.JOURNEY_KEYS}
    for record in reader.records("journey", layout.JOURNEY_COLUMNS):
        key = record.get("key", (None, ""))[0]
        if key not in kinds:
            continue
        raw, ref = record.get("value", (None, ""))
        try:
            value = _value(kinds[key], raw, kind)
        except ValueError:
            value = raw
        head, _, tail = key.partition(".")
        if value is None:
            continue
        if key in layout.REPEATED_KEYS:
            items = data.setdefault("persona", {}).setdefault(tail, [])
            draft.cells[("persona", tail, len(items))] = ref
            items.append(value)
        else:
            (data.setdefault(head, {}) if tail else data)[tail or head] = value
            draft.cells[(head, tail) if tail else (head,)] = ref
    steps = reader.records("steps", layout.STEP_COLUMNS)
    data["touchpoints"] = _part(draft, ("touchpoints",), reader.records("touchpoints", layout.TABLES["touchpoints"]))
    data["stages"] = _part(draft, ("stages",), reader.records("stages", layout.TABLES["stages"]))
    stage_index = {stage.get("id"): index for index, stage in enumerate(data["stages"])}
    where: dict[str, tuple[Any, ...]] = {}
    for record in steps:
        stage_id = record.pop("stage", (None, ""))[0]
        if stage_id not in stage_index:
            stage_index[stage_id] = len(data["stages"])
            data["stages"].append({"id": stage_id, "name": stage_id})
        stage = data["stages"][stage_index[stage_id]]
        path = ("stages", stage_index[stage_id], "steps", len(stage.setdefault("steps", [])))
        stage["steps"].append(_fields(draft, path, record))
        where[str(stage["steps"][-1].get("id"))] = path
    for stage in data["stages"]:
        stage.setdefault("steps", [])
    for key, table, field in (("pain_points", "pain_points", "pain_points"), ("backstage", "backstage", "backstage")):
        for record in reader.records(table, layout.TABLES[table]):
            step = record.pop("step", (None, ""))
            if step[0] not in where:
                _unknown_step(draft, source, step)
                continue
            items = _at(data, where[step[0]]).setdefault(field, [])
            items.append(_fields(draft, (*where[step[0]], key, len(items)), record))
    for record in reader.records("listening_plan", layout.TABLES["listening_plan"]):
        step = record.pop("step", (None, ""))
        if step[0] not in where:
            _unknown_step(draft, source, step)
            continue
        _at(data, where[step[0]])["moment_of_truth"] = _fields(draft, (*where[step[0]], "moment_of_truth"), record)
        draft.cells[(*where[step[0]], "moment_of_truth")] = step[1]
    for record in reader.records("words", layout.TABLES["words"]):
        step, word_kind, text = (record.get(name, (None, "")) for name in ("step", "kind", "text"))
        if step[0] not in where or word_kind[0] not in layout.WORD_KINDS or text[0] is None:
            _unknown_step(draft, source, step if step[0] not in where else word_kind)
            continue
        items = _at(data, where[step[0]]).setdefault(f"{word_kind[0]}s", [])
        draft.cells[(*where[step[0]], f"{word_kind[0]}s", len(items))] = text[1]
        items.append(text[0])
    data["actions"] = _part(draft, ("actions",), reader.records("action_plan", layout.TABLES["action_plan"]))
    for key in ("touchpoints", "actions"):
        if not data[key]:
            del data[key]
    return draft


def _at(data: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any]:
    target: Any = data
    for part in path:
        target = target[part]
    return target  # type: ignore[no-any-return]


def _fields(draft: Draft, path: tuple[Any, ...], record: dict[str, tuple[Any, str]]) -> dict[str, Any]:
    """A record's values, nested where the key is dotted (trigger.event), each with its cell."""
    out: dict[str, Any] = {}
    for key, (value, ref) in record.items():
        head, _, tail = key.partition(".")
        (out.setdefault(head, {}) if tail else out)[tail or head] = value
        draft.cells[(*path, head, tail) if tail else (*path, head)] = ref
        draft.cells.setdefault(path, ref)
    return out


def _part(draft: Draft, path: tuple[Any, ...], records: list[dict[str, tuple[Any, str]]]) -> list[dict[str, Any]]:
    return [_fields(draft, (*path, index), record) for index, record in enumerate(records)]


def _unknown_step(draft: Draft, source: str, cell: tuple[Any, str]) -> None:
    draft.notes.append(catalogue.problem(
        "JM604", source, (1, 1), f"{cell[1] or 'a row'} '{cell[0]}' names no step of the steps sheet: left out"))
