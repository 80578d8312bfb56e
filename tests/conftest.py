from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
VALID = EXAMPLES / "spec"
INVALID = EXAMPLES / "invalid"
CONVERT = EXAMPLES / "convert"
# The fixed counterpart of every failing example above, under the same file name.
FIXED = EXAMPLES / "fixed"
# CI checks the project out beside a read-only copy of the shared research material.
SHARED = Path(os.environ.get("SWEEPSPEC_SHARED", ROOT.parent / "shared"))


def shared_dir(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpus is only beside the CI checkout")
    return path


# Small specs that the CLI and configuration tests share.
GOOD = "sweepspec: 1\nparam_space:\n  lr: {uniform: [0, 1]}\n"
WARN = "sweepspec: 1\nparam_space:\n  lr: {unifrom: [0, 1]}\n"


def write(base: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``base/name``, creating folders on the way."""
    path = base / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def expected_findings(yaml_file: Path) -> set[tuple[int, int, str]]:
    """Read `<name>.expected`: lines of `LINE:COLUMN CODE`, `#` comments ignored."""
    found = set()
    for raw in yaml_file.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            position, code = line.split()
            row, column = position.split(":")
            found.add((int(row), int(column), code))
    return found


@pytest.fixture(autouse=True)
def _not_in_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    # `--format auto` picks the github format there; the tests choose formats themselves.
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
