"""GitLab Code Quality: a JSON array of issues with 1-based positions and stable fingerprints."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..diagnostics import Diagnostic, Severity
from .paths import relative

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def format_diagnostics(diagnostics: Sequence[Diagnostic]) -> str:
    from hashlib import sha256  # OpenSSL's bindings load for this format only

    issues = []
    for d in diagnostics:
        path = relative(d.file)
        key = f"{d.code}\0{path}\0{d.json_path}\0{d.span.line}\0{d.span.column}"
        issues.append(
            {
                "description": f"{d.code} {d.message}",
                "check_name": d.code,
                "fingerprint": sha256(key.encode()).hexdigest(),
                "severity": _SEVERITY[d.severity],
                "location": {
                    "path": path,
                    "positions": {
                        "begin": {"line": d.span.line, "column": d.span.column},
                        "end": {"line": d.span.end_line, "column": d.span.end_column},
                    },
                },
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
