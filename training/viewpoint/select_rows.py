"""Chooses the corpus rows to check by hand, and which source groups are held apart for evaluation only.

    python training/viewpoint/select_rows.py --out DIR     # writes DIR/batch-NN.tsv (outside the repository)

The choice is deterministic (seeded by text, not by Python's hash). Evaluation groups are drawn first among the
groups that are not large (a big group would make the sample one author's style); every row of an evaluation group
is left out of training, whether it was checked or not. Training rows are capped per group by the square root of the
group's size, so that the one language-model-written repository does not make up half of what the model learns.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import Row, read_corpus, stable_order  # noqa: E402

SEED = "journeymap-viewpoint-2026"
EVAL_WANTED = {"en": 300, "fr": 260}  # rows to check in evaluation groups; some are dropped as unclear
EVAL_GROUP_CAP = 40
EVAL_MAX_GROUP_SIZE = 120
TRAIN_CAP_FACTOR = 6  # a training group gives at most ceil(6 * sqrt(size)) rows


def split_groups(rows: list[Row]) -> tuple[set[str], set[str]]:
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[row.group].append(row)
    evaluation: set[str] = set()
    have = {"en": 0, "fr": 0}
    for group in sorted(groups, key=lambda g: stable_order(g, SEED)):
        members = groups[group]
        if len(members) > EVAL_MAX_GROUP_SIZE:
            continue
        langs = {row.lang for row in members}
        if not any(have[lang] < EVAL_WANTED[lang] for lang in langs):
            continue
        evaluation.add(group)
        for lang in langs:
            have[lang] += min(EVAL_GROUP_CAP, sum(row.lang == lang for row in members))
    return evaluation, set(groups) - evaluation


def select(rows: list[Row]) -> dict[str, list[Row]]:
    """{"eval": rows, "train": rows}, each ordered by group then text so a reader sees a source's rows together."""
    evaluation, training = split_groups(rows)
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[row.group].append(row)
    chosen: dict[str, list[Row]] = {"eval": [], "train": []}
    for group, members in groups.items():
        members = sorted(members, key=lambda r: stable_order(r.id, SEED))
        if group in evaluation:
            per_lang: dict[str, list[Row]] = defaultdict(list)
            for row in members:
                per_lang[row.lang].append(row)
            chosen["eval"] += [row for lang_rows in per_lang.values() for row in lang_rows[:EVAL_GROUP_CAP]]
        else:
            cap = math.ceil(TRAIN_CAP_FACTOR * math.sqrt(len(members)))
            chosen["train"] += [row for row in members if row.lang == "fr"] + [
                row for row in members if row.lang == "en"][:cap]  # fmt: skip
    for part in chosen.values():
        part.sort(key=lambda r: (r.lang, r.group, r.source, r.text.lower()))
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the batches (never the repository)")
    parser.add_argument("--batch-size", type=int, default=520)
    args = parser.parse_args()
    chosen = select(list(read_corpus()))
    args.out.mkdir(parents=True, exist_ok=True)
    number = 0
    for part in ("eval", "train"):
        rows = chosen[part]
        batches = max(1, round(len(rows) / args.batch_size))
        size = math.ceil(len(rows) / batches)
        for start in range(0, len(rows), size):
            number += 1
            with open(args.out / f"batch-{number:02d}-{part}.tsv", "w", encoding="utf-8", newline="") as handle:
                out = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
                out.writerow(["id", "lang", "text", "corpus_label", "role", "kind", "source"])
                for row in rows[start : start + size]:
                    out.writerow([row.id, row.lang, row.text, row.weak_label, row.role, row.kind, row.source])
        langs = {lang: sum(r.lang == lang for r in rows) for lang in ("en", "fr")}
        print(f"{part}: {len(rows)} rows {langs}, groups {len({r.group for r in rows})}")


if __name__ == "__main__":
    main()
