"""The spine's bones and discs: every id, closed meshes, and dimensions measured on the
meshes (ray casts through the local meshes) against the morphometry table."""
import numpy as np
import pytest
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkFiltersCore import vtkFeatureEdges
from vtkmodules.vtkFiltersGeneral import vtkOBBTree

from models.bones import BONE_IDS, local_meshes
from models.data import load_geometry
from models.meshing import polydata
from models.scene import build_scene
from models.spine import LEVELS, Posture, spine_pose
from models.vertebrae import dims, region

ROWS = load_geometry("morphometry")["levels"]
DISCS = load_geometry("morphometry")["discs"]


@pytest.fixture(scope="module")
def scene():
    return build_scene()


@pytest.fixture(scope="module")
def local():
    return local_meshes()


class Rays:
    """Ray casts against one local mesh."""

    def __init__(self, arrays):
        self.points = arrays[0]
        self.mesh = polydata(arrays[0], arrays[1])
        self.tree = vtkOBBTree()
        self.tree.SetDataSet(self.mesh)
        self.tree.BuildLocator()

    def hits(self, start, end) -> list[float]:
        """Distances from ``start`` of every crossing of the surface, nearest first."""
        found = vtkPoints()
        self.tree.IntersectWithLine(list(map(float, start)), list(map(float, end)), found, None)
        start = np.asarray(start, dtype=float)
        return sorted(np.linalg.norm(np.array(found.GetPoint(i)) - start)
                      for i in range(found.GetNumberOfPoints()))


def close_to(measured: float, expected: float, fraction: float = 0.08, floor: float = 1.5):
    return abs(measured - expected) <= max(floor, fraction * expected)


def test_every_bone_and_disc_present(scene):
    vertebrae = [p.id for p in scene.parts if p.id in LEVELS]
    assert len([v for v in vertebrae if v.startswith("C")]) == 7
    assert len([v for v in vertebrae if v.startswith("T")]) == 12
    assert len([v for v in vertebrae if v.startswith("L")]) == 5
    for part_id in BONE_IDS:
        assert part_id in scene
    assert len([p for p in scene.parts if p.group == "discs"]) == 23
    assert [p.id for p in scene.parts if p.group == "discs"][0] == "disc-L5-S1" or \
        "disc-C2-C3" in scene
    for n in range(1, 13):
        assert f"rib-{n}-right" in scene and f"rib-{n}-left" in scene


def test_bone_and_disc_meshes_are_closed_manifolds_facing_out(scene):
    for part in scene.parts:
        if part.group not in ("bones", "discs"):
            continue
        edges = vtkFeatureEdges()
        edges.SetInputData(part.mesh)
        edges.BoundaryEdgesOn()
        edges.NonManifoldEdgesOn()
        edges.FeatureEdgesOff()
        edges.ManifoldEdgesOff()
        edges.Update()
        assert edges.GetOutput().GetNumberOfCells() == 0, f"{part.id} is open or non-manifold"
        assert part.mesh.GetPointData().GetNormals() is not None, f"{part.id} has no normals"
        assert _signed_volume(part.mesh) > 0, f"{part.id} faces inward"


def _signed_volume(mesh) -> float:
    from vtkmodules.util.numpy_support import vtk_to_numpy
    points = vtk_to_numpy(mesh.GetPoints().GetData()).astype(float)
    triangles = vtk_to_numpy(mesh.GetPolys().GetConnectivityArray()).reshape(-1, 3)
    a, b, c = points[triangles[:, 0]], points[triangles[:, 1]], points[triangles[:, 2]]
    return float(np.einsum("ij,ij->i", a, np.cross(b, c)).sum() / 6.0)


@pytest.mark.parametrize("level", [lv for lv in LEVELS if lv != "C1"])
def test_body_dimensions_match_the_table(local, level):
    d = dims(level, ROWS[level])
    rays = Rays(local[level])
    z = -d.h + 1.0 if level == "C2" else -1.0
    yc = -d.concavity / 2
    across = rays.hits((-150, yc, z), (150, yc, z))
    width = 300 - across[0] - rays.hits((150, yc, z), (-150, yc, z))[0]
    assert close_to(width, d.W), f"{level} body width {width:.1f} vs {d.W}"
    front = rays.hits((0, 150, z), (0, -150, z))[0]
    canal_centre = (0, -d.D / 2 - d.cd / 2, z)
    back = rays.hits(canal_centre, (0, 150, z))[0]
    depth = (150 - front) - (canal_centre[1] + back)
    assert close_to(depth, d.D), f"{level} body depth {depth:.1f} vs {d.D}"
    x, y = (6.0, 5.0) if level == "C2" else (0.0, d.D / 2 - 3.0)
    top = 100 - rays.hits((x, y, 100), (x, y, -200))[0]
    bottom = -200 + rays.hits((x, y, -200), (x, y, 100))[0]
    assert close_to(top - bottom, d.h), f"{level} body height {top - bottom:.1f} vs {d.h}"


@pytest.mark.parametrize("level", LEVELS)
def test_canal_processes_and_pedicles_match_the_table(local, level):
    d = dims(level, ROWS[level])
    rays = Rays(local[level])
    if level == "C1":
        centre = np.array([0.0, 6.0 - d.cd / 2, -5.0])
    else:
        centre = np.array([0.0, -d.D / 2 - d.cd / 2, d.pedicle_z])
    width = rays.hits(centre, centre + [150, 0, 0])[0] + rays.hits(centre, centre - [150, 0, 0])[0]
    depth = rays.hits(centre, centre + [0, 150, 0])[0] + rays.hits(centre, centre - [0, 150, 0])[0]
    assert close_to(width, d.cw, 0.1), f"{level} canal width {width:.1f} vs {d.cw}"
    assert close_to(depth, d.cd, 0.1), f"{level} canal depth {depth:.1f} vs {d.cd}"
    points = rays.points
    span = points[:, 0].max() - points[:, 0].min()
    assert close_to(span, d.tps), f"{level} transverse span {span:.1f} vs {d.tps}"
    if level == "C1":
        return
    near_midline = points[np.abs(points[:, 0]) < 8]
    length = ((near_midline - d.spinous_root) @ d.spinous_direction).max()
    assert close_to(length, d.spl), f"{level} spinous length {length:.1f} vs {d.spl}"
    if region(level) != "cervical":
        y = (-d.D / 2 + 3.0 + d.junction_y) / 2
        crossing = rays.hits((0.0, y, d.pedicle_z), (150.0, y, d.pedicle_z))
        pedicle = crossing[1] - crossing[0]
        assert close_to(pedicle, d.pw, 0.15), f"{level} pedicle width {pedicle:.1f} vs {d.pw}"


def test_regions_differ_as_in_a_skeleton(local):
    """Spinous processes: long and steep in the thorax, short and square in the lumbar
    region; C7 (vertebra prominens) longer than C6; the atlas has no body."""
    tips = {lv: dims(lv, ROWS[lv]).spinous_tip for lv in LEVELS if lv != "C1"}
    assert tips["T7"][2] < -30, "mid-thoracic spinous processes slope steeply down"
    assert tips["L3"][2] > -15, "lumbar spinous processes are nearly horizontal"
    assert np.linalg.norm(tips["C7"]) > np.linalg.norm(tips["C6"]) + 8
    rays = Rays(local["C1"])
    assert rays.hits((0, 0, 30), (0, 0, -30)) == [], "the atlas ring is empty where a body would be"


@pytest.mark.parametrize("joint", list(DISCS))
def test_disc_heights_match_the_table(local, scene, joint):
    rays = Rays(local[f"disc-{joint}"])
    height = 200 - rays.hits((0, 0, 100), (0, 0, -100))[0] - rays.hits((0, 0, -100), (0, 0, 100))[0]
    assert abs(height - DISCS[joint]) < 0.5, f"disc {joint} is {height:.2f} mm, table {DISCS[joint]}"


def test_discs_are_wedges_that_follow_the_posture():
    from models.bones import disc_meshes
    from models.meshing import mesh_arrays

    def heights(posture):
        pose = spine_pose(posture)
        mesh = dict(disc_meshes(pose))["disc-L5-S1"]
        frame = pose.discs["L5-S1"]
        points = (mesh_arrays(mesh)[0] - frame.origin) @ frame.rotation
        front = points[points[:, 1] > points[:, 1].max() - 4]
        back = points[points[:, 1] < points[:, 1].min() + 4]
        return np.ptp(front[:, 2]), np.ptp(back[:, 2])

    front, back = heights(Posture())
    assert front > back + 6, "lordosis makes L5-S1 taller in front"
    flat_front, flat_back = heights(Posture(lumbar_lordosis=5, sacral_slope=20))
    assert abs(flat_front - flat_back) < 3


def test_sum_of_discs_is_about_a_quarter_of_the_column():
    """Gray's (1918): the discs make about a quarter of the length of the column above the
    sacrum, leaving out the first two vertebrae."""
    discs = sum(DISCS.values())
    bodies = sum(ROWS[lv]["body_height"] for lv in LEVELS if lv not in ("C1", "C2"))
    assert 0.18 < discs / (discs + bodies) < 0.3


def test_triangle_budgets(scene):
    bones = [p for p in scene.parts if p.group == "bones"]
    for part in bones:
        if part.id in LEVELS:
            assert part.mesh.GetNumberOfPolys() <= 5000, part.id
    assert sum(p.mesh.GetNumberOfPolys() for p in bones) <= 150_000


def test_generation_is_fast_once_cached():
    import time
    from models.bones import bone_meshes, disc_meshes
    local_meshes()
    pose = spine_pose(Posture(thoracic_kyphosis=60))
    start = time.perf_counter()
    bone_meshes(pose)
    disc_meshes(pose)
    assert time.perf_counter() - start < 1.0


def test_bones_follow_the_posture():
    from models.bones import bone_meshes
    normal = dict(bone_meshes(spine_pose()))
    bent = dict(bone_meshes(spine_pose(Posture(thoracic_kyphosis=70))))
    assert not np.allclose(normal["T1"].GetCenter(), bent["T1"].GetCenter())
    assert not np.allclose(normal["rib-3-right"].GetCenter(), bent["rib-3-right"].GetCenter())
    assert np.allclose(normal["L5"].GetCenter(), bent["L5"].GetCenter())


def test_cache_round_trip(tmp_path):
    from models.mesh_cache import read_meshes, write_meshes
    arrays = (np.zeros((3, 3), np.float32), np.array([[0, 1, 2]], np.int32),
              np.ones((3, 3), np.float32))
    old = tmp_path / "bones-old.npz"
    write_meshes(old, ["x"], [arrays], keep=1)
    write_meshes(tmp_path / "bones-new.npz", [["x", "bones"]], [arrays], keep=1,
                 extra={"weights": np.arange(4.0)})
    assert not old.exists()   # only the newest of a kind is kept
    labels, meshes, extra = read_meshes(tmp_path / "bones-new.npz")
    assert labels == [["x", "bones"]] and np.array_equal(meshes[0][1], arrays[1])
    assert np.array_equal(extra["weights"], np.arange(4.0))
    assert read_meshes(tmp_path / "missing.npz") is None
    (tmp_path / "bones-new.npz").write_bytes(b"PK\x03\x04 damaged")
    assert read_meshes(tmp_path / "bones-new.npz") is None


@pytest.mark.parametrize("upper,lower", [("C4", "C5"), ("C6", "C7"), ("T6", "T7"),
                                         ("T12", "L1"), ("L4", "L5")])
def test_intervertebral_foramina_are_open(scene, upper, lower):
    """A spinal nerve leaves between the pedicles of two vertebrae: a line from the canal
    out through the foramen, midway between the pedicles, touches neither bone."""
    pose = spine_pose()
    centres, axes = [], []
    for level in (upper, lower):
        d = dims(level, ROWS[level])
        local = np.array([d.pedicle_x, (-d.D / 2 + 3.0 + d.junction_y) / 2, d.pedicle_z])
        centres.append(pose.vertebrae[level].to_world(local))
        axes.append(pose.vertebrae[level].rotation[:, 0])
    middle = (centres[0] + centres[1]) / 2
    outward = (axes[0] + axes[1]) / np.linalg.norm(axes[0] + axes[1])
    start = middle - outward * dims(upper, ROWS[upper]).pedicle_x
    end = middle + outward * 40.0
    from models.meshing import mesh_arrays
    for level in (upper, lower):
        points, triangles = mesh_arrays(scene[level].mesh)
        rays = Rays((points, triangles))
        assert rays.hits(start, end) == [], f"the {upper}-{lower} foramen is closed by {level}"
