"""Light proxies for a moving camera (models/lod.py): few triangles, same place and size,
and read back from the disk cache as they were written."""
import numpy as np
import pytest

from models.lod import PROXY_FRACTION, PROXY_MIN_TRIANGLES, proxy_mesh, proxy_meshes
from models.meshing import ellipsoid, mesh_arrays, tube


@pytest.fixture
def meshes():
    path = np.array([[0, 0, 0], [10, 5, 40], [0, 20, 90], [-15, 10, 130.0]])
    return {"organ": ellipsoid((0, 0, 0), (60, 40, 30), resolution=60),
            "nerve": tube(path, 3.0, sides=12),
            "small": ellipsoid((5, 5, 5), (2, 2, 2), resolution=4)}


def test_a_proxy_keeps_a_fraction_of_the_triangles_and_the_shape(meshes):
    for mesh in meshes.values():
        proxy = proxy_mesh(mesh)
        count = mesh.GetNumberOfPolys()
        assert proxy.GetNumberOfPolys() <= max(PROXY_MIN_TRIANGLES, count * PROXY_FRACTION) + 4
        assert proxy.GetPointData().GetNormals() is not None or proxy is mesh
        # the same place and size: bounds within a couple of millimetres
        assert np.allclose(proxy.GetBounds(), mesh.GetBounds(), atol=2.5)
    assert proxy_mesh(meshes["small"]) is meshes["small"]   # already light


def test_proxies_come_back_from_the_disk_cache_unchanged(meshes, tmp_path, monkeypatch):
    monkeypatch.setenv("FASCIA_EXPLORER_CACHE", str(tmp_path))
    made = proxy_meshes(meshes)
    assert len(list(tmp_path.glob("lod-*.npz"))) == 1
    read = proxy_meshes(meshes)
    assert read.keys() == meshes.keys()
    for part_id in meshes:
        a, b = mesh_arrays(made[part_id]), mesh_arrays(read[part_id])
        assert np.array_equal(a[1], b[1]) and np.allclose(a[0], b[0])
    # other meshes are other proxies, not the cached ones
    moved = dict(meshes, organ=ellipsoid((100, 0, 0), (60, 40, 30), resolution=60))
    assert proxy_meshes(moved)["organ"].GetBounds()[0] > 30
