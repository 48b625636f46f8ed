"""Broken and hostile input: every command refuses it clearly, and nothing is ever lost.

The matrix runs every command on every file of tests/data/invalid/ and checks
the exit code, the ``Error:`` line naming the file, entry and field, and that
no output file appeared.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from llm_lineage.cli import app

DATA = Path(__file__).parent / "data"
INVALID = sorted((DATA / "invalid").glob("*.json"))
SMALL = DATA / "valid" / "small.json"
SAMPLE = DATA / "epoch_sample.csv"
runner = CliRunner()

COMMANDS = {
    "show": ["show", "llama"],
    "ancestors": ["ancestors", "llama"],
    "descendants": ["descendants", "llama"],
    "path": ["path", "llama", "vicuna"],
    "common": ["common", "llama", "vicuna"],
    "tree": ["tree", "llama"],
    "list": ["list"],
    "search": ["search", "llama"],
    "stats": ["stats"],
    "validate": ["validate"],
    "crosscheck": ["crosscheck", "--epoch", str(SAMPLE)],
    "export": ["export", "graphml", "-o", "{out}/lineage.graphml"],
    "html": ["html", "-o", "{out}/lineage.html"],
    "publish": ["publish", "--dir", "{out}/graph"],
}


def expected(case: Path) -> list[str]:
    return [line for line in case.with_suffix(".expected").read_text().splitlines() if line]


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", INVALID, ids=[c.stem for c in INVALID])
def test_every_command_refuses_every_broken_file(command, case, tmp_path):
    out = tmp_path / "out"
    args = [a.replace("{out}", str(out)) for a in COMMANDS[command]]
    result = runner.invoke(app, [*args, "--data", str(case)])
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {case}")
    for fragment in expected(case):
        assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists(), "an output appeared although the data was refused"


# File system faults: exit 1 with a clear message, never typer's usage exit 2.

def test_a_folder_given_as_the_dataset(tmp_path):
    result = runner.invoke(app, ["list", "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path}: is a folder, not a dataset file\n"


def test_an_unreadable_dataset(tmp_path, monkeypatch):
    data = tmp_path / "models.json"
    data.write_text(SMALL.read_text())
    if os.geteuid() != 0:  # a real permission problem where we can make one
        data.chmod(0)
    else:  # root reads everything: make open() fail as it would for a user
        def deny(path, *args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))

        monkeypatch.setattr("llm_lineage.jsonfile.open", deny, raising=False)
    result = runner.invoke(app, ["stats", "--data", str(data)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {data}: cannot be read (permission denied)\n"


def test_an_output_folder_that_cannot_be_created(tmp_path):
    (tmp_path / "taken").write_text("a file, not a folder")
    result = runner.invoke(app, ["html", "-o", str(tmp_path / "taken" / "page.html"), "--data", str(SMALL)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 'taken'}: cannot create the folder")


@pytest.mark.parametrize(("code", "text"), [(errno.ENOSPC, "No space left on device"), (errno.EROFS, "Read-only file system"),
                                            (errno.EACCES, "Permission denied")])
def test_a_full_or_read_only_destination(tmp_path, monkeypatch, code, text):
    out = tmp_path / "lineage.graphml"
    out.write_text("previous")

    def fail(*args, **kwargs):
        raise OSError(code, text)

    monkeypatch.setattr("llm_lineage.output.os.fsync", fail)
    result = runner.invoke(app, ["export", "graphml", "-o", str(out), "--data", str(SMALL)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out}: cannot write ({text})\n"
    assert out.read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lineage.graphml"]


def test_ctrl_c_while_writing_leaves_nothing_and_exits_130(tmp_path, monkeypatch):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("llm_lineage.output.os.fsync", interrupt)
    result = runner.invoke(app, ["export", "json", "-o", str(tmp_path / "lineage.json"), "--data", str(SMALL)])
    assert result.exit_code == 130
    assert result.output == ""
    assert list(tmp_path.iterdir()) == []


def _chain(n: int) -> dict:
    models = []
    for i in range(n):
        entry = {"id": f"m{i}", "name": f"M{i}", "organization": ["Lab"], "released": "2020",
                 "parameters": None, "objective": "LM", "architecture": "decoder-only", "open_weights": True,
                 "description": "A model.", "sources": ["https://example.org/m"]}
        if i:
            entry["derived_from"] = [{"model": f"m{i - 1}", "relation": "fine-tuned", "source": "https://example.org/m"}]
        models.append(entry)
    return {"models": models}


# A real signal, sent by the process to itself at a chosen moment: while a module
# is imported, or in the middle of writing a file. A sitecustomize module on
# PYTHONPATH places it, so no test hook lives in the product.
SITECUSTOMIZE = """
import importlib.abc, importlib.util, os, signal, sys
WHEN, SIG = os.environ["INTERRUPT_WHEN"], getattr(signal, os.environ["INTERRUPT_SIGNAL"])

def fire():
    os.kill(os.getpid(), SIG)

class Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if WHEN == "import " + name:
            fire()
        if WHEN == "writing" and name == "llm_lineage.output":
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            loader = spec.loader
            class Loader(importlib.abc.Loader):
                def create_module(self, spec):
                    return loader.create_module(spec)
                def exec_module(self, module):
                    loader.exec_module(module)
                    real = module.write_all
                    def write_all(files):
                        def pieces(data):
                            yield data if isinstance(data, bytes) else next(iter(data))
                            fire()
                            yield b"never written"
                        return real({path: pieces(data) for path, data in files.items()})
                    module.write_all = write_all
            spec.loader = Loader()
            return spec
        return None

sys.meta_path.insert(0, Finder())
"""

MOMENTS = ["import typer", "import pydantic", "import llm_lineage.rules", "import llm_lineage.exports.graphml",
           "writing"]


@pytest.mark.parametrize("moment", MOMENTS)
@pytest.mark.parametrize(("sig", "code"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_an_interrupt_at_any_moment_is_quiet_and_leaves_no_file(tmp_path, moment, sig, code):
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(SITECUSTOMIZE)
    out = tmp_path / "out"
    out.mkdir()
    (out / "g.graphml").write_text("the previous export")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "hook"), "INTERRUPT_WHEN": moment, "INTERRUPT_SIGNAL": sig,
           "LINEAGE_CACHE_DIR": ""}
    result = subprocess.run([sys.executable, "-m", "llm_lineage", "export", "graphml", "-o", str(out / "g.graphml"),
                             "--data", str(SMALL)], capture_output=True, text=True, env=env, timeout=60)
    assert (result.returncode, result.stderr, result.stdout) == (code, "", "")
    assert sorted(p.name for p in out.iterdir()) == ["g.graphml"]  # no temporary file left
    assert (out / "g.graphml").read_text() == "the previous export"


def test_the_lineage_script_is_the_interrupt_safe_entry_point():
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "lineage"]
    assert script.value == "llm_lineage.__main__:main"


@pytest.mark.parametrize("args", [["list"], ["export", "json", "-o", "-"], ["show", "vicuna", "--json"]])
def test_a_full_disk_on_standard_output_is_one_error_line(args):
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "llm_lineage", *args, "--data", str(DATA / "valid" / "small.json")]
                                if args[0] != "show" else [sys.executable, "-m", "llm_lineage", "show", "alpha",
                                                           "--json", "--data", str(SMALL)],
                                stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr == "Error: cannot write the output (No space left on device)\n"


def test_text_the_terminal_cannot_encode_is_escaped(tmp_path):
    doc = json.loads(SMALL.read_text())
    doc["models"][0]["aliases"] = ["알파"]
    data = tmp_path / "ko.json"
    data.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "LINEAGE_CACHE_DIR": ""}
    result = subprocess.run([sys.executable, "-m", "llm_lineage", "show", "alpha", "--data", str(data)],
                            capture_output=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert b"aliases:      \\uc54c\\ud30c\n" in result.stdout


# Big and deep files

def test_a_50_megabyte_file_is_refused_quickly_and_clearly(tmp_path):
    doc = json.loads(SMALL.read_text())
    doc["models"][0]["description"] = "x" * 50_000_000
    big = tmp_path / "big.json"
    big.write_text(json.dumps(doc))
    assert big.stat().st_size > 50_000_000
    start = time.perf_counter()
    result = runner.invoke(app, ["validate", str(big)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {big}: entry 'alpha', description: must have at most 1000 characters\n"
    assert time.perf_counter() - start < 30


def test_deeply_nested_json_is_an_error_not_a_crash(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text('{"models": ' + "[" * 200_000 + "]" * 200_000 + "}")
    result = runner.invoke(app, ["validate", str(deep)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {deep}: invalid JSON: nested too deeply\n"


def test_a_huge_number_is_refused_not_rounded(tmp_path):
    doc = json.loads(SMALL.read_text())
    doc["models"][0]["parameters"] = [10**400]
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(doc))
    result = runner.invoke(app, ["validate", str(path)])  # no model has 10^400 parameters
    assert result.exit_code == 1
    assert "entry 'alpha', parameters[0]: 10000000...(401 digits) is too large" in result.stderr
    path.write_text(json.dumps(doc).replace("1" + "0" * 400, "1e400"))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "entry 'alpha', parameters[0]: 1e400 is not allowed: JSON numbers must be finite" in result.stderr


def test_publish_outside_the_repository_creates_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["publish", "--data", str(SMALL)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: graph: no such folder here")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["export", "json", "-o", "{data}"], ["html", "-o", "{data}"],
                                     ["export", "graphml", "-o", "{data}"], ["export", "csv", "-o", "{folder}"],
                                     ["publish", "--dir", "{folder}"]])
def test_no_command_writes_over_the_dataset_it_reads(tmp_path, command):
    data = tmp_path / "models.json"
    data.write_text(SMALL.read_text())
    if command[-1] == "{folder}":
        name = "nodes.csv" if command[0] == "export" else "lineage.json"
        data = tmp_path / name
        data.write_text(SMALL.read_text())
    before = data.read_bytes()
    args = [a.replace("{data}", str(data)).replace("{folder}", str(tmp_path)) for a in command]
    for how in ("option", "environment"):
        if how == "option":
            result = runner.invoke(app, [*args, "--data", str(data)])
        else:
            result = runner.invoke(app, args, env={"LINEAGE_DATA": str(data)})
        assert result.exit_code == 1, result.output
        assert "is a dataset file this command reads; it is never overwritten" in result.stderr
        assert data.read_bytes() == before
