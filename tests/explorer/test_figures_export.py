"""Exports and figures, written to real files and read back: print-size PNGs with alpha and
DPI, labels that grow with the image, scene files re-rendered by the command line, handouts."""
import datetime
import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkIOImage import vtkPNGReader

from explorer.figures import render_scene
from explorer.scene_file import SceneSpec, save_scene
from graph.paths import referral_paths

ROOT = Path(__file__).resolve().parents[2]


def read_png(path) -> np.ndarray:
    reader = vtkPNGReader()
    reader.SetFileName(str(path))
    reader.Update()
    image = reader.GetOutput()
    width, height, _ = image.GetDimensions()
    # VTK's rows run bottom-up; flip them so row 0 is the top of the picture, as on paper
    return vtk_to_numpy(image.GetPointData().GetScalars()).reshape(height, width, -1)[::-1]


def png_dpi(path) -> float | None:
    data = Path(path).read_bytes()
    at = data.find(b"pHYs")
    if at < 0:
        return None
    per_metre, _, unit = struct.unpack(">IIB", data[at + 4: at + 13])
    return per_metre * 0.0254 if unit == 1 else None


def label_box_pixels(pixels: np.ndarray) -> int:
    """Pixels as light and grey as the labels' boxes (compared with and without labels)."""
    rgb = pixels[..., :3].astype(int)
    return int(((rgb.min(axis=-1) > 195) & (rgb.max(axis=-1) - rgb.min(axis=-1) < 10)).sum())


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, timeout=180, cwd=ROOT)


def test_print_size_export_with_transparency_and_dpi(tmp_path, graph):
    out = tmp_path / "figure.png"
    spec = SceneSpec(selection="ileocecal-valve")
    render_scene(graph, spec, out, size=(3000, 2000), transparent=True, dpi=300)
    pixels = read_png(out)
    assert pixels.shape == (2000, 3000, 4)
    alpha = pixels[..., 3]
    assert alpha[0, 0] == 0 and alpha[-1, -1] == 0, "the background is transparent"
    assert (alpha == 255).sum() > 50_000, "the anatomy is opaque"
    assert round(png_dpi(out)) == 300
    assert not list(tmp_path.glob(".*part*")), "no temporary file left behind"


def test_labels_are_drawn_and_grow_with_the_export(tmp_path, graph):
    path = referral_paths(graph, "ileocecal-valve")[0]
    spec = SceneSpec(selection="ileocecal-valve", path=list(path.nodes))
    render_scene(graph, spec, tmp_path / "plain.png", size=(1500, 1000))
    spec.labels = True
    render_scene(graph, spec, tmp_path / "small.png", size=(1500, 1000))
    render_scene(graph, spec, tmp_path / "print.png", size=(3000, 2000))
    plain, small, large = (label_box_pixels(read_png(tmp_path / f"{n}.png"))
                           for n in ("plain", "small", "print"))
    assert small > plain + 2000, "labels appear"
    # twice the size each way: the labels cover about four times the pixels, so they keep
    # their size relative to the picture and stay legible in print
    assert 3.0 < (large - plain * 4) / (small - plain) < 5.0


def test_cli_reproduces_a_saved_scene(tmp_path, graph):
    path = referral_paths(graph, "ileocecal-valve")[0]
    spec = SceneSpec(selection="ileocecal-valve", path=list(path.nodes), labels=True,
                     language="nl", camera={"position": [300.0, 800.0, 300.0],
                                            "focal_point": [0.0, 0.0, 150.0],
                                            "view_up": [0.0, 0.0, 1.0], "view_angle": 25.0},
                     posture={"cervical_lordosis": 10.0, "thoracic_kyphosis": 60.0,
                              "lumbar_lordosis": 35.0, "sacral_slope": 30.0})
    scene_file = tmp_path / "figuur 2 ü.json"
    save_scene(scene_file, spec)
    render_scene(graph, spec, tmp_path / "direct.png", size=(800, 600))
    result = run("render", "--scene", str(scene_file), "--size", "800x600",
                 "--out", str(tmp_path / "cli.png"))
    assert result.returncode == 0, result.stderr
    direct, cli = read_png(tmp_path / "direct.png"), read_png(tmp_path / "cli.png")
    assert direct.shape == cli.shape == (600, 800, 3)
    # same picture (EGL in the subprocess, maybe GLX here: allow a few edge pixels)
    assert (np.abs(direct.astype(int) - cli.astype(int)).max(axis=-1) > 40).mean() < 0.01
    # a different posture changes the picture: the scene file's posture was used
    spec.posture = {"cervical_lordosis": 15.0, "thoracic_kyphosis": 41.0,
                    "lumbar_lordosis": 60.0, "sacral_slope": 41.0}
    render_scene(graph, spec, tmp_path / "upright.png", size=(800, 600))
    upright = read_png(tmp_path / "upright.png")
    assert (np.abs(upright.astype(int) - cli.astype(int)).max(axis=-1) > 40).mean() > 0.005


@pytest.mark.parametrize("args, message", [
    (("render", "--scene", "{tmp}/missing.json", "--out", "{tmp}/x.png"), "no such file"),
    (("render", "--scene", "{tmp}/broken.json", "--out", "{tmp}/x.png"),
     "truncated or corrupted"),
    (("render", "--scene", "{tmp}/newer.json", "--out", "{tmp}/x.png"), "newer Fascia Explorer"),
    (("render", "--scene", "{tmp}/newer.json", "--select", "caecum", "--out", "{tmp}/x.png"),
     "do not go together"),
    (("render", "--dpi", "0", "--out", "{tmp}/x.png"), "dpi 0 is outside"),
    (("handout", "zzzqqq", "--out", "{tmp}/x.pdf"), "no structure matches 'zzzqqq'"),
    (("handout", "caecum", "--out", "{tmp}/x.txt"), "must end in .pdf"),
    (("handout", "caecum", "--out", "/nonexistent/x.pdf"), "does not exist"),
    (("handout", "caecum", "--lang", "fr", "--out", "{tmp}/x.pdf"), "invalid choice"),
    (("handout", "caecum", "--to", "C3", "--out", "{tmp}/x.pdf"), "no referred-pain path"),
])
def test_cli_errors_are_one_line_exit_2(tmp_path, args, message):
    (tmp_path / "broken.json").write_text('{"format": "fascia-explorer-scene", "ver', "utf-8")
    (tmp_path / "newer.json").write_text(json.dumps(
        {"format": "fascia-explorer-scene", "version": 99}), "utf-8")
    result = run(*(a.format(tmp=tmp_path) for a in args))
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists() and not (tmp_path / "x.pdf").exists()


def test_handout_pdf_from_the_command_line(tmp_path):
    out = tmp_path / "uitleg voor mevrouw Ö.pdf"
    result = run("handout", "klep van bauhin", "--to", "heiligbeen", "--lang", "nl",
                 "--out", str(out))
    assert result.returncode == 0, result.stderr
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))
    assert 1 <= pages <= 2
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                          text=True).stdout
    today = datetime.date.today()
    assert "klep van Bauhin" in text and "heiligbeen" in text
    assert f"{today.day} " in text and str(today.year) in text
    assert "Integraal-Boekje" in text
    assert "Geen bedrust" in text and "50% > 75% > 100%" in " ".join(text.split())
    # the picture is on page 1: rasterise and find the figure's coloured pixels
    subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", str(out),
                    str(tmp_path / "page")], check=True)
    page = read_png(next(tmp_path.glob("page*.png")))
    coloured = (page[..., :3].astype(int).max(axis=-1) - page[..., :3].astype(int).min(axis=-1)
                > 60)
    # (the coloured words of the text alone make about 150 such pixels at 72 dpi)
    assert coloured[: page.shape[0] // 2].sum() > 2000, "the picture shows in colour"


def test_handout_in_english_has_english_advice(tmp_path, graph, qapp):
    from explorer.handout import best_path, write_handout
    out = tmp_path / "handout.pdf"
    pages = write_handout(graph, best_path(graph, "ileocecal-valve"), "en", out,
                          day=datetime.date(2026, 3, 5))
    assert pages in (1, 2)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "5 March 2026" in text and "No bed rest" in text and "Keep moving" in text
    assert "ileocaecal valve" in text
