"""The whole scene: every part's mesh, layer and look, for one posture.

Scene coordinates are millimetres, RAS (+x toward the body's right, +y anterior, +z
superior), origin at the centre of the upper endplate of S1 (see models/spine.py).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPolyData

from models.bones import bone_meshes, disc_meshes
from models.muscles import muscle_meshes
from models.data import load_geometry
from models.soft_tissue import soft_tissue_meshes
from models.spine import Posture, spine_pose

__all__ = ["Part", "Scene", "build_scene"]


@dataclass
class Part:
    id: str
    group: str
    mesh: vtkPolyData
    color: tuple[float, float, float]
    opacity: float

    @property
    def center(self) -> np.ndarray:
        return np.array(self.mesh.GetCenter())


@dataclass
class Scene:
    parts: list[Part]
    posture: Posture

    def __post_init__(self):
        self._by_id = {part.id: part for part in self.parts}

    def __contains__(self, part_id: str) -> bool:
        return part_id in self._by_id

    def __getitem__(self, part_id: str) -> Part:
        return self._by_id[part_id]

    @property
    def groups(self) -> list[str]:
        order = load_geometry("appearance")["order"]
        present = {part.group for part in self.parts}
        return [group for group in order if group in present]

    def parts_in(self, group: str) -> list[Part]:
        return [part for part in self.parts if part.group == group]


def build_scene(posture: Posture | None = None, pelvis: str = "female") -> Scene:
    """Every structure with geometry, placed for ``posture`` (default: the normal adult);
    ``pelvis`` ("female" or "male") chooses the pelvic organs (models.soft_tissue)."""
    posture = posture or Posture()
    pose = spine_pose(posture)
    meshes = [(part_id, "bones", mesh) for part_id, mesh in bone_meshes(pose)]
    meshes += [(part_id, "discs", mesh) for part_id, mesh in disc_meshes(pose)]
    meshes += [(part_id, "intrinsic-muscles", mesh) for part_id, mesh in muscle_meshes(pose)]
    meshes += soft_tissue_meshes(pose, pelvis=pelvis)
    look = load_geometry("appearance")
    parts = []
    for part_id, group, mesh in meshes:
        style = {**look["groups"][group], **look["parts"].get(part_id, {})}
        parts.append(Part(part_id, group, mesh, tuple(style["color"]), float(style["opacity"])))
    return Scene(parts, posture)
