"""Names: how two names are compared, and how a name finds a model, a concept or a family.

People write ``llama2``, ``Llama-2``, ``LLaMA 2`` and ``ＬＬａＭＡ ２`` for the
same model. Names are compared after Unicode NFKC normalization, with format
characters (zero-width spaces, byte-order marks) dropped, case folded, and
spaces, dots, hyphens and dashes, underscores and middle dots ignored. Hangul
names are compared the same way. The page's search box applies the same steps
(its ``normalize`` is tested against this one).

For uniqueness, names are also compared by their *look-alike key*: a non-ASCII
letter that looks like an ASCII one (Cyrillic ``Р``, Greek ``Ο``) counts as
that letter, using Unicode's confusables data as shipped by the
``confusable-homoglyphs`` package.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
import weakref
from collections.abc import Iterable
from typing import Any, NamedTuple

from .errors import UnknownModelError

__all__ = ["normalize", "look_alike_key", "mixes_look_alikes", "NameIndex", "Named", "name_index", "resolve",
           "IGNORED_CHARACTERS"]

#: Characters ignored when names are compared (also used, as written, by the page's script).
IGNORED_CHARACTERS = r"\s.\-_\u00ad\u00b7\u2010-\u2015\u2212\u30fb"
_IGNORED = re.compile(f"[{IGNORED_CHARACTERS}]+")
_ASCII_IGNORED = str.maketrans("", "", " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f._-")


def normalize(name: str) -> str:
    """The form in which two names are compared.

    >>> normalize("LLaMA 2") == normalize("llama-2") == normalize("Llama_2") == normalize("ＬＬａＭＡ２")
    True
    >>> normalize("GPT\\u200b-4"), normalize("하이퍼클로바 X")
    ('gpt4', '하이퍼클로바x')
    """
    if name.isascii():
        return name.translate(_ASCII_IGNORED).lower()
    text = unicodedata.normalize("NFKC", name)
    if not text.isascii():
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return _IGNORED.sub("", text).casefold()


@functools.cache
def _ascii_look_alikes() -> dict[str, str]:
    """Non-ASCII character -> the ASCII character it looks like (Unicode's confusables data)."""
    import json
    from importlib import resources

    table = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    out = {}
    for char, glyphs in table.items():
        if len(char) == 1 and not char.isascii():
            ascii_glyphs = sorted(g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalnum())
            if ascii_glyphs:
                out[char] = ascii_glyphs[0]
    return out


def look_alike_key(name: str) -> str:
    """:func:`normalize`, with letters that look like ASCII letters replaced by them.

    >>> look_alike_key("GРТ-4") == look_alike_key("GPT-4")  # Cyrillic Р and Т
    True
    >>> look_alike_key("엑사원")
    '엑사원'
    """
    text = unicodedata.normalize("NFKC", name)
    if not text.isascii():
        table = _ascii_look_alikes()
        text = "".join(table.get(c, c) for c in text if unicodedata.category(c) != "Cf")
    return normalize(text)


_WORD = re.compile(r"[^\W\d_]+")


def mixes_look_alikes(name: str) -> bool:
    """Whether a word of the name mixes ASCII letters with letters made to look like them (``GРТ-4``).

    A word of its own in another script is fine: ``PanGu-α`` is its authors' name.

    >>> [mixes_look_alikes(n) for n in ("GРТ-4", "GPT-4", "PanGu-α", "Tülu 3", "카나나 2")]
    [True, False, False, False, False]
    """
    text = unicodedata.normalize("NFKC", name)
    if text.isascii():
        return False
    table = _ascii_look_alikes()
    for word in _WORD.findall(text):
        if any(c.isascii() for c in word) and any(c in table and table[c].isalpha() for c in word):
            return True
    return False


class Named(NamedTuple):
    """What a name stands for: a model, a concept or a family, and its id (or the family's name)."""

    kind: str  # "model", "concept" or "family"
    id: str


class NameIndex:
    """Maps every id, name, alias and Hub id of the models, and the concepts and families, to what they name."""

    def __init__(self, records: Iterable[tuple[str, Any]], concepts: Iterable[tuple[str, Any]] = ()):
        self.ids: dict[str, str] = {}  # models
        self.labels: dict[str, str] = {}  # normalized -> display name, for suggestions
        self.concepts: dict[str, str] = {}
        self.families: dict[str, str] = {}  # normalized -> family as written
        self.family_members: dict[str, list[str]] = {}
        for mid, attrs in records:
            name = attrs.get("name", mid)
            for label in (mid, name, *attrs.get("aliases", ()), *attrs.get("huggingface", ())):
                key = normalize(label)
                self.ids.setdefault(key, mid)
                self.labels.setdefault(key, name)
            family = attrs.get("family")
            if family:
                self.families.setdefault(normalize(family), family)
                self.family_members.setdefault(family, []).append(mid)
        for cid, attrs in concepts:
            for label in (cid, attrs.get("name", cid), *attrs.get("aliases", ())):
                key = normalize(label)
                self.concepts.setdefault(key, cid)
                self.labels.setdefault(key, attrs.get("name", cid))

    def find(self, name: str) -> Named | None:
        """What ``name`` stands for: a model first, then a concept, then a family; None if nothing."""
        key = normalize(name)
        if key in self.ids:
            return Named("model", self.ids[key])
        if key in self.concepts:
            return Named("concept", self.concepts[key])
        if key in self.families:
            return Named("family", self.families[key])
        return None

    def resolve(self, name: str) -> str:
        """The id of the model called ``name``; an error that says what else the name is, if anything."""
        found = self.find(name)
        if found is not None and found.kind == "model":
            return found.id
        if found is not None and found.kind == "family":
            count = len(self.family_members.get(found.id, []))
            raise UnknownModelError(name, [], hint=f"{found.id} is a family of {count} models, not one model; "
                                                   f"`lineage family {found.id}` lists them")
        if found is not None and found.kind == "concept":
            raise UnknownModelError(name, [], hint=f"it is a concept, not a model; `lineage concept {name}` "
                                                   "shows it and the models that use it")
        raise UnknownModelError(name, self.suggest(name))

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """Display names of the models whose id, name or alias is close to ``name``, best first.

        Only names about as close as the best one are offered, so a clear typo
        gets one suggestion.
        """
        key = normalize(name)[:200]
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


_INDEXES: weakref.WeakKeyDictionary[Any, tuple[int, NameIndex]] = weakref.WeakKeyDictionary()


def name_index(G: Any) -> NameIndex:
    """The name index of a lineage graph (its models, and the concepts in ``G.graph``), built once per graph."""
    cached = _INDEXES.get(G)
    if cached is not None and cached[0] == len(G):
        return cached[1]
    concepts = G.graph.get("concepts") or {}
    index = NameIndex(G.nodes(data=True), concepts.items())
    _INDEXES[G] = (len(G), index)
    return index


def resolve(G: Any, name: str) -> str:
    """The id of the model called ``name`` (an id, a name, an alias or a Hugging Face repository id).

    Raises :class:`~llm_lineage.errors.UnknownModelError` when nothing matches,
    with the closest names as suggestions, or saying that the name is a family
    or a concept.
    """
    if name in G:
        return name
    return name_index(G).resolve(name)
