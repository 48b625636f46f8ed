"""Plain-text rendering of the records a command prints, for the terminal.

Each function takes records from :mod:`llm_lineage.records` (or the plain
dicts the library returns) and gives back a string; none of them looks at the
graph or computes anything about the lineage itself, so the text says exactly
what the ``--json`` output says.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .units import format_sizes as sizes
from .vocabulary import RELATION_PHRASE

if TYPE_CHECKING:
    from .records import Common, Found, LineagePath, Relatives, Tree

__all__ = ["table", "relatives", "show", "path", "common", "tree", "models_table", "search_results", "stats",
           "crosscheck"]


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


def relatives(found: Relatives) -> str:
    """Ancestors (``up``) or descendants as a table, nearest first, under a title."""
    title = "Ancestors" if found.up else "Descendants"
    if not found.items:
        return f"{found.start.name} has no {title.lower()} in the dataset."
    arrow = "→" if found.up else "←"
    rows = [
        (r.distance, r.model.name, r.model.released, organization(r.model.organization),
         f"{r.relation} {arrow} {r.via.name}")
        for r in found.items
    ]
    return f"{title} of {found.start.name}: {len(found.items)}\n\n" + table(
        rows, ["steps", "model", "released", "organization", "relation"])


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


def path(found: LineagePath) -> str:
    """``GPT-1 -> GPT-2 -> GPT-3`` and one line per step; or why there is no chain."""
    if found.steps:
        head = " -> ".join(step.model.name for step in found.steps)
        lines = [
            "  " + RELATION_PHRASE[step.relation].format(child=step.model.name, parent=before.model.name)
            for before, step in zip(found.steps, found.steps[1:])
        ]
        return "\n".join([head, *lines])
    lines = [f"Neither of {found.a.name} and {found.b.name} derives from the other."]
    if found.common:
        lines.append("Nearest common ancestors: " + ", ".join(ref.name for ref in found.common))
    else:
        lines.append("They have no common ancestor in the dataset.")
    return "\n".join(lines)


def common(found: Common) -> str:
    if not found.items:
        return f"{found.a.name} and {found.b.name} have no common ancestor in the dataset."
    rows = [(ref.name, ref.released, da, db) for ref, da, db in found.items]
    return table(rows, ["model", "released", f"steps to {found.a.name}", f"steps to {found.b.name}"])


def tree(found: Tree) -> str:
    out = []
    for r in found.rows:
        label = f"{r.model.name} ({r.model.released})"
        if r.relation:
            label += f" [{r.relation}]"
        if r.repeated:
            label += " (shown above)"
        out.append("  " * r.depth + label)
    return "\n".join(out)


def models_table(entries: list[dict[str, Any]]) -> str:
    """The ``list`` command: a table of the entries it would give as JSON, and a count."""
    if not entries:
        return "No model matches these filters."
    rows = [
        (e["released"], e["name"], organization(e["organization"]), sizes(e.get("parameters")),
         e.get("objective") or "-", "yes" if e["open_weights"] else "no")
        for e in entries
    ]
    return table(rows, ["released", "model", "organization", "parameters", "objective", "open"]) + \
        f"\n\n{len(entries)} model" + ("" if len(entries) == 1 else "s")


def search_results(found: list[Found], text: str) -> str:
    if not found:
        return f"Nothing matches {text!r}."
    rows = [(f.model.name, f.model.id, f.model.released, f"{f.score:g}", f.matched) for f in found]
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
