"""The sacrum, coccyx and the context bones (occipital base, ribs, hip bones, femora).

Each shape is written in a local frame (documented per function) from
resources/geometry/context-bones.yaml; models/bones.py places the meshes and landmarks.
"""
from __future__ import annotations

import numpy as np

from models import sdf
from models.vertebrae import SIDES, Dims, on_surface

__all__ = ["sacrum_distance", "sacrum_bounds", "sacrum_landmarks", "coccyx_distance",
           "coccyx_bounds", "skull_distance", "skull_bounds", "skull_landmarks",
           "hip_distance", "hip_bounds", "hip_landmarks", "femur_distance", "femur_bounds",
           "femur_geometry", "rib_path", "rib_landmarks"]


# -- sacrum (sacrum frame: origin at the centre of the S1 upper endplate, z along S1) -------

def _canal_axis(canal: list[dict], z):
    """(y of the axis, half-width, half-depth) of the sacral canal at height ``z``, between
    the table's sections (``at``: [y, z], ``half``: [x, y]), which run from the top down."""
    zs = [row["at"][1] for row in reversed(canal)]

    def along(key, index):
        return np.interp(z, zs, [row[key][index] for row in reversed(canal)])
    return along("at", 0), along("half", 0), along("half", 1)


def _sweep(p, y, hx, hy, z_top, z_bottom, rounding=0.0):
    """An elliptical section (centre y, half-sizes hx, hy: functions of z) swept along z
    between two heights, the edges of its ends rounded by ``rounding`` mm."""
    z = np.clip(p[..., 2], z_bottom, z_top)
    yc, ax, ay = y(z), hx(z), hy(z)
    q = np.sqrt((p[..., 0] / ax) ** 2 + ((p[..., 1] - yc) / ay) ** 2)
    wr = (q - 1.0) * np.minimum(ax, ay) + rounding
    wz = np.maximum(p[..., 2] - z_top, z_bottom - p[..., 2]) + rounding
    return (np.minimum(np.maximum(wr, wz), 0.0)
            + np.hypot(np.maximum(wr, 0.0), np.maximum(wz, 0.0)) - rounding)


def sacrum_distance(params: dict, s1_row: dict):
    """The five fused vertebrae: bodies, alae and lateral masses; behind them a dorsal wall
    (the fused laminae roofing the sacral canal from S1 to the upper part of S4, and the
    lateral masses behind the foramina) with the median crest (spinous tubercles S1-S4),
    the intermediate crests ending in the sacral cornua, the hiatus between them below
    S4, and four pairs of anterior and posterior foramina joined to the canal."""
    bodies = params["bodies"]
    widths = params["lateral_half_width"]
    canal = params["canal"]
    dorsal = params["dorsal"]
    t = dorsal["lamina"]
    level_z = [b["at"][2] for b in bodies[:4]]
    # the foramina lie between the levels
    foramen_z = [(a["at"][2] + b["at"][2]) / 2 for a, b in zip(bodies[:-1], bodies[1:])]

    def canal_y(z):
        return _canal_axis(canal, z)[0]

    def canal_hx(z):
        return _canal_axis(canal, z)[1]

    def canal_hy(z):
        return _canal_axis(canal, z)[2]

    def plate_hx(z):
        return np.interp(z, level_z[::-1], dorsal["half_width"][::-1])

    def plate_hy(z):
        return canal_hy(z) + t

    def plate_y(x, z):
        """y of the dorsal wall's surface at (x, z), before the crests are added."""
        u = np.clip(x / plate_hx(z), -1, 1)
        return canal_y(z) - plate_hy(z) * np.sqrt(1 - u * u)

    def distance(p):
        shape = None
        for body in bodies:
            b = sdf.ellipsoid(p, body["at"], body["half"])
            shape = b if shape is None else sdf.smooth_union(shape, b, 6.0)
        top = sdf.extrude(sdf.ellipse2d(p[..., 0], p[..., 1], s1_row["body_width"] / 2,
                                        s1_row["body_depth"] / 2), p[..., 2], -22.0, 0.0, 2.0)
        shape = sdf.smooth_union(shape, top, 4.0)
        # lateral parts: alae above, narrowing lateral masses below, set back behind the bodies
        for i, body in enumerate(bodies):
            x, z, y = widths[i], body["at"][2], body["at"][1] - 8.0
            radius = max(12.0 - 2.0 * i, 4.0)
            bar = sdf.capsule(p, (-x + radius, y, z), (x - radius, y, z), radius)
            shape = sdf.smooth_union(shape, bar, 9.0)
        # the dorsal wall: the fused laminae over the canal and the lateral masses behind the
        # foramina, one convex surface from S1 down to S4
        wall = _sweep(p, canal_y, plate_hx, plate_hy, dorsal["top"], dorsal["bottom"], 10.0)
        shape = sdf.smooth_union(shape, wall, 6.0)
        # median sacral crest: spinous tubercles S1-S4, small ridges on the midline
        for i, z in enumerate(level_z):
            z = z + (-3.0, 0.0, 0.0, 5.0)[i]
            size = (2.8, 4.0 - 0.5 * i, 6.5 - 0.6 * i)
            tub = sdf.ellipsoid(p, (0.0, plate_y(0.0, z) - size[1] + 3.0, z), size)
            shape = sdf.smooth_union(shape, tub, 3.0)
        # the crest joining them
        top, low = level_z[0] - 3.0, level_z[3] + 5.0
        ridge = sdf.capsule(p, (0.0, float(plate_y(0.0, top)) + 0.5, top),
                            (0.0, float(plate_y(0.0, low)) + 0.5, low), 2.0, 1.6)
        shape = sdf.smooth_union(shape, ridge, 2.0)
        for s in SIDES.values():
            # superior articular processes of S1, for L5's inferior ones
            post = sdf.capsule(p, (s * 17.0, -26.0, -8.0), (s * 18.0, -28.0, 8.0), 5.0, 4.0)
            shape = sdf.smooth_union(shape, post, 3.0)
            # intermediate crest (the fused articular processes) down to the sacral cornua
            points = []
            for z in (level_z[0] - 1.0, foramen_z[0], foramen_z[1], dorsal["hiatus_apex"] + 4):
                x = s * (float(canal_hx(z)) + 3.5)
                points.append((x, float(plate_y(x, z)) - 0.3, z))
            for a, b in zip(points[:-1], points[1:]):
                shape = sdf.smooth_union(shape, sdf.capsule(p, a, b, 2.2, 2.0), 3.0)
            # sacral cornua: the inferior articular processes of S5, beside the hiatus
            z5 = bodies[4]["at"][2] + 1.0
            y5, hx5, hy5 = _canal_axis(canal, z5)
            cornu = sdf.capsule(p, points[-1], (s * (hx5 + 1.5), y5 - hy5 - 1.0, z5), 2.4, 2.2)
            shape = sdf.smooth_union(shape, cornu, 2.5)
            # the auricular surface: a raised ear-shaped area on the side of S1-S2
            ear = sdf.ellipsoid(p, (s * (widths[0] - 2.0), -12.0, -26.0), (5.0, 14.0, 20.0))
            shape = sdf.smooth_union(shape, ear, 3.0)
        # the L5-S1 interlaminar space: the S1 laminae start below the articular processes
        notch = sdf.ellipsoid(p, (0.0, float(canal_y(-2.0)) - 10.0, 0.0), (11.0, 12.0, 7.0))
        shape = sdf.smooth_subtract(shape, notch, 3.0)
        # the sacral canal, open at the top for the cauda equina and below at the hiatus
        shape = sdf.smooth_subtract(shape, _sweep(p, canal_y, canal_hx, canal_hy, 20.0,
                                                  -110.0), 1.0)
        # the sacral hiatus: no laminae behind the canal below its apex, between the cornua
        hx = canal_hx(p[..., 2]) + 0.5
        centre = dorsal["hiatus_apex"] - hx
        arch = np.where(p[..., 2] > centre, np.hypot(p[..., 0], p[..., 2] - centre) - hx,
                        np.abs(p[..., 0]) - hx)
        shape = sdf.smooth_subtract(shape, np.maximum(arch, p[..., 1] - canal_y(p[..., 2])),
                                    1.5)
        # four pairs of foramina: anterior (wider) and posterior (smaller, lateral to the
        # intermediate crest), joined to the canal by the intervertebral foramina
        for i, z in enumerate(foramen_z):
            y = (bodies[i]["at"][1] + bodies[i + 1]["at"][1]) / 2
            yc, hxc, _ = _canal_axis(canal, z)
            r = params["foramen_radius"][i]
            for s in SIDES.values():
                x = s * params["foramen_x"][i]
                xb = s * params["posterior_foramen_x"][i]
                front = sdf.capsule(p, (x, y - 10.0, z), (x * 1.1, y + 25.0, z), r, r + 1.0)
                back = sdf.capsule(p, (xb * 1.05, yc - 25.0, z), (xb, yc, z), r * 0.75, r * 0.8)
                tunnel = sdf.capsule(p, (s * (hxc - 2.0), yc, z), (x, y - 8.0, z), r * 0.8, r)
                shape = sdf.smooth_subtract(shape, np.minimum(np.minimum(front, back), tunnel),
                                            1.0)
        return shape
    return distance


def sacrum_bounds(params: dict):
    w = params["lateral_half_width"][0] + 4
    return (-w, w), (-48.0, 25.0), (-104.0, 16.0)


def sacrum_landmarks(params: dict, s1_row: dict) -> dict[str, np.ndarray]:
    """The dorsal surface beside the median crest, at each sacral level (multifidus arises
    there, as low as the fourth sacral foramen), and the upper face of the S1 spinous
    tubercle (the lowest interspinalis): each found on the bone's surface
    (models.vertebrae.on_surface) from a point just inside the laminae, so the muscles start
    on the bone, not in the air above it nor in the canal under it."""
    canal, t = params["canal"], params["dorsal"]["lamina"]

    def roof(z):   # 2 mm inside the laminae's dorsal surface on the midline
        y, _, hy = _canal_axis(canal, z)
        return y - hy - t + 2.0
    first = params["bodies"][0]["at"]
    z1 = first[2] - 3.0
    points = {"median-crest-S1": np.array([0.0, roof(z1) - 2.0, z1])}
    ways = {"median-crest-S1": np.array([0.0, -1.0, 0.4])}
    for i, body in enumerate(params["bodies"][:4], start=1):
        for side, s in SIDES.items():
            points[f"dorsal-S{i}-{side}"] = np.array([s * (7.0 + i), roof(body["at"][2]),
                                                      body["at"][2]])
            ways[f"dorsal-S{i}-{side}"] = np.array([0.0, -1.0, 0.0])
    return on_surface(sacrum_distance(params, s1_row), points, ways, reach=15.0)


# -- coccyx (coccyx frame: hangs from the sacral apex) ---------------------------------------

def coccyx_distance(params: dict):
    def distance(p):
        shape = None
        for i, seg in enumerate(params["segments"]):
            piece = sdf.ellipsoid(p, seg["at"], seg["half"])
            # a narrow waist between segments, so the three can be told apart
            shape = piece if shape is None else sdf.smooth_union(shape, piece, 1.2)
            if i == 0:
                for s in SIDES.values():
                    # the cornua and rudimentary transverse processes of the first segment
                    shape = sdf.smooth_union(shape, sdf.capsule(
                        p, (s * 4.0, -3.0, -2.0), (s * 5.0, -5.0, 4.0), 2.0), 1.5)
                    shape = sdf.smooth_union(shape, sdf.capsule(
                        p, (s * 8.0, 0.0, -5.0), (s * 14.0, -1.0, -6.0), 2.5, 2.0), 1.5)
        return shape
    return distance


def coccyx_bounds(params: dict):
    return (-20.0, 20.0), (-12.0, 14.0), (-32.0, 10.0)


# -- skull base (atlas frame: above C1) ------------------------------------------------------

def _skull_outer(params: dict, x: float, z: float) -> np.ndarray:
    cx, cy, cz = params["centre"]
    a, b, c = params["radii"]
    inside = max(1.0 - ((x - cx) / a) ** 2 - ((z - cz) / c) ** 2, 0.0)
    return np.array([x, cy - b * np.sqrt(inside), z])


def skull_distance(params: dict):
    cx, cy, cz = params["centre"]
    radii = np.asarray(params["radii"], dtype=float)
    t = params["thickness"]

    def distance(p):
        outer = sdf.ellipsoid(p, params["centre"], radii)
        shell = np.abs(outer + t / 2) - t / 2
        # keep the back and the base: the occipital bone, below the lambdoid suture
        keep = np.maximum(p[..., 1] - (cy + 8.0), p[..., 2] - (cz + 8.0))
        shape = np.maximum(shell, keep)
        # the basilar part (clivus) running forward and up from the foramen magnum
        shape = sdf.smooth_union(shape, sdf.capsule(p, (0.0, cy + 12.0, cz - 48.0),
                                                    (0.0, cy + 38.0, cz - 20.0), 6.0, 5.0), 4.0)
        for s in SIDES.values():
            # occipital condyles, resting on the atlas
            condyle = sdf.ellipsoid(p, (s * params["condyle_x"], -1.0, cz - c_below(params) - 3),
                                    (5.0, 10.0, 4.5))
            shape = sdf.smooth_union(shape, condyle, 3.0)
        fm = params["foramen_magnum"]
        hole = sdf.ellipse2d(p[..., 0], p[..., 1] - fm["centre"][1], fm["half"][0], fm["half"][1])
        return sdf.smooth_subtract(shape, hole, 1.5)
    return distance


def c_below(params: dict) -> float:
    """Height of the skull's lowest point below the centre of the ellipsoid."""
    return params["radii"][2]


def skull_bounds(params: dict):
    cx, cy, cz = params["centre"]
    a, b, c = params["radii"]
    return (-a - 3, a + 3), (cy - b - 3, cy + 45.0), (cz - c - 8, cz + 14.0)


def skull_landmarks(params: dict) -> dict[str, np.ndarray]:
    """Insertions of the suboccipital muscles on the outer surface of the occipital bone."""
    cz = params["centre"][2]
    points = {}
    for side, s in SIDES.items():
        points[f"inferior-nuchal-line-medial-{side}"] = _skull_outer(params, s * 11.0, cz - 30)
        points[f"inferior-nuchal-line-lateral-{side}"] = _skull_outer(params, s * 32.0, cz - 26)
        points[f"between-nuchal-lines-lateral-{side}"] = _skull_outer(params, s * 44.0, cz - 18)
    return points


# -- hip bone (pelvis frame) -----------------------------------------------------------------

def hip_distance(params: dict, s: float):
    def mirrored(key):
        x, y, z = params[key]
        return np.array([s * x, y, z], dtype=float)
    acetabulum = mirrored("acetabulum")
    asis, tubercle, top, psis = (mirrored(k) for k in ("anterior_superior_iliac_spine",
                                                       "iliac_tubercle", "crest_top",
                                                       "posterior_superior_iliac_spine"))
    auricular, spine, tuberosity = (mirrored(k) for k in ("auricular", "ischial_spine",
                                                          "ischial_tuberosity"))
    pubic, symphysis = mirrored("pubic_tubercle"), mirrored("symphysis")
    radius = params["acetabulum_radius"]
    # the blade of the ilium: a fan of plates from the body of the ilium above the acetabulum
    hub = acetabulum + np.array([-s * 12.0, -8.0, 26.0])

    # the blade curves like part of a bowl (the iliac fossa inside): a spherical shell
    # through the blade's corners, cut to the outline of the fan between them
    corners = np.array([hub, asis, tubercle, top, psis, auricular])
    fit = np.linalg.lstsq(np.c_[2 * corners, np.ones(len(corners))],
                          (corners ** 2).sum(1), rcond=None)[0]
    bowl_centre = fit[:3]
    bowl_radius = float(np.sqrt(fit[3] + bowl_centre @ bowl_centre))

    # the outline of the blade, as a 2D polygon in the plane that fits its corners best
    outline_corners = np.array([hub, asis, tubercle, top, psis, auricular])
    centre = outline_corners.mean(0)
    plane = np.linalg.svd(outline_corners - centre)[2][:2]

    def distance(p):
        outline = _polygon_distance((p - centre) @ plane.T.astype(np.float32),
                                    (outline_corners - centre) @ plane.T)
        # thin in the fossa, thickening to a rounded crest along the rim
        half_thickness = 2.2 + 3.5 * np.clip(1.0 + outline / 9.0, 0.0, 1.0)
        shell = np.abs(np.linalg.norm(p - bowl_centre, axis=-1) - bowl_radius) - half_thickness
        shape = sdf.smooth_subtract(shell, -outline, 2.0)
        # the sacroiliac part: a thick pad against the sacrum's auricular surface
        shape = sdf.smooth_union(shape, sdf.capsule(p, psis, auricular, 8.0, 9.0), 4.0)
        shape = sdf.smooth_union(shape, sdf.capsule(p, auricular, hub, 8.0, 10.0), 4.0)
        # the acetabulum: a thick cup opening laterally and forward
        cup = sdf.ellipsoid(p, acetabulum, (radius + 4, radius + 4, radius + 4))
        shape = sdf.smooth_union(shape, cup, 6.0)
        shape = sdf.smooth_union(shape, sdf.capsule(p, hub, acetabulum, 10.0, 14.0), 5.0)
        # ischium and pubis: the ring around the obturator foramen
        ring = sdf.union(sdf.capsule(p, acetabulum, spine, 9.0, 6.0),
                         sdf.capsule(p, spine, tuberosity, 6.0, 10.0),
                         sdf.capsule(p, tuberosity, symphysis + np.array([s * 8.0, -5.0, -15.0]),
                                     7.0, 5.0),
                         sdf.capsule(p, symphysis + np.array([s * 8.0, -5.0, -15.0]), symphysis,
                                     5.0, 7.0),
                         sdf.capsule(p, acetabulum, pubic, 9.0, 6.0),
                         sdf.capsule(p, pubic, symphysis, 6.0, 7.0))
        shape = sdf.smooth_union(shape, ring, 4.0)
        socket = sdf.ellipsoid(p, acetabulum + np.array([s * 8.0, 4.0, -2.0]),
                               (radius, radius, radius))
        return sdf.smooth_subtract(shape, socket, 2.0)
    return distance


def _polygon_distance(q: np.ndarray, polygon: np.ndarray) -> np.ndarray:
    """Signed distance from 2D points ``q`` (..., 2) to a closed polygon (negative inside)."""
    x, y = q[..., 0], q[..., 1]
    best = np.full(x.shape, np.inf, dtype=np.float32)
    inside = np.zeros(x.shape, dtype=bool)
    for a, b in zip(polygon, np.roll(polygon, -1, axis=0)):
        edge = b - a
        t = np.clip(((x - a[0]) * edge[0] + (y - a[1]) * edge[1]) / float(edge @ edge), 0, 1)
        best = np.minimum(best, np.hypot(x - a[0] - t * edge[0], y - a[1] - t * edge[1]))
        crosses = ((a[1] > y) != (b[1] > y)) & (
            x < a[0] + (y - a[1]) * edge[0] / (edge[1] if edge[1] != 0 else 1e-9))
        inside ^= crosses
    return np.where(inside, -best, best)


def hip_bounds(params: dict, s: float):
    xs = [params[k][0] for k in params if isinstance(params[k], list)]
    ys = [params[k][1] for k in params if isinstance(params[k], list)]
    zs = [params[k][2] for k in params if isinstance(params[k], list)]
    low_x, high_x = min(xs) - 40, max(xs) + 40
    x_range = (low_x, high_x) if s > 0 else (-high_x, -low_x)
    return x_range, (min(ys) - 20, max(ys) + 25), (min(zs) - 20, max(zs) + 15)


def hip_landmarks(params: dict, s: float) -> dict[str, np.ndarray]:
    x, y, z = params["posterior_superior_iliac_spine"]
    return {"posterior-superior-iliac-spine": np.array([s * x, y, z], dtype=float)}


# -- femur (femur frame: origin at the centre of the head, axes of the pelvis at rest) -------

def femur_geometry(params: dict, s: float) -> dict[str, np.ndarray]:
    """Key points of the femur on side ``s`` (+1 right, -1 left)."""
    neck_angle = np.radians(180.0 - params["neck_shaft_angle"])
    ante = np.radians(params["anteversion"])
    add = np.radians(params["adduction"])
    # from the head down the neck: lateral, a little down and back (anteversion)
    neck_dir = np.array([s * np.cos(neck_angle) * np.cos(ante), -np.sin(ante) * 0.5,
                         -np.sin(neck_angle)])
    neck_dir /= np.linalg.norm(neck_dir)
    junction = neck_dir * params["neck_length"]
    knee = junction + np.array([-s * np.sin(add), 0.0, -np.cos(add)]) * (
        params["length"] - params["head_radius"] - 20.0)
    return {"head": np.zeros(3), "junction": junction,
            "greater_trochanter": junction + np.array([s * 10.0, -6.0, 14.0]),
            "lesser_trochanter": junction + np.array([-s * 8.0, -10.0, -30.0]),
            "knee": knee}


def femur_distance(params: dict, s: float):
    g = femur_geometry(params, s)

    def distance(p):
        head = sdf.ellipsoid(p, g["head"], (params["head_radius"],) * 3)
        neck = sdf.capsule(p, g["head"], g["junction"], 15.0, 17.0)
        shape = sdf.smooth_union(head, neck, 5.0)
        shape = sdf.smooth_union(shape, sdf.ellipsoid(p, g["greater_trochanter"],
                                                      (11.0, 13.0, 16.0)), 6.0)
        shape = sdf.smooth_union(shape, sdf.ellipsoid(p, g["lesser_trochanter"],
                                                      (7.0, 7.0, 9.0)), 4.0)
        shaft_top = g["junction"] + np.array([0.0, 0.0, -10.0])
        shaft = sdf.capsule(p, shaft_top, g["knee"] + np.array([0, 0, 30.0]), 15.0, 14.0)
        shape = sdf.smooth_union(shape, shaft, 8.0)
        # the two condyles and the flare above them
        for c in (-1.0, 1.0):
            condyle = sdf.ellipsoid(p, g["knee"] + np.array([c * 22.0, -6.0, -4.0]),
                                    (17.0, 27.0, 20.0))
            shape = sdf.smooth_union(shape, condyle, 10.0)
        notch = sdf.capsule(p, g["knee"] + np.array([0, -40.0, -24.0]),
                            g["knee"] + np.array([0, 0.0, -12.0]), 8.0)
        return sdf.smooth_subtract(shape, notch, 3.0)
    return distance


def femur_bounds(params: dict, s: float):
    g = femur_geometry(params, s)
    points = np.array(list(g.values()))
    low, high = points.min(0) - 45.0, points.max(0) + 45.0
    return tuple((float(a), float(b)) for a, b in zip(low, high))


# -- ribs (frame of the thoracic vertebra of the same number) --------------------------------

def rib_path(number: int, params: dict, d: Dims, vertebra_points: dict, s: float) -> np.ndarray:
    """Control points of rib ``number`` on side ``s`` from its head to its anterior end."""
    side = "right" if s > 0 else "left"
    head = np.array([s * (d.W / 2 * 0.8 + 3.5), -d.D / 2 + 3.5, 1.0 if number > 1 else -2.0])
    if f"transverse-costal-facet-{side}" in vertebra_points:
        tubercle = vertebra_points[f"transverse-costal-facet-{side}"] + np.array([0, -1.0, 0])
    else:   # ribs 11 and 12: no joint with the transverse process
        tubercle = head + np.array([s * 18.0, -10.0, -2.0])
    hw = params["half_width"]
    ex, ey, ez = params["end"]
    angle = np.array([s * max(0.45 * hw, abs(tubercle[0]) + 15.0), tubercle[1] - 6.0,
                      tubercle[2] - 6.0])
    lateral = np.array([s * hw, (angle[1] + ey) * 0.45, ez * 0.55])
    front = np.array([s * (hw + ex) / 2 * 1.02, ey * 0.8, ez * 0.9])
    end = np.array([s * ex, ey, ez])
    points = [head, tubercle, angle, lateral]
    if number <= 10:
        points.append(front)
    points.append(end)
    return np.array(points)


def rib_landmarks(path: np.ndarray) -> dict[str, np.ndarray]:
    """Where a levator costarum inserts: the rib's outer surface between tubercle and angle."""
    return {"tubercle": path[1], "levator-insertion": path[1] + 0.45 * (path[2] - path[1])}
