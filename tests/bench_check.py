"""Benchmark: `sweepspec check` against check-jsonschema and a bare ruamel.yaml load.

Run: python tests/bench_check.py [--files N] [--repeat R]

Everything is measured in this one run, on the same generated files and the same schema, and
printed as ratios; absolute times depend on the machine. Peers:
- check-jsonschema validating the files against schema/sweepspec-1.schema.json (wall time of the
  command, 1 file and N files);
- a bare ruamel.yaml round-trip load of the same files (in-process cost per file).
"""

from __future__ import annotations

import argparse
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


def make_files(directory: Path, count: int) -> list[Path]:
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
    """Run both alternately, so that a slow spell of the machine hits both; return the best
    time of each and the median of the per-pair ratios."""
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


def command(*args: str) -> Callable[[], object]:
    def run() -> object:
        result = subprocess.run(args, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SystemExit(f"{args[0]} failed:\n{result.stdout[:2000]}\n{result.stderr[:2000]}")
        return result

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    sweepspec_cli = shutil.which("sweepspec") or str(Path(sys.executable).with_name("sweepspec"))
    peer_cli = shutil.which("check-jsonschema") or str(
        Path(sys.executable).with_name("check-jsonschema")
    )
    if not Path(peer_cli).exists():
        print("check-jsonschema is not installed: pip install 'sweepspec[bench]'")
        return 2

    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(Path(tmp), args.files)
        names = [str(f) for f in files]
        rows = []
        for label, subset in (("1 file", names[:1]), (f"{len(names)} files", names)):
            rows.append(
                (
                    f"check, {label}: sweepspec / check-jsonschema",
                    *paired(
                        args.repeat,
                        command(sweepspec_cli, "check", "-q", *subset),
                        command(peer_cli, "--schemafile", str(SCHEMA), *subset),
                    ),
                )
            )

        from ruamel.yaml import YAML

        import sweepspec

        texts = [f.read_bytes() for f in files]

        def bare_load() -> None:
            for raw in texts:
                YAML(typ="rt").load(raw.decode("utf-8"))

        def our_check() -> None:
            for raw, name in zip(texts, names, strict=True):
                sweepspec.check_document(sweepspec.load_bytes(raw, name, comments=False))

        our_check()  # warm the schema and validator caches, as the first file of a run does
        rows.append(
            (
                f"in-process, {len(names)} files: check / bare ruamel rt load",
                *paired(args.repeat, our_check, bare_load),
            )
        )

    width = max(len(r[0]) for r in rows)
    print(f"{'measurement':<{width}}  {'ours (s)':>9}  {'peer (s)':>9}  {'best':>5}  {'median':>6}")
    for label, ours, peer, median in rows:
        print(f"{label:<{width}}  {ours:9.3f}  {peer:9.3f}  {ours / peer:5.2f}  {median:6.2f}")
    print(
        "(ours and peer: best time of the runs; best: their ratio; median: median of the "
        "ratios of runs taken back to back)"
    )
    print(
        f"sweepspec in-process: {rows[-1][1] / args.files * 1000:.2f} ms per file; "
        f"{os.cpu_count()} CPUs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
