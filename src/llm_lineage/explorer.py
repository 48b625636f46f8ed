"""The interactive explorer: one self-contained HTML page drawn with vis-network.

pyvis supplies the vis-network library (shipped inside the pyvis package, so
the page needs no internet) and the ``Network`` that holds nodes, edges and
options. The page itself comes from our own template, with autoescaping on,
because pyvis's template writes its heading and node ids raw and switches to an
``innerHTML`` popup when a title contains "href". Every string from the dataset
reaches the page only inside one JSON document (``<``, ``>`` and ``&`` escaped)
and is put into the page with ``textContent``; only http(s) URLs become links.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

from . import layout
from .interface import LineageGraph, by_release
from .units import format_sizes
from .vocabulary import (
    ARCHITECTURE_MEANING,
    OBJECTIVE_MEANING,
    RELATION_MEANING,
    RELATION_PHRASE,
    WEIGHT_RELATIONS,
)

__all__ = ["page_data", "render_page", "write_page"]

#: Organizations drawn in one colour: the names a lab has used over the years.
ORG_GROUPS = {
    "Google": "Google", "Google Brain": "Google", "Google Research": "Google", "Google AI": "Google",
    "Google DeepMind": "Google", "DeepMind": "Google",
    "Meta AI": "Meta", "Facebook AI Research": "Meta", "Facebook AI": "Meta", "Facebook": "Meta", "Meta": "Meta",
    "Microsoft": "Microsoft", "Microsoft Research": "Microsoft", "Microsoft Research Asia": "Microsoft",
    "Alibaba": "Alibaba", "Alibaba Cloud": "Alibaba", "Qwen Team": "Alibaba",
    "NAVER": "NAVER", "NAVER Cloud": "NAVER",
    "Cohere": "Cohere", "Cohere For AI": "Cohere",
}
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
           "#bcbd22", "#393b79", "#637939", "#ad494a"]
OTHER_COLOUR = "#9a9a9a"
OTHER = "Other organizations"

SHAPES = {"LM": "dot", "MLM": "square", "text-to-text": "diamond", "RTD": "triangle", "PLM": "triangleDown",
          "blank-infilling": "star", "mixture": "box", "distillation": "ellipse", "supervised": "text",
          "diffusion": "database", None: "hexagon"}
EDGE_STYLE = {  # colour, dashes, width
    "successor": ("#444444", False, 3),
    "architecture": ("#8c8c8c", [2, 6], 1),
    "continued-pretraining": ("#1f77b4", False, 2),
    "fine-tuned": ("#2ca02c", False, 2),
    "preference-tuned": ("#9467bd", False, 2),
    "adapter": ("#17becf", False, 2),
    "distilled": ("#ff7f0e", [6, 4], 2),
    "merged": ("#8c564b", False, 2),
    "trained-on-outputs": ("#d62728", [1, 4], 2),
    "product": ("#e377c2", [8, 4], 2),
    "quantized": ("#7f7f7f", [2, 2], 1),
}


def _colour_groups(G: LineageGraph, named: int = len(PALETTE)) -> dict[str, str]:
    """Colour group -> colour: the largest groups by number of models; the rest share grey."""
    counts = Counter(ORG_GROUPS.get(G.nodes[n]["organization"][0], G.nodes[n]["organization"][0]) for n in G)
    largest = [g for g, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:named] if _ > 1]
    return {g: PALETTE[i] for i, g in enumerate(largest)}


def _size(parameters: list[int] | None) -> float:
    """Radius in pixels: 7 for 100M parameters, about 13 for 7B, 19 for 175B, 22 for 1T."""
    if not parameters:
        return 11.0
    return round(6 + 4 * math.log10(max(parameters) / 1e8 + 1), 1)


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element: nothing in it can close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def page_data(G: LineageGraph) -> dict[str, Any]:
    """Everything the page draws, as plain data (also handy for tests)."""
    from pyvis.network import Network

    positions = layout.compute(G)
    colours = _colour_groups(G)
    net = Network(directed=True, cdn_resources="remote")
    # add_node checks membership in a list, so adding n nodes costs O(n^2):
    # fill pyvis's lists directly instead.
    net.nodes = []
    net.edges = []
    models: dict[str, Any] = {}
    for n in sorted(G):
        attrs = G.nodes[n]
        group = ORG_GROUPS.get(attrs["organization"][0], attrs["organization"][0])
        colour = colours.get(group, OTHER_COLOUR)
        disclosed = bool(attrs.get("parameters"))
        x, y = positions.positions[n]
        net.nodes.append({
            "id": n, "label": attrs["name"], "x": x, "y": y,
            "shape": SHAPES.get(attrs.get("objective"), "hexagon"),
            "size": _size(attrs.get("parameters")),
            "color": {"background": colour if disclosed else "#ffffff", "border": colour,
                      "highlight": {"background": colour, "border": "#000000"}},
            "borderWidth": 2 if disclosed else 3,
            "shapeProperties": {"borderDashes": False if disclosed else [3, 3]},
        })
        models[n] = {
            "name": attrs["name"], "aliases": attrs.get("aliases", []),
            "organization": attrs["organization"], "group": group if group in colours else OTHER,
            "released": attrs["released"], "year": attrs["year"],
            "sizes": format_sizes(attrs.get("parameters")), "objective": attrs.get("objective"),
            "architecture": attrs.get("architecture"), "open_weights": attrs["open_weights"],
            "description": attrs["description"], "sources": attrs["sources"], "note": attrs.get("note"),
            "parents": [
                {"id": p, "relation": G.edges[p, n]["relation"], "note": G.edges[p, n].get("note"),
                 "source": G.edges[p, n]["source"]}
                for p in by_release(G, G.pred[n])
            ],
            "children": [
                {"id": c, "relation": G.edges[n, c]["relation"]}
                for c in by_release(G, G.succ[n])
            ],
        }
    for u, v in sorted(G.edges()):
        relation = G.edges[u, v]["relation"]
        colour, dashes, width = EDGE_STYLE[relation]
        net.edges.append({"id": f"{u}\u2192{v}", "from": u, "to": v, "relation": relation,
                          "color": {"color": colour, "opacity": 0.8}, "dashes": dashes, "width": width,
                          "arrows": "to"})
    net.toggle_physics(False)
    options = net.options.to_json() if hasattr(net.options, "to_json") else json.dumps(net.options)
    options = json.loads(options)
    options.update({
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": len(G) > 2000,
                        "keyboard": {"enabled": True, "bindToWindow": False}},
        "nodes": {"font": {"size": 13, "face": "system-ui, sans-serif"}},
        "edges": {"smooth": False, "selectionWidth": 2},
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
    })
    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": options,
        "models": models,
        "years": positions.years,
        "legend": {
            "organizations": [[g, c] for g, c in colours.items()] + [[OTHER, OTHER_COLOUR]],
            "shapes": [[o, SHAPES[o], OBJECTIVE_MEANING[o]["en"]] for o in OBJECTIVE_MEANING] + [[None, SHAPES[None], "objective undisclosed"]],
            "relations": [[r, *EDGE_STYLE[r], RELATION_MEANING[r]["en"], RELATION_PHRASE[r]["en"], r in WEIGHT_RELATIONS]
                          for r in RELATION_MEANING],
            "architectures": ARCHITECTURE_MEANING,
        },
        "summary": {"models": G.number_of_nodes(), "derivations": G.number_of_edges(),
                    "version": G.graph.get("version")},
    }


def _library(name: str) -> str:
    import pyvis

    return (Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def render_page(G: LineageGraph, *, title: str = "LLM lineage explorer") -> str:
    """The explorer page for ``G`` as one HTML string: open it from a file, no internet needed.

    In a notebook: ``IPython.display.HTML(render_page(G))`` (or write it to a file).
    """
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("llm_lineage", "templates"),
        autoescape=True,
        keep_trailing_newline=True,
    )
    template = env.get_template("explorer.html")
    script = _library("vis-network.min.js").replace("</script", "<\\/script")
    return template.render(
        title=title,
        vis_js=jinja2.utils.markupsafe.Markup(script),
        vis_css=jinja2.utils.markupsafe.Markup(_library("vis-network.css").replace("</style", "<\\/style")),
        data=jinja2.utils.markupsafe.Markup(_script_json(page_data(G))),
    )


def write_page(G: LineageGraph, out: Path) -> Path:
    from .output import write_atomic

    return write_atomic(out, render_page(G).encode("utf-8"))
