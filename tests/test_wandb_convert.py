"""spec -> W&B -> spec on the bundled examples and on random specs; the W&B side is judged by
W&B's validator (sweeps 0.2.0) and by W&B's current schema (../shared/oracles)."""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path
from typing import Any

import pytest
import strategies
from conftest import VALID, shared_dir
from hypothesis import given, settings
from hypothesis import strategies as st

from sweepspec.cli import main
from sweepspec.convert import convert_file, convert_text
from sweepspec.diagnostics import Severity
from sweepspec.loader import load_text
from sweepspec.losses import lost_paths
from sweepspec.yamlio import dump, flow_map

EXAMPLES = sorted(VALID.glob("*.yaml"))
WANDB_SUBSET = sorted(VALID.glob("wandb-*.yaml"))


def _lossless(result: Any) -> bool:
    return not any(
        d.code == "X001" and d.severity.rank >= Severity.WARNING.rank for d in result.diagnostics
    )


def test_there_are_wandb_subset_examples() -> None:
    assert len(WANDB_SUBSET) >= 2


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_spec_to_wandb_to_spec_is_byte_identical(path: Path) -> None:
    """What is not reported lost comes back, in meaning; in W&B's own subset, written in the
    form W&B's reader writes, byte for byte."""
    to_wandb = convert_file(path, "wandb")
    assert to_wandb.text is not None, to_wandb.diagnostics
    back = convert_text(to_wandb.text, "spec", "w.yaml", best_effort=True)
    assert back.text is not None
    original = load_text(path.read_text(encoding="utf-8")).data
    lost = {d.path for d in to_wandb.diagnostics if d.code == "X001"}
    assert set(lost_paths(original, load_text(back.text).data)) == lost
    if path in WANDB_SUBSET:
        assert lost == set()
        assert back.text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_wandb_output_passes_wandb_or_says_why(path: Path, sweeps: Any) -> None:
    import jsonschema
    import yaml

    result = convert_file(path, "wandb")
    assert result.text is not None
    config = yaml.safe_load(result.text)  # as W&B reads it: PyYAML, YAML 1.1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        violations = sweeps.schema_violations_from_proposed_config(config)
    schema = json.loads(shared_dir("oracles", "wandb-sweep-config.schema.json").read_text())
    current = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(config)]
    if violations or current:
        # a loss, or a note on what W&B's own validators do with what was kept
        reported = [d for d in result.diagnostics if d.code in ("X001", "X004")]
        assert reported, (violations, current)
    if path in WANDB_SUBSET:
        assert current == []
        assert all("run_cap" in v for v in violations), violations


def test_convert_cli_refuses_to_overwrite_its_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "s.yaml"
    source.write_text((VALID / "wandb-random.yaml").read_text())
    before = source.read_text()
    assert main(["convert", str(source), "--to", "wandb", "-o", str(source)]) == 2
    assert source.read_text() == before
    assert main(["convert", str(source), "--to", "spec", "-o", str(source), "--in-place"]) == 0
    assert source.read_text() == before
    out = tmp_path / "w.yaml"
    assert main(["convert", str(source), "--to", "wandb", "-o", str(out)]) == 0
    assert "method: random" in out.read_text()
    capsys.readouterr()


def test_convert_cli_strict_fails_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "w.yaml"
    seed = str(VALID / "seed.yaml")
    assert main(["convert", seed, "--to", "wandb", "--strict", "-o", str(out)]) == 1
    assert not out.exists()
    assert "X001" in capsys.readouterr().err
    assert main(["convert", seed, "--to", "wandb"]) == 0
    assert "method: random" in capsys.readouterr().out


# Random specs in W&B's expressible subset (tests/strategies.py; more laws on them in
# tests/test_roundtrip_props.py), written in the canonical form the reader writes.


@settings(max_examples=int(os.environ.get("SWEEPSPEC_HYPOTHESIS_EXAMPLES", "60")), deadline=None)
@given(
    space=strategies.WANDB.space(max_size=6),
    goal=st.sampled_from(["min", "max"]),
    samples=st.integers(1, 500),
)
def test_random_specs_round_trip(space: dict[str, Any], goal: str, samples: int) -> None:
    spec = {
        "sweepspec": 1,
        "program": "train.py",
        "search_alg": flow_map(("type", "variant_generator")),
        "metric": "loss",
        "mode": goal,
        "num_samples": samples,
        "param_space": space,
    }
    text = dump(spec)
    to_wandb = convert_text(text, "wandb", "s.yaml")
    assert to_wandb.text is not None, to_wandb.diagnostics
    back = convert_text(to_wandb.text, "spec", "w.yaml")
    assert back.text == text


def test_the_wandb_example_in_the_docs_is_what_convert_writes() -> None:
    written = convert_file(VALID / "wandb-grid-hyperband.yaml", "wandb").text
    assert written == (VALID.parent / "wandb" / "grid-hyperband.yaml").read_text()
