"""Compares training settings by what the model can tell apart, before any threshold is chosen.

    python training/viewpoint/compare.py                      # the settings of train.py, C=1.0
    python training/viewpoint/compare.py --set COLLECTED_WEIGHT=3 --set MAX_WEIGHTS=16000 --checked

For each set: the most that the reported labels can find at a precision of 0.80, 0.83, 0.93 and 0.95 over every
threshold (one for both languages, the grammar's errors included), then the point the training procedure's own
thresholds give. Read 0.80 and 0.83 as the frontier of errors plus warnings (the warning threshold moves) and 0.93
and 0.95 as the frontier of errors alone (the error threshold moves): no threshold does better on that set. Sets: cross-validation by source on
the training rows, the held-apart collected labels, and with --checked the held-apart checked sample (the floors'
sample: look at it last, and say so when a choice was made after reading it). C is 1.0 unless set (train.py
chooses it from C_GRID). To compare features, change the code and run again; nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train  # noqa: E402
from corpus import read_corpus  # noqa: E402
from dataset import Example, checked, collected  # noqa: E402
from measure import Reading, both_levels, decide, read, recall_at_precision  # noqa: E402

FLOORS = (0.80, 0.83, 0.93, 0.95)
SETTINGS = ("C", "COLLECTED_WEIGHT", "MAX_WEIGHTS", "WARNING_PRECISION", "ERROR_PRECISION")


def report(name: str, examples: Sequence[Example], readings: Sequence[Reading], scores: Sequence[float],
           thresholds: dict[str, tuple[float, float, float]]) -> None:  # fmt: skip
    for lang in ("all", "en", "fr"):
        keep = [i for i, e in enumerate(examples) if lang == "all" or e.row.lang == lang]
        truths = [examples[i].is_process for i in keep]
        kept = [readings[i] for i in keep]
        at = [recall_at_precision(truths, kept, [float(scores[i]) for i in keep], floor)[0] for floor in FLOORS]
        outcomes = [
            decide(readings[i], lambda _f, s=float(scores[i]): s, *thresholds[examples[i].row.lang][:2]) for i in keep
        ]
        errors, reported = both_levels(truths, outcomes)
        print(f"{name:10} {lang:3} n={errors.n:<5} "
              + " ".join(f"R@{floor:.2f}={s.recall:.3f}" for floor, s in zip(FLOORS, at))
              + f" | thresholds: errors P={errors.precision:.3f} R={errors.recall:.3f},"
              f" + warnings P={reported.precision:.3f} R={reported.recall:.3f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help=f"one of {SETTINGS}")
    parser.add_argument("--checked", action="store_true", help="also the held-apart checked sample")
    args = parser.parse_args()
    c = 1.0
    for setting in args.set:
        name, _, value = setting.partition("=")
        if name not in SETTINGS:
            parser.error(f"unknown setting {name!r}: one of {SETTINGS}")
        if name == "C":
            c = float(value)
        else:
            setattr(train, name, type(getattr(train, name))(value))
    rows = list(read_corpus())
    examples = train.training_examples(rows)
    readings = [read(e.row.text, e.row.lang) for e in examples]
    scores = train.cross_validated(examples, readings, c)
    thresholds = train.thresholds_of(examples, readings, scores)
    report("cv", examples, readings, scores, thresholds)
    vectoriser = DictVectorizer()
    model = train.fit(vectoriser.fit_transform([r.features for r in readings]),
                      np.array([e.is_process for e in examples]), train.group_weights(examples), c)  # fmt: skip
    sets = [("collected", collected("evaluation"))] + ([("checked", checked("evaluation", rows))] if args.checked else [])
    for name, held_apart in sets:
        held = [read(e.row.text, e.row.lang) for e in held_apart]
        found = model.predict_proba(vectoriser.transform([r.features for r in held]))[:, 1]
        report(name, held_apart, held, found, thresholds)


if __name__ == "__main__":
    main()
