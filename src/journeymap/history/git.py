"""A journey file's commits, renames followed, and its bytes at each of them, read from git.

Two git processes whatever the length of the history: one `git log --follow` lists the commits with the file's path
at each (it changes at a rename), then one `git cat-file --batch` hands over every version's bytes, one after the
other, so a history of thousands of commits costs two processes, not thousands. What makes the history impossible
to read (git missing, a path outside a repository, a file git does not track) raises HistoryError: exit code 2.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from journeymap.diff.inputs import GIT_TIMEOUT, DiffInputError, _decoded, _first_line, _git, is_revision

RECORD = "\x1e"  # git log's record and field separators: bytes no commit header holds in practice
FIELD = "\x1f"
_RECORD_START = re.compile(RECORD + r"(?=[0-9a-f]{40,64}" + FIELD + ")")
READ_TIMEOUT = 10 * GIT_TIMEOUT  # seconds for reading every version: a local repository answers in far less


class HistoryError(Exception):
    """A history that cannot be read at all (no git, no repository, no commit of the file): exit 2."""


@dataclass(frozen=True)
class Commit:
    """One commit that touched the journey file, with the file's path in the repository at that commit."""

    commit: str
    date: str  # author date, ISO 8601 with its offset: when the change was written, kept through rebases
    author: str
    subject: str
    path: str  # relative to the repository's top folder


@dataclass(frozen=True)
class Log:
    """The commits of a file, oldest first, and what the reader should know about how complete they are."""

    top: Path
    commits: tuple[Commit, ...]
    shallow: bool  # a shallow clone: the oldest commits are not in the repository, the history starts later


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return _git(folder, *args)
    except DiffInputError as error:
        raise HistoryError(str(error)) from None


def read_log(path: Path, *, rev: str = "HEAD", since: str | None = None, max_count: int | None = None) -> Log:
    """The commits that touched `path` up to `rev` (renames followed), oldest first; `since` and `max_count` are
    git's own (`--since`, `--max-count`: the newest N)."""
    if shutil.which("git") is None:
        raise HistoryError("git is not installed: the history of a journey is read from git")
    if not is_revision(rev):
        raise HistoryError(f"invalid revision {rev!r}")
    absolute = Path(os.path.abspath(path))
    folder = absolute.parent
    if not folder.is_dir():
        raise HistoryError(f"no such folder: {folder}")
    if absolute.is_dir():
        raise HistoryError(f"{path} is a folder: history follows one journey file")
    top = _run(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise HistoryError(f"{folder} is not in a git repository: {_first_line(top.stderr)}")
    top_folder = Path(_decoded(top.stdout))
    prefix = _decoded(_run(folder, "rev-parse", "--show-prefix").stdout)
    relative = prefix + absolute.name
    if _run(folder, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").returncode != 0:
        raise HistoryError(f"unknown revision '{rev}' in the repository at {top_folder}"
                           + (" (it has no commit yet)" if rev == "HEAD" else ""))
    # git reads a bare date as that day at the current time of day: from midnight is what a user means
    options = [f"--since={since} 00:00:00" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", since) else f"--since={since}"
               ] if since else []
    options += [f"--max-count={max_count}"] if max_count is not None else []
    log = _run(top_folder, "log", "--follow", f"--format={RECORD}%H{FIELD}%aI{FIELD}%an{FIELD}%s", "--name-only",
               "-z", *options, "--end-of-options", rev, "--", relative)
    if log.returncode != 0:
        raise HistoryError(f"git log failed: {_first_line(log.stderr)}")
    commits = parse_log(log.stdout.decode("utf-8", "surrogateescape"), relative)
    if not commits and not options:
        tracked = _run(top_folder, "ls-files", "--error-unmatch", "--", relative).returncode == 0
        if absolute.exists() and not tracked:
            raise HistoryError(f"{path} is not tracked by git: add and commit it (git add {path}) to start its "
                               "history")
        if not absolute.exists():
            raise HistoryError(f"no such file, now or in the history up to '{rev}': {path}")
        raise HistoryError(f"{path} has no commit up to '{rev}' yet: commit it to start its history")
    shallow = _decoded(_run(top_folder, "rev-parse", "--is-shallow-repository").stdout) == "true"
    return Log(top_folder, tuple(reversed(commits)), shallow)


def parse_log(output: str, relative: str) -> list[Commit]:
    """`git log --name-only -z` records, newest first. A commit that shows no path (a merge) keeps the path of the
    next newer one: the file was not renamed there."""
    commits: list[Commit] = []
    path = relative
    for record in _RECORD_START.split(output):
        if not record.strip("\x00\n"):
            continue
        header, _, names = record.partition("\x00")
        commit, date, author, subject = (header.split(FIELD, 3) + ["", "", ""])[:4]
        listed = [name for name in names.strip("\n").split("\x00") if name.strip("\n")]
        if listed:
            path = listed[-1].strip("\n")
        commits.append(Commit(commit, date, _readable(author), _readable(subject), path))
    return commits


def _readable(text: str) -> str:
    """A name or subject in another encoding than UTF-8: shown with replacement marks, never failing on output
    (paths keep their bytes: cat-file needs them as they are)."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@dataclass(frozen=True)
class Blob:
    """A version's bytes, or why there are none: `missing` (the commit deletes the file) or `too_large`."""

    data: bytes | None
    size: int
    missing: bool = False
    oid: str = ""  # the content's id: two commits with the same content (a revert, a merge) are read once

    @property
    def too_large(self) -> bool:
        return self.data is None and not self.missing


def read_blobs(top: Path, commits: tuple[Commit, ...], max_bytes: int) -> Iterator[Blob]:
    """Every version's bytes through one `git cat-file --batch`, in the order of `commits`; a version over
    `max_bytes` is skipped unread (its size only), so memory stays bounded by the size limit."""
    if not commits:
        return
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    process = subprocess.Popen(["git", "cat-file", "--batch"], cwd=top, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=environment)
    timer = threading.Timer(READ_TIMEOUT, process.kill)
    timer.start()
    assert process.stdin is not None and process.stdout is not None
    try:
        for commit in commits:
            if "\n" in commit.path:  # cat-file reads one name a line
                yield Blob(None, 0, missing=True)
                continue
            process.stdin.write(f"{commit.commit}:{commit.path}\n".encode("utf-8", "surrogateescape"))
            process.stdin.flush()
            header = process.stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob":
                if not header:
                    raise HistoryError(f"git cat-file stopped answering (over {READ_TIMEOUT} s?)")
                if len(header) == 3:  # a tree or a submodule at that path: no journey
                    _skip(process.stdout, int(header[2]))
                yield Blob(None, 0, missing=True)
                continue
            oid, size = header[0].decode("ascii", "replace"), int(header[2])
            if size > max_bytes:
                _skip(process.stdout, size)
                yield Blob(None, size, oid=oid)
                continue
            data = process.stdout.read(size)
            process.stdout.read(1)  # the newline after the content
            yield Blob(data, size, oid=oid)
    except (BrokenPipeError, ValueError) as error:
        raise HistoryError(f"git cat-file failed while reading the versions: {error}") from None
    finally:
        timer.cancel()
        process.stdin.close()
        process.kill()
        process.wait()
        process.stdout.close()


def _skip(stream: object, size: int) -> None:
    remaining = size + 1
    while remaining > 0:
        chunk = stream.read(min(remaining, 1 << 20))  # type: ignore[attr-defined]
        if not chunk:
            return
        remaining -= len(chunk)
