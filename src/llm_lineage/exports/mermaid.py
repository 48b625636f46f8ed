"""Mermaid flowcharts, which GitHub renders inside Markdown.

Lines show the relation: a solid arrow where the child starts from the
parent's weights, a dotted one where it reuses the recipe, learns from the
parent's outputs or is served on it, a thick one for a new generation.
"""

from __future__ import annotations

from ..interface import LineageGraph
from ..vocabulary import WEIGHT_RELATIONS

ARROWS = {"successor": "==>", "architecture": "-.->", "trained-on-outputs": "-.->", "distilled": "-.->",
          "product": "-.->"}


def _label(text: str) -> str:
    """Text for inside ``["..."]``: Mermaid's entity codes for characters it would parse."""
    for char, code in (("&", "#amp;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        text = text.replace(char, code)
    return text


def render(G: LineageGraph) -> bytes:
    ids = {n: f"m{i}" for i, n in enumerate(sorted(G))}
    lines = ["flowchart LR"]
    for n in sorted(G):
        attrs = G.nodes[n]
        lines.append(f'  {ids[n]}["{_label(attrs["name"])}<br/>{attrs["year"]}"]')
    for u, v in sorted(G.edges()):
        relation = G.edges[u, v]["relation"]
        arrow = "-->" if relation in WEIGHT_RELATIONS else ARROWS.get(relation, "-->")
        lines.append(f"  {ids[u]} {arrow}|{relation}| {ids[v]}")
    return ("\n".join(lines) + "\n").encode("utf-8")
