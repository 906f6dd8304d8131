"""Reads ../shared/viewpoint-corpus in place (it is never copied here) and says which source group a row is from.

A source group is a project, not a repository: forks and copies of one school assignment, and the repositories of
one organisation, write alike, so no group may be on both sides of a train/test split.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS_FILES = ("diagrams.tsv", "user-stories.tsv")

# Organisations whose repositories share authors and style, and assignments copied across many repositories.
_ORGANISATIONS = {"0Ankit0", "Sylius", "BitBagCommerce", "Setono", "odiseoteam", "mad-coders", "oroinc", "DigiBP",
                  "AgileVentures", "alphagov", "owncloud"}  # fmt: skip
_SAME_PROJECT = {"BitBagCommerce": "Sylius", "Setono": "Sylius", "odiseoteam": "Sylius", "mad-coders": "Sylius"}
_ASSIGNMENTS = (
    (re.compile(r"vite-?(et-)?gourmand", re.I), "assignment:vite-gourmand"),
    (re.compile(r"zombieland", re.I), "assignment:zombieland"),
    (re.compile(r"alx-airbnb-project-documentation", re.I), "assignment:alx-airbnb"),
    (re.compile(r"java-database-capstone|smart-?clinic", re.I), "assignment:smart-clinic"),
    (re.compile(r"log210", re.I), "assignment:log210"),
)


def corpus_dir() -> Path:
    """The shared corpus: $JOURNEYMAP_VIEWPOINT_CORPUS, else ../shared/viewpoint-corpus beside the repository."""
    return Path(os.environ.get("JOURNEYMAP_VIEWPOINT_CORPUS") or ROOT.parent / "shared" / "viewpoint-corpus")


@dataclass(frozen=True)
class Row:
    id: str
    text: str
    lang: str
    weak_label: str  # the corpus's label, decided by the lane or role: "customer" or "process"
    role: str  # the lane, pool, actor or story role that decided it
    kind: str  # diagram kind, or "user-story"
    source: str
    licence: str

    group: str  # the source group (see source_group): never on both sides of a split


def source_group(repository: str) -> str:
    owner, _, name = repository.partition("/")
    for pattern, group in _ASSIGNMENTS:
        if pattern.search(name):
            return group
    if owner in _ORGANISATIONS:
        return "org:" + _SAME_PROJECT.get(owner, owner)
    return repository


def read_corpus(folder: Path | None = None) -> Iterator[Row]:
    folder = folder or corpus_dir()
    for name in CORPUS_FILES:
        with open(folder / name, encoding="utf-8", newline="") as handle:
            for record in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                yield Row(
                    id=record["id"], text=record["text"], lang=record["lang"], weak_label=record["label"],
                    role=record.get("lane") or record.get("role") or "",
                    kind=record.get("kind") or "user-story", source=record["source"], licence=record["licence"],
                    group=source_group(record["source"].split("@")[0].split(":")[0]),
                )  # fmt: skip


def stable_order(key: str, seed: str) -> str:
    """An order that is the same on every machine and Python (unlike hash())."""
    return hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()
