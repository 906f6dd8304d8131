"""Text as Graphviz receives it: every user text goes through `html_label` before it reaches DOT.

All labels are HTML-like labels (`label=<...>`): inside them only `&`, `<` and `>` mean anything, and they are
escaped, so quotes, braces, `"];` and newlines in a journey cannot break out of the label or the graph.
"""

from __future__ import annotations

import html
import textwrap

from journeymap.text import clean


def html_label(text: str, width: int = 24, max_lines: int = 6) -> str:
    """Escaped, wrapped at `width` characters, cut after `max_lines` lines with an ellipsis."""
    lines = textwrap.wrap(clean(text), width=width, break_long_words=True, break_on_hyphens=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(width - 1, 1)].rstrip() + "…"
    # An empty element such as <B></B> is a syntax error for Graphviz: a label left empty by cleaning is a space.
    # Graphviz's HTML lexer also chokes on a label that starts with a bracket (`<B>]</B>`): brackets as entities.
    escaped = (html.escape(line, quote=True).replace("[", "&#91;").replace("]", "&#93;") for line in lines)
    return "<BR/>".join(escaped) or "&#160;"


def quoted(identifier: str) -> str:
    """A DOT quoted identifier; used only for ids the renderer makes itself, escaped all the same."""
    return '"' + identifier.replace("\\", "\\\\").replace('"', '\\"') + '"'
