"""What each name of a Python module is bound to, found without running the module.

A reader of search spaces needs the spaces people build anywhere in a module: at module level,
in function and method bodies (often returned), in classes, under ``if __name__ ==
"__main__":``. The :class:`Walker` visits every statement once, in the order Python would run
it (function bodies after the module's own statements, as they run when called), and records
in each :class:`Scope` every binding of a name with a stamp of when it happened, every
``d["k"] = v`` and ``d.update(...)`` on a name, every ``return``, and every call the reader
asks to see (the optimisers that are given a space). Looking a name up "as of" a stamp gives
straight-line Python semantics: ``lr = 0.1; space = {...lr...}; lr = 0.2`` reads 0.1.

A binding under a condition or in a loop body is *conditional*: a name whose bindings depend
on which branch runs is not guessed (:class:`Unknown`), and neither is a function's parameter,
a loop variable or anything imported: the reader reports them where they are used.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(eq=False)
class Binding:
    """``name = node`` (or a ``def``/``class``), written in ``scope`` at ``stamp``."""

    name: str
    node: ast.AST
    scope: Scope
    stamp: int
    conditional: bool = False
    # "bind", "item" (d[k] = v), "update" (d.update(...)), "loop" (a for loop's changes to d),
    # "def", "class", and the kinds whose value is known only when the module runs
    kind: str = "bind"
    key: ast.expr | None = None  # for "item"
    # the keys of the dict inside the name's that an "item", "update" or "delete" changes
    # (`d["a"]["b"] = v` sets `b` in `d["a"]`)
    within: tuple[ast.expr, ...] = ()
    # where the value is read, when not where the name is bound (`self.x = x` in a method binds
    # the class's `x` from the method's `x`)
    reads_in: Scope | None = None


@dataclass(frozen=True)
class Unknown:
    """A name whose value is known only when the module runs, and why."""

    node: ast.AST
    why: str


@dataclass(eq=False)
class Scope:
    """A module, function or class body: its bindings by name, in the order written."""

    label: str  # "" for the module, else `f`, `Trainer`, `Trainer.build`
    parent: Scope | None
    kind: str = "module"  # "module", "function", "class"
    node: ast.AST | None = None
    events: dict[str, list[Binding]] = field(default_factory=dict)
    returns: list[Binding] = field(default_factory=list)
    parameters: set[str] = field(default_factory=set)
    globals_: set[str] = field(default_factory=set)

    def qualified(self, name: str) -> str:
        return f"{self.label}.{name}" if self.label else name


@dataclass
class Seen:
    """A call the reader asked to see, with the scope and stamp it was made in."""

    call: ast.Call
    scope: Scope
    stamp: int


_MAIN = "__main__"


def is_main_guard(test: ast.expr) -> bool:
    """``if __name__ == "__main__":``: run when the module is a script, as a straight line."""
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and len(test.comparators) == 1
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value == _MAIN
    )


class Walker:
    """Visits a module's statements and records its scopes (see the module's docstring).

    ``watch(call)`` says whether a call is one the reader wants to see (an optimiser);
    ``on_import(statement)`` is told every import, at any depth."""

    def __init__(
        self,
        watch: Callable[[ast.Call], bool],
        on_import: Callable[[ast.Import | ast.ImportFrom], None],
    ) -> None:
        self.watch, self.on_import = watch, on_import
        self.clock = 0
        self.seen: list[Seen] = []
        self.scopes: list[Scope] = []
        self._later: list[tuple[list[ast.stmt], Scope]] = []

    def walk(self, tree: ast.Module) -> Scope:
        module = Scope("", None, node=tree)
        self.scopes.append(module)
        self.body(tree.body, module, conditional=False)
        # function bodies run when called, after the module's statements
        while self._later:
            body, scope = self._later.pop(0)
            self.body(body, scope, conditional=False)
        return module

    def tick(self) -> int:
        self.clock += 1
        return self.clock

    def bind(
        self,
        scope: Scope,
        name: str,
        node: ast.AST,
        conditional: bool,
        kind: str = "bind",
        **kw: Any,
    ) -> None:
        target = scope
        if name in scope.globals_:
            while target.parent is not None:
                target = target.parent
        target.events.setdefault(name, []).append(
            Binding(name, node, target, self.tick(), conditional, kind, **kw)
        )

    def body(self, statements: list[ast.stmt], scope: Scope, conditional: bool) -> None:
        for statement in statements:
            self.statement(statement, scope, conditional)

    def statement(self, s: ast.stmt, scope: Scope, conditional: bool) -> None:
        if isinstance(s, (ast.Import, ast.ImportFrom)):
            self.on_import(s)
            for alias in s.names:
                name = alias.asname or alias.name.split(".")[0]
                self.bind(scope, name, s, conditional, kind="import")
            return
        if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.bind(scope, s.name, s, conditional, kind="def")
            label = f"{scope.label}.{s.name}" if scope.label else s.name
            inner = Scope(label, scope, "function", s)
            arguments = s.args
            for argument in [
                *arguments.posonlyargs,
                *arguments.args,
                *arguments.kwonlyargs,
                *([arguments.vararg] if arguments.vararg else []),
                *([arguments.kwarg] if arguments.kwarg else []),
            ]:
                inner.parameters.add(argument.arg)
            self.scopes.append(inner)
            self._later.append((s.body, inner))
            return
        if isinstance(s, ast.ClassDef):
            self.bind(scope, s.name, s, conditional, kind="class")
            label = f"{scope.label}.{s.name}" if scope.label else s.name
            inner = Scope(label, scope, "class", s)
            self.scopes.append(inner)
            self.body(s.body, inner, conditional)  # a class body runs where it is written
            return
        if isinstance(s, ast.Global):
            scope.globals_.update(s.names)
            return
        self.calls(s, scope)
        if isinstance(s, ast.Assign):
            for target in s.targets:
                self.assign(target, s.value, scope, conditional)
        elif isinstance(s, ast.AnnAssign) and s.value is not None:
            self.assign(s.target, s.value, scope, conditional)
        elif isinstance(s, ast.AugAssign):
            if isinstance(s.target, ast.Name):
                self.bind(scope, s.target.id, s, conditional, kind="augment")
        elif isinstance(s, ast.Expr) and isinstance(s.value, ast.Call):
            self.update(s.value, scope, conditional)
        elif isinstance(s, ast.Delete):
            # `del space["x"]` changes what the name holds: not ignored
            for target in s.targets:
                rooted = _rooted(target.value) if isinstance(target, ast.Subscript) else None
                if isinstance(target, ast.Subscript) and rooted is not None:
                    name, within = rooted
                    self.bind(
                        scope, name, s, conditional, kind="delete", key=target.slice, within=within
                    )
        elif isinstance(s, ast.Return) and s.value is not None:
            scope.returns.append(Binding("", s.value, scope, self.tick(), conditional))
        else:
            self.compound(s, scope, conditional)

    def compound(self, s: ast.stmt, scope: Scope, conditional: bool) -> None:
        """A statement holding bodies: each visited, conditional where it may not run."""
        if isinstance(s, ast.If):
            main = is_main_guard(s.test)
            self.body(s.body, scope, conditional or not main)
            self.body(s.orelse, scope, True)
        elif isinstance(s, ast.For) and not s.orelse and _changes_only(s.body):
            # `for k in range(3): space[f"units_{k}"] = hp.choice(...)`: each dict it changes
            # gets the loop, which the reader runs if what it loops over is static
            for name in sorted({_changed(statement) for statement in s.body}):
                self.bind(scope, name, s, conditional, kind="loop")
        elif isinstance(s, (ast.For, ast.AsyncFor)):
            for name in _names(s.target):
                self.bind(scope, name, s.target, True, kind="variable")
            self.body(s.body, scope, True)
            self.body(s.orelse, scope, True)
        elif isinstance(s, ast.While):
            self.body(s.body, scope, True)
            self.body(s.orelse, scope, True)
        elif isinstance(s, (ast.With, ast.AsyncWith)):
            for item in s.items:
                if item.optional_vars is not None:
                    for name in _names(item.optional_vars):
                        self.bind(scope, name, item.optional_vars, conditional, kind="variable")
            self.body(s.body, scope, conditional)
        elif isinstance(s, ast.Try) or type(s).__name__ == "TryStar":
            self.body(s.body, scope, conditional)  # type: ignore[attr-defined]
            for handler in s.handlers:  # type: ignore[attr-defined]
                self.body(handler.body, scope, True)
            self.body(s.orelse, scope, conditional)  # type: ignore[attr-defined]
            self.body(s.finalbody, scope, conditional)  # type: ignore[attr-defined]
        elif type(s).__name__ == "Match":
            for case in s.cases:  # type: ignore[attr-defined]
                self.body(case.body, scope, True)

    def assign(self, target: ast.expr, value: ast.expr, scope: Scope, conditional: bool) -> None:
        if isinstance(target, ast.Name):
            self.bind(scope, target.id, value, conditional)
        elif isinstance(target, ast.Subscript) and _rooted(target.value) is not None:
            root, within = _rooted(target.value)  # type: ignore[misc]
            key = target.slice
            self.bind(scope, root, value, conditional, kind="item", key=key, within=within)
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
            # `self.space = {...}` in a method: the class's attribute
            owner = _class_of(scope) if target.value.id in ("self", "cls") else None
            if owner is not None:
                self.bind(owner, target.attr, value, True, kind="bind", reads_in=scope)
        elif isinstance(target, (ast.Tuple, ast.List)):
            if (
                isinstance(value, (ast.Tuple, ast.List))
                and len(value.elts) == len(target.elts)
                and not any(isinstance(e, ast.Starred) for e in [*target.elts, *value.elts])
            ):
                # `LOW, HIGH = 1e-4, 1e-1`: each name its own value
                for part, item in zip(target.elts, value.elts, strict=True):
                    self.assign(part, item, scope, conditional)
                return
            for name in _names(target):
                self.bind(scope, name, target, conditional, kind="unpack")

    def update(self, call: ast.Call, scope: Scope, conditional: bool) -> None:
        """``d.update({...})`` or ``d.update(k=v)`` on a name; any other method that changes a
        dict or list in place (``d.pop("x")``, ``options.append(...)``) makes the name known
        only when the module runs, never silently ignored."""
        func = call.func
        rooted = _rooted(func.value) if isinstance(func, ast.Attribute) else None
        if not isinstance(func, ast.Attribute) or rooted is None:
            return
        root, within = rooted
        if func.attr == "update":
            self.bind(scope, root, call, conditional, kind="update", within=within)
        elif func.attr in _IN_PLACE:
            self.bind(scope, root, call, conditional, kind="augment")

    def calls(self, statement: ast.stmt, scope: Scope) -> None:
        for node in _shallow_walk(statement):
            if isinstance(node, ast.Call) and self.watch(node):
                self.seen.append(Seen(node, scope, self.tick()))


def _rooted(node: ast.expr) -> tuple[str, tuple[ast.expr, ...]] | None:
    """``d`` -> (``d``, ()); ``d["a"]["b"]`` -> (``d``, (``"a"``, ``"b"``)); else ``None``."""
    keys: list[ast.expr] = []
    while isinstance(node, ast.Subscript):
        keys.insert(0, node.slice)
        node = node.value
    return (node.id, tuple(keys)) if isinstance(node, ast.Name) else None


# The kinds of event that change a bound dict, which the reader applies in order.
CHANGES = frozenset({"item", "update", "loop", "delete"})

# Methods of dicts and lists that change them in place (besides `update`, which is read).
_IN_PLACE = frozenset(
    {
        "pop",
        "popitem",
        "clear",
        "setdefault",
        "append",
        "extend",
        "insert",
        "remove",
        "sort",
        "reverse",
        "__setitem__",
        "__delitem__",
    }
)


def _changed(statement: ast.stmt) -> str:
    """The name a statement of ``_changes_only`` changes."""
    if isinstance(statement, ast.Assign):
        target = statement.targets[0]
        assert isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
        return target.value.id
    assert isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)
    func = statement.value.func
    assert isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
    return func.value.id


def _changes_only(body: list[ast.stmt]) -> bool:
    """Whether a loop body only sets items of dicts (``d[k] = v``) or updates them."""
    for statement in body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                continue
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
            func = statement.value.func
            if (
                isinstance(func, ast.Attribute)
                and func.attr == "update"
                and isinstance(func.value, ast.Name)
            ):
                continue
        return False
    return bool(body)


def _class_of(scope: Scope) -> Scope | None:
    parent = scope.parent
    return parent if scope.kind == "function" and parent and parent.kind == "class" else None


def _names(target: ast.AST) -> Iterator[str]:
    for node in ast.walk(target):
        if isinstance(node, ast.Name):
            yield node.id


def _shallow_walk(statement: ast.stmt) -> Iterator[ast.AST]:
    """The nodes of a statement, not those of the bodies it holds (visited on their own)."""
    if isinstance(statement, (ast.If, ast.While)):
        yield from ast.walk(statement.test)
        return
    if isinstance(statement, (ast.For, ast.AsyncFor)):
        yield from ast.walk(statement.iter)
        return
    if isinstance(statement, (ast.With, ast.AsyncWith)):
        for item in statement.items:
            yield from ast.walk(item.context_expr)
        return
    if isinstance(statement, (ast.Try, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return
    if type(statement).__name__ in ("TryStar", "Match"):
        return
    yield from ast.walk(statement)


def lookup(scope: Scope, name: str, stamp: float) -> list[Binding] | Unknown | None:
    """What ``name`` means in ``scope`` as of ``stamp``: its binding and the updates made to it
    since (oldest first), an :class:`Unknown` when that depends on how the module runs, or
    ``None`` when the module does not bind it (a builtin, or a name it never defines)."""
    here: Scope | None = scope
    while here is not None:
        if here.kind == "class" and here is not scope:
            here = here.parent  # a method does not see its class's names unqualified
            continue
        if name in here.parameters and name not in here.events:
            node = here.node or ast.Module(body=[], type_ignores=[])
            return Unknown(node, f"`{name}` is a parameter of `{here.label}`")
        events = here.events.get(name)
        if events:
            # a function's body sees the enclosing scope's final bindings (it runs later)
            limit = stamp if here is scope else float("inf")
            found = _as_of([e for e in events if e.stamp < limit] or events, name)
            if found is not None:
                return found
        here = here.parent
    return None


def _as_of(events: list[Binding], name: str) -> list[Binding] | Unknown:
    chain: list[Binding] = []
    for event in reversed(events):
        chain.insert(0, event)
        if event.kind in CHANGES:
            continue
        if event.kind in ("variable", "unpack", "augment", "import"):
            line = getattr(event.node, "lineno", 0)
            why = {
                "variable": f"`{name}` takes a value on each pass of a loop",
                "unpack": f"`{name}` is unpacked from a value",
                "augment": f"`{name}` is changed in place (line {line})",
                "import": f"`{name}` is imported",
            }[event.kind]
            return Unknown(event.node, why)
        binds = [e for e in events if e.kind not in CHANGES]
        if event.conditional and len(binds) > 1:
            return Unknown(event.node, f"`{name}` is bound in several branches; which one runs")
        return chain
    # only updates: a name the module never binds itself
    return Unknown(events[0].node, f"`{name}` is not bound in this module")
