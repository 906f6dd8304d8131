"""A journey on its way from a sheet to YAML: its data, the cell each value came from, and what the YAML says
about it in comments.

Recognisers (sheets/recognise.py for other people's layouts, sheets/native.py for ours) fill a Draft; the
importer writes it with ruamel.yaml, comments included, then validates the text and sends every problem back to
the cell its value came from (`Sheet1!C7`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from journeymap.problems import DataPath, Problem
from journeymap.sheets.grid import CellValue
from journeymap.text import visible

# The order a journey file is read in (the README's and the examples' order).
KEY_ORDER = ("journeymap", "id", "title", "state", "target_of", "kind", "lang", "objective", "owner", "evidence",
             "description", "persona", "touchpoints", "stages", "actions")


@dataclass(frozen=True)
class Value:
    """One value read from one cell, with where it was (`ref` is "Sheet1!C7") and, for an emotion read from a
    marker's place, how it was read."""

    value: CellValue
    ref: str
    row: int
    column: int
    how: str | None = None
    extra: tuple[tuple[str, Any], ...] = ()  # e.g. (("owner", "Kitchen"), ("visible", True)) on a backstage row

    def get(self, key: str) -> Any:
        return dict(self.extra).get(key)


@dataclass
class Found:
    """One step's cells, whatever the layout: its stage's name and, per field, its values in the sheet's order."""

    stage: Value | None
    values: dict[str, list[Value]] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)

    def add(self, name: str, value: Value) -> None:
        self.values.setdefault(name, []).append(value)

    def first(self, name: str) -> Value | None:
        values = self.values.get(name)
        return values[0] if values else None


@dataclass
class Draft:
    """The journey's data as the format writes it, where each value came from and the comments to write."""

    data: dict[str, Any]
    cells: dict[DataPath, str] = field(default_factory=dict)
    comments: dict[DataPath, str] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)  # the file's opening comment, one line each
    notes: list[Problem] = field(default_factory=list)  # what the sheet itself made us say (JM60x)

    def put(self, path: DataPath, value: Any, ref: str | None = None, comment: str | None = None) -> None:
        """Set `value` at `path` (its parents exist), remembering its cell and its comment."""
        *parents, last = path
        target: Any = self.data
        for part in parents:
            target = target[part]
        if isinstance(target, list):
            target.append(value)
        else:
            target[last] = value
        if ref is not None:
            self.cells[path] = ref
        if comment:
            self.comments[path] = comment

    def cell_of(self, path: DataPath) -> str | None:
        """The cell of the closest value at or above `path`: a problem about a step's emotion points at the
        emotion's cell, one about the step at the step's."""
        for end in range(len(path), -1, -1):
            ref = self.cells.get(path[:end])
            if ref is not None:
                return ref
        return None

    def to_yaml(self, schema_reference: str | None = None) -> str:
        """The journey as commented YAML: an opening comment, then each value with its comment at the line's end
        (or above a mapping)."""
        from ruamel.yaml import YAML

        yaml = YAML()
        yaml.indent(mapping=2, sequence=4, offset=2)
        yaml.width = 100
        ordered = {key: self.data[key] for key in KEY_ORDER if key in self.data}
        ordered.update({key: value for key, value in self.data.items() if key not in ordered})
        root = self._commented(ordered, ())
        lines = ([f"yaml-language-server: $schema={schema_reference}"] if schema_reference else []) + self.header
        if lines:
            root.yaml_set_start_comment("\n".join(visible(line) for line in lines))
        out = io.StringIO()
        yaml.dump(root, out)
        return out.getvalue()

    def _commented(self, value: Any, path: DataPath) -> Any:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq
        from ruamel.yaml.scalarstring import LiteralScalarString

        if isinstance(value, dict):
            mapping = CommentedMap()
            for key, item in value.items():
                mapping[key] = self._commented(item, (*path, key))
                comment = self.comments.get((*path, key))
                if comment is not None:
                    mapping.yaml_add_eol_comment(visible(comment), key)
            return mapping
        if isinstance(value, list):
            sequence = CommentedSeq()
            for index, item in enumerate(value):
                sequence.append(self._commented(item, (*path, index)))
                comment = self.comments.get((*path, index))
                if comment is not None and isinstance(item, dict) and item:  # on the item's first line
                    sequence[index].yaml_add_eol_comment(visible(comment), next(iter(item)))
                elif comment is not None:
                    sequence.yaml_add_eol_comment(visible(comment), index)
            return sequence
        if isinstance(value, str) and "\n" in value:
            return LiteralScalarString(value)
        return value
