"""From a journey file's path to its History: the commits from git, each version loaded and checked as
`journeymap validate` would, then its figures (whenever the format holds, even if checks fail)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from journeymap.config import Settings
from journeymap import catalogue
from journeymap.diff.inputs import display_name
from journeymap.history.git import Blob, Commit, read_blobs, read_log
from journeymap.history.records import History, Version, figures_of
from journeymap.problems import Problem, Severity
from journeymap.reading import decode
from journeymap.validate import apply_suppressions, validate_text


def read_history(
    path: Path,
    settings: Settings | None = None,
    *,
    rev: str = "HEAD",
    since: str | None = None,
    max_count: int | None = None,
) -> History:
    """Every committed version of the journey at `path` up to `rev`, oldest first. Raises HistoryError (exit 2)
    when there is no history to read; a version that does not load is a row marked invalid."""
    settings = settings or Settings()
    log = read_log(path, rev=rev, since=since, max_count=max_count)
    max_bytes = int(settings.max_file_size)
    versions: list[Version] = []
    seen: dict[str, Version] = {}  # by content id: the same content is checked once
    for number, (commit, blob) in enumerate(zip(log.commits, read_blobs(log.top, log.commits, max_bytes),
                                                strict=True), start=1):
        same = seen.get(blob.oid) if blob.oid else None
        if same is not None:
            versions.append(replace(same, number=number, commit=commit.commit, date=commit.date,
                                    author=commit.author, subject=commit.subject, path=commit.path))
            continue
        version = _version(number, commit, blob, settings, max_bytes)
        if blob.oid:
            seen[blob.oid] = version
        versions.append(version)
    notes: list[str] = []
    if log.shallow:
        notes.append("shallow clone: commits older than the clone's depth are not shown "
                     "(git fetch --unshallow reads them)")
    if not versions:
        notes.append("no commit of the file matches --since / --max-count")
    return History(display_name(path), tuple(versions), log.shallow, tuple(notes))


def _version(number: int, commit: Commit, blob: Blob, settings: Settings, max_bytes: int) -> Version:
    base = dict(number=number, commit=commit.commit, date=commit.date, author=commit.author, subject=commit.subject,
                path=commit.path)
    if blob.missing:
        return Version(**base, status="deleted")  # type: ignore[arg-type]
    if blob.data is None:
        message = f"file is {blob.size:,} bytes, over the limit of {max_bytes:,} bytes"
        return Version(**base, status="too-large", errors=1, first_error=message)  # type: ignore[arg-type]
    name = f"{commit.path}@{commit.commit[:10]}"
    text, problems = decode(blob.data, name)
    if text is None:
        return Version(**base, status="invalid", errors=len(problems), first_error=_describe(problems[0]))  # type: ignore[arg-type]
    result = validate_text(text, name, settings)
    problems = sorted(apply_suppressions(result.problems, result.document))
    errors = [problem for problem in problems if problem.severity is Severity.ERROR]
    if result.journey is None:  # the format does not hold: no figures can be read from it
        shown = errors or problems or [catalogue.problem("JM004", name, (1, 1), "file is not a journey")]
        return Version(**base, status="invalid", errors=len(shown), first_error=_describe(shown[0]))  # type: ignore[arg-type]
    # A version whose checks fail (a step told from the company's side, an unknown reference) still has figures: the
    # team committed it, and its emotion curve and pain points are part of the story. Its errors are counted.
    return Version(**base, status="ok", title=result.journey.title, figures=figures_of(result.journey),  # type: ignore[arg-type]
                   errors=len(errors), first_error=_describe(errors[0]) if errors else None, lang=result.journey.lang)


def _describe(problem: Problem) -> str:
    """The first error as validate prints it: line:column, code, message."""
    return f"{problem.line}:{problem.column} {problem.code} {problem.message}"
