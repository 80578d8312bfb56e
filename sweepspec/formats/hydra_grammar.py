"""Hydra's override grammar, the value side: what a `hydra.sweeper.params` entry says.

A port of facebookresearch/hydra ``hydra/grammar/OverrideLexer.g4`` (VALUE_MODE) and
``OverrideParser.g4`` (``value`` and below), with the evaluation of
``hydra/core/override_parser/overrides_visitor.py`` and the functions of
``hydra/_internal/grammar/grammar_functions.py`` (Hydra 1.3). It is written here, not imported,
because `check` must not need Hydra (nor its ANTLR runtime) installed; ``tests/test_hydra.py``
holds it to Hydra's own parser on generated expressions.

Every node keeps its offsets in the expression, so that a finding about ``interval(0.1, 0.01)``
points at the ``0.01``. Nothing is evaluated but the grammar's own functions.
"""

from __future__ import annotations

import decimal
import inspect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# --- the lexer (VALUE_MODE): the longest match wins, the first rule on a tie -----------------

_INT_UNSIGNED = r"(?:0|[1-9](?:_?[0-9])*)"
_POINT_FLOAT = rf"(?:{_INT_UNSIGNED}?\.[0-9](?:_?[0-9])*|{_INT_UNSIGNED}\.)"
_EXPONENT_FLOAT = rf"(?:(?:{_POINT_FLOAT}|{_INT_UNSIGNED})[eE][+-]?[0-9](?:_?[0-9])*)"
_WS = r"[ \t]"
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.DOTALL))  # ANTLR's `.` takes a line break too
    for name, pattern in (
        ("POPEN", rf"{_WS}*\({_WS}*"),
        ("COMMA", rf"{_WS}*,{_WS}*"),
        ("PCLOSE", rf"{_WS}*\)"),
        ("BRACKET_OPEN", rf"\[{_WS}*"),
        ("BRACKET_CLOSE", rf"{_WS}*\]"),
        ("BRACE_OPEN", rf"\{{{_WS}*"),
        ("BRACE_CLOSE", rf"{_WS}*\}}"),
        ("COLON", rf"{_WS}*:{_WS}*"),
        ("EQUAL", rf"{_WS}*={_WS}*"),
        ("FLOAT", rf"[+-]?(?:{_EXPONENT_FLOAT}|{_POINT_FLOAT}|[Ii][Nn][Ff]|[Nn][Aa][Nn])"),
        ("INT", rf"[+-]?{_INT_UNSIGNED}"),
        ("BOOL", r"[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]"),
        ("NULL", r"[Nn][Uu][Ll][Ll]"),
        ("UNQUOTED_CHAR", r"[/\-\\+.$%*@?|]"),
        ("ID", r"[a-zA-Z_][a-zA-Z0-9_\-]*"),
        ("ESC", r"(?:\\\\|\\\(|\\\)|\\\[|\\\]|\\\{|\\\}|\\:|\\=|\\,|\\ |\\\t)+"),
        ("WS", rf"{_WS}+"),
        ("QUOTED_VALUE", r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'"),
        ("INTERPOLATION", r"\$\{[^}]+\}"),
    )
)


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class HydraSyntaxError(ValueError):
    """An expression Hydra would not accept, and where (an offset in the expression)."""

    def __init__(self, message: str, start: int, end: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.start = start
        self.end = start + 1 if end is None else end


def tokens(text: str, at: int = 0) -> list[Token]:
    out: list[Token] = []
    while at < len(text):
        best: Token | None = None
        for kind, pattern in _RULES:
            match = pattern.match(text, at)
            if match and match.end() > at and (best is None or match.end() > best.end):
                best = Token(kind, match.group(), at)
        if best is None:
            raise HydraSyntaxError(f"Hydra's grammar has no token at `{text[at]}`", at)
        out.append(best)
        at = best.end
    return out


# --- the parse tree --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Node:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Primitive(Node):
    value: Any  # int, float, bool, None, str
    quoted: str | None = None  # the quote character of a quoted string


@dataclass(frozen=True, slots=True)
class ListNode(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class DictNode(Node):
    items: tuple[tuple[Primitive, Node], ...]


@dataclass(frozen=True, slots=True)
class Argument:
    name: str | None
    value: Node


@dataclass(frozen=True, slots=True)
class Call(Node):
    name: str
    name_end: int
    args: tuple[Argument, ...]


@dataclass(frozen=True, slots=True)
class SimpleChoice(Node):
    items: tuple[Node, ...]


_PRIMITIVE = frozenset(
    {"ID", "NULL", "INT", "FLOAT", "BOOL", "INTERPOLATION", "UNQUOTED_CHAR", "COLON", "ESC", "WS"}
)
_DICT_KEY = _PRIMITIVE - {"COLON", "INTERPOLATION"}


class _Parser:
    def __init__(self, text: str, start: int = 0) -> None:
        self.text = text
        self.tokens = tokens(text, start)
        self.at = 0

    def peek(self, ahead: int = 0) -> Token | None:
        index = self.at + ahead
        return self.tokens[index] if index < len(self.tokens) else None

    def kind(self, ahead: int = 0) -> str | None:
        token = self.peek(ahead)
        return token.kind if token else None

    def take(self, kind: str, what: str) -> Token:
        token = self.peek()
        if token is None or token.kind != kind:
            raise self.unexpected(what)
        self.at += 1
        return token

    def unexpected(self, wanted: str) -> HydraSyntaxError:
        token = self.peek()
        if token is None:
            return HydraSyntaxError(
                f"the expression ends where {wanted} should follow", len(self.text)
            )
        shown = token.text.strip() or token.text
        return HydraSyntaxError(
            f"`{shown}` where {wanted} should be", token.start, max(token.end, token.start + 1)
        )

    def value(self) -> Node:
        first = self.element()
        if self.kind() != "COMMA":
            return first
        items = [first]
        while self.kind() == "COMMA":
            self.at += 1
            items.append(self.element())
        return SimpleChoice(first.start, items[-1].end, tuple(items))

    def element(self) -> Node:
        kind = self.kind()
        if kind == "ID" and self.kind(1) == "POPEN":
            return self.function()
        if kind == "BRACKET_OPEN":
            return self.list_()
        if kind == "BRACE_OPEN":
            return self.dict_()
        return self.primitive(_PRIMITIVE, "a value")

    def function(self) -> Call:
        name = self.take("ID", "a function name")
        self.take("POPEN", "`(`")
        args: list[Argument] = []
        keyword = False
        if self.kind() != "PCLOSE":
            while True:
                arg_name = None
                if self.kind() == "ID" and self.kind(1) == "EQUAL":
                    arg_name = self.take("ID", "an argument name").text
                    self.at += 1
                    keyword = True
                elif keyword:
                    token = self.peek()
                    start = token.start if token else len(self.text)
                    raise HydraSyntaxError("a positional argument after a keyword argument", start)
                args.append(Argument(arg_name, self.element()))
                if self.kind() != "COMMA":
                    break
                self.at += 1
        close = self.take("PCLOSE", "`,` or `)`")
        return Call(name.start, close.end, name.text, name.end, tuple(args))

    def list_(self) -> ListNode:
        open_ = self.take("BRACKET_OPEN", "`[`")
        items: list[Node] = []
        if self.kind() != "BRACKET_CLOSE":
            items.append(self.element())
            while self.kind() == "COMMA":
                self.at += 1
                items.append(self.element())
        close = self.take("BRACKET_CLOSE", "`,` or `]`")
        return ListNode(open_.start, close.end, tuple(items))

    def dict_(self) -> DictNode:
        open_ = self.take("BRACE_OPEN", "`{`")
        items: list[tuple[Primitive, Node]] = []
        if self.kind() != "BRACE_CLOSE":
            while True:
                key = self.primitive(_DICT_KEY, "a key")
                self.take("COLON", "`:`")
                items.append((key, self.element()))
                if self.kind() != "COMMA":
                    break
                self.at += 1
        close = self.take("BRACE_CLOSE", "`,` or `}`")
        return DictNode(open_.start, close.end, tuple(items))

    def primitive(self, allowed: frozenset[str], what: str) -> Primitive:
        token = self.peek()
        if token is not None and token.kind == "QUOTED_VALUE" and allowed is _PRIMITIVE:
            self.at += 1
            return Primitive(token.start, token.end, _unquote(token.text), token.text[0])
        run: list[Token] = []
        while (token := self.peek()) is not None and token.kind in allowed:
            run.append(token)
            self.at += 1
        if not run:
            raise self.unexpected(what)
        return _primitive(run)


def _primitive(run: list[Token]) -> Primitive:
    """A run of primitive tokens as Hydra's visitor reads it: one token keeps its type, more
    make a string (outer whitespace dropped, escapes undone)."""
    start, end = run[0].start, run[-1].end
    if run[0].kind == "WS":
        if len(run) == 1:
            raise HydraSyntaxError("a value that is only whitespace", start, end)
        run = run[1:]
    if run[-1].kind == "WS":
        run = run[:-1]
    if len(run) > 1:
        text = "".join(t.text[1::2] if t.kind == "ESC" else t.text for t in run)
        return Primitive(start, end, text)
    token = run[0]
    value: Any
    if token.kind == "INT":
        value = int(token.text)
    elif token.kind == "FLOAT":
        value = float(token.text)
    elif token.kind == "NULL":
        value = None
    elif token.kind == "BOOL":
        value = token.text.lower() == "true"
    elif token.kind == "ESC":
        value = token.text[1::2]
    else:
        value = token.text  # a lone `:` keeps the blanks its token took, as Hydra's does
    return Primitive(start, end, value)


def _unquote(text: str) -> str:
    r"""A quoted value's text: backslashes before a quote (or the closing one) un-escaped, as
    ``_unescape_quoted_string`` does (``"a\"b"`` is ``a"b``; ``"a\\"`` is ``a\``)."""
    quote = text[0]
    body = text[1:-1]
    out = re.sub(
        rf"(\\+)({re.escape(quote)}|$)",
        lambda m: m.group(1)[: len(m.group(1)) // 2] + m.group(2),
        body,
    )
    return out


def parse(text: str) -> Node:
    """The parse tree of a value (the part after ``key=``); HydraSyntaxError where Hydra would
    refuse it. Leading blanks are dropped, as Hydra's ``=`` takes them."""
    parser = _Parser(text, len(text) - len(text.lstrip(" \t")))
    if parser.peek() is None:
        return Primitive(len(text), len(text), "")
    node = parser.value()
    if parser.peek() is not None:
        raise parser.unexpected("the end of the expression")
    return node


# --- evaluation: Hydra's sweep objects ----------------------------------------------------------


@dataclass
class Quoted:
    """A quoted string: a string even where its text reads as a number."""

    text: str


@dataclass
class Sweep:
    node: Node
    tags: set[str] = field(default_factory=set)


@dataclass
class ChoiceSweep(Sweep):
    items: list[Any] = field(default_factory=list)
    simple: bool = False
    shuffle: bool = False


@dataclass
class RangeSweep(Sweep):
    start: int | float = 0
    stop: int | float = 0
    step: int | float = 1
    shuffle: bool = False

    def values(self, limit: int) -> list[int | float]:
        """What the range enumerates (``range`` for integers, Hydra's decimal ``FloatRange``
        otherwise); ValueError past ``limit`` values or for a zero step."""
        start, stop, step = self.start, self.stop, self.step
        if step == 0:
            raise ValueError("a range's step cannot be 0")
        if all(type(v) is int for v in (start, stop, step)):
            count = len(range(int(start), int(stop), int(step)))
            if count > limit:
                raise ValueError(f"the range has {count:,} values, more than {limit:,}")
            return list(range(int(start), int(stop), int(step)))
        out: list[int | float] = []
        here, end, by = (decimal.Decimal(v) for v in (start, stop, step))
        while (here < end) if by > 0 else (here > end):
            if len(out) >= limit:
                raise ValueError(f"the range has more than {limit:,} values")
            out.append(float(here))
            here += by
        return out


@dataclass
class IntervalSweep(Sweep):
    start: int | float = 0.0
    end: int | float = 0.0


@dataclass
class GlobSweep(Sweep):
    include: list[Any] = field(default_factory=list)
    exclude: list[Any] = field(default_factory=list)


class HydraEvalError(ValueError):
    """A call Hydra's functions would refuse, at its node."""

    def __init__(self, message: str, node: Node) -> None:
        super().__init__(message)
        self.message = message
        self.node = node


def evaluate(node: Node) -> Any:
    """The value Hydra gives a parse tree: a primitive, ``Quoted``, a list, a dict, or a sweep."""
    if isinstance(node, Primitive):
        return Quoted(node.value) if node.quoted else node.value
    if isinstance(node, ListNode):
        return [evaluate(item) for item in node.items]
    if isinstance(node, DictNode):
        return {_key(k): evaluate(v) for k, v in node.items}
    if isinstance(node, SimpleChoice):
        return ChoiceSweep(node, items=[evaluate(i) for i in node.items], simple=True)
    assert isinstance(node, Call)
    args = [_unquoted(evaluate(a.value)) for a in node.args if a.name is None]
    kwargs = {a.name: _unquoted(evaluate(a.value)) for a in node.args if a.name is not None}
    function = _FUNCTIONS.get(node.name)
    if function is None:
        raise HydraEvalError(
            f"`{node.name}` is not one of Hydra's functions ({', '.join(sorted(_FUNCTIONS))})",
            node,
        )
    try:
        _check_types(node.name, function, node, args, kwargs)
        return function(node, *args, **kwargs)
    except HydraEvalError:
        raise
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise HydraEvalError(f"`{node.name}(...)`: {exc}", node) from None


def _check_types(
    name: str, function: Any, node: Node, args: list[Any], kwargs: dict[str, Any]
) -> None:
    """Hydra binds the arguments to the function's signature and checks each against its
    annotation (``hydra/_internal/grammar/functions.py``): ``choice(null)`` is refused."""
    bound = inspect.signature(function).bind(node, *args, **kwargs)
    allowed = _TYPES[name]
    for parameter, value in list(bound.arguments.items())[1:]:
        kinds = allowed.get(parameter, allowed.get("*", ()))
        many = inspect.signature(function).parameters[parameter].kind is _VAR
        for item in value if many else (value,):
            exact = kinds == (bool,)
            if (type(item) is not bool) if exact else not isinstance(item, kinds):
                raise TypeError(
                    f"mismatch type argument {parameter}: {type(item).__name__} is "
                    f"incompatible with {' or '.join(k.__name__ for k in kinds)}"
                )


def _key(node: Primitive) -> Any:
    return node.value


def _unquoted(value: Any) -> Any:
    return value.text if isinstance(value, Quoted) else value


def _number(name: str, value: Any) -> int | float:
    if not isinstance(value, (int, float)):  # bool is an int to Hydra's checks too
        raise TypeError(f"{name} must be a number, not {value!r}")
    return value


def _simple(node: Node, args: tuple[Any, ...]) -> ChoiceSweep:
    """Several arguments as one comma list (Hydra's ``_list_to_simple_choice``)."""
    if any(isinstance(a, Sweep) for a in args):
        raise TypeError("the values of a list of arguments cannot be sweeps")
    return ChoiceSweep(node, items=list(args), simple=True)


def _choice(node: Node, *args: Any) -> ChoiceSweep:
    if not args:
        raise ValueError("an empty choice")
    if len(args) == 1 and isinstance(args[0], ChoiceSweep):
        if not args[0].simple:
            raise ValueError("choices cannot nest")
        return ChoiceSweep(node, set(args[0].tags), list(args[0].items), False, args[0].shuffle)
    return ChoiceSweep(node, items=list(args))


def _range(node: Node, start: Any, stop: Any = None, step: Any = 1) -> RangeSweep:
    _number("start", start)
    _number("step", step)
    if stop is None:
        start, stop = 0, start
    return RangeSweep(node, start=start, stop=_number("stop", stop), step=step)


def _interval(node: Node, start: Any, end: Any) -> IntervalSweep:
    # Hydra 1.3 makes both bounds floats; `int(interval(...))` makes them integers again
    return IntervalSweep(node, start=float(_number("start", start)), end=float(_number("end", end)))


def _tag(node: Node, *args: Any, sweep: Any = None) -> Sweep:
    if sweep is not None:
        args = (*args, sweep)
    if not args or not isinstance(args[-1], Sweep):
        raise ValueError("the last argument of tag() must be a choice(), range() or interval()")
    for name in args[:-1]:
        if not isinstance(name, str):
            raise TypeError(f"a tag is a string, not {name!r}")
    swept: Sweep = args[-1]
    swept.tags = set(args[:-1])
    swept.node = node
    return swept


def _shuffle(node: Node, *args: Any, sweep: Any = None, list: Any = None) -> Any:
    if list is not None:
        return _shuffle(node, list)
    if sweep is not None:
        return _shuffle(node, sweep)
    if len(args) == 1 and isinstance(args[0], (ChoiceSweep, RangeSweep)):
        args[0].shuffle = True
        args[0].node = node
        return args[0]
    if len(args) == 1:
        return args[0] if isinstance(args[0], type([])) else [args[0]]
    swept = _simple(node, args)
    swept.shuffle = True
    return swept


def _sort(node: Node, *args: Any, sweep: Any = None, list: Any = None, reverse: Any = False) -> Any:
    if list is not None:
        return sorted(list, reverse=bool(reverse))
    if sweep is not None:
        args = (sweep,)
    if not args:
        raise ValueError("empty sort input")
    if len(args) == 1 and isinstance(args[0], ChoiceSweep):
        args[0].items = sorted(args[0].items, reverse=bool(reverse))
        args[0].node = node
        return args[0]
    if len(args) == 1 and isinstance(args[0], RangeSweep):
        return _sort_range(node, args[0], bool(reverse))
    if len(args) == 1:
        return sorted(args[0], reverse=bool(reverse)) if isinstance(args[0], type([])) else args[0]
    if not all(isinstance(a, (int, float, bool, str)) for a in args):
        raise TypeError("sort() sorts numbers, booleans and strings")
    swept = _simple(node, args)
    swept.items = sorted(swept.items, reverse=bool(reverse))
    return swept


def _sort_range(node: Node, swept: RangeSweep, reverse: bool) -> RangeSweep:
    start, stop, step = swept.start, swept.stop, swept.step
    if not reverse and start > stop:
        start, stop, step = stop + abs(step), start + abs(step), -step
    elif reverse and start < stop:
        start, stop, step = stop - abs(step), start - abs(step), -step
    return RangeSweep(node, set(swept.tags), start, stop, step, swept.shuffle)


def _glob(node: Node, include: Any, exclude: Any = None) -> GlobSweep:
    def listed(value: Any) -> list[Any]:
        return list(value) if isinstance(value, type([])) else [value]

    return GlobSweep(
        node, include=listed(include), exclude=listed(exclude) if exclude is not None else []
    )


def _cast(kind: type) -> Any:
    def cast(node: Node, *args: Any, value: Any = None) -> Any:
        if args and value is not None:
            raise TypeError("cannot use both position and named arguments")
        if value is None:
            if not args:
                raise TypeError("no value to cast")
            value = args[0] if len(args) == 1 else _simple(node, args)
        return _cast_value(kind, value, node)

    return cast


def _cast_value(kind: type, value: Any, node: Node) -> Any:
    if isinstance(value, Quoted):
        value = value.text
    if isinstance(value, dict):
        return {k: _cast_value(kind, v, node) for k, v in value.items()}
    if isinstance(value, list):
        return [_cast_value(kind, v, node) for v in value]
    if isinstance(value, ChoiceSweep):
        return ChoiceSweep(
            node,
            set(value.tags),
            [_cast_value(kind, v, node) for v in value.items],
            value.simple,
            value.shuffle,
        )
    if isinstance(value, RangeSweep):
        if kind not in (int, float):
            raise ValueError("a range can only be cast to int or float")
        return RangeSweep(
            node,
            set(value.tags),
            kind(value.start),
            kind(value.stop),
            kind(value.step),
            value.shuffle,
        )
    if isinstance(value, IntervalSweep):
        if kind not in (int, float):
            raise ValueError(f"an interval cannot be cast to {kind.__name__}")
        return IntervalSweep(node, set(value.tags), kind(value.start), kind(value.end))
    if kind is bool:
        if isinstance(value, str):
            if value.lower() not in ("true", "false"):
                raise ValueError(f"cannot cast {value!r} to bool")
            return value.lower() == "true"
        return bool(value)  # null is false, a glob true: Hydra's cast_bool
    if value is None or not isinstance(value, (int, float, str)):
        raise TypeError(f"cannot cast {type(value).__name__} to {kind.__name__}")
    if kind is str and isinstance(value, bool):
        return str(value).lower()
    return kind(value)


_FUNCTIONS: dict[str, Any] = {
    "choice": _choice,
    "range": _range,
    "interval": _interval,
    "tag": _tag,
    "shuffle": _shuffle,
    "sort": _sort,
    "glob": _glob,
    "int": _cast(int),
    "float": _cast(float),
    "str": _cast(str),
    "bool": _cast(bool),
}
_NONE = type(None)
_ELEMENT = (str, int, float, bool, list, dict)
_ANY = (*_ELEMENT, _NONE, Quoted, Sweep)
_TYPES: dict[str, dict[str, tuple[type, ...]]] = {
    "choice": {"*": (*_ELEMENT, ChoiceSweep)},
    "range": {"start": (int, float), "stop": (int, float, _NONE), "step": (int, float)},
    "interval": {"start": (int, float), "end": (int, float)},
    "tag": {"args": (str, Sweep), "sweep": (Sweep, _NONE)},
    "shuffle": {
        "args": (*_ELEMENT, ChoiceSweep, RangeSweep),
        "sweep": (ChoiceSweep, RangeSweep, _NONE),
        "list": (list, _NONE),
    },
    "sort": {
        "args": (*_ELEMENT, ChoiceSweep, RangeSweep),
        "sweep": (ChoiceSweep, RangeSweep, _NONE),
        "list": (list, _NONE),
        "reverse": (bool,),
    },
    "glob": {"include": (list, str), "exclude": (list, str, _NONE)},
    **{cast: {"*": _ANY} for cast in ("int", "float", "str", "bool")},
}
_VAR = inspect.Parameter.VAR_POSITIONAL
SWEEP_FUNCTIONS = ("choice", "range", "interval", "tag", "shuffle", "sort", "glob")


def walk(node: Node) -> Iterator[Node]:
    """Every node of a tree, outermost first."""
    yield node
    children: tuple[Node, ...] = ()
    if isinstance(node, (ListNode, SimpleChoice)):
        children = node.items
    elif isinstance(node, DictNode):
        children = tuple(v for pair in node.items for v in pair)
    elif isinstance(node, Call):
        children = tuple(a.value for a in node.args)
    for child in children:
        yield from walk(child)


__all__ = [
    "SWEEP_FUNCTIONS",
    "ChoiceSweep",
    "GlobSweep",
    "HydraEvalError",
    "HydraSyntaxError",
    "IntervalSweep",
    "Quoted",
    "RangeSweep",
    "Sweep",
    "evaluate",
    "parse",
    "walk",
]
