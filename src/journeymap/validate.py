"""`journeymap validate` as a library call: paths in, a Report of problems out. Nothing here prints."""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from journeymap import catalogue
from journeymap.config import Settings
from journeymap.limits import too_many_steps, too_many_steps_in_text
from journeymap.loading import Document, load_text, read_text
from journeymap.model import Journey
from journeymap.problems import Problem, Severity
from journeymap.rules import RuleContext
from journeymap.rules.method import check_method
from journeymap.rules.references import check_references
from journeymap.rules.viewpoint import check_viewpoint
from journeymap.structure import check_structure, is_journey

JOURNEY_SUFFIXES = (".yaml", ".yml")
SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox"})
_DECLARES_JOURNEY = re.compile(r"^[\"']?journeymap[\"']?\s*:", re.MULTILINE)
_SUPPRESSION = re.compile(r"#\s*journeymap:\s*(disable|disable-file)\s*=\s*([A-Za-z0-9_.,\- ]+)")


class InputError(Exception):
    """A path the user gave that cannot be used (exit 2)."""


@dataclass
class FileResult:
    file: str
    problems: list[Problem]
    document: Document | None = None
    journey: Journey | None = None
    context: RuleContext | None = None


@dataclass
class Report:
    files: list[FileResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # YAML files in folders that are not journeys
    unreadable: list[str] = field(default_factory=list)  # I/O failures: the run cannot be trusted (exit 2)

    @property
    def problems(self) -> list[Problem]:
        return sorted(problem for result in self.files for problem in result.problems)

    def count(self, severity: Severity) -> int:
        return sum(1 for problem in self.problems if problem.severity is severity)

    def exit_code(self, strict: bool) -> int:
        if self.unreadable:
            return 2
        if self.count(Severity.ERROR) or (strict and self.count(Severity.WARNING)):
            return 1
        return 0


@dataclass(frozen=True)
class Candidate:
    path: Path
    display: str
    named: bool  # named on the command line: it must be a journey


def discover(paths: Sequence[Path], exclude: Sequence[str] = (), named_must_be_journeys: bool = True) -> list[Candidate]:
    """Files named on the command line, and the YAML files found by walking the named folders, in a stable order."""
    found: list[Candidate] = []
    seen: set[Path] = set()
    for root in paths:
        if root.is_dir():
            walked = sorted(_walk(root, exclude))
            for path in walked:
                if path.resolve() not in seen:
                    seen.add(path.resolve())
                    found.append(Candidate(path, _display(path), named=False))
        elif root.exists():
            if root.resolve() not in seen:
                seen.add(root.resolve())
                found.append(Candidate(root, _display(root), named=named_must_be_journeys))
        else:
            raise InputError(f"no such file or folder: {root}")
    return found


def _walk(root: Path, exclude: Sequence[str]) -> Iterable[Path]:
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [
            name for name in subfolders
            if name not in SKIPPED_FOLDERS and not name.startswith(".")
            and not _excluded(Path(folder, name), root, exclude)
        ]
        for name in files:
            path = Path(folder, name)
            if name.lower().endswith(JOURNEY_SUFFIXES) and not _excluded(path, root, exclude):
                yield path


def _excluded(path: Path, root: Path, patterns: Sequence[str]) -> bool:
    relative = path.relative_to(root).as_posix()
    return any(
        fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(path.name, pattern)
        or fnmatch.fnmatch(relative + "/", pattern)
        for pattern in patterns
    )


def _display(path: Path) -> str:
    """Paths as the user would type them: relative to the current folder when below it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def validate_paths(
    paths: Sequence[Path], settings: Settings | None = None, *, named_must_be_journeys: bool = True
) -> Report:
    settings = settings or Settings()
    report = Report()
    for candidate in discover(paths, settings.exclude, named_must_be_journeys):
        text, problems = read_text(candidate.path, candidate.display, int(settings.max_file_size))
        if text is None:
            if any(problem.message.startswith("cannot read") for problem in problems):
                report.unreadable.append(candidate.display)
            report.files.append(FileResult(candidate.display, problems))
            continue
        if not candidate.named and not _DECLARES_JOURNEY.search(text):
            report.skipped.append(candidate.display)
            continue
        result = validate_text(text, candidate.display, settings)
        if not candidate.named and result.document is not None and not is_journey(result.document.data):
            report.skipped.append(candidate.display)
            continue
        report.files.append(result)
    check_repository(report.files)
    for result in report.files:
        result.problems = apply_suppressions(result.problems, result.document)
    return report


def validate_text(text: str, display: str, settings: Settings | None = None) -> FileResult:
    """Everything that can be checked in one file on its own."""
    settings = settings or Settings()
    early = too_many_steps_in_text(text, display, settings.max_steps)
    if early is not None:
        return FileResult(display, [early])
    loaded = load_text(text, display)
    document = loaded.document
    if document is None:
        return FileResult(display, loaded.problems)
    problems = list(loaded.problems)
    oversized = too_many_steps(document.data, display, settings.max_steps, document.locate(("stages",)))
    if oversized is not None:
        return FileResult(display, [*problems, oversized], document)
    journey, structure_problems, repaired = check_structure(document)
    problems.extend(structure_problems)
    if not is_journey(document.data) or any(p.code in ("JM004", "JM005") for p in structure_problems):
        return FileResult(display, problems, document)
    context = RuleContext(document, settings.severities(), repaired=repaired)
    check_viewpoint(document.data, context, settings.viewpoint)
    if journey is not None:
        check_references(journey, context)
        check_method(journey, context)
    # A journey repaired around format errors is only good for this file's own checks, not for cross-file ones.
    return FileResult(display, problems + context.problems, document, journey if not repaired else None, context)


def check_repository(results: Sequence[FileResult]) -> None:
    """Checks across the files validated together: journey ids, and target journeys against their baselines."""
    already = {id(result): len(result.context.problems) for result in results if result.context is not None}
    by_id: dict[str, FileResult] = {}
    for result in results:
        if result.journey is None or result.context is None:
            continue
        journey = result.journey
        first = by_id.get(journey.id)
        if first is not None:
            result.context.report(
                "JM205", ("id",), f"journey id '{journey.id}' is already used by {first.file}",
                hint="journey ids are unique across a repository",
            )
        else:
            by_id[journey.id] = result
    for result in results:
        journey, context = result.journey, result.context
        if journey is None or context is None or journey.target_of is None:
            continue
        baseline = by_id.get(journey.target_of)
        if baseline is None or baseline.journey is None or baseline is result:
            continue
        if baseline.journey.state != "current":
            context.report(
                "JM206", ("target_of",),
                f"`target_of` names '{journey.target_of}' ({baseline.file}), which is not a current journey",
                hint="a target journey improves a journey with `state: current`",
            )
        elif baseline.journey.evidence == "hypothesis" and baseline.context is not None:
            path = ("evidence",)
            baseline.context.report(
                "JM407", path,
                f"journey '{baseline.journey.id}' is the baseline of target '{journey.id}' ({result.file}) "
                "but rests on hypotheses",
                hint="validate the current journey with research or verbatims before planning against it",
            )
    for result in results:
        if result.context is not None:
            result.problems.extend(result.context.problems[already[id(result)]:])


def apply_suppressions(problems: list[Problem], document: Document | None) -> list[Problem]:
    """Honour `# journeymap: disable=CODE` on a line (or alone on the line above) and `disable-file=CODE`."""
    if document is None or "journeymap:" not in document.text:
        return problems
    lines = document.text.splitlines()
    whole_file: set[str] = set()
    by_line: dict[int, set[str]] = {}
    for number, line in enumerate(lines, start=1):
        match = _SUPPRESSION.search(line)
        if not match:
            continue
        codes = {_code(token) for token in re.split(r"[,\s]+", match.group(2).strip()) if token}
        if match.group(1) == "disable-file":
            whole_file |= codes
        else:
            by_line.setdefault(number, set()).update(codes)
            if line.lstrip().startswith("#"):
                by_line.setdefault(number + 1, set()).update(codes)
    if not whole_file and not by_line:
        return problems
    kept = []
    for problem in problems:
        silenced = whole_file | by_line.get(problem.line, set())
        if catalogue.BY_CODE[problem.code].configurable and problem.code in silenced:
            continue
        kept.append(problem)
    return kept


def _code(token: str) -> str:
    check = catalogue.lookup(token)
    return check.code if check else token.upper()
