"""The compatibility tables as text, Markdown or JSON (``sweepspec compat`` and the docs)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from .features import BY_ID, FEATURES, Feature
from .model import Row, Status
from .tune import MATRIX_SEARCHERS

SEED_TABLES = (
    ("search_alg", "Search algorithms", "Search algorithm"),
    ("distribution", "HyperOpt", "HyperOpt function"),
    ("scheduler", "Tune schedulers", "Scheduler"),
)
KIND_TITLES = (
    ("search_alg", "Search algorithms"),
    ("distribution", "Distributions"),
    ("scheduler", "Schedulers"),
    ("structure", "Structure and run settings"),
)
_ICON = {
    Status.SUPPORTED: "supported",
    Status.PARTIAL: "partial",
    Status.PLANNED: "planned",
    Status.INVESTIGATING: "investigating",
    Status.UNSUPPORTED: "unsupported",
    Status.DEPRECATED: "deprecated",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _feature(row: Row) -> Feature:
    return BY_ID[row.feature]


def text(rows: Iterable[Row]) -> str:
    rows = list(rows)
    width = max((len(r.feature) for r in rows), default=0)
    lines = []
    for row in rows:
        under = f" [search_alg {row.under}]" if row.under else ""
        lines.append(
            f"{row.target:<10}  {row.feature:<{width}}  {row.status.value:<13}  {row.reason}{under}"
        )
    return "\n".join(lines) + "\n"


def as_json(rows: Iterable[Row]) -> str:
    payload = [
        {
            "target": r.target,
            "feature": r.feature,
            "title": _feature(r).title,
            "status": r.status.value,
            "reason": r.reason,
            "source": r.source,
            "search_alg": r.under,
            "seed_label": r.seed_label,
            "note": r.note,
        }
        for r in rows
    ]
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _table(rows: Sequence[Row], first: str, label: bool = False) -> str:
    out = [f"| {first} | Status | How, or why not | Source |\n|---|---|---|---|\n"]
    for row in rows:
        name = row.seed_label if label and row.seed_label else _feature(row).title
        reason = row.reason + (f" (**Note:** {row.note})" if row.note else "")
        out.append(
            f"| {_cell(name)} | {_ICON[row.status]} | {_cell(reason)} | {_cell(row.source)} |\n"
        )
    return "".join(out)


def markdown(target: str, rows: Sequence[Row], title: str, summary: str) -> str:
    """One target's page: its tables by kind; for ``wandb-tune`` the seed's three tables first."""
    plain = [r for r in rows if r.under is None]
    out = [f"# {title} (`{target}`)\n\n{summary}\n"]
    if any(r.seed_label for r in plain):
        out.append(
            '\n## The seed\'s tables\n\nThe three tables of the W&B "Ray Tune Sweeps" '
            "page, with its statuses, in its order.\n"
        )
        for kind, heading, first in SEED_TABLES:
            seeded = [r for r in plain if r.seed_label and _feature(r).kind == kind]
            out.append(f"\n### {heading}\n\n{_table(seeded, first, label=True)}")
        plain = [r for r in plain if not r.seed_label]
        out.append("\n## Beyond the seed's tables\n")
    for kind, heading in KIND_TITLES:
        chosen = [r for r in plain if _feature(r).kind == kind]
        if chosen:
            out.append(f"\n### {heading}\n\n{_table(chosen, 'Feature')}")
    contextual = [r for r in rows if r.under is not None]
    if contextual:
        out.append(_searcher_matrix(rows))
    return "".join(out)


def _searcher_matrix(rows: Sequence[Row]) -> str:
    index = {(r.feature, r.under): r for r in rows}
    features = [
        r.feature
        for r in rows
        if r.under is None
        and (_feature(r).kind == "distribution" or r.feature == "structure.conditional_choice")
    ]
    searchers = ["variant_generator", *MATRIX_SEARCHERS]
    out = [
        "\n## By search algorithm\n\nWhat each searcher's `convert_search_space` does with "
        "each domain; a cell without a note follows the row above.\n\n",
        "| Feature | " + " | ".join(f"`{s}`" for s in searchers) + " |\n",
        "|---|" + "---|" * len(searchers) + "\n",
    ]
    for feature in features:
        cells = []
        for searcher in searchers:
            row = index.get((feature, searcher)) or index[(feature, None)]
            cells.append(_ICON[row.status] + ("*" if row.under else ""))
        out.append(f"| {_cell(BY_ID[feature].title)} | " + " | ".join(cells) + " |\n")
    out.append(
        "\n`*`: differs from Ray Tune's own support for the domain; see the reasons below.\n\n"
    )
    notes = [r for r in rows if r.under is not None]
    out.append(_table_under(notes))
    return "".join(out)


def _table_under(rows: Sequence[Row]) -> str:
    out = ["| Search algorithm | Feature | Status | Why | Source |\n|---|---|---|---|---|\n"]
    for row in rows:
        out.append(
            f"| `{row.under}` | {_cell(_feature(row).title)} | {_ICON[row.status]} | "
            f"{_cell(row.reason)} | {_cell(row.source)} |\n"
        )
    return "".join(out)


def matrix(rows: Sequence[Row], targets: Sequence[str]) -> str:
    """Every feature against every target (context rows left out)."""
    index = {(r.target, r.feature): r for r in rows if r.under is None}
    out = [
        "| Feature | " + " | ".join(f"`{t}`" for t in targets) + " |\n",
        "|---|" + "---|" * len(targets) + "\n",
    ]
    for kind, heading in KIND_TITLES:
        out.append(f"| **{heading}** |" + " |" * len(targets) + "\n")
        for feature in (f.id for f in FEATURES if f.kind == kind):
            cells = [_ICON[index[(t, feature)].status] for t in targets]
            out.append(f"| {_cell(BY_ID[feature].title)} | " + " | ".join(cells) + " |\n")
    return "".join(out)


def render(fmt: str, targets: Sequence[str]) -> str:
    """What ``sweepspec compat`` prints for ``targets`` in format ``fmt``."""
    from . import BY_TARGET, ROWS

    rows = [r for r in ROWS if r.target in targets]
    if fmt == "json":
        return as_json(rows)
    if fmt == "text":
        return text(rows)
    pages = [
        markdown(t, [r for r in rows if r.target == t], BY_TARGET[t].title, BY_TARGET[t].summary)
        for t in targets
    ]
    if len(targets) > 1:
        pages.insert(0, "# Compatibility\n\n" + matrix(ROWS, targets))
    return "\n".join(pages)
