"""Mesh builders for soft tissue that the plain tube and ellipsoid cannot make.

- ``ribbed_tube``: a tube whose radius follows the length in fine steps, with optional
  haustra (sacculations between constrictions) and taeniae (three longitudinal grooves), and
  a chosen thin direction for flat muscles and ligaments.
- ``slab``: a closed thin sheet through a grid of points (a fascial sheet, the mesentery).
- ``patch_shell``: the part of a host surface inside a region, cut along the region's smooth
  outline and lifted off it as a thin closed shell (a skin region on the outline of a limb).
- ``coiled_path``: the path of the small intestine, loops fanned out from the root of its
  mesentery like the pleats of a ruffle.

Everything returned is a closed triangle mesh with outward normals.
"""
from __future__ import annotations

import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtk
from vtkmodules.vtkCommonDataModel import vtkPolyData

from models.meshing import polydata, smooth_curve, with_normals

__all__ = ["ribbed_tube", "slab", "patch_shell", "coiled_path", "mesh_points_triangles"]


def _unit(v: np.ndarray) -> np.ndarray:
    return v / (np.linalg.norm(v, axis=-1, keepdims=True) + 1e-12)


def _resample(control: np.ndarray, step: float) -> np.ndarray:
    """A Catmull-Rom curve through ``control`` with points about ``step`` mm apart."""
    rough = smooth_curve(control, 8 * (len(control) - 1) + 1) if len(control) > 2 else control
    length = float(np.sum(np.linalg.norm(np.diff(rough, axis=0), axis=1)))
    samples = max(int(length / step) + 1, 4)
    return smooth_curve(control, samples) if len(control) > 2 else smooth_curve(control, samples)


def _transport(curve: np.ndarray, thin=None) -> tuple[np.ndarray, np.ndarray]:
    """Normals and binormals along ``curve`` by parallel transport; with ``thin`` (a
    direction) the binormal starts along it, so ``flatten`` squeezes the tube that way."""
    tangents = _unit(np.gradient(curve, axis=0))
    if thin is not None:
        normal = np.cross(np.asarray(thin, dtype=float), tangents[0])
    else:
        reference = np.array([1.0, 0.0, 0.0])
        if abs(tangents[0] @ reference) > 0.9:
            reference = np.array([0.0, 1.0, 0.0])
        normal = np.cross(tangents[0], reference)
    normal = _unit(normal)
    normals, binormals = [], []
    for tangent in tangents:
        normal = _unit(normal - (normal @ tangent) * tangent)
        normals.append(normal)
        binormals.append(np.cross(tangent, normal))
    return np.array(normals), np.array(binormals)


def ribbed_tube(path, radii, sides: int = 16, step: float = 4.0, flatten: float = 1.0,
                thin=None, ripple: tuple[float, float] | None = None,
                grooves: tuple[int, float] | None = None) -> vtkPolyData:
    """A closed tube along ``path`` with radius ``radii`` (one, or one per control point).

    ``ripple`` = (period mm, depth 0-1) pinches the tube every period: the haustra of the
    colon. ``grooves`` = (count, depth 0-1) runs longitudinal grooves along it: the taeniae.
    ``thin`` is the direction in which ``flatten`` (< 1) squeezes the cross-section.
    """
    control = np.asarray(path, dtype=float)
    curve = _resample(control, step)
    radii = np.broadcast_to(np.asarray(radii, dtype=float), (len(control),))
    control_s = np.concatenate([[0], np.cumsum(np.linalg.norm(np.diff(control, axis=0), axis=1))])
    curve_s = np.concatenate([[0], np.cumsum(np.linalg.norm(np.diff(curve, axis=0), axis=1))])
    r = np.interp(curve_s / max(curve_s[-1], 1e-9) * control_s[-1], control_s, radii)
    if ripple:
        period, depth = ripple
        phase = (curve_s / period) % 1.0
        distance = np.minimum(phase, 1 - phase)
        r = r * (1 - depth * np.exp(-(distance / 0.09) ** 2))
    normals, binormals = _transport(curve, thin)
    angles = np.linspace(0, 2 * np.pi, sides, endpoint=False)
    ring_scale = np.ones(sides)
    if grooves:
        count, depth = grooves
        ring_scale = 1 - depth * np.exp(-((np.cos(count * angles / 2) ** 2) / 0.02))
    cos, sin = np.cos(angles) * ring_scale, np.sin(angles) * flatten * ring_scale
    tangent_start, tangent_end = _unit(curve[1] - curve[0]), _unit(curve[-1] - curve[-2])

    rings = []
    # end caps: rings shrinking (scale) as they reach out (push) toward the tip
    dome = [(np.cos(a), np.sin(a)) for a in np.linspace(0, np.pi / 2, 4)[1:-1]]
    for scale, push in reversed(dome):
        rings.append(curve[0] - tangent_start * r[0] * push * 0.6
                     + r[0] * scale * (np.outer(cos, normals[0]) + np.outer(sin, binormals[0])))
    for i in range(len(curve)):
        rings.append(curve[i] + r[i] * (np.outer(cos, normals[i]) + np.outer(sin, binormals[i])))
    for scale, push in dome:
        rings.append(curve[-1] + tangent_end * r[-1] * push * 0.6
                     + r[-1] * scale * (np.outer(cos, normals[-1]) + np.outer(sin, binormals[-1])))
    tips = [curve[0] - tangent_start * r[0] * 0.6, curve[-1] + tangent_end * r[-1] * 0.6]
    return with_normals(_close_rings(np.array(rings), tips))


def _close_rings(rings: np.ndarray, tips) -> vtkPolyData:
    """Triangles between successive rings (n_rings, sides, 3), capped by two tip points."""
    n_rings, sides = rings.shape[:2]
    points = np.vstack([rings.reshape(-1, 3), tips[0], tips[1]])
    start, end = n_rings * sides, n_rings * sides + 1
    j = np.arange(sides)
    k = (j + 1) % sides
    i = np.arange(n_rings - 1)[:, None]
    a, b, c, d = i * sides + j, (i + 1) * sides + j, i * sides + k, (i + 1) * sides + k
    triangles = [np.stack([a, b, d], -1).reshape(-1, 3), np.stack([a, d, c], -1).reshape(-1, 3),
                 np.stack([np.full(sides, start), k, j], 1)]
    last = (n_rings - 1) * sides
    triangles.append(np.stack([np.full(sides, end), last + j, last + k], 1))
    return polydata(points, np.vstack(triangles))


def slab(grid, thickness: float, rows: int = 0, cols: int = 0) -> vtkPolyData:
    """A closed sheet ``thickness`` mm thick through ``grid`` ((n, m, 3) control points,
    splined to ``rows`` x ``cols`` points): a fascial sheet, a ligament's fan."""
    grid = np.asarray(grid, dtype=float)
    n, m = grid.shape[:2]
    rows, cols = rows or 6 * (n - 1) + 1, cols or 6 * (m - 1) + 1
    across = np.array([smooth_curve(grid[i], cols) for i in range(n)])       # (n, cols, 3)
    surface = np.array([smooth_curve(across[:, j], rows) for j in range(cols)])  # (cols, rows, 3)
    surface = surface.transpose(1, 0, 2)                                      # (rows, cols, 3)
    du = np.gradient(surface, axis=0)
    dv = np.gradient(surface, axis=1)
    normal = _unit(np.cross(du, dv))
    front = surface + normal * thickness / 2
    back = surface - normal * thickness / 2
    # a closed slab is a tube whose rings run round the sheet's edge: walk each column
    # down the front and back up the back, so the side walls come for free
    rings = np.concatenate([front, back[::-1]], axis=0).transpose(1, 0, 2)    # (cols, 2*rows, 3)
    tips = [surface[:, 0].mean(axis=0) - _unit(dv[:, 0].mean(axis=0)) * 0.01,
            surface[:, -1].mean(axis=0) + _unit(dv[:, -1].mean(axis=0)) * 0.01]
    # the end caps are fans to a point on each end edge: flat enough for a thin sheet
    return with_normals(_close_rings(rings, tips))


def mesh_points_triangles(mesh: vtkPolyData) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(points, triangles, point normals) of a triangle mesh with normals."""
    from vtkmodules.util.numpy_support import vtk_to_numpy
    points = vtk_to_numpy(mesh.GetPoints().GetData()).astype(float)
    triangles = vtk_to_numpy(mesh.GetPolys().GetConnectivityArray()).reshape(-1, 3)
    normals = mesh.GetPointData().GetNormals()
    normals = vtk_to_numpy(normals).astype(float) if normals is not None else None
    return points, triangles, normals


def patch_shell(host: vtkPolyData, region, lift: float = 1.0,
                thickness: float = 1.5) -> vtkPolyData | None:
    """The part of ``host`` inside ``region`` (a signed distance of an (n, 3) array, negative
    inside), lifted ``lift`` mm off it along the normals as a closed shell ``thickness`` mm
    thick. None if nothing is inside.

    The host is cut along the region's zero level across its triangles, so the border
    follows the region's smooth outline, as in an atlas, instead of the host's triangles
    (a saw-tooth)."""
    cut = _clipped(host, region)
    if cut is None:
        return None
    points, triangles, normals = cut
    n = _unit(normals)
    count = len(points)
    inner, outer = points + n * lift, points + n * (lift + thickness)
    # boundary edges: used by one triangle only
    edges = np.concatenate([triangles[:, [0, 1]], triangles[:, [1, 2]], triangles[:, [2, 0]]])
    _, first, counts = np.unique(np.sort(edges, axis=1), axis=0, return_index=True,
                                 return_counts=True)
    boundary = edges[first[counts == 1]]
    walls = np.concatenate([
        np.stack([boundary[:, 1], boundary[:, 0], boundary[:, 0] + count], 1),
        np.stack([boundary[:, 1], boundary[:, 0] + count, boundary[:, 1] + count], 1)])
    # the host's triangles face outward: the outer face keeps their order, the inner one
    # and the walls turn it. Each face keeps the host's normal (the inner one reversed), so
    # the triangles along the cut shade like the skin under them; only the rim turns.
    shell = polydata(np.vstack([inner, outer]),
                     np.vstack([triangles + count, triangles[:, ::-1], walls[:, ::-1]]))
    array = numpy_to_vtk(np.vstack([-n, n]).astype(np.float32), deep=True)
    array.SetName("Normals")
    shell.GetPointData().SetNormals(array)
    return shell


def _clipped(host: vtkPolyData, region, snap: float = 0.3):
    """(points, triangles, normals) of ``host`` where ``region`` < 0, cut along its zero
    level (the distance interpolated along each edge), or None if nothing is inside.

    A vertex whose edge crosses the level within ``snap`` of its length is first moved onto
    the crossing: the cut then runs through it, which leaves no slivers and fewer
    triangles than cutting beside it."""
    from vtkmodules.vtkFiltersCore import vtkClipPolyData, vtkTriangleFilter
    points, triangles, normals = mesh_points_triangles(host)
    d = np.asarray(region(points.astype(np.float32)), dtype=float)
    if not (d < 0).any():
        return None
    points, normals = points.copy(), _unit(normals)
    edges = np.unique(np.sort(np.concatenate([triangles[:, [0, 1]], triangles[:, [1, 2]],
                                              triangles[:, [2, 0]]]), axis=1), axis=0)
    a, b = edges[(d[edges[:, 0]] < 0) != (d[edges[:, 1]] < 0)].T
    t = d[a] / (d[a] - d[b])                       # the crossing, from a (0) to b (1)
    # each vertex moves to its nearest crossing if that is within ``snap`` of the edge
    vertex = np.concatenate([a, b])
    share = np.concatenate([t, 1 - t])
    towards = np.concatenate([b, a])
    order = np.lexsort((share, vertex))
    vertex, share, towards = vertex[order], share[order], towards[order]
    nearest = np.ones(len(vertex), dtype=bool)
    nearest[1:] = vertex[1:] != vertex[:-1]
    move = nearest & (share < snap)
    v, s, w = vertex[move], share[move][:, None], towards[move]
    points[v] = points[v] * (1 - s) + points[w] * s
    normals[v] = _unit(normals[v] * (1 - s) + normals[w] * s)
    d[v] = 0.0
    mesh = polydata(points, triangles)
    for name, values in (("Normals", normals), ("region", d[:, None])):
        array = numpy_to_vtk(np.ascontiguousarray(values, dtype=np.float32), deep=True)
        array.SetName(name)
        mesh.GetPointData().AddArray(array)
    mesh.GetPointData().SetActiveNormals("Normals")
    mesh.GetPointData().SetActiveScalars("region")
    clip = vtkClipPolyData()
    clip.SetInputData(mesh)
    clip.SetValue(0.0)
    clip.InsideOutOn()
    only_triangles = vtkTriangleFilter()
    only_triangles.SetInputConnection(clip.GetOutputPort())
    only_triangles.PassLinesOff()
    only_triangles.PassVertsOff()
    only_triangles.Update()
    out = only_triangles.GetOutput()
    return _split_pinches(*mesh_points_triangles(out)) if out.GetNumberOfPolys() else None


def _split_pinches(points: np.ndarray, triangles: np.ndarray, normals: np.ndarray):
    """The surface with every vertex where two pieces touch (more than two boundary edges,
    as where the cut runs through a vertex twice) copied once per piece, so the walls
    built on the boundary stay manifold."""
    edges = np.concatenate([triangles[:, [0, 1]], triangles[:, [1, 2]], triangles[:, [2, 0]]])
    unique, counts = np.unique(np.sort(edges, axis=1), axis=0, return_counts=True)
    degree = np.bincount(unique[counts == 1].ravel(), minlength=len(points))
    triangles = triangles.copy()
    points, normals = list(points), list(normals)
    for vertex in np.nonzero(degree > 2)[0]:
        fan = np.nonzero((triangles == vertex).any(axis=1))[0]
        piece = {int(f): int(f) for f in fan}

        def root(f):
            while piece[f] != f:
                f = piece[f]
            return f
        # triangles of the fan that share an edge through the vertex are one piece
        others = {int(f): set(triangles[f][triangles[f] != vertex].tolist()) for f in fan}
        for i, f in enumerate(fan):
            for g in fan[i + 1:]:
                if others[int(f)] & others[int(g)]:
                    piece[root(int(f))] = root(int(g))
        roots = sorted({root(int(f)) for f in fan})
        for r in roots[1:]:
            copy = len(points)
            points.append(points[vertex])
            normals.append(normals[vertex])
            for f in fan:
                if root(int(f)) == r:
                    triangles[f][triangles[f] == vertex] = copy
    return np.array(points), triangles, np.array(normals)


def coiled_path(root_start, root_end, forward, fill_centre, fill_radii, loops: int,
                end=None, seed: int = 7, clear=None) -> np.ndarray:
    """Control points of the small intestine: ``loops`` loops hung from the root of the
    mesentery (``root_start`` -> ``root_end``), fanned out ``forward`` (into the belly) at
    angles that sweep the space, each loop's far end kept inside the ellipsoid
    ``fill_centre``/``fill_radii`` (the infracolic space). Ends at ``end`` if given.
    ``clear`` = (point, radius): no coil passes in front of that point (seen along
    ``forward``), so it stays in view, as the ileocaecal junction does in a dissection."""
    rng = np.random.default_rng(seed)
    a, b = np.asarray(root_start, float), np.asarray(root_end, float)
    axis = _unit(b - a)
    forward = _unit(np.asarray(forward, float) - (np.asarray(forward, float) @ axis) * axis)
    side = np.cross(axis, forward)
    centre, radii = np.asarray(fill_centre, float), np.asarray(fill_radii, float)

    def inside(point):
        return float(np.linalg.norm((point - centre) / radii)) <= 1.0

    def reach(base, direction, wanted):
        distance = wanted
        while distance > 20 and not inside(base + direction * distance):
            distance -= 5
        return distance

    points = [a + forward * 15]
    for k in range(loops):
        t0, t1 = k / loops, (k + 1) / loops
        base = a + (b - a) * (t0 + t1) / 2
        # sweep the fan one way for the jejunum and back for the ileum, with some scatter
        angle = np.radians(80 * np.sin(2 * np.pi * (k + 0.5) / loops * 1.5)
                           + rng.uniform(-20, 20))
        direction = np.cos(angle) * forward + np.sin(angle) * side
        spread = -np.sin(angle) * forward + np.cos(angle) * side
        across = np.cross(direction, spread)      # out of the loop's plane: the coils' twist
        far = reach(base, direction, rng.uniform(90, 150))
        width = rng.uniform(16, 24)
        twist = rng.uniform(10, 18) * rng.choice([-1, 1])
        points.append(a + (b - a) * t0 + forward * 28 + direction * 8)
        for j, u in enumerate((0.3, 0.6, 0.85)):      # out along one side of the loop ...
            points.append(base + direction * far * u - spread * width
                          + across * twist * (-1) ** j)
        points.append(base + direction * (far + 8) + across * twist * 0.5)   # ... round its end
        for j, u in enumerate((0.85, 0.55, 0.25)):    # ... and back along the other
            points.append(base + direction * far * u + spread * width
                          + across * twist * (-1) ** (j + 1))
    points.append(b + forward * 25)
    points = np.array(points)
    if clear is not None:
        points = _keep_clear(points, forward, np.asarray(clear[0], float), float(clear[1]))
    if end is not None:
        points = np.vstack([points, np.asarray(end, float)])
    return points


def _keep_clear(points: np.ndarray, forward: np.ndarray, centre: np.ndarray,
                radius: float) -> np.ndarray:
    """Points moved sideways out of the column of ``radius`` in front of ``centre``."""
    out = points.copy()
    for i, point in enumerate(points):
        offset = point - centre
        ahead = offset @ forward
        side = offset - ahead * forward
        distance = float(np.linalg.norm(side))
        if ahead > -radius and distance < radius:
            direction = side / distance if distance > 1e-6 else np.cross(forward, [0, 0, 1.0])
            out[i] = centre + ahead * forward + direction * radius
    return out
