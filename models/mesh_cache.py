"""Meshes kept on disk between runs, in the user's cache folder (graph/user_cache.py).

Meshing the anatomy takes seconds to minutes, so bones, soft tissue, the intrinsic muscles
and the light proxies are each written once as one .npz file named ``<kind>-<key>.npz``,
where the key hashes everything they were made from. A missing or damaged file only means
making them again; a read-only cache folder only means making them again next time.
"""
from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData

from graph.errors import ExplorerError
from graph.export import atomic_write
from graph.user_cache import cache_dir
from models.meshing import mesh_arrays, polydata, with_normals

__all__ = ["MeshArrays", "cache_path", "code_digest", "read_meshes", "write_meshes",
           "to_arrays", "from_arrays"]

# (points (n, 3) float32, triangles (m, 3) int32, normals (n, 3) float32)
MeshArrays = tuple[np.ndarray, np.ndarray, np.ndarray]


def cache_path(kind: str, key: str) -> Path:
    return cache_dir() / f"{kind}-{key}.npz"


def code_digest(*names: str) -> bytes:
    """A hash of the models/ source files named, for cache keys: meshes made by other code
    are never read back. Call it at import, so a key describes the code that is running
    even if the files are edited meanwhile."""
    digest = hashlib.sha256()
    folder = Path(__file__).parent
    for name in names:
        digest.update(name.encode() + b"\0" + (folder / name).read_bytes())
    return digest.digest()


def read_meshes(path: Path) -> tuple[list, list[MeshArrays], dict[str, np.ndarray]] | None:
    """(labels, meshes, extra arrays) as written by write_meshes, or None if ``path`` is
    missing or damaged."""
    try:
        with np.load(path) as data:
            labels = json.loads(str(data["labels"]))
            points = np.split(data["points"], np.cumsum(data["point_counts"])[:-1])
            normals = np.split(data["normals"], np.cumsum(data["point_counts"])[:-1])
            triangles = np.split(data["triangles"], np.cumsum(data["triangle_counts"])[:-1])
            extra = {name[2:]: data[name] for name in data.files if name.startswith("x_")}
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile):
        return None
    if not len(labels) == len(points) == len(triangles):
        return None
    return labels, list(zip(points, triangles, normals)), extra


def write_meshes(path: Path, labels: list, meshes: list[MeshArrays], keep: int,
                 extra: dict[str, np.ndarray] | None = None) -> None:
    """Write ``meshes`` (one JSON-able label each) and any ``extra`` arrays to ``path``
    atomically; of the files of the same kind, the ``keep`` newest stay."""
    # a few long arrays, not three per mesh: reading 1,500 small arrays took 0.4 s
    arrays = {"labels": np.array(json.dumps(labels)),
              "points": np.concatenate([m[0] for m in meshes]).astype(np.float32),
              "triangles": np.concatenate([m[1] for m in meshes]).astype(np.int32),
              "normals": np.concatenate([m[2] for m in meshes]).astype(np.float32),
              "point_counts": np.array([len(m[0]) for m in meshes]),
              "triangle_counts": np.array([len(m[1]) for m in meshes])}
    for name, array in (extra or {}).items():
        arrays[f"x_{name}"] = array
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    kind = path.name.rsplit("-", 1)[0]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, buffer.getvalue())
        olds = sorted(path.parent.glob(f"{kind}-*.npz"), key=lambda p: p.stat().st_mtime)
        for old in olds[:-keep]:
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, ExplorerError):
        pass   # no cache this time: the caller still has its meshes


def to_arrays(mesh: vtkPolyData) -> MeshArrays:
    """A triangle mesh as arrays, with point normals (computed if it has none)."""
    if mesh.GetPointData().GetNormals() is None:
        mesh = with_normals(mesh)
    points, triangles = mesh_arrays(mesh)
    normals = vtk_to_numpy(mesh.GetPointData().GetNormals()).astype(np.float32)
    return points, triangles.astype(np.int32), normals


def from_arrays(arrays: MeshArrays, cells: vtkCellArray | None = None) -> vtkPolyData:
    """A fresh mesh from (points, triangles, normals); ``cells``, the same triangles as a
    vtkCellArray, are copied instead (faster than converting the array again: posing
    makes hundreds of meshes with unchanged triangles)."""
    points, triangles, normals = arrays
    if cells is None:
        mesh = polydata(points, triangles)
    else:
        mesh = polydata(points, np.zeros((0, 3), dtype=np.int64))
        copy = vtkCellArray()
        copy.DeepCopy(cells)
        mesh.SetPolys(copy)
    if len(normals) == len(points):
        array = numpy_to_vtk(np.ascontiguousarray(normals, dtype=np.float32), deep=True)
        array.SetName("Normals")
        mesh.GetPointData().SetNormals(array)
    return mesh
