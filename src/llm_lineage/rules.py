"""The rules that involve several entries of a dataset (and of the files it extends).

- Ids are unique across models and concepts, and across the files of a dataset.
- Names and aliases are unique when compared loosely (see :mod:`.names`), also
  when two only look alike; a name may not mix ASCII letters with look-alikes.
- Hugging Face repository ids are unique; a family is spelled the same everywhere.
- Every parent and every linked concept exists (with a suggestion) and is listed
  once; no model derives from itself or, through others, from its descendants;
  the same for concepts.
- No model is released before a parent, nor a concept introduced before the
  one it derives from; a product edge's ``since`` is not before either model;
  nothing is dated after the dataset's ``as_of``.
- An omitted objective or architecture can be inherited: from the one parent
  whose weights the model starts from, or, for a product, from its models.
- ``active_parameters`` name sizes listed in ``parameters``; ``trained-on``
  links point at data sets and ``evaluated-on`` links at benchmarks.

Every problem names the file, the entry and the field.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .messages import entry_label
from .names import look_alike_key, mixes_look_alikes, normalize
from .vocabulary import LINK_KIND, WEIGHT_RELATIONS


__all__ = ["Part", "check", "find_cycles", "date_key", "before"]


@dataclass
class Part:
    """One file of a dataset: its name as shown, its raw lists and their validated entries (None if invalid)."""

    shown: str
    raw_models: list[Any]
    models: list[dict[str, Any] | None]  # validated entries (schema.ModelEntry)
    raw_concepts: list[Any] = field(default_factory=list)
    concepts: list[dict[str, Any] | None] = field(default_factory=list)
    as_of: str | None = None


def date_key(released: str) -> str:
    """A date as compared: its text (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` sort like the dates they are)."""
    return released


def before(a: str, b: str) -> bool:
    """Whether date ``a`` is strictly earlier than ``b``, compared at the coarser precision.

    >>> before("2023-02-24", "2023-03"), before("2023-03-14", "2023-03"), before("2022", "2023-01-01")
    (True, False, True)
    """
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def find_cycles(parents: dict[str, list[str]]) -> list[list[str]]:
    """Cycles among ``parents`` (child -> parent ids), each listed once, at most ten.

    >>> find_cycles({"a": ["c"], "b": ["a"], "c": ["b"], "d": []})
    [['a', 'c', 'b']]
    """
    names = list(parents)
    index = {n: i for i, n in enumerate(names)}
    up = [[index[p] for p in parents[n] if p in index] for n in names]
    indegree = [len(ps) for ps in up]
    down: list[list[int]] = [[] for _ in names]
    for child, ps in enumerate(up):
        for p in ps:
            down[p].append(child)
    queue = [i for i, d in enumerate(indegree) if d == 0]
    while queue:  # Kahn's algorithm: what is never reached is on a cycle or below one
        node = queue.pop()
        for child in down[node]:
            indegree[child] -= 1
            if indegree[child] == 0:
                queue.append(child)
    stuck = {names[i] for i, d in enumerate(indegree) if d > 0}
    cycles: list[list[str]] = []
    done: set[str] = set()
    for start in sorted(stuck):
        if start in done or len(cycles) >= 10:
            continue
        # Walk parent links inside the stuck set until a node repeats.
        order: dict[str, int] = {}
        node = start
        while node not in order and node not in done:
            order[node] = len(order)
            node = min(p for p in parents[node] if p in stuck)
        walk = list(order)
        done.update(walk)
        if node in order:
            cycle = walk[order[node]:]
            first = cycle.index(min(cycle))
            cycles.append(cycle[first:] + cycle[:first])
    return cycles


class _Entry:
    """Where an entry lives, for messages (worded only when a message needs it)."""

    __slots__ = ("shown", "entry", "collection")

    def __init__(self, shown: str, entry: Any, collection: str):
        self.shown = shown
        self.entry = entry  # ModelEntry or ConceptEntry
        self.collection = collection

    @property
    def label(self) -> str:  # entry 'x' / concept 'x'
        kind = "entry" if self.collection == "models" else "concept"
        return f"{kind} {self.entry['id']!r}"

    def at(self, field_path: str) -> str:
        return f"{self.shown}: {self.label}" + (f", {field_path}" if field_path else "")


def _entries(parts: list[Part], collection: str) -> Iterator[_Entry]:
    for part in parts:
        entries = part.models if collection == "models" else part.concepts
        for entry in entries:
            if entry is not None:
                yield _Entry(part.shown, entry, collection)


def _raw_ids(parts: list[Part], collection: str) -> dict[str, list[tuple[str, int]]]:
    """Every id written in the files (valid entries or not), with where it is written."""
    found: dict[str, list[tuple[str, int]]] = {}
    for part in parts:
        raws = part.raw_models if collection == "models" else part.raw_concepts
        entries = part.models if collection == "models" else part.concepts
        if None not in entries:  # every entry valid: its id is a string; one look per entry
            for index, entry in enumerate(entries):
                where = found.get(entry["id"])
                if where is None:
                    found[entry["id"]] = [(part.shown, index)]
                else:
                    where.append((part.shown, index))
            continue
        for index, raw in enumerate(raws):
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                found.setdefault(raw["id"], []).append((part.shown, index))
    return found


class _Sorted:
    """The sorted keys of a dict, computed on first use."""

    def __init__(self, keys: dict):
        self._keys = keys
        self._sorted: list[str] | None = None

    def __iter__(self) -> Iterator[str]:
        if self._sorted is None:
            self._sorted = sorted(self._keys)
        return iter(self._sorted)


def _hint(word: str, known: Any, owner: dict[str, tuple]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    if not close and normalize(word) in owner:
        close = [owner[normalize(word)][0]]
    return f" (did you mean {close[0]!r}?)" if close else ""


def check(parts: list[Part]) -> list[str]:
    """Every rule across entries, for a dataset made of ``parts`` (the extended files first)."""
    problems: list[str] = []
    models = list(_entries(parts, "models"))
    concepts = list(_entries(parts, "concepts"))
    model_ids = _raw_ids(parts, "models")
    concept_ids = _raw_ids(parts, "concepts")
    _check_ids(parts, model_ids, concept_ids, problems)
    owner = _check_names(models + concepts, problems)
    _check_hub_ids(models, problems)
    _check_families(models, problems)
    known_models = _Sorted(model_ids)  # sorted only when a hint is needed
    known_concepts = _Sorted(concept_ids)
    by_id = {m.entry["id"]: m.entry for m in models}
    concept_by_id = {c.entry["id"]: c.entry for c in concepts}

    parents: dict[str, list[str]] = {}
    for m in models:
        e = m.entry
        mine: list[str] = []
        parents[e["id"]] = mine
        derived = e.get("derived_from")
        if not derived:
            if "objective" not in e or "architecture" not in e:
                _check_inheritance(m, problems)
            if e.get("active_parameters") is not None:
                _check_sizes(m, problems)
            if e.get("concepts"):
                _check_links(m, concept_ids, concept_by_id, known_concepts, owner, problems)
            continue
        seen: set[str] = set()
        released = e["released"]
        weights = products = 0
        for i, d in enumerate(derived):
            relation = d["relation"]
            if relation in WEIGHT_RELATIONS:
                weights += 1
            elif relation == "product":
                products += 1
            if d["model"] == e["id"]:
                problems.append(f"{m.at(f'derived_from[{i}].model')}: a model cannot derive from itself")
                continue
            if d["model"] in seen:
                problems.append(f"{m.at(f'derived_from[{i}].model')}: parent {d['model']!r} is listed more than once")
                continue
            seen.add(d["model"])
            if d["model"] not in model_ids:
                problems.append(f"{m.at(f'derived_from[{i}].model')}: unknown model {d['model']!r}"
                                + _hint(d["model"], known_models, owner))
                continue
            parent = by_id.get(d["model"])
            if parent is None:
                continue
            mine.append(d["model"])
            if d.get("since") is not None or before(released, parent["released"]):
                _check_edge_dates(m, i, d, e, parent, problems)
        if weights != 1 and not (products and not weights) and ("objective" not in e or "architecture" not in e):
            _check_inheritance(m, problems)
        if e.get("active_parameters") is not None:
            _check_sizes(m, problems)
        if e.get("concepts"):
            _check_links(m, concept_ids, concept_by_id, known_concepts, owner, problems)

    # Entries that failed validation: still report parents that do not exist.
    for part in parts:
        for index, (entry, raw) in enumerate(zip(part.models, part.raw_models)):
            if entry is not None or not isinstance(raw, dict) or not isinstance(raw.get("derived_from"), list):
                continue
            for i, d in enumerate(raw["derived_from"]):
                model = d.get("model") if isinstance(d, dict) else None
                if isinstance(model, str) and model not in model_ids:
                    problems.append(f"{part.shown}: {entry_label(raw, index)}, derived_from[{i}].model: unknown model "
                                    f"{model!r}" + _hint(model, known_models, {}))

    problems.extend(_cycle_problems(models, parents, "derived_from", "cycle of derivations"))
    concept_parents = _check_concept_derivations(concepts, concept_ids, concept_by_id, known_concepts, owner, problems)
    problems.extend(_cycle_problems(concepts, concept_parents, "derived_from", "cycle of concepts"))
    _check_as_of(parts, problems)
    return problems


def _check_ids(parts: list[Part], model_ids: dict, concept_ids: dict, problems: list[str]) -> None:
    for collection, ids in (("models", model_ids), ("concepts", concept_ids)):
        for mid, where in ids.items():
            if len(where) > 1:
                files = {shown for shown, _ in where}
                if len(files) == 1:
                    places = ", ".join(f"{collection}[{i}]" for _, i in where)
                else:
                    places = ", ".join(f"{collection}[{i}] of {shown}" for shown, i in where)
                kind = "entry" if collection == "models" else "concept"
                problems.append(f"{where[-1][0]}: {kind} {mid!r}, id: duplicate id, used by {places}")
    for cid, where in concept_ids.items():
        if cid in model_ids:
            shown, _ = where[0]
            problems.append(f"{shown}: concept {cid!r}, id: {cid!r} is already the id of a model "
                            f"(in {model_ids[cid][0][0]})")


def _check_names(entries: list[_Entry], problems: list[str]) -> dict[str, tuple[str, str, str, str]]:
    """Names, aliases and ids unique across models and concepts, also when they only look alike."""
    owner: dict[str, tuple[str, str, str, str]] = {}  # key -> (id, field, file, "entry" or "concept")
    look: dict[str, tuple[str, str, str, str]] = {}
    for item in entries:
        e = item.entry
        kind = "entry" if item.collection == "models" else "concept"
        aliases = e.get("aliases")
        labels = (e["id"], e["name"], *aliases) if aliases else (e["id"], e["name"])
        mine: set[str] = set()
        for position, label in enumerate(labels):
            field_name = "id" if position == 0 else "name" if position == 1 else f"aliases[{position - 2}]"
            plain = label.isascii()  # most names: no look-alikes, and their look-alike key is their key
            if not plain and field_name != "id" and mixes_look_alikes(label):
                problems.append(f"{item.at(field_name)}: {label!r} mixes ASCII letters with look-alike letters of "
                                f"another script (it reads as {look_alike_key(label)!r})")
            key = normalize(label)
            looks = key if plain else look_alike_key(label)
            if key in mine:  # an alias that spells the entry's own name differently
                continue
            mine.add(key)
            other = owner.get(key)
            if other is None and (not plain or looks in look):
                # An ASCII key is its own look-alike key: only other scripts' names can look like it.
                similar = look.get(looks) or (owner.get(looks) and (owner[looks][0], labels_of(owner[looks]),
                                                                    owner[looks][2], owner[looks][3]))
                if similar is not None and similar[0] != e["id"]:
                    oid, written, where, other_kind = similar
                    problems.append(f"{item.at(field_name)}: {label!r} looks like {written!r}, already used by "
                                    f"{other_kind} {oid!r}" + ("" if where == item.shown else f" in {where}"))
                    continue
            if other is not None and other[0] != e["id"]:
                problems.append(f"{item.at(field_name)}: {label!r} is already used by "
                                f"{_describe_owner(other, item.shown)}")
            else:
                owner[key] = (e["id"], "its id" if field_name == "id" else field_name, item.shown, kind, label)
                if not plain:
                    look.setdefault(looks, (e["id"], label, item.shown, kind))
    return owner


def labels_of(owner: tuple) -> str:
    """The name as written by the entry that owns a key."""
    return owner[4]


def _describe_owner(owner: tuple, shown: str) -> str:
    oid, what, where, kind = owner[:4]
    return f"{kind} {oid!r} ({what})" + ("" if where == shown else f" in {where}")


def _check_hub_ids(models: list[_Entry], problems: list[str]) -> None:
    seen: dict[str, tuple[str, str]] = {}
    for m in models:
        for i, hub in enumerate(m.entry.get("huggingface") or ()):
            key = hub.casefold()
            if key in seen and seen[key][0] != m.entry["id"]:
                other, where = seen[key]
                problems.append(f"{m.at(f'huggingface[{i}]')}: {hub!r} is already listed by entry {other!r}"
                                + ("" if where == m.shown else f" in {where}"))
            elif key in seen:
                problems.append(f"{m.at(f'huggingface[{i}]')}: {hub!r} is listed twice")
            else:
                seen[key] = (m.entry["id"], m.shown)


def _check_families(models: list[_Entry], problems: list[str]) -> None:
    spelling: dict[str, tuple[str, str]] = {}
    for m in models:
        family = m.entry.get("family")
        if family is None:
            continue
        first = spelling.setdefault(normalize(family), (family, m.entry["id"]))
        if first[0] != family:
            problems.append(f"{m.at('family')}: {family!r} is spelled {first[0]!r} by entry {first[1]!r}; "
                            "a family is spelled the same everywhere")


def _check_edge_dates(m: _Entry, i: int, d: dict, e: dict, parent: dict, problems: list[str]) -> None:
    since = d.get("since")
    if since is not None and d["relation"] != "product":
        problems.append(f"{m.at(f'derived_from[{i}].since')}: only a product edge has a date of its own")
        return
    if since is not None:
        if before(since, parent["released"]):
            problems.append(f"{m.at(f'derived_from[{i}].since')}: {since} is before the release of "
                            f"{parent['id']!r} ({parent['released']})")
        if before(since, e["released"]):
            problems.append(f"{m.at(f'derived_from[{i}].since')}: {since} is before the product's own "
                            f"release ({e['released']})")
    elif before(e["released"], parent["released"]):
        problems.append(f"{m.at('released')}: {e['released']} is before the release of its parent "
                        f"{parent['id']!r} ({parent['released']})")


def _check_inheritance(m: _Entry, problems: list[str]) -> None:
    e = m.entry
    derived = e.get("derived_from") or ()
    weight_parents = [d for d in derived if d["relation"] in WEIGHT_RELATIONS]
    products = [d for d in derived if d["relation"] == "product"]
    for name in ("objective", "architecture"):
        if name in e or len(weight_parents) == 1 or (products and not weight_parents):
            continue
        reason = "it has no such parent" if not weight_parents else "it has several"
        problems.append(
            f"{m.at(name)}: missing; it may be omitted only when the model inherits weights from exactly one "
            f"parent (fine-tuned, preference-tuned, adapter, continued-pretraining or quantized) or is a "
            f"product, and {reason}; write it, or null if undisclosed"
        )


def _check_sizes(m: _Entry, problems: list[str]) -> None:
    e = m.entry
    active = e.get("active_parameters")
    if active is None:
        return
    from .units import format_size

    totals = set(e.get("parameters") or [])
    for total in active:
        if total not in totals:
            problems.append(f"{m.at('active_parameters')}: {format_size(total)} is not one of the parameters")


def _check_links(m: _Entry, concept_ids: dict, concept_by_id: dict, known: Any,
                 owner: dict, problems: list[str]) -> None:
    seen: set[str] = set()
    for i, link in enumerate(m.entry.get("concepts") or ()):
        where = m.at(f"concepts[{i}].concept")
        cid = link["concept"]
        if cid not in concept_ids:
            problems.append(f"{where}: unknown concept {cid!r}" + _hint(cid, known, {}))
            continue
        if cid in seen:
            problems.append(f"{where}: {cid!r} is linked more than once; keep one link "
                            "(introduced implies uses, trained-on or evaluated-on)")
        seen.add(cid)
        concept = concept_by_id.get(cid)
        wanted = LINK_KIND.get(link["relation"])
        if concept is not None and wanted is not None and concept["kind"] != wanted:
            problems.append(f"{m.at(f'concepts[{i}].relation')}: {link['relation']} links a model to a {wanted}, "
                            f"and {cid!r} is a {concept['kind']}")


def _check_concept_derivations(concepts: list[_Entry], concept_ids: dict, by_id: dict, known: Any,
                               owner: dict, problems: list[str]) -> dict[str, list[str]]:
    parents: dict[str, list[str]] = {c.entry["id"]: [] for c in concepts}
    for c in concepts:
        seen: set[str] = set()
        for i, d in enumerate(c.entry.get("derived_from") or ()):
            where = c.at(f"derived_from[{i}].concept")
            pid = d["concept"]
            if pid == c.entry["id"]:
                problems.append(f"{where}: a concept cannot derive from itself")
                continue
            if pid in seen:
                problems.append(f"{where}: {pid!r} is listed more than once")
                continue
            seen.add(pid)
            if pid not in concept_ids:
                problems.append(f"{where}: unknown concept {pid!r}" + _hint(pid, known, {}))
                continue
            parent = by_id.get(pid)
            if parent is None:
                continue
            parents[c.entry["id"]].append(pid)
            if before(c.entry["introduced"], parent["introduced"]):
                problems.append(f"{c.at('introduced')}: {c.entry['introduced']} is before {pid!r} was "
                                f"introduced ({parent['introduced']})")
    return parents


def _cycle_problems(entries: list[_Entry], parents: dict[str, list[str]], field_name: str, what: str) -> list[str]:
    where = {item.entry["id"]: item for item in entries}
    out = []
    for cycle in find_cycles(parents):
        # parents point child -> parent; show the chain in derivation order
        chain = [cycle[0], *reversed(cycle[1:])]
        chain.append(chain[0])
        out.append(f"{where[cycle[0]].at(field_name)}: {what}: " + " -> ".join(chain))
    return out


def _check_as_of(parts: list[Part], problems: list[str]) -> None:
    as_of = next((p.as_of for p in reversed(parts) if p.as_of), None)
    if as_of is None:
        return
    for m in _entries(parts, "models"):
        if before(as_of, m.entry["released"]):
            problems.append(f"{m.at('released')}: {m.entry['released']} is after the dataset's as_of date ({as_of})")
        for i, d in enumerate(m.entry.get("derived_from") or ()):
            if d.get("since") is not None and before(as_of, d["since"]):
                problems.append(f"{m.at(f'derived_from[{i}].since')}: {d['since']} is after the dataset's as_of "
                                f"date ({as_of})")
    for c in _entries(parts, "concepts"):
        if before(as_of, c.entry["introduced"]):
            problems.append(f"{c.at('introduced')}: {c.entry['introduced']} is after the dataset's as_of date "
                            f"({as_of})")
