"""Soft tissue posed from the default posture's meshes (models.posing) instead of re-meshed:
rigid organs ride their vertebra exactly, spanning structures bend between the vertebrae
they hang on, the legs follow the femurs, and the result agrees with a rebuild."""
import numpy as np
import pytest
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkFiltersGeneral import vtkDistancePolyDataFilter

from models import posing, soft_tissue
from models.bones import bone_meshes
from models.meshing import open_edges
from models.nerves import canal_centre
from models.spine import LEVELS, Posture, spine_pose

BENT = Posture(cervical_lordosis=30, thoracic_kyphosis=70, lumbar_lordosis=78, sacral_slope=50)


@pytest.fixture(scope="module")
def default():
    return spine_pose()


@pytest.fixture(scope="module")
def bent():
    return spine_pose(BENT)


@pytest.fixture(scope="module")
def neutral(default):
    return {part_id: mesh for part_id, _, mesh in soft_tissue.soft_tissue_meshes(default)}


@pytest.fixture(scope="module")
def posed(bent):
    return {part_id: mesh for part_id, _, mesh in soft_tissue.soft_tissue_meshes(bent)}


def points_of(mesh) -> np.ndarray:
    return vtk_to_numpy(mesh.GetPoints().GetData()).astype(float)


def local(pose, level, points):
    frame = pose.vertebrae[level]
    return (np.asarray(points) - frame.origin) @ frame.rotation


def test_default_posture_is_the_built_meshes(default, neutral):
    again = {part_id: mesh for part_id, _, mesh in
             soft_tissue.soft_tissue_meshes(spine_pose(Posture()))}
    assert list(again) == list(neutral)
    for part_id, mesh in neutral.items():
        assert np.array_equal(points_of(mesh), points_of(again[part_id]))


def test_rigid_organs_move_exactly_with_their_vertebra(default, bent, neutral, posed):
    anchors = soft_tissue.anchor_levels()
    for part_id, level in (("kidney-right", "L2"), ("heart", "T6"), ("bladder", "sacrum"),
                           ("arm-left", "T2")):
        assert anchors[part_id] == {level}
        before = local(default, level, points_of(neutral[part_id]))
        after = local(bent, level, points_of(posed[part_id]))
        assert np.abs(before - after).max() < 1e-3, part_id


def edge_stretch(before, after, triangles) -> np.ndarray:
    edges = np.vstack([triangles[:, [0, 1]], triangles[:, [1, 2]], triangles[:, [2, 0]]])
    length = np.linalg.norm(before[edges[:, 0]] - before[edges[:, 1]], axis=1)
    moved = np.linalg.norm(after[edges[:, 0]] - after[edges[:, 1]], axis=1)
    keep = length > 1e-6
    return moved[keep] / length[keep]


def test_the_head_and_the_pelvis_move_as_one_piece(default, bent, neutral, posed):
    """Skin over the skull rides the atlas (as the skull base does), the skin over the pubis
    the sacrum, even though both are cut from the one outline of the whole trunk."""
    rotations, shifts = posing.motions(default, bent)
    # the crown, well above the atlas; the skin over the pubis, well below S1
    crown = lambda p: local(default, "C1", p)[:, 2] > 40   # noqa: E731
    pubis = lambda p: p[:, 2] < -70                        # noqa: E731
    for part_id, level, keep in (("head-region", "C1", crown),
                                 ("suprapubic-region", "sacrum", pubis)):
        before, after = points_of(neutral[part_id]), points_of(posed[part_id])
        i = posing.COLUMN.index(level)
        rigid = before @ rotations[i].T + shifts[i]
        chosen = keep(before)
        before, after, rigid = before[chosen], after[chosen], rigid[chosen]
        assert len(before) > 20
        assert np.percentile(np.linalg.norm(after - rigid, axis=1), 95) < 2.0, part_id


def test_posed_parts_keep_their_triangles_stay_closed_and_do_not_tear(neutral, posed):
    assert list(posed) == list(neutral)
    for part_id, mesh in posed.items():
        assert mesh.GetNumberOfPolys() == neutral[part_id].GetNumberOfPolys()
        assert open_edges(mesh) == 0, f"{part_id} tore open"
        triangles = vtk_to_numpy(mesh.GetPolys().GetConnectivityArray()).reshape(-1, 3)
        stretch = edge_stretch(points_of(neutral[part_id]), points_of(mesh), triangles)
        assert 0.3 < stretch.min() and stretch.max() < 2.0, part_id
        assert mesh.GetPointData().GetNormals().GetNumberOfTuples() == mesh.GetNumberOfPoints()
    normals = vtk_to_numpy(posed["spinal-cord"].GetPointData().GetNormals())
    assert np.allclose(np.linalg.norm(normals, axis=1), 1.0, atol=1e-4)


def test_vertices_between_two_vertebrae_move_between_their_motions(default, bent, neutral,
                                                                   posed):
    rotations, shifts = posing.motions(default, bent)
    anchors = soft_tissue.anchor_levels()
    for part_id in ("spinal-cord", "thoracolumbar-fascia", "psoas-major-right"):
        before, after = points_of(neutral[part_id]), points_of(posed[part_id])
        weights = posing.skin(before, anchors[part_id], default)
        column = weights.weight[:, 2] == 0
        assert column.sum() > 100
        a = np.einsum("nij,nj->ni", rotations[weights.index[column, 0]], before[column]) \
            + shifts[weights.index[column, 0]]
        b = np.einsum("nij,nj->ni", rotations[weights.index[column, 1]], before[column]) \
            + shifts[weights.index[column, 1]]
        # on the segment from where vertebra a would take it to where vertebra b would
        ab = b - a
        t = ((after[column] - a) * ab).sum(1) / np.maximum((ab * ab).sum(1), 1e-12)
        assert np.all((t > -1e-3) & (t < 1 + 1e-3)), part_id
        off = np.linalg.norm(after[column] - (a + np.clip(t, 0, 1)[:, None] * ab), axis=1)
        assert off.max() < 0.01, part_id
        # and the two are the neighbouring vertebrae within the levels it hangs on
        assert np.all(weights.index[column, 1] - weights.index[column, 0] <= 1)
        levels = [posing.COLUMN.index(a) for a in anchors[part_id] if a in posing.COLUMN]
        assert weights.index[column].min() >= min(levels)
        assert weights.index[column, :2].max() <= max(levels)


def test_the_cord_stays_in_the_canal(bent, posed):
    cord = points_of(posed["spinal-cord"])
    rows = bent.morphometry["levels"]
    for level in LEVELS[2:20]:   # C3 .. T12 (the cord ends near L1)
        in_frame = local(bent, level, cord)
        height = rows[level]["body_height"]
        beside = in_frame[(in_frame[:, 2] < -0.3 * height) & (in_frame[:, 2] > -0.7 * height)]
        assert len(beside), level
        centre = canal_centre(level, 0.5, bent)
        assert np.linalg.norm(beside[:, :2].mean(axis=0) - centre[:2]) < 2.0, level


def test_legs_follow_the_femurs(default, bent, neutral, posed):
    femur = dict(bone_meshes(bent))["femur-right"].GetCenter()
    femur_before = dict(bone_meshes(default))["femur-right"].GetCenter()
    shift = np.subtract(femur, femur_before)
    assert np.linalg.norm(shift) > 5, "the hip moves when the pelvis tilts"
    for part_id in ("tibial-nerve-right", "gastrocnemius-left"):
        moved = points_of(posed[part_id]) - points_of(neutral[part_id])
        assert np.allclose(moved, shift, atol=1e-3), part_id
    # the knee rides the femur; the buttock, between the pelvis's motion and the femur's
    leg_before, leg_after = points_of(neutral["leg-right"]), points_of(posed["leg-right"])
    knee = leg_before[:, 2] < -400
    assert np.allclose(leg_after[knee] - leg_before[knee], shift, atol=1e-3)
    rotations, shifts = posing.motions(default, bent)
    sacrum = posing.COLUMN.index("sacrum")
    buttock = leg_before[:, 2] > -100
    assert buttock.sum() > 20
    with_pelvis = leg_before[buttock] @ rotations[sacrum].T + shifts[sacrum]
    with_femur = leg_before[buttock] + shift
    after = leg_after[buttock]
    detour = (np.linalg.norm(after - with_pelvis, axis=1)
              + np.linalg.norm(after - with_femur, axis=1)
              - np.linalg.norm(with_pelvis - with_femur, axis=1))
    assert detour.max() < 0.5
    assert np.linalg.norm(after - with_femur, axis=1).max() > 3, "the pelvis pulls the buttock"


def _surface_gap(a, b) -> float:
    """95th percentile of the distance from a's vertices to b's surface, and back."""
    gaps = []
    for one, other in ((a, b), (b, a)):
        distance = vtkDistancePolyDataFilter()
        distance.SetInputData(0, one)
        distance.SetInputData(1, other)
        distance.SignedDistanceOff()
        distance.ComputeSecondDistanceOff()
        distance.Update()
        gaps.append(np.percentile(vtk_to_numpy(
            distance.GetOutput().GetPointData().GetArray("Distance")), 95))
    return max(gaps)


def test_posed_tubes_agree_with_tubes_built_for_the_posture(bent, posed):
    from models.nerves import spinal_nerve_meshes
    surfaces, specs, blobs = soft_tissue._specs("female")
    by_id = {spec["id"]: spec for spec in specs}
    place = soft_tissue.Placer(bent)
    for part_id in ("quadratus-lumborum-right", "erector-spinae-left", "ureter-left", "oesophagus",
                    "lumbar-plexus-right", "descending-colon", "phrenic-nerve-right"):
        rebuilt = soft_tissue._mesh(by_id[part_id], place, blobs, {})
        # a rebuild bends a tube only at its control points, posing at every vertebra
        assert _surface_gap(posed[part_id], rebuilt) < 10.0, part_id
    nerves = dict((i, m) for i, _, m in spinal_nerve_meshes(bent))
    for part_id in ("spinal-cord", "spinal-nerve-C6-right", "spinal-nerve-T8-left",
                    "spinal-nerve-L4-right", "spinal-nerve-S1-left"):
        assert _surface_gap(posed[part_id], nerves[part_id]) < 3.0, part_id
