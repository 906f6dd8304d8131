"""A value of the wrong shape anywhere, and keys that are not text: validate, render and diff answer with problems,
never with an exception (issue 11: `lang: [en, fr]` raised "unhashable type", `2024: notes` an IndexError).

Every field of a rich real journey (examples/) is replaced in turn by a list, a mapping, null, a number and a
boolean; every mapping gets keys that are a number, a boolean, null and a date. One field per shape of path (the
indexes of stages, steps... taken as one), so that the run stays short while every field of the format is reached.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import EXAMPLES, ROBUSTNESS_COUNTS
from journeymap.config import Settings
from journeymap.diff import diff_journeys
from journeymap.render.markdown import journey_markdown
from journeymap.render.mermaid import journey_mermaid
from journeymap.render.views import VIEWS, view_dot
from journeymap.validate import validate_paths, validate_text

SOURCES = ("en-b2b-quote-request.yaml", "fr-retail-achat-target.yaml")
WRONG_VALUES: tuple[Any, ...] = (["en", "fr"], {"a": 1}, None, 7, True)
ODD_KEYS: tuple[Any, ...] = (2024, True, None, datetime.date(2024, 1, 1))

Path_ = tuple[Any, ...]


def _data(name: str) -> Any:
    return YAML(typ="safe", pure=True).load((EXAMPLES / name).read_text(encoding="utf-8"))


def _paths(node: Any, path: Path_ = ()) -> Iterator[Path_]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


def _shape(path: Path_) -> tuple[Any, ...]:
    return tuple("#" if isinstance(part, int) else part for part in path)


def _one_per_shape(data: Any, containers: bool) -> list[Path_]:
    chosen: dict[tuple[Any, ...], Path_] = {}
    for path in _paths(data):
        node = _get(data, path)
        if path and (isinstance(node, dict) if containers else True):
            chosen.setdefault(_shape(path), path)
    return list(chosen.values())


def _get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def _replaced(data: Any, path: Path_, value: Any) -> Any:
    copy = json.loads(json.dumps(data, default=str))
    _get(copy, path[:-1])[path[-1]] = value
    return copy


def _with_key(data: Any, path: Path_, key: Any) -> Any:
    copy = json.loads(json.dumps(data, default=str))
    _get(copy, path)[key] = "notes"
    return copy


def _yaml(data: Any) -> str:
    """The data as YAML text, keys kept as they are (a number stays a number, null a null)."""
    import io

    stream = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.dump(data, stream)
    return stream.getvalue()


def _cases() -> list[tuple[str, str, str]]:
    cases = []
    for source in SOURCES:
        data = _data(source)
        for path in _one_per_shape(data, containers=False):
            for value in WRONG_VALUES:
                cases.append((source, f"{'.'.join(map(str, path))} = {value!r}", _yaml(_replaced(data, path, value))))
        for path in [(), *_one_per_shape(data, containers=True)]:
            for key in ODD_KEYS:
                cases.append((source, f"{'.'.join(map(str, path)) or '<top>'}[{key!r}]", _yaml(_with_key(data, path, key))))
    return cases


CASES = _cases()


def test_the_cases_reach_every_kind_of_field():
    assert len(CASES) > 500
    assert any("lang = ['en', 'fr']" in name for _source, name, _text in CASES)
    assert any(name == "<top>[2024]" for _source, name, _text in CASES)


@pytest.mark.parametrize("source", SOURCES)
def test_wrong_shapes_and_odd_keys_end_in_problems_never_exceptions(source):
    original = validate_text((EXAMPLES / source).read_text(encoding="utf-8"), source).journey
    assert original is not None
    failures = []
    reported = 0
    for _source, name, text in (case for case in CASES if case[0] == source):
        try:
            result = validate_text(text, "mutated.yaml")
            assert all(problem.line >= 1 and problem.column >= 1 for problem in result.problems)
            reported += bool(result.problems)
            journey = result.journey
            if journey is not None:  # accepted as it is: it must draw and compare as well
                journey_markdown(journey, problems=sorted(result.problems), source="mutated.yaml")
                journey_mermaid(journey)
                for view in VIEWS:
                    view_dot(journey, view)
                diff_journeys(original, journey)
        except Exception as error:  # noqa: BLE001 - collected, to name every failing field at once
            failures.append(f"{name}: {type(error).__name__}: {error}")
    assert not failures, "\n".join(failures[:20])
    assert reported > 100  # most mutations are format errors, reported as such
    counts = ROBUSTNESS_COUNTS.setdefault("wrong shapes and odd keys (validate, render, diff)",
                                          {"cases": 0, "reported": 0, "exceptions": 0})
    counts["cases"] += sum(1 for case in CASES if case[0] == source)
    counts["reported"] += reported


def test_cli_on_a_list_where_a_word_is_expected(tmp_path, run_cli):
    text = (EXAMPLES / SOURCES[0]).read_text(encoding="utf-8").replace("\nlang: en\n", "\nlang: [en, fr]\n", 1)
    path = tmp_path / "lang.yaml"
    path.write_text(text, encoding="utf-8")
    for command in (["validate", str(path)], ["render", str(path), "-o", str(tmp_path / "out"), "-f", "md"],
                    ["diff", str(EXAMPLES / SOURCES[0]), str(path)]):
        result = run_cli(*command)
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode in (1, 2), (command, result.stdout, result.stderr)
    assert "'lang' is a list" in run_cli("validate", str(path)).stdout


def test_number_key_at_the_top_is_reported(tmp_path):
    text = (EXAMPLES / SOURCES[0]).read_text(encoding="utf-8") + "2024: notes\n"
    (tmp_path / "key.yaml").write_text(text, encoding="utf-8")
    report = validate_paths([tmp_path / "key.yaml"], Settings())
    [result] = report.files
    assert [p.code for p in result.problems if p.severity.value == "error"] == ["JM104"]
