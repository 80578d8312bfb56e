"""The static part of what people compute search-space values with, computed as Python would.

``range``, ``list``, ``tuple``, ``len``, ``min``/``max``, ``round``, ``abs``, ``str``/``int``/
``float``, ``sorted``, ``reversed``, ``zip``, ``enumerate``; numpy's ``arange``, ``linspace``,
``logspace`` and ``geomspace`` (their results as numpy computes them, as plain Python numbers:
numpy/numpy numpy/_core/function_base.py); ``math.exp``/``sqrt``/``pow``/``log2``/``log10``;
and arithmetic on numbers, strings and lists. Nothing here runs the module: the reader calls
these on values it has already read.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

Number = int | float


class NotStatic(Exception):
    """What these cannot compute (the reader reports it where it is written)."""


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_size(count: int) -> None:
    if count > 100_000:
        raise NotStatic(f"{count} values: too many to be a search space's options")


def arange(*args: Any, **kwargs: Any) -> list[Number]:
    dtype = kwargs.pop("dtype", None)
    if dtype not in (None, "int", "float"):
        raise NotStatic("`arange` with a dtype")
    values = _arange(*args, **kwargs)
    if dtype is not None:
        return [int(v) if dtype == "int" else float(v) for v in values]
    return values


def _arange(*args: Any, **kwargs: Any) -> list[Number]:
    start, stop, step = 0, None, 1
    if kwargs:
        raise NotStatic("`arange` with keywords")
    if len(args) == 1:
        (stop,) = args
    elif len(args) == 2:
        start, stop = args
    elif len(args) == 3:
        start, stop, step = args
    else:
        raise NotStatic("`arange` takes 1 to 3 numbers")
    if not all(_number(v) for v in (start, stop, step)) or step == 0:
        raise NotStatic("`arange` of values that are not numbers")
    try:
        quotient = (stop - start) / step
    except OverflowError:  # integers too large for a float
        raise NotStatic("`arange` of numbers too large for a float") from None
    if not math.isfinite(quotient):  # inf or nan bounds, or a step that makes too many
        raise NotStatic(f"`arange` of {quotient} values")
    count = max(0, math.ceil(quotient))
    _check_size(count)
    if all(isinstance(v, int) for v in (start, stop, step)):
        return [start + i * step for i in range(count)]
    # numpy computes the first two values, then fills start + i * (second - first)
    # (numpy/numpy numpy/_core/src/multiarray/ctors.c, PyArray_Arange; arraytypes fill)
    first, second = float(start), float(start + step)
    delta = second - first
    return [first + i * delta if i > 1 else (first, second)[i] for i in range(count)]


def linspace(
    start: Any, stop: Any, num: Any = 50, endpoint: Any = True, dtype: Any = None
) -> list[Number]:
    if not (_number(start) and _number(stop)) or not isinstance(num, int) or num < 0:
        raise NotStatic("`linspace` of values that are not numbers")
    if dtype not in (None, "float", "int"):
        raise NotStatic("`linspace` with a dtype")
    _check_size(num)
    div = (num - 1) if endpoint else num
    start, stop = float(start), float(stop)
    delta = stop - start
    if div > 0:
        step = delta / div
        values = [i * step + start if step != 0 else i * delta / div + start for i in range(num)]
        if endpoint and num > 1:
            values[-1] = stop
    else:
        values = [start + 0.0 * delta for _ in range(num)]
    if dtype == "int":
        return [int(v) for v in values]
    return values


def logspace(
    start: Any, stop: Any, num: Any = 50, endpoint: Any = True, base: Any = 10.0
) -> list[float]:
    if not _number(base):
        raise NotStatic("`logspace` with a base that is not a number")
    exponents = linspace(start, stop, num, endpoint)
    try:
        # numpy's power is vectorised and may differ from C's pow in the last digit; where
        # numpy is installed (as it is wherever the module itself runs) its own is used
        import numpy
    except ImportError:
        return [float(base) ** v for v in exponents]
    return [float(v) for v in numpy.power(float(base), numpy.array(exponents, dtype=float))]


def geomspace(start: Any, stop: Any, num: Any = 50, endpoint: Any = True) -> list[float]:
    if not (_number(start) and _number(stop)) or start <= 0 or stop <= 0:
        raise NotStatic("`geomspace` of numbers that are not > 0")
    try:
        import numpy
    except ImportError:
        numpy = None  # type: ignore[assignment]
    if numpy is not None:
        return [float(v) for v in numpy.geomspace(float(start), float(stop), num, endpoint)]
    values = logspace(math.log10(start), math.log10(stop), num, endpoint)
    if values:
        values[0] = float(start)
        if endpoint and num > 1:
            values[-1] = float(stop)
    return values


def _range(*args: Any) -> list[int]:
    if not all(isinstance(a, int) and not isinstance(a, bool) for a in args) or not args:
        raise NotStatic("`range` of values that are not integers")
    result = range(*args)
    _check_size(len(result))
    return list(result)


def _str(value: Any = "") -> str:
    if isinstance(value, (dict, list)):
        raise NotStatic("`str` of a container")
    return str(value)


def _sized(function: Callable[..., Any]) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        result = function(*args, **kwargs)
        return list(result) if not isinstance(result, (str, int, float, bool)) else result

    return call


# Builtins and library functions by the dotted names modules call them by. numpy's under `np.`
# and `numpy.`; the reader also accepts them under any alias it saw imported.
FUNCTIONS: dict[str, Callable[..., Any]] = {
    "range": _range,
    "list": _sized(list),
    "tuple": _sized(list),
    "sorted": _sized(sorted),
    "reversed": _sized(reversed),
    "zip": lambda *a: [list(t) for t in zip(*a, strict=False)],
    "enumerate": lambda a, start=0: [[i, v] for i, v in enumerate(a, start)],
    "len": len,
    "min": min,
    "max": max,
    "sum": sum,
    "abs": abs,
    "round": round,
    "int": int,
    "float": float,
    "str": _str,
    "bool": bool,
    "math.exp": math.exp,
    "math.sqrt": math.sqrt,
    "math.pow": math.pow,
    "math.log2": math.log2,
    "math.log10": math.log10,
    "math.floor": math.floor,
    "math.ceil": math.ceil,
    "arange": arange,
    "linspace": linspace,
    "logspace": logspace,
    "geomspace": geomspace,
    "exp": math.exp,
    "sqrt": math.sqrt,
    "power": lambda a, b: a**b,
}
NUMPY = frozenset({"arange", "linspace", "logspace", "geomspace", "exp", "sqrt", "power"})
CONSTANTS: dict[str, float] = {"pi": math.pi, "e": math.e, "inf": math.inf}

_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "Add": operator.add,
    "Sub": operator.sub,
    "Mult": operator.mul,
    "Div": operator.truediv,
    "FloorDiv": operator.floordiv,
    "Mod": operator.mod,
    "Pow": operator.pow,
}


def binary(op: str, left: Any, right: Any) -> Any:
    """``left <op> right`` for numbers, strings and lists (as Python computes it)."""
    function = _OPERATORS.get(op)
    if function is None:
        raise NotStatic(f"the operator `{op}`")
    kinds = {type(left), type(right)}
    numbers = _number(left) and _number(right)
    text = op == "Add" and isinstance(left, str) and isinstance(right, str)
    lists = op == "Add" and isinstance(left, list) and isinstance(right, list)
    repeat = op == "Mult" and (
        (isinstance(left, (str, list)) and isinstance(right, int))
        or (isinstance(right, (str, list)) and isinstance(left, int))
    )
    if not (numbers or text or lists or repeat):
        names = " and ".join(sorted(k.__name__ for k in kinds))
        raise NotStatic(f"`{op}` of {names}")
    if op == "Pow" and numbers and abs(right) > 1000:
        raise NotStatic("a power too large to compute")
    if repeat:
        count = right if isinstance(right, int) else left
        _check_size(count * len(left if isinstance(right, int) else right))
    try:
        result = function(left, right)
    except (ArithmeticError, ValueError) as exc:
        raise NotStatic(str(exc)) from None
    return list(result) if lists or (repeat and isinstance(result, list)) else result


def call(name: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
    function = FUNCTIONS[name]
    try:
        return function(*args, **kwargs)
    except NotStatic:
        raise
    except (TypeError, ValueError, ArithmeticError, OverflowError) as exc:
        raise NotStatic(f"`{name}(...)` fails: {exc}") from None
