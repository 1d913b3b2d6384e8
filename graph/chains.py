"""Chains of a named model (Myers' Anatomy Trains lines): their stations in order, and which
chains pass a structure.

A chain is a node of kind ``chain``; its stations follow one another by ``chain_next`` links
that name it (``chain: <id>``). A line that runs on both sides is one chain whose two tracks
meet at a shared midline station (the Deep Front Line meets at the diaphragm), so a chain is
a set of tracks, each read from a station nothing leads into to one that leads nowhere.
"""
from __future__ import annotations

import networkx as nx

from graph.errors import ExplorerError
from graph.memo import per_graph

__all__ = ["chain_ids", "chain_tracks", "chain_stations", "chains_through"]

# Tracks of a two-sided line: the right side first, then the left, then anything else.
_SIDE_ORDER = {"right": 0, "left": 1}


def _steps(graph: nx.MultiDiGraph) -> dict[str, dict[str, list[str]]]:
    """chain id -> station -> the stations that follow it; built once per graph."""
    def build():
        steps: dict[str, dict[str, list[str]]] = {}
        for u, v, attrs in graph.edges(data=True):
            if attrs["relation"] == "chain_next":
                steps.setdefault(attrs["chain"], {}).setdefault(u, []).append(v)
        for following in steps.values():
            for station in following:
                following[station].sort(key=lambda n: _rank(graph, n))
        return steps
    return per_graph(graph, "chain_steps", build)


def _rank(graph: nx.MultiDiGraph, node: str) -> tuple[int, str]:
    return _SIDE_ORDER.get(graph.nodes[node].get("side"), 2), node


def chain_ids(graph: nx.MultiDiGraph) -> list[str]:
    """Every chain of the knowledge base, by id."""
    return sorted(n for n, kind in graph.nodes(data="kind") if kind == "chain")


def _check(graph: nx.MultiDiGraph, chain: str) -> dict[str, list[str]]:
    if chain not in graph or graph.nodes[chain]["kind"] != "chain":
        raise ExplorerError(f"{chain!r} is not a chain (chains: {', '.join(chain_ids(graph))})")
    following = _steps(graph).get(chain)
    if not following:
        raise ExplorerError(f"chain {chain!r} has no stations")
    return following


def chain_tracks(graph: nx.MultiDiGraph, chain: str) -> list[tuple[str, ...]]:
    """Each track of ``chain`` as its stations in order, right side first."""
    following = _check(graph, chain)
    led_into = {v for targets in following.values() for v in targets}
    starts = sorted((s for s in following if s not in led_into), key=lambda n: _rank(graph, n))
    tracks: list[tuple[str, ...]] = []

    def walk(track: tuple[str, ...]) -> None:
        onward = following.get(track[-1], [])
        if not onward:
            tracks.append(track)
        for station in onward:
            walk(track + (station,))

    for start in starts:
        walk((start,))
    return tracks


def chain_stations(graph: nx.MultiDiGraph, chain: str) -> list[str]:
    """Every station of ``chain`` once, in the order its tracks pass them."""
    seen: dict[str, None] = {}
    for track in chain_tracks(graph, chain):
        seen.update(dict.fromkeys(track))
    return list(seen)


def chains_through(graph: nx.MultiDiGraph, node: str) -> list[str]:
    """The chains that pass ``node``, by id."""
    if node not in graph:
        raise ExplorerError(f"unknown structure {node!r}")
    return sorted(chain for chain, following in _steps(graph).items()
                  if node in following or any(node in targets for targets in following.values()))
