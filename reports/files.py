"""Writing a command's output whole or not at all.

Every file is written to a temporary file beside its target and renamed over it, so an
interrupted export never leaves half a protocol where the commission would pick it up.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


class UnwritableFolder(OSError):
    """The output folder cannot be created or written to."""


def writable_folder(folder: Path) -> None:
    """Create the folder if needed and prove it takes files; UnwritableFolder names the cause."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".saylau-probe-", dir=folder)
        os.close(handle)
        Path(probe).unlink()
    except OSError as error:
        raise UnwritableFolder(f"{folder} cannot be written to ({_cause(error)})") from error


def write_files(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write every file atomically into the folder; return their paths."""
    return [write_atomically(folder / name, content) for name, content in files.items()]


def write_atomically(path: Path, content: bytes) -> Path:
    """Write `content` to `path` through a temporary file renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _cause(error: OSError) -> str:
    return error.strerror or type(error).__name__
