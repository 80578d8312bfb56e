"""Ray Tune Python source -> spec: parsed, never run, comments kept, checked against Ray itself."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, write

from sweepspec.convert import convert_file
from sweepspec.formats.tune_source import read
from sweepspec.loader import load_text
from sweepspec.meaning import plain

TUNE = EXAMPLES / "tune"


def test_the_bundled_tuner_script_reads_as_its_spec() -> None:
    result = convert_file(TUNE / "tuner.py", "spec")
    assert [d.code for d in result.diagnostics] == []
    assert result.text == (TUNE / "tuner.yaml").read_text(encoding="utf-8")


def test_the_space_read_unrun_is_the_space_ray_builds_when_run(tune: Any) -> None:
    from sweepspec.formats.tune import from_tune

    source = (TUNE / "tuner.py").read_text(encoding="utf-8")
    (assign,) = [
        s
        for s in ast.parse(source).body
        if isinstance(s, ast.Assign) and getattr(s.targets[0], "id", "") == "search_space"
    ]
    # The test, not sweepspec, evaluates the literal, to have Ray's own objects as the oracle.
    live: Any = eval(ast.unparse(assign.value), {"tune": tune})
    read_back = read(source, "tuner.py")
    assert read_back.data is not None
    assert plain(read_back.data["param_space"]) == plain(from_tune(live).data["param_space"])


def test_a_module_is_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    source = (
        f"from ray import tune\nopen({str(marker)!r}, 'w').close()\n"
        "config = {'x': tune.uniform(0, 1)}\ntune.run('train.py', config=config, num_samples=3)\n"
    )
    result = convert_file(write(tmp_path, "sweep.py", source), "spec")
    assert not marker.exists()
    assert result.text is not None
    assert plain(load_text(result.text).data) == {
        "sweepspec": 1,
        "program": "train.py",
        "num_samples": 3,
        "param_space": {"x": {"uniform": [0, 1]}},
    }


@pytest.mark.parametrize(
    ("body", "line", "column", "message"),
    [
        (
            "config = {\n    'x': tune.sample_from(lambda spec: 1),\n}\n",
            3,
            10,
            "`tune.sample_from` runs code; the spec cannot express it",
        ),
        ("config = {'x': tune.randint(1)}\n", 2, 16, "missing argument `upper`"),
        ("x = 1\n", 1, 1, "no Ray Tune space found"),
        ("config = {'x': tune.uniform(0, 1)\n", 2, 10, "Python syntax error"),
    ],
)
def test_what_cannot_be_read_is_located_in_the_source(
    tmp_path: Path, body: str, line: int, column: int, message: str
) -> None:
    path = write(tmp_path, "sweep.py", "from ray import tune\n" + body)
    result = convert_file(path, "spec")
    assert result.text is None
    # the entry where it cannot be read (and, a space with no entry left being none, the space)
    assert {d.code for d in result.diagnostics} == {"X003"}
    (found,) = [d for d in result.diagnostics if message in d.message]
    assert (found.file, found.line, found.column) == (str(path), line, column)


def test_imports_by_name_and_aliases_are_followed() -> None:
    source = (
        "import ray.tune as rt\nfrom ray.tune import choice, grid_search as grid\n"
        "from ray.tune.schedulers import HyperBandScheduler\n"
        "param_space = {'a': rt.randn(0.0, 2.0), 'b': choice(['x', 'y']), 'c': grid([1, 2])}\n"
        "tuner = rt.Tuner('train.py', param_space=param_space,\n"
        "    tune_config=rt.TuneConfig(scheduler=HyperBandScheduler(max_t=27), mode='max'))\n"
    )
    result = read(source)
    assert result.data is not None
    assert plain(result.data) == {
        "sweepspec": 1,
        "program": "train.py",
        "mode": "max",
        "scheduler": {"type": "hyperband", "max_t": 27},
        "param_space": {
            "a": {"normal": [0.0, 2.0]},
            "b": {"choice": ["x", "y"]},
            "c": {"grid_search": [1, 2]},
        },
    }


def test_losses_converting_a_script_are_located_in_the_script() -> None:
    result = convert_file(TUNE / "tuner.py", "wandb")
    assert result.text is not None
    source = (TUNE / "tuner.py").read_text(encoding="utf-8").splitlines()
    located = {(d.line, d.column): d.message for d in result.diagnostics}
    # each loss sits on the script's own text for what is lost
    for (line, column), message in located.items():
        at = source[line - 1][column - 1 :]
        if "qrandint" in message:
            assert at.startswith("tune.qrandint(32, 512, 32)")
        elif "ASHA" in message:
            assert at.startswith("ASHAScheduler(")
        elif "per-trial stopping" in message:  # the `stop` dict, or its entry
            assert at.startswith(('{"training_iteration": 10}', "10}"))
    assert any("qrandint" in m for m in located.values())
    assert any("ASHA" in m for m in located.values())
    assert any("per-trial stopping" in m for m in located.values())


def test_the_argument_table_matches_ray_and_the_distribution_table(tune: Any) -> None:
    from sweepspec.formats.tune import TUNE_FUNCTIONS
    from sweepspec.formats.tune_source import ARGUMENTS

    assert set(ARGUMENTS) == set(TUNE_FUNCTIONS.values())
    import inspect

    for function, arguments in ARGUMENTS.items():
        parameters = inspect.signature(getattr(tune, function)).parameters
        assert [name for name, _ in arguments] == list(parameters)[: len(arguments)], function
        for name, default in arguments:
            ray_default = parameters[name].default
            assert default == (None if ray_default is inspect.Parameter.empty else ray_default)


# --- forms found in users' scripts (tests/data/harvest/tune/) -----------------------------------

HARVEST = Path(__file__).parent / "data" / "harvest" / "tune"


def _spec(result: Any) -> Any:
    assert result.text is not None, result.diagnostics
    return plain(load_text(result.text).data)


def test_a_dict_literal_grid_search_is_the_grid_ray_runs(tune: Any) -> None:
    from ray.tune.search.variant_generator import _unresolved_values

    from sweepspec.formats.tune import from_tune

    path = HARVEST / "dict_grid_search.py"
    result = convert_file(path, "spec")
    # was: `lr: {constant: {grid_search: [0.1, 0.01]}}`, exit 0, without a word
    assert result.diagnostics == []
    (assign,) = [
        s
        for s in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(s, ast.Assign) and ast.unparse(s.targets[0]) == "config"
    ]
    live: Any = eval(ast.unparse(assign.value), {"tune": tune})
    assert set(_unresolved_values(live)) == {("lr",), ("layers",)}  # Ray searches both
    assert _spec(result)["param_space"] == plain(from_tune(live).data["param_space"])
    # the comment on the entry stays on it
    assert "lr: {grid_search: [0.1, 0.01]}   # same object" in str(result.text)


def test_other_dict_forms_ray_reads_are_read_so_or_named() -> None:
    path = HARVEST / "dict_other_forms.py"
    result = convert_file(path, "spec")
    found = {(d.code, d.severity.name, d.line, d.column) for d in result.diagnostics}
    # a grid_search beside other keys is a group for Ray: read so, and said; `eval` is code
    assert found == {("V014", "WARNING", 10, 11), ("X003", "WARNING", 12, 13)}
    assert _spec(result)["param_space"] == {
        "lr": {"grid_search": [0.1, 0.01], "note": "fixed"},
        "layers": {"grid_search": [2, 4]},
    }


@pytest.mark.parametrize(
    ("name", "program", "resources"),
    [
        # was: the trainable and its resources gone without a word (only inline they came)
        ("with_resources_by_name.py", "with_resources_by_name:train_fn", {"cpu": 12, "gpu": 1}),
        # a plain alias, wrapped by name in turn
        ("trainable_alias.py", "trainable_alias:train_fn", {"cpu": 2}),
    ],
)
def test_a_trainable_given_by_name_is_followed(
    name: str, program: str, resources: dict[str, int]
) -> None:
    result = convert_file(HARVEST / name, "spec")
    assert result.diagnostics == []
    spec = _spec(result)
    assert (spec["program"], spec["resources_per_trial"]) == (program, resources)


def test_a_copy_of_a_space_keeps_its_comments() -> None:
    result = convert_file(HARVEST / "copy_keeps_comments.py", "spec")
    assert result.diagnostics == []
    # was: `space = base.copy()` read without one comment (`space = base` kept them)
    assert result.text == (
        "sweepspec: 1\n"
        "program: copy_keeps_comments:train\n"
        "param_space:\n"
        "  lr: {loguniform: [1e-4, 1e-1]}  # learning rate\n"
        '  # "epochs": 1,  # debug\n'
        "  epochs: 15  # default\n"
    )


LR = {"loguniform": [1e-5, 1e-4]}
GAMMA = {"choice": [0.9, 0.99]}


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("copy", {"lr": LR, "gamma": GAMMA}),
        ("unpack", {"lr": LR, "gamma": GAMMA}),
        ("keywords", {"lr": LR, "gamma": 0.95, "layers": {"randint": [1, 4]}}),
        ("merge", {"lr": LR, "gamma": GAMMA, "batch": {"choice": [32, 64]}}),
        ("pairs", {"lr": {"uniform": [0, 1]}, "momentum": 0.9}),
    ],
)
def test_dict_calls_read_as_python_builds_them(form: str, expected: dict[str, Any]) -> None:
    # was: refused, `cannot read the call dict(...)`, though `{**base}` read
    result = convert_file(HARVEST / f"dict_call_{form}.py", "spec")
    assert result.diagnostics == []
    assert _spec(result)["param_space"] == expected
    if "lr" in expected and expected["lr"] == LR:
        assert "# learning rate" in str(result.text)  # the copy keeps the entry's comment


@pytest.mark.parametrize(
    ("name", "found"),
    [
        # was: S008 on sweepspec's own `stop: {}`, and nothing written
        ("stop_known_at_run_time.py", {("X003", "WARNING", 10, 80)}),
        (
            "stop_empty_resources_at_run_time.py",
            {("X001", "INFO", 10, 57), ("X003", "WARNING", 10, 89)},
        ),
    ],
)
def test_a_block_emptied_or_written_empty_is_left_out(
    name: str, found: set[tuple[str, str, int, int]]
) -> None:
    result = convert_file(HARVEST / name, "spec")
    assert {(d.code, d.severity.name, d.line, d.column) for d in result.diagnostics} == found
    spec = _spec(result)
    assert "stop" not in spec and "resources_per_trial" not in spec
    assert spec["param_space"] == {"lr": {"uniform": [0, 1]}}
