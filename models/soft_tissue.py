"""Organs, muscles, nerves, fascia and skin regions, shaped and placed from
resources/geometry/placements.yaml (and the spinal nerves from nerve-roots.yaml).

A placement point is one of
    {at: LEVEL, p: [x, y, z]}   millimetres in the local frame of vertebra LEVEL
    {at: LEVEL, d: [x, y, z]}   millimetres from LEVEL's origin along the body's axes (right,
                                anterior, up) in the default posture, carried with LEVEL
    {at: world, p: [x, y, z]}   fixed scene coordinates (the standing legs)
so every structure follows the vertebra it hangs on when the posture changes.

Shapes: ``tube`` (points, radius, flatten, thin, ripple, grooves, sides, step),
``ellipsoid``, ``blob`` (models.organs), ``sheet`` (grid of points, thickness), ``patch``
(a `host` outline cut along the outline of a selection), ``intestine`` (a coiled tube hung from
its mesentery's root). ``mirror: RIGHT-ID`` makes a left structure the mirror image of the
right one (x negated, "-right" ids turned "-left").
"""
from __future__ import annotations

import threading

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPolyData

from models.data import geometry_digest, load_geometry
from models.mesh_cache import cache_path, code_digest, from_arrays, read_meshes, to_arrays, \
    write_meshes
from models.meshing import ellipsoid, merge, polydata
from models.organs import blob_field, blob_mesh
from models.organs_shapes import coiled_path, patch_shell, ribbed_tube, slab
from models.posing import same_pose
from models.spine import SpinePose, rotation_x, spine_pose

__all__ = ["placed_point", "soft_tissue_meshes", "anchor_levels", "PELVIS_VARIANTS", "Placer"]

PELVIS_VARIANTS = ("female", "male")


class Placer:
    """Turns placement points into scene coordinates for one pose."""

    def __init__(self, pose: SpinePose):
        self.pose = pose
        self.default = spine_pose()

    def __call__(self, spec: dict) -> tuple[np.ndarray, np.ndarray]:
        """(point, rotation of the frame it hangs on) in scene coordinates."""
        at = spec["at"]
        if at == "world":
            return np.asarray(spec["p"], dtype=float), np.eye(3)
        frame = self.pose.vertebrae[at]
        if "d" in spec:
            turn = frame.rotation @ self.default.vertebrae[at].rotation.T
            return frame.origin + turn @ np.asarray(spec["d"], dtype=float), turn
        return frame.to_world(np.asarray(spec["p"], dtype=float)), frame.rotation

    def point(self, spec: dict) -> np.ndarray:
        return self(spec)[0]


def placed_point(spec: dict, pose: SpinePose) -> np.ndarray:
    """A placement point in scene coordinates."""
    return Placer(pose).point(spec)


def _rotation_z(degrees: float) -> np.ndarray:
    a = np.radians(degrees)
    return np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])


def mirrored(spec, new_id: str | None = None):
    """The left-right mirror image of a placement (x -> -x)."""
    if isinstance(spec, list):
        return [mirrored(item) for item in spec]
    if not isinstance(spec, dict):
        return spec
    out = {}
    for key, value in spec.items():
        if key in ("p", "d", "normal", "thin") and isinstance(value, list):
            out[key] = [-value[0]] + list(value[1:])
        elif key == "rotate":
            out[key] = [value[0], -value[1], -value[2]]
        elif key in ("host", "from") and isinstance(value, str):
            out[key] = value.replace("-right", "-left")
        else:
            out[key] = mirrored(value)
    if new_id:
        out["id"] = new_id
    return out


def _tube(spec: dict, place: Placer) -> vtkPolyData:
    points = [place.point(p) for p in spec["points"]]
    thin = spec.get("thin")
    if thin is not None:
        thin = place(spec["points"][0])[1] @ np.asarray(thin, dtype=float)
    return ribbed_tube(points, spec["radius"], sides=spec.get("sides", 16),
                       step=spec.get("step", 9.0 if spec["group"] == "nerves" else 5.0), flatten=spec.get("flatten", 1.0),
                       thin=thin, ripple=spec.get("ripple"), grooves=spec.get("grooves"))


def _region(spec: dict, place: Placer, blobs: dict):
    """The region of a patch: the signed distance of the union of its ``select``
    primitives (the host is cut along its zero level)."""
    return blob_field({"add": spec["select"], "blend": 0.0}, place, blobs)


def _mesh(spec: dict, place: Placer, blobs: dict, built: dict) -> vtkPolyData | None:
    shape = spec["shape"]
    if shape == "tube":
        return _tube(spec, place)
    if shape == "tubes":
        return merge([_tube({**spec, "points": path}, place) for path in spec["paths"]])
    if shape == "ellipsoid":
        centre, frame = place(spec["center"])
        rotation = frame @ _rotation_z(spec.get("rotate_z", 0)) @ rotation_x(spec.get("rotate_x", 0))
        return ellipsoid(centre, spec["radii"], rotation, bulge=spec.get("bulge", 0.0))
    if shape == "blob":
        return blob_mesh(spec, place, blobs)
    if shape == "sheet":
        grid = np.array([[place.point(p) for p in row] for row in spec["grid"]])
        return slab(grid, spec.get("thickness", 1.5))
    if shape == "patch":
        return patch_shell(built[spec["host"]], _region(spec, place, blobs),
                           lift=spec.get("lift", 1.0), thickness=spec.get("thickness", 1.5))
    if shape == "intestine":
        fill = spec["fill"]
        path = coiled_path(place.point(spec["root"][0]), place.point(spec["root"][1]),
                           place(spec["root"][0])[1] @ np.asarray(spec["forward"], float),
                           place.point(fill["center"]), fill["radii"], spec["loops"],
                           end=place.point(spec["end"]) if "end" in spec else None,
                           seed=spec.get("seed", 7),
                           clear=(place.point(spec["clear"]["center"]), spec["clear"]["radius"])
                           if "clear" in spec else None)
        start = [place.point(p) for p in spec.get("start", [])]
        path = np.vstack([start, path]) if start else path
        # calibre narrows from the jejunum to the terminal ileum
        start_r, end_r = np.broadcast_to(np.asarray(spec["radius"], dtype=float), (2,))
        radii = np.linspace(start_r, end_r, len(path))
        return ribbed_tube(path, radii, sides=spec.get("sides", 10),
                           step=spec.get("step", 6.0))
    raise ValueError(f"unknown shape {shape!r} for {spec['id']}")


def soft_tissue_meshes(pose: SpinePose, pelvis: str = "female") -> list[tuple[str, str, vtkPolyData]]:
    """(id, layer, mesh) for every placed soft structure; ``pelvis`` chooses the female or
    male pelvic organs. The meshes are built once, for the default posture (kept in memory
    and on disk); any other posture moves them (models.posing) instead of meshing again."""
    if pelvis not in PELVIS_VARIANTS:
        raise ValueError(f"pelvis must be one of {PELVIS_VARIANTS}, not {pelvis!r}")
    neutral = _neutral(pelvis)
    default = neutral.pose
    cells = neutral.cells()
    if same_pose(pose, default):
        return [(i, g, from_arrays(arrays, c)) for (i, g, arrays), c in zip(neutral.meshes, cells)]
    from models.posing import motions, pose_mesh
    rotations, shifts = motions(default, pose)
    out = []
    for (part_id, group, (points, triangles, normals)), weights, c in zip(
            neutral.meshes, neutral.skins(), cells):
        moved, turned = pose_mesh(points, normals, weights, rotations, shifts)
        out.append((part_id, group, from_arrays((moved, triangles, turned), c)))
    return out


class _Neutral:
    """The default posture's meshes of one pelvis, and (made when first needed) the
    weights that pose them."""

    def __init__(self, pose: SpinePose, pelvis: str, meshes):
        self.pose, self.pelvis, self.meshes = pose, pelvis, meshes
        self._skins = None
        self._cells = None

    def cells(self):
        """Each mesh's triangles as a vtkCellArray, copied (not rebuilt) into every mesh."""
        with _LOCK:
            if self._cells is None:
                self._cells = [polydata(np.zeros((0, 3)), triangles).GetPolys()
                               for _, _, (_, triangles, _) in self.meshes]
            return self._cells

    def skins(self):
        from models.posing import skin
        with _LOCK:
            if self._skins is None:
                anchors = anchor_levels(self.pelvis)
                self._skins = [skin(points, anchors[part_id], self.pose)
                               for part_id, _, (points, _, _) in self.meshes]
            return self._skins


def _neutral(pelvis: str) -> _Neutral:
    key = _cache_key(pelvis)
    with _LOCK:
        if key not in _CACHE:
            if len(_CACHE) >= 4:
                _CACHE.pop(next(iter(_CACHE)))
            pose = spine_pose()
            path = cache_path("soft", key)
            cached = read_meshes(path)
            if cached is not None:
                meshes = [(i, g, arrays) for (i, g), arrays in zip(*cached[:2])]
            else:
                meshes = [(i, g, to_arrays(m)) for i, g, m in _build(pose, pelvis)]
                # keep a handful: both pelves, of this code and data and a few recent ones
                write_meshes(path, [[i, g] for i, g, _ in meshes], [a for _, _, a in meshes],
                             keep=6)
            _CACHE[key] = _Neutral(pose, pelvis, meshes)
        return _CACHE[key]


# Building every organ takes seconds, so the default posture's meshes are kept in memory
# and on disk (next to the bone cache), keyed by the code and the data (placements,
# morphometry, the default posture); other postures are posed from them (models.posing).
_CACHE: dict = {}
_LOCK = threading.RLock()
_SOURCES = ("soft_tissue.py", "organs.py", "organs_shapes.py", "organs_sdf.py", "nerves.py",
            "meshing.py")


# Read once, at import: the key describes the code that is running (as models.bones does).
_CODE_DIGEST = code_digest(*_SOURCES)


def _cache_key(pelvis: str) -> str:
    import hashlib
    digest = hashlib.sha256(_CODE_DIGEST + pelvis.encode())
    digest.update(geometry_digest("placements", "nerve-roots", "morphometry", "posture"))
    return digest.hexdigest()[:20]


def _specs(pelvis: str):
    """(surfaces, this pelvis's parts with mirrors resolved, blob specs by id)."""
    table = load_geometry("placements")
    by_id = {spec["id"]: spec for spec in table["parts"] if "mirror" not in spec}
    specs = [mirrored(by_id[spec["mirror"]], spec["id"]) if "mirror" in spec else spec
             for spec in table["parts"]]
    surfaces = table.get("surfaces", [])
    blobs = {spec["id"]: spec for spec in surfaces + specs if spec["shape"] == "blob"}
    return surfaces, [s for s in specs if s.get("variant", pelvis) == pelvis], blobs


def _build(pose: SpinePose, pelvis: str) -> list[tuple[str, str, vtkPolyData]]:
    from models.nerves import spinal_nerve_meshes
    surfaces, specs, blobs = _specs(pelvis)
    place = Placer(pose)
    built: dict[str, vtkPolyData] = {}
    for spec in surfaces:
        built[spec["id"]] = blob_mesh(spec, place, blobs)
    out = []
    for spec in specs:
        mesh = _mesh(spec, place, blobs, built)
        if mesh is None or mesh.GetNumberOfPolys() == 0:
            raise ValueError(f"{spec['id']}: the placement makes no surface")
        built[spec["id"]] = mesh
        out.append((spec["id"], spec["group"], mesh))
    return out + spinal_nerve_meshes(pose)


def anchor_levels(pelvis: str = "female") -> dict[str, frozenset[str]]:
    """id -> the vertebrae (and "world") that the structure's placement hangs on, with those
    of the shape it grows from (``from``) or is cut from (``host``); for the cord and the
    spinal nerves, the vertebrae their paths are built on. models.posing bends each
    structure only between these."""
    surfaces, specs, blobs = _specs(pelvis)
    shapes = {spec["id"]: spec for spec in surfaces + specs}

    def points(spec, out: set) -> set:
        if isinstance(spec, dict):
            if "at" in spec and ("p" in spec or "d" in spec):
                out.add(spec["at"])
            for value in spec.values():
                points(value, out)
        elif isinstance(spec, list):
            for value in spec:
                points(value, out)
        return out

    def of(spec) -> set:
        found = points(spec, set())
        for key, pool in (("from", blobs), ("host", shapes)):
            if isinstance(spec.get(key), str):
                found |= of(pool[spec[key]])
        return found

    anchors = {spec["id"]: frozenset(of(spec)) for spec in specs}
    anchors.update(_nerve_levels())
    return anchors


def _nerve_levels() -> dict[str, frozenset[str]]:
    """The vertebrae each path of models.nerves reads, found by building the paths (cheap:
    points only) on a pose that notes which frames are asked for."""
    from dataclasses import replace
    from models.nerves import SIDES, SPINAL_NERVES, cord_path, spinal_nerve_path

    class Noting(dict):
        def __getitem__(self, key):
            seen.add(key)
            return super().__getitem__(key)

    pose = spine_pose()
    noting = replace(pose, vertebrae=Noting(pose.vertebrae))
    out = {}
    seen: set = set()
    cord_path(noting)
    out["spinal-cord"] = frozenset(seen)
    for nerve in SPINAL_NERVES:
        for side in SIDES:
            seen = set()
            spinal_nerve_path(nerve, side, noting)
            out[f"spinal-nerve-{nerve}-{side}"] = frozenset(seen)
    return out
