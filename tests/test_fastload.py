"""The libyaml fast paths load exactly what the ruamel.yaml path loads.

``load_text(..., comments=False)`` (what ``check`` uses) builds plain data from libyaml's events
when it can (``fastload.plain``), else composes ruamel.yaml's nodes with libyaml
(``fastload.compose``), else leaves it all to ruamel.yaml. These tests load every text each way
and compare the whole Document: data with its types (a subclass counts as its base type: the
plain path's float is the round-trip constructor's ScalarFloat), every span, every diagnostic. A
difference means a fast path must fall back for that input.
"""

from __future__ import annotations

import datetime
import math
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, SHARED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sweepspec import fastload
from sweepspec.loader import Document, load_text

pytestmark = pytest.mark.skipif(
    not fastload.AVAILABLE, reason="PyYAML is built without libyaml here: there is no fast path"
)


def _shape(value: Any) -> Any:
    """The data with its types, so that 1 and 1.0 and True, or a str and a date, differ."""
    if isinstance(value, dict):
        return ("map", [(_shape(k), _shape(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", [_shape(v) for v in value])
    if isinstance(value, float) and math.isnan(value):
        return ("nan",)
    if isinstance(value, (str, int, float, datetime.date)) or value is None:
        return (type(value).__mro__[-2].__name__, value)
    return (type(value).__name__, repr(value))  # a TaggedScalar, say, which has no equality


def _spans(doc: Document) -> list[Any]:
    return sorted(((repr(p), doc.spans.key(p), doc.spans.value(p)) for p in doc.spans), key=str)


def _without(monkeypatch: pytest.MonkeyPatch, text: str, *paths: str) -> Document:
    with monkeypatch.context() as patch:
        for path in paths:
            patch.setattr(fastload, path, lambda *args, **kwargs: None)
        return load_text(text, "f.yaml", comments=False)


def both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Document, Document]:
    """The document as ``check`` loads it, and as ruamel.yaml alone loads it."""
    return load_text(text, "f.yaml", comments=False), _without(
        monkeypatch, text, "plain", "compose"
    )


def assert_same(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    slow = _without(monkeypatch, text, "plain", "compose")
    for fast in (
        load_text(text, "f.yaml", comments=False),  # the plain path where it can
        _without(monkeypatch, text, "plain"),  # libyaml composing ruamel.yaml's nodes
    ):
        assert fast.fatal == slow.fatal
        assert fast.diagnostics == slow.diagnostics
        assert _shape(fast.data) == _shape(slow.data)
        assert _spans(fast) == _spans(slow)


def _files() -> list[Path]:
    files = sorted(EXAMPLES.rglob("*.yaml")) + sorted(EXAMPLES.rglob("*.yml"))
    corpus = SHARED / "corpus"
    if corpus.is_dir():
        files += sorted(corpus.rglob("*.yaml"))
    return files


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_every_example_and_corpus_file_loads_the_same(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert_same(path.read_bytes().decode("utf-8", errors="replace"), monkeypatch)


def _taken(monkeypatch: pytest.MonkeyPatch, path: str, text: str) -> list[Any]:
    calls: list[Any] = []
    real = getattr(fastload, path)

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(result := real(*args, **kwargs))
        return result

    monkeypatch.setattr(fastload, path, spy)
    load_text(text, comments=False)
    return calls


def test_the_plain_path_is_taken_for_ordinary_specs(monkeypatch: pytest.MonkeyPatch) -> None:
    for path in sorted((EXAMPLES / "spec").glob("*.yaml")):
        calls = _taken(monkeypatch, "plain", path.read_text(encoding="utf-8"))
        assert calls and calls[0] is not None, path.name


def test_anchors_take_the_composing_path(monkeypatch: pytest.MonkeyPatch) -> None:
    text = CASES["anchors and merges"]
    assert _taken(monkeypatch, "plain", text) == [None]
    calls = _taken(monkeypatch, "compose", text)
    assert calls and calls[0] is not None


_RESOLVED_TEXT = st.text(
    st.sampled_from(list("0123456789+-._eExXoObB:~<=tTfFnNuIiaAlsLSr ZzYy\t")), min_size=1
).filter(lambda t: t.strip() == t)


@settings(
    max_examples=int(os.environ.get("SWEEPSPEC_FASTLOAD_EXAMPLES", "2000")),
    deadline=None,
    derandomize=True,
)
@given(st.one_of(_RESOLVED_TEXT, st.sampled_from(["", "true", "NULL", "~", ".NaN", "-.Inf", "<<"])))
def test_the_plain_paths_resolver_is_ruamel_yamls(text: str) -> None:
    """fastload's copy of YAML 1.2's implicit resolvers (which both loaders use) gives every
    plain scalar the tag that ruamel.yaml's own resolver gives it."""
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    theirs = VersionedResolver(version=(1, 2)).resolve(ScalarNode, text, (True, False))
    assert fastload.implicit_tag(text) == str(theirs)


CASES = {
    "numbers": "a: [1, -2, +3, 0o17, 0x1F, 1_000, 1.5, 1e3, 1.0e-5, .inf, -.Inf, .NaN, 017]\n",
    "sexagesimal": "a: 1:30\n",
    "booleans": "a: [true, True, TRUE, false, yes, no, on, off]\n",
    "nulls": "a: [~, null, Null, NULL, '']\nb:\n",
    "strings": "a: 'single'\nb: \"double \\u00e9 \\t\"\n",
    "block scalars": "c: |\n  literal\n  block\nd: >-\n  folded\n  text\n",
    "dates": "a: 2001-12-14\nb: 2001-12-14t21:59:43.10-05:00\nc: 2001-13-45\n",
    "anchors and merges": "base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\nlist: [*b, *b]\n",
    "merge of a list": "a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: [*a, *b]\n",
    "duplicate keys": "a: 1\nb: 2\na: 3\n",
    "non-string keys": "1: a\n[1, 2]: b\n? {c: d}\n: e\nnull: f\n",
    "complex keys": "? a\n: 1\n? |\n  block key\n: 2\n",
    "nested flow": "a: {b: [c, {d: [e, [f, g]]}], h: {}}\ni: []\n",
    "empty values": "a:\nb: {}\nc: []\nd: ''\n",
    "second document": "a: 1\n---\nb: 2\n",
    "explicit end": "a: 1\n...\n",
    "crlf": "a: 1\r\nb:\r\n  - x\r\n  - y\r\n",
    "cr only": "a: 1\rb: 2\r",
    "no final newline": "a: 1\nb:\n  c: 2",
    "comments": "# head\na: 1  # eol\n# between\nb: [1, # in flow\n  2]\n",
    "unicode": 'ключ: значение\n"\\U0001F600": 😀\nb: a\u2028b\n',
    "tab in value": "a: b\tc\nd:\t1\n",
    "tab indentation": "a:\n\tb: 1\n",
    "syntax error": "a: [1, 2\nb: 3\n",
    "undefined alias": "a: *nope\n",
    "tag": "a: !!python/object/apply:os.system ['echo no']\n",
    "local tag": "a: !foo bar\n",
    "directive": "%YAML 1.2\n---\na: 1\n",
    "recursive alias": "a: &a [*a]\n",
    "only comments": "# nothing\n",
    "empty": "",
    "scalar document": "just a string\n",
    "sequence document": "- a\n- b\n",
    "deep": "a: " + "[" * 150 + "]" * 150 + "\n",
    "deep block": "".join("  " * i + f"k{i}:\n" for i in range(120)),
    "alias bomb": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n"
        for p, c in zip("abcdef", "bcdefg", strict=False)
    ),
    "long key": "k" * 5000 + ": 1\n",
    "quoted keys": "'a': 1\n\"b\": 2\n",
    "indented sequence": "a:\n- 1\n- 2\nb:\n  - 3\n",
    "block scalar at end": "a: |\n  x\n\n\n",
    "bom": "\ufeffa: 1\n",
    "nul": "a: \x00\n",
    "control character": "a: \x07b\n",
    "invalid escape": 'a: "\\q"\n',
    "stray colon": "a: b: c\n",
    "bad indentation": "a:\n  b: 1\n c: 2\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_yaml_features_load_the_same(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_same(CASES[name], monkeypatch)


_PIECES = st.sampled_from(
    [
        "a",
        "b",
        "k1",
        ":",
        ": ",
        "- ",
        "\n",
        "  ",
        "    ",
        "[",
        "]",
        "{",
        "}",
        ", ",
        "'",
        '"',
        "#",
        "&x ",
        "*x",
        "<<: ",
        "1",
        "-1.5e3",
        ".inf",
        "~",
        "true",
        "0o7",
        "0x1f",
        "2001-01-01",
        "|",
        ">",
        "? ",
        "---\n",
        "...\n",
        "!!str ",
        "\t",
        "\r\n",
        "é",
        "\\",
        "%",
        "@",
        "`",
    ]
)


@settings(
    max_examples=int(os.environ.get("SWEEPSPEC_FASTLOAD_EXAMPLES", "400")),
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_random_texts_load_the_same(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert_same(text, monkeypatch)


@settings(
    max_examples=int(os.environ.get("SWEEPSPEC_FASTLOAD_EXAMPLES", "200")),
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
@given(st.sampled_from(_files()), st.data())
def test_mutated_examples_load_the_same(path: Path, data: st.DataObject) -> None:
    text = path.read_bytes().decode("utf-8", errors="replace")
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 3))):
        index = data.draw(st.integers(0, max(len(lines) - 1, 0)))
        action = data.draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "insert"]))
        if not lines:
            break
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "indent":
            lines[index] = "  " + lines[index]
        elif action == "dedent":
            lines[index] = lines[index][2:]
        else:
            lines.insert(index, data.draw(_PIECES) + data.draw(_PIECES) + data.draw(_PIECES))
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert_same("\n".join(lines), monkeypatch)


def test_too_many_values_are_refused_at_the_same_value(monkeypatch: pytest.MonkeyPatch) -> None:
    from sweepspec import document

    monkeypatch.setattr(document, "MAX_NODES", 40)  # where every loader reads it
    text = (
        "a: ["
        + ", ".join(str(i) for i in range(30))
        + "]\nb: {"
        + ", ".join(f"k{i}: {i}" for i in range(30))
        + "}\n"
    )
    fast, slow = both(text, monkeypatch)
    assert [d.code for d in fast.diagnostics] == ["Y010"]
    assert fast.diagnostics == slow.diagnostics
