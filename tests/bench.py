"""Benchmarks: sweepspec against its peers, every pair measured back to back in this one run.

Run: python tests/bench.py [--repeat R] [--files N] [--scale 10,100,1000,10000]

Absolute times depend on the machine, so each line is a ratio against a peer that does the same
job on the same files, measured alternately with sweepspec (a slow spell of a shared machine hits
both). Peers:

- ``check-jsonschema --schemafile schema/sweepspec-1.schema.json``: the generic validator, as a
  whole command, on 1 file, on 1 file with three errors and on N files generated from the
  bundled examples; and with W&B's own schema (``../shared/oracles``) on a W&B sweep file;
- W&B's own validator (``sweeps.schema_violations_from_proposed_config``, sweeps 0.2.0, after a
  PyYAML load) against ``sweepspec.check_file`` on the W&B files of ``../shared/corpus``;
- jsonschema's validation against ``fastschema``'s verdict, in process, on the bundled specs;
- a bare ruamel.yaml round-trip load and dump against ``convert``, spec -> W&B and W&B -> spec;
- ``python -c pass`` against ``import sweepspec`` and against a whole ``sweepspec check`` command;
- ``sweepspec check`` itself on 10 to 10,000 files: the cost per file must not grow;
- the peak memory (largest resident set of any process of the command) of ``sweepspec check``
  and check-jsonschema on the same files.

The package's bytecode is compiled first, as ``pip install`` does, so that no run pays for
compiling a source that an editable install has not compiled yet.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "sweepspec-1.schema.json"
EXAMPLES = sorted((ROOT / "docs" / "examples" / "spec").glob("*.yaml"))
SHARED = Path(os.environ.get("SWEEPSPEC_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "wandb"
# W&B's own schema (wandb/sweeps' config/schema.json), for check-jsonschema on a W&B sweep file
WANDB_SCHEMA = SHARED / "oracles" / "wandb-sweep-config.schema.json"
WANDB_SWEEP = ROOT / "docs" / "examples" / "wandb" / "grid-hyperband.yaml"

Row = tuple[str, float, float, float]


# A spec with three schema errors (a negative count, an unknown mode, a distribution with one of
# its two arguments), for the one-file rows: jsonschema's import and its errors are paid here.
THREE_ERRORS = """\
sweepspec: 1
program: train.py
metric: loss
mode: best
num_samples: -5
param_space:
  lr: {loguniform: [0.0001]}
  batch_size: {choice: [32, 64]}
"""


def make_files(directory: Path, count: int) -> list[Path]:
    """``count`` distinct specs, cycled from the bundled examples."""
    directory.mkdir(parents=True, exist_ok=True)
    files = []
    for index in range(count):
        source = EXAMPLES[index % len(EXAMPLES)].read_text(encoding="utf-8")
        path = directory / f"sweep-{index:05d}.yaml"
        path.write_text(source.replace("sweepspec: 1", f"sweepspec: 1\nx-bench: {index}", 1))
        files.append(path)
    return files


def paired(
    repeat: int, ours: Callable[[], object], peer: Callable[[], object]
) -> tuple[float, float, float]:
    """Run both alternately; the best time of each and the median of the per-pair ratios."""
    ours_times, peer_times, ratios = [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        ours()
        mid = time.perf_counter()
        peer()
        end = time.perf_counter()
        ours_times.append(mid - start)
        peer_times.append(end - mid)
        ratios.append((mid - start) / (end - mid))
    return min(ours_times), min(peer_times), statistics.median(ratios)


def command(*args: str, ok: tuple[int, ...] = (0,)) -> Callable[[], object]:
    def run() -> object:
        result = subprocess.run(args, capture_output=True, text=True, check=False)
        if result.returncode not in ok:
            raise SystemExit(f"{args[0]} failed:\n{result.stdout[:2000]}\n{result.stderr[:2000]}")
        return result

    return run


def executable(name: str) -> str:
    return shutil.which(name) or str(Path(sys.executable).with_name(name))


def check_against_check_jsonschema(repeat: int, files: list[Path], broken: Path) -> list[Row]:
    peer = executable("check-jsonschema")
    if not Path(peer).exists():
        print("skipped: check-jsonschema is not installed (pip install 'sweepspec[bench]')")
        return []
    ours = executable("sweepspec")
    names = [str(f) for f in files]
    cases = (
        ("1 file", names[:1], 5),
        ("1 file with 3 errors", [str(broken)], 5),
        (f"{len(names)} files", names, 1),
    )
    rows = [
        (
            f"check, {label}: sweepspec / check-jsonschema",
            *paired(
                repeat * times,
                command(ours, "check", "-q", *subset, ok=(0, 1)),
                command(peer, "--schemafile", str(SCHEMA), *subset, ok=(0, 1)),
            ),
        )
        for label, subset, times in cases
    ]
    if WANDB_SCHEMA.is_file():
        rows.append(
            (
                "check, 1 W&B sweep file: sweepspec / check-jsonschema with W&B's schema",
                *paired(
                    repeat * 5,
                    command(ours, "check", "-q", str(WANDB_SWEEP), ok=(0, 1)),
                    command(peer, "--schemafile", str(WANDB_SCHEMA), str(WANDB_SWEEP), ok=(0, 1)),
                ),
            )
        )
    else:
        print(f"skipped the W&B row: {WANDB_SCHEMA} is absent")
    return rows


def peak_memory(files: list[Path], broken: Path) -> list[tuple[str, float, float]]:
    """The largest resident set (MiB) of any process of each command, on the same files."""
    peer = executable("check-jsonschema")
    if not Path(peer).exists():
        return []
    ours = executable("sweepspec")
    names = [str(f) for f in files]
    rows = []
    for label, subset in (
        ("1 file", names[:1]),
        ("1 file with 3 errors", [str(broken)]),
        (f"{len(names)} files", names),
    ):
        mine = _max_rss(ours, "check", "-q", *subset)
        theirs = _max_rss(peer, "--schemafile", str(SCHEMA), *subset)
        rows.append((f"peak memory, {label}: sweepspec / check-jsonschema", mine, theirs))
    return rows


def _max_rss(*args: str) -> float:
    # From a small launcher process: a child forked from this one would count this process's
    # pages as its own until it runs the command, and report this process's size.
    launcher = (
        "import os, subprocess, sys\n"
        "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, "
        "stderr=subprocess.DEVNULL)\n"
        "_, _, usage = os.wait4(child.pid, 0)\n"  # the command and the workers it waited for
        "child.returncode = 0\n"
        "print(usage.ru_maxrss)\n"
    )
    result = subprocess.run(
        [sys.executable, "-S", "-c", launcher, *args], capture_output=True, text=True, check=True
    )
    return int(result.stdout) / 1024  # KiB on Linux


def check_against_wandb(repeat: int) -> list[Row]:
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent (the shared corpus is beside the CI checkout)")
        return []
    try:
        import warnings

        import yaml

        with warnings.catch_warnings():  # sweeps 0.2.0 warns about its pydantic v1 settings
            warnings.simplefilter("ignore")
            from sweeps import schema_violations_from_proposed_config
    except ImportError:
        print("skipped: W&B's validator is not installed (pip install 'sweepspec[wandb]')")
        return []
    import sweepspec

    paths = sorted(CORPUS.glob("*.yaml"))
    rounds = 20  # the corpus is small; repeat it so that each side takes a measurable time

    def ours() -> None:
        for _ in range(rounds):
            for path in paths:
                sweepspec.check_file(path)

    def peer() -> None:
        for _ in range(rounds):
            for path in paths:
                config = yaml.safe_load(path.read_text(encoding="utf-8"))
                schema_violations_from_proposed_config(config)

    ours()
    peer()  # both warm: schemas compiled, caches filled
    label = f"check, W&B corpus ({len(paths)} files x {rounds}): sweepspec / sweeps 0.2.0"
    return [(label, *paired(repeat, ours, peer))]


def verdict_against_jsonschema(repeat: int) -> list[Row]:
    """The yes/no answer for valid specs (``sweepspec.fastschema``) against jsonschema's full
    validation, in process, on the bundled specs: what a valid file saves besides the import."""
    from sweepspec import fastschema
    from sweepspec.loader import load_text
    from sweepspec.schema import validator
    from sweepspec.schemafile import string_keyed

    specs = [load_text(p.read_text(encoding="utf-8"), comments=False).data for p in EXAMPLES]
    rounds = 50

    def ours() -> None:
        for _ in range(rounds):
            for spec in specs:
                fastschema.valid(spec)

    def peer() -> None:
        for _ in range(rounds):
            for spec in specs:
                list(validator().iter_errors(string_keyed(spec)))

    ours()
    peer()
    label = f"schema verdict, {len(specs)} specs x {rounds}: fastschema / jsonschema"
    return [(label, *paired(repeat, ours, peer))]


def convert_against_ruamel(repeat: int) -> list[Row]:
    from ruamel.yaml import YAML

    from sweepspec.convert import convert_file

    def bare(paths: list[Path]) -> Callable[[], None]:
        def run() -> None:
            for path in paths:
                yaml = YAML(typ="rt")
                yaml.dump(yaml.load(path.read_text(encoding="utf-8")), io.StringIO())

        return run

    def ours(paths: list[Path], to: str) -> Callable[[], None]:
        def run() -> None:
            for path in paths:
                convert_file(path, to)

        return run

    rows = []
    specs = EXAMPLES * 5
    ours(specs, "wandb")()
    rows.append(
        (
            f"convert spec -> W&B ({len(specs)} files): sweepspec / ruamel load+dump",
            *paired(repeat, ours(specs, "wandb"), bare(specs)),
        )
    )
    if CORPUS.is_dir():
        wandb_files = sorted(CORPUS.glob("*.yaml")) * 5
        rows.append(
            (
                f"convert W&B -> spec ({len(wandb_files)} files): sweepspec / ruamel load+dump",
                *paired(repeat, ours(wandb_files, "spec"), bare(wandb_files)),
            )
        )
    return rows


def start_up(repeat: int, one_file: Path) -> list[Row]:
    python = sys.executable
    baseline = command(python, "-c", "pass")
    return [
        (
            "import sweepspec: python -c 'import sweepspec' / python -c pass",
            *paired(repeat * 2, command(python, "-c", "import sweepspec"), baseline),
        ),
        (
            "CLI, 1 file: sweepspec check / python -c pass",
            *paired(
                repeat * 2, command(executable("sweepspec"), "check", "-q", str(one_file)), baseline
            ),
        ),
    ]


def scaling(sizes: list[int], directory: Path) -> list[tuple[int, float]]:
    """Best of three wall times of `sweepspec check DIR`, for each number of files."""
    ours = executable("sweepspec")
    out = []
    for size in sizes:
        folder = directory / f"scale-{size}"
        make_files(folder, size)
        run = command(ours, "check", "-q", str(folder))
        times = []
        for _ in range(3 if size <= 1000 else 1):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        out.append((size, min(times)))
    return out


def compile_bytecode() -> None:
    """Compile sweepspec's modules, as pip does on install (an editable install, or a shell with
    PYTHONDONTWRITEBYTECODE set, would make every measured run compile them again)."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    package = Path(importlib.util.find_spec("sweepspec").origin).parent  # type: ignore[arg-type,union-attr]
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(package)],
        check=True,
        env=environment,
        stdout=subprocess.DEVNULL,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="back-to-back pairs per line")
    parser.add_argument(
        "--files", type=int, default=1000, help="files for the check-jsonschema line"
    )
    parser.add_argument(
        "--scale", default="10,100,1000,10000", help="comma-separated file counts for scaling"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.scale.split(",") if s]

    compile_bytecode()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(Path(tmp) / "peer", args.files)
        broken = Path(tmp) / "three-errors.yaml"
        broken.write_text(THREE_ERRORS, encoding="utf-8")
        rows += check_against_check_jsonschema(args.repeat, files, broken)
        rows += check_against_wandb(args.repeat)
        rows += verdict_against_jsonschema(args.repeat)
        rows += convert_against_ruamel(args.repeat)
        rows += start_up(args.repeat, files[0])
        memory = peak_memory(files, broken)
        scale = scaling(sizes, Path(tmp))

    width = max(len(r[0]) for r in rows)
    print(f"{'measurement':<{width}}  {'ours (s)':>9}  {'peer (s)':>9}  {'best':>5}  {'median':>6}")
    for label, ours, peer, median in rows:
        print(f"{label:<{width}}  {ours:9.3f}  {peer:9.3f}  {ours / peer:5.2f}  {median:6.2f}")
    print(
        "(ours, peer: best time of the runs; best: their ratio; median: median of the ratios of "
        "runs taken back to back)"
    )
    if memory:
        width = max(len(r[0]) for r in memory)
        print(f"\n{'measurement':<{width}}  {'ours (MiB)':>10}  {'peer (MiB)':>10}  {'ratio':>5}")
        for label, mine, theirs in memory:
            print(f"{label:<{width}}  {mine:10.1f}  {theirs:10.1f}  {mine / theirs:5.2f}")
    print(f"\nscaling of `sweepspec check DIR` ({os.cpu_count()} CPUs):")
    print(f"{'files':>7}  {'wall (s)':>9}  {'ms per file':>11}  {'vs previous':>11}")
    previous = None
    for size, seconds in scale:
        per_file = seconds / size * 1000
        change = f"{per_file / previous:11.2f}" if previous else f"{'':>11}"
        print(f"{size:>7}  {seconds:9.3f}  {per_file:11.3f}  {change}")
        previous = per_file
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
