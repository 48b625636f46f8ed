"""Plain-text rendering of the records a command prints, for the terminal.

Each function takes records from :mod:`llm_lineage.records` (or the plain
dicts the library returns) and gives back a string; none of them looks at the
graph or computes anything about the lineage itself, so the text says exactly
what the ``--json`` output says.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .units import format_size
from .units import format_sizes as sizes
from .vocabulary import RELATION_PHRASE

if TYPE_CHECKING:
    from .records import Common, Found, LineagePath, Relatives, Tree

__all__ = ["width", "table", "relatives", "show", "family", "concept", "path", "common", "tree", "models_table",
           "search_results", "stats", "crosscheck"]


def width(text: str) -> int:
    """How many terminal columns ``text`` takes: East Asian wide characters (Hangul, CJK, emoji) take two.

    >>> width("EXAONE"), width("엑사원"), width("e\u0301")
    (6, 6, 1)
    """
    if text.isascii():
        return len(text)
    total = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def _pad(text: str, size: int, right: bool = False) -> str:
    fill = " " * max(0, size - width(text))
    return fill + text if right else text + fill


def table(rows: Iterable[Sequence[Any]], headers: Sequence[str]) -> str:
    """Columns aligned with two spaces (by display width); numbers right-aligned."""
    rows = [[("" if c is None else str(c)) for c in row] for row in rows]
    widths = [width(h) for h in headers]
    for row in rows:
        widths = [max(w, width(c)) for w, c in zip(widths, row)]
    numeric = [all(r[i].isdigit() for r in rows) and rows != [] for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        parts = [_pad(c, w, num) for c, w, num in zip(cells, widths, numeric)]
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


def _sizes(record: dict[str, Any]) -> str:
    """``7B, 30B (3B active)``: every size, with the active parameters of mixture-of-experts models."""
    if not record.get("parameters"):
        return "undisclosed"
    active = dict(record.get("active_parameters") or [])
    return ", ".join(format_size(n) + (f" ({format_size(active[n])} active)" if n in active else "")
                     for n in record["parameters"])


def show(record: dict[str, Any]) -> str:
    """Everything about one model, as ``describe`` returned it."""
    lines = [f"{record['name']} ({record['id']})"]
    family = record.get("family")
    facts = [
        ("aliases", ", ".join(record.get("aliases") or []) or None),
        ("family", f"{family} ({record.get('family_size', 1)} models: lineage family {_arg(family)})"
         if family else None),
        ("organization", organizations(record["organization"])),
        ("released", record["released"]),
        ("parameters", _sizes(record)),
        ("objective", record.get("objective") or "undisclosed"),
        ("architecture", record.get("architecture") or "undisclosed"),
        ("open weights", "yes" if record["open_weights"] else "no"),
        ("hugging face", ", ".join(record.get("huggingface") or []) or None),
    ]
    size = max(len(k) for k, v in facts if v is not None) + 1
    lines += [f"  {k + ':':<{size}} {v}" for k, v in facts if v is not None]
    lines += _about(record)
    is_product = any(p["relation"] == "product" for p in record["parents"])
    title = "Served on:" if is_product else "Derived from:"
    lines += ["", title if record["parents"] else "Derived from: nothing in the dataset"]
    for p in record["parents"]:
        if p["relation"] == "product":
            lines.append(f"  {p['name']} (since {p['since'] or record['released']})")
        else:
            lines.append(f"  {p['name']} ({p['relation']})")
        if p.get("note"):
            lines.append(f"    {p['note']}")
        lines.append(f"    source: {p['source']}")
    lines += ["", "Derived models:" if record["children"] else "Derived models: none in the dataset"]
    lines += [f"  {c['name']} ({c['relation']})" for c in record["children"]]
    if record.get("concepts"):
        lines += ["", "Concepts:"]
        for c in record["concepts"]:
            how = f"{c['relation']}, implied by its {c['implied_by']}" if c.get("implied_by") else c["relation"]
            lines.append(f"  {c['name']} ({how})")
    return "\n".join(lines)


def _arg(name: str) -> str:
    """A name as it would be typed on a command line."""
    import shlex

    return shlex.quote(name)


def family(found: dict[str, Any]) -> str:
    """``lineage family``: the members in release order, each with how it follows earlier members."""
    members = found["members"]
    rows = []
    for m in members:
        how = ", ".join(f"{p['relation']} ← {p['name']}" for p in m["from"])
        if not how:
            how = ", ".join(f"{p['relation']} ← {p['name']}" for p in m["outside"]) or "-"
            how = f"(from outside: {how})" if m["outside"] else "-"
        rows.append((m["released"], m["name"], organization(m["organization"]), sizes(m.get("parameters")), how))
    return (f"{found['family']}: {len(members)} models\n\n"
            + table(rows, ["released", "model", "organization", "parameters", "derives from"]))


def _about(item: dict[str, Any]) -> list[str]:
    """A model's or a concept's description (English, then Korean), note and sources."""
    lines = ["", f"  {item['description']}"]
    if item.get("description_ko"):
        lines.append(f"  {item['description_ko']}")
    if item.get("note"):
        lines.append(f"  Note: {item['note']}")
    return lines + ["", "Sources:"] + [f"  {url}" for url in item["sources"]]


def concept(found: dict[str, Any]) -> str:
    """``lineage concept``: what the idea is, where it came from, and its models with sources."""
    lines = [f"{found['name']} ({found['id']}): {found['kind']}"]
    facts = [("aliases", ", ".join(found.get("aliases") or []) or None),
             ("introduced", f"{found['introduced']} by {organizations(found['organization'])}")]
    lines += [f"  {k + ':':<12} {v}" for k, v in facts if v]
    lines += _about(found)
    if found["derived_from"]:
        lines += ["", "Builds on:"] + [f"  {d['name']} ({d['relation']})" for d in found["derived_from"]]
    if found["derived"]:
        lines += ["", "Ideas built on it:"] + [f"  {d['name']} ({d['relation']})" for d in found["derived"]]
    titles = {"introduced": "Introduced or first applied by", "uses": "Used by", "trained-on": "Trained on it",
              "evaluated-on": "Evaluated on it"}
    if not found["models"]:
        lines += ["", "Models: none in the dataset"]
    for relation, models in found["models"].items():
        lines += ["", f"{titles[relation]}: {len(models)}"]
        for m in models:
            line = f"  {m['released']:<10}  {m['name']}"
            if m.get("implied_by"):
                line += f" (implied by its {m['implied_by']})"
            lines.append(line)
            if not m.get("implied_by"):
                if m.get("note"):
                    lines.append(f"    {m['note']}")
                lines.append(f"    source: {m['source']}")
    return "\n".join(lines)


def path(found: LineagePath) -> str:
    """``GPT-1 -> GPT-2 -> GPT-3`` and one line per step; or why there is no chain."""
    if found.steps:
        head = " -> ".join(step.model.name for step in found.steps)
        lines = [
            "  " + RELATION_PHRASE[step.relation]["en"].format(child=step.model.name, parent=before.model.name)
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
         e.get("objective") or "undisclosed", "yes" if e["open_weights"] else "no")
        for e in entries
    ]
    return table(rows, ["released", "model", "organization", "parameters", "objective", "open"]) + \
        f"\n\n{len(entries)} model" + ("" if len(entries) == 1 else "s")


def search_results(found: list[Found], text: str) -> str:
    if not found:
        return f"Nothing matches {text[:80]!r}."
    rows = [(f.name, f.kind, f.id if f.kind != "family" else "", f.released or "", f"{f.score:g}", f.matched)
            for f in found]
    return table(rows, ["name", "kind", "id", "released", "score", "matched"])


def stats(counts: dict[str, Any], top: int = 15) -> str:
    lines = [
        f"{counts['models']} models, {counts['derivations']} derivations, "
        f"{counts['open_weights']} with open weights; {counts['concepts']} concepts, "
        f"{counts['concept_links']} links from models to concepts"
    ]
    if counts.get("as_of"):
        lines.append(f"Releases surveyed up to {counts['as_of']}")
    titles = {
        "by_year": "By year", "by_organization": "By organization", "by_family": "By family",
        "by_objective": "By objective", "by_architecture": "By architecture", "by_relation": "Derivations by relation",
        "concepts_by_kind": "Concepts by kind",
    }
    for key, title in titles.items():
        items = list(counts[key].items())
        if not items:
            continue
        lines += ["", title]
        shown = items if key == "by_year" else items[:top]
        size = max((width(str(k)) for k, _ in shown), default=0)
        lines += [f"  {_pad(str(k), size)}  {v:>4}  {'#' * min(v, 60)}" for k, v in shown]
        if len(shown) < len(items):
            rest = sum(v for _, v in items[len(shown):])
            lines.append(f"  ... {len(items) - len(shown)} more, {rest} models")
    return "\n".join(lines)


def crosscheck(found: list, matched: int, unexplained_only: bool = False) -> str:
    """Disagreements with Epoch's table, unexplained first; the counts always cover all of them."""
    unexplained = [d for d in found if not d.explained]
    explained = [] if unexplained_only else [d for d in found if d.explained]
    lines = [
        f"{matched} models matched in Epoch's table; {len(found)} disagreements, "
        f"{len(unexplained)} not explained by a note"
    ]
    for title, group in (("Not explained", unexplained), ("Explained in a note", explained)):
        if not group:
            continue
        lines += ["", title]
        rows = [(d.name, d.field, d.ours, d.theirs, d.epoch_model) for d in group]
        lines += ["  " + line for line in table(rows, ["model", "field", "ours", "Epoch", "Epoch row"]).splitlines()]
    return "\n".join(lines)
