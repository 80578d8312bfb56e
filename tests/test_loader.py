from __future__ import annotations

import codecs

import pytest

from sweepspec.diagnostics import Span
from sweepspec.loader import MAX_DEPTH, load_bytes, load_text

BLOCK = """\
# header
sweepspec: 1
param_space:
  lr:
    loguniform:
      low: 1.0e-5
      high: 0.1
  opt: {choice: [adam, sgd]}
  items:
    - 1
    - two
"""


def codes(text: str) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in load_text(text, "t.yaml").diagnostics]


def test_block_and_flow_positions() -> None:
    doc = load_text(BLOCK, "t.yaml")
    spans = doc.spans
    assert spans.key(("sweepspec",)) == Span(2, 1, 2, 10)
    assert spans.value(("sweepspec",)) == Span(2, 12, 2, 13)
    assert spans.key(("param_space", "lr", "loguniform", "low")) == Span(6, 7, 6, 10)
    assert spans.value(("param_space", "lr", "loguniform", "low")) == Span(6, 12, 6, 18)
    # flow mapping and flow sequence items
    assert spans.key(("param_space", "opt", "choice")) == Span(8, 9, 8, 15)
    assert spans.value(("param_space", "opt", "choice", 1)) == Span(8, 24, 8, 27)
    # block sequence items point at the scalar, not at the dash
    assert spans.value(("param_space", "items", 1)) == Span(11, 7, 11, 10)
    # a block mapping value ends on its last line with content, not at the next key
    assert spans.value(("param_space", "lr")) == Span(5, 5, 7, 16)


def test_unknown_path_falls_back_to_nearest_ancestor() -> None:
    doc = load_text(BLOCK, "t.yaml")
    assert doc.spans.key(("param_space", "lr", "nope", 3)) == doc.spans.key(("param_space", "lr"))


def test_merge_keys_index_merged_values_at_their_source() -> None:
    text = "base: &b {p: 1, q: 2}\nm:\n  <<: *b\n  q: 3\n"
    doc = load_text(text, "t.yaml")
    assert dict(doc.data["m"]) == {"q": 3, "p": 1}
    assert doc.spans.value(("m", "q")) == Span(4, 6, 4, 7)
    assert doc.spans.value(("m", "p")) == Span(1, 14, 1, 15)


def test_duplicate_keys_are_reported_at_both_places_and_the_first_wins() -> None:
    doc = load_text("a: 1\nb: 2\na: 3\n", "t.yaml")
    assert [(d.code, d.line) for d in doc.diagnostics] == [("Y002", 1), ("Y002", 3)]
    assert doc.data["a"] == 1
    assert doc.diagnostics[1].related[0].span.line == 1


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
    ],
)
def test_unicode_with_bom(encoding: str, bom: bytes) -> None:
    doc = load_bytes(bom + "sweepspec: 1\nname: café\n".encode(encoding), "t.yaml")
    assert not doc.diagnostics
    assert doc.data["name"] == "café"


def test_invalid_utf8_is_located() -> None:
    doc = load_bytes(b"a: 1\nb: x\xff\n", "t.yaml")
    assert [(d.code, d.line, d.column) for d in doc.diagnostics] == [("Y004", 2, 5)]
    assert doc.fatal


def test_crlf_line_endings_keep_positions() -> None:
    doc = load_text("a: 1\r\nb:\r\n  c: 2\r\n", "t.yaml")
    assert doc.spans.key(("b", "c")) == Span(3, 3, 3, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the end of the file, at the end of its last line (not the empty line after it)
        ("a: [1, 2\n", [("Y001", 1, 9)]),
        ("a:\n\tb: 1\n", [("Y003", 2, 1)]),
        ("", [("Y006", 1, 1)]),
        ("# only a comment\n", [("Y006", 1, 1)]),
        ("---\n", [("Y006", 1, 1)]),
        ("--- # empty\n...\n", [("Y006", 1, 1)]),
        ("- 1\n- 2\n", [("Y007", 1, 1)]),
        ("just text\n", [("Y007", 1, 1)]),
        ("a: 1\n---\nb: 2\n", [("Y008", 2, 1)]),
        ("a: &x [*x]\n", [("Y010", 1, 4)]),
        ("1: x\nnull: y\n", [("Y009", 1, 1), ("Y009", 2, 1)]),
        ("a: !!python/object:os.system {}\n", [("Y005", 1, 4)]),
        ("a: !custom 3\n", [("Y005", 1, 4)]),
        ("a: !!binary aGVsbG8=\n", [("Y005", 1, 4)]),
    ],
)
def test_yaml_problems_are_located(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert codes(text) == expected


def test_tags_are_never_constructed() -> None:
    doc = load_text("a: !!python/object/apply:os.system ['false']\n", "t.yaml")
    assert doc.fatal and doc.data is None


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    doc = load_text("\n".join(lines) + "\n", "t.yaml")
    assert [d.code for d in doc.diagnostics] == ["Y010"]


def test_deep_nesting_is_refused() -> None:
    text = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    assert [d.code for d in load_text(text, "t.yaml").diagnostics] == ["Y010"]


def test_very_deep_nesting_does_not_crash() -> None:
    text = "a: " + "[" * 3_000 + "]" * 3_000 + "\n"
    assert [d.code for d in load_text(text, "t.yaml").diagnostics] == ["Y010"]


def test_anchored_boolean_validates_as_boolean() -> None:
    from sweepspec import check_text

    text = (
        "sweepspec: 1\nmetric: m\nmode: max\nsearch_alg:\n  type: variant_generator\n"
        "  constant_grid_search: &t true\n"
        "scheduler: {type: async_hyperband, stop_last_trials: *t}\n"
        "param_space: {a: 1}\n"
    )
    assert check_text(text) == []
