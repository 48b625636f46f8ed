"""Model names: loose comparison, resolution to ids, suggestions.

People write ``llama2``, ``Llama-2`` and ``LLaMA 2`` for the same model. Names
are compared case-insensitively, ignoring spaces, dots, hyphens and underscores.
"""

from __future__ import annotations

import difflib
import re
import weakref
from collections.abc import Iterable, Mapping
from typing import Any

from .errors import UnknownModelError

_IGNORED = re.compile(r"[\s.\-_]+")


def normalize(name: str) -> str:
    """The form in which two names are compared.

    >>> normalize("LLaMA 2") == normalize("llama-2") == normalize("Llama2")
    True
    """
    return _IGNORED.sub("", name).casefold()


class NameIndex:
    """Maps every id, name and alias to its model id."""

    def __init__(self, records: Iterable[tuple[str, Mapping[str, Any]]]):
        self.ids: dict[str, str] = {}
        self.labels: dict[str, str] = {}  # normalized -> a label as written, for suggestions
        for mid, attrs in records:
            name = attrs.get("name", mid)
            for label in (mid, name, *attrs.get("aliases", ())):
                key = normalize(label)
                self.ids.setdefault(key, mid)
                self.labels.setdefault(key, name)

    def resolve(self, name: str) -> str:
        key = normalize(name)
        if key in self.ids:
            return self.ids[key]
        raise UnknownModelError(name, self.suggest(name))

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """Display names of the models whose id, name or alias is close to ``name``, best first.

        Only names about as close as the best one are offered, so a clear typo
        gets one suggestion.
        """
        key = normalize(name)
        scored = []
        matcher = difflib.SequenceMatcher(b=key)
        for candidate in self.ids:
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6:
                ratio = matcher.ratio()
                if ratio >= 0.6:
                    scored.append((ratio, candidate))
        if not scored and key:
            scored = [(0.6, k) for k in self.ids if k.startswith(key) or key in k]
        scored.sort(key=lambda t: (-t[0], t[1]))
        best = scored[0][0] if scored else 0.0
        names: dict[str, None] = {}
        for ratio, candidate in scored:
            if ratio >= best - 0.1:
                names.setdefault(self.labels[candidate], None)
        return list(names)[:n]


_INDEXES: "weakref.WeakKeyDictionary[Any, tuple[int, NameIndex]]" = weakref.WeakKeyDictionary()


def name_index(G: Any) -> NameIndex:
    """The name index of a lineage graph, built once per graph."""
    cached = _INDEXES.get(G)
    if cached is not None and cached[0] == len(G):
        return cached[1]
    index = NameIndex(G.nodes(data=True))
    _INDEXES[G] = (len(G), index)
    return index


def resolve(G: Any, name: str) -> str:
    """The id of the model called ``name`` (an id, a name or an alias).

    Raises :class:`~llm_lineage.errors.UnknownModelError`, with the closest
    names as suggestions, when nothing matches.
    """
    if name in G:
        return name
    return name_index(G).resolve(name)
