"""The checked rows: the corpus's texts joined with the decisions recorded by id in checked/*.tsv.

checked/training.tsv and checked/evaluation.tsv hold one decision per row read (customer, process, either, drop; see
LABELLING.md); evaluation rows come from source groups that no training row comes from (select_rows.py), and no
model or threshold is ever fitted on them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from corpus import Row, read_corpus

HERE = Path(__file__).resolve().parent
CHECKED = HERE / "checked"
DECISIONS = ("customer", "process", "either", "drop")


@dataclass(frozen=True)
class Example:
    row: Row
    label: str  # "customer" or "process": the checked decision

    @property
    def is_process(self) -> bool:
        return self.label == "process"


def read_decisions(name: str) -> dict[str, str]:
    with open(CHECKED / name, encoding="utf-8", newline="") as handle:
        decisions = {r["id"]: r["decision"] for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)}
    unknown = {d for d in decisions.values() if d not in DECISIONS}
    if unknown:
        raise ValueError(f"{name}: unknown decisions {sorted(unknown)}")
    return decisions


def checked(part: str, rows: list[Row] | None = None) -> list[Example]:
    """The decided rows of one part ("training" or "evaluation"), in corpus order; either and drop left out."""
    decisions = read_decisions(f"{part}.tsv")
    rows = rows if rows is not None else list(read_corpus())
    found = [Example(row, decisions[row.id]) for row in rows if decisions.get(row.id) in ("customer", "process")]
    missing = set(decisions) - {row.id for row in rows}
    if missing:
        raise ValueError(f"{part}.tsv: {len(missing)} ids are not in the corpus (e.g. {sorted(missing)[:3]})")
    return found


def weak(rows: list[Row] | None = None) -> list[Example]:
    """Every corpus row with its weak label (the lane's or role's), for the figures on the whole corpus."""
    return [Example(row, row.weak_label) for row in (rows if rows is not None else read_corpus())]
