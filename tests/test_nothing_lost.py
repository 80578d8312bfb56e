"""Nothing is lost without a word: every node of an input is carried, passed through, or named
by a finding at its line; nothing that comes back is reported lost.

The fixtures are files written the way people write them, mistakes included:
docs/examples/wandb-mistakes/ (W&B sweeps with the mistakes real files have) and
docs/examples/other-formats/ (files of formats sweepspec does not read, given to a reader that
is named). The property tests mutate generated specs and W&B files (wrong types, misplaced
keys, missing arguments, extra keys at every level), convert them with best effort to every
format, read the output back, and require a finding on the line of every node that did not come
back.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest
import strategies
from conftest import EXAMPLES
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sweepspec.cli import main
from sweepspec.convert import convert_file, convert_text
from sweepspec.diagnostics import Diagnostic, Severity
from sweepspec.formats import WRITABLE_IDS
from sweepspec.loader import Document, load_text
from sweepspec.losses import canonical
from sweepspec.meaning import plain
from sweepspec.yamlio import dump

MISTAKES = EXAMPLES / "wandb-mistakes"
OTHERS = EXAMPLES / "other-formats"


def _at(found: list[Diagnostic]) -> set[tuple[str, int, int]]:
    return {(d.code, d.line, d.column) for d in found}


# --- the W&B mistakes of real files ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected", "kept"),
    [
        (
            "uniform-with-values.yaml",
            {("S004", 5, 3), ("S003", 7, 5), ("X001", 7, 5), ("X003", 5, 3)},
            {"lr"},  # `dropout` has no bounds: left out, said
        ),
        (
            "indented-too-deep.yaml",
            {("S003", 7, 5), ("X001", 7, 5), ("S003", 9, 5), ("X001", 9, 5)},
            {"lr"},
        ),
        (
            "q-log-normal-bounds.yaml",
            {("S003", 9, 5), ("X001", 9, 5), ("S003", 10, 5), ("X001", 10, 5)},
            {"hidden"},
        ),
        (
            "distribution-typo.yaml",
            {("S006", 8, 19), ("X003", 8, 19)},
            {"batch_size"},  # `lr` cannot be read without its distribution: left out, said
        ),
    ],
)
def test_a_wandb_mistake_is_refused_and_named_never_dropped(
    name: str, expected: set[tuple[str, int, int]], kept: set[str]
) -> None:
    path = MISTAKES / name
    refused = convert_file(path, "spec")
    assert refused.text is None  # was: exit 0, `uniform: [null, null]` or the keys gone
    # refused with the schema's findings, as `check` reports them
    assert {code for code, _, _ in _at(refused.diagnostics)} >= {
        code for code, _, _ in expected if code.startswith("S")
    }
    best = convert_file(path, "spec", best_effort=True)
    assert best.text is not None
    assert _at(best.diagnostics) == expected
    assert set(plain(load_text(best.text).data)["param_space"]) == kept
    assert "null" not in best.text


def test_the_mistakes_fail_the_command_line_and_best_effort_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = str(MISTAKES / "uniform-with-values.yaml")
    assert main(["convert", path, "--to", "spec"]) == 1
    assert "nothing written (the input has errors" in capsys.readouterr().err
    assert main(["convert", path, "--to", "spec", "--best-effort"]) == 1  # written, and said
    out, err = capsys.readouterr()
    assert out.startswith("# W&B sweep with a common mistake") and "X001" in err


@pytest.mark.parametrize("name", ["nni-search-space.json", "ray-tune-config.yaml"])
def test_a_file_of_another_format_named_as_wandb_is_refused(name: str) -> None:
    for source in ("wandb", "wandb-tune"):
        result = convert_file(OTHERS / name, "spec", source)
        assert result.text is None  # was: exit 0 with `param_space: {}`
        ((code, line, column),) = _at(result.diagnostics)
        assert (code, line, column) == ("X003", 1, 1)
        assert f"cannot read this file as {source}" in result.diagnostics[0].message


# --- lossless round trips say nothing lost -----------------------------------------------------

WANDB_FILES = sorted((EXAMPLES / "wandb").glob("*.yaml"))


@pytest.mark.parametrize("path", WANDB_FILES, ids=lambda p: p.name)
def test_bundled_wandb_files_round_trip_with_no_loss_and_pass_strict(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = convert_file(path, "spec")
    assert spec.text is not None
    assert [d for d in spec.diagnostics if d.code == "X001"] == []
    source = "wandb-tune" if "legacy" in path.name else "wandb"
    back = convert_text(spec.text, source, "s.yaml")
    assert back.text is not None
    assert [d for d in back.diagnostics if d.code == "X001"] == []
    assert main(["convert", str(path), "--to", "spec", "--strict"]) == 0
    capsys.readouterr()


EXAMPLES_PER_LAW = int(os.environ.get("SWEEPSPEC_HYPOTHESIS_EXAMPLES", "40"))
LAW = settings(
    max_examples=EXAMPLES_PER_LAW,
    deadline=None,
    derandomize=os.environ.get("SWEEPSPEC_HYPOTHESIS_RANDOM") != "1",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@LAW
@given(spec=strategies.wandb_specs())
def test_random_wandb_files_round_trip_with_no_loss(spec: dict[str, Any]) -> None:
    wandb = convert_text(dump(spec), "wandb", "s.yaml")
    assert wandb.text is not None
    read = convert_text(wandb.text, "spec", "w.yaml", best_effort=True)
    assert read.text is not None
    assert [d for d in read.diagnostics if d.code == "X001"] == []
    again = convert_text(read.text, "wandb", "s.yaml")
    assert again.text == wandb.text
    assert [d for d in again.diagnostics if d.code == "X001"] == []
    assert not again.failed(strict=True)


# --- the property: every node that does not come back is named on its line ---------------------


def _mutate(data: Any, draw: st.DrawFn) -> Any:
    """One mutation somewhere in ``data``: a wrong type, a misplaced key, a missing argument or
    an extra key, at a place drawn from every level."""
    places: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in node:
                places.append((node, key))
                walk(node[key])
        elif isinstance(node, list):
            for index in range(len(node)):
                places.append((node, index))
                walk(node[index])

    walk(data)
    if not places:
        return data
    container, key = draw(st.sampled_from(places))
    kind = draw(st.sampled_from(["wrong_type", "misplace", "delete", "extra"]))
    if kind == "wrong_type":
        container[key] = draw(st.sampled_from(["x", 7, 2.5, True, None, [1], {"k": 1}]))
    elif kind == "delete" and isinstance(container, (dict, list)) and len(container) > 1:
        del container[key]
    elif kind == "misplace" and isinstance(container, dict):
        targets = [c for c, _ in places if isinstance(c, dict) and c is not container]
        if targets:
            draw(st.sampled_from(targets))[key] = container.pop(key)
    elif isinstance(container, dict):
        container[draw(st.sampled_from(["extra", "values", "min", "type", "q"]))] = 1
    return data


@st.composite
def mutated(draw: st.DrawFn, strategy: st.SearchStrategy[dict[str, Any]]) -> str:
    data = plain(draw(strategy))
    for _ in range(draw(st.integers(0, 2))):
        data = _mutate(copy.deepcopy(data), draw)
    return dump(data)


def _lines(doc: Document, path: tuple[Any, ...]) -> set[int]:
    """The lines a node's key and value cover in the input."""
    key, value = doc.spans.key(path), doc.spans.value(path)
    return set(range(min(key.line, value.line), max(key.end_line, value.end_line) + 1))


def _named(found: list[Diagnostic], doc: Document, path: tuple[Any, ...]) -> bool:
    """Whether a finding is on the node's lines, or names a node that holds it (a parameter
    left out as a whole names each of its arguments)."""
    lines = _lines(doc, path)
    return any(
        d.line in lines or (len(d.path) >= 2 and path[: len(d.path)] == tuple(d.path))
        for d in found
    )


@LAW
@given(
    text=mutated(strategies.wandb_specs() | strategies.hyperopt_specs()),
    to=st.sampled_from([f for f in WRITABLE_IDS if f != "spec"]),
)
def test_every_spec_node_comes_back_or_is_named_on_its_line(text: str, to: str) -> None:
    doc = load_text(text, "s.yaml")
    if doc.fatal:
        return
    result = convert_text(text, to, "s.yaml", best_effort=True)
    if result.text is None:
        # refused: the errors are said, and nothing is written
        assert any(d.severity is Severity.ERROR for d in result.diagnostics), result.diagnostics
        return
    back = convert_text(result.text, "spec", "out", source_format=to, best_effort=True)
    assert back.text is not None, back.diagnostics
    ours, theirs = canonical(doc.data), canonical(load_text(back.text).data)
    for path, value in ours.items():
        if theirs.get(path, object()) != value:
            assert _named(result.diagnostics, doc, path), (path, value, result.diagnostics)


@st.composite
def mutated_wandb(draw: st.DrawFn) -> str:
    """A W&B file as sweepspec writes one for a generated spec, then mutated as a W&B file."""
    written = convert_text(dump(draw(strategies.wandb_specs())), "wandb", "s.yaml").text
    assert written is not None
    data = plain(load_text(written).data)
    for _ in range(draw(st.integers(0, 2))):
        data = _mutate(copy.deepcopy(data), draw)
    return dump(data)


@LAW
@given(text=mutated_wandb())
# found by a 2,000-example run: an unknown distribution was carried as a group of constants
@example(
    text="method: random\nparameters:\n  b:\n    value: 0\n  a:\n    distribution: x\n    min: 0\n"
)
@example(text="method: random\nparameters:\n  a:\n    distribution: 5\n    min: 0.0\n    max: 1\n")
def test_every_wandb_node_comes_back_or_is_named_on_its_line(text: str) -> None:
    """A W&B file to the spec and back: every leaf of the W&B file is in the W&B file that
    comes back, or a finding is on its line."""
    doc = load_text(text, "w.yaml")
    if doc.fatal:
        return
    spec = convert_text(text, "spec", "w.yaml", best_effort=True)
    if spec.text is None:
        assert any(d.severity is Severity.ERROR for d in spec.diagnostics)
        return
    back = convert_text(spec.text, "wandb", "s.yaml", best_effort=True)
    if back.text is None:  # the spec keeps an error of the W&B file, which said so
        assert any(d.severity is Severity.ERROR for d in spec.diagnostics)
        return
    ours, theirs = _leaves(plain(doc.data), ()), _leaves(plain(load_text(back.text).data), ())
    for path, value in ours.items():
        if theirs.get(path, object()) != value:
            assert _named(spec.diagnostics, doc, path), (path, value, spec.diagnostics)


def _leaves(node: Any, path: tuple[Any, ...]) -> dict[tuple[Any, ...], Any]:
    if isinstance(node, dict):
        out: dict[tuple[Any, ...], Any] = {}
        for key, value in node.items():
            out.update(_leaves(value, (*path, key)))
        return out
    return {path: node}


def test_losses_converting_a_wandb_file_onward_are_placed_in_the_wandb_file() -> None:
    """W&B -> hyperopt goes through the spec; a loss of `param_space.lr` is placed at
    `parameters.lr` of the W&B file, not at its first line."""
    path = EXAMPLES / "wandb" / "grid-hyperband.yaml"
    result = convert_file(path, "hyperopt")
    lines = path.read_text(encoding="utf-8").splitlines()
    lost = [d for d in result.diagnostics if d.code == "X001"]
    assert {lines[d.line - 1].split(":")[0].strip() for d in lost} == {"batch_size", "lr"}
    notes = [d for d in result.diagnostics if d.code == "X004"]
    assert {lines[d.line - 1].split(":")[0].strip() for d in notes} == {"method", "early_terminate"}
