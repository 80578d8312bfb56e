"""W&B <-> spec on the real corpus, judged by W&B's own library (sweeps 0.2.0)."""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import pytest
from conftest import need, shared_files

from sweepspec import check_text
from sweepspec.convert import convert_file, convert_text
from sweepspec.diagnostics import Severity


def _sweeps() -> Any:
    return need("sweeps"), need("yaml")


def _filled(text: str, as_meant: bool = False) -> Any:
    """What W&B makes of ``text``: its filled config, or its rejection.

    W&B reads sweep files with PyYAML, that is YAML 1.1, where `1e-5` is a string. With
    ``as_meant`` the text is read as YAML 1.2 instead (as sweepspec and the file's author read
    it), which is what sweepspec's output must make W&B see.
    """
    sweeps, yaml = _sweeps()
    from sweeps.config import fill_validate_schema

    if as_meant:
        import json

        from ruamel.yaml import YAML

        config = json.loads(json.dumps(YAML(typ="safe", pure=True).load(text)))
    else:
        config = yaml.safe_load(text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return fill_validate_schema(config)
        except Exception as exc:
            try:
                violations = sorted(sweeps.schema_violations_from_proposed_config(config))
            except Exception as crash:
                violations = [f"crash: {type(crash).__name__}"]
            return ("rejected", type(exc).__name__, violations)


def _comments(text: str) -> list[tuple[str, str | None]]:
    """Each comment with its key: the key on its line, else the first key after it."""
    lines = text.splitlines()
    found = []
    for index, line in enumerate(lines):
        if "#" not in line:
            continue
        comment = line[line.index("#") :].strip()
        following = None
        for candidate in [line[: line.index("#")], *lines[index + 1 :]]:
            key = re.match(r"\s*-?\s*([\w.-]+):", candidate)
            if key:
                following = key.group(1)
                break
        found.append((comment, following))
    return found


@pytest.mark.parametrize("path", shared_files("corpus", "wandb"), ids=lambda p: p.name)
def test_wandb_to_spec_to_wandb(path: Path, sweeps: Any) -> None:
    original = path.read_text(encoding="utf-8")
    errors = [
        d
        for d in check_text(original, str(path))
        if d.severity is Severity.ERROR and d.code not in ("W001", "W002")
    ]
    spec = convert_file(path, "spec")
    if errors:
        # a file W&B rejects is refused (nothing written), unless with best effort
        assert spec.text is None and set(errors) <= set(spec.diagnostics)
        spec = convert_file(path, "spec", best_effort=True)
    assert spec.text is not None, spec.diagnostics
    assert [d for d in spec.diagnostics if d.severity is Severity.ERROR] == errors
    findings = check_text(spec.text, "spec.yaml")
    assert [d for d in findings if d.severity is Severity.ERROR] == [], findings
    back = convert_text(spec.text, "wandb", "spec.yaml")
    assert back.text is not None
    rewritten = any(d.code == "X002" for d in spec.diagnostics)
    if not rewritten:
        assert _filled(back.text) == _filled(original, as_meant=True)
    # every comment is still there, above the same key (or its parameters block)
    ours = back.text.splitlines()
    for comment, key in _comments(original):
        where = [i for i, line in enumerate(ours) if comment in line]
        assert where, f"lost {comment!r}"
        if key is not None:
            window = "\n".join(ours[where[0] : where[0] + 3])
            assert re.search(rf"\b{re.escape(key)}:", window), (comment, key, window)
