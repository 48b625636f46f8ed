"""Positions for drawing the lineage: computed once, in Python, the same every time.

The horizontal axis is the release date (``x`` in days from the first
release). Vertically, every family has a band of rows of its own, labelled
with its name; a model of no family joins the band of its primary parent (the
one it takes weights from, else the closest kind of derivation), so Alpaca
sits with the Llama family. Bands follow one another in lineage order (a
family right after the family it descends from). Inside a band, each model
takes the first row where its label does not overlap another, preferring its
primary parent's row, so a chain of successors stays on one row. The page
turns rows into heights that fit the screen it is shown on.

Placement is linear in the number of models: a model that finds no room
within ``MAX_SCAN`` rows of its band opens a new one.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import NamedTuple

from .interface import LineageGraph, by_release, release_key

__all__ = ["Layout", "Band", "compute", "primary_parent", "release_day", "PX_PER_DAY", "CHAR_PX"]

PX_PER_DAY = 1.6  # canvas units per day; at zoom 1 a label of 12 px fits about CHAR_PX per character
CHAR_PX = 7.0
LABEL_PAD = 24.0  # room for the node and a gap, in canvas units
MAX_SCAN = 40

# Which parent a model is drawn next to: the first relation in this list wins.
PRIMARY_ORDER = ("fine-tuned", "preference-tuned", "adapter", "continued-pretraining", "quantized", "merged",
                 "distilled", "successor", "architecture", "product", "trained-on-outputs")


class Band(NamedTuple):
    """The rows of one family (or of the models gathered around one model of no family)."""

    name: str | None  # the family, or None for a group with no family
    first_row: int
    rows: int
    x: float  # days: where the band's first model is


class Layout(NamedTuple):
    positions: dict[str, tuple[float, int]]  # model -> (days since the first release, row)
    rows: int
    bands: list[Band]
    years: list[tuple[int, float]]  # (year, days from the first release to 1 January)
    span: float  # days from the first release to the last
    firsts: list[str]  # the first model of each band


def release_day(released: str) -> dt.date:
    """The date a release is drawn at: the middle of its month or year when only that is known."""
    parts = [int(p) for p in released.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 7, 1)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 15)
    return dt.date(*parts)


def primary_parent(G: LineageGraph, node: str) -> str | None:
    """The parent a model is drawn next to: by :data:`PRIMARY_ORDER`, then the earliest released."""
    rank = {r: i for i, r in enumerate(PRIMARY_ORDER)}
    parents = sorted(G.pred[node], key=lambda p: (rank.get(G.edges[p, node]["relation"], 99),
                                                  release_key(G, p)))
    return parents[0] if parents else None


def compute(G: LineageGraph) -> Layout:
    """Days and rows for every model of ``G``. Deterministic for the same graph."""
    if len(G) == 0:
        return Layout({}, 0, [], [], 0.0, [])
    order = by_release(G, G)
    days = {n: release_day(G.nodes[n]["released"]) for n in order}
    origin = min(days.values())
    x = {n: float((days[n] - origin).days) for n in order}
    main = {n: primary_parent(G, n) for n in order}

    # Bands: a family's models; a model of no family joins its primary parent's band.
    band: dict[str, str] = {}
    for n in order:  # parents first: a parent is never released after its child
        family = G.nodes[n].get("family")
        if family:
            band[n] = f"family:{family}"
        elif main[n] is not None and main[n] in band:
            band[n] = band[main[n]]
        else:
            band[n] = f"model:{n}"
    members: dict[str, list[str]] = {}
    for n in order:
        members.setdefault(band[n], []).append(n)

    # Band order: depth-first over "this band's first model descends from that band".
    parent_band: dict[str, str | None] = {}
    for key, ms in members.items():
        up = next((main[m] for m in ms if main[m] is not None and band[main[m]] != key), None)
        parent_band[key] = band[up] if up is not None else None
    children: dict[str | None, list[str]] = {}
    for key in members:  # `members` is in order of each band's first release
        children.setdefault(parent_band[key], []).append(key)
    ordered: list[str] = []
    seen: set[str] = set()
    stack = list(reversed(children.get(None, [])))
    leftovers = [k for k in members if parent_band[k] is not None]
    while stack or leftovers:
        if not stack:  # bands whose parent band is in a cycle of bands: start from the earliest
            stack = [k for k in reversed(leftovers) if k not in seen][-1:]
            leftovers = [k for k in leftovers if k not in seen and k not in stack]
            if not stack:
                break
        key = stack.pop()
        if key in seen:
            continue
        seen.add(key)
        ordered.append(key)
        stack.extend(reversed([c for c in children.get(key, []) if c not in seen]))

    # Rows inside each band.
    positions: dict[str, tuple[float, int]] = {}
    bands: list[Band] = []
    firsts: list[str] = []
    next_row = 0
    for key in ordered:
        rows: list[tuple[list[float], list[float]]] = []
        row_of: dict[str, int] = {}
        for n in members[key]:
            half = (CHAR_PX * len(G.nodes[n]["name"]) + LABEL_PAD) / PX_PER_DAY
            left, right = x[n] - 8 / PX_PER_DAY, x[n] + half
            start = row_of.get(main[n], 0) if main[n] is not None else 0
            r = start
            while True:
                if r - start >= MAX_SCAN:
                    r = len(rows)
                if r == len(rows):
                    rows.append(([], []))
                starts, ends = rows[r]
                i = bisect.bisect_left(starts, left)
                if (i == 0 or ends[i - 1] <= left) and (i == len(starts) or starts[i] >= right):
                    starts.insert(i, left)
                    ends.insert(i, right)
                    break
                r += 1
                if r == len(rows) and start > 0:  # wrap around to the band's first rows before opening one
                    r, start = 0, 0
            row_of[n] = r
            positions[n] = (round(x[n], 1), next_row + r)
        name = key.removeprefix("family:") if key.startswith("family:") else None
        bands.append(Band(name, next_row, len(rows), x[members[key][0]]))
        firsts.append(members[key][0])
        next_row += len(rows)

    first, last = origin.year, max(days.values()).year
    years = [(y, float((dt.date(y, 1, 1) - origin).days)) for y in range(first, last + 2)]
    return Layout(positions, next_row, bands, years, max(x.values()), firsts)
