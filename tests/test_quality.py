"""Lint, format and type checks run with the tests, so CI holds the code to them."""

from __future__ import annotations

import subprocess

import pytest
from conftest import ROOT, tool


@pytest.mark.parametrize(
    "args",
    [
        ["ruff", "check", "sweepspec", "scripts", "tests"],
        ["ruff", "format", "--check", "sweepspec", "scripts", "tests"],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
@pytest.mark.tool
def test_tool_is_clean(args: list[str]) -> None:
    result = subprocess.run(
        [tool(args[0]), *args[1:]], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_commands_are_the_ci_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = ci.strip().splitlines()[-1]
    assert test_command in readme
    assert "sweepspec check docs/examples/spec" in readme
