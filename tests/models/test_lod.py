"""Light proxies for a moving camera (models/lod.py): few triangles, the same place and
size, kept vertices of the full mesh (so a posed mesh gives its posed proxy), and read back
from the disk cache as they were written."""
import numpy as np
import pytest
from vtkmodules.util.numpy_support import vtk_to_numpy

from models.lod import PROXY_FRACTION, PROXY_MIN_TRIANGLES, make_proxies, proxy_recipe
from models.meshing import ellipsoid, mesh_arrays, tube
from models.mesh_cache import from_arrays, to_arrays


@pytest.fixture
def meshes():
    path = np.array([[0, 0, 0], [10, 5, 40], [0, 20, 90], [-15, 10, 130.0]])
    return {"organ": ellipsoid((0, 0, 0), (60, 40, 30), resolution=60),
            "nerve": tube(path, 3.0, sides=12),
            "small": ellipsoid((5, 5, 5), (2, 2, 2), resolution=4)}


def test_a_proxy_keeps_a_fraction_of_the_triangles_and_the_shape(meshes):
    proxies = make_proxies(meshes).meshes_for(meshes)
    for part_id, mesh in meshes.items():
        proxy, count = proxies[part_id], mesh.GetNumberOfPolys()
        assert proxy.GetNumberOfPolys() <= max(PROXY_MIN_TRIANGLES, count * PROXY_FRACTION) + 4
        assert proxy.GetNumberOfPolys() > 0.5 * min(count, PROXY_MIN_TRIANGLES)
        assert proxy.GetPointData().GetNormals() is not None
        # the same place and size: bounds within a couple of millimetres
        assert np.allclose(proxy.GetBounds(), mesh.GetBounds(), atol=2.5)
    small = meshes["small"]
    kept, triangles = proxy_recipe(small)   # already light: kept whole
    assert len(kept) == small.GetNumberOfPoints() and len(triangles) == small.GetNumberOfPolys()


def test_a_posed_mesh_gives_its_posed_proxy_from_the_same_recipe(meshes):
    proxies = make_proxies(meshes)
    organ = meshes["organ"]
    points, triangles, normals = to_arrays(organ)
    turn = np.array([[0.0, -1, 0], [1, 0, 0], [0, 0, 1]])   # a quarter turn, then a shift
    posed = dict(meshes, organ=from_arrays((points @ turn.T + [5, 0, 7], triangles,
                                            normals @ turn.T)))
    assert proxies.fit(posed)
    light, moved = proxies.meshes_for(meshes)["organ"], proxies.meshes_for(posed)["organ"]
    before = vtk_to_numpy(light.GetPoints().GetData())
    after = vtk_to_numpy(moved.GetPoints().GetData())
    assert np.allclose(after, before @ turn.T + [5, 0, 7], atol=1e-3)
    # other meshes (another number of vertices) do not fit
    assert not proxies.fit(dict(meshes, organ=ellipsoid((0, 0, 0), (60, 40, 30), resolution=40)))


def test_proxies_come_back_from_the_disk_cache_unchanged(meshes, tmp_path, monkeypatch):
    monkeypatch.setenv("FASCIA_EXPLORER_CACHE", str(tmp_path))
    made = make_proxies(meshes)
    assert len(list(tmp_path.glob("lod-*.npz"))) == 1
    read = make_proxies(meshes)
    for part_id in meshes:
        assert np.array_equal(made.vertices[part_id], read.vertices[part_id])
        assert np.array_equal(made.triangles[part_id], read.triangles[part_id])
    a, b = (mesh_arrays(p.meshes_for(meshes)["organ"]) for p in (made, read))
    assert np.array_equal(a[1], b[1]) and np.allclose(a[0], b[0])
