"""Light stand-ins for the scene's meshes, drawn while the camera moves.

On software OpenGL a frame of the full scene (about 450,000 triangles) costs 8-12 times an
empty frame, mostly in triangle throughput (bench/, RENDERING.md). While the user orbits,
the eye follows the motion, not the surface detail, so each part is drawn from a quadric
decimation to about PROXY_FRACTION of its triangles; the full meshes return when the
camera stops.

A proxy is kept as a recipe: which vertices of the full mesh it keeps (each decimated
vertex snapped to the nearest full one) and its triangles over them. A posture change moves
the full meshes' vertices but keeps their number and order (models/posing.py), so the same
recipe gives the new posture's proxies at once, without decimating again. Recipes take
about 2 s to make (off the window's first frame) and are cached on disk next to the scene's
other meshes, keyed by the meshes themselves.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkCommonDataModel import vtkPolyData, vtkStaticPointLocator
from vtkmodules.vtkFiltersCore import vtkQuadricDecimation

from models.mesh_cache import cache_path, code_digest, from_arrays, read_meshes, to_arrays, \
    write_meshes
from models.meshing import mesh_arrays

__all__ = ["PROXY_FRACTION", "PROXY_MIN_TRIANGLES", "Proxies", "proxy_recipe", "make_proxies"]

PROXY_FRACTION = 0.08      # of each part's triangles
PROXY_MIN_TRIANGLES = 48   # a small muscle keeps its spindle shape
_KEEP_ON_DISK = 4          # proxy sets of recent scenes
_CODE = code_digest("lod.py")


@dataclass
class Proxies:
    """Per part: the full mesh's vertex count, the vertices a proxy keeps, its triangles."""
    counts: dict[str, int]
    vertices: dict[str, np.ndarray]
    triangles: dict[str, np.ndarray]

    def fit(self, meshes: dict[str, vtkPolyData]) -> bool:
        """Whether ``meshes`` are the meshes these were made for, in any posture."""
        return meshes.keys() == self.counts.keys() and all(
            mesh.GetNumberOfPoints() == self.counts[part_id] for part_id, mesh in meshes.items())

    def meshes_for(self, meshes: dict[str, vtkPolyData]) -> dict[str, vtkPolyData]:
        """The proxies of ``meshes`` (which must fit): their kept vertices, with normals."""
        out = {}
        for part_id, mesh in meshes.items():
            keep = self.vertices[part_id]
            points = vtk_to_numpy(mesh.GetPoints().GetData())[keep]
            normals = mesh.GetPointData().GetNormals()
            normals = (vtk_to_numpy(normals)[keep] if normals is not None
                       else np.zeros((0, 3), np.float32))
            out[part_id] = from_arrays((points, self.triangles[part_id], normals))
        return out


def proxy_recipe(mesh: vtkPolyData) -> tuple[np.ndarray, np.ndarray]:
    """(kept vertices, triangles over them) of ``mesh`` decimated to PROXY_FRACTION of its
    triangles (at least PROXY_MIN_TRIANGLES); a small mesh keeps everything."""
    points, triangles = mesh_arrays(mesh)
    target = max(PROXY_MIN_TRIANGLES, int(len(triangles) * PROXY_FRACTION))
    if len(triangles) <= target:
        return np.arange(len(points)), triangles.astype(np.int32)
    decimate = vtkQuadricDecimation()
    decimate.SetInputData(mesh)
    decimate.SetTargetReduction(1.0 - target / len(triangles))
    decimate.VolumePreservationOn()   # thin parts (nerves, fascia) keep their body
    decimate.Update()
    light, light_triangles = mesh_arrays(decimate.GetOutput())
    locator = vtkStaticPointLocator()
    locator.SetDataSet(mesh)
    locator.BuildLocator()
    nearest = np.array([locator.FindClosestPoint(p) for p in light.astype(float)], dtype=np.int64)
    corners = nearest[light_triangles]
    # two corners snapped onto one vertex make a sliver with no area: drop it
    corners = corners[(corners[:, 0] != corners[:, 1]) & (corners[:, 1] != corners[:, 2])
                      & (corners[:, 0] != corners[:, 2])]
    kept, local = np.unique(corners, return_inverse=True)
    return kept, local.reshape(-1, 3).astype(np.int32)


def make_proxies(meshes: dict[str, vtkPolyData]) -> Proxies:
    """Proxy recipes for every mesh in ``meshes``, from the disk cache when these very meshes
    were seen before."""
    counts = {part_id: mesh.GetNumberOfPoints() for part_id, mesh in meshes.items()}
    path = cache_path("lod", _key(meshes))
    cached = read_meshes(path)
    if cached is not None and cached[0] == list(meshes) and "vertices" in cached[2]:
        labels, light, extra = cached
        splits = np.cumsum([len(points) for points, _, _ in light])[:-1]
        return Proxies(counts, dict(zip(labels, np.split(extra["vertices"], splits))),
                       {part_id: triangles for part_id, (_, triangles, _) in zip(labels, light)})
    recipes = {part_id: proxy_recipe(mesh) for part_id, mesh in meshes.items()}
    proxies = Proxies(counts, {i: r[0] for i, r in recipes.items()},
                      {i: r[1] for i, r in recipes.items()})
    light = proxies.meshes_for(meshes)
    write_meshes(path, list(light), [to_arrays(mesh) for mesh in light.values()],
                 keep=_KEEP_ON_DISK,
                 extra={"vertices": np.concatenate(list(proxies.vertices.values()))})
    return proxies


def _key(meshes: dict[str, vtkPolyData]) -> str:
    digest = hashlib.sha256(_CODE)
    for part_id in sorted(meshes):
        points, triangles = mesh_arrays(meshes[part_id])
        digest.update(part_id.encode())
        digest.update(np.round(points, 2).tobytes())
        digest.update(triangles.tobytes())
    return digest.hexdigest()[:20]

