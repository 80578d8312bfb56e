"""Pictures: `sample --plot` draws one panel per searched parameter of every bundled example
(log axes for log distributions, conditional parameters marked), `--stats` summarises the
draws, and `run` draws the metric over trials beside its results."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import VALID

from sweepspec.cli import main
from sweepspec.loader import load_file
from sweepspec.meaning import plain
from sweepspec.sample import configurations
from sweepspec.space import iter_parameters

pytest.importorskip("matplotlib", reason="the plot extra (matplotlib, in the test extras) draws")

BUNDLED = sorted(VALID.glob("*.yaml"))


def _searched(spec: dict) -> set[str]:  # type: ignore[type-arg]
    """The dotted names of the parameters a sweep searches (choices of groups are drawn as the
    leaves of the chosen group, so they are not panels of their own)."""
    names = set()
    for param in iter_parameters(spec.get("param_space")):
        keys = [k for k in param.keys if isinstance(k, str)]
        if any(isinstance(o.value, dict) for o in param.options):
            continue
        names.add(".".join(keys))
    return names


def _texts(svg: str) -> list[str]:
    """The text of each label of an SVG matplotlib wrote with its text kept as text."""
    return [
        re.sub(r"<[^>]+>", "\n", t).strip()
        for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)
    ]


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_one_panel_per_searched_parameter(path: Path, tmp_path: Path) -> None:
    from sweepspec.plot import panels

    out = tmp_path / "draws.svg"
    assert main(["sample", str(path), "-n", "300", "--seed", "1", "--plot", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    spec = plain(load_file(path).data)
    found = panels(spec, configurations(spec, 300, 1))
    assert len(re.findall(r'<g id="axes_\d+"', svg)) == len(found)  # one axes per panel
    titles = {text.split("\n")[0] for text in _texts(svg)}
    assert _searched(spec) <= {p.name for p in found} <= titles


def test_log_axes_and_conditional_parameters_are_marked(tmp_path: Path) -> None:
    out = tmp_path / "conditional.svg"
    main(["sample", str(VALID / "conditional.yaml"), "-n", "400", "--plot", str(out)])
    texts = [re.sub(r"\s+", "", t) for t in _texts(out.read_text(encoding="utf-8"))]
    after = {texts[i]: texts[i + 1] for i in range(len(texts) - 1)}
    assert re.fullmatch(r"\(conditional:\d+of400draws\)", after["optimizer.beta1"])
    assert not after["model.depth"].startswith("(conditional")  # drawn every time
    assert "10\N{MINUS SIGN}3" in texts  # the lr panel's log axis


def test_a_png_is_written(tmp_path: Path) -> None:
    out = tmp_path / "draws.png"
    assert main(["sample", str(VALID / "seed.yaml"), "-n", "50", "--plot", str(out)]) == 0
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_an_unknown_suffix_is_refused_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "draws.jpg"
    assert main(["sample", str(VALID / "seed.yaml"), "--plot", str(out)]) == 2
    assert ".png or .svg" in capsys.readouterr().err and not out.exists()


def test_stats_summarise_the_draws(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["sample", str(VALID / "conditional.yaml"), "-n", "1000", "--seed", "4", "--stats"])
        == 0
    )
    lines = {line.split(":")[0]: line for line in capsys.readouterr().out.splitlines()}
    drawn = configurations(plain(load_file(VALID / "conditional.yaml").data), 1000, 4)
    adam = sum(1 for c in drawn if c["optimizer"]["name"] == "adam")
    assert f"n={adam} of 1000" in lines["optimizer.beta1"]
    assert lines["optimizer.lr"].endswith("(log)")
    assert f'"adam": {adam}' in lines["optimizer.name"]


def test_run_draws_the_metric_over_trials(tmp_path: Path) -> None:
    from sweepspec.plot import trials_plot

    rows = [
        {"config": {"x": i}, "metrics": {"loss": 10 - i if i % 3 else 20.0}} for i in range(12)
    ] + [{"config": {"x": 99}, "metrics": {}, "error": "boom"}]
    (tmp_path / "trials.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    drawn = trials_plot(tmp_path, "loss", "min")
    assert drawn == tmp_path / "trials.png"
    assert drawn.read_bytes().startswith(b"\x89PNG")
    assert trials_plot(tmp_path / "nowhere", "loss", "min") is None
