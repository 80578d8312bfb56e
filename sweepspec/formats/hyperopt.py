"""Spec -> a live hyperopt space: ``hp.*`` expressions, imported lazily.

Semantics follow hyperopt 0.3 (``search-spaces.md`` §1.1): log bounds become natural-log bounds
(exactly invertible, :mod:`sweepspec.numbers`); integer distributions keep the spec's
inclusivity, as Ray's HyperOptSearch writes them (``ray-project/ray
python/ray/tune/search/hyperopt/hyperopt_search.py``). Labels are the spec's: explicit, or the
key path joined with ``/``. What hyperopt cannot express is reported from the ``hyperopt`` table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..checks.context import Context
from ..checks.targets import iter_uses
from ..compat import FEATURES_BY_ID, lookup
from ..diagnostics import Diagnostic, JsonPath, Severity
from ..emit import Locator
from ..loader import Document
from ..meaning import plain
from ..normalise import disambiguate_groups
from ..numbers import log_exact
from ..space import SPACE_KEY, call_label, distribution_of, group_body
from ..vocabulary import BY_NAME, Distribution
from .hp import HP_ARGS, LOG_BOUNDS, SAME_AS_HP, SCOPE_INT


@dataclass
class SpaceResult:
    """The hyperopt space (``None`` when it could not be built) and what was lost on the way."""

    space: dict[str, Any] | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def to_space(doc: Document) -> SpaceResult:
    """Build the hyperopt space of a loaded, checked spec. Imports hyperopt."""
    here = Locator(doc)
    context = Context(doc, ("hyperopt",))
    found: list[Diagnostic] = []
    fatal = False
    for use in iter_uses(context):
        if not use.feature.startswith(("distribution.", "structure.conditional")):
            continue
        row = lookup("hyperopt", use.feature)
        if row.status.severity is None:
            continue
        title = FEATURES_BY_ID[use.feature].title
        severity = Severity.WARNING if row.status.value == "partial" else Severity.ERROR
        fatal = fatal or severity is Severity.ERROR
        found.append(
            here.at_key(
                "X001",
                f"hyperopt: {title} is {row.status.phrase}: {row.reason}",
                use.path,
                severity=severity,
            )
        )
    labels: dict[str, JsonPath] = {}
    for param in context.parameters:
        label = param.effective_label
        if label in labels:
            fatal = True
            found.append(
                here.at_key(
                    "X001",
                    f"hyperopt: label `{label}` is used twice; hyperopt would raise DuplicateLabel",
                    param.path,
                    hint="give one of them a `label:`",
                )
            )
        labels[label] = param.path
        if param.dist.log:  # only a suppressed V003 lets such a bound through `check`
            for name in ("low", "high"):
                arg = param.args.get(name)
                if arg is not None and not _positive(arg.value):
                    fatal = True
                    found.append(
                        here.at_value(
                            "X001",
                            f"hyperopt: `{param.dist.name}` takes the logarithm of its bounds; "
                            f"{arg.value!r} has none",
                            arg.path,
                            severity=Severity.ERROR,
                        )
                    )
    if fatal:
        return SpaceResult(None, found)
    builder = _Builder()
    try:
        space = builder.group(doc.data.get(SPACE_KEY) or {}, "")
    except (ValueError, TypeError, OverflowError, ZeroDivisionError) as exc:
        # hyperopt's own checks, on values that `check` reported and the file suppressed
        problem = here.at_key(
            "X001",
            f"hyperopt: cannot build the space: {type(exc).__name__}: {exc}",
            (SPACE_KEY,),
            severity=Severity.ERROR,
        )
        return SpaceResult(None, [*found, problem])
    return SpaceResult(space, found)


def _positive(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


class _Builder:
    def __init__(self) -> None:
        from hyperopt import hp
        from hyperopt.pyll import scope

        self.hp, self.scope = hp, scope

    def group(self, group: Mapping[Any, Any], prefix: str) -> dict[str, Any]:
        return {
            str(key): self.entry(value, f"{prefix}/{key}" if prefix else str(key))
            for key, value in group.items()
        }

    def entry(self, value: Any, label: str) -> Any:
        dist = distribution_of(value)
        if dist is None or dist.kind == "group":
            body = group_body(value)
            return self.group(body, label) if body is not None else plain(value)
        body = value[dist.name]
        if dist.kind == "constant":
            return plain(body)
        own = call_label(body, label)
        return self.distribution(dist, body, own, label)

    def options(self, items: list[Any], label: str) -> list[Any]:
        # Ray's labelling: a mapping option shares the choice's label as prefix, any other
        # option gets `label/index`.
        out = []
        for index, option in enumerate(items):
            if isinstance(option, Mapping) and distribution_of(option) is None:
                out.append(self.group(option, label))
            else:
                out.append(self.entry(option, f"{label}/{index}"))
        return out

    def distribution(self, dist: Distribution, body: Any, label: str, prefix: str) -> Any:
        hp, scope = self.hp, self.scope
        if dist.name in ("choice", "pchoice"):
            return self.categorical(dist.name, body, label, prefix)
        if isinstance(body, Mapping):
            args = [plain(body.get(n)) for n in dist.arg_names]
        else:
            args = [plain(a) for a in body]
        name = dist.name
        if name in ("loguniform", "qloguniform", "invloguniform"):
            args[0], args[1] = log_exact(args[0]), log_exact(args[1])
        if name in SAME_AS_HP:
            return getattr(hp, name)(label, *args)
        if name == "invloguniform":
            return hp.loguniform(label, *args)
        if name == "randint":
            return hp.randint(label, args[0], args[1])
        if name == "uniformint":
            # uniform over [low, high]; hp.uniformint rounds a uniform float, which gives each
            # bound half the weight of the other values
            return hp.randint(label, args[0], args[1] + 1)
        if name in SCOPE_INT:
            inner = SCOPE_INT[name]
            if inner == "qloguniform":
                args[0], args[1] = log_exact(args[0]), log_exact(args[1])
            return scope.int(getattr(hp, inner)(label, args[0], args[1], args[2]))
        if name == "qrandint":
            return scope.int(hp.quniform(label, args[0], args[1], args[2]))
        if name == "lograndint":
            return scope.int(hp.qloguniform(label, log_exact(args[0]), log_exact(args[1] - 1), 1))
        if name == "qlograndint":
            return scope.int(hp.qloguniform(label, log_exact(args[0]), log_exact(args[1]), args[2]))
        raise ValueError(f"hyperopt has no `{name}`")  # excluded by the table before

    def categorical(self, name: str, body: Any, label: str, prefix: str) -> Any:
        hp = self.hp
        if name == "choice":
            items = body.get("options") if isinstance(body, Mapping) else body
            return hp.choice(label, self.options(list(items or []), prefix))
        if isinstance(body, Mapping):
            options, weights = list(body["options"]), [plain(p) for p in body["probabilities"]]
        else:
            weights, options = [plain(p[0]) for p in body], [p[1] for p in body]
        return hp.pchoice(label, list(zip(weights, self.options(options, prefix), strict=True)))


# --- live space -> spec ----------------------------------------------------------------------


class Unconvertible(ValueError):
    """A node of the space that the spec cannot express, with the key path where it is."""

    def __init__(self, path: tuple[Any, ...], what: str) -> None:
        where = "/".join(map(str, path)) or "the space"
        super().__init__(f"{where}: {what} cannot be expressed in the spec")
        self.path = path


def from_space(space: Any) -> Any:
    """The spec ``param_space`` of a live hyperopt space (walks the pyll graph; see
    ``search-spaces.md`` §1.2). Raises ``Unconvertible`` for nodes such as
    ``1 + hp.lognormal(...)``, naming their key path."""
    from hyperopt.pyll import as_apply

    from ..yamlio import flow_map

    walker = _Walker()
    out = walker.node(as_apply(space), (), "")
    return out if not isinstance(out, dict) else disambiguate_groups(_ordered(space, out, flow_map))


def _ordered(original: Any, converted: dict[str, Any], flow_map: Any) -> Any:
    # pyll sorts dict keys; the live dict still has the author's order.
    from ruamel.yaml.comments import CommentedMap

    out = CommentedMap()
    keys = list(original) if isinstance(original, Mapping) else sorted(converted)
    for key in keys:
        value = converted[key]
        inner = original[key] if isinstance(original, Mapping) else None
        out[key] = (
            _ordered(inner, value, flow_map)
            if isinstance(value, dict) and not hasattr(value, "fa")
            else value
        )
    return out


class _Walker:
    def node(self, node: Any, path: tuple[Any, ...], prefix: str) -> Any:
        from hyperopt.pyll.base import Literal

        if isinstance(node, Literal):
            return plain(node.obj.tolist() if hasattr(node.obj, "tolist") else node.obj)
        name = node.name
        if name == "dict" and not node.pos_args:
            return {
                key: self.node(value, (*path, key), f"{prefix}/{key}" if prefix else key)
                for key, value in node.named_args
            }
        if name == "pos_args":
            return [self.node(item, (*path, i), prefix) for i, item in enumerate(node.pos_args)]
        if name in ("int", "float"):
            return self.cast(node, path, prefix, name)
        if name == "switch":
            return self.switch(node, path, prefix)
        if name == "hyperopt_param":
            return self.param(node, path, prefix, cast=None)
        raise Unconvertible(path, f"the expression `{name}(...)`")

    def cast(self, node: Any, path: tuple[Any, ...], prefix: str, cast: str) -> Any:
        inner = node.pos_args[0]
        while inner.name in ("int", "float"):  # int(float(...)) from hp.uniformint
            cast = "int" if "int" in (cast, inner.name) else cast
            inner = inner.pos_args[0]
        if inner.name == "hyperopt_param":
            return self.param(inner, path, prefix, cast)
        raise Unconvertible(path, f"`{cast}` of `{inner.name}(...)`")

    def param(self, node: Any, path: tuple[Any, ...], prefix: str, cast: str | None) -> Any:
        from hyperopt.pyll.base import MissingArgument

        from ..numbers import exp_exact
        from ..yamlio import flow_map, flow_seq

        label = node.arg["label"].obj
        dist = node.arg["obj"]
        args = {
            k: plain(v.obj)
            for k, v in dist.arg.items()
            if k not in ("rng", "size") and v is not MissingArgument and hasattr(v, "obj")
        }
        name = dist.name
        if name not in HP_ARGS:
            raise Unconvertible(path, f"the distribution `{name}`")
        if name == "randint" and "high" not in args:
            args = {"low": 0, "high": args["low"]}
        values = [args.get(a) for a in HP_ARGS[name]]
        if name in LOG_BOUNDS:
            try:
                values[:2] = [
                    exp_exact(v) if isinstance(v, (int, float)) else v for v in values[:2]
                ]
            except OverflowError:
                raise Unconvertible(path, f"a `{name}` whose bound overflows exp()") from None
        spec = name
        if cast == "int" and name in ("quniform", "qloguniform"):
            # hyperopt's own integer forms, exactly (hp.uniformint is scope.int of quniform)
            spec = {hp: int_name for int_name, hp in SCOPE_INT.items()}[name]
        elif cast == "int" and name != "randint":
            raise Unconvertible(path, f"`int` of `hp.{name}`, which the spec has no form for")
        body: Any = flow_seq(values)
        if label != prefix:
            body = flow_map(*zip(BY_NAME[spec].arg_names, values, strict=False), ("label", label))
        return flow_map((spec, body))

    def switch(self, node: Any, path: tuple[Any, ...], prefix: str) -> Any:
        from ..yamlio import flow_map, flow_seq

        index, *options = node.pos_args
        label = index.arg["label"].obj
        chooser = index.arg["obj"]
        converted = []
        for i, option in enumerate(options):
            # nested labels derive from the key path, not from the choice's own label
            child = self.node(
                option, (*path, i), prefix if option.name == "dict" else f"{prefix}/{i}"
            )
            converted.append(child)
        if chooser.name == "categorical":
            weights = (
                plain(chooser.arg["p"].obj)
                if hasattr(chooser.arg["p"], "obj")
                else [plain(p.obj) for p in chooser.arg["p"].pos_args]
            )
            body: Any = flow_seq(
                [flow_seq([w, o]) for w, o in zip(weights, converted, strict=True)]
            )
            name = "pchoice"
        else:
            body, name = flow_seq(converted), "choice"
        if label != prefix:
            body = flow_map(("options", body), ("label", label))
        return flow_map((name, body))


def spec_text(space: Any, template: Document | None = None) -> str:
    """A spec for a live space. With ``template`` (the spec the space came from), the template
    is kept as it is, comments and all, wherever the space still says the same."""
    from ruamel.yaml.comments import CommentedMap

    from ..yamlio import dump

    converted = from_space(space)
    if template is None:
        out = CommentedMap([("sweepspec", 1), (SPACE_KEY, converted)])
        return dump(out)
    from ..meaning import space_meaning

    if space_meaning(template.data.get(SPACE_KEY)) == space_meaning(converted):
        return template.text
    data = template.data
    data[SPACE_KEY] = converted
    return dump(data)
