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
from vtkmodules.vtkCommonDataModel import vtkPolyData

from models.bones import bone_landmarks
from models.data import load_geometry
from models.meshing import tube
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


def muscle_meshes(pose: SpinePose) -> list[tuple[str, vtkPolyData]]:
    """(id, belly mesh in scene coordinates) for each of the intrinsic muscles."""
    look = load_geometry("intrinsic-muscles")
    ends = muscle_ends(pose)
    out = []
    t = np.linspace(0.0, 1.0, look["rings"])
    for muscle in intrinsic_muscles():
        start, end = ends[muscle["id"]]
        shape = look["groups"][muscle["group"]]
        # fusiform: thin tendinous ends, the belly in the middle
        profile = np.maximum(shape["radius"] * np.sin(np.pi * t) ** 0.8, look["end_radius"])
        lift = shape["bow"] * np.sin(np.pi * t)
        path = start + np.outer(t, end - start) + np.outer(lift, _backward(muscle, pose))
        out.append((muscle["id"], tube(path, profile, sides=look["sides"], smooth=False,
                                       cap=0.3)))
    return out
