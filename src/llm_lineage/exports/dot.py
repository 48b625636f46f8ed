"""Graphviz DOT: ``dot -Tsvg lineage.dot > lineage.svg``."""

from __future__ import annotations

from ..interface import LineageGraph
from ..vocabulary import WEIGHT_RELATIONS

STYLES = {"successor": "bold", "architecture": "dashed", "trained-on-outputs": "dotted", "distilled": "dotted",
          "product": "dashed"}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def render(G: LineageGraph) -> bytes:
    lines = ["digraph lineage {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=9];']
    for n in sorted(G):
        attrs = G.nodes[n]
        name = _quote(attrs["name"])[1:-1]
        lines.append(f'  {_quote(n)} [label="{name}\\n{attrs["released"]}"];')
    for u, v in sorted(G.edges()):
        relation = G.edges[u, v]["relation"]
        style = "solid" if relation in WEIGHT_RELATIONS else STYLES.get(relation, "solid")
        lines.append(f"  {_quote(u)} -> {_quote(v)} [label={_quote(relation)}, style={style}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")
