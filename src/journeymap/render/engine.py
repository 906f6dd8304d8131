"""The one place that runs Graphviz's `dot`; a missing `dot` becomes a named error that says how to install it."""

from __future__ import annotations

FORMATS = ("svg", "png", "pdf")


class RenderError(Exception):
    """Graphviz could not produce an output for one journey."""


class DotNotFound(RenderError):
    """No journey can be drawn on this machine: a usage error (exit 2), not a problem of one journey."""


def run_dot(source: str, output_format: str) -> bytes:
    import graphviz

    if output_format not in FORMATS:
        raise RenderError(f"unsupported Graphviz format {output_format!r}")
    try:
        return graphviz.pipe("dot", output_format, source.encode("utf-8"), quiet=True)
    except graphviz.ExecutableNotFound:
        raise DotNotFound(
            "Graphviz's `dot` program is not installed: install it with your package manager "
            "(Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz)"
        ) from None
    except graphviz.CalledProcessError as error:
        detail = (error.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise RenderError(f"dot failed: {detail[-1] if detail else error}") from None
