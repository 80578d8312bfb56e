"""`sweepspec run --address` on a real two-node Ray cluster started on this machine.

The cluster is Ray's own (`ray.cluster_utils.Cluster`: a head and a worker node, each a set of
Ray processes with one CPU of its own); the sweep runs from the command line in a separate
process, as a user runs it, and each trial reports the node it ran on. Only the cluster this
test started is stopped.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import need, write

pytestmark = pytest.mark.engine

TRAINABLE = """\
import time

import ray


def where(config):
    time.sleep(1.5)  # long enough that both nodes take trials
    return {"loss": config["x"], "node": ray.get_runtime_context().get_node_id()}
"""

SPEC = """\
sweepspec: 1
program: nodes:where
metric: loss
mode: min
num_samples: 6
param_space:
  x: {uniform: [0, 1]}
"""


def test_a_sweep_runs_on_both_nodes_of_a_cluster(tmp_path: Path) -> None:
    need("ray.tune")
    from ray.cluster_utils import Cluster

    write(tmp_path, "nodes.py", TRAINABLE)
    spec = write(tmp_path, "sweep.yaml", SPEC)
    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1})
    try:
        cluster.add_node(num_cpus=1)
        cluster.wait_for_nodes()
        command = [sys.executable, "-m", "sweepspec", "run", str(spec)]
        done = subprocess.run(
            [*command, "--address", cluster.address, "--storage", str(tmp_path / "results")],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        cluster.shutdown()
    assert done.returncode == 0, done.stderr[-2000:]
    assert "6 trials with ray" in done.stdout
    nodes = {
        json.loads(line)["node"]
        for result in (tmp_path / "results").glob("*/*/result.json")
        for line in result.read_text().splitlines()
    }
    assert len(nodes) == 2, nodes


def test_an_unreachable_cluster_is_a_clear_error_not_a_hang(tmp_path: Path) -> None:
    need("ray.tune")
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    write(tmp_path, "nodes.py", TRAINABLE)
    spec = write(tmp_path, "sweep.yaml", SPEC)
    command = [sys.executable, "-m", "sweepspec", "run", str(spec)]
    done = subprocess.run(
        [*command, "--address", f"127.0.0.1:{port}", "--connect-timeout", "2"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert f"cannot reach the Ray cluster at 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
