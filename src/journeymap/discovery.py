"""Which files a run checks: the files named on the command line, and the journey files found by walking the named
folders, in a stable order; and what a walk leaves out, with the reason (a link to a folder, a folder that cannot
be listed), so that a green run means something."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

JOURNEY_SUFFIXES = (".yaml", ".yml")
SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox"})


class InputError(Exception):
    """A path the user gave that cannot be used (exit 2)."""


@dataclass(frozen=True)
class Candidate:
    path: Path
    display: str
    named: bool  # named on the command line and not --skip-non-journeys: it must be a journey
    given: bool = False  # named on the command line (a pipe or `-` is read then; in a folder, regular files only)


@dataclass(frozen=True)
class NotWalked:
    """A folder under a named folder that was not checked, and why: said, so that a green run means something."""

    display: str
    reason: str
    unreadable: bool  # an error (exit 2): the files in it could not be checked


def discover(
    paths: Sequence[Path],
    exclude: Sequence[str] = (),
    named_must_be_journeys: bool = True,
    not_walked: list[NotWalked] | None = None,
) -> list[Candidate]:
    """Files named on the command line (`-`: standard input), and the YAML files found by walking the named folders,
    in a stable order; the subfolders not walked are added to `not_walked`."""
    found: list[Candidate] = []
    seen: set[Path] = set()
    for root in paths:
        if str(root) == "-":
            found.append(Candidate(Path("/dev/stdin"), "-", named=named_must_be_journeys, given=True))
        elif root.is_dir():
            walked = sorted(_walk(root, exclude, not_walked if not_walked is not None else []))
            for path in walked:
                if path.resolve() not in seen:
                    seen.add(path.resolve())
                    found.append(Candidate(path, _display(path), named=False))
        elif root.exists():
            if root.resolve() not in seen:
                seen.add(root.resolve())
                found.append(Candidate(root, _display(root), named=named_must_be_journeys, given=True))
        else:
            raise InputError(f"no such file or folder: {root}")
    return found


def _walk(root: Path, exclude: Sequence[str], not_walked: list[NotWalked]) -> Iterable[Path]:
    """The journey-named files under `root`. Links to folders are not followed (they may loop, or lead out of the
    repository: name the target to check it); a folder that cannot be listed is an error, not a silent gap."""

    def unreadable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else root
        not_walked.append(NotWalked(_display(where), f"cannot read folder: {error.strerror or error}", True))

    for folder, subfolders, files in os.walk(root, onerror=unreadable):
        kept = []
        for name in subfolders:
            path = Path(folder, name)
            if name in SKIPPED_FOLDERS or name.startswith(".") or _excluded(path, root, exclude):
                continue
            if path.is_symlink():
                not_walked.append(NotWalked(_display(path), "a symbolic link to a folder: not followed (name its "
                                                            "target to check it)", False))
                continue
            kept.append(name)
        subfolders[:] = kept
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
    """Paths as the user would type them: relative to the current folder when below it (a link named as itself)."""
    try:
        absolute = Path(os.path.abspath(path))
        return (absolute.parent.resolve() / absolute.name).relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
