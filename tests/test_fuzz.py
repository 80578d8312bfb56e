"""The mutation fuzzer (``tests/fuzz.py``) in CI, and a regression test for every crash it found.

CI runs a bounded, derandomized number of mutants of the bundled examples and of the shared
corpus; ``SWEEPSPEC_FUZZ_CASES`` changes the number. The long run is
``python tests/fuzz.py --cases 10000``.
"""

from __future__ import annotations

import math
import os
import warnings
from typing import Any

import fuzz
import pytest
from conftest import need, shared_dir
from hypothesis import HealthCheck, given, settings

from sweepspec.check import check_text
from sweepspec.convert import Result, convert_document, convert_source, convert_text
from sweepspec.diagnostics import Diagnostic, Severity, Span
from sweepspec.formats import hyperopt_source, wandb_tune
from sweepspec.loader import load_bytes, load_text
from sweepspec.meaning import plain
from sweepspec.yamlio import dump

CASES = int(os.environ.get("SWEEPSPEC_FUZZ_CASES", "100"))


def _fuzz_settings(cases: int) -> settings:
    return settings(
        max_examples=cases,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def _no_crash(case: fuzz.Case) -> None:
    crashes = fuzz.run_case(case, fuzz.Report())
    assert crashes == [], "\n".join(map(str, crashes)) + "\n" + fuzz.describe(case)


@pytest.mark.slow
@pytest.mark.engine  # clean mutants are built into hyperopt and Ray Tune objects
@_fuzz_settings(CASES)
@given(case=fuzz.cases(fuzz.example_seeds()))
def test_mutated_examples_give_located_findings_never_a_traceback(case: fuzz.Case) -> None:
    """No mutant of a bundled example makes check, convert (every direction) or the command
    line raise, hang, place a finding outside the file, or write what does not load back."""
    _no_crash(case)


@pytest.mark.slow
@pytest.mark.engine
def test_mutated_corpus_files_give_located_findings_never_a_traceback() -> None:
    """The same, for mutants of the real sweep files of the shared corpus."""
    seeds = fuzz.corpus_seeds(shared_dir("corpus"))
    assert {s.name.split("/")[1] for s in seeds} == {"wandb", "wandb-tune-legacy"}

    @_fuzz_settings(max(CASES * 2 // 3, 1))
    @given(case=fuzz.cases(seeds))
    def run(case: fuzz.Case) -> None:
        _no_crash(case)

    run()


# --- the fuzzer itself ---------------------------------------------------------------------------


def test_every_mutator_changes_a_file() -> None:
    """Each mutation does something to a spec, for some choice of place and variant: the
    fuzzer does not quietly run the same file again."""
    (seed,) = [s for s in fuzz.example_seeds() if s.name.endswith("spec/seed.yaml")]
    (python,) = [s for s in fuzz.example_seeds() if s.name.endswith("seed_tune_run.py")]
    for kind in fuzz.MUTATORS:
        source = python if kind == "call" else seed
        changed = {
            fuzz.mutate(source.data, (kind, a, b), source.python)
            for a in range(5)
            for b in range(5)
        }
        assert changed - {source.data}, kind


def test_the_oracle_sees_exceptions_bad_locations_and_bad_output() -> None:
    """The fuzzer reports what it must: an exception escaping, a finding outside the file, a
    converted file that does not check."""
    report = fuzz.Report()
    runner = fuzz.Runner(report, "x.yaml", b"sweepspec: 1\nparam_space: {}\n")
    runner.guard("check", lambda: 1 / 0)
    outside = Diagnostic("S003", Severity.ERROR, "m", "x.yaml", Span(3, 40, 3, 41))
    inside = Diagnostic("S003", Severity.ERROR, "m", "x.yaml", Span(2, 1, 2, 12))
    runner.located("check", [outside, inside], "sweepspec: 1\nparam_space: {}\n")
    bad = Result("sweepspec: 1\nparam_space: {x: {uniform: [1, 0]}}\n", "spec")
    runner.invariants("convert spec->spec", "spec", "spec", bad, validated=True)
    assert [c.kind for c in report.crashes] == ["exception", "location", "invariant"]
    assert "ZeroDivisionError" in report.crashes[0].signature
    assert "V001" in report.crashes[2].detail


def test_the_oracle_sees_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fuzz, "HANG_SECONDS", 0.2)
    report = fuzz.Report()

    def forever() -> None:
        while True:
            pass

    fuzz.Runner(report, "x.yaml", b"").guard("check", forever)
    assert [c.kind for c in report.crashes] == ["hang"]


@pytest.mark.slow
@pytest.mark.engine  # the fuzzer builds clean mutants into hyperopt and Ray Tune objects
def test_the_long_run_command_prints_its_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert fuzz.main_cli(["--cases", "3", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    assert "fuzz: 3 cases in" in out and "fuzz: 0 crashes, 0 distinct" in out
    assert "check: " in out  # the outcome counts


# --- regressions: every crash the fuzzer found, with the input that triggered it -----------------


def _codes(diagnostics: list[Diagnostic]) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in diagnostics]


def _inside(diagnostics: list[Diagnostic], text: str) -> None:
    for d in diagnostics:
        assert fuzz.bad_location(d, text) is None, d


def test_a_wrong_type_at_the_end_of_the_file_is_described() -> None:
    """IndexError in schema._describe: a null value on the (empty) last line of a W&B file."""
    text = (
        "method: bayes\nmetric:\n  name: loss\nparameters:\n  epochs:\n    value: 5\n  direction:\n"
    )
    found = check_text(text, "w.yaml")
    # the empty value is right after `direction:`, not on the (empty) 8th line
    assert ("S005", 7, 13) in _codes(found)
    _inside(found, text)


def test_a_null_key_is_reported_not_raised() -> None:
    """TypeError in jsonschema (patternProperties on a None key): `:` alone is a null key."""
    text = "sweepspec: 1\nparam_space:\n  lr: {uniform: [0, 1]}\n: x\n"
    found = check_text(text, "s.yaml")
    assert ("Y009", 4, 1) in _codes(found)
    wandb = "method: random\nparameters:\n  a: {values: [1]}\n  : {values: [2]}\n"
    assert ("Y009", 4, 3) in _codes(check_text(wandb, "w.yaml"))
    result = convert_text(wandb, "wandb-tune", "w.yaml")
    assert "Y009" in {d.code for d in result.diagnostics}


def test_lines_are_numbered_as_yaml_numbers_them() -> None:
    """Spans past the end of a line: a NEL (U+0085) line made `splitlines` count one line more
    than YAML does, so a block's end was placed on the wrong line."""
    text = "method: grid\n\x85\nparameters:\n  batch_size:\n    values: [32, 64]\n"
    doc = load_text(text, "w.yaml")
    assert doc.spans.value(()).end_line == 5
    _inside(check_text(text, "w.yaml"), text)
    quoted = "sweepspec: 1\nname: 'a\x85b'\nparam_space:\n  x: {uniform: [0, 1]}\n  y: 1e-5\n"
    assert ("S003", 1, 1) not in _codes(check_text(quoted, "s.yaml"))


def test_a_forced_spec_that_is_not_a_spec_is_refused() -> None:
    """`convert --from spec` of a W&B file returned the W&B file as a spec (and wrote W&B
    `metric: {name: ...}` into a W&B file as if it were the spec's `metric: name`)."""
    text = "method: grid\nmetric:\n  name: loss\nparameters:\n  a:\n    values: [1, 2]\n"
    for to in ("spec", "wandb"):
        result = convert_text(text, to, "w.yaml", source_format="spec")
        assert result.text is None
        assert _codes(result.diagnostics) == [("S001", 1, 1)]


def test_a_forced_hyperopt_source_is_read_as_python() -> None:
    """`convert - --from hyperopt` read Python from standard input as the legacy YAML format."""
    source = "from hyperopt import hp\nspace = {'x': hp.uniform('x', 0, 1)}\n"
    result = convert_document(load_bytes(source.encode(), "<stdin>"), "spec", "hyperopt")
    assert result.diagnostics == [] and result.text is not None
    assert plain(load_text(result.text).data)["param_space"] == {"x": {"uniform": [0, 1]}}


def test_a_wandb_sweep_without_parameters_converts_to_a_valid_spec() -> None:
    """W&B accepts a sweep without `parameters`; its spec had no `param_space` (S004)."""
    text = "program: train.py\nmethod: random\nmetric:\n  name: loss\n  goal: minimize\n"
    assert _codes(check_text(text, "w.yaml")) == []
    spec = convert_text(text, "spec", "w.yaml")
    assert spec.text is not None and spec.diagnostics == []
    assert _codes(check_text(spec.text, "s.yaml")) == []
    assert convert_text(spec.text, "wandb", "s.yaml").text == text


def test_a_wandb_hyperband_without_max_iter_round_trips() -> None:
    """A valid W&B `early_terminate: {type: hyperband, min_iter: 500}` became a spec whose
    scheduler `check` refuses (V008: grace_period 500 above ASHA's default max_t of 100), so
    `--to wandb` wrote nothing. The spec now states a `max_t` (said, as info) and W&B gets its
    file back without `max_iter`."""
    text = (
        "method: random\nmetric: {name: l}\nearly_terminate: {type: hyperband, min_iter: 500}\n"
        "parameters:\n  a: {values: [1]}\n"
    )
    assert _codes(check_text(text, "w.yaml")) == []
    spec = convert_text(text, "spec", "w.yaml")
    assert [(d.code, d.severity, d.line) for d in spec.diagnostics] == [("X001", Severity.INFO, 3)]
    assert spec.text is not None and check_text(spec.text) == []
    assert "max_t: 13500" in spec.text
    back = convert_text(spec.text, "wandb", "s.yaml")
    assert back.text is not None
    assert "early_terminate: {type: hyperband, min_iter: 500, eta: 3}" in back.text
    small = convert_text(text.replace("500", "50"), "spec", "w.yaml")
    assert small.diagnostics == [] and _codes(check_text(small.text or "")) == []


def test_wandb_metrics_are_reported_as_what_the_spec_cannot_say() -> None:
    """A valid W&B `method: bayes` with `metrics` (several objectives) became a spec that
    `check` refuses (V013: bayesopt needs `metric` and `mode`), without a word."""
    text = (
        "method: bayes\nmetrics:\n  - {name: loss, goal: minimize}\n"
        "  - {name: accuracy, goal: maximize}\nparameters:\n  lr: {values: [0.1, 0.01]}\n"
    )
    assert _codes(check_text(text, "w.yaml")) == []
    spec = convert_text(text, "spec", "w.yaml")
    assert [(d.code, d.severity, d.line) for d in spec.diagnostics] == [
        ("X001", Severity.WARNING, 2)
    ]
    assert "V013" in {d.code for d in check_text(spec.text or "", "s.yaml")}  # as reported


def test_a_misspelt_key_that_decides_the_others_is_reported_missing() -> None:
    """`search_alg: {t:ype: hyperopt}` passed `check` (S004 for `type` was left to an S003
    for `t:ype` that the open mapping never reports), and `to_tune` then raised KeyError."""
    text = "sweepspec: 1\nsearch_alg: {t:ype: hyperopt}\nparam_space:\n  lr: {uniform: [0, 1]}\n"
    found = check_text(text, "s.yaml")
    assert _codes(found) == [("S004", 2, 1)] and found[0].hint == "is `t:ype` meant to be `type`?"


def test_a_suppression_with_nothing_after_it_silences_nothing() -> None:
    """`# sweepspec: ignore[V0` (cut off) at the end of a file silenced every finding of the
    file: the unclosed `[` made it a bare `ignore`, and with no line after it, it applied to
    the whole file."""
    bad = "sweepspec: 1\nsearch_alg: {type: baye}\nparam_space:\n  x: {uniform: [1, 0]}\n"
    cut = check_text(bad + "# sweepspec: ignore[V0", "s.yaml")
    assert {"S006", "V001"} <= {d.code for d in cut}
    assert ("U002", 5, 1) in _codes(cut)
    bare = check_text(bad + "# sweepspec: ignore\n", "s.yaml")
    assert {"S006", "V001"} <= {d.code for d in bare}
    assert ("U001", 5, 1) in _codes(bare)


def test_a_wandb_hyperband_needs_a_metric() -> None:
    """A W&B `early_terminate` without `metric` passed `check` (W&B's hyperband raises at run
    time) and converted silently to a spec whose scheduler `check` refuses (V013)."""
    text = (
        "program: train.py\nmethod: grid\nearly_terminate: {type: hyperband, min_iter: 3}\n"
        "parameters:\n  a: {values: [1, 2]}\n"
    )
    assert _codes(check_text(text, "w.yaml")) == [("V013", 3, 1)]


def test_python_comments_that_yaml_cannot_hold_are_replaced() -> None:
    """A control character in a Python comment was copied into the YAML, which then did not
    load (Y001)."""
    source = (
        "# \x14he space\nfrom hyperopt import hp\nspace = {'x': hp.uniform('x', 0, 1)}  # a\x85b\n"
    )
    result = convert_source(source, "spec", "m.py")
    assert result.text is not None and result.diagnostics == []
    assert load_text(result.text).diagnostics == ()
    assert "# \ufffdhe space" in result.text


def test_an_empty_wandb_group_is_a_constant() -> None:
    """`param_space: {g: {}}` became W&B `g: {parameters: {}}`, which W&B refuses."""
    result = convert_text("sweepspec: 1\nparam_space:\n  g: {}\n  x: 1\n", "wandb", "s.yaml")
    assert result.text is not None
    assert plain(load_text(result.text).data) == {
        "method": "random",
        "parameters": {"g": {"value": {}}, "x": {"value": 1}},
    }
    # the trial gets `g: {}` either way: the read-back finds nothing lost
    assert [(d.code, d.line) for d in result.diagnostics] == []
    assert _codes(check_text(result.text, "w.yaml")) == []


def test_wandb_parameters_that_are_not_a_mapping_are_reported() -> None:
    result = convert_text("method: random\nparameters: 3\n", "spec", "w.yaml")
    # `check`'s finding (the reader's X003 on the same node is not said twice); refused
    assert result.text is None and _codes(result.diagnostics) == [("S005", 2, 13)]
    best = convert_text("method: random\nparameters: 3\n", "spec", "w.yaml", best_effort=True)
    # written with best effort: the reader says what it did with it too
    assert best.text is not None
    assert _codes(best.diagnostics) == [("S005", 2, 13), ("X003", 2, 13)]


def test_an_empty_space_is_not_written_as_wandb_parameters() -> None:
    """`param_space: {}` became `parameters: {}`, which W&B refuses (at least one parameter)."""
    result = convert_text("sweepspec: 1\nparam_space: {}\n", "wandb", "s.yaml")
    assert result.text == "method: random\n"
    assert _codes(check_text(result.text, "w.yaml")) == []


def test_an_integer_range_of_one_value_is_a_wandb_constant() -> None:
    """`uniformint: [3, 3]` (allowed by the spec, with a warning) became W&B `int_uniform` with
    min == max, which W&B refuses; `randint: [3, 4]` the same."""
    text = "sweepspec: 1\nparam_space:\n  a: {uniformint: [3, 3]}\n  b: {randint: [3, 4]}\n"
    result = convert_text(text, "wandb", "s.yaml")
    assert result.text == "method: random\nparameters:\n  a: {value: 3}\n  b: {value: 3}\n"
    assert [(d.code, d.line) for d in result.diagnostics if d.code == "X001"] == [
        ("X001", 3),
        ("X001", 4),
    ]
    assert _codes(check_text(result.text, "w.yaml")) == []


def test_parameter_names_wandb_refuses_are_reported() -> None:
    """`.NaF: {uniform: [0, 1]}` was written into W&B, whose names match `[A-Za-z_]...`."""
    result = convert_text("sweepspec: 1\nparam_space:\n  .NaF: {uniform: [0, 1]}\n", "wandb")
    assert [(d.code, d.severity, d.line) for d in result.diagnostics] == [
        ("X001", Severity.WARNING, 3)
    ]


def test_a_wandb_distribution_that_is_not_a_name_is_reported() -> None:
    """TypeError (unhashable CommentedSeq): `distribution: [uniform]`."""
    text = "method: random\nparameters:\n  a:\n    distribution: [uniform]\n"
    result = convert_text(text, "spec", "w.yaml")
    assert result.text is None and _codes(result.diagnostics) == [("S006", 4, 19)]


def test_a_deprecated_wandb_exponent_too_large_for_exp_is_reported() -> None:
    """OverflowError: `log_uniform` with `max: 1000` (exp(1000) is not a float)."""
    text = (
        "method: random\nparameters:\n  a:\n    distribution: log_uniform\n"
        "    min: 0\n    max: 1000\n"
    )
    result = convert_text(text, "spec", "w.yaml")
    assert result.failed() and _codes(result.diagnostics) == [("X003", 4, 5)]


def test_infinite_and_nan_arguments_are_reported() -> None:
    """`.inf` and `.nan` passed the schema (`number`) and `check`, then converters wrote
    `math.log(inf)` and legacy calls that do not read back."""
    text = "sweepspec: 1\nparam_space:\n  a: {loguniform: [1, .inf]}\n  b: {uniform: [.nan, 1]}\n"
    assert _codes(check_text(text, "s.yaml")) == [("S007", 3, 23), ("S007", 4, 17)]
    for to in ("wandb", "wandb-tune", "hyperopt"):
        assert convert_text(text, to, "s.yaml").text is None
    wandb = "method: random\nparameters:\n  a:\n    min: 0\n    max: .inf\n"
    assert _codes(check_text(wandb, "w.yaml")) == [("S007", 5, 10)]


def test_malformed_legacy_files_are_reported_not_raised() -> None:
    """AttributeError ('str' object has no attribute 'get') on `tune: train.py`, and the like:
    a `tune` that is not a mapping, an unknown search algorithm (read as HyperOptSearch),
    `{args, kwargs}` of the wrong types, options that are not a list, exponents too large."""
    cases = {
        "program: t.py\ntune: train.py\n": ("X003", 2, 7),
        "tune:\n  search_alg:\n    zoopt.ZOOptSearch: {}\n": ("X003", 2, 3),
        "tune:\n  search_alg:\n    hyperopt.HyperOptSearch: {args: 1, kwargs: 2}\n": ("X003", 2, 3),
        "tune:\n  config:\n    a:\n      hyperopt.hp.choice: [a, 5]\n": ("X003", 3, 5),
        "tune:\n  config:\n    a:\n      hyperopt.loguniform: {min_bound: 0, max_bound: 1000}\n": (
            "X003",
            3,
            5,
        ),
        "tune:\n  config: [1, 2]\n": ("X003", 2, 11),
    }
    for text, expected in cases.items():
        result = convert_text(text, "spec", "l.yaml")
        assert expected in _codes(result.diagnostics), (text, result.diagnostics)
        assert result.failed()


def test_random_search_is_written_as_the_legacy_engines_own_sampling() -> None:
    """A spec without a search algorithm (or with the variant generator) was written as a
    HyperOptSearch: TPE instead of random search, and `metric`/`mode` demanded on the way back
    (V013). The legacy engine sampled `tune.config` itself when there was no `search_alg`."""
    text = "sweepspec: 1\nmetric: loss\nmode: min\nparam_space:\n  x: {uniform: [0, 1]}\n"
    legacy = convert_text(text, "wandb-tune", "s.yaml")
    assert legacy.text == (
        "tune:\n  config:\n    x:\n      hyperopt.hp.uniform:\n"
        "        - x\n        - 0\n        - 1\n"
    )
    # metric and mode: no place without a searcher or scheduler; and the seed's note that
    # the legacy engine's own sampling was only partly Ray's (no grids), at the space
    assert [(d.code, d.line) for d in legacy.diagnostics] == [
        ("X001", 2),
        ("X001", 3),
        ("X004", 4),
    ]
    back = convert_text(legacy.text, "spec", "l.yaml")
    assert back.text == "sweepspec: 1\nparam_space:\n  x: {uniform: [0, 1]}\n"
    assert _codes(check_text(back.text, "s.yaml")) == []


def test_legacy_constants_are_written_as_the_values_they_are() -> None:
    """`{constant: {}}` was written into the legacy space as is, and read back as a call of an
    unknown function `constant`; a labelled `loguniform` lost its label silently."""
    text = (
        "sweepspec: 1\nparam_space:\n  e: {constant: {}}\n  a: {constant: {x: 1}}\n"
        "  b: {loguniform: {low: 0.1, high: 1, label: lr}}\n  c: {constant: [5]}\n"
    )
    legacy = convert_text(text, "wandb-tune", "s.yaml")
    assert legacy.text is not None
    assert [(d.code, d.line) for d in legacy.diagnostics] == [("X001", 4), ("X001", 5)]
    config = plain(load_text(legacy.text).data)["tune"]["config"]
    assert (config["e"], config["a"], config["c"]) == ({}, {"x": 1}, [5])
    back = convert_text(legacy.text.replace("    a: {x: 1}\n", ""), "spec", "l.yaml")
    assert back.diagnostics == [] and back.text is not None
    assert plain(load_text(back.text).data)["param_space"]["c"] == [5]


def test_suppression_findings_of_a_conversion_are_placed_in_the_source() -> None:
    """U001 was placed at the line of the spec written in between (7:24 in a 6-line file)."""
    text = (
        "method: random\nparameters:\n  # a comment\n  # another\n  lr:\n"
        "    values: [1e-5, 2]  # sweepspec: ignore[W001]\n"
    )
    result = convert_text(text, "wandb-tune", "w.yaml")
    (unused,) = [d for d in result.diagnostics if d.code == "U001"]
    assert (unused.line, unused.column) == (6, 24)
    assert "on line 6" in unused.message
    _inside(result.diagnostics, text)


def test_python_findings_are_placed_at_character_columns() -> None:
    """`ast` columns are UTF-8 byte offsets: a finding after `é` was placed past its column."""
    source = "from hyperopt import hp\nspace = {'éééééééééé': hp.uniform('x', 0, f())}\n"
    result = convert_source(source, "spec", "u.py")
    # the entry at `f()`, and the space, left with no entry, at its `{`
    assert _codes(result.diagnostics) == [("X003", 2, 9), ("X003", 2, 43)]
    _inside(result.diagnostics, source)


@pytest.mark.engine
def test_hyperopt_dicts_named_like_distributions_stay_dicts() -> None:
    """`{'beta': {'x': hp.uniform(...)}}` read as the spec's `beta` distribution (S004 on the
    way back); `{'uniform': 1}` as a `uniform` distribution. Both are hyperopt dicts."""
    source = (
        "from hyperopt import hp\nspace = {\n    'opt': {'beta': hp.uniform('beta', 0, 1)},\n"
        "    'c': {'uniform': 1},\n"
        "    'ch': hp.choice('ch', [{'normal': 2}, {'choice': hp.randint('r', 3)}]),\n}\n"
    )
    result = convert_source(source, "spec", "h.py")
    assert result.diagnostics == [] and result.text is not None
    space = plain(load_text(result.text).data)["param_space"]
    assert space["opt"] == {"group": {"beta": {"uniform": {"low": 0, "high": 1, "label": "beta"}}}}
    assert space["c"] == {"constant": {"uniform": 1}}
    assert space["ch"]["choice"][0] == {"constant": {"normal": 2}}
    # a space read alone says hyperopt's objective convention (issue 17), so it checks clean
    assert "metric: loss\nmode: min\n" in result.text
    checked = check_text(result.text)
    assert [d for d in checked if d.severity is Severity.ERROR] == []
    hyperopt = need("hyperopt")
    from sweepspec.formats.hyperopt import from_space

    hp = hyperopt.hp
    live = {"opt": {"beta": hp.uniform("beta", 0, 1)}, "c": {"uniform": 1}}
    assert plain(from_space(live)) == {key: space[key] for key in ("opt", "c")}


def test_a_broken_copy_of_the_spec_in_a_module_is_not_written_back() -> None:
    """A module whose `SWEEPSPEC = ...` copy of its spec was edited into YAML with a duplicate
    key was converted back to that very text, with its Y002 (the copy was trusted blindly)."""
    module = convert_text(
        "sweepspec: 1\nprogram: train.py\nparam_space:\n  x: {uniform: [0, 1]}\n", "hyperopt"
    ).text
    assert module is not None
    edited = module.replace("program: train.py\n", "program: train.py\nprogram: other.py\n")
    result = convert_source(edited, "spec", "m.py")
    assert [(d.code, d.severity) for d in result.diagnostics] == [("X003", Severity.WARNING)]
    assert result.diagnostics[0].line == edited.splitlines().index('SWEEPSPEC = """\\') + 1
    assert result.text is not None and load_text(result.text).diagnostics == ()
    assert plain(load_text(result.text).data)["param_space"] == {"x": {"uniform": [0, 1]}}


def test_hyperopt_calls_with_the_wrong_arguments_are_located() -> None:
    """ValueError (too many values to unpack) on `hp.pchoice("a", 0, 1)`, TypeError on
    `hp.pchoice("c", [1, 2])`; `hp.choice("b", 3)` became a choice of `3`."""
    for call, message in (
        ('hp.pchoice("a", 0, 1)', "too many arguments"),
        ('hp.choice("b", 3)', "a list of options"),
        ('hp.pchoice("c", [1, 2])', "a list of (probability, option)"),
        ('hp.uniform("d", 0, 1, 2)', "too many arguments"),
    ):
        source = f"from hyperopt import hp\nspace = {{\n    'x': {call},\n}}\n"
        result = convert_source(source, "spec", "m.py")
        # the entry, and the space its only entry was
        assert result.text is None, call
        assert _codes(result.diagnostics) == [("X003", 2, 9), ("X003", 3, 10)], call
        assert message in result.diagnostics[1].message
    fine = "from hyperopt import hp\nspace = {'n': hp.randint('n', 2, 9)}\n"
    assert convert_source(fine, "spec", "m.py").diagnostics == []


@pytest.mark.engine
def test_a_suppressed_error_does_not_crash_the_hyperopt_builder() -> None:
    """ValueError (math domain error) from `to_space` on `loguniform: [0.0, 0.1]` whose V003
    the file suppresses; its module wrote `math.log(0.0)`, which did not read back."""
    text = (
        "sweepspec: 1\nparam_space:\n  lr: {loguniform: [0.0, 1.0e-1]}  # sweepspec: ignore[V003]\n"
    )
    assert check_text(text, "s.yaml") == []
    need("hyperopt")
    from sweepspec.formats.hyperopt import to_space

    built = to_space(load_text(text, "s.yaml"))
    assert built.space is None
    assert [(d.code, d.severity, d.line, d.column) for d in built.diagnostics] == [
        ("X001", Severity.ERROR, 3, 21)
    ]
    module = convert_text(text, "hyperopt", "s.yaml").text or ""
    back = convert_source(module.split("SWEEPSPEC =")[0], "spec", "s.py")
    assert back.diagnostics == [] and back.text is not None
    assert plain(load_text(back.text).data)["param_space"]["lr"] == {"loguniform": [0.0, 0.1]}


def test_a_log_that_is_not_a_bound_is_its_value() -> None:
    """RepresenterError (`_Log(value=2)` written into the YAML): `math.log(2)` as a constant or
    as a normal's mean, which the module computes."""
    source = (
        "import math\nfrom hyperopt import hp\n"
        "space = {'x': math.log(2), 'y': hp.normal('y', math.log(3), 1), 'z': math.log(0)}\n"
    )
    bad = convert_source(source, "spec", "m.py")
    assert _codes(bad.diagnostics) == [("X003", 3, 70)]
    result = convert_source(source.replace(", 'z': math.log(0)", ""), "spec", "m.py")
    assert result.diagnostics == [] and result.text is not None
    space = plain(load_text(result.text).data)["param_space"]
    assert space == {"x": math.log(2), "y": {"normal": [math.log(3), 1]}}


def test_odd_python_is_read_without_interpreter_warnings() -> None:
    """`SyntaxWarning: invalid hexadecimal literal` was printed (twice, once by the Ray check)
    for a module that parses: Python's warnings about code sweepspec only reads."""
    source = "from hyperopt import hp\nx = [0x1for x in y]\nspace = {'a': hp.uniform('a', 0, 1)}\n"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = convert_source(source, "spec", "m.py")
    assert [str(w.message) for w in caught] == []
    assert result.diagnostics == [] and result.text is not None


def test_a_single_hyperopt_expression_is_named_by_its_label() -> None:
    """`space = hp.uniform('x', 0, 1)` became `param_space: {uniform: {...}}`, a group of
    constants named `uniform`; now it is the parameter `x`, and the change of shape (the
    objective receives `{'x': value}`) is said where the space is."""
    source = "from hyperopt import hp\nspace = hp.uniform('x', 0, 1)\n"
    result = convert_source(source, "spec", "h.py")
    assert _codes(result.diagnostics) == [("X001", 2, 9)]
    assert "receives a dict" in result.diagnostics[0].message
    assert result.text is not None
    assert plain(load_text(result.text).data)["param_space"] == {"x": {"uniform": [0, 1]}}


def test_what_hyperopt_cannot_write_still_gives_a_module_that_runs_and_reads_back() -> None:
    """The module had `hp.beta(...)` (hyperopt has none; the module failed to import and to
    read back), an empty `hp.choice` for `grid_search: {values: [...]}`, `nan` for `.nan`, and
    `{group: ...}` options as the spec's own text."""
    text = (
        "sweepspec: 1\nparam_space:\n  p: {beta: [2.0, 5.0]}\n"
        "  batch: {grid_search: {values: [32, 64]}}\n  c: {choice: [.nan, .inf, -.inf]}\n"
        "  g: {choice: [{group: {choice: {randint: [0, 3]}}}, 1]}\n"
    )
    result = convert_text(text, "hyperopt", "s.yaml")
    assert result.text is not None
    module = result.text
    assert 'hp.uniform("p", 0, 1)' in module and "hp.beta" not in module
    assert 'hp.choice("batch", [32, 64])' in module
    assert '[float("nan"), float("inf"), -float("inf")]' in module
    assert '"choice": hp.randint("g/0/choice", 0, 3)' in module
    beta = [d for d in result.diagnostics if "beta" in d.message]
    assert [d.code for d in beta] == ["X001"] and "hp.uniform(label, 0, 1)" in beta[0].message
    back = convert_source(module.split("SWEEPSPEC =")[0], "spec", "s.py")
    assert back.diagnostics == [] and back.text is not None
    space = plain(load_text(back.text).data)["param_space"]
    assert space["batch"] == {"choice": [32, 64]}
    assert math.isnan(space["c"]["choice"][0]) and space["c"]["choice"][1:] == [
        math.inf,
        -math.inf,
    ]
    assert space["g"] == {"choice": [{"group": {"choice": {"randint": [0, 3]}}}, 1]}


def test_nested_hyperopt_labels_derive_from_the_key_path() -> None:
    """The writer and the live builder labelled what is nested in a labelled choice with the
    choice's label (`act/x`), while the spec, and `check`'s duplicate-label rule, derive it from
    the key path (`model/x`): a duplicate hyperopt would raise on was not reported."""
    text = (
        "sweepspec: 1\nparam_space:\n  model: {choice: {options: [{x: {uniform: [0, 1]}, y: 1},"
        " 2], label: act}}\n"
    )
    module = convert_text(text, "hyperopt", "s.yaml").text or ""
    assert 'hp.uniform("model/x", 0, 1)' in module
    bare = hyperopt_source.read(module.split("SWEEPSPEC =")[0], "s.py")
    assert bare.data is not None
    assert plain(bare.data["param_space"]) == plain(load_text(text).data["param_space"])


@pytest.mark.engine
def test_quantised_bounds_ray_refuses_are_reported_not_raised() -> None:
    """ValueError from Ray (`not divisible by quantization factor`) escaped `to_tune`."""
    need("ray.tune")
    from sweepspec.formats.tune import to_tune

    text = "sweepspec: 1\nparam_space:\n  g:\n    w: {quniform: [0.3, 10, 0.5]}\n"
    setup = to_tune(load_text(text, "s.yaml"))
    assert setup.param_space is None
    assert [(d.code, d.severity, d.line, d.column) for d in setup.diagnostics] == [
        ("X001", Severity.ERROR, 4, 9)
    ]
    assert "divisible" in setup.diagnostics[0].message


@pytest.mark.engine
def test_a_searcher_ray_cannot_build_is_reported_not_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """AssertionError ("Ax must be installed!") escaped `to_tune` (and `sweepspec run` printed
    an internal error) for a valid spec whose searcher's package is not installed."""
    HyperOptSearch = need("ray.tune.search.hyperopt").HyperOptSearch
    from sweepspec.formats.tune import to_tune

    def missing(self: Any, *args: Any, **kwargs: Any) -> None:
        raise AssertionError("HyperOpt must be installed!\n    pip install hyperopt")

    monkeypatch.setattr(HyperOptSearch, "__init__", missing)
    text = "sweepspec: 1\nmetric: m\nmode: min\nsearch_alg: {type: hyperopt}\nparam_space: {}\n"
    setup = to_tune(load_text(text, "s.yaml"))
    assert setup.param_space is None
    assert [(d.code, d.severity, d.line, d.column, d.message) for d in setup.diagnostics] == [
        (
            "X001",
            Severity.ERROR,
            4,
            20,
            "tune: cannot build HyperOptSearch: AssertionError: HyperOpt must be installed!",
        )
    ]


def test_line_breaks_yaml_reads_as_spaces_are_written_escaped() -> None:
    """`a<NEL>b` was written inside single quotes, where YAML folds it to `a b`."""
    for value in ("a\x85b", "x\u2028", "\u2029"):
        data = {"k": value, value: [value]}
        text = dump(data)
        assert plain(load_text(text).data) == data, text


@pytest.mark.engine
def test_live_hyperopt_exponents_too_large_are_unconvertible() -> None:
    """OverflowError from exp() escaped `from_space` (documented to raise Unconvertible)."""
    hyperopt = need("hyperopt")
    from sweepspec.formats.hyperopt import Unconvertible, from_space

    with pytest.raises(Unconvertible) as exc:
        from_space({"lr": hyperopt.hp.loguniform("lr", 0, 1000)})
    assert exc.value.path == ("lr",)


def test_legacy_reader_calls_keep_their_shapes() -> None:
    """The legacy reader's `_call` on the shim's three encodings, and on what is none of them."""
    assert wandb_tune._call({"f": [1, 2]}) == ("f", [1, 2], {})
    assert wandb_tune._call({"f": {"args": [1], "kwargs": {"k": 2}}}) == ("f", [1], {"k": 2})
    assert wandb_tune._call({"f": {"k": 2}}) == ("f", [], {"k": 2})
    assert wandb_tune._call({"f": {"args": 1}}) is None
    assert wandb_tune._call([1]) is None
