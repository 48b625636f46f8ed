"""Positions for drawing the lineage: computed once, in Python, the same every time.

The horizontal axis is the release date. Each model has a primary parent (the
one it takes weights from if any, else the closest kind of derivation); walking
that forest depth-first, oldest first, each model goes into the first row at or
below its primary parent's row where it does not overlap another label. Families
therefore stay together, and a chain of successors stays on one row. Where many
models share a date, a model that finds no room within ``MAX_SCAN`` rows opens
a new row, so the layout stays linear in the number of models.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import NamedTuple

from .interface import LineageGraph, release_key

__all__ = ["Layout", "compute", "primary_parent", "release_day"]

PX_PER_DAY = 1.6
ROW_HEIGHT = 56
CHAR_PX = 7.0
MIN_HALF_WIDTH = 34.0
MAX_SCAN = 60  # rows tried below the parent's before opening a new row at the bottom

# Which parent a model is drawn next to: the first relation in this list wins.
PRIMARY_ORDER = ("fine-tuned", "preference-tuned", "adapter", "continued-pretraining", "merged",
                 "distilled", "successor", "architecture", "product", "trained-on-outputs")


class Layout(NamedTuple):
    positions: dict[str, tuple[float, float]]
    years: list[tuple[int, float]]  # (year, x of 1 January)


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
    """x from the release date, y from family rows. Deterministic for the same graph."""
    if len(G) == 0:
        return Layout({}, [])
    days = {n: release_day(G.nodes[n]["released"]) for n in G}
    origin = min(days.values())
    x = {n: (days[n] - origin).days * PX_PER_DAY for n in G}

    main = {n: primary_parent(G, n) for n in G}
    kids: dict[str | None, list[str]] = {}
    for n, p in main.items():
        kids.setdefault(p, []).append(n)
    for members in kids.values():
        members.sort(key=lambda n: release_key(G, n))

    rows: list[tuple[list[float], list[float]]] = []  # per row: sorted starts, matching ends
    row_of: dict[str, int] = {}

    def place(node: str, start_row: int) -> int:
        half = max(MIN_HALF_WIDTH, CHAR_PX * len(G.nodes[node]["name"]) / 2 + 8)
        left, right = x[node] - half, x[node] + half
        r = start_row
        while True:
            if r - start_row >= MAX_SCAN:  # crowded: many models at about this date
                r = len(rows)
            if r == len(rows):
                rows.append(([], []))
            starts, ends = rows[r]
            i = bisect.bisect_left(starts, left)
            clear_before = i == 0 or ends[i - 1] <= left
            clear_after = i == len(starts) or starts[i] >= right
            if clear_before and clear_after:
                starts.insert(i, left)
                ends.insert(i, right)
                return r
            r += 1

    # Depth-first over the forest of primary parents, without recursion.
    stack = list(reversed(kids.get(None, [])))
    placed: set[str] = set()
    while stack:
        node = stack.pop()
        if node in placed:
            continue
        parent = main[node]
        row_of[node] = place(node, row_of[parent] if parent is not None else 0)
        placed.add(node)
        stack.extend(reversed(kids.get(node, [])))

    positions = {n: (round(x[n], 1), float(row_of[n] * ROW_HEIGHT)) for n in G}
    first, last = min(days.values()).year, max(days.values()).year
    years = [(y, round((dt.date(y, 1, 1) - origin).days * PX_PER_DAY, 1)) for y in range(first, last + 2)]
    return Layout(positions, years)
