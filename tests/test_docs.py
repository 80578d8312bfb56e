from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import docgen
import pytest
from conftest import ROOT, tool


@pytest.mark.parametrize("relative", sorted(docgen.PAGES))
def test_generated_page_is_current(relative: str) -> None:
    committed = (ROOT / relative).read_text(encoding="utf-8")
    assert committed == docgen.PAGES[relative](), (
        f"{relative} drifted from its source: run `python scripts/docgen.py`"
    )


def test_every_code_distribution_and_option_is_documented() -> None:
    from sweepspec.codes import CODES
    from sweepspec.vocabulary import DISTRIBUTIONS, SCHEDULERS, SEARCH_ALGORITHMS

    diagnostics = docgen.diagnostics_page()
    assert all(f"## {c.id} {c.name}" in diagnostics for c in CODES)
    distributions = docgen.distributions_page()
    assert all(f"## `{d.name}`" in distributions for d in DISTRIBUTIONS)
    components = docgen.components_page()
    for component in (*SEARCH_ALGORITHMS, *SCHEDULERS):
        assert f"## `{component.type}`" in components
        assert all(f"| `{o.name}` |" in components for o in component.options)


def test_every_schema_key_is_documented_in_the_reference_and_the_guide() -> None:
    from sweepspec.schema import schema_file

    schema = json.loads(schema_file(1).read_text(encoding="utf-8"))
    reference = docgen.spec_page()
    guide = (ROOT / "docs" / "spec.md").read_text(encoding="utf-8")
    for key in schema["properties"]:
        assert f"`{key}`" in reference and f"`{key}`" in guide, key
    for pattern in schema["patternProperties"]:
        assert f"`{pattern}`" in reference


def test_sample_output_in_docs_and_readme_is_what_check_prints() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sweepspec", "check", "docs/examples/invalid/acceptance.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    sample = ROOT / "docs" / "examples" / "invalid" / "acceptance.txt"
    assert sample.read_text(encoding="utf-8") == result.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert result.stdout.strip() in readme, "README's sample output differs from `sweepspec check`"


@pytest.mark.tool
def test_mkdocs_build_strict(tmp_path: Path) -> None:
    mkdocs = tool("mkdocs", "docs")
    result = subprocess.run(
        [mkdocs, "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "param_space" in index  # the seed example was included into the page


@pytest.mark.parametrize("dist", docgen.DISTRIBUTIONS, ids=lambda d: d.name)
def test_each_distribution_example_is_a_valid_spec_fragment(dist: Any) -> None:
    from sweepspec import check_text

    text = f"sweepspec: 1\nparam_space:\n  x: {{{dist.example}}}\n"
    assert [d.code for d in check_text(text)] == [], dist.example


def test_ray_tune_column_of_the_mapping_table_is_what_to_tune_builds(tune: Any) -> None:
    """The page writes Ray Tune calls as text; evaluated, they equal the domains `to_tune` makes."""
    from sweepspec import load_text
    from sweepspec.compat import lookup
    from sweepspec.formats.tune import to_tune

    def shape(domain: Any) -> Any:
        if isinstance(domain, dict):
            return {k: shape(v) for k, v in domain.items()}
        if not hasattr(domain, "get_sampler"):
            return domain
        sampler = domain.get_sampler()
        inner = getattr(sampler, "sampler", sampler)
        fields = ("lower", "upper", "categories", "base", "mean", "sd")
        return (
            type(domain).__name__,
            type(inner).__name__,
            getattr(sampler, "q", None),
            {f: getattr(domain, f, getattr(inner, f, None)) for f in fields},
        )

    compared = 0
    for dist in docgen.DISTRIBUTIONS:
        feature = "structure.nested_groups" if dist.kind == "group" else f"distribution.{dist.name}"
        if lookup("tune", feature).status.value == "unsupported":
            continue
        text = f"sweepspec: 1\nparam_space:\n  x: {{{dist.example}}}\n"
        doc = load_text(text)
        written = docgen._tune_text(doc.data["param_space"]["x"])
        built = to_tune(doc).param_space
        assert built is not None, dist.name
        assert shape(eval(written, {"tune": tune})) == shape(built["x"]), dist.name
        compared += 1
    assert compared >= 14


def test_the_api_page_describes_sweepspec_check_as_it_is() -> None:
    """mkdocstrings cannot render `sweepspec.check` (the submodule of that name wins), so the page
    describes it in prose; this keeps the prose's signature true."""
    import inspect

    import sweepspec

    page = (ROOT / "docs" / "reference" / "api.md").read_text(encoding="utf-8")
    parameters = ", ".join(
        p.name if p.default is inspect.Parameter.empty else f"{p.name}={p.default!r}"
        for p in inspect.signature(sweepspec.check).parameters.values()
    )
    assert f"`sweepspec.check({parameters})`" in page


def test_every_test_the_design_page_names_exists() -> None:
    import ast
    import re

    page = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/\w+\.py)::(\w+)`", page)
    assert len(named) >= 10
    for module, function in named:
        tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
        defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert function in defined, f"docs/design.md names {module}::{function}, which is gone"


def test_every_code_shows_its_failing_and_fixed_example() -> None:
    from sweepspec.codes import CODES

    diagnostics = docgen.diagnostics_page()
    sections = diagnostics.split("\n## ")[1:]
    assert len(sections) == len(CODES)
    for code, section in zip(CODES, sections, strict=True):
        assert section.startswith(f"{code.id} {code.name}\n")
        folder = "convert" if code.id.startswith("X") else "invalid"
        name = f"{code.id}-{code.name}.yaml"
        assert f"**Fails** (`docs/examples/{folder}/{name}`)" in section
        assert f"**Fixed** (`docs/examples/fixed/{name}`)" in section
        fixed = (ROOT / "docs/examples/fixed" / name).read_bytes().decode("utf-8", "replace")
        assert f"```yaml\n{fixed.rstrip()}\n```" in section
        assert f"```diff\n--- docs/examples/{folder}/{name}\n" in section
