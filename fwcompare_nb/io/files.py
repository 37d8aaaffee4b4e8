"""Writing files so that a crash never leaves one half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..core.errors import DataError


def check_target(path: str | Path) -> Path:
    """Refuse an output path that is not a new or an ordinary file, before any work is done.

    Renaming over a symlink, a FIFO or a device would silently replace it with a file: what
    the user named is not a file to overwrite, so it is left alone and the error says so.

    Parameters
    ----------
    path : str or Path
        Where a file is about to be written.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    DataError
        ``path`` is a symbolic link, a folder, a FIFO, a device or a socket.
    """
    path = Path(path)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        kind = "a symbolic link" if path.is_symlink() else "not a regular file"
        raise DataError(
            f"the output is {kind}; it was left as it is",
            file=str(path),
            fix="write to a new file name or to an ordinary file",
        )
    return path


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path``: a temporary file beside it, fsynced, then renamed over it.

    A reader sees the old file or the new one, never a mix; on any error the temporary file is
    removed and the old file is left as it was. The new file gets the permissions of a normal
    new file (``mkstemp`` would leave it private).

    Parameters
    ----------
    path : str or Path
        The file to write; its folder must exist.
    data : bytes
        The whole content.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    DataError
        ``path`` is a symbolic link, a folder, a FIFO, a device or a socket (left untouched).
    """
    path = check_target(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
