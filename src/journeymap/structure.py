"""Checking a loaded document against the journey format and turning pydantic's errors into positioned problems."""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import ValidationError

from journeymap import catalogue
from journeymap.loading import Document
from journeymap.model import FORMAT_VERSION, Journey, part_of
from journeymap.problems import DataPath, Problem

_TYPE_WORDS = {
    "string": "a text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "list": "a list",
    "dict": "a mapping",
    "model": "a mapping",
    "literal": "one of the allowed words",
}


def is_journey(data: Any) -> bool:
    """A YAML file is a journey when it is a mapping that declares `journeymap:`."""
    return isinstance(data, dict) and "journeymap" in data


def check_structure(document: Document) -> tuple[Journey | None, list[Problem], list[DataPath]]:
    """Validate the whole document; every error pydantic finds becomes one problem at its position.

    Returns the journey (repaired when the file has format errors, see `repair_for_rules`), the problems, and the
    paths that were repaired.
    """
    data = document.data
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else f"a single value ({type(data).__name__})"
        return None, [
            catalogue.problem(
                "JM004",
                document.file,
                document.locate(()),
                f"a journey file holds a mapping, not {found}",
                hint="start the file with `journeymap: 1`",
            )
        ], []
    if "journeymap" not in data:
        return None, [
            catalogue.problem(
                "JM004",
                document.file,
                document.locate(()),
                "not a journey: the file does not declare `journeymap: 1`",
                hint="add `journeymap: 1` as the first key, or leave this file out of the paths to validate",
            )
        ], []
    version = data["journeymap"]
    if type(version) is not int or version != FORMAT_VERSION:
        return None, [
            catalogue.problem(
                "JM005",
                document.file,
                document.locate(("journeymap",)),
                f"unsupported format version {version!r}: this journeymap reads version {FORMAT_VERSION}",
                hint=f"write `journeymap: {FORMAT_VERSION}`",
                path=("journeymap",),
            )
        ], []
    try:
        return Journey.model_validate(data), [], []
    except ValidationError as error:
        problems = sorted({_problem(document, detail) for detail in error.errors(include_url=False)})
        journey, repaired = repair_for_rules(data, error)
        return journey, problems, repaired


def _problem(document: Document, detail: Any) -> Problem:
    path: DataPath = tuple(part for part in detail["loc"] if not _is_validator_tag(part))
    kind = detail["type"]
    value = detail.get("input")
    last = path[-1] if path else "journey"
    file = document.file
    if kind == "extra_forbidden":
        part, model = part_of(path)
        known = list(model.model_fields)
        close = difflib.get_close_matches(str(last), known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
        return catalogue.problem(
            "JM101", file, document.locate(path, key=True), f"unknown key '{last}' in {part}", hint=hint, path=path
        )
    if kind == "missing":
        part, _model = part_of(path)
        return catalogue.problem(
            "JM102",
            file,
            document.locate(path[:-1]),
            f"{part} is missing required key '{last}'",
            path=path,
        )
    position = document.locate(path)
    shown = _show(value)
    if kind.endswith("_type") or kind in ("model_attributes_type", "dataclass_type"):
        expected = _TYPE_WORDS.get(kind.split("_")[0], kind.removesuffix("_type"))
        hint = None
        if isinstance(value, (int, float, bool)) and expected == "a text":
            hint = f'quote it: "{value}"' if not isinstance(value, bool) else "quote it if you mean the word"
        elif isinstance(value, str) and expected == "a list":
            hint = f"write it as a list: [{value}]"
        return catalogue.problem(
            "JM103", file, position, f"'{last}' should be {expected}, not {_describe(value)} {shown}".rstrip(),
            hint=hint, path=path,
        )
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        choices = re.findall(r"'([^']*)'", expected)
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5) if isinstance(value, str) else []
        hint = f"did you mean '{close[0]}'?" if close else None
        if value is None or (isinstance(value, str) and not value.strip()):
            said = f"'{last}' is empty"  # not "'' is not a valid channel", which reads as a typo in the message
        else:
            said = f"{shown} is not a valid {last}" if shown else f"'{last}' is {_describe(value)}, not a value"
        return catalogue.problem("JM104", file, position, f"{said}: expected {expected}", hint=hint, path=path)
    if kind == "string_pattern_mismatch":
        if last == "delay":
            message, hint = f"{shown} is not a valid delay", "write 0, or a number and a unit: 30min, 2h, 3d, 1w"
        else:
            message = f"{shown} is not a valid id"
            hint = "ids use lowercase letters, digits, '-' and '_'"
            if isinstance(value, str) and _slug(value):
                hint += f", e.g. '{_slug(value)}'"
        return catalogue.problem("JM104", file, position, message, hint=hint, path=path)
    bounds = {
        "greater_than_equal": ("at least", "ge"),
        "less_than_equal": ("at most", "le"),
        "greater_than": ("more than", "gt"),
        "less_than": ("less than", "lt"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        limit = detail.get("ctx", {}).get(key)
        return catalogue.problem(
            "JM104", file, position, f"{last} {shown} is out of range: it must be {words} {limit}", path=path
        )
    if kind in ("string_too_short", "too_short"):
        return catalogue.problem("JM104", file, position, f"'{last}' must not be empty", path=path)
    if kind in ("string_too_long", "too_long"):
        limit = detail.get("ctx", {}).get("max_length")
        return catalogue.problem("JM104", file, position, f"'{last}' is longer than {limit} characters", path=path)
    return catalogue.problem("JM104", file, position, f"'{last}': {detail['msg']}", path=path)


def _is_validator_tag(part: Any) -> bool:
    """pydantic inserts the name of a union member or a validator into locations; they are not data keys."""
    return isinstance(part, str) and (
        part.startswith(("function-", "list[", "dict[", "literal[")) or part in ("str", "int", "float", "bool")
    )


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)) or value is None:
        return ""
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _slug(text: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:80]


def repair_for_rules(data: dict[str, Any], error: ValidationError) -> tuple[Journey | None, list[DataPath]]:
    """A model of the valid rest of a broken file, so that references and method checks still run on it.

    Invalid optional values are dropped (their default applies), invalid required ones get a neutral placeholder,
    and the repaired paths are returned: checks must stay silent about them, the format errors already speak.
    Indexes never shift, so every later problem keeps its true position. None when the file is too broken.
    """
    import copy

    from journeymap.model import PART_MODELS

    repaired = copy.deepcopy(data)
    touched: list[DataPath] = []
    for _attempt in range(3):
        for detail in error.errors(include_url=False):
            path: DataPath = tuple(part for part in detail["loc"] if not _is_validator_tag(part))
            if not path or not _repair(repaired, path, detail["type"], len(touched), PART_MODELS):
                return None, touched
            touched.append(path)
        try:
            return Journey.model_validate(repaired), touched
        except ValidationError as again:
            error = again
    return None, touched


def _repair(data: Any, path: DataPath, kind: str, serial: int, models: dict[str, Any]) -> bool:
    parent = data
    for part in path[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return True  # already removed by an earlier repair
    last = path[-1]
    if isinstance(last, int) and not isinstance(parent, dict):  # an index; in a mapping, a key written as a number
        holder = path[-2] if len(path) > 1 else None
        model = models.get(holder) if isinstance(holder, str) else None
        if model is None or not isinstance(parent, list):
            return _drop(data, path[:-1])  # a list of words or ids: drop the whole list
        parent[last] = {
            name: f"invalid-{serial}" if name == "id" else "?"
            for name, field in model.model_fields.items() if field.is_required()
        }
        return True
    if not isinstance(parent, dict):
        return False
    if kind == "extra_forbidden":
        parent.pop(last, None)
        return True
    _name, model = part_of(path)
    field = model.model_fields.get(str(last))
    if field is None:
        return False
    if not field.is_required():
        parent.pop(last, None)
        return True
    if last == "state":
        parent[last] = "target" if parent.get("target_of") else "current"
        return True
    parent[last] = f"invalid-{serial}" if last == "id" else "?"
    return True


def _drop(data: Any, path: DataPath) -> bool:
    if not path:
        return False
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if isinstance(parent, dict):
        parent.pop(path[-1], None)
        return True
    return False
