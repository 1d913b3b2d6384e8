"""Signed-distance primitives and their mesher, for the organic soft-tissue shapes.

Distances are negative inside, approximate away from the surface (ellipsoids) but right at
it, which is all the mesher needs. Flying edges on the sampled field gives a closed
manifold surface; quadric decimation then keeps the shape with few triangles.
"""
from __future__ import annotations

import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtk
from vtkmodules.vtkCommonDataModel import vtkImageData, vtkPolyData
from vtkmodules.vtkFiltersCore import (vtkCleanPolyData, vtkDecimatePro,
                                       vtkFlyingEdges3D, vtkPolyDataConnectivityFilter,
                                       vtkQuadricDecimation, vtkTriangleFilter)

from models.meshing import open_edges, with_normals
from models.sdf import smooth_subtract, smooth_union  # noqa: F401  (re-exported for organs)

__all__ = ["smooth_union", "smooth_subtract", "capsule", "ellipsoid", "round_box",
           "field_mesh"]


def capsule(p: np.ndarray, a, b, ra: float, rb: float) -> np.ndarray:
    """A rod from ``a`` (radius ``ra``) to ``b`` (radius ``rb``)."""
    a, b = np.asarray(a, dtype=np.float32), np.asarray(b, dtype=np.float32)
    ba, pa = b - a, p - a
    t = np.clip((pa @ ba) / max(float(ba @ ba), 1e-9), 0.0, 1.0)
    return np.linalg.norm(pa - t[..., None] * ba, axis=-1) - (ra + (rb - ra) * t)


def ellipsoid(q: np.ndarray, radii) -> np.ndarray:
    """An ellipsoid about the origin of ``q``'s frame."""
    radii = np.asarray(radii, dtype=np.float32)
    return (np.linalg.norm(q / radii, axis=-1) - 1.0) * float(radii.min())


def round_box(q: np.ndarray, half, corner: float) -> np.ndarray:
    """A box of half-sizes ``half`` about the origin of ``q``'s frame, edges rounded."""
    d = np.abs(q) - (np.asarray(half, dtype=np.float32) - corner)
    outside = np.linalg.norm(np.maximum(d, 0.0), axis=-1)
    return outside + np.minimum(np.max(d, axis=-1), 0.0) - corner


def field_mesh(distance, low, high, spacing: float, max_triangles: int) -> vtkPolyData:
    """The zero surface of ``distance`` (a function of an (..., 3) array) sampled every
    ``spacing`` mm between corners ``low`` and ``high``, its largest piece, decimated to at
    most ``max_triangles``, with outward normals."""
    axes = [np.arange(lo - 2 * spacing, hi + 2 * spacing + 1e-6, spacing, dtype=np.float32)
            for lo, hi in zip(low, high)]
    grid = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1)
    values = np.asarray(distance(grid), dtype=np.float32)
    # the grid's outer layer is outside, so the surface closes inside it
    for axis in range(3):
        for end in (0, -1):
            index = [slice(None)] * 3
            index[axis] = end
            values[tuple(index)] = np.maximum(values[tuple(index)], spacing)
    image = vtkImageData()
    image.SetDimensions(*values.shape)
    image.SetOrigin(*(float(a[0]) for a in axes))
    image.SetSpacing(spacing, spacing, spacing)
    image.GetPointData().SetScalars(numpy_to_vtk(values.ravel(order="F"), deep=True))
    contour = vtkFlyingEdges3D()
    contour.SetInputData(image)
    contour.SetValue(0, 0.0)
    contour.ComputeNormalsOff()
    contour.ComputeGradientsOff()
    contour.ComputeScalarsOff()
    connectivity = vtkPolyDataConnectivityFilter()
    connectivity.SetInputConnection(contour.GetOutputPort())
    connectivity.SetExtractionModeToLargestRegion()
    clean = vtkCleanPolyData()
    clean.SetInputConnection(connectivity.GetOutputPort())
    clean.Update()
    mesh = clean.GetOutput()
    count = mesh.GetNumberOfPolys()
    if count > max_triangles:
        decimate = vtkQuadricDecimation()
        decimate.SetInputData(mesh)
        decimate.SetTargetReduction(1.0 - max_triangles / count)
        decimate.VolumePreservationOn()
        triangles = vtkTriangleFilter()
        triangles.SetInputConnection(decimate.GetOutputPort())
        triangles.Update()
        if open_edges(triangles.GetOutput()) == 0:
            mesh = triangles.GetOutput()
        else:  # rare: a pinched edge; topology-preserving decimation never pinches
            pro = vtkDecimatePro()
            pro.SetInputData(mesh)
            pro.SetTargetReduction(1.0 - max_triangles / count)
            pro.PreserveTopologyOn()
            pro.SplittingOff()
            pro.BoundaryVertexDeletionOff()
            pro.Update()
            mesh = pro.GetOutput()
    return with_normals(mesh)
