"""`sweepspec sample`: configurations drawn with the spec's exact semantics, no engine."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest
from conftest import VALID

from sweepspec.cli import main
from sweepspec.loader import load_text
from sweepspec.sample import command_line, configurations


def _draws(spec: str, n: int = 3000) -> list[object]:
    doc = load_text(f"sweepspec: 1\nparam_space:\n  x: {spec}\n")
    return [c["x"] for c in configurations(doc.data, n, seed=11)]


@pytest.mark.parametrize(
    ("spec", "low", "high", "integer", "q"),
    [
        ("{uniform: [2.0, 5.0]}", 2.0, 5.0, False, None),
        ("{quniform: [0, 100, 5]}", 0, 100, False, 5),
        ("{loguniform: [1.0e-4, 1.0e-1]}", 1e-4, 1e-1, False, None),
        ("{randint: [3, 9]}", 3, 8, True, 1),
        ("{uniformint: [3, 9]}", 3, 9, True, 1),
        ("{qrandint: [0, 100, 25]}", 0, 100, True, 25),
        ("{lograndint: [1, 64]}", 1, 63, True, 1),
        ("{qlograndint: [8, 512, 8]}", 8, 512, True, 8),
        ("{beta: [2.0, 5.0]}", 0.0, 1.0, False, None),
    ],
)
def test_support(spec: str, low: float, high: float, integer: bool, q: float | None) -> None:
    draws = _draws(spec)
    assert all(low <= d <= high for d in draws)  # type: ignore[operator]
    if integer:
        assert all(isinstance(d, int) for d in draws)
    if q is not None:
        assert all(math.isclose(d / q, round(d / q)) for d in draws)  # type: ignore[operator]
    if integer and high - low < 64:
        assert {low, high} <= set(draws)


def test_grids_are_enumerated_then_repeated_and_the_rest_sampled() -> None:
    doc = load_text((VALID / "search-grid-random.yaml").read_text())
    drawn = configurations(doc.data, 12, seed=0)
    points = [(c["batch_size"], c["optimizer"]) for c in drawn]
    assert points[:6] == [
        (32, "adam"),
        (32, "sgd"),
        (64, "adam"),
        (64, "sgd"),
        (128, "adam"),
        (128, "sgd"),
    ]
    assert points[6:] == points[:6]
    assert len({c["lr"] for c in drawn}) == 12


def test_conditional_branches_bring_only_their_own_parameters() -> None:
    doc = load_text((VALID / "conditional.yaml").read_text())
    for config in configurations(doc.data, 200, seed=2):
        optimizer = config["optimizer"]
        assert set(optimizer) == (
            {"name", "lr", "beta1"} if optimizer["name"] == "adam" else {"name", "lr", "momentum"}
        )


def test_seeded_draws_repeat() -> None:
    doc = load_text((VALID / "search-hyperopt.yaml").read_text())
    assert configurations(doc.data, 5, seed=3) == configurations(doc.data, 5, seed=3)


def test_command_lines_follow_the_wandb_template() -> None:
    line = command_line(
        ["${env}", "${interpreter}", "${program}", "${args}"],
        "train.py",
        {"lr": 0.1, "model": {"depth": 3}},
    )
    assert line == ["/usr/bin/env", "python", "train.py", "--lr=0.1", "--model.depth=3"]


def test_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["sample", str(VALID / "seed.yaml"), "-n", "3", "--seed", "1", "--format", "json"])
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and set(json.loads(lines[0])) == {"width", "height", "activation"}
    assert main(["sample", "--format", "command", str(VALID / "wandb-random.yaml"), "-n", "1"]) == 0
    assert capsys.readouterr().out.startswith("/usr/bin/env python train.py --lr=")


def test_sampling_imports_no_engine() -> None:
    probe = (
        "import sys; from sweepspec.cli import main; "
        f"main(['sample', {str(VALID / 'seed.yaml')!r}]); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'ray', 'hyperopt', 'numpy', 'scipy'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
