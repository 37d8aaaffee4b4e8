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
    tmp = _temp_beside(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _temp_beside(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file in ``path``'s folder, fsynced; return its path.

    It gets the permissions of a normal new file (``mkstemp`` would leave it private). On any
    error nothing is left behind.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def create_new(path: str | Path, data: bytes) -> bool:
    """Write a new file at ``path`` in one step, never replacing anything already there.

    The content goes to a temporary file beside it (fsynced) that is then hard-linked to
    ``path``: the name appears whole or not at all, and a file, symbolic link or pipe of that
    name is left as it is. Where the file system has no hard links the file is created with
    ``O_EXCL`` instead.

    Parameters
    ----------
    path : str or Path
        The new file; its folder must exist.
    data : bytes
        The whole content.

    Returns
    -------
    bool
        True when written; False (nothing written) when the name is taken.
    """
    path = Path(path)
    tmp = _temp_beside(path, data)
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:  # no hard links here: exclusive creation
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            try:
                out = os.open(path, flags, 0o666)
            except FileExistsError:
                return False
            with os.fdopen(out, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        return True
    finally:
        tmp.unlink(missing_ok=True)
