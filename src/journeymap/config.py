"""Repository configuration: `journeymap.toml`, or `[tool.journeymap]` in pyproject.toml.

    # journeymap.toml
    disable = ["JM408", "method.step-without-emotion"]   # codes or names of configurable checks
    strict = false                                       # warnings fail the run, like --strict
    max_file_size = "10MB"                               # larger files are refused (JM007)
    max_steps = 10000                                    # journeys with more steps are refused (JM010)
    exclude = ["drafts/**"]                              # globs skipped when walking folders

    [severity]                                           # change the level of a configurable check
    JM403 = "error"

    [viewpoint.fr]                                       # extend the viewpoint lexicons (same keys as the data files)
    company_verbs = ["provisionner"]
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from journeymap import catalogue
from journeymap.limits import DEFAULT_MAX_STEPS
from journeymap.reading import DEFAULT_MAX_BYTES
from journeymap.problems import Severity

CONFIG_NAMES = ("journeymap.toml", ".journeymap.toml")


class ConfigError(Exception):
    """A configuration the tool cannot use: reported as a usage error (exit 2)."""


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    disable: list[str] = []
    strict: bool = False
    max_file_size: int | str = DEFAULT_MAX_BYTES
    max_steps: int = Field(default=DEFAULT_MAX_STEPS, gt=0)
    exclude: list[str] = []
    severity: dict[str, Literal["error", "warning"]] = {}
    viewpoint: dict[Literal["en", "fr"], dict[str, list[str]]] = Field(default_factory=dict)

    @field_validator("disable")
    @classmethod
    def _known_configurable(cls, values: list[str]) -> list[str]:
        for value in values:
            _configurable(value)
        return values

    @field_validator("severity")
    @classmethod
    def _known_severity_keys(cls, values: dict[str, str]) -> dict[str, str]:
        for value in values:
            _configurable(value)
        return values

    @field_validator("max_file_size")
    @classmethod
    def _size(cls, value: int | str) -> int:
        return parse_size(value)

    @field_validator("viewpoint")
    @classmethod
    def _lexicon_keys(cls, values: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, list[str]]]:
        from journeymap.viewpoint import lexicon_keys

        valid = lexicon_keys()
        for lang, table in values.items():
            for key in table:
                if key not in valid:
                    raise ValueError(
                        f"unknown lexicon key '{key}' in [viewpoint.{lang}]; valid keys: {', '.join(sorted(valid))}"
                    )
        return values

    def severities(self) -> dict[str, Severity | None]:
        """Configured level of each code; None when disabled."""
        levels: dict[str, Severity | None] = {}
        for key, level in self.severity.items():
            levels[_configurable(key).code] = Severity(level)
        for key in self.disable:
            levels[_configurable(key).code] = None
        return levels


def _configurable(key: str) -> catalogue.Check:
    check = catalogue.lookup(key)
    if check is None:
        raise ValueError(f"unknown check '{key}' (see `journeymap rules`)")
    if not check.configurable:
        raise ValueError(f"check {check.code} ({check.name}) reports broken files and cannot be changed")
    return check


def parse_size(value: int | str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?i?b?)\s*", str(value), re.IGNORECASE)
    if not match:
        raise ValueError(f"'{value}' is not a size: write a number of bytes or e.g. '10MB'")
    number, unit = float(match.group(1)), match.group(2).lower().rstrip("b").rstrip("i")
    size = int(number * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit])
    if size <= 0:
        raise ValueError("max_file_size must be positive")
    return size


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    source: Path | None  # None: defaults, no file found


def find_config(start: Path) -> Path | None:
    """The nearest journeymap.toml, or pyproject.toml with [tool.journeymap], from `start` upwards."""
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _pyproject_table(pyproject) is not None:
            return pyproject
    return None


def load_settings(explicit: Path | None = None, start: Path | None = None) -> LoadedSettings:
    path = explicit if explicit is not None else find_config(start or Path.cwd())
    if path is None:
        return LoadedSettings(Settings(), None)
    if path.name == "pyproject.toml":
        table = _pyproject_table(path)
        if table is None:
            if explicit is not None:
                raise ConfigError(f"{path}: no [tool.journeymap] table")
            table = {}
    else:
        table = _read_toml(path)
    try:
        return LoadedSettings(Settings.model_validate(table), path)
    except ValidationError as error:
        details = "; ".join(
            f"{'.'.join(str(part) for part in item['loc']) or 'configuration'}: {item['msg'].removeprefix('Value error, ')}"
            for item in error.errors(include_url=False)
        )
        raise ConfigError(f"{path}: {details}") from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read configuration: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None


def _pyproject_table(path: Path) -> dict[str, Any] | None:
    table = _read_toml(path).get("tool", {}).get("journeymap")
    return table if isinstance(table, dict) else None
