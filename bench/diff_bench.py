"""How `diff_journeys` scales: synthetic journeys of 500 to 4,000 steps against a modified copy.

    .venv/bin/python bench/diff_bench.py            # 500, 1,000, 2,000, 4,000 steps
    .venv/bin/python bench/diff_bench.py --quick    # tiny sizes, for CI: checks it runs, prints the same table

Journeys come from bench/generate.py and look like real ones: stages of 5 to 15 steps, a touchpoint catalogue,
pain points on about 40% of the steps, moments of truth on about 20%, up to three backstage processes per step, an
action plan. The target (`generate.make_target`) is a copy with reworded steps, changed ids (found again by
label similarity), steps moved within and across stages, removed and added steps, changed emotions and
severities, removed pain points, moments of truth added and removed, a renamed and a moved stage, touchpoints
added and removed, and action statuses moved along. Only the diff is timed (models are built beforehand); the table shows the median of several runs, the time per step, and the
growth ratio between successive sizes: near 2.0 when the size doubles means linear.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import make_journey, make_target  # noqa: E402

from journeymap.diff import diff_journeys  # noqa: E402
from journeymap.model import Journey  # noqa: E402


def journeys(steps: int) -> tuple[Journey, Journey]:
    current = make_journey(steps, spare_labels=True)
    target = make_target(current)
    current.pop("_spare_labels")
    return Journey.model_validate(current), Journey.model_validate(target)


def measure(steps: int, runs: int, collect: bool = True) -> tuple[float, int]:
    """Median time of `runs` diffs; with `collect=False` Python's cyclic garbage collector is paused during each
    run, which separates the diff's own work from the collector walking a larger heap."""
    current, target = journeys(steps)
    times = []
    changes = 0
    diff_journeys(current, target)  # warm-up: imports, caches
    for _ in range(runs):
        gc.collect()
        if not collect:
            gc.disable()
        try:
            start = time.perf_counter()
            result = diff_journeys(current, target)
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
        changes = len(result.changes)
    return statistics.median(times), changes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, to check in CI that the benchmark runs")
    parser.add_argument("--runs", type=int, default=None, help="runs per size (median reported)")
    args = parser.parse_args(argv)
    sizes = [50, 100, 200] if args.quick else [500, 1000, 2000, 4000]
    runs = args.runs or (3 if args.quick else 5)
    print(f"diff_journeys: median of {runs} runs after a warm-up, models built beforehand; growth = time ratio "
          "to the previous size (2.0 = linear)")
    print(f"{'steps':>6} {'changes':>8} {'median':>10} {'per step':>10} {'growth':>7}   "
          f"{'median, GC paused':>18} {'per step':>9} {'growth':>7}")
    previous: tuple[float, float] | None = None
    for steps in sizes:
        median, changes = measure(steps, runs)
        paused, _ = measure(steps, runs, collect=False)
        growth = f"{median / previous[0]:.2f}" if previous else "-"
        growth_paused = f"{paused / previous[1]:.2f}" if previous else "-"
        print(f"{steps:>6} {changes:>8} {median * 1000:>8.1f}ms {median / steps * 1e6:>8.1f}µs {growth:>7}   "
              f"{paused * 1000:>16.1f}ms {paused / steps * 1e6:>7.1f}µs {growth_paused:>7}")
        previous = (median, paused)
    return 0


if __name__ == "__main__":
    sys.exit(main())
