"""Organs, muscles, nerves and skin regions, shaped and placed from resources/geometry/placements.yaml."""
from __future__ import annotations

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPolyData

from models.data import load_geometry
from models.meshing import ellipsoid, tube
from models.spine import SpinePose, rotation_x

__all__ = ["placed_point", "soft_tissue_meshes"]


def placed_point(spec: dict, pose: SpinePose) -> np.ndarray:
    """A placement point ({at: LEVEL|world, p: [x, y, z]}) in scene coordinates."""
    at, local = spec["at"], np.asarray(spec["p"], dtype=float)
    if at == "world":
        return local
    return pose.vertebrae[at].to_world(local)


def _rotation_z(degrees: float) -> np.ndarray:
    a = np.radians(degrees)
    return np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])


def _mesh(spec: dict, pose: SpinePose) -> vtkPolyData:
    if spec["shape"] == "tube":
        points = [placed_point(p, pose) for p in spec["points"]]
        return tube(points, spec["radius"], sides=spec.get("sides", 16),
                    flatten=spec.get("flatten", 1.0))
    if spec["shape"] == "ellipsoid":
        rotation = _rotation_z(spec.get("rotate_z", 0)) @ rotation_x(spec.get("rotate_x", 0))
        return ellipsoid(placed_point(spec["center"], pose), spec["radii"], rotation,
                         bulge=spec.get("bulge", 0.0))
    raise ValueError(f"unknown shape {spec['shape']!r} for {spec['id']}")


def soft_tissue_meshes(pose: SpinePose) -> list[tuple[str, str, vtkPolyData]]:
    """(id, layer, mesh) for every placed soft structure."""
    return [(spec["id"], spec["group"], _mesh(spec, pose))
            for spec in load_geometry("placements")["parts"]]
