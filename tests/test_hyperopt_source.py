"""hyperopt spaces as Python source: parsed, never run; comments carried."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, VALID
from ruamel.yaml import YAML

from sweepspec.convert import convert_file, convert_source, convert_text
from sweepspec.formats.hyperopt_source import read
from sweepspec.yamlio import dump

SEED_PY = EXAMPLES / "hyperopt" / "seed_tune_run.py"


def _data(text: str) -> object:
    return YAML(typ="safe", pure=True).load(text)


def test_the_seeds_python_example_reads_as_the_bundled_seed_spec() -> None:
    result = convert_file(SEED_PY, "spec")
    assert result.diagnostics == [] and result.text is not None
    assert _data(result.text) == _data((VALID / "seed.yaml").read_text())


def test_spec_to_python_to_spec_is_byte_identical_for_the_seed() -> None:
    seed = VALID / "seed.yaml"
    python = convert_file(seed, "hyperopt").text
    assert python is not None
    back = convert_source(python, "spec", "seed.py").text
    assert back == seed.read_text()


@pytest.mark.parametrize("name", ["seed", "search-hyperopt", "conditional"])
def test_written_python_compiles_is_ruff_clean_and_reads_back(name: str, tmp_path: Path) -> None:
    spec = VALID / f"{name}.yaml"
    python = convert_file(spec, "hyperopt").text
    assert python is not None
    compile(python, name, "exec")
    target = tmp_path / f"{name}.py"
    target.write_text(python)
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if Path(ruff).exists():
        result = subprocess.run(
            [ruff, "check", "--isolated", str(target)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout
    back = _data(convert_source(python, "spec", f"{name}.py").text or "")
    original = _data(spec.read_text())
    assert back["param_space"] == original["param_space"]  # type: ignore[index]


def test_top_level_side_effects_never_happen(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    source = (
        "import os\n"
        f"open({str(marker)!r}, 'w').write('x')\n"
        f"os.system('touch {marker}')\n"
        "from hyperopt import hp\n"
        "space = {'x': hp.uniform('x', 0, 1)}\n"
    )
    result = convert_source(source, "spec", "evil.py")
    assert result.text is not None and "uniform: [0, 1]" in result.text
    assert not marker.exists()


def test_syntax_errors_and_unreadable_calls_are_located() -> None:
    broken = read("from hyperopt import hp\nspace = {'x': hp.uniform('x', 0, }\n", "b.py")
    assert [(d.code, d.line) for d in broken.diagnostics] == [("X003", 2)]
    dynamic = read(
        "from hyperopt import hp\nspace = {\n  'x': hp.uniform('x', 0, f()),\n}\n", "d.py"
    )
    # the entry is named where it cannot be read, and a space with no entry left is none
    entry, empty = dynamic.diagnostics
    assert (entry.code, entry.line, entry.column) == ("X003", 3, 27)
    assert "`f(...)`" in entry.message and "`x` is not carried" in entry.message
    assert (empty.code, empty.line, empty.column) == ("X003", 2, 9)
    assert "no entry of the space could be read" in empty.message
    assert dynamic.data is None


def test_aliases_constants_dict_calls_and_comments() -> None:
    source = """# my sweep
import hyperopt as H
import numpy as np
from hyperopt.pyll import scope as S

LOW = 1e-5
space = dict(
    # learning rate
    lr=H.hp.loguniform("lr", np.log(LOW), np.log(0.1)),  # log scale
    units=S.int(H.hp.quniform("units", 32, 512, 32)),
    head={"act": H.hp.choice("activation", ["relu", "tanh"])},
)
"""
    result = read(source, "a.py")
    assert result.diagnostics == []
    text = dump(result.data)
    assert "lr: {loguniform: [1e-5, 0.1]}" in text
    # hyperopt's own integer form, exactly (`qrandint` weighs the bounds as the other values)
    assert "units: {quniformint: [32, 512, 32]}" in text
    assert "act: {choice: {options: [relu, tanh], label: activation}}" in text
    assert "# learning rate" in text and "# log scale" in text and "# my sweep" in text


@pytest.mark.parametrize("path", sorted(VALID.glob("*.yaml")), ids=lambda p: p.name)
def test_spec_to_python_to_spec_byte_for_byte(path: Path) -> None:
    result = convert_file(path, "hyperopt")
    assert result.text is not None
    lossless = not any(d.code == "X001" for d in result.diagnostics)
    back = convert_source(result.text, "spec", f"{path.stem}.py").text
    if lossless:
        assert back == path.read_text()
    else:
        assert any(d.code == "X001" for d in result.diagnostics)


def test_an_edited_module_changes_only_what_was_edited() -> None:
    spec = VALID / "search-hyperopt.yaml"
    python = convert_file(spec, "hyperopt").text or ""
    edited = python.replace('hp.uniform("dropout", 0.0, 0.5)', 'hp.uniform("dropout", 0.0, 0.6)')
    back = convert_source(edited, "spec", "e.py").text or ""
    original = spec.read_text().splitlines()
    changed = [(a, b) for a, b in zip(original, back.splitlines(), strict=True) if a != b]
    assert changed == [("  dropout: {uniform: [0.0, 0.5]}", "  dropout: {uniform: [0.0, 0.6]}")]


# --- forms found in users' files (tests/data/harvest/hyperopt/) ---------------------------------

HARVEST = Path(__file__).parent / "data" / "harvest" / "hyperopt"


@pytest.mark.parametrize(
    ("name", "search_alg", "found"),
    [
        # was: TPE in its place (`search_alg: {type: hyperopt}`) beside an X001
        ("fmin_rand.py", {"type": "variant_generator"}, set()),
        # was: a false "not TPE" X001 on the name
        ("fmin_algo_by_name.py", {"type": "hyperopt"}, set()),
        # no spec searcher: none written, the algorithm and its seed named
        ("fmin_anneal.py", None, {("X001", 10, 36), ("X001", 10, 73)}),
        # tpe.suggest with HyperOptSearch's options; one it has not is named
        ("fmin_tpe_partial.py", {"type": "hyperopt", "n_initial_points": 5}, {("X001", 11, 47)}),
    ],
)
def test_fmins_algorithm_is_carried_never_replaced(
    name: str, search_alg: dict[str, object] | None, found: set[tuple[str, int, int]]
) -> None:
    result = convert_file(HARVEST / name, "spec")
    assert {(d.code, d.line, d.column) for d in result.diagnostics} == found
    assert result.text is not None
    data = _data(result.text)
    assert isinstance(data, dict) and data.get("search_alg") == search_alg


def test_one_hp_node_used_twice_is_read_once_and_the_other_use_named(hyperopt: Any) -> None:
    path = HARVEST / "hp_node_reused.py"
    # hyperopt itself accepts one node in two places (its Domain refuses two nodes of one
    # label with DuplicateLabel): one label, one value for both
    shared = hyperopt.hp.choice("contamination", [0.5, 0.4, 0.3])
    hyperopt.base.Domain(lambda _: 0.0, {"a": {"c": shared}, "b": {"c": shared}})
    result = convert_file(path, "spec")
    # was: refused, V007 "also used at line 8" (the fmin line)
    found = {(d.code, d.line, d.column) for d in result.diagnostics}
    assert found == {("X001", 6, 16), ("X001", 8, 13)}  # the second use; `print`, no program
    assert result.text is not None
    data = _data(result.text)
    assert isinstance(data, dict)
    assert data["param_space"] == {
        "a": {"c": {"choice": {"options": [0.5, 0.4, 0.3], "label": "contamination"}}},
        "b": {},
    }


@pytest.mark.parametrize("name", ["from_math_import_log.py", "from_numpy_import_log.py"])
def test_log_imported_by_name_gives_real_bounds(name: str) -> None:
    # was: `cannot read the call log(...)`, and no entry of the space read
    result = convert_file(HARVEST / name, "spec")
    assert result.diagnostics == [] and result.text is not None
    data = _data(result.text)
    assert isinstance(data, dict)
    assert data["param_space"] == {"lr": {"loguniform": [1e-5, 1e-3]}}


def test_one_hp_node_in_a_list_is_named_at_its_use_and_its_entry_left_out() -> None:
    source = (
        "from hyperopt import hp\n"
        "\n"
        'c = hp.uniform("c", 0, 1)\n'
        "space = {\n"
        '    "a": c,\n'
        '    "b": hp.choice("b", [c, 2]),\n'
        "}\n"
    )
    result = convert_source(source, "spec", "s.py")
    # was: no finding at the list's use, and V007 "also used at line 6" (an error, on the
    # line of the second use itself): hyperopt accepts one node in two places
    found = [(d.code, d.line, d.column, d.message) for d in result.diagnostics]
    assert [f[:3] for f in found] == [("X001", 6, 26)], found
    assert "`b`, which holds it, is not carried" in found[0][3]
    assert "used at `a` (line 5)" in found[0][3]
    assert result.text is not None
    data = _data(result.text)
    assert isinstance(data, dict) and list(data["param_space"]) == ["a"]


def test_one_hp_node_in_two_options_of_a_choice_is_drawn_for_whichever_is_chosen() -> None:
    source = (
        "from hyperopt import hp\n"
        "\n"
        'lr = hp.loguniform("lr", -5, 0)\n'
        'space = hp.choice("model", [\n'
        '    {"type": "svm", "lr": lr},\n'
        '    {"type": "tree", "lr": lr},\n'
        "])\n"
    )
    result = convert_source(source, "spec", "s.py")
    second = [d for d in result.diagnostics if d.line == 6]
    assert [(d.code, d.column) for d in second] == [("X001", 28)], result.diagnostics
    # only one option is chosen: the value is not "one value for both"
    assert "draws for both" not in second[0].message
    assert "for whichever is chosen" in second[0].message


def test_a_labelled_pchoice_keeps_its_probabilities_and_comes_back_as_written() -> None:
    """A pchoice whose label is not its key was written with its pairs under `options` and
    no `probabilities`, which `check` refuses: the file failed. Both forms, and a nested
    option, read to the spec's pchoice and back to the same calls."""
    path = HARVEST / "pchoice_labelled.py"
    result = convert_file(path, "spec")
    assert result.text is not None, result.diagnostics
    space = _data(result.text)["param_space"]
    assert space["max_features"] == {
        "pchoice": {
            "options": ["sqrt", "log2"],
            "probabilities": [0.4, 0.6],
            "label": "max_features_str",
        }
    }
    assert space["same"] == {"pchoice": [[0.5, 1], [0.5, 2]]}
    back = convert_text(result.text, "hyperopt", "s.yaml")
    assert back.text is not None
    source = path.read_text(encoding="utf-8")
    for call in (
        'hp.pchoice("max_features_str", [(0.4, "sqrt"), (0.6, "log2")])',
        'hp.pchoice("same", [(0.5, 1), (0.5, 2)])',
    ):
        assert call in source and call in back.text


def test_spaces_sharing_a_name_are_chosen_by_their_line(capsys: pytest.CaptureFixture[str]) -> None:
    """Two `space = {...}` in the branches of an `if`: `--space space` cannot choose (it said
    to choose with `--space NAME`, which then failed); `--space space:7` does, as the hint
    at each says."""
    from sweepspec.cli import main

    path = str(HARVEST / "same_name_in_branches.py")
    assert main(["convert", path, "--to", "spec"]) == 1
    err = capsys.readouterr().err
    assert "choose one with `--space space:5`" in err
    assert "choose one with `--space space:7`" in err
    assert main(["convert", path, "--to", "spec", "--space", "space:7"]) == 0
    assert "C: {uniform: [-15, 15]}" in capsys.readouterr().out
    assert main(["convert", path, "--to", "spec", "--space", "space"]) == 1
    assert "such as `--space space:5`" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        # `def dataset_space(self): return {}` beside the real space: it was a second space,
        # and the file was refused as ambiguous
        ("empty_space_stub.py", ["dropout_rate"]),
        # `invoke_default_space()` returns `invoke(get_space(), ...)`, which runs `fmin`: it was
        # taken for a space, and `space_eval(...)` could not be read
        ("space_named_caller_of_fmin.py", ["kind"]),
    ],
)
def test_what_is_no_space_is_not_taken_for_one(name: str, keys: list[str]) -> None:
    result = convert_file(HARVEST / name, "spec")
    assert result.text is not None, result.diagnostics
    assert list(_data(result.text)["param_space"]) == keys
    assert not [d for d in result.diagnostics if d.code == "X003"]


def test_a_function_called_once_has_that_calls_arguments_in_a_hyperopt_module_too() -> None:
    result = convert_file(HARVEST / "main_called_once.py", "spec")
    assert result.text is not None, result.diagnostics
    data = _data(result.text)
    assert data["num_samples"] == 50  # `main(max_evals=50)`, not the default 100
    assert data["param_space"] == {"x": {"uniform": [-2.0, 2.0]}}  # `high=2.0`
    assert "# symmetric" in result.text


def test_a_key_written_twice_in_a_dict_is_named_where_python_drops_it() -> None:
    """`{"lr": ..., "lr": ...}`: Python keeps the last, and the first was dropped without a
    word (YAML's duplicate keys are an error, Y002)."""
    source = (
        "from hyperopt import hp\n\nspace = {\n"
        '    "lr": hp.uniform("lr", 0, 1),  # first try\n'
        '    "depth": hp.choice("depth", [2, 4]),\n'
        '    "lr": hp.loguniform("lr", -9, -2),\n'
        "}\n"
    )
    result = convert_source(source, "spec", "space.py")
    assert result.text is not None, result.diagnostics
    assert "loguniform" in result.text and "uniform: [0, 1]" not in result.text
    ((found,),) = [[d for d in result.diagnostics if "written again" in d.message]]
    assert (found.code, found.line, found.column) == ("X001", 4, 5)
    assert "line 6" in found.message
