"""Search: models, concepts and families by name, alias, organization or description, best first.

A name or alias that equals the query (compared as :func:`~llm_lineage.names.normalize`
compares names) scores 100, whatever it names; then names that start with the
query, then names that contain it, then names spelt close to it, then
organizations, then words of a description. So ``search LoRA`` answers the LoRA
concept before any model whose alias merely contains "lora", and ``search HELM``
the HELM benchmark before ELMo. The query is cut to 200 characters (no name is
longer) and 20 words, so any query answers quickly.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any, NamedTuple

from .interface import LineageGraph, release_key
from .names import name_index, normalize

__all__ = ["SearchHit", "search", "MAX_QUERY"]

MAX_QUERY = 200
MAX_WORDS = 20


class SearchHit(NamedTuple):
    """Something matching a search: its kind, id, score from 0 to 100 and where it matched."""

    kind: str  # model, concept or family
    id: str  # the model or concept id, or the family's name
    score: float
    matched: str  # id, name, alias, organization or description


def _label_score(query: str, key: str) -> float:
    if key == query:
        return 100.0
    if key.startswith(query):
        return 90.0 - min(10, len(key) - len(query))
    if query in key:
        return 75.0 - min(10, len(key) - len(query))
    matcher = difflib.SequenceMatcher(None, query, key)
    if matcher.real_quick_ratio() < 0.75 or matcher.quick_ratio() < 0.75:
        return 0.0
    ratio = matcher.ratio()
    return 70.0 * ratio if ratio >= 0.75 else 0.0


def _score(query: str, text: str, words: list[str], labels: Iterable[tuple[str, str]],
           organizations: Iterable[str], description: str) -> tuple[float, str]:
    best, where = 0.0, ""
    for field, label in labels:
        score = _label_score(query, normalize(label)[:MAX_QUERY * 2])
        if score > best:
            best, where = score, field
    if best < 50:
        folded = text.casefold()
        if any(folded in org.casefold() for org in organizations):
            best, where = 50.0, "organization"
    if best < 40 and words:
        described = description.casefold()
        hits = sum(1 for w in words if w in described)
        if hits:
            score = 40.0 * hits / len(words)
            if score > best:
                best, where = score, "description"
    return best, where


def search(G: LineageGraph, text: str, *, limit: int = 10, kinds: Iterable[str] = ("model", "concept", "family")
           ) -> list[SearchHit]:
    """Models, concepts and families matching ``text``, best first (ties: models by release, then by id).

    >>> from llm_lineage.graph import example_graph
    >>> search(example_graph(), "Roberta")
    [SearchHit(kind='model', id='roberta', score=100.0, matched='name')]
    """
    text = text[:MAX_QUERY]
    query = normalize(text)
    words = [w for w in text.casefold().split() if w][:MAX_WORDS]
    if not query:
        return []
    wanted = set(kinds)
    results: list[tuple[SearchHit, Any]] = []
    if "model" in wanted:
        for node, attrs in G.nodes(data=True):
            labels = [("name", attrs["name"]), *(("alias", a) for a in attrs.get("aliases", ())),
                      ("id", node), *(("hub id", h) for h in attrs.get("huggingface", ()))]
            score, where = _score(query, text, words, labels, attrs["organization"], attrs.get("description", ""))
            if score > 0:
                results.append((SearchHit("model", node, round(score, 1), where), release_key(G, node)))
    concepts = G.graph.get("concepts") or {}
    if "concept" in wanted:
        for cid, c in concepts.items():
            labels = [("name", c["name"]), *(("alias", a) for a in c.get("aliases", ())), ("id", cid)]
            score, where = _score(query, text, words, labels, c["organization"], c.get("description", ""))
            if score > 0:
                results.append((SearchHit("concept", cid, round(score, 1), where), (c["introduced"], c["name"], cid)))
    if "family" in wanted:
        for family in name_index(G).family_members:
            score = _label_score(query, normalize(family))
            if score > 0:
                results.append((SearchHit("family", family, round(score, 1), "name"), ("", family, family)))
    kind_rank = {"model": 0, "concept": 1, "family": 2}
    results.sort(key=lambda r: (-r[0].score, kind_rank[r[0].kind] if r[0].score == 100 else 0, r[1]))
    return [hit for hit, _ in results[:limit]]
