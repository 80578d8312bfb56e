"""Validation with jsonschema, and how its errors become located diagnostics.

The schema files themselves (where they are, their versions) are `sweepspec.schemafile`'s.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError

from .diagnostics import Diagnostic, Fix, JsonPath, Span
from .emit import Locator, diagnostic, kind
from .fastschema import is_bool, is_draft7_integer, is_integer, is_number
from .loader import Document
from .schemafile import (
    LATEST_VERSION,
    SUPPORTED_VERSIONS,
    inline_refs,
    load_schema,
    schema_file,
    string_keyed,
    validation_schema,
)
from .sourcemap import source_lines, spanned_text
from .space import distribution_name
from .vocabulary import BY_NAME, COMPONENT_HINTS, TOP_LEVEL_HINTS


def _is_bool(checker: Any, instance: Any) -> bool:
    return is_bool(instance)


def _is_integer(checker: Any, instance: Any) -> bool:
    return is_draft7_integer(instance)


def _is_number(checker: Any, instance: Any) -> bool:
    return is_number(instance)


# ruamel loads an anchored `true` as ScalarBoolean, an int subclass (linters-and-ci.md §4.4 pitfall
# 7); without this, jsonschema would call it an integer and reject it as a boolean.
_TYPES = jsonschema.Draft7Validator.TYPE_CHECKER.redefine_many(
    {"boolean": _is_bool, "integer": _is_integer, "number": _is_number}
)
_Validator = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    jsonschema.Draft7Validator, type_checker=_TYPES
)


def _is_whole_number(checker: Any, instance: Any) -> bool:
    # The spec's integers are integers as written: `num_samples: 1e308` or `10.0` is a float,
    # which Ray's and hyperopt's counters refuse (draft-07 would accept a float with no
    # fraction; W&B's schema, checked with `make_validator`, keeps that rule).
    return is_integer(instance)


# The spec's types are fastschema's, which answers for valid documents with the same rules.
_SpecValidator = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    jsonschema.Draft7Validator, type_checker=_TYPES.redefine("integer", _is_whole_number)
)


@functools.cache
def validator(version: int = LATEST_VERSION) -> Any:
    return _SpecValidator(validation_schema(version))


def schema_diagnostics(
    doc: Document, version: int = LATEST_VERSION, against: Any = None
) -> Iterator[Diagnostic]:
    """Validate ``doc.data`` and yield one diagnostic per problem, on the most specific node.

    ``against`` is another validator (built with ``make_validator``), for other formats.
    """
    checker = validator(version) if against is None else against
    for error in checker.iter_errors(string_keyed(doc.data)):
        yield from _translate(_deepest(error), doc)


def violations(data: Any, against: Any) -> set[tuple[JsonPath, str]]:
    """The JSON path and message of each error of ``data`` under the validator ``against``:
    a verdict, without the placing that ``schema_diagnostics`` does."""
    return {(tuple(e.absolute_path), e.message) for e in against.iter_errors(string_keyed(data))}


def make_validator(schema: dict[str, Any]) -> Any:
    """A validator with sweepspec's YAML-aware types, for a draft-07 ``schema``."""
    return _Validator(inline_refs(schema))


def _deepest(error: ValidationError) -> ValidationError:
    # anyOf/oneOf: follow the branch that came closest (jsonschema's relevance: deepest path,
    # then the weakest keyword) down to a leaf error.
    while error.context:
        best = jsonschema.exceptions.best_match(error.context)
        if best is None:
            break
        error = best
    return error


@dataclass(frozen=True, slots=True)
class _Error:
    """The parts of a jsonschema error that placement needs, with plain types."""

    validator: str
    validator_value: Any
    instance: Any
    schema: dict[str, Any]
    relative_schema_path: list[Any]
    message: str


def _translate(error: ValidationError, doc: Document) -> Iterator[Diagnostic]:
    path: JsonPath = tuple(error.absolute_path)
    plain = _Error(
        validator=str(error.validator),
        validator_value=error.validator_value,
        instance=error.instance,
        schema=error.schema if isinstance(error.schema, dict) else {},
        relative_schema_path=list(error.relative_schema_path),
        message=error.message,
    )
    handler = _HANDLERS.get(plain.validator, _other)
    yield from handler(plain, path, doc)


def _unknown_keys(error: _Error, path: JsonPath, doc: Document) -> Iterator[Diagnostic]:
    schema = error.schema
    known = list(schema.get("properties", {}))
    patterns = list(schema.get("patternProperties", {}))

    for key in error.instance:
        if key in known or any(re.search(p, str(key)) for p in patterns):
            continue
        key_path = (*path, key)
        aliases = TOP_LEVEL_HINTS if not path else {}
        hint = _suggest(str(key), known, aliases)
        where = _where(path)
        allowed = f"; allowed: {', '.join(known)}" if 0 < len(known) <= 10 else ""
        here = Locator(doc)
        word = _suggestion(str(key), known, aliases)
        taken = word is not None and word in error.instance
        edit = here.key_edit(key_path, word) if word is not None and not taken else None
        yield here.at_key(
            "S003",
            f"unknown key `{key}` {where}{allowed}",
            key_path,
            hint=hint,
            fix=Fix(f"rename `{key}` to `{word}`", (edit,), safe=False) if edit else None,
        )


def _missing_keys(error: _Error, path: JsonPath, doc: Document) -> Iterator[Diagnostic]:
    span = doc.spans.key(path) if path else _first_line(doc)
    known = error.schema.get("properties", {})
    strays = [k for k in error.instance if isinstance(k, str) and k not in known]
    closed = error.schema.get("additionalProperties") is False
    for key in error.validator_value:
        if key in error.instance:
            continue
        close = difflib.get_close_matches(key, strays, n=1, cutoff=0.6)
        if close and closed:
            continue  # a misspelling of this key is reported as unknown, with the suggestion
        hint = None
        dist = distribution_name(path)
        if dist is not None:
            hint = f"write `{BY_NAME[dist].signature()}`"
        elif close:  # not reported as unknown here (which keys are allowed depends on this one)
            hint = f"is `{close[0]}` meant to be `{key}`?"
        yield diagnostic(
            "S004", f"missing key `{key}` {_where(path)}", doc.file, span, path=path, hint=hint
        )


def _wrong_type(error: _Error, path: JsonPath, doc: Document) -> Iterator[Diagnostic]:
    expected = error.validator_value
    names = [expected] if isinstance(expected, str) else list(expected)
    wanted = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
    if list(error.relative_schema_path)[-2:] == ["else", "type"] and names == ["object"]:
        wanted = "a list or a mapping"
    got = _describe(error.instance, path, doc)
    hint = None
    dist = distribution_name(path)
    if dist is not None and path and path[-1] == dist:
        hint = f"write `{BY_NAME[dist].signature()}`"
    elif isinstance(error.instance, str) and _looks_numeric(error.instance):
        if {"number", "integer"} & set(names):
            hint = "remove the quotes so that YAML reads a number"
    elif isinstance(error.instance, (datetime.date, datetime.datetime)):
        hint = "YAML reads this as a date; quote it to keep it text"
    yield Locator(doc).at_value(
        "S005", f"expected {wanted} {_where(path, value=True)}, got {got}", path, hint=hint
    )


def _bad_value(error: _Error, path: JsonPath, doc: Document) -> Iterator[Diagnostic]:
    allowed = [error.validator_value] if error.validator == "const" else list(error.validator_value)
    listing = ", ".join(f"`{a}`" for a in allowed)
    value = error.instance
    hint = None
    fix = None
    here = Locator(doc)
    if isinstance(value, str):
        choices = [str(a) for a in allowed]
        hint = _suggest(value, choices, COMPONENT_HINTS)
        word = _suggestion(value, choices, COMPONENT_HINTS)
        edit = here.value_edit(path, word) if word is not None else None
        if edit is not None and word is not None:
            fix = Fix(f"write `{word}`", (edit,), safe=False)
    yield here.at_value(
        "S006",
        f"{_describe(value, path, doc)} is not allowed {_where(path, value=True)}; "
        f"expected {'one of ' if len(allowed) > 1 else ''}{listing}",
        path,
        hint=hint,
        fix=fix,
    )


def _empty_string(error: _Error, path: JsonPath, doc: Document) -> Iterator[Diagnostic]:
    yield Locator(doc).at_value(
        "S006",
        f"the value {_where(path, value=True)} must not be empty",
        path,
    )


_BOUND_WORDS = {
    "minimum": "at least",
    "maximum": "at most",
    "exclusiveMinimum": "greater than",
    "exclusiveMaximum": "less than",
}


def _out_of_range(error: _Error, path: JsonPath, doc: Document) -> Iterator[Diagnostic]:
    word = _BOUND_WORDS[str(error.validator)]
    yield Locator(doc).at_value(
        "S007",
        f"{_describe(error.instance, path, doc)} is out of range {_where(path, value=True)}; "
        f"it must be {word} {error.validator_value}",
        path,
    )


def _wrong_length(error: _Error, path: JsonPath, doc: Document) -> Iterator[Diagnostic]:
    dist = distribution_name(path)
    count = len(error.instance)
    hint = None
    if dist is not None and path[-1] == dist and BY_NAME[dist].args:
        spec = BY_NAME[dist]
        message = (
            f"`{dist}` takes {len(spec.args)} arguments [{', '.join(spec.arg_names)}], got {count}"
        )
        hint = f"write `{spec.signature()}`"
    elif error.validator in ("minProperties", "maxProperties"):
        limit = error.validator_value
        rel = "at least" if error.validator == "minProperties" else "at most"
        message = (
            f"{_where(path, value=True, capital=True)} needs {rel} {limit} entries, got {count}"
        )
    elif len(path) >= 2 and path[-2] == "pchoice":
        message = f"a `pchoice` entry is a pair [probability, option], got {_items(count)}"
    else:
        limit = error.validator_value
        rel = "at least" if error.validator == "minItems" else "at most"
        message = f"the list {_where(path, value=True)} needs {rel} {_items(limit)}, got {count}"
    yield Locator(doc).at_value("S008", message, path, hint=hint)


def _repeated_item(error: _Error, path: JsonPath, doc: Document) -> Iterator[Diagnostic]:
    seen: list[Any] = []
    for index, item in enumerate(error.instance):
        if item in seen:
            yield Locator(doc).at_value(
                "S009",
                f"{_describe(item, (*path, index), doc)} is listed more than once in "
                f"`{_dotted(path)}`",
                (*path, index),
                hint="remove the repeated item",
            )
        seen.append(item)


def _items(n: int) -> str:
    return f"{n} item{'s' if n != 1 else ''}"


def _other(error: _Error, path: JsonPath, doc: Document) -> Iterator[Diagnostic]:
    yield Locator(doc).at_value(
        "S009",
        f"{error.message} {_where(path, value=True)}",
        path,
    )


_HANDLERS = {
    "additionalProperties": _unknown_keys,
    "required": _missing_keys,
    "type": _wrong_type,
    "enum": _bad_value,
    "const": _bad_value,
    "minLength": _empty_string,
    "minimum": _out_of_range,
    "maximum": _out_of_range,
    "exclusiveMinimum": _out_of_range,
    "exclusiveMaximum": _out_of_range,
    "uniqueItems": _repeated_item,
    "minItems": _wrong_length,
    "maxItems": _wrong_length,
    "minProperties": _wrong_length,
    "maxProperties": _wrong_length,
}

_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "number": "a number",
    "integer": "an integer",
    "boolean": "a boolean (true or false)",
    "null": "null",
}


def _where(path: JsonPath, *, value: bool = False, capital: bool = False) -> str:
    names = [p for p in path if isinstance(p, str)]
    if not path:
        text = "at the top level"
    elif value:
        text = f"for `{_dotted(path)}`"
    else:
        text = f"in `{_dotted(path)}`" if names else f"in item {path[-1]}"
    return text[0].upper() + text[1:] if capital else text


def _dotted(path: JsonPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _describe(value: Any, path: JsonPath, doc: Document) -> str:
    """The value as written in the file when it is short, else its kind."""
    span = doc.spans.value(path)
    if span.line == span.end_line and doc.text:
        lines = source_lines(spanned_text(doc.text, doc.spans))
        line = lines[span.line - 1] if 0 < span.line <= len(lines) else ""
        written = line[span.column - 1 : span.end_column - 1]
        if written and len(written) <= 40:
            return f"`{written}`"
    return kind(value)


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _suggest(word: str, known: Sequence[str], aliases: dict[str, str]) -> str | None:
    if word in aliases:
        return f"did you mean `{aliases[word]}`? (`{word}` is another tool's name for it)"
    close = _suggestion(word, known, {})
    return f"did you mean `{close}`?" if close else None


def _suggestion(word: str, known: Sequence[str], aliases: dict[str, str]) -> str | None:
    """The known word ``word`` is probably meant to be: another tool's name for it, or the
    closest spelling (``None`` when nothing is close)."""
    if word in aliases:
        return aliases[word]
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def _first_line(doc: Document) -> Span:
    span = doc.spans.value(())
    return Span(span.line, span.column, span.line, span.column)


__all__ = [
    "LATEST_VERSION",
    "SUPPORTED_VERSIONS",
    "load_schema",
    "schema_diagnostics",
    "schema_file",
    "validator",
]
