"""Bones of the column, built in each vertebra's local frame from the morphometry table.

First geometry: each vertebra is assembled from closed primitives (body, arch, processes)
sized by its row of resources/geometry/morphometry.yaml, so its proportions are right even
where its surface is still simple.
"""
from __future__ import annotations

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPolyData

from models.meshing import merge, tube
from models.spine import LEVELS, Frame, SpinePose

__all__ = ["vertebra_mesh", "sacrum_mesh", "coccyx_mesh", "disc_mesh", "spinous_tilt"]


def spinous_tilt(level: str) -> float:
    """Downward slope of the spinous process (degrees below horizontal): cervical nearly
    horizontal, mid-thoracic steep and overlapping, lumbar horizontal and square."""
    if level.startswith("C"):
        return 15.0
    if level.startswith("T"):
        number = int(level[1:])
        return 60.0 - abs(number - 7) * 5.0
    return 5.0


def _place(frame: Frame, mesh: vtkPolyData) -> vtkPolyData:
    from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
    points = vtk_to_numpy(mesh.GetPoints().GetData())
    mesh.GetPoints().SetData(numpy_to_vtk(frame.to_world(points).astype(np.float32), deep=True))
    normals = mesh.GetPointData().GetNormals()
    if normals is not None:
        rotated = vtk_to_numpy(normals) @ frame.rotation.T
        array = numpy_to_vtk(rotated.astype(np.float32), deep=True)
        array.SetName(normals.GetName())
        mesh.GetPointData().SetNormals(array)
    return mesh


def _arch(row: dict, z: float, level: str) -> list[vtkPolyData]:
    depth = row["body_depth"]
    canal_w, canal_d = row["canal_width"], row["canal_depth"]
    back = -depth / 2
    thickness = 3.0 if level.startswith("C") else 4.5
    ring = [(-canal_w / 2 + 1, back + 1, z), (-canal_w / 2 - thickness, back - canal_d / 2, z),
            (0, back - canal_d - thickness, z), (canal_w / 2 + thickness, back - canal_d / 2, z),
            (canal_w / 2 - 1, back + 1, z)]
    parts = [tube(ring, thickness, sides=10)]
    tilt = np.radians(spinous_tilt(level))
    root = np.array([0, back - canal_d - thickness, z])
    tip = root + row["spinous_length"] * np.array([0, -np.cos(tilt), -np.sin(tilt)])
    spinous_radius = 3.0 if level.startswith("C") else 4.0 if level.startswith("T") else 6.0
    parts.append(tube([root, tip], [spinous_radius, spinous_radius * 0.8], sides=10, smooth=False))
    for side in (-1, 1):
        start = np.array([side * (canal_w / 2 + thickness), back - canal_d * 0.45, z])
        end = np.array([side * row["transverse_span"] / 2, back - canal_d * 0.7, z + 2])
        parts.append(tube([start, end], [thickness, thickness * 0.8], sides=10, smooth=False))
    return parts


def vertebra_mesh(level: str, pose: SpinePose) -> vtkPolyData:
    """The vertebra ``level`` (C1..L5), in scene coordinates."""
    row = pose.morphometry["levels"][level]
    height = row["body_height"]
    parts = []
    if level == "C1":
        # the atlas: a ring of anterior arch, lateral masses and posterior arch, no body
        w, d = row["canal_width"], row["canal_depth"]
        z = -height / 2
        front = [(-w / 2, -d * 0.1, z), (0, d * 0.25, z), (w / 2, -d * 0.1, z)]
        back = [(w / 2, -d * 0.1, z), (w * 0.45, -d * 0.7, z), (0, -d * 0.95, z),
                (-w * 0.45, -d * 0.7, z), (-w / 2, -d * 0.1, z)]
        parts += [tube(front, 4.0, sides=10), tube(back, 3.5, sides=10)]
        for side in (-1, 1):
            parts.append(tube([(side * w / 2, -d * 0.1, z - 5), (side * w / 2, -d * 0.1, z + 5)],
                              7.0, sides=12, smooth=False, cap=0.3))
            parts.append(tube([(side * w / 2, -d * 0.1, z),
                               (side * row["transverse_span"] / 2, -d * 0.15, z)],
                              4.0, sides=10, smooth=False))
    else:
        width, depth = row["body_width"], row["body_depth"]
        parts.append(tube([(0, 0, -height), (0, 0, 0)], width / 2, sides=24, smooth=False,
                          flatten=depth / width, cap=0.12))
        parts += _arch(row, -height * 0.45, level)
        if level == "C2":
            parts.append(tube([(0, 0, 0), (0, 0, 15)], [5.0, 4.0], sides=12, smooth=False))
    return _place(pose.vertebrae[level], merge(parts))


def sacrum_mesh(pose: SpinePose) -> vtkPolyData:
    """The sacrum: five fused segments tapering from the broad alae to the apex."""
    path = [(0, 0, -2), (0, -4, -35), (0, -2, -70), (0, 8, -98)]
    body = tube(path, [52.0, 40.0, 25.0, 12.0], sides=24, flatten=0.45, cap=0.15)
    return _place(pose.vertebrae["sacrum"], body)


def coccyx_mesh(pose: SpinePose) -> vtkPolyData:
    path = [(0, 0, 0), (0, 3, -10), (0, 8, -20), (0, 14, -28)]
    return _place(pose.vertebrae["coccyx"], tube(path, [10.0, 7.0, 5.0, 3.0], sides=12,
                                                    flatten=0.6))


def disc_mesh(joint: str, pose: SpinePose) -> vtkPolyData:
    """The intervertebral disc ``joint`` (e.g. "L4-L5"), sized to the body below it."""
    lower = joint.split("-")[1]
    row = pose.morphometry["levels"].get(lower) or pose.morphometry["levels"]["L5"]
    height = pose.morphometry["discs"][joint]
    width, depth = row["body_width"], row["body_depth"]
    disc = tube([(0, 0, -height / 2), (0, 0, height / 2)], width / 2, sides=24, smooth=False,
                flatten=depth / width, cap=0.1)
    return _place(pose.discs[joint], disc)
