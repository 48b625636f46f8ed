"""The rules that involve several entries of a dataset.

Unique ids; names and aliases unique when compared loosely; every parent
exists (with a suggestion) and is listed once; no model derives from itself or,
through others, from its own descendants; no model is released before a
parent; an omitted objective or architecture can be inherited from exactly one
parent whose weights the model starts from.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from .messages import entry_label
from .names import normalize
from .vocabulary import WEIGHT_RELATIONS

if TYPE_CHECKING:
    from .schema import ModelEntry

__all__ = ["check_entries", "find_cycles", "date_key", "before"]


def date_key(released: str) -> tuple[int, ...]:
    return tuple(int(p) for p in released.split("-"))


def before(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether date ``a`` is strictly earlier than ``b``, compared at the coarser precision."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def find_cycles(parents: dict[str, list[str]]) -> list[list[str]]:
    """Cycles among ``parents`` (child -> parent ids), each listed once, at most ten."""
    children: dict[str, list[str]] = {n: [] for n in parents}
    indegree = {n: 0 for n in parents}
    for child, ps in parents.items():
        for p in ps:
            children[p].append(child)
            indegree[child] += 1
    queue = [n for n, d in indegree.items() if d == 0]
    while queue:
        node = queue.pop()
        for child in children[node]:
            indegree[child] -= 1
            if indegree[child] == 0:
                queue.append(child)
    stuck = {n for n, d in indegree.items() if d > 0}
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


def check_entries(entries: list[ModelEntry | None], raw_models: list[Any], shown: str) -> list[str]:
    """The rules that involve several entries. Returns the problems found."""
    problems: list[str] = []
    valid = [e for e in entries if e is not None]

    # Ids: unique. Entries that failed validation still count as known ids so
    # that one broken entry does not make all its children "unknown".
    positions: dict[str, list[int]] = {}
    for index, raw in enumerate(raw_models):
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            positions.setdefault(raw["id"], []).append(index)
    for mid, where in positions.items():
        if len(where) > 1:
            places = ", ".join(f"models[{i}]" for i in where)
            problems.append(f"{shown}: entry {mid!r}, id: duplicate id, used by {places}")
    known = set(positions)

    # Names and aliases: unique across entries, compared loosely.
    owner: dict[str, tuple[str, str]] = {}
    for e in valid:
        labels = [("id", e.id), ("name", e.name)] + [(f"aliases[{i}]", a) for i, a in enumerate(e.aliases)]
        mine: set[str] = set()
        for field, label in labels:
            key = normalize(label)
            if key in mine:  # an alias that spells the entry's own name differently
                continue
            mine.add(key)
            other = owner.get(key)
            if other is not None and other[0] != e.id:
                problems.append(
                    f"{shown}: entry {e.id!r}, {field}: {label!r} is already used by entry "
                    f"{other[0]!r} ({other[1]})"
                )
            else:
                owner[key] = (e.id, field if field != "id" else "its id")

    by_id = {e.id: e for e in valid}
    id_list = sorted(known)
    dates = {e.id: date_key(e.released) for e in valid}

    parents: dict[str, list[str]] = {e.id: [] for e in valid}
    for e in valid:
        seen: set[str] = set()
        for i, d in enumerate(e.derived_from):
            where = f"{shown}: entry {e.id!r}, derived_from[{i}].model"
            if d.model == e.id:
                problems.append(f"{where}: a model cannot derive from itself")
                continue
            if d.model in seen:
                problems.append(f"{where}: parent {d.model!r} is listed more than once")
                continue
            seen.add(d.model)
            if d.model not in known:
                close = difflib.get_close_matches(d.model, id_list, n=1, cutoff=0.6)
                if not close and normalize(d.model) in owner:
                    close = [owner[normalize(d.model)][0]]
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                problems.append(f"{where}: unknown model {d.model!r}{hint}")
                continue
            parent = by_id.get(d.model)
            if parent is None:
                continue
            parents[e.id].append(d.model)
            if before(dates[e.id], dates[parent.id]):
                problems.append(
                    f"{shown}: entry {e.id!r}, released: {e.released} is before the release of its "
                    f"parent {parent.id!r} ({parent.released})"
                )

        weight_parents = [d for d in e.derived_from if d.relation in WEIGHT_RELATIONS]
        for field, omitted in (("objective", e.inherits_objective), ("architecture", e.inherits_architecture)):
            if omitted and len(weight_parents) != 1:
                reason = "it has no such parent" if not weight_parents else "it has several"
                problems.append(
                    f"{shown}: entry {e.id!r}, {field}: missing; it may be omitted only when the model "
                    f"inherits weights from exactly one parent (fine-tuned, preference-tuned, adapter or "
                    f"continued-pretraining), and {reason}; write it, or null if undisclosed"
                )

    # Entries that failed validation: still report parents that do not exist.
    for index, (entry, raw) in enumerate(zip(entries, raw_models)):
        if entry is not None or not isinstance(raw, dict) or not isinstance(raw.get("derived_from"), list):
            continue
        for i, d in enumerate(raw["derived_from"]):
            model = d.get("model") if isinstance(d, dict) else None
            if isinstance(model, str) and model not in known:
                close = difflib.get_close_matches(model, id_list, n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                problems.append(
                    f"{shown}: {entry_label(raw, index)}, derived_from[{i}].model: unknown model {model!r}{hint}"
                )

    for cycle in find_cycles(parents):
        # parents point child -> parent; show the chain in derivation order
        chain = [cycle[0], *reversed(cycle[1:])]
        chain.append(chain[0])
        problems.append(
            f"{shown}: entry {cycle[0]!r}, derived_from: cycle of derivations: " + " -> ".join(chain)
        )
    return problems
