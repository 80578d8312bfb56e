"""The one record every check produces: a located, immutable finding."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

JsonPath = tuple["str | int", ...]


class Severity(str, Enum):
    """How serious a finding is; ordered so that ``--fail-on`` can compare."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a source file. Lines and columns are 1-based; the end is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Related:
    """Another place that explains a finding (the first definition of a duplicate key, ...)."""

    message: str
    span: Span


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text of ``span`` (end exclusive) with ``text``."""

    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    """What `check --fix` rewrites for a finding. A safe fix keeps what the file means to the
    tools that read it (`1e-5` written `1.0e-5`, which every YAML reader takes as that
    number); an unsafe one changes it to what the author probably meant (a misspelt key
    renamed), and is applied only with `--unsafe-fixes`."""

    title: str
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass(frozen=True, slots=True, order=False)
class Diagnostic:
    """One finding: a stable code, where it is, and what to do about it.

    ``path`` is the JSON path of the node the finding is about (keys and sequence indexes);
    ``hint`` is an optional suggestion such as "did you mean `high`?".
    """

    code: str
    severity: Severity
    message: str
    file: str
    span: Span
    path: JsonPath = ()
    hint: str | None = None
    related: tuple[Related, ...] = field(default=())
    fix: Fix | None = None

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    @property
    def json_path(self) -> str:
        return format_json_path(self.path)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.span.line, self.span.column, self.code)


def unique(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """``diagnostics`` in order, with one finding per code, file, place and message: two rules
    that see the same mistake (a schema's ``if``/``then`` twice, say) report it once."""
    seen: set[tuple[str, str, Span, str]] = set()
    kept = []
    for d in diagnostics:
        key = (d.code, d.file, d.span, d.message)
        if key not in seen:
            seen.add(key)
            kept.append(d)
    return kept


def format_json_path(path: JsonPath) -> str:
    """``("a", 0, "b c")`` -> ``$.a[0]['b c']``, as jsonschema and check-jsonschema write it."""
    out = ["$"]
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif part.isidentifier():
            out.append(f".{part}")
        else:
            out.append(f"[{part!r}]")
    return "".join(out)
