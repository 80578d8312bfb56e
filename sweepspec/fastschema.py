"""A fast path for valid documents: "is this valid?", answered without jsonschema.

jsonschema is the source of truth for every schema finding: its errors are what
``sweepspec.schema`` places and words. But most files a pre-commit hook or a CI job sees are
valid, and importing jsonschema (with referencing, attrs and rpds) costs more than loading and
checking a file. This module compiles the same schemas (the spec's, from
``schemafile.validation_schema``, and W&B's) into predicates that answer yes or no, with the
rules of the validator they stand in for:

- its types: a boolean is ``bool`` or ruamel.yaml's ``ScalarBoolean``; an integer is an ``int``
  that is not a boolean, never a float, for the spec (``TYPES``), and also a float with no
  fraction for other formats' schemas (``DRAFT7_TYPES``, as ``schema.make_validator``); a number
  is an int or float that is not a boolean;
- jsonschema's equality for ``enum``, ``const`` and ``uniqueItems`` (``True`` is not ``1``,
  sequences and mappings compare item by item), copied from jsonschema/_utils.py (4.26);
- draft-07's rule that a keyword about one type ignores values of other types.

"No" hands the document to jsonschema, which finds and places the errors; so this module can
only ever hide a finding by saying "yes" where jsonschema finds one. ``tests/test_fastschema.py``
holds the two to the same verdict on every bundled example and fixture and on generated and
mutated documents. A keyword this module does not implement makes ``compile_schema`` raise
``Unsupported``, and ``judge`` answer "no" (so jsonschema decides); the test that the shipped
schema compiles whole fails, so a new keyword cannot slip past.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence

from .schemafile import ANNOTATIONS, LATEST_VERSION, string_keyed, validation_schema

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Predicate = Callable[[Any], bool]

# What the compiled predicates implement; anything else in a schema makes `compile_schema` refuse.
KEYWORDS = frozenset(
    {
        "type",
        "enum",
        "const",
        "properties",
        "patternProperties",
        "additionalProperties",
        "required",
        "propertyNames",
        "minProperties",
        "maxProperties",
        "items",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minLength",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "if",
        "then",
        "else",
        "allOf",
        "anyOf",
        "not",
        "pattern",
    }
)
# Keywords that validate nothing (draft-07 annotations, and the identifiers of the root).
IGNORED = ANNOTATIONS | {"default", "$schema", "$id"}


class Unsupported(Exception):
    """The schema uses something the fast path does not implement."""


def is_bool(value: Any) -> bool:
    # by name: importing ruamel.yaml for its class would cost more than the check (a document
    # with a ScalarBoolean was loaded by ruamel.yaml, and holds one of its ScalarBooleans)
    return isinstance(value, bool) or type(value).__name__ == "ScalarBoolean"


def is_integer(value: Any) -> bool:
    """The spec's integers are integers as written: never a float, never a boolean."""
    return isinstance(value, int) and not is_bool(value)


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not is_bool(value)


TYPES: dict[str, Predicate] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "null": lambda value: value is None,
    "boolean": is_bool,
    "integer": is_integer,
    "number": is_number,
}
"""The spec validator's types (``sweepspec.schema.validator``)."""


def is_draft7_integer(value: Any) -> bool:
    """Draft-07's integers, which take a float with no fraction (`10.0`), never a boolean."""
    return not is_bool(value) and (
        isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    )


DRAFT7_TYPES: dict[str, Predicate] = {**TYPES, "integer": is_draft7_integer}
"""The types of ``sweepspec.schema.make_validator``, for other formats' schemas (W&B's)."""


# jsonschema/_utils.py (4.26): equality where True is not 1 and False is not 0, recursively.
_TRUE, _FALSE = object(), object()


def _unbool(value: Any) -> Any:
    if value is True:
        return _TRUE
    if value is False:
        return _FALSE
    return value


def equal(one: Any, two: Any) -> bool:
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, Sequence) and isinstance(two, Sequence):
        return len(one) == len(two) and all(equal(a, b) for a, b in zip(one, two, strict=False))
    if isinstance(one, Mapping) and isinstance(two, Mapping):
        return len(one) == len(two) and all(
            key in two and equal(value, two[key]) for key, value in one.items()
        )
    return bool(_unbool(one) == _unbool(two))


def unique(items: Sequence[Any]) -> bool:
    """jsonschema's ``uniq``, including its shortcut: sorted neighbours when the items sort."""
    try:
        ordered = sorted(_unbool(item) for item in items)
        return not any(
            equal(a, b) for a, b in zip(ordered, itertools.islice(ordered, 1, None), strict=False)
        )
    except (NotImplementedError, TypeError):
        seen: list[Any] = []
        for item in items:
            plain = _unbool(item)
            if any(equal(other, plain) for other in seen):
                return False
            seen.append(plain)
        return True


def _always(value: Any) -> bool:
    return True


def _never(value: Any) -> bool:
    return False


def compile_schema(
    schema: Any, *, lazy: bool = False, types: dict[str, Predicate] | None = None
) -> Predicate:
    """A predicate that is true exactly when ``schema`` (draft-07, ``$ref``s inlined, possibly
    cyclic) accepts a value. Raises ``Unsupported`` for what it does not implement.

    ``lazy`` compiles each subschema when a value first reaches it (a spec uses a few of the
    distributions, search algorithms and schedulers); ``Unsupported`` may then come from a call.
    ``types`` are the validator's type rules (the spec validator's by default).
    """
    built: dict[int, Predicate] = {}
    kinds = TYPES if types is None else types

    def build(node: Any) -> Predicate:
        if node is True:
            return _always
        if node is False:
            return _never
        if not isinstance(node, dict):
            raise Unsupported(f"a schema must be a mapping or a boolean, got {node!r}")
        key = id(node)
        if key in built:
            return built[key]
        # A cyclic schema reaches this node again while it is built, and a lazy one compiles it
        # on first use: either way, later callers find it through a cell.
        cell: list[Predicate] = []

        def through(value: Any) -> bool:
            if not cell:
                cell.append(_conjunction(_parts(node, build, kinds)))
            return cell[0](value)

        built[key] = through
        if lazy:
            return through
        cell.append(_conjunction(_parts(node, build, kinds)))
        built[key] = cell[0]
        return cell[0]

    return build(schema)


def _parts(
    node: dict[str, Any], build: Callable[[Any], Predicate], kinds: dict[str, Predicate]
) -> list[Predicate]:
    unknown = set(node) - KEYWORDS - IGNORED
    if unknown:
        raise Unsupported(f"keywords {sorted(unknown)}")
    parts: list[Predicate] = []
    if "type" in node:
        parts.append(_type(node["type"], kinds))
    if "enum" in node:
        parts.append(_enum(node["enum"]))
    if "const" in node:
        const = node["const"]
        parts.append(lambda value: equal(value, const))
    if {"properties", "patternProperties", "additionalProperties"} & set(node):
        parts.append(_object(node, build))
    if "required" in node:
        required = tuple(node["required"])
        parts.append(
            lambda value: not isinstance(value, dict) or all(name in value for name in required)
        )
    if "propertyNames" in node:
        names = build(node["propertyNames"])
        parts.append(lambda value: not isinstance(value, dict) or all(map(names, value)))
    if "minProperties" in node:
        low = node["minProperties"]
        parts.append(lambda value: not isinstance(value, dict) or len(value) >= low)
    if "maxProperties" in node:
        high = node["maxProperties"]
        parts.append(lambda value: not isinstance(value, dict) or len(value) <= high)
    if "items" in node:
        parts.append(_items(node["items"], build))
    if "minItems" in node:
        least = node["minItems"]
        parts.append(lambda value: not isinstance(value, list) or len(value) >= least)
    if "maxItems" in node:
        most = node["maxItems"]
        parts.append(lambda value: not isinstance(value, list) or len(value) <= most)
    if node.get("uniqueItems") is True:
        parts.append(lambda value: not isinstance(value, list) or unique(value))
    parts.extend(_strings(node))
    parts.extend(_bounds(node))
    parts.extend(_combined(node, build))
    return parts


def _strings(node: dict[str, Any]) -> list[Predicate]:
    parts: list[Predicate] = []
    if "minLength" in node:
        shortest = node["minLength"]
        parts.append(lambda value: not isinstance(value, str) or len(value) >= shortest)
    if "pattern" in node:
        pattern = re.compile(node["pattern"])  # jsonschema: re.search
        parts.append(lambda value: not isinstance(value, str) or bool(pattern.search(value)))
    return parts


def _combined(node: dict[str, Any], build: Callable[[Any], Predicate]) -> list[Predicate]:
    parts: list[Predicate] = []
    if "if" in node:
        parts.append(_condition(node, build))
    for each in node.get("allOf", ()):
        parts.append(build(each))
    if "anyOf" in node:
        branches = tuple(build(each) for each in node["anyOf"])
        parts.append(lambda value: any(branch(value) for branch in branches))
    if "not" in node:
        negated = build(node["not"])
        parts.append(lambda value: not negated(value))
    return parts


def _conjunction(parts: list[Predicate]) -> Predicate:
    if not parts:
        return _always
    if len(parts) == 1:
        return parts[0]
    frozen = tuple(parts)

    def every(value: Any) -> bool:
        # a loop, not all(...): a generator per node costs a third of the time
        for part in frozen:  # noqa: SIM110
            if not part(value):
                return False
        return True

    return every


def _type(names: str | list[str], kinds: dict[str, Predicate]) -> Predicate:
    listed = [names] if isinstance(names, str) else list(names)
    unknown = [n for n in listed if n not in kinds]
    if unknown:
        raise Unsupported(f"types {unknown}")
    checks = tuple(kinds[n] for n in listed)
    if len(checks) == 1:
        return checks[0]
    return lambda value: any(check(value) for check in checks)


def _enum(values: list[Any]) -> Predicate:
    if all(isinstance(v, str) for v in values):
        words = frozenset(values)
        # a string equals only a string (`equal`); anything else goes the long way
        return lambda value: value in words if isinstance(value, str) else False
    return lambda value: any(equal(value, each) for each in values)


def _object(node: dict[str, Any], build: Callable[[Any], Predicate]) -> Predicate:
    properties = {name: build(sub) for name, sub in node.get("properties", {}).items()}
    patterns = tuple(
        (re.compile(pattern), build(sub))
        for pattern, sub in node.get("patternProperties", {}).items()
    )
    extra = node.get("additionalProperties", True)
    rest = None if extra is True else build(extra)

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        for name, item in value.items():
            known = properties.get(name)
            if known is not None and not known(item):
                return False
            matched = False
            for pattern, sub in patterns:
                # jsonschema: re.search of each pattern on each key
                if pattern.search(name):
                    matched = True
                    if not sub(item):
                        return False
            if rest is not None and known is None and not matched and not rest(item):
                return False
        return True

    return check


def _items(items: Any, build: Callable[[Any], Predicate]) -> Predicate:
    if isinstance(items, list):
        each = tuple(build(sub) for sub in items)

        def positional(value: Any) -> bool:
            if not isinstance(value, list):
                return True
            return all(check(item) for check, item in zip(each, value, strict=False))

        return positional
    every = build(items)
    return lambda value: not isinstance(value, list) or all(map(every, value))


def _bounds(node: dict[str, Any]) -> list[Predicate]:
    # jsonschema compares with <, >, <=, >=, so a NaN passes every bound, as it does there
    parts: list[Predicate] = []
    if "minimum" in node:
        low = node["minimum"]
        parts.append(lambda value: not is_number(value) or not value < low)
    if "maximum" in node:
        high = node["maximum"]
        parts.append(lambda value: not is_number(value) or not value > high)
    if "exclusiveMinimum" in node:
        above = node["exclusiveMinimum"]
        parts.append(lambda value: not is_number(value) or not value <= above)
    if "exclusiveMaximum" in node:
        below = node["exclusiveMaximum"]
        parts.append(lambda value: not is_number(value) or not value >= below)
    return parts


def _condition(node: dict[str, Any], build: Callable[[Any], Predicate]) -> Predicate:
    test = build(node["if"])
    then = build(node["then"]) if "then" in node else _always
    otherwise = build(node["else"]) if "else" in node else _always
    return lambda value: then(value) if test(value) else otherwise(value)


def judge(schema: dict[str, Any], types: dict[str, Predicate] | None = None) -> Predicate:
    """For ``schema`` (``$ref``s inlined): a function that is true when jsonschema would find no
    error in a document, and false when it may find one, or when this module cannot judge a part
    of the schema the document reaches (jsonschema will)."""
    compiled = compile_schema(schema, lazy=True, types=types)
    unsupported: list[Unsupported] = []

    def verdict(data: Any) -> bool:
        if unsupported:
            return False
        try:
            return compiled(string_keyed(data))
        except Unsupported as exc:
            unsupported.append(exc)
            return False

    return verdict


_JUDGES: dict[int, Predicate] = {}


def predicate(version: int = LATEST_VERSION) -> Predicate | None:
    """The spec schema of ``version`` compiled whole, or ``None`` when it cannot be (what the
    tests hold the shipped schema to; ``valid`` compiles it part by part, as needed)."""
    try:
        return compile_schema(validation_schema(version))
    except Unsupported:
        return None


def valid(data: Any, version: int = LATEST_VERSION) -> bool:
    """True when jsonschema would find no error in the spec ``data``; False when it may."""
    if version not in _JUDGES:
        _JUDGES[version] = judge(validation_schema(version))
    return _JUDGES[version](data)
