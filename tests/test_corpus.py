"""Real sweep files from public repositories (../shared/corpus): W&B files are checked as W&B
files, and sweepspec rejects exactly those that W&B's current schema (../shared/oracles) or its
code-level rules reject, at the places W&B's schema names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import INVALID, VALID, shared_dir, shared_files

from sweepspec import check_file, check_paths
from sweepspec.diagnostics import Severity
from sweepspec.formats.wandb_schema import DEPRECATED


def corpus(kind: str = "wandb") -> list[Path]:
    return sorted(shared_dir("corpus", kind).glob("*.yaml"))


def _as_meant(text: str) -> Any:
    """The file as its author wrote it: YAML 1.2 (ruamel.yaml's safe loader)."""
    from ruamel.yaml import YAML

    return json.loads(json.dumps(YAML(typ="safe", pure=True).load(text)))


def _as_wandb_reads(text: str) -> Any:
    """The file as W&B reads it: PyYAML's ``safe_load``, YAML 1.1 (wandb/cli/cli.py)."""
    import yaml

    return yaml.safe_load(text)


def _oracle_errors(config: Any) -> list[tuple[str | int, ...]]:
    schema = json.loads(shared_dir("oracles", "wandb-sweep-config.schema.json").read_text())
    errors = [
        tuple(e.absolute_path) for e in jsonschema.Draft7Validator(schema).iter_errors(config)
    ]

    # W&B's code-level rule: deprecated log-space distributions are violations (cfg.py).
    def walk(params: Any, at: tuple[str | int, ...]) -> None:
        for name, param in (params or {}).items():
            if isinstance(param, dict) and param.get("distribution") in DEPRECATED:
                errors.append((*at, name, "distribution"))
            if isinstance(param, dict) and isinstance(param.get("parameters"), dict):
                walk(param["parameters"], (*at, name, "parameters"))

    walk(config.get("parameters"), ("parameters",))
    return errors


def _misread(meant: Any, read: Any, at: tuple[str | int, ...] = ()) -> list[tuple[Any, ...]]:
    """The paths where W&B's reading differs from the author's, in value or JSON type."""
    if isinstance(meant, dict) and isinstance(read, dict):
        if list(meant) != [str(k) if isinstance(k, bool) else k for k in read]:
            return [at]  # a key read otherwise (`on:` is True)
        return [p for k in meant for p in _misread(meant[k], read[k], (*at, k))]
    if isinstance(meant, list) and isinstance(read, list) and len(meant) == len(read):
        return [
            p
            for i, (a, b) in enumerate(zip(meant, read, strict=True))
            for p in _misread(a, b, (*at, i))
        ]
    return [] if (type(meant), meant) == (type(read), read) else [at]


@pytest.mark.parametrize("path", shared_files("corpus", "wandb"), ids=lambda p: p.name)
def test_wandb_files_are_judged_as_wandb_judges_them(path: Path) -> None:
    """sweepspec fails a W&B file exactly when W&B rejects it as W&B reads it (YAML 1.1), its
    schema rejects it as its author meant it, or W&B reads a value otherwise than the author
    meant (it then runs another sweep than the one written); each at its node."""
    text = path.read_text(encoding="utf-8")
    errors = [d for d in check_file(path) if d.severity is Severity.ERROR]
    meant, read = _as_meant(text), _as_wandb_reads(text)
    misread = _misread(meant, read)
    expected = _oracle_errors(meant)
    assert bool(errors) == bool(expected or misread or _oracle_errors(read)), (errors, expected)
    ours = {d.path for d in errors}
    for location in expected:
        # each problem W&B's schema reports is reported at that node or inside it
        assert any(p[: len(location)] == location for p in ours), (location, ours)
    assert {d.path for d in errors if d.code == "W001"} == set(misread)


def test_some_corpus_files_are_rejected() -> None:
    rejected = [p.name for p in corpus() if _oracle_errors(_as_meant(p.read_text()))]
    assert len(rejected) >= 3


def test_directory_walk_finds_the_wandb_files_and_skips_the_legacy_one() -> None:
    report = check_paths([shared_dir("corpus")])
    assert report.errors == []
    assert len(report.checked) == len(corpus())
    assert [Path(p).name for p in report.skipped] == [p.name for p in corpus("wandb-tune-legacy")]


def test_the_legacy_file_is_checked_in_its_own_terms() -> None:
    # a legacy W&B Ray Tune file was "not a spec" (S001); it is read as what it is
    (path,) = corpus("wandb-tune-legacy")
    assert check_file(path) == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_parallel_and_serial_reports_are_identical(jobs: int, tmp_path: Path) -> None:
    sources = sorted(VALID.glob("*.yaml")) + sorted(INVALID.glob("*.yaml"))
    for index in range(80):
        source = sources[index % len(sources)]
        (tmp_path / f"{index:03d}-{source.name}").write_bytes(source.read_bytes())
    files = sorted(str(p) for p in tmp_path.iterdir())
    serial = check_paths(files, jobs=1)
    other = check_paths(files, jobs=jobs)
    assert other.diagnostics == serial.diagnostics
    assert other.checked == serial.checked and len(serial.checked) == 80
