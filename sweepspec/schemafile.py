"""The spec's JSON Schema files: where they are, their versions, and the copy validators use.

Light on purpose: `sweepspec check` reads the version and validates a valid file without
importing jsonschema (`sweepspec.fastschema`); `sweepspec.schema` turns jsonschema's errors
into diagnostics when there are any.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SUPPORTED_VERSIONS = (1,)
LATEST_VERSION = SUPPORTED_VERSIONS[-1]


def schema_file(version: int = LATEST_VERSION) -> Path:
    """Path of the schema for ``version``, inside the installed package or the source tree."""
    name = f"sweepspec-{version}.schema.json"
    # beside this module in an installed package (importlib.resources would cost a tenth of a
    # check's start-up, with tempfile and shutil, to say the same for a package on disk)
    packaged = Path(__file__).resolve().parent / "schema" / name
    if packaged.is_file():
        return packaged
    # Running from a source checkout: the canonical copy at the repository root.
    return Path(__file__).resolve().parent.parent / "schema" / name


@functools.cache
def load_schema(version: int = LATEST_VERSION) -> dict[str, Any]:
    """The schema file of ``version``, with everything in it (the annotations for editors too)."""
    import json  # `check` validates with `validation_schema`, which needs no JSON

    result: dict[str, Any] = json.loads(schema_file(version).read_text(encoding="utf-8"))
    return result


@functools.cache
def validation_schema(version: int = LATEST_VERSION) -> dict[str, Any]:
    """The schema of ``version`` as validators use it: ``$ref``s inlined, annotations left out.
    Shared, so do not change it."""
    if version == 1:
        # the same schema without its annotations, as Python data: it loads without reading
        # and parsing 130 kB of JSON (tests/test_schema.py holds it to the file)
        from ._schema_v1 import SCHEMA

        return inline_refs(SCHEMA)
    return inline_refs(load_schema(version))


def without_annotations(schema: Any) -> Any:
    """``schema`` without the keywords that only annotate it (see ``ANNOTATIONS``)."""
    if isinstance(schema, dict):
        return {
            key: (
                {name: without_annotations(sub) for name, sub in value.items()}
                if key in _NAMED and isinstance(value, dict)
                else value
                if key in _DATA
                else without_annotations(value)
            )
            for key, value in schema.items()
            if key not in ANNOTATIONS
        }
    if isinstance(schema, list):
        return [without_annotations(item) for item in schema]
    return schema


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy whose local ``$ref``s are replaced by the definitions themselves.

    The recursive definitions become cyclic dicts, which jsonschema walks lazily; this skips its
    reference resolution on every parameter and makes validation about twice as fast.
    The annotations for editors (titles, descriptions, snippets, examples) are left out of the
    copy: they validate nothing, and jsonschema would visit them at every node.
    """
    definitions: dict[str, Any] = {}

    def copy(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/definitions/") and len(node) == 1:
                return definitions[ref.rsplit("/", 1)[-1]]
            return {
                key: (
                    _copy_named(value) if key in _NAMED else value if key in _DATA else copy(value)
                )
                for key, value in node.items()
                if key not in ANNOTATIONS
            }
        if isinstance(node, list):
            return [copy(item) for item in node]
        return node

    def _copy_named(mapping: Any) -> Any:
        # `properties` and the like map names (which may be `title`) to schemas
        if not isinstance(mapping, dict):
            return copy(mapping)
        return {name: copy(value) for name, value in mapping.items()}

    source = schema.get("definitions", {})
    for name in source:
        definitions[name] = {}
    for name, body in source.items():
        definitions[name].update(copy(body))
    inlined: dict[str, Any] = copy({k: v for k, v in schema.items() if k != "definitions"})
    return inlined


# Keywords that annotate a schema for people and editors and validate nothing.
ANNOTATIONS = frozenset(
    {
        "title",
        "description",
        "markdownDescription",
        "defaultSnippets",
        "markdownEnumDescriptions",
        "examples",
        "$comment",
    }
)
_NAMED = frozenset({"properties", "patternProperties", "definitions"})
_DATA = frozenset({"enum", "const", "default"})


def string_keyed(value: Any) -> Any:
    """``value`` without the entries whose key is not a string (``1:``, ``null:``, which the
    loader reports as Y009): JSON Schema has no words for them, and jsonschema raises on them."""
    if isinstance(value, Mapping):
        if all(isinstance(k, str) for k in value) and not any(
            isinstance(v, (Mapping, list)) for v in value.values()
        ):
            return value
        kept = {k: string_keyed(v) for k, v in value.items() if isinstance(k, str)}
        return value if _same(kept, value) else kept
    if isinstance(value, list) and any(isinstance(v, (Mapping, list)) for v in value):
        items = [string_keyed(v) for v in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    return value


def _same(kept: dict[str, Any], value: Mapping[Any, Any]) -> bool:
    return len(kept) == len(value) and all(kept[k] is value[k] for k in kept)
