"""Real sweep files from public repositories (../shared/corpus): never a traceback.

Until W&B files are readable as such, each one named explicitly is reported as "not a spec" with
a hint naming what it looks like, and a directory walk skips them all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import shared_dir

from sweepspec import check_file, check_paths


def corpus_files() -> list[Path]:
    return sorted(shared_dir("corpus").rglob("*.yaml"))


def test_corpus_files_are_not_specs_and_say_what_they_look_like() -> None:
    files = corpus_files()
    assert len(files) >= 19
    for path in files:
        findings = check_file(path)
        assert [d.code for d in findings] == ["S001"], (path, findings)
        assert findings[0].hint is not None and "looks like" in findings[0].hint, path


def test_directory_walk_skips_the_corpus() -> None:
    report = check_paths([shared_dir("corpus")])
    assert report.checked == [] and report.errors == []
    assert len(report.skipped) == len(corpus_files())


@pytest.mark.parametrize("jobs", [1, 2])
def test_parallel_and_serial_reports_are_identical(jobs: int, tmp_path: Path) -> None:
    from conftest import INVALID, VALID

    sources = sorted(VALID.glob("*.yaml")) + sorted(INVALID.glob("*.yaml"))
    for index in range(80):
        source = sources[index % len(sources)]
        (tmp_path / f"{index:03d}-{source.name}").write_bytes(source.read_bytes())
    files = sorted(str(p) for p in tmp_path.iterdir())
    serial = check_paths(files, jobs=1)
    other = check_paths(files, jobs=jobs)
    assert other.diagnostics == serial.diagnostics
    assert other.checked == serial.checked and len(serial.checked) == 80
