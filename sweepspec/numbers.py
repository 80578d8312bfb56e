"""Exact conversions between log-space and real-space bounds.

A bound converted to the other space and back must come back unchanged, so ``1e-5`` does not
return as ``1.0000000000000004e-05``. Each function returns the shortest decimal whose inverse
gives back exactly the number it came from, when one exists.
"""

from __future__ import annotations

import math


def _shortest(value: float, inverse_back_to: float, inverse: object) -> float:
    for digits in range(1, 18):
        candidate = float(f"{value:.{digits}g}")
        try:
            if inverse(candidate) == inverse_back_to:  # type: ignore[operator]
                return candidate
        except (OverflowError, ValueError):
            continue
    return value


def log_exact(value: float) -> float:
    """``ln(value)``, written so that ``exp`` of it gives ``value`` back where possible."""
    return _shortest(math.log(value), value, math.exp)


def exp_exact(value: float) -> float:
    """``exp(value)``, written so that ``ln`` of it gives ``value`` back where possible."""
    return _shortest(math.exp(value), value, math.log)
