"""The scene: every part placed, closed and matching a knowledge-base node."""
import numpy as np
import pytest

from graph.vocabulary import PHYSICAL_KINDS
from models.scene import build_scene
from models.spine import LEVELS, Posture, spine_pose
from models.meshing import open_edges


@pytest.fixture(scope="module")
def scene():
    return build_scene()


def test_every_vertebra_and_disc_present(scene):
    for level in LEVELS + ["sacrum", "coccyx"]:
        assert level in scene
    discs = [p.id for p in scene.parts if p.group == "discs"]
    assert len(discs) == 23
    assert "disc-C2-C3" in discs and "disc-L5-S1" in discs


def test_every_part_is_a_node(scene, graph):
    for part in scene.parts:
        assert part.id in graph, f"{part.id} has geometry but no knowledge-base entry"
        assert graph.nodes[part.id]["kind"] in PHYSICAL_KINDS


def test_meshes_are_closed(scene):
    for part in scene.parts:
        assert open_edges(part.mesh) == 0, f"{part.id} has open edges"


def test_origin_is_upper_s1_endplate_and_column_goes_up():
    pose = spine_pose()
    assert np.allclose(pose.vertebrae["sacrum"].origin, 0)
    heights = [pose.vertebrae[level].origin[2] for level in reversed(LEVELS)]
    assert heights == sorted(heights)
    # C1 sits some 55-65 cm above S1 in an adult
    assert 520 < pose.vertebrae["C1"].origin[2] < 680


def test_slice_structures_at_their_levels(scene):
    pose = spine_pose()
    valve = scene["ileocecal-valve"].center
    # right iliac fossa: right of the midline, in front of the sacrum, below L5
    assert valve[0] > 20 and valve[1] > 40
    assert valve[2] < pose.vertebrae["L5"].origin[2]
    psoas = scene["psoas-major-right"].mesh.GetBounds()
    assert psoas[5] > pose.vertebrae["T12"].origin[2] - 30, "psoas reaches up to T12"
    assert psoas[4] < -100, "psoas reaches down to the femur"
    assert scene["sciatic-nerve-right"].center[0] > 0 and scene["leg-right"].center[2] < -300


def test_posture_moves_the_column():
    flat = spine_pose(Posture(lumbar_lordosis=20, sacral_slope=20))
    normal = spine_pose()
    assert not np.allclose(flat.vertebrae["L1"].origin, normal.vertebrae["L1"].origin)


def test_posture_out_of_range_is_refused():
    from graph.errors import ExplorerError
    with pytest.raises(ExplorerError, match="lumbar lordosis"):
        Posture(lumbar_lordosis=200)


BENT = Posture(cervical_lordosis=40, thoracic_kyphosis=75, lumbar_lordosis=30, sacral_slope=50)


@pytest.fixture(scope="module")
def bent_scene():
    return build_scene(BENT)


def test_a_posed_scene_has_the_same_parts_closed(scene, bent_scene):
    assert [p.id for p in bent_scene.parts] == [p.id for p in scene.parts]
    assert bent_scene.posture == BENT
    for part in bent_scene.parts:
        assert open_edges(part.mesh) == 0, f"{part.id} has open edges"


def test_default_muscles_are_the_built_ones(scene):
    from vtkmodules.util.numpy_support import vtk_to_numpy
    from models.muscles import muscle_meshes
    for part_id, mesh in muscle_meshes(spine_pose()):
        assert np.array_equal(vtk_to_numpy(mesh.GetPoints().GetData()),
                              vtk_to_numpy(scene[part_id].mesh.GetPoints().GetData()))


def test_posed_muscles_run_from_landmark_to_landmark(bent_scene):
    """The bellies are posed from the default posture's, not rebuilt: their ends still sit
    on the landmarks of the moved bones and they still face outward."""
    from vtkmodules.util.numpy_support import vtk_to_numpy
    from models.bones import bone_landmarks
    from models.muscles import intrinsic_muscles
    points = bone_landmarks(spine_pose(BENT))
    for muscle in intrinsic_muscles():
        mesh = bent_scene[muscle["id"]].mesh
        vertices = vtk_to_numpy(mesh.GetPoints().GetData()).astype(float)
        triangles = vtk_to_numpy(mesh.GetPolys().GetConnectivityArray()).reshape(-1, 3)
        a, b, c = (vertices[triangles[:, k]] for k in range(3))
        assert np.einsum("ij,ij->i", a, np.cross(b, c)).sum() > 0, f"{muscle['id']} faces inward"
        for end in ("origin", "insertion"):
            target = points[(muscle[end]["bone"], muscle[end]["landmark"])]
            assert np.linalg.norm(vertices - target, axis=1).min() < 3.0, muscle["id"]
