"""Ray Tune -> spec: live domains, searchers and schedulers read back, and nothing lost silently."""

from __future__ import annotations

import inspect
import warnings
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, VALID, need

from sweepspec.check import check_document
from sweepspec.diagnostics import Diagnostic, Severity, format_json_path
from sweepspec.formats.hyperopt import Unconvertible
from sweepspec.formats.tune import from_tune, to_tune
from sweepspec.loader import load_file, load_text
from sweepspec.meaning import plain
from sweepspec.yamlio import dump

pytestmark = pytest.mark.engine


def _tune() -> Any:
    return need("ray.tune")


CANONICAL = """\
sweepspec: 1
metric: loss
mode: min
num_samples: 8
param_space:
  a: {uniform: [0.0, 1.0]}
  b: {quniform: [0.0, 10.0, 0.5]}
  c: {loguniform: [0.0001, 0.1]}
  d: {qloguniform: [0.0001, 0.1, 0.0001]}
  e: {normal: [0.0, 2.0]}
  f: {qnormal: [0.0, 2.0, 0.5]}
  g: {randint: [1, 10]}
  h: {qrandint: [0, 100, 5]}
  i: {lograndint: [1, 1000]}
  j: {qlograndint: [1, 1000, 10]}
  k: {grid_search: [1, 2, 3]}
  model:
    depth: {randint: [2, 9]}
    act: {choice: [relu, tanh]}
  opt: {choice: [{name: adam, lr: {loguniform: [1.0e-05, 0.01]}}, {name: sgd, nesterov: 1}]}
  seed: 7
  layers: [64, 64]
  fixed: {constant: {uniform: [0, 1]}}
"""


def test_every_distribution_tune_has_comes_back_as_written() -> None:
    _tune()
    doc = load_text(CANONICAL)
    setup = to_tune(doc)
    assert setup.param_space is not None
    back = from_tune(setup.param_space, tune_config=setup.tune_config)
    assert plain(back.data) == plain(doc.data)
    assert dump(back.data) == CANONICAL
    assert back.losses == []


def test_aliases_come_back_as_the_same_distribution_in_tune_terms() -> None:
    _tune()
    text = (
        "sweepspec: 1\nparam_space:\n  a: {uniformint: [2, 8]}\n  b: {qrandint: [0, 4, 1]}\n"
        "  c: {loguniform: {low: 0.001, high: 0.1, label: lr}}\n"
    )
    setup = to_tune(load_text(text))
    assert setup.param_space is not None
    back = from_tune(setup.param_space)
    assert plain(back.data["param_space"]) == {
        "a": {"randint": [2, 9]},
        "b": {"randint": [0, 5]},
        "c": {"loguniform": [0.001, 0.1]},
    }


def test_what_the_spec_cannot_express_is_named_at_its_key_path() -> None:
    tune = _tune()
    space = {"model": {"width": tune.sample_from(lambda spec: 64)}}
    with pytest.raises(Unconvertible, match=r"param_space/model/width: a Function"):
        from_tune(space)


def test_a_concurrency_limiter_is_max_concurrent_trials() -> None:
    _tune()
    from ray.tune.search import ConcurrencyLimiter
    from ray.tune.search.hyperopt import HyperOptSearch

    limited = ConcurrencyLimiter(HyperOptSearch(metric="loss", mode="min"), max_concurrent=4)
    back = from_tune({}, search_alg=limited)
    assert plain(back.data) == {
        "sweepspec": 1,
        "metric": "loss",
        "mode": "min",
        "max_concurrent_trials": 4,
        "search_alg": {"type": "hyperopt"},
        "param_space": {},
    }


def _error(d: Diagnostic) -> tuple[str, str] | None:
    return (d.code, format_json_path(d.path)) if d.severity is Severity.ERROR else None


def _buildable() -> list[Path]:
    return sorted(VALID.glob("*.yaml")) + sorted((EXAMPLES / "run").glob("*.yaml"))


@pytest.mark.parametrize("path", _buildable(), ids=lambda p: p.name)
def test_bundled_examples_come_back_checked_and_nothing_is_dropped_silently(path: Path) -> None:
    _tune()
    doc = load_file(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            setup = to_tune(doc)
    except (ImportError, AssertionError) as exc:  # the searcher's own package is missing
        pytest.skip(f"{path.name} needs a package Ray's searcher imports: {exc}")
    if setup.param_space is None:  # not for Ray Tune, and told so, at its place
        assert setup.diagnostics
        assert all(d.code == "X001" and d.message.startswith("tune:") for d in setup.diagnostics)
        return
    back = from_tune(
        setup.param_space, tune_config=setup.tune_config, stop=setup.run_config.get("stop")
    )
    again = load_text(dump(back.data))
    # No error the spec did not have with its comments (and suppressions) stripped; Tune has no
    # hyperopt labels, so a label that told same-named parameters apart is the one thing missing.
    before = {_error(d) for d in check_document(load_text(dump(plain(doc.data))))}
    after = {_error(d) for d in check_document(again)} - {None}
    assert {e for e in after if e[0] != "V007"} <= before
    # Every option the spec set is read back, or is Ray's default, or is named as lost.
    for block, component in (
        ("search_alg", setup.tune_config.get("search_alg")),
        ("scheduler", setup.tune_config.get("scheduler")),
    ):
        if component is None:
            continue
        signature = inspect.signature(type(component).__init__).parameters
        for key, value in plain(doc.data[block]).items():
            if key == "type":
                assert back.data[block]["type"] == value
            elif key in back.data[block]:
                assert plain(back.data[block][key]) == value, (block, key)
            elif key in signature and signature[key].default == value:
                continue
            else:
                assert any(msg.startswith(block) and key in msg for msg in back.losses), (
                    block,
                    key,
                )
    # And the spec read back builds the same Ray Tune space again.
    rebuilt = to_tune(again)
    assert rebuilt.param_space is not None
    # (with `search_alg: hyperopt`, the space is the searcher's own: read with it)
    read = from_tune(rebuilt.param_space, tune_config=rebuilt.tune_config)
    assert plain(read.data["param_space"]) == plain(back.data["param_space"])
