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
from journeymap.loading import Document, decode, read_text
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


def display_name(path: Path) -> str:
    """Paths as the user would type them: relative to the current folder when below it (as validate shows them)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def load_for_diff(path: Path, settings: Settings | None = None) -> LoadedJourney | list[Problem]:
    """Read and validate one journey file. Errors (format, references, or checks configured as errors) make it
    unusable for a diff: then the file's problems are returned, sorted, exactly as validate reports them."""
    if not path.exists():
        raise DiffInputError(f"no such file: {path}")
    if path.is_dir():
        raise DiffInputError(f"{path} is a folder: diff compares two journey files")
    settings = settings or Settings()
    name = display_name(path)
    text, problems = read_text(path, name, int(settings.max_file_size), named=True)
    if text is None:
        return sorted(problems)
    return _validated(text, name, settings)


def load_at_revision(path: Path, rev: str, settings: Settings | None = None) -> LoadedJourney | list[Problem]:
    """The journey at `path` as it was at git revision `rev` (`git show REV:path-from-the-top`), run in the file's
    folder so that it works from any current folder and in any repository; named `path@rev` in every output."""
    settings = settings or Settings()
    if not rev or rev.startswith("-") or any(char in rev for char in "\n\r\x00"):
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
    spec = f"{rev}:{relative}"
    exists = _git(folder, "cat-file", "-e", spec)
    if exists.returncode != 0:
        raise DiffInputError(f"{relative} did not exist at revision '{rev}'")
    kind = _git(folder, "cat-file", "-t", spec)
    if _decoded(kind.stdout) != "blob":
        raise DiffInputError(f"{relative} is not a file at revision '{rev}'")
    shown = _git(folder, "show", spec)
    if shown.returncode != 0:
        raise DiffInputError(f"git show {spec} failed: {_first_line(shown.stderr)}")
    name = f"{display_name(path)}@{rev}"
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
