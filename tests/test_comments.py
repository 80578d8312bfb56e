"""Every comment survives a conversion, at the node it belongs to (sweepspec/comments.py).

The fixture docs/examples/comments/wandb-annotated.yaml is a W&B sweep commented the way people
comment one: a head, a note inside `metric`, a commented-out `command` item, end-of-line notes on
`min_iter`, on a bound, on each item of a multi-line flow list and on a `value:`, commented-out
parameters inside `parameters` and after the last key, and a note at the very end.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import strategies
from conftest import EXAMPLES, shared_files
from hypothesis import given
from hypothesis import strategies as st

from sweepspec.comments import BEFORE, END, EOL, HEAD, Comment, comments_of, starts
from sweepspec.convert import convert_file, convert_text, node_images
from sweepspec.formats import BY_ID
from sweepspec.loader import Document, load_text
from sweepspec.meaning import MISSING, lookup
from sweepspec.yamlio import dump

ANNOTATED = EXAMPLES / "comments" / "wandb-annotated.yaml"


def _comments(text: str) -> list[Comment]:
    return comments_of(load_text(text))


def _texts(comments: list[Comment]) -> Counter[str]:
    """The comments' texts, one per `#`: end-of-line comments of nodes that share one line in
    the output (a parameter's arguments in a flow mapping) are written on it one after the
    other, each whole."""
    return Counter(part for c in comments for part in re.split(r"\s+(?=#)", c.text))


def _placed(comments: list[Comment]) -> Counter[tuple[str, str, tuple[Any, ...]]]:
    return Counter((c.text, c.place, c.path) for c in comments)


def test_every_kind_of_comment_is_found_with_its_node() -> None:
    found = {c.text: (c.place, c.path) for c in _comments(ANNOTATED.read_text(encoding="utf-8"))}
    assert found["# Sweep for the ResNet baseline."] == (HEAD, ())
    assert found["# the validation loss, logged every epoch"] == (BEFORE, ("metric", "name"))
    assert found["# lower is better"] == (EOL, ("metric", "name"))
    assert found["# - -u"] == (BEFORE, ("command", 2))
    assert found["# epochs before the first cut"] == (EOL, ("early_terminate", "min_iter"))
    assert found["# small"] == (EOL, ("parameters", "batch_size", "values", 0))
    assert found["# large"] == (EOL, ("parameters", "batch_size", "values", 2))
    assert found["# fixed for now"] == (EOL, ("parameters", "epochs", "value"))
    assert found["# momentum:"] == (END, ())
    assert found["# end of sweep"] == (END, ())


def test_an_annotated_wandb_file_keeps_every_comment_at_its_node_through_the_spec() -> None:
    original = ANNOTATED.read_text(encoding="utf-8")
    spec = convert_file(ANNOTATED, "spec")
    assert spec.text is not None
    # a multi-line flow list stays multi-line, each item with its comment
    assert "choice: [16,   # small\n" in spec.text
    assert "# end of sweep" in spec.text.splitlines()[-1]
    back = convert_text(spec.text, "wandb", "spec.yaml")
    assert back.text is not None
    ours, theirs = _placed(_comments(original)), _placed(_comments(back.text))
    assert Counter(t for t, _, _ in ours.elements()) == Counter(t for t, _, _ in theirs.elements())
    # W&B's `metric:` and `metric.name` are one node of the spec (`metric`): a comment above
    # `name` comes back above `metric:`, the one known move
    moved = ("# the validation loss, logged every epoch", BEFORE, ("metric", "name"))
    assert ours - theirs == Counter([moved])
    assert theirs - ours == Counter([(moved[0], BEFORE, ("metric",))])


GOAL_FIRST = EXAMPLES / "comments" / "wandb-goal-first.yaml"


def test_a_comment_after_a_node_on_one_line_is_that_nodes() -> None:
    found = {c.text: (c.place, c.path) for c in _comments(GOAL_FIRST.read_text(encoding="utf-8"))}
    assert found["# three decades"] == (EOL, ("parameters", "lr", "distribution"))
    # a flow mapping that ends on the comment's line: the item's, not its last key's
    assert found["# the default"] == (EOL, ("parameters", "optimizer", "values", 0))
    spec = {c.text: (c.place, c.path) for c in _comments("lr: {uniform: [0, 1]}  # flat\n")}
    assert spec["# flat"] == (EOL, ("lr",))


def test_goal_above_name_and_comments_on_distribution_lines_come_back_at_their_nodes() -> None:
    """Real W&B files put `goal` above `name` and comment the `distribution:` line: the
    comment above `metric:` stays there (it went to `mode`, and back inside `metric`), and one
    on a `distribution:` line comes back on it (it came back on `max:`)."""
    original = GOAL_FIRST.read_text(encoding="utf-8")
    spec = convert_file(GOAL_FIRST, "spec")
    assert spec.text is not None
    assert "# what we optimise\nmetric: val_acc\n" in spec.text
    back = convert_text(spec.text, "wandb", "spec.yaml")
    assert back.text is not None
    ours, theirs = _placed(_comments(original)), _placed(_comments(back.text))
    # the spec has one line for a distribution and its arguments: two end-of-line comments of
    # one parameter share it, in their order, and come back on its `distribution:` line
    joined = "# whole hundreds  # one hundred at a time"
    steps = ("parameters", "steps")
    assert ours - theirs == Counter(
        [
            ("# whole hundreds", EOL, (*steps, "distribution")),
            ("# one hundred at a time", EOL, (*steps, "q")),
        ]
    )
    assert theirs - ours == Counter([(joined, EOL, (*steps, "distribution"))])


def test_an_annotated_wandb_file_keeps_its_comments_in_the_legacy_format() -> None:
    spec = convert_file(ANNOTATED, "spec")
    assert spec.text is not None
    legacy = convert_text(spec.text, "wandb-tune", "spec.yaml", best_effort=True)
    assert legacy.text is not None
    assert _texts(_comments(legacy.text)) == _texts(_comments(spec.text))


def _survival(paths: list[Path]) -> tuple[int, int]:
    total = kept = 0
    for path in paths:
        original = path.read_text(encoding="utf-8")
        spec = convert_file(path, "spec", best_effort=True)
        assert spec.text is not None, spec.diagnostics
        back = convert_text(spec.text, "wandb", "spec.yaml", best_effort=True)
        assert back.text is not None, back.diagnostics
        ours, theirs = _texts(_comments(original)), _texts(_comments(back.text))
        total += sum(ours.values())
        kept += sum((ours & theirs).values())
    return total, kept


@pytest.mark.parametrize("folder", shared_files("corpus", pattern="wandb"), ids=str)
def test_every_comment_of_the_corpus_comes_back(folder: Path) -> None:
    total, kept = _survival(sorted(folder.glob("*.yaml")))
    assert total > 0 and kept == total


def test_every_comment_of_the_bundled_wandb_files_comes_back() -> None:
    paths = [*sorted((EXAMPLES / "wandb").glob("*.yaml")), ANNOTATED]
    total, kept = _survival(paths)
    assert total > 0 and kept == total


# --- the property: comments anywhere YAML allows, through a round trip -----------------------


@st.composite
def commented(draw: st.DrawFn, fmt: str) -> str:
    """A generated sweep written as ``fmt``, with comments put in: full-line comments above any
    line (at its indentation, or as commented-out keys), end-of-line comments on any line."""
    text = dump(draw(strategies.wandb_specs()))
    if fmt != "spec":
        written = convert_text(text, fmt, "s.yaml").text
        assert written is not None
        text = written
    lines = text.splitlines()
    for number in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(lines)))
        if at < len(lines) and lines[at].strip() and draw(st.booleans()):
            lines[at] += " " * draw(st.integers(1, 3)) + f"# note {number}"
        else:
            line = lines[at] if at < len(lines) else ""
            indent = len(line) - len(line.lstrip())
            body = draw(st.sampled_from([f"note {number}", f"old_{number}: 0.5"]))
            lines.insert(at, " " * indent + "# " + body)
    return "\n".join(lines) + "\n"


@strategies.LAWS
@given(text=commented("spec"), fmt=st.sampled_from(["wandb", "wandb-tune", "hyperopt"]))
def test_every_comment_of_a_spec_survives_a_round_trip(text: str, fmt: str) -> None:
    _round_trip(text, "spec", fmt)


@strategies.LAWS
@given(text=commented("wandb"))
def test_every_comment_of_a_wandb_file_survives_a_round_trip(text: str) -> None:
    _round_trip(text, "wandb", "spec")


def _round_trip(text: str, source: str, middle: str) -> None:
    doc = load_text(text, "c.yaml")
    assert not doc.fatal
    there = convert_text(text, middle, "c.yaml", best_effort=True)
    assert there.text is not None, there.diagnostics
    back = convert_text(there.text, source, "m.yaml", source_format=middle, best_effort=True)
    assert back.text is not None, back.diagnostics
    ours = _texts(comments_of(doc))
    if middle == "hyperopt":
        # a Python module: the space's comments as Python comments at their entries, and
        # every comment in the module's copy of the spec
        code = there.text.split("\nSWEEPSPEC = ", 1)[0]
        for c in comments_of(doc):
            if c.path[:1] == ("param_space",):
                assert c.text in code, (c, there.text)
        assert all(text in there.text for text in ours), there.text
    else:
        assert _texts(_comments(there.text)) == ours, there.text
    assert _texts(_comments(back.text)) == ours, back.text
    _same_nodes(doc, load_text(there.text, "m.yaml"), load_text(back.text), source, middle)


def _parts(comments: list[Comment]) -> dict[str, tuple[str, tuple[Any, ...]]]:
    """Each comment's text (one per `#`, see ``_texts``) -> its place and node; the generated
    comments' texts are unique."""
    return {part: (c.place, c.path) for c in comments for part in re.split(r"\s+(?=#)", c.text)}


def _same_nodes(doc: Document, there: Document, back: Document, source: str, middle: str) -> None:
    """Every comment comes back at the node it belonged to, unless the middle format has no
    place of its own for that node (issue 16, point 2): then at a node the middle format
    folds it into (W&B's `metric:` and `metric.name` are the spec's one `metric`), or where
    the middle has no node for it at all (a spec's `sweepspec: 1`, a default left out, a
    dropped parameter), at the nearest surviving node: the next for a comment above it, the
    previous for one at its end, else an ancestor, the head or the end. A comment whose node
    does not come back (a loss the conversion reports) is only required to come back."""
    came = _parts(comments_of(doc))
    returned = {
        text: place_path
        for text, place_path in _parts(comments_of(back)).items()
        if lookup(back.data, came[text][1]) is not MISSING
    }
    if middle == "hyperopt":
        for text, (place, path) in returned.items():
            was_place, was = came[text]
            # grid_search is written as hp.choice and read back as choice: the same node,
            # rewritten
            renamed = len(path) == len(was)
            renamed = renamed and sum(a != b for a, b in zip(path, was, strict=False)) <= 1
            assert place == was_place and renamed, (text, came[text], (place, path))
        return
    spec = doc.data if source == "spec" else BY_ID[source].read(doc).data
    image = node_images(doc.data, source, spec, middle, there.data)
    order = [path for *_, path in starts(doc.data, doc.spans)]
    first = next((path for *_, path in starts(there.data, there.spans)), None)
    images = {image(path) for path in order}

    def where(place: str, path: tuple[Any, ...]) -> tuple[str, Any]:
        """A place in the middle's terms: above its first node is its head, above the first
        key of a mapping that stands for no input node is above that mapping (the legacy
        format's `tune:`, W&B's `metric:`), the end of a group's key line is the group's."""
        body = lookup(doc.data, path) if place == EOL and path[-1:] == ("parameters",) else None
        if isinstance(body, dict) and body and image(path) == image((*path, next(iter(body)))):
            # the end of a group's `parameters:` line, which has no line in the middle
            # format: the group's
            path = path[:-1]
        mapped = image(path) if path else ()
        if mapped and lookup(there.data, mapped) is MISSING:
            mapped = None
        while place == BEFORE and mapped and len(mapped) > 1 and mapped[:-1] not in images:
            parent = lookup(there.data, mapped[:-1])
            if mapped[-2] in ("parameters", "group") or next(iter(parent), None) != mapped[-1]:
                break
            mapped = mapped[:-1]
        if place == BEFORE and mapped == first:
            return HEAD, ()
        return place, mapped

    for text, (place, path) in returned.items():
        was_place, was = came[text]
        if (place, path) == (was_place, was):
            continue
        if lookup(doc.data, path) is MISSING and place not in (HEAD, END):
            raise AssertionError(f"{text} came back at {path}, which the input does not have")
        expected = where(was_place, was)
        if expected[1] is None:  # no node of the middle: the nearest surviving one
            at = order.index(was)
            seen = order[at:] if was_place == BEFORE else order[at::-1]
            near = [where(was_place, p) for p in seen]
            near += [where(was_place, was[:end]) for end in range(len(was) - 1, 0, -1)]
            near = [n for n in near if n[1] is not None][:1] or [(HEAD, ()), (END, ())]
            assert where(place, path) in near, (text, (was_place, was), (place, path), near)
        else:
            assert where(place, path) == expected, (text, (was_place, was), (place, path))


def test_a_changed_group_in_a_module_with_its_copy_keeps_one_copy_of_its_comments() -> None:
    # found by a 2,000-example run of the spec property: grid_search is written as hp.choice,
    # so the module's `a` differs from its copy's and is merged in
    text = (
        "sweepspec: 1\nsearch_alg: {type: variant_generator}\nparam_space:\n  a:\n"
        "    # note 2\n    b: 0\n    a: {grid_search: [0]}\n"
    )
    module = convert_text(text, "hyperopt", "c.yaml").text
    assert module is not None
    back = convert_text(module, "spec", "c.py", source_format="hyperopt").text
    assert back is not None
    assert _placed(_comments(back)) == Counter({("# note 2", BEFORE, ("param_space", "a", "b")): 1})


def test_a_document_loaded_without_comments_converts_too() -> None:
    """`check` loads plain dicts without comments; converting such a document reads its text
    again with them (the converters keep comments), rather than failing on a dict."""
    from sweepspec.convert import convert_document
    from sweepspec.loader import load_text

    text = "method: random  # how\nparameters:\n  lr: {min: 0.1, max: 1.0}\n"
    plain_doc = load_text(text, "w.yaml", comments=False)
    assert type(plain_doc.data) is dict
    result = convert_document(plain_doc, "spec")
    assert result.text is not None and "# how" in result.text
    assert result.text == convert_document(load_text(text, "w.yaml"), "spec").text


def test_a_comment_after_a_wrapped_flow_mapping_stays_at_its_end() -> None:
    """`min: 0, max: 1}  # about y` ends a flow mapping begun on the line above: the comment
    is `max`'s (the last node before it), not `min`'s, which split the spec's list."""
    text = (
        "method: random\nparameters:\n  y: {distribution: uniform,\n"
        "      min: 0, max: 1}  # about y\n"
    )
    found = {c.text: (c.place, c.path) for c in _comments(text)}
    assert found["# about y"] == (EOL, ("parameters", "y", "max"))
    spec = convert_text(text, "spec", "w.yaml")
    assert spec.text is not None
    assert "  y: {uniform: [0, 1]}  # about y\n" in spec.text
