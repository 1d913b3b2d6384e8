"""Refuse cleanly when there is no OpenGL, instead of letting VTK crash the process.

When EGL cannot start, VTK's window factory falls back to an OSMesa window even where
libOSMesa is missing, says it supports OpenGL, and segfaults on the first render; and a
display without GLX crashes the Qt window the same way. Both are checked up front.
"""
from __future__ import annotations

import ctypes.util

from graph.errors import ExplorerError

__all__ = ["quiet_vtk_warnings", "check_offscreen_window", "check_display_opengl"]


def quiet_vtk_warnings() -> None:
    """VTK's warnings go to stderr line by line; the user gets our one line instead."""
    from vtkmodules.vtkCommonCore import vtkLogger, vtkObject
    vtkObject.GlobalWarningDisplayOff()
    vtkLogger.SetStderrVerbosity(vtkLogger.VERBOSITY_ERROR)


def check_offscreen_window(window) -> None:
    """Raise ExplorerError if ``window`` (a fresh vtkRenderWindow) cannot render."""
    name = window.GetClassName()
    if name == "vtkOSOpenGLRenderWindow" and ctypes.util.find_library("OSMesa") is None:
        raise ExplorerError("no OpenGL for headless rendering: EGL could not start and "
                            "OSMesa is not installed (install libegl1 and a Mesa driver, "
                            "e.g. libegl-mesa0)")
    if not window.SupportsOpenGL():
        raise ExplorerError(f"no OpenGL for rendering ({name} reports no support)")


def check_display_opengl() -> None:
    """Raise ExplorerError if VTK cannot draw in a window on this display.

    Without GLX on the X server, VTK's window factory quietly hands out an EGL window,
    which cannot live inside a Qt widget and aborts the process on the first render.
    """
    import sys

    import vtkmodules.vtkRenderingOpenGL2  # noqa: F401
    from vtkmodules.vtkRenderingCore import vtkRenderWindow
    quiet_vtk_warnings()
    window = vtkRenderWindow()
    name = window.GetClassName()
    usable = window.SupportsOpenGL()
    if sys.platform.startswith("linux") and name != "vtkXOpenGLRenderWindow":
        usable = False
    if not usable:
        raise ExplorerError("the display offers no OpenGL (GLX) for the 3D view, so the "
                            "window cannot open; the headless commands still work: search, "
                            "paths, export-graph, render")
