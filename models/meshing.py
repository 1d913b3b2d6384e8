"""Mesh primitives built from numpy: closed tubes along curves, ellipsoids, thin patches.

Everything returns a closed vtkPolyData of triangles with outward normals, so parts can be
exported, picked and shaded smoothly. No rendering modules are imported here.
"""
from __future__ import annotations

import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtk, numpy_to_vtkIdTypeArray
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkFiltersCore import vtkAppendPolyData, vtkPolyDataNormals

__all__ = ["polydata", "tube", "ellipsoid", "merge", "with_normals", "smooth_curve",
           "implicit_mesh", "mesh_arrays", "count_triangles", "open_edges"]


def polydata(points: np.ndarray, triangles: np.ndarray) -> vtkPolyData:
    """A vtkPolyData from an (n, 3) point array and an (m, 3) triangle index array."""
    points = np.ascontiguousarray(points, dtype=np.float32)
    triangles = np.ascontiguousarray(triangles, dtype=np.int64)
    vtk_points = vtkPoints()
    vtk_points.SetData(numpy_to_vtk(points, deep=True))
    offsets = np.arange(0, 3 * len(triangles) + 1, 3, dtype=np.int64)
    cells = vtkCellArray()
    cells.SetData(numpy_to_vtkIdTypeArray(offsets, deep=True),
                  numpy_to_vtkIdTypeArray(triangles.ravel(), deep=True))
    mesh = vtkPolyData()
    mesh.SetPoints(vtk_points)
    mesh.SetPolys(cells)
    return mesh


def with_normals(mesh: vtkPolyData, feature_angle: float = 60.0) -> vtkPolyData:
    """Point normals for smooth shading, oriented outward."""
    normals = vtkPolyDataNormals()
    normals.SetInputData(mesh)
    normals.SetFeatureAngle(feature_angle)
    normals.ConsistencyOn()
    normals.AutoOrientNormalsOn()
    normals.SplittingOff()
    normals.Update()
    return normals.GetOutput()


def merge(meshes: list[vtkPolyData]) -> vtkPolyData:
    append = vtkAppendPolyData()
    for mesh in meshes:
        append.AddInputData(mesh)
    append.Update()
    return append.GetOutput()


def smooth_curve(points, samples: int = 0) -> np.ndarray:
    """A Catmull-Rom spline through ``points``; ``samples`` points in all (default 8 a span)."""
    points = np.asarray(points, dtype=float)
    if len(points) < 3:
        if samples and len(points) == 2:
            t = np.linspace(0, 1, samples)[:, None]
            return points[0] * (1 - t) + points[1] * t
        return points
    samples = samples or 8 * (len(points) - 1) + 1
    padded = np.vstack([2 * points[0] - points[1], points, 2 * points[-1] - points[-2]])
    spans = len(points) - 1
    out = []
    for u in np.linspace(0, spans, samples):
        i = min(int(u), spans - 1)
        t = u - i
        p0, p1, p2, p3 = padded[i], padded[i + 1], padded[i + 2], padded[i + 3]
        out.append(0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t * t
                          + (-p0 + 3 * p1 - 3 * p2 + p3) * t ** 3))
    return np.array(out)


def _frames(path: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Parallel-transport normal and binormal along a polyline (no twisting)."""
    tangents = np.gradient(path, axis=0)
    tangents /= np.linalg.norm(tangents, axis=1, keepdims=True) + 1e-12
    reference = np.array([1.0, 0.0, 0.0])
    if abs(tangents[0] @ reference) > 0.9:
        reference = np.array([0.0, 1.0, 0.0])
    normal = np.cross(tangents[0], reference)
    normal /= np.linalg.norm(normal)
    normals, binormals = [], []
    for tangent in tangents:
        normal = normal - (normal @ tangent) * tangent
        normal /= np.linalg.norm(normal) + 1e-12
        normals.append(normal)
        binormals.append(np.cross(tangent, normal))
    return np.array(normals), np.array(binormals)


def tube(path, radii, sides: int = 16, samples: int = 0, flatten: float = 1.0,
         smooth: bool = True, cap: float = 0.6) -> vtkPolyData:
    """A closed tube along ``path`` (control points, splined when ``smooth``).

    ``radii`` is one radius or one per control point (interpolated along the curve), so the
    same call makes a nerve, a tapering muscle belly or a bowel loop. ``flatten`` < 1 makes
    the cross-section an ellipse (a flat muscle, a ribbon-like ligament). Ends are capped
    with domes ``cap`` radii high (0.6 rounded, near 0 flat) so the surface is closed.
    """
    control = np.asarray(path, dtype=float)
    curve = smooth_curve(control, samples) if smooth else control
    radii = np.broadcast_to(np.asarray(radii, dtype=float), (len(control),))
    # radius at each curve point, by arc length of the control polygon
    control_s = np.concatenate([[0], np.cumsum(np.linalg.norm(np.diff(control, axis=0), axis=1))])
    curve_s = np.concatenate([[0], np.cumsum(np.linalg.norm(np.diff(curve, axis=0), axis=1))])
    if control_s[-1] > 0:
        r = np.interp(curve_s / curve_s[-1] * control_s[-1], control_s, radii)
    else:
        r = np.full(len(curve), radii[0])
    normals, binormals = _frames(curve)
    angles = np.linspace(0, 2 * np.pi, sides, endpoint=False)
    cos, sin = np.cos(angles), np.sin(angles) * flatten
    tangent_start = curve[1] - curve[0]
    tangent_start /= np.linalg.norm(tangent_start) + 1e-12
    tangent_end = curve[-1] - curve[-2]
    tangent_end /= np.linalg.norm(tangent_end) + 1e-12

    rings = []
    # rounded end caps: rings widening from each tip to the tube (scale up, push down)
    dome = [(np.sin(a), np.cos(a)) for a in np.linspace(0, np.pi / 2, 4)[1:-1]]
    for scale, push in dome:
        rings.append(curve[0] - tangent_start * r[0] * push * cap
                     + r[0] * scale * (np.outer(cos, normals[0]) + np.outer(sin, binormals[0])))
    for i in range(len(curve)):
        rings.append(curve[i] + r[i] * (np.outer(cos, normals[i]) + np.outer(sin, binormals[i])))
    for scale, push in reversed(dome):
        rings.append(curve[-1] + tangent_end * r[-1] * push * cap
                     + r[-1] * scale * (np.outer(cos, normals[-1]) + np.outer(sin, binormals[-1])))
    ring_points = np.vstack(rings)
    n_rings = len(rings)
    start_tip = curve[0] - tangent_start * r[0] * cap
    end_tip = curve[-1] + tangent_end * r[-1] * cap
    points = np.vstack([ring_points, start_tip, end_tip])
    start_index, end_index = len(ring_points), len(ring_points) + 1

    triangles = []
    j = np.arange(sides)
    k = (j + 1) % sides
    for i in range(n_rings - 1):
        a, b = i * sides + j, (i + 1) * sides + j
        c, d = i * sides + k, (i + 1) * sides + k
        triangles.append(np.stack([a, b, d], axis=1))
        triangles.append(np.stack([a, d, c], axis=1))
    triangles.append(np.stack([np.full(sides, start_index), k, j], axis=1))
    last = (n_rings - 1) * sides
    triangles.append(np.stack([np.full(sides, end_index), last + j, last + k], axis=1))
    return with_normals(polydata(points, np.vstack(triangles)))


def ellipsoid(center, radii, rotation: np.ndarray | None = None, resolution: int = 24,
              bulge: float = 0.0) -> vtkPolyData:
    """A closed ellipsoid; ``bulge`` > 0 flattens one side (y-) into a bean or kidney shape."""
    theta = np.linspace(0, np.pi, resolution // 2 + 1)[1:-1]
    phi = np.linspace(0, 2 * np.pi, resolution, endpoint=False)
    t, p = np.meshgrid(theta, phi, indexing="ij")
    unit = np.stack([np.sin(t) * np.cos(p), np.sin(t) * np.sin(p), np.cos(t)], axis=-1)
    unit = unit.reshape(-1, 3)
    unit = np.vstack([unit, [0, 0, 1], [0, 0, -1]])
    if bulge:
        # pull the medial side (x<0 in the local frame) in: a hilum, as on a kidney or bean
        dent = np.exp(-((unit[:, 2] / 0.55) ** 2)) * np.clip(-unit[:, 0], 0, None)
        unit = unit.copy()
        unit[:, 0] += bulge * dent
    points = unit * np.asarray(radii, dtype=float)
    if rotation is not None:
        points = points @ np.asarray(rotation).T
    points = points + np.asarray(center, dtype=float)
    rows, cols = len(theta), resolution
    triangles = []
    for i in range(rows - 1):
        for j in range(cols):
            a, b = i * cols + j, i * cols + (j + 1) % cols
            c, d = (i + 1) * cols + j, (i + 1) * cols + (j + 1) % cols
            triangles += [(a, c, d), (a, d, b)]
    top, bottom = rows * cols, rows * cols + 1
    for j in range(cols):
        triangles.append((top, (j + 1) % cols, j))
        last = (rows - 1) * cols
        triangles.append((bottom, last + j, last + (j + 1) % cols))
    return with_normals(polydata(points, np.array(triangles)))


def implicit_mesh(distance, bounds, spacing: float, max_triangles: int,
                  largest_only: bool = True) -> vtkPolyData:
    """Mesh the zero level set of ``distance`` (a function of an (..., 3) point array, negative
    inside) sampled on a grid of ``spacing`` mm over ``bounds`` ((xmin, xmax), (ymin, ymax),
    (zmin, zmax)), then decimate to at most ``max_triangles``.

    Flying edges on a signed-distance field gives a watertight, manifold surface; quadric
    decimation keeps the shape with few triangles; the normals point outward. Where
    decimation would pinch a thin wall into a non-manifold edge, a slightly different grid
    is tried, so the result is always a closed manifold.
    """
    fallback = None
    for attempt in (1.0, 1.08, 1.17):
        mesh = _contour(distance, bounds, spacing * attempt, largest_only)
        if mesh.GetNumberOfCells() <= max_triangles:
            return with_normals(mesh)
        decimated = _quadric(mesh, max_triangles)
        if decimated is not None:
            return with_normals(decimated)
        fallback = fallback or mesh
    return with_normals(_topology_preserving(fallback, max_triangles))


def _contour(distance, bounds, spacing: float, largest_only: bool) -> vtkPolyData:
    from vtkmodules.vtkCommonDataModel import vtkImageData
    from vtkmodules.vtkFiltersCore import (vtkCleanPolyData, vtkFlyingEdges3D,
                                           vtkPolyDataConnectivityFilter)
    # pad by two cells so the surface never touches the grid's edge (it would stay open)
    axes = [np.arange(low - 2 * spacing, high + 2 * spacing + 1e-6, spacing, dtype=np.float32)
            for low, high in bounds]
    values = _sample_narrow_band(distance, axes, spacing)
    pad = np.full(values.shape, 1.0, dtype=bool)
    pad[1:-1, 1:-1, 1:-1] = False
    values[pad] = np.maximum(values[pad], spacing)
    image = vtkImageData()
    image.SetDimensions(*values.shape)
    image.SetOrigin(*(float(a[0]) for a in axes))
    image.SetSpacing(spacing, spacing, spacing)
    scalars = numpy_to_vtk(values.ravel(order="F"), deep=True)
    scalars.SetName("distance")
    image.GetPointData().SetScalars(scalars)
    contour = vtkFlyingEdges3D()
    contour.SetInputData(image)
    contour.SetValue(0, 0.0)
    contour.ComputeNormalsOff()
    contour.ComputeGradientsOff()
    contour.ComputeScalarsOff()
    contour.Update()
    mesh = contour.GetOutput()
    if largest_only:
        connectivity = vtkPolyDataConnectivityFilter()
        connectivity.SetInputData(mesh)
        connectivity.SetExtractionModeToLargestRegion()
        connectivity.Update()
        mesh = connectivity.GetOutput()
    clean = vtkCleanPolyData()
    clean.SetInputData(mesh)
    clean.Update()
    return clean.GetOutput()


def open_edges(mesh: vtkPolyData) -> int:
    """Boundary plus non-manifold edges: 0 for a closed manifold surface."""
    from vtkmodules.vtkFiltersCore import vtkFeatureEdges
    edges = vtkFeatureEdges()
    edges.SetInputData(mesh)
    edges.BoundaryEdgesOn()
    edges.NonManifoldEdgesOn()
    edges.FeatureEdgesOff()
    edges.ManifoldEdgesOff()
    edges.Update()
    return edges.GetOutput().GetNumberOfCells()


def _quadric(mesh: vtkPolyData, max_triangles: int) -> vtkPolyData | None:
    """Quadric decimation (keeps shape best), or None if it left the surface non-manifold."""
    from vtkmodules.vtkFiltersCore import vtkQuadricDecimation, vtkTriangleFilter
    count = mesh.GetNumberOfCells()
    for target in (max_triangles, max_triangles * 0.95):
        decimate = vtkQuadricDecimation()
        decimate.SetInputData(mesh)
        decimate.SetTargetReduction(1.0 - target / count)
        decimate.VolumePreservationOn()
        decimate.Update()
        triangles = vtkTriangleFilter()
        triangles.SetInputData(decimate.GetOutput())
        triangles.Update()
        result = triangles.GetOutput()
        if open_edges(result) == 0:
            return result
    return None


def _topology_preserving(mesh: vtkPolyData, max_triangles: int) -> vtkPolyData:
    from vtkmodules.vtkFiltersCore import vtkDecimatePro
    decimate = vtkDecimatePro()
    decimate.SetInputData(mesh)
    decimate.SetTargetReduction(1.0 - max_triangles / mesh.GetNumberOfCells())
    decimate.PreserveTopologyOn()
    decimate.SplittingOff()
    decimate.BoundaryVertexDeletionOff()
    decimate.Update()
    return decimate.GetOutput()


def _sample_narrow_band(distance, axes, spacing: float, factor: int = 4) -> np.ndarray:
    """The distance on the fine grid, computed exactly only near the surface: a coarse grid
    (``factor`` times wider) finds where the surface can be, which saves most of the work."""
    coarse_axes = [a[::factor] if (len(a) - 1) % factor == 0 else np.append(a[::factor], a[-1])
                   for a in axes]
    coarse = np.asarray(distance(np.stack(np.meshgrid(*coarse_axes, indexing="ij"), axis=-1)),
                        dtype=np.float32)
    # nearest coarse sample for every fine sample
    index = [np.clip(np.searchsorted(c, a - spacing * factor / 2), 0, len(c) - 1)
             for a, c in zip(axes, coarse_axes)]
    values = coarse[np.ix_(*index)]
    band = np.abs(values) < spacing * factor * 1.8
    near = np.nonzero(band)
    points = np.stack([axes[0][near[0]], axes[1][near[1]], axes[2][near[2]]], axis=-1)
    values[near] = np.asarray(distance(points), dtype=np.float32)
    return values


def mesh_arrays(mesh: vtkPolyData) -> tuple[np.ndarray, np.ndarray]:
    """(points (n, 3), triangles (m, 3)) of a triangle mesh."""
    from vtkmodules.util.numpy_support import vtk_to_numpy
    points = vtk_to_numpy(mesh.GetPoints().GetData()).astype(np.float32)
    connectivity = vtk_to_numpy(mesh.GetPolys().GetConnectivityArray())
    return points, connectivity.reshape(-1, 3).astype(np.int64)


def count_triangles(mesh: vtkPolyData) -> int:
    return mesh.GetNumberOfPolys()
