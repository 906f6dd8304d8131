"""Section 6 of bench/run.py: what the viewpoint check costs (the grammar, the model's load and its scoring).

Target (issue 10): `validate` of one typical journey with the check on stays within 1.15 x the same run with
JM301 and JM303 disabled. Also measured, in a fresh interpreter: the model's load time and the cost per label.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TARGET = 1.15


def section(sizes: Any, work: Path, *, medians: Callable[..., dict[str, float]], probe: Callable[..., dict],
            write_corpus: Callable[..., list[Path]], journeymap_command: Callable[[], list[str]],
            section_type: type, ms: Callable[[float], str], verdict: Callable[[bool | None], str]) -> Any:
    """The section, from run.py's helpers (passed in: this module never imports run.py)."""
    (path,) = write_corpus(work / "viewpoint", 1, sizes.typical_steps, seed=17)
    off = work / "viewpoint" / "off.toml"
    off.write_text('disable = ["JM301", "JM303"]\n', encoding="utf-8")
    on = work / "viewpoint" / "on.toml"
    on.write_text("", encoding="utf-8")
    jm = journeymap_command()
    found = medians({"on": [*jm, "validate", str(path), "--config", str(on)],
                     "off": [*jm, "validate", str(path), "--config", str(off)]}, sizes.runs)
    ratio = found["on"] / found["off"]
    met = ratio <= TARGET
    costs = probe("viewpoint")
    title = f"6. The viewpoint check ({sizes.typical_steps}-step journey)"
    result = section_type(title, ("measure", "median", "target", ""))
    result.rows += [
        ("`validate` with JM301/JM303 (grammar and model)", ms(found["on"]), "", ""),
        ("`validate` with JM301/JM303 disabled", ms(found["off"]), "", ""),
        ("ratio", f"{ratio:.2f}", f"≤ {TARGET}", verdict(met)),
        ("model load (data/model.json, first use in a process)", f"{costs['model_load'] * 1000:.1f} ms", "", ""),
        ("form tables' index (lemma look-ups), first use", f"{costs['forms_load'] * 1000:.1f} ms", "", ""),
        ("per label: grammar, then the model when it is asked", f"{costs['per_label'] * 1e6:.0f} µs", "", ""),
        ("per label: the model's score alone (a sum and a logistic)", f"{costs['per_score'] * 1e6:.1f} µs", "", ""),
        ("model size", f"{costs['weights']:,.0f} weights, {costs['bytes'] / 1024:,.0f} KB", "", ""),
    ]
    result.notes.append(
        f"Fresh processes, median of {sizes.runs} runs each, alternating; the per-label costs are measured in one "
        f"process over {costs['labels']:.0f} real labels (the first collection of journey labels) after a first "
        "pass, so that loading is not counted in them.")
    result.verdicts.append((f"validate with the viewpoint check ≤ {TARGET} × without", met, f"{ratio:.2f}"))
    return result


def probe() -> dict[str, float]:
    """Run in a fresh interpreter by run.py: load times, then per-label costs on real labels."""
    import csv
    import sys

    root = Path(__file__).resolve().parent.parent
    start = time.perf_counter()
    from journeymap.viewpoint.scorer import load_model

    model = load_model()
    model_load = time.perf_counter() - start
    from journeymap.viewpoint.morphology import lemma_of

    start = time.perf_counter()
    lemma_of("envoie", "fr")
    lemma_of("sends", "en")
    forms_load = time.perf_counter() - start
    from journeymap.viewpoint import load_lexicon
    from journeymap.viewpoint.judge import before_model, judge

    sys.path.insert(0, str(root / "training" / "viewpoint"))
    with open(root / "training" / "viewpoint" / "collected" / "labels.tsv", encoding="utf-8", newline="") as handle:
        labels = [(r["text"], r["lang"]) for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
    lexicons = {lang: load_lexicon(lang) for lang in ("en", "fr")}
    for text, lang in labels:
        judge(text, lexicons[lang])
    per_label = []
    per_score = []
    for _ in range(5):
        begin = time.perf_counter()
        for text, lang in labels:
            judge(text, lexicons[lang])
        per_label.append((time.perf_counter() - begin) / len(labels))
        asked = [before_model(text, lexicons[lang]) for text, lang in labels]
        scored = [features for features in asked if isinstance(features, dict)]
        begin = time.perf_counter()
        for features in scored:
            model.probability(features)
        per_score.append((time.perf_counter() - begin) / max(1, len(scored)))
    data = root / "src" / "journeymap" / "viewpoint" / "data" / "model.json"
    return {"model_load": model_load, "forms_load": forms_load, "per_label": statistics.median(per_label),
            "per_score": statistics.median(per_score), "labels": len(labels), "weights": len(model.weights),
            "bytes": data.stat().st_size}
