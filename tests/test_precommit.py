"""The real pre-commit, running this repository's hook in a temporary git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import INVALID, ROOT, VALID


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not Path(found).exists():
        pytest.skip(f"{name} is not installed: pip install 'sweepspec[test]'")
    return found


def test_hook_manifest_runs_the_cli() -> None:
    from ruamel.yaml import YAML

    (hook,) = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "sweepspec"
    assert hook["types"] == ["yaml"]
    assert hook["require_serial"] is True
    assert hook["entry"].split()[:2] == ["sweepspec", "check"]


def test_pre_commit_try_repo(tmp_path: Path) -> None:
    pre_commit, git = _tool("pre-commit"), shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(VALID / "seed.yaml", project / "good.yaml")
    shutil.copy(INVALID / "acceptance.yaml", project / "bad.yaml")
    (project / "ci.yaml").write_text("jobs: {build: {runs-on: ubuntu-latest}}\n")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    subprocess.run([git, "init", "-q"], cwd=project, check=True, env=env)
    subprocess.run([git, "add", "-A"], cwd=project, check=True, env=env)

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [pre_commit, "try-repo", str(ROOT), "sweepspec", "--verbose", "--files", *files],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )

    failing = try_repo("good.yaml", "bad.yaml", "ci.yaml")
    out = failing.stdout + failing.stderr
    assert failing.returncode == 1, out
    assert "bad.yaml:11:35: error S003 unknown key `hihg`" in out
    assert "bad.yaml:12:31: error V003" in out
    assert "good.yaml:" not in out and "ci.yaml:" not in out

    passing = try_repo("good.yaml", "ci.yaml")
    assert passing.returncode == 0, passing.stdout + passing.stderr
