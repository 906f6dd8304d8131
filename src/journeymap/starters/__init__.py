"""Starter journeys written by `journeymap init`: data files in the package, one per language."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from journeymap.schema import SCHEMA_FILE_NAME


def starter_text(lang: str, destination: Path) -> str:
    template = resources.files(__package__).joinpath(f"journey.{lang}.yaml").read_text(encoding="utf-8")
    return template.replace("{schema}", schema_reference(destination))


def schema_reference(destination: Path) -> str:
    """Where editors find the schema: the repository's schemas/ folder, relative to the new file, when there is one."""
    folder = destination.resolve().parent
    for candidate_root in (folder, *folder.parents):
        candidate = candidate_root / "schemas" / SCHEMA_FILE_NAME
        if candidate.is_file():
            return Path(os.path.relpath(candidate, folder)).as_posix()
    return SCHEMA_FILE_NAME
