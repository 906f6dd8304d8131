"""Section 8 of bench/run.py: `journeymap measure` on survey results (issue 13).

Target: rows per second of measure at least half those of the bare csv module reading the same file (the limit
nothing written in Python on top of it can beat); and the peak memory of one fresh `journeymap measure` process on
a million rows, which must not grow with the rows (a tally per moment of truth and period).

The results follow the example retail journey's listening plan: four moments of truth, answers spread over a year,
one in twenty with a verbatim, a few rows that cannot be used.
"""

from __future__ import annotations

import csv
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TARGET = 0.5
JOURNEY = Path(__file__).resolve().parent.parent / "examples" / "fr-retail-achat-current.yaml"
MOMENTS = (("payer-commande", "ces", 1, 7), ("recevoir-lave-linge", "csat", 1, 5),
           ("signaler-panne", "ces", 1, 7), ("recommander-enseigne", "nps", 0, 10))
VERBATIMS = ("Livreur en retard", "Paiement refusé", "Très bon conseil", "Attente trop longue au téléphone")


def write_results(path: Path, rows: int, seed: int = 13) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["journey", "step", "date", "metric", "score", "verbatim", "channel"])
        for index in range(rows):
            step, metric, low, high = MOMENTS[index % len(MOMENTS)]
            day = f"2026-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
            score: object = rng.randint(low, high) if index % 5000 else "n/a"  # a few rows cannot be used
            verbatim = rng.choice(VERBATIMS) if index % 20 == 0 else ""
            writer.writerow(["fr-retail-achat-current", step, day, metric, score, verbatim, "web"])


def probe(results: str) -> dict[str, float]:
    """In a fresh interpreter: measure()'s time on the file against the bare csv module's, alternating, after a
    first pass of each (so that both read from the page cache)."""
    from journeymap.config import Settings
    from journeymap.listening.measure import ListeningPlan, measure
    from journeymap.validate import validate_paths

    path = Path(results)
    plan = ListeningPlan.of(validate_paths([JOURNEY]).files)
    settings = Settings()

    def bare() -> int:
        with open(path, encoding="utf-8", newline="") as stream:
            return sum(1 for _ in csv.reader(stream)) - 1

    def ours() -> int:
        found = measure([path], plan, settings)
        return found.rows.read

    rows = bare()
    assert ours() == rows
    times: dict[str, list[float]] = {"bare": [], "measure": []}
    for _ in range(5):
        for name, run in (("bare", bare), ("measure", ours)):
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {"rows": rows, "bare": statistics.median(times["bare"]), "measure": statistics.median(times["measure"])}


def section(sizes: Any, work: Path, *, probe: Callable[..., dict], journeymap_command: Callable[[], list[str]],
            measured: Callable[[list[str]], dict[str, float]], section_type: type, ms: Callable[[float], str],
            verdict: Callable[[bool | None], str]) -> Any:
    """The section, from run.py's helpers (passed in: this module never imports run.py)."""
    rows = sizes.results_rows
    folder = work / "measure"
    folder.mkdir(parents=True, exist_ok=True)
    small, large = folder / "small.csv", folder / "large.csv"
    write_results(small, rows // 10)
    write_results(large, rows)
    speed = probe("measure", str(large))
    ratio = (speed["rows"] / speed["measure"]) / (speed["rows"] / speed["bare"])
    met = ratio >= TARGET
    command = [*journeymap_command(), "measure", "--journeys", str(JOURNEY), "--format", "json"]
    memory = {name: measured([*command, str(path)]) for name, path in (("tenth", small), ("all", large))}
    for found in memory.values():
        if found["exit"] != 1:  # the "n/a" rows are problems: exit 1, as validate's
            raise SystemExit(f"bench: measure exited with {found['exit']}")
    result = section_type(f"8. `measure` on survey results ({rows:,} rows)", ("measure", "figure", "target", ""))
    result.rows += [
        ("bare csv module, reading the file", f"{speed['rows'] / speed['bare']:,.0f} rows/s", "", ""),
        ("`measure` (library call: read, check, tally)", f"{speed['rows'] / speed['measure']:,.0f} rows/s", "", ""),
        ("speed against the bare csv module", f"{ratio:.2f}", f"≥ {TARGET}", verdict(met)),
        (f"`journeymap measure`, {rows // 10:,} rows: wall time, peak memory",
         f"{ms(memory['tenth']['seconds'])}, {memory['tenth']['peak_kib'] / 1024:,.0f} MB", "", ""),
        (f"`journeymap measure`, {rows:,} rows: wall time, peak memory",
         f"{ms(memory['all']['seconds'])}, {memory['all']['peak_kib'] / 1024:,.0f} MB", "", ""),
    ]
    result.notes.append(
        "Speeds in one process, median of 5 alternating runs after a first pass of each; the commands in fresh "
        "processes (start-up and reading the journey included). Peak memory is the process's resident maximum: "
        "it should not grow with the number of rows.")
    result.verdicts.append((f"measure ≥ {TARGET} × the bare csv module's rows per second", met, f"{ratio:.2f}"))
    return result
