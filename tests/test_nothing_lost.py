"""Nothing is lost without a word: every node of an input is carried, passed through, or named
by a finding at its line; nothing that comes back is reported lost.

The fixtures are files written the way people write them, mistakes included:
docs/examples/wandb-mistakes/ (W&B sweeps with the mistakes real files have),
docs/examples/python-mistakes/ (Ray Tune and hyperopt scripts: settings passed by name,
commented-out parameters, arguments hyperopt refuses), docs/examples/legacy-mistakes/ and
docs/examples/other-formats/ (files of formats sweepspec does not read, given to a reader that
is named). The property tests mutate generated specs, W&B files, legacy files (wrong types,
misplaced keys, missing arguments, extra keys at every level) and Python sources (values
replaced, arguments dropped, keywords added, entries commented out), convert them with best
effort, read the output back, and require a finding on the line of every node that did not come
back.
"""

from __future__ import annotations

import ast
import copy
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import strategies
from conftest import EXAMPLES
from hypothesis import example, given
from hypothesis import strategies as st

from sweepspec.check import check_text
from sweepspec.cli import main
from sweepspec.convert import convert_file, convert_text
from sweepspec.diagnostics import Diagnostic, Severity
from sweepspec.formats import WRITABLE_IDS
from sweepspec.formats.wandb_tune import POSITIONAL
from sweepspec.loader import Document, load_text
from sweepspec.losses import canonical
from sweepspec.meaning import plain
from sweepspec.yamlio import dump

MISTAKES = EXAMPLES / "wandb-mistakes"
OTHERS = EXAMPLES / "other-formats"
PYTHON_MISTAKES = EXAMPLES / "python-mistakes"


def _at(found: list[Diagnostic]) -> set[tuple[str, int, int]]:
    return {(d.code, d.line, d.column) for d in found}


# --- the W&B mistakes of real files ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected", "kept"),
    [
        (
            "uniform-with-values.yaml",
            {("S004", 5, 3), ("S003", 7, 5), ("X001", 7, 5), ("X003", 5, 3)},
            {"lr"},  # `dropout` has no bounds: left out, said
        ),
        (
            "indented-too-deep.yaml",
            {("S003", 7, 5), ("X001", 7, 5), ("S003", 9, 5), ("X001", 9, 5)},
            {"lr"},
        ),
        (
            "q-log-normal-bounds.yaml",
            {("S003", 9, 5), ("X001", 9, 5), ("S003", 10, 5), ("X001", 10, 5)},
            {"hidden"},
        ),
        (
            "distribution-typo.yaml",
            {("S006", 8, 19), ("X003", 8, 19)},
            {"batch_size"},  # `lr` cannot be read without its distribution: left out, said
        ),
    ],
)
def test_a_wandb_mistake_is_refused_and_named_never_dropped(
    name: str, expected: set[tuple[str, int, int]], kept: set[str]
) -> None:
    path = MISTAKES / name
    refused = convert_file(path, "spec")
    assert refused.text is None  # was: exit 0, `uniform: [null, null]` or the keys gone
    # refused with the schema's findings, as `check` reports them
    assert {code for code, _, _ in _at(refused.diagnostics)} >= {
        code for code, _, _ in expected if code.startswith("S")
    }
    best = convert_file(path, "spec", best_effort=True)
    assert best.text is not None
    assert _at(best.diagnostics) == expected
    assert set(plain(load_text(best.text).data)["param_space"]) == kept
    assert "null" not in best.text


def test_the_mistakes_fail_the_command_line_and_best_effort_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = str(MISTAKES / "uniform-with-values.yaml")
    assert main(["convert", path, "--to", "spec"]) == 1
    assert "nothing written (the input has errors" in capsys.readouterr().err
    assert main(["convert", path, "--to", "spec", "--best-effort"]) == 1  # written, and said
    out, err = capsys.readouterr()
    assert out.startswith("# W&B sweep with a common mistake") and "X001" in err


@pytest.mark.parametrize("name", ["nni-search-space.json", "ray-tune-config.yaml"])
def test_a_file_of_another_format_named_as_wandb_is_refused(name: str) -> None:
    for source in ("wandb", "wandb-tune"):
        result = convert_file(OTHERS / name, "spec", source)
        assert result.text is None  # was: exit 0 with `param_space: {}`
        ((code, line, column),) = _at(result.diagnostics)
        assert (code, line, column) == ("X003", 1, 1)
        assert f"cannot read this file as {source}" in result.diagnostics[0].message


# --- lossless round trips say nothing lost -----------------------------------------------------

WANDB_FILES = sorted((EXAMPLES / "wandb").glob("*.yaml"))


@pytest.mark.parametrize("path", WANDB_FILES, ids=lambda p: p.name)
def test_bundled_wandb_files_round_trip_with_no_loss_and_pass_strict(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = convert_file(path, "spec")
    assert spec.text is not None
    assert [d for d in spec.diagnostics if d.code == "X001"] == []
    source = "wandb-tune" if "legacy" in path.name else "wandb"
    back = convert_text(spec.text, source, "s.yaml")
    assert back.text is not None
    assert [d for d in back.diagnostics if d.code == "X001"] == []
    assert main(["convert", str(path), "--to", "spec", "--strict"]) == 0
    capsys.readouterr()


@strategies.LAWS
@given(spec=strategies.wandb_specs())
def test_random_wandb_files_round_trip_with_no_loss(spec: dict[str, Any]) -> None:
    wandb = convert_text(dump(spec), "wandb", "s.yaml")
    assert wandb.text is not None
    read = convert_text(wandb.text, "spec", "w.yaml", best_effort=True)
    assert read.text is not None
    assert [d for d in read.diagnostics if d.code == "X001"] == []
    again = convert_text(read.text, "wandb", "s.yaml")
    assert again.text == wandb.text
    assert [d for d in again.diagnostics if d.code == "X001"] == []
    assert not again.failed(strict=True)


# --- Python scripts and legacy files written the way people write them -----------------------


@pytest.mark.parametrize(
    ("name", "expected", "settings"),
    [
        (
            "tuner_settings.py",  # TuneConfig and RunConfig assigned to names, then passed
            {("X001", 19, 5), ("X001", 23, 5)},  # reuse_actors=, storage_path=
            {
                "name": "mlp-sweep",
                "program": "model:train_mlp",
                "metric": "val_loss",
                "mode": "min",
                "num_samples": 50,
                "search_alg": {"type": "hyperopt", "n_initial_points": 10},
            },
        ),
        (
            "fmin_script.py",
            {("X001", 22, 12)},  # trials=
            {
                "program": "boosting:objective",
                "metric": "loss",
                "mode": "min",
                "num_samples": 200,
                "time_budget_s": 3600,
                "search_alg": {"type": "hyperopt", "random_state_seed": 42},
            },
        ),
    ],
)
def test_every_setting_of_a_script_is_carried_or_named(
    name: str, expected: set[tuple[str, int, int]], settings: dict[str, Any]
) -> None:
    result = convert_file(PYTHON_MISTAKES / name, "spec")
    assert result.text is not None, result.diagnostics
    assert _at(result.diagnostics) == expected  # was: these keywords gone without a word
    assert all(d.severity is Severity.WARNING for d in result.diagnostics)
    data = plain(load_text(result.text).data)
    assert {key: data.get(key) for key in settings} == settings
    assert not [d for d in check_text(result.text) if d.severity is Severity.ERROR]
    # the commented-out parameter is kept as a comment
    assert ('# "momentum"' if "tuner" in name else '# "subsample"') in result.text


@pytest.mark.parametrize(
    ("name", "at", "words"),
    [
        ("hp_label.py", (7, 25), "label is a string"),
        ("hp_keyword.py", (7, 50), "`q` is not an argument"),
    ],
)
def test_an_hp_call_hyperopt_refuses_is_refused_at_its_argument(
    name: str, at: tuple[int, int], words: str
) -> None:
    result = convert_file(PYTHON_MISTAKES / name, "spec")
    # was: a numeric label read as a string. The entry is named at its argument and left
    # out; the rest of the space is written (a partial result, which --strict refuses)
    (found,) = result.diagnostics
    assert (found.code, found.severity, found.line, found.column) == (
        "X003",
        Severity.WARNING,
        *at,
    )
    assert words in found.message and "is not carried" in found.message
    assert result.text is not None and result.failed(strict=True)
    space = plain(load_text(result.text).data)["param_space"]
    assert list(space) == ["lr"]


def test_a_legacy_run_or_experiment_that_is_not_the_program_is_named() -> None:
    result = convert_file(EXAMPLES / "legacy-mistakes" / "program-differs.yaml", "spec")
    assert result.text is not None
    assert _at(result.diagnostics) == {("X001", 5, 22)}  # was: train.py gone without a word
    assert plain(load_text(result.text).data)["program"] == "train_v2.py"


def test_a_read_spec_that_would_fail_check_is_not_written() -> None:
    text = "description: 7\ntune:\n  config:\n    a: 0\n"
    refused = convert_text(text, "spec", "l.yaml", source_format="wandb-tune")
    assert refused.text is None  # was: exit 0 with a spec that fails `check`
    assert _at(refused.diagnostics) == {("S005", 1, 14)}  # at the value, in the input
    best = convert_text(text, "spec", "l.yaml", source_format="wandb-tune", best_effort=True)
    assert best.text is not None and best.failed()


# --- the property: every node that does not come back is named on its line ---------------------


def _mutate(data: Any, draw: st.DrawFn) -> Any:
    """One mutation somewhere in ``data``: a wrong type, a misplaced key, a missing argument or
    an extra key, at a place drawn from every level."""
    places: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in node:
                places.append((node, key))
                walk(node[key])
        elif isinstance(node, list):
            for index in range(len(node)):
                places.append((node, index))
                walk(node[index])

    walk(data)
    if not places:
        return data
    container, key = draw(st.sampled_from(places))
    kind = draw(st.sampled_from(["wrong_type", "misplace", "delete", "extra"]))
    if kind == "wrong_type":
        container[key] = draw(st.sampled_from(["x", 7, 2.5, True, None, [1], {"k": 1}]))
    elif kind == "delete" and isinstance(container, (dict, list)) and len(container) > 1:
        del container[key]
    elif kind == "misplace" and isinstance(container, dict):
        targets = [c for c, _ in places if isinstance(c, dict) and c is not container]
        if targets:
            draw(st.sampled_from(targets))[key] = container.pop(key)
    elif isinstance(container, dict):
        container[draw(st.sampled_from(["extra", "values", "min", "type", "q"]))] = 1
    return data


@st.composite
def mutated(draw: st.DrawFn, strategy: st.SearchStrategy[dict[str, Any]]) -> str:
    data = plain(draw(strategy))
    for _ in range(draw(st.integers(0, 2))):
        data = _mutate(copy.deepcopy(data), draw)
    return dump(data)


def _lines(doc: Document, path: tuple[Any, ...]) -> set[int]:
    """The lines a node's key and value cover in the input."""
    key, value = doc.spans.key(path), doc.spans.value(path)
    return set(range(min(key.line, value.line), max(key.end_line, value.end_line) + 1))


def _named(found: list[Diagnostic], doc: Document, path: tuple[Any, ...]) -> bool:
    """Whether a finding is on the node's lines, or names a node that holds it (a parameter
    left out as a whole names each of its arguments, a key not carried everything under it)."""
    lines = _lines(doc, path)
    return any(
        d.line in lines
        or (
            # a top-level key is named whole only as not carried
            len(d.path) >= (1 if d.code in ("X001", "X003") else 2)
            and path[: len(d.path)] == tuple(d.path)
        )
        # a search algorithm or scheduler that comes back as another type is one loss, its
        # options with it (losses.lost_paths): the finding at its `type` names them
        or (
            d.code == "X001"
            and tuple(d.path)[1:] == ("type",)
            and d.path[0] in ("search_alg", "scheduler")
            and path[:1] == tuple(d.path)[:1]
        )
        for d in found
    )


@strategies.LAWS
@given(
    text=mutated(strategies.wandb_specs() | strategies.hyperopt_specs()),
    to=st.sampled_from([f for f in WRITABLE_IDS if f != "spec"]),
)
def test_every_spec_node_comes_back_or_is_named_on_its_line(text: str, to: str) -> None:
    doc = load_text(text, "s.yaml")
    if doc.fatal:
        return
    result = convert_text(text, to, "s.yaml", best_effort=True)
    if result.text is None:
        # refused: the errors are said, and nothing is written
        assert any(d.severity is Severity.ERROR for d in result.diagnostics), result.diagnostics
        return
    back = convert_text(result.text, "spec", "out", source_format=to, best_effort=True)
    assert back.text is not None, back.diagnostics
    ours, theirs = canonical(doc.data), canonical(load_text(back.text).data)
    for path, value in ours.items():
        if theirs.get(path, object()) != value:
            assert _named(result.diagnostics, doc, path), (path, value, result.diagnostics)


@st.composite
def mutated_file(draw: st.DrawFn, fmt: str) -> str:
    """A file of format ``fmt`` as sweepspec writes one for a generated spec, then mutated as a
    file of that format."""
    specs = strategies.legacy_specs() if fmt == "wandb-tune" else strategies.wandb_specs()
    written = convert_text(dump(draw(specs)), fmt, "s.yaml").text
    assert written is not None
    data = plain(load_text(written).data)
    for _ in range(draw(st.integers(0, 2))):
        data = _mutate(copy.deepcopy(data), draw)
    return dump(data)


def _comes_back_or_is_named(text: str, fmt: str) -> None:
    """A file of ``fmt`` to the spec and back: every leaf of the file is in the file that comes
    back, or a finding is on its line."""
    doc = load_text(text, "w.yaml")
    if doc.fatal:
        return
    spec = convert_text(text, "spec", "w.yaml", source_format=fmt, best_effort=True)
    if spec.text is None:
        assert any(d.severity is Severity.ERROR for d in spec.diagnostics)
        return
    back = convert_text(spec.text, fmt, "s.yaml", best_effort=True)
    if back.text is None:  # the spec keeps an error of the file, which said so
        assert any(d.severity is Severity.ERROR for d in spec.diagnostics)
        return
    ours, theirs = _leaves(plain(doc.data), ()), _leaves(plain(load_text(back.text).data), ())
    for path, value in ours.items():
        again = theirs.get(path, theirs.get(_by_keyword(path), object()))
        if again != value:
            assert _named(spec.diagnostics, doc, path), (path, value, spec.diagnostics)


def _by_keyword(path: tuple[Any, ...]) -> tuple[Any, ...]:
    """Where the legacy writer puts an argument of `HyperOptSearch` or the scheduler that the
    file gave by position (`{AsyncHyperBandScheduler: [training_iteration, ...]}`, or
    `{args: [...], kwargs: {...}}`): the writer gives every argument by keyword."""
    if len(path) < 3 or path[0] != "tune" or path[2] not in POSITIONAL:
        return path
    names, rest = POSITIONAL[path[2]], path[3:]
    if rest[:1] in (("kwargs",), ("args",)):
        rest = rest[1:]
    if not rest:
        return (*path[:3], names[0])  # a single argument, the first
    if isinstance(rest[0], int) and rest[0] < len(names):
        return (*path[:3], names[rest[0]], *rest[1:])
    return (*path[:3], *rest)


@strategies.LAWS
@given(text=mutated_file("wandb"))
# found by a 2,000-example run: an unknown distribution was carried as a group of constants
@example(
    text="method: random\nparameters:\n  b:\n    value: 0\n  a:\n    distribution: x\n    min: 0\n"
)
@example(text="method: random\nparameters:\n  a:\n    distribution: 5\n    min: 0.0\n    max: 1\n")
def test_every_wandb_node_comes_back_or_is_named_on_its_line(text: str) -> None:
    _comes_back_or_is_named(text, "wandb")


@strategies.LAWS
@given(text=mutated_file("wandb-tune"))
def test_every_legacy_node_comes_back_or_is_named_on_its_line(text: str) -> None:
    _comes_back_or_is_named(text, "wandb-tune")


def _leaves(node: Any, path: tuple[Any, ...]) -> dict[tuple[Any, ...], Any]:
    if isinstance(node, dict):
        out: dict[tuple[Any, ...], Any] = {}
        for key, value in node.items():
            out.update(_leaves(value, (*path, key)))
        return out
    return {path: node}


def test_losses_converting_a_wandb_file_onward_are_placed_in_the_wandb_file() -> None:
    """W&B -> hyperopt goes through the spec; a loss of `param_space.lr` is placed at
    `parameters.lr` of the W&B file, not at its first line."""
    path = EXAMPLES / "wandb" / "grid-hyperband.yaml"
    result = convert_file(path, "hyperopt")
    lines = path.read_text(encoding="utf-8").splitlines()
    lost = [d for d in result.diagnostics if d.code == "X001"]
    assert {lines[d.line - 1].split(":")[0].strip() for d in lost} == {"batch_size", "lr"}
    notes = [d for d in result.diagnostics if d.code == "X004"]
    # hyperopt's random search is what `method: grid` becomes; its grids are the losses above
    assert {lines[d.line - 1].split(":")[0].strip() for d in notes} == {"early_terminate"}


# --- Python sources: every constant is read or named on its line -------------------------------
# Python sources are written the way people write them: a hyperopt module (as sweepspec writes
# one, without its copy of the spec) or a Ray Tune script, then edited at the text: a value
# replaced by another type or by a name, an argument deleted, a keyword added, an entry
# commented out. What the reader leaves out must be named on its line.

_REPLACEMENTS = ['"x"', "None", "[1]", "{'k': 1}", "2.5", "-3", "undefined_name", "f(1)", "True"]


def _offset(lines: list[str], line: int, column: int) -> int:
    """The text offset of an ast position (columns count UTF-8 bytes)."""
    before = sum(len(text) for text in lines[: line - 1])
    return before + len(lines[line - 1].encode("utf-8")[:column].decode("utf-8", "ignore"))


def _mutate_python(source: str, draw: st.DrawFn) -> str:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    lines = source.splitlines(keepends=True)
    constants = [node for node, _ in _source_constants(tree)]
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    entries = [  # one-line entries of a dict display, which people comment out
        key.lineno
        for n in ast.walk(tree)
        if isinstance(n, ast.Dict)
        for key, value in zip(n.keys, n.values, strict=True)
        if key is not None and key.lineno == value.end_lineno and n.lineno < key.lineno
    ]
    kind = draw(st.sampled_from(["value", "argument", "keyword", "comment"]))

    def span(node: ast.expr) -> tuple[int, int]:
        assert node.end_lineno is not None and node.end_col_offset is not None
        start = _offset(lines, node.lineno, node.col_offset)
        return start, _offset(lines, node.end_lineno, node.end_col_offset)

    if kind == "value" and constants:
        start, end = span(draw(st.sampled_from(constants)))
        return source[:start] + draw(st.sampled_from(_REPLACEMENTS)) + source[end:]
    with_args = [c for c in calls if len(c.args) >= 2]
    if kind == "argument" and with_args:
        call = draw(st.sampled_from(with_args))
        start, end = span(call.args[-2])[1], span(call.args[-1])[1]
        return source[:start] + source[end:]  # the last positional argument, and its comma
    if kind == "keyword" and calls:
        end = span(draw(st.sampled_from(calls)))[1] - 1  # before the closing parenthesis
        return source[:end] + ", extra=1" + source[end:]
    if kind == "comment" and entries:
        line = draw(st.sampled_from(entries))
        indent = len(lines[line - 1]) - len(lines[line - 1].lstrip())
        lines[line - 1] = lines[line - 1][:indent] + "# " + lines[line - 1][indent:]
        return "".join(lines)
    return source


@st.composite
def mutated_python(draw: st.DrawFn) -> tuple[str, str]:
    """A hyperopt module or a Ray Tune script for a generated spec, edited by hand."""
    if draw(st.booleans()):
        written = convert_text(dump(draw(strategies.hyperopt_specs())), "hyperopt", "s.yaml").text
        assert written is not None
        source, fmt = strategies.without_template(written), "hyperopt"
    else:
        source, fmt = strategies.tune_script(draw(strategies.tune_specs())), "tune"
    for _ in range(draw(st.integers(0, 2))):
        source = _mutate_python(source, draw)
    return fmt, source


def _atom(value: Any) -> tuple[str, Any]:
    """A value as the comparison counts it: numbers by value, whatever Python type wrote them."""
    if isinstance(value, bool) or value is None:
        return ("const", value)
    if isinstance(value, (int, float)):
        return ("number", float(value))
    return (type(value).__name__, value)


def _atoms(node: Any, keys: bool = True) -> Counter[tuple[str, Any]]:
    found: Counter[tuple[str, Any]] = Counter()
    if isinstance(node, dict):
        for key, value in node.items():
            found[_atom(key)] += keys
            found += _atoms(value)
    elif isinstance(node, list):
        for item in node:
            found += _atoms(item)
    else:
        found[_atom(node)] += 1
    return found


def _labels(node: Any, prefix: tuple[str, ...] = ()) -> set[str]:
    """Every label the spec derives from a key path (what a reader may leave out as implied)."""
    from sweepspec.vocabulary import BY_NAME

    found = {"/".join(prefix)} if prefix else set()
    if isinstance(node, dict):
        for key, value in node.items():
            if str(key) in BY_NAME and isinstance(value, dict):  # its arguments by name
                found |= _labels(list(value.values()), prefix)
                continue
            step = prefix if str(key) in BY_NAME else (*prefix, str(key))
            found |= _labels(value, step)
    elif isinstance(node, list):
        for item in node:
            found |= _labels(item, prefix)
    return found


def _source_constants(tree: ast.Module) -> list[tuple[ast.Constant, Any]]:
    """The constants of a module with their values as written (``-3`` is one constant)."""
    docstrings = {
        id(s.value)
        for s in tree.body
        if isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)
    }
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def signed(constant: ast.Constant) -> Any:
        """``--3`` is 3: the signs of the unary operators around a number."""
        value, node = constant.value, parents.get(id(constant))
        while (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and isinstance(node, ast.UnaryOp)
            and isinstance(node.op, (ast.USub, ast.UAdd))
        ):
            value = -value if isinstance(node.op, ast.USub) else value
            node = parents.get(id(node))
        return value

    return [
        (n, signed(n))
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and id(n) not in docstrings
    ]


@strategies.LAWS
@given(case=mutated_python())
# a label in a labelled choice's option, derived from its key path, once counted as lost
@example(
    case=(
        "hyperopt",
        'from hyperopt import hp\nmetric = "a"\nmode = "min"\n'
        'space = {"b": hp.choice("a", [{"b": 0, "a": hp.choice("b/a", [0])}])}\n',
    )
)
def test_every_python_constant_is_read_or_named_on_its_line(case: tuple[str, str]) -> None:
    """A hand-edited hyperopt module or Ray Tune script read unrun: every constant of the
    source is in the spec read from it, or a finding covers its line."""
    fmt, source = case
    result = convert_text(source, "spec", "s.py", source_format=fmt, best_effort=True)
    try:
        tree = ast.parse(source)
    except SyntaxError:
        assert result.text is None and [d.code for d in result.diagnostics] == ["X003"]
        return
    if result.text is None:  # refused as a whole, and said why
        assert any(d.severity is Severity.ERROR for d in result.diagnostics), result.diagnostics
        return
    out = plain(load_text(result.text).data)
    covered = {line for d in result.diagnostics for line in range(d.span.line, d.span.end_line + 1)}
    implied = _labels(out.get("param_space"))
    unnamed: Counter[tuple[str, Any]] = Counter()
    for node, value in _source_constants(tree):
        if node.lineno in covered or (isinstance(value, str) and value in implied):
            continue
        unnamed[_atom(value)] += 1
    missing = unnamed - _atoms(out)
    assert not missing, (missing, source, result.text, result.diagnostics)
