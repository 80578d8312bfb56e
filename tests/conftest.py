from __future__ import annotations

import importlib
import os
import shutil
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
# scripts/ holds what only works from a checkout (the docs generator); the tests import it
sys.path.insert(0, str(ROOT / "scripts"))
EXAMPLES = ROOT / "docs" / "examples"
VALID = EXAMPLES / "spec"
INVALID = EXAMPLES / "invalid"
CONVERT = EXAMPLES / "convert"
# The fixed counterpart of every failing example above, under the same file name.
FIXED = EXAMPLES / "fixed"
# CI checks the project out beside a read-only copy of the shared research material.
SHARED = Path(os.environ.get("SWEEPSPEC_SHARED", ROOT.parent / "shared"))
# A colour setting of the shell the tests run in must not change what the commands print.
os.environ.pop("FORCE_COLOR", None)


def _absent(path: Path) -> str:
    return f"{path} is absent: the shared corpus is only beside the CI checkout"


def shared_dir(*parts: str) -> Path:
    """A folder or file of ``../shared``; skips the calling test where it is absent.

    Call it inside a test. At collection time (a ``parametrize`` list) use ``shared_files``:
    a skip there would end the collection of the whole module with an error.
    """
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(_absent(path))
    return path


def shared_files(*parts: str, pattern: str = "*.yaml") -> list[Any]:
    """Parameters for ``parametrize``: the files of a ``../shared`` folder, sorted; where the
    folder is absent, one parameter that skips with the reason, so the module still collects."""
    folder = SHARED.joinpath(*parts)
    if not folder.is_dir():
        return [pytest.param(None, id="absent", marks=pytest.mark.skip(reason=_absent(folder)))]
    return sorted(folder.glob(pattern))


# --- optional packages: one way to need them -----------------------------------------------------

# The extra that installs each optional package the tests use.
EXTRAS = {
    "hyperopt": "sweepspec[hyperopt]",
    "ray": "sweepspec[tune]",
    "ray.tune": "sweepspec[tune]",
    "sweeps": "sweepspec[wandb]",
    "build": "sweepspec[test]",
    "mkdocs": "sweepspec[docs]",
    "ax": "sweepspec[ax]",
}


def need(module: str, reason: str | None = None) -> ModuleType:
    """Import an optional package, or skip the calling test saying how to install it.

    Engines print deprecation warnings of their own on import; they are not ours to fix, and
    the suite turns warnings into errors.
    """
    extra = EXTRAS.get(module, EXTRAS.get(module.split(".", maxsplit=1)[0]))
    why = reason or f"{module} is not installed" + (f": pip install '{extra}'" if extra else "")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return importlib.import_module(module)
        except ImportError as exc:
            pytest.skip(why if reason is None else f"{why} ({exc})")


def tool(name: str, extra: str = "test") -> str:
    """The path of a command-line tool of the test environment, or skip saying how to get it."""
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not Path(found).exists():
        pytest.skip(f"{name} is not installed: pip install 'sweepspec[{extra}]'")
    return found


@pytest.fixture
def hyperopt() -> ModuleType:
    """The hyperopt package; the test is skipped where it is not installed."""
    return need("hyperopt")


@pytest.fixture
def tune() -> ModuleType:
    """``ray.tune``; the test is skipped where Ray Tune is not installed."""
    return need("ray.tune")


@pytest.fixture
def sweeps() -> ModuleType:
    """W&B's validator, sweeps 0.2.0; the test is skipped where it is not installed."""
    return need("sweeps")


@pytest.fixture(scope="session")
def ray_session() -> Iterator[ModuleType]:
    """One local Ray for every test that runs trials: starting Ray costs seconds each time.
    ``sweepspec.run`` leaves a Ray it did not start running, so the tests share this one."""
    ray = need("ray")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield ray
    finally:
        ray.shutdown()


# Tests that use one of these fixtures need an engine: marked `engine` (see pyproject.toml).
ENGINE_FIXTURES = frozenset({"hyperopt", "tune", "sweeps", "ray_session"})
# What an unmarked test must not import, so that the fast set (`-m "not engine ..."`) stays fast
# and shows the library working without them.
ENGINE_MODULES = ("hyperopt", "ray", "optuna", "sweeps", "numpy", "scipy")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if ENGINE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.engine)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    before = {m for m in ENGINE_MODULES if m in sys.modules}
    yield
    # Seen only where no earlier test imported the module: always so in the fast set.
    imported = [m for m in ENGINE_MODULES if m in sys.modules and m not in before]
    if imported and item.get_closest_marker("engine") is None:
        pytest.fail(f"this test imports {', '.join(imported)}: mark it `engine`")


# Small specs that the CLI and configuration tests share.
GOOD = "sweepspec: 1\nparam_space:\n  lr: {uniform: [0, 1]}\n"
WARN = "sweepspec: 1\nparam_space:\n  lr: {unifrom: [0, 1]}\n"


def write(base: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``base/name``, creating folders on the way."""
    path = base / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def expected_findings(yaml_file: Path) -> set[tuple[int, int, str]]:
    """Read `<name>.expected`: lines of `LINE:COLUMN CODE`, `#` comments ignored."""
    found = set()
    for raw in yaml_file.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            position, code = line.split()
            row, column = position.split(":")
            found.add((int(row), int(column), code))
    return found


@pytest.fixture(autouse=True)
def _not_in_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    # `--format auto` picks the github format there; the tests choose formats themselves.
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
