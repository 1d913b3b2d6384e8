"""Signed-distance primitives and smooth boolean operations, vectorised with numpy.

A shape is a function ``f(p) -> distance`` over an (..., 3) array of points: negative
inside, positive outside. Bones are built as smooth unions of these (so processes grow out
of the body like bone does, without seams) and meshed by models.meshing.implicit_mesh.
The distances are approximate (ellipsoids, scaled shapes) but exact enough at the surface,
which is all the mesher needs.
"""
from __future__ import annotations

import numpy as np

__all__ = ["smooth_union", "smooth_subtract", "union", "subtract", "capsule", "ellipsoid",
           "round_box", "extrude", "ellipse2d", "disk_y", "cylinder_x", "cylinder_y",
           "cylinder_z", "rotate_points", "triangle_plate"]


def smooth_union(a: np.ndarray, b: np.ndarray, k: float) -> np.ndarray:
    """Polynomial smooth minimum: a fillet of about ``k`` mm where two shapes meet."""
    if k <= 0:
        return np.minimum(a, b)
    h = np.clip(0.5 + 0.5 * (b - a) / k, 0.0, 1.0)
    return b * (1 - h) + a * h - k * h * (1 - h)


def smooth_subtract(a: np.ndarray, b: np.ndarray, k: float) -> np.ndarray:
    """``a`` with ``b`` carved out, the edge rounded by about ``k`` mm."""
    return -smooth_union(-a, b, k)


def union(*shapes: np.ndarray) -> np.ndarray:
    result = shapes[0]
    for shape in shapes[1:]:
        result = np.minimum(result, shape)
    return result


def subtract(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.maximum(a, -b)


def capsule(p: np.ndarray, a, b, ra: float, rb: float | None = None) -> np.ndarray:
    """A rod from ``a`` to ``b`` with radius ``ra`` at ``a`` tapering to ``rb`` at ``b``."""
    a, b = np.asarray(a, dtype=np.float32), np.asarray(b, dtype=np.float32)
    rb = ra if rb is None else rb
    ba = b - a
    pa = p - a
    t = np.clip((pa @ ba) / max(float(ba @ ba), 1e-9), 0.0, 1.0)
    closest = pa - t[..., None] * ba
    return np.linalg.norm(closest, axis=-1) - (ra + (rb - ra) * t)


def ellipsoid(p: np.ndarray, centre, radii) -> np.ndarray:
    q = (p - np.asarray(centre, dtype=np.float32)) / np.asarray(radii, dtype=np.float32)
    return (np.linalg.norm(q, axis=-1) - 1.0) * float(min(radii))


def round_box(p: np.ndarray, centre, half, radius: float,
              rotation: np.ndarray | None = None) -> np.ndarray:
    """A box of half-sizes ``half`` with edges rounded by ``radius``; ``rotation`` turns the
    box's axes into the frame's (columns are the box axes)."""
    q = p - np.asarray(centre, dtype=np.float32)
    if rotation is not None:
        q = q @ np.asarray(rotation, dtype=np.float32)
    d = np.abs(q) - (np.asarray(half, dtype=np.float32) - radius)
    outside = np.linalg.norm(np.maximum(d, 0.0), axis=-1)
    inside = np.minimum(np.max(d, axis=-1), 0.0)
    return outside + inside - radius


def ellipse2d(x: np.ndarray, y: np.ndarray, a: float, b: float) -> np.ndarray:
    return (np.sqrt((x / a) ** 2 + (y / b) ** 2) - 1.0) * min(a, b)


def extrude(section: np.ndarray, z: np.ndarray, z_low: float, z_high: float,
            radius: float) -> np.ndarray:
    """A 2D section (distance in the xy plane) extruded between two z, edges rounded."""
    centre, half = (z_low + z_high) / 2, (z_high - z_low) / 2
    wx = section + radius
    wz = np.abs(z - centre) - half + radius
    outside = np.sqrt(np.maximum(wx, 0) ** 2 + np.maximum(wz, 0) ** 2)
    return np.minimum(np.maximum(wx, wz), 0.0) + outside - radius


def cylinder_z(p: np.ndarray, x: float, y: float, radius: float) -> np.ndarray:
    """An infinite cylinder parallel to z (for holes)."""
    return np.hypot(p[..., 0] - x, p[..., 1] - y) - radius


def cylinder_y(p: np.ndarray, x: float, z: float, radius: float) -> np.ndarray:
    return np.hypot(p[..., 0] - x, p[..., 2] - z) - radius


def cylinder_x(p: np.ndarray, y: float, z: float, radius: float) -> np.ndarray:
    return np.hypot(p[..., 1] - y, p[..., 2] - z) - radius


def disk_y(p: np.ndarray, centre, radius: float, half_thickness: float) -> np.ndarray:
    """A flat round plate lying in the xz plane (normal along y)."""
    q = p - np.asarray(centre, dtype=np.float32)
    radial = np.hypot(q[..., 0], q[..., 2]) - radius
    thick = np.abs(q[..., 1]) - half_thickness
    outside = np.hypot(np.maximum(radial, 0), np.maximum(thick, 0))
    return np.minimum(np.maximum(radial, thick), 0) + outside


def rotate_points(p: np.ndarray, rotation: np.ndarray, centre=(0, 0, 0)) -> np.ndarray:
    """Points expressed in a frame turned by ``rotation`` about ``centre`` (for shapes that
    are easier to write along an axis)."""
    c = np.asarray(centre, dtype=np.float32)
    return (p - c) @ np.asarray(rotation, dtype=np.float32) + c


def triangle_plate(p: np.ndarray, a, b, c, half_thickness: float) -> np.ndarray:
    """A flat plate: the triangle abc thickened by ``half_thickness`` (for blades of bone)."""
    a, b, c = (np.asarray(v, dtype=np.float32) for v in (a, b, c))
    ba, pa = b - a, p - a
    cb, pb = c - b, p - b
    ac, pc = a - c, p - c
    nor = np.cross(ba, ac)

    def side(edge, rel):
        return np.sign((np.cross(edge, nor) * rel).sum(-1))

    def seg(edge, rel):
        t = np.clip((rel @ edge) / float(edge @ edge), 0, 1)
        return ((edge * t[..., None] - rel) ** 2).sum(-1)

    inside = (side(ba, pa) + side(cb, pb) + side(ac, pc)) >= 2.0
    edge_d = np.minimum(np.minimum(seg(ba, pa), seg(cb, pb)), seg(ac, pc))
    plane_d = (pa @ nor) ** 2 / float(nor @ nor)
    return np.sqrt(np.where(inside, plane_d, edge_d)) - half_thickness
