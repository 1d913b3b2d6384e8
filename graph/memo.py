"""Per-graph caches of derived indexes, kept beside the graph rather than inside it, so
exports of the graph hold only the knowledge base."""
from __future__ import annotations

from typing import Callable, TypeVar
from weakref import WeakKeyDictionary

import networkx as nx

T = TypeVar("T")
_CACHES: WeakKeyDictionary = WeakKeyDictionary()


def per_graph(graph: nx.Graph, name: str, build: Callable[[], T]) -> T:
    """``build()`` once per graph and name; later calls return the same object."""
    cache = _CACHES.setdefault(graph, {})
    if name not in cache:
        cache[name] = build()
    return cache[name]
