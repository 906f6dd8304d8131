"""Starter journeys written by `journeymap init`: data files in the package, one per language, and where the new
journey's editors find the schema.

A journey's first line tells editors (yaml-language-server) where the schema is, relative to the file. Inside a
journeymap checkout that is the committed `schemas/` copy; anywhere else there is no such file, so `init` writes
one into `.journeymap/` beside the journey (a hidden folder: `validate` does not walk it), or reuses the one an
earlier `init` wrote in a folder above, up to the repository's root.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from journeymap.schema import SCHEMA_FILE_NAME, SCHEMA_ID

SCHEMA_FOLDER = ".journeymap"

# repository: a journeymap checkout's committed copy, never touched; same: a copy identical to this version's;
# new: none yet, to write; older: a copy an earlier journeymap wrote (its `$id` is ours), to refresh;
# foreign: a file there that is not journeymap's schema, replaced only when the user says so (--force).
SchemaState = Literal["repository", "same", "new", "older", "foreign"]


@dataclass(frozen=True)
class SchemaCopy:
    """Where the new journey's editors will find the schema, and what `init` must do for that to be true."""

    path: Path
    reference: str  # as the journey's first line writes it: relative to the journey's folder, with '/'
    state: SchemaState

    @property
    def to_write(self) -> bool:
        return self.state in ("new", "older", "foreign")


def starter_text(lang: str, reference: str) -> str:
    template = resources.files(__package__).joinpath(f"journey.{lang}.yaml").read_text(encoding="utf-8")
    return template.replace("{schema}", reference)


def _folders_up_to_repository(folder: Path) -> list[Path]:
    """The folder and its parents, up to the first that holds `.git` (a repository's root) or to the file
    system's root: a copy further up would be a relative path that breaks when the repository is cloned."""
    folders = []
    for candidate in (folder, *folder.parents):
        folders.append(candidate)
        if (candidate / ".git").exists():
            break
    return folders


def schema_copy(destination: Path, schema: str) -> SchemaCopy:
    """Where the journey written at `destination` points editors, given this version's schema text."""
    folder = Path(os.path.abspath(destination)).parent
    for root in _folders_up_to_repository(folder):
        committed = root / "schemas" / SCHEMA_FILE_NAME
        if committed.is_file():
            return SchemaCopy(committed, _relative(committed, folder), "repository")
        copy = root / SCHEMA_FOLDER / SCHEMA_FILE_NAME
        if copy.is_file() or copy.is_symlink():
            return SchemaCopy(copy, _relative(copy, folder), _state_of(copy, schema))
    copy = folder / SCHEMA_FOLDER / SCHEMA_FILE_NAME
    return SchemaCopy(copy, _relative(copy, folder), "new")


def _relative(path: Path, folder: Path) -> str:
    return Path(os.path.relpath(path, folder)).as_posix()


def _state_of(copy: Path, schema: str) -> SchemaState:
    try:
        text = copy.read_text(encoding="utf-8")
        if text == schema:
            return "same"
        if copy.is_symlink():
            return "foreign"  # init writes files, not links: someone made this one, it is not ours to replace
        found = json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError):
        return "foreign"
    return "older" if isinstance(found, dict) and found.get("$id") == SCHEMA_ID else "foreign"


def init_report(journey: Path, copy: SchemaCopy) -> list[str]:
    """What `init` did, for the user: where editors find the schema (named from where the user stands), and that a
    new copy goes with the journey."""
    shown = os.path.normpath(journey.parent / copy.reference)
    where = {
        "repository": f"find the schema in {shown} (this repository's)",
        "same": f"find the schema in {shown}",
        "new": f"find the schema in {shown}, written now: commit it with the journey",
        "older": f"find the schema in {shown}, refreshed (it was an older journeymap's copy)",
        "foreign": f"find the schema in {shown}, written over a file that was not journeymap's (--force)",
    }[copy.state]
    return [f"Wrote {journey}. Edit it, then run: journeymap validate {journey}", f"Editors {where}."]
