"""The cache of validated datasets: fast when warm, never stale, never in the way."""

from __future__ import annotations

import json
import os
import shutil
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


def test_validate_writes_no_cache_but_answers_from_one(data, tmp_path, monkeypatch):
    """A check (in CI, say) leaves nothing behind; after a query has cached the file, a check is instant
    and reports the same counts."""
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("LINEAGE_CACHE_DIR", str(cache_dir))
    first = runner.invoke(app, ["validate", str(data), "--json"])
    assert first.exit_code == 0, first.output
    assert not cache_dir.exists() or not list(cache_dir.iterdir())
    assert runner.invoke(app, ["ancestors", "zeta", "--data", str(data)]).exit_code == 0
    assert len(list(cache_dir.glob("*.marshal"))) == 1
    again = runner.invoke(app, ["validate", str(data), "--json"])
    assert json.loads(again.stdout) == json.loads(first.stdout)
    assert json.loads(first.stdout)["models"] == 7


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


PACKAGE = Path(cache.__file__).resolve().parent


def test_the_key_covers_every_module_of_the_package(tmp_path):
    copy = tmp_path / "llm_lineage"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "data"))
    assert [p.relative_to(copy) for p in cache.code_files(copy)] == sorted(
        p.relative_to(PACKAGE) for p in PACKAGE.rglob("*.py"))
    before = cache._code_digest(copy)
    for module in cache.code_files(copy):  # load.py, rules.py, exports/graphml.py ...
        original = module.read_bytes()
        module.write_bytes(original + b"\n# changed\n")
        cache._code_digest.cache_clear()
        assert cache._code_digest(copy) != before, f"{module.name} is not part of the cache key"
        module.write_bytes(original)
    (copy / "new_rules.py").write_text("RULE = 1\n")
    cache._code_digest.cache_clear()
    assert cache._code_digest(copy) != before


def test_the_key_covers_the_validators_versions(data, monkeypatch):
    before = cache.key(data.read_bytes(), data)
    assert "pydantic-2." in cache._validator_versions() and "pydantic_core-" in cache._validator_versions()
    monkeypatch.setattr(cache, "_validator_versions", lambda: "pydantic:pydantic-9.9.9.dist-info")
    cache._code_digest.cache_clear()
    try:
        assert cache.key(data.read_bytes(), data) != before
    finally:
        cache._code_digest.cache_clear()


def _entry(tmp_path: Path) -> Path:
    (entry,) = (tmp_path / "cache").glob("*.marshal")
    return entry


@pytest.mark.parametrize("damage", ["one byte", "truncated", "empty", "header"])
def test_a_damaged_entry_is_removed_and_the_file_validated_again(data, tmp_path, monkeypatch, damage):
    monkeypatch.setenv("LINEAGE_CACHE_DIR", str(tmp_path / "cache"))
    load_catalog(data)
    entry = _entry(tmp_path)
    raw = bytearray(entry.read_bytes())
    if damage == "one byte":  # somewhere in the records: the released date of a model, say
        raw[-40] ^= 0x01
    elif damage == "truncated":
        raw = raw[: len(raw) // 2]
    elif damage == "empty":
        raw = bytearray()
    else:
        raw[:5] = b"XXXXX"
    entry.write_bytes(bytes(raw))
    assert cache.load(data.read_bytes(), data) is None
    assert not entry.exists()
    models = {m["id"]: m for m in load_catalog(data).models}
    assert models["alpha"]["released"] == "2019-03" and len(models) == 7


def test_an_entry_copied_over_another_key_is_not_trusted(tmp_path, monkeypatch):
    monkeypatch.setenv("LINEAGE_CACHE_DIR", str(tmp_path / "cache"))
    small, other = tmp_path / "small.json", tmp_path / "other.json"
    small.write_text(SMALL.read_text())
    doc = json.loads(SMALL.read_text())
    doc["models"] = doc["models"][:1]
    other.write_text(json.dumps(doc))
    load_catalog(small)
    (small_entry,) = (tmp_path / "cache").glob("*.marshal")
    load_catalog(other)
    other_entry = next(p for p in (tmp_path / "cache").glob("*.marshal") if p != small_entry)
    other_entry.write_bytes(small_entry.read_bytes())
    assert len(load_catalog(other).models) == 1


def test_a_well_checksummed_entry_of_the_wrong_shape_is_not_trusted(data, tmp_path, monkeypatch):
    monkeypatch.setenv("LINEAGE_CACHE_DIR", str(tmp_path / "cache"))
    cache.store(data.read_bytes(), data, {"version": None, "ids": ["a"], "nodes": [], "order": [], "edges": []})
    assert cache.load(data.read_bytes(), data) is None
    assert len(load_catalog(data).models) == 7


def test_temporary_files_of_interrupted_writes_are_pruned(data, tmp_path, monkeypatch):
    monkeypatch.setenv("LINEAGE_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    old, recent = tmp_path / "cache" / "old.tmp", tmp_path / "cache" / "recent.tmp"
    old.write_bytes(b"half")
    recent.write_bytes(b"half")
    os.utime(old, (0, 0))
    load_catalog(data)
    assert not old.exists()
    assert recent.exists()  # it may belong to a write still under way
