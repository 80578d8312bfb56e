"""Optuna objectives as people write them (docs/examples/optuna/, issue 19): what sweepspec
reads from each script without running it is held to what Optuna records when the script runs.

The oracle is the script itself, run with ``runpy`` as ``python fixture.py`` would run it (its
folder as the working directory and on ``sys.path``), with ``optuna.create_study`` given a
seeded ``RandomSampler`` (so that every branch is visited; the sampler and pruner the script
asked for are recorded) and ``Study.optimize`` limited to a few trials (the ``n_trials`` and
``timeout`` the script asked for are recorded). Then, for every trial:

- every distribution Optuna recorded (``trial.distributions``) is the one sweepspec read under
  that name (``to_distributions`` of the spec), unless the fixture's README row says the name
  is left out, and then the reading named it with a warning at its line;
- the names the trial suggested are exactly those the spec's conditional structure gives for
  the choices the trial made: a parameter read as conditional is suggested in its branches
  and only there;
- the settings read are those the script passed: direction, ``n_trials``, ``timeout``, the
  sampler's class and the pruner's.

The expected outcome of each fixture is the README's table (the same rows the docs show).
"""

from __future__ import annotations

import os
import re
import runpy
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, need

from sweepspec.convert import convert_file
from sweepspec.diagnostics import Severity
from sweepspec.formats import optuna as model
from sweepspec.formats.optuna import to_distributions
from sweepspec.loader import load_text

pytestmark = pytest.mark.engine

FOLDER = ROOT / "docs" / "examples" / "optuna"
ROW = re.compile(r"^\| \[(?P<file>[\w.]+)\]\([\w.]+\) \| .* \| (?P<expected>[^|]+) \|$")
TRIALS = 12


def _expected() -> dict[str, list[str]]:
    """The README's rows: each fixture and the names (patterns) it leaves out."""
    rows: dict[str, list[str]] = {}
    for line in (FOLDER / "README.md").read_text().splitlines():
        match = ROW.match(line)
        if match is None:
            continue
        expected = match["expected"].strip()
        left_out: list[str] = []
        if expected.startswith("partial:"):
            head = expected.removeprefix("partial:").split("(")[0]
            left_out = re.findall(r"`([^`]+)`", head)
        rows[match["file"]] = left_out
    return rows


EXPECTED = _expected()


def _left_out(name: str, patterns: list[str]) -> bool:
    return any(re.fullmatch(re.sub(r"\\\{\w+\\\}", r"[^/]+", re.escape(p)), name) for p in patterns)


@dataclass
class Ran:
    trials: list[Any] = field(default_factory=list)
    study: dict[str, Any] = field(default_factory=dict)
    optimize: dict[str, Any] = field(default_factory=dict)


@contextmanager
def _running(path: Path) -> Iterator[Ran]:
    """The script run as ``python path`` would run it, with a seeded random sampler and few
    trials; what it asked for is recorded."""
    import optuna

    ran = Ran()
    real_create, real_optimize = optuna.create_study, optuna.study.Study.optimize

    def create_study(*args: Any, **kwargs: Any) -> Any:
        ran.study = dict(kwargs)
        kwargs["sampler"] = optuna.samplers.RandomSampler(seed=7)
        kwargs.pop("storage", None)
        kwargs.pop("load_if_exists", None)
        return real_create(*args, **kwargs)

    def optimize(
        self: Any, func: Any, n_trials: Any = None, timeout: Any = None, **kw: Any
    ) -> None:
        ran.optimize = {"n_trials": n_trials, "timeout": timeout, **kw}
        real_optimize(self, func, n_trials=TRIALS, catch=(Exception,))
        ran.trials.extend(self.trials)

    saved_path, saved_cwd, saved_argv = list(sys.path), os.getcwd(), list(sys.argv)
    optuna.create_study = create_study  # type: ignore[assignment]
    optuna.study.Study.optimize = optimize  # type: ignore[method-assign]
    sys.path.insert(0, str(path.parent))
    sys.argv = [str(path)]
    os.chdir(path.parent)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # deprecated suggest calls, experimental samplers
            optuna.logging.set_verbosity(optuna.logging.ERROR)
            runpy.run_path(str(path), run_name="__main__")
        yield ran
    finally:
        optuna.create_study = real_create  # type: ignore[assignment]
        optuna.study.Study.optimize = real_optimize  # type: ignore[method-assign]
        sys.path[:], sys.argv[:] = saved_path, saved_argv
        os.chdir(saved_cwd)
        sys.modules.pop("tuning_settings", None)


def _suggested(entries: list[model.Entry], params: dict[str, Any]) -> dict[str, Any]:
    """The distributions a trial that made these choices suggests, by the spec's structure
    (a name suggested in several branches with other bounds has the bounds of its branch)."""
    found: dict[str, Any] = {}
    for entry in entries:
        if entry.is_group:
            found.update(_suggested(entry.entries, params))
        elif entry.suggestion is not None:
            label = entry.suggestion.label
            found[label] = entry.suggestion.distribution()
            for tag, body in entry.branches:
                if label in params and params[label] == tag and type(tag) is type(params[label]):
                    found.update(_suggested(body, params))
    return found


def _grid(ran: Ran) -> dict[str, list[Any]]:
    sampler = ran.study.get("sampler")
    return dict(sampler._search_space) if type(sampler).__name__ == "GridSampler" else {}


def test_the_readme_lists_every_fixture() -> None:
    scripts = {p.name for p in FOLDER.glob("*.py")} - {"tuning_settings.py"}
    assert scripts == set(EXPECTED)
    assert len(scripts) >= 15


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_spec_read_is_what_optuna_records(name: str) -> None:
    need("optuna")
    need("sklearn")
    path = FOLDER / name
    left_out = EXPECTED[name]
    result = convert_file(path, "spec")
    assert result.text is not None, result.diagnostics
    warned = [d for d in result.diagnostics if d.severity is not Severity.INFO]
    doc = load_text(result.text, str(path.with_suffix(".yaml")))
    read = to_distributions(doc)
    entries = model.plan(doc.data["param_space"])
    with _running(path) as ran:
        pass
    assert ran.trials, "the script ran no trial"
    grid = _grid(ran)
    recorded: set[str] = set()
    for trial in ran.trials:
        expected = _suggested(entries, trial.params)
        for label, dist in trial.distributions.items():
            recorded.add(label)
            if _left_out(label, left_out):
                assert label not in read
                continue
            if label in grid:  # GridSampler searches its grid: the spec's grid_search
                assert list(read[label].choices) == list(grid[label])
                assert all(dist._contains(dist.to_internal_repr(v)) for v in grid[label])
                continue
            assert expected.get(label) == dist, (label, expected.get(label), dist)
        kept = {n for n in trial.params if not _left_out(n, left_out)}
        if not left_out or not any("{" in p for p in left_out):
            assert set(expected) - set(left_out) == kept, trial.params
    # every name the README says is left out was named by a warning, and none other was
    for pattern in left_out:
        if any(_left_out(n, [pattern]) for n in recorded) or "{" not in pattern:
            assert any(pattern.split("{")[0] in d.message for d in warned), (pattern, warned)
    if not left_out:
        assert [d for d in warned if d.code == "X003"] == [], warned
    _settings(doc.data, ran)


def _settings(spec: dict[str, Any], ran: Ran) -> None:
    """The settings read are those the script passed, where they are known statically."""
    direction = ran.study.get("direction")
    if isinstance(direction, str):
        assert spec["mode"] == {"minimize": "min", "maximize": "max"}[direction]
    elif direction is None and "directions" not in ran.study:
        assert spec.get("mode") == "min"
    for key, setting in (("n_trials", "num_samples"), ("timeout", "time_budget_s")):
        value = ran.optimize.get(key)
        if value is not None and setting in spec:
            assert spec[setting] == value, (key, value, spec[setting])
    sampler = ran.study.get("sampler")
    if sampler is not None and type(sampler).__name__ != "GridSampler":
        assert spec["search_alg"]["sampler"] == type(sampler).__name__
    pruner = ran.study.get("pruner")
    if pruner is not None:
        kind = type(pruner).__name__
        mapped = next((k for k, (p, _) in model.PRUNERS.items() if p == kind), None)
        if mapped is not None:
            assert spec["scheduler"]["type"] == mapped
        else:
            assert spec["x-optuna"]["pruner"]["type"] == kind
