"""`journeymap validate` as a library call: paths in, a Report of problems out. Nothing here prints.

Which files are checked is discovery.py's business. They are checked on their own first, in parallel processes when
there are many (`PARALLEL_MIN_FILES`), then together (journey ids, targets and baselines, backstage vocabulary);
the report lists them in the same order either way.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from journeymap import catalogue
from journeymap.config import Settings
from journeymap.discovery import Candidate, NotWalked, discover
from journeymap.limits import too_many_steps, too_many_steps_in_text
from journeymap.loading import Document, collector_paused, load_text
from journeymap.reading import editor_lines, read_text
from journeymap.model import Journey
from journeymap.problems import DataPath, Problem, Severity
from journeymap.rules import RuleContext
from journeymap.rules.method import check_method
from journeymap.rules.references import check_references
from journeymap.rules.viewpoint import (
    Vocabulary,
    check_backstage_vocabulary,
    check_language,
    check_viewpoint,
    vocabulary,
)
from journeymap.structure import check_structure, is_journey

# A key `journeymap` in block style or as the first key of a flow mapping or JSON object ({"journeymap": 1, ...}):
# only a fast way to pass over other YAML files; what a file is, is decided on its data (is_journey).
_DECLARES_JOURNEY = re.compile(r"(?:^|[{,])\s*[\"']?journeymap[\"']?\s*:", re.MULTILINE)
_SUPPRESSION = re.compile(r"#\s*journeymap:\s*(disable|disable-file)\s*=\s*([A-Za-z0-9_.,\- ]+)")


class FileResult:
    """What one file gave: its problems and, when it loaded, the document, the journey and the rules' context.

    A result sent back by a worker process leaves its journey out (rebuilding it from the valid data costs less
    than carrying the model across) and rebuilds it on first use; cross-file checks read only `facts`.
    """

    def __init__(
        self,
        file: str,
        problems: list[Problem],
        document: Document | None = None,
        journey: Journey | None = None,
        context: RuleContext | None = None,
    ) -> None:
        self.file = file
        self.problems = problems
        self.document = document
        self._journey = journey
        self._rebuild = False
        self.context = context
        self._facts: _Facts | None = None
        self.vocabulary: Vocabulary | None = None  # set by check_repository, or by slim()
        self.suppressions: Suppressions | None = None  # set by slim(); else read from the document's text

    @property
    def journey(self) -> Journey | None:
        if self._rebuild:
            assert self.document is not None
            self._journey, self._rebuild = Journey.model_validate(self.document.data), False
        return self._journey

    @journey.setter
    def journey(self, value: Journey | None) -> None:
        self._journey, self._rebuild = value, False

    @property
    def has_journey(self) -> bool:
        return self._rebuild or self._journey is not None or self._facts is not None

    def slim(self, path: Path, settings: Settings) -> None:
        """Keep only what the cross-file checks and the report need (problems, facts, the words of its steps and
        backstage, its suppression comments), so that a run over 200,000 files holds a few kilobytes per file and
        not its text, data and model: positions, if a cross-file problem needs one, are read again from `path`."""
        if self.document is None:
            return
        if self.has_journey and self.context is not None:
            self._facts = self.facts
            self.vocabulary = vocabulary(self.document.data, settings.viewpoint)
        self.suppressions = Suppressions.of(self.document.text)
        self.document = _Reread(path, self.file)  # type: ignore[assignment]
        if self.context is not None:
            self.context.document = self.document  # type: ignore[assignment]
        self._journey, self._rebuild = None, False

    @property
    def facts(self) -> _Facts:
        """What cross-file checks need; read from the data when the journey is not built (the data is valid)."""
        if self._facts is not None:
            return self._facts
        if self._journey is not None:
            journey = self._journey
            return _Facts(journey.id, journey.state, journey.target_of, journey.evidence)
        data = self.document.data if self.document is not None else {}
        return _Facts(data["id"], data["state"], data.get("target_of"), data.get("evidence"))

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        if state["_journey"] is not None and self.document is not None:
            state["_journey"], state["_rebuild"] = None, True
        return state

    def __repr__(self) -> str:
        return f"FileResult(file={self.file!r}, problems={len(self.problems)})"


class _Facts(NamedTuple):
    id: str
    state: str
    target_of: str | None
    evidence: str | None


class _Reread:
    """The document of a slimmed result: its positions, read again from the file on first use (rare: a problem
    found across files), so that a large run keeps no file's text."""

    def __init__(self, path: Path, file: str) -> None:
        self.path, self.file = path, file
        self._document: Document | None = None
        self._failed = False

    def locate(self, path: DataPath, *, key: bool = False) -> tuple[int, int]:
        if self._document is None and not self._failed:
            text, _problems = read_text(self.path, self.file)
            loaded = load_text(text, self.file) if text is not None else None
            self._document = loaded.document if loaded is not None else None
            self._failed = self._document is None
        return self._document.locate(path, key=key) if self._document is not None else (1, 1)


@dataclass(frozen=True)
class Suppressions:
    """The `# journeymap: disable=...` comments of a file: codes for the whole file, and by line."""

    whole_file: frozenset[str]
    by_line: dict[int, set[str]]

    @classmethod
    def of(cls, text: str) -> Suppressions | None:
        if not _SUPPRESSION.search(text):
            return None  # no line can hold a suppression when the whole text holds none
        whole_file: set[str] = set()
        by_line: dict[int, set[str]] = {}
        for number, line in enumerate(editor_lines(text), start=1):
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
        return cls(frozenset(whole_file), by_line) if whole_file or by_line else None

    def apply(self, problems: list[Problem]) -> list[Problem]:
        return [problem for problem in problems
                if not (catalogue.BY_CODE[problem.code].configurable
                        and problem.code in (self.whole_file | self.by_line.get(problem.line, set())))]


@dataclass
class Report:
    files: list[FileResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # YAML files in folders that are not journeys
    unreadable: list[str] = field(default_factory=list)  # I/O failures: the run cannot be trusted (exit 2)
    not_walked: list[NotWalked] = field(default_factory=list)  # subfolders not checked, and why

    @property
    def problems(self) -> list[Problem]:
        return sorted(problem for result in self.files for problem in result.problems)

    def count(self, severity: Severity) -> int:
        return sum(1 for problem in self.problems if problem.severity is severity)

    def exit_code(self, strict: bool) -> int:
        if self.unreadable or any(folder.unreadable for folder in self.not_walked):
            return 2
        if self.count(Severity.ERROR) or (strict and self.count(Severity.WARNING)):
            return 1
        return 0


PARALLEL_MIN_FILES = 24  # below this, starting worker processes costs more than it saves


def validate_paths(
    paths: Sequence[Path],
    settings: Settings | None = None,
    *,
    named_must_be_journeys: bool = True,
    slim: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Every journey under `paths`, checked on its own and across files. `slim`: the results keep problems and
    what the report needs, not each file's document and journey (FileResult.slim; what `validate` asks for);
    `progress(done, total)` after each file."""
    settings = settings or Settings()
    report = Report()
    candidates = discover(paths, settings.exclude, named_must_be_journeys, report.not_walked)
    with collector_paused():  # a run keeps every file's problems (and, unless slim, its data) until it reports
        checked = _check_files(candidates, settings, slim)
        for done, (candidate, (result, unreadable)) in enumerate(zip(candidates, checked, strict=True), start=1):
            if unreadable:
                report.unreadable.append(candidate.display)
            if result is None:
                report.skipped.append(candidate.display)
            else:
                report.files.append(result)
            if progress is not None:
                progress(done, len(candidates))
        check_repository(report.files, settings)
        for result in report.files:
            if result.suppressions is not None:
                result.problems = result.suppressions.apply(result.problems)
            elif not slim:
                result.problems = apply_suppressions(result.problems, result.document)
    return report


def check_file(candidate: Candidate, settings: Settings, slim: bool = False) -> tuple[FileResult | None, bool]:
    """One file on its own: its result, or None for a YAML file of a folder that is not a journey (skipped);
    and whether it could not be read."""
    text, problems = read_text(candidate.path, candidate.display, int(settings.max_file_size), named=candidate.given)
    if text is None:
        unreadable = any(problem.message.startswith("cannot read") for problem in problems)
        return FileResult(candidate.display, problems), unreadable
    if not candidate.named and not _DECLARES_JOURNEY.search(text):
        return None, False
    result = validate_text(text, candidate.display, settings)
    if result.document is not None:
        result.document.release_tree()  # a run keeps many results: positions, if needed later, come from the text
    if not candidate.named and result.document is not None and not is_journey(result.document.data):
        return None, False
    if slim and candidate.path.is_file():  # a pipe cannot be read again for positions: its result stays whole
        result.slim(candidate.path, settings)
    return result, False


def _check_files(
    candidates: list[Candidate], settings: Settings, slim: bool = False
) -> Iterator[tuple[FileResult | None, bool]]:
    """`check_file` on every candidate, in order; in worker processes when there are enough files and cores."""
    workers = _workers(len(candidates))
    if workers > 1:
        try:
            yield from _check_in_parallel(candidates, settings, workers, slim)
            return
        except _PoolUnavailable:
            pass
    for candidate in candidates:
        yield check_file(candidate, settings, slim)


class _PoolUnavailable(Exception):
    """Worker processes could not be started or died: the files are checked here instead."""


def _workers(files: int) -> int:
    """How many worker processes: one per usable core, none for few files.

    Only where processes fork (Linux) and nothing else runs in this process: forking copies the loaded modules
    and caches at no cost, while starting fresh interpreters (macOS, Windows) costs more than most runs take,
    and forking a process with threads is unsafe.
    """
    if files < PARALLEL_MIN_FILES or sys.platform != "linux":
        return 1
    import multiprocessing
    import threading

    if threading.active_count() > 1:
        return 1
    if multiprocessing.current_process().daemon:  # already a worker: daemonic processes cannot have children
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, files // (PARALLEL_MIN_FILES // 2)))


def _check_in_parallel(
    candidates: list[Candidate], settings: Settings, workers: int, slim: bool = False
) -> Iterator[tuple[FileResult | None, bool]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = max(4, min(64, len(candidates) // (workers * 8)))
    chunks = [candidates[start:start + size] for start in range(0, len(candidates), size)]
    for stream in (sys.stdout, sys.stderr):  # a forked child flushes what it inherited: nothing may be pending
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    try:
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    except (OSError, ValueError) as error:
        raise _PoolUnavailable from error
    done = 0
    try:
        with pool:
            for results in pool.map(_check_chunk, chunks, [settings] * len(chunks), [slim] * len(chunks)):
                yield from results
                done += 1
    except (BrokenProcessPool, OSError) as error:
        if done:  # some results are already out: check the rest here, in order
            for chunk in chunks[done:]:
                for candidate in chunk:
                    yield check_file(candidate, settings, slim)
            return
        raise _PoolUnavailable from error


def _check_chunk(
    chunk: list[Candidate], settings: Settings, slim: bool = False
) -> list[tuple[FileResult | None, bool]]:
    """Runs in a worker process."""
    return [check_file(candidate, settings, slim) for candidate in chunk]


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
    oversized = too_many_steps(document.data, display, settings.max_steps, (1, 1))
    if oversized is not None:  # located only now: positions are found on demand
        oversized = too_many_steps(document.data, display, settings.max_steps, document.locate(("stages",)))
        assert oversized is not None
        return FileResult(display, [*problems, oversized], document)
    journey, structure_problems, repaired = check_structure(document)
    problems.extend(structure_problems)
    if not is_journey(document.data) or any(p.code in ("JM004", "JM005") for p in structure_problems):
        return FileResult(display, problems, document)
    context = RuleContext(document, settings.severities(), repaired=repaired)
    written = check_language(document.data, context, settings.viewpoint)
    check_viewpoint(document.data, context, settings.viewpoint, readable=written is None)
    if journey is not None:
        check_references(journey, context)
        check_method(journey, context)
    # A journey repaired around format errors is only good for this file's own checks, not for cross-file ones.
    return FileResult(display, problems + context.problems, document, journey if not repaired else None, context)


def check_repository(results: Sequence[FileResult], settings: Settings | None = None) -> None:
    """Checks across the files validated together: journey ids, target journeys against their baselines, and
    customer steps that another journey's backstage names as company work."""
    settings = settings or Settings()
    already = {id(result): len(result.context.problems) for result in results if result.context is not None}
    for result in results:
        if result.vocabulary is None and result.context is not None and isinstance(result.document, Document) \
                and is_journey(result.document.data):
            result.vocabulary = vocabulary(result.document.data, settings.viewpoint)
    check_backstage_vocabulary(
        [(r.vocabulary, r.context) for r in results if r.vocabulary is not None and r.context is not None]
    )
    by_id: dict[str, tuple[FileResult, _Facts]] = {}
    journeys: list[tuple[FileResult, _Facts]] = []
    for result in results:
        if not result.has_journey or result.context is None:
            continue
        facts = result.facts
        journeys.append((result, facts))
        first = by_id.get(facts.id)
        if first is not None:
            result.context.report(
                "JM205", ("id",), f"journey id '{facts.id}' is already used by {first[0].file}",
                hint="journey ids are unique across a repository",
            )
        else:
            by_id[facts.id] = (result, facts)
    for result, facts in journeys:
        context = result.context
        if context is None or facts.target_of is None:
            continue
        found = by_id.get(facts.target_of)
        if found is None or found[0] is result:
            continue
        baseline, baseline_facts = found
        if baseline_facts.state != "current":
            context.report(
                "JM206", ("target_of",),
                f"`target_of` names '{facts.target_of}' ({baseline.file}), which is not a current journey",
                hint="a target journey improves a journey with `state: current`",
            )
        elif baseline_facts.evidence == "hypothesis" and baseline.context is not None:
            path = ("evidence",)
            baseline.context.report(
                "JM407", path,
                f"journey '{baseline_facts.id}' is the baseline of target '{facts.id}' ({result.file}) "
                "but rests on hypotheses",
                hint="validate the current journey with research or verbatims before planning against it",
            )
    for result in results:
        if result.context is not None:
            added = result.context.problems[already[id(result)]:]
            result.problems.extend(added)
            sure = {problem.path for problem in added if problem.code == "JM301"}
            if sure:  # a step the repository's own words decide is no longer only a doubt
                result.problems = [p for p in result.problems if not (p.code == "JM303" and p.path in sure)]


def apply_suppressions(problems: list[Problem], document: Document | None) -> list[Problem]:
    """Honour `# journeymap: disable=CODE` on a line (or alone on the line above) and `disable-file=CODE`."""
    if not problems or document is None:
        return problems
    table = Suppressions.of(document.text)
    return table.apply(problems) if table is not None else problems


def _code(token: str) -> str:
    check = catalogue.lookup(token)
    return check.code if check else token.upper()
