"""The 231 intrinsic back muscles: in the knowledge base with their attachments and nerves,
each a closed belly whose ends sit on its landmarks, in every posture."""
from collections import Counter

import numpy as np
import pytest
from vtkmodules.util.numpy_support import vtk_to_numpy

from models.bones import bone_landmarks
from models.meshing import open_edges
from models.muscles import intrinsic_muscles, muscle_meshes
from models.spine import Posture, spine_pose


@pytest.fixture(scope="module")
def intrinsic(graph):
    return {n: a for n, a in graph.nodes(data=True) if a.get("intrinsic")}


def test_exactly_231_with_the_documented_scheme(intrinsic):
    assert len(intrinsic) == 231
    groups = Counter(a["group"] for a in intrinsic.values())
    assert groups == {"suboccipital": 8, "interspinales": 15, "intertransversarii": 50,
                      "rotatores": 42, "levatores-costarum": 24, "multifidus": 92}
    for node, attrs in intrinsic.items():
        assert attrs["kind"] == "muscle"
        assert set(attrs["names"]) == {"en", "nl", "la"}
        assert attrs["side"] in ("left", "right", "midline")
        assert attrs["innervation"] and attrs["origin"]["bone"] and attrs["insertion"]["bone"]
    text = (__import__("pathlib").Path(__file__).parents[2] / "resources" / "docs"
            / "intrinsic-muscles.en.md").read_text()
    assert "231" in text


def test_levels_where_they_exist(intrinsic):
    # rotatores only in the thorax; interspinales absent in mid-thorax; levatores to 12 ribs
    assert all(a["origin"]["bone"].startswith("T") for a in intrinsic.values()
               if a["group"] == "rotatores")
    assert "interspinalis-T6-T7" not in intrinsic and "interspinalis-L4-L5" in intrinsic
    ribs = {a["insertion"]["bone"] for a in intrinsic.values()
            if a["group"] == "levatores-costarum"}
    assert ribs == {f"rib-{n}-{s}" for n in range(1, 13) for s in ("right", "left")}


def test_every_muscle_is_innervated_by_a_segment(graph, intrinsic):
    for node in intrinsic:
        targets = [(v, d) for _, v, d in graph.out_edges(node, data=True)
                   if d["relation"] == "innervated_by"]
        assert targets, f"{node} has no innervation link"
        for target, data in targets:
            assert target.startswith("segment-") and data["evidence"] == "anatomy"
            assert data["sources"]


def test_every_landmark_exists():
    points = bone_landmarks(spine_pose())
    for muscle in intrinsic_muscles():
        for end in ("origin", "insertion"):
            key = (muscle[end]["bone"], muscle[end]["landmark"])
            assert key in points, f"{muscle['id']}: no landmark {key}"


def _check_ends(pose):
    points = bone_landmarks(pose)
    meshes = dict(muscle_meshes(pose))
    assert len(meshes) == 231
    total = 0
    for muscle in intrinsic_muscles():
        mesh = meshes[muscle["id"]]
        total += mesh.GetNumberOfPolys()
        assert open_edges(mesh) == 0, muscle["id"]
        vertices = vtk_to_numpy(mesh.GetPoints().GetData())
        triangles = vtk_to_numpy(mesh.GetPolys().GetConnectivityArray()).reshape(-1, 3)
        a, b, c = (vertices[triangles[:, k]].astype(float) for k in range(3))
        assert np.einsum("ij,ij->i", a, np.cross(b, c)).sum() > 0, f"{muscle['id']} faces inward"
        start = points[(muscle["origin"]["bone"], muscle["origin"]["landmark"])]
        end = points[(muscle["insertion"]["bone"], muscle["insertion"]["landmark"])]
        axis = (end - start) / np.linalg.norm(end - start)
        along = (vertices - start) @ axis
        # the belly reaches each landmark and does not overshoot it
        assert abs(along.min()) < 3.0 and abs(along.max() - np.linalg.norm(end - start)) < 3.0, \
            muscle["id"]
        for target in (start, end):
            assert np.linalg.norm(vertices - target, axis=1).min() < 3.0, muscle["id"]
    return total


def test_bellies_run_from_landmark_to_landmark_within_budget():
    assert _check_ends(spine_pose()) <= 100_000


def test_bellies_follow_the_bones_when_the_posture_changes():
    bent = spine_pose(Posture(thoracic_kyphosis=75, lumbar_lordosis=30, cervical_lordosis=40))
    _check_ends(bent)
    normal = dict(muscle_meshes(spine_pose()))["rotator-brevis-T1-T2-right"]
    moved = dict(muscle_meshes(bent))["rotator-brevis-T1-T2-right"]
    assert np.linalg.norm(np.subtract(normal.GetCenter(), moved.GetCenter())) > 5
