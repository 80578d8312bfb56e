"""Paths as CI systems want them: relative to the working directory, with forward slashes."""

from __future__ import annotations

import os
from pathlib import Path


def relative(file: str) -> str:
    """``file`` relative to the current directory when it lies below it, else unchanged."""
    if file.startswith("<"):  # <stdin>, <string>
        return file
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_posix()
    return Path(os.path.normpath(path)).as_posix()
