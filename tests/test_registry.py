"""One registry of formats: every list of formats is derived from it, and adding a format is a
record, a module and a table."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, VALID

from sweepspec import check_text
from sweepspec.cli import build_parser, main
from sweepspec.compat import BY_TARGET, ROWS
from sweepspec.compat import TARGET_IDS as COMPAT_TARGETS
from sweepspec.convert import convert_file, convert_text
from sweepspec.formats import (
    BY_ID,
    FORMAT_IDS,
    FORMATS,
    READABLE_IDS,
    TARGET_IDS,
    WRITABLE_IDS,
    detect,
)
from sweepspec.settings import _KEYS as SETTINGS

PACKAGE = ROOT / "sweepspec"


def _literal_format_lists(path: Path) -> list[tuple[int, list[str]]]:
    """Tuples, lists and sets written in ``path`` that hold two or more format ids. Not
    counted: a distribution's `origin=` (the systems it comes from, a fact about it) and an
    `enum` of another system's own schema (W&B's scheduler engines)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exempt = {
        id(k.value) for k in ast.walk(tree) if isinstance(k, ast.keyword) and k.arg == "origin"
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            exempt.update(
                id(value)
                for key, value in zip(node.keys, node.values, strict=True)
                if isinstance(key, ast.Constant) and key.value == "enum"
            )
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and id(node) not in exempt:
            ids = [
                e.value
                for e in node.elts
                if isinstance(e, ast.Constant) and isinstance(e.value, str) and e.value in BY_ID
            ]
            if len(ids) >= 2:
                found.append((node.lineno, ids))
    return found


def test_no_module_keeps_a_list_of_formats_of_its_own() -> None:
    registry = PACKAGE / "formats" / "__init__.py"
    lists = {
        str(path.relative_to(ROOT)): found
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != registry and (found := _literal_format_lists(path))
    }
    assert lists == {}


def test_the_scanner_sees_a_list_of_formats(tmp_path: Path) -> None:
    # the test above could not fail if it could not see one
    probe = tmp_path / "probe.py"
    probe.write_text('TARGETS = ("wandb", "hyperopt")\nX = ["spec", 1]\n', encoding="utf-8")
    assert _literal_format_lists(probe) == [(1, ["wandb", "hyperopt"])]


def test_every_list_of_formats_is_the_registrys() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    convert = {a.dest: a for a in commands["convert"]._actions}
    check = {a.dest: a for a in commands["check"]._actions}
    compat = {a.dest: a for a in commands["compat"]._actions}
    assert tuple(convert["to"].choices) == WRITABLE_IDS
    assert tuple(convert["source_format"].choices) == READABLE_IDS
    assert tuple(check["targets"].choices) == TARGET_IDS
    assert tuple(compat["targets"].choices) == TARGET_IDS
    assert COMPAT_TARGETS == TARGET_IDS
    assert {row.target for row in ROWS} == set(TARGET_IDS)
    schema = json.loads((ROOT / "schema" / "sweepspec-1.schema.json").read_text())
    assert tuple(schema["properties"]["targets"]["items"]["enum"]) == TARGET_IDS
    assert tuple(SETTINGS["targets"]["items"]["enum"]) == TARGET_IDS
    assert tuple(f.id for f in FORMATS) == FORMAT_IDS
    assert all(BY_TARGET[t].title == BY_ID[t].title for t in TARGET_IDS)


def test_every_target_can_be_named_in_a_file() -> None:
    # `check --target optuna` worked while `targets: [optuna]` was S006: two lists disagreed
    for target in TARGET_IDS:
        text = f"sweepspec: 1\ntargets: [{target}]\nparam_space:\n  x: {{uniform: [0, 1]}}\n"
        assert [d.code for d in check_text(text) if d.code.startswith("S")] == []


def test_detection_is_the_registrys() -> None:
    assert detect({"sweepspec": 1}) == "spec"
    assert detect({"tune": {}}) == "wandb-tune"
    assert detect({"method": "grid"}) == "wandb"
    assert detect({"model": 1}) is None


def test_a_format_without_a_writer_is_an_error_never_a_fallback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # every format is written now: a name with no writer stands in for the next one added
    unwritable = [f.id for f in FORMATS if not f.writable] or ["keras"]
    for target in unwritable:
        with pytest.raises(ValueError, match=f"cannot write '{target}'"):
            convert_text("sweepspec: 1\nparam_space: {}\n", target)
        with pytest.raises(ValueError, match="cannot write"):
            convert_file(VALID / "seed.yaml", target)
        with pytest.raises(SystemExit) as exc:
            main(["convert", str(VALID / "seed.yaml"), "--to", target])
        assert exc.value.code == 2
        assert "invalid choice" in capsys.readouterr().err


# --- adding a format ----------------------------------------------------------------------------

DUMMY_MODULE = '''
"""A toy format, for the test that adding a format takes a record, a module and a table:
`toy: {name: [low, high], ...}`, each a uniform parameter."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..yamlio import dump, flow_map, flow_seq
from .model import Reading, Writing


def detect(data: Any) -> bool:
    return isinstance(data, Mapping) and "toy" in data


def read(doc: Any) -> Reading:
    space = CommentedMap(
        (name, flow_map(("uniform", flow_seq(list(bounds)))))
        for name, bounds in doc.data["toy"].items()
    )
    return Reading(CommentedMap([("sweepspec", 1), ("param_space", space)]))


def write(doc: Any) -> Writing:
    space = doc.data.get("param_space") or {}
    toy = CommentedMap(
        (name, flow_seq(list(value["uniform"]))) for name, value in space.items()
    )
    return Writing(dump(CommentedMap([("toy", toy)])))
'''

DUMMY_TABLE = '''
"""The toy format's compatibility table: uniform parameters, sampled at random."""

from __future__ import annotations

from .features import FEATURES
from .model import row_maker

row = row_maker("toy")
ROWS = tuple(
    row(
        f.id,
        "supported" if f.id in ("distribution.uniform", "search_alg.variant_generator")
        else "unsupported",
        "the toy format has uniform parameters only",
        "tests/test_registry.py",
    )
    for f in FEATURES
)
'''

DUMMY_RECORD = """    Format(
        "toy",
        "Toy sweeps",
        "A test's format.",
        detect="sweepspec.formats.toy:detect",
        reader="sweepspec.formats.toy:read",
        writer="sweepspec.formats.toy:write",
        table="sweepspec.compat.toy:ROWS",
    ),
"""

PROBE = """
import json, sys
from sweepspec.cli import main
from sweepspec.convert import convert_file
spec = convert_file(sys.argv[1], "spec")
back = convert_file(sys.argv[2], "toy")
print(json.dumps({"spec": spec.text, "back": back.text,
                  "check": main(["check", "-q", "--target", "toy", sys.argv[2]])}))
"""


def test_adding_a_format_is_a_record_a_module_and_a_table(tmp_path: Path) -> None:
    copy = tmp_path / "sweepspec"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    touched = {
        "sweepspec/formats/toy.py": DUMMY_MODULE,
        "sweepspec/compat/toy.py": DUMMY_TABLE,
    }
    for name, text in touched.items():
        (tmp_path / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    registry = copy / "formats" / "__init__.py"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("\n)\nBY_ID", "\n" + DUMMY_RECORD + ")\nBY_ID", 1), "utf-8")
    touched["sweepspec/formats/__init__.py"] = "one record"
    changed = sorted(
        str(p.relative_to(tmp_path))
        for p in copy.rglob("*.py")
        if not (PACKAGE / p.relative_to(copy)).exists()
        or (PACKAGE / p.relative_to(copy)).read_bytes() != p.read_bytes()
    )
    assert changed == sorted(touched)  # nothing else needs to know about the new format

    toy = tmp_path / "sweep.toy.yaml"
    toy.write_text("toy:\n  lr: [0.001, 0.1]\n", encoding="utf-8")
    spec = tmp_path / "sweep.yaml"
    spec.write_text("sweepspec: 1\nparam_space:\n  lr: {uniform: [0.001, 0.1]}\n", "utf-8")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(toy), str(spec)],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert result == {
        "spec": "sweepspec: 1\nparam_space:\n  lr: {uniform: [0.001, 0.1]}\n",
        "back": "toy:\n  lr: [0.001, 0.1]\n",
        "check": 0,
    }
