"""Posing: soft tissue re-placed for a posture instead of re-meshed.

Meshing the organs, nerves, fascia and skin from their signed-distance shapes takes 8-13 s
(models.soft_tissue), far too slow for a posture slider. So they are meshed once, for the
default posture (and cached on disk), and every other posture moves those meshes, which
takes a few tens of milliseconds:

- Each vertebra's rigid motion from the default posture to the new one is
  ``x -> R x + t`` with ``R = R_new R_default^T`` and ``t = o_new - R o_default``; a point
  placed on a vertebra (models.soft_tissue.Placer) moves exactly so.
- A structure placed on one vertebra only (a kidney on L2, the heart on T6) moves rigidly
  with it.
- A structure that spans several levels (the cord, nerves, psoas, fascial sheets, skin)
  bends with the column: each vertex is projected on the default column (a soft nearest
  body centre, so the projection is smooth even behind a sharply curved lumbar spine,
  and wider away from the column, so the skin of the belly bends over several
  vertebrae), giving a position ``s`` along it; ``s`` is kept within the levels the
  structure hangs on, and the vertex follows the linear blend of the rigid motions of the
  two vertebrae either side of ``s``. The head rides the atlas and the pelvis the sacrum.
- Points placed in fixed scene coordinates (``at: world``: the legs) follow the femurs,
  which keep upright and move with the hip joint when the pelvis tilts
  (models.bones.pelvis_frame); structures that hang from the pelvis into the leg fade from
  the pelvis's motion to the femur's across the level of the hip joint.

The intrinsic back muscles (models.muscles), each a belly between a landmark on one bone and
one on another, are posed the same way (``between``): the origin end rides its bone, the
insertion end its bone, and in between the belly follows the vertebrae it passes, level
by level along its length.

Normals turn with the blended rotation. The weights depend only on the default meshes, so
they are computed once per mesh (``Skin``) and each posture costs one blend per vertex.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.spine import LEVELS, SpinePose

__all__ = ["COLUMN", "HIP", "Skin", "column_nodes", "motions", "skin", "pose_mesh",
           "same_pose", "bone_level", "between"]

# The column from the top: C1 .. L5, then the sacrum; index len(COLUMN) is the femurs' motion.
COLUMN = LEVELS + ["sacrum"]
HIP = len(COLUMN)
# Width (mm) of the soft projection on the column: about one vertebra and its disc next to
# the column, widening with the distance from it, so that the skin of the belly or the back
# bends over several vertebrae rather than creasing where one joint bends.
_SIGMA = 30.0
_SIGMA_PER_MM = 0.5
# Structures that run from the pelvis into the thigh change from the pelvis's motion to the
# femur's within this distance (mm) above and below the centre of the hip joint.
_HIP_BAND = 70.0


def column_nodes(pose: SpinePose) -> tuple[np.ndarray, np.ndarray]:
    """(points (m, 3), their COLUMN index (m,)): the centre of each vertebral body; points
    of the head, which rides the atlas; and points of the pelvis, one rigid body with the
    sacrum (the S1 body, the middle of the sacrum, and in the midline the levels of the
    acetabula, the symphysis, the ischial tuberosities and the middle of the pelvic cavity),
    so that the head, the pelvic organs, the groin and the perineum move as one piece."""
    from models.bones import pelvis_frame
    from models.data import load_geometry
    rows = pose.morphometry["levels"]
    nodes = [pose.vertebrae[level].to_world([0.0, 0.0, -rows[level]["body_height"] / 2])
             for level in LEVELS]
    atlas = pose.vertebrae["C1"]
    nodes += [atlas.to_world([0.0, y, z]) for y, z in ((25, 70), (-45, 70), (95, 70), (25, 150))]
    head = len(nodes)
    sacrum = pose.vertebrae["sacrum"]
    nodes += [sacrum.to_world([0.0, 0.0, -15.0]), sacrum.to_world([0.0, -5.0, -60.0])]
    pelvis = load_geometry("context-bones")["pelvis"]
    frame = pelvis_frame(pose)
    for name in ("acetabulum", "symphysis", "ischial_tuberosity"):
        nodes.append(frame.to_world([0.0, *pelvis[name][1:]]))
    nodes.append(frame.to_world([0.0, 40.0, -80.0]))
    index = np.r_[np.arange(len(LEVELS)), np.zeros(head - len(LEVELS)),
                  np.full(len(nodes) - head, len(LEVELS))]
    return np.array(nodes), index.astype(float)


def same_pose(pose: SpinePose, other: SpinePose) -> bool:
    """Whether two poses put every vertebra in the same place."""
    return pose.vertebrae.keys() == other.vertebrae.keys() and all(
        np.allclose(pose.vertebrae[k].origin, other.vertebrae[k].origin, atol=1e-6)
        and np.allclose(pose.vertebrae[k].rotation, other.vertebrae[k].rotation, atol=1e-9)
        for k in pose.vertebrae)


def _hip_centre(pose: SpinePose) -> np.ndarray:
    from models.bones import femur_frame
    return femur_frame(pose, 1.0).origin


def motions(default: SpinePose, pose: SpinePose) -> tuple[np.ndarray, np.ndarray]:
    """Rotations (HIP + 1, 3, 3) and shifts (HIP + 1, 3) taking each column level (and, last,
    the femurs) from ``default`` to ``pose``."""
    rotations = np.empty((HIP + 1, 3, 3))
    shifts = np.empty((HIP + 1, 3))
    for i, level in enumerate(COLUMN):
        before, after = default.vertebrae[level], pose.vertebrae[level]
        rotations[i] = after.rotation @ before.rotation.T
        shifts[i] = after.origin - rotations[i] @ before.origin
    rotations[HIP] = np.eye(3)
    shifts[HIP] = _hip_centre(pose) - _hip_centre(default)
    return rotations, shifts


@dataclass(frozen=True)
class Skin:
    """Per vertex: the three motions it follows (two column levels and the femurs) and
    their weights, which sum to one; ``rigid``: the one motion all vertices follow wholly,
    if there is one."""
    index: np.ndarray    # (n, 3) int
    weight: np.ndarray   # (n, 3) float
    rigid: int | None = None


def skin(points: np.ndarray, anchors, default: SpinePose) -> Skin:
    """Weights for a mesh of the default posture whose placement hangs on ``anchors`` (a
    set of COLUMN names and/or "world")."""
    points = np.asarray(points, dtype=float)
    n = len(points)
    levels = sorted(COLUMN.index(a) for a in anchors if a in COLUMN)
    index = np.zeros((n, 3), dtype=np.int64)
    index[:, 2] = HIP
    weight = np.zeros((n, 3))
    if levels:
        low, high = levels[0], levels[-1]
        if low == high and "world" not in anchors:
            return Skin(np.full((n, 3), low), np.tile([1.0, 0.0, 0.0], (n, 1)), low)
        if low == high:
            index[:, :2], fraction = low, np.zeros(n)
        else:
            s = np.clip(_along_column(points, default), low, high)
            first = np.minimum(np.floor(s).astype(np.int64), high - 1)
            index[:, 0], index[:, 1] = first, first + 1
            fraction = s - first
        hip = _hip_share(points, default) if "world" in anchors else np.zeros(n)
        weight[:, 0] = (1.0 - fraction) * (1.0 - hip)
        weight[:, 1] = fraction * (1.0 - hip)
        weight[:, 2] = hip
    else:   # only fixed scene points: the lower leg follows the femurs
        return Skin(np.full((n, 3), HIP), np.tile([0.0, 0.0, 1.0], (n, 1)), HIP)
    return Skin(index, weight)


def _along_column(points: np.ndarray, default: SpinePose) -> np.ndarray:
    """A smooth position along the column (0 = C1's body, len(COLUMN) - 1 = the sacrum) of
    each point: the mean index of the column's nodes, weighted by a Gaussian of their
    distance whose width grows with the distance to the nearest node.
    Only the sagittal distance counts (the column lies in the midline), so a structure's
    left and right halves move alike."""
    nodes, index = column_nodes(default)
    nodes = nodes[:, 1:]
    d2 = ((points[:, None, 1:] - nodes[None, :, :]) ** 2).sum(axis=2)
    nearest = d2.min(axis=1, keepdims=True)
    sigma = _SIGMA + _SIGMA_PER_MM * np.sqrt(nearest)
    w = np.exp((nearest - d2) / sigma ** 2)
    return (w @ index) / w.sum(axis=1)


def _hip_share(points: np.ndarray, default: SpinePose) -> np.ndarray:
    """0 above the hip joint's band, 1 below it, smooth in between."""
    z = _hip_centre(default)[2]
    u = np.clip((z + _HIP_BAND - points[:, 2]) / (2 * _HIP_BAND), 0.0, 1.0)
    return u * u * (3.0 - 2.0 * u)


def pose_mesh(points: np.ndarray, normals: np.ndarray, weights: Skin,
              rotations: np.ndarray, shifts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Points and normals of a default-posture mesh moved by blended motions (float32)."""
    rigid = weights.rigid
    if rigid is not None:   # one vertebra's (or the femurs') motion: exact
        rotation, shift = rotations[rigid], shifts[rigid]
        moved = np.asarray(points, dtype=float) @ rotation.T + shift
        turned = np.asarray(normals, dtype=float) @ rotation.T
        return moved.astype(np.float32), turned.astype(np.float32)
    w = weights.weight[:, :, None]
    # blended 3x4 [R | t] per vertex, as twelve columns
    motion = np.concatenate([rotations.reshape(-1, 9), shifts], axis=1)
    blend = (w * motion[weights.index]).sum(axis=1)
    p, n = np.asarray(points, dtype=float), np.asarray(normals, dtype=float)
    moved = np.empty_like(p)
    turned = np.empty_like(n)
    for row in range(3):
        r = blend[:, 3 * row:3 * row + 3]
        moved[:, row] = (r * p).sum(axis=1) + blend[:, 9 + row]
        turned[:, row] = (r * n).sum(axis=1)
    turned /= np.maximum(np.linalg.norm(turned, axis=1, keepdims=True), 1e-12)
    return moved.astype(np.float32), turned.astype(np.float32)


def bone_level(bone: str) -> int:
    """The COLUMN index whose motion a bone of models.bones shares: a rib its vertebra's,
    the skull base the atlas's, the hip bones and the coccyx the sacrum's."""
    if bone in COLUMN:
        return COLUMN.index(bone)
    if bone == "skull-base":
        return 0
    if bone.startswith("rib-"):
        return COLUMN.index(f"T{bone.split('-')[1]}")
    if bone.startswith(("hip-bone-", "sacroiliac-joint-")) or bone == "coccyx":
        return COLUMN.index("sacrum")
    raise KeyError(bone)


def between(points: np.ndarray, start: np.ndarray, end: np.ndarray, first: int,
            second: int) -> Skin:
    """Weights for a belly from ``start`` on column level ``first`` to ``end`` on level
    ``second`` (default posture): a vertex at the fraction t of the way (projected on
    start -> end) follows the column at level first + t (second - first), so the ends ride
    their bones exactly and a long belly (multifidus from L2 to the sacrum) follows the
    vertebrae it lies on in between."""
    axis = np.asarray(end, dtype=float) - start
    t = np.clip((np.asarray(points, dtype=float) - start) @ axis / max(axis @ axis, 1e-12),
                0.0, 1.0)
    n = len(t)
    if first == second:
        return Skin(np.full((n, 3), first), np.tile([1.0, 0.0, 0.0], (n, 1)), first)
    s = first + t * (second - first)
    low = np.minimum(np.floor(s).astype(np.int64), max(first, second) - 1)
    fraction = s - low
    index = np.stack([low, low + 1, low + 1], axis=1)
    weight = np.stack([1.0 - fraction, fraction, np.zeros(n)], axis=1)
    return Skin(index, weight)
