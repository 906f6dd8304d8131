"""Turning journeys into things people look at: Graphviz views, Mermaid, Markdown and the HTML report.

Views are built as plain text (DOT, Mermaid, Markdown, HTML) by pure functions; `engine` is the one place that
runs Graphviz's `dot`; `outputs` decides file names and writes them atomically.
"""
