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

from sweepspec import check_file, check_paths
from sweepspec.cli import main
from sweepspec.convert import convert_file
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


# --- the same mistake in many places is reported once per place --------------------------------


def test_repeated_mistakes_are_reported_once_each(tmp_path: Path) -> None:
    params = "".join(f"  p{i}:\n    distribution: uniform\n    values: [1, 2]\n" for i in range(10))
    path = tmp_path / "w.yaml"
    path.write_text("method: random\nparameters:\n" + params, encoding="utf-8")
    found = check_file(path)
    keys = [(d.code, d.span, d.message) for d in found]
    assert len(keys) == len(set(keys))
    # per parameter: `min` and `max` missing, `values` unknown with `distribution: uniform`
    assert len(found) == 30


# --- sweeps wrapped under a key of a larger file ---------------------------------------------

WRAPPED = EXAMPLES / "wandb-wrapped" / "train-config.yaml"


def test_a_sweep_under_a_key_is_checked_at_its_lines(capsys: pytest.CaptureFixture[str]) -> None:
    found = check_file(WRAPPED)
    assert {(d.line, d.column, d.code) for d in found} == expected_findings(WRAPPED)
    assert [d.json_path for d in found] == [
        "$.sweep.metric.goal",
        "$.sweep.parameters.lr.min",
        "$.sweep.parameters.dropout.distribution",
    ]
    assert main(["check", "--only-specs", str(WRAPPED)]) == 1  # as the pre-commit hook runs it
    assert "train-config.yaml:11:12: error W001" in capsys.readouterr().out


@pytest.mark.parametrize("wrapper", ["sweep", "sweep_config", "sweep_configuration"])
def test_every_wrapper_key_is_recognised_and_found_in_directories(
    tmp_path: Path, wrapper: str
) -> None:
    text = WRAPPED.read_text(encoding="utf-8").replace("\nsweep:\n", f"\n{wrapper}:\n")
    (tmp_path / "config.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "other.yaml").write_text("model:\n  sweep: 3\n", encoding="utf-8")
    report = check_paths([tmp_path])
    assert [Path(p).name for p in report.checked] == ["config.yaml"]
    assert [d.json_path.split(".")[1] for d in report.diagnostics] == [wrapper] * 3


def test_converting_a_wrapped_sweep_names_the_wrapper() -> None:
    result = convert_file(WRAPPED, "spec")
    assert result.text is None
    (problem,) = result.diagnostics
    assert (problem.code, problem.line, problem.column) == ("X003", 6, 1)
    assert problem.hint == "move what is under `sweep:` to a file of its own and convert that"


# --- deprecated log distributions whose bounds are plainly real values -----------------------


def _deprecated(low: str, high: str) -> str:
    return (
        "method: random\nparameters:\n  lr:\n    distribution: log_uniform\n"
        f"    min: {low}\n    max: {high}\n"
    )


def test_real_looking_exponents_are_named_with_both_readings(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(_deprecated("0.0001", "0.1"), encoding="utf-8")
    (found,) = check_file(path)
    assert found.code == "W002"
    assert "min 0.0001 and max 0.1 look like real values" in found.message
    assert "as exponents they mean 1.0001 to 1.10517" in found.message
    assert found.hint is not None
    assert found.hint.startswith(
        "if 0.0001 to 0.1 are the values you meant, write `log_uniform_values` with the same "
        "min and max; if they are exponents, `log_uniform_values` with min 1.0001, max 1.10517"
    )
    converted = convert_file(path, "spec")
    (rewritten,) = converted.diagnostics
    assert rewritten.code == "X002" and "if they are, write `loguniform: [0.0001, 0.1]`" in (
        rewritten.message
    )
    assert converted.text is not None and "loguniform: [1.0001" in converted.text  # as W&B reads


def test_exponents_that_look_like_exponents_get_the_plain_hint(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(_deprecated("-9.21", "-2.3"), encoding="utf-8")
    (found,) = check_file(path)
    assert "look like real values" not in found.message
    assert found.hint == (
        "use `log_uniform_values` with real bounds (sweepspec convert rewrites it: "
        "min 0.000100034, max 0.100259)"
    )
