"""Mermaid flowcharts, which GitHub renders inside Markdown.

Lines show the relation: a solid arrow where the child starts from the
parent's weights, a dotted one where it reuses the recipe, learns from the
parent's outputs or is served on it, a thick one for a new generation.
Concepts are rounded boxes, linked to their models by thin dotted lines.

Names are written inside quoted labels with every character Mermaid would
interpret replaced by its entity code (``#35;`` for ``#``): a name can never
restyle the diagram (``%%{init}%%``), break it (a leading backtick), or be read
as an icon (``fa:fa-...``) or an entity.
"""

from __future__ import annotations

from ..interface import LineageGraph
from ..vocabulary import WEIGHT_RELATIONS
from . import items

__all__ = ["render", "label"]

ARROWS = {"successor": "==>", "architecture": "-.->", "trained-on-outputs": "-.->", "distilled": "-.->",
          "product": "-.->"}
_ESCAPED = {c: f"#{ord(c)};" for c in '#&"<>%`:[](){}|\\;'}


def label(text: str) -> str:
    """Text for inside ``["..."]``: Mermaid's numeric entity codes for characters it would parse.

    >>> label('%%{init: {"theme": "dark"}}%% `x` fa:fa-car #quot;')
    '#37;#37;#123;init#58; #123;#34;theme#34;#58; #34;dark#34;#125;#125;#37;#37; #96;x#96; fa#58;fa-car #35;quot#59;'
    """
    return "".join(_ESCAPED.get(c, c) for c in text)


def render(G: LineageGraph) -> bytes:
    nodes = list(items.nodes(G))
    ids = {n: f"m{i}" for i, (n, _) in enumerate(nodes)}
    lines = ["flowchart LR"]
    for n, attrs in nodes:
        if attrs["kind"] == "model":
            lines.append(f'  {ids[n]}["{label(attrs["name"])}<br/>{attrs["year"]}"]')
        else:
            lines.append(f'  {ids[n]}("{label(attrs["name"])}<br/>{label(attrs["kind"])}")')
    for u, v, attrs in items.edges(G):
        relation = attrs["relation"]
        if attrs["kind"] == "derivation":
            arrow = "-->" if relation in WEIGHT_RELATIONS else ARROWS.get(relation, "-->")
        else:
            arrow = "-.->"
        lines.append(f"  {ids[u]} {arrow}|{relation}| {ids[v]}")
    return ("\n".join(lines) + "\n").encode("utf-8")
