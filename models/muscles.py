"""The 231 intrinsic back muscles: a fusiform belly each, from origin to insertion landmark.

Which muscles exist, and where each attaches, is knowledge-base data
(resources/knowledge/intrinsic-muscles.yaml: ``origin`` and ``insertion`` as {bone, landmark});
the landmarks are points on the bones' surfaces (models.bones.bone_landmarks; ``muscle_ends``),
so the bellies start on the bone, not in it, and follow the bones when the posture changes.

Each belly runs along a cubic Bezier curve from landmark to landmark. Its two inner control
points are set off from the straight line in the frames of the bones at either end (backward
and away from the midline, by the hints in resources/geometry/intrinsic-muscles.yaml), so the
belly lies on the laminae, in the groove beside the spinous processes and on the back of the
ribs instead of cutting through them, and bends with its bones. The cross-section is an
ellipse, wider in the plane of the back than it is thick. An interspinalis is the pair of
slips either side of the interspinous ligament, counted as one muscle (resources/docs): one
part, two bellies.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources as importlib_resources

import numpy as np
import yaml
from vtkmodules.vtkCommonDataModel import vtkPolyData

from models.bones import bone_frame
from models.bones import bone_landmarks, local_meshes
from models.data import load_geometry
from models.meshing import merge, polydata, tube
from models.spine import LEVELS, Frame, SpinePose, spine_pose

__all__ = ["intrinsic_muscles", "muscle_ends", "muscle_centrelines", "muscle_meshes"]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_REGIONS = {"C": "cervical", "T": "thoracic", "L": "lumbar"}


@lru_cache(maxsize=None)
def intrinsic_muscles() -> tuple[dict, ...]:
    """The intrinsic muscles' entries (id, group, side, origin, insertion...), in file order."""
    path = importlib_resources.files("resources") / "knowledge" / "intrinsic-muscles.yaml"
    data = yaml.load(path.read_text("utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader
    return tuple(s for s in data["structures"] if s.get("intrinsic"))


def muscle_ends(pose: SpinePose) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """id -> (origin point, insertion point) in scene coordinates: the landmarks, each on the
    surface of its bone's mesh (``_attachments``)."""
    points = bone_landmarks(pose)
    shifts = {key: bone_frame(key[0], pose).rotation @ shift
              for key, (shift, _) in _attachments().items()}
    ends = {}
    for muscle in intrinsic_muscles():
        o, i = muscle["origin"], muscle["insertion"]
        o, i = (o["bone"], o["landmark"]), (i["bone"], i["landmark"])
        ends[muscle["id"]] = (points[o] + shifts[o], points[i] + shifts[i])
    return ends


def _region(muscle: dict) -> str:
    """The spinal region a muscle belongs to: that of the vertebra it inserts on, else (a rib,
    the skull) the one it arises from; the sacrum counts as lumbar."""
    bone = muscle["insertion"]["bone"]
    if bone not in LEVELS:
        bone = muscle["origin"]["bone"]
    return _REGIONS.get(bone[0], "lumbar")


def _shape(look: dict, muscle: dict) -> dict:
    """A muscle's shape hints: its group's, then those for its region, then those of the
    ``muscles`` entries whose key begins its id (shortest first), each with its region's."""
    region = _region(muscle)
    layers = [look["groups"][muscle["group"]]]
    layers += [hints for key, hints in sorted(look.get("muscles", {}).items(),
                                              key=lambda item: len(item[0]))
               if muscle["id"].startswith(key)]
    shape = {}
    for hints in layers:
        shape.update({k: v for k, v in hints.items() if k not in _REGIONS.values()})
        shape.update(hints.get(region, {}))
    return shape


def _end_frame(muscle: dict, end: str, pose: SpinePose) -> Frame:
    """The frame of the bone at one end (a rib moves with its vertebra, the skull with C1)."""
    return bone_frame(muscle[end]["bone"], pose)


# How far off its bone's mesh an end may be before it is moved onto it, how far out it is put,
# and the most it is moved (a landmark further off is wrong and is to be fixed where defined)
_ON_BONE = (0.0, 1.0)
_CLEARANCE = 0.5
_MOST_MOVED = 3.0


@lru_cache(maxsize=None)
def _attachments() -> dict[tuple[str, str], tuple[np.ndarray, np.ndarray]]:
    """(bone, landmark) -> (shift, way out), both in the bone's own frame (the same in every
    posture): ``shift`` moves the landmark onto the surface of the bone's mesh, ``way out``
    is the outward normal there (a belly leaves its attachment this way first).

    The vertebrae's and the sacrum's landmarks are put on their bones' surfaces where they
    are defined (models.vertebrae.on_surface, on the same signed distances the meshes are
    made from), so they are not moved here. A rib's landmark is a point on its control
    polygon (models.context_bones.rib_landmarks) while the rib is a splined tube whose
    thickness is set where it is meshed: its mesh is the only description of its surface, so
    such an end is moved to the nearest point of the mesh, just outside it."""
    from vtkmodules.vtkFiltersCore import vtkImplicitPolyDataDistance
    pose = spine_pose()
    points, meshes, attachments = bone_landmarks(pose), local_meshes(), {}
    used = {(m[end]["bone"], m[end]["landmark"])
            for m in intrinsic_muscles() for end in ("origin", "insertion")}
    distances = {}
    for bone, landmark in sorted(used):
        if bone not in distances:
            distances[bone] = vtkImplicitPolyDataDistance()
            distances[bone].SetInput(polydata(*meshes[bone][:2]))
        frame = bone_frame(bone, pose)
        local = (points[(bone, landmark)] - frame.origin) @ frame.rotation
        nearest = [0.0, 0.0, 0.0]
        depth = distances[bone].EvaluateFunctionAndGetClosestPoint(local, nearest)
        shift = np.zeros(3)
        if not _ON_BONE[0] <= depth <= _ON_BONE[1]:
            # outward: from the nearest point toward the landmark if it is outside, away if in
            way = np.sign(depth) * (local - np.asarray(nearest))
            way /= np.linalg.norm(way) + 1e-12
            moved = np.asarray(nearest) + _CLEARANCE * way - local
            if np.linalg.norm(moved) <= _MOST_MOVED:
                shift = moved
        attachments[(bone, landmark)] = (shift, _gradient(distances[bone], local + shift))
    return attachments


def _gradient(distance, point) -> np.ndarray:
    gradient = [0.0, 0.0, 0.0]
    distance.EvaluateGradient(list(map(float, point)), gradient)
    return np.asarray(gradient) / (np.linalg.norm(gradient) + 1e-12)


def _bezier(p0, p1, p2, p3, samples: int) -> np.ndarray:
    """``samples`` points along a cubic Bezier, evenly spaced by arc length."""
    t = np.linspace(0.0, 1.0, 8 * samples)[:, None]
    dense = ((1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t ** 2 * p2
             + t ** 3 * p3)
    s = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(dense, axis=0), axis=1))])
    even = np.linspace(0.0, s[-1], samples)
    return np.stack([np.interp(even, s, dense[:, k]) for k in range(3)], axis=1)


def _paths(muscle: dict, start: np.ndarray, end: np.ndarray, pose: SpinePose,
           shape: dict, samples: int) -> list[np.ndarray]:
    """The centreline of each belly (one, or two slips for a paired interspinalis)."""
    side = {"right": 1.0, "left": -1.0}.get(muscle["side"], 0.0)
    frames = _end_frame(muscle, "origin", pose), _end_frame(muscle, "insertion", pose)
    lift, lateral = shape.get("lift", [0.0, 0.0]), shape.get("lateral", [0.0, 0.0])
    handle, exit_ = shape.get("handle", 1 / 3), shape.get("exit", 0.0)
    exits = [_attachments()[(muscle[end]["bone"], muscle[end]["landmark"])][1]
             for end in ("origin", "insertion")]
    # the handle at each end: along the line, out of the bone, then backward and outward in
    # that bone's frame
    offsets = [frame.rotation @ (np.array([side * out, -back, 0.0]) + exit_ * way)
               for frame, back, out, way in zip(frames, lift, lateral, exits)]
    chord = end - start
    slips = [0.0] if shape.get("slips", 1) == 1 else [-shape["gap"], shape["gap"]]
    paths = []
    for gap in slips:
        shift = [frame.rotation @ np.array([gap, 0.0, 0.0]) for frame in frames]
        p0, p3 = start + shift[0], end + shift[1]
        p1 = p0 + handle * chord + offsets[0]
        p2 = p3 - handle * chord + offsets[1]
        paths.append(_bezier(p0, p1, p2, p3, samples))
    return paths


def muscle_centrelines(pose: SpinePose, samples: int = 0) -> dict[str, list[np.ndarray]]:
    """id -> the centreline of each of its bellies ((n, 3) points, origin to insertion;
    ``samples`` points each, default as many as the meshes have)."""
    look = load_geometry("intrinsic-muscles")
    ends = muscle_ends(pose)
    return {m["id"]: _paths(m, *ends[m["id"]], pose, _shape(look, m), samples or look["samples"])
            for m in intrinsic_muscles()}


def _belly(path: np.ndarray, thickness: np.ndarray, width: float, sides: int) -> vtkPolyData:
    """A closed belly along ``path``: ``thickness`` (half, per point) front to back and
    ``width`` times that across.

    models.meshing.tube draws an ellipse of ``radii`` along the curve's first normal and
    ``flatten`` times that along its binormal; it takes the first normal across the start
    tangent and the x axis (the tangent and the y axis if the curve starts nearly along x),
    so for a belly running up the back the normal points backward and the binormal lies in
    the plane of the back, and for one starting sideways (an obliquus capitis) the other
    way round. tests/models/test_muscles.py checks that the bellies come out flat on the back.
    """
    tangent = path[1] - path[0]
    tangent = tangent / np.linalg.norm(tangent)
    if abs(tangent[0]) > 0.9:
        return tube(path, thickness * width, sides=sides, flatten=1.0 / width, smooth=False)
    return tube(path, thickness, sides=sides, flatten=width, smooth=False)


def muscle_meshes(pose: SpinePose) -> list[tuple[str, vtkPolyData]]:
    """(id, belly mesh in scene coordinates) for each of the intrinsic muscles."""
    look = load_geometry("intrinsic-muscles")
    ends = muscle_ends(pose)
    t = np.linspace(0.0, 1.0, look["samples"])
    out = []
    for muscle in intrinsic_muscles():
        shape = _shape(look, muscle)
        # fusiform: thin tendinous ends, the belly in the middle
        profile = np.maximum(shape["thickness"] * np.sin(np.pi * t) ** 0.8, look["end_radius"])
        bellies = [_belly(path, profile, shape["width"], look["sides"])
                   for path in _paths(muscle, *ends[muscle["id"]], pose, shape, look["samples"])]
        out.append((muscle["id"], bellies[0] if len(bellies) == 1 else merge(bellies)))
    return out
