"""Signed-distance primitives and their mesher, for the organic soft-tissue shapes.

Distances are negative inside, approximate away from the surface (ellipsoids) but right at
it, which is all the mesher needs. Flying edges on the sampled field gives a closed
manifold surface; quadric decimation then keeps the shape with few triangles.
"""
from __future__ import annotations

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPolyData

from models.meshing import implicit_mesh
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
    most ``max_triangles``, with outward normals: models.meshing.implicit_mesh, the bones'
    mesher, with corners instead of bounds."""
    return implicit_mesh(distance, list(zip(low, high)), spacing, max_triangles)
