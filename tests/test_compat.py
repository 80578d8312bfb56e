"""The compatibility tables: invariants, the seed's tables, and `check --target`."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import INVALID, VALID, shared_dir

import sweepspec
from sweepspec import compat
from sweepspec.cli import main
from sweepspec.compat import FEATURES, ROWS, TARGET_IDS, Status, lookup
from sweepspec.compat.render import render
from sweepspec.compat.tune import MATRIX_SEARCHERS
from sweepspec.vocabulary import DISTRIBUTIONS, SCHEDULERS, SEARCH_ALGORITHMS

SEED_STATUS = {
    "지원됨": "supported",
    "부분 지원": "partial",
    "계획됨": "planned",
    "조사중": "investigating",
}


def test_every_feature_has_one_row_for_every_target() -> None:
    keys = Counter((r.target, r.feature, r.under) for r in ROWS)
    assert [k for k, n in keys.items() if n > 1] == []
    for target in TARGET_IDS:
        assert {r.feature for r in ROWS if r.target == target and r.under is None} == {
            f.id for f in FEATURES
        }, target


def test_features_cover_the_vocabulary() -> None:
    ids = {f.id for f in FEATURES}
    # an explicit group is the structural feature structure.nested_groups
    assert {f"distribution.{d.name}" for d in DISTRIBUTIONS if d.kind != "group"} <= ids
    assert "structure.nested_groups" in ids
    assert {f"search_alg.{c.type}" for c in SEARCH_ALGORITHMS} <= ids
    assert {f"scheduler.{c.type}" for c in SCHEDULERS} <= ids


def test_rows_are_well_formed() -> None:
    searchers = {c.type for c in SEARCH_ALGORITHMS}
    for row in ROWS:
        assert isinstance(row.status, Status)
        assert row.reason and row.source, row
        assert row.under is None or (row.target == "tune" and row.under in searchers), row
        assert row.seed_label is None or row.target == "wandb-tune", row
    assert set(MATRIX_SEARCHERS) <= searchers


def _seed_tables(text: str) -> list[list[tuple[str, str]]]:
    tables, current = [], None
    for line in text.splitlines():
        if not line.startswith("|"):
            current = None
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if set(cells[0]) <= {":", "-", " "} or cells[1].strip("*") == "지원여부":
            continue
        label = re.sub(r"\[(.*?)\]\(.*?\)", r"\1", cells[0]).replace("\\", "").strip("* ")
        status = SEED_STATUS[cells[1].strip("* ")]
        if current is None:
            current = []
            tables.append(current)
        current.append((label, status))
    return tables


def _our_tables(markdown: str) -> list[list[tuple[str, str]]]:
    section = markdown.split("## The seed's tables", 1)[1].split("## Beyond", 1)[0]
    tables: list[list[tuple[str, str]]] = []
    for block in section.split("### ")[1:]:
        rows = [line.strip("|").split("|") for line in block.splitlines() if line.startswith("| ")]
        tables.append([(r[0].strip(), r[1].strip()) for r in rows[1:]])
    return tables


def test_compat_markdown_reproduces_the_seed_tables() -> None:
    seed = sorted(shared_dir("seed").glob("*.txt"))[0].read_text(encoding="utf-8")
    expected = _seed_tables(seed)
    assert [len(t) for t in expected] == [7, 12, 5]
    assert _our_tables(render("markdown", ["wandb-tune"])) == expected


def test_seed_rows_keep_the_seed_order_and_statuses_without_shared() -> None:
    # The same facts as above, kept here so the suite checks them on a machine without ../shared.
    seeded = [(r.seed_label, r.status.value) for r in compat.rows_of("wandb-tune") if r.seed_label]
    assert len(seeded) == 24
    assert seeded[0] == ("HyperOpt", "supported")
    assert ("Scikit-Optimize", "planned") in seeded
    assert ("Population Based Training (PBT)", "investigating") in seeded


def test_seed_example_passes_for_wandb_tune() -> None:
    assert sweepspec.check(VALID / "seed.yaml", targets=["wandb-tune"]) == []
    assert main(["check", "-q", "--target", "wandb-tune", str(VALID / "seed.yaml")]) == 0


def test_randint_and_pbt_are_reported_for_wandb_tune() -> None:
    found = sweepspec.check(INVALID / "C001-unsupported-feature.yaml")
    assert [(d.line, d.column, d.code) for d in found] == [(9, 9, "C001"), (13, 12, "C001")]
    assert "under investigation" in found[0].message and "Population based" in found[0].message
    assert "planned" in found[1].message and "randint" in found[1].message


def test_conditional_space_is_reported_for_wandb(capsys: pytest.CaptureFixture[str]) -> None:
    path = VALID / "conditional.yaml"
    assert main(["check", "-q", "--target", "wandb", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:13:5: error C001 wandb: A conditional choice" in out


def test_targets_from_the_file_and_the_command_line_are_merged(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("sweepspec: 1\ntargets: [hyperopt]\nparam_space:\n  b: {beta: [2, 3]}\n")
    assert {d.message.split(":")[0] for d in sweepspec.check(path)} == {"hyperopt"}
    both = sweepspec.check(path, targets=["tune", "hyperopt"])
    assert sorted({d.message.split(":")[0] for d in both}) == ["hyperopt", "tune"]


def test_tune_context_narrows_by_search_algorithm() -> None:
    assert lookup("tune", "distribution.choice").status is Status.SUPPORTED
    assert lookup("tune", "distribution.choice", "bayesopt").status is Status.UNSUPPORTED
    assert lookup("tune", "distribution.grid_search", "optuna").status is Status.UNSUPPORTED
    assert lookup("tune", "distribution.grid_search", "variant_generator").status is (
        Status.SUPPORTED
    )


def test_grid_beside_sampled_parameters_for_wandb(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(
        "sweepspec: 1\nparam_space:\n  bs: {grid_search: [16, 32]}\n  lr: {uniform: [0, 1]}\n"
    )
    found = sweepspec.check(path, targets=["wandb"])
    assert [(d.line, d.column, d.code) for d in found] == [(4, 8, "C001")]
    assert main(["check", "-q", "-t", "tune", str(path)]) == 0


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_compat_command_formats(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compat", "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        rows = json.loads(out)
        assert len(rows) == len(ROWS)
        assert {"target", "feature", "status", "reason", "source"} <= set(rows[0])
    else:
        assert all(t in out for t in TARGET_IDS)


def test_compat_command_one_target(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compat", "--target", "hyperopt"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(FEATURES)
    assert all(line.startswith("hyperopt ") for line in lines)
