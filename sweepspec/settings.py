"""Project configuration: ``[tool.sweepspec]`` in pyproject.toml, or a ``.sweepspec.toml``.

Looked up from the working directory upwards; the first directory with either file wins (the
standalone file first). Command-line flags override it. A bad file is a ``ConfigError``
naming the file, the line and the key.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Severity
from .formats import TARGET_IDS

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

STANDALONE = (".sweepspec.toml", "sweepspec.toml")
DEFAULT_INCLUDE = ("*.yaml", "*.yml")


class ConfigError(Exception):
    """A configuration that cannot be used; the message names file, line and key."""

    def __init__(self, file: Path, line: int | None, key: str | None, message: str) -> None:
        where = f"{file}:{line}" if line else str(file)
        what = f" `{key}`" if key else ""
        super().__init__(f"{where}:{what} {message}")
        self.file, self.line, self.key = file, line, key


@dataclass(frozen=True)
class Config:
    """Settings for a check run; every field has a command-line flag that overrides it."""

    source: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    """The directory that include and exclude patterns are relative to."""
    targets: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    """Codes or code prefixes to report; empty means all."""
    ignore: tuple[str, ...] = ()
    """Codes or code prefixes never to report; they win over ``select``."""
    fail_on: Severity = Severity.ERROR
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True

    def wants(self, code: str) -> bool:
        if any(code.startswith(prefix) for prefix in self.ignore):
            return False
        return not self.select or any(code.startswith(prefix) for prefix in self.select)


_LIST = {"type": "array", "items": {"type": "string"}}
_KEYS: dict[str, dict[str, Any]] = {
    "targets": {"type": "array", "items": {"enum": list(TARGET_IDS)}},
    "select": _LIST,
    "ignore": _LIST,
    "fail-on": {"enum": [s.value for s in Severity]},
    "include": _LIST,
    "exclude": _LIST,
    "respect-gitignore": {"type": "boolean"},
}


def find(start: Path) -> Path | None:
    """The configuration file that applies to ``start``, if any."""
    for directory in (start.resolve(), *start.resolve().parents):
        for name in STANDALONE:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and "[tool.sweepspec]" in _read(pyproject):
            return pyproject
    return None


def load(path: Path | None) -> Config:
    """Read ``path`` (a pyproject.toml or a standalone file); ``None`` gives the defaults."""
    if path is None:
        return Config()
    # imported here: most runs have no configuration file
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib

    text = _read(path)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        number = int(line.group(1)) if line else None
        if number is None and "end of document" in str(exc):
            number = text.count("\n") + 1
        raise ConfigError(path, number, None, f"not valid TOML: {exc}") from None
    pyproject = path.name == "pyproject.toml" or "tool" in document
    tool = document.get("tool")
    table = (
        (tool.get("sweepspec") if isinstance(tool, Mapping) else None) if pyproject else document
    )
    section = "[tool.sweepspec]" if pyproject else None
    if not isinstance(table, Mapping):
        raise ConfigError(path, None, None, "has no [tool.sweepspec] table")
    return _build(path, text, section, table)


def _build(path: Path, text: str, section: str | None, table: Mapping[str, Any]) -> Config:
    from .fastschema import compile_schema

    for key, value in table.items():
        line = _line_of(text, section, key)
        if key not in _KEYS:
            known = ", ".join(_KEYS)
            raise ConfigError(path, line, key, f"is not a sweepspec setting (known: {known})")
        if not compile_schema(_KEYS[key])(value):
            # jsonschema words the problem; a valid setting does not need it imported
            import jsonschema

            error = jsonschema.exceptions.best_match(
                jsonschema.Draft7Validator(_KEYS[key]).iter_errors(value)
            )
            if error is not None:
                raise ConfigError(path, line, key, error.message)
        if key in ("select", "ignore"):
            from .codes import CODES

            for prefix in value:
                if not any(code.id.startswith(prefix) for code in CODES):
                    raise ConfigError(path, line, key, f"`{prefix}` is no code or code prefix")
    return Config(
        source=path,
        root=path.parent,
        targets=tuple(table.get("targets", ())),
        select=tuple(table.get("select", ())),
        ignore=tuple(table.get("ignore", ())),
        fail_on=Severity(table.get("fail-on", "error")),
        include=tuple(table.get("include", DEFAULT_INCLUDE)),
        exclude=tuple(table.get("exclude", ())),
        respect_gitignore=bool(table.get("respect-gitignore", True)),
    )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, None, None, f"cannot be read: {exc}") from None


def _line_of(text: str, section: str | None, key: str) -> int | None:
    # tomllib keeps no positions, so find the key in the text of its table.
    inside = section is None
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped == section
            continue
        if inside and pattern.match(line):
            return number
    return None
