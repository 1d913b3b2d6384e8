"""Write the scene as glTF 2.0 binary (.glb) or Wavefront OBJ: one node or group per part.

Coordinates are the scene's (millimetres, RAS: +x right, +y anterior, +z superior, origin at
the centre of the S1 upper endplate), unchanged, so exported parts line up with the
measurements in resources/geometry. (glTF viewers assume metres and +y up: scale by 0.001
and turn the model if a viewer needs that.) Files are written atomically.
"""
from __future__ import annotations

import json
import struct

import numpy as np
from vtkmodules.util.numpy_support import vtk_to_numpy

from graph.errors import ExplorerError
from graph.export import atomic_write
from models.meshing import mesh_arrays, with_normals
from models.scene import Scene

__all__ = ["export_scene", "scene_to_glb", "scene_to_obj", "SCENE_FORMATS"]

SCENE_FORMATS = ("glb", "obj")
_FLOAT, _UINT = 5126, 5125
_ARRAY_BUFFER, _ELEMENT_ARRAY_BUFFER = 34962, 34963


def _arrays(mesh) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if mesh.GetPointData().GetNormals() is None:
        mesh = with_normals(mesh)
    points, triangles = mesh_arrays(mesh)
    normals = vtk_to_numpy(mesh.GetPointData().GetNormals()).astype(np.float32)
    length = np.linalg.norm(normals, axis=1, keepdims=True)
    normals = np.where(length > 1e-8, normals / np.maximum(length, 1e-8), [0.0, 0.0, 1.0])
    return (np.ascontiguousarray(points, np.float32), np.ascontiguousarray(normals, np.float32),
            np.ascontiguousarray(triangles, np.uint32))


def scene_to_glb(scene: Scene) -> bytes:
    """The scene as a binary glTF: a mesh and a node per part, both named by the part's id,
    with the part's colour and opacity as its material."""
    blob = bytearray()
    views, accessors, meshes, nodes, materials = [], [], [], [], []
    material_of: dict[tuple, int] = {}

    def add_view(data: bytes, target: int) -> int:
        while len(blob) % 4:
            blob.append(0)
        views.append({"buffer": 0, "byteOffset": len(blob), "byteLength": len(data),
                      "target": target})
        blob.extend(data)
        return len(views) - 1

    for part in scene.parts:
        points, normals, triangles = _arrays(part.mesh)
        if len(triangles) == 0:
            continue
        position = len(accessors)
        accessors.append({"bufferView": add_view(points.tobytes(), _ARRAY_BUFFER),
                          "componentType": _FLOAT, "count": len(points), "type": "VEC3",
                          "min": points.min(0).tolist(), "max": points.max(0).tolist()})
        accessors.append({"bufferView": add_view(normals.tobytes(), _ARRAY_BUFFER),
                          "componentType": _FLOAT, "count": len(normals), "type": "VEC3"})
        accessors.append({"bufferView": add_view(triangles.ravel().tobytes(),
                                                 _ELEMENT_ARRAY_BUFFER),
                          "componentType": _UINT, "count": triangles.size, "type": "SCALAR"})
        look = (*(round(float(c), 4) for c in part.color), round(float(part.opacity), 4))
        if look not in material_of:
            material = {"name": f"{part.group}-{len(materials)}",
                        "pbrMetallicRoughness": {"baseColorFactor": list(look),
                                                 "metallicFactor": 0.0, "roughnessFactor": 0.8}}
            if look[3] < 1.0:
                material["alphaMode"] = "BLEND"
            material_of[look] = len(materials)
            materials.append(material)
        meshes.append({"name": part.id, "primitives": [{
            "attributes": {"POSITION": position, "NORMAL": position + 1},
            "indices": position + 2, "material": material_of[look], "mode": 4}]})
        nodes.append({"name": part.id, "mesh": len(meshes) - 1,
                      "extras": {"group": part.group}})
    while len(blob) % 4:
        blob.append(0)
    document = {
        "asset": {"version": "2.0", "generator": "fascia-explorer export-scene"},
        "extras": {"units": "millimetres", "axes": "RAS: +x right, +y anterior, +z superior",
                   "origin": "centre of the upper endplate of S1"},
        "scene": 0, "scenes": [{"name": "scene", "nodes": list(range(len(nodes)))}],
        "nodes": nodes, "meshes": meshes, "materials": materials, "accessors": accessors,
        "bufferViews": views, "buffers": [{"byteLength": len(blob)}]}
    text = json.dumps(document, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 4)
    total = 12 + 8 + len(text) + 8 + len(blob)
    return (struct.pack("<III", 0x46546C67, 2, total)
            + struct.pack("<II", len(text), 0x4E4F534A) + text
            + struct.pack("<II", len(blob), 0x004E4942) + bytes(blob))


def scene_to_obj(scene: Scene) -> bytes:
    """The scene as Wavefront OBJ text: an object and group per part, named by its id."""
    lines = ["# fascia-explorer scene: millimetres, RAS (+x right, +y anterior, +z superior),",
             "# origin at the centre of the upper endplate of S1; one object per structure"]
    offset = 1
    for part in scene.parts:
        points, normals, triangles = _arrays(part.mesh)
        if len(triangles) == 0:
            continue
        lines += [f"o {part.id}", f"g {part.id}"]
        lines += [f"v {x:.3f} {y:.3f} {z:.3f}" for x, y, z in points]
        lines += [f"vn {x:.4f} {y:.4f} {z:.4f}" for x, y, z in normals]
        faces = triangles.astype(np.int64) + offset
        lines += [f"f {a}//{a} {b}//{b} {c}//{c}" for a, b, c in faces]
        offset += len(points)
    return ("\n".join(lines) + "\n").encode("utf-8")


def export_scene(scene: Scene, fmt: str, path) -> None:
    if fmt == "glb":
        data = scene_to_glb(scene)
    elif fmt == "obj":
        data = scene_to_obj(scene)
    else:
        raise ExplorerError(f"unknown format {fmt!r} (choose from {', '.join(SCENE_FORMATS)})")
    atomic_write(path, data)
