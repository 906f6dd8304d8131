"""YAML loading: positions for every key and value, and every YAML failure as a positioned problem."""

from __future__ import annotations

import pytest

from journeymap.loading import load_text
from journeymap.reading import decode


def codes(result):
    return [(p.line, p.column, p.code) for p in result.problems]


def test_positions_of_keys_and_values_are_one_based():
    result = load_text("a: 1\nlist:\n  - x: hello\n", "f.yaml")
    document = result.document
    assert result.problems == []
    assert document.data == {"a": 1, "list": [{"x": "hello"}]}
    assert document.locate(("list", 0, "x")) == (3, 8)
    assert document.locate(("list", 0, "x"), key=True) == (3, 5)
    assert document.locate(("a",), key=True) == (1, 1)
    # an unknown path falls back to the nearest ancestor that exists
    assert document.locate(("list", 0, "missing")) == (3, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: [1\nb: 2\n", (2, 2, "JM001")),  # unclosed flow sequence
        ("a:\n\tb: 1\n", (2, 1, "JM001")),  # tab indentation
        ("a: b: c\n", (1, 5, "JM001")),  # unquoted ': '
        ("a: 1\na: 2\n", (2, 1, "JM002")),  # duplicate key
        ("a: *nowhere\n", (1, 4, "JM001")),  # undefined alias
        ("a: 1\n---\nb: 2\n", (3, 1, "JM006")),  # several documents
        ("a: !custom x\n", (1, 4, "JM009")),  # custom tag
        ("? [a, b]\n: 1\n", (1, 3, "JM009")),  # complex key
        ("x: \x00\n", (1, 4, "JM001")),  # NUL byte
        ("", (1, 1, "JM004")),  # empty file
        ("# only a comment\n", (1, 1, "JM004")),
    ],
)
def test_yaml_failures_become_positioned_problems(text, expected):
    result = load_text(text, "f.yaml")
    assert expected in codes(result), codes(result)


def test_tab_hint_says_spaces():
    result = load_text("a:\n\tb: 1\n", "f.yaml")
    assert "tabs" in (result.problems[0].hint or "")


def test_duplicate_key_names_first_line_and_keeps_first_value():
    result = load_text("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert result.document.data["a"] == 1
    assert "line 1" in result.problems[0].message


def test_alias_bomb_is_refused_quickly():
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 12):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 9)}]")
    result = load_text("\n".join(lines) + "\n", "bomb.yaml")
    assert result.document is None
    assert [p.code for p in result.problems] == ["JM008"]


def test_recursive_alias_is_refused():
    result = load_text("a: &x [1, *x]\n", "f.yaml")
    assert [p.code for p in result.problems] == ["JM008"]


def test_deep_nesting_is_refused():
    depth = 5000
    result = load_text("[" * depth + "]" * depth + "\n", "deep.yaml")
    assert result.document is None
    assert [p.code for p in result.problems] == ["JM008"]


def test_merge_keys_do_not_override_explicit_keys():
    result = load_text("base: &b {x: 1, y: 2}\nthing:\n  <<: *b\n  y: 3\n", "f.yaml")
    assert result.document.data["thing"] == {"x": 1, "y": 3}


def test_yaml_1_2_scalars():
    data = load_text("a: yes\nb: 0o12\nc: 1.5\nd: ~\ne: true\n", "f.yaml").document.data
    assert data == {"a": "yes", "b": 10, "c": 1.5, "d": None, "e": True}


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"\xef\xbb\xbfa: 1\n", "a: 1\n"),  # UTF-8 with BOM
        ("a: é\n".encode("utf-16"), "a: é\n"),  # UTF-16 with BOM
        (b"a: 1\r\nb: 2\r\n", "a: 1\r\nb: 2\r\n"),  # CRLF kept; YAML reads it
    ],
)
def test_encodings_yaml_allows(raw, text):
    decoded, problems = decode(raw, "f.yaml")
    assert problems == [] and decoded == text


def test_crlf_positions():
    result = load_text("a: 1\r\nb: x\r\n", "f.yaml")
    assert result.document.locate(("b",)) == (2, 4)


def test_invalid_utf8_names_the_byte_and_line():
    decoded, problems = decode(b"a: 1\nb: caf\xe9\n", "f.yaml")
    assert decoded is None
    assert (problems[0].line, problems[0].column, problems[0].code) == (2, 7, "JM003")
    assert "0xe9" in problems[0].message


def test_libyaml_and_pure_python_parsers_give_the_same_data_and_positions(monkeypatch):
    """libyaml (ruamel.yaml.clib) is only an accelerator: the pure-Python parser must agree on every example."""
    from conftest import CLEAN_JOURNEY, EXAMPLES
    from journeymap import loading

    texts = [CLEAN_JOURNEY] + [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.yaml"))]
    fast = [loading.load_text(text, "f.yaml").document for text in texts]
    assert loading._compose_fast("a: 1\n")[0] is not loading._FAILED, "ruamel.yaml.clib is not installed"
    monkeypatch.setattr(loading, "_compose_fast", lambda text: (loading._FAILED, None))
    pure = [loading.load_text(text, "f.yaml").document for text in texts]
    for one, other in zip(fast, pure, strict=True):
        assert one.data == other.data
        assert one.value_positions == other.value_positions and one.key_positions == other.key_positions


def test_json_style_surrogate_escapes_become_characters():
    result = load_text('a: "smile \\ud83d\\ude00"\nb: "lone \\ud83d"\n', "f.yaml")
    assert result.document.data["a"] == "smile 😀"
    assert [(p.code, p.line) for p in result.problems] == [("JM001", 2)]


@pytest.mark.parametrize(
    "directive, expected",
    [
        ("", {"flag": "no", "octal": 10, "switch": "on"}),  # YAML 1.2, the default
        ("%YAML 1.2\n---\n", {"flag": "no", "octal": 10, "switch": "on"}),
        ("%YAML 1.1\n---\n", {"flag": False, "octal": 8, "switch": True}),  # what the file asks for
    ],
)
def test_a_version_directive_is_followed(directive: str, expected: dict) -> None:
    """libyaml's path reads every file as YAML 1.2; a file that names its version is read as it says."""
    result = load_text(directive + "flag: no\noctal: 010\nswitch: on\n", "v.yaml")
    assert result.document is not None, result.problems
    assert result.document.data == expected


def test_a_yaml_1_1_journey_may_say_no() -> None:
    from conftest import CLEAN_JOURNEY
    from journeymap.validate import validate_text

    text = CLEAN_JOURNEY.replace("visible: false", "visible: no").replace("How easy was it?", "How easy was it")
    codes = [problem.code for problem in validate_text(text, "j.yaml").problems]
    assert codes == ["JM103"]  # YAML 1.2: `no` is a text
    assert validate_text("%YAML 1.1\n---\n" + text, "j.yaml").problems == []
