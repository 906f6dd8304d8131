"""Every speed measurement of journeymap, side by side in one run, written to bench/RESULTS.md.

    .venv/bin/pip install -e '.[bench]'     # check-jsonschema (the peer) and PyYAML (the fastest bare loader)
    .venv/bin/python bench/run.py           # about five minutes on two cores; rewrites bench/RESULTS.md
    .venv/bin/python bench/run.py --quick   # tiny sizes, a few seconds: checks that it runs (CI), prints only

What is measured, each against a reference and a target:
1. start-up: `journeymap --version` and `journeymap validate` on one small file, against bare Python importing
   only what validate cannot avoid (`import typer, pydantic, ruamel.yaml`) and against `python -c pass`;
2. one typical file (40 steps): `journeymap validate` against `check-jsonschema --schemafile` on the same file;
3. throughput on 1,000 files of 40 steps: `journeymap validate` against a bare parse of the same files with the
   fastest YAML loader installed (the limit nothing built on YAML can beat);
4. `render` of a 200-step journey to HTML and to SVG: time in our code against time inside Graphviz's `dot`;
5. `diff` of journeys of 500 to 4,000 steps: the growth curve;
6. the viewpoint check; 7. large inputs (bench/viewpoint_bench.py, bench/large_bench.py);
8. `measure` on a million rows of survey results: rows per second against the bare csv module, peak memory;
9. `export` of a 200-step journey to xlsx (both layouts) and CSV: time and peak memory, against `validate`.

Commands are timed as a user runs them, in fresh processes, with the wall clock; each figure is the median of
several runs, and compared commands are run in alternation so that the load of other processes on the machine
spreads over all of them alike. Journeys come from bench/generate.py: valid, French and English.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from generate import make_journey, make_target, to_yaml, write_corpus  # noqa: E402

SCHEMA = ROOT / "schemas" / "journeymap-1.schema.json"
RESULTS = BENCH / "RESULTS.md"


# -- sizes ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sizes:
    runs: int  # fresh-process runs per command (median)
    small_steps: int
    typical_steps: int
    files: int
    render_steps: int
    diff_steps: tuple[int, ...]
    throughput_runs: int
    results_rows: int


FULL = Sizes(runs=11, small_steps=5, typical_steps=40, files=1000, render_steps=200,
             diff_steps=(500, 1000, 2000, 4000), throughput_runs=5, results_rows=1_000_000)
QUICK = Sizes(runs=3, small_steps=5, typical_steps=10, files=30, render_steps=20, diff_steps=(50, 100, 200),
              throughput_runs=1, results_rows=20_000)


# -- timing -----------------------------------------------------------------------------------------------------

# Every measured process runs as on a user's machine: Python writes and reuses bytecode (a developer's shell may
# say PYTHONDONTWRITEBYTECODE, and every run would then compile journeymap's modules again), and journeymap keeps
# its compiled lexicons and templates in a cache: one of the benchmark's own, warmed by the warm-up runs.
ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def prepare(work: Path) -> None:
    """Bytecode for journeymap's modules, and a cache folder of the benchmark's own."""
    import journeymap

    ENVIRONMENT["JOURNEYMAP_CACHE_DIR"] = str(work / "cache")
    package = Path(journeymap.__file__).resolve().parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True, env=ENVIRONMENT,
                   stdout=subprocess.DEVNULL)


def wall(command: Sequence[str], *, expect: int | None = 0, environment: dict[str, str] | None = None) -> float:
    """Seconds one run of `command` takes, output discarded; fails loudly when it exits unexpectedly."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          env={**ENVIRONMENT, **(environment or {})})
    elapsed = time.perf_counter() - start
    if expect is not None and done.returncode != expect:
        raise SystemExit(f"bench: {' '.join(command)} exited {done.returncode}: {done.stderr.decode()[-2000:]}")
    return elapsed


def medians(commands: dict[str, Sequence[str]], runs: int, warmups: int = 1,
            environments: dict[str, dict[str, str]] | None = None) -> dict[str, float]:
    """Median wall time of each command; runs alternate between the commands (one round runs each once)."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_number in range(warmups + runs):
        for name, command in commands.items():
            elapsed = wall(command, environment=(environments or {}).get(name))
            if round_number >= warmups:
                times[name].append(elapsed)
    return {name: statistics.median(values) for name, values in times.items()}


def probe(*args: str) -> dict[str, float]:
    """Run this script's in-process probe in a fresh interpreter and return what it measured."""
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--probe", *args], cwd=ROOT,
                          capture_output=True, text=True, env=ENVIRONMENT)
    if done.returncode != 0:
        raise SystemExit(f"bench: probe {' '.join(args)} failed: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def journeymap_command() -> list[str]:
    """The console script installed beside this interpreter, as users run it; `python -m journeymap` otherwise."""
    script = Path(sys.executable).with_name("journeymap")
    return [str(script)] if script.exists() else [sys.executable, "-m", "journeymap"]


def peer_command() -> list[str] | None:
    script = Path(sys.executable).with_name("check-jsonschema")
    if script.exists():
        return [str(script)]
    found = shutil.which("check-jsonschema")
    return [found] if found else None


# -- the table --------------------------------------------------------------------------------------------------

@dataclass
class Section:
    title: str
    header: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    verdicts: list[tuple[str, bool | None, str]] = field(default_factory=list)  # target, met, figure

    def markdown(self) -> str:
        lines = [f"## {self.title}", "", "| " + " | ".join(self.header) + " |",
                 "|" + "|".join("---" for _ in self.header) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        if self.notes:
            lines += [""] + self.notes
        return "\n".join(lines) + "\n"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def verdict(met: bool | None) -> str:
    return "n/a" if met is None else ("**met**" if met else "**not met**")


# -- 1. start-up ------------------------------------------------------------------------------------------------

TYPER_FLOOR = '''
"""A do-nothing typer app with `journeymap validate`'s parameters: the cost of parsing them with typer."""
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, no_args_is_help=True)


class Format(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", is_eager=True)] = False) -> None:
    """Root."""


@app.command()
def validate(
    paths: Annotated[Optional[list[Path]], typer.Argument()] = None,
    output_format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
    strict: Annotated[bool, typer.Option("--strict")] = False,
    config: Annotated[Optional[Path], typer.Option("--config", "-c")] = None,
    color: Annotated[Color, typer.Option("--color")] = Color.auto,
    skip_non_journeys: Annotated[bool, typer.Option("--skip-non-journeys")] = False,
) -> None:
    """Nothing."""


@app.command()
def other() -> None:
    """Nothing."""


app()
'''


DIRECT_CALL = """
import gc, os, sys
from pathlib import Path
gc.disable()  # as journeymap.cli.main does
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
from journeymap.cli import validate
try:
    validate([Path(sys.argv[1])])
except BaseException as exit:
    sys.exit(getattr(exit, "exit_code", 1))
"""


def startup(sizes: Sizes, work: Path) -> Section:
    small = work / "small"
    (path,) = write_corpus(small, 1, sizes.small_steps, seed=7)
    floor = work / "typer_floor.py"
    floor.write_text(TYPER_FLOOR, encoding="utf-8")
    direct = work / "direct_call.py"
    direct.write_text(DIRECT_CALL, encoding="utf-8")
    jm = journeymap_command()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "bare import": [sys.executable, "-c", "import typer, pydantic, ruamel.yaml"],
        "bare import + BaseModel": [sys.executable, "-c", "import typer, ruamel.yaml; from pydantic import BaseModel"],
        "typer floor": [sys.executable, str(floor), "validate", str(path)],
        "--version": [*jm, "--version"],
        "validate": [*jm, "validate", str(path)],
        "validate, no cache": [*jm, "validate", str(path)],
        "validate, no typer": [sys.executable, str(direct), str(path)],
    }
    found = medians(commands, sizes.runs, environments={"validate, no cache": {"JOURNEYMAP_CACHE_DIR": ""}})
    bare = found["bare import"]
    section = Section("1. Start-up", ("command", "median", "÷ bare import", "target", ""))
    labels = {
        "python -c pass": "`python -c pass`",
        "bare import": "`python -c \"import typer, pydantic, ruamel.yaml\"` (the reference)",
        "bare import + BaseModel": "`python -c \"import typer, ruamel.yaml; from pydantic import BaseModel\"`",
        "typer floor": "a do-nothing typer app with validate's six options, same file",
        "--version": "`journeymap --version`",
        "validate": f"`journeymap validate` one {sizes.small_steps}-step file",
        "validate, no cache": "the same with the cache off (`JOURNEYMAP_CACHE_DIR=`): the first run after "
                              "installing or upgrading",
        "validate, no typer": "the same without typer's parsing: the command's function called directly",
    }
    for name, seconds in found.items():
        target = "≤ 1.3" if name in ("--version", "validate") else ""
        met = seconds <= 1.3 * bare if target else None
        section.rows.append((labels[name], ms(seconds), f"{seconds / bare:.2f}", target,
                             verdict(met) if target else ""))
        if target:
            section.verdicts.append((f"start-up `{name}` ≤ 1.3 × bare import", met, f"{seconds / bare:.2f}"))
    if found["validate"] > 1.3 * bare:
        section.notes.append(
            f"Why `validate` misses: the reference imports less than any program that validates with pydantic: "
            f"`import pydantic` is lazy and loads none of what a model needs (`from pydantic import BaseModel` "
            f"alone: {found['bare import + BaseModel'] / bare:.2f} × bare). And typer 0.29 builds a pydantic "
            f"TypeAdapter for every option on every run: a typer app with validate's options that does nothing "
            f"takes {found['typer floor'] / bare:.2f} × bare, above the target before any journeymap code runs. "
            f"journeymap's own share on top of that app is {ms(found['validate'] - found['typer floor'])} "
            "(its format models, reading the file, every check, the report). Leaving typer out does not help "
            f"({found['validate, no typer'] / bare:.2f} × bare): the pydantic machinery typer loads is the one "
            "the format models need anyway.")
    section.notes.append(
        "The cache (`~/.cache/journeymap`, see the README) keeps the viewpoint lexicons and the report's templates "
        "compiled between runs; without it every run compiles the lexicon of each language it meets.")
    return section


# -- 2. one typical file ----------------------------------------------------------------------------------------

def one_file(sizes: Sizes, work: Path) -> Section:
    (path,) = write_corpus(work / "typical", 1, sizes.typical_steps, seed=11)
    jm = journeymap_command()
    commands: dict[str, Sequence[str]] = {"journeymap": [*jm, "validate", str(path)]}
    peer = peer_command()
    if peer is not None:
        commands["check-jsonschema"] = [*peer, "--schemafile", str(SCHEMA), str(path)]
    found = medians(commands, sizes.runs)
    section = Section(f"2. One typical file ({sizes.typical_steps} steps, {path.stat().st_size / 1024:.0f} KB)",
                      ("command", "median", "÷ check-jsonschema", "target", ""))
    ours = found["journeymap"]
    if peer is None:
        section.rows.append(("`journeymap validate`", ms(ours), "", "< 1", verdict(None)))
        section.rows.append(("`check-jsonschema` not installed: `pip install -e '.[bench]'`", "", "", "", ""))
        section.verdicts.append(("one file faster than check-jsonschema", None, "peer not installed"))
        return section
    theirs = found["check-jsonschema"]
    met = ours < theirs
    section.rows.append(("`journeymap validate` (format, references, viewpoint, method)", ms(ours),
                         f"{ours / theirs:.2f}", "< 1", verdict(met)))
    section.rows.append((f"`check-jsonschema --schemafile schemas/{SCHEMA.name}` (format only)", ms(theirs),
                         "1.00", "", ""))
    section.verdicts.append(("one file faster than check-jsonschema", met, f"{ours / theirs:.2f}"))
    return section


# -- 3. throughput ----------------------------------------------------------------------------------------------

def loaders() -> list[str]:
    """The C-backed loaders installed, fastest first as measured on this project's journeys."""
    found = []
    try:
        import yaml

        if getattr(yaml, "__with_libyaml__", False):
            found.append("pyyaml-c")
    except ImportError:
        pass
    try:
        from ruamel.yaml import YAML

        if YAML(typ="safe").Parser.__name__ == "CParser":
            found.append("ruamel-c")
    except ImportError:
        pass
    return found or ["ruamel-pure"]


LOADER_NAMES = {"pyyaml-c": "PyYAML `CSafeLoader` (libyaml)", "ruamel-c": "ruamel.yaml `YAML(typ=\"safe\")` "
                "(libyaml through ruamel.yaml.clib)", "ruamel-pure": "ruamel.yaml pure Python"}


def throughput(sizes: Sizes, work: Path) -> Section:
    folder = work / "corpus"
    write_corpus(folder, sizes.files, sizes.typical_steps, seed=1000)
    megabytes = sum(path.stat().st_size for path in folder.iterdir()) / 1e6
    jm = journeymap_command()
    commands: dict[str, Sequence[str]] = {
        "journeymap": [*jm, "validate", str(folder)],
        "journeymap, one process": [sys.executable, str(Path(__file__).resolve()), "--probe", "serial", str(folder)],
    }
    for loader in loaders():
        commands[loader] = [sys.executable, str(Path(__file__).resolve()), "--probe", "parse", loader, str(folder)]
    found = medians(commands, sizes.throughput_runs, warmups=1 if sizes is FULL else 0)
    bare_name = min((name for name in found if name in LOADER_NAMES), key=lambda name: found[name])
    bare = found[bare_name]
    section = Section(f"3. Throughput: {sizes.files:,} files of {sizes.typical_steps} steps ({megabytes:.0f} MB)",
                      ("command", "median", "files/s", "÷ bare-parse throughput", "target", ""))
    for name, seconds in found.items():
        rate = sizes.files / seconds
        share = bare / seconds
        if name == "journeymap":
            label = f"`journeymap validate <folder>` ({_workers()} worker processes)"
            target, met = "≥ 0.5", share >= 0.5
            section.verdicts.append((f"{sizes.files:,}-file throughput ≥ ½ bare parse", met, f"{share:.2f}"))
        elif name == "journeymap, one process":
            label, target, met = "the same in one process (`validate_paths`, parallelism off)", "", None
        else:
            label = f"bare parse, one process: {LOADER_NAMES[name]}"
            label += " ← the reference" if name == bare_name else ""
            target, met = "", None
        section.rows.append((label, ms(seconds), f"{rate:,.0f}", f"{share:.2f}", target,
                             verdict(met) if target else ""))
    section.notes.append("Bare parse: a Python process that walks the folder and loads every file, nothing else. "
                         "Both commands include their start-up.")
    return section


def _workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


# -- 4. render --------------------------------------------------------------------------------------------------

def render(sizes: Sizes, work: Path) -> Section:
    (path,) = write_corpus(work / "render", 1, sizes.render_steps, seed=23)
    section = Section(f"4. Render one {sizes.render_steps}-step journey",
                      ("format", "our code (CPU)", "inside `dot` (CPU)", "ours ÷ dot", "target", "",
                       "render wall", "command wall"))
    if shutil.which("dot") is None:
        section.rows.append(("Graphviz `dot` is not installed", "", "", "", "", "", "", ""))
        section.verdicts.append(("render: our share < ¼ of dot's", None, "dot missing"))
        return section
    (other,) = write_corpus(work / "render-other", 1, sizes.render_steps, seed=24)
    jm = journeymap_command()
    measured: dict[str, dict[str, float]] = {}
    for output_format in ("html", "svg"):
        out = work / f"out-{output_format}"
        probes, warm, commands = [], [], []
        for _ in range(sizes.runs):
            probes.append(probe("render", str(path), output_format, str(out)))
            warm.append(probe("render", str(path), output_format, str(out), str(other)))
            commands.append(wall([*jm, "render", str(path), "-o", str(out), "-f", output_format]))
        for label, found in ((output_format, probes), (f"{output_format}, warm", warm)):
            ours = statistics.median(p["ours_cpu"] for p in found)
            dot = statistics.median(p["dot_cpu"] for p in found)
            ratio = ours / dot
            met = ratio < 0.25
            cold = found is probes
            section.rows.append((label, ms(ours), ms(dot), f"{ratio:.2f}", "< 0.25" if cold else "",
                                 verdict(met) if cold else "", ms(statistics.median(p["wall"] for p in found)),
                                 ms(statistics.median(commands)) if cold else ""))
            if cold:
                section.verdicts.append((f"render {output_format}: our share < ¼ of dot's", met, f"{ratio:.2f}"))
            parts = {key: statistics.median(p[key] for p in found)
                     for key in ("validate_cpu", "dot_text_cpu", "html_cpu", "svg_check_cpu")}
            where = (f"validating the journey {ms(parts['validate_cpu'])}, DOT text {ms(parts['dot_text_cpu'])}"
                     + (f", the HTML report {ms(parts['html_cpu'])} (of which checking dot's SVG before inlining "
                        f"it {ms(parts['svg_check_cpu'])})" if output_format == "html" else "")
                     + f", the rest {ms(ours - parts['validate_cpu'] - parts['dot_text_cpu'] - parts['html_cpu'])}"
                     " (starting the `dot` processes, writing files)")
            section.notes.append(f"{label}: of our {ms(ours)}, {where}.")
            if cold:
                measured[output_format] = {"ours": ours, "dot": dot, **parts}
    section.notes.insert(0, "Our code: CPU time of the journeymap process from reading the file to the last file "
                            "written (validation, DOT text, HTML, writes), in a fresh process after the command's "
                            "imports (start-up is section 1): what one `journeymap render` costs. Warm: the same "
                            "journey rendered after another one in the same process (what each journey of a folder "
                            "costs: lexicon compiled, modules loaded). Inside `dot`: CPU time of the `dot` processes; "
                            "CPU time because the `dot` runs overlap each other and our work (as many at once as "
                            "cores). Walls: `render_paths`, and the whole command.")
    if any(met is False for _target, met, _figure in section.verdicts):
        svg, html = measured["svg"], measured["html"]
        section.notes.append(
            f"Why our share stays above a quarter: this Graphviz lays out the journey's three views in "
            f"{ms(svg['dot'])} of CPU, so a quarter of it is {ms(svg['dot'] / 4)}, while validating the journey "
            f"first (the report shows its problems; nothing broken is drawn) costs {ms(svg['validate_cpu'])} alone "
            f"and writing the DOT text of three views of {sizes.render_steps} steps {ms(svg['dot_text_cpu'])}. "
            f"The HTML report is a page of every step in every lane, filled by Jinja: {ms(html['html_cpu'])}, "
            f"more than dot's whole layout. Checking dot's SVG before inlining it, which took most of that time "
            f"with `html.parser`, is now {ms(html['svg_check_cpu'])}.")
    return section


# -- 5. diff ----------------------------------------------------------------------------------------------------

def diff(sizes: Sizes, work: Path) -> Section:
    jm = journeymap_command()
    section = Section("5. Diff: the curve", ("steps", "changes", "`diff_journeys` (in process)", "per step",
                                            "growth", "`journeymap diff -f json` (command)", "per step", "growth"))
    points: list[tuple[int, float, float]] = []
    previous: tuple[float, float] | None = None
    for steps in sizes.diff_steps:
        current = make_journey(steps, spare_labels=True)
        target = make_target(current)
        current.pop("_spare_labels")
        before, after = work / f"diff-{steps}-current.yaml", work / f"diff-{steps}-target.yaml"
        before.write_text(to_yaml(current), encoding="utf-8")
        after.write_text(to_yaml(target), encoding="utf-8")
        measured = probe("diff", str(steps), str(sizes.runs))
        command = medians({"diff": [*jm, "diff", str(before), str(after), "-f", "json"]},
                          max(3, sizes.runs // 2))["diff"]
        inner = measured["median"]
        growth = (f"{inner / previous[0]:.2f}", f"{command / previous[1]:.2f}") if previous else ("-", "-")
        section.rows.append((f"{steps:,}", f"{int(measured['changes']):,}", ms(inner), f"{inner / steps * 1e6:.0f} µs",
                             growth[0], ms(command), f"{command / steps * 1e6:.0f} µs", growth[1]))
        points.append((steps, inner, command))
        previous = (inner, command)
    first, last = points[0], points[-1]
    exponent = math.log(last[1] / first[1]) / math.log(last[0] / first[0])
    exponent_command = math.log(last[2] / first[2]) / math.log(last[0] / first[0])
    met = exponent <= 1.2
    section.notes.append(
        f"Growth: time ratio to the previous size (2.00 when the size doubles = linear). Fitted exponent k in "
        f"time ∝ steps^k from {first[0]:,} to {last[0]:,} steps: **{exponent:.2f}** for `diff_journeys`, "
        f"{exponent_command:.2f} for the whole command (loading and validating both files included). Target: "
        f"near-linear, k ≤ 1.2: {verdict(met)}. In process: median of {sizes.runs} runs after a warm-up, models "
        "built beforehand, Python's cyclic garbage collector paused as the command pauses it "
        "(`bench/diff_bench.py` prints both ways).")
    section.verdicts.append(("diff near-linear (k ≤ 1.2)", met, f"k = {exponent:.2f}"))
    return section


# -- probes (run in a fresh interpreter by the sections above) --------------------------------------------------

def run_probe(args: list[str]) -> dict[str, float]:
    kind = args[0]
    if kind == "parse":
        return _probe_parse(args[1], Path(args[2]))
    if kind == "serial":
        from journeymap import validate

        validate.PARALLEL_MIN_FILES = 10**9
        report = validate.validate_paths([Path(args[1])])
        if report.exit_code(False) != 0:
            raise SystemExit("bench: the corpus does not validate")
        return {"files": len(report.files)}
    if kind == "render":
        return _probe_render(Path(args[1]), args[2], Path(args[3]), Path(args[4]) if len(args) > 4 else None)
    if kind == "viewpoint":
        from viewpoint_bench import probe as viewpoint_probe

        return viewpoint_probe()
    if kind == "measure":
        from measure_bench import probe as measure_probe

        return measure_probe(args[1])
    if kind == "diff":
        from diff_bench import measure

        median, changes = measure(int(args[1]), int(args[2]), collect=False)  # as the command runs: collector off
        return {"median": median, "changes": changes}
    raise SystemExit(f"bench: unknown probe {kind}")


def _probe_parse(loader: str, folder: Path) -> dict[str, float]:
    """Walk the folder and load every YAML file with one loader: what nothing built on YAML can beat."""
    if loader == "pyyaml-c":
        import yaml

        def load(text: bytes) -> object:
            return yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506 - the safe C loader
    else:
        from ruamel.yaml import YAML

        parser = YAML(typ="safe", pure=loader == "ruamel-pure")

        def load(text: bytes) -> object:
            return parser.load(text)
    count = 0
    for directory, _subdirectories, names in os.walk(folder):
        for name in sorted(names):
            if name.endswith((".yaml", ".yml")):
                load(Path(directory, name).read_bytes())
                count += 1
    return {"files": count}


def _probe_render(path: Path, output_format: str, out: Path, before: Path | None = None) -> dict[str, float]:
    """One render in this fresh process, timed after the imports `journeymap render` does before rendering
    (and, for the warm figure, after rendering `before` first)."""
    import journeymap.cli  # noqa: F401 - the command's imports are start-up (section 1), outside the clock
    from journeymap import files, text, validate  # noqa: F401
    from journeymap.config import Settings
    from journeymap.render import engine, outputs, views  # noqa: F401

    import gc

    gc.disable()  # as `journeymap.cli.main` does for every command
    if before is not None:
        outputs.render_paths([before], out, formats=[output_format], settings=Settings())

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu, start = time.process_time(), time.perf_counter()
    split = {"validate_cpu": 0.0, "dot_text_cpu": 0.0, "html_cpu": 0.0, "svg_check_cpu": 0.0}

    def timed(module: object, name: str, key: str) -> None:
        """Counts the CPU time of calls to `module.name` under `key` (process time: dot's threads included)."""
        real = getattr(module, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            begin = time.process_time()
            try:
                return real(*args, **kwargs)
            finally:
                split[key] += time.process_time() - begin

        setattr(module, name, wrapper)

    timed(outputs, "validate_paths", "validate_cpu")
    timed(outputs, "view_dot", "dot_text_cpu")
    if output_format == "html":  # imported during the render by the command: inside the clock, split out after
        from journeymap.render import html as report_module

        timed(report_module, "report_html", "html_cpu")
        timed(report_module, "inline_svg", "svg_check_cpu")
    summary = outputs.render_paths([path], out, formats=[output_format], settings=Settings())
    elapsed, ours = time.perf_counter() - start, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if summary.failed:
        raise SystemExit(f"bench: render failed: {summary.failed}")
    dot = (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
    return {"ours_cpu": ours, "dot_cpu": dot, "wall": elapsed, **split}


# -- main -------------------------------------------------------------------------------------------------------

def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    dot = "no Graphviz"
    if shutil.which("dot"):
        dot = subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.strip()
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (f"{platform.system()} {platform.machine()}, {model or platform.processor() or 'unknown CPU'}, "
            f"{_workers()} usable cores; Python {platform.python_version()}; {dot}; load average at the end "
            f"{load} (other processes share this machine: hence medians)")


def viewpoint(sizes: Sizes, work: Path) -> Section:
    from viewpoint_bench import section

    return section(sizes, work, medians=medians, probe=probe, write_corpus=write_corpus,
                   journeymap_command=journeymap_command, section_type=Section, ms=ms, verdict=verdict)


def large(sizes: Sizes, work: Path) -> Section:
    from large_bench import section

    return section(sizes, work, journeymap_command=journeymap_command, section_type=Section, ms=ms,
                   make_journey=make_journey, to_yaml=to_yaml)


def results(sizes: Sizes, work: Path) -> Section:
    from large_bench import measured
    from measure_bench import section

    return section(sizes, work, probe=probe, journeymap_command=journeymap_command, measured=measured,
                   section_type=Section, ms=ms, verdict=verdict)


def export(sizes: Sizes, work: Path) -> Section:
    from export_bench import section
    from large_bench import measured

    return section(sizes, work, journeymap_command=journeymap_command, measured=measured,
                   write_corpus=write_corpus, section_type=Section, ms=ms)


SECTIONS: dict[str, Callable[[Sizes, Path], Section]] = {
    "startup": startup, "one-file": one_file, "throughput": throughput, "render": render, "diff": diff,
    "viewpoint": viewpoint, "large": large, "measure": results, "export": export,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, to check in CI that the benchmark runs")
    parser.add_argument("--output", type=Path, default=None,
                        help=f"where to write the table (default: {RESULTS.relative_to(ROOT)}; --quick: print only)")
    parser.add_argument("--only", action="append", choices=list(SECTIONS), help="run only these sections")
    parser.add_argument("--probe", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        start = time.perf_counter()
        result = run_probe(args.probe)
        result.setdefault("wall", time.perf_counter() - start)
        print(json.dumps(result))
        return 0
    sizes = QUICK if args.quick else FULL
    output = args.output if args.output is not None else (None if args.quick else RESULTS)
    started = time.perf_counter()
    sections: list[Section] = []
    with tempfile.TemporaryDirectory(prefix="journeymap-bench-") as folder:
        prepare(Path(folder))
        for name, measure in SECTIONS.items():
            if args.only and name not in args.only:
                continue
            print(f"bench: {name}...", file=sys.stderr, flush=True)
            sections.append(measure(sizes, Path(folder)))
    summary = Section("Targets", ("target", "measured", ""))
    for section in sections:
        for target, met, figure in section.verdicts:
            summary.rows.append((target, figure, verdict(met)))
    command = "python bench/run.py" + (" --quick" if args.quick else "")
    if args.quick:
        summary.notes.append("Quick run: sizes too small for these verdicts to mean anything; it only checks that "
                             "every measurement runs.")
    text = (
        "# journeymap speed\n\n"
        f"Written by `{command}` on {datetime.date.today().isoformat()} in {time.perf_counter() - started:.0f} s. "
        f"Machine: {machine()}.\n\n"
        "Each figure is the median of several fresh runs (runs of compared commands alternate); ratios are "
        "computed from the medians. Journeys come from `bench/generate.py` (valid, French and English, with "
        "touchpoints, pain points, moments of truth, backstage and an action plan).\n\n"
        + summary.markdown() + "\n" + "\n".join(section.markdown() for section in sections)
    )
    if output is None:
        print(text)
    else:
        output.write_text(text, encoding="utf-8")
        print(text)
        print(f"bench: wrote {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
