"""Hub scale: importing Hugging Face Hub records, validating big datasets, a big family's descendants.

    python bench/hub.py                 # 100,000 and 1,000,000 records
    python bench/hub.py --sizes 10000   # a quicker run

Writes Hub-shaped records (the model API's JSON Lines: id, author, createdAt,
tags with base_model:<relation>:<repo>, cardData.base_model) whose bases are
the curated models' Hub repositories or earlier records, the way the Hub's
model tree fans out; then times, each in a fresh process, `lineage import-hf`,
a cold `lineage validate` of the result, and a plain `json.load` of the
synthetic dataset of the same size (the ratio the goal is stated in); and, in
process, the descendants of the curated base with the most descendants.
Nothing here asserts a time; the figures go into bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
RELATIONS = [("finetune", 60), ("adapter", 20), ("quantized", 15), ("merge", 5)]


def hub_records(n: int, seed: int = 0) -> Path:
    """Hub-shaped records, written once as bench/data/hub-N.jsonl."""
    path = HERE / "data" / f"hub-{n}.jsonl"
    if path.exists():
        return path
    from llm_lineage.graph import load_light_graph

    G = load_light_graph()
    curated = sorted(h for _, hubs in G.nodes(data="huggingface") for h in hubs or ())
    released = {h: G.nodes[n]["released"] for n, hubs in G.nodes(data="huggingface") for h in hubs or ()}
    rng = random.Random(seed)
    weight = [50.0] * len(curated)
    repos: list[str] = list(curated)
    created: list[str] = [released[h] if len(released[h]) == 10 else released[h][:4] + "-12-31" for h in curated]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    names, kinds = zip(*RELATIONS)
    with open(tmp, "w", encoding="utf-8") as out:
        for i in range(n):
            relation = rng.choices(names, weights=kinds)[0]
            count = len(repos)
            parent = rng.randrange(max(0, count - 200), count) if rng.random() < 0.2 else _popular(rng, weight)
            bases = [parent] if relation != "merge" else sorted({parent, _popular(rng, weight)})
            day = min(dt.date(2026, 11, 30),
                      max(dt.date.fromisoformat(created[b]) for b in bases) + dt.timedelta(days=rng.randrange(0, 60)))
            repo = f"user{rng.randrange(n // 4 + 1)}/model-{i}"
            record = {"_id": f"{i:024x}", "id": repo, "author": repo.split("/")[0],
                      "createdAt": f"{day.isoformat()}T00:00:00.000Z", "pipeline_tag": "text-generation",
                      "library_name": "transformers",
                      "tags": ["transformers", *(f"base_model:{relation}:{repos[b]}" for b in bases)],
                      "cardData": {"base_model": [repos[b] for b in bases]}}
            out.write(json.dumps(record) + "\n")
            repos.append(repo)
            created.append(day.isoformat())
            weight.append(1.0)
            for b in bases:
                weight[b] += 1.0
    tmp.replace(path)
    return path


def _popular(rng: random.Random, weight: list[float]) -> int:
    while True:
        j = rng.randrange(len(weight))
        if rng.random() < weight[j] / 60.0:
            return j


def timed_process(argv: list[str], env: dict) -> tuple[float, float]:
    """Seconds and peak MB of a command in a fresh process."""
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(argv, capture_output=True, env=env, check=True)
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return time.perf_counter() - start, peak / 1024


def biggest_family(path: Path) -> tuple[str, int, float]:
    """The curated base with the most descendants in an imported dataset, how many, and the median query time."""
    from llm_lineage.graph import descendants, load_light_graph

    G = load_light_graph(path)
    best = max((n for n in G if not n.startswith("hf-")), key=lambda n: len(G.succ[n]))
    times = []
    for _ in range(5):
        start = time.perf_counter()
        found = descendants(G, best)
        times.append(time.perf_counter() - start)
    return best, len(found), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000])
    args = parser.parse_args()
    from generate import ensure

    lineage = shutil.which("lineage")
    print("| records | import-hf | peak MB | cold validate of the import | json.load of as many synthetic models "
          "| validate / json.load (synthetic) | biggest family: descendants |")
    print("|---|---|---|---|---|---|---|")
    for n in args.sizes:
        records = hub_records(n)
        synthetic = ensure(n)
        with tempfile.TemporaryDirectory() as scratch:
            env = {**os.environ, "LINEAGE_CACHE_DIR": str(Path(scratch) / "cache")}
            out = Path(scratch) / "imported.json"
            imported, peak = timed_process([lineage, "import-hf", str(records), "-o", str(out)], env)
            validate, _ = timed_process([lineage, "validate", str(out)], env)
            cold = {**env, "LINEAGE_CACHE_DIR": str(Path(scratch) / "cold")}
            ratios = []
            for _ in range(3):
                shutil.rmtree(Path(scratch) / "cold", ignore_errors=True)
                mine, _ = timed_process([lineage, "validate", str(synthetic)], cold)
                plain, _ = timed_process([sys.executable, "-c", f"import json; json.load(open({str(synthetic)!r}))"],
                                         env)
                ratios.append((mine, plain))
            mine = statistics.median(r[0] for r in ratios)
            plain = statistics.median(r[1] for r in ratios)
            base, found, query = biggest_family(out)
        print(f"| {n:,} | {imported:.1f} s | {peak:.0f} | {validate:.1f} s | {plain:.2f} s "
              f"| {mine:.2f} s / {plain:.2f} s = {mine / plain:.1f}x | {base}: {found:,} in {query * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
