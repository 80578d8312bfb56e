"""`import sweepspec` and `sweepspec check` must not pull in heavy ML packages."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from conftest import INVALID, VALID

HEAVY = ("hyperopt", "ray", "numpy", "scipy")

PROBE = """
import json, sys
import sweepspec
from sweepspec.cli import main
main(["check", "-q", *sys.argv[1:]])
print(json.dumps(sorted(m.split(".")[0] for m in sys.modules)))
"""


def test_check_path_imports_no_heavy_package() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(VALID), str(INVALID / "acceptance.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout.splitlines()[-1]))
    assert "sweepspec" in loaded and "jsonschema" in loaded
    assert loaded.isdisjoint(HEAVY), loaded & set(HEAVY)


def test_the_conversion_api_is_sweepspecs_and_loads_when_used() -> None:
    probe = (
        "import json, sys, sweepspec\n"
        "before = 'sweepspec.convert' in sys.modules\n"
        "result = sweepspec.convert_text('sweepspec: 1\\nparam_space: {a: 1}\\n', 'wandb')\n"
        "heavy = sorted(m for m in ('hyperopt', 'ray', 'numpy', 'scipy') if m in sys.modules)\n"
        "print(json.dumps([before, type(result).__name__, result.text, heavy]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    before, kind, text, heavy = json.loads(done.stdout)
    assert (before, kind, heavy) == (False, "Result", [])
    assert text == "method: random\nparameters: {a: {value: 1}}\n"


PACKAGE = Path(__file__).resolve().parent.parent / "sweepspec"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The package's modules that ``path`` imports, at the top or inside a function (a lazy
    import hides a cycle, it does not remove it); ``if TYPE_CHECKING:`` blocks do not run."""
    name = _module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING")
        for inner in ast.walk(node)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            submodules = {f"{target}.{alias.name}" for alias in node.names} & modules
            found.update(submodules)
            if target in modules and (node.module or not submodules):
                found.add(target)
    return found - {name}


def test_the_package_has_no_import_cycle() -> None:
    """Modules are layered (load -> check -> report; spec <-> formats): no module imports one
    that imports it back, even lazily."""
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {name: _imports(path, set(files)) for name, path in files.items()}
    assert graph["sweepspec.formats.pysource"], "the scan sees imports"

    def reaches(start: str, goal: str) -> list[str] | None:
        seen, todo = {start}, [[start]]
        while todo:
            trail = todo.pop()
            for nxt in sorted(graph[trail[-1]]):
                if nxt == goal:
                    return [*trail, nxt]
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append([*trail, nxt])
        return None

    cycles = [trail for name in sorted(graph) if (trail := reaches(name, name))]
    assert cycles == [], " ; ".join(" -> ".join(trail) for trail in cycles)


def test_importing_the_package_loads_no_parser_validator_or_converter() -> None:
    """`import sweepspec` costs little more than Python's start-up (issue 22): the YAML
    parsers, jsonschema, the checks and the converters load when first used, and every public
    name still answers."""
    probe = (
        "import json, sys, sweepspec\n"
        "before = sorted(sys.modules)\n"
        "names = [n for n in sweepspec.__all__ if getattr(sweepspec, n, None) is None]\n"
        "print(json.dumps([before, names, callable(sweepspec.check)]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    before, missing, check_is_the_function = json.loads(result.stdout)
    heavy = {"jsonschema", "ruamel", "yaml", "sweepspec.loader", "sweepspec.schema"}
    heavy |= {"sweepspec.checks", "sweepspec.convert", "sweepspec.formats.wandb"}
    assert not {m for m in before if m in heavy or m.split(".")[0] in heavy}
    assert missing == [] and check_is_the_function


# What a one-file `sweepspec check` of a valid spec loads of sweepspec (issue 22): a module
# added to this path shows up here, and must be worth its cost on every pre-commit run.
CHECK_MODULES = {
    "sweepspec",
    "sweepspec._version",
    "sweepspec.check",
    "sweepspec.checks",
    "sweepspec.checks.components",
    "sweepspec.checks.context",
    "sweepspec.checks.floats",
    "sweepspec.checks.programs",
    "sweepspec.checks.space",
    "sweepspec.cli",
    "sweepspec.diagnostics",
    "sweepspec.discovery",
    "sweepspec.document",
    "sweepspec.emit",
    "sweepspec.exitcodes",
    "sweepspec.fastload",
    "sweepspec.fastschema",
    "sweepspec.formats",
    "sweepspec.formats.model",
    "sweepspec.formats.spec",
    "sweepspec.formatters",
    "sweepspec.formatters.color",
    "sweepspec.formatters.escape",
    "sweepspec.formatters.text",
    "sweepspec.loader",
    "sweepspec.schemafile",
    "sweepspec._schema_v1",
    "sweepspec.settings",
    "sweepspec.sourcemap",
    "sweepspec.space",
    "sweepspec.suppressions",
    "sweepspec.vocabulary",
}
# Third-party and standard modules a check of a valid file has no use for: the validator and
# its dependencies, ruamel.yaml (libyaml parses, sweepspec.fastload builds the data), the
# engines, and standard modules that only writing, hashing, configuration or parallel runs need
# (typing too: sweepspec imports it for type checkers only; and json: the schema it validates
# with is Python data).
NOT_FOR_A_CHECK = {
    "jsonschema",
    "referencing",
    "rpds",
    "attrs",
    "ruamel",
    "numpy",
    "scipy",
    "hyperopt",
    "ray",
    "tempfile",
    "shutil",
    "hashlib",
    "tomllib",
    "difflib",
    "multiprocessing",
    "concurrent",
    "subprocess",
    "zipfile",
    "typing",
    "json",
}


def _modules_of_a_check(tmp_path: Path, text: str) -> tuple[int, list[str]]:
    spec = tmp_path / "sweep.yaml"
    spec.write_text(text, encoding="utf-8")
    probe = (  # no json here: it is one of the modules looked for
        "import sys\n"
        "from sweepspec.cli import main\n"
        f"code = main(['check', '-q', {str(spec)!r}])\n"
        "print(repr([int(code), sorted(sys.modules)]))\n"
    )
    # in a folder with no configuration file, as most pre-commit runs are (a pyproject.toml
    # with [tool.sweepspec] loads tomllib)
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    code, modules = ast.literal_eval(result.stdout.splitlines()[-1])
    return code, modules


def test_a_one_file_check_imports_these_modules(tmp_path: Path) -> None:
    seed = (VALID / "seed.yaml").read_text(encoding="utf-8")
    code, modules = _modules_of_a_check(tmp_path, seed)
    assert code == 0
    assert {m for m in modules if m.split(".")[0] == "sweepspec"} == CHECK_MODULES
    assert sorted({m for m in modules if m.split(".")[0] in NOT_FOR_A_CHECK}) == []


def test_a_spec_with_errors_loads_jsonschema_and_no_more(tmp_path: Path) -> None:
    """jsonschema finds and places the errors of an invalid spec; ruamel.yaml is still not
    needed for plain YAML."""
    broken = "sweepspec: 1\nnum_samples: -1\nmode: best\nparam_space:\n  lr: {uniform: [1]}\n"
    code, modules = _modules_of_a_check(tmp_path, broken)
    assert code == 1
    tops = {m.split(".")[0] for m in modules}
    assert "jsonschema" in tops
    assert not tops & {"ruamel", "numpy", "scipy", "hyperopt", "ray"}


def test_a_one_file_check_of_a_wandb_sweep_loads_no_validator_either(tmp_path: Path) -> None:
    """A pre-commit run on a valid W&B sweep file: W&B's schema is asked the same yes/no
    question, and W&B's own reading (YAML 1.1) comes from PyYAML, already loaded."""
    sweep = (
        "method: bayes\nmetric: {name: loss, goal: minimize}\n"
        "parameters:\n  lr: {distribution: log_uniform_values, min: 0.0001, max: 0.1}\n"
        "  batch_size: {values: [32, 64]}\n"
    )
    code, modules = _modules_of_a_check(tmp_path, sweep)
    assert code == 0
    assert sorted({m for m in modules if m.split(".")[0] in NOT_FOR_A_CHECK}) == []
