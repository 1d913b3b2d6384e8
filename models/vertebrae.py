"""The vertebrae C1..L5 as signed-distance shapes, with the landmarks muscles attach to.

Everything is in the vertebra's local frame (models/spine.py): origin at the centre of the
upper endplate, z up the body's axis, y anterior, x to the right; the body fills z in
[-body_height, 0]. Dimensions come from the level's row of resources/geometry/morphometry.yaml
(``Dims``); the regional shape (atlas ring, dens, uncinate processes, heart- or kidney-shaped
bodies, costal facets, bifid or square spinous processes...) from the level's region.

The same ``Dims`` place the landmarks (``landmarks``) and the bone (``vertebra_distance``), so
a muscle's end lands on the process it is attached to: each landmark is found on the bone's
surface (``on_surface``), where a line from the inside of its process leaves the bone.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from models import sdf

__all__ = ["Dims", "dims", "landmarks", "vertebra_distance", "vertebra_bounds", "region",
           "body_section", "on_surface", "SIDES"]

SIDES = {"right": 1.0, "left": -1.0}


def region(level: str) -> str:
    return {"C": "cervical", "T": "thoracic", "L": "lumbar"}[level[0]]


@dataclass(frozen=True)
class Dims:
    level: str
    W: float        # upper endplate width
    D: float        # upper endplate depth (mid-sagittal)
    h: float        # posterior body height
    cw: float       # canal width (between the pedicles)
    cd: float       # canal depth (body to the lamina junction)
    pw: float       # pedicle width
    ph: float       # pedicle height
    spl: float      # spinous process length, lamina junction to tip
    tps: float      # transverse process span, tip to tip
    tilt: float     # spinous process slope below horizontal (degrees)

    @property
    def concavity(self) -> float:
        """How far the posterior wall of the body is hollowed (kidney, heart)."""
        return {"cervical": 0.5, "thoracic": 2.0, "lumbar": 3.0}[region(self.level)]

    @property
    def pedicle_z(self) -> float:
        if region(self.level) == "cervical" or self.level == "C2":
            return -self.h / 2
        return max(-(1.5 + self.ph / 2), -self.h + self.ph / 2)

    @property
    def pedicle_x(self) -> float:
        return self.cw / 2 + self.pw / 2

    @property
    def junction_y(self) -> float:
        """Where the pedicle meets the lamina and the articular pillar."""
        return -self.D / 2 - 0.45 * self.cd - 1.5

    @property
    def lamina_thickness(self) -> float:
        return {"cervical": 3.0, "thoracic": 4.5, "lumbar": 6.0}[region(self.level)]

    @property
    def spinous_root(self) -> np.ndarray:
        return np.array([0.0, -self.D / 2 - self.cd - self.lamina_thickness / 2,
                         self.pedicle_z - 2.0])

    @property
    def spinous_direction(self) -> np.ndarray:
        t = np.radians(self.tilt)
        return np.array([0.0, -np.cos(t), -np.sin(t)])

    @property
    def spinous_tip(self) -> np.ndarray:
        return self.spinous_root + self.spl * self.spinous_direction


def dims(level: str, row: dict) -> Dims:
    return Dims(level, row["body_width"], row["body_depth"], row["body_height"],
                row["canal_width"], row["canal_depth"], row["pedicle_width"],
                row["pedicle_height"], row["spinous_length"], row["transverse_span"],
                row["spinous_tilt"])


# -- landmarks ---------------------------------------------------------------------------

def _transverse_tip(d: Dims, s: float) -> np.ndarray:
    reg = region(d.level)
    if d.level == "C1":
        return np.array([s * d.tps / 2, -6.0, -5.0])
    if reg == "cervical":
        return np.array([s * d.tps / 2, -d.D / 2 + 1.0, d.pedicle_z])
    if reg == "thoracic":
        return np.array([s * d.tps / 2, d.junction_y - 10.0, d.pedicle_z + 2.0])
    return np.array([s * d.tps / 2, d.junction_y + 2.0, d.pedicle_z - 1.0])


def on_surface(distance, points: dict[str, np.ndarray], ways: dict[str, np.ndarray],
               reach: float = 10.0, clearance: float = 0.5) -> dict[str, np.ndarray]:
    """``points`` moved, each along its ``ways`` direction (or against it), to where the line
    through it in that direction leaves the bone (``distance``: a signed-distance function of
    (..., 3) points), plus ``clearance`` mm: the crossing nearest the point within ``reach``
    mm. A landmark is written as a point on its process (often the centre of the shape that
    makes it) and the face it lies on, so it is on the surface whatever the process's size,
    and muscles attach to the bone instead of inside it (the meshes are within a few tenths
    of a millimetre of the distance's zero level, so ``clearance`` keeps the ends outside)."""
    names = [name for name in points if name in ways]
    if not names:
        return dict(points)
    t = np.arange(-reach, reach + 1e-6, 0.1)
    start = np.array([points[name] for name in names], dtype=float)
    way = np.array([ways[name] for name in names], dtype=float)
    way /= np.linalg.norm(way, axis=1, keepdims=True)
    f = np.asarray(distance((start[:, None, :] + t[None, :, None] * way[:, None, :])
                            .astype(np.float32)), dtype=float)
    moved = dict(points)
    for k, name in enumerate(names):
        # where the line goes from inside the bone to outside, walking along the way out
        exits = np.nonzero((f[k, :-1] < 0) & (f[k, 1:] >= 0))[0]
        if not len(exits):
            continue    # nothing to stand on within reach: keep the point as written
        i = exits[np.argmin(np.abs(t[exits]))]
        crossing = t[i] + 0.1 * f[k, i] / (f[k, i] - f[k, i + 1])
        moved[name] = start[k] + (crossing + clearance) * way[k]
    return moved


def landmarks(d: Dims) -> dict[str, np.ndarray]:
    """Named points (local frame, mm) where muscles and ribs attach, on the bone's surface."""
    return {name: point.copy() for name, point in _landmarks(d).items()}


@lru_cache(maxsize=None)
def _landmarks(d: Dims) -> dict[str, np.ndarray]:
    points, ways = _landmarks_within(d)
    return on_surface(vertebra_distance(d), points, ways)


def _landmarks_within(d: Dims) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """The landmarks as written (points on or in their processes), and for each that muscles
    attach to, the way its face looks: the landmark is moved along it onto the surface."""
    points: dict[str, np.ndarray] = {}
    ways: dict[str, np.ndarray] = {}
    back, lateral = np.array([0.0, -1.0, 0.0]), {s: np.array([s, 0.0, 0.0]) for s in (1.0, -1.0)}
    reg = region(d.level)
    tip, root, direction = d.spinous_tip, d.spinous_root, d.spinous_direction
    down = np.array([0.0, direction[2], -direction[1]]) * -1  # perpendicular, pointing down
    if d.level == "C1":
        points["posterior-tubercle"] = np.array([0.0, 6.0 - d.cd - 6.0, -4.0])
        points["anterior-tubercle"] = np.array([0.0, 13.0, -5.0])
        ways["posterior-tubercle"], ways["anterior-tubercle"] = back, -back
        for side, s in SIDES.items():
            points[f"posterior-tubercle-{side}"] = np.array([s * 4.0, 6.0 - d.cd - 5.0, -4.0])
            tp = _transverse_tip(d, s)
            points[f"anterior-tubercle-{side}"] = tp + np.array([-s * 2.0, 3.0, 0.0])
            ways[f"posterior-tubercle-{side}"] = back
            ways[f"anterior-tubercle-{side}"] = lateral[s]
    else:
        points["spinous-tip"] = tip
        # interspinales grip the lower and upper borders of neighbouring spinous processes
        along = root + 0.55 * d.spl * direction
        half_height = {"cervical": 3.0, "thoracic": 3.5, "lumbar": 7.0}[reg]
        points["spinous-lower-border"] = along + half_height * down
        points["spinous-upper-border"] = along - half_height * down
        points["spinous-root"] = root
        ways.update({"spinous-tip": direction, "spinous-lower-border": down,
                     "spinous-upper-border": -down})
        thickness = {"cervical": 3.0, "thoracic": 3.5, "lumbar": 3.5}[reg]
        for side, s in SIDES.items():
            # beside the tip (the bifid tubercles of C2-C6), the side of the process (where
            # multifidus inserts) and its root beside the lamina (rotatores longi)
            spread = 3.5 if reg == "cervical" and d.level != "C7" else 1.5
            points[f"spinous-tip-{side}"] = tip - 2.0 * direction + np.array([s * spread, 0, 0])
            points[f"spinous-side-{side}"] = (root + 0.45 * d.spl * direction
                                              + np.array([s * thickness, 0, 0]))
            points[f"spinous-root-{side}"] = root + np.array([s * 4.0, -1.0, 0.0])
            for name in ("spinous-tip", "spinous-side", "spinous-root"):
                ways[f"{name}-{side}"] = lateral[s]
    for side, s in SIDES.items():
        tp = _transverse_tip(d, s)
        points[f"transverse-tip-{side}"] = tp
        ways[f"transverse-tip-{side}"] = lateral[s]
        if reg == "thoracic":
            # the back of the tip: its front bears the tubercle of the rib (levatores costarum
            # arise behind the costotransverse joint, not inside it)
            points[f"transverse-tip-{side}"] = tp - np.array([s * 2.5, 0.0, 0.0])
            ways[f"transverse-tip-{side}"] = back
        if d.level == "C1":
            points[f"lamina-{side}"] = np.array([s * 12.0, -d.cd + 5.5 - 2.0, -5.0])
            points[f"articular-{side}"] = np.array([s * (d.cw / 2 + 4.0), -2.0, -8.0])
            continue
        xj, yj, zp = d.pedicle_x, d.junction_y, d.pedicle_z
        # the lamina's lower lateral edge, where rotatores insert
        points[f"lamina-{side}"] = np.array([s * (d.cw / 2 - 1.0), yj - 0.45 * d.cd,
                                             zp - 0.35 * d.h])
        # the back of the articular process (of the cervical articular pillar: multifidus)
        points[f"articular-{side}"] = np.array([s * (xj + 1.0), yj - 3.0, -d.h * 0.7])
        ways[f"lamina-{side}"] = ways[f"articular-{side}"] = back
        if reg == "thoracic":
            # the upper posterior edge of the transverse process, where rotatores arise
            points[f"transverse-upper-{side}"] = np.array([s * (xj + 0.3 * (abs(tp[0]) - xj)),
                                                           yj - 5.0, zp + 3.5])
            points[f"transverse-costal-facet-{side}"] = tp + np.array([-s * 3.0, 4.0, 0.0])
        if reg == "lumbar":
            # the backs of the mammillary and accessory processes (their shapes' centres)
            points[f"mammillary-{side}"] = np.array([s * (xj + 2.5), yj - 7.0, 3.0])
            points[f"accessory-{side}"] = np.array([s * (xj + 7.0), yj - 3.0, zp - 3.0])
            ways[f"mammillary-{side}"] = ways[f"accessory-{side}"] = back
        if reg == "cervical":
            points[f"anterior-tubercle-{side}"] = tp + np.array([0.0, 4.0, 0.0])
            points[f"posterior-tubercle-{side}"] = tp + np.array([0.0, -4.0, 0.0])
            ways[f"anterior-tubercle-{side}"] = ways[f"posterior-tubercle-{side}"] = lateral[s]
        if reg == "thoracic" or d.level == "C7":
            points[f"transverse-upper-{side}"] = points.get(
                f"transverse-upper-{side}", tp + np.array([-s * 6.0, -2.0, 2.5]))
            ways[f"transverse-upper-{side}"] = np.array([0.0, -1.0, 1.0])
    # the transverse costal facet stays where it is: it places the rib's tubercle
    return points, ways


# -- shapes ------------------------------------------------------------------------------

def body_section(d: Dims, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Distance to the body's outline in a horizontal plane: rounded-square (cervical), heart
    (thoracic: narrower in front, broad behind) or kidney (lumbar: wide, hollow behind)."""
    reg = region(d.level)
    c = d.concavity
    a, b = d.W / 2, (d.D + c) / 2
    yc = -c / 2
    if reg == "thoracic":
        # heart: taper the front half
        x = x / (1.0 - 0.22 * np.clip((y - yc) / b, 0.0, 1.0))
    n = 3.2 if reg == "cervical" else 2.4 if reg == "lumbar" else 2.0
    q = (np.abs(x / a) ** n + np.abs((y - yc) / b) ** n) ** (1.0 / n)
    outline = (q - 1.0) * min(a, b)
    radius = d.W * (0.45 if reg == "lumbar" else 0.35)
    hollow = np.hypot(x, y - (-d.D / 2 - radius)) - radius
    return sdf.smooth_subtract(outline, hollow, 1.0)


def _body(d: Dims, p: np.ndarray) -> np.ndarray:
    x, y, z = p[..., 0], p[..., 1], p[..., 2]
    # the body is waisted: narrower half-way between its endplates
    t = (z + d.h / 2) / (d.h / 2)
    waist = 1.0 - 0.06 * np.clip(1.0 - t * t, 0.0, 1.0)
    section = body_section(d, x / waist, y / waist) * waist
    return sdf.extrude(section, z, -d.h, 0.0, 1.5)


def _bar(p, a, b, radius: float, half_height: float) -> np.ndarray:
    """A plate: a rod from a to b in the horizontal plane, ``half_height`` tall."""
    a, b = np.asarray(a, np.float32), np.asarray(b, np.float32)
    flat_a, flat_b = a.copy(), b.copy()
    flat_a[2] = flat_b[2] = 0.0
    q = p.copy()
    mid_z = (a[2] + b[2]) / 2
    # follow the rod's slope in z
    ab = flat_b - flat_a
    t = np.clip(((q - flat_a) @ ab) / max(float(ab @ ab), 1e-9), 0, 1)
    centre_z = a[2] + (b[2] - a[2]) * t
    q[..., 2] = 0.0
    section = sdf.capsule(q, flat_a, flat_b, radius)
    return sdf.extrude(section, p[..., 2] - centre_z + mid_z, mid_z - half_height,
                       mid_z + half_height, min(radius, half_height) * 0.8)


def _arch(d: Dims, p: np.ndarray) -> np.ndarray:
    """Pedicles, laminae, articular processes, transverse and spinous processes."""
    reg = region(d.level)
    xj, yj, zp = d.pedicle_x, d.junction_y, d.pedicle_z
    lt = d.lamina_thickness
    shapes = []
    for s in SIDES.values():
        # pedicle: from the back of the body to the junction
        shapes.append(_bar(p, (s * xj, -d.D / 2 + 3.0, zp), (s * xj, yj, zp),
                           d.pw / 2, d.ph / 2))
        # lamina: from the junction back to the midline, as tall as the arch
        lamina_top = zp + d.ph / 2
        lamina_bottom = -d.h - (2.0 if reg != "cervical" else 0.5)
        lam_half = (lamina_top - lamina_bottom) / 2
        lam_mid = (lamina_top + lamina_bottom) / 2
        shapes.append(_bar(p, (s * xj, yj - 1.0, lam_mid),
                           (0.0, -d.D / 2 - d.cd - lt / 2, lam_mid - 1.0), lt / 2, lam_half))
        # articular processes
        if reg == "cervical":
            # the articular pillar, its facets sloping about 45 degrees
            a = np.radians(40.0)
            tilt = np.array([[1, 0, 0], [0, np.cos(a), -np.sin(a)], [0, np.sin(a), np.cos(a)]])
            shapes.append(sdf.round_box(p, (s * (xj + 0.5), yj - 3.5, -d.h / 2 - 0.5),
                                        (3.8, 4.5, d.h / 2 + 2.5), 2.0, tilt))
        elif reg == "thoracic":
            # thoracic facets lie in the coronal plane: the superior ones face backward, the
            # inferior ones (on the lamina's lower edge) face forward onto them
            shapes.append(sdf.round_box(p, (s * (xj + 1.0), yj - 2.5, (zp + 4.0) / 2),
                                        (4.0, 2.0, (4.0 - zp) / 2 + 1.0), 1.5))
            shapes.append(sdf.round_box(p, (s * (xj - 0.5), yj - 4.0, -d.h - 1.0),
                                        (4.0, 2.0, 5.0), 1.5))
        else:
            # lumbar: superior processes facing inward, with the mammillary process behind;
            # inferior processes facing outward, inside the superior ones of the level below
            shapes.append(_bar(p, (s * (xj + 1.5), yj, 3.0), (s * (xj + 3.0), yj - 9.0, 5.0),
                               2.8, 6.0))
            shapes.append(sdf.ellipsoid(p, (s * (xj + 2.5), yj - 7.0, 3.0), (3.0, 3.0, 3.5)))
            shapes.append(sdf.capsule(p, (s * (xj - 2.0), yj - 6.0, zp - 6.0),
                                      (s * (xj - 3.0), yj - 8.0, -d.h - 5.0), 4.0, 3.2))
            shapes.append(sdf.ellipsoid(p, (s * (xj + 7.0), yj - 3.0, zp - 3.0), (2.2, 2.2, 2.2)))
        # transverse process
        tip = _transverse_tip(d, s)
        if reg == "cervical":
            shapes.append(_cervical_transverse(d, p, s, tip))
        elif reg == "thoracic":
            root = np.array([s * xj, yj - 1.5, zp + 1.0])
            end = tip - np.array([s * 4.0, 0.0, 0.0])
            shapes.append(sdf.capsule(p, root, end, 4.5, 4.0))
        else:
            root = np.array([s * xj, yj + 1.0, zp])
            end = tip - np.array([s * 3.0, 0.0, 0.0])
            shapes.append(_bar(p, root, end, 3.0, 4.5))
    shapes.append(_spinous(d, p))
    arch = shapes[0]
    for shape in shapes[1:]:
        arch = sdf.smooth_union(arch, shape, 1.5)
    if reg == "thoracic" and d.level not in ("T11", "T12"):
        # the transverse costal facet on the front of the tip, for the rib's tubercle
        for s in SIDES.values():
            tip = _transverse_tip(d, s)
            arch = sdf.smooth_subtract(arch, sdf.ellipsoid(
                p, tip + np.array([-s * 3.0, 5.5, 0.0]), (3.5, 3.0, 3.5)), 0.8)
    return arch


def _cervical_transverse(d: Dims, p, s: float, tip: np.ndarray) -> np.ndarray:
    """Anterior and posterior bars around the foramen transversarium, ending in tubercles."""
    zp = d.pedicle_z
    foramen_x = d.W / 2 + 5.0
    front = sdf.capsule(p, (s * (d.W / 2 - 2.0), 0.5, zp),
                        (s * (abs(tip[0]) - 2.6), tip[1] + 4.0, zp), 2.6, 2.4)
    back = sdf.capsule(p, (s * d.pedicle_x, d.junction_y, zp),
                       (s * (abs(tip[0]) - 2.6), tip[1] - 4.0, zp), 2.6, 2.4)
    inset = np.array([s * 2.6, 0.0, 0.0])   # the tubercles end at the tip
    tubercles = np.minimum(sdf.ellipsoid(p, tip - inset + np.array([0, 4.0, 0]), (2.6, 2.6, 3.0)),
                           sdf.ellipsoid(p, tip - inset + np.array([0, -4.0, 0]), (2.6, 2.6, 3.0)))
    bars = sdf.smooth_union(sdf.smooth_union(front, back, 1.0), tubercles, 1.0)
    # close the ring around the foramen, then open the foramen itself
    web = _bar(p, (s * (d.W / 2 - 1.0), -d.D / 2 + 1.0, zp),
               (s * (abs(tip[0]) - 4.0), tip[1], zp), 4.0, 1.8)
    ring = sdf.smooth_union(bars, web, 1.0)
    hole = sdf.cylinder_z(p, s * foramen_x, -d.D / 2 + 1.0, 2.4)
    return sdf.smooth_subtract(ring, hole, 0.5)


def _spinous(d: Dims, p: np.ndarray) -> np.ndarray:
    reg = region(d.level)
    root, direction, tip = d.spinous_root, d.spinous_direction, d.spinous_tip
    if reg == "lumbar":
        # a thick square hatchet, flat from side to side
        rotation = np.stack([[1.0, 0, 0], -direction, np.cross([1.0, 0, 0], -direction)], 1)
        half = np.array([3.0, d.spl / 2, 8.0])
        centre = root + direction * d.spl / 2
        return sdf.round_box(p, centre, half, 2.5, rotation)
    if reg == "thoracic":
        return sdf.capsule(p, root, tip - 2.8 * direction, 3.8, 2.8)
    if d.level == "C7":
        shaft = sdf.capsule(p, root, tip - 3.8 * direction, 3.5, 3.0)
        return sdf.smooth_union(shaft, sdf.ellipsoid(p, tip - 3.5 * direction, (4.5, 3.8, 3.8)),
                                1.5)
    # C2-C6: short, ending in two tubercles (bifid)
    fork = root + (d.spl - 6.0) * direction
    shaft = sdf.capsule(p, root, fork, 3.2, 2.6)
    prongs = [sdf.capsule(p, fork, tip - 2.0 * direction + np.array([s * 3.5, 0, 0]), 2.4, 2.0)
              for s in (-1.0, 1.0)]
    return sdf.smooth_union(shaft, np.minimum(*prongs), 1.5)


def _cervical_extras(d: Dims, p: np.ndarray, shape: np.ndarray) -> np.ndarray:
    """Uncinate processes: lips rising from the sides of the upper endplate (C3-C7)."""
    for s in SIDES.values():
        x = s * (d.W / 2 - 1.4)
        lip = sdf.capsule(p, (x, -d.D / 2 + 2.5, -0.5), (x, d.D * 0.15, -0.5), 1.6, 1.4)
        lip = np.maximum(lip, -(p[..., 2] + 1.0))  # keep it above the rim
        shape = sdf.smooth_union(shape, sdf.capsule(
            p, (x, -d.D / 2 + 2.5, 1.6), (x, d.D * 0.15, 1.6), 1.5, 1.2), 1.5)
    return shape


def _thoracic_facets(d: Dims, p: np.ndarray, shape: np.ndarray) -> np.ndarray:
    """Costal facets on the body: where the heads of the ribs articulate."""
    number = int(d.level[1:])
    x = d.W / 2 * 0.80
    y = -d.D / 2 + 3.5
    dents = []
    if number <= 12:
        dents.append(-1.5 if number in (1, 10, 11, 12) else -0.5)   # upper (demi)facet
    if number <= 9:
        dents.append(-d.h + 0.5)                                    # lower demifacet
    for z in dents:
        for s in SIDES.values():
            shape = sdf.smooth_subtract(shape, sdf.ellipsoid(
                p, (s * (x + 2.5), y, z), (3.2, 3.0, 3.4)), 0.6)
    return shape


def _canal(d: Dims, p: np.ndarray) -> np.ndarray:
    """The vertebral foramen, kept open whatever the fillets do."""
    centre_y = -d.D / 2 - d.cd / 2
    section = sdf.ellipse2d(p[..., 0], p[..., 1] - centre_y, d.cw / 2, d.cd / 2)
    return sdf.extrude(section, p[..., 2], -d.h - 30.0, 30.0, 0.0)


def _atlas(d: Dims, p: np.ndarray) -> np.ndarray:
    """C1: anterior arch with its tubercle, two lateral masses, posterior arch, long
    transverse processes with foramina; no body (the dens stands in the ring)."""
    z = -5.0
    inner_front, inner_back = 6.0, 6.0 - d.cd   # the dens sits behind the anterior arch
    lateral_x = d.cw / 2 + 3.0
    shapes = [sdf.capsule(p, (-lateral_x + 4, 2.0, z), (0.0, inner_front + 3.5, z), 3.5, 3.8),
              sdf.capsule(p, (lateral_x - 4, 2.0, z), (0.0, inner_front + 3.5, z), 3.5, 3.8),
              sdf.ellipsoid(p, (0.0, inner_front + 6.0, z), (4.5, 3.0, 5.5))]
    back = [(-lateral_x + 2, -10.0, z), (-d.cw / 2 + 2, inner_back + 1.0, z + 0.5),
            (0.0, inner_back - 2.5, z + 1.0), (d.cw / 2 - 2, inner_back + 1.0, z + 0.5),
            (lateral_x - 2, -10.0, z)]
    for a, b in zip(back[:-1], back[1:]):
        shapes.append(sdf.capsule(p, a, b, 3.2, 3.2))
    shapes.append(sdf.ellipsoid(p, (0.0, inner_back - 4.0, z), (5.0, 3.5, 4.5)))
    for s in SIDES.values():
        # lateral mass: a block bearing the condyle above and the axis below
        shapes.append(sdf.ellipsoid(p, (s * lateral_x, -2.0, z - 0.5), (7.5, 10.0, 8.5)))
        tip = _transverse_tip(d, s)
        shapes.append(sdf.capsule(p, (s * lateral_x, -4.0, z - 1.0),
                                  tip - np.array([s * 4.0, 0, 0]), 4.5, 4.0))
    shape = shapes[0]
    for other in shapes[1:]:
        shape = sdf.smooth_union(shape, other, 2.0)
    for s in SIDES.values():
        # foramen transversarium, and the hollow upper facets that cradle the condyles
        shape = sdf.smooth_subtract(shape, sdf.cylinder_z(p, s * (lateral_x + 8.0), -5.0, 3.0),
                                    0.5)
        shape = sdf.smooth_subtract(shape, sdf.ellipsoid(p, (s * lateral_x, -2.0, 6.5),
                                                         (5.0, 8.0, 4.5)), 1.0)
    ring_hole = sdf.ellipse2d(p[..., 0], p[..., 1] - (inner_front + inner_back) / 2,
                              d.cw / 2, d.cd / 2)
    return sdf.smooth_subtract(shape, ring_hole, 1.0)


def vertebra_distance(d: Dims):
    """The vertebra as a signed-distance function of local points."""
    def distance(p: np.ndarray) -> np.ndarray:
        if d.level == "C1":
            return _atlas(d, p)
        shape = sdf.smooth_union(_body(d, p), _arch(d, p), 2.0)
        reg = region(d.level)
        if d.level == "C2":
            # the dens (odontoid process), rising from the body into the atlas ring
            dens = sdf.capsule(p, (0.0, 0.0, -2.0), (0.0, 0.5, 13.0), 5.2, 4.2)
            shape = sdf.smooth_union(shape, dens, 2.5)
            for s in SIDES.values():
                # the broad superior articular facets on either side of the dens
                shape = sdf.smooth_union(shape, sdf.round_box(
                    p, (s * (d.W / 2 + 2.0), -1.0, -3.0), (5.0, 7.5, 3.0), 2.0), 2.0)
        elif reg == "cervical":
            shape = _cervical_extras(d, p, shape)
        if reg == "thoracic":
            shape = _thoracic_facets(d, p, shape)
        return sdf.smooth_subtract(shape, _canal(d, p), 1.0)
    return distance


def vertebra_bounds(d: Dims) -> tuple[tuple[float, float], ...]:
    tip = d.spinous_tip if d.level != "C1" else np.array([0, -d.cd - 5, -10])
    half_x = d.tps / 2 + 5.0
    y_low = min(tip[1] - 6.0, -d.D / 2 - d.cd - 12.0)
    y_high = max(d.D / 2, 14.0) + 6.0
    z_low = min(tip[2] - 8.0, -d.h - 9.0)
    z_high = 16.0 if d.level == "C2" else 12.0
    return (-half_x, half_x), (y_low, y_high), (z_low, z_high)
