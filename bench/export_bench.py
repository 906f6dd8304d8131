"""Section 9 of bench/run.py: `journeymap export` and `journeymap import` of a large journey (issue 14), time and
peak memory of one fresh process, against `journeymap validate` of the same file (both validate: the difference is
the sheets). Import reads back the three exports (our layout) and a lanes-as-rows map written the way teams write
them (headings of their own, stages merged across steps, emotion words), which goes through recognition."""

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
    folder = work / "export"
    imports = {
        "`import` of the xlsx, lanes": [*jm, "import", str(folder / "lanes.xlsx"), "-o", str(folder / "a.yaml")],
        "`import` of the xlsx, rows": [*jm, "import", str(folder / "rows.xlsx"), "-o", str(folder / "b.yaml")],
        "`import` of the csv": [*jm, "import", str(folder / "rows.csv"), "-o", str(folder / "c.yaml")],
        "`import` of a team's lanes map": [*jm, "import", str(folder / "team.xlsx"), "-o", str(folder / "d.yaml")],
    }
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in (*commands, *imports)}
    for turn in range(max(3, sizes.runs // 2)):
        for name, command in commands.items():  # alternated, so that the machine's load spreads alike
            _measure(name, command, runs, measured)
        if turn == 0:
            _team_map(path, folder / "team.xlsx")
        for name, command in imports.items():
            _measure(name, [*command, "--force"], runs, measured, accepted=(0, 1))
    commands.update(imports)
    result = section_type(f"9. `export` and `import` of one {steps}-step journey",
                          ("command", "wall (median)", "peak memory", "output"))
    for name, found in runs.items():
        output = Path(commands[name][commands[name].index("-o") + 1]) if "-o" in commands[name] else None
        result.rows.append((name, ms(statistics.median(item["seconds"] for item in found)),
                            f"{max(item['peak_kib'] for item in found) / 1024:,.0f} MB",
                            f"{output.stat().st_size / 1024:,.0f} KB" if output else ""))
    result.notes.append("Fresh processes, start-up included; peak memory is the process's resident maximum. No "
                        "target: the figures say what a team waits for when it sends a workbook around. Import "
                        "writes the journey and validates it (the viewpoint check included).")
    return result


def _measure(name: str, command: list[str], runs: dict[str, list[dict[str, float]]],
             measured: Callable[[list[str]], dict[str, float]], accepted: tuple[int, ...] = (0,)) -> None:
    found = measured(command)
    if found["exit"] not in accepted:
        raise SystemExit(f"bench: {name} exited with {found['exit']}")
    runs[name].append(found)


def _team_map(journey_file: Path, out: Path) -> None:
    """The journey as a team's own lanes-as-rows sheet: their headings, stages merged over their steps, emotion in
    words, several pain points in one cell."""
    import openpyxl

    from journeymap.validate import validate_text

    journey = validate_text(journey_file.read_text(encoding="utf-8"), str(journey_file)).journey
    assert journey is not None
    words = {-2: "Angry", -1: "Worried", 0: "Neutral", 1: "Satisfied", 2: "Delighted"}
    names = {touchpoint.id: touchpoint.name for touchpoint in journey.touchpoints}
    book = openpyxl.Workbook()
    sheet = book.active
    lanes = ("Journey phases", "Customer Actions", "Touchpoints", "Customer Feeling", "Pain Points",
             "Behind the scenes", "Opportunities")
    for row, lane in enumerate(lanes, start=1):
        sheet.cell(row, 1, lane)
    column = 2
    for stage in journey.stages:
        first = column
        for step in stage.steps:
            values = (step.action, ", ".join(names[t] for t in step.touchpoints) or None,
                      None if step.emotion is None else words[step.emotion],
                      "\n".join(pain.description for pain in step.pain_points) or None,
                      "\n".join(process.action for process in step.backstage) or None)
            for row, value in enumerate(values, start=2):
                sheet.cell(row, column, value)
            column += 1
        if column > first:
            sheet.cell(1, first, stage.name)
            if column - 1 > first:
                sheet.merge_cells(start_row=1, start_column=first, end_row=1, end_column=column - 1)
    book.save(out)
