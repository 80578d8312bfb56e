from __future__ import annotations

from sweepspec import check_text

BASE = "sweepspec: 1\nparam_space:\n"


def found(text: str) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in check_text(BASE + text)]


def test_trailing_comment_silences_exactly_its_codes_on_its_line() -> None:
    text = "  a: {unifrom: [0, 1]}  # sweepspec: ignore[V014]\n  b: {unifrom: [0, 1]}\n"
    assert found(text) == [(4, "V014")]


def test_comment_on_the_line_above_silences_the_next_line() -> None:
    text = "  # sweepspec: ignore[V003]\n  # another comment\n  lr: {loguniform: [0, 1]}\n"
    assert found(text) == []


def test_other_codes_on_the_line_are_still_reported() -> None:
    text = "  lr: {loguniform: [0, 0]}  # sweepspec: ignore[V003]\n"
    assert found(text) == [(3, "V001")]


def test_file_level_form() -> None:
    text = "  a: {unifrom: [0, 1]}\n  b: {unifrom: [0, 1]}\n# sweepspec: ignore-file[V014]\n"
    assert found(text) == []


def test_bare_ignore_silences_every_code_on_its_line() -> None:
    assert found("  lr: {loguniform: [0, 0]}  # sweepspec: ignore\n") == []


def test_unused_and_invalid_suppressions_are_reported() -> None:
    text = (
        "  lr: {uniform: [0, 1]}  # sweepspec: ignore[V003]\n"
        "  mo: {uniform: [0, 1]}  # sweepspec: ignore[NOPE]\n"
        "  # sweepspec: ignore-file[V015]\n"
    )
    assert found(text) == [(3, "U001"), (4, "U002"), (5, "U001")]


def test_text_in_a_quoted_scalar_is_not_a_suppression() -> None:
    text = '  a: {unifrom: [0, 1]}\ndescription: "# sweepspec: ignore[V014]"\n'
    assert found(text) == [(3, "V014")]
