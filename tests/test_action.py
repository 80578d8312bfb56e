"""The GitHub Action (`action.yml`) and the workflows the docs show, against the schemas GitHub's
files are checked with (SchemaStore's, copied in tests/data/schemastore); the action's step
runs sweepspec with its inputs, which cannot inject a command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import ROOT
from ruamel.yaml import YAML

from sweepspec.action import arguments
from sweepspec.cli import build_parser

SCHEMAS = ROOT / "tests" / "data" / "schemastore"
CI = ROOT / "docs" / "examples" / "ci"


def _yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _errors(schema_name: str, instance: Any) -> list[str]:
    schema = json.loads((SCHEMAS / schema_name).read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


def test_the_action_is_valid() -> None:
    assert _errors("github-action.json", _yaml(ROOT / "action.yml")) == []


@pytest.mark.parametrize("name", sorted(p.name for p in CI.glob("github-*.yml")))
def test_the_docs_workflows_are_valid(name: str) -> None:
    assert _errors("github-workflow.json", _yaml(CI / name)) == []


def test_the_schema_catalog_entry_is_valid() -> None:
    catalog = json.loads((ROOT / "schema" / "catalog.json").read_text(encoding="utf-8"))
    assert _errors("schema-catalog.json", catalog) == []


def test_the_docs_workflow_gives_the_action_inputs_it_has() -> None:
    action = _yaml(ROOT / "action.yml")
    steps = _yaml(CI / "github-workflow.yml")["jobs"]["check"]["steps"]
    (uses,) = [s for s in steps if str(s.get("uses", "")).startswith("sweepspec/sweepspec@")]
    assert set(uses["with"]) <= set(action["inputs"])
    env = {f"SWEEPSPEC_{k.upper().replace('-', '_')}": str(v) for k, v in uses["with"].items()}
    for step in ("check", "sarif"):
        args = build_parser().parse_args(arguments(step, env))
        assert args.command == "check" and args.paths == ["sweeps/"]
        assert args.targets == ["wandb"]


def _step(step: str, tmp_path: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        **{f"SWEEPSPEC_{k.upper()}": v for k, v in inputs.items()},
    }
    return subprocess.run(
        [sys.executable, "-m", "sweepspec.action", step],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_action_step_annotates_each_finding(tmp_path: Path) -> None:
    (tmp_path / "sweeps").mkdir()
    bad = ROOT / "docs" / "examples" / "invalid" / "acceptance.yaml"
    (tmp_path / "sweeps" / "bad.yaml").write_text(bad.read_text())
    done = _step("check", tmp_path, paths="sweeps", fail_on="error")
    assert done.returncode == 1
    assert "::error file=sweeps/bad.yaml,line=11,col=35" in done.stdout
    sarif = _step("sarif", tmp_path, paths="sweeps", sarif="out.sarif")
    assert sarif.returncode == 0
    assert json.loads((tmp_path / "out.sarif").read_text())["runs"][0]["results"]
    assert (tmp_path / "output").read_text() == "path=out.sarif\n"


def test_the_action_inputs_cannot_inject_a_command(tmp_path: Path) -> None:
    done = _step("check", tmp_path, paths="$(touch pwned) `touch pwned2`", args="; touch pwned3")
    assert done.returncode == 2  # no such paths, and `;` is no option: said, nothing run
    assert not list(tmp_path.glob("pwned*"))
