"""Writing outputs so that nothing is ever half-written, no input is ever overwritten and nothing is replaced that
is not an output.

What an output path may name, and what happens (README, "Guarantees"):
- nothing yet, or a regular file: written beside it under a temporary name, then renamed over it, so that readers
  see the old file or the new one, never a part;
- a symbolic link (dangling or not): the link itself is replaced by the new file; its target, wherever it is, is
  never written (a link in an output folder must not let a render overwrite a file elsewhere);
- a character device (/dev/null, a terminal), or a link to one or to this process's own standard output or error
  (/dev/stdout, whether it leads to a terminal, a pipe or a file): written through, since that is what naming one
  means;
- anything else (a directory, a FIFO, a socket, a block device): refused before anything is written. A FIFO would
  block until someone reads it, and replacing a device node or a socket destroys something that is not ours.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path


class OutputError(Exception):
    """An output that cannot or must not be written (exit 2)."""


def _where(path: Path) -> Path:
    """The absolute path with its folder resolved but not its last part: a link there is the output itself."""
    absolute = Path(os.path.abspath(path))
    return absolute.parent.resolve() / absolute.name


def kind_of(mode: int) -> str:
    """What a path that is not a regular file is, for messages ("it is a named pipe (FIFO)")."""
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISCHR, "a character device"), (stat.S_ISLNK, "a link"))
    return next((name for test, name in kinds if test(mode)), "a special file")


def _stream_behind(link: Path) -> bool:
    """Whether writing through a link is what naming it means: it leads to a character device (/dev/stdout on a
    terminal, /dev/null), or to this process's own standard output or error when that is a pipe or a file
    (/dev/stdout in `journeymap diff ... -o /dev/stdout | less`). Anything else is no stream: the link is replaced."""
    try:
        target = os.stat(link)
    except OSError:
        return False
    if stat.S_ISCHR(target.st_mode):
        return True
    for descriptor in (1, 2):
        try:
            if os.path.samestat(target, os.fstat(descriptor)):
                return True
        except OSError:
            continue
    return False


def check_output(path: Path, protected: Iterable[Path] = ()) -> tuple[str, os.stat_result | None]:
    """Refuse, before anything is written, an output that would replace an input or something that is no file.

    Returns how the path is to be written, "replace" (nothing there, a regular file or a link: a new file renamed
    over it) or "through" (a stream: opened and written), with the path's own status (None when nothing is there).
    """
    where = _where(path)
    try:
        status = os.lstat(where)
    except FileNotFoundError:
        return "replace", None
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    if stat.S_ISCHR(status.st_mode) or (stat.S_ISLNK(status.st_mode) and _stream_behind(where)):
        return "through", status  # /dev/null, /dev/stdout and their kind
    if not (stat.S_ISREG(status.st_mode) or stat.S_ISLNK(status.st_mode)):
        raise OutputError(f"refusing to write {path}: it is {kind_of(status.st_mode)}, not a file")
    for other in protected:
        same = other.resolve() == where
        if not same and stat.S_ISREG(status.st_mode):
            try:
                same = os.path.samefile(where, other)  # a hard link to an input is the input
            except OSError:
                same = False
        if same:
            raise OutputError(f"refusing to overwrite input file {path}")
    return "replace", status


def write_atomic(path: Path, content: str | bytes, *, protected: Iterable[Path] = ()) -> None:
    """Write `content` at `path` as the module says: whole or not at all, never through a link to a file, never
    over an input."""
    how, status = check_output(path, protected)
    data = content.encode("utf-8") if isinstance(content, str) else content
    target = _where(path)
    if how == "through":
        try:
            with open(target, "wb") as stream:
                stream.write(data)
        except OSError as error:
            raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
        return
    import tempfile  # here: validate imports this module (kind_of) and writes nothing

    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"output folder does not exist: {path.parent}")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise OutputError(f"cannot write in {path.parent}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        keep = status is not None and stat.S_ISREG(status.st_mode)
        os.chmod(temporary, status.st_mode & 0o777 if keep else 0o644)  # type: ignore[union-attr]
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
