"""`sweepspec check` on W&B sweep files: what W&B itself will do with them.

The fixtures in docs/examples/wandb-misread/ are W&B files whose plain values W&B's YAML 1.1
loader reads otherwise than their authors meant, one kind of value per file; each `.expected`
sidecar lists the findings at their line:column.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, expected_findings

from sweepspec import check_file
from sweepspec.cli import main
from sweepspec.diagnostics import Severity

MISREAD = sorted((EXAMPLES / "wandb-misread").glob("*.yaml"))


def test_there_is_a_fixture_per_kind_of_misread_value() -> None:
    names = {p.stem for p in MISREAD}
    assert {"exponent-bounds", "exponent-values", "booleans", "octal", "new-octal"} <= names
    assert {"sexagesimal", "keys"} <= names


@pytest.mark.parametrize("path", MISREAD, ids=lambda p: p.stem)
def test_a_value_wandb_misreads_fails_the_check_at_the_value(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = check_file(path)
    assert {(d.line, d.column, d.code) for d in found} == expected_findings(path)
    assert all(d.severity is Severity.ERROR for d in found if d.code == "W001")
    assert main(["check", "--format", "json", str(path)]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert {(d["line"], d["column"], d["code"]) for d in payload["diagnostics"]} == (
        expected_findings(path)
    )


def test_the_message_says_what_wandb_will_do() -> None:
    (bounds,) = [p for p in MISREAD if p.stem == "exponent-bounds"]
    first = check_file(bounds)[0]
    assert first.message == (
        "W&B reads `1e-5` as the string '1e-5' (it loads sweeps as YAML 1.1) and rejects the "
        "file: `min`: '1e-5' is not of type 'number'"
    )
    assert first.hint == "write `1.0e-5`, which YAML 1.1 and 1.2 read alike"
    (values,) = [p for p in MISREAD if p.stem == "exponent-values"]
    assert "passes that to the program, not the number 0.0001" in check_file(values)[0].message
    (octal,) = [p for p in MISREAD if p.stem == "octal"]
    messages = [d.message for d in check_file(octal)]
    assert messages[1].endswith(
        "as the number 8 (it loads sweeps as YAML 1.1), not the number "
        "10, and runs the sweep with that"
    )


def test_spellings_both_yaml_versions_read_alike_are_not_reported(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        "method: random\nparameters:\n  lr:\n    min: 1.0e-5\n    max: 1.0e-1\n"
        "  flag:\n    values: ['on', 'off', true]\n  seed:\n    value: 10\n"
        "  zero:\n    value: 00\n  t:\n    value: '1:30'\n",
        encoding="utf-8",
    )
    assert check_file(path) == []
