"""A JSON document: ``{"diagnostics": [...]}`` with 1-based, end-exclusive positions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..diagnostics import Diagnostic, Fix


def diagnostic_to_dict(d: Diagnostic) -> dict[str, Any]:
    return {
        "code": d.code,
        "severity": d.severity.value,
        "message": d.message,
        "file": d.file,
        "line": d.span.line,
        "column": d.span.column,
        "end_line": d.span.end_line,
        "end_column": d.span.end_column,
        "json_path": d.json_path,
        "hint": d.hint,
        "related": [
            {"message": r.message, "line": r.span.line, "column": r.span.column} for r in d.related
        ],
        "fix": None if d.fix is None else _fix(d.fix),
    }


def _fix(fix: Fix) -> dict[str, Any]:
    """What `check --fix` would do, for an editor to offer: the edits, 1-based, end-exclusive."""
    return {
        "title": fix.title,
        "safe": fix.safe,
        "edits": [
            {
                "line": e.span.line,
                "column": e.span.column,
                "end_line": e.span.end_line,
                "end_column": e.span.end_column,
                "text": e.text,
            }
            for e in fix.edits
        ],
    }


def format_diagnostics(diagnostics: Sequence[Diagnostic]) -> str:
    payload = {"diagnostics": [diagnostic_to_dict(d) for d in diagnostics]}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
