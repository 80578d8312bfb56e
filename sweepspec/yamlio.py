"""Writing YAML back: one configured emitter for every converter, and comment helpers.

ruamel.yaml keeps a comment on the node *before* it (``linters-and-ci.md`` §4.4): the comment
above ``b:`` lives on ``a``'s value. The helpers here move such comments together with the keys
they describe when a converter restructures a mapping.
"""

from __future__ import annotations

import functools
import io
import math
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.error import CommentMark
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarfloat import ScalarFloat
from ruamel.yaml.scalarstring import (
    FoldedScalarString,
    LiteralScalarString,
    PlainScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken


class _Representer(RoundTripRepresenter):
    """Writes plain floats so that YAML 1.1 readers (PyYAML, and so W&B) read numbers too."""

    def represent_float(self, data: float) -> Any:
        if not math.isfinite(data):
            return super().represent_float(data)
        text = repr(float(data))
        if "e" in text:
            mantissa, exponent = text.split("e")
            if "." not in mantissa:
                mantissa += ".0"
            if exponent[0] not in "+-":
                exponent = "+" + exponent
            text = f"{mantissa}e{exponent}"
        return self.represent_scalar("tag:yaml.org,2002:float", text)

    def represent_scalar_float(self, data: ScalarFloat) -> Any:
        # ruamel re-creates the written form from width and precision, which can change the
        # digits (1.2404951019849673e-137 came back as ...672e-137, 5.0e-324 as 4.9e-324).
        # Keep its form only when it has the digits of the shortest exact repr.
        if float(data) == 0 or not math.isfinite(float(data)):
            return self.represent_float(float(data))  # ruamel wrote 0.1e-400 as `0.0e+001`
        node = super().represent_scalar_float(data)
        try:
            same = _significant(str(node.value)) == _significant(repr(float(data)))
        except ValueError:  # .inf, .nan
            return node
        return node if same else self.represent_float(float(data))


# ruamel.yaml writes these characters raw in single-quoted and block scalars, and reads them
# back as line breaks, folded into a space: `a<NEL>b` came back as `a b`. Double quotes escape
# them (`\N`, `\L`, `\P`).
_BREAKING = frozenset("\x85\u2028\u2029")


def _quoted_if_breaking(represent: Any) -> Any:
    def wrapped(self: _Representer, data: Any) -> Any:
        if isinstance(data, str) and not _BREAKING.isdisjoint(data):
            return self.represent_scalar("tag:yaml.org,2002:str", str(data), style='"')
        return represent(self, data)

    return wrapped


def _significant(text: str) -> str:
    mantissa = text.replace("_", "").lower().split("e")[0]
    return mantissa.replace("-", "").replace("+", "").replace(".", "").strip("0")


_Representer.add_representer(float, _Representer.represent_float)
for _type, _represent in (
    (str, RoundTripRepresenter.represent_str),
    (PlainScalarString, RoundTripRepresenter.represent_plain_scalarstring),
    (SingleQuotedScalarString, RoundTripRepresenter.represent_single_quoted_scalarstring),
    (LiteralScalarString, RoundTripRepresenter.represent_literal_scalarstring),
    (FoldedScalarString, RoundTripRepresenter.represent_folded_scalarstring),
):
    _Representer.add_representer(_type, _quoted_if_breaking(_represent))
_Representer.add_representer(ScalarFloat, _Representer.represent_scalar_float)


def yaml11_safe(node: Any) -> Any:
    """``node``, changed so that a YAML 1.1 reader (PyYAML, and so W&B: wandb-sweeps.md §2.7)
    reads what YAML 1.2 does. Floats written as `1e-5` (no dot, or no exponent sign), strings
    to YAML 1.1, become plain floats, which ``dump`` writes as `1.0e-05`; strings that YAML 1.1
    reads as something else (`no`, `on`, `1:30`, `010`), keys included, are quoted."""
    if isinstance(node, CommentedMap):
        for position, key in enumerate(list(node)):
            if _ambiguous_in_yaml11(key):
                value, comment = node[key], node.ca.items.get(key)
                del node[key]
                quoted = SingleQuotedScalarString(key)
                node.insert(position, quoted, value)
                if comment is not None:
                    node.ca.items[quoted] = comment
    if isinstance(node, dict):
        for key, value in node.items():
            node[key] = yaml11_safe(value)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            node[index] = yaml11_safe(value)
    elif isinstance(node, ScalarFloat) and _unsafe_in_yaml11(node):
        return float(node)
    elif _ambiguous_in_yaml11(node):
        return SingleQuotedScalarString(node)
    return node


def _ambiguous_in_yaml11(value: Any) -> bool:
    # Plain strings only: quoted and block scalars are strings to every reader.
    if type(value) not in (str, PlainScalarString) or not value:
        return False
    import yaml  # PyYAML: the YAML 1.1 resolver W&B reads with

    tag = _yaml11_resolver().resolve(yaml.ScalarNode, str(value), (True, False))
    return bool(tag != "tag:yaml.org,2002:str")


@functools.cache
def _yaml11_resolver() -> Any:
    import yaml

    return yaml.resolver.Resolver()


class _Emitter(RoundTripEmitter):
    """Writes a string plain only where both ruamel.yaml's and PyYAML's analyses allow it.

    ruamel.yaml wrote `: "` plain in a flow mapping, which no reader can read back, and
    `a:b` plain in a flow list, which YAML 1.1 readers (W&B's) cannot; either analysis saying no
    makes the string quoted."""

    def analyze_scalar(self, scalar: Any) -> Any:
        analysis = super().analyze_scalar(scalar)
        flow, block = _yaml11_plain(str(scalar))
        analysis.allow_flow_plain = analysis.allow_flow_plain and flow
        analysis.allow_block_plain = analysis.allow_block_plain and block
        return analysis


@functools.lru_cache(maxsize=4096)
def _yaml11_plain(text: str) -> tuple[bool, bool]:
    """Whether PyYAML's emitter would write ``text`` plain in flow and in block context."""
    import yaml

    emitter: Any = yaml.emitter.Emitter(None, allow_unicode=True)  # type: ignore[arg-type]
    analysis = emitter.analyze_scalar(text)
    return bool(analysis.allow_flow_plain), bool(analysis.allow_block_plain)


def _unsafe_in_yaml11(number: ScalarFloat) -> bool:
    # ruamel keeps how a float was written: `_prec` < 0 means no dot, `_e_sign` a signed exponent.
    written: dict[str, Any] = vars(number)
    return bool(written.get("_exp")) and (written.get("_prec", 0) < 0 or not written.get("_e_sign"))


class _NullRepresenter(_Representer):
    """Writes null as `null`, where ruamel.yaml writes nothing (a file edited in place keeps
    the `null`s its author wrote)."""

    def represent_none(self, data: Any) -> Any:
        return self.represent_scalar("tag:yaml.org,2002:null", "null")


_NullRepresenter.add_representer(type(None), _NullRepresenter.represent_none)


def dump(data: Any, *, explicit_null: bool = False) -> str:
    yaml = YAML(typ="rt")
    yaml.Representer = _NullRepresenter if explicit_null else _Representer
    yaml.Emitter = _Emitter
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never fold long strings: a converter must not rewrap values
    yaml.preserve_quotes = True
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def flow_map(*pairs: tuple[str, Any]) -> CommentedMap:
    mapping = CommentedMap(pairs)
    mapping.fa.set_flow_style()
    return mapping


def flow_seq(items: list[Any]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def is_flow(node: Any) -> bool:
    return isinstance(node, CommentedBase) and bool(node.fa.flow_style())


def _last_slot(node: Any) -> tuple[Any, Any, int] | None:
    """The (container, key, slot) holding the comment that follows ``node``'s last scalar."""
    if isinstance(node, CommentedMap) and node:
        key = list(node.keys())[-1]
        deeper = _last_slot(node[key]) if not is_flow(node[key]) else None
        return deeper or (node, key, 2)
    if isinstance(node, CommentedSeq) and node:
        deeper = _last_slot(node[-1]) if not is_flow(node[-1]) else None
        return deeper or (node, len(node) - 1, 0)
    return None


def take_trailing(container: Any, key: Any) -> list[str]:
    """Remove and return the full-line comments after ``container[key]`` (before the next key).

    The end-of-line comment of that last line stays where it is.
    """
    value = container[key]
    where = (_last_slot(value) if not is_flow(value) else None) or (
        container,
        key,
        2 if isinstance(container, CommentedMap) else 0,
    )
    owner, slot_key, slot = where
    entry = owner.ca.items.get(slot_key)
    if not entry or entry[slot] is None:
        return []
    token = entry[slot]
    text = token.value
    first, _, rest = text.partition("\n")
    if first.strip().startswith("#"):
        token.value = first + "\n"
    else:
        entry[slot] = None
        rest = text[1:] if text.startswith("\n") else text
    lines: list[str] = str(rest).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def put_before(mapping: CommentedMap, key: Any, lines: list[str], indent: int) -> None:
    """Write full-line comments (as returned by ``take_trailing``) above ``mapping[key]``."""
    if not lines:
        return
    entry = mapping.ca.items.setdefault(key, [None, None, None, None])
    if entry[1] is None:
        entry[1] = []
    for line in lines:
        text = line.strip()
        entry[1].append(CommentToken((text + "\n") if text else "\n", CommentMark(indent)))


def move_key_comments(source: CommentedMap, key: Any, target: CommentedMap, new_key: Any) -> None:
    """Give ``target[new_key]`` the comments stored for ``source[key]``."""
    if key in source.ca.items:
        target.ca.items[new_key] = source.ca.items.pop(key)


def eol_comment(mapping: CommentedMap, key: Any) -> str | None:
    entry = mapping.ca.items.get(key)
    token = entry[2] if entry else None
    if token is None:
        return None
    first = token.value.split("\n", 1)[0].strip()
    return first if first.startswith("#") else None


def set_eol(mapping: CommentedMap, key: Any, comment: str) -> None:
    text = comment if comment.startswith("#") else "# " + comment
    try:
        mapping.yaml_add_eol_comment(text, key)
    except TypeError:
        # ruamel.yaml cannot add to a key that already holds a comment token of another shape;
        # a conversion puts every comment back from the input's text (comments.carry)
        return


def key_column(mapping: CommentedMap, key: Any, default: int = 0) -> int:
    try:
        return int(mapping.lc.key(key)[1])
    except (AttributeError, KeyError, TypeError):
        return default


Placement = tuple[CommentedMap, Any, Any]
"""(target mapping, new key, new value): where a converted entry goes."""


def rebuild(
    source: CommentedMap,
    convert: Any,
    target: CommentedMap | None = None,
    indent: int | None = None,
) -> CommentedMap:
    """Rebuild ``source`` entry by entry into ``target``, keeping every comment in its place.

    ``convert(key, value)`` returns the placements of one entry (possibly none, possibly into a
    nested mapping). The comments above an entry go above its first placement; its end-of-line
    comment goes with its first placement; comments after the last entry stay at the end.
    """
    out = CommentedMap() if target is None else target
    if is_flow(source):
        out.fa.set_flow_style()
    if source.ca.comment and not out.ca.comment:
        out.ca.comment = source.ca.comment  # comments above the first key
    pending: list[str] = []
    last: tuple[CommentedMap, Any] | None = None
    for key in list(source.keys()):
        column = key_column(source, key, indent or 0) if indent is None else indent
        trailing = take_trailing(source, key)
        value = source[key]
        placements = convert(key, value)
        for index, (mapping, new_key, new_value) in enumerate(placements):
            mapping[new_key] = new_value
            if index == 0:
                move_key_comments(source, key, mapping, new_key)
                inner = _inner_key(new_value, key, value) if new_value is not value else None
                if inner is not None:
                    _own_comments_inside(mapping, new_key, new_value, inner)
                # an entry moved into a nested mapping is indented one level deeper
                depth = 0 if mapping is out else 2
                put_before(mapping, new_key, pending, column + depth)
                pending = []
            last = (mapping, new_key)
        pending = [*pending, *trailing]
    if pending and last is not None:
        append_trailing(*last, pending)
    return out


def _inner_key(container: Any, key: Any, value: Any) -> Any:
    """The key under which a new mapping ``container`` holds the entry ``key: value`` (a W&B
    key passed through into `x-wandb`), or holds ``value`` itself (a list wrapped as
    `{value: [...]}`), else ``None``."""
    if not isinstance(container, CommentedMap):
        return None
    if key in container and container[key] is value:
        return key
    if isinstance(value, (CommentedMap, CommentedSeq)):
        for inner, held in container.items():
            if held is value:
                return inner
    return None


def _own_comments_inside(
    mapping: CommentedMap, new_key: Any, inner: CommentedMap, key: Any
) -> None:
    """The comments above an entry placed inside a new container go above the container; its
    end-of-line comment and those between it and its first item stay with the entry."""
    entry = mapping.ca.items.get(new_key)
    if not entry or (entry[2] is None and entry[3] is None):
        return
    inner.ca.items[key] = [None, None, entry[2], entry[3]]
    entry[2] = entry[3] = None
    if entry[0] is None and entry[1] is None:
        del mapping.ca.items[new_key]


def append_trailing(mapping: CommentedMap, key: Any, lines: list[str]) -> None:
    """Put full-line comments after ``mapping[key]`` (and after anything nested in it)."""
    value = mapping[key]
    where = (_last_slot(value) if not is_flow(value) else None) or (mapping, key, 2)
    owner, slot_key, slot = where
    entry = owner.ca.items.setdefault(slot_key, [None, None, None, None])
    text = "".join(line.strip() + "\n" for line in lines)
    if entry[slot] is None:
        entry[slot] = CommentToken("\n" + text, CommentMark(0))
    else:
        entry[slot].value = entry[slot].value.rstrip("\n") + "\n" + text


def tighten_eol(mapping: CommentedMap) -> None:
    """Put each end-of-line comment one space after its line (its old column belongs to a line
    that a converter rewrote; ruamel keeps columns absolute: ``linters-and-ci.md`` §4.4)."""
    for entry in mapping.ca.items.values():
        token = entry[2] if len(entry) > 2 else None
        if token is not None and token.value.lstrip(" ").startswith("#"):
            token.start_mark = CommentMark(0)
