"""Inline suppressions: ``# sweepspec: ignore[CODE, ...]`` and ``# sweepspec: ignore-file[...]``.

A trailing comment silences its own line; a comment alone on its line silences the next line
that is not a comment. The file-level form may stand anywhere. Without ``[...]`` every code is
silenced. A suppression that silences nothing is itself reported (U001), as is a comment that
names no known code (U002).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Edit, Fix, Span
from .emit import diagnostic
from .sourcemap import source_lines

_COMMENT = re.compile(r"#\s*sweepspec:\s*(?P<kind>ignore-file|ignore)\b(?:\[(?P<codes>[^\]]*)\])?")
# Codes that are about suppressions themselves cannot be suppressed.
_OWN = frozenset({"U001", "U002"})


@dataclass
class Suppression:
    span: Span
    """Where the comment is."""
    line: int | None
    """The line it silences; ``None`` for the file-level form."""
    codes: frozenset[str] | None
    """The codes it silences; ``None`` for all."""
    used: set[str] = field(default_factory=set)
    kind: str = "ignore"
    """``ignore`` or ``ignore-file``."""
    before: str = ""
    """The text before the comment on its line (blank for a comment on a line of its own)."""
    length: int = 0
    """The length of its line."""

    def removal(self, unused: Sequence[str]) -> Fix:
        """The fix of an unused suppression: the codes still used are kept; a comment that
        silences nothing goes, and its line with it where it stood alone."""
        number = self.span.line
        kept = sorted(self.used) if self.codes is not None else []
        if kept:
            text = f"# sweepspec: {self.kind}[{', '.join(kept)}]"
            return Fix(f"drop {', '.join(unused)} from the suppression", (Edit(self.span, text),))
        if self.before.strip():
            start = len(self.before.rstrip()) + 1
            where = Span(number, start, number, self.length + 1)
        else:
            where = Span(number, 1, number + 1, 1)  # the line, and its line break
        return Fix("remove the unused suppression", (Edit(where, ""),))

    def silences(self, d: Diagnostic) -> bool:
        if d.code in _OWN or (self.line is not None and d.span.line != self.line):
            return False
        return self.codes is None or d.code in self.codes


def parse(text: str, file: str) -> tuple[list[Suppression], list[Diagnostic]]:
    """Find the suppression comments of ``text``; malformed ones are reported."""
    found: list[Suppression] = []
    problems: list[Diagnostic] = []
    if _COMMENT.search(text) is None:  # the common case: one scan, no line splitting
        return found, problems
    lines = source_lines(text)
    for index, line in enumerate(lines):
        match = _COMMENT.search(line)
        if match is None or not _is_comment(line, match.start()):
            continue
        number = index + 1
        span = Span(number, match.start() + 1, number, match.end() + 1)
        codes: frozenset[str] | None = None
        if match.group("codes") is None and line[match.end() :].startswith("["):
            # `ignore[V0` without its `]`: not the bare form, which silences every code
            where = Span(number, span.column, number, len(line) + 1)
            problems.append(_invalid(file, where, [], "the `[` of this suppression is not closed"))
            continue
        if match.group("codes") is not None:
            names = [c.strip() for c in match.group("codes").split(",") if c.strip()]
            from .codes import BY_ID

            unknown = [c for c in names if c not in BY_ID]
            if unknown or not names:
                problems.append(_invalid(file, span, unknown))
                continue
            codes = frozenset(names)
        if match.group("kind") == "ignore-file":
            target = None
        elif line[: match.start()].strip():
            target = number
        else:
            # with nothing after it, it silences the (empty) next line: nothing, not the file
            target = _next_content_line(lines, index) or number + 1
        head = line[: match.start()]
        kind = match.group("kind")
        found.append(Suppression(span, target, codes, kind=kind, before=head, length=len(line)))
    return found, problems


def apply(
    diagnostics: Iterable[Diagnostic], suppressions: Sequence[Suppression], file: str
) -> list[Diagnostic]:
    """Drop what the suppressions silence, and report the suppressions that silenced nothing."""
    kept = []
    for d in diagnostics:
        silencers = [s for s in suppressions if s.silences(d)]
        for s in silencers:
            s.used.add(d.code)
        if not silencers:
            kept.append(d)
    for s in suppressions:
        unused = sorted(s.codes - s.used) if s.codes is not None else ([] if s.used else ["*"])
        if unused:
            what = "finding" if unused == ["*"] else ", ".join(unused)
            where = "in this file" if s.line is None else f"on line {s.line}"
            kept.append(
                diagnostic(
                    "U001",
                    f"unused suppression: no {what} {where}",
                    file,
                    s.span,
                    hint="remove it, or the codes it no longer needs",
                    fix=s.removal(unused if unused != ["*"] else []),
                )
            )
    return kept


def _is_comment(line: str, at: int) -> bool:
    # A YAML comment starts a line or follows whitespace, and is not inside a quoted scalar.
    before = line[:at]
    if before and not before[-1].isspace():
        return False
    return before.count('"') % 2 == 0 and before.count("'") % 2 == 0


def _next_content_line(lines: list[str], index: int) -> int | None:
    for after in range(index + 1, len(lines)):
        stripped = lines[after].strip()
        if stripped and not stripped.startswith("#"):
            return after + 1
    return None


def _invalid(file: str, span: Span, unknown: list[str], why: str | None = None) -> Diagnostic:
    if unknown:
        message = f"suppression names unknown code(s): {', '.join(unknown)}"
    elif why:
        message = f"{why}; write `ignore[CODE, ...]` or a bare `ignore`"
    else:
        message = "suppression lists no code; write `ignore[CODE]` or a bare `ignore`"
    return diagnostic("U002", message, file, span, hint="see `sweepspec` diagnostics reference")
