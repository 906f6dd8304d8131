"""Writing outputs so that nothing is ever half-written and no input is ever overwritten."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class OutputError(Exception):
    """An output that cannot or must not be written (exit 2)."""


def write_atomic(path: Path, content: str | bytes, *, protected: Iterable[Path] = ()) -> None:
    """Write to a temporary file beside `path`, then rename: readers see the old file or the new one, never a part."""
    target = path.resolve()
    for other in protected:
        if other.resolve() == target:
            raise OutputError(f"refusing to overwrite input file {path}")
    data = content.encode("utf-8") if isinstance(content, str) else content
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
        os.chmod(temporary, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
