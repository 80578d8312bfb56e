"""Hostile Python sources, evaluated keys: whatever expression a module uses as a dict key (a
list, a dict, a set, a tuple, nested), the readers answer with a located finding or carry the
entry, never an exception (``unhashable type`` escaped from ``dict([[["lr"], ...]])``).

Each generated key goes through every way a space is built by key: a dict literal, ``dict({...})``,
``dict(pairs)``, ``**``, ``.update``, item assignment and deletion, a dict comprehension, a loop
that sets items; and through lookups that hash a key (``.get``, ``in``, indexing). Both Python
readers read each module: hyperopt's (``hp.*``) and Ray Tune's (``tune.*``).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import LAWS

from sweepspec.convert import convert_source

_LEAVES = st.sampled_from(['"a"', '"b"', "1", "1.5", "None", "True", '"lr"'])

keys = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda xs: f"[{', '.join(xs)}]"),
        st.lists(inner, min_size=1, max_size=3).map(lambda xs: f"({', '.join(xs)},)"),
        st.lists(inner, min_size=1, max_size=3).map(lambda xs: f"{{{', '.join(xs)}}}"),
        st.lists(st.tuples(inner, inner), max_size=2).map(
            lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"
        ),
        inner.map(lambda x: f"frozenset([{x}])"),
        inner.map(lambda x: f"dict(k={x})"),
    ),
    max_leaves=6,
)
"""Python expressions that may be used as keys: strings, numbers, and containers of them."""

A, B = 'hp.uniform("a", 0, 1)', 'hp.uniform("b", 0, 1)'

# Each builds `space` with the key `{K}` where a space key goes; the flag says so (a key that is
# no string is then a finding on the key's line, for a space key is always a string).
TEMPLATES = [
    (f"space = {{{{{{K}}: {A}, 'b': {B}}}}}", True),
    (f"space = dict([({{K}}, {A}), ('b', {B})])", True),
    (f"space = dict([[{{K}}, {A}], ['b', {B}]])", True),
    (f"space = dict({{{{{{K}}: {A}}}}}, b={B})", True),
    (f"space = {{{{**{{{{{{K}}: {A}}}}}, 'b': {B}}}}}", True),
    (f"space = {{{{'b': {B}}}}}\nspace.update({{{{{{K}}: {A}}}}})", True),
    (f"space = {{{{'b': {B}}}}}\nspace[{{K}}] = {A}", True),
    (f"space = {{{{'b': {B}}}}}\ndel space[{{K}}]", True),
    (f"space = {{{{k: {A} for k in [{{K}}]}}}}", True),
    (f"space = {{{{'b': {B}}}}}\nfor k in [{{K}}]:\n    space[k] = {A}", True),
    (f"space = {{{{'b': {B}}}}}\nfor k, v in [({{K}}, 1)]:\n    space.update({{{{k: v}}}})", True),
    ("T = {{'a': 1}}\nspace = {{'b': hp.choice('b', [T.get({K}), 2])}}", False),
    ("space = {{'b': hp.choice('b', [1 if {K} in {{'a': 1}} else 2, 3])}}", False),
    ("space = {{'b': hp.choice('b', [{{'a': 1}}[{K}], 3])}}", False),
    ("space = {{'b': hp.choice('b', [{{{K}: 1}}, 3])}}", False),
    ("space = {{'b': hp.choice('b', [{{{K}, 1}}, 3])}}", False),
    ("space = {{'b': hp.choice('b', [sorted([{K}, {K}]), len({{{K}: 1}})])}}", False),
]


def _tune(source: str) -> str:
    return (
        source.replace("from hyperopt import hp", "from ray import tune")
        .replace(A, "tune.uniform(0, 1)")
        .replace(B, "tune.uniform(0, 1)")
        .replace("hp.choice('b', ", "tune.choice(")
    )


@pytest.mark.parametrize("template", TEMPLATES, ids=range(len(TEMPLATES)))
@pytest.mark.parametrize("reader", ["hyperopt", "tune"])
@LAWS
@given(key=keys)
def test_no_key_makes_a_reader_raise(template: tuple[str, bool], reader: str, key: str) -> None:
    text, space_key = template
    body = text.format(K=key)
    source = f"from hyperopt import hp\n{body}\n"
    if reader == "tune":
        source = _tune(source)
    result = convert_source(source, "spec", "s.py")  # raises nothing
    assert all(d.line >= 1 and d.column >= 1 for d in result.diagnostics)
    if space_key and not key.startswith('"'):
        # at the key, or at what uses it (`space[k] = ...` in a loop over keys)
        line = 2 + next(n for n, part in enumerate(body.split("\n")) if key in part)
        assert any(d.code in ("X001", "X003") and d.line >= line for d in result.diagnostics), (
            source,
            [(d.code, d.line, d.message) for d in result.diagnostics],
        )


@pytest.mark.parametrize(
    ("source", "finding"),
    [
        ('space = dict([[["lr"], hp.uniform("lr", 0, 1)]])', (2, 15)),
        (
            'space = dict([({"a": 1}, hp.uniform("lr", 0, 1)), ("b", hp.uniform("b", 0, 1))])',
            (2, 15),
        ),
        ("space = dict([(('lr',), hp.uniform('lr', 0, 1))])", (2, 15)),
        ("space = {'b': hp.uniform('b', 0, 1)}\ndel space[['b']]", (3, 11)),
        ("T = {'a': 1}\nspace = {'b': hp.choice('b', [T.get(['a']), 2])}", (3, 31)),
    ],
)
def test_an_unhashable_key_is_a_located_x003(source: str, finding: tuple[int, int]) -> None:
    result = convert_source(f"from hyperopt import hp\n{source}\n", "spec", "s.py")
    found = [(d.code, d.line, d.column) for d in result.diagnostics]
    assert ("X003", *finding) in found, found
