"""Whatever the bytes, validate answers with problems, never with an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CLEAN_JOURNEY
from journeymap.reading import decode
from journeymap.validate import validate_text

YAML_PIECES = st.sampled_from(
    [":", "- ", "  ", "\t", "[", "]", "{", "}", "&a ", "*a", "!!str ", "---\n", "\n", "#", '"', "'", "? ", "<<: ",
     "journeymap: 1\n", "stages:\n", "  - id: x\n", "steps: [", "emotion: 9", "next: ", "\x00", "\ufeff", "é"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(YAML_PIECES | st.text(max_size=8), max_size=40).map("".join))
def test_near_yaml_text_never_raises(text):
    result = validate_text(text, "fuzz.yaml")
    assert all(problem.line >= 1 and problem.column >= 1 for problem in result.problems)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=len(CLEAN_JOURNEY) - 1), st.integers(min_value=0, max_value=30),
       st.text(max_size=6))
def test_mutated_journey_never_raises(start, length, replacement):
    text = CLEAN_JOURNEY[:start] + replacement + CLEAN_JOURNEY[start + length:]
    validate_text(text, "mutated.yaml")


@given(st.binary(max_size=200))
def test_arbitrary_bytes_decode_or_report(raw):
    text, problems = decode(raw, "bytes.yaml")
    assert (text is None) == bool(problems)
    if text is not None:
        validate_text(text, "bytes.yaml")
