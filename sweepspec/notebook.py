"""Jupyter notebooks (``.ipynb``) as Python sources: their code cells, in order, as one module.

A notebook is JSON; what the readers read is the Python of its code cells. Each line of that
module is mapped back to where the notebook's JSON holds it, so that a finding is placed on
the line of the ``.ipynb`` file (which editors and GitHub open) and names the cell and the line
in the cell as Jupyter shows them. IPython magics (``%matplotlib inline``, ``!pip install``)
are expected in a notebook: read past without a word (see ``pysource.parse_tolerant``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

from .diagnostics import Diagnostic, Span
from .emit import diagnostic


@dataclass(frozen=True)
class Place:
    """Where a line of the module is in the notebook: its cell (1-based, counting every cell as
    Jupyter numbers them), its line in the cell, and the JSON file's line and column of it."""

    cell: int
    line: int
    file_line: int
    file_column: int


@dataclass
class Notebook:
    source: str
    places: list[Place]  # one per line of ``source``

    def place(self, found: Diagnostic) -> Diagnostic:
        """``found`` (located in ``source``) located in the notebook file."""
        index = found.span.line - 1
        if not 0 <= index < len(self.places):
            return found
        at = self.places[index]
        column = at.file_column + found.span.column - 1
        end = column + max(1, found.span.end_column - found.span.column)
        span = Span(at.file_line, column, at.file_line, end)
        where = f" (cell {at.cell}, line {at.line})"
        return replace(found, span=span, message=self.lines_named(found.message) + where)

    def lines_named(self, message: str) -> str:
        """``message`` with the lines it names (``(line 7)``, ``on line 6``, ``at line 8``:
        lines of ``source``, where the readers found them) named as Jupyter shows them, by
        cell and line in the cell: the module of joined cells is nowhere the user can look.
        Only the readers' own words are: what a message quotes of the code, between
        backquotes (``**CONFIGS["line 2"]``), is the user's, and stays as it is."""

        def named(match: re.Match[str]) -> str:
            index = int(match.group(2)) - 1
            if not 0 <= index < len(self.places):
                return match.group(0)
            at = self.places[index]
            return f"{'in ' if match.group(1) else ''}cell {at.cell}, line {at.line}"

        parts = re.split(r"(`[^`]*`)", message)  # the odd ones are quoted
        return "".join(
            part if quoted % 2 else _LINE.sub(named, part) for quoted, part in enumerate(parts)
        )


# The readers' ways of naming a line of the module: `(line 7)`, `on line 6`, `at line 8`.
_LINE = re.compile(r"(?:\b(on |at )|(?<=\())line (\d+)\b")


def read_notebook(raw: bytes, file: str) -> Notebook | Diagnostic:
    """The code of a notebook, or why it is none."""
    text = raw.decode("utf-8", errors="replace")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return diagnostic(
            "X003",
            f"the notebook is not JSON: {exc.msg}",
            file,
            Span(exc.lineno, exc.colno, exc.lineno, exc.colno + 1),
        )
    cells = data.get("cells") if isinstance(data, dict) else None
    if not isinstance(cells, list):
        return diagnostic("X003", "the notebook has no `cells` list", file, Span(1, 1, 1, 2))
    file_lines = text.split("\n")
    cursor = 0
    lines: list[str] = []
    places: list[Place] = []
    for number, cell in enumerate(cells, 1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        parts = source if isinstance(source, list) else [source]
        code = "".join(p for p in parts if isinstance(p, str))
        cell_lines = code.split("\n")
        for at, line in enumerate(cell_lines, 1):
            cursor, column = _find(file_lines, line, cursor)
            lines.append(line)
            places.append(Place(number, at, cursor + 1, column))
        lines.append("")  # cells are separate blocks
        places.append(Place(number, len(cell_lines), cursor + 1, 1))
    return Notebook("\n".join(lines), places)


def _find(file_lines: list[str], line: str, start: int) -> tuple[int, int]:
    """The index of the JSON line at or after ``start`` that holds ``line`` as a JSON string,
    and the 1-based column of its first character there (``start``, 1 when it is not found)."""
    escaped = json.dumps(line)[1:-1]
    if not escaped.strip():
        return start, 1
    for index in range(start, len(file_lines)):
        at = file_lines[index].find('"' + escaped)
        if at >= 0:
            return index, at + 2
    return start, 1
