"""The vertebral column's pose: where each vertebra and disc sits for a given posture.

Coordinates of the whole scene: millimetres, RAS (+x toward the body's right, +y anterior,
+z superior), origin at the centre of the upper endplate of S1.

Each vertebra has a local frame: origin at the centre of its body's upper endplate, z along
the body's long axis (superior), y anterior, x to the right. Its body fills z in
[-body_height, 0]. The column is stacked upward from the sacrum, whose upper endplate is
tilted forward by the sacral slope; every disc adds its height and its share of the curve of
its region (lordosis bends backward going up, kyphosis forward).
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np

from graph.errors import ExplorerError
from models.data import load_geometry

__all__ = ["Posture", "Frame", "SpinePose", "LEVELS", "spine_pose", "rotation_x"]

LEVELS = ([f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)]
          + [f"L{i}" for i in range(1, 6)])
# Joint names from the sacrum up: L5-S1, L4-L5, ..., C1-C2.
_JOINTS = [f"{upper}-{lower}" for upper, lower in
           zip(reversed(LEVELS), ["S1"] + list(reversed(LEVELS))[:-1])]
# The atlanto-axial joint has no disc; this is its joint space (mm).
_C1_C2_GAP = 2.0


def rotation_x(degrees: float) -> np.ndarray:
    a = np.radians(degrees)
    return np.array([[1, 0, 0], [0, np.cos(a), -np.sin(a)], [0, np.sin(a), np.cos(a)]])


@dataclass(frozen=True)
class Posture:
    """Sagittal curves in degrees (Cobb angles of the regions, sacral slope)."""
    cervical_lordosis: float = field(default=None)
    thoracic_kyphosis: float = field(default=None)
    lumbar_lordosis: float = field(default=None)
    sacral_slope: float = field(default=None)

    def __post_init__(self):
        table = load_geometry("posture")
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                object.__setattr__(self, f.name, float(table["defaults"][f.name]))
            else:
                low, high = table["ranges"][f.name]
                if not low <= float(value) <= high:
                    raise ExplorerError(f"{f.name.replace('_', ' ')} {value} is outside "
                                        f"{low}..{high} degrees")
                object.__setattr__(self, f.name, float(value))

    def as_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Frame:
    origin: np.ndarray
    rotation: np.ndarray

    def to_world(self, local) -> np.ndarray:
        """Local coordinates (mm, one point or (n, 3)) to scene coordinates."""
        return np.asarray(local, dtype=float) @ self.rotation.T + self.origin


@dataclass(frozen=True)
class SpinePose:
    vertebrae: dict[str, Frame]   # C1..L5, "sacrum" (S1 upper endplate), "coccyx"
    discs: dict[str, Frame]       # "C2-C3" .. "L5-S1": centre of the disc, mid-plane frame
    morphometry: dict
    # each joint's share of the curves (degrees; + bends backward going up): a disc is a
    # wedge by this angle between its endplates
    joint_angles: dict[str, float] = field(default_factory=dict)


def _joint_angles(posture: Posture) -> dict[str, float]:
    table = load_geometry("posture")["distribution"]
    signs = {"cervical_lordosis": 1.0, "thoracic_kyphosis": -1.0, "lumbar_lordosis": 1.0}
    angles: dict[str, float] = {}
    for curve, weights in table.items():
        total = sum(weights.values())
        for joint, weight in weights.items():
            angles[joint] = signs[curve] * getattr(posture, curve) * weight / total
    return angles


def spine_pose(posture: Posture | None = None) -> SpinePose:
    """Frames of every vertebra and disc for ``posture`` (default: the normal adult)."""
    posture = posture or Posture()
    morphometry = load_geometry("morphometry")
    levels, discs = morphometry["levels"], morphometry["discs"]
    angles = _joint_angles(posture)

    sacrum = Frame(np.zeros(3), rotation_x(-posture.sacral_slope))
    vertebrae = {"sacrum": sacrum}
    disc_frames = {}
    origin, rotation = sacrum.origin, sacrum.rotation
    for joint in _JOINTS:
        upper = joint.split("-")[0]
        height = discs.get(joint, _C1_C2_GAP)
        half = rotation @ rotation_x(angles.get(joint, 0.0) / 2)
        disc_centre = origin + half @ np.array([0, 0, height / 2])
        if joint in discs:
            disc_frames[joint] = Frame(disc_centre, half)
        rotation = rotation @ rotation_x(angles.get(joint, 0.0))
        lower_endplate = disc_centre + half @ np.array([0, 0, height / 2])
        origin = lower_endplate + rotation @ np.array([0, 0, levels[upper]["body_height"]])
        vertebrae[upper] = Frame(origin, rotation)
    # The coccyx hangs from the sacral apex, about 95 mm down the sacrum, which curves forward.
    vertebrae["coccyx"] = Frame(sacrum.to_world([0, 3, -95]), sacrum.rotation @ rotation_x(25))
    return SpinePose(vertebrae, disc_frames, morphometry, angles)
