"""Output formats: GitHub workflow commands, SARIF 2.1.0, GitLab Code Quality, auto, --output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import INVALID, ROOT, shared_dir

import sweepspec
from sweepspec.cli import main
from sweepspec.codes import CODES
from sweepspec.diagnostics import Diagnostic, Severity, Span
from sweepspec.formatters import FORMATTERS, choose, github

TRICKY = Diagnostic(
    code="S003",
    severity=Severity.WARNING,
    message="100% sure: a, b\nand c",
    file="dir,1/a:b.yaml",
    span=Span(3, 5, 3, 9),
    hint="50%",
)

# actions/toolkit: ::command key=value,key=value::message, with properties escaped.
COMMAND = re.compile(
    r"^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:\n]*)(?:,[a-zA-Z]+=[^,:\n]*)*)::"
    r"([^\n]*)$"
)


def test_github_escaping() -> None:
    line = github.format_diagnostic(TRICKY)
    match = COMMAND.match(line)
    assert match is not None, line
    assert match.group(1) == "warning"
    props = dict(p.split("=", 1) for p in match.group(2).split(","))
    assert props == {
        "file": "dir%2C1/a%3Ab.yaml",
        "line": "3",
        "col": "5",
        "endLine": "3",
        "endColumn": "9",
        "title": "sweepspec S003",
    }
    assert match.group(3) == "100%25 sure: a, b%0Aand c%0Ahint: 50%25"


def test_github_output_for_real_findings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["check", "--format", "github", "docs/examples/invalid/acceptance.yaml"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert all(COMMAND.match(line) for line in lines)
    assert lines[0].startswith(
        "::error file=docs/examples/invalid/acceptance.yaml,line=11,col=35,endLine=11,"
        "endColumn=39,title=sweepspec S003::unknown key `hihg`"
    )


def test_auto_picks_github_in_actions(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert choose("auto", {}) == "text"
    assert choose("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert choose("json", {"GITHUB_ACTIONS": "true"}) == "json"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    main(["check", str(INVALID / "V015-zero-samples.yaml")])
    assert capsys.readouterr().out.startswith("::error file=")


def _sarif(findings: list[Diagnostic]) -> dict:
    return json.loads(FORMATTERS["sarif"](findings))


def test_sarif_validates_against_the_oasis_schema() -> None:
    schema = json.loads(shared_dir("oracles", "sarif-schema-2.1.0.json").read_text())
    findings = [d for p in sorted(INVALID.glob("*.yaml")) for d in sweepspec.check(p)]
    document = _sarif([*findings, TRICKY])
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [e.message for e in validator.iter_errors(document)]
    assert errors == []
    assert len(document["runs"][0]["results"]) == len(findings) + 1


def test_sarif_rules_come_from_the_code_registry() -> None:
    run = _sarif(sweepspec.check(INVALID / "acceptance.yaml"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [c.id for c in CODES]
    result = run["results"][0]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == "S003"
    location = result["locations"][0]["physicalLocation"]
    assert location["region"] == {
        "startLine": 11,
        "startColumn": 35,
        "endLine": 11,
        "endColumn": 39,
    }
    assert not Path(location["artifactLocation"]["uri"]).is_absolute()


def test_sarif_uris_are_relative_to_the_working_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    absolute = str((INVALID / "acceptance.yaml").resolve())
    run = _sarif(sweepspec.check(absolute))["runs"][0]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "docs/examples/invalid/acceptance.yaml"


def test_gitlab_code_quality() -> None:
    issues = json.loads(FORMATTERS["gitlab"](sweepspec.check(INVALID / "acceptance.yaml")))
    assert [i["check_name"] for i in issues] == ["S003", "V003", "Y002", "Y002"]
    assert len({i["fingerprint"] for i in issues}) == 4
    assert issues[0]["location"]["positions"]["begin"] == {"line": 11, "column": 35}
    assert {i["severity"] for i in issues} == {"major"}


def test_output_file_is_written_atomically(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.sarif"
    target.write_text("old report")
    target.chmod(0o640)
    code = main(
        ["check", "--format", "sarif", "--output", str(target), str(INVALID / "acceptance.yaml")]
    )
    assert code == 1
    assert capsys.readouterr().out == ""
    assert json.loads(target.read_text())["version"] == "2.1.0"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["report.sarif"]
