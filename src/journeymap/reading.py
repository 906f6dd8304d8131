"""Reading a journey file as text, and positions as editors show them.

Only regular files are read from folders; a pipe or a device named on the command line is read too, but never past
the size limit (a FIFO would wait for ever, /dev/zero never ends). The text is decoded in the encodings YAML allows.
Lines are counted at \\n, \\r\\n and \\r, as editors count them, so that every problem's line:column is where an editor
shows it.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from journeymap import catalogue
from journeymap.files import kind_of
from journeymap.problems import Problem

Position = tuple[int, int]  # 1-based line and column

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def read_text(
    path: Path, display: str, max_bytes: int = DEFAULT_MAX_BYTES, *, named: bool = False
) -> tuple[str | None, list[Problem]]:
    """Read a file as YAML text: never more than `max_bytes`, then the encodings YAML allows (UTF-8, or UTF-16/32
    with a BOM).

    A FIFO found in a folder would block for ever, /dev/zero and /dev/urandom never end, and /proc files say they
    hold 0 bytes: the kind is checked before opening (without blocking), and the size is bounded by what is read,
    not by what stat says. Only regular files are read, except a pipe or a character device `named` on the
    command line (`-` or /dev/stdin, `<(git show ...)`), which the user means to be read: still bounded.
    """
    try:
        status = path.stat()
        stream_ok = named and (stat.S_ISFIFO(status.st_mode) or stat.S_ISCHR(status.st_mode))
        if not stat.S_ISREG(status.st_mode) and not stream_ok:
            return None, [catalogue.problem(
                "JM003", display, (1, 1), f"cannot read file: it is {kind_of(status.st_mode)}, not a regular file",
                hint="journeymap reads journey files; save the journey to a file and name that",
            )]
        if status.st_size > max_bytes:
            return None, [_too_big(display, f"{status.st_size:,} bytes", max_bytes)]
        # Opening a FIFO without a writer would wait for one: opened without blocking, then read as usual (a FIFO
        # with no writer reads as empty; one being written is read to its end).
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb") as stream:
            mode = os.fstat(stream.fileno()).st_mode
            if not stat.S_ISREG(mode) and not stream_ok:  # replaced between the two looks
                return None, [catalogue.problem("JM003", display, (1, 1), "cannot read file: not a regular file")]
            raw = stream.read(max_bytes + 1)
        if len(raw) > max_bytes:
            return None, [_too_big(display, "more than that", max_bytes)]
    except OSError as error:
        reason = error.strerror or str(error)
        return None, [catalogue.problem("JM003", display, (1, 1), f"cannot read file: {reason}")]
    return decode(raw, display)


def _too_big(display: str, size: str, max_bytes: int) -> Problem:
    return catalogue.problem(
        "JM007", display, (1, 1), f"file is {size}, over the limit of {max_bytes:,} bytes",
        hint="raise `max_file_size` in journeymap.toml if this journey really is that large",
    )


def decode(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if raw.startswith(bom):
            raw, chosen = raw[len(bom):], encoding
            break
    else:
        chosen = "utf-8"
    try:
        return raw.decode(chosen), []
    except UnicodeDecodeError as error:
        good = raw[: error.start].decode(chosen, errors="replace")
        line, column = offset_position(good, len(good))
        return None, [
            catalogue.problem(
                "JM003",
                display,
                (line, column),
                f"file is not valid {chosen.upper()}: byte 0x{raw[error.start]:02x} at offset {error.start}",
                hint="save the file as UTF-8",
            )
        ]


# Line breaks as editors, terminals and `git diff` see them: not str.splitlines(), which also breaks at U+0085,
# U+2028, U+2029 and four control characters, which editors show inside a line.
_EDITOR_BREAK = re.compile(r"\r\n|\r|\n")


def editor_lines(text: str) -> list[str]:
    """The text's lines as an editor numbers them."""
    return _EDITOR_BREAK.split(text)


def offset_position(text: str, offset: int) -> Position:
    if "\r" in text:  # CR-only and mixed line endings: count lines as editors do
        starts = [0, *(match.end() for match in _EDITOR_BREAK.finditer(text, 0, offset))]
        return (len(starts), offset - starts[-1] + 1)
    before = text[:offset]
    return (before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)
