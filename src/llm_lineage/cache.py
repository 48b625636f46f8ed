"""A cache of validated datasets, so that a query does not validate the same file twice.

An entry is keyed by the file's content (SHA-256), its resolved path, the
source of every module of this package, the versions of pydantic and
pydantic-core that validated it, and the Python version: when the file or the
rules change it is a new key, so a stale answer is impossible, and one file's
entry never answers for another. An entry also lists the files the dataset
extends, with their hashes; it answers only while they are unchanged.

Entries hold the resolved records in ``marshal`` format (plain data, no code),
compactly: the ids, one small marshal blob per model (decoded only when a
model is looked at) and a flat list of edges, so that a million-model dataset
loads in seconds. An entry is checked before it is trusted: its own key and a
SHA-256 of its contents are stored in it, and the shape of what it holds is
verified; a damaged, truncated or misplaced entry is removed and the file is
validated again. Temporary files left by an interrupted write are pruned. The
cache is an optimisation only: any problem reading or writing it falls back to
validating the file, silently.

Location: ``$LINEAGE_CACHE_DIR``, else ``$XDG_CACHE_HOME/llm-lineage``, else
``~/.cache/llm-lineage``. ``LINEAGE_CACHE_DIR=""`` turns it off.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["folder", "key", "load", "store", "compact", "records", "code_files", "KEEP", "FORMAT"]

KEEP = 16  # entries kept; older ones are removed when a new one is written
FORMAT = 5  # bump when the shape of an entry changes
MAGIC = b"llm-lineage cache\n"
STALE_TMP_SECONDS = 600  # a temporary file this old belongs to a write that was interrupted
VALIDATORS = ("pydantic", "pydantic_core")
_PACKAGE = Path(__file__).resolve().parent


def folder() -> Path | None:
    configured = os.environ.get("LINEAGE_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "llm-lineage"


def code_files(package: Path = _PACKAGE) -> list[Path]:
    """Every module of the package: all of them take part in what a validated dataset is."""
    return sorted(package.rglob("*.py"))


def _validator_versions() -> str:
    """The installed versions of pydantic and pydantic-core, read from their metadata folders.

    Looking at the folder names costs a directory listing; ``importlib.metadata``
    would cost more than a whole warm query.
    """
    import importlib.util

    found = []
    for name in VALIDATORS:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.origin:
            found.append(f"{name}:missing")
            continue
        site = Path(spec.origin).parent.parent
        prefixes = (f"{name}-", f"{name.replace('_', '-')}-")
        try:
            infos = sorted(e for e in os.listdir(site) if e.endswith(".dist-info") and e.startswith(prefixes))
        except OSError:
            infos = []
        found.append(f"{name}:{','.join(infos) or Path(spec.origin).stat().st_mtime_ns}")
    return ";".join(found)


@functools.cache
def _code_digest(package: Path = _PACKAGE) -> bytes:
    """What the validating code is: the package's modules and the validator versions."""
    digest = hashlib.sha256()
    for file in code_files(package):
        digest.update(str(file.relative_to(package)).encode() + b"\0")
        try:
            digest.update(file.read_bytes())
        except OSError:
            digest.update(b"unreadable")
    digest.update(_validator_versions().encode())
    digest.update(f"\0{FORMAT}\0{sys.version_info[:2]}\0{marshal.version}".encode())
    return digest.digest()


def key(data: bytes, path: Path) -> str:
    digest = hashlib.sha256(data)
    digest.update(b"\0" + os.fsencode(os.path.abspath(path)))
    digest.update(_code_digest())
    return digest.hexdigest()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _well_formed(value: Any) -> bool:
    """Whether a decoded entry has the shape :func:`compact` gives (the checksum vouches for the bytes)."""
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        return False
    ids, nodes, order, edges = (value.get(k) for k in ("ids", "nodes", "order", "edges"))
    if not (isinstance(ids, list) and isinstance(nodes, list) and isinstance(order, list) and isinstance(edges, list)):
        return False
    n = len(ids)
    if len(nodes) != n or len(order) != n or not all(type(b) is bytes for b in nodes):
        return False
    if not all(type(i) is str for i in ids) or len(set(ids)) != n:
        return False
    return all(type(e) is tuple and len(e) == 6 and type(e[0]) is int and type(e[1]) is int
               and 0 <= e[0] < n and 0 <= e[1] < n for e in edges)


def _dependencies_unchanged(value: dict[str, Any]) -> bool:
    for dep_path, dep_sha in value.get("depends", []):
        try:
            with open(dep_path, "rb") as handle:
                if _sha(handle.read()) != dep_sha:
                    return False
        except OSError:
            return False
    return True


def load(data: bytes, path: Path) -> dict[str, Any] | None:
    """The cached value for this content and path, or None (a damaged entry is removed)."""
    where = folder()
    if where is None:
        return None
    entry_key = key(data, path)
    entry = where / f"{entry_key}.marshal"
    try:
        with open(entry, "rb") as handle:
            raw = handle.read()
    except OSError:
        return None
    head = len(MAGIC)
    stored_key, checksum, payload = raw[head:head + 64], raw[head + 64:head + 128], raw[head + 128:]
    try:
        ok = (raw.startswith(MAGIC) and stored_key == entry_key.encode()
              and checksum == _sha(payload).encode())
        value = marshal.loads(payload) if ok else None
        ok = ok and _well_formed(value)
    except (EOFError, ValueError, TypeError):
        ok = False
    if not ok:
        with contextlib.suppress(OSError):
            entry.unlink()
        return None
    return value if _dependencies_unchanged(value) else None


def _prune(where: Path) -> None:
    entries = sorted(where.glob("*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
    now = time.time()
    for tmp in where.glob("*.tmp"):
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime > STALE_TMP_SECONDS:
                tmp.unlink()


def store(data: bytes, path: Path, value: dict[str, Any], depends: Iterable[tuple[str, bytes]] = ()) -> None:
    """Remember ``value`` for this content and path; never raises.

    ``depends`` lists ``(path, content)`` of the other files the value was
    built from: the entry answers only while they are unchanged.
    """
    where = folder()
    if where is None:
        return
    handle = None
    try:
        where.mkdir(parents=True, exist_ok=True)
        entry_key = key(data, path)
        payload = marshal.dumps({**value, "format": FORMAT,
                                 "depends": [(os.path.abspath(p), _sha(d)) for p, d in depends]})
        with tempfile.NamedTemporaryFile(dir=where, suffix=".tmp", delete=False) as handle:
            handle.write(MAGIC + entry_key.encode() + _sha(payload).encode() + payload)
        os.replace(handle.name, where / f"{entry_key}.marshal")
        handle = None
        _prune(where)
    except (OSError, ValueError):
        pass
    finally:
        if handle is not None:
            with contextlib.suppress(OSError):
                os.unlink(handle.name)


def compact(version: str | None, records: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """The cache form of validated records; ``extra`` holds dataset-wide values (``as_of``, concepts)."""
    ids = [r["id"] for r in records]
    position = {mid: i for i, mid in enumerate(ids)}
    blobs = []
    for r in records:  # each record without its id and edges (kept apart), without copying it
        mid, derived = r.pop("id"), r.pop("derived_from")
        blobs.append(marshal.dumps(r))
        r["id"], r["derived_from"] = mid, derived
    edges = [(position[d["model"]], i, d["relation"], d.get("note"), d["source"], d.get("since"))
             for i, r in enumerate(records) for d in r["derived_from"]]
    order = [(r["released"], r["name"], r["id"]) for r in records]
    return {"version": version, "ids": ids, "nodes": blobs, "order": order, "edges": edges, **extra}


def records(value: dict[str, Any]) -> list[dict[str, Any]]:
    """Validated records back from their cache form."""
    ids = value["ids"]
    out = [{"id": mid, **marshal.loads(blob), "derived_from": []} for mid, blob in zip(ids, value["nodes"])]
    for parent, child, relation, note, source, since in value["edges"]:
        out[child]["derived_from"].append({"model": ids[parent], "relation": relation, "note": note,
                                           "source": source, "since": since})
    return out
