"""Atomic writes: a temporary file beside the target, then a rename. Never a half-written file.

Every file sweepspec writes goes through :func:`write_text`. Interrupted at any point (Ctrl-C,
``kill -9``, a full disk), it leaves the target with its old content or its new content, never a
mix: the new content goes to a hidden ``.NAME.XXXXXXXX.tmp`` file in the target's directory, is
flushed to disk, and then renamed over the target in one step. A ``kill -9`` may leave that
hidden file behind; nothing else.

- The permissions (and, where the user may set them, the owner and group) of a file that is
  replaced are kept; a new file gets ``0o666`` less the umask, as ``open()`` would give it.
- A symbolic link is written through: the file it points to is replaced and the link stays a link
  (a dangling link gets its file created), as ``>`` in a shell does.
- A target that is not a regular file (``/dev/stdout``, ``/dev/null``, a FIFO) cannot be
  replaced, so it is written into directly.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` in one step, keeping the permissions of an existing file.

    Raises :class:`OSError` when the file cannot be written; the target is then unchanged.
    """
    write_bytes(path, text.encode(encoding))


def write_bytes(path: str | Path, data: bytes) -> None:
    """``write_text`` for bytes (a trial's state saved as a checkpoint)."""
    try:
        current: os.stat_result | None = os.stat(path)  # follows links
    except FileNotFoundError:
        current = None
    if current is not None and stat.S_ISDIR(current.st_mode):
        raise IsADirectoryError(21, "Is a directory", str(path))
    if current is not None and not stat.S_ISREG(current.st_mode):
        with open(path, "wb") as handle:
            handle.write(data)
        return
    target = Path(os.path.realpath(path))
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if current is not None:
            os.chmod(temporary, stat.S_IMODE(current.st_mode))
            if (current.st_uid, current.st_gid) != _owner(temporary):
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.chown(temporary, current.st_uid, current.st_gid)
                    os.chmod(temporary, stat.S_IMODE(current.st_mode))  # chown drops setuid
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_directory(target.parent)


def _owner(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_uid, info.st_gid


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    flags = getattr(os, "O_DIRECTORY", None)
    if flags is None:
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY | flags)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
