"""The 231 intrinsic back muscles: a fusiform belly each, from origin to insertion landmark.

Which muscles exist, and where each attaches, is knowledge-base data
(resources/knowledge/intrinsic-muscles.yaml: ``origin`` and ``insertion`` as {bone, landmark});
the landmarks are points on the bones (models.bones.bone_landmarks), so the bellies follow
the bones when the posture changes. Belly thickness per group: resources/geometry/intrinsic-muscles.yaml.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources as importlib_resources

import numpy as np
import yaml
from vtkmodules.util.numpy_support import numpy_to_vtk
from vtkmodules.vtkCommonDataModel import vtkPolyData

from models.bones import bone_landmarks
from models.data import load_geometry
from models.meshing import polydata
from models.spine import SpinePose

__all__ = ["intrinsic_muscles", "muscle_ends", "muscle_meshes"]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def intrinsic_muscles() -> tuple[dict, ...]:
    """The intrinsic muscles' entries (id, group, side, origin, insertion...), in file order."""
    path = importlib_resources.files("resources") / "knowledge" / "intrinsic-muscles.yaml"
    data = yaml.load(path.read_text("utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader
    return tuple(s for s in data["structures"] if s.get("intrinsic"))


def muscle_ends(pose: SpinePose) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """id -> (origin point, insertion point) in scene coordinates."""
    points = bone_landmarks(pose)
    ends = {}
    for muscle in intrinsic_muscles():
        o, i = muscle["origin"], muscle["insertion"]
        ends[muscle["id"]] = (points[(o["bone"], o["landmark"])],
                              points[(i["bone"], i["landmark"])])
    return ends


def _backward(muscle: dict, pose: SpinePose) -> np.ndarray:
    """Away from the bone: backward in the frame of the vertebra the muscle arises from."""
    bone = muscle["origin"]["bone"]
    frame = pose.vertebrae.get(bone) or pose.vertebrae.get(muscle["insertion"]["bone"])
    if frame is None:
        frame = pose.vertebrae["C1"]
    return frame.rotation @ np.array([0.0, -1.0, 0.0])


def _belly_topology(rings: int, sides: int) -> np.ndarray:
    """Triangles of a closed tube of ``rings`` rings and an apex at each end."""
    j = np.arange(sides)
    k = (j + 1) % sides
    triangles = []
    for i in range(rings - 1):
        a, b = i * sides + j, (i + 1) * sides + j
        c, d = i * sides + k, (i + 1) * sides + k
        triangles += [np.stack([a, b, d], 1), np.stack([a, d, c], 1)]
    start, end = rings * sides, rings * sides + 1
    last = (rings - 1) * sides
    triangles += [np.stack([np.full(sides, start), k, j], 1),
                  np.stack([np.full(sides, end), last + j, last + k], 1)]
    # wound so that the normal of each triangle points outward
    return np.vstack(triangles)[:, [0, 2, 1]]


def _belly(path: np.ndarray, radii: np.ndarray, sides: int, triangles: np.ndarray) -> vtkPolyData:
    """A closed fusiform tube along ``path`` with smooth (radial) normals, built directly:
    231 of them must be rebuilt whenever the posture changes."""
    tangent = np.gradient(path, axis=0)
    tangent /= np.linalg.norm(tangent, axis=1, keepdims=True)
    reference = np.array([0.0, 0.0, 1.0]) if abs(tangent[0, 2]) < 0.9 else np.array([1.0, 0, 0])
    normal = np.cross(tangent, reference)
    normal /= np.linalg.norm(normal, axis=1, keepdims=True)
    binormal = np.cross(tangent, normal)
    angles = np.linspace(0.0, 2 * np.pi, sides, endpoint=False)
    radial = (np.cos(angles)[None, :, None] * normal[:, None, :]
              + np.sin(angles)[None, :, None] * binormal[:, None, :])
    ring_points = path[:, None, :] + radii[:, None, None] * radial
    cap = 0.3 * radii[0]
    points = np.vstack([ring_points.reshape(-1, 3), path[0] - tangent[0] * cap,
                        path[-1] + tangent[-1] * cap])
    normals = np.vstack([radial.reshape(-1, 3), -tangent[0], tangent[-1]])
    mesh = polydata(points, triangles)
    array = numpy_to_vtk(normals.astype(np.float32), deep=True)
    array.SetName("Normals")
    mesh.GetPointData().SetNormals(array)
    return mesh


def muscle_meshes(pose: SpinePose) -> list[tuple[str, vtkPolyData]]:
    """(id, belly mesh in scene coordinates) for each of the intrinsic muscles."""
    look = load_geometry("intrinsic-muscles")
    ends = muscle_ends(pose)
    out = []
    t = np.linspace(0.0, 1.0, look["rings"])
    triangles = _belly_topology(look["rings"], look["sides"])
    for muscle in intrinsic_muscles():
        start, end = ends[muscle["id"]]
        shape = look["groups"][muscle["group"]]
        # fusiform: thin tendinous ends, the belly in the middle
        profile = np.maximum(shape["radius"] * np.sin(np.pi * t) ** 0.8, look["end_radius"])
        lift = shape["bow"] * np.sin(np.pi * t)
        path = start + np.outer(t, end - start) + np.outer(lift, _backward(muscle, pose))
        out.append((muscle["id"], _belly(path, profile, look["sides"], triangles)))
    return out
