"""The bundled examples are the behaviour tests: run through the API and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CONVERT, FIXED, INVALID, VALID, expected_findings

import sweepspec
from sweepspec.cli import main
from sweepspec.codes import CODES
from sweepspec.convert import convert_file

VALID_FILES = sorted(VALID.glob("*.yaml"))
INVALID_FILES = sorted(INVALID.glob("*.yaml"))


def test_there_are_examples() -> None:
    assert len(VALID_FILES) >= 13
    assert len(INVALID_FILES) >= len([c for c in CODES if not c.id.startswith("X")])


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: p.name)
def test_valid_example_has_no_findings(path: Path) -> None:
    assert sweepspec.check(path) == []
    assert main(["check", "-q", str(path)]) == 0


@pytest.mark.parametrize("path", INVALID_FILES, ids=lambda p: p.name)
def test_invalid_example_api(path: Path) -> None:
    found = {(d.line, d.column, d.code) for d in sweepspec.check(path)}
    assert found == expected_findings(path)


@pytest.mark.parametrize("path", INVALID_FILES, ids=lambda p: p.name)
def test_invalid_example_cli(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--format", "json", str(path)])
    payload = json.loads(capsys.readouterr().out)
    found = {(d["line"], d["column"], d["code"]) for d in payload["diagnostics"]}
    assert found == expected_findings(path)
    failing = any(d["severity"] == "error" for d in payload["diagnostics"])
    assert code == (1 if failing else 0)


@pytest.mark.parametrize("code", CODES, ids=lambda c: c.id)
def test_every_code_has_an_invalid_example_that_reports_it(code: sweepspec.Code) -> None:
    folder = CONVERT if code.id.startswith("X") else INVALID
    examples = sorted(folder.glob(f"{code.id}-*.yaml"))
    assert len(examples) == 1, f"{folder}/{code.id}-<name>.yaml is missing"
    assert examples[0].stem == f"{code.id}-{code.name}"
    assert code.id in {c for _, _, c in expected_findings(examples[0])}


CONVERT_FILES = sorted(CONVERT.glob("*.yaml"))


def conversion_target(path: Path) -> str:
    """The `--to` target that the first line of a conversion example's `.expected` names."""
    header = path.with_suffix(".expected").read_text().splitlines()[0]
    return header.split("--to ")[1].split("`")[0]


@pytest.mark.parametrize("path", CONVERT_FILES, ids=lambda p: p.name)
def test_conversion_example(path: Path) -> None:
    to = conversion_target(path)
    assert to
    result = convert_file(path, to)
    assert {(d.line, d.column, d.code) for d in result.diagnostics} == expected_findings(path)


# --- fixed examples: each failing example above, with the mistake corrected ----------------------

FIXED_FILES = sorted(FIXED.glob("*.yaml"))


def failing_example(code: sweepspec.Code) -> Path:
    folder = CONVERT if code.id.startswith("X") else INVALID
    (example,) = sorted(folder.glob(f"{code.id}-*.yaml"))
    return example


@pytest.mark.parametrize("code", CODES, ids=lambda c: c.id)
def test_every_code_has_a_fixed_example_named_like_its_failing_one(code: sweepspec.Code) -> None:
    failing = failing_example(code)
    fixed = sorted(FIXED.glob(f"{code.id}-*.yaml"))
    assert [p.name for p in fixed] == [failing.name], f"{FIXED}/{failing.name} is missing"
    assert fixed[0].read_bytes() != failing.read_bytes(), f"{fixed[0].name} fixes nothing"


def test_the_fixed_folder_holds_only_fixed_examples_of_codes() -> None:
    names = {f"{c.id}-{c.name}.yaml" for c in CODES}
    assert len(FIXED_FILES) == len(CODES)
    assert sorted(p.name for p in FIXED.iterdir()) == sorted(names)


@pytest.mark.parametrize("path", FIXED_FILES, ids=lambda p: p.name)
def test_fixed_example_has_no_findings_at_all(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # No finding of any severity: warnings and infos would pass `check -q` with exit code 0.
    assert sweepspec.check(path) == []
    assert main(["check", "-q", str(path)]) == 0
    capsys.readouterr()
    assert main(["check", "--format", "json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["diagnostics"] == []


@pytest.mark.parametrize(
    "path", [p for p in FIXED_FILES if p.name.startswith("X")], ids=lambda p: p.name
)
def test_fixed_conversion_example_converts_without_findings(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    to = conversion_target(CONVERT / path.name)
    result = convert_file(path, to)
    assert result.diagnostics == []
    assert result.text
    assert main(["convert", "--strict", "--to", to, str(path)]) == 0
    out, err = capsys.readouterr()
    assert out == result.text and err == ""


def test_acceptance_file(capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's example: each mistake at its exact line and column, exit code 1."""
    path = INVALID / "acceptance.yaml"
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:11:35: error S003 unknown key `hihg`" in out
    assert "did you mean `high`?" in out
    assert f"{path}:12:31: error V003" in out
    assert f"{path}:13:3: error Y002" in out
    assert f"{path}:14:3: error Y002" in out


def test_bundled_examples_directory_passes() -> None:
    """The README's first command."""
    assert main(["check", str(VALID)]) == 0


def test_checking_does_not_mutate_the_document() -> None:
    doc = sweepspec.load(VALID / "conditional.yaml")
    before = json.dumps(doc.data, sort_keys=True, default=str)
    sweepspec.check(doc)
    assert json.dumps(doc.data, sort_keys=True, default=str) == before
