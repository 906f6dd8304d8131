"""Section 9 of bench/run.py: `journeymap export` of a large journey (issue 14), time and peak memory of one fresh
process, against `journeymap validate` of the same file (export validates first: the difference is the sheets)."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any


def section(sizes: Any, work: Path, *, journeymap_command: Callable[[], list[str]],
            measured: Callable[[list[str]], dict[str, float]], write_corpus: Callable[..., list[Path]],
            section_type: type, ms: Callable[[float], str]) -> Any:
    """The section, from run.py's helpers (passed in: this module never imports run.py)."""
    steps = sizes.render_steps
    (path,) = write_corpus(work / "export", 1, steps, seed=29)
    jm = journeymap_command()
    commands = {
        "`validate` (the reference)": [*jm, "validate", str(path)],
        "`export` xlsx, lanes": [*jm, "export", str(path), "-o", str(work / "export" / "lanes.xlsx"), "--force"],
        "`export` xlsx, rows": [*jm, "export", str(path), "--layout", "rows", "-o", str(work / "export" / "rows.xlsx"),
                                "--force"],
        "`export` csv": [*jm, "export", str(path), "-f", "csv", "-o", str(work / "export" / "rows.csv"), "--force"],
    }
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
    for _ in range(max(3, sizes.runs // 2)):
        for name, command in commands.items():  # alternated, so that the machine's load spreads alike
            found = measured(command)
            if found["exit"] != 0:
                raise SystemExit(f"bench: {name} exited with {found['exit']}")
            runs[name].append(found)
    result = section_type(f"9. `export` of one {steps}-step journey", ("command", "wall (median)", "peak memory",
                                                                        "output"))
    for name, found in runs.items():
        output = Path(commands[name][commands[name].index("-o") + 1]) if "-o" in commands[name] else None
        result.rows.append((name, ms(statistics.median(item["seconds"] for item in found)),
                            f"{max(item['peak_kib'] for item in found) / 1024:,.0f} MB",
                            f"{output.stat().st_size / 1024:,.0f} KB" if output else ""))
    result.notes.append("Fresh processes, start-up included; peak memory is the process's resident maximum. No "
                        "target: the figures say what a team waits for when it sends a workbook around.")
    return result
