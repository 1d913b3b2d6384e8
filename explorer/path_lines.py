"""Referred-pain paths as lines in the 3D scene, between anchor points of their structures.

No Qt. Dashes are cut into the geometry: the OpenGL 2 back end has no line stipple.
"""
from __future__ import annotations

import numpy as np
from vtkmodules.vtkCommonCore import vtkPoints, vtkUnsignedCharArray
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkRenderingCore import vtkActor, vtkPolyDataMapper

from explorer.path_style import EVIDENCE_DASH, MECHANISM_COLOR, rgb

__all__ = ["path_lines_actor", "LINE_WIDTH", "CHOSEN_LINE_WIDTH"]

LINE_WIDTH = 3.0
CHOSEN_LINE_WIDTH = 7.0


def _pieces(a: np.ndarray, b: np.ndarray, dash) -> list[tuple[np.ndarray, np.ndarray]]:
    if dash is None:
        return [(a, b)]
    on, off = dash
    length = float(np.linalg.norm(b - a))
    if length < 1e-6:
        return []
    unit = (b - a) / length
    pieces, start = [], 0.0
    while start < length:
        end = min(start + on, length)
        pieces.append((a + unit * start, a + unit * end))
        start = end + off
    return pieces


def _steps(paths) -> list[dict]:
    """Each link once, however many paths share it."""
    seen, steps = set(), []
    for path in paths:
        for edge in path.edges:
            key = (edge["source"], edge["target"], edge["relation"], edge["evidence"])
            if key not in seen:
                seen.add(key)
                steps.append(edge)
    return steps


def _ends(edge, anchors: dict, surface):
    """Where a step's thread starts and ends: on each part's surface, at its point nearest
    the other part, so the thread spans the gap between them (visible through the dimmed
    parts around) instead of running hidden inside them or over the selected part."""
    a, b = anchors.get(edge["source"]), anchors.get(edge["target"])
    if a is None or b is None:
        return None, None
    a, b = np.asarray(a, float), np.asarray(b, float)
    if surface is not None:
        near_a, near_b = surface(edge["source"], b), surface(edge["target"], a)
        a = a if near_a is None else near_a
        b = b if near_b is None else near_b
    return a, b


def _actor(steps, anchors: dict, width: float, surface=None) -> vtkActor | None:
    points, lines = vtkPoints(), vtkCellArray()
    colors = vtkUnsignedCharArray()
    colors.SetNumberOfComponents(3)
    colors.SetName("colors")
    for edge in steps:
        a, b = _ends(edge, anchors, surface)
        if a is None or b is None:
            continue
        color = [round(255 * c) for c in rgb(MECHANISM_COLOR[edge["mechanism"]])]
        for start, end in _pieces(a, b, EVIDENCE_DASH[edge["evidence"]]):
            first = points.InsertNextPoint(*start)
            points.InsertNextPoint(*end)
            lines.InsertNextCell(2)
            lines.InsertCellPoint(first)
            lines.InsertCellPoint(first + 1)
            colors.InsertNextTuple3(*color)
    if lines.GetNumberOfCells() == 0:
        return None
    poly = vtkPolyData()
    poly.SetPoints(points)
    poly.SetLines(lines)
    poly.GetCellData().SetScalars(colors)
    mapper = vtkPolyDataMapper()
    mapper.SetInputData(poly)
    mapper.SetScalarModeToUseCellData()
    mapper.SetColorModeToDirectScalars()
    actor = vtkActor()
    actor.SetMapper(mapper)
    actor.PickableOff()
    prop = actor.GetProperty()
    prop.SetLineWidth(width)
    prop.SetRenderLinesAsTubes(True)
    return actor


def path_lines_actor(paths, anchors: dict, chosen=None, surface=None) -> list[vtkActor]:
    """Actors drawing every step of ``paths``; the ``chosen`` path's steps wider.
    ``surface(part, point)``, if given, is the part's surface point nearest ``point``
    (None for a part without one)."""
    chosen_steps = _steps([chosen]) if chosen is not None else []
    chosen_keys = {id(e) for e in chosen_steps}
    others = [e for e in _steps(paths) if id(e) not in chosen_keys]
    actors = [_actor(others, anchors, LINE_WIDTH, surface),
              _actor(chosen_steps, anchors, CHOSEN_LINE_WIDTH, surface)]
    return [a for a in actors if a is not None]
