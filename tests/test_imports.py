"""`import sweepspec` and `sweepspec check` must not pull in heavy ML packages."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import INVALID, VALID

HEAVY = ("hyperopt", "ray", "numpy", "scipy")

PROBE = """
import json, sys
import sweepspec
from sweepspec.cli import main
main(["check", "-q", *sys.argv[1:]])
print(json.dumps(sorted(m.split(".")[0] for m in sys.modules)))
"""


def test_check_path_imports_no_heavy_package() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(VALID), str(INVALID / "acceptance.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout.splitlines()[-1]))
    assert "sweepspec" in loaded and "jsonschema" in loaded
    assert loaded.isdisjoint(HEAVY), loaded & set(HEAVY)


def test_the_conversion_api_is_sweepspecs_and_loads_when_used() -> None:
    probe = (
        "import json, sys, sweepspec\n"
        "before = 'sweepspec.convert' in sys.modules\n"
        "result = sweepspec.convert_text('sweepspec: 1\\nparam_space: {a: 1}\\n', 'wandb')\n"
        "heavy = sorted(m for m in ('hyperopt', 'ray', 'numpy', 'scipy') if m in sys.modules)\n"
        "print(json.dumps([before, type(result).__name__, result.text, heavy]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    before, kind, text, heavy = json.loads(done.stdout)
    assert (before, kind, heavy) == (False, "Result", [])
    assert text == "method: random\nparameters: {a: {value: 1}}\n"
