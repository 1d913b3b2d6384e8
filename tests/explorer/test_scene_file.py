"""Scene files: round trip, refusals that name the problem, atomic saves that survive a kill."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explorer.scene_file import (SCENE_FORMAT, SCENE_VERSION, SceneSpec, find_path, load_scene,
                                 save_scene)
from graph.errors import ExplorerError
from graph.paths import referral_paths

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def spec(graph):
    path = referral_paths(graph, "ileocecal-valve")[0]
    return SceneSpec(camera={"position": [10.0, 900.0, 50.0], "focal_point": [0.0, 0.0, 120.0],
                             "view_up": [0.0, 0.0, 1.0], "view_angle": 20.0},
                     visibility={"hidden_layers": ["skin"], "faded": ["caecum"]},
                     selection="ileocecal-valve", path=list(path.nodes), language="nl",
                     posture={"cervical_lordosis": 20.0, "thoracic_kyphosis": 55.0,
                              "lumbar_lordosis": 40.0, "sacral_slope": 30.0},
                     labels=True)


def test_round_trip(tmp_path, graph, spec):
    file = tmp_path / "figure 1 é.json"
    save_scene(file, spec)
    data = json.loads(file.read_text("utf-8"))
    assert data["format"] == SCENE_FORMAT and data["version"] == SCENE_VERSION
    assert load_scene(file, graph) == spec
    assert file.stat().st_size < 2000  # a small file
    assert find_path(graph, spec.path).nodes == tuple(spec.path)


def _write(file: Path, data) -> Path:
    file.write_text(data if isinstance(data, str) else json.dumps(data), "utf-8")
    return file


@pytest.mark.parametrize("mutate, message", [
    (lambda d: {**d, "version": SCENE_VERSION + 1}, "saved by a newer Fascia Explorer"),
    (lambda d: {**d, "format": "something-else"}, "not a Fascia Explorer scene file"),
    (lambda d: {**d, "version": "1"}, "is not a format version"),
    (lambda d: {**d, "colour": "red"}, "unknown field 'colour'"),
    (lambda d: {**d, "camera": {"position": [1, 2]}}, "'camera' needs position"),
    (lambda d: {**d, "posture": {**d["posture"], "lumbar_lordosis": 400}},
     "lumbar lordosis 400 is outside"),
    (lambda d: {**d, "posture": {"slouch": 3}}, "unknown curve"),
    (lambda d: {**d, "language": "fr"}, "language 'fr'"),
    (lambda d: {**d, "selection": "no-such-organ", "path": None}, "'no-such-organ' is not in"),
    (lambda d: {**d, "path": ["ileocecal-valve", "C3"]}, "no longer a path"),
    (lambda d: {**d, "visibility": {"hidden": "caecum"}}, "'visibility' must map"),
    (lambda d: {**d, "labels": "yes"}, "'labels' must be true or false"),
])
def test_bad_content_is_refused_with_one_line(tmp_path, graph, spec, mutate, message):
    file = _write(tmp_path / "bad.json", mutate(spec.to_json()))
    with pytest.raises(ExplorerError) as error:
        load_scene(file, graph)
    assert message in str(error.value)
    assert str(file) in str(error.value) and "\n" not in str(error.value)


def test_truncated_corrupted_and_odd_files_are_refused(tmp_path, graph, spec):
    whole = json.dumps(spec.to_json())
    cases = {
        "truncated.json": whole[: len(whole) // 2],
        "empty.json": "",
        "garbage.json": "\x00\x01 not json",
    }
    for name, text in cases.items():
        with pytest.raises(ExplorerError, match="truncated or corrupted|empty"):
            load_scene(_write(tmp_path / name, text), graph)
    (tmp_path / "latin1.json").write_bytes(b'{"format": "caf\xe9"}')
    with pytest.raises(ExplorerError, match="not UTF-8"):
        load_scene(tmp_path / "latin1.json")
    (tmp_path / "huge.json").write_bytes(b" " * 2_000_000)
    with pytest.raises(ExplorerError, match="too large"):
        load_scene(tmp_path / "huge.json")
    with pytest.raises(ExplorerError, match="no such file"):
        load_scene(tmp_path / "missing.json")
    with pytest.raises(ExplorerError, match="nested too deeply|truncated or corrupted"):
        load_scene(_write(tmp_path / "deep.json", "[" * 100000 + "]" * 100000))


def test_a_file_that_is_not_a_readable_scene_is_never_overwritten(tmp_path, spec):
    for text in ('{"format": "fascia-explorer-scene", "vers', "my thesis, chapter 1"):
        file = _write(tmp_path / "precious.json", text)
        with pytest.raises(ExplorerError, match="refusing to overwrite"):
            save_scene(file, spec)
        assert file.read_text("utf-8") == text
    newer = _write(tmp_path / "newer.json", {**spec.to_json(), "version": SCENE_VERSION + 1})
    before = newer.read_bytes()
    with pytest.raises(ExplorerError, match="newer"):
        save_scene(newer, spec)
    assert newer.read_bytes() == before


def test_unwritable_folder(tmp_path, spec):
    with pytest.raises(ExplorerError, match="does not exist"):
        save_scene(tmp_path / "no" / "such" / "x.json", spec)


# A save that is killed after writing its temporary file and before the rename.
_KILLED_SAVE = """
import os, sys, time
sys.path.insert(0, {root!r})
from explorer.scene_file import SceneSpec, save_scene
real_fsync = os.fsync
def stall(fd):
    real_fsync(fd)
    open({ready!r}, "w").close()
    time.sleep(60)
os.fsync = stall
save_scene({target!r}, SceneSpec(selection="caecum", language="nl"))
"""


def test_a_save_killed_half_way_leaves_the_previous_file_intact(tmp_path, graph, spec):
    target = tmp_path / "session.json"
    save_scene(target, spec)
    before = target.read_bytes()
    ready = tmp_path / "ready"
    process = subprocess.Popen([sys.executable, "-c", _KILLED_SAVE.format(
        root=str(ROOT), ready=str(ready), target=str(target))])
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert process.poll() is None, "the save finished or failed before stalling"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        # the new content is on disk beside the file, not yet renamed over it
        partial = [p for p in tmp_path.iterdir() if p.name.startswith(".session.json.")]
        assert partial and b'"caecum"' in partial[0].read_bytes()
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert target.read_bytes() == before
    assert load_scene(target, graph) == spec
    # and the next save goes through, over the leftover temporary file's sibling
    save_scene(target, SceneSpec(selection="caecum"))
    assert load_scene(target, graph).selection == "caecum"
