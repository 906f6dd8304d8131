"""The viewpoint check's figures: precision and recall of errors, and of errors plus warnings, per language.

    python training/viewpoint/evaluate.py              # prints the figures
    python training/viewpoint/evaluate.py --readme     # and writes them into README.md

Four sets, each telling something different:
- cross-validation grouped by source on the checked training rows: the model is retrained without each group of
  sources in turn (needs the `train` extra), thresholds as shipped;
- the held-apart checked sample: 31 source groups no training row comes from, never used to fit or choose anything;
- the held-apart half of the collected journey labels (journey maps, blueprints, process pages; other sites than the
  training half): the closest to what users write;
- the whole weak corpus, labelled by lane or role (noisy: about one label in ten is wrong), training rows included;
- the team's own corpora in tests/viewpoint (written in this project's style: regression, not evidence).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import Row, read_corpus  # noqa: E402
from dataset import Example, checked, collected, weak  # noqa: E402
from measure import Outcome, Reading, Score, both_levels, decide, read, shipped  # noqa: E402

from journeymap.viewpoint.scorer import Model, load_model  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TEAM_CORPORA = (ROOT / "tests" / "viewpoint" / "corpus-dev.tsv", ROOT / "tests" / "viewpoint" / "corpus-heldout.tsv")
README_START = "<!-- viewpoint figures: start (python training/viewpoint/evaluate.py --readme) -->"
README_END = "<!-- viewpoint figures: end -->"


@dataclass(frozen=True)
class Line:
    """One line of the figures: a set, a language, errors alone and errors plus warnings."""

    name: str
    lang: str
    errors: Score
    reported: Score


def lines_of(name: str, truths: Sequence[bool], langs: Sequence[str], outcomes: Sequence[Outcome]) -> list[Line]:
    out = []
    for lang in ("all", "en", "fr"):
        keep = [i for i, l in enumerate(langs) if lang == "all" or l == lang]
        errors, reported = both_levels([truths[i] for i in keep], [outcomes[i] for i in keep])
        out.append(Line(name, lang, errors, reported))
    return out


def readings_of(examples: Iterable[Example]) -> list[Reading]:
    return [read(e.row.text, e.row.lang) for e in examples]


def shipped_lines(name: str, examples: Sequence[Example], model: Model) -> list[Line]:
    outcome = shipped(model)
    outcomes = [outcome(r) for r in readings_of(examples)]
    return lines_of(name, [e.is_process for e in examples], [e.row.lang for e in examples], outcomes)


def cross_validation_lines(examples: Sequence[Example], model: Model) -> list[Line]:
    """Grouped by source: each fold's rows scored by a model trained without their groups (the `train` extra)."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.model_selection import GroupKFold
    from train import FOLDS, chosen_c, fit, group_weights

    readings = readings_of(examples)
    vectoriser = DictVectorizer()
    x = vectoriser.fit_transform([r.features for r in readings])
    y = np.array([e.is_process for e in examples])
    weights = group_weights(examples)
    scores = np.zeros(len(examples))
    for train, test in GroupKFold(n_splits=FOLDS).split(x, y, [e.row.group for e in examples]):
        fold_model = fit(x[train], y[train], weights[train], chosen_c(model))
        scores[test] = fold_model.predict_proba(x[test])[:, 1]
    outcomes = [
        decide(r, lambda _f, s=float(s): s, model.thresholds[r.lang].warning, model.thresholds[r.lang].error)
        for r, s in zip(readings, scores, strict=True)
    ]
    return lines_of("cross-validation by source (training rows)", list(y),
                    [e.row.lang for e in examples], outcomes)  # fmt: skip


def team_examples() -> list[Example]:
    """The project's own labelled phrases (tests/viewpoint/*.tsv) as examples."""
    out = []
    for path in TEAM_CORPORA:
        with open(path, encoding="utf-8", newline="") as handle:
            for record in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                row = Row(f"team-{len(out)}", record["action"], record["lang"], record["label"], "", "team",
                          path.name, "project", "team")  # fmt: skip
                out.append(Example(row, record["label"]))
    return out


def all_lines(with_cross_validation: bool = True) -> list[Line]:
    model = load_model()
    rows = list(read_corpus())
    lines: list[Line] = []
    if with_cross_validation:
        from train import training_examples

        lines += cross_validation_lines(training_examples(rows), model)
    lines += shipped_lines("held-apart checked sample", checked("evaluation", rows), model)
    lines += shipped_lines("held-apart collected journey labels", collected("evaluation"), model)
    lines += shipped_lines("whole corpus, weak labels", weak(rows), model)
    lines += shipped_lines("team corpora (tests/viewpoint)", team_examples(), model)
    return lines


def table(lines: Sequence[Line]) -> str:
    out = [
        "| set | lang | rows | errors: precision | errors: recall | errors + warnings: precision | recall |",
        "|---|---|---|---|---|---|---|",
    ]
    for line in lines:
        e, r = line.errors, line.reported
        out.append(f"| {line.name} | {line.lang} | {e.n} | {e.precision:.2f} | {e.recall:.2f} | "
                   f"{r.precision:.2f} | {r.recall:.2f} |")  # fmt: skip
    return "\n".join(out)


def write_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(README_START) + r".*?" + re.escape(README_END), re.S)
    if not pattern.search(content):
        raise SystemExit(f"README.md has no figures section between {README_START!r} and {README_END!r}")
    replaced = pattern.sub(lambda _m: f"{README_START}\n{text}\n{README_END}", content)
    temporary = readme.with_suffix(".md.tmp")
    temporary.write_text(replaced, encoding="utf-8")
    temporary.replace(readme)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    parser.add_argument("--no-cross-validation", action="store_true", help="skip the part that needs the train extra")
    args = parser.parse_args()
    text = table(all_lines(not args.no_cross_validation))
    print(text)
    if args.readme:
        write_readme(text)


if __name__ == "__main__":
    main()
