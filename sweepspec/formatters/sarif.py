"""SARIF 2.1.0 for GitHub code scanning: rules from the code registry, 1-based regions."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from ..codes import CODES
from ..diagnostics import Diagnostic, Severity
from .paths import relative

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DOCS = "https://github.com/sweepspec/sweepspec/blob/main/docs/reference/diagnostics.md"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": code.id,
            "name": code.name,
            "shortDescription": {"text": code.summary},
            "fullDescription": {"text": code.explanation},
            "helpUri": f"{DOCS}#{code.id.lower()}-{code.name}",
            "defaultConfiguration": {"level": _LEVEL[code.severity]},
        }
        for code in CODES
    ]


def _result(d: Diagnostic, index: dict[str, int]) -> dict[str, Any]:
    uri = relative(d.file)
    message = d.message + (f" (hint: {d.hint})" if d.hint else "")
    # Stable across runs while the finding stays the same: code, file and JSON path, not lines.
    fingerprint = hashlib.sha256(f"{d.code}\0{uri}\0{d.json_path}".encode()).hexdigest()[:32]
    return {
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": _LEVEL[d.severity],
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                    "region": {
                        "startLine": d.span.line,
                        "startColumn": d.span.column,
                        "endLine": d.span.end_line,
                        "endColumn": d.span.end_column,
                    },
                }
            }
        ],
        "partialFingerprints": {"sweepspecFinding/v1": fingerprint},
    }


def format_diagnostics(diagnostics: Sequence[Diagnostic]) -> str:
    from .._version import version

    rules = _rules()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sweepspec",
                        "version": version(),
                        "informationUri": "https://github.com/sweepspec/sweepspec",
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(d, index) for d in diagnostics],
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
