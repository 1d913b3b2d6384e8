"""Organs, nerves and fascia at their vertebral levels and sides, measured from the meshes
against the vertebral frames (Gray's Anatomy 42nd ed. / Moore 8th ed. levels)."""
import numpy as np
import pytest
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkPolyData
from vtkmodules.vtkFiltersCore import vtkFeatureEdges, vtkMassProperties
from vtkmodules.vtkFiltersModeling import vtkSelectEnclosedPoints

from graph.vocabulary import PHYSICAL_KINDS
from models.nerves import SPINAL_NERVES, foramen_of, pedicle_centre, spinal_nerve_path
from models.soft_tissue import soft_tissue_meshes
from models.spine import Posture, spine_pose
from models.meshing import open_edges


@pytest.fixture(scope="module")
def pose():
    return spine_pose()


@pytest.fixture(scope="module")
def parts(pose):
    return {part_id: mesh for part_id, _, mesh in soft_tissue_meshes(pose)}


def points_of(mesh) -> np.ndarray:
    return vtk_to_numpy(mesh.GetPoints().GetData()).astype(float)


def local(pose, level, points):
    """Points in the local frame of ``level`` (z up its axis, 0 at its upper endplate)."""
    frame = pose.vertebrae[level]
    return (np.asarray(points) - frame.origin) @ frame.rotation


def height(pose, level, fraction):
    """Scene z of a point ``fraction`` of the way down the body of ``level`` (0 = top)."""
    row = pose.morphometry["levels"][level]
    return pose.vertebrae[level].to_world([0, 0, -fraction * row["body_height"]])[2]


def inside(mesh, points) -> np.ndarray:
    vtk_points = vtkPoints()
    for p in points:
        vtk_points.InsertNextPoint(*p)
    probe = vtkPolyData()
    probe.SetPoints(vtk_points)
    select = vtkSelectEnclosedPoints()
    select.SetInputData(probe)
    select.SetSurfaceData(mesh)
    select.SetTolerance(1e-4)
    select.Update()
    return np.array([select.IsInside(i) for i in range(len(points))], dtype=bool)


def test_every_soft_part_is_closed(parts):
    for part_id, mesh in parts.items():
        assert open_edges(mesh) == 0, f"{part_id} has open edges"
        assert mesh.GetNumberOfPolys() > 20, f"{part_id} is nearly empty"


def rim_turning(mesh, shortest: float = 2.0) -> float:
    """How much a patch's rim turns, in radians per 100 mm: the sharp (feature) edges of
    its closed shell, without those shorter than ``shortest`` mm (the 1.5 mm side walls),
    summing the turn at each vertex where two of them meet. A rim cut along the region's
    outline turns about once round (plus its corners); one that follows the host's
    triangles zig-zags at every triangle."""
    edges = vtkFeatureEdges()
    edges.SetInputData(mesh)
    edges.BoundaryEdgesOff()
    edges.NonManifoldEdgesOff()
    edges.ManifoldEdgesOff()
    edges.FeatureEdgesOn()
    edges.SetFeatureAngle(60)
    edges.Update()
    out = edges.GetOutput()
    points = points_of(out)
    lines = vtk_to_numpy(out.GetLines().GetConnectivityArray()).reshape(-1, 2)
    vectors = points[lines[:, 1]] - points[lines[:, 0]]
    length = np.linalg.norm(vectors, axis=1)
    keep = length >= shortest
    lines, directions = lines[keep], vectors[keep] / length[keep, None]
    turn = 0.0
    ends = np.concatenate([lines[:, 0], lines[:, 1]])
    signs = np.concatenate([np.ones(len(lines)), -np.ones(len(lines))])
    edge = np.concatenate([np.arange(len(lines))] * 2)
    order = np.argsort(ends, kind="stable")
    ends, signs, edge = ends[order], signs[order], edge[order]
    starts = np.searchsorted(ends, np.unique(ends))
    counts = np.diff(np.append(starts, len(ends)))
    for start in starts[counts == 2]:
        # both edges leaving the vertex: the turn is pi minus the angle between them
        first = directions[edge[start]] * signs[start]
        second = directions[edge[start + 1]] * signs[start + 1]
        turn += np.pi - np.arccos(np.clip(first @ second, -1.0, 1.0))
    return turn / length[keep].sum() * 100


@pytest.mark.parametrize("patch", ["shoulder-tip-right", "anterior-thigh-right",
                                   "lateral-thigh-right", "posterior-thigh-right",
                                   "loin-right", "dermatome-L4-right"])
def test_skin_patches_have_smooth_borders(parts, patch):
    """A skin region's border follows its outline as an atlas draws it, not the saw-tooth
    of the outline's triangles (cut along them, these turned 6-14 rad per 100 mm of rim)."""
    turning = rim_turning(parts[patch])
    assert turning < 3.0, f"{patch}: rim turns {turning:.1f} rad per 100 mm (ragged)"


def test_kidneys_t12_to_l3_right_lower_than_left(pose, parts):
    right, left = points_of(parts["kidney-right"]), points_of(parts["kidney-left"])
    for kidney in (right, left):
        top, bottom = kidney[:, 2].max(), kidney[:, 2].min()
        assert height(pose, "L1", 0.3) < top < height(pose, "T11", 0.5), "upper pole at T12"
        assert height(pose, "L3", 1.0) < bottom < height(pose, "L2", 0.5), "lower pole at L2-L3"
        assert 90 < top - bottom < 130, "about 11 cm long"
    assert right[:, 0].min() > 25 and left[:, 0].max() < -25, "each on its own side"
    drop = (left[:, 2].max() + left[:, 2].min()) / 2 - (right[:, 2].max() + right[:, 2].min()) / 2
    assert 5 < drop < 30, "the right kidney lies 1-2 cm lower than the left"


def test_kidneys_lie_on_psoas_and_quadratus_lumborum(pose, parts):
    for side, sign in (("right", 1), ("left", -1)):
        kidney = local(pose, "L1", points_of(parts[f"kidney-{side}"]))
        ql = local(pose, "L1", points_of(parts[f"quadratus-lumborum-{side}"]))
        # the kidney's back is within a centimetre of the front of quadratus lumborum
        at_level = ql[np.abs(ql[:, 2] + 30) < 15]
        assert kidney[:, 1].min() < at_level[:, 1].max() + 10
        # its medial border lies beside the vertebral body, over psoas
        assert 30 < np.abs(kidney[:, 0]).min() < 60


def test_heart_in_front_of_t5_to_t8_left_of_midline(pose, parts):
    heart = points_of(parts["heart"])
    centre = heart.mean(axis=0)
    assert height(pose, "T8", 1.0) - 20 < centre[2] < height(pose, "T5", 0.0)
    for level in ("T5", "T6", "T7", "T8"):
        front = pose.vertebrae[level].to_world([0, pose.morphometry["levels"][level]["body_depth"] / 2, 0])
        assert centre[1] > front[1] + 30, f"the heart lies well in front of {level}"
    assert centre[0] < 0, "two thirds of the heart lie left of the midline"
    apex = heart[np.argmin(heart[:, 0])]
    assert apex[1] > centre[1] and apex[2] < centre[2], "apex points left, forward and down"


def test_crura_on_l1_to_l3(pose, parts):
    right, left = points_of(parts["diaphragm-crus-right"]), points_of(parts["diaphragm-crus-left"])
    assert height(pose, "L3", 1.0) < right[:, 2].min() < height(pose, "L3", 0.0)
    assert height(pose, "L2", 1.0) - 10 < left[:, 2].min() < height(pose, "L2", 0.0)
    assert right[:, 0].mean() > 0 > left[:, 0].mean()


def test_ileocaecal_valve_in_front_of_right_sacroiliac_joint(pose, parts):
    valve = points_of(parts["ileocecal-valve"]).mean(axis=0)
    sacrum = local(pose, "sacrum", [valve])[0]
    assert 20 < valve[0] < 80, "right of the midline, in the iliac fossa"
    assert sacrum[1] > 40, "in front of the sacrum"
    assert abs(valve[2]) < 50, "at the level of the sacroiliac joint"


def test_mesentery_root_from_left_of_l2_to_right_sacroiliac_joint(pose, parts):
    sheet = points_of(parts["mesentery"])
    upper_left = sheet[np.argmax(sheet[:, 2] - sheet[:, 0])]
    lower_right = sheet[np.argmax(sheet[:, 0] - sheet[:, 2])]
    assert upper_left[0] < 0 and height(pose, "L2", 1.0) - 10 < upper_left[2] < height(pose, "L1", 1.0) + 25
    assert lower_right[0] > 20 and lower_right[2] < height(pose, "L5", 1.0)


def test_small_intestine_is_long_coiled_and_framed_by_the_colon(parts):
    gut = parts["small-intestine"]
    area = vtkMassProperties()
    area.SetInputData(gut)
    area.Update()
    length = area.GetSurfaceArea() / (2 * np.pi * 12.0)
    assert 3000 < length < 7000, f"small intestine {length:.0f} mm long"
    points = points_of(gut)
    ascending = points_of(parts["ascending-colon"])
    descending = points_of(parts["descending-colon"])
    transverse = points_of(parts["transverse-colon"])
    assert ascending[:, 0].mean() > points[:, 0].mean() > descending[:, 0].mean()
    assert transverse[:, 2].max() > np.percentile(points[:, 2], 90)


def test_colon_is_haustrated(pose, parts):
    """The colon's radius pinches at regular intervals (haustra); a plain tube's would not."""
    from models.data import load_geometry
    from models.meshing import smooth_curve
    from models.soft_tissue import Placer
    spec = next(p for p in load_geometry("placements")["parts"] if p["id"] == "transverse-colon")
    place = Placer(pose)
    axis = smooth_curve(np.array([place.point(p) for p in spec["points"]]), 400)
    points = points_of(parts["transverse-colon"])
    radius = np.linalg.norm(points[:, None, :] - axis[None, :, :], axis=2).min(axis=1)
    assert np.percentile(radius, 5) < 0.88 * np.percentile(radius, 75)


@pytest.mark.parametrize("nerve", [n for n in SPINAL_NERVES if foramen_of(n) and foramen_of(n)[0] != "skull"])
def test_each_root_leaves_between_the_pedicles_of_its_foramen(pose, nerve):
    above, below = foramen_of(nerve)
    for side, sign in (("right", 1), ("left", -1)):
        path = spinal_nerve_path(nerve, side, pose)
        upper, lower = pedicle_centre(above, side, pose), pedicle_centre(below, side, pose)
        pedicle_x = sign * local(pose, below, [lower])[0][0]
        lateral = sign * local(pose, below, path)[:, 0]
        crossing = np.argmax(lateral >= pedicle_x - 0.5)
        assert lateral[crossing] >= pedicle_x - 0.5, f"{nerve}-{side} never reaches the foramen"
        point = path[crossing]
        # between the two pedicles along the column, and level with them front to back
        axis = upper - lower
        t = (point - lower) @ axis / (axis @ axis)
        assert 0.15 < t < 0.85, f"{nerve}-{side} leaves at {t:.2f} of the way from {below} to {above}"
        assert abs(local(pose, below, [point])[0][1] - local(pose, below, [lower])[0][1]) < 8


def test_sacral_nerves_leave_through_the_front_of_the_sacrum(pose):
    for nerve in ("S1", "S2", "S3", "S4"):
        path = local(pose, "sacrum", spinal_nerve_path(nerve, "right", pose))
        assert path[0][1] < 0 and path[-1][1] > 10, f"{nerve} comes from the canal and ends in front"
    starts = [local(pose, "sacrum", spinal_nerve_path(n, "right", pose))[-1][2]
              for n in ("S1", "S2", "S3", "S4")]
    assert starts == sorted(starts, reverse=True)


def test_lumbar_plexus_forms_inside_psoas(parts):
    for side in ("right", "left"):
        plexus = points_of(parts[f"lumbar-plexus-{side}"])
        centre_line = plexus[np.linspace(0, len(plexus) - 1, 12).astype(int)]
        # the plexus tube's surface points pulled to its middle lie within the muscle
        middle = plexus.mean(axis=0)
        probes = centre_line * 0.85 + middle * 0.15
        assert inside(parts[f"psoas-major-{side}"], probes).mean() > 0.7


def test_sacral_plexus_on_the_front_of_the_sacrum(pose, parts):
    plexus = local(pose, "sacrum", points_of(parts["sacral-plexus-right"]))
    assert np.median(plexus[:, 1]) > 0 and plexus[:, 0].mean() > 15


def test_sciatic_continues_as_tibial_and_common_fibular_to_the_foot(parts):
    sciatic = points_of(parts["sciatic-nerve-right"])
    for branch in ("tibial-nerve-right", "common-fibular-nerve-right"):
        points = points_of(parts[branch])
        gap = np.linalg.norm(points[:, None, :] - sciatic[None, ::7, :], axis=2).min()
        assert gap < 8, f"{branch} starts where the sciatic nerve ends"
        assert points[:, 2].min() < -900, f"{branch} reaches the foot"
        assert points[:, 0].mean() > 0


def test_phrenic_nerves_run_from_c4_to_the_diaphragm(pose, parts):
    diaphragm = points_of(parts["diaphragm"])
    for side in ("right", "left"):
        nerve = points_of(parts[f"phrenic-nerve-{side}"])
        assert nerve[:, 2].max() > height(pose, "C4", 1.0)
        low = nerve[np.argmin(nerve[:, 2])]
        assert np.linalg.norm(diaphragm - low, axis=1).min() < 15


def test_pelvis_variants(pose):
    female = {part_id for part_id, _, _ in soft_tissue_meshes(pose, pelvis="female")}
    male = {part_id for part_id, _, _ in soft_tissue_meshes(pose, pelvis="male")}
    assert {"uterus", "ovary-right", "ovary-left", "uterosacral-ligament-right"} <= female
    assert "prostate" not in female and "prostate" in male and "uterus" not in male
    with pytest.raises(ValueError):
        soft_tissue_meshes(pose, pelvis="other")


def test_organs_follow_the_spine_when_the_posture_changes(pose, parts):
    flat = spine_pose(Posture(lumbar_lordosis=30, sacral_slope=25))
    moved = {part_id: mesh for part_id, _, mesh in soft_tissue_meshes(flat)}
    for part_id, level in (("kidney-right", "L2"), ("heart", "T6"), ("ovary-right", "sacrum")):
        before = local(pose, level, points_of(parts[part_id])).mean(axis=0)
        after = local(flat, level, points_of(moved[part_id])).mean(axis=0)
        assert np.linalg.norm(before - after) < 3, f"{part_id} stays with {level}"
        assert not np.allclose(points_of(parts[part_id]).mean(axis=0),
                               points_of(moved[part_id]).mean(axis=0), atol=1.0)


def test_soft_tissue_within_its_triangle_share(parts):
    total = sum(mesh.GetNumberOfPolys() for mesh in parts.values())
    assert total < 240_000, f"{total} triangles of organs, nerves, fascia and skin"


@pytest.fixture(scope="module")
def scene():
    from models.scene import build_scene
    return build_scene()


def test_whole_scene_within_the_triangle_budget(scene):
    total = sum(part.mesh.GetNumberOfPolys() for part in scene.parts)
    assert total <= 500_000, f"{total} triangles in the whole scene"


def test_every_physical_node_has_geometry(graph, pose, scene):
    drawn = {part.id for part in scene.parts}
    drawn |= {part_id for part_id, _, _ in soft_tissue_meshes(pose, pelvis="male")}
    physical = {n for n, data in graph.nodes(data=True) if data["kind"] in PHYSICAL_KINDS}
    missing = sorted(physical - drawn)
    assert not missing, f"no geometry for {len(missing)} structures: {missing}"


def test_build_scene_switches_the_pelvis():
    from models.scene import build_scene
    male = build_scene(pelvis="male")
    assert "prostate" in male and "uterus" not in male


def test_disk_cache_round_trip(pose, parts, tmp_path, monkeypatch):
    from models import soft_tissue
    from models.mesh_cache import cache_path, read_meshes, to_arrays, write_meshes
    monkeypatch.setenv("FASCIA_EXPLORER_CACHE", str(tmp_path))
    key = soft_tissue._cache_key("female")
    assert key != soft_tissue._cache_key("male")
    path = cache_path("soft", key)
    write_meshes(path, [[i, "organs"] for i in parts], [to_arrays(m) for m in parts.values()],
                 keep=6)
    labels, again, _ = read_meshes(path)
    assert [part_id for part_id, _ in labels] == list(parts)
    for (points, triangles, normals), mesh in zip(again, parts.values()):
        assert len(triangles) == mesh.GetNumberOfPolys() and len(points) == mesh.GetNumberOfPoints()
        assert len(normals) == len(points)
    assert read_meshes(cache_path("soft", "no-such-key")) is None
