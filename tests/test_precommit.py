"""The real pre-commit, running this repository's hook in a temporary git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, INVALID, ROOT, VALID, tool


def _environment(tmp_path: Path) -> dict[str, str]:
    """pre-commit's cache in the test's folder, and a git identity for its commits."""
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
    return env


def test_hook_manifest_runs_the_cli() -> None:
    from ruamel.yaml import YAML

    (hook,) = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "sweepspec"
    assert hook["types"] == ["yaml"]
    assert hook["require_serial"] is True
    assert hook["entry"].split()[:2] == ["sweepspec", "check"]


@pytest.mark.tool
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    pre_commit, git = tool("pre-commit"), shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(VALID / "seed.yaml", project / "good.yaml")
    shutil.copy(INVALID / "acceptance.yaml", project / "bad.yaml")
    # a W&B sweep that W&B rejects: it reads `min: 1e-5` as a string
    shutil.copy(EXAMPLES / "wandb-misread" / "exponent-bounds.yaml", project / "sweep.yaml")
    (project / "ci.yaml").write_text("jobs: {build: {runs-on: ubuntu-latest}}\n")
    env = _environment(tmp_path)
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

    wandb = try_repo("good.yaml", "sweep.yaml")
    out = wandb.stdout + wandb.stderr
    assert wandb.returncode == 1, out
    assert "sweep.yaml:8:10: error W001 W&B reads `1e-5` as the string '1e-5'" in out
    assert "sweep.yaml:9:10: error W001" in out

    passing = try_repo("good.yaml", "ci.yaml")
    assert passing.returncode == 0, passing.stdout + passing.stderr


@pytest.mark.tool
def test_the_documented_config_runs_as_written(tmp_path: Path) -> None:
    """docs/examples/ci/pre-commit-config.yaml, with only the repository's address changed to
    this checkout: its `rev` names something the repository has."""
    pre_commit, git = tool("pre-commit"), shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    config = (EXAMPLES / "ci" / "pre-commit-config.yaml").read_text()
    rev = next(line.split(":", 1)[1].strip() for line in config.splitlines() if "rev:" in line)
    known = subprocess.run(
        [git, "rev-parse", "--verify", "--quiet", rev], cwd=ROOT, capture_output=True, check=False
    )
    if known.returncode != 0:
        pytest.skip(f"this checkout has no `{rev}` (a detached or shallow clone)")
    project = tmp_path / "project"
    project.mkdir()
    config = config.replace("https://github.com/sweepspec/sweepspec", str(ROOT))
    (project / ".pre-commit-config.yaml").write_text(config)
    shutil.copy(INVALID / "acceptance.yaml", project / "bad.yaml")
    env = _environment(tmp_path)
    subprocess.run([git, "init", "-q"], cwd=project, check=True, env=env)
    subprocess.run([git, "add", "-A"], cwd=project, check=True, env=env)
    done = subprocess.run(
        [pre_commit, "run", "--all-files"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "bad.yaml:11:35: error S003 unknown key `hihg`" in out
