"""A spec written as a Python module of ``hp.*`` calls, for hyperopt.

Every text of the input that goes into the module (a file name, keys, values, comments) is
written as a literal or an escaped comment, so that no input can end its literal or its comment
early. The module keeps the whole spec in a ``SWEEPSPEC`` copy, which the reader merges back.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..comments import BEFORE, END, EOL, HEAD, Comment, comments_of
from ..diagnostics import Severity
from ..space import grid_combinations
from .model import Writing
from .pysource import SETTINGS, TEMPLATE


def _float_text(value: float) -> str:
    """A float as YAML wrote it, when that spelling is a valid Python literal too."""
    from ..yamlio import dump

    text = dump(value).split("\n", 1)[0].strip()
    try:
        exact = float(text) == float(value)
    except ValueError:
        exact = False
    return text if exact else repr(float(value))


_SETTING_NAMES = {spec: python for python, spec in SETTINGS.items()}
# Distributions hyperopt has no function for, written as a uniform draw over their support so
# that the module still runs (the conversion reports the loss).
STAND_INS = {
    "beta": "written as `hp.uniform(label, 0, 1)`, over the same support",
    "qbeta": "written as `hp.quniform(label, 0, 1, q)`, over the same support",
}


def write(doc: Any) -> str:
    """A readable Python module for the spec's space: ``space = {...}`` of ``hp.*`` calls.

    Log bounds are written as ``math.log(<real bound>)``; the YAML's comments become Python
    comments on the same keys; ``program``, ``metric``, ``mode``, ``num_samples`` and
    ``time_budget_s`` become module constants that the reader takes back.
    """
    from ..space import SPACE_KEY

    data = doc.data
    writer = _Writer(doc)
    body = writer.mapping(data.get(SPACE_KEY) or CommentedMap(), "", 1, (SPACE_KEY,))
    found = comments_of(doc)
    lines = [python_comment(c.text) for c in found if c.place == HEAD]
    lines.append(docstring(f"hyperopt search space written by sweepspec from {doc.file}."))
    lines.append("")
    if writer.uses_math:
        lines.append("import math")
        lines.append("")
    lines.append("from hyperopt import hp")
    if writer.uses_scope:
        lines.append("from hyperopt.pyll import scope")
    lines.append("")
    for spec_key, name in _SETTING_NAMES.items():
        if spec_key in data:
            lines.append(f"{name} = {literal(data[spec_key])}")
    lines.append("")
    lines.append("space = {")
    lines.extend(body)
    lines.append("}")
    lines = with_space_comments(lines, writer.keys, found, "space = {")
    lines.extend(python_comment(c.text.strip()) for c in found if c.place == END)
    lines.append("")
    lines.append(
        "# The spec this module was written from. Converting the module back keeps it, and"
    )
    lines.append("# takes in whatever the space and the settings above now say differently.")
    lines.append(f"{TEMPLATE} = {text_literal(doc.text)}")
    return "\n".join(lines) + "\n"


# Every text of the input that goes into the module (a file name, keys, values, comments) is
# written through one of these, so that no input can end its literal or its comment early.


def text_literal(text: str) -> str:
    quotes, backslash = '"' * 3, chr(92)
    if _verbatim(text):
        return quotes + backslash + "\n" + text + quotes  # readable: the spec as it is
    return repr(text)


def docstring(text: str) -> str:
    return f'"""{text}"""' if _verbatim(text) and "\n" not in text else literal(text)


def _verbatim(text: str) -> bool:
    """Whether ``text`` reads back unchanged between triple double quotes: no quote or
    backslash that could end or escape the literal, no carriage return (Python reads it as a
    line break), and no other control character."""
    return (
        '"' * 3 not in text
        and chr(92) not in text
        and not text.endswith('"')
        and all(c in {"\n", "\t"} or c.isprintable() for c in text)
    )


# Marks a key line of the space while it is built (a character no literal writes raw).
MARK = "\x00"


def with_space_comments(
    lines: list[str], keys: list[tuple[Any, ...]], found: list[Comment], space_line: str
) -> list[str]:
    """The module's lines with the space's comments (see comments.py) at the entries of their
    nodes: above the entry, or at its end; a comment on an argument at its parameter's entry;
    one on `param_space` itself at the line that starts with ``space_line`` (`space = {`, a
    `def suggest(`). Lines of entries start with a mark (``MARK``, the entry's number in
    ``keys``, ``MARK``), which is taken out."""
    from ..space import SPACE_KEY

    at: dict[tuple[Any, ...], int] = {}
    for index, line in enumerate(lines):
        if line.startswith(MARK):
            number, _, rest = line[1:].partition(MARK)
            at.setdefault(keys[int(number)], index)
            lines[index] = rest
    lines = [line.replace(MARK, "") if MARK in line else line for line in lines]
    at[(SPACE_KEY,)] = next(i for i, line in enumerate(lines) if line.startswith(space_line))
    above: dict[int, list[str]] = {}
    for c in found:
        if c.path[:1] != (SPACE_KEY,) or c.place not in (BEFORE, EOL):
            continue
        key = max((p for p in at if c.path[: len(p)] == p), key=len)
        index = at[key]
        if c.place == EOL:
            lines[index] += "  " + python_comment(c.text)
        else:
            pad = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
            above.setdefault(index, []).append(pad + python_comment(c.text))
    for index in sorted(above, reverse=True):
        lines[index:index] = above[index]
    return lines


def python_comment(comment: str) -> str:
    """``comment`` (``# ...``) as one Python comment: a line break in it would end the comment,
    so a carriage return, form feed or other control character is written escaped."""
    return "".join(c if c.isprintable() or c == "\t" else repr(c)[1:-1] for c in comment)


def literal(value: Any) -> str:
    if isinstance(value, Mapping):
        items = ", ".join(f"{literal(str(k))}: {literal(v)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, bool) or type(value).__name__ == "ScalarBoolean":
        return "True" if value else "False"
    if isinstance(value, float) and not math.isfinite(value):
        return f'{"-" if value < 0 else ""}float("{"nan" if math.isnan(value) else "inf"}")'
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, int):
        return repr(int(value))
    if value is None:
        return "None"
    text = repr(str(value))
    if text.startswith("'") and '"' not in text:  # ruff's (and black's) double quotes
        text = '"' + text[1:-1].replace("\\'", "'") + '"'
    return text


class _Writer:
    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.uses_math = False
        self.uses_scope = False
        self.keys: list[tuple[Any, ...]] = []  # the spec path of each marked key line

    def mapping(
        self, group: Any, prefix: str, depth: int, path: tuple[Any, ...] | None = None
    ) -> list[str]:
        pad = "    " * depth
        lines: list[str] = []
        for key, value in group.items():
            label = f"{prefix}/{key}" if prefix else str(key)
            here = None if path is None else (*path, key)
            mark = ""
            if here is not None:  # a key line, where the comments of its node go
                mark = f"{MARK}{len(self.keys)}{MARK}"
                self.keys.append(here)
            expression = self.expression(value, label, depth, here)
            if isinstance(expression, list):
                lines.append(f"{mark}{pad}{literal(str(key))}: {{")
                lines.extend(expression)
                lines.append(f"{pad}}},")
            else:
                lines.append(f"{mark}{pad}{literal(str(key))}: {expression},")
        return lines

    def expression(
        self, value: Any, label: str, depth: int, path: tuple[Any, ...] | None = None
    ) -> str | list[str]:
        from ..space import call_label, distribution_of, group_body

        dist = distribution_of(value)
        if dist is None or dist.kind == "group":
            body = group_body(value)
            if body is not None:
                inner = None if path is None else path + (("group",) if body is not value else ())
                return self.mapping(body, label, depth + 1, inner)
            return literal(value)
        body = value[dist.name]
        if dist.kind == "constant":
            return literal(body)
        own = call_label(body, label)
        return self.call(dist.name, body, own, depth, prefix=label)

    def call(self, name: str, body: Any, label: str, depth: int, prefix: str | None = None) -> str:
        from ..vocabulary import BY_NAME

        quoted = literal(label)
        label = label if prefix is None else prefix
        if name in ("choice", "pchoice", "grid_search"):
            field = "values" if name == "grid_search" else "options"
            items = body.get(field) if isinstance(body, Mapping) else body
            if name == "pchoice":
                if isinstance(body, Mapping):
                    pairs = list(zip(body["probabilities"], body["options"], strict=True))
                else:
                    pairs = [(p[0], p[1]) for p in body]
                rendered = ", ".join(
                    f"({literal(p)}, {self.option(o, label, i, depth)})"
                    for i, (p, o) in enumerate(pairs)
                )
                return f"hp.pchoice({quoted}, [{rendered}])"
            listed = list(items or [])
            options = ", ".join(self.option(o, label, i, depth) for i, o in enumerate(listed))
            return f"hp.choice({quoted}, [{options}])"
        names = BY_NAME[name].arg_names
        args = [body.get(n) for n in names] if isinstance(body, Mapping) else list(body)
        text = [literal(a) for a in args]
        if name in ("loguniform", "qloguniform", "lograndint", "qlograndint"):
            self.uses_math = True
            high = args[1] - 1 if name == "lograndint" and isinstance(args[1], int) else args[1]
            text[0], text[1] = f"math.log({literal(args[0])})", f"math.log({literal(high)})"
        if name == "uniformint":
            # uniform over [low, high] exactly (hp.uniformint gives each bound half the weight)
            high = args[1] + 1 if isinstance(args[1], int) else args[1]
            return f"hp.randint({quoted}, {text[0]}, {literal(high)})"
        if name in ("quniformint", "qloguniformint"):
            self.uses_scope = True
            inner = "quniform" if name == "quniformint" else "qloguniform"
            if name == "qloguniformint":
                self.uses_math = True
                text[0], text[1] = f"math.log({text[0]})", f"math.log({text[1]})"
            return f"scope.int(hp.{inner}({quoted}, {text[0]}, {text[1]}, {text[2]}))"
        if name in ("qrandint", "lograndint", "qlograndint"):
            self.uses_scope = True
            inner = "quniform" if name == "qrandint" else "qloguniform"
            q = text[2] if len(text) > 2 else "1"
            return f"scope.int(hp.{inner}({quoted}, {text[0]}, {text[1]}, {q}))"
        if name == "invloguniform":
            self.uses_math = True
            return (
                f"hp.loguniform({quoted}, math.log({literal(args[0])}), "
                f"math.log({literal(args[1])}))"
            )
        if name in STAND_INS:  # hyperopt has no beta: its support, reported as lost
            q = f", {text[2] if len(text) > 2 else '1'}" if name == "qbeta" else ""
            return f"hp.{'q' if q else ''}uniform({quoted}, 0, 1{q})"
        return f"hp.{name}({quoted}, {', '.join(text)})"

    def option(self, option: Any, label: str, index: int, depth: int) -> str:
        from ..space import distribution_of

        if isinstance(option, Mapping) and distribution_of(option) is None:
            inner = self.mapping(option, label, depth + 2)
            pad = "    " * (depth + 1)
            return "{\n" + "\n".join(inner) + f"\n{pad}}}"
        rendered = self.expression(option, f"{label}/{index}", depth + 1)
        if isinstance(rendered, list):  # a group written `{group: {...}}`
            pad = "    " * (depth + 1)
            return "{\n" + "\n".join(rendered) + f"\n{pad}}}"
        return rendered


def write_module(doc: Any) -> Writing:
    """The registry's writer: a spec as a module of ``hp.*`` calls. What hyperopt cannot hold
    is written as its stand-in, or kept in the module's spec copy only: ``losses.py`` reads the
    module back and names it; the stand-ins' explanations come from here."""
    from ..checks.context import Context
    from ..emit import Locator

    here = Locator(doc)
    explained = [
        here.at_key(
            "X001",
            f"hyperopt: `{param.dist.name}` {STAND_INS[param.dist.name]}",
            param.dist_path,
            severity=Severity.WARNING,
        )
        for param in Context(doc).parameters
        if param.dist.name in STAND_INS
    ]
    combinations = grid_combinations(Context(doc).parameters)
    samples = doc.data.get("num_samples")
    if combinations and isinstance(samples, int) and samples > 0:
        # Ray runs the grid num_samples times; fmin's max_evals counts trials
        at = ("num_samples",)
        # kept, so not a loss (X001): run otherwise, and more than a note
        explained.append(
            here.at_key(
                "X004",
                f"hyperopt: `max_evals = {samples}` counts trials, where the spec's "
                f"`num_samples: {samples}` runs the grid's {combinations} combinations "
                f"{samples} time(s), {samples * combinations} trials",
                at,
                severity=Severity.WARNING,
            )
        )
    return Writing(write(doc), explained)
