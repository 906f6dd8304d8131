"""The checked rows: the corpus's texts joined with the decisions recorded by id in checked/*.tsv.

checked/training.tsv and checked/evaluation.tsv hold one decision per row read (customer, process, either, drop; see
LABELLING.md); evaluation rows come from source groups that no training row comes from (select_rows.py), and no
model or threshold is ever fitted on them.
"""

from __future__ import annotations

import csv
import urllib.parse
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corpus import Row, read_corpus, source_group, stable_order

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


COLLECTED = tuple(
    HERE / "collected" / name
    for name in ("labels.tsv", "labels-2.tsv", "labels-3.tsv", "labels-4.tsv", "labels-5.tsv", "labels-6.tsv",
                 "labels-7.tsv")
)
TRAINING_SHARE = "b"  # a group trains when its digest is below this: 11 groups in 16
COLLECTED_SEED = "journeymap-collected-2026"


def collected_group(source: str) -> str:
    """A web site, or a repository grouped as the shared corpus groups it (copies of one school assignment and the
    repositories of one organisation are one group): pages of one site are written by one team."""
    if source.startswith(("http://", "https://")):
        host = urllib.parse.urlparse(source).netloc.lower()
        return "web:" + host.removeprefix("www.")
    return source_group(source.split("@")[0].split(":")[0])


@lru_cache(maxsize=None)
def checked_groups(part: str) -> frozenset[str]:
    """The source groups of the rows read for one part of the checked sample, whatever their decision."""
    ids = set(read_decisions(f"{part}.tsv"))
    return frozenset(row.group for row in read_corpus() if row.id in ids)


def _collected_rows(path: Path) -> list[Row]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            Row(record["id"], record["text"], record["lang"], record["label"], record["decided_by"], "collected",
                record["source"], record["licence"], collected_group(record["source"]))
            for record in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]  # fmt: skip


def collected(part: str) -> list[Example]:
    """Step labels collected from public journey maps, blueprints and process pages (collected/SOURCES*.md), each
    decided by who performs it in its source.

    The first collection (labels.tsv) trains: its labels were read while the grammar was being written. The later
    ones are split by source group, by a seeded digest: about two thirds train ("training"), the rest only measure
    ("evaluation"). A group of the held-apart checked sample only measures, whatever the collection; a group of the
    first collection or of the checked training rows always trains.
    """
    first, *later = (_collected_rows(path) for path in COLLECTED)
    measured = checked_groups("evaluation")
    trained = {row.group for row in first} | checked_groups("training")
    out = []
    for row in first + [row for rows in later for row in rows]:
        if row.group in measured:
            trains = False
        else:
            trains = row.group in trained or stable_order(row.group, COLLECTED_SEED) < TRAINING_SHARE
        if trains == (part == "training"):
            out.append(Example(row, row.weak_label))
    return out
