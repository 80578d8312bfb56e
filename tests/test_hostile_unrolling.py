"""Hostile Python sources, unrolling: a comprehension or loop over static values is unrolled
element by element, to at most ``MAX_UNROLLED`` elements in all (nested ones multiply); a larger
one is an X003 at its line, and is not unrolled (a 3000 x 3000 comprehension took minutes and
2 GB). Each read here finishing at all, with its finding, is the test: none is timed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sweepspec.convert import convert_source
from sweepspec.document import MAX_UNROLLED

OPTUNA = """import optuna


def objective(trial):
{body}
    return 0


if __name__ == "__main__":
    study = optuna.create_study()
    study.optimize(objective, n_trials=10)
"""

TOO_MANY = f"more than {MAX_UNROLLED:,} values"


def _found(source: str) -> list[tuple[str, int, int, str]]:
    result = convert_source(source, "spec", "s.py")
    return [(d.code, d.line, d.column, d.message) for d in result.diagnostics]


def _named(found: list[tuple[str, int, int, str]], line: int, column: int | None) -> bool:
    return any(
        (code, at) == ("X003", line) and column in (None, col) and TOO_MANY in message
        for code, at, col, message in found
    )


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (
            '    xs = [trial.suggest_float("x", 0, 1) for i in range(3000) for j in range(3000)]',
            (5, 10),
        ),
        ('    xs = [trial.suggest_float(f"x{i}", 0, 1) for i in range(100000)]', (5, 10)),
        (
            "    for i in range(300):\n        for j in range(300):\n"
            '            trial.suggest_float("x", 0, 1)',
            (6, 9),  # the inner loop: the outer one alone is within the limit
        ),
        (
            '    for i in range(200):\n        xs = [trial.suggest_float(f"x{i}_{j}", 0, 1)'
            " for j in range(200)]",
            (6, 14),
        ),
        (
            '    xs = {f"x{i}": trial.suggest_float(f"x{i}", 0, 1)'
            f" for i in range({MAX_UNROLLED + 1})}}",
            (5, 10),
        ),
    ],
    ids=["nested-comprehension", "range-100000", "nested-loops", "comprehension-in-loop", "dict"],
)
def test_optuna_unrolls_no_more_than_the_limit(body: str, where: tuple[int, int]) -> None:
    found = _found(OPTUNA.format(body=body))
    assert _named(found, *where), found
    # the suggest calls in it are named by that finding, not each again
    assert not any("suggest_float" in message for *_, message in found), found


def test_optuna_unrolls_up_to_the_limit() -> None:
    body = '    xs = [trial.suggest_float("x", 0, 1) for i in range(100) for j in range(100)]'
    found = _found(OPTUNA.format(body=body))
    assert not any(TOO_MANY in message for *_, message in found), found


@pytest.mark.parametrize(
    ("space", "where"),
    [
        (
            "space = {f'x{i}_{j}': hp.uniform(f'x{i}_{j}', 0, 1)"
            " for i in range(3000) for j in range(3000)}",
            (2, 9),
        ),
        (
            "space = {'a': hp.choice('a', [[i * j for j in range(300)] for i in range(300)])}",
            (2, None),  # the outer comprehension (its column differs by reader)
        ),
        (
            "space = {}\nfor i in range(20000):\n    space[f'x{i}'] = hp.uniform(f'x{i}', 0, 1)",
            (3, 1),
        ),
    ],
    ids=["nested-comprehension", "comprehension-in-element", "loop"],
)
@pytest.mark.parametrize("reader", ["hyperopt", "tune"])
def test_python_spaces_unroll_no_more_than_the_limit(
    space: str, where: tuple[int, int], reader: str
) -> None:
    source = f"from hyperopt import hp\n{space}\n"
    if reader == "tune":
        source = source.replace("from hyperopt import hp", "from ray import tune")
        source = source.replace("hp.uniform(f'x{i}_{j}', 0, 1)", "tune.uniform(0, 1)")
        source = source.replace("hp.uniform(f'x{i}', 0, 1)", "tune.uniform(0, 1)")
        source = source.replace("hp.choice('a', ", "tune.choice(")
    found = _found(source)
    assert _named(found, *where), found


def test_python_spaces_unroll_up_to_the_limit() -> None:
    source = (
        "from hyperopt import hp\n"
        "space = {'a': hp.choice('a', [[i * j for j in range(100)] for i in range(99)])}\n"
    )
    found = _found(source)
    assert not any(TOO_MANY in message for *_, message in found), found


def test_the_limit_is_the_documented_one() -> None:
    docs = Path(__file__).parent.parent / "docs"
    for page in ("limits.md", "converting.md"):
        assert f"{MAX_UNROLLED:,} values" in (docs / page).read_text(encoding="utf-8"), page
