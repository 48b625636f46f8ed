"""Synthetic lineage datasets of a realistic shape, valid under the project's schema.

    python bench/generate.py 1000 10000 100000 1000000   # writes bench/data/synthetic-N.json

A few hundred base models in families released over the years, each family a
chain of successors; then derived models that fan out the way the Hugging Face
Hub's model tree does: fine-tunes, preference tunes, adapters, distillations
and merges, most on popular bases (preferential attachment), some on other
derived models so that chains grow ten or more deep, some with several
parents. The same N and seed always give the same file.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
START = dt.date(2018, 1, 1)
END = dt.date(2026, 10, 31)
DERIVED = [("fine-tuned", 50), ("adapter", 20), ("preference-tuned", 12), ("continued-pretraining", 6),
           ("distilled", 4), ("merged", 5), ("trained-on-outputs", 3)]
OBJECTIVES = [("LM", "decoder-only", 70), ("MLM", "encoder-only", 20), ("text-to-text", "encoder-decoder", 10)]


def _date(day: dt.date, precision: int) -> str:
    return day.isoformat()[: {3: 10, 2: 7, 1: 4}[precision]]


def generate(n: int, seed: int = 0) -> dict:
    rng = random.Random(seed)
    models: list[dict] = []
    released: list[dt.date] = []
    weight: list[float] = []  # preferential attachment
    depth: list[int] = []

    def add(entry: dict, day: dt.date, level: int, base: bool) -> None:
        models.append(entry)
        released.append(day)
        weight.append(30.0 if base else 1.0)
        depth.append(level)

    n_base = max(5, min(400, n // 40))
    families = max(3, n_base // 6)
    per_family = -(-n_base // families)
    count = 0
    for f in range(families):
        day = START + dt.timedelta(days=rng.randrange(0, 2000))
        objective, architecture, _ = rng.choices(OBJECTIVES, weights=[o[2] for o in OBJECTIVES])[0]
        previous = None
        for g in range(per_family):
            if count >= n_base or day > END:
                break
            mid = f"fam{f}-gen{g}"
            entry = {
                "id": mid, "name": f"Family {f} Gen {g}", "organization": [f"Lab {f % 97}"],
                "released": day.isoformat(), "parameters": [f"{rng.choice([1, 3, 7, 13, 34, 70])}B"],
                "objective": objective, "architecture": architecture, "open_weights": rng.random() < 0.7,
                "description": f"Base model {g} of synthetic family {f}.",
                "sources": [f"https://example.org/models/{mid}"],
            }
            if previous is not None:
                entry["derived_from"] = [{"model": previous, "relation": "successor",
                                          "source": f"https://example.org/models/{mid}"}]
            add(entry, day, 0 if previous is None else depth[-1] + 1, True)
            previous = mid
            count += 1
            day += dt.timedelta(days=rng.randrange(120, 400))

    relations, relation_weights = zip(*DERIVED)
    while len(models) < n:
        i = len(models)
        relation = rng.choices(relations, weights=relation_weights)[0]
        if rng.random() < 0.25:  # build on something recent: chains grow deep
            parent = rng.randrange(max(0, i - 50), i)
        else:
            parent = rng.choices(range(i), weights=weight)[0] if i < 5000 else _popular(rng, weight, i)
        parents = [parent]
        if relation == "merged":
            parents += [rng.randrange(i) for _ in range(rng.choice([1, 1, 2]))]
            parents = sorted(set(parents))
            if len(parents) < 2:
                relation = "fine-tuned"
        edges = [(p, relation) for p in parents]
        if relation == "trained-on-outputs" or (relation == "fine-tuned" and rng.random() < 0.05):
            teacher = rng.randrange(i)
            if relation == "trained-on-outputs":
                edges = [(teacher, relation)]
            elif teacher not in parents:
                edges.append((teacher, "trained-on-outputs"))
        day = min(END, max(released[p] for p, _ in edges) + dt.timedelta(days=rng.randrange(1, 90)))
        mid = f"m{i}"
        entry = {
            "id": mid, "name": f"Derived {i}", "organization": [f"User {rng.randrange(n // 3 + 1)}"],
            "released": _date(day, rng.choices([3, 2, 1], weights=[85, 12, 3])[0]),
            "parameters": None if rng.random() < 0.1 else models[edges[0][0]]["parameters"],
            "open_weights": True, "description": f"Synthetic {relation} model number {i}.",
            "sources": [f"https://example.org/models/{mid}"],
            "derived_from": [{"model": models[p]["id"], "relation": r,
                              "source": f"https://example.org/models/{mid}"} for p, r in edges],
        }
        if relation in ("merged", "distilled", "trained-on-outputs"):
            entry["objective"] = "LM"
            entry["architecture"] = "decoder-only"
        add(entry, day, max(depth[p] for p, _ in edges) + 1, False)
        for p, _ in edges:
            weight[p] += 1.0
    return {"$schema": "../../graph/models.schema.json", "version": f"synthetic-{n}", "models": models}


def _popular(rng: random.Random, weight: list[float], i: int) -> int:
    """A parent chosen in proportion to weight without scanning a million weights each time."""
    while True:
        j = rng.randrange(i)
        if rng.random() < weight[j] / 40.0:
            return j


def path_for(n: int) -> Path:
    return HERE / "data" / f"synthetic-{n}.json"


def ensure(n: int) -> Path:
    """The dataset of size n, generated once."""
    path = path_for(n)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(generate(n), handle, separators=(",", ":"))
        tmp.replace(path)
    return path


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["1000"]:
        print(ensure(int(arg)))
