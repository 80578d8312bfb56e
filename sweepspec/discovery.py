"""Which files to check: explicit files always; YAML files found under directories."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")
# Directories that never hold a project's own sweep files.
SKIP_DIRS = frozenset({"node_modules", "__pycache__", "site-packages"})


@dataclass(frozen=True, slots=True)
class Candidate:
    path: Path
    explicit: bool
    """Named on the command line (always checked) rather than found in a directory."""


def iter_candidates(paths: Iterable[str | Path]) -> Iterator[Candidate]:
    """Files to check, in a stable order; a missing path is yielded so that it is reported."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(_walk(path)):
                yield Candidate(found, explicit=False)
        else:
            yield Candidate(path, explicit=True)


def _walk(root: Path) -> Iterator[Path]:
    # os.walk does not follow symlinked directories, so a symlink loop cannot trap it.
    for directory, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS]
        for name in files:
            if name.endswith(YAML_SUFFIXES):
                yield Path(directory, name)
