"""Ray Tune Python source -> spec: parsed, never run, comments kept, checked against Ray itself."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, write

from sweepspec import vocabulary
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
    ("call", "expected"),
    [
        ("dict(base)", {"lr": LR, "gamma": GAMMA}),
        ("dict(**base)", {"lr": LR, "gamma": GAMMA}),
        (
            "dict(base, gamma=0.95, layers=tune.randint(1, 4))",
            {"lr": LR, "gamma": 0.95, "layers": {"randint": [1, 4]}},
        ),
        ("dict(base, **extra)", {"lr": LR, "gamma": GAMMA, "batch": {"choice": [32, 64]}}),
        (
            'dict([("lr", tune.uniform(0, 1)), ("momentum", 0.9)])',
            {"lr": {"uniform": [0, 1]}, "momentum": 0.9},
        ),
    ],
)
def test_dict_calls_read_as_python_builds_them(
    tmp_path: Path, call: str, expected: dict[str, Any]
) -> None:
    # was: refused, `cannot read the call dict(...)`, though `{**base}` read
    source = (HARVEST / "dict_call.py").read_text(encoding="utf-8")
    assert "search_space = dict(base)\n" in source
    path = write(tmp_path, "sweep.py", source.replace("dict(base)\n", f"{call}\n"))
    result = convert_file(path, "spec")
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


def test_a_seeded_optuna_sampler_is_carried_with_metric_and_mode() -> None:
    result = convert_file(HARVEST / "optuna_sampler_seeded.py", "spec")
    # was: X001 "cannot read the call `TPESampler(...)`", and no metric, no mode, no searcher
    assert result.diagnostics == []
    spec = _spec(result)
    assert (spec["metric"], spec["mode"]) == ("val_auroc", "max")
    assert spec["search_alg"] == {"type": "optuna", "sampler": "TPESampler", "seed": 42}


@pytest.mark.parametrize(
    ("sampler", "search_alg", "found"),
    [
        ("None", {"type": "optuna"}, []),
        ("optuna.samplers.RandomSampler()", {"type": "optuna", "sampler": "RandomSampler"}, []),
        # what the spec has no place for is named, the sampler kept
        (
            "CmaEsSampler(seed=3, n_startup_trials=5)",
            {"type": "optuna", "sampler": "CmaEsSampler", "seed": 3},
            [(5, 54, "`n_startup_trials=` of `CmaEsSampler`")],
        ),
        (
            "TPESampler(seed=int(sys.argv[1]))",
            {"type": "optuna", "sampler": "TPESampler"},
            [(5, 53, "`seed=` of `TPESampler`")],
        ),
        # a sampler the spec cannot name leaves the searcher out (never TPE in its place); said
        # where the searcher is given, naming the line it is made on
        ("GridSampler({'lr': [0.1]})", None, [(6, 68, "the sampler `GridSampler`")]),
        ("samplers[name]()", None, [(6, 68, "the sampler `samplers[name]()`")]),
        ("MySampler()", None, [(6, 68, "the sampler `MySampler`")]),
    ],
)
def test_an_optuna_sampler_is_read_or_named_and_metric_mode_stay(
    tmp_path: Path, sampler: str, search_alg: Any, found: list[tuple[int, int, str]]
) -> None:
    source = (
        "import sys\nimport optuna\nfrom ray import tune\nfrom ray.tune.search.optuna import *\n"
        f"searcher = OptunaSearch(sampler={sampler}, metric='acc', mode='max')\n"
        "tune.run('train.py', config={'lr': tune.uniform(0, 1)}, search_alg=searcher)\n"
    )
    result = convert_file(write(tmp_path, "sweep.py", source), "spec")
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [
        ("X001", line, column) for line, column, _ in found
    ]
    for diagnostic, (_, _, words) in zip(result.diagnostics, found, strict=True):
        assert words in diagnostic.message
    spec = _spec(result)
    assert (spec["metric"], spec["mode"]) == ("acc", "max")
    assert spec.get("search_alg") == search_alg


def test_an_unreadable_searcher_argument_drops_only_itself() -> None:
    result = convert_file(HARVEST / "searcher_seed_at_run_time.py", "spec")
    # was: X001 at the seed, and the searcher gone with it (random search in TPE's place)
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("X001", 7, 47)]
    assert "`random_state_seed=` of `HyperOptSearch`" in result.diagnostics[0].message
    spec = _spec(result)
    assert spec["search_alg"] == {"type": "hyperopt", "gamma": 0.3}
    assert (spec["metric"], spec["mode"]) == ("loss", "min")


def test_an_unknown_searcher_argument_is_named_where_it_is_written() -> None:
    result = convert_file(HARVEST / "searcher_unknown_option.py", "spec")
    # was: error S003 "unknown key `max_concurrent` in `search_alg`" at tune.run, nothing written
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("X001", 7, 73)]
    assert "`max_concurrent=`" in result.diagnostics[0].message
    spec = _spec(result)
    assert spec["search_alg"] == {"type": "hyperopt"}
    assert spec["param_space"] == {"max_depth": {"quniformint": [1, 20, 1]}}


# what the spec requires of a component, as written and as the spec reads it
_REQUIRED: dict[str, dict[str, tuple[str, Any]]] = {
    "nevergrad": {"optimizer": ("'OnePlusOne'", "OnePlusOne")},
    "zoopt": {"budget": ("10", 10)},
    "pbt": {"hyperparam_mutations": ("{'lr': [0.1, 0.2]}", {"lr": [0.1, 0.2]})},
    "pb2": {"hyperparam_bounds": ("{'lr': [0.0, 1.0]}", {"lr": [0.0, 1.0]})},
}


def test_the_required_options_table_is_the_vocabulary_s() -> None:
    components = (*vocabulary.SEARCH_ALGORITHMS, *vocabulary.SCHEDULERS)
    assert {c.type: tuple(c.required) for c in components if c.required} == {
        kind: tuple(options) for kind, options in _REQUIRED.items()
    }


def _components() -> list[tuple[str, str, str]]:
    from sweepspec.formats.tune import SCHEDULERS, SEARCHERS

    return [
        (name, kind, key)
        for key, table in (("search_alg", SEARCHERS), ("scheduler", SCHEDULERS))
        for kind, (_, name) in table.items()
    ]


@pytest.mark.parametrize(("name", "kind", "key"), _components())
def test_every_component_names_a_made_up_keyword_and_keeps_the_rest(
    tmp_path: Path, name: str, kind: str, key: str
) -> None:
    given = _REQUIRED.get(kind, {})
    required = "".join(f"{option}={text}, " for option, (text, _) in given.items())
    made = f"made = {name}(metric='acc', {required}made_up_option=3, mode='max')"
    source = (
        f"from ray import tune\n{made}\n"
        f"tune.run('train.py', config={{'lr': tune.uniform(0, 1)}}, {key}=made)\n"
    )
    result = convert_file(write(tmp_path, "sweep.py", source), "spec")
    column = made.index("made_up_option") + 1
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("X001", 2, column)]
    spec = _spec(result)
    assert (spec["metric"], spec["mode"]) == ("acc", "max")
    assert spec[key] == {"type": kind, **{option: read for option, (_, read) in given.items()}}


@pytest.mark.engine
def test_the_spec_s_optuna_seed_seeds_the_sampler_ray_runs(monkeypatch: Any) -> None:
    pytest.importorskip("ray.tune.search.optuna")
    import optuna

    from sweepspec.formats.tune import SEARCHERS, _component

    made: list[dict[str, Any]] = []

    class Recorded(optuna.samplers.RandomSampler):
        def __init__(self, **options: Any) -> None:
            made.append(options)
            super().__init__(**options)

    monkeypatch.setattr(optuna.samplers, "RandomSampler", Recorded)
    searcher = _component(SEARCHERS, {"type": "optuna", "sampler": "RandomSampler", "seed": 42})
    # Ray's own `seed=` is used only without a sampler: it was given there, and lost
    assert made == [{"seed": 42}]
    assert isinstance(searcher._sampler, Recorded)


def test_a_parameter_s_default_is_followed_and_a_config_copy_is_no_space() -> None:
    result = convert_file(HARVEST / "space_parameter_default.py", "spec")
    # was: refused, `space` one of 2 spaces with the trainable's `config = dict(config_in)`
    assert result.diagnostics == []
    spec = _spec(result)
    assert spec["param_space"] == {"width": {"uniform": [0, 20]}}
    assert (spec["metric"], spec["mode"]) == ("loss", "min")  # `metric=metric`: its default


@pytest.mark.parametrize(
    ("call", "metric", "given"),
    [
        # the module's one call gives the space: the finding names what it gives, there
        ("run(other)", "loss", ("X001", 21, 9, "`other`")),  # `metric` keeps its default
        ("run(space_dict=other)", "loss", ("X001", 21, 20, "`other`")),
        # which arguments, only the run knows: the parameter is named where it is used
        ("run(**options)", None, ("X001", 16, 33, "`space_dict`")),
        ("functools.partial(run, space_dict=other)()", None, ("X001", 16, 33, "`space_dict`")),
    ],
)
def test_a_default_a_call_may_replace_is_not_followed(
    tmp_path: Path, call: str, metric: str | None, given: tuple[str, int, int, str]
) -> None:
    source = (HARVEST / "space_parameter_default.py").read_text(encoding="utf-8")
    path = write(tmp_path, "sweep.py", source.replace("    run()", f"    {call}"))
    result = convert_file(path, "spec")
    found = {(d.code, d.line, d.column): d.message for d in result.diagnostics}
    # the module's only space is written, and said to be perhaps not the one given
    *place, name = given
    assert f"the space given here, {name}" in found.pop(tuple(place))
    if metric is None:
        assert "`metric` is a parameter of `run`" in found.pop(("X001", 16, 52))
    assert found == {}
    assert _spec(result).get("metric") == metric


def test_a_copy_of_a_parameter_is_a_space_only_with_a_domain_put_in(tmp_path: Path) -> None:
    source = (
        "from ray import tune\n\n"
        "def train(config_in):\n    config = dict(config_in)\n    other = config_in.copy()\n\n"
        "param_space = {'width': tune.uniform(0, 20)}\n"
    )
    result = convert_file(write(tmp_path, "sweep.py", source), "spec")
    assert result.diagnostics == []
    assert _spec(result)["param_space"] == {"width": {"uniform": [0, 20]}}
    added = source + "\ndef more(c):\n    config = dict(c)\n    config['x'] = tune.choice([1, 2])\n"
    result = convert_file(write(tmp_path, "sweep.py", added), "spec")
    assert {d.message.split("`")[1] for d in result.diagnostics} == {"param_space", "more.config"}


def test_domains_put_in_a_parameter_are_each_named_so() -> None:
    result = convert_file(HARVEST / "domains_put_in_a_parameter.py", "spec")
    # was: one error at 1:1, "no `tune.*` domain is assigned, returned, or given ..."
    assert result.text is None
    assert [(d.code, d.severity.name, d.line, d.column) for d in result.diagnostics] == [
        ("X003", "ERROR", 7, 24),
        ("X003", "ERROR", 8, 32),
        ("X003", "ERROR", 9, 27),
    ]
    for diagnostic in result.diagnostics:
        assert "is put in `params`, a parameter of `ray_config_setup`" in diagnostic.message
        assert "known only when the module runs" in diagnostic.message


def test_a_space_given_as_a_parameter_is_said_so_at_the_call() -> None:
    result = convert_file(HARVEST / "space_is_a_parameter.py", "spec")
    assert result.text is None
    (found,) = result.diagnostics
    assert (found.code, found.line, found.column) == ("X003", 7, 38)
    assert "`config` is a parameter of `hyper_parameter_selection`" in found.message


def test_a_domain_in_no_space_is_named_where_it_is(tmp_path: Path) -> None:
    source = "from ray import tune\n\nprint(tune.choice([1, 2]))\n"
    result = convert_file(write(tmp_path, "sweep.py", source), "spec")
    (found,) = result.diagnostics
    assert (found.code, found.line, found.column) == ("X003", 3, 7)
    assert "`tune.choice(...)` is in no space the reader follows" in found.message


_HP_SPACE = {
    "lag": {"quniform": [2, 26, 1]},
    "lr": {"qloguniform": [0.0001, 0.005, 0.0001]},
    "layers": {"choice": [1, 2]},
    "epochs": 10,
}


@pytest.mark.parametrize(
    ("space", "expected"),
    [
        ("HpSpace", _HP_SPACE),
        # a subclass has its base's fields, then its own
        ("WiderSpace", {**_HP_SPACE, "width": {"choice": [64, 128]}}),
    ],
)
def test_a_dataclass_of_domains_is_one_space_each_field_a_parameter(
    space: str, expected: dict[str, Any]
) -> None:
    path = HARVEST / "dataclass_domain_fields.py"
    refused = convert_file(path, "spec")
    # was: each field a space of its own (`HpSpace.lag`, `HpSpace.lr`, ...)
    assert refused.text is None
    assert {d.message.split("`")[1] for d in refused.diagnostics} == {"HpSpace", "WiderSpace"}
    result = convert_file(path, "spec", space=space)
    spec = _spec(result)
    assert spec["param_space"] == expected
    assert list(spec["param_space"]) == list(expected)
    (seed,) = result.diagnostics  # a field with no default: named
    assert (seed.code, seed.severity.name, seed.line, seed.column) == ("X003", "WARNING", 10, 5)
    assert "`seed` is not carried: it has no default" in seed.message
    assert "lag: {quniform: [2, 26, 1]}  # days" in str(result.text)


def test_a_dataclass_of_domains_made_and_given_is_the_space(tmp_path: Path) -> None:
    source = (HARVEST / "dataclass_domain_fields.py").read_text(encoding="utf-8")
    source += "\ntune.Tuner('train.py', param_space=dataclasses.asdict(HpSpace())).fit()\n"
    result = convert_file(write(tmp_path, "sweep.py", "import dataclasses\n" + source), "spec")
    assert _spec(result)["param_space"] == _HP_SPACE


@pytest.mark.parametrize("given", ["config.to_dict()", "config"])
def test_each_domain_of_an_rllib_config_is_named_at_its_place(tmp_path: Path, given: str) -> None:
    source = (HARVEST / "rllib_config_domains.py").read_text(encoding="utf-8")
    path = write(tmp_path, "sweep.py", source.replace("config.to_dict()", given))
    result = convert_file(path, "spec")
    assert result.text is None
    found = [(d.code, d.line, d.column) for d in result.diagnostics]
    # was: one X003 at the call, and not a word of the domains
    assert found == [("X001", 9, 15), ("X001", 9, 51), ("X001", 11, 17), ("X003", 13, 31)]
    for diagnostic, name in zip(result.diagnostics, ("lr", "clip_param", "gamma"), strict=False):
        assert f"`{name}=tune." in diagnostic.message
        assert "given to `PPOConfig.training` is a setting of an RLlib config" in diagnostic.message
    assert "the space is an RLlib `PPOConfig`" in result.diagnostics[-1].message


def test_a_function_called_once_at_the_top_level_has_the_arguments_of_that_call() -> None:
    """Ray's own tutorial: `def main(num_samples=10, max_num_epochs=10, gpus_per_trial=2)`
    builds the run, and `main(num_samples=10, max_num_epochs=10, gpus_per_trial=0)` under
    `if __name__ == "__main__":` calls it. `num_samples`, the scheduler's `max_t` and the
    trial's GPUs were named as known only at run time; the one call says what they are."""
    result = convert_file(HARVEST / "main_called_once.py", "spec")
    assert result.text is not None, result.diagnostics
    data = load_text(result.text).data
    assert data["num_samples"] == 10
    assert data["scheduler"]["max_t"] == 10
    assert dict(data["resources_per_trial"]) == {"cpu": 2, "gpu": 0}
    assert [d.line for d in result.diagnostics] == [27]  # the `partial(...)` trainable only


def test_a_function_called_twice_with_other_arguments_is_not_guessed(tmp_path: Path) -> None:
    source = (HARVEST / "main_called_once.py").read_text(encoding="utf-8")
    once = "    main(num_samples=10, max_num_epochs=10, gpus_per_trial=0)\n"
    assert once in source
    twice = once + "    main(num_samples=50, max_num_epochs=100, gpus_per_trial=1)\n"
    result = convert_file(write(tmp_path, "sweep.py", source.replace(once, twice)), "spec")
    assert result.text is not None, result.diagnostics
    data = load_text(result.text).data
    assert "num_samples" not in data and "max_t" not in data["scheduler"]
    named = {(d.line, d.code) for d in result.diagnostics}
    assert {(22, "X001"), (28, "X003"), (30, "X001")} <= named
