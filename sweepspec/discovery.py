"""Which files to check: named files, and the matching YAML files found under directories.

Directories are walked without following symbolic links (so a link loop cannot trap the walk),
skipping hidden directories, ``exclude`` patterns and, unless turned off, the patterns of the
``.gitignore`` files met on the way. Named files are checked unless an ``exclude`` pattern
matches them, so that pre-commit, which names every file, honours the configuration.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .settings import Config

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False

if TYPE_CHECKING:
    from .ignore import PatternSet

SKIP_DIRS = frozenset({"node_modules", "__pycache__", "site-packages"})


@dataclass(frozen=True, slots=True)
class Candidate:
    path: Path
    explicit: bool
    """Named on the command line rather than found in a directory."""
    excluded: bool = False


def _absolute(path: str | Path) -> PurePosixPath:
    return PurePosixPath(Path(os.path.abspath(path)).as_posix())


def iter_candidates(
    paths: Iterable[str | Path], config: Config | None = None, *, only_specs: bool = False
) -> Iterator[Candidate]:
    """Files to check, in a stable order; a missing path is yielded so that it is reported.

    ``only_specs`` treats named files like found ones: checked only if they are specs.
    """
    config = config or Config()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, config, _excludes(config))
        else:
            # without exclude patterns nothing named is excluded: the .gitignore matcher is
            # not even loaded (a hook that names its files has no use for it)
            excluded = bool(config.exclude) and _excluded(path, config)
            yield Candidate(path, explicit=not only_specs, excluded=excluded)


def _excludes(config: Config) -> PatternSet:
    from .ignore import PatternSet

    return PatternSet(_absolute(config.root).as_posix(), config.exclude)


def _excluded(path: Path, config: Config) -> bool:
    from .ignore import ignored_with_parents

    return ignored_with_parents(_absolute(path), [_excludes(config)])


def _walk(root: Path, config: Config, excludes: PatternSet) -> Iterator[Candidate]:
    from .ignore import ignored

    found: list[Path] = []
    layers: dict[str, PatternSet] = {}
    if config.respect_gitignore:
        # .gitignore files above the walked directory apply too, up to the repository's root.
        for ancestor in _repository_ancestors(_absolute(root)):
            _gitignores(ancestor, layers, config)
    for directory, dirs, files in os.walk(root):
        here = _absolute(directory)
        sets = [excludes, *_gitignores(here, layers, config)]
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and d not in SKIP_DIRS and not ignored(here / d, True, sets)
        )
        for name in files:
            if _included(name, here, config) and not ignored(here / name, False, sets):
                found.append(Path(directory, name))
    for path in sorted(found):
        yield Candidate(path, explicit=False)


def _gitignores(
    here: PurePosixPath, layers: dict[str, PatternSet], config: Config
) -> list[PatternSet]:
    from .ignore import PatternSet

    if not config.respect_gitignore:
        return []
    key = here.as_posix()
    if key not in layers:
        gitignore = Path(key) / ".gitignore"
        try:
            lines = gitignore.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []
        layers[key] = PatternSet(key, lines)
    # The patterns of every ancestor that was walked, outermost first, deepest last.
    return [layers[k] for k in sorted(layers, key=len) if here.as_posix().startswith(k)]


def _included(name: str, here: PurePosixPath, config: Config) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in config.include)


def _repository_ancestors(start: PurePosixPath) -> list[PurePosixPath]:
    """The directories above ``start`` up to the one holding ``.git``; none outside a repository."""
    chain: list[PurePosixPath] = []
    for directory in start.parents:
        chain.append(directory)
        if Path(directory.as_posix(), ".git").exists():
            return list(reversed(chain))
    return []
