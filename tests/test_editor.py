"""The schema in a real editor: yaml-language-server (the server of VS Code's YAML extension,
Neovim's yamlls, ...) driven over the Language Server Protocol on fixture files, as an editor
drives it: the errors it reports, what a hover shows, what completion offers."""

from __future__ import annotations

import json
import queue
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

SCHEMA = ROOT / "schema" / "sweepspec-1.schema.json"
VERSION = "yaml-language-server@1"


@pytest.fixture(scope="session")
def server_js(tmp_path_factory: pytest.TempPathFactory) -> Path:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are needed to run yaml-language-server")
    where = tmp_path_factory.mktemp("yls")
    done = subprocess.run(
        [npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(where), VERSION],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    script = where / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
    if done.returncode != 0 or not script.exists():
        pytest.skip(f"cannot install {VERSION}: {done.stderr.strip()[-400:]}")
    return script


class Client:
    """A minimal LSP client: JSON-RPC messages framed by Content-Length over the server's
    standard input and output."""

    def __init__(self, script: Path, root: Path) -> None:
        self.process = subprocess.Popen(
            [shutil.which("node") or "node", str(script), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "capabilities": {
                    "textDocument": {
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "completion": {"completionItem": {"snippetSupport": True}},
                    }
                },
            },
        )
        self.settings: dict[str, Any] = {
            # what a user's editor settings say (docs/examples/start/vscode-settings.json)
            "yaml": {
                "schemas": {SCHEMA.as_uri(): ["*.sweep.yaml"]},
                "schemaStore": {"enable": False},
                "validate": True,
                "hover": True,
                "completion": True,
            }
        }
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        try:
            while True:
                header = b""
                while not header.endswith(b"\r\n\r\n"):
                    byte = stream.read(1)
                    if not byte:
                        return
                    header += byte
                length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
                self.messages.put(json.loads(stream.read(length)))
        except (OSError, ValueError):  # the server was stopped mid-message
            return

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)["result"]

    def wait(self, wanted: Any, timeout: float = 60) -> dict[str, Any]:
        while True:
            message = self.messages.get(timeout=timeout)
            if "method" in message and "id" in message:  # a request of the server's
                result = None
                if message["method"] == "workspace/configuration":
                    items = message["params"]["items"]
                    result = [self.settings.get(i.get("section"), {}) for i in items]
                self._send({"id": message["id"], "result": result})
                continue
            if wanted(message):
                return message

    def open(self, path: Path) -> list[dict[str, Any]]:
        """Open a file; the diagnostics the server publishes for it."""
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": "yaml",
                    "version": 1,
                    "text": path.read_text(),
                }
            },
        )
        found = self.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            )
        )
        return list(found["params"]["diagnostics"])

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


@pytest.fixture
def client(server_js: Path, tmp_path: Path) -> Iterator[Client]:
    editor = Client(server_js, tmp_path)
    yield editor
    editor.close()


BAD = """\
sweepspec: 1
metric: val_loss
mode: minimize
num_sample: 20
search_alg: {type: hyperop}
param_space:
  lr: {loguniform: [0.0001, 0.1]}
  depth: {randint: [2]}
"""


def _example(name: str) -> str:
    """A bundled spec, without its modeline (which names the schema by a path relative to
    the examples folder): the editor's settings map the schema here, as a user's do."""
    text = (ROOT / "docs" / "examples" / "spec" / name).read_text()
    return "".join(line for line in text.splitlines(keepends=True) if "$schema=" not in line)


def _lines(found: list[dict[str, Any]]) -> dict[int, str]:
    return {d["range"]["start"]["line"] + 1: d["message"] for d in found}


@pytest.mark.tool
def test_the_editor_reports_the_schemas_errors_at_their_lines(
    client: Client, tmp_path: Path
) -> None:
    path = tmp_path / "bad.sweep.yaml"
    path.write_text(BAD)
    found = _lines(client.open(path))
    assert "min" in found[3] and "max" in found[3]  # `mode` must be min or max
    assert 4 in found  # the unknown key `num_sample`
    assert 5 in found  # `hyperop` is no search algorithm
    assert 8 in found  # randint takes two arguments
    assert 7 not in found and 2 not in found
    good = tmp_path / "good.sweep.yaml"
    good.write_text(_example("seed.yaml"))
    assert client.open(good) == []


def _hover(client: Client, path: Path, line: int, character: int) -> str:
    result = client.request(
        "textDocument/hover",
        {
            "textDocument": {"uri": path.as_uri()},
            "position": {"line": line, "character": character},
        },
    )
    assert result is not None
    contents = result["contents"]
    text = contents["value"] if isinstance(contents, dict) else str(contents)
    return text.replace("\\_", "_")  # Markdown's escaped underscores, as an editor shows them


@pytest.mark.tool
def test_a_hover_is_headed_by_the_key_under_the_cursor(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "seed.sweep.yaml"
    text = _example("search-hyperopt.yaml")
    path.write_text(text)
    client.open(path)
    lines = text.splitlines()

    def at(key: str) -> str:
        number = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        return _hover(client, path, number, 1)

    metric = at("metric")
    assert "metric" in metric and "The reported result to optimise" in metric
    assert "sweepspec v1" not in metric
    search = at("search_alg")
    assert search.startswith("#### search_alg\n"), search
    assert "The search algorithm: HyperOpt (TPE)" in search
    space = at("param_space")
    assert "param_space" in space and "The search space" in space
    # every top-level key of the file: a hover headed by it, with the schema's description
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    keys = [line.split(":")[0] for line in lines if re.match(r"[a-z_]+:", line)]
    assert len(keys) >= 6
    for key in keys:
        shown = at(key)
        assert shown.startswith(f"#### {key}\n"), (key, shown)
        if key not in ("search_alg", "scheduler"):  # those show the component chosen
            first = schema["properties"][key]["description"].split(".")[0]
            assert first in shown, (key, shown)
    # and a parameter's distribution: its own title and description
    number = next(i for i, line in enumerate(lines) if "loguniform" in line)
    column = lines[number].index("loguniform") + 2
    dist = _hover(client, path, number, column)
    assert "loguniform" in dist and "log" in dist.lower(), dist


@pytest.mark.tool
def test_completion_offers_the_keys_and_every_distribution(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "new.sweep.yaml"
    path.write_text("sweepspec: 1\n\nparam_space:\n  lr: \n")
    client.open(path)

    def labels(line: int, character: int) -> set[str]:
        result = client.request(
            "textDocument/completion",
            {
                "textDocument": {"uri": path.as_uri()},
                "position": {"line": line, "character": character},
            },
        )
        items = result["items"] if isinstance(result, dict) else result
        return {item["label"] for item in items}

    top = labels(1, 0)
    assert {"metric", "mode", "search_alg", "scheduler", "num_samples"} <= top
    from sweepspec.vocabulary import DISTRIBUTIONS

    names = {d.name for d in DISTRIBUTIONS if d.kind != "group"}
    assert names <= labels(3, 6)
    # inside `search_alg:` and `scheduler:`, every component of the vocabulary, as a snippet
    from sweepspec.vocabulary import SCHEDULERS, SEARCH_ALGORITHMS

    path.write_text("sweepspec: 1\nsearch_alg:\n  \nscheduler:\n  \nparam_space: {}\n")
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": path.as_uri(), "version": 2},
            "contentChanges": [{"text": path.read_text()}],
        },
    )
    assert {c.type for c in SEARCH_ALGORITHMS} <= labels(2, 2)
    assert {c.type for c in SCHEDULERS} <= labels(4, 2)
    # an empty file: the "New sweep" snippet
    path.write_text("")
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": path.as_uri(), "version": 3}, "contentChanges": [{"text": ""}]},
    )
    assert "New sweep" in labels(0, 0)
