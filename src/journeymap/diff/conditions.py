"""Fail conditions for CI: named questions over a diff result, each answered by the change records and summary.

`journeymap diff --fail-on NAME[,NAME]` exits 1 when any named condition holds. Names are stable, like change kinds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from journeymap.diff.catalogue import Level
from journeymap.diff.records import DiffResult

FAIL_CONDITIONS: dict[str, str] = {
    "emotion-drop": "a step feels worse, or the journey's average emotion is lower",
    "new-high-pain": "a high-severity pain point is introduced, or a pain point becomes high-severity",
    "unresolved-high-pain": "a high-severity pain point of the current journey is still in the target and no target "
                            "action resolves it",
    "removed-moment-of-truth": "a moment of truth (a listening point) is removed",
    "removed-step": "a step of the current journey is removed",
    "removed-touchpoint": "a touchpoint or a channel of the current journey is removed",
    "any-breaking": "any change at level breaking",
    "any-warning": "any change at level warning or breaking",
}


def _emotion_drop(result: DiffResult) -> bool:
    delta = result.summary.emotion.delta
    return bool(result.of_kind("emotion-dropped", "journey-emotion-dropped")) or (delta is not None and delta < -1e-9)


def _new_high_pain(result: DiffResult) -> bool:
    high = {pain.target_id for pain in result.summary.pain_points
            if pain.status == "introduced" and pain.severity_after == "high"}
    return any(change.target_id in high for change in result.of_kind("pain-point-introduced")) or any(
        change.after == "high" for change in result.of_kind("pain-point-severity-raised")
    )


_CHECKS: dict[str, Callable[[DiffResult], bool]] = {
    "emotion-drop": _emotion_drop,
    "new-high-pain": _new_high_pain,
    "unresolved-high-pain": lambda result: bool(result.of_kind("unresolved-high-pain-point")),
    "removed-moment-of-truth": lambda result: bool(result.of_kind("moment-of-truth-removed")),
    "removed-step": lambda result: bool(result.of_kind("step-removed")),
    "removed-touchpoint": lambda result: bool(result.of_kind("touchpoint-removed", "channel-removed")),
    "any-breaking": lambda result: result.count(Level.BREAKING) > 0,
    "any-warning": lambda result: result.count(Level.BREAKING) + result.count(Level.WARNING) > 0,
}
assert set(_CHECKS) == set(FAIL_CONDITIONS)


def failing_conditions(result: DiffResult, conditions: Sequence[str]) -> list[str]:
    """The named conditions that hold, in the order given (each once). An unknown name is a usage error."""
    unknown = [name for name in conditions if name not in FAIL_CONDITIONS]
    if unknown:
        raise ValueError(
            f"unknown fail condition{'s' if len(unknown) > 1 else ''} {', '.join(repr(n) for n in unknown)}; "
            f"valid: {', '.join(FAIL_CONDITIONS)}"
        )
    return [name for name in dict.fromkeys(conditions) if _CHECKS[name](result)]
