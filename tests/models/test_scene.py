"""The scene: every part placed, closed and matching a knowledge-base node."""
import numpy as np
import pytest
from vtkmodules.vtkFiltersCore import vtkFeatureEdges

from graph.vocabulary import PHYSICAL_KINDS
from models.scene import build_scene
from models.spine import LEVELS, Posture, spine_pose


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
        edges = vtkFeatureEdges()
        edges.SetInputData(part.mesh)
        edges.BoundaryEdgesOn()
        edges.NonManifoldEdgesOff()
        edges.FeatureEdgesOff()
        edges.ManifoldEdgesOff()
        edges.Update()
        assert edges.GetOutput().GetNumberOfCells() == 0, f"{part.id} has open edges"


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
