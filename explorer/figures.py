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
    from vtkmodules.vtkRenderingCore import vtkRenderWindow

    from explorer.gl_check import check_offscreen_window, quiet_vtk_warnings
    from explorer.scene_renderer import VIEWS, SceneRenderer
    from models.scene import build_scene

    if view not in VIEWS:
        raise ExplorerError(f"unknown view {view!r} (choose from {', '.join(VIEWS)})")
    paths = referral_paths(graph, select) if select else []
    quiet_vtk_warnings()
    window = vtkRenderWindow()
    check_offscreen_window(window)
    window.SetOffScreenRendering(True)
    window.SetSize(*size)
    if transparent:
        window.SetAlphaBitPlanes(1)
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
