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
(the cells of a `host` outline inside a selection), ``intestine`` (a coiled tube hung from
its mesentery's root). ``mirror: RIGHT-ID`` makes a left structure the mirror image of the
right one (x negated, "-right" ids turned "-left").
"""
from __future__ import annotations

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPolyData

from models.data import load_geometry
from models.meshing import ellipsoid, merge, with_normals
from models.organs import blob_field, blob_mesh
from models.organs_shapes import coiled_path, patch_shell, ribbed_tube, slab
from models.spine import SpinePose, rotation_x, spine_pose

__all__ = ["placed_point", "soft_tissue_meshes", "PELVIS_VARIANTS", "Placer"]

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


def _selector(spec: dict, place: Placer, blobs: dict):
    """Cell-centre test of a patch: inside the union of its ``select`` primitives."""
    field = blob_field({"add": spec["select"], "blend": 0.0}, place, blobs)
    return lambda centres: field(centres.astype(np.float32)) < 0


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
        return patch_shell(built[spec["host"]], _selector(spec, place, blobs),
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
    male pelvic organs. Meshes of a pose already built are reused (copies are returned)."""
    if pelvis not in PELVIS_VARIANTS:
        raise ValueError(f"pelvis must be one of {PELVIS_VARIANTS}, not {pelvis!r}")
    key = _cache_key(pose, pelvis)
    if key not in _CACHE:
        if len(_CACHE) >= 4:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = _read_disk(key)
        if _CACHE[key] is None:
            _CACHE[key] = [(i, g, _arrays(m)) for i, g, m in _build(pose, pelvis)]
            _write_disk(key, _CACHE[key])
    return [(part_id, group, _from_arrays(arrays)) for part_id, group, arrays in _CACHE[key]]


# Building every organ takes seconds; a scene is rebuilt for the same posture often (tests,
# the window after a reset, export, the next start), so the last few poses are kept in
# memory and on disk (next to the bone cache), keyed by the code, the data and the pose.
_CACHE: dict = {}
_SOURCES = ("soft_tissue.py", "organs.py", "organs_shapes.py", "organs_sdf.py", "nerves.py",
            "meshing.py")


def _cache_key(pose: SpinePose, pelvis: str) -> str:
    import hashlib
    import json
    from pathlib import Path
    digest = hashlib.sha256(pelvis.encode())
    here = Path(__file__).parent
    for name in _SOURCES:
        digest.update((here / name).read_bytes())
    for table in ("placements", "nerve-roots"):
        digest.update(json.dumps(load_geometry(table), sort_keys=True).encode())
    digest.update(json.dumps(pose.morphometry, sort_keys=True).encode())
    frames = [pose.vertebrae[k] for k in sorted(pose.vertebrae)]
    digest.update(np.round(np.concatenate([np.concatenate([f.origin, f.rotation.ravel()])
                                           for f in frames]), 3).tobytes())
    return digest.hexdigest()[:20]


def _arrays(mesh: vtkPolyData):
    from vtkmodules.util.numpy_support import vtk_to_numpy
    points = vtk_to_numpy(mesh.GetPoints().GetData()).astype(np.float32)
    triangles = vtk_to_numpy(mesh.GetPolys().GetConnectivityArray()).reshape(-1, 3)
    if mesh.GetPointData().GetNormals() is None:
        mesh = with_normals(mesh)
    normals = vtk_to_numpy(mesh.GetPointData().GetNormals()).astype(np.float32)
    return points, triangles.astype(np.int32), normals


def _from_arrays(arrays) -> vtkPolyData:
    """A fresh mesh from (points, triangles, normals)."""
    from vtkmodules.util.numpy_support import numpy_to_vtk
    from models.meshing import polydata
    points, triangles, normals = arrays
    mesh = polydata(points, triangles)
    array = numpy_to_vtk(np.ascontiguousarray(normals), deep=True)
    array.SetName("Normals")
    mesh.GetPointData().SetNormals(array)
    return mesh


def _disk_path(key: str):
    from models.bones import cache_dir
    return cache_dir() / f"soft-{key}.npz"


def _read_disk(key: str):
    import json
    try:
        with np.load(_disk_path(key)) as data:
            index = json.loads(str(data["index"]))
            return [(i, g, (data[f"p{n}"], data[f"t{n}"], data[f"n{n}"]))
                    for n, (i, g) in enumerate(index)]
    except (OSError, KeyError, ValueError):
        return None


def _write_disk(key: str, meshes) -> None:
    import io
    import json
    from graph.errors import ExplorerError
    from graph.export import atomic_write
    arrays = {"index": np.array(json.dumps([[i, g] for i, g, _ in meshes]))}
    for n, (_, _, (points, triangles, normals)) in enumerate(meshes):
        arrays[f"p{n}"], arrays[f"t{n}"], arrays[f"n{n}"] = points, triangles, normals
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    path = _disk_path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, buffer.getvalue())
        # keep a handful: the default posture of both pelves and a few recent ones
        olds = sorted(path.parent.glob("soft-*.npz"), key=lambda p: p.stat().st_mtime)
        for old in olds[:-6]:
            old.unlink(missing_ok=True)
    except (OSError, ExplorerError):
        pass   # no cache this time: the meshes are still returned


def _build(pose: SpinePose, pelvis: str) -> list[tuple[str, str, vtkPolyData]]:
    from models.nerves import spinal_nerve_meshes
    table = load_geometry("placements")
    place = Placer(pose)
    by_id = {spec["id"]: spec for spec in table["parts"] if "mirror" not in spec}
    specs = [mirrored(by_id[spec["mirror"]], spec["id"]) if "mirror" in spec else spec
             for spec in table["parts"]]
    blobs = {spec["id"]: spec for spec in table.get("surfaces", []) + specs
             if spec["shape"] == "blob"}
    built: dict[str, vtkPolyData] = {}
    for spec in table.get("surfaces", []):
        built[spec["id"]] = blob_mesh(spec, place, blobs)
    out = []
    for spec in specs:
        if spec.get("variant", pelvis) != pelvis:
            continue
        mesh = _mesh(spec, place, blobs, built)
        if mesh is None or mesh.GetNumberOfPolys() == 0:
            raise ValueError(f"{spec['id']}: the placement makes no surface")
        built[spec["id"]] = mesh
        out.append((spec["id"], spec["group"], mesh))
    return out + spinal_nerve_meshes(pose)
