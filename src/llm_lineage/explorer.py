"""The interactive explorer: one self-contained HTML page drawn with vis-network, in Korean or English.

pyvis supplies the vis-network library (shipped inside the pyvis package, so
the page needs no internet). The page itself comes from our own template, with
autoescaping on, because pyvis's template writes its heading and node ids raw
and switches to an ``innerHTML`` popup when a title contains "href". Every
string from the dataset reaches the page only inside one JSON document (``<``,
``>`` and ``&`` escaped) and is put into the page with ``textContent``; only
http(s) URLs become links.

The page draws the layout of :mod:`llm_lineage.layout`; names are drawn by the
page itself, most important first, where they do not overlap (like place
names on a map), so the opening view names the models of the lecture notes and
the milestones, and zooming in reveals the rest. Colours belong to
organizations, the same in every page; they stay apart under the common
colour-vision deficiencies and keep a 3:1 contrast with the background.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from . import layout
from .interface import LineageGraph, by_release
from .units import format_size
from .vocabulary import (
    ARCHITECTURE_MEANING,
    CONCEPT_KIND_MEANING,
    CONCEPT_LINK_MEANING,
    OBJECTIVE_MEANING,
    RELATION_MEANING,
    RELATION_PHRASE,
    WEIGHT_RELATIONS,
)

__all__ = ["page_data", "render_page", "write_page", "subset_words", "ORG_COLOURS", "ORG_GROUPS", "OTHER_COLOUR", "LECTURE_MODELS"]

#: Organizations drawn in one colour: the names a lab has used over the years.
ORG_GROUPS = {
    "Google": "Google", "Google Brain": "Google", "Google Research": "Google", "Google AI": "Google",
    "Google DeepMind": "Google", "DeepMind": "Google",
    "Meta AI": "Meta", "Facebook AI Research": "Meta", "Facebook AI": "Meta", "Facebook": "Meta", "Meta": "Meta",
    "Meta Superintelligence Labs": "Meta", "Meta FAIR": "Meta",
    "Microsoft": "Microsoft", "Microsoft Research": "Microsoft", "Microsoft Research Asia": "Microsoft",
    "Microsoft AI": "Microsoft",
    "Alibaba": "Alibaba", "Alibaba Cloud": "Alibaba", "Qwen Team": "Alibaba", "Alibaba Group": "Alibaba",
    "OpenAI": "OpenAI", "Anthropic": "Anthropic", "DeepSeek": "DeepSeek", "Mistral AI": "Mistral AI",
    "NVIDIA": "NVIDIA", "Zhipu AI": "Zhipu AI", "Z.ai": "Zhipu AI",
}
#: One colour per named organization, fixed: the same in every page, whatever subset it shows.
#: Chosen so that every pair differs by at least 10 (CIEDE2000) in normal vision and under simulated
#: protanopia, deuteranopia and tritanopia, and every colour has 3:1 contrast with white (tested).
ORG_COLOURS = {
    "OpenAI": "#00784b", "Google": "#0f0fff", "Meta": "#3c96a5", "Microsoft": "#ff2d96", "Anthropic": "#96005a",
    "DeepSeek": "#9678ff", "Alibaba": "#a58700", "Mistral AI": "#960f00", "Zhipu AI": "#872da5", "NVIDIA": "#876900",
}
OTHER_COLOUR = "#737373"
OTHER = "other"

#: The models of the lecture notes (shared/seeds): named first when the page opens.
LECTURE_MODELS = (
    "transformer", "elmo", "bert", "roberta", "albert", "distilbert", "tinybert", "mobilebert", "electra", "t5",
    "flan-t5", "gpt-1", "gpt-2", "gpt-3", "codex", "instructgpt", "gpt-3.5", "text-davinci-003", "chatgpt",
    "gpt-4", "llama", "alpaca", "vicuna", "opt", "palm", "lamda", "bard", "claude", "gemini-1.0", "llama-2",
)

SHAPES = {"LM": "dot", "MLM": "square", "text-to-text": "diamond", "RTD": "triangle", "PLM": "triangleDown",
          "blank-infilling": "star", "mixture": "hexagon", "distillation": "ellipse", "supervised": "box",
          "diffusion": "database", None: "dot"}
EDGE_STYLE = {  # colour, dashes, width
    "successor": ("#333333", False, 3),
    "architecture": ("#6e6e6e", [2, 6], 1),
    "continued-pretraining": ("#1f5fa8", False, 2),
    "fine-tuned": ("#2a7a2a", False, 2),
    "preference-tuned": ("#7b3fa8", False, 2),
    "adapter": ("#117a8b", False, 2),
    "distilled": ("#b35900", [6, 4], 2),
    "merged": ("#8c564b", False, 2),
    "quantized": ("#6e6e6e", [2, 2], 1),
    "trained-on-outputs": ("#c0392b", [1, 4], 2),
    "product": ("#b0327a", [8, 4], 2),
}


def colour_group(organizations: list[str]) -> str:
    """The colour group of a model: its primary organization's, or ``other``."""
    group = ORG_GROUPS.get(organizations[0], organizations[0])
    return group if group in ORG_COLOURS else OTHER


def _size(parameters: list[int] | None) -> float:
    """Radius in canvas units: 6 for 100M parameters, about 12 for 7B, 17 for 175B, 20 for 1T."""
    if not parameters:
        return 9.0
    return round(5 + 3.6 * math.log10(max(parameters) / 1e8 + 1), 1)


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element: nothing in it can close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _sizes(attrs: dict[str, Any]) -> str | None:
    if not attrs.get("parameters"):
        return None
    active = dict(attrs.get("active_parameters") or [])
    return ", ".join(format_size(n) + (f" ({format_size(active[n])})" if n in active else "")
                     for n in attrs["parameters"])


#: A subset page counts each model's ancestors and descendants in the whole dataset, within this many steps
#: of walking in all; past it (a huge subset of a huge dataset) the panel gives the page's own counts.
COUNT_BUDGET = 2_000_000


def _counts(full: LineageGraph, ids: list[str]) -> dict[str, tuple[int, int]] | None:
    """Ancestors and descendants of each model of a subset page in the whole dataset, or None past the budget."""
    from .graph import ancestors, descendants

    out, spent = {}, 0
    for n in ids:
        up, down = len(ancestors(full, n)), len(descendants(full, n))
        spent += up + down + 1
        if spent > COUNT_BUDGET:
            return None
        out[n] = (up, down)
    return out


def _reach(G: LineageGraph, n: str) -> int:
    """Children and grandchildren: how much came of a model, counted in linear time over the graph."""
    return len(G.succ[n]) + sum(len(G.succ[c]) for c in G.succ[n])


def _importance(G: LineageGraph, n: str, first: bool, latest: bool) -> float:
    """How much a model deserves its name on the overview: lecture-note models, then milestones."""
    score = math.log2(1 + _reach(G, n)) * 10
    if n in LECTURE_MODELS:
        score += 1000
    if first:
        score += 60  # the first model of a family
    if latest:
        score += 45  # the newest model of a family
    return round(score, 1)


def page_data(G: LineageGraph, full: LineageGraph | None = None, *, subset: dict[str, Any] | None = None
              ) -> dict[str, Any]:
    """Everything the page draws, as plain data (also handy for tests).

    ``G`` is what the page shows; ``full`` the whole dataset it was cut from
    (for the counts in the side panel and the models left out), default ``G``.
    ``subset`` describes the cut in words, ``{"en": ..., "ko": ...}``.
    """
    full = G if full is None else full
    shown = layout.compute(G)
    ids = by_release(G, G)
    # The whole dataset: the page counts a model's relatives itself when it is selected.
    counts = None if len(G) == len(full) else _counts(full, ids)
    families: dict[str, list[str]] = {}
    for n in ids:
        family = G.nodes[n].get("family")
        if family:
            families.setdefault(family, []).append(n)
    concepts = G.graph.get("concepts") or {}
    from .concepts import concepts_of_model

    models: dict[str, Any] = {}
    for n in ids:
        attrs = G.nodes[n]
        family = attrs.get("family")
        members = families.get(family, [])
        group = colour_group(attrs["organization"])
        x, row = shown.positions[n]
        ancestors_count, descendants_count = counts[n] if counts else (None, None)
        models[n] = {
            "name": attrs["name"], "aliases": attrs.get("aliases", []), "family": family,
            "organization": attrs["organization"], "group": group,
            "released": attrs["released"], "year": attrs["year"], "sizes": _sizes(attrs),
            "objective": attrs.get("objective"), "architecture": attrs.get("architecture"),
            "open_weights": attrs["open_weights"], "huggingface": attrs.get("huggingface", []),
            "description": attrs["description"], "description_ko": attrs.get("description_ko"),
            "sources": attrs["sources"], "note": attrs.get("note"),
            "x": x, "row": row, "shape": SHAPES.get(attrs.get("objective"), "dot"),
            "size": _size(attrs.get("parameters")), "disclosed": bool(attrs.get("parameters")),
            "importance": _importance(G, n, bool(members) and members[0] == n,
                                      bool(members) and members[-1] == n and len(members) > 1),
            "ancestors": ancestors_count, "descendants": descendants_count,
            "parents": [
                {"id": p, "name": full.nodes[p]["name"], "relation": full.edges[p, n]["relation"],
                 "since": full.edges[p, n].get("since"), "note": full.edges[p, n].get("note"),
                 "source": full.edges[p, n]["source"], "shown": p in G}
                for p in by_release(full, full.pred[n])
            ],
            "children": [
                {"id": c, "name": full.nodes[c]["name"], "relation": full.edges[n, c]["relation"],
                 "shown": c in G}
                for c in by_release(full, full.succ[n])
            ],
            "concepts": [{"id": c["id"], "relation": c["relation"], "implied_by": c["implied_by"]}
                         for c in concepts_of_model(G, n) if c["id"] in concepts],
        }
    edges = [{"from": u, "to": v, "relation": G.edges[u, v]["relation"], "since": G.edges[u, v].get("since")}
             for u, v in sorted(G.edges())]
    page_concepts = {}
    if concepts:
        from .concepts import models_of

        for cid in sorted(concepts):
            c = concepts[cid]
            linked = models_of(full, cid)
            page_concepts[cid] = {
                "name": c["name"], "aliases": c.get("aliases", []), "kind": c["kind"], "introduced": c["introduced"],
                "organization": c["organization"], "description": c["description"],
                "description_ko": c.get("description_ko"), "sources": c["sources"], "note": c.get("note"),
                "derived_from": [{"id": d["concept"], "relation": d["relation"]} for d in c.get("derived_from", [])],
                "models": {relation: [m for m, _ in links] for relation, links in linked.items()},
            }
    return {
        "models": models,
        "order": ids,
        "edges": edges,
        "concepts": page_concepts,
        "layout": {"rows": shown.rows, "span": shown.span, "px_per_day": layout.PX_PER_DAY,
                   "bands": [[*b, G.nodes[first]["name"]] for b, first in zip(shown.bands, shown.firsts) if b.name],
                   "years": shown.years},
        "legend": {
            "organizations": [[g, c] for g, c in ORG_COLOURS.items()] + [[OTHER, OTHER_COLOUR]],
            "shapes": [[o, SHAPES[o], OBJECTIVE_MEANING[o]] for o in OBJECTIVE_MEANING],
            "architectures": ARCHITECTURE_MEANING,
            "relations": [[r, *EDGE_STYLE[r], RELATION_MEANING[r], RELATION_PHRASE[r], r in WEIGHT_RELATIONS]
                          for r in RELATION_MEANING],
            "concept_kinds": CONCEPT_KIND_MEANING,
            "concept_links": CONCEPT_LINK_MEANING,
        },
        "summary": {"models": G.number_of_nodes(), "derivations": G.number_of_edges(), "total": len(full),
                    "version": G.graph.get("version"), "as_of": G.graph.get("as_of"), "subset": subset},
    }


def subset_words(focused: list[str], up: bool, filters: dict[str, Any]) -> dict[str, str]:
    """How a page of part of the dataset names what it shows, in English and Korean.

    >>> subset_words(["Vicuna"], False, {})["en"], subset_words(["Vicuna"], True, {"since": 2022})["ko"]
    ("Vicuna's family", 'Vicuna의 조상 · 2022년부터')
    """
    en, ko = [], []
    if focused:
        names = ", ".join(focused)
        en.append(f"{names}'s ancestors" if up else f"{names}'s family")
        ko.append(f"{names}의 조상" if up else f"{names}의 계보")
    labels = {"org": ("organization {v}", "기관 {v}"), "family": ("family {v}", "계열 {v}"),
              "uses": ("models using {v}", "{v} 사용 모델"), "objective": ("objective {v}", "목표 {v}"),
              "architecture": ("architecture {v}", "구조 {v}"), "since": ("from {v}", "{v}년부터"),
              "until": ("until {v}", "{v}년까지")}
    for key, value in filters.items():
        if key == "open_weights":
            en.append("open weights" if value else "closed weights")
            ko.append("가중치 공개" if value else "가중치 비공개")
        elif key in labels:
            shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            en.append(labels[key][0].format(v=shown))
            ko.append(labels[key][1].format(v=shown))
    return {"en": " · ".join(en), "ko": " · ".join(ko)}


def _library(name: str) -> str:
    import pyvis

    return (Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def render_page(G: LineageGraph, full: LineageGraph | None = None, *, subset: dict[str, Any] | None = None,
                title: str = "LLM lineage") -> str:
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
        data=jinja2.utils.markupsafe.Markup(_script_json(page_data(G, full, subset=subset))),
    )


def write_page(G: LineageGraph, out: Path, full: LineageGraph | None = None, *,
               subset: dict[str, Any] | None = None) -> Path:
    from .output import write_atomic

    return write_atomic(out, render_page(G, full, subset=subset).encode("utf-8"))
