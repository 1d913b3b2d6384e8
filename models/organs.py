"""Organic closed shapes from placements: smooth unions of ellipsoids and rods, carved and
clipped, meshed from their signed-distance field (models.organs_sdf).

A ``blob`` placement lists primitives whose points hang on vertebra frames (see
models.soft_tissue.placed), so a kidney, a lung or a leg is as easy to write as a sketch
and follows the spine when the posture changes:

    add:       [primitive, ...]     smooth union (``blend`` mm of fillet)
    subtract:  [primitive, ...]     carved out (``carve`` mm of rounding)
    intersect: [primitive, ...]     kept only inside these
    clip:      [{point, normal}]    kept only on the side the normal points to
    from:      PART                 start from another blob's shape
    offset:    mm                   grown (+) or shrunk (-)
    shell:     mm                   only a skin of that thickness on the surface (fascia)

Primitives: ``{ellipsoid: POINT, radii: [a, b, c], rotate: [x, y, z] degrees}``,
``{rod: [POINT, POINT, ...], radius: r | [r, ...]}`` (a chain of tapering capsules along a
spline), ``{box: POINT, half: [a, b, c], round: r, rotate: [...]}``. Axes of ellipsoids and
boxes turn with the frame of their point's vertebra.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from models import organs_sdf as sdf
from models.meshing import smooth_curve

__all__ = ["Field", "blob_field", "blob_mesh"]

Field = Callable[[np.ndarray], np.ndarray]
# Distances beyond this (mm) are never needed exactly: wider than any blend, offset or shell.
_BAND = 40.0


def _rotation(degrees) -> np.ndarray:
    x, y, z = np.radians(np.asarray(degrees or [0, 0, 0], dtype=float))
    rx = np.array([[1, 0, 0], [0, np.cos(x), -np.sin(x)], [0, np.sin(x), np.cos(x)]])
    ry = np.array([[np.cos(y), 0, np.sin(y)], [0, 1, 0], [-np.sin(y), 0, np.cos(y)]])
    rz = np.array([[np.cos(z), -np.sin(z), 0], [np.sin(z), np.cos(z), 0], [0, 0, 1]])
    return rz @ ry @ rx


class _Bounds:
    def __init__(self):
        self.low = np.full(3, np.inf)
        self.high = np.full(3, -np.inf)

    def add(self, point, radius):
        self.low = np.minimum(self.low, np.asarray(point) - radius)
        self.high = np.maximum(self.high, np.asarray(point) + radius)


def _primitive(spec: dict, place, bounds: _Bounds | None) -> Field:
    """The distance function of one primitive; ``place(point_spec)`` gives (point, frame
    rotation) in scene coordinates."""
    if "ellipsoid" in spec or "box" in spec:
        key = "ellipsoid" if "ellipsoid" in spec else "box"
        centre, frame = place(spec[key])
        rotation = (frame @ _rotation(spec.get("rotate"))).astype(np.float32)
        centre = centre.astype(np.float32)
        size = np.asarray(spec["radii"] if key == "ellipsoid" else spec["half"], dtype=np.float32)
        if bounds is not None:
            bounds.add(centre, float(size.max()))
        if key == "ellipsoid":
            return lambda p: sdf.ellipsoid((p - centre) @ rotation, size)
        corner = float(spec.get("round", 2.0))
        return lambda p: sdf.round_box((p - centre) @ rotation, size, corner)
    if "rod" in spec:
        control = np.array([place(point)[0] for point in spec["rod"]])
        radii = np.broadcast_to(np.asarray(spec["radius"], dtype=float), (len(control),))
        if len(control) > 2:
            curve = smooth_curve(control, 6 * (len(control) - 1) + 1)
            along = np.linspace(0, len(control) - 1, len(curve))
            curve_r = np.interp(along, np.arange(len(control)), radii)
        else:
            curve, curve_r = control, radii
        if bounds is not None:
            for point, r in zip(curve, curve_r):
                bounds.add(point, r)
        pieces = list(zip(curve[:-1], curve[1:], curve_r[:-1], curve_r[1:]))

        def rod(p):
            # each capsule is measured only near its own box (plus a band wide enough for
            # blends, offsets and shells); farther points keep the band's width, a lower
            # bound that is all a smooth union or a sign needs
            flat = p.reshape(-1, 3)
            out = np.full(len(flat), _BAND, dtype=np.float32)
            for a, b, ra, rb in pieces:
                reach = max(ra, rb) + _BAND
                low, high = np.minimum(a, b) - reach, np.maximum(a, b) + reach
                near = np.nonzero(np.all((flat >= low) & (flat <= high), axis=1))[0]
                if len(near):
                    out[near] = np.minimum(out[near], sdf.capsule(flat[near], a, b, ra, rb))
            return out.reshape(p.shape[:-1])
        return rod
    raise ValueError(f"unknown primitive {sorted(spec)}")


def blob_field(spec: dict, place, blobs: dict, bounds: _Bounds | None = None) -> Field:
    """The signed distance of a ``blob`` placement (negative inside)."""
    bounds = bounds if bounds is not None else _Bounds()
    parts = []
    if "from" in spec:
        source = blobs[spec["from"]]
        parts.append(blob_field(source, place, blobs, bounds))
    parts += [_primitive(p, place, bounds) for p in spec.get("add", [])]
    blend = float(spec.get("blend", 6.0))
    cuts = [_primitive(p, place, None) for p in spec.get("subtract", [])]
    carve = float(spec.get("carve", 4.0))
    keeps = [_primitive(p, place, None) for p in spec.get("intersect", [])]
    planes = []
    for clip in spec.get("clip", []):
        point, frame = place(clip["point"])
        normal = frame @ np.asarray(clip["normal"], dtype=float)
        planes.append((point.astype(np.float32),
                       (normal / np.linalg.norm(normal)).astype(np.float32)))
    offset = float(spec.get("offset", 0.0))
    shell = spec.get("shell")
    grow = max(offset, 0.0) + (float(shell) if shell else 0.0)
    bounds.add(bounds.low, grow)
    bounds.add(bounds.high, grow)

    def field(p):
        d = parts[0](p)
        for other in parts[1:]:
            d = sdf.smooth_union(d, other(p), blend)
        for cut in cuts:
            d = sdf.smooth_subtract(d, cut(p), carve)
        for keep in keeps:
            d = -sdf.smooth_union(-d, -keep(p), carve)
        d = d - offset
        if shell:
            d = np.abs(d) - float(shell) / 2
        for point, normal in planes:
            d = np.maximum(d, -((p - point) @ normal))
        return d
    field.bounds = bounds
    return field


def blob_mesh(spec: dict, place, blobs: dict):
    """The closed mesh of a ``blob`` placement."""
    bounds = _Bounds()
    field = blob_field(spec, place, blobs, bounds)
    return sdf.field_mesh(field, bounds.low, bounds.high, float(spec.get("spacing", 3.0)),
                          int(spec.get("max_triangles", 3000)))
