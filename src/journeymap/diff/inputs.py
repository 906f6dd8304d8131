"""The two journeys of a diff: a file on disk, or the same file as it was at a git revision.

A file that does not validate is returned as its problems (the very records `journeymap validate` gives, with the
same suppression comments honoured), never raised: the command shows them as validate would. What makes the diff
impossible to attempt (no such file, not a git repository, unknown revision) raises DiffInputError: exit code 2.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from journeymap import catalogue
from journeymap.config import Settings
from journeymap.loading import Document
from journeymap.reading import decode, read_text
from journeymap.model import Journey
from journeymap.problems import Problem, Severity
from journeymap.validate import apply_suppressions, validate_text

GIT_TIMEOUT = 60  # seconds; a local `git show` takes milliseconds, a hung credential helper must not hang CI


class DiffInputError(Exception):
    """An input the diff cannot start from (missing file, not a git repository, unknown revision): exit 2."""


@dataclass(frozen=True)
class LoadedJourney:
    """A journey ready to diff: the model, the document that knows every position, and how to name the file."""

    journey: Journey
    document: Document
    name: str
    warnings: tuple[Problem, ...] = ()  # what validate would warn about; the diff runs anyway


class Absent:
    """No journey at this revision (the pull request adds it) or on disk (it deletes it): named, not an error."""

    def __init__(self, name: str) -> None:
        self.name = name


def stand_in(absent: Absent, other: LoadedJourney) -> LoadedJourney:
    """The missing side of an added or deleted journey: the other side's journey without a stage, so that the diff
    reports every stage and step as added (or removed), under the missing side's name."""
    empty = other.journey.model_copy(update={"stages": []})
    return LoadedJourney(empty, Document(absent.name, {}, "", {}, {}), absent.name)


def display_name(path: Path) -> str:
    """Paths as the user would type them: relative to the current folder when below it (as validate shows them)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def load_for_diff(path: Path, settings: Settings | None = None) -> LoadedJourney | list[Problem]:
    """Read and validate one journey file. Errors (format, references, or checks configured as errors) make it
    unusable for a diff: then the file's problems are returned, sorted, exactly as validate reports them. `-` is
    standard input (either side, as validate and render read it)."""
    settings = settings or Settings()
    if str(path) == "-":
        text, problems = read_text(Path("/dev/stdin"), "-", int(settings.max_file_size), named=True)
        return sorted(problems) if text is None else _validated(text, "-", settings)
    if not path.exists():
        raise DiffInputError(f"no such file: {path}")
    if path.is_dir():
        raise DiffInputError(f"{path} is a folder: diff compares two journey files")
    name = display_name(path)
    text, problems = read_text(path, name, int(settings.max_file_size), named=True)
    if text is None:
        return sorted(problems)
    return _validated(text, name, settings)


def is_revision(rev: str) -> bool:
    """Whether `rev` can be handed to git as a revision: not empty, not an option, one line."""
    return bool(rev) and not rev.startswith("-") and not any(char in rev for char in "\n\r\x00")


MAX_LINKS = 8  # symbolic links followed in a row inside the revision's tree


def load_at_revision(
    path: Path, rev: str, settings: Settings | None = None
) -> LoadedJourney | list[Problem] | Absent:
    """The journey at `path` as it was at git revision `rev` (`git show REV:path-from-the-top`), run in the file's
    folder so that it works from any current folder and in any repository; named `path@rev` in every output.
    A journey committed as a symbolic link is read where the link points (inside the repository); one that did not
    exist at `rev` is Absent: a pull request that adds a journey is a change to report, not a usage error."""
    settings = settings or Settings()
    if not is_revision(rev):
        raise DiffInputError(f"invalid revision {rev!r}")
    absolute = Path(os.path.abspath(path))
    folder = absolute.parent
    if not folder.is_dir():
        raise DiffInputError(f"no such folder: {folder}")
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise DiffInputError(f"{folder} is not in a git repository: {_first_line(top.stderr)}")
    prefix = _git(folder, "rev-parse", "--show-prefix")
    relative = prefix.stdout.decode("utf-8", "surrogateescape").strip() + absolute.name
    commit = _git(folder, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if commit.returncode != 0:
        raise DiffInputError(f"unknown revision '{rev}' in the repository at {_decoded(top.stdout)}")
    name = f"{display_name(path)}@{rev}"
    spec = f"{rev}:{relative}"
    top_folder = Path(_decoded(top.stdout))
    for _link in range(MAX_LINKS + 1):
        listed = _git(top_folder, "ls-tree", "-z", "--end-of-options", rev, "--", relative)
        if listed.returncode != 0 or not listed.stdout:
            return Absent(f"{name} (not in the repository at this revision)")
        mode, kind = listed.stdout.split(b" ", 2)[:2]
        if kind != b"blob":
            raise DiffInputError(f"{relative} is not a file at revision '{rev}'")
        if mode != b"120000":  # a file, not a symbolic link
            break
        target = _git(top_folder, "cat-file", "blob", f"{rev}:{relative}").stdout.decode("utf-8", "surrogateescape")
        relative = os.path.normpath(os.path.join(os.path.dirname(relative), target))
        if os.path.isabs(target) or relative == ".." or relative.startswith("../"):
            raise DiffInputError(f"{spec} is a symbolic link out of the repository ({target})")
        spec = f"{rev}:{relative}"
    else:
        raise DiffInputError(f"{rev}:{relative}: more than {MAX_LINKS} symbolic links in a row")
    shown = _git(top_folder, "show", spec)
    if shown.returncode != 0:
        raise DiffInputError(f"git show {spec} failed: {_first_line(shown.stderr)}")
    max_bytes = int(settings.max_file_size)
    if len(shown.stdout) > max_bytes:
        return [catalogue.problem("JM007", name, (1, 1),
                                  f"file is {len(shown.stdout):,} bytes, over the limit of {max_bytes:,} bytes")]
    text, problems = decode(shown.stdout, name)
    if text is None:
        return sorted(problems)
    return _validated(text, name, settings)


def _validated(text: str, name: str, settings: Settings) -> LoadedJourney | list[Problem]:
    result = validate_text(text, name, settings)
    problems = sorted(apply_suppressions(result.problems, result.document))
    if result.journey is None or result.document is None or any(p.severity is Severity.ERROR for p in problems):
        if not problems:  # cannot happen with validate's rules; never hand back an empty list as a failure
            problems = [catalogue.problem("JM004", name, (1, 1), "file is not a journey")]
        return problems
    return LoadedJourney(result.journey, result.document, name, tuple(problems))


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run git in `folder` without a pager, prompt or repository-specific quoting of paths."""
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "LC_ALL": "C"}
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", "--no-pager", *args], cwd=folder, capture_output=True,
            env=environment, timeout=GIT_TIMEOUT, check=False,
        )
    except FileNotFoundError as error:
        raise DiffInputError("git is not installed: comparing with a revision needs git") from error
    except subprocess.TimeoutExpired as error:
        raise DiffInputError(f"git {' '.join(args)} did not answer within {GIT_TIMEOUT} s") from error


def _decoded(raw: bytes) -> str:
    return raw.decode("utf-8", "replace").strip()


def _first_line(raw: bytes) -> str:
    text = _decoded(raw)
    return text.splitlines()[0] if text else "git failed"
