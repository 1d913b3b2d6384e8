"""Every bone and disc of the scene: meshed once in local frames, placed for each posture.

Meshing the signed-distance shapes (models/vertebrae.py, models/context_bones.py) takes a
few seconds, so the local meshes are cached on disk (``~/.cache/fascia-explorer``, or
``$FASCIA_EXPLORER_CACHE``), keyed by a hash of the parameters (resources/geometry) and of
the code that shapes them; a posture change only moves them (a rotation and a shift per
bone), which takes milliseconds.

Local frames: vertebrae, sacrum, coccyx as in models/spine.py; the occipital base in the
atlas's frame; rib N in the frame of vertebra TN; hip bones and sacroiliac joints in the
pelvis frame (``pelvis_frame``); each femur in a frame at the centre of its head, upright.
"""
from __future__ import annotations

import hashlib
import json
import os

import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtk
from vtkmodules.vtkCommonDataModel import vtkPolyData

from models.mesh_cache import cache_path, code_digest, read_meshes, write_meshes
from models import context_bones as cb
from models.data import load_geometry
from models.meshing import ellipsoid, implicit_mesh, mesh_arrays, polydata, tube
from models.spine import LEVELS, Frame, SpinePose, rotation_x
from models.vertebrae import SIDES, body_section, dims, landmarks, vertebra_bounds, \
    vertebra_distance
from models import sdf

__all__ = ["BONE_IDS", "local_meshes", "bone_meshes", "disc_meshes", "bone_landmarks",
           "pelvis_frame", "bone_frame", "femur_frame", "cache_key", "BONE_TRIANGLES"]

RIB_IDS = [f"rib-{n}-{side}" for n in range(1, 13) for side in SIDES]
BONE_IDS = (LEVELS + ["sacrum", "coccyx", "skull-base"] + RIB_IDS
            + [f"hip-bone-{side}" for side in SIDES] + [f"femur-{side}" for side in SIDES]
            + [f"sacroiliac-joint-{side}" for side in SIDES])
# The most triangles a bone may have: a vertebra reads well at 4,000 (RENDERING budget).
BONE_TRIANGLES = {"vertebra": 3800, "sacrum": 5000, "coccyx": 1200, "skull-base": 3500,
                  "hip-bone": 4500, "femur": 2500, "disc": 700}
_SOURCES = ("sdf.py", "vertebrae.py", "context_bones.py", "bones.py", "meshing.py")


def _morphometry() -> dict:
    return load_geometry("morphometry")


def _context() -> dict:
    return load_geometry("context-bones")


def _spacing(level: str) -> float:
    return {"C": 0.6, "T": 0.8, "L": 1.0}[level[0]]


def _recipes() -> dict:
    """id -> (distance, bounds, grid spacing, triangle budget) for every meshed shape."""
    rows, context = _morphometry()["levels"], _context()
    recipes = {}
    for level in LEVELS:
        d = dims(level, rows[level])
        recipes[level] = (vertebra_distance(d), vertebra_bounds(d), _spacing(level),
                          BONE_TRIANGLES["vertebra"])
    recipes["sacrum"] = (cb.sacrum_distance(context["sacrum"], rows["L5"]),
                         cb.sacrum_bounds(context["sacrum"]), 1.0, BONE_TRIANGLES["sacrum"])
    recipes["coccyx"] = (cb.coccyx_distance(context["coccyx"]), cb.coccyx_bounds(None), 0.6,
                         BONE_TRIANGLES["coccyx"])
    recipes["skull-base"] = (cb.skull_distance(context["skull_base"]),
                             cb.skull_bounds(context["skull_base"]), 1.6,
                             BONE_TRIANGLES["skull-base"])
    for side, s in SIDES.items():
        recipes[f"hip-bone-{side}"] = (cb.hip_distance(context["pelvis"], s),
                                       cb.hip_bounds(context["pelvis"], s), 1.2,
                                       BONE_TRIANGLES["hip-bone"])
        recipes[f"femur-{side}"] = (cb.femur_distance(context["femur"], s),
                                    cb.femur_bounds(context["femur"], s), 2.0,
                                    BONE_TRIANGLES["femur"])
    for joint, height in _morphometry()["discs"].items():
        recipes[f"disc-{joint}"] = (_disc_distance(joint, height), _disc_bounds(joint, height),
                                    0.8 if joint[0] == "C" else 1.0, BONE_TRIANGLES["disc"])
    return recipes


def _disc_dims(joint: str):
    lower = joint.split("-")[1]
    rows = _morphometry()["levels"]
    return dims(lower if lower in rows else "L5", rows[lower if lower in rows else "L5"])


def _disc_distance(joint: str, height: float):
    d = _disc_dims(joint)

    def distance(p):
        # the annulus bulges a little beyond the endplates at mid-height
        t = p[..., 2] / (height / 2)
        bulge = 1.0 + 0.04 * np.clip(1.0 - t * t, 0.0, 1.0)
        section = body_section(d, p[..., 0] / bulge, p[..., 1] / bulge) * bulge
        return sdf.extrude(section, p[..., 2], -height / 2, height / 2, min(1.2, height / 4))
    return distance


def _disc_bounds(joint: str, height: float):
    d = _disc_dims(joint)
    return ((-d.W / 2 - 2, d.W / 2 + 2), (-d.D / 2 - 4, d.D / 2 + 2),
            (-height / 2 - 1, height / 2 + 1))


def _tube_meshes() -> dict[str, vtkPolyData]:
    """Ribs (tubes in their vertebra's frame) and the sacroiliac joints (thin discs)."""
    rows, context = _morphometry()["levels"], _context()
    meshes = {}
    for n in range(1, 13):
        d = dims(f"T{n}", rows[f"T{n}"])
        points = landmarks(d)
        for side, s in SIDES.items():
            path = cb.rib_path(n, context["ribs"][n], d, points, s)
            radius = [3.2, 3.6, 4.2, 4.2, 3.6, 3.0][:len(path)]
            meshes[f"rib-{n}-{side}"] = tube(path, radius, sides=10, samples=28)
    for side, s in SIDES.items():
        x, y, z = context["pelvis"]["auricular"]
        rotation = np.array([[0, 0, 1.0], [0, 1.0, 0], [-1.0, 0, 0]])  # flat across x
        meshes[f"sacroiliac-joint-{side}"] = ellipsoid((s * (x - 3.0), y, z), (22.0, 13.0, 1.6),
                                                       rotation @ rotation_x(-25), resolution=16)
    return meshes


# Read once, at import: the key must describe the code that is running, even if the files
# are edited while it runs.
_CODE_DIGEST = code_digest(*_SOURCES)


def cache_key() -> str:
    digest = hashlib.sha256(_CODE_DIGEST)
    digest.update(json.dumps([_morphometry(), _context()], sort_keys=True).encode())
    return digest.hexdigest()[:20]


_MEMORY: dict[str, dict] = {}


def local_meshes() -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """id -> (points, triangles, normals) of every bone and disc in its local frame."""
    key = cache_key()
    if key in _MEMORY:
        return _MEMORY[key]
    path = cache_path("bones", key)
    cached = read_meshes(path)
    if cached is not None:
        meshes = dict(zip(cached[0], cached[1]))
    else:
        meshes = _mesh_all()
        write_meshes(path, list(meshes), list(meshes.values()), keep=1)   # older data or code
    _MEMORY[key] = meshes
    return meshes


def _mesh_one(part_id: str):
    """Mesh one shape (a top-level function, so worker processes can run it)."""
    distance, bounds, spacing, budget = _recipes()[part_id]
    return _arrays(implicit_mesh(distance, bounds, spacing, budget))


def _mesh_all() -> dict:
    """Every local mesh, the signed-distance ones spread over the machine's cores (they are
    independent and take most of a minute on one core)."""
    ids = list(_recipes())
    meshes = None
    workers = min(os.cpu_count() or 1, 8)
    if workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        try:
            # "spawn": a fresh interpreter per worker, safe even when a GUI toolkit runs
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) \
                    as pool:
                meshes = dict(zip(ids, pool.map(_mesh_one, ids)))
        except (OSError, RuntimeError, ImportError):
            meshes = None   # no worker processes here: mesh in this process
    if meshes is None:
        meshes = {part_id: _mesh_one(part_id) for part_id in ids}
    for part_id, mesh in _tube_meshes().items():
        meshes[part_id] = _arrays(mesh)
    return meshes


def _arrays(mesh: vtkPolyData):
    from vtkmodules.util.numpy_support import vtk_to_numpy
    points, triangles = mesh_arrays(mesh)
    normals = vtk_to_numpy(mesh.GetPointData().GetNormals()).astype(np.float32)
    # a closed surface faces outward when its signed volume is positive (tubes bent more
    # tightly than their radius can come out wound the other way)
    a, b, c = (points[triangles[:, k]].astype(float) for k in range(3))
    if np.einsum("ij,ij->i", a, np.cross(b, c)).sum() < 0:
        triangles = triangles[:, [0, 2, 1]]
    outward = ((points - points.mean(0)) * normals).sum(1).mean()
    if outward < 0:
        normals = -normals
    return points, np.ascontiguousarray(triangles, dtype=np.int32), normals


def pelvis_frame(pose: SpinePose) -> Frame:
    """The sacrum frame turned back by the default sacral slope: at the default posture its
    axes are the scene's; the pelvis tilts with the sacrum when the slope changes."""
    default = float(load_geometry("posture")["defaults"]["sacral_slope"])
    sacrum = pose.vertebrae["sacrum"]
    return Frame(sacrum.origin, sacrum.rotation @ rotation_x(default))


def femur_frame(pose: SpinePose, s: float) -> Frame:
    x, y, z = _context()["pelvis"]["acetabulum"]
    centre = pelvis_frame(pose).to_world([s * (x + 8.0), y + 4.0, z - 2.0])
    return Frame(centre, np.eye(3))


def bone_frame(part_id: str, pose: SpinePose) -> Frame:
    if part_id in pose.vertebrae:
        return pose.vertebrae[part_id]
    if part_id == "skull-base":
        return pose.vertebrae["C1"]
    if part_id.startswith("rib-"):
        return pose.vertebrae[f"T{part_id.split('-')[1]}"]
    if part_id.startswith(("hip-bone-", "sacroiliac-joint-")):
        return pelvis_frame(pose)
    if part_id.startswith("femur-"):
        return femur_frame(pose, SIDES[part_id.rsplit("-", 1)[1]])
    raise KeyError(part_id)


def _placed(points, triangles, normals, frame: Frame) -> vtkPolyData:
    mesh = polydata(frame.to_world(points), triangles)
    array = numpy_to_vtk((normals @ frame.rotation.T).astype(np.float32), deep=True)
    array.SetName("Normals")
    mesh.GetPointData().SetNormals(array)
    return mesh


def bone_meshes(pose: SpinePose) -> list[tuple[str, vtkPolyData]]:
    """(id, mesh in scene coordinates) for every bone (and the sacroiliac joints)."""
    meshes = local_meshes()
    return [(part_id, _placed(*meshes[part_id], bone_frame(part_id, pose))) for part_id in BONE_IDS]


def disc_meshes(pose: SpinePose) -> list[tuple[str, vtkPolyData]]:
    """The discs, each a wedge between its endplates: its height at the centre is the
    table's; front and back differ by the angle the posture gives its joint."""
    meshes = local_meshes()
    out = []
    for joint, frame in pose.discs.items():
        points, triangles, normals = meshes[f"disc-{joint}"]
        height = pose.morphometry["discs"][joint]
        angle = np.radians(pose.joint_angles.get(joint, 0.0))
        scale = 1.0 + 2.0 * points[:, 1] * np.tan(angle / 2) / height
        wedged = points.copy()
        wedged[:, 2] = points[:, 2] * scale
        out.append((f"disc-{joint}", _placed(wedged, triangles, normals, frame)))
    return out


def bone_landmarks(pose: SpinePose) -> dict[tuple[str, str], np.ndarray]:
    """(bone id, landmark name) -> point in scene coordinates, for every named landmark."""
    rows, context = pose.morphometry["levels"], _context()
    points: dict[tuple[str, str], np.ndarray] = {}
    for level in LEVELS:
        frame = pose.vertebrae[level]
        for name, local in landmarks(dims(level, rows[level])).items():
            points[(level, name)] = frame.to_world(local)
    for name, local in cb.sacrum_landmarks(context["sacrum"], rows["L5"]).items():
        points[("sacrum", name)] = pose.vertebrae["sacrum"].to_world(local)
    for name, local in cb.skull_landmarks(context["skull_base"]).items():
        points[("skull-base", name)] = pose.vertebrae["C1"].to_world(local)
    pelvis = pelvis_frame(pose)
    for side, s in SIDES.items():
        for name, local in cb.hip_landmarks(context["pelvis"], s).items():
            points[(f"hip-bone-{side}", name)] = pelvis.to_world(local)
    for n in range(1, 13):
        d = dims(f"T{n}", rows[f"T{n}"])
        vertebra_points = landmarks(d)
        for side, s in SIDES.items():
            path = cb.rib_path(n, context["ribs"][n], d, vertebra_points, s)
            for name, local in cb.rib_landmarks(path).items():
                points[(f"rib-{n}-{side}", name)] = pose.vertebrae[f"T{n}"].to_world(local)
    return points
