"""User text on its way out: every output format gets it inert, through the one function for that format here.

A journey's labels are written by many hands and shown in terminals, Markdown comments and Graphviz pictures;
none of them may carry markup, control sequences or bidirectional overrides into what the reader sees.
"""

from __future__ import annotations

import re

# Every control character (line breaks and tabs too), the Unicode line and paragraph separators, and the
# bidirectional marks and overrides: a quoted label must not start a line of its own in a terminal or a CI log,
# where "::error file=...::" at a line's start is a GitHub workflow command.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# What can start Markdown markup anywhere in a line: emphasis, code, links and images, tables, strikethrough,
# headings' closing marks. Line-start markers (-, +, 1.) never reach a line start: every text follows a prefix.
_MARKDOWN = re.compile(r"([\\`*_\[\]|~#])")


def visible(text: str) -> str:
    """For terminals and logs: one line whatever the text; control characters (line breaks too), ANSI escapes and
    bidirectional overrides shown as escapes (\\u000a), not obeyed."""
    return _CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def clean(text: str) -> str:
    """For pictures: one paragraph, control and bidirectional-override characters removed, whitespace folded."""
    return " ".join(_INVISIBLE.sub("", text).split())


def markdown_inline(text: object) -> str:
    """For GitHub-flavoured Markdown, tables included: one line, HTML characters as entities, Markdown punctuation
    backslash-escaped, and `@` kept from mentioning anyone."""
    if text is None or text == "":
        return ""
    value = clean(str(text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\1", value).replace("@", "@&#8203;")


def github_data(text: str) -> str:
    """For a GitHub workflow command's message: GitHub's own escapes for what the runner decodes (%, carriage
    return, line feed), so that a file name or a label arrives as written and the command stays one line; every
    other control character and bidirectional override made visible (\\u001b), as in a log."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def github_property(text: str) -> str:
    """For a workflow command's property (file=, title=): the message's escapes, and the separators `:` and `,`."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


_JSON_UNSAFE = re.compile(r"[\x85\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_text(value: object) -> str:
    """JSON for people and machines: UTF-8 kept readable, but bidirectional overrides and the line separators
    json.dumps leaves as they are (U+0085, U+2028, U+2029) written as \\u escapes, so printing the JSON in a
    terminal or a CI log can neither reorder it nor start a line of user text."""
    import json

    dumped = json.dumps(value, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped) + "\n"


_HTML_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_LINE_BREAK = re.compile(r"\r\n?|[\n\x85\u2028\u2029]")


def without_controls(text: str) -> str:
    """For HTML: control characters (an ANSI escape, a NUL) carry nothing a reader should see, and line breaks
    become spaces, as HTML shows them anyway: a page printed in a CI log (`diff -f html`) then has no line of
    user text, so none can start with "::", a GitHub workflow command."""
    if text.isprintable():  # no control character at all: most texts, tested in C (a report prints 20,000)
        return text
    return _LINE_BREAK.sub(" ", _HTML_CONTROL.sub("", text))
