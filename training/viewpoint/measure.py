"""How the viewpoint check is measured: each label through the shipped pipeline, and precision and recall.

Used by train.py (to choose the model and its thresholds), evaluate.py (the README's figures) and the test suite
(the floors), so that the three always measure the same thing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from journeymap.viewpoint import load_lexicon
from journeymap.viewpoint.features import features, noun_cues
from journeymap.viewpoint.judge import Verdict, before_model
from journeymap.viewpoint.lexicon import Lexicon
from journeymap.viewpoint.scorer import Model


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    return load_lexicon(lang)


@dataclass(frozen=True)
class Reading:
    """What the pipeline needs to know of one label, computed once: the grammar's say and the model's features."""

    text: str
    lang: str
    grammar_error: bool
    sure_customer: bool
    features: dict[str, float]


def read(text: str, lang: str) -> Reading:
    """The label through everything before the model (the lexicon's phrases, the grammar), as judge.judge does."""
    lex = lexicon(lang)
    first = before_model(text, lex)
    if isinstance(first, Verdict):
        # the model never scores such a label; it still learns from its words (without the grammar's say)
        return Reading(text, lang, first.level == "error", first.level is None, features(text, lex, noun_cues(text, lex)))
    return Reading(text, lang, False, False, first)


@dataclass(frozen=True)
class Outcome:
    """The level the pipeline gives one label: "error", "warning" or None."""

    level: str | None
    by: str  # "grammar" or "model"


def decide(reading: Reading, probability: Callable[[dict[str, float]], float], warning: float, error: float) -> Outcome:
    """The pipeline of judge.judge without a journey's names or a team's declarations."""
    if reading.grammar_error:
        return Outcome("error", "grammar")
    if reading.sure_customer:
        return Outcome(None, "grammar")
    p = probability(reading.features)
    if p >= error:
        return Outcome("error", "model")
    if p >= warning:
        return Outcome("warning", "model")
    return Outcome(None, "model")


def shipped(model: Model) -> Callable[[Reading], Outcome]:
    def outcome(reading: Reading) -> Outcome:
        levels = model.thresholds[reading.lang]
        return decide(reading, model.probability, levels.warning, levels.error)

    return outcome


@dataclass(frozen=True)
class Score:
    n: int
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def text(self) -> str:
        return f"n={self.n:<5} P={self.precision:.3f} R={self.recall:.3f} (tp={self.tp} fp={self.fp} fn={self.fn})"


def score(pairs: Iterable[tuple[bool, bool]]) -> Score:
    """(is a process step, was reported) pairs into counts."""
    n = tp = fp = fn = 0
    for truth, reported in pairs:
        n += 1
        tp += truth and reported
        fp += (not truth) and reported
        fn += truth and not reported
    return Score(n, tp, fp, fn)


def both_levels(truths: Sequence[bool], outcomes: Sequence[Outcome]) -> tuple[Score, Score]:
    """The scores of errors alone and of errors plus warnings."""
    errors = score((t, o.level == "error") for t, o in zip(truths, outcomes, strict=True))
    reported = score((t, o.level is not None) for t, o in zip(truths, outcomes, strict=True))
    return errors, reported


def recall_at_precision(
    truths: Sequence[bool], readings: Sequence[Reading], scores: Sequence[float], floor: float
) -> tuple[Score, float]:
    """The most errors plus warnings find while keeping `floor` precision, over every warning threshold (one for
    both languages; the grammar's errors and sure signs as shipped; `scores` are the model's, read only where the
    grammar did not decide), and that threshold: what a model can tell apart on a sample, whatever thresholds were
    shipped. One sweep down the sorted scores."""
    n, positives = len(truths), sum(truths)
    tp = sum(1 for t, r in zip(truths, readings, strict=True) if t and r.grammar_error)
    fp = sum(1 for t, r in zip(truths, readings, strict=True) if not t and r.grammar_error)
    best, best_threshold = Score(n, tp, fp, positives - tp), 1.01
    undecided = sorted(
        ((s, t) for t, r, s in zip(truths, readings, scores, strict=True) if not (r.grammar_error or r.sure_customer)),
        key=lambda pair: -pair[0],
    )
    for index, (threshold, truth) in enumerate(undecided):
        tp, fp = tp + truth, fp + (not truth)
        if index + 1 < len(undecided) and undecided[index + 1][0] == threshold:
            continue  # a threshold reports every row of its score
        found = Score(n, tp, fp, positives - tp)
        if found.precision >= floor and found.recall > best.recall:
            best, best_threshold = found, threshold
    return best, best_threshold
