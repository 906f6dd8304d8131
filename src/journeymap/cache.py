"""A per-user cache for what journeymap compiles from its own data on every run (the viewpoint lexicons, the report
templates): compiling them costs more than validating a typical journey, and they only change with journeymap.

The cache is an optimisation, never a dependency: an entry is found by a digest of everything it was compiled
from, so a stale entry is simply never read again; an entry that cannot be read or decoded is compiled afresh;
a folder that cannot be written (read-only home, sandboxed CI) only means compiling every time, and so does a
folder other users may write to. Entries are written whole (temporary file, then rename), so concurrent runs
never see half an entry.

Location: `$JOURNEYMAP_CACHE_DIR`, else `$XDG_CACHE_HOME/journeymap`, else `~/.cache/journeymap`;
`JOURNEYMAP_CACHE_DIR=` (empty) turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

ENVIRONMENT_VARIABLE = "JOURNEYMAP_CACHE_DIR"
_CHECK = 32  # each entry starts with the SHA-256 of the rest: a truncated or damaged entry is never decoded


def cache_dir() -> Path | None:
    """The cache folder (not necessarily existing yet), or None when the user turned the cache off."""
    configured = os.environ.get(ENVIRONMENT_VARIABLE)
    if configured is not None:
        return Path(configured).expanduser() if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base and os.path.isabs(base):  # the XDG spec: a relative value is invalid and ignored
        return Path(base) / "journeymap"
    try:
        return Path.home() / ".cache" / "journeymap"
    except RuntimeError:  # no home directory to be found
        return None


def digest(*parts: bytes | str) -> str:
    """A key naming everything an entry was compiled from (data files, the compiling code), and Python's version:
    entries are marshalled, a format that may change between Python versions."""
    hasher = hashlib.sha256(sys.version.encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()[:32]


def _private(folder: Path) -> bool:
    """Whether only this user can change what is in `folder`: entries are loaded with `marshal` and Jinja runs the
    bytecode it finds, so a folder others may write to (a cache moved to a shared place) is not used at all."""
    try:
        status = folder.stat()
    except (OSError, ValueError):
        return False
    if not hasattr(os, "getuid"):  # Windows: folders under the user's profile are the user's
        return True
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def _folder(kind: str, *, create: bool) -> Path | None:
    """The folder of one kind of entry, when the cache is on and the folder is private (created if asked)."""
    root = cache_dir()
    if root is None:
        return None
    folder = root / kind
    if create:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except (OSError, ValueError):
            return None
    return folder if _private(folder) else None


def read(kind: str, key: str) -> bytes | None:
    """The entry `kind`/`key`, or None when it is not there, cannot be read, or is not whole."""
    folder = _folder(kind, create=False)
    if folder is None:
        return None
    try:
        entry = (folder / key).read_bytes()
    except (OSError, ValueError):
        return None
    check, data = entry[:_CHECK], entry[_CHECK:]
    return data if len(check) == _CHECK and hashlib.sha256(data).digest() == check else None


def write(kind: str, key: str, data: bytes) -> None:
    """Stores an entry whole, or not at all: failing to write a cache entry is never an error."""
    folder = _folder(kind, create=True)
    if folder is None:
        return
    from journeymap.files import OutputError, write_atomic

    try:
        write_atomic(folder / key, hashlib.sha256(data).digest() + data)
    except (OSError, OutputError, ValueError):
        pass


def folder_for(kind: str) -> Path | None:
    """A cache folder for a library that keeps its own files (Jinja's bytecode cache), created; None if unusable."""
    folder = _folder(kind, create=True)
    return folder if folder is not None and os.access(folder, os.W_OK) else None
