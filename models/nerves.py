"""The spinal cord and the spinal nerves, each leaving through its own foramen.

Built from resources/geometry/nerve-roots.yaml on the vertebral frames, so the roots follow
the spine and always pass between the pedicles of the two vertebrae that make their
foramen. Ids: ``spinal-cord`` and ``spinal-nerve-<NERVE>-<side>`` (e.g. spinal-nerve-L4-right).
"""
from __future__ import annotations

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPolyData

from models.data import load_geometry
from models.organs_shapes import ribbed_tube
from models.spine import LEVELS, SpinePose

__all__ = ["SPINAL_NERVES", "spinal_nerve_meshes", "spinal_nerve_path", "pedicle_centre",
           "foramen_of", "cord_path"]

SIDES = {"right": 1.0, "left": -1.0}
_COLUMN = LEVELS + ["sacrum"]


def _table() -> dict:
    return load_geometry("nerve-roots")


SPINAL_NERVES = list(_table()["foramina"]) + list(_table()["sacral_foramina"])


def _row(level: str, pose: SpinePose) -> dict:
    return pose.morphometry["levels"][level]


def canal_centre(level: str, fraction: float, pose: SpinePose) -> np.ndarray:
    """Local point on the canal's axis, ``fraction`` of the body height below the top."""
    if level == "sacrum":
        return np.array([0.0, -24.0, -fraction * 30.0])
    row = _row(level, pose)
    if level == "C1":  # the atlas has no body: its canal lies behind the anterior arch
        return np.array([0.0, -0.35 * row["canal_depth"], -fraction * row["body_height"]])
    return np.array([0.0, -(row["body_depth"] / 2 + row["canal_depth"] / 2),
                     -fraction * row["body_height"]])


def pedicle_centre(level: str, side: str, pose: SpinePose) -> np.ndarray:
    """Scene coordinates of the centre of a pedicle (by the rule in nerve-roots.yaml)."""
    rule = _table()["pedicle"]
    if level == "sacrum":  # the S1 pedicle: the root of the ala behind the S1 body
        local = np.array([14.0, -22.0, -8.0])
    else:
        row = _row(level, pose)
        depth = row["body_depth"] if level != "C1" else 0.3 * row["canal_depth"]
        local = np.array([row["canal_width"] / 2 + rule["lateral"],
                          -(depth / 2 + row["canal_depth"] * rule["depth_fraction"]),
                          -rule["height_fraction"] * row["body_height"]])
    local[0] *= SIDES[side]
    return pose.vertebrae[level].to_world(local)


def foramen_of(nerve: str) -> tuple[str, str] | None:
    """(vertebra above, vertebra below) of a nerve's intervertebral foramen, or None for
    the sacral nerves (anterior sacral foramina)."""
    pair = _table()["foramina"].get(nerve)
    return tuple(pair) if pair else None


def _segment_position(nerve: str) -> tuple[str, float]:
    """(vertebra, fraction down its body) where the cord segment of ``nerve`` lies."""
    order = SPINAL_NERVES
    anchors = [(order.index(k), v) for k, v in _table()["segment_levels"].items()]
    index = order.index(nerve)
    for (i0, (v0, f0)), (i1, (v1, f1)) in zip(anchors, anchors[1:]):
        if i0 <= index <= i1:
            u = (index - i0) / max(i1 - i0, 1)
            position = (1 - u) * (_COLUMN.index(v0) + f0) + u * (_COLUMN.index(v1) + f1)
            level = _COLUMN[min(int(position), len(_COLUMN) - 1)]
            return level, position - _COLUMN.index(level)
    raise KeyError(nerve)


def _cord_radius(position: float) -> float:
    table = _table()["cord_radius"]
    keys = [_COLUMN.index(k) + 0.5 for k in table]
    return float(np.interp(position, keys, list(table.values())))


def cord_path(pose: SpinePose) -> tuple[np.ndarray, np.ndarray]:
    """Points and radii of the cord from the foramen magnum to the conus."""
    tip_level, tip_fraction = _table()["conus"]
    end = _COLUMN.index(tip_level) + tip_fraction
    positions = [-0.6] + [i + 0.5 for i in range(int(end))] + [end - 0.15, end]
    points, radii = [], []
    for position in positions:
        level = _COLUMN[max(int(position), 0)]
        fraction = position - _COLUMN.index(level)
        points.append(pose.vertebrae[level].to_world(canal_centre(level, fraction, pose)))
        radii.append(_cord_radius(position))
    radii[-1] = 0.8
    return np.array(points), np.array(radii)


def spinal_nerve_path(nerve: str, side: str, pose: SpinePose) -> np.ndarray:
    """Control points of the right or left spinal nerve ``nerve`` (e.g. "L4") from the cord,
    down the canal, through its foramen and out as the start of its ventral ramus."""
    table, sign = _table(), SIDES[side]
    level, fraction = _segment_position(nerve)
    cord_r = _cord_radius(_COLUMN.index(level) + fraction)
    start = canal_centre(level, fraction, pose) + [sign * cord_r * 0.8, 0, 0]
    points = [pose.vertebrae[level].to_world(start)]
    region = nerve[0]
    pair = foramen_of(nerve)
    below = pair[1] if pair else "sacrum"
    above = pair[0] if pair else "sacrum"
    # down the canal (the cauda equina below the cord), drifting out toward the foramen
    first = _COLUMN.index(level) + 1
    last = _COLUMN.index(above) if above != "skull" else 0
    for i in range(first, last + 1):
        vertebra = _COLUMN[i]
        width = 18.0 if vertebra == "sacrum" else _row(vertebra, pose)["canal_width"]
        lateral = max(2.0, width / 2 - 4 - 1.5 * (last - i))
        local = canal_centre(vertebra, 0.15 if i == last else 0.5, pose) + [sign * lateral, 0, 0]
        points.append(pose.vertebrae[vertebra].to_world(local))
    if pair and above != "skull":
        upper, lower = pedicle_centre(above, side, pose), pedicle_centre(below, side, pose)
        foramen = (upper + lower) / 2
        # just medial to the foramen, then through it, between the two pedicles
        inward = pose.vertebrae[above].rotation @ np.array([-sign * 5.0, 0, 0])
        points += [foramen + inward, foramen]
        frame = pose.vertebrae[below]
    elif pair:  # C1: above the posterior arch of the atlas
        row = _row("C1", pose)
        frame = pose.vertebrae["C1"]
        points.append(frame.to_world([sign * row["canal_width"] / 2, -0.5 * row["canal_depth"], 5]))
        foramen = points[-1]
    else:
        frame = pose.vertebrae["sacrum"]
        x, y, z = table["sacral_foramina"][nerve]
        points.append(frame.to_world([sign * 9, -22, z + 6]))
        foramen = frame.to_world([sign * x, y, z])
        points.append(foramen)
    for step in table["rami"][region]:
        offset = np.array(step, dtype=float) * [sign, 1, 1]
        points.append(foramen + frame.rotation @ offset)
    return np.array(points)


def spinal_nerve_meshes(pose: SpinePose) -> list[tuple[str, str, vtkPolyData]]:
    """The cord and every spinal nerve, right and left."""
    table = _table()
    points, radii = cord_path(pose)
    out = [("spinal-cord", "nerves", ribbed_tube(points, radii, sides=10, step=6.0))]
    for nerve in SPINAL_NERVES:
        for side in SIDES:
            path = spinal_nerve_path(nerve, side, pose)
            out.append((f"spinal-nerve-{nerve}-{side}", "nerves",
                        ribbed_tube(path, table["radius"][nerve[0]], sides=6, step=6.0)))
    return out
