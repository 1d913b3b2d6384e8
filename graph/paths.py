"""Referred-pain paths: how pain or tension can travel from a structure to where it is felt."""
from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from typing import Iterable

import networkx as nx

from graph.errors import ExplorerError
from graph.memo import per_graph
from graph.vocabulary import (DEFAULT_MIN_SCORE, EVIDENCE, EVIDENCE_WEIGHT, MECHANISMS,
                              PAIN_DIRECTION, REFERRAL_TARGET_KINDS, TERMINAL_KINDS)

__all__ = ["PainPath", "referral_paths", "default_targets", "structures_on",
           "representative_paths"]

EDGE_FIELDS = ("source", "target", "relation", "mechanism", "evidence", "sources")


@dataclass(frozen=True)
class PainPath:
    """A path of links from ``nodes[0]`` to ``nodes[-1]``; ``edges[i]`` joins nodes i, i+1.

    Each edge is the link as written in the knowledge base (its own source and target), so
    a step may run along a link against its written direction where the relation allows.
    """
    nodes: tuple[str, ...]
    edges: tuple[dict, ...]
    score: float

    @property
    def hops(self) -> int:
        return len(self.edges)

    def to_json(self) -> dict:
        return {"nodes": list(self.nodes),
                "edges": [{k: (list(e[k]) if k == "sources" else e[k]) for k in EDGE_FIELDS}
                          for e in self.edges],
                "score": self.score}


def default_targets(graph: nx.MultiDiGraph) -> frozenset[str]:
    """Where pain is felt: body regions, the bones of the spine, the legs."""
    return per_graph(graph, "default_targets", lambda: frozenset(
        n for n, kind in graph.nodes(data="kind") if kind in REFERRAL_TARGET_KINDS))


def _adjacency(graph: nx.MultiDiGraph, evidence: frozenset[str], mechanisms: frozenset[str]):
    """node -> sorted [(neighbour, cost, link key)] along which pain may travel; cached."""
    return per_graph(graph, ("pain_adjacency", evidence, mechanisms),
                     lambda: _build_adjacency(graph, evidence, mechanisms))


def _build_adjacency(graph, evidence, mechanisms):
    adjacency: dict[str, list[tuple[str, float, str]]] = {n: [] for n in graph}
    for u, v, link, attrs in graph.edges(keys=True, data=True):
        if attrs["evidence"] not in evidence or attrs["mechanism"] not in mechanisms:
            continue
        cost = -math.log(EVIDENCE_WEIGHT[attrs["evidence"]])
        direction = PAIN_DIRECTION[attrs["relation"]]
        if direction in ("forward", "both"):
            adjacency[u].append((v, cost, link))
        if direction in ("backward", "both") and not _root_of_nerve(graph, attrs, v):
            adjacency[v].append((u, cost, link))
    for node in adjacency:
        adjacency[node].sort(key=lambda item: (item[1], item[0], item[2]))
    return adjacency


def _root_of_nerve(graph: nx.MultiDiGraph, attrs: dict, target: str) -> bool:
    """A nerve's root segment (femoral nerve -branch_of-> segment-L3) passes no pain out
    along the nerve: what converges on a spinal segment is felt in that segment's own
    dermatome (segment -supplies-> region), not along every nerve its fibres join."""
    return attrs["relation"] == "branch_of" and graph.nodes[target]["kind"] == "segment"


def _terminal_nodes(graph: nx.MultiDiGraph) -> frozenset[str]:
    return per_graph(graph, "terminal_nodes", lambda: frozenset(
        n for n, kind in graph.nodes(data="kind") if kind in TERMINAL_KINDS))


def _sides(graph: nx.MultiDiGraph) -> dict[str, str]:
    """node -> "left" or "right", for the structures that lie on one side only."""
    return per_graph(graph, "sides", lambda: {
        n: side for n, side in graph.nodes(data="side") if side in ("left", "right")})


def _crosses_midline(path_side: str | None, here: str | None, there: str | None) -> bool:
    """Pain does not cross to the other side through a shared midline structure.

    A shared structure (a spinal segment, the sacrum, the diaphragm) joins both sides, so a
    path from the right kidney through segment L1 would otherwise reach the left groin. A
    link written directly between two one-sided structures says itself that it crosses, and
    is kept.
    """
    return (path_side is not None and there is not None and there != path_side
            and here is None)


def _chain_links(graph: nx.MultiDiGraph) -> dict[str, str]:
    """link key -> chain id, for the chain_next links."""
    return per_graph(graph, "chain_links", lambda: {
        key: attrs["chain"] for _, _, key, attrs in graph.edges(keys=True, data=True)
        if attrs["relation"] == "chain_next"})


def _along_one_chain(chains: dict[str, str], previous: str | None, here: str, link: str,
                     there: str) -> bool:
    """Whether the step here -> there carries on along the same chain, in the same direction,
    as the step that came into ``here``: a chain that itself crosses the midline (the Back
    Functional Line, right arm to left leg) may be followed across it."""
    if previous is None or previous not in chains or chains.get(link) != chains[previous]:
        return False
    came_forward = previous.split("|")[2] == here
    goes_forward = link.split("|")[0] == here and link.split("|")[2] == there
    return came_forward == goes_forward


def _filter(values: Iterable[str] | None, vocabulary: tuple[str, ...], what: str) -> frozenset:
    if values is None:
        return frozenset(vocabulary)
    chosen = frozenset(values)
    unknown = sorted(chosen - set(vocabulary))
    if unknown:
        raise ExplorerError(f"unknown {what} {', '.join(unknown)} (choose from "
                            f"{', '.join(vocabulary)})")
    return chosen


def referral_paths(graph: nx.MultiDiGraph, start: str, targets: Iterable[str] | None = None,
                   max_hops: int = 5, evidence: Iterable[str] | None = None,
                   mechanisms: Iterable[str] | None = None, per_target: int = 3,
                   limit: int | None = None,
                   min_score: float = DEFAULT_MIN_SCORE) -> list[PainPath]:
    """Paths from ``start`` to each target, best first.

    A path's score is the product of its steps' evidence weights, so fewer and better
    evidenced steps rank first. Best-first search: each node is settled at most
    ``per_target`` times, which yields (up to) the ``per_target`` best simple paths to every
    target within ``max_hops``. Ties break on the node ids, so the order is deterministic.
    A path that has reached one side of the body does not cross to the other side through a
    midline structure (see :func:`_crosses_midline`). ``min_score`` drops weaker paths (the default
    keeps a booklet claim or up to six textbook steps, and drops two booklet steps in a row).
    """
    if start not in graph:
        raise ExplorerError(f"unknown structure {start!r}")
    if max_hops < 1:
        raise ExplorerError("max hops must be at least 1")
    if per_target < 1:
        raise ExplorerError("per target must be at least 1")
    if not 0.0 <= min_score <= 1.0:
        raise ExplorerError("min score must be between 0 and 1")
    max_cost = -math.log(min_score) if min_score > 0 else math.inf
    target_set = default_targets(graph) if targets is None else frozenset(targets)
    missing = [] if targets is None else sorted(t for t in target_set if t not in graph)
    if missing:
        raise ExplorerError(f"unknown target {missing[0]!r}")
    adjacency = _adjacency(graph, _filter(evidence, EVIDENCE, "evidence"),
                           _filter(mechanisms, MECHANISMS, "mechanism"))

    terminal = _terminal_nodes(graph)
    sides = _sides(graph)
    chains = _chain_links(graph)
    settled: dict[str, int] = {}
    found: list[tuple[float, int, tuple[str, ...], tuple[str, ...]]] = []
    # (cost, push order, nodes, links, side): the push order breaks ties the same way every
    # time, because adjacency lists are sorted.
    heap: list[tuple[float, int, tuple[str, ...], tuple[str, ...], str | None]] = [
        (0.0, 0, (start,), (), sides.get(start))]
    pushed = 0
    push, pop = heapq.heappush, heapq.heappop
    while heap:
        cost, _, nodes, links, side = pop(heap)
        node = nodes[-1]
        times = settled.get(node, 0)
        if times >= per_target:
            continue
        settled[node] = times + 1
        if node in target_set and node != start:
            found.append((cost, len(links), nodes, links))
        if len(links) >= max_hops or (node != start and node in terminal):
            continue
        # Only from a midline structure can a step cross to the other side.
        guard_midline = side is not None and node not in sides
        for neighbour, step, link in adjacency[node]:
            if neighbour in nodes or settled.get(neighbour, 0) >= per_target:
                continue
            to_side = sides.get(neighbour)
            if guard_midline and _crosses_midline(side, None, to_side) and not _along_one_chain(
                    chains, links[-1] if links else None, node, link, neighbour):
                continue
            if cost + step > max_cost + 1e-9:
                continue
            pushed += 1
            push(heap, (cost + step, pushed, nodes + (neighbour,), links + (link,),
                        to_side or side))

    # A link stated from the start straight to a target (a booklet claim, a clinical
    # pattern) is always told, even where longer textbook chains took the target's places.
    told = {item[3] for item in found}
    for neighbour, step, link in adjacency[start]:
        if neighbour in target_set and (link,) not in told and step <= max_cost + 1e-9:
            found.append((step, 1, (start, neighbour), (link,)))
    found.sort(key=lambda item: (round(item[0], 9), item[1], item[2]))
    if limit is not None:
        found = found[:limit]
    records = _edge_records(graph)
    result = []
    for cost, _, nodes, links in found:
        edges = []
        for link in links:
            if link not in records:
                u, _, v, _ = link.split("|")
                records[link] = {"source": u, "target": v, **graph.edges[u, v, link]}
            edges.append(records[link])
        result.append(PainPath(nodes, tuple(edges), round(math.exp(-cost), 4)))
    return result


def _edge_records(graph: nx.MultiDiGraph) -> dict[str, dict]:
    """link key -> the link as a path step (source, target and attributes), filled lazily
    and shared by every path of the graph; treat as read-only."""
    return per_graph(graph, "edge_records", dict)


def structures_on(paths: Iterable[PainPath]) -> frozenset[str]:
    """Every structure that any of ``paths`` passes through."""
    return frozenset(node for path in paths for node in path.nodes)


def representative_paths(paths: list[PainPath], limit: int) -> list[PainPath]:
    """At most ``limit`` of ``paths`` (best first) that tell the most different stories.

    Every direct claim (a one-step path) comes first, so the booklet's or a clinical
    pattern's own statement is never crowded out by longer textbook chains; then the best
    path to each place pain is felt; then the next best, in rank order.
    """
    chosen: list[PainPath] = [p for p in paths if p.hops == 1][:limit]
    reached = {p.nodes[-1] for p in chosen}
    for path in paths:
        if len(chosen) >= limit:
            break
        if path.nodes[-1] not in reached and path not in chosen:
            chosen.append(path)
            reached.add(path.nodes[-1])
    for path in paths:
        if len(chosen) >= limit:
            break
        if path not in chosen:
            chosen.append(path)
    rank = {id(p): i for i, p in enumerate(paths)}
    return sorted(chosen, key=lambda p: rank[id(p)])
