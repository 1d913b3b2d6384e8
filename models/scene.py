"""The whole scene: every part's mesh, layer and look, for one posture.

Scene coordinates are millimetres, RAS (+x toward the body's right, +y anterior, +z
superior), origin at the centre of the upper endplate of S1 (see models/spine.py).

A posture change must give a new scene in a fraction of a second (the posture sliders), so
nothing is meshed for it: bones are their local meshes moved by their frames
(models.bones), soft tissue is posed from the default posture's meshes (models.soft_tissue,
models.posing), and so are the intrinsic back muscles: built once for the default posture
(building all 231 takes most of a second, so they are cached on disk like the other
meshes, models.mesh_cache), then each belly's ends ride their bones and its middle the
vertebrae it passes (models.posing.between).
"""
from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPolyData

from models import bones
from models.bones import bone_meshes, disc_meshes
from models.muscles import intrinsic_muscles, muscle_ends, muscle_meshes
from models.data import geometry_digest, load_geometry
from models.posing import between, bone_level, motions, pose_mesh, same_pose
from models.mesh_cache import cache_path, code_digest, from_arrays, read_meshes, to_arrays, \
    write_meshes
from models.soft_tissue import soft_tissue_meshes
from models.spine import Posture, SpinePose, spine_pose

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
    meshes += [(part_id, "intrinsic-muscles", mesh) for part_id, mesh in posed_muscles(pose)]
    meshes += soft_tissue_meshes(pose, pelvis=pelvis)
    look = load_geometry("appearance")
    parts = []
    for part_id, group, mesh in meshes:
        style = {**look["groups"][group], **look["parts"].get(part_id, {})}
        parts.append(Part(part_id, group, mesh, tuple(style["color"]), float(style["opacity"])))
    return Scene(parts, posture)


class _NeutralMuscles:
    """The bellies of the default posture, flattened into one array, with their weights."""

    def __init__(self, key: str):
        from models.meshing import polydata
        self.pose = spine_pose()
        path = cache_path("muscles", key)
        cached = read_meshes(path)
        if cached is not None:
            self.ids, arrays, extra = cached
            self.index, self.weight = extra["index"], extra["weight"]
        else:
            built = muscle_meshes(self.pose)
            self.ids = [part_id for part_id, _ in built]
            arrays = [to_arrays(mesh) for _, mesh in built]
            self.index, self.weight = self._skins(arrays)
            write_meshes(path, self.ids, arrays, keep=2,
                         extra={"index": self.index, "weight": self.weight})
        self.triangles = [triangles for _, triangles, _ in arrays]
        self.cells = [polydata(np.zeros((0, 3)), t).GetPolys() for t in self.triangles]
        self.points = np.vstack([points for points, _, _ in arrays])
        self.normals = np.vstack([normals for _, _, normals in arrays])
        self.splits = np.cumsum([len(points) for points, _, _ in arrays])[:-1]

    def _skins(self, arrays) -> tuple[np.ndarray, np.ndarray]:
        """Which vertebrae move each vertex, and how much (models.posing.between)."""
        ends = muscle_ends(self.pose)
        entries = {muscle["id"]: muscle for muscle in intrinsic_muscles()}
        skins = []
        for part_id, (points, _, _) in zip(self.ids, arrays):
            muscle = entries[part_id]
            skins.append(between(points, *ends[part_id], bone_level(muscle["origin"]["bone"]),
                                 bone_level(muscle["insertion"]["bone"])))
        return (np.vstack([skin.index for skin in skins]),
                np.vstack([skin.weight for skin in skins]))

    def meshes(self, pose: SpinePose) -> list[tuple[str, vtkPolyData]]:
        from models.posing import Skin
        if same_pose(pose, self.pose):
            points, normals = self.points, self.normals
        else:
            rotations, shifts = motions(self.pose, pose)
            points, normals = pose_mesh(self.points, self.normals, Skin(self.index, self.weight),
                                        rotations, shifts)
        return [(part_id, from_arrays((p, t, n), cells)) for part_id, p, n, t, cells in
                zip(self.ids, np.split(points, self.splits), np.split(normals, self.splits),
                    self.triangles, self.cells)]


_MUSCLES: dict[str, _NeutralMuscles] = {}
_MUSCLES_LOCK = threading.Lock()


def posed_muscles(pose: SpinePose) -> list[tuple[str, vtkPolyData]]:
    """The intrinsic muscles for ``pose``: built once for the default posture (per
    geometry data), then posed (models.posing.between) rather than rebuilt."""
    key = _muscles_key()
    with _MUSCLES_LOCK:
        if key not in _MUSCLES:
            _MUSCLES.clear()
            _MUSCLES[key] = _NeutralMuscles(key)
        neutral = _MUSCLES[key]
    return neutral.meshes(pose)


# what the default posture's muscles are made from: their data, the bones they lie on (the
# bone cache key), and the code that shapes and poses them
_MUSCLES_CODE = code_digest("muscles.py", "meshing.py", "spine.py", "vertebrae.py",
                            "posing.py", "scene.py")


def _muscles_key() -> str:
    digest = hashlib.sha256(bones.cache_key().encode() + _MUSCLES_CODE)
    digest.update(geometry_digest("intrinsic-muscles", "morphometry", "context-bones", "posture"))
    return digest.hexdigest()[:20]
