"""journeymap: customer-journey maps kept as code.

The public Python API (see README, "Python API"): `load`, `check`, `draw`, `compare`, `measure`, `export_sheet`,
`import_sheet` and the records they return.
Importing the package stays cheap: `journeymap validate` imports it on every run, so each public name is imported
from its module on first use (module `__getattr__`), and type checkers read the imports below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeymap.api import (
        JourneyError,
        JourneymapError,
        NotChecked,
        RenderFailure,
        RenderResult,
        ValidationResult,
        check,
        compare,
        draw,
        export_sheet,
        import_sheet,
        load,
        measure,
    )
    from journeymap.listening.records import Measurement, MomentReading, PeriodReading
    from journeymap.sheets.importer import ImportProblem, ImportResult
    from journeymap.diff.catalogue import Level
    from journeymap.diff.records import Change, DiffResult, Location
    from journeymap.model import Journey
    from journeymap.problems import Problem, Severity

    __version__: str

__all__ = [
    "Change",
    "DiffResult",
    "Journey",
    "JourneyError",
    "JourneymapError",
    "Level",
    "Location",
    "NotChecked",
    "Problem",
    "RenderFailure",
    "RenderResult",
    "Severity",
    "ValidationResult",
    "__version__",
    "check",
    "compare",
    "draw",
    "load",
    "measure",
    "Measurement",
    "MomentReading",
    "PeriodReading",
    "export_sheet",
    "import_sheet",
    "ImportResult",
    "ImportProblem",
]

# Where each public name lives; the modules are internal and may move.
_HOMES = {
    "load": "journeymap.api", "check": "journeymap.api", "draw": "journeymap.api", "compare": "journeymap.api",
    "measure": "journeymap.api", "Measurement": "journeymap.listening.records",
    "MomentReading": "journeymap.listening.records", "PeriodReading": "journeymap.listening.records",
    "export_sheet": "journeymap.api", "import_sheet": "journeymap.api",
    "ImportResult": "journeymap.sheets.importer", "ImportProblem": "journeymap.sheets.importer",
    "JourneymapError": "journeymap.api", "JourneyError": "journeymap.api", "ValidationResult": "journeymap.api",
    "NotChecked": "journeymap.api", "RenderResult": "journeymap.api", "RenderFailure": "journeymap.api",
    "DiffResult": "journeymap.diff.records", "Change": "journeymap.diff.records", "Location": "journeymap.diff.records",
    "Level": "journeymap.diff.catalogue", "Journey": "journeymap.model",
    "Problem": "journeymap.problems", "Severity": "journeymap.problems",
}


def __getattr__(name: str) -> object:
    """A public name, imported on first use. `__version__` is read from the installed metadata then too:
    importlib.metadata takes a fifth of a validate run's start-up, and only `--version` and the report footers
    need it."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("journeymap")
        except PackageNotFoundError:  # running from a source tree that was not installed
            value = "0.0.0+unknown"
    elif name in _HOMES:
        import importlib

        value = getattr(importlib.import_module(_HOMES[name]), name)
    else:
        raise AttributeError(f"module 'journeymap' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
