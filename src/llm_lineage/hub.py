"""Hugging Face Hub records turned into a dataset that extends the curated one (``lineage import-hf``).

The Hub's model API returns one object per model: ``id`` (or ``modelId``),
``author``, ``createdAt``, ``cardData.base_model`` (a repository id or a list
of them) and ``tags``, among which ``base_model:<relation>:<repo>`` says how
the model derives from a base (``finetune``, ``adapter``, ``merge``,
``quantized``). This module reads such records, as a JSON array or as JSON
Lines, and writes a dataset file that ``extends`` the curated one: one entry
per record, its organization from the owner, its release from ``createdAt``,
its source the model's Hub page. Each base is resolved to a curated entry
through the ``huggingface`` ids of the dataset when it is one, otherwise to
another imported record.

Records the dataset cannot hold are reported with their line (or index) and
the reason, and left out: malformed ones, a model that is its own base, cycles,
bases found nowhere, bases created after the model, and every record that
depends on one left out. A record whose repository is already a curated
model's is skipped: the curated entry stands for it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DataFileError
from .interface import LineageGraph

__all__ = ["HubRecord", "Problem", "Imported", "read_records", "import_records", "RELATIONS", "entry_id"]

#: The Hub's relations, and ours.
RELATIONS = {"finetune": "fine-tuned", "adapter": "adapter", "merge": "merged", "quantized": "quantized"}
_HUB_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")
_DATE = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})")
_TAG = re.compile(r"^base_model:(?:(finetune|adapter|merge|quantized):)?(.+)$")


@dataclass
class HubRecord:
    """One model of the Hub, as far as lineage goes."""

    repo: str
    where: str  # "line 12" or "[12]"
    author: str
    created: str  # YYYY-MM-DD
    bases: list[tuple[str, str]]  # (base repo, our relation)
    pipeline: str | None = None
    library: str | None = None
    parameters: int | None = None


@dataclass(frozen=True)
class Problem:
    where: str
    repo: str | None
    reason: str

    def __str__(self) -> str:
        return f"{self.where}" + (f" ({self.repo})" if self.repo else "") + f": {self.reason}"


@dataclass
class Imported:
    """The result: the dataset document to write, what was left out and why, and counts."""

    document: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0  # records already curated
    curated_bases: int = 0


def entry_id(repo: str) -> str:
    """The dataset id of a Hub repository: ``hf-`` and the repository id, lowercase, ``/`` as ``--``.

    >>> entry_id("meta-llama/Llama-2-7b-hf"), entry_id("TheBloke/Mistral_7B.Q4")
    ('hf-meta-llama--llama-2-7b-hf', 'hf-thebloke--mistral-7b.q4')
    """
    owner, name = repo.split("/", 1)
    clean = re.sub(r"[^a-z0-9.+-]+", "-", f"{owner}--{name}".lower()).strip("-.")
    return "hf-" + clean


def _records(text: str, shown: str) -> Iterator[tuple[str, Any]]:
    """(where, parsed value) for each record of a JSON array or of JSON Lines."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            values = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataFileError(f"{shown}: line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}") from None
        except RecursionError:
            raise DataFileError(f"{shown}: invalid JSON: nested too deeply") from None
        if not isinstance(values, list):  # pragma: no cover - a text starting with "[" parses to a list
            raise DataFileError(f"{shown}: a JSON array of records was expected")
        for index, value in enumerate(values):
            yield f"[{index}]", value
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield f"line {number}", json.loads(line)
        except json.JSONDecodeError as exc:
            yield f"line {number}", _Bad(f"invalid JSON: {exc.msg} (column {exc.colno})")
        except RecursionError:
            yield f"line {number}", _Bad("invalid JSON: nested too deeply")


@dataclass(frozen=True)
class _Bad:
    reason: str


def _parse(where: str, value: Any) -> HubRecord | Problem:
    if isinstance(value, _Bad):
        return Problem(where, None, value.reason)
    if not isinstance(value, dict):
        return Problem(where, None, "a record must be a JSON object")
    repo = value.get("id", value.get("modelId"))
    if not isinstance(repo, str) or not _HUB_ID.match(repo):
        return Problem(where, repo if isinstance(repo, str) else None,
                       "no model id: `id` or `modelId` must be a repository id, owner/name")
    created = value.get("createdAt")
    match = _DATE.match(created) if isinstance(created, str) else None
    if not match:
        return Problem(where, repo, "no creation date: `createdAt` must be an ISO date")
    author = value.get("author") if isinstance(value.get("author"), str) and value.get("author") else repo.split("/")[0]
    bases: dict[str, str] = {}
    tags = value.get("tags") if isinstance(value.get("tags"), list) else []
    for tag in tags:
        found = _TAG.match(tag) if isinstance(tag, str) else None
        if found and found.group(1):
            bases[found.group(2)] = RELATIONS[found.group(1)]
    card = value.get("cardData") if isinstance(value.get("cardData"), dict) else {}
    declared = card.get("base_model")
    declared = [declared] if isinstance(declared, str) else declared if isinstance(declared, list) else []
    for tag in tags:  # base_model:<repo> without a relation
        found = _TAG.match(tag) if isinstance(tag, str) else None
        if found and not found.group(1):
            declared.append(found.group(2))
    for base in declared:
        if isinstance(base, str) and base not in bases:
            bases[base] = "fine-tuned"  # the Hub's default when the card names a base without a relation
    for base in bases:
        if not _HUB_ID.match(base):
            return Problem(where, repo, f"base {base!r} is not a repository id")
    total = value.get("safetensors", {}).get("total") if isinstance(value.get("safetensors"), dict) else None
    parameters = total if isinstance(total, int) and not isinstance(total, bool) and 0 < total <= 10**15 else None
    return HubRecord(repo, where, author[:200], match.group(1), sorted(bases.items()),
                     value.get("pipeline_tag") if isinstance(value.get("pipeline_tag"), str) else None,
                     value.get("library_name") if isinstance(value.get("library_name"), str) else None, parameters)


def read_records(path: Path) -> tuple[list[HubRecord], list[Problem]]:
    """The records of a Hub export file, and the malformed ones with their line."""
    from .jsonfile import read_bytes

    shown = str(path)
    data = read_bytes(path, shown, what="a file of Hub records")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataFileError(f"{shown}: not valid UTF-8") from None
    if not text.strip():
        raise DataFileError(f"{shown}: the file is empty; give the Hub's model records as a JSON array or JSON Lines")
    records, problems = [], []
    seen: dict[str, str] = {}
    for where, value in _records(text, shown):
        parsed = _parse(where, value)
        if isinstance(parsed, Problem):
            problems.append(parsed)
            continue
        key = parsed.repo.casefold()
        if key in seen:
            problems.append(Problem(where, parsed.repo, f"the same model as {seen[key]}"))
            continue
        seen[key] = where
        records.append(parsed)
    return records, problems


def _date_key(date: str) -> tuple[int, ...]:
    return tuple(int(p) for p in date.split("-"))


def import_records(records: list[HubRecord], G: LineageGraph, *, extends: str = "bundled",
                   problems: list[Problem] | None = None) -> Imported:
    """Turn Hub records into a dataset extending the one ``G`` was read from."""
    problems = list(problems or [])
    curated: dict[str, str] = {}  # hub id (casefolded) -> curated model id
    for node, hubs in G.nodes(data="huggingface"):
        for hub in hubs or ():
            curated[hub.casefold()] = node
    ids_taken = set(G) | set(G.graph.get("concepts") or {})
    skipped = 0
    by_repo: dict[str, HubRecord] = {}
    for record in records:
        if record.repo.casefold() in curated:
            skipped += 1
            continue
        by_repo[record.repo.casefold()] = record
    names: dict[str, str] = {}
    from .names import normalize

    keep: dict[str, HubRecord] = {}
    for key, record in by_repo.items():
        rid = entry_id(record.repo)
        if rid in ids_taken:
            problems.append(Problem(record.where, record.repo, f"its id {rid!r} is already a curated entry's"))
            continue
        name_key = normalize(record.repo)
        if name_key in names:
            problems.append(Problem(record.where, record.repo, f"its name reads the same as {names[name_key]}"))
            continue
        names[name_key] = record.repo
        ids_taken.add(rid)
        keep[key] = record

    # Each base: a curated entry, another record, or nowhere. Then leave out what cannot stand.
    left_out: dict[str, str] = {}
    for key, record in keep.items():
        for base, _ in record.bases:
            if base.casefold() == key:
                left_out[key] = "it names itself as its base"
            elif base.casefold() not in curated and base.casefold() not in keep and base.casefold() not in by_repo:
                left_out.setdefault(key, f"its base {base} is neither curated nor among the records")
            elif base.casefold() in curated:
                parent = curated[base.casefold()]
                if _date_key(record.created) < _date_key(G.nodes[parent]["released"])[:3]:
                    left_out.setdefault(key, f"it was created ({record.created}) before its base "
                                             f"{G.nodes[parent]['name']} was released ({G.nodes[parent]['released']})")
            elif base.casefold() in keep and record.created < keep[base.casefold()].created:
                left_out.setdefault(key, f"it was created ({record.created}) before its base {base} "
                                         f"({keep[base.casefold()].created})")
    _leave_out_cycles(keep, left_out)
    # What depends on a record left out is left out too (iteratively, whatever the order).
    children: dict[str, list[str]] = {}
    for key, record in keep.items():
        for base, _ in record.bases:
            children.setdefault(base.casefold(), []).append(key)
    stack = list(left_out)
    while stack:
        gone = stack.pop()
        for child in children.get(gone, ()):
            if child not in left_out:
                base_repo = keep[gone].repo if gone in keep else gone
                left_out[child] = f"its base {base_repo} is left out"
                stack.append(child)
    for key, reason in left_out.items():
        if key in keep:
            problems.append(Problem(keep[key].where, keep[key].repo, reason))

    models = []
    curated_bases = 0
    for key, record in sorted(keep.items(), key=lambda kv: (kv[1].created, entry_id(kv[1].repo))):
        if key in left_out:
            continue
        derived = []
        seen: set[str] = set()
        for base, relation in record.bases:
            parent = curated.get(base.casefold()) or entry_id(keep[base.casefold()].repo)
            if parent in seen:  # two repositories of one curated model: one edge
                continue
            seen.add(parent)
            curated_bases += base.casefold() in curated
            derived.append({"model": parent, "relation": relation, "source": f"https://huggingface.co/{record.repo}"})
        entry: dict[str, Any] = {
            "id": entry_id(record.repo), "name": record.repo, "organization": [record.author],
            "released": record.created, "parameters": [record.parameters] if record.parameters else None,
        }
        weight = [d for d in derived if d["relation"] in ("fine-tuned", "adapter", "quantized")]
        if len(weight) != 1:
            entry["objective"] = None
            entry["architecture"] = None
        what = record.pipeline.replace("-", " ") if record.pipeline else "model"
        library = f" ({record.library})" if record.library else ""
        entry.update({
            "open_weights": True, "huggingface": [record.repo],
            "description": f"A {what} model on the Hugging Face Hub{library}, imported from its Hub record.",
            "sources": [f"https://huggingface.co/{record.repo}"],
        })
        if derived:
            entry["derived_from"] = derived
        models.append(entry)
    newest = max((m["released"] for m in models), default=None)
    document: dict[str, Any] = {
        "$schema": "https://raw.githubusercontent.com/llm-lineage/llm-lineage/main/graph/models.schema.json",
        "extends": extends, "version": "imported from the Hugging Face Hub"}
    if newest is not None:
        document["as_of"] = max(newest, G.graph.get("as_of") or newest)  # the records are as new as the newest
    document["models"] = models
    return Imported(document, sorted(problems, key=lambda p: _where_key(p.where)), skipped, curated_bases)


def _where_key(where: str) -> tuple[int, str]:
    digits = re.sub(r"\D", "", where)
    return (int(digits) if digits else -1, where)


def _leave_out_cycles(keep: dict[str, HubRecord], left_out: dict[str, str]) -> None:
    """Records on a cycle of bases (a -> b -> a), or below one, are left out; a cycle is named."""
    from .rules import find_cycles

    parents = {key: [b.casefold() for b, _ in r.bases if b.casefold() in keep and b.casefold() != key]
               for key, r in keep.items()}
    children: dict[str, list[str]] = {}
    indegree = {key: len(ps) for key, ps in parents.items()}
    for key, ps in parents.items():
        for p in ps:
            children.setdefault(p, []).append(key)
    queue = [key for key, d in indegree.items() if d == 0]
    while queue:  # Kahn's algorithm: what is never reached is on a cycle or below one
        key = queue.pop()
        for child in children.get(key, ()):
            indegree[child] -= 1
            if indegree[child] == 0:
                queue.append(child)
    stuck = {key for key, d in indegree.items() if d > 0}
    if not stuck:
        return
    for cycle in find_cycles({key: [p for p in parents[key] if p in stuck] for key in stuck}):
        names = " -> ".join(keep[k].repo for k in [*cycle, cycle[0]])
        for key in cycle:
            left_out.setdefault(key, f"its bases form a cycle: {names}")
    for key in stuck:
        left_out.setdefault(key, "it depends on a cycle of bases")
