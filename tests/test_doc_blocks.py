"""Every code block of the docs and the README is executed here, or comes from a file a test runs.

- ``console`` blocks are sessions: each ``$ command`` is run in a scratch directory, and what it
  prints (standard output, then standard error) must be exactly the lines that follow it. The
  scratch directory stands for a user's repository: it links ``docs/`` and ``tests/``, and holds
  ``sweep.yaml`` (a copy of ``docs/examples/start/sweep.yaml``) and ``sweeps/`` (a copy of the
  bundled specs), the names the guides use for "your sweep".
- ``bash`` blocks are commands without their output: each is run and must succeed. Installation
  lines are checked against ``pyproject.toml`` and ``.ci/run`` instead of run (CI runs them), and
  benchmark lines against the benchmark's ``--help``, since a benchmark takes minutes.
- ``python`` blocks are run; ``yaml`` blocks are checked as specs, or as ``param_space`` entries.
- Blocks made of ``--8<--`` includes name files that a named test module runs.
- Generated reference pages are exempt: their blocks come from the vocabulary and the fixtures,
  and ``test_docs.py`` tests both the pages and the examples.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import docgen
import pytest
from conftest import ROOT

from sweepspec import check_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PAGES = [
    ROOT / "README.md",
    *sorted(p for p in (ROOT / "docs").rglob("*.md") if "examples" not in p.parts),
]
GENERATED = {ROOT / page for page in docgen.PAGES}
FENCE = re.compile(r"^(```+|~~~+)\s*([\w+-]*)")
SNIPPET = re.compile(r'^--8<-- "([^"]+)"$')
SCHEMA_ID = (
    "https://raw.githubusercontent.com/sweepspec/sweepspec/main/schema/sweepspec-1.schema.json"
)

# Blocks that are pictures, not code: (page, start of the first line).
FIGURES = {
    ("docs/design.md", "bytes --decode--> text --compose--> YAML nodes --index--> source map"),
    (
        "docs/design.md",
        "   W&B sweep YAML      legacy W&B Ray Tune YAML",
    ),
}


@dataclass(frozen=True)
class Block:
    page: Path
    line: int
    lang: str
    text: str

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks(page: Path) -> list[Block]:
    found: list[Block] = []
    fence: str | None = None
    lang, start, body = "", 0, []
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        match = FENCE.match(line.strip()) if fence is None else None
        if match:
            fence, lang, start, body = match.group(1), match.group(2), number, []
        elif fence is not None and line.strip() == fence:
            found.append(Block(page, start, lang, "\n".join(body) + "\n"))
            fence = None
        elif fence is not None:
            body.append(line)
    assert fence is None, f"{page}: unclosed code block at line {start}"
    return found


ALL = [b for page in PAGES if page not in GENERATED for b in blocks(page)]

# Each folder of included files, the test modules that run the files in it, and the text that
# shows the module reaches that folder.
# shows the module reaches every file there: a glob of the folder, or else each file's own name.
INCLUDED_BY: dict[str, tuple[tuple[str, str | None], ...]] = {
    "docs/examples/spec": (("test_examples.py", "VALID.glob"),),
    "docs/examples/invalid": (("test_examples.py", "INVALID.glob"),),
    "docs/examples/fixed": (("test_examples.py", "FIXED.glob"),),
    "docs/examples/ci": (("test_ci_snippets.py", None), ("test_action.py", None)),
    "docs/examples/wandb": (("test_wandb_convert.py", None), ("test_wandb_tune.py", None)),
    "docs/examples/tune": (("test_tune_source.py", None),),
    "docs/examples/hyperopt": (("test_seed_api.py", None),),
    "docs/examples/run": (("test_run.py", "RUN /"),),
    "docs/examples/start": (("test_doc_blocks.py", None),),
}
# A file that a command in the docs names is run by test_commands_and_programs_on_the_page_run.
COMMANDS = "\n".join(b.text for b in ALL if b.lang in ("console", "bash"))


def includes(block: Block) -> list[str] | None:
    lines = [line.strip() for line in block.text.splitlines() if line.strip()]
    paths = [m.group(1) for line in lines if (m := SNIPPET.match(line))]
    return paths if len(paths) == len(lines) else None


def test_the_pages_have_blocks_of_every_kind_this_module_handles() -> None:
    kinds = {b.lang for b in ALL}
    assert {"console", "bash", "python", "yaml"} <= kinds
    assert len(ALL) > 40


def test_every_block_is_of_a_kind_that_is_tested() -> None:
    handled = {"console", "bash", "python", "yaml"}
    for block in ALL:
        if includes(block) is not None:
            continue
        first = block.text.splitlines()[0] if block.text.strip() else ""
        page = str(block.page.relative_to(ROOT))
        if any(page == p and first.startswith(start) for p, start in FIGURES):
            continue
        assert block.lang in handled, (
            f"{block.where}: a `{block.lang}` block is neither run nor included"
        )


@pytest.mark.parametrize("block", [b for b in ALL if includes(b)], ids=lambda b: b.where)
def test_included_files_are_run_by_a_test(block: Block) -> None:
    for relative in includes(block) or []:
        path = ROOT / relative
        assert path.is_file(), f"{block.where}: {relative} does not exist"
        folder = str(path.parent.relative_to(ROOT))
        if re.search(rf"^\$? ?\S.* {re.escape(relative)}\b", COMMANDS, re.MULTILINE):
            continue
        assert folder in INCLUDED_BY, f"{block.where}: no test is known to run files in {folder}"
        tests = [(ROOT / "tests" / m).read_text(encoding="utf-8") for m, _ in INCLUDED_BY[folder]]
        tokens = [token or path.name for _, token in INCLUDED_BY[folder]]
        assert any(t in text for t, text in zip(tokens, tests, strict=True)), (
            f"{block.where}: no test module of {folder} reaches {path.name}"
        )


def test_the_getting_started_editor_settings_map_the_schema() -> None:
    settings = json.loads((ROOT / "docs/examples/start/vscode-settings.json").read_text("utf-8"))
    schema = json.loads((ROOT / "schema/sweepspec-1.schema.json").read_text("utf-8"))
    assert list(settings["yaml.schemas"]) == [schema["$id"]] == [SCHEMA_ID]


@pytest.mark.parametrize(
    "block", [b for b in ALL if b.lang == "yaml" and not includes(b)], ids=lambda b: b.where
)
def test_yaml_blocks_check_clean(block: Block) -> None:
    text = block.text
    if text.strip().startswith("# yaml-language-server:") and len(text.strip().splitlines()) == 1:
        assert text.strip() == f"# yaml-language-server: $schema={SCHEMA_ID}"
        return
    if not re.search(r"^sweepspec:", text, re.MULTILINE):
        text = "sweepspec: 1\nparam_space:\n" + "".join(f"  {line}\n" for line in text.splitlines())
    found = check_text(text, block.where)
    assert found == [], [f"{d.line}:{d.column} {d.code} {d.message}" for d in found]


# --- running commands --------------------------------------------------------------------------

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
EXTRAS = set(PYPROJECT["project"]["optional-dependencies"])
CI_RUN = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _checked_install(command: str, where: str) -> bool:
    """Whether ``command`` installs something; if so, check what it names exists."""
    words = shlex.split(command, comments=True)
    if words[:3] == ["python3", "-m", "venv"]:
        assert command in CI_RUN, f"{where}: `{command}` is not what CI runs"
        return True
    if words and words[0].endswith("pip") and words[1:2] == ["install"]:
        for target in words[2:]:
            extras = re.fullmatch(r"(?:sweepspec|\.|-e)?\[?([\w,-]*)\]?", target.replace("'", ""))
            if target in ("sweepspec", ".", "-e"):
                continue
            assert extras is not None and set(extras.group(1).split(",")) <= EXTRAS, (where, target)
        return True
    if words == [".venv/bin/pytest"]:
        assert command in CI_RUN, f"{where}: the README's test command is not what CI runs"
        return True
    if words[:1] == [".venv/bin/pytest"]:
        # a part of the suite (running the suite inside itself would never end): the markers it
        # names are the registered ones, and CI runs the same selection
        markers = {m.split(":")[0] for m in PYPROJECT["tool"]["pytest"]["ini_options"]["markers"]}
        assert words[1] == "-m", where
        named = set(re.findall(r"\w+", words[2])) - {"not", "and", "or"}
        assert named and named <= markers, (where, named)
        assert f'-m "{words[2]}"' in CI_RUN, f"{where}: CI does not run `{words[2]}`"
        return True
    return False


def _argv(words: list[str]) -> list[str]:
    if words[0] in ("sweepspec", ".venv/bin/sweepspec"):
        return [sys.executable, "-m", "sweepspec", *words[1:]]
    if words[0] in ("python", "python3"):
        return [sys.executable, *words[1:]]
    raise AssertionError(f"no rule to run `{words[0]}`")


def _run(command: str, cwd: Path) -> tuple[int, str]:
    words = shlex.split(command, comments=True)
    if words[0] == "cat":
        return 0, (cwd / words[1]).read_text(encoding="utf-8")
    result = subprocess.run(
        _argv(words), cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result.returncode, result.stdout + result.stderr


def _bench(command: str, where: str) -> None:
    """A benchmark line: the script exists and takes every option the line gives it."""
    words = shlex.split(command, comments=True)
    result = subprocess.run(
        [sys.executable, words[1], "--help"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{where}: {result.stderr}"
    for option in (w for w in words[2:] if w.startswith("--")):
        assert option in result.stdout, f"{where}: {words[1]} has no {option}"


def _session(block: Block, cwd: Path) -> None:
    """A console block: `$ command` lines, each followed by exactly what it prints."""
    steps: list[tuple[str, list[str]]] = []
    for line in block.text.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            assert steps, f"{block.where}: output before any command"
            steps[-1][1].append(line)
    for command, expected in steps:
        _, printed = _run(command, cwd)
        assert printed.splitlines() == expected, f"{block.where}: `{command}` printed\n{printed}"


def _commands(block: Block, cwd: Path) -> None:
    for line in block.text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        for command in (part.strip() for part in line.split(" && ")):
            if _checked_install(command, block.where):
                continue
            if re.match(r"python3? tests/bench", command):
                _bench(command, block.where)
                continue
            status, printed = _run(command, cwd)
            allowed = (0, 1) if shlex.split(command)[1:2] == ["check"] else (0,)
            assert status in allowed, f"{block.where}: `{command}` exited {status}\n{printed}"


def _python(block: Block, cwd: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", block.text],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"{block.where}:\n{block.text}\n{result.stderr}"


RUNNERS = {"console": _session, "bash": _commands, "python": _python}
RUNNABLE = [
    # A page whose commands run a sweep starts engines: it needs them, and is marked so.
    pytest.param(
        page,
        marks=[pytest.mark.engine] if re.search(r"sweepspec run ", page.read_text("utf-8")) else [],
    )
    for page in PAGES
    if any(b.lang in RUNNERS and not includes(b) for b in blocks(page))
]


@pytest.mark.slow  # every command runs in a process of its own
@pytest.mark.parametrize("page", RUNNABLE, ids=lambda p: str(p.relative_to(ROOT)))
def test_commands_and_programs_on_the_page_run(page: Path, tmp_path: Path) -> None:
    """The page's blocks run in order in one scratch directory, as a reader would run them."""
    (tmp_path / "docs").symlink_to(ROOT / "docs")
    (tmp_path / "tests").symlink_to(ROOT / "tests")
    shutil.copy(ROOT / "docs/examples/start/sweep.yaml", tmp_path / "sweep.yaml")
    shutil.copytree(ROOT / "docs/examples/spec", tmp_path / "sweeps")
    for block in blocks(page):
        if block.lang in RUNNERS and not includes(block):
            RUNNERS[block.lang](block, tmp_path)
