"""Section 7 of bench/run.py: large inputs (issue 11), time and peak memory of one fresh `journeymap` process.

- many small files: 200,000 journeys of a few steps in one folder (took 17.5 minutes and 3 GB with no output
  before `validate` kept only problems and cross-file facts per file), and half as many, to show how memory grows;
- one journey of 9,000 steps whose `next` steps are all unknown ("did you mean" compared every unknown reference
  with every step: 73 s);
- one journey of 3,000 steps rendered to SVG (dot's parser overflowed on the emotion view from about 2,500 steps).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

SMALL_JOURNEY = """\
journeymap: 1
id: j{index}
title: Order a meal kit {index}
state: current
objective: Raise repeat orders
stages:
  - id: choose
    name: Choose
    steps:
      - {{id: browse, action: Browse the recipes, emotion: 1}}
      - {{id: pick, action: Pick three meals, emotion: 0}}
  - id: pay
    name: Pay
    steps:
      - {{id: pay, action: Pay the order, emotion: -1}}
"""

MEASURE = (
    "import json, resource, subprocess, sys, time; start = time.monotonic(); "
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(json.dumps({'exit': done.returncode, 'seconds': time.monotonic() - start, "
    "'peak_kib': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))"
)


def measured(command: list[str]) -> dict[str, float]:
    """Wall time and peak resident memory of one fresh process running `command`."""
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def write_small_files(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (folder / f"j{index}.yaml").write_text(SMALL_JOURNEY.format(index=index), encoding="utf-8")
    return folder


def unknown_references(path: Path, steps: int) -> Path:
    lines = ["journeymap: 1", "id: big", "title: Big", "state: current", "objective: o", "stages:", "  - id: s",
             "    name: S", "    steps:"]
    lines += [f"      - {{id: s{index}, action: Pay bill {index}, emotion: 1, next: [x{index}]}}"
              for index in range(steps)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def section(sizes: Any, work: Path, *, journeymap_command: Callable[[], list[str]], section_type: type,
            ms: Callable[[float], str], make_journey: Callable[..., dict], to_yaml: Callable[[dict], str]) -> Any:
    """The section, from run.py's helpers (passed in: this module never imports run.py)."""
    quick = sizes.files < 100
    many, steps, render_steps = (300, 300, 100) if quick else (200_000, 9_000, 3_000)
    jm = journeymap_command()
    result = section_type("7. Large inputs: time and peak memory of one run",
                          ("input", "command", "wall", "peak memory", "exit", ""))
    half = write_small_files(work / "large-half", many // 2)
    full = write_small_files(work / "large-full", many)
    peaks = []
    for folder, count in ((half, many // 2), (full, many)):
        found = measured([*jm, "validate", str(folder)])
        peaks.append(found["peak_kib"])
        growth = f"{(peaks[1] - peaks[0]) / (many - many // 2):,.2f} KiB more per file" if len(peaks) == 2 else ""
        result.rows.append((f"{count:,} small journeys in one folder", "`validate FOLDER`", ms(found["seconds"]),
                            f"{found['peak_kib'] / 1024:,.0f} MiB", str(found["exit"]), growth))
    found = measured([*jm, "validate", str(unknown_references(work / "unknown.yaml", steps))])
    result.rows.append((f"one journey of {steps:,} steps, every `next` unknown", "`validate FILE`",
                        ms(found["seconds"]), f"{found['peak_kib'] / 1024:,.0f} MiB", str(found["exit"]),
                        "exit 1: one JM203 per step, 'did you mean' for the first 50"))
    big = work / "render-big.yaml"
    big.write_text(to_yaml(make_journey(render_steps)), encoding="utf-8")
    found = measured([*jm, "render", str(big), "-o", str(work / "render-big"), "-f", "svg"])
    result.rows.append((f"one journey of {render_steps:,} steps", "`render -f svg` (three views)",
                        ms(found["seconds"]), f"{found['peak_kib'] / 1024:,.0f} MiB", str(found["exit"]), ""))
    result.notes.append(
        "One fresh process per row, one run each (these take minutes at full size); peak memory is the process's "
        "maximum resident set. `validate` keeps per file its problems and what the cross-file checks need, so "
        "memory grows with the files' steps, not their text.")
    return result
