"""journeymap: customer-journey maps kept as code."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """`__version__` is read from the installed metadata on first use only: importlib.metadata takes a fifth of
    a validate run's start-up, and only `--version` and the report footers need it."""
    if name != "__version__":
        raise AttributeError(f"module 'journeymap' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("journeymap")
    except PackageNotFoundError:  # running from a source tree that was not installed
        value = "0.0.0+unknown"
    globals()["__version__"] = value
    return value
