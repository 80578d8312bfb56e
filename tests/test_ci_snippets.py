"""The CI snippets the docs show are files; these tests keep them true."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from conftest import ROOT
from ruamel.yaml import YAML

from sweepspec.cli import build_parser
from sweepspec.settings import load

CI = ROOT / "docs" / "examples" / "ci"


def _commands(node: object) -> list[str]:
    """Every `sweepspec ...` command line in a CI file's scripts and run steps."""
    found: list[str] = []
    if isinstance(node, dict):
        for value in node.values():
            found += _commands(value)
    elif isinstance(node, list):
        for item in node:
            found += _commands(item)
    elif isinstance(node, str) and node.strip().startswith("sweepspec "):
        found.append(node.split("||")[0].strip())
    return found


@pytest.mark.parametrize("name", ["github-workflow-pip.yml", "gitlab-ci.yml"])
def test_ci_files_run_valid_sweepspec_commands(name: str) -> None:
    document = YAML(typ="safe").load((CI / name).read_text())
    commands = _commands(document)
    assert commands, f"{name} runs no sweepspec command"
    for command in commands:
        args = build_parser().parse_args(shlex.split(command)[1:])
        assert args.command == "check"


def test_github_workflow_uploads_the_sarif_it_writes() -> None:
    document = YAML(typ="safe").load((CI / "github-workflow-pip.yml").read_text())
    steps = document["jobs"]["check"]["steps"]
    written = [c for s in steps for c in _commands(s) if "--format sarif" in c]
    uploads = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload")]
    assert len(written) == 1 and len(uploads) == 1
    assert f"--output {uploads[0]['with']['sarif_file']}" in written[0]


def test_pre_commit_snippet_uses_the_hook_this_repository_defines() -> None:
    config = YAML(typ="safe").load((CI / "pre-commit-config.yaml").read_text())
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert config["repos"][0]["hooks"][0]["id"] in {h["id"] for h in hooks}


def test_configuration_snippet_loads(tmp_path: Path) -> None:
    config = load(CI / "pyproject-sweepspec.toml")
    assert config.targets == ("tune", "wandb")
    assert config.ignore == ("V014",)
    assert config.exclude == ("legacy/", "*.draft.yaml")
