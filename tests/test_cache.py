"""The cache of validated datasets: fast when warm, never stale, never in the way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from llm_lineage import cache
from llm_lineage.cli import app
from llm_lineage.errors import DatasetError
from llm_lineage.load import load_catalog

SMALL = Path(__file__).parent / "data" / "valid" / "small.json"
runner = CliRunner()

PROBE = """
import sys
from llm_lineage.cli import app
try:
    app(["ancestors", "zeta", "--data", sys.argv[1]], prog_name="lineage")
except SystemExit as exc:
    assert exc.code == 0, exc.code
print(",".join(m for m in ("pydantic", "networkx", "pyvis") if m in sys.modules), file=sys.stderr)
"""


def probe(data: Path, cache_dir: Path) -> str:
    env = {**os.environ, "LINEAGE_CACHE_DIR": str(cache_dir)}
    result = subprocess.run([sys.executable, "-c", PROBE, str(data)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert "Ancestors of Zeta: 5" in result.stdout
    return result.stderr.strip()


@pytest.fixture()
def data(tmp_path):
    path = tmp_path / "models.json"
    path.write_text(SMALL.read_text())
    return path


def test_a_warm_query_imports_neither_pydantic_nor_networkx(data, tmp_path):
    assert "pydantic" in probe(data, tmp_path / "cache")  # first time: validated
    assert probe(data, tmp_path / "cache") == ""  # then: from the cache, light graph only


def test_a_changed_file_is_validated_again(data, tmp_path, monkeypatch):
    monkeypatch.setenv("LINEAGE_CACHE_DIR", str(tmp_path / "cache"))
    assert len(load_catalog(data).models) == 7
    doc = json.loads(data.read_text())
    doc["models"][1]["derived_from"][0]["model"] = "alfa"
    data.write_text(json.dumps(doc))
    with pytest.raises(DatasetError, match="unknown model 'alfa'"):
        load_catalog(data)


def test_one_file_never_answers_for_another(tmp_path, monkeypatch):
    monkeypatch.setenv("LINEAGE_CACHE_DIR", str(tmp_path / "cache"))
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(SMALL.read_text())
    b.write_text(SMALL.read_text())
    assert cache.key(a.read_bytes(), a) != cache.key(b.read_bytes(), b)
    load_catalog(a)
    load_catalog(b)
    assert len(list((tmp_path / "cache").glob("*.marshal"))) == 2


def test_a_damaged_entry_is_ignored(data, tmp_path, monkeypatch):
    monkeypatch.setenv("LINEAGE_CACHE_DIR", str(tmp_path / "cache"))
    load_catalog(data)
    (entry,) = (tmp_path / "cache").glob("*.marshal")
    entry.write_bytes(b"\x00garbage")
    assert len(load_catalog(data).models) == 7


def test_an_unusable_cache_folder_changes_nothing(data, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("LINEAGE_CACHE_DIR", str(blocker / "cache"))
    result = runner.invoke(app, ["stats", "--data", str(data)])
    assert result.exit_code == 0 and result.stderr == ""


def test_the_cache_can_be_turned_off(data, tmp_path, monkeypatch):
    monkeypatch.setenv("LINEAGE_CACHE_DIR", "")
    assert cache.folder() is None
    assert len(load_catalog(data).models) == 7


def test_old_entries_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("LINEAGE_CACHE_DIR", str(tmp_path / "cache"))
    for i in range(cache.KEEP + 5):
        cache.store(f"{i}".encode(), tmp_path / f"{i}.json", {"version": None, "models": []})
    assert len(list((tmp_path / "cache").glob("*.marshal"))) == cache.KEEP


def test_new_validation_rules_are_never_answered_from_an_old_entry(data, tmp_path, monkeypatch):
    monkeypatch.setenv("LINEAGE_CACHE_DIR", str(tmp_path / "cache"))
    before = cache.key(data.read_bytes(), data)
    monkeypatch.setattr(cache, "_rules_digest", lambda: b"other rules")
    assert cache.key(data.read_bytes(), data) != before
