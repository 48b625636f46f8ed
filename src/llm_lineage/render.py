"""Plain-text rendering of query results for the terminal.

Each function takes the data a query returned and gives back a string; none
of them computes anything about the lineage itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .units import format_sizes as sizes
from .vocabulary import RELATION_PHRASE

if TYPE_CHECKING:
    import networkx as nx

    from .graph import Hit, TreeRow


def table(rows: Iterable[Sequence[Any]], headers: Sequence[str]) -> str:
    """Columns aligned with two spaces; numbers right-aligned."""
    rows = [[("" if c is None else str(c)) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]
    numeric = [all(r[i].isdigit() for r in rows) and rows != [] for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        parts = [c.rjust(w) if num else c.ljust(w) for c, w, num in zip(cells, widths, numeric)]
        return "  ".join(parts).rstrip()

    return "\n".join([line(headers), *(line(r) for r in rows)])


def organizations(orgs: list[str]) -> str:
    """All of them, for a single model's page."""
    return ", ".join(orgs)


def organization(orgs: list[str]) -> str:
    """The primary one, and how many more, for a table column."""
    return orgs[0] + (f" +{len(orgs) - 1}" if len(orgs) > 1 else "")


def hits(G: nx.DiGraph, found: list[Hit], *, up: bool) -> str:
    """A table of ancestors (``up``) or descendants, nearest first."""
    arrow = "→" if up else "←"
    rows = [
        (h.distance, G.nodes[h.id]["name"], G.nodes[h.id]["released"],
         organization(G.nodes[h.id]["organization"]),
         f"{h.relation} {arrow} {G.nodes[h.via]['name']}")
        for h in found
    ]
    return table(rows, ["steps", "model", "released", "organization", "relation"])


def show(record: dict[str, Any]) -> str:
    """Everything about one model, as ``describe`` returned it."""
    lines = [f"{record['name']} ({record['id']})"]
    facts = [
        ("aliases", ", ".join(record.get("aliases") or []) or None),
        ("organization", organizations(record["organization"])),
        ("released", record["released"]),
        ("parameters", sizes(record.get("parameters"))),
        ("objective", record.get("objective") or "not given"),
        ("architecture", record.get("architecture") or "not given"),
        ("open weights", "yes" if record["open_weights"] else "no"),
    ]
    width = max(len(k) for k, _ in facts) + 1
    lines += [f"  {k + ':':<{width}} {v}" for k, v in facts if v is not None]
    lines += ["", f"  {record['description']}"]
    if record.get("note"):
        lines += [f"  Note: {record['note']}"]
    lines += ["", "Sources:"] + [f"  {url}" for url in record["sources"]]
    lines += ["", "Derived from:" if record["parents"] else "Derived from: nothing in the dataset"]
    for p in record["parents"]:
        lines.append(f"  {p['name']} ({p['relation']})")
        if p.get("note"):
            lines.append(f"    {p['note']}")
        lines.append(f"    source: {p['source']}")
    lines += ["", "Derived models:" if record["children"] else "Derived models: none in the dataset"]
    lines += [f"  {c['name']} ({c['relation']})" for c in record["children"]]
    return "\n".join(lines)


def chain(G: nx.DiGraph, ids: list[str]) -> str:
    """``GPT-1 -> GPT-2 -> GPT-3`` followed by one line per step with its relation."""
    head = " -> ".join(G.nodes[i]["name"] for i in ids)
    steps = [
        "  " + RELATION_PHRASE[G.edges[a, b]["relation"]].format(
            child=G.nodes[b]["name"], parent=G.nodes[a]["name"]
        )
        for a, b in zip(ids, ids[1:])
    ]
    return "\n".join([head, *steps])


def common(G: nx.DiGraph, found: list[tuple[str, int, int]], a: str, b: str) -> str:
    name = lambda n: G.nodes[n]["name"]  # noqa: E731
    rows = [(name(c), G.nodes[c]["released"], da, db) for c, da, db in found]
    return table(rows, ["model", "released", f"steps to {name(a)}", f"steps to {name(b)}"])


def tree_lines(G: nx.DiGraph, rows: list[TreeRow], *, up: bool) -> str:
    out = []
    for r in rows:
        attrs = G.nodes[r.id]
        label = f"{attrs['name']} ({attrs['released']})"
        if r.relation:
            label += f" [{r.relation}]"
        if r.repeated:
            label += " (shown above)"
        out.append("  " * r.depth + label)
    return "\n".join(out)


def models_table(G: nx.DiGraph, ids: list[str]) -> str:
    rows = [
        (G.nodes[i]["released"], G.nodes[i]["name"], organization(G.nodes[i]["organization"]),
         sizes(G.nodes[i].get("parameters")), G.nodes[i].get("objective") or "-",
         "yes" if G.nodes[i]["open_weights"] else "no")
        for i in ids
    ]
    return table(rows, ["released", "model", "organization", "parameters", "objective", "open"])


def search_results(G: nx.DiGraph, found: list[tuple[str, float, str]]) -> str:
    rows = [(G.nodes[i]["name"], i, G.nodes[i]["released"], f"{score:g}", where) for i, score, where in found]
    return table(rows, ["model", "id", "released", "score", "matched"])


def stats(counts: dict[str, Any], top: int = 15) -> str:
    lines = [
        f"{counts['models']} models, {counts['derivations']} derivations, "
        f"{counts['open_weights']} with open weights"
    ]
    titles = {
        "by_year": "By year", "by_organization": "By organization", "by_objective": "By objective",
        "by_architecture": "By architecture", "by_relation": "Derivations by relation",
    }
    for key, title in titles.items():
        items = list(counts[key].items())
        lines += ["", title]
        shown = items if key == "by_year" else items[:top]
        width = max((len(str(k)) for k, _ in shown), default=0)
        lines += [f"  {str(k):<{width}}  {v:>4}  {'#' * min(v, 60)}" for k, v in shown]
        if len(shown) < len(items):
            rest = sum(v for _, v in items[len(shown):])
            lines.append(f"  ... {len(items) - len(shown)} more, {rest} models")
    return "\n".join(lines)


def crosscheck(found: list, matched: int) -> str:
    """Disagreements with Epoch's table, unexplained first."""
    unexplained = [d for d in found if not d.explained]
    lines = [
        f"{matched} models matched in Epoch's table; {len(found)} disagreements, "
        f"{len(unexplained)} not explained by a note"
    ]
    for title, group in (("Not explained", unexplained), ("Explained in a note", [d for d in found if d.explained])):
        if not group:
            continue
        lines += ["", title]
        rows = [(d.name, d.field, d.ours, d.theirs, d.epoch_model) for d in group]
        lines += ["  " + line for line in table(rows, ["model", "field", "ours", "Epoch", "Epoch row"]).splitlines()]
    return "\n".join(lines)
