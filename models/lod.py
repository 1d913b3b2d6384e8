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
from pathlib import Path

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPolyData
from vtkmodules.vtkFiltersCore import vtkQuadricDecimation

from models.mesh_cache import cache_path, from_arrays, read_meshes, to_arrays, write_meshes
from models.meshing import mesh_arrays, with_normals

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
    path = cache_path("lod", _key(meshes))
    cached = read_meshes(path)
    if cached is not None and cached[0] == list(meshes):
        return {part_id: from_arrays(arrays) for part_id, arrays in zip(*cached[:2])}
    proxies = {part_id: proxy_mesh(mesh) for part_id, mesh in meshes.items()}
    write_meshes(path, list(proxies), [to_arrays(mesh) for mesh in proxies.values()],
                 keep=_KEEP_ON_DISK)
    return proxies


def _key(meshes: dict[str, vtkPolyData]) -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for part_id in sorted(meshes):
        points, triangles = mesh_arrays(meshes[part_id])
        digest.update(part_id.encode())
        digest.update(np.round(points, 2).tobytes())
        digest.update(triangles.tobytes())
    return digest.hexdigest()[:20]

