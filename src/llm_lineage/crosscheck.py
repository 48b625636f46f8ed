"""Comparing the dataset with a table in Epoch AI's "Notable AI Models" format.

Epoch's table (CC BY 4.0) has the columns ``Model``, ``Organization``,
``Publication date``, ``Parameters`` and ``Base model``. Its rows name sizes
and variants (``Llama 2-70B``, ``GPT-3 175B (davinci)``, ``Claude 3 Opus``), so
a row is matched to a model by dropping trailing size and variant words until
the rest is a model's id, name or alias. Every matched model is then compared:
release date more than a month apart, largest size more than 10% apart,
organizations with nothing in common, a base model that is not an ancestor.

A disagreement counts as explained when the model's note (or, for a base
model, the edge's note) mentions Epoch: the note says why we differ.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .errors import DataFileError
from .graph import ancestors as all_ancestors
from .interface import LineageGraph
from .load import read_bytes
from .names import normalize
from .units import format_size

__all__ = ["COLUMNS", "Disagreement", "read_epoch", "match_name", "compare", "as_records"]

COLUMNS = ("Model", "Organization", "Publication date", "Parameters", "Base model")

# Words that name a size or a variant of a model rather than the model itself.
_VARIANT = re.compile(
    r"^(\d+(\.\d+)?[kmbt]|\d+x\d+(\.\d+)?b|x{0,2}l|x{0,2}large|base|small|medium|tiny|mini|"
    r"opus|sonnet|haiku|pro|ultra|flash|nano|lite|plus|max|instruct|chat|jumbo|grande|"
    r"v\d+(\.\d+)?|davinci|moe|dense|preview)$",
    re.I,
)
# Words too common to show that two organizations are the same.
_GENERIC = {"ai", "research", "lab", "labs", "inc", "the", "of", "and", "university", "institute",
            "technology", "team", "group", "corporation", "company", "cloud", "center", "laboratory"}
# Organizations known under several names.
_SAME = [{"meta", "facebook"}, {"google", "deepmind", "brain"}, {"microsoft", "msr"}, {"alibaba", "qwen"},
         {"naver", "clova"}, {"huawei", "noah"}, {"baidu", "ernie"}]


@dataclass(frozen=True)
class Disagreement:
    """One difference between a model in the dataset and Epoch's row(s) for it."""

    id: str
    name: str
    field: str  # released, parameters, organization, base_model
    ours: str
    theirs: str
    epoch_model: str
    explained: bool
    note: str | None


def read_epoch(path: str | Path) -> list[dict[str, str]]:
    """The rows of an Epoch-format CSV file."""
    shown = str(path)
    data = read_bytes(Path(path), shown, what="a CSV file")
    try:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise DataFileError(
                f"{shown}: not an Epoch AI table: missing column(s) " + ", ".join(repr(c) for c in missing)
            )
        # A row shorter than the header has None for the missing cells: read them as empty.
        return [{k: (v if isinstance(v, str) else "") for k, v in row.items() if k is not None} for row in reader]
    except UnicodeDecodeError:
        raise DataFileError(f"{shown}: not valid UTF-8") from None
    except csv.Error as exc:
        raise DataFileError(f"{shown}: not a readable CSV file ({exc})") from None


def _index(G: Any) -> dict[str, str]:
    index: dict[str, str] = {}
    for node, attrs in G.nodes(data=True):
        for label in (node, attrs["name"], *attrs.get("aliases", ())):
            index.setdefault(normalize(label), node)
    return index


def match_name(name: str, index: dict[str, str]) -> str | None:
    """The model an Epoch row name refers to, or None.

    >>> match_name("Llama 2-70B", {"llama2": "llama-2", "llama": "llama"})
    'llama-2'
    >>> match_name("GPT-3 175B (davinci)", {"gpt3": "gpt-3"})
    'gpt-3'
    >>> match_name("BERT-Large-CAS", {"bert": "bert"}) is None
    True
    """
    text = re.sub(r"\([^)]*\)", " ", name).strip()
    tokens = [t for t in re.split(r"[\s\-_/,]+", text) if t]
    while tokens:
        key = normalize("".join(tokens))
        if key in index:
            return index[key]
        if not _VARIANT.match(tokens[-1]):
            return None
        tokens.pop()
    return None


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def _date_range(released: str) -> tuple[dt.date, dt.date]:
    parts = [int(p) for p in released.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        start = dt.date(parts[0], parts[1], 1)
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return start, following - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def _words(org: str) -> set[str]:
    words = {w for w in re.split(r"[^a-z0-9]+", org.casefold()) if w and w not in _GENERIC}
    for group in _SAME:
        if words & group:
            words |= group
    return words


def _mentions_epoch(note: str | None) -> bool:
    return bool(note) and "epoch" in note.casefold()


def compare(G: LineageGraph, rows: list[dict[str, str]]) -> tuple[list[Disagreement], dict[str, list[str]]]:
    """Compare ``G`` with Epoch rows. Returns the disagreements and, for each matched
    model, the Epoch row names that matched it."""
    index = _index(G)
    matched: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        model = match_name(row["Model"], index)
        if model is not None:
            matched.setdefault(model, []).append(row)

    found: list[Disagreement] = []
    for model, its_rows in sorted(matched.items(), key=lambda kv: (G.nodes[kv[0]]["released"], kv[0])):
        attrs = G.nodes[model]
        note = attrs.get("note")
        names = ", ".join(sorted({r["Model"] for r in its_rows}))

        def add(field: str, ours: str, theirs: str, explained: bool | None = None) -> None:
            found.append(Disagreement(model, attrs["name"], field, ours, theirs, names,
                                      _mentions_epoch(note) if explained is None else explained, note))

        dates = [d for d in (_parse_date(r["Publication date"]) for r in its_rows) if d]
        if dates:
            theirs = min(dates)
            start, end = _date_range(attrs["released"])
            gap = (start - theirs).days if theirs < start else (theirs - end).days if theirs > end else 0
            if gap > 31:
                add("released", attrs["released"], theirs.isoformat())

        sizes = []
        for r in its_rows:
            try:
                size = float(r["Parameters"])
            except ValueError:
                continue
            if math.isfinite(size) and size > 0:  # "inf" or "nan" in a cell is no size at all
                sizes.append(size)
        if sizes:
            theirs_size = max(sizes)
            ours_sizes = attrs.get("parameters")
            if not ours_sizes:
                add("parameters", "undisclosed", format_size(int(theirs_size)))
            elif abs(max(ours_sizes) - theirs_size) > 0.1 * theirs_size:
                add("parameters", format_size(max(ours_sizes)), format_size(int(theirs_size)))

        theirs_orgs = {o.strip() for r in its_rows for o in r["Organization"].split(",") if o.strip()}
        if theirs_orgs:
            ours_words = set().union(*(_words(o) for o in attrs["organization"]))
            theirs_words = set().union(*(_words(o) for o in theirs_orgs))
            if not ours_words & theirs_words:
                add("organization", "; ".join(attrs["organization"]), "; ".join(sorted(theirs_orgs)))

        ancestors = {h.id for h in all_ancestors(G, model)}
        bases = {b.strip() for r in its_rows for b in r["Base model"].split(",") if b.strip()}
        for base in sorted(bases):
            base_id = match_name(base, index)
            if base_id is not None and base_id in ancestors:
                continue
            edge_notes = " ".join(G.edges[p, model].get("note") or "" for p in G.pred[model])
            explained = _mentions_epoch(note) or _mentions_epoch(edge_notes)
            ours = "not in the dataset" if base_id is None else f"{G.nodes[base_id]['name']} is not an ancestor"
            add("base_model", ours, base, explained)
    return found, {m: sorted({r["Model"] for r in rs}) for m, rs in matched.items()}


def as_records(found: list[Disagreement]) -> list[dict[str, Any]]:
    return [asdict(d) for d in found]
