"""Reading a YAML file into plain data while remembering where every key and value stands.

ruamel.yaml composes the node tree (every node carries its start mark); this module walks that tree itself
instead of letting a constructor build objects. Walking it here is what lets journeymap keep a line:column for
every data path, report duplicate keys and every YAML failure as a Problem, and bound the work an alias bomb or
absurd nesting can cause, without ever raising to the caller.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeymap import catalogue
from journeymap.limits import MAX_DEPTH, MAX_NODES, yaml_beyond_limits
from journeymap.reading import DEFAULT_MAX_BYTES, Position, editor_lines, offset_position, read_text
from journeymap.problems import DataPath, Problem



_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_KNOWN_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)


class Document:
    """A loaded YAML document: plain Python data plus where each piece came from.

    Positions are only needed when something is reported, and most files in a repository are valid: a document
    loaded on the fast path (`load_text`) leaves them out and finds them on first use, by walking its node tree
    with position tracking (kept until then, or until `release_tree`), or the same text again once the tree is
    gone. Either way the tables are exactly those of a walk with positions.
    """

    __slots__ = ("file", "data", "text", "_value_positions", "_key_positions", "_tree")

    def __init__(
        self,
        file: str,
        data: Any,
        text: str,
        value_positions: dict[DataPath, Position] | None = None,
        key_positions: dict[DataPath, Position] | None = None,
    ) -> None:
        self.file = file
        self.data = data
        self.text = text
        self._value_positions = value_positions
        self._key_positions = key_positions if value_positions is not None else None
        self._tree: Any = None

    @property
    def value_positions(self) -> dict[DataPath, Position]:
        if self._value_positions is None:
            self._track_positions()
        return self._value_positions  # type: ignore[return-value]

    @property
    def key_positions(self) -> dict[DataPath, Position]:
        if self._key_positions is None:
            self._track_positions()
        return self._key_positions  # type: ignore[return-value]

    def release_tree(self) -> None:
        """Drop the node tree kept for positions (memory); they are then found by loading the text again."""
        self._tree = None

    def _track_positions(self) -> None:
        tree, self._tree = self._tree, None
        if tree is not None:  # the tree the fast path accepted: bounded, and walked without a problem
            walker = _Walker(self.file)
            with collector_paused():
                walker.walk(tree, ())
            self._value_positions, self._key_positions = walker.value_positions, walker.key_positions
            return
        loaded = _load(self.text, self.file, positions=True)
        document = loaded.document
        if document is None:  # cannot happen: this text loaded once already
            self._value_positions, self._key_positions = {}, {}
            return
        self._value_positions, self._key_positions = document._value_positions, document._key_positions

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.file, self.data, self.text, self._value_positions, self._key_positions)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.file, self.data, self.text, self._value_positions, self._key_positions = state
        self._tree = None

    def __repr__(self) -> str:
        return f"Document(file={self.file!r})"

    def locate(self, path: DataPath, *, key: bool = False) -> Position:
        """Position of the value at `path` (or of its key), falling back to the nearest known ancestor."""
        values = self.value_positions
        table = self.key_positions if key else values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in values:
                return values[probe]
            probe = probe[:-1]
        return values.get((), (1, 1))


@dataclass
class LoadResult:
    """Either a document, or the problems that kept the file from becoming one (never both missing)."""

    document: Document | None
    problems: list[Problem]


class _LimitExceeded(Exception):
    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


def load_file(
    path: Path, display: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, *, named: bool = False
) -> LoadResult:
    shown = display if display is not None else str(path)
    text, problems = read_text(path, shown, max_bytes, named=named)
    if text is None:
        return LoadResult(None, problems)
    return load_text(text, shown)


def load_text(text: str, display: str) -> LoadResult:
    """Parse `text`; every failure becomes a Problem with the best position YAML gives."""
    return _load(text, display, positions=False)


def _load(text: str, display: str, *, positions: bool) -> LoadResult:
    """`load_text`; with `positions=False`, a document that needs no problem reported is built without positions
    (the fast path), and anything unusual is walked with positions as always."""
    with collector_paused():
        return _load_paused(text, display, positions=positions)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building large acyclic structures.

    Composing and walking a document allocates a node, a mark and a value per YAML node, all alive until the walk
    ends; the collector, triggered every few hundred allocations, scans them again and again, which made loading
    a 4,000-step journey take twice as long, and a run over a thousand files a third longer. Reference counting
    still frees everything; the rare cycles left are collected once the collector resumes.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _load_paused(text: str, display: str, *, positions: bool) -> LoadResult:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    refused = yaml_beyond_limits(text, display)  # before the parsers, which would build it all first
    if refused is not None:
        return LoadResult(None, [refused])
    try:
        with warnings.catch_warnings():  # ruamel warns on stderr (e.g. a reused anchor, which YAML 1.2 allows)
            warnings.simplefilter("ignore")
            yaml = None
            # libyaml's path resolves every file as YAML 1.2: a file that names its version (`%YAML 1.1`, where
            # `no` is false and `010` is eight) is read by the pure-Python parser, which follows the directive.
            first, second = (_FAILED, None) if _VERSION_DIRECTIVE.search(text) else _compose_fast(text)
            if first is _FAILED:
                yaml = _pure_yaml()
                nodes = iter(yaml.compose_all(text))
                first = next(nodes, None)
                second = next(nodes, None)
    except MarkedYAMLError as error:
        return LoadResult(None, [_marked_problem(error, display, text)])
    except ReaderError as error:
        position = offset_position(text, error.position)
        return LoadResult(
            None,
            [
                catalogue.problem(
                    "JM001",
                    display,
                    position,
                    f"character {error.character!r} is not allowed in YAML",
                    hint="remove control characters such as NUL from the file",
                )
            ],
        )
    except RecursionError:
        return LoadResult(
            None,
            [catalogue.problem("JM008", display, (1, 1), "YAML nesting is too deep to be a journey")],
        )
    except YAMLError as error:  # anything else ruamel reports without a mark
        return LoadResult(None, [catalogue.problem("JM001", display, (1, 1), f"invalid YAML: {error}")])
    except (AssertionError, ValueError, TypeError, IndexError, KeyError) as error:
        # ruamel's own consistency checks (e.g. `%YAML 1.3`) fail this way: still the file's fault, never a traceback
        return LoadResult(None, [catalogue.problem("JM001", display, (1, 1), f"YAML parser refused the file: {error}")])
    if first is None:
        return LoadResult(
            None,
            [catalogue.problem("JM004", display, (1, 1), "file is empty: a journey file needs a mapping with `journeymap: 1`")],
        )
    if second is not None:
        position = _mark(second.start_mark)
        return LoadResult(
            None,
            [
                catalogue.problem(
                    "JM006",
                    display,
                    position,
                    "file holds several YAML documents; a journey file holds exactly one",
                    hint="split the journeys into one file each",
                )
            ],
        )
    if not positions and yaml is None and "&" not in text and "\\" not in text:
        # No anchor, so no alias: the graph is a tree, and a walk that counts its nodes bounds the work as
        # `_check_expansion` would. No backslash, so no escaped surrogate to pair.
        data = _plain_data(first)
        if data is not _UNUSUAL:
            document = Document(display, data, text)
            document._tree = first
            return LoadResult(document, [])
    walker = _Walker(display, yaml)
    try:
        _check_expansion(first)
        data = walker.walk(first, ())
    except _LimitExceeded as error:
        return LoadResult(None, [catalogue.problem("JM008", display, error.position, error.message)])
    document = Document(display, data, text, walker.value_positions, walker.key_positions)
    return LoadResult(document, walker.problems)


_FAILED = object()
_VERSION_DIRECTIVE = re.compile(r"^%YAML", re.MULTILINE)


def _compose_fast(text: str) -> tuple[Any, Any]:
    """The first two documents through libyaml (ruamel.yaml.clib), about thirty times faster than pure Python.

    libyaml scans a few odd constructs differently (it refuses `?` inside a plain scalar in a flow mapping, for
    one), so any failure here is decided again by the pure-Python parser, whose verdict and messages are the
    reference. Node tags are resolved by ruamel's YAML 1.2 resolver's table in both cases.
    """
    composer = _composer_class()
    if composer is None:  # ruamel.yaml.clib is not installed
        return _FAILED, None
    try:
        parser = composer(text)
        try:
            first = parser.get_node() if parser.check_node() else None
            second = parser.get_node() if first is not None and parser.check_node() else None
            return first, second
        finally:
            parser.dispose()
    except Exception:  # noqa: BLE001 - libyaml's verdict is only a shortcut; the pure parser decides
        return _FAILED, None


@functools.cache
def _composer_class() -> type | None:
    """libyaml's composer with the tag resolution of ruamel's `YAML(typ="safe")` on the C parser, minus its cost.

    ruamel resolves every scalar through a Python property chain that dominated loading; this resolver uses the
    same YAML 1.2 table (ruamel's C path always resolves as YAML 1.2, whatever a `%YAML` directive says: files
    with one never come here), looked up by first character, and returns one shared Tag per tag, which nodes keep
    as they are.
    """
    try:
        from _ruamel_yaml import CParser  # ruamel.yaml.clib
        from ruamel.yaml.nodes import ScalarNode, SequenceNode
        from ruamel.yaml.resolver import implicit_resolvers
    except ImportError:
        return None
    table: dict[Any, list[tuple[Any, Any]]] = {}
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:
            for character in first or [None]:
                table.setdefault(character, []).append((_tag(tag), regexp))
    anywhere = tuple(table.pop(None, []))
    by_first = {character: tuple(resolvers) + anywhere for character, resolvers in table.items()}
    string, sequence, mapping = _tag(_STR), _tag(_SEQ), _tag(_MAP)

    class _Composer(CParser):  # type: ignore[misc, valid-type]
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode:
                if implicit[0]:
                    for tag, regexp in by_first.get(value[0] if value else "", anywhere):
                        if regexp.match(value):
                            return tag
                return string
            return sequence if kind is SequenceNode else mapping

        def descend_resolver(self, parent: Any, index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

    return _Composer


def _pure_yaml() -> Any:
    """A new pure-Python YAML 1.2 loader: its parser, resolver and constructor keep per-document state."""
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True)


@functools.cache
def _tag(name: str) -> Any:
    from ruamel.yaml.tag import Tag

    return Tag(suffix=name)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _mark(mark: Any) -> Position:
    return (mark.line + 1, mark.column + 1)


def _marked_problem(error: Any, display: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    position = _mark(mark) if mark is not None else (1, 1)
    problem = (error.problem or "invalid YAML").strip()
    if error.context:
        problem = f"{problem} ({error.context})"
    hint = None
    code = "JM001"
    lowered = problem.lower()
    lines = editor_lines(text)
    at = lines[position[0] - 1][position[1] - 1: position[1]] if position[0] <= len(lines) else ""
    if at == "\t" or "'\\t'" in problem or "tab" in lowered:
        hint = "YAML indentation uses spaces, never tabs"
    elif "duplicate" in lowered:
        code = "JM002"
    elif "mapping values are not allowed" in lowered:
        hint = "a value containing ': ' must be quoted"
    elif "found undefined alias" in lowered:
        hint = "define the anchor (&name) before using the alias (*name)"
    return catalogue.problem(code, display, position, problem, hint=hint)


def _check_expansion(root: Any) -> None:
    """Refuse, before building anything, a tree whose aliases would expand past MAX_NODES ("billion laughs").

    The composed graph shares aliased nodes, so its expanded size is computed once per distinct node.
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()
    shared = False  # a node reached twice: an alias

    def size(node: Any, depth: int) -> int:
        nonlocal shared
        key = id(node)
        if key in sizes:
            shared = True
            return sizes[key]
        position = _mark(node.start_mark)
        if depth > MAX_DEPTH:
            raise _LimitExceeded(f"YAML nesting deeper than {MAX_DEPTH} levels", position)
        if key in active:
            raise _LimitExceeded("an alias refers to the node that contains it (a recursive structure)", position)
        total = 1
        if isinstance(node.value, list):
            active.add(key)
            for item in node.value:
                if isinstance(item, tuple):
                    total += size(item[0], depth + 1) + size(item[1], depth + 1)
                else:
                    total += size(item, depth + 1)
                if total > MAX_NODES:
                    cause = "its aliases expand to" if shared else "it holds"
                    raise _LimitExceeded(f"document too large: {cause} more than {MAX_NODES:,} YAML values", position)
            active.discard(key)
        sizes[key] = total
        return total

    size(root, 0)


def _node_classes() -> tuple[type, type, type]:
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    return ScalarNode, SequenceNode, MappingNode


_SCALAR_CACHE: dict[tuple[str, str], Any] = {}
_SCALAR_CACHE_LIMIT = 4096
_IMMUTABLE_SCALARS = (bool, int, float, type(None), datetime.date)  # datetime.datetime is a date


class _Constructor:
    """Scalar values as ruamel's safe constructor makes them, remembered by (tag, text) on the libyaml path.

    On that path (files without a `%YAML` directive) the constructor resolves as YAML 1.2, so a value depends on
    its tag and text only, and numbers, booleans and dates repeat across the files of a repository. On the pure-Python
    path the constructor of the YAML instance that composed the document decides (a `%YAML 1.1` directive
    changes what `010` means), uncached.
    """

    def __init__(self, yaml: Any = None) -> None:
        self.yaml = yaml
        self._own: Any = None

    def __call__(self, node: Any, tag: str) -> Any:
        if self.yaml is not None:
            return self.yaml.constructor.construct_object(node, deep=True)
        key = (tag, node.value)
        try:
            return _SCALAR_CACHE[key]
        except KeyError:
            pass
        if self._own is None:
            self._own = _pure_yaml().constructor
        value = self._own.construct_object(node, deep=True)
        if isinstance(value, _IMMUTABLE_SCALARS):
            if len(_SCALAR_CACHE) >= _SCALAR_CACHE_LIMIT:
                _SCALAR_CACHE.clear()
            _SCALAR_CACHE[key] = value
        return value


class _Unusual(Exception):
    """The plain walk met something only the walk with positions reports or handles."""


_UNUSUAL = object()


def _plain_data(root: Any) -> Any:
    """The data of a node tree with no anchor, without positions; `_UNUSUAL` when the walk with positions must
    decide (anything it would report as a problem, merge keys, non-text keys, nesting or size past the limits).

    On the trees it accepts it returns exactly the data `_Walker` returns, with no problem, doing a fraction of the
    work: this is the path every valid file takes.
    """
    scalar_node, sequence_node, mapping_node = _node_classes()
    string, sequence, mapping = _tag(_STR), _tag(_SEQ), _tag(_MAP)
    construct = _Constructor()
    count = 0

    def scalar(node: Any) -> Any:
        if node.ctag is string:
            return node.value
        name = node.tag
        if name not in _KNOWN_SCALAR_TAGS:
            raise _Unusual
        if name == _STR:
            return node.value
        try:
            return construct(node, name)  # type: ignore[arg-type]
        except Exception as error:  # noqa: BLE001 - reported by the walk with positions
            raise _Unusual from error

    def walk(node: Any, depth: int) -> Any:
        nonlocal count
        count += 1
        if depth > MAX_DEPTH or count > MAX_NODES:
            raise _Unusual
        kind = type(node)
        if kind is scalar_node:
            return scalar(node)
        if kind is mapping_node:
            if node.ctag is not mapping and node.tag != _MAP:
                raise _Unusual
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                count += 1
                if type(key_node) is not scalar_node or depth >= MAX_DEPTH:
                    raise _Unusual
                if key_node.ctag is not string and key_node.tag != _STR:
                    raise _Unusual  # merge keys, numbers or booleans as keys: rare
                key = key_node.value
                if key in result:
                    raise _Unusual
                result[key] = walk(value_node, depth + 1)
            return result
        if kind is sequence_node:
            if node.ctag is not sequence and node.tag != _SEQ:
                raise _Unusual
            return [walk(item, depth + 1) for item in node.value]
        raise _Unusual

    try:
        return walk(root, 0)
    except (_Unusual, RecursionError):
        return _UNUSUAL


class _Walker:
    """Turns a node tree into plain data and position tables; `_check_expansion` has already bounded the work."""

    def __init__(self, display: str, yaml: Any = None) -> None:
        self.construct = _Constructor(yaml)
        self.display = display
        self.value_positions: dict[DataPath, Position] = {}
        self.key_positions: dict[DataPath, Position] = {}
        self.problems: list[Problem] = []
        self.nodes = _node_classes()
        self.string = _tag(_STR)

    def walk(self, node: Any, path: DataPath) -> Any:
        scalar_node, sequence_node, mapping_node = self.nodes
        mark = node.start_mark
        position = (mark.line + 1, mark.column + 1)
        self.value_positions[path] = position
        if isinstance(node, scalar_node):
            return self._scalar(node, position)
        if isinstance(node, sequence_node):
            self._check_tag(node, _SEQ, position)
            return [self.walk(item, (*path, index)) for index, item in enumerate(node.value)]
        if isinstance(node, mapping_node):
            self._check_tag(node, _MAP, position)
            return self._mapping(node, path)
        raise _LimitExceeded(f"unsupported YAML node {type(node).__name__}", position)

    def _check_tag(self, node: Any, expected: str, position: Position) -> None:
        if node.ctag is not _tag(expected) and node.tag not in (expected, None):
            self.problems.append(
                catalogue.problem("JM009", self.display, position, f"YAML tag {node.tag!r} is not supported in a journey")
            )

    def _scalar(self, node: Any, position: Position) -> Any:
        if node.ctag is self.string:
            return self._text(node.value, position)
        tag = node.tag
        if tag not in _KNOWN_SCALAR_TAGS:
            self.problems.append(
                catalogue.problem(
                    "JM009",
                    self.display,
                    position,
                    f"YAML tag {tag!r} is not supported in a journey",
                    hint="remove the tag; journeys use plain strings, numbers and booleans",
                )
            )
            return node.value
        if tag == _STR:
            return self._text(node.value, position)
        try:
            return self.construct(node, tag)
        except Exception as error:  # a malformed timestamp or number that the resolver accepted
            self.problems.append(
                catalogue.problem("JM001", self.display, position, f"cannot read value {node.value!r}: {error}")
            )
            return node.value

    def _text(self, value: str, position: Position) -> str:
        """JSON-style escapes of emoji ("\\ud83d\\ude00") reach us as surrogate halves: pair them; refuse a lone one."""
        if not _SURROGATE.search(value):
            return value
        joined = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        if "\ufffd" in joined and "\ufffd" not in value:
            self.problems.append(
                catalogue.problem(
                    "JM001", self.display, position, "text contains an unpaired surrogate escape (\\ud800-\\udfff)",
                    hint="write the character itself, or escape it as \\U0001F600",
                )
            )
        return joined

    def _mapping(self, node: Any, path: DataPath) -> dict[Any, Any]:
        ScalarNode, SequenceNode, MappingNode = self.nodes  # noqa: N806

        result: dict[Any, Any] = {}
        merged: list[tuple[Any, Any]] = []
        for key_node, value_node in node.value:
            key_position = _mark(key_node.start_mark)
            if key_node.ctag is not self.string and key_node.tag == _MERGE:
                sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
                for source in sources:
                    if isinstance(source, MappingNode):
                        merged.extend(source.value)
                    else:
                        self.problems.append(
                            catalogue.problem("JM001", self.display, key_position, "a merge key (<<) must name a mapping")
                        )
                continue
            if not isinstance(key_node, ScalarNode):
                self.problems.append(
                    catalogue.problem(
                        "JM009",
                        self.display,
                        key_position,
                        "a key must be a plain word, not a list or mapping",
                    )
                )
                continue
            key = self._scalar(key_node, key_position)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                key = str(key)
            if key in result:
                first = self.key_positions.get((*path, key), (0, 0))
                self.problems.append(
                    catalogue.problem(
                        "JM002",
                        self.display,
                        key_position,
                        f"duplicate key {key!r} (first defined at line {first[0]})",
                        hint="YAML keeps only one of them; remove or merge the duplicate",
                        path=(*path, key),
                    )
                )
                continue
            self.key_positions[(*path, key)] = key_position
            result[key] = self.walk(value_node, (*path, key))
        for key_node, value_node in merged:  # merged keys never override explicit ones
            if not isinstance(key_node, ScalarNode):
                continue
            key = self._scalar(key_node, _mark(key_node.start_mark))
            if key in result or not isinstance(key, (str, int, float, bool)):
                continue
            self.key_positions[(*path, key)] = _mark(key_node.start_mark)
            result[key] = self.walk(value_node, (*path, key))
        return result
