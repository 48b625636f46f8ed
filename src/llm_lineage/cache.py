"""A cache of validated datasets, so that a query does not validate the same file twice.

An entry is keyed by the file's content (SHA-256), its resolved path, the
source of the modules that validate it, and the Python version: when the file
or the rules change it is a new key, so a stale answer is impossible, and one
file's entry never answers for another. Entries hold the resolved records in ``marshal`` format (plain data,
no code), compactly: the ids, one small marshal blob per model (decoded only
when a model is looked at) and a flat list of edges, so that a million-model
dataset loads in seconds. The cache is an optimisation only: any problem reading or writing it
falls back to validating the file, silently.

Location: ``$LINEAGE_CACHE_DIR``, else ``$XDG_CACHE_HOME/llm-lineage``, else
``~/.cache/llm-lineage``. ``LINEAGE_CACHE_DIR=""`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

KEEP = 16  # entries kept; older ones are removed when a new one is written
FORMAT = 3  # bump when the shape of an entry changes


def folder() -> Path | None:
    configured = os.environ.get("LINEAGE_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "llm-lineage"


RULES = ("schema.py", "load.py", "vocabulary.py", "names.py", "cache.py")


def _rules_digest() -> bytes:
    """What the validation code is: a change to any of these modules changes every key."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in RULES:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.digest()


def key(data: bytes, path: Path) -> str:
    digest = hashlib.sha256(data)
    digest.update(b"\0" + os.fsencode(os.path.abspath(path)))
    digest.update(_rules_digest())
    digest.update(f"\0{FORMAT}\0{sys.version_info[:2]}\0{marshal.version}".encode())
    return digest.hexdigest()


def load(data: bytes, path: Path) -> dict[str, Any] | None:
    """The cached value for this content and path, or None."""
    where = folder()
    if where is None:
        return None
    entry = where / f"{key(data, path)}.marshal"
    try:
        with open(entry, "rb") as handle:
            value = marshal.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, EOFError, ValueError, TypeError):
        with contextlib.suppress(OSError):
            entry.unlink()
        return None
    return value if isinstance(value, dict) and value.get("format") == FORMAT else None


def store(data: bytes, path: Path, value: dict[str, Any]) -> None:
    """Remember ``value`` for this content and path; never raises."""
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=where, suffix=".tmp", delete=False) as handle:
            marshal.dump({**value, "format": FORMAT}, handle)
        os.replace(handle.name, where / f"{key(data, path)}.marshal")
        entries = sorted(where.glob("*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink()
    except (OSError, ValueError):
        with contextlib.suppress(OSError, UnboundLocalError, NameError):
            os.unlink(handle.name)


def compact(version: str | None, records: list[dict[str, Any]]) -> dict[str, Any]:
    """The cache form of validated records."""
    ids = [r["id"] for r in records]
    position = {mid: i for i, mid in enumerate(ids)}
    blobs = [marshal.dumps({k: v for k, v in r.items() if k != "id" and k != "derived_from"}) for r in records]
    edges = [(position[d["model"]], i, d["relation"], d.get("note"), d["source"])
             for i, r in enumerate(records) for d in r["derived_from"]]
    order = [(r["released"], r["name"]) for r in records]
    return {"version": version, "ids": ids, "nodes": blobs, "order": order, "edges": edges}


def records(value: dict[str, Any]) -> list[dict[str, Any]]:
    """Validated records back from their cache form."""
    ids = value["ids"]
    out = [{"id": mid, **marshal.loads(blob), "derived_from": []} for mid, blob in zip(ids, value["nodes"])]
    for parent, child, relation, note, source in value["edges"]:
        out[child]["derived_from"].append({"model": ids[parent], "relation": relation, "note": note, "source": source})
    return out
