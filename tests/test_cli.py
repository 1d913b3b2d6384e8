"""The command line, run as a user runs it: a subprocess, checking output and exit codes."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args, env=None, cwd=ROOT):
    environment = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, env=environment, cwd=cwd, timeout=120)


def test_paths_valve_to_sacrum_json():
    result = run("paths", "ileocecal-valve", "--to", "sacrum", "--json")
    assert result.returncode == 0, result.stderr
    paths = json.loads(result.stdout)
    assert paths and all(p["nodes"][-1] == "sacrum" for p in paths)
    edge = paths[0]["edges"][0]
    assert set(edge) == {"source", "target", "relation", "mechanism", "evidence", "sources"}


def test_paths_by_dutch_name():
    result = run("paths", "klep van bauhin", "--to", "heiligbeen")
    assert result.returncode == 0, result.stderr
    assert "sacrum" in result.stdout


def test_search_json():
    result = run("search", "heiligbeen", "--json")
    hits = json.loads(result.stdout)
    assert hits[0]["id"] == "sacrum"
    assert set(hits[0]) == {"id", "kind", "names", "score"}


@pytest.mark.parametrize("args, message", [
    (("paths", "sacrim nerve plexis"), "did you mean: sacral-plexus-right"),
    (("paths", "zzzqqq"), "no structure matches 'zzzqqq'"),
    (("paths", "caecum", "--max-hops", "x"), "invalid int value"),
    (("paths", "caecum", "--evidence", "gossip"), "unknown evidence gossip"),
    (("export-graph", "--format", "xml", "--out", "x"), "invalid choice"),
    (("export-graph", "--format", "json", "--out", "/nonexistent/dir/g.json"), "does not exist"),
    (("render", "--out", "x.png", "--size", "big"), "is not WIDTHxHEIGHT"),
    (("render", "--out", "/nonexistent/x.png"), "does not exist"),
    (("--data", "/nonexistent", "search", "x"), "does not exist"),
    (("frobnicate",), "invalid choice"),
])
def test_bad_input_one_line_exit_2(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_window_without_display_says_so():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([sys.executable, str(ROOT / "main.py")], capture_output=True,
                            text=True, env=env, timeout=60)
    assert result.returncode == 2
    assert "no display" in result.stderr and "render" in result.stderr


def test_export_graph_round_trip(tmp_path):
    import networkx as nx

    from graph.export import graph_from_json
    from graph.knowledge import load_knowledge
    out = tmp_path / "graph ünï.json"
    result = run("export-graph", "--format", "json", "--out", str(out))
    assert result.returncode == 0, result.stderr
    again = graph_from_json(json.loads(out.read_text("utf-8")))
    original = load_knowledge()
    assert sorted(again.edges(keys=True, data=True)) == sorted(original.edges(keys=True, data=True))
    graphml = tmp_path / "g.graphml"
    assert run("export-graph", "--format", "graphml", "--out", str(graphml)).returncode == 0
    assert nx.read_graphml(graphml).number_of_nodes() == original.number_of_nodes()


def test_broken_knowledge_base_refused(tmp_path):
    (tmp_path / "a.yaml").write_text("structures:\n  - {id: x, kind: planet, names: {en: X, nl: X}}\n")
    result = run("--data", str(tmp_path), "search", "x")
    assert result.returncode == 2
    assert "a.yaml:2 [x]: unknown kind 'planet'" in result.stderr


def test_render_headless_png(tmp_path):
    from vtkmodules.vtkIOImage import vtkPNGReader
    out = tmp_path / "valve figure.png"
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "render", "--select",
                             "ileocecal-valve", "--size", "640x480", "--out", str(out)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    reader = vtkPNGReader()
    reader.SetFileName(str(out))
    reader.Update()
    assert reader.GetOutput().GetDimensions()[:2] == (640, 480)
    from vtkmodules.util.numpy_support import vtk_to_numpy
    pixels = vtk_to_numpy(reader.GetOutput().GetPointData().GetScalars())
    assert len({tuple(p) for p in pixels[::97]}) > 50, "the image is not blank"
