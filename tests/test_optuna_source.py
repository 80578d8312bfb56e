"""The Optuna objective reader on the constructs users' files showed it getting wrong
(``tests/data/optuna/``), and its promise on any shape of expression: a ``trial.suggest_*``
call is carried into the spec or named by a finding at its line, never silently absent."""

from __future__ import annotations

import ast
import math
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, need
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap

from sweepspec.convert import convert_file, convert_source
from sweepspec.diagnostics import Diagnostic, Severity, Span
from sweepspec.emit import diagnostic
from sweepspec.formats.model import Reading
from sweepspec.formats.optuna_source import read
from sweepspec.meaning import plain

DATA = ROOT / "tests" / "data" / "optuna"
SUGGEST = 'trial.suggest_float("x", 0.0, 1.0)'


def _read(path: Path) -> tuple[dict[str, Any], list[Diagnostic]]:
    reading = read(path.read_text(), str(path))
    assert reading.data is not None, reading.diagnostics
    return plain(reading.data), reading.diagnostics


def _warnings(found: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in found if d.severity is not Severity.INFO]


# 1. suggest calls inside calls with a method chained on them


def test_a_suggest_in_a_call_with_a_chained_method_is_carried() -> None:
    spec, found = _read(DATA / "chained_call.py")
    assert spec["param_space"] == {
        "penalty": {"choice": ["l1", "l2"]},
        "C": {"loguniform": [1e-5, 100]},
    }
    assert _warnings(found) == []


def test_the_only_suggest_inside_a_chained_call_is_the_space() -> None:
    spec, found = _read(DATA / "chained_call_only.py")
    assert spec["param_space"] == {"n_estimators": {"uniformint": [10, 100]}}
    assert found == []


# Expressions a suggest call can sit in; `S` is the call. Each is a context Python evaluates
# the call in (or, for a lambda, may never evaluate it).
EXPRESSIONS = [
    "<S>",
    "f(<S>).fit(X, y)",
    "f(a=<S>).fit(X, y).score(X)",
    "f(X).fit(X, sample_weight=<S>)",
    "cross_val_score(RF(n=<S>), X, y).mean()",
    "[<S>][0]",
    "{'a': 1}[<S>]",
    "table[int(<S>)]",
    "<S>.real",
    "str(<S>).upper()",
    "-<S>",
    "<S> * 2 + 1",
    "<S> if flag else 0.5",
    "flag and <S>",
    "not <S>",
    "<S> > 0.5",
    "(<S>,)",
    "{<S>}",
    "[*[<S>]]",
    "(y := <S>)",
    "f(*[<S>])",
    "f(**{'a': <S>})",
    "f'{<S>}'",
    "f'{<S>:.2f}'",
    "max(<S>, 0.1)",
    "[<S> for _ in range(1)]",
    "{k: <S> for k in ['a']}",
    "sum(<S> for _ in [0])",
    "(lambda: <S>)()",
    "sorted([1], key=lambda v: <S>)",
    "lambda: <S>",
]

# Statements around an expression `<E>`, in the objective's body (four spaces in).
STATEMENTS = [
    "value = <E>",
    "value: float = <E>",
    "params['x'] = <E>",
    "obj.x = <E>",
    "params.update(x=<E>)",
    "params.update({'x': <E>})",
    "value += <E>",
    "<E>",
    "assert <E>",
    "with ctx(<E>):\n        pass",
    "for _ in range(int(<E>)):\n        pass",
    "while <E>:\n        break",
    "if <E>:\n        pass",
    "if flag:\n        value = <E>",
    "raise ValueError(<E>)",
    "match <E>:\n        case _:\n            pass",
    "try:\n        value = <E>\n    except ValueError:\n        pass",
    "def inner():\n        return <E>\n    inner()",
    "return <E>",
]


def _module(statement: str, expression: str) -> str:
    body = statement.replace("<E>", expression.replace("<S>", SUGGEST))
    return (
        "import optuna\n\n\n"
        "def objective(trial):\n"
        "    params = {}\n"
        f"    {body}\n"
        "    return 0.0\n\n\n"
        "study = optuna.create_study()\n"
        "study.optimize(objective, n_trials=3)\n"
    )


def _carried(spec: Any) -> bool:
    """Whether the spec holds the suggest's distribution, `uniform: [0.0, 1.0]`, anywhere."""
    if isinstance(spec, dict):
        if spec.get("uniform") in ([0.0, 1.0], {"low": 0.0, "high": 1.0, "label": "x"}):
            return True
        return any(_carried(v) for v in spec.values())
    if isinstance(spec, list):
        return any(_carried(v) for v in spec)
    return False


def _assert_carried_or_named(source: str, reading: Reading | None = None) -> None:
    """The suggest call `SUGGEST` in ``source`` is in the spec read, or a finding names it: a
    finding that starts where the call starts, or that quotes the call or its name. A finding
    that only happens to be on the call's line (on another part of it) does not count."""
    reading = reading or read(source, "objective.py")
    call = ast.unparse(ast.parse(SUGGEST))
    node = next(n for n in ast.walk(ast.parse(source)) if ast.unparse(n) == call)
    # the call's start as findings give it: 1-based line and column (the source is ASCII)
    start = (node.lineno, node.col_offset + 1)
    named = [
        d
        for d in reading.diagnostics
        if d.severity is not Severity.INFO
        and (
            (d.span.line, d.span.column) == start
            or call in d.message
            or any(f"{q}x{q}" in d.message for q in "`'\"")
        )
    ]
    carried = reading.data is not None and _carried(plain(reading.data))
    assert carried or named, (source, reading.diagnostics)


def test_a_finding_elsewhere_on_the_calls_line_does_not_name_it() -> None:
    source = _module("value = f(z) + <E>", "<S>")
    elsewhere = diagnostic(
        "X003", "`z` is known only when it runs", "objective.py", Span(6, 15, 6, 16)
    )
    dropped = Reading(CommentedMap(param_space=CommentedMap()), [elsewhere])
    with pytest.raises(AssertionError):
        _assert_carried_or_named(source, dropped)
    at_the_call = replace(elsewhere, span=Span(6, 20, 6, 55), message="not carried")
    _assert_carried_or_named(source, replace(dropped, diagnostics=[at_the_call]))


@pytest.mark.parametrize("statement", STATEMENTS)
def test_a_suggest_in_any_statement_is_carried_or_named(statement: str) -> None:
    _assert_carried_or_named(_module(statement, "<S>"))


@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_a_suggest_in_any_expression_is_carried_or_named(expression: str) -> None:
    _assert_carried_or_named(_module("value = <E>", expression))


@settings(max_examples=150, deadline=None)
@given(
    statement=st.sampled_from(STATEMENTS),
    wrappers=st.lists(st.sampled_from(EXPRESSIONS[1:]), min_size=1, max_size=3),
)
def test_a_suggest_nested_in_random_shapes_is_carried_or_named(
    statement: str, wrappers: list[str]
) -> None:
    expression = "<S>"
    for wrapper in wrappers:  # each wraps the last: `f(S).fit(X, y)` of `[S][0]`...
        expression = wrapper.replace("<S>", f"({expression})")
    source = _module(statement, expression)
    try:
        ast.parse(source)
    except SyntaxError:  # an f-string in an f-string with the same quotes (before 3.12)
        assume(False)
    _assert_carried_or_named(source)


def test_the_suggests_a_reading_does_not_follow_are_named_in_source_order() -> None:
    # a deeper call on an earlier line comes first (a breadth-first walk gave `b` first)
    source = (
        "import optuna\n\n\ndef objective(trial):\n"
        "    def inner():\n"
        "        a = f(g(h(trial.suggest_int('a', 0, 1))))\n"
        "        b = trial.suggest_int('b', 0, 1)\n"
        "    return 0.0\n"
    )
    reading = read(source, "objective.py")
    named = [(d.span.line, d.span.column) for d in reading.diagnostics if d.span.line > 1]
    assert named == [(6, 19), (7, 13)]


@pytest.mark.parametrize(
    "bind", ["t = trial", "t: optuna.Trial = trial", "(t := trial)", "u = trial\n    t = u"]
)
def test_a_name_bound_to_the_trial_is_the_trial(bind: str) -> None:
    source = (
        "import optuna\n\n\ndef objective(trial):\n"
        f"    {bind}\n"
        "    lr = t.suggest_float('lr', 1e-5, 1e-1, log=True)\n"
        "    return helper(t) + lr\n\n\n"
        "def helper(trial):\n    s = trial\n    return s.suggest_int('n', 1, 3)\n"
    )
    reading = read(source, "objective.py")
    assert plain(reading.data)["param_space"] == {
        "lr": {"loguniform": [1e-5, 1e-1]},
        "n": {"uniformint": [1, 3]},
    }
    assert _warnings(reading.diagnostics) == []


@pytest.mark.parametrize(
    ("lines", "named"),
    [
        # through getattr, or a name bound to the method: named at the call
        (["y = getattr(trial, 'suggest_float')('y', 0, 1)"], [(5, 9)]),
        (["s = trial.suggest_float", "z = s('z', 0, 1)"], [(6, 9)]),
        # the method taken as a value; one on something that is no name of the trial
        (["c = list(map(trial.suggest_float, ['c'], [0], [1]))"], [(5, 18)]),
        (["h = Holder(trial)", "b = h.trial.suggest_float('b', 0, 1)"], [(6, 9)]),
        # a generator expression runs only when consumed
        (["g = (trial.suggest_int(f'g{i}', 0, 1) for i in range(2))"], [(5, 10)]),
    ],
)
def test_a_suggest_the_reading_does_not_follow_is_named_at_its_line(
    lines: list[str], named: list[tuple[int, int]]
) -> None:
    body = "".join(f"    {line}\n" for line in lines)
    source = f"import optuna\n\n\ndef objective(trial):\n{body}    return 0.0\n"
    reading = read(source, "objective.py")
    assert plain(reading.data)["param_space"] == {}
    found = [d for d in reading.diagnostics if d.span.line > 1]
    assert [(d.code, d.span.line, d.span.column) for d in found] == [
        ("X003", *place) for place in named
    ]
    assert all("is not carried" in d.message for d in found)


def test_a_generator_expression_a_call_consumes_is_read() -> None:
    source = (
        "import optuna\n\n\ndef objective(trial):\n"
        "    return sum(trial.suggest_int(f's{i}', 0, 1) for i in range(2))\n"
    )
    reading = read(source, "objective.py")
    assert plain(reading.data)["param_space"] == {
        "s0": {"uniformint": [0, 1]},
        "s1": {"uniformint": [0, 1]},
    }
    assert reading.diagnostics == []


# 2. a direction known only at run time


def test_a_direction_known_only_at_run_time_writes_no_mode() -> None:
    spec, found = _read(DATA / "runtime_direction.py")
    assert "mode" not in spec  # not Optuna's default, `min`, in place of what the user passes
    (named,) = [d for d in found if "direction" in d.message]
    assert (named.code, named.span.line, named.span.column) == ("X001", 11, 43)


@pytest.mark.parametrize(
    ("direction", "mode"),
    [("'maximize'", "max"), ("optuna.study.StudyDirection.MINIMIZE", "min"), ("'maximise'", None)],
)
def test_a_mode_is_written_only_for_a_direction_known_to_be_optunas(
    direction: str, mode: str | None
) -> None:
    source = (
        "import optuna\n\n\ndef objective(trial):\n    return trial.suggest_float('x', 0, 1)\n\n\n"
        f"study = optuna.create_study(direction={direction})\n"
        "study.optimize(objective, n_trials=3)\n"
    )
    reading = read(source, "objective.py")
    assert plain(reading.data).get("mode") == mode
    assert any(d.code == "X001" for d in reading.diagnostics) == (mode is None)


@pytest.mark.parametrize(
    ("sampler", "search_alg"),
    [
        (None, {"type": "optuna"}),  # Optuna's default: TPE
        (
            "optuna.samplers.RandomSampler(seed=3)",
            {"type": "optuna", "sampler": "RandomSampler", "seed": 3},
        ),
        ("samplers[sys.argv[1]]()", None),  # known only when it runs: none, never TPE
        ("make_sampler()", None),
        ("MySampler()", None),  # not one of Optuna's
    ],
)
def test_a_sampler_is_written_only_when_it_is_known(
    sampler: str | None, search_alg: dict[str, Any] | None
) -> None:
    argument = "" if sampler is None else f"sampler={sampler}"
    source = (
        "import sys\nimport optuna\n\n\ndef objective(trial):\n"
        "    return trial.suggest_float('x', 0, 1)\n\n\n"
        f"study = optuna.create_study({argument})\n"
        "study.optimize(objective, n_trials=3)\n"
    )
    reading = read(source, "objective.py")
    assert plain(reading.data).get("search_alg") == search_alg
    named = [d for d in reading.diagnostics if "sampler" in d.message]
    assert [(d.code, d.span.line) for d in named] == ([] if search_alg else [("X001", 9)])


def test_a_real_files_sampler_chosen_by_argument_is_named_not_tpe() -> None:
    spec, found = _read(DATA / "runtime_sampler.py")
    assert "search_alg" not in spec
    (named,) = [d for d in found if "sampler" in d.message]
    assert "`samplers[sys.argv[1]]()` is known only when it runs" in named.message


# 3. comments in the helpers the objective hands the trial


def test_a_commented_out_suggest_ending_a_helpers_dict_is_kept() -> None:
    text = convert_file(DATA / "helper_dict_commented_suggest.py", "spec").text
    assert text is not None
    assert text.endswith(
        "  subsample: {uniform: [0.5, 1.0]}\n"
        "  # 'rate_drop': trial.suggest_float('rate_drop', 0.1, 1.0),\n"
    ), text


def test_the_same_dict_in_a_helper_or_in_the_objective_keeps_the_same_comments(
    tmp_path: Path,
) -> None:
    # the objective's own dict always kept them: the helper's must come out the same
    inline = tmp_path / "inline.py"
    inline.write_text(
        "import optuna\n\n\ndef objective(trial):\n"
        "    params = {\n"
        "        # the learning rate\n"
        "        'eta': trial.suggest_float('eta', 0.007, 0.5, log=True),\n"
        "        'subsample': trial.suggest_float('subsample', 0.5, 1.0)\n"
        "        # 'rate_drop': trial.suggest_float('rate_drop', 0.1, 1.0),\n"
        "    }\n"
        "    return params['eta']\n"
    )
    helper = tmp_path / "helper.py"
    helper.write_text(
        "import optuna\n\n\ndef objective(trial):\n    return tuner(trial)['eta']\n\n\n"
        "def tuner(trial):\n"
        + "".join(inline.read_text().splitlines(keepends=True)[4:-1])
        + "    return params\n"
    )
    texts = [convert_file(p, "spec").text or "" for p in (inline, helper)]
    assert texts[0].replace("inline:", "helper:") == texts[1]
    assert texts[0] is not None and "# the learning rate" in texts[0]


_TUNER = (
    "def tuner(trial):\n"
    "    # unrelated: set up\n"
    "    setup = 1\n"
    "    # the tree's parameters\n"
    "    params = {\n"
    "        'eta': trial.suggest_float('eta', 0.007, 0.5, log=True),  # step size\n"
    "        # 'rate_drop': trial.suggest_float('rate_drop', 0.1, 1.0),\n"
    "    }\n"
    "    # TODO: remove this hack before the release\n"
    "    hack = 2\n"
    "    return params\n"
)
_OBJECTIVE = (
    "def objective(trial):\n"
    "    params = tuner(trial)\n"
    "    # the other one\n"
    "    x = trial.suggest_float('x', 0, 1)\n"
    "    return x\n"
)


@pytest.mark.parametrize("first", ["helper", "objective"])
def test_a_helpers_comments_stay_among_its_entries_wherever_it_is_defined(
    tmp_path: Path, first: str
) -> None:
    functions = [_TUNER, _OBJECTIVE] if first == "helper" else [_OBJECTIVE, _TUNER]
    module = tmp_path / "study.py"
    module.write_text("import optuna\n\n\n" + "\n\n".join(functions))
    text = convert_file(module, "spec").text
    assert text is not None
    # the helper's other comments are not the spec's: not its head, not a setting's
    assert text.startswith("sweepspec: 1\n"), text
    assert "unrelated" not in text and "TODO" not in text, text
    assert text.endswith(
        "param_space:\n"
        "# the tree's parameters\n"
        "  eta: {loguniform: [0.007, 0.5]}  # step size\n"
        "  # 'rate_drop': trial.suggest_float('rate_drop', 0.1, 1.0),\n"
        "  # the other one\n"
        "  x: {uniform: [0, 1]}\n"
    ), text


def test_a_commented_out_suggest_ending_a_helper_defined_first_is_kept_there(
    tmp_path: Path,
) -> None:
    # the committed file, with the helper moved above the objective
    source = (DATA / "helper_dict_commented_suggest.py").read_text()
    head, rest = source.split("def objective", 1)
    objective, rest = rest.split("def tuner", 1)
    tuner, main = rest.split("if __name__", 1)
    module = tmp_path / "helper_first.py"
    module.write_text(f"{head}def tuner{tuner}def objective{objective}if __name__{main}")
    text = convert_file(module, "spec").text
    assert text is not None
    assert text.endswith(
        "search_alg: {type: optuna}\n"
        "param_space:\n"
        "  eta: {loguniform: [0.007, 0.5]}\n"
        "  subsample: {uniform: [0.5, 1.0]}\n"
        "  # 'rate_drop': trial.suggest_float('rate_drop', 0.1, 1.0),\n"
    ), text


# 4. a stepped float: Optuna's grid points, drawn alike


def test_a_stepped_float_is_quniform_with_optunas_high_and_a_note_at_the_call() -> None:
    spec, found = _read(DATA / "float_step.py")
    # Optuna lowers 0.95 to 0.9, the last of 0.2 + k * 0.1 (FloatDistribution warns so)
    assert spec["param_space"] == {"bagging_fraction": {"quniform": [0.2, 0.9, 0.1]}}
    (note,) = [d for d in found if d.code == "X004"]
    assert (note.span.line, note.span.column, note.severity) == (5, 24, Severity.INFO)
    assert "half as likely" in note.message and "0.9" in note.message


@pytest.mark.parametrize(
    ("call", "read_as", "code"),
    [
        ("suggest_float('x', 0.0, 1.0, step=0.25)", [0.0, 1.0, 0.25], "X004"),
        ("suggest_discrete_uniform('x', 0, 10, 3)", [0, 9, 3], "X004"),
        # multiples of 0.1 are not Optuna's points 0.25 + k * 0.1: other values, a loss
        ("suggest_float('x', 0.25, 0.85, step=0.1)", [0.25, 0.85, 0.1], "X001"),
    ],
)
def test_a_stepped_float_says_how_quniform_differs(
    call: str, read_as: list[float], code: str
) -> None:
    source = f"import optuna\n\n\ndef objective(trial):\n    return trial.{call}\n"
    reading = read(source, "objective.py")
    assert plain(reading.data)["param_space"] == {"x": {"quniform": read_as}}
    assert [(d.code, d.span.line) for d in reading.diagnostics] == [(code, 5)]


def _literal(value: float) -> str:
    return repr(value) if math.isfinite(value) else f"float('{value}')"


def _stepped(low: float, high: float, step: float) -> str:
    return (
        "import optuna\n\n\ndef objective(trial):\n"
        f"    return trial.suggest_float('x', {_literal(low)}, {_literal(high)}, "
        f"step={_literal(step)})\n"
    )


def test_a_range_of_more_steps_than_optuna_computes_is_read_as_written() -> None:
    # Optuna's own decimal arithmetic raises on it (DivisionImpossible): said, never a crash
    reading = read(_stepped(0.0, 1e30, 1e-10), "objective.py")
    assert plain(reading.data)["param_space"] == {"x": {"quniform": [0.0, 1e30, 1e-10]}}
    (named,) = reading.diagnostics
    assert (named.code, named.span.line, named.severity) == ("X003", 5, Severity.WARNING)
    assert "Optuna cannot compute the last point" in named.message


@pytest.mark.parametrize(
    ("low", "high", "step", "written"),
    [
        (0.0, 1.0, math.nan, [0.0, 1.0, math.nan]),  # `high` stays the 1.0 the user wrote
        (0.0, math.inf, 0.5, [0.0, math.inf, 0.5]),
        (1.0, 0.0, 0.5, [1.0, 0.0, 0.5]),  # low > high: the check says so
        (0.0, 1.0, -0.5, [0.0, 1.0, -0.5]),
    ],
)
def test_a_step_or_bound_optuna_has_no_points_for_is_left_as_written(
    low: float, high: float, step: float, written: list[float]
) -> None:
    source = _stepped(low, high, step)
    reading = read(source, "objective.py")
    read_as = plain(reading.data)["param_space"]["x"]["quniform"]
    assert [repr(v) for v in read_as] == [repr(v) for v in written]
    assert not any("lowers it" in d.message for d in reading.diagnostics)
    result = convert_source(source, "spec", "objective.py", "optuna")
    problems = {(d.code, d.message.split(", got")[0]) for d in result.diagnostics}
    if math.isnan(step):  # what is wrong is the step, never the `high` the user wrote
        assert not any("`high`" in message for _, message in problems), problems


_FLOATS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True),
    st.sampled_from([0.0, -0.0, 5e-324, 2.2250738585072014e-308, 1e-10, 0.1, 1.0, 1e308]),
    st.floats(min_value=-100, max_value=100),  # ranges Optuna takes, most of the time
    st.floats(min_value=1e-3, max_value=10),
)


@settings(max_examples=300, deadline=None)
@given(low=_FLOATS, high=_FLOATS, step=_FLOATS)
def test_any_stepped_float_reads_without_error(low: float, high: float, step: float) -> None:
    reading = read(_stepped(low, high, step), "objective.py")
    assert reading.data is not None


@pytest.mark.engine
@settings(max_examples=300, deadline=None)
@given(low=_FLOATS, high=_FLOATS, step=_FLOATS)
def test_a_stepped_floats_high_is_optunas(low: float, high: float, step: float) -> None:
    optuna = need("optuna")
    reading = read(_stepped(low, high, step), "objective.py")
    read_high = plain(reading.data)["param_space"]["x"]["quniform"][1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Optuna warns when it lowers `high`
        try:
            expected = optuna.distributions.FloatDistribution(low, high, step=step).high
        except Exception:  # arguments Optuna refuses: nothing to compare
            return
    if math.isfinite(read_high) and math.isfinite(expected):
        assert read_high == expected, (low, high, step)


# 5. pruning through an integration's callback


@pytest.mark.parametrize(
    "callback",
    [
        "optuna.integration.XGBoostPruningCallback(trial, 'validation-auc')",
        "optuna.integration.LightGBMPruningCallback(trial, 'auc')",
        "optuna_integration.TFKerasPruningCallback(trial, 'val_loss')",
        "PyTorchLightningPruningCallback(trial, monitor='val_acc')",
    ],
)
def test_a_pruning_callback_prunes_as_reported_steps_do(callback: str) -> None:
    reported = _read(DATA / "pruning_callback.py")[0] if "XGBoost" in callback else None
    source = (
        "import optuna\n\n\ndef objective(trial):\n"
        "    x = trial.suggest_float('x', 0, 1)\n"
        f"    fit(x, callbacks=[{callback}])\n    return x\n\n\n"
        "if __name__ == '__main__':\n"
        "    study = optuna.create_study()\n    study.optimize(objective, n_trials=3)\n"
    )
    by_report = source.replace(f"fit(x, callbacks=[{callback}])", "trial.report(x, 1)")
    schedulers = [plain(read(s, "objective.py").data).get("scheduler") for s in (source, by_report)]
    # Optuna's default pruner, MedianPruner, prunes what the callback reports
    assert schedulers[0] == schedulers[1]
    assert schedulers[0] is not None and schedulers[0]["type"] == "median_stopping_rule"
    if reported is not None:
        assert reported["scheduler"] == schedulers[0]


def test_match_on_a_choice_is_its_if_chain_and_comprehensions_unroll() -> None:
    source = (
        "import optuna\n\n\ndef objective(trial):\n"
        "    model = trial.suggest_categorical('model', ['svm', 'rf', 'knn'])\n"
        "    match model:\n"
        "        case 'svm':\n            c = trial.suggest_float('c', 0.1, 1.0)\n"
        "        case _:\n            d = trial.suggest_int('d', 1, 3)\n"
        "    w = [trial.suggest_float(f'w{i}', 0, 1) for i in range(2)]\n"
        "    return 0.0\n"
    )
    reading = read(source, "objective.py")
    assert plain(reading.data)["param_space"] == {
        "model": {
            "choice": [
                {"name": "svm", "c": {"uniform": {"low": 0.1, "high": 1.0, "label": "c"}}},
                {"name": "rf", "d": {"uniformint": {"low": 1, "high": 3, "label": "d"}}},
                {"name": "knn", "d": {"uniformint": {"low": 1, "high": 3, "label": "d"}}},
            ]
        },
        "w0": {"uniform": [0, 1]},
        "w1": {"uniform": [0, 1]},
    }
    assert reading.diagnostics == []


def test_a_grid_known_only_at_run_time_is_not_replaced_by_the_suggests_range() -> None:
    """GridSampler enumerates its grid: a parameter whose grid is not read is left out, named
    at the suggest, rather than kept as the suggest's range under the spec's random search."""
    spec, found = _read(DATA / "grid_known_at_run_time.py")
    assert spec["param_space"] == {"kernel": {"grid_search": ["rbf", "linear"]}}
    named = [d for d in found if "GridSampler enumerates its grid" in d.message]
    assert [(d.code, d.span.line, d.span.column) for d in named] == [("X003", 6, 9)]


@pytest.mark.parametrize(
    "imports",
    [
        "import numpy as np, optuna",
        "from optuna import create_study",
        "import optuna.samplers as samplers",
        "if True:\n    import optuna",
    ],
)
def test_a_module_is_optunas_however_it_imports_optuna(imports: str) -> None:
    from sweepspec.formats import detect_source

    assert detect_source(f"{imports}\n\n\ndef objective(trial):\n    return 0\n") == "optuna"
    # a word in a comment or a string is no import
    assert detect_source("# optuna\nx = 'import optuna'\n") == "hyperopt"


def test_a_function_that_only_hands_its_first_argument_to_a_builtin_is_no_objective() -> None:
    """`build_model(self, params)` passes `params` to `dict(**params)`: it suggests nothing,
    and was taken for the objective (then "no trial.suggest_* call was found")."""
    spec, found = _read(DATA / "method_without_trial.py")
    assert spec["param_space"] == {
        "n_neighbors": {"uniformint": [3, 50]},
        "p": {"uniformint": [1, 5]},
    }
    assert not [d for d in found if "objective" in d.message]
