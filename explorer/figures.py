"""Headless figures: the scene rendered off screen (EGL) to a PNG, with a selection lit."""
from __future__ import annotations

import os
from pathlib import Path

import networkx as nx

from graph.errors import ExplorerError
from graph.paths import referral_paths, structures_on

__all__ = ["render_figure", "parse_size"]


def parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise ExplorerError(f"size {text!r} is not WIDTHxHEIGHT, e.g. 1600x1200") from None
    if not (16 <= width <= 16384 and 16 <= height <= 16384):
        raise ExplorerError(f"size {text!r} is outside 16..16384 pixels a side")
    return width, height


def _offscreen_window(size: tuple[int, int], transparent: bool):
    """An off-screen render window of ``size``, checked to have OpenGL. The caller chooses
    EGL (VTK_DEFAULT_OPENGL_WINDOW) where no Qt window shares the process."""
    from vtkmodules.vtkRenderingCore import vtkRenderWindow

    from explorer.gl_check import check_offscreen_window, quiet_vtk_warnings
    quiet_vtk_warnings()
    window = vtkRenderWindow()
    check_offscreen_window(window)
    window.SetOffScreenRendering(True)
    window.SetSize(*size)
    if transparent:
        window.SetAlphaBitPlanes(1)
    return window


def render_figure(graph: nx.MultiDiGraph, out: Path | str, select: str | None = None,
                  view: str = "anterior", size: tuple[int, int] = (1600, 1200),
                  transparent: bool = False) -> list:
    """Render the scene to ``out`` (PNG); with ``select``, light its referred-pain paths.

    Returns the paths that were lit.
    """
    out = Path(out)
    if out.parent and not out.parent.is_dir():
        raise ExplorerError(f"cannot write {str(out)!r}: folder {str(out.parent)!r} does not exist")
    if not os.access(out.parent or Path("."), os.W_OK):
        raise ExplorerError(f"cannot write {str(out)!r}: folder is not writable")
    # Straight to EGL: no X server needed, and no warning when one exists (RENDERING.md).
    os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
    from explorer.scene_renderer import VIEWS, SceneRenderer
    from models.scene import build_scene

    if view not in VIEWS:
        raise ExplorerError(f"unknown view {view!r} (choose from {', '.join(VIEWS)})")
    paths = referral_paths(graph, select) if select else []
    window = _offscreen_window(size, transparent)
    renderer = SceneRenderer(build_scene(), window)
    if transparent:
        renderer.renderer.SetBackgroundAlpha(0.0)
    renderer.set_view(view)
    if select:
        renderer.set_highlight(structures_on(paths), select)
    temporary = out.with_name(f".{out.name}.part.png")
    try:
        renderer.save_png(str(temporary), transparent=transparent)
        if not temporary.exists() or temporary.stat().st_size == 0:
            raise ExplorerError("rendering failed: no OpenGL context could be made "
                                "(is libEGL or a display available?)")
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)
        window.Finalize()
    return paths


# -- scene files and exports (the window's File > Export image uses these too) -----------
def stamp_png_dpi(path: Path | str, dpi: int) -> None:
    """Record ``dpi`` in the PNG (a pHYs chunk), so layout programs place it at print size."""
    import struct
    import zlib
    data = Path(path).read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ExplorerError(f"{str(path)!r} is not a PNG file")
    end_of_header = 8 + 8 + struct.unpack(">I", data[8:12])[0] + 4
    per_metre = round(dpi / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", per_metre, per_metre, 1)
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body))
    Path(path).write_bytes(data[:end_of_header] + chunk + data[end_of_header:])


def apply_spec(scene_renderer, graph: nx.MultiDiGraph, spec, view: str = "anterior",
               label_scale: float = 1.0, only_chosen: bool = False):
    """Make ``scene_renderer`` show ``spec`` (an explorer.scene_file.SceneSpec): camera,
    layers, the lit paths (only the chosen one if any) and, if asked, the labels.
    Returns the LabelOverlay (empty when labels are off)."""
    from explorer.graph_layout import anchor_points
    from explorer.labels import LabelOverlay, label_ids
    from explorer.scene_file import find_path
    from explorer.view_state import Visibility
    from graph.explain import name_of

    if spec.camera is not None:
        scene_renderer.set_camera_state(spec.camera)
    else:
        scene_renderer.set_view(view)
    scene_renderer.set_visibility(Visibility(**{k: frozenset(v)
                                                for k, v in spec.visibility.items()}))
    paths = referral_paths(graph, spec.selection) if spec.selection else []
    chosen = find_path(graph, spec.path) if spec.path else None
    if only_chosen and chosen is not None:   # one story, as presentation and handout tell it
        paths = [chosen]
    # as the window shows it: every path lit, drawn as lines, the chosen one bolder
    scene_renderer.set_highlight(structures_on(paths), spec.selection)
    scene_renderer.set_paths(paths, anchor_points(graph, scene_renderer.scene), chosen)
    # line widths are in pixels: as thick relative to the picture as on an 800 px screen
    line_scale = max(1.0, scene_renderer.renderer.GetSize()[1] / 800)
    for actor in scene_renderer._path_actors:
        actor.GetProperty().SetLineWidth(actor.GetProperty().GetLineWidth() * line_scale)
    overlay = LabelOverlay(scene_renderer, label_scale)
    if spec.labels:
        ids = label_ids(paths, chosen, scene_renderer.scene)
        if not ids and spec.selection in scene_renderer.scene:
            ids = [spec.selection]
        overlay.show({i: name_of(graph, i, spec.language) for i in ids})
    return overlay


def render_scene(graph: nx.MultiDiGraph, spec, out: Path | str,
                 size: tuple[int, int] = (1600, 1200), transparent: bool = False,
                 dpi: int | None = None, scene=None, view: str = "anterior",
                 label_scale: float = 1.0, only_chosen: bool = False) -> None:
    """Render ``spec`` off screen at ``size`` pixels to the PNG ``out``, atomically.

    ``scene`` reuses meshes already built for the spec's posture (the window passes its
    own); without it the scene is built here. Labels and line widths are sized for the
    output, so a 3000x2000 print gets labels as legible as the screen's.
    """
    out = Path(out)
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise ExplorerError(f"cannot write {str(out)!r}: folder {str(folder)!r} does not exist")
    if not os.access(folder, os.W_OK):
        raise ExplorerError(f"cannot write {str(out)!r}: folder is not writable")
    if dpi is not None and not 10 <= dpi <= 4800:
        raise ExplorerError(f"dpi {dpi} is outside 10..4800")
    if "DISPLAY" not in os.environ and "WAYLAND_DISPLAY" not in os.environ:
        os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
    from explorer.scene_renderer import SceneRenderer
    from models.scene import build_scene
    from models.spine import Posture

    if scene is None:
        scene = build_scene(Posture(**spec.posture))
    window = _offscreen_window(size, transparent)
    temporary = out.with_name(f".{out.name}.part.png")
    try:
        renderer = SceneRenderer(scene, window)
        if transparent:
            renderer.renderer.SetBackgroundAlpha(0.0)
        renderer.renderer.SetUseFXAA(True)  # smooth edges for a figure (RENDERING.md)
        window.Render()  # the labels need the final viewport size to place themselves
        apply_spec(renderer, graph, spec, view, label_scale, only_chosen)
        renderer.save_png(str(temporary), transparent=transparent)
        if not temporary.exists() or temporary.stat().st_size == 0:
            raise ExplorerError("rendering failed: no OpenGL context could be made "
                                "(is libEGL or a display available?)")
        if dpi is not None:
            stamp_png_dpi(temporary, dpi)
        os.replace(temporary, out)
    except OSError as exc:
        raise ExplorerError(f"cannot write {str(out)!r}: {exc.strerror}") from None
    finally:
        temporary.unlink(missing_ok=True)
        window.Finalize()


def framing_camera(scene, part_ids, view: str = "anterior", aspect: float = 1.5,
                   margin: float = 1.25) -> dict:
    """A camera (SceneRenderer.camera_state form) looking from ``view`` that frames the
    given parts, with room around them for labels."""
    import numpy as np

    from explorer.scene_renderer import VIEWS
    boxes = np.array([scene[p].mesh.GetBounds() for p in part_ids if p in scene])
    if not len(boxes):
        raise ExplorerError("none of the structures to frame has geometry")
    low, high = boxes[:, 0::2].min(axis=0), boxes[:, 1::2].max(axis=0)
    center = (low + high) / 2
    direction, up = (np.asarray(v, dtype=float) for v in VIEWS[view])
    direction /= np.linalg.norm(direction)
    radius = max(0.5 * float(np.linalg.norm(high - low)), 40.0) * margin
    angle = 20.0
    half = np.radians(angle / 2)
    if aspect < 1:
        half = np.arctan(np.tan(half) * aspect)
    distance = radius / np.tan(half)
    return {"position": list(center + distance * direction), "focal_point": list(center),
            "view_up": list(up), "view_angle": angle}
