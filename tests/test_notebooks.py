"""Jupyter notebooks are read as their code cells (sweepspec/notebook.py), never run."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import EXAMPLES

from sweepspec.convert import convert_file
from sweepspec.loader import load_text
from sweepspec.meaning import plain

NOTEBOOK = EXAMPLES / "notebooks" / "xgboost_tuning.ipynb"


def test_a_notebook_reads_as_its_space_with_findings_on_its_own_lines() -> None:
    result = convert_file(NOTEBOOK, "spec")
    assert result.text is not None
    spec = plain(load_text(result.text).data)
    assert spec["param_space"] == {
        "eta": {"loguniform": [0.01, 0.3]},
        "max_depth": {"quniformint": [3, 10, 1]},
        "subsample": {"uniform": [0.5, 1.0]},
        "n_estimators": {"choice": [100, 200, 400]},
    }
    assert (spec["num_samples"], spec["metric"], spec["mode"]) == (50, "loss", "min")
    # the commented-out parameter and the note come into the spec
    assert "  # 'colsample_bytree': hp.uniform('colsample_bytree', 0.5, 1.0)," in result.text
    assert "  # learning rate on a log scale\n  eta:" in result.text
    # magics (`%matplotlib`, `!pip`, `?fmin`) are read past without a word
    assert not [d for d in result.diagnostics if "IPython" in d.message]
    lines = NOTEBOOK.read_text(encoding="utf-8").splitlines()
    by_message = {d.message.split(" ", 1)[0]: d for d in result.diagnostics}
    gamma = by_message["`gamma`"]
    assert gamma.code == "X003" and gamma.severity.name == "WARNING"
    # on the notebook file's line, at the column of `X.std()` inside the JSON string
    assert lines[gamma.line - 1][gamma.column - 1 :].startswith("X.std()")
    assert gamma.message.endswith("(cell 4, line 7)")
    objective = [d for d in result.diagnostics if "notebook's" in d.message]
    assert len(objective) == 1 and objective[0].code == "X001"  # no importable program


def test_a_notebook_that_is_not_json_is_one_located_finding(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ipynb"
    broken.write_text('{"cells": [\n  {"cell_type": "code", "source": ["x = 1"\n', encoding="utf-8")
    result = convert_file(broken, "spec")
    assert result.text is None
    (found,) = result.diagnostics
    assert found.code == "X003" and "not JSON" in found.message and found.line >= 2


def test_a_notebook_whose_sources_are_strings_reads_too(tmp_path: Path) -> None:
    """nbformat allows a cell's source as one string; the finding then stays on that line."""
    notebook = {
        "cells": [
            {"cell_type": "code", "source": "from hyperopt import hp\n"},
            {
                "cell_type": "code",
                "source": "space = {'a': hp.uniform('a', 0, 1), 'b': hp.uniform('b', 0, LIMIT)}",
            },
        ],
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "strings.ipynb"
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    result = convert_file(path, "spec")
    assert result.text is not None
    assert plain(load_text(result.text).data)["param_space"] == {"a": {"uniform": [0, 1]}}
    (found,) = [d for d in result.diagnostics if d.code == "X003"]
    text = path.read_text(encoding="utf-8").splitlines()
    assert "LIMIT" in text[found.line - 1] and found.message.endswith("(cell 2, line 1)")


# --- forms found in users' notebooks (tests/data/harvest/tune/) ---------------------------------

HARVEST = Path(__file__).parent / "data" / "harvest" / "tune"


def test_a_shell_escape_with_a_space_is_read_past() -> None:
    # was: a Python syntax error at `! cat ...`, and nothing written
    result = convert_file(HARVEST / "shell_escape_spaced.ipynb", "spec")
    assert result.diagnostics == [] and result.text is not None
    assert plain(load_text(result.text).data)["param_space"] == {"lr": {"uniform": [0, 1]}}


def test_a_shell_assignment_binds_a_value_known_only_when_it_runs() -> None:
    # was: a Python syntax error at `files = !ls ...`
    result = convert_file(HARVEST / "shell_assignment.ipynb", "spec")
    assert result.diagnostics == [] and result.text is not None
    # `files` is what IPython makes of it, never a value guessed: its use is named
    used = convert_file(HARVEST / "shell_assignment_used.ipynb", "spec")
    assert used.text is not None
    (found,) = used.diagnostics
    assert found.code == "X003" and "getoutput" in found.message
    assert plain(load_text(used.text).data)["param_space"] == {"lr": {"uniform": [0, 1]}}


def test_lines_named_in_a_finding_are_the_notebooks_cells_and_lines() -> None:
    result = convert_file(HARVEST / "two_runs_two_cells.ipynb", "spec")
    assert result.text is None
    messages = [d.message for d in result.diagnostics]
    # was: `space` on line 6, `space` on line 9 (lines of the cells joined)
    assert len(messages) == 2
    for message in messages:
        assert "(`space` in cell 4, line 1, `space` in cell 6, line 1)" in message
        assert " on line " not in message
    found = convert_file(HARVEST / "shell_assignment_used.ipynb", "spec").diagnostics
    assert "(cell 3, line 1): cannot read" in found[0].message


def test_code_a_finding_quotes_is_not_rewritten_as_a_line(tmp_path: Path) -> None:
    notebook = {
        "cells": [
            {"cell_type": "code", "source": ["from ray import tune\n", "import os\n"]},
            {
                "cell_type": "code",
                "source": [
                    "space = {\n",
                    '    "lr": tune.uniform(0, 1),\n',
                    '    **CONFIGS["line 2"],\n',
                    "}\n",
                    'tuner = tune.Tuner("train.py", param_space=space)\n',
                ],
            },
        ],
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "quoted.ipynb"
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    (found,) = convert_file(path, "spec").diagnostics
    # was: `**CONFIGS['cell 1, line 2']`, the user's string rewritten as a place
    assert found.message.startswith("`**CONFIGS['line 2']` is not carried")
    assert found.message.endswith("(cell 2, line 3)")
