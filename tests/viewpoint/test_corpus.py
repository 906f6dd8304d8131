"""Precision and recall of the viewpoint check on labelled step labels, English and French.

corpus-dev.tsv may be tuned on; corpus-heldout.tsv is never used for tuning and measures what users will see.
Scores are printed at the end of every test run (see conftest.pytest_terminal_summary).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import VIEWPOINT_SCORES as SCORES
from journeymap.viewpoint import check_action, load_lexicon

HERE = Path(__file__).parent

# Floors the check must keep; raise them as the lexicons improve, never lower them silently.
FLOORS = {"dev": (0.95, 0.90), "heldout": (0.90, 0.75)}  # (precision, recall)


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    true_negative: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        flagged = self.true_positive + self.false_positive
        return self.true_positive / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        actual = self.true_positive + self.false_negative
        return self.true_positive / actual if actual else 1.0

    @property
    def total(self) -> int:
        return self.true_positive + self.false_positive + self.false_negative + self.true_negative

    def line(self, name: str) -> str:
        return (f"{name:<14} n={self.total:<4} precision={self.precision:.3f} recall={self.recall:.3f} "
                f"(tp={self.true_positive} fp={self.false_positive} fn={self.false_negative} tn={self.true_negative})")


def read_corpus(name: str) -> list[dict[str, str]]:
    with (HERE / f"corpus-{name}.tsv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))


def score(rows: list[dict[str, str]]) -> Score:
    result = Score()
    for row in rows:
        flagged = check_action(row["action"], load_lexicon(row["lang"])) is not None
        expected = row["label"] == "process"
        if flagged and expected:
            result.true_positive += 1
        elif flagged:
            result.false_positive += 1
            result.misses.append(f"false alarm  [{row['lang']}] {row['action']}")
        elif expected:
            result.false_negative += 1
            result.misses.append(f"missed       [{row['lang']}] {row['action']}")
        else:
            result.true_negative += 1
    return result


def test_corpora_are_large_enough_and_bilingual():
    rows = read_corpus("dev") + read_corpus("heldout")
    assert len(rows) >= 150
    for lang in ("en", "fr"):
        for label in ("process", "customer"):
            assert sum(1 for r in rows if r["lang"] == lang and r["label"] == label) >= 30


@pytest.mark.parametrize("corpus", ["dev", "heldout"])
def test_precision_and_recall(corpus):
    rows = read_corpus(corpus)
    for lang in ("en", "fr"):
        SCORES[f"{corpus}/{lang}"] = score([row for row in rows if row["lang"] == lang])
    overall = SCORES[corpus] = score(rows)
    floor_precision, floor_recall = FLOORS[corpus]
    details = "\n".join(overall.misses)
    assert overall.precision >= floor_precision, f"{overall.line(corpus)}\n{details}"
    assert overall.recall >= floor_recall, f"{overall.line(corpus)}\n{details}"
