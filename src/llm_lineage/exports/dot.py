"""Graphviz DOT: ``dot -Tsvg lineage.dot > lineage.svg``.

Models are boxes labelled with name and release date; concepts are ellipses
labelled with name and kind. Every string is quoted, with backslashes, quotes
and line breaks escaped, so no name can end a statement or add attributes.
"""

from __future__ import annotations

from ..interface import LineageGraph
from ..vocabulary import WEIGHT_RELATIONS
from . import items

__all__ = ["render"]

STYLES = {"successor": "bold", "architecture": "dashed", "trained-on-outputs": "dotted", "distilled": "dotted",
          "product": "dashed"}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace("\n", " ")


def _quote(text: str) -> str:
    return f'"{_escape(text)}"'


def render(G: LineageGraph) -> bytes:
    lines = ["digraph lineage {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=9];']
    for n, attrs in items.nodes(G):
        if attrs["kind"] == "model":
            lines.append(f'  {_quote(n)} [label="{_escape(attrs["name"])}\\n{attrs["released"]}"];')
        else:
            lines.append(f'  {_quote(n)} [label="{_escape(attrs["name"])}\\n({_escape(attrs["kind"])})", '
                         'shape=ellipse];')
    for u, v, attrs in items.edges(G):
        relation = attrs["relation"]
        if attrs["kind"] == "derivation":
            style = "solid" if relation in WEIGHT_RELATIONS else STYLES.get(relation, "solid")
        else:
            style = "dotted"
        lines.append(f"  {_quote(u)} -> {_quote(v)} [label={_quote(relation)}, style={style}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")
