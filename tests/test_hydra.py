"""Hydra sweeper configs: the override grammar held to Hydra's own parser, the reader, the writer
(spec -> Hydra -> spec), and real Hydra multiruns over written configs."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest
import strategies
from conftest import write
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap

from sweepspec.check import check_file
from sweepspec.cli import main
from sweepspec.convert import convert_file, convert_text
from sweepspec.diagnostics import Severity
from sweepspec.formats import hydra_grammar as grammar
from sweepspec.loader import load_text
from sweepspec.meaning import plain
from sweepspec.yamlio import dump

ROOT = Path(__file__).resolve().parent.parent
HYDRA = ROOT / "docs" / "examples" / "hydra"


# --- the grammar, against Hydra's own parser ---------------------------------------------------


def _ours(text: str) -> Any:
    try:
        return _canonical(grammar.evaluate(grammar.parse(text)))
    except (grammar.HydraSyntaxError, grammar.HydraEvalError):
        return "error"


def _theirs(text: str) -> Any:
    from hydra.core.override_parser.overrides_parser import OverridesParser
    from hydra.errors import HydraException

    try:
        value = OverridesParser.create().parse_override(f"key={text}")._value
    except HydraException:
        return "error"
    return _canonical(value)


def _canonical(value: Any) -> Any:
    """Hydra's values and ours in one form (their classes differ, their fields do not)."""
    name = type(value).__name__
    if name in ("QuotedString", "Quoted"):
        return ("quoted", value.text)
    if name == "ChoiceSweep":
        items = value.list if hasattr(value, "list") else value.items
        simple = value.simple_form if hasattr(value, "simple_form") else value.simple
        return ("choice", [_canonical(i) for i in items], simple, value.shuffle, sorted(value.tags))
    if name == "RangeSweep":
        parts = (value.start, value.stop, value.step)
        return ("range", *map(_canonical, parts), value.shuffle, sorted(value.tags))
    if name == "IntervalSweep":
        return ("interval", _canonical(value.start), _canonical(value.end), sorted(value.tags))
    if name in ("Glob", "GlobSweep"):
        return ("glob", _canonical(value.include), _canonical(value.exclude))
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {repr(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


_blank = st.sampled_from(["", "", " ", "  ", "\t"])
_atoms = st.one_of(
    st.integers(-1000, 1000).map(str),
    st.sampled_from(["1_000", "+7", "-0", "007"]),
    st.sampled_from(["0.5", ".5", "1.", "1e-5", "-2.5E3", "1_0.5", "inf", "-INF", "nan", "1e"]),
    st.floats(-1e6, 1e6, allow_nan=False).map(repr),
    st.sampled_from(["true", "False", "TRUE", "null", "NULL", "None"]),
    st.from_regex(r"[a-zA-Z_][a-zA-Z0-9_\-]{0,6}", fullmatch=True),
    st.from_regex(r"[a-z/\-+.$%*@?|:]{1,6}", fullmatch=True),
    st.text(alphabet="ab '\"\\,", max_size=6).map(lambda t: "'" + t.replace("'", "\\'") + "'"),
    st.text(alphabet='ab "\\', max_size=6).map(lambda t: '"' + t + '"'),
    st.sampled_from([r"a\,b", r"\(x\)", r"x\ y", r"c\:d", "${a.b}", "${oc.env:USER,me}"]),
)
_functions = st.sampled_from(
    [
        *("choice", "range", "interval", "tag", "sort", "shuffle"),
        *("int", "float", "str", "bool", "glob", "foo"),
    ]
)
_keywords = st.sampled_from(["", "", "", "sweep=", "list=", "reverse=", "value=", "step="])


def _expressions(depth: int = 2) -> st.SearchStrategy[str]:
    if depth == 0:
        return _atoms
    inner = st.deferred(lambda: _expressions(depth - 1))
    pieces = st.lists(st.tuples(_blank, inner, _blank), max_size=4)

    def joined(items: list[tuple[str, str, str]], keywords: list[str] | None = None) -> str:
        names = keywords or [""] * len(items)
        return ",".join(f"{a}{k}{x}{b}" for (a, x, b), k in zip(items, names, strict=False))

    calls = st.builds(
        lambda name, gap, items, keys: f"{name}{gap}({joined(items, keys)})",
        _functions,
        _blank,
        pieces,
        st.lists(_keywords, max_size=4),
    )
    lists = pieces.map(lambda items: f"[{joined(items)}]")
    dicts = st.lists(st.tuples(_atoms, _blank, inner), max_size=3).map(
        lambda items: "{" + ",".join(f"{k}:{g}{v}" for k, g, v in items) + "}"
    )
    return st.one_of(_atoms, calls, lists, dicts)


_values = st.one_of(
    _expressions(),
    st.lists(_expressions(1), min_size=2, max_size=4).map(",".join),
    st.text(alphabet="(),[]{}:= ab1.'\"\\$-", max_size=12),
)


@strategies.LAWS
@given(text=_values)
def test_the_grammar_reads_every_expression_as_hydra_does(text: str) -> None:
    pytest.importorskip("hydra", reason="hydra-core (in the test extras) checks the grammar")
    ours, theirs = _ours(text), _theirs(text)
    if "shuffle" in text:  # shuffle([...]) gives its items in a random order
        ours, theirs = _unordered(ours), _unordered(theirs)
    assert ours == theirs, text


def _unordered(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return sorted(repr(_unordered(v)) for v in value)
    if isinstance(value, dict):
        return {k: _unordered(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("choice(1, 2", (11, 12)),  # the end: `)` should follow
        ("interval(0.1; 1)", (12, 13)),
        ("chioce(1, 2)", (0, 12)),  # an unknown function: the whole call
        ("tag(log, interval(1, 2), 3)", (0, 27)),
    ],
)
def test_a_mistake_is_placed_on_its_characters(text: str, expected: tuple[int, int]) -> None:
    with pytest.raises((grammar.HydraSyntaxError, grammar.HydraEvalError)) as raised:
        grammar.evaluate(grammar.parse(text))
    exc = raised.value
    node = exc.node if isinstance(exc, grammar.HydraEvalError) else exc
    assert (node.start, node.end) == expected


# --- reading -----------------------------------------------------------------------------------


def check_text_(text: str) -> list[Any]:
    from sweepspec.check import check_text

    return check_text(text, "config.yaml")


def _spec(path: Path) -> tuple[dict[str, Any], list[Any]]:
    result = convert_file(path, "spec", best_effort=True)
    assert result.text is not None, result.diagnostics
    return plain(load_text(result.text).data), result.diagnostics


def test_every_optuna_sweeper_form_reads_as_the_plugin_samples_it() -> None:
    """hydra-optuna-sweeper 1.3 `_impl.create_optuna_distribution_from_override`: `range` with
    integers includes its stop, with floats it is a stepped uniform; `int(interval(...))` has
    both bounds; `shuffle(range(...))` is a categorical of the range's values (stop left out)."""
    spec, found = _spec(HYDRA / "optuna_every_form.yaml")
    space = spec["param_space"]
    assert space["optimizer"] == {
        "momentum": {"uniform": [0.8, 0.99]},
        "weight_decay": {"uniform": [1e-05, 0.1]},
        "lr": {"loguniform": [1e-05, 0.1]},
    }
    assert space["model"]["depth"] == {"uniformint": [2, 8]}
    assert space["model"]["width"] == {"lograndint": [16, 513]}
    assert space["model"]["dropout"] == {"quniform": [0.0, 0.5, 0.1]}
    assert space["data"]["num_workers"] == {"uniformint": [0, 8]}
    assert space["data"]["batch_size"] == {"qrandint": [32, 256, 32]}
    assert space["data"]["augment"] == {"choice": ["none", "light", "heavy"]}
    assert space["data"]["split_version"] == "1"  # quoted in Hydra: a string
    assert space["seed"] == {"choice": [0, 1, 2, 3, 4]}
    assert space["model"]["pooling"] == {"choice": ["avg", "max"]}
    assert space["trainer"] == {"max_epochs": 10}
    assert space["logger"] == {"notes": "with space"}
    assert (spec["mode"], spec["num_samples"], spec["max_concurrent_trials"]) == ("min", 60, 4)
    assert spec["search_alg"] == {
        "type": "optuna",
        "sampler": "RandomSampler",
        "seed": 42,
        "study_name": "cifar10-random-baseline",
    }
    # the task's own config, and what the spec has no key for, is carried as it is
    assert spec["x-hydra"]["optimizer"] == {"lr": 0.01, "momentum": 0.9, "weight_decay": 5e-4}
    assert spec["x-hydra"]["hydra"] == {"sweeper": {"storage": None}}
    assert not [d for d in found if d.severity is Severity.ERROR]


def test_the_basic_sweeper_reads_as_the_grid_hydra_enumerates() -> None:
    """Each grid is what Hydra's own parser enumerates for the expression (`sweep_iterator`):
    `range` leaves its stop out, float ranges step in decimals."""
    pytest.importorskip("hydra", reason="hydra-core (in the test extras) enumerates the sweeps")
    from hydra.core.override_parser.overrides_parser import OverridesParser

    spec, _ = _spec(HYDRA / "basic_grid.yaml")
    params = load_text((HYDRA / "basic_grid.yaml").read_text()).data["hydra"]["sweeper"]["params"]
    parser = OverridesParser.create()
    for key, text in params.items():
        override = parser.parse_override(f"{key}={text}")
        ours = spec["param_space"][key]
        if override.is_sweep_override():
            values = sorted(override.sweep_iterator(), key=repr)
            assert sorted(ours["grid_search"], key=repr) == values, key
        else:
            assert ours == override.value(), key
    assert spec["param_space"]["dropout"] == {"grid_search": [0.1, 0.2, 0.30000000000000004, 0.4]}


def test_mistakes_are_named_at_their_characters() -> None:
    found = check_file(HYDRA / "mistakes.yaml")
    text = (HYDRA / "mistakes.yaml").read_text().splitlines()
    at = {(d.line, d.code): text[d.line - 1][d.span.column - 1 :] for d in found}
    assert at[(23, "X003")].startswith("chioce(1, 2)")
    assert at[(27, "X003")] == ""  # the end of `interval(0.1, 1`: `)` should follow
    assert at[(31, "V003")].startswith("tag(log, interval(0, 0.01))")
    assert at[(42, "X003")].startswith("glob(*)")
    assert at[(47, "X003")].startswith("5)")  # the positional argument after `start=1`
    assert (53, "X003") in at  # a YAML mapping
    assert (61, "X004") in at  # an interpolation resolved once
    assert {d.line for d in found} == {23, 27, 31, 42, 47, 53, 61}
    # the choice of lists runs (the plugin encodes each list as its text)
    spec, _ = _spec(HYDRA / "mistakes.yaml")
    assert spec["param_space"]["model"]["hidden_dims"] == {"choice": [[64, 64], [128, 128, 128]]}
    assert spec["param_space"]["scheduler"] == {"t_max": 10}


def test_a_basic_sweeper_interval_and_other_sweepers_are_refused_at_their_lines() -> None:
    (interval,) = check_file(HYDRA / "basic_interval.yaml")
    assert (interval.code, interval.severity) == ("X003", Severity.ERROR)
    assert "interval" in interval.message
    (other,) = check_file(HYDRA / "nevergrad.yaml")
    assert "nevergrad" in other.message
    spec, _ = _spec(HYDRA / "nevergrad.yaml")
    assert spec["x-hydra"]["hydra"]["sweeper"]["optim"]["optimizer"] == "NGOpt"


def test_glob_reads_the_config_group_beside_the_file() -> None:
    spec, _ = _spec(HYDRA / "config_groups" / "config.yaml")
    assert spec["param_space"]["db"] == {"grid_search": ["mysql", "postgresql", "sqlite"]}
    assert spec["param_space"]["db@replica"] == {"grid_search": ["mysql", "postgresql"]}


# --- writing -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["sweep.yaml", "grid.yaml"])
def test_a_spec_hydra_can_hold_comes_back_byte_identical(tmp_path: Path, name: str) -> None:
    result = convert_file(HYDRA / name, "hydra")
    assert result.text is not None
    assert not [d for d in result.diagnostics if d.code == "X001"]
    back = convert_file(write(tmp_path, "config.yaml", result.text), "spec")
    assert back.text == (HYDRA / name).read_text()


def test_writing_into_a_hydra_config_changes_only_what_the_spec_changed(tmp_path: Path) -> None:
    """`convert --into`: the rest of the file (defaults, the task's config, other sweeper keys,
    comments, quotes, blank lines) stays as it was; an expression that means what the spec says
    keeps its text; an edited parameter is the one line that changes."""
    original = (HYDRA / "optuna_lightning.yaml").read_text()
    target = write(tmp_path, "mnist_optuna.yaml", original)
    spec = convert_file(target, "spec").text
    assert spec is not None
    unchanged = write(tmp_path, "spec.yaml", spec)
    assert main(["convert", str(unchanged), "--to", "hydra", "--into", str(target)]) == 0
    assert target.read_text() == original
    edited = spec.replace("lr: {uniform: [0.0001, 0.1]}", "lr: {loguniform: [0.0001, 0.1]}")
    assert edited != spec
    write(tmp_path, "spec.yaml", edited)
    assert main(["convert", str(unchanged), "--to", "hydra", "--into", str(target)]) == 0
    before, after = original.splitlines(), target.read_text().splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [
        (
            "      model.optimizer.lr: interval(0.0001, 0.1)",
            "      model.optimizer.lr: tag(log, interval(0.0001, 0.1))",
        )
    ]


BUNDLED = [
    *sorted((ROOT / "docs" / "examples" / "spec").glob("*.yaml")),
    *sorted((ROOT / "docs" / "examples" / "run").glob("*.yaml")),
    HYDRA / "sweep.yaml",
    HYDRA / "grid.yaml",
]


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_what_does_not_come_back_is_named(tmp_path: Path, path: Path) -> None:
    result = convert_file(path, "hydra")
    assert result.text is not None
    back = convert_file(write(tmp_path, "config.yaml", result.text), "spec", best_effort=True)
    assert back.text is not None
    from sweepspec.losses import lost_paths

    original = plain(load_text(path.read_text()).data)
    lost = lost_paths(original, plain(load_text(back.text).data))
    named = {tuple(d.path) for d in result.diagnostics if d.code == "X001"}
    # every loss has a finding at it or at a node that holds it, and no finding is of nothing
    assert all(any(p[: len(n)] == n for n in named) for p in lost), (lost, named)
    assert bool(lost) == bool(named)


# --- random specs in each sweeper's subset ----------------------------------------------------

_key = strategies.names.filter(lambda n: n not in ("value",))
_hydra_scalars = st.one_of(
    st.integers(-1000, 1000),
    strategies.names,
    st.booleans(),
    st.floats(-1e6, 1e6, allow_nan=False),
    strategies.texts,
)


@st.composite
def _optuna_distribution(draw: st.DrawFn) -> Any:
    name = draw(
        st.sampled_from(
            ["uniform", "loguniform", "uniformint", "lograndint", "qrandint", "quniform", "choice"]
        )
    )
    if name == "choice":
        return strategies.dist("choice", *draw(st.lists(_hydra_scalars, min_size=1, max_size=4)))
    if name == "uniform":
        low = draw(st.floats(-1e6, 1e6))
        return strategies.dist(name, low, low + draw(st.floats(1e-3, 1e6)))
    if name == "loguniform":
        low = draw(st.floats(1e-8, 1e3))
        return strategies.dist(name, low, low * draw(st.floats(1.01, 1e6)))
    if name == "quniform":
        low, q = draw(st.integers(-100, 100)), draw(st.sampled_from([0.5, 0.25, 1.0, 2.0]))
        return strategies.dist(name, low * q, (low + draw(st.integers(1, 100))) * q, q)
    low = draw(st.integers(1 if name == "lograndint" else -1000, 1000))
    if name == "qrandint":
        step = draw(st.integers(2, 50))
        return strategies.dist(name, low, low + step * draw(st.integers(1, 20)), step)
    return strategies.dist(name, low, low + draw(st.integers(2, 1000)))


def _hydra_space(parameter: st.SearchStrategy[Any], depth: int = 0) -> st.SearchStrategy[Any]:
    inner = [parameter, _hydra_scalars]
    if depth < 1:
        inner.append(st.deferred(lambda: _hydra_space(parameter, depth + 1)))
    return st.dictionaries(_key, st.one_of(inner), min_size=1, max_size=4).map(
        lambda d: CommentedMap(d.items())
    )


@st.composite
def hydra_optuna_specs(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {"sweepspec": 1, "metric": "value"}
    out["mode"] = draw(st.sampled_from(["min", "max"]))
    out["num_samples"] = draw(st.integers(1, 1000))
    if draw(st.booleans()):
        out["max_concurrent_trials"] = draw(st.integers(1, 8))
    search = strategies.flow_map(("type", "optuna"))
    search["sampler"] = draw(
        st.sampled_from(["TPESampler", "RandomSampler", "CmaEsSampler", "NSGAIISampler"])
    )
    if draw(st.booleans()):
        search["seed"] = draw(st.integers(0, 2**31))
    if draw(st.booleans()):
        search["study_name"] = draw(strategies.names)
    out["search_alg"] = search
    out["param_space"] = draw(_hydra_space(_optuna_distribution()))
    return out


@st.composite
def hydra_grid_specs(draw: st.DrawFn) -> dict[str, Any]:
    grid = st.lists(_hydra_scalars | st.none(), min_size=2, max_size=4).map(
        lambda v: strategies.dist("grid_search", *v)
    )
    space = draw(_hydra_space(grid))
    if not any(isinstance(v, dict) and "grid_search" in v for _, v in _flat(space)):
        space["grid"] = strategies.dist("grid_search", 1, 2)
    return {"sweepspec": 1, "param_space": space}


def _flat(space: Any, prefix: str = "") -> list[tuple[str, Any]]:
    from sweepspec.formats.hydra import _flat as flat

    return flat(space, prefix)


@strategies.LAWS
@given(spec=hydra_optuna_specs() | hydra_grid_specs())
def test_spec_to_hydra_to_spec_is_byte_identical(spec: dict[str, Any]) -> None:
    strategies.assert_round_trip(spec, "hydra", "config.yaml")


# --- real Hydra multiruns over written configs ---------------------------------------------------

APP = """\
import json
import os

import hydra
from omegaconf import OmegaConf


@hydra.main(version_base=None, config_path=".", config_name="config")
def main(cfg):
    values = OmegaConf.to_container(cfg, resolve=True)
    with open(os.environ["SWEEP_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps(values) + "\\n")
    return float(len(json.dumps(values)))  # a number for the Optuna sweeper to minimise


if __name__ == "__main__":
    main()
"""


def _base_config(space: Any) -> dict[str, Any]:
    """A task config that has every key the spec sweeps (Hydra refuses to override a key the
    config lacks), with values the sweep replaces."""
    from sweepspec.space import group_body

    out: dict[str, Any] = {}
    for key, value in space.items():
        body = group_body(value)
        out[key] = _base_config(body) if body is not None and len(body) else "unset"
    return out


def _multirun(python: str, spec_path: Path, tmp: Path) -> tuple[dict[str, Any], list[Any]]:
    """Write the spec into a task's config (`convert --into`), run the task with Hydra's
    `--multirun`, and return the spec and the configs the jobs got."""
    import json
    import subprocess

    spec = plain(load_text(spec_path.read_text()).data)
    config = write(tmp, "config.yaml", dump(_base_config(spec["param_space"])))
    write(tmp, "app.py", APP)
    assert main(["convert", str(spec_path), "--to", "hydra", "--into", str(config)]) in (0, 1)
    log = tmp / "sweep.jsonl"
    env = {**__import__("os").environ, "SWEEP_LOG": str(log), "HYDRA_FULL_ERROR": "1"}
    done = subprocess.run(
        [python, "app.py", "--multirun", f"hydra.sweep.dir={tmp / 'multirun'}"],
        check=False,
        cwd=tmp,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return spec, [json.loads(line) for line in log.read_text().splitlines()]


def _leaves(config: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in config.items():
        if isinstance(value, dict):
            out.update(_leaves(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


@pytest.mark.tool
def test_hydras_basic_sweeper_runs_the_specs_grid(tmp_path: Path) -> None:
    """The written config, run by Hydra 1.3's basic sweeper: one job per combination of the
    spec's grids, each with the spec's constants."""
    pytest.importorskip("hydra", reason="hydra-core (in the test extras) runs the multirun")
    import itertools
    import sys

    spec, jobs = _multirun(sys.executable, HYDRA / "grid.yaml", tmp_path)
    flat = _flat(spec["param_space"])
    grids = {k: v["grid_search"] for k, v in flat if isinstance(v, dict) and "grid_search" in v}
    expected = {
        tuple(zip(grids, combination, strict=True))
        for combination in itertools.product(*grids.values())
    }
    seen = [tuple((k, _leaves(job)[k]) for k in grids) for job in jobs]
    assert len(seen) == len(expected) == 12
    assert set(seen) == expected
    assert all(job["verbose"] is False for job in jobs)


@pytest.fixture(scope="session")
def optuna_sweeper(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A Python with Hydra and hydra-optuna-sweeper 1.3.0, in an environment of its own: the
    plugin requires optuna<3, and sweepspec's Optuna format is tested on Optuna 5, so they
    cannot share one. Skipped, with pip's reason, where the package index is unreachable."""
    import subprocess
    import venv

    where = tmp_path_factory.mktemp("hydra-optuna")
    venv.EnvBuilder(with_pip=True).create(where)
    python = str(where / "bin" / "python")
    done = subprocess.run(
        [
            python,
            "-m",
            "pip",
            "install",
            "-q",
            "hydra-core>=1.3,<1.4",
            "hydra-optuna-sweeper==1.3.0",
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot install hydra-optuna-sweeper: {done.stderr.strip()[-500:]}")
    return python


@pytest.mark.tool
@pytest.mark.slow
def test_hydras_optuna_sweeper_samples_inside_the_specs_support(
    tmp_path: Path, optuna_sweeper: str
) -> None:
    """The written config, run by the real Optuna sweeper plugin: `n_trials` jobs, each value
    inside the support of the spec's distribution (`range` and `int(interval(...))` include
    their stop where the spec's bound does; log-scaled integers stay below `lograndint`'s
    excluded bound), and the constants as the spec has them."""
    from test_sample import _inside

    spec, jobs = _multirun(optuna_sweeper, HYDRA / "sweep.yaml", tmp_path)
    assert len(jobs) == spec["num_samples"]
    params = dict(_flat(spec["param_space"]))
    for job in jobs:
        values = _leaves(job)
        for key, entry in params.items():
            assert _inside(entry, values[key]), (key, entry, values[key])
    # the sampler searched: more than one value of each sampled parameter
    for key, entry in params.items():
        if isinstance(entry, dict):
            assert len({repr(_leaves(job)[key]) for job in jobs}) > 1, key


_param_keys = st.one_of(
    strategies.names, st.sampled_from(["a.b", "model.lr", "+x", "db@r", "a/b", "x.y.z", "x"])
)


@strategies.LAWS
@given(
    params=st.dictionaries(
        _param_keys,
        st.one_of(_values, st.integers(), st.floats(), st.booleans(), st.none()),
        min_size=1,
        max_size=5,
    ),
    optuna=st.booleans(),
    extra=st.sampled_from(["", "n_trials: x", "direction: [minimize]", "n_jobs: -1"]),
)
def test_any_hydra_config_is_read_or_refused_at_a_place_without_a_traceback(
    params: dict[str, Any], optuna: bool, extra: str
) -> None:
    """Whatever `params` holds (expressions Hydra accepts or not, YAML values of every type),
    `check` and `convert` answer with findings, and a spec read from it writes back."""
    doc: dict[str, Any] = {"hydra": {"sweeper": {"params": params}}}
    if optuna:
        doc["defaults"] = ["_self_", {"override hydra/sweeper": "optuna"}]
    text = dump(doc)
    if extra and optuna:
        text = text.replace("  sweeper:\n", f"  sweeper:\n    {extra}\n", 1)
    from sweepspec.check import check_text

    for found in check_text(text, "c.yaml"):
        assert 1 <= found.line <= text.count("\n") + 1, found
    spec = convert_text(text, "spec", "c.yaml", best_effort=True)
    assert spec.text is not None
    back = convert_text(spec.text, "hydra", "s.yaml")
    errors = [d for d in back.diagnostics if d.severity is Severity.ERROR]
    assert (back.text is None) == bool(errors), back.diagnostics


def test_a_glob_that_picks_the_specs_options_keeps_its_text(tmp_path: Path) -> None:
    """`--into` a config whose `glob(*)` picks what the spec's grid holds: the file stays as it
    was, `glob(*)`, `glob(*, exclude=sqlite)` and all."""
    import shutil

    folder = tmp_path / "conf"
    shutil.copytree(HYDRA / "config_groups", folder)
    config = folder / "config.yaml"
    original = config.read_text()
    spec = convert_file(config, "spec").text
    assert spec is not None and "grid_search: [mysql, postgresql, sqlite]" in spec
    path = write(tmp_path, "spec.yaml", spec)
    assert main(["convert", str(path), "--to", "hydra", "--into", str(config)]) == 0
    assert config.read_text() == original


def test_a_tag_the_sweeper_does_not_read_is_named() -> None:
    """The Optuna sweeper reads `log` on an interval only: on a range it changes nothing, and
    the reader says so at the tag rather than dropping the author's `log` without a word."""
    text = (
        "defaults:\n  - override hydra/sweeper: optuna\nhydra:\n  sweeper:\n    params:\n"
        "      a: tag(log, range(1, 100))\n      b: tag(log, interval(0.001, 1))\n"
    )
    found = [d for d in check_text_(text) if d.code == "X004"]
    assert [(d.line, "['log']" in d.message) for d in found] == [(6, True)]


def test_a_carried_sweeper_target_follows_the_sweeper_the_spec_needs(tmp_path: Path) -> None:
    spec = convert_file(HYDRA / "optuna_lightning.yaml", "spec").text
    assert spec is not None
    # the same file, its space made a grid: the basic sweeper, and no Optuna target left behind
    grid = re.sub(
        r"param_space:\n(.|\n)*", "param_space:\n  lr: {grid_search: [0.1, 0.01]}\n", spec
    )
    grid = re.sub(r"search_alg: .*\n", "", grid)
    written = convert_text(grid, "hydra", "s.yaml", best_effort=True).text
    assert written is not None
    sweeper = load_text(written).data["hydra"]["sweeper"]
    assert sweeper["_target_"] == "hydra._internal.core_plugins.basic_sweeper.BasicSweeper"
    assert "override /hydra/sweeper: optuna" not in written
