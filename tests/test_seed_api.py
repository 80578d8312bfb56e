"""The seed's Python API (wandb.sweeps.config.tune), rebuilt on the spec."""

from __future__ import annotations

import inspect
import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, VALID, need, shared_dir
from ruamel.yaml import YAML

from sweepspec import check_file
from sweepspec.convert import convert_file

SEED_CODE = (EXAMPLES / "hyperopt" / "seed_tune_run.py").read_text()


def _data(text: str) -> Any:
    return json.loads(json.dumps(YAML(typ="safe", pure=True).load(text)))


def _run_seed(tmp_path: Path) -> dict[str, Any]:
    code = SEED_CODE.replace("from wandb.sweeps.config", "from sweepspec.config")  # imports only
    code = code.replace("import wandb\n", "")
    code = code.replace('"sweep-hyperopt.yaml"', repr(str(tmp_path / "sweep-hyperopt.yaml")))
    code = code.replace("wandb.sweep(tune_config)", "swept = dict(tune_config)")
    namespace: dict[str, Any] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # W&B has no TPE: reported, as it should be
        exec(compile(code, "seed.py", "exec"), namespace)
    return namespace


def test_the_seed_example_runs_with_only_its_imports_changed(tmp_path: Path) -> None:
    namespace = _run_seed(tmp_path)
    saved = tmp_path / "sweep-hyperopt.yaml"
    assert check_file(saved, targets=["wandb-tune"]) == []
    assert _data(saved.read_text()) == _data((VALID / "seed.yaml").read_text())
    assert str(namespace["tune_config"]) == saved.read_text()


def test_the_sweep_is_the_wandb_configuration(tmp_path: Path, sweeps: Any) -> None:
    import jsonschema

    swept = _run_seed(tmp_path)["swept"]
    assert swept["method"] == "random" and swept["metric"] == {
        "name": "mean_loss",
        "goal": "minimize",
    }
    schema = json.loads(shared_dir("oracles", "wandb-sweep-config.schema.json").read_text())
    assert list(jsonschema.Draft7Validator(schema).iter_errors(swept)) == []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        violations = sweeps.schema_violations_from_proposed_config(swept)
    # sweeps 0.2.0 predates `run_cap` (num_samples); W&B's current schema above accepts it.
    assert all("run_cap" in v for v in violations), violations


def test_saving_in_other_formats_and_losses_are_warned(tmp_path: Path) -> None:
    from sweepspec.config import tune
    from sweepspec.config.hyperopt import hp
    from sweepspec.config.tune.suggest.hyperopt import HyperOptSearch

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sweep = tune.run(
            "train.py",
            search_alg=HyperOptSearch(
                {"lr": hp.loguniform("lr", -9.2, -2.3)}, metric="loss", mode="min"
            ),
            verbose=2,
        )
    messages = [str(w.message) for w in caught]
    assert "tune.run: `verbose` cannot be saved in a sweep and is left out" in messages
    assert any("HyperOpt (TPE) is not supported" in m for m in messages)
    sweep.save(tmp_path / "space.py", format="hyperopt")
    assert "hp.loguniform(" in (tmp_path / "space.py").read_text()
    sweep.save(tmp_path / "legacy.yaml", format="wandb-tune")
    assert "hyperopt.HyperOptSearch" in (tmp_path / "legacy.yaml").read_text()


def test_the_generator_of_the_legacy_file_writes_the_same_spec() -> None:
    from sweepspec.config import tune
    from sweepspec.config.hyperopt import hp
    from sweepspec.config.tune.suggest.hyperopt import HyperOptSearch

    # The generator W&B shipped beside the corpus file (wandb-sweeps.md §1.3), imports changed.
    space = dict(
        dropout=hp.uniform("dropout", 0.15, 0.4),
        hidden_layer_size=hp.choice("hidden_layer_size", [96, 128, 148]),
        layer_1_size=hp.choice("layer_1_size", [10, 12, 14, 16, 18, 20]),
        layer_2_size=hp.choice("layer_2_size", [24, 28, 32, 36, 40, 44]),
        learn_rate=hp.choice("learn_rate", [0.001, 0.01, 0.003]),
        decay=hp.choice("decay", [1e-5, 1e-6, 1e-7]),
        momentum=hp.choice("momentum", [0.8, 0.9, 0.95]),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sweep = tune.run(
            "train.py",
            search_alg=HyperOptSearch(space, metric="val_loss", mode="min"),
            num_samples=10,
        )
    (legacy,) = sorted(shared_dir("corpus", "wandb-tune-legacy").glob("*.yaml"))
    converted = _data(convert_file(legacy, "spec").text or "")
    converted.pop("x-wandb-tune")  # _wandb: the seed and versions of that one run
    assert _data(str(sweep)) == converted


RAY = {
    "BasicVariantGenerator": "ray.tune.search.basic_variant",
    "HyperOptSearch": "ray.tune.search.hyperopt",
    "BayesOptSearch": "ray.tune.search.bayesopt",
    "NevergradSearch": "ray.tune.search.nevergrad",
    "AxSearch": "ray.tune.search.ax",
    "TuneBOHB": "ray.tune.search.bohb",
    "OptunaSearch": "ray.tune.search.optuna",
    "HEBOSearch": "ray.tune.search.hebo",
    "ZOOptSearch": "ray.tune.search.zoopt",
    "AsyncHyperBandScheduler": "ray.tune.schedulers",
    "HyperBandScheduler": "ray.tune.schedulers",
    "HyperBandForBOHB": "ray.tune.schedulers",
    "MedianStoppingRule": "ray.tune.schedulers",
    "PopulationBasedTraining": "ray.tune.schedulers",
    "PB2": "ray.tune.schedulers.pb2",
    "FIFOScheduler": "ray.tune.schedulers",
}
TUNE_FUNCTIONS = [
    "uniform",
    "quniform",
    "loguniform",
    "qloguniform",
    "randn",
    "qrandn",
    "randint",
    "qrandint",
    "lograndint",
    "qlograndint",
    "choice",
    "grid_search",
]
HP_FUNCTIONS = [
    "choice",
    "randint",
    "pchoice",
    "uniform",
    "uniformint",
    "quniform",
    "loguniform",
    "qloguniform",
    "normal",
    "qnormal",
    "lognormal",
    "qlognormal",
]


def _params(function: Any) -> list[tuple[str, Any]]:
    return [
        (p.name, p.default)
        for p in inspect.signature(function).parameters.values()
        if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL) and p.name != "self"
    ]


@pytest.mark.parametrize("name", sorted(RAY))
def test_class_signatures_match_ray(name: str, tune: Any) -> None:
    from sweepspec.config.tune import schedulers, search

    ours = getattr(search, name, None) or getattr(schedulers, name)
    module = need(RAY[name], f"{RAY[name]} cannot be imported here")
    theirs = getattr(module, name)
    assert _params(ours.__init__) == _params(theirs.__init__)


@pytest.mark.parametrize("name", TUNE_FUNCTIONS)
def test_tune_function_signatures_match_ray(name: str, tune: Any) -> None:
    from sweepspec.config import tune as ours_tune

    ours = [n for n, _ in _params(getattr(ours_tune, name))]
    theirs = [n for n, _ in _params(getattr(tune, name))]
    assert ours == theirs


@pytest.mark.parametrize("name", HP_FUNCTIONS)
def test_hp_functions_exist_with_the_label_first(name: str, hyperopt: Any) -> None:
    from sweepspec.config.hyperopt import hp

    ours = inspect.signature(getattr(hp, name))
    assert next(iter(ours.parameters)) == "label"
    assert callable(getattr(hyperopt.hp, name))


def test_importing_the_api_imports_no_engine() -> None:
    import subprocess
    import sys

    probe = (
        "import sys; import sweepspec.config.tune, sweepspec.config.hyperopt.hp, "
        "sweepspec.config.tune.schedulers, sweepspec.config.tune.search.hyperopt; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'ray', 'hyperopt', 'numpy', 'scipy'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
