"""`make bench`: measure start-up, frame time, click response, queries, memory and export.

Each metric is a median of several runs, beside a floor measured in the same run on the
same machine, so the ratio means something on any hardware. Writes bench/results.json.
"""
from __future__ import annotations

import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def probe(mode: str) -> dict:
    started = time.time()
    out = subprocess.run([sys.executable, "-m", "bench.window_probe", mode, repr(started)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"window probe '{mode}' failed:\n{out.stderr[-2000:]}")
    return json.loads(lines[-1])


def median_of(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def timed(function, repeat: int = 30) -> float:
    """Median milliseconds of ``function()`` over ``repeat`` calls."""
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        function()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def synthetic_graph(nodes: int, seed: int = 7) -> nx.MultiDiGraph:
    """A knowledge-graph-shaped random graph: a spine of bones, organs, nerves and regions
    joined by links of every relation and evidence, about three links a node."""
    from graph.knowledge import link_key
    from graph.vocabulary import EVIDENCE, MECHANISMS, RELATIONS
    rng = random.Random(seed)
    kinds = ["organ"] * 3 + ["nerve"] * 3 + ["muscle"] * 2 + ["region", "vertebra", "fascia"]
    graph = nx.MultiDiGraph(sources={"s": {"citation": "synthetic"}})
    for index in range(nodes):
        graph.add_node(f"n{index}", kind=rng.choice(kinds), names={"en": f"n{index}", "nl": f"n{index}"})
    for index in range(nodes * 3 // 2):
        u, v = f"n{rng.randrange(nodes)}", f"n{rng.randrange(nodes)}"
        if u == v:
            continue
        relation, evidence = rng.choice(RELATIONS), rng.choice(EVIDENCE)
        text = {lang: {"patient": "t", "professional": "t"} for lang in ("en", "nl")}
        extra = {"chain": "c"} if relation == "chain_next" else {}
        graph.add_edge(u, v, key=link_key(u, relation, v, evidence), relation=relation,
                       mechanism=rng.choice(MECHANISMS), evidence=evidence, sources=["s"],
                       text=text, **extra)
    return graph


def query_metrics() -> list[dict]:
    from graph.knowledge import load_knowledge
    from graph.paths import referral_paths
    from graph.search import search
    graph = load_knowledge()
    organs = sorted(n for n, kind in graph.nodes(data="kind") if kind == "organ")
    referral_paths(graph, organs[0])  # build the cached adjacency once, as the app does
    per_organ = [timed(lambda o=o: referral_paths(graph, o), 10) for o in organs]
    queries = ["klep van bauhin", "heiligbeen", "nervus ischiadicus", "psoas", "heligbeen"]
    search(graph, "warm up")
    search_ms = statistics.median(timed(lambda q=q: search(graph, q), 20) for q in queries)
    metrics = [
        {"name": "path_query", "value": statistics.median(per_organ), "unit": "ms",
         "floor": None, "ratio": None, "note": f"all paths from each of {len(organs)} organs; "
         f"slowest {max(per_organ):.2f} ms; target < 5 ms"},
        {"name": "search", "value": search_ms, "unit": "ms", "floor": None, "ratio": None,
         "note": "median over 5 queries incl. a typo; target < 2 ms"},
    ]
    base = None
    for size in (1_000, 10_000, 100_000):
        synthetic = synthetic_graph(size)
        # the best connected organs, so the query has a graph to search
        organs = [n for n, kind in synthetic.nodes(data="kind") if kind == "organ"]
        starts = sorted(organs, key=lambda n: (-synthetic.degree(n), n))[:5]
        referral_paths(synthetic, starts[0])
        value = statistics.median(timed(lambda s=s: referral_paths(synthetic, s), 3) for s in starts)
        if size == 1_000:
            base = value
            continue
        metrics.append({"name": f"path_query_{size // 1000}k", "value": value, "unit": "ms",
                        "floor": base, "ratio": value / base,
                        "note": f"synthetic graph of {size} nodes; floor = same query on 1k nodes"})
    return metrics


def render_metric() -> dict:
    samples = []
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
        for size in ("16x16", "3000x2000"):
            times = []
            for _ in range(max(1, RUNS // 2)):
                t = time.perf_counter()
                subprocess.run([sys.executable, "main.py", "render", "--select", "ileocecal-valve",
                                "--size", size, "--out", f"{folder}/x.png"], cwd=ROOT, env=env,
                               check=True, capture_output=True, timeout=300)
                times.append(time.perf_counter() - t)
            samples.append(statistics.median(times))
    floor, value = samples
    return {"name": "render_3000x2000", "value": value, "unit": "s", "floor": floor,
            "ratio": value / floor, "note": "headless `main.py render` of a 3000x2000 PNG; "
            "floor = the same command at 16x16 (start-up, scene build, one render)"}


def main() -> None:
    full = [probe("full") for _ in range(RUNS)]
    bare = [probe("bare") for _ in range(RUNS)]
    metrics = [
        {"name": "cold_start", "unit": "s", "value": median_of(full, "first_frame_s"),
         "floor": median_of(bare, "first_frame_s"), "note": "process start to first frame "
         "of the full scene; floor = bare PySide6 window with an empty VTK view; target 1.5x"},
        {"name": "frame_time", "unit": "ms", "value": median_of(full, "frame_ms"),
         "floor": median_of(bare, "frame_ms"), "note": "orbiting, everything visible, "
         f"{full[0]['view_size'][0]}x{full[0]['view_size'][1]}; floor = empty scene; target 1.5x"},
        {"name": "click_to_render", "unit": "ms", "value": median_of(full, "click_ms"),
         "floor": median_of(full, "plain_render_ms"), "note": "real Qt click on the valve to "
         "its paths drawn; floor = one plain render; target 1.5x"},
        {"name": "peak_rss", "unit": "MB", "value": median_of(full, "peak_rss_mb"),
         "floor": median_of(bare, "peak_rss_mb"), "note": "window with the full scene; "
         "floor = bare window; target < 400 MB"},
    ]
    for metric in metrics:
        metric["ratio"] = metric["value"] / metric["floor"]
    metrics += query_metrics()
    metrics.append(render_metric())
    machine = {"platform": platform.platform(), "python": platform.python_version(),
               "cpus": os.cpu_count(), "runs": RUNS}
    print(f"{'metric':18s} {'value':>10s} {'floor':>10s} {'ratio':>7s}  unit  note")
    for m in metrics:
        floor = f"{m['floor']:10.2f}" if m["floor"] is not None else f"{'-':>10s}"
        ratio = f"{m['ratio']:7.2f}" if m["ratio"] is not None else f"{'-':>7s}"
        print(f"{m['name']:18s} {m['value']:10.2f} {floor} {ratio}  {m['unit']:4s}  {m['note']}")
    (ROOT / "bench" / "results.json").write_text(json.dumps({"machine": machine,
                                                             "metrics": metrics}, indent=1))


if __name__ == "__main__":
    main()
