"""Write the knowledge graph to files (node-link JSON, GraphML), atomically."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import networkx as nx

from graph.errors import ExplorerError

__all__ = ["atomic_write", "graph_to_json", "graph_from_json", "export_graph", "FORMATS"]

FORMATS = ("json", "graphml")


def atomic_write(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one:
    a temporary file beside it, flushed to disk, then renamed over it."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExplorerError(f"cannot write {str(path)!r}: folder {str(folder)!r} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as exc:
        raise ExplorerError(f"cannot write {str(path)!r}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ExplorerError(f"cannot write {str(path)!r}: {exc.strerror}") from None


def graph_to_json(graph: nx.MultiDiGraph) -> dict:
    """networkx node-link data with every attribute (text, sources, names...)."""
    return nx.node_link_data(graph, edges="links")


def graph_from_json(data: dict) -> nx.MultiDiGraph:
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="links")


def _graphml_safe(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML holds only scalars: nested values (names, text, sources) become JSON text."""
    def flat(attrs: dict) -> dict:
        return {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list, tuple))
                    else v) for k, v in attrs.items()}
    copy = nx.MultiDiGraph()
    copy.graph.update(flat(graph.graph))
    copy.add_nodes_from((n, flat(a)) for n, a in graph.nodes(data=True))
    copy.add_edges_from((u, v, k, flat(a)) for u, v, k, a in graph.edges(keys=True, data=True))
    return copy


def export_graph(graph: nx.MultiDiGraph, fmt: str, path: Path | str) -> None:
    if fmt == "json":
        data = json.dumps(graph_to_json(graph), ensure_ascii=False, indent=1).encode("utf-8")
    elif fmt == "graphml":
        data = "\n".join(nx.generate_graphml(_graphml_safe(graph))).encode("utf-8")
    else:
        raise ExplorerError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    atomic_write(path, data)
