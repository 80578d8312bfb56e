"""sweepspec: hyperparameter sweep files, validated at exact line:column.

The library API mirrors the command line:

    import sweepspec

    doc = sweepspec.load("sweep.yaml")           # data, source map and load findings
    for d in sweepspec.check("sweep.yaml"):      # every finding, sorted by position
        print(d.file, d.line, d.column, d.code, d.message)
    result = sweepspec.convert_file("sweep.yaml", "wandb")   # text, and every loss
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path

# Cheap modules, imported here (`sweepspec.check` among them, so that the submodule is bound
# before the `check` function below replaces it on the package); the loader (ruamel.yaml,
# PyYAML), the schema (jsonschema) and the converters are imported when a name of theirs is
# first used, so that `import sweepspec` costs little more than Python's own start-up.
from .check import Report, check_document, check_file, check_paths, check_text
from .diagnostics import Diagnostic, Related, Severity, Span

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

    from .codes import CODES, Code
    from .convert import Result, convert_document, convert_file, convert_source, convert_text
    from .loader import Document, load_bytes, load_file, load_text
    from .schemafile import load_schema, schema_file

_LAZY = {
    **dict.fromkeys(
        ("Result", "convert_document", "convert_file", "convert_source", "convert_text"),
        "convert",
    ),
    **dict.fromkeys(("CODES", "Code"), "codes"),
    **dict.fromkeys(("Document", "load_bytes", "load_file", "load_text"), "loader"),
    **dict.fromkeys(("load_schema", "schema_file"), "schemafile"),
}


def __getattr__(name: str) -> Any:
    # importlib.metadata costs about a third of the import time; read the version on demand.
    if name == "__version__":
        from ._version import version

        return version()
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'sweepspec' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY, "__version__"})


def load(path: str | Path) -> Document:
    """Load a sweep file with the position of every node. Raises ``OSError`` if unreadable."""
    from .loader import load_file

    return load_file(path)


def check(source: str | Path | Document, targets: Sequence[str] = ()) -> list[Diagnostic]:
    """Check a file path or a loaded ``Document``; returns findings sorted by position.

    ``targets`` are formats to check compatibility with (``"wandb"``, ``"tune"``, ...), besides
    those the file lists under ``targets:``. A Python source or notebook (``.py``, ``.ipynb``)
    is read as ``convert`` reads it, never run: the errors of its space, at their lines in the
    module, and what cannot be read (``targets`` do not apply; convert it to check those).
    """
    from .loader import Document

    if isinstance(source, Document):
        return check_document(source, targets)
    from .formats import PYTHON_SUFFIXES

    if str(source).endswith(PYTHON_SUFFIXES):
        # a Python source or notebook, read as `convert` reads it (`sweepspec check` does too)
        from .convert import check_module
        from .loader import read_source

        read_source(source)  # the OSError an unreadable path raises, as for YAML
        return check_module(source)
    return check_file(source, targets)


__all__ = [
    "CODES",
    "Code",
    "Diagnostic",
    "Document",
    "Related",
    "Report",
    "Result",
    "Severity",
    "Span",
    "__version__",
    "check",
    "check_document",
    "check_file",
    "check_paths",
    "check_text",
    "convert_document",
    "convert_file",
    "convert_source",
    "convert_text",
    "load",
    "load_bytes",
    "load_file",
    "load_schema",
    "load_text",
    "schema_file",
]
