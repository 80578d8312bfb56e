"""An editor modeline names the schema of its file's format: a conversion never carries one into
a file of another format, where yaml-language-server would hold the file to the wrong schema,
and converting back restores it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import VALID

from sweepspec.convert import convert_file, convert_text
from sweepspec.formats import BY_ID, WRITABLE_IDS

# yaml-language-server's own test for a modeline (src/languageservice/services/modelineUtil.ts),
# in a file's head comments.
LANGUAGE_SERVER = re.compile(r"^#\s+(?:yaml-language-server\s*:|\$schema:)")
WITH_MODELINE = [p for p in sorted(VALID.glob("*.yaml")) if "yaml-language-server" in p.read_text()]


def _head_modelines(text: str) -> list[str]:
    head = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            break
        if LANGUAGE_SERVER.match(line):
            head.append(line)
    return head


def test_the_examples_have_modelines() -> None:
    assert len(WITH_MODELINE) >= 10


@pytest.mark.parametrize("to", [f for f in WRITABLE_IDS if f != "spec"])
@pytest.mark.parametrize("path", WITH_MODELINE, ids=lambda p: p.name)
def test_no_converted_file_carries_the_specs_modeline(path: Path, to: str) -> None:
    result = convert_file(path, to)
    if result.text is None:
        return  # nothing written (the conversion says why)
    assert _head_modelines(result.text) == []
    for line in result.text.splitlines():
        if "yaml-language-server" in line and not line.lstrip().startswith("SWEEPSPEC"):
            # kept, tagged with its format; a Python module keeps it in its spec template only
            assert line.startswith("# (spec) yaml-language-server: $schema=") or BY_ID[to].python


@pytest.mark.parametrize("path", WITH_MODELINE, ids=lambda p: p.name)
def test_converting_back_to_a_spec_restores_the_modeline(path: Path) -> None:
    wandb = convert_file(path, "wandb")
    assert wandb.text is not None
    # a W&B file W&B would refuse (a grid of sampled parameters) converts only with best effort
    back = convert_text(wandb.text, "spec", "w.yaml", best_effort=True)
    assert back.text is not None
    assert _head_modelines(back.text) == _head_modelines(path.read_text(encoding="utf-8"))


def test_a_modeline_of_another_format_stays_out_of_the_spec() -> None:
    text = (
        "# yaml-language-server: $schema=https://example.org/wandb-sweep.schema.json\n"
        "method: random\nparameters:\n  lr: {distribution: uniform, min: 0.1, max: 0.2}\n"
    )
    spec = convert_text(text, "spec", "w.yaml")
    assert spec.text is not None and _head_modelines(spec.text) == []
    assert spec.text.startswith("# (wandb) yaml-language-server: $schema=https://example.org/")
    back = convert_text(spec.text, "wandb", "s.yaml")
    assert back.text == text
