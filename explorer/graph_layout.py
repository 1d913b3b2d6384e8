"""Where each node of the knowledge graph sits: a point in the scene (its anchor), and a
place in the graph panel's drawing, either anatomical (the body seen from the front) or a
force layout. No Qt: the 3D view draws paths between anchors, the graph panel draws nodes
at these places.
"""
from __future__ import annotations

import importlib.util
import re

import networkx as nx
import numpy as np
from vtkmodules.util.numpy_support import vtk_to_numpy

from models.scene import Scene

__all__ = ["anchor_points", "anatomical_layout", "force_layout"]

SEGMENT = re.compile(r"^segment-(C|T|L|S|Co)(\d+)$")
# Segments stand in a column this far (mm) beside the spine, on the viewer's right.
SEGMENT_OFFSET = 45.0
# Chains and anything else without a place in the body stand in a column off to the side.
SIDE_COLUMN_GAP = 60.0
SPRING_SEED = 7
# The body is four times taller than wide: drawn 2x wider, its crowded middle spreads out
# and it still reads as a body seen from the front.
X_STRETCH = 2.0
ROW_GAP = 22.0          # between placeless nodes in their columns
COLUMN_GAP = 150.0
ROWS_PER_COLUMN = 40


# Solid parts are anchored at their middle, so path lines start inside them and never
# cover them; thin or curved ones (nerves, sheets, skin) on their surface nearest the middle
# (a curved nerve's box centre can lie well off the nerve).
SOLID_GROUPS = frozenset({"bones", "discs", "organs", "muscles", "intrinsic-muscles"})


def _mesh_anchor(mesh, solid: bool) -> np.ndarray:
    if solid:
        return np.array(mesh.GetCenter(), dtype=float)
    points = vtk_to_numpy(mesh.GetPoints().GetData())
    center = np.array(mesh.GetCenter())
    return points[np.argmin(((points - center) ** 2).sum(axis=1))].astype(float)


def _segment_anchor(node: str, scene: Scene) -> np.ndarray | None:
    """A spinal segment at the level of the vertebra of the same name (C8 between C7 and
    T1, S1..S5 down the sacrum, Co1 at the coccyx)."""
    match = SEGMENT.match(node)
    if not match:
        return None
    region, number = match.group(1), int(match.group(2))
    level = f"{region}{number}"
    if level in scene:
        return np.array(scene[level].mesh.GetCenter())
    if level == "C8" and "C7" in scene and "T1" in scene:
        return (np.array(scene["C7"].mesh.GetCenter()) + np.array(scene["T1"].mesh.GetCenter())) / 2
    if region == "S" and "sacrum" in scene:
        bounds = scene["sacrum"].mesh.GetBounds()
        center = np.array(scene["sacrum"].mesh.GetCenter())
        center[2] = bounds[5] - (number - 0.5) / 5 * (bounds[5] - bounds[4])
        return center
    if region == "Co" and "coccyx" in scene:
        return np.array(scene["coccyx"].mesh.GetCenter())
    return None


def anchor_points(graph: nx.MultiDiGraph, scene: Scene) -> dict[str, np.ndarray]:
    """A scene point for every node that has one: its part's middle, or a segment's level."""
    anchors = {}
    for node in graph:
        if node in scene:
            part = scene[node]
            anchors[node] = _mesh_anchor(part.mesh, part.group in SOLID_GROUPS)
        else:
            point = _segment_anchor(node, scene)
            if point is not None:
                anchors[node] = point
    return anchors


def _front_view(point) -> tuple[float, float]:
    """Scene point -> drawing point, as seen from the front: the patient's right on the
    viewer's left (x = -R), head up (drawing y grows downward, so y = -S)."""
    return -float(point[0]) * X_STRETCH, -float(point[2])


def anatomical_layout(graph: nx.MultiDiGraph, anchors: dict) -> dict[str, tuple[float, float]]:
    """Each node where its structure projects on the coronal plane; segments in a column
    beside the spine at their level; chains and other placeless nodes in a column aside."""
    places: dict[str, tuple[float, float]] = {}
    for node, point in anchors.items():
        x, y = _front_view(point)
        if SEGMENT.match(node):
            x += SEGMENT_OFFSET * X_STRETCH
        places[node] = (x, y)
    if places:
        xs = [p[0] for p in places.values()]
        ys = [p[1] for p in places.values()]
        side_x, top, bottom = max(xs) + SIDE_COLUMN_GAP, min(ys), max(ys)
    else:
        side_x, top, bottom = 0.0, 0.0, 100.0
    placeless = sorted(n for n in graph if n not in places)
    aside = []
    for node in placeless:
        # chain stations and other neighbours tell the height; the column keeps it readable
        heights = [places[m][1] for m in nx.all_neighbors(graph, node) if m in places]
        aside.append((float(np.mean(heights)) if heights else bottom, node))
    aside.sort()
    # in columns from the top, in order of their neighbours' height
    for index, (_, node) in enumerate(aside):
        column, row = divmod(index, ROWS_PER_COLUMN)
        places[node] = (side_x + column * COLUMN_GAP, top + row * ROW_GAP)
    return places


def _spring(component: nx.Graph, scale: float) -> dict:
    if len(component) < 500 or importlib.util.find_spec("scipy") is not None:
        return nx.spring_layout(component, seed=SPRING_SEED, scale=scale)
    # From 500 nodes spring_layout switches to a sparse version that needs scipy, which
    # this program does not depend on; the dense numpy version is the same algorithm
    # (2.3 s for 549 nodes on the 2-core test machine).
    from networkx.drawing.layout import _fruchterman_reingold
    array = _fruchterman_reingold(nx.to_numpy_array(component),
                                  seed=np.random.RandomState(SPRING_SEED))
    return dict(zip(component, nx.rescale_layout(array, scale=scale)))


def force_layout(graph: nx.MultiDiGraph, extent: float = 600.0) -> dict[str, tuple[float, float]]:
    """A spring layout (seeded, so the same every time) of each connected part of the
    graph, sized by its number of nodes and set side by side, largest first; nodes without
    any link in a grid below. (One layout of everything squeezes the linked core into the
    middle of a ring of unlinked nodes.)"""
    simple = nx.Graph(graph.to_undirected())
    components = sorted((sorted(c) for c in nx.connected_components(simple) if len(c) > 1),
                        key=lambda c: (-len(c), c[0]))
    loners = sorted(n for n in simple if simple.degree(n) == 0)
    places: dict[str, tuple[float, float]] = {}
    unit = extent / np.sqrt(max(len(simple), 1))   # room per node
    x, row_top, row_height = 0.0, 0.0, 0.0
    for nodes in components:
        radius = unit * np.sqrt(len(nodes)) * 0.8
        if x > 0 and x + 2 * radius > extent * 1.5:   # next row
            x, row_top, row_height = 0.0, row_top + row_height + unit, 0.0
        positions = _spring(simple.subgraph(nodes), radius)
        for node, point in positions.items():
            places[node] = (float(point[0]) + x + radius, float(point[1]) + row_top + radius)
        x += 2 * radius + unit
        row_height = max(row_height, 2 * radius)
    top = row_top + row_height + 2 * unit
    columns = max(int(extent * 1.5 / unit), 1)
    for index, node in enumerate(loners):
        row, column = divmod(index, columns)
        places[node] = (column * unit, top + row * unit)
    return places
