"""The schema ships inside the wheel: build it, install it in a fresh venv, load the schema."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import ROOT, need

PROBE = """
import json, sweepspec
from sweepspec.cli import main
path = sweepspec.schema_file()
schema = sweepspec.load_schema()
print(json.dumps({"path": str(path), "id": schema["$id"], "version": sweepspec.__version__}))
"""


@pytest.mark.tool
def test_wheel_carries_the_schema(tmp_path: Path) -> None:
    need("build")
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("sweepspec-*.whl")
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "sweepspec/py.typed" in names  # type checkers read the package's hints (PEP 561)
    assert not any(n.startswith(("scripts/", "sweepspec/_docgen")) for n in names)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True
    )
    result = subprocess.run(
        [str(python), "-c", PROBE], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    info = json.loads(result.stdout)
    assert Path(info["path"]).is_relative_to(env_dir), info["path"]
    assert info["path"].endswith("sweepspec/schema/sweepspec-1.schema.json")
    assert info["id"].endswith("sweepspec-1.schema.json")
    assert info["version"] != "0+unknown"
    shipped = json.loads(Path(info["path"]).read_text(encoding="utf-8"))
    assert shipped == json.loads((ROOT / "schema" / "sweepspec-1.schema.json").read_text())
    check = subprocess.run(
        [str(env_dir / "bin" / "sweepspec"), "check", str(ROOT / "docs" / "examples" / "spec")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    # a file with schema errors takes the other path: jsonschema, from the installed package
    broken = ROOT / "docs" / "examples" / "invalid" / "S003-unknown-key.yaml"
    report = subprocess.run(
        [str(env_dir / "bin" / "sweepspec"), "check", "--format", "json", str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert report.returncode == 1, report.stdout + report.stderr
    assert "S003" in {d["code"] for d in json.loads(report.stdout)["diagnostics"]}
