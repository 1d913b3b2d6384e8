"""Light stand-ins for the scene's meshes, drawn while the camera moves.

On software OpenGL a frame of the full scene (about 400,000 triangles) costs 8-12 times an
empty frame, mostly in triangle throughput (bench/, RENDERING.md). While the user orbits,
the eye follows the motion, not the surface detail, so each part is drawn from a quadric
decimation to about PROXY_FRACTION of its triangles; the full meshes return when the
camera stops. The proxies are computed once per set of meshes (about 2 s on two cores,
off the window's first frame) and cached on disk next to the scene's other meshes, keyed by
the meshes themselves, so a second start reads them in milliseconds.
"""
from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
from vtkmodules.vtkCommonDataModel import vtkPolyData
from vtkmodules.vtkFiltersCore import vtkQuadricDecimation

from graph.errors import ExplorerError
from graph.export import atomic_write
from models.bones import cache_dir
from models.meshing import mesh_arrays, polydata, with_normals

__all__ = ["PROXY_FRACTION", "PROXY_MIN_TRIANGLES", "proxy_mesh", "proxy_meshes"]

PROXY_FRACTION = 0.08      # of each part's triangles
PROXY_MIN_TRIANGLES = 48   # a small muscle keeps its spindle shape
_KEEP_ON_DISK = 4          # proxy sets of recent postures


def proxy_mesh(mesh: vtkPolyData) -> vtkPolyData:
    """``mesh`` decimated to PROXY_FRACTION of its triangles (at least PROXY_MIN_TRIANGLES),
    with smooth normals. Small meshes come back as they are."""
    count = mesh.GetNumberOfPolys()
    target = max(PROXY_MIN_TRIANGLES, int(count * PROXY_FRACTION))
    if count <= target:
        return mesh
    decimate = vtkQuadricDecimation()
    decimate.SetInputData(mesh)
    decimate.SetTargetReduction(1.0 - target / count)
    decimate.VolumePreservationOn()   # thin parts (nerves, fascia) keep their body
    decimate.Update()
    return with_normals(decimate.GetOutput())


def proxy_meshes(meshes: dict[str, vtkPolyData]) -> dict[str, vtkPolyData]:
    """A proxy (see proxy_mesh) for every mesh in ``meshes``, from the disk cache when these
    very meshes were seen before."""
    path = cache_dir() / f"lod-{_key(meshes)}.npz"
    cached = _read(path)
    if cached is not None and cached.keys() == meshes.keys():
        return cached
    proxies = {part_id: proxy_mesh(mesh) for part_id, mesh in meshes.items()}
    _write(path, proxies)
    return proxies


def _key(meshes: dict[str, vtkPolyData]) -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for part_id in sorted(meshes):
        points, triangles = mesh_arrays(meshes[part_id])
        digest.update(part_id.encode())
        digest.update(np.round(points, 2).tobytes())
        digest.update(triangles.tobytes())
    return digest.hexdigest()[:20]


def _read(path: Path) -> dict[str, vtkPolyData] | None:
    try:
        with np.load(path) as data:
            index = json.loads(str(data["index"]))
            return {part_id: _mesh(data[f"p{n}"], data[f"t{n}"], data[f"n{n}"])
                    for n, part_id in enumerate(index)}
    except (OSError, KeyError, ValueError):
        return None


def _write(path: Path, proxies: dict[str, vtkPolyData]) -> None:
    arrays = {"index": np.array(json.dumps(list(proxies)))}
    for n, mesh in enumerate(proxies.values()):
        arrays[f"p{n}"], arrays[f"t{n}"] = mesh_arrays(mesh)
        normals = mesh.GetPointData().GetNormals()
        arrays[f"n{n}"] = (vtk_to_numpy(normals).astype(np.float32) if normals is not None
                           else np.zeros((0, 3), np.float32))
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, buffer.getvalue())
        olds = sorted(path.parent.glob("lod-*.npz"), key=lambda p: p.stat().st_mtime)
        for old in olds[:-_KEEP_ON_DISK]:
            old.unlink(missing_ok=True)
    except (OSError, ExplorerError):
        pass   # a read-only cache only costs the next start the decimation again


def _mesh(points: np.ndarray, triangles: np.ndarray, normals: np.ndarray) -> vtkPolyData:
    mesh = polydata(points, triangles)
    if len(normals) == len(points):
        array = numpy_to_vtk(np.ascontiguousarray(normals), deep=True)
        array.SetName("Normals")
        mesh.GetPointData().SetNormals(array)
    return mesh
