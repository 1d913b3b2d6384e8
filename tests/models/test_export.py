"""export-scene: one named node (glTF) or group (OBJ) per structure, in scene coordinates;
the glb passes the Khronos glTF validator."""
import json
import shutil
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest

from explorer.cli import main
from models.scene import build_scene

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / ".tools"
VALIDATOR = TOOLS / "node_modules" / "gltf-validator"
RUNNER = """
const fs = require('fs');
const validator = require(process.argv[2]);
validator.validateBytes(new Uint8Array(fs.readFileSync(process.argv[3])))
  .then((report) => { console.log(JSON.stringify(report.issues)); })
  .catch((error) => { console.error(String(error)); process.exit(3); });
"""


@pytest.fixture(scope="module")
def scene():
    return build_scene()


def _read_glb(path: Path) -> tuple[dict, bytes]:
    data = path.read_bytes()
    magic, version, length = struct.unpack_from("<III", data, 0)
    assert (magic, version, length) == (0x46546C67, 2, len(data))
    json_length, json_type = struct.unpack_from("<II", data, 12)
    assert json_type == 0x4E4F534A
    document = json.loads(data[20:20 + json_length])
    bin_length, _ = struct.unpack_from("<II", data, 20 + json_length)
    return document, data[28 + json_length:28 + json_length + bin_length]


def test_glb_has_a_named_node_per_structure_in_scene_coordinates(tmp_path, scene, capsys):
    out = tmp_path / "scene.glb"
    assert main(["export-scene", "--format", "glb", "--out", str(out)]) == 0
    document, blob = _read_glb(out)
    names = [node["name"] for node in document["nodes"]]
    assert sorted(names) == sorted(part.id for part in scene.parts)
    # the L3 node's positions are the L3 mesh's, in millimetres
    index = names.index("L3")
    accessor = document["accessors"][document["meshes"][document["nodes"][index]["mesh"]]
                                      ["primitives"][0]["attributes"]["POSITION"]]
    view = document["bufferViews"][accessor["bufferView"]]
    points = np.frombuffer(blob, np.float32, accessor["count"] * 3, view["byteOffset"])
    bounds = np.array(scene["L3"].mesh.GetBounds())
    assert np.allclose(points.reshape(-1, 3).min(0), bounds[0::2], atol=1e-3)
    assert sum(1 for n in names if n.startswith(("multifidus", "rotator", "interspinalis",
                                                  "intertransversarius", "levator-costae",
                                                  "rectus-capitis", "obliquus-capitis"))) == 231


def test_obj_has_a_group_per_structure(tmp_path, scene):
    out = tmp_path / "scene.obj"
    assert main(["export-scene", "--format", "obj", "--out", str(out)]) == 0
    groups = [line[2:] for line in out.read_text().splitlines() if line.startswith("g ")]
    assert groups == [part.id for part in scene.parts]


def test_unwritable_destination_is_one_line_and_status_2(tmp_path, capsys):
    assert main(["export-scene", "--format", "glb", "--out",
                 str(tmp_path / "missing" / "x.glb")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def _validator() -> Path:
    if not VALIDATOR.is_dir():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed, so the Khronos glTF validator cannot be run")
        # idempotent, project-local (also done by `make test`)
        subprocess.run([npm, "install", "--prefix", str(TOOLS), "gltf-validator"], check=True,
                       capture_output=True, timeout=300)
    return VALIDATOR


def test_glb_passes_the_khronos_validator(tmp_path):
    validator = _validator()
    node = shutil.which("node")
    assert node, "npm is installed but node is not"
    out = tmp_path / "scene.glb"
    assert main(["export-scene", "--format", "glb", "--out", str(out)]) == 0
    runner = tmp_path / "validate.js"
    runner.write_text(RUNNER)
    result = subprocess.run([node, str(runner), str(validator), str(out)], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    issues = json.loads(result.stdout)
    assert issues["numErrors"] == 0, [m for m in issues["messages"] if m["severity"] == 0][:5]
    assert issues["numWarnings"] == 0, [m for m in issues["messages"] if m["severity"] == 1][:5]
