"""A space reads the same however the module builds it (issue 17): the property.

Random hyperopt spaces are written as a module by sweepspec's own writer; the module's
``space = {...}`` is then rebuilt in the styles people use (returned by a function, a class
attribute, under ``__main__`` and given to ``fmin``, filled entry by entry, filled in a loop
over static names, merged from two halves, options from a comprehension) and each style must
read back as the same space as the plain module. The hyperopt writer's template (its copy of
the spec) is left out, so that every style is read from its code alone.
"""

from __future__ import annotations

import ast
import textwrap
from typing import Any

import strategies
from hypothesis import given
from hypothesis import strategies as st

from sweepspec.convert import convert_source, convert_text
from sweepspec.loader import load_text
from sweepspec.meaning import plain, space_meaning
from sweepspec.yamlio import dump

STYLES = (
    "function",
    "class",
    "main",
    "items",
    "loop",
    "merge",
    "comprehension",
    "method",
    "fmin_inline",
    "delete",
)


def _module(space: dict[str, Any]) -> tuple[str, str, list[tuple[str, str]]]:
    """The module sweepspec writes for ``space``: its head (imports), the space's dict text,
    and each entry's key and value as written."""
    spec = {
        "sweepspec": 1,
        "metric": "loss",
        "mode": "min",
        "search_alg": {"type": "hyperopt"},
        "param_space": space,
    }
    written = convert_text(dump(spec), "hyperopt", "s.yaml", best_effort=True).text
    assert written is not None
    code = written.split("\n# The spec this module was written from.", 1)[0]
    tree = ast.parse(code)
    (assign,) = [
        s for s in tree.body if isinstance(s, ast.Assign) and ast.unparse(s.targets[0]) == "space"
    ]
    assert isinstance(assign.value, ast.Dict)
    head = "\n".join(
        ast.get_source_segment(code, s) or ""
        for s in tree.body
        if isinstance(s, (ast.Import, ast.ImportFrom))
    )
    entries = [
        (ast.literal_eval(k), ast.get_source_segment(code, v) or "")
        for k, v in zip(assign.value.keys, assign.value.values, strict=True)
        if k is not None
    ]
    return head, ast.get_source_segment(code, assign.value) or "", entries


def _render(style: str, head: str, literal: str, entries: list[tuple[str, str]]) -> str:
    body = textwrap.indent(literal, "    ").lstrip()
    fmin = "from hyperopt import fmin, tpe\n"
    if style == "function":
        return f"{head}\n\n\ndef get_space():\n    return {body}\n"
    if style == "class":
        return f"{head}\n\n\nclass Config:\n    space = {body}\n"
    if style == "method":
        deeper = textwrap.indent(literal, "        ").lstrip()
        return (
            f"{head}\n\n\nclass Tuner:\n    def __init__(self, trials=10):\n"
            f"        self.trials = trials\n        self.space = {deeper}\n"
        )
    if style == "main":
        return (
            f"{head}\n{fmin}\n\ndef objective(params):\n    return 0.0\n\n\n"
            f'if __name__ == "__main__":\n    space = {body}\n'
            "    best = fmin(objective, space, algo=tpe.suggest, max_evals=10)\n"
        )
    if style == "fmin_inline":
        return (
            f"{head}\n{fmin}\n\ndef objective(params):\n    return 0.0\n\n\n"
            f"def main():\n    fmin(objective, {body}, algo=tpe.suggest, max_evals=10)\n"
        )
    if style == "items":
        lines = [f"space[{key!r}] = {value}" for key, value in entries]
        return f"{head}\n\nspace = {{}}\n" + "\n".join(lines) + "\n"
    if style == "delete":
        # an entry added, then deleted: `del` is applied, not ignored
        lines = [f"space[{key!r}] = {value}" for key, value in entries]
        return (
            f"{head}\n\nspace = {{'zz_gone': 1}}\n" + "\n".join(lines) + "\ndel space['zz_gone']\n"
        )
    if style == "loop":
        # the entries as a static table, filled in a loop
        table = ",\n    ".join(f"({key!r}, {value})" for key, value in entries)
        return (
            f"{head}\n\nENTRIES = [\n    {table},\n]\nspace = {{}}\n"
            "for name, value in ENTRIES:\n    space[name] = value\n"
        )
    if style == "merge":
        half = len(entries) // 2
        first = ", ".join(f"{k!r}: {v}" for k, v in entries[:half])
        second = ", ".join(f"{k!r}: {v}" for k, v in entries[half:])
        return f"{head}\n\nbase = {{{first}}}\nspace = {{**base, {second}}}\n"
    if style == "comprehension":
        names = ", ".join(repr(k) for k, _ in entries)
        values = ", ".join(v for _, v in entries)
        return (
            f"{head}\n\nNAMES = [{names}]\nVALUES = [{values}]\n"
            "space = {name: value for name, value in zip(NAMES, VALUES)}\n"
        )
    raise ValueError(style)


def _space_of(source: str) -> Any:
    result = convert_source(source, "spec", "styled.py", "hyperopt")
    assert result.text is not None, (result.diagnostics, source)
    errors = [d for d in result.diagnostics if d.severity.name == "ERROR"]
    assert errors == [], (errors, source)
    return space_meaning(plain(load_text(result.text).data)["param_space"])


def _distinct(space: Any) -> bool:
    """No two parameters share a label: hyperopt refuses such a space (V007, an error with
    `search_alg: hyperopt`), so no module is written for it."""
    return strategies.distinct_labels(
        {"sweepspec": 1, "search_alg": {"type": "hyperopt"}, "param_space": space}
    )


@strategies.LAWS
@given(
    space=strategies.HYPEROPT.space(min_size=2, max_size=5).filter(_distinct),
    style=st.sampled_from(STYLES),
)
def test_a_space_reads_the_same_whatever_the_style(space: dict[str, Any], style: str) -> None:
    head, literal, entries = _module(space)
    plain_module = f"{head}\n\nspace = {literal}\n"
    expected = _space_of(plain_module)
    styled = _render(style, head, literal, entries)
    assert _space_of(styled) == expected, styled


def test_every_style_renders_a_space_that_reads() -> None:
    """Each style the property draws renders a module that reads as the plain one (none is a
    typo that the property would skip)."""
    head = "from hyperopt import hp"
    entries = [("a", 'hp.uniform("a", 0, 1)'), ("b", 'hp.choice("b", [1, 2])')]
    literal = '{"a": hp.uniform("a", 0, 1), "b": hp.choice("b", [1, 2])}'
    expected = _space_of(f"{head}\n\nspace = {literal}\n")
    assert set(expected) == {"a", "b"}
    for style in STYLES:
        assert _space_of(_render(style, head, literal, entries)) == expected, style


def test_a_change_the_reader_cannot_follow_is_named_not_ignored() -> None:
    """`space.pop("b")` or `OPTIONS.append(3)` change what the module builds; they were
    ignored (the space read with `b`, the choice without 3). Now each is a finding at the
    change, and what it touches is left out."""
    head = "from hyperopt import hp\n"
    popped = head + "space = {'a': hp.uniform('a', 0, 1), 'b': 1}\nspace.pop('b')\n"
    result = convert_source(popped, "spec", "p.py", "hyperopt")
    assert [(d.code, d.line) for d in result.diagnostics] == [("X003", 3)]
    appended = head + "OPTS = [1, 2]\nOPTS.append(3)\nspace = {'a': hp.choice('a', OPTS), 'b': 0}\n"
    result = convert_source(appended, "spec", "a.py", "hyperopt")
    assert result.text is not None and "a:" not in result.text
    (found,) = result.diagnostics
    assert found.code == "X003" and "changed in place (line 3)" in found.message
