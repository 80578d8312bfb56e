"""Path patterns in `.gitignore` syntax, for `exclude` and for the repository's `.gitignore` files.

Supported: blank lines and ``#`` comments, ``!`` negation (the last matching pattern wins), a
trailing ``/`` for directories only, a ``/`` anywhere else anchoring the pattern to its base
directory, and ``*``, ``?``, ``[...]`` and ``**`` wildcards.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True, slots=True)
class Pattern:
    regex: re.Pattern[str]
    negated: bool
    directory_only: bool
    anchored: bool


def compile_pattern(text: str) -> Pattern | None:
    line = text.rstrip("\n").rstrip()
    if not line or line.startswith("#"):
        return None
    negated = line.startswith("!")
    if negated:
        line = line[1:]
    directory_only = line.endswith("/")
    line = line.rstrip("/")
    anchored = "/" in line
    line = line.lstrip("/")
    return Pattern(re.compile(_translate(line)), negated, directory_only, anchored)


def _translate(pattern: str) -> str:
    out, i = ["^"], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and (bracket := _bracket(pattern, i)) is not None:
            regex, i = bracket
            out.append(regex)
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    out.append("$")
    return "".join(out)


# POSIX character classes that git's wildmatch knows (`[[:alpha:]]`), as regex sets of ASCII.
_CLASSES = {
    "alnum": "a-zA-Z0-9",
    "alpha": "a-zA-Z",
    "blank": " \\t",
    "cntrl": "\\x00-\\x1f\\x7f",
    "digit": "0-9",
    "graph": "!-~",
    "lower": "a-z",
    "print": " -~",
    "punct": re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    "space": " \\t\\n\\r\\f\\v",
    "upper": "A-Z",
    "xdigit": "0-9A-Fa-f",
}


def _bracket(pattern: str, start: int) -> tuple[str, int] | None:
    """The regex for the bracket expression at ``start`` and the index after it, as git's
    wildmatch reads one: `!` or `^` negates, a `]` first is literal, `a-z` is a range (a
    reversed one matches nothing), `[:alpha:]` a class; ``None`` without a closing `]`."""
    i = start + 1
    negated = i < len(pattern) and pattern[i] in "!^"
    i += negated
    parts: list[str] = []
    first = True
    while i < len(pattern):
        char = pattern[i]
        if char == "]" and not first:
            body = "".join(parts)
            if not body:
                return ("[^/]" if negated else "(?!)"), i + 1  # an empty set: nothing (or all)
            return f"[{'^/' if negated else ''}{body}]", i + 1
        first = False
        if pattern.startswith("[:", i) and (end := pattern.find(":]", i + 2)) > 0:
            name = pattern[i + 2 : end]
            if name not in _CLASSES:
                return "(?!)", len(pattern)  # git: an unknown class matches nothing
            parts.append(_CLASSES[name])
            i = end + 2
            continue
        if char == "\\" and i + 1 < len(pattern):
            char, i = pattern[i + 1], i + 1
        if pattern.startswith("-", i + 1) and i + 2 < len(pattern) and pattern[i + 2] != "]":
            low, high = char, pattern[i + 2]
            if low <= high:
                parts.append(f"{re.escape(low)}-{re.escape(high)}")
            i += 3
            continue
        parts.append(re.escape(char))
        i += 1
    return None


class PatternSet:
    """Patterns that apply below one base directory."""

    def __init__(self, base: str, patterns: Iterable[str]) -> None:
        self.base = PurePosixPath(base)
        self.patterns = [p for p in map(compile_pattern, patterns) if p is not None]

    def decide(self, path: PurePosixPath, is_dir: bool) -> bool | None:
        """True if ignored, False if re-included by a negation, None if no pattern matches."""
        try:
            relative = path.relative_to(self.base)
        except ValueError:
            return None
        decision = None
        for pattern in self.patterns:
            if pattern.directory_only and not is_dir:
                continue
            subject = relative.as_posix() if pattern.anchored else relative.name
            if pattern.regex.match(subject):
                decision = not pattern.negated
        return decision


def ignored(path: PurePosixPath, is_dir: bool, sets: Iterable[PatternSet]) -> bool:
    """Whether ``path`` is ignored: the last set with an opinion decides (deepest last)."""
    result = False
    for patterns in sets:
        decision = patterns.decide(path, is_dir)
        if decision is not None:
            result = decision
    return result


def ignored_with_parents(path: PurePosixPath, sets: Iterable[PatternSet]) -> bool:
    """Whether the file ``path`` is ignored, itself or through a directory above it."""
    sets = list(sets)
    for parent in reversed(path.parents):
        if ignored(parent, True, sets):
            return True
    return ignored(path, False, sets)
