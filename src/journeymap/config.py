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

    [results]                                            # how survey exports are read (journeymap measure)
    min_respondents = 30
    [results.columns]
    step = "Question ID"
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


ResultField = Literal[
    "journey", "step", "date", "metric", "score", "value", "respondents", "verbatim", "channel", "segment"
]
ResultMetric = Literal["csat", "nps", "ces", "custom"]


class ResultsSettings(BaseModel):
    """`[results]`: how survey exports are read (`journeymap measure`, `render --results`). Each tool names its
    columns, metrics and dates its own way; the defaults read the documented template."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    columns: dict[ResultField, str] = {}  # the file's column (or JSON key) for each field
    metrics: dict[str, ResultMetric] = {}  # the file's metric names: {"Satisfaction" = "csat"}
    scales: dict[ResultMetric, tuple[float, float]] = {}  # a tool's own answer scale, mapped onto the standard
    csat: Literal["mean", "top2box"] = "mean"  # mean of 1-5 answers, or % of 4-5 answers
    min_respondents: int = Field(default=30, ge=1)  # fewer answers in a period: not enough data
    watch_margin: float = Field(default=0.05, ge=0, le=1)  # fraction of the metric's range above the threshold
    date_format: str | None = None  # strptime format when dates are not ISO 8601: "%d/%m/%Y"
    delimiter: str | None = Field(default=None, min_length=1, max_length=1)  # CSV: found in the header if unset
    encoding: str = "utf-8"

    @field_validator("scales")
    @classmethod
    def _increasing(cls, values: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
        for metric, (low, high) in values.items():
            if not low < high:
                raise ValueError(f"scales.{metric}: write [lowest, highest] answer, e.g. [0, 10]")
        return values

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str) -> str:
        import codecs

        try:
            codecs.lookup(value)
        except LookupError:
            raise ValueError(f"unknown encoding '{value}' (e.g. utf-8, cp1252, latin-1)") from None
        return value

    @field_validator("date_format")
    @classmethod
    def _date_format(cls, value: str | None) -> str | None:
        if value is not None and "%" not in value:
            raise ValueError(f"'{value}' is not a date format: write e.g. \"%d/%m/%Y\" (strftime codes)")
        return value


SheetField = Literal[
    "stage", "step", "action", "touchpoint", "channel", "emotion", "feeling", "thinking", "goal", "description",
    "pain_point", "delight", "verbatim", "moment_of_truth", "backstage", "frontstage", "support", "evidence",
    "opportunity", "owner", "persona", "scenario", "expectations", "title", "include", "layer", "initiator",
    "initiator_label", "receiver", "receiver_label", "deviation", "ignore",
]


class SheetsSettings(BaseModel):
    """`[sheets]`: how `journeymap import` reads a team's own spreadsheet: its headings (a lane's name in the first
    column, or a column's name in the header row) and its feeling words, beyond the English and French ones it
    knows."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    headers: dict[str, SheetField] = {}  # {"Customer Feeling" = "emotion", "KPIs" = "ignore"}
    emotions: dict[str, int] = {}  # {"Bof" = -1}: a word (or emoji) written in emotion cells, -2..+2
    encoding: str | None = None  # CSV: found from its bytes when unset (UTF-8, with or without BOM, or Windows-1252)
    delimiter: str | None = Field(default=None, min_length=1, max_length=1)  # CSV: found from its lines if unset

    @field_validator("emotions")
    @classmethod
    def _emotion_range(cls, values: dict[str, int]) -> dict[str, int]:
        for word, value in values.items():
            if not -2 <= value <= 2:
                raise ValueError(f"emotions.{word}: {value} is outside -2..+2")
        return values

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str | None) -> str | None:
        return None if value is None else ResultsSettings._known_encoding(value)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    disable: list[str] = []
    strict: bool = False
    max_file_size: int | str = DEFAULT_MAX_BYTES
    max_steps: int = Field(default=DEFAULT_MAX_STEPS, gt=0)
    exclude: list[str] = []
    severity: dict[str, Literal["error", "warning"]] = {}
    viewpoint: dict[Literal["en", "fr"], dict[str, list[str]]] = Field(default_factory=dict)
    results: ResultsSettings = Field(default_factory=ResultsSettings)
    sheets: SheetsSettings = Field(default_factory=SheetsSettings)

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
