"""The speed and scale benchmark: prints one table.

    python bench/run.py                       # 1k, 10k, 100k and 1M models
    python bench/run.py --sizes 1000 10000    # a quicker run

For each size, in fresh processes: load and validate (no cache), build the
graph (networkx and the light graph the commands use), the queries
(ancestors, descendants, path, common), the GraphML and JSON exports, the
focused page, and peak memory. Then the cold command-line timings against the
`python -c pass` and `import networkx` floors, as medians of interleaved runs.
Nothing here asserts a time; the figures go into bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
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


def timed(fn, runs: int = 1):
    """(result, median seconds)."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return result, statistics.median(times)


def worker_load(path: str) -> dict:
    """Load, validate and build, nothing else: its peak memory is the load's."""
    from llm_lineage.graph import build_graph
    from llm_lineage.lightgraph import LightGraph
    from llm_lineage.load import load_catalog

    catalog, load = timed(lambda: load_catalog(path, use_cache=False))
    _, build_nx = timed(lambda: build_graph(catalog))
    _, build_light = timed(lambda: LightGraph(catalog.models))
    return {"load": load, "build_nx": build_nx, "build_light": build_light,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def worker_use(path: str) -> dict:
    """With the cache warm: the light graph, queries, exports and the focused page."""
    from llm_lineage.exports import write
    from llm_lineage.explorer import write_page
    from llm_lineage.graph import ancestors, common_ancestors, descendants, lineage_path, load_light_graph, subgraph

    load_light_graph(path)  # make sure the cache is warm
    G, cached_load = timed(lambda: load_light_graph(path))
    base = "fam0-gen0"
    deep = max((n for n in G if n.startswith("m")), key=lambda n: len(ancestors(G, n)) if len(G) <= 10_000 else 0, default=base)
    if len(G) > 10_000:  # the deepest model of a sample, to keep the search itself short
        sample = [f"m{i}" for i in range(len(G) - 2000, len(G))]
        deep = max(sample, key=lambda n: len(ancestors(G, n)))
    other = f"m{len(G) - 1}"
    out = {"cached_load": cached_load, "depth": max(h.distance for h in ancestors(G, deep))}
    _, out["ancestors"] = timed(lambda: ancestors(G, deep), runs=5)
    found, out["descendants"] = timed(lambda: descendants(G, base), runs=5)
    out["descendants_found"] = len(found)
    _, out["path"] = timed(lambda: lineage_path(G, base, deep), runs=5)
    _, out["common"] = timed(lambda: common_ancestors(G, deep, other), runs=5)
    with tempfile.TemporaryDirectory() as scratch:
        _, out["graphml"] = timed(lambda: write(G, "graphml", Path(scratch) / "g.graphml"))
        _, out["json"] = timed(lambda: write(G, "json", Path(scratch) / "g.json"))
        focus = subgraph(G, focus=deep, depth=3)
        out["page_models"] = len(focus)
        _, out["page"] = timed(lambda: write_page(subgraph(G, focus=deep, depth=3), Path(scratch) / "p.html"))
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["deep"] = deep
    return out


def html_focus(path: Path, model: str, env: dict) -> float:
    """`lineage html --focus` from the command line, cache warm: what a user waits for."""
    with tempfile.TemporaryDirectory() as scratch:
        argv = [shutil.which("lineage"), "html", "--focus", model, "--depth", "3", "-o", f"{scratch}/p.html",
                "--data", str(path)]
        subprocess.run(argv, capture_output=True, env=env, check=True)  # warm
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, env=env, check=True)
        return time.perf_counter() - start


def run_worker(kind: str, path: Path, env: dict) -> dict:
    result = subprocess.run([sys.executable, __file__, f"--{kind}", str(path)], capture_output=True, text=True,
                            env=env, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def cli_timings(runs: int) -> list[tuple[str, float]]:
    """Medians of interleaved cold runs of each command line."""
    lineage = shutil.which("lineage")
    cold_cache = tempfile.mkdtemp()
    commands = [
        ("python -c pass", [sys.executable, "-c", "pass"], None),
        ("python -c 'import networkx'", [sys.executable, "-c", "import networkx"], None),
        ("lineage --help", [lineage, "--help"], None),
        ("lineage ancestors Vicuna", [lineage, "ancestors", "Vicuna"], None),
        ("lineage ancestors Vicuna (empty cache)", [lineage, "ancestors", "Vicuna"], cold_cache),
    ]
    subprocess.run([lineage, "ancestors", "Vicuna"], capture_output=True, check=True)  # warm the cache
    times: dict[str, list[float]] = {label: [] for label, _, _ in commands}
    for _ in range(runs):
        for label, argv, cache_dir in commands:
            env = dict(os.environ)
            if cache_dir:
                shutil.rmtree(cache_dir, ignore_errors=True)
                env["LINEAGE_CACHE_DIR"] = cache_dir
            start = time.perf_counter()
            subprocess.run(argv, capture_output=True, env=env, check=True)
            times[label].append(time.perf_counter() - start)
    return [(label, statistics.median(values)) for label, values in times.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=11, help="interleaved runs of each command line")
    parser.add_argument("--load", help=argparse.SUPPRESS)
    parser.add_argument("--use", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        print(json.dumps(worker_load(args.load)))
        return
    if args.use:
        print(json.dumps(worker_use(args.use)))
        return

    from generate import ensure

    ms = lambda s: f"{s * 1000:.1f} ms"  # noqa: E731
    sec = lambda s: f"{s:.2f} s"  # noqa: E731
    rows = []
    with tempfile.TemporaryDirectory() as cache_dir:
        env = {**os.environ, "LINEAGE_CACHE_DIR": cache_dir}
        for n in args.sizes:
            path = ensure(n)
            load = run_worker("load", path, env)
            use = run_worker("use", path, env)
            use["html_cli"] = html_focus(path, use["deep"], env)
            rows.append((n, load, use))
            print(f"measured {n:,} models", file=sys.stderr)
    header = ["models", "load+validate", "build nx", "build light", "peak MB (load)", "cached load",
              "ancestors", "descendants (found)", "path", "common", "GraphML", "JSON", "focused page",
              "`lineage html --focus`", "peak MB (use)"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for n, load, use in rows:
        cells = [f"{n:,}", sec(load["load"]), sec(load["build_nx"]), sec(load["build_light"]), f"{load['peak_mb']:.0f}",
                 sec(use["cached_load"]), ms(use["ancestors"]),
                 f"{ms(use['descendants'])} ({use['descendants_found']:,})", ms(use["path"]), ms(use["common"]),
                 sec(use["graphml"]), sec(use["json"]), f"{sec(use['page'])} ({use['page_models']} models)",
                 sec(use["html_cli"]), f"{use['peak_mb']:.0f}"]
        print("| " + " | ".join(cells) + " |")
    by_size = {n: use for n, _, use in rows}
    if 100_000 in by_size and 1_000_000 in by_size:
        for fmt in ("graphml", "json"):
            ratio = by_size[1_000_000][fmt] / by_size[100_000][fmt]
            print(f"\n{fmt} export, 1M / 100k: {ratio:.1f}x (linear would be 10x)")
    print("\nCold command lines (median of", args.runs, "interleaved runs):\n")
    timings = cli_timings(args.runs)
    floor = dict(timings)["python -c 'import networkx'"]
    print("| command | median | vs import networkx |")
    print("|---|---|---|")
    for label, median in timings:
        print(f"| `{label}` | {ms(median)} | {median / floor:.2f}x |")


if __name__ == "__main__":
    main()
