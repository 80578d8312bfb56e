"""`check --fix`: the rewrites findings propose, applied to the text.

Each finding may carry a ``Fix``: edits of spans of the file. Fixes are applied to the text as it
is, so comments, quotes and layout stay wherever no edit touches them; overlapping fixes wait
for the next pass. The file is checked again after each pass (a fix can make another finding
appear or go), until no applicable fix is left, and the result is written atomically by the
caller. Unsafe fixes (a renamed key, a reinterpreted bound) are applied only when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Edit, Span
from .sourcemap import LINE_BREAK

MAX_PASSES = 10  # each pass fixes at least one finding; a loop would be a bug, not a file


@dataclass
class Fixed:
    """The text after fixing, the findings fixed (as first found), and what remains."""

    original: str
    text: str
    fixed: list[Diagnostic] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.text != self.original


def applicable(d: Diagnostic, unsafe: bool) -> bool:
    return d.fix is not None and bool(d.fix.edits) and (d.fix.safe or unsafe)


def fix_text(text: str, check: Callable[[str], list[Diagnostic]], *, unsafe: bool = False) -> Fixed:
    """Apply the fixes ``check``'s findings propose to ``text`` until none is left."""
    result = Fixed(text, text)
    found = check(text)
    for _ in range(MAX_PASSES):
        wanted = [d for d in found if applicable(d, unsafe)]
        if not wanted:
            break
        new, done = apply(result.text, wanted)
        if not done or new == result.text:
            break
        result.text = new
        result.fixed.extend(done)
        found = check(new)
    result.remaining = found
    return result


def apply(text: str, diagnostics: Sequence[Diagnostic]) -> tuple[str, list[Diagnostic]]:
    """``text`` with the fixes of ``diagnostics`` that do not overlap one another (the first
    in file order wins), and the findings whose fixes were applied."""
    starts = _line_starts(text)
    chosen: list[tuple[int, int, Edit]] = []
    done: list[Diagnostic] = []
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        assert d.fix is not None
        ranges = [
            (_offset(starts, e.span, True), _offset(starts, e.span, False), e) for e in d.fix.edits
        ]
        if any(start < 0 or end < start for start, end, _ in ranges):
            continue
        if any(_overlap(r, c) for r in ranges for c in chosen):
            continue
        chosen.extend(ranges)
        done.append(d)
    for start, end, edit in sorted(chosen, key=lambda c: c[0], reverse=True):
        text = text[:start] + edit.text + text[end:]
    return text, done


def _overlap(a: tuple[int, int, Edit], b: tuple[int, int, Edit]) -> bool:
    return (a[0] < b[1] and b[0] < a[1]) or (a[0] == a[1] == b[0] == b[1])


def _line_starts(text: str) -> list[int]:
    """Where each line starts, as spans number lines (YAML's line breaks)."""
    return [0, *(m.end() for m in LINE_BREAK.finditer(text))]


def _offset(starts: list[int], span: Span, start: bool) -> int:
    line, column = (span.line, span.column) if start else (span.end_line, span.end_column)
    if not 1 <= line <= len(starts):
        return -1
    return starts[line - 1] + column - 1


def unified_diff(path: str, before: str, after: str) -> str:
    """What ``--diff`` prints: a unified diff of one file."""
    import difflib

    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )
