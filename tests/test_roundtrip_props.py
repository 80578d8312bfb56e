"""Round-trip laws for every reader/writer pair, on random specs within each format's subset.

Each test states its law in its docstring. The specs come from ``tests/strategies.py``, drawn in
the canonical form each reader writes, so that "byte for byte" means what it says. Hypothesis is
derandomized, so CI runs the same examples every time. For a longer local search:
``SWEEPSPEC_HYPOTHESIS_EXAMPLES=1000`` (examples per law), ``SWEEPSPEC_HYPOTHESIS_RANDOM=1`` (new
examples on every run), ``SWEEPSPEC_SHRINK=0`` (report the first failure unshrunk, faster).
"""

from __future__ import annotations

import ast
import importlib.util
import math
import re
import warnings
from typing import Any

import pytest
import strategies
from conftest import need
from hypothesis import example, given
from hypothesis import strategies as st

from sweepspec.check import check_text
from sweepspec.convert import convert_source, convert_text
from sweepspec.diagnostics import Diagnostic, Severity
from sweepspec.formats import hyperopt_source, tune_source
from sweepspec.loader import load_text
from sweepspec.meaning import plain, space_meaning
from sweepspec.yamlio import dump, flow_map, flow_seq


def _errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.ERROR]


def _valid(spec: dict[str, Any]) -> str:
    """The spec's text, which checks without errors (the strategies draw valid specs only)."""
    text = dump(spec)
    assert _errors(check_text(text, "drawn.yaml")) == [], text
    return text


def _lossless(diagnostics: list[Diagnostic], *partial: str) -> None:
    """Nothing lost or refused (notes, at severity info, say how something is written), but
    the ``partial`` features: they round-trip, and their meaning differs a little in the target
    (W&B's ``bayes`` is not Ray's BayesOpt), which the conversion says."""
    assert [
        d
        for d in diagnostics
        if d.severity.rank >= Severity.WARNING.rank
        and not any(f"{p} is only partly supported" in d.message for p in partial)
    ] == []


# --- YAML text <-> data ------------------------------------------------------------------------

_keys = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)
_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
)
_data = st.recursive(
    _leaves,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)),
    max_leaves=20,
)


@strategies.LAWS
@given(data=st.dictionaries(_keys, _data, min_size=1, max_size=6))
@example(
    data={"a\x85b": ["x\u2028", "\u2029"]}
)  # once written raw in single quotes, read as spaces
def test_yaml_dump_then_load_gives_the_data_back(data: dict[str, Any]) -> None:
    """``load(dump(d)) == d`` and ``dump(load(dump(d))) == dump(d)``: for any YAML data with
    string keys (any text, any finite or infinite float, integers beyond 64 bits), writing a
    document and loading it gives the same data, and writing that again gives the same text."""
    text = dump(data)
    doc = load_text(text, "data.yaml")
    assert doc.diagnostics == (), text
    assert plain(doc.data) == data, text
    assert dump(doc.data) == text


@strategies.LAWS
@given(spec=strategies.hyperopt_specs() | strategies.tune_specs() | strategies.wandb_specs())
def test_spec_text_load_then_dump_is_byte_identical(spec: dict[str, Any]) -> None:
    """``dump(load(t)) == t`` for the text ``t`` of any valid spec: loading keeps every flow
    mapping, list and number as written."""
    text = _valid(spec)
    assert dump(load_text(text, "s.yaml").data) == text


# --- spec <-> W&B ------------------------------------------------------------------------------


@strategies.LAWS
@given(spec=strategies.wandb_specs())
def test_spec_to_wandb_to_spec_is_byte_identical(spec: dict[str, Any]) -> None:
    """``from_wandb(to_wandb(s)) == s`` byte for byte, for ``s`` in W&B's subset (its twelve
    distributions, values, values with probabilities, constants, nested groups, `method`
    random/grid/bayes, metric and goal, run_cap, hyperband with `min_iter`), and the W&B file
    written is one W&B's rules accept."""
    text = _valid(spec)
    to_wandb = convert_text(text, "wandb", "s.yaml")
    assert to_wandb.text is not None, to_wandb.diagnostics
    _lossless(to_wandb.diagnostics, "BayesOpt", "Asynchronous HyperBand (ASHA)")
    assert _errors(check_text(to_wandb.text, "w.yaml")) == [], to_wandb.text
    back = convert_text(to_wandb.text, "spec", "w.yaml")
    assert back.diagnostics == []
    assert back.text == text


@strategies.LAWS
@given(spec=strategies.wandb_specs())
def test_wandb_to_spec_to_wandb_is_byte_identical(spec: dict[str, Any]) -> None:
    """``to_wandb(from_wandb(w)) == w`` byte for byte, for W&B files ``w`` in the form sweepspec
    writes them (``w = to_wandb(s)`` for a spec ``s`` of W&B's subset)."""
    wandb_text = convert_text(_valid(spec), "wandb", "s.yaml").text
    assert wandb_text is not None
    spec_text = convert_text(wandb_text, "spec", "w.yaml").text
    assert spec_text is not None
    assert convert_text(spec_text, "wandb", "s.yaml").text == wandb_text


# --- spec <-> the legacy W&B Ray Tune YAML -----------------------------------------------------


@strategies.LAWS
@given(spec=strategies.legacy_specs())
def test_spec_to_legacy_to_spec_keeps_the_data(spec: dict[str, Any]) -> None:
    """``from_legacy(to_legacy(s)) == s`` in data, for ``s`` in the shim's subset
    (`hp.choice`, `hp.uniform` with or without a label of its own, `hyperopt.loguniform`,
    constants, HyperOptSearch and AsyncHyperBandScheduler options, or no search algorithm at
    all); log bounds come back exactly. And ``to_legacy(from_legacy(l)) == l`` byte for byte."""
    text = _valid(spec)
    legacy = convert_text(text, "wandb-tune", "s.yaml")
    assert legacy.text is not None, legacy.diagnostics
    # partly supported, and round-tripping: the engine's own random search, and ASHA
    allowed_losses = {"Grid and random search", "Asynchronous HyperBand (ASHA)"}
    assert [
        d
        for d in legacy.diagnostics
        if d.severity is Severity.ERROR
        or (d.code == "X001" and not any(a in d.message for a in allowed_losses))
    ] == []
    back = convert_text(legacy.text, "spec", "l.yaml")
    assert back.text is not None and back.diagnostics == []
    assert plain(load_text(back.text).data) == plain(spec)
    again = convert_text(back.text, "wandb-tune", "s.yaml")
    assert again.text == legacy.text


# --- spec <-> hyperopt source ------------------------------------------------------------------


def _hyperopt_spec(space: dict[str, Any]) -> dict[str, Any]:
    return {
        "sweepspec": 1,
        "metric": "loss",
        "mode": "min",
        "search_alg": flow_map(("type", "hyperopt")),
        "param_space": space,
    }


@strategies.LAWS
@given(spec=strategies.hyperopt_specs())
# a constant mapping, once rewritten as the group of constants it reads back as
@example(spec=_hyperopt_spec({"c": flow_map(("constant", flow_map(("a", 1))))}))
# options of a labelled choice, once labelled `act/...` by the writer and `model/...` by the spec
@example(
    spec=_hyperopt_spec(
        {
            "model": flow_map(
                (
                    "choice",
                    flow_map(
                        (
                            "options",
                            flow_seq(
                                [flow_map(("x", strategies.dist("uniform", 0, 1)), ("y", 1)), 2]
                            ),
                        ),
                        ("label", "act"),
                    ),
                )
            )
        }
    )
)
def test_spec_to_hyperopt_source_to_spec_is_byte_identical(spec: dict[str, Any]) -> None:
    """``read(write(s)) == s`` byte for byte, for ``s`` in hyperopt's subset; and the space
    alone, read from the module without its ``SWEEPSPEC`` copy of the spec, means ``s``
    (``space_meaning`` equal; in data too, but that a constant mapping ``{constant: {a: 1}}``
    is read as the group of constants ``{a: 1}``, a plain dict in a module either way): the
    ``hp.*`` calls say everything (labels, log bounds through ``math.log``, ``scope.int``,
    conditional choices)."""
    text = _valid(spec)
    written = convert_text(text, "hyperopt", "s.yaml")
    assert written.text is not None, written.diagnostics
    _lossless(written.diagnostics, "`qrandint`", "`qlograndint`")
    compile(written.text, "s.py", "exec")
    back = convert_source(written.text, "spec", "s.py")
    assert back.diagnostics == []
    assert back.text == text
    bare = hyperopt_source.read(strategies.without_template(written.text), "s.py")
    assert bare.diagnostics == [] and bare.data is not None
    read_back, expected = plain(bare.data), plain(spec)
    assert space_meaning(read_back.pop("param_space")) == (
        space_meaning(expected.pop("param_space"))
    )
    assert read_back == expected


@strategies.LAWS
@given(spec=strategies.hyperopt_specs())
def test_an_edited_hyperopt_module_reads_back_with_the_edit(spec: dict[str, Any]) -> None:
    """``read(edit(write(s)))`` is ``s`` with the edit, for an edit of one parameter in the
    module: the module's ``SWEEPSPEC`` copy does not hide a change made to the space."""
    text = _valid(spec)
    module = convert_text(text, "hyperopt", "s.yaml").text or ""
    first = next(iter(spec["param_space"]))
    edited = re.sub(
        rf'^(    "{first}": ).*,$', r'\g<1>"edited",', module, count=1, flags=re.MULTILINE
    )
    if edited == module:  # a group written over several lines: nothing simple to edit
        return
    back = convert_source(edited, "spec", "s.py")
    assert back.text is not None, back.diagnostics
    data = plain(load_text(back.text).data)
    assert data["param_space"][first] == "edited"
    expected = plain(spec)
    expected["param_space"][first] = "edited"
    assert data == expected


# --- spec <-> live hyperopt spaces -------------------------------------------------------------


def _hyperopt() -> None:
    need("hyperopt")


@pytest.mark.engine
@strategies.LAWS
@given(spec=strategies.hyperopt_specs())
def test_spec_to_hyperopt_space_to_spec_keeps_the_space(spec: dict[str, Any]) -> None:
    """``from_space(to_space(s)) == s`` for the space ``s`` of a spec in hyperopt's subset, in
    meaning and, but for constant mappings (plain dicts in hyperopt), in data: labels,
    natural-log bounds (exactly), ``scope.int`` and conditional choices come back from
    hyperopt's own objects."""
    _hyperopt()
    from sweepspec.formats.hyperopt import from_space, to_space

    doc = load_text(_valid(spec), "s.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        built = to_space(doc)
        assert built.space is not None
        _lossless(built.diagnostics, "`qrandint`", "`qlograndint`")
        back = from_space(built.space)
    assert space_meaning(back) == space_meaning(spec["param_space"])
    assert plain(back) == plain(spec["param_space"]) or _constant_mappings(spec["param_space"])


def _constant_mappings(space: Any) -> bool:
    """Whether ``space`` holds a ``{constant: {...}}``, which hyperopt holds as a plain dict."""
    return "'constant': {" in repr(plain(space))


# --- spec <-> Ray Tune objects -----------------------------------------------------------------


def _tune() -> Any:
    return need("ray.tune")


@pytest.mark.engine
@strategies.LAWS
@given(spec=strategies.tune_specs())
def test_spec_to_tune_objects_to_spec_keeps_the_data(spec: dict[str, Any]) -> None:
    """``from_tune(to_tune(s)) == s`` in data and byte for byte, for ``s`` in Ray Tune's
    subset (its ten sampled domains, grid_search, choice among values or sub-spaces, constants,
    nested groups, TuneConfig settings)."""
    _tune()
    from sweepspec.formats.tune import from_tune, to_tune

    text = _valid(spec)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        setup = to_tune(load_text(text, "s.yaml"))
        assert setup.diagnostics == [] and setup.param_space is not None
        back = from_tune(setup.param_space, tune_config=setup.tune_config)
    assert back.losses == []
    assert plain(back.data) == plain(spec)
    assert dump(back.data) == text


# --- Ray Tune scripts -> spec ------------------------------------------------------------------
# There is no writer of Ray Tune scripts: the test writes them, as people do, and the law is that
# reading one unrun gives the spec it was written from, and the space Ray builds when it is run.


@pytest.mark.engine  # where Ray is installed it also builds the space with Ray
@strategies.LAWS
@given(spec=strategies.tune_specs())
def test_a_tune_script_reads_unrun_as_its_spec_and_as_ray_runs_it(spec: dict[str, Any]) -> None:
    """``read(script(s)) == s`` in data, for a Ray Tune script written for ``s`` in Ray Tune's
    subset; and, where Ray is installed, the space read unrun is ``from_tune`` of the space
    Ray builds when the script's literal is evaluated."""
    _valid(spec)
    source = strategies.tune_script(spec)
    read = tune_source.read(source, "sweep.py")
    assert read.diagnostics == [] and read.data is not None, source
    expected = plain(spec)
    expected = {"sweepspec": 1, "program": "train.py", **expected}
    assert plain(read.data) == expected
    if importlib.util.find_spec("ray") is None:  # the reader's law holds without Ray
        return
    tune = _tune()
    from sweepspec.formats.tune import from_tune

    (assign,) = [s for s in ast.parse(source).body if isinstance(s, ast.Assign)][:1]
    live = eval(ast.unparse(assign.value), {"tune": tune})  # the test runs it, not sweepspec
    assert plain(from_tune(live).data["param_space"]) == expected["param_space"]


# --- numbers -------------------------------------------------------------------------------------


@strategies.LAWS
@given(value=strategies.positive_decimals)
def test_log_bounds_come_back_exactly(value: float) -> None:
    """``exp_exact(log_exact(x)) == x`` for every short decimal ``x > 0``, and
    ``log_exact(exp_exact(y)) == y`` for every short decimal ``y`` whose ``exp`` is a float:
    the law every log-space format (hyperopt, the legacy shim) relies on."""
    from sweepspec.numbers import exp_exact, log_exact

    assert exp_exact(log_exact(value)) == value
    if abs(value) < 700:
        assert log_exact(exp_exact(value)) == value
        assert math.isfinite(exp_exact(value))
