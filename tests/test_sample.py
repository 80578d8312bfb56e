"""`sweepspec sample`: configurations drawn with the spec's exact semantics, no engine."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import VALID

from sweepspec.cli import main
from sweepspec.loader import load_file, load_text
from sweepspec.meaning import plain
from sweepspec.sample import command_line, configurations
from sweepspec.space import distribution_of, group_body


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


def _inside(entry: Any, value: Any) -> bool:
    """Whether ``value`` lies in the support the spec ``entry`` declares."""
    dist = distribution_of(entry)
    if dist is None or dist.kind == "group":
        body = group_body(entry)
        if body is None:
            return bool(value == plain(entry))
        return isinstance(value, dict) and all(_inside(v, value.get(k)) for k, v in body.items())
    body = entry[dist.name]
    if dist.kind == "constant":
        return bool(value == plain(body))
    if dist.name in ("choice", "grid_search", "pchoice"):
        key = {"choice": "options", "grid_search": "values", "pchoice": "p_options"}[dist.name]
        options = body.get(key) if isinstance(body, dict) else body
        if dist.name == "pchoice":
            options = [pair[1] for pair in options]
        return any(_inside(o, value) if isinstance(o, dict) else value == plain(o) for o in options)
    args = dict(
        zip(
            dist.arg_names,
            body if isinstance(body, list) else [body[n] for n in dist.arg_names if n in body],
            strict=False,
        )
    )
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return False
    q = args.get("q")
    if dist.kind == "integer" and value != int(value):
        return False
    if q is not None and not math.isclose(value / q, round(value / q), abs_tol=1e-9):
        return False
    slack = q / 2 if q is not None and dist.kind == "continuous" else 0
    if "low" in args:
        low, high = args["low"], args["high"]
        if dist.name in ("randint", "lograndint"):
            return bool(low <= value < high)  # Ray's upper bound is excluded
        return bool(low - slack <= value <= high + slack)
    if dist.name in ("beta", "qbeta"):
        return bool(0 - slack <= value <= 1 + slack)
    if dist.name in ("lognormal", "qlognormal"):
        return bool(value >= 0)
    return math.isfinite(value)


BUNDLED = sorted(VALID.glob("*.yaml")) + sorted((VALID.parent / "run").glob("*.yaml"))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_a_thousand_draws_of_every_bundled_example_stay_inside_their_support(path: Path) -> None:
    doc = load_file(path)
    space = doc.data["param_space"]
    outside = [
        (key, config[key])
        for config in configurations(doc.data, 1000, seed=3)
        for key, entry in space.items()
        if not _inside(entry, config.get(key))
    ]
    assert outside == []


@pytest.mark.parametrize(
    ("entry", "value"),
    [
        ({"uniform": [0, 1]}, 1.5),
        ({"randint": [1, 4]}, 4),
        ({"uniformint": [1, 4]}, 2.5),
        ({"qrandint": [0, 10, 5]}, 3),
        ({"choice": ["a", "b"]}, "c"),
        ({"lognormal": [0, 1]}, -1.0),
        ({"depth": {"randint": [1, 3]}}, {"depth": 3}),
    ],
)
def test_the_support_check_rejects_what_is_outside(entry: Any, value: Any) -> None:
    # The check above must be able to fail: these are just outside each support.
    assert not _inside(entry, value)


# --- every format sweepspec reads, through the spec ---------------------------------------------

OTHER_FORMATS = [
    "docs/examples/wandb/legacy-seed.yaml",
    "docs/examples/wandb/grid-hyperband.yaml",
    "docs/examples/hydra/optuna_sphere.yaml",
    "docs/examples/hydra/basic_grid.yaml",
    "docs/examples/nni/search_space.json",
    "docs/examples/nni/config.yml",
    "docs/examples/python-spaces/hyperopt_nested_choice_ray.py",
    "docs/examples/tune/tuner.py",
    "docs/examples/optuna/xgboost_booster_params.py",
]


@pytest.mark.parametrize("name", OTHER_FORMATS)
def test_sample_reads_every_format_through_the_spec(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`sample FILE` on a W&B, legacy, Hydra, NNI, hyperopt, Ray Tune or Optuna file draws from
    the spec `convert` reads from it: the same configurations as sampling that spec, each inside
    its support (before: a non-spec file sampled as `{}` with exit 0)."""
    from sweepspec.convert import convert_file

    root = Path(__file__).resolve().parent.parent
    path = root / name
    spec = convert_file(path, "spec").text
    assert spec is not None
    data = plain(load_text(spec).data)
    assert main(["sample", str(path), "-n", "20", "--seed", "3", "--format", "json"]) == 0
    drawn = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert drawn == configurations(data, 20, 3)
    assert all(c for c in drawn)  # never the empty configuration of a misread file
    for config in drawn:
        for key, entry in data["param_space"].items():
            if key in config:
                assert _inside(entry, config[key]), (key, entry, config[key])


def test_sample_refuses_a_file_it_cannot_read_with_the_reasons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "config.yaml"
    bad.write_text("hydra:\n  sweeper:\n    params:\n      lr: chioce(1, 2)\n")
    assert main(["sample", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:4:11: error X003" in err
    assert "fix these before sampling" in err


def test_a_grid_inside_a_choice_is_refused_at_its_line(capsys: pytest.CaptureFixture[str]) -> None:
    """How many trials Ray makes of it depends on the draws (V018): a sample cannot draw it,
    and says so at the grid, where it was an internal error."""
    path = Path(__file__).parent.parent / "docs/examples/invalid/V018-grid-inside-choice.yaml"
    assert main(["sample", str(path), "-n", "3"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{path}:5:27: error V018" in captured.err
    assert "internal error" not in captured.err
