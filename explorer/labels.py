"""Leader-line labels on the lit structures, in two columns beside the figure.

No Qt here: the window and the headless figures share it. Font size and line widths are set
in proportion to the image height, so a 3000x2000 print export gets labels as legible as the
screen's (RENDERING.md: line widths are in pixels, multiply them for print).
"""
from __future__ import annotations

from typing import Iterable

import vtkmodules.vtkRenderingFreeType  # noqa: F401  (text rendering)
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkRenderingCore import vtkActor2D, vtkPolyDataMapper2D, vtkTextActor

from graph.paths import PainPath

__all__ = ["LabelOverlay", "label_ids", "MAX_LABELS", "font_size_for"]

MAX_LABELS = 16
LEADER_COLOR = (0.55, 0.56, 0.62)   # reads on the dark window and on a white page alike
TEXT_COLOR = (0.08, 0.08, 0.10)
BOX_COLOR = (1.0, 1.0, 1.0)


def font_size_for(height_px: int) -> int:
    """About 2% of the image height: 16 px on an 800 px screen, 40 px on a 2000 px print
    (10 pt at 300 dpi)."""
    return max(12, round(0.02 * height_px))


def label_ids(paths: Iterable[PainPath], chosen: PainPath | None, in_scene) -> list[str]:
    """The structures to label: the chosen path's (or every lit path's) in path order,
    those with geometry, at most MAX_LABELS."""
    ordered: list[str] = []
    for path in ([chosen] if chosen is not None else list(paths)):
        for node in path.nodes:
            if node in in_scene and node not in ordered:
                ordered.append(node)
    return ordered[:MAX_LABELS]


class LabelOverlay:
    """Text boxes and leader lines drawn over a SceneRenderer's view."""

    def __init__(self, scene_renderer, scale: float = 1.0):
        self.scene_renderer = scene_renderer
        self.scale = scale   # larger type than the default, e.g. for a patient's handout
        self.texts: dict[str, str] = {}
        self._actors: list = []

    @property
    def renderer(self):
        return self.scene_renderer.renderer

    def show(self, texts: dict[str, str]) -> None:
        """Label each part id with its text (an empty dict clears); lays out for the
        current camera and window size."""
        self.texts = {k: v for k, v in texts.items() if k in self.scene_renderer.scene}
        self.layout()

    def clear(self) -> None:
        self.show({})

    def _remove_actors(self) -> None:
        for actor in self._actors:
            self.renderer.RemoveViewProp(actor)
        self._actors = []

    def _anchor(self, part_id: str) -> tuple[float, float]:
        self.renderer.SetWorldPoint(*self.scene_renderer.scene[part_id].center, 1.0)
        self.renderer.WorldToDisplay()
        x, y, _ = self.renderer.GetDisplayPoint()
        return x, y

    def layout(self) -> None:
        """Place the labels again (after the camera or the window size changed)."""
        self._remove_actors()
        if not self.texts or self.renderer.GetRenderWindow() is None:
            return
        width, height = self.renderer.GetSize()
        font = round(font_size_for(height) * self.scale)
        line_width = max(1.0, height / 700)
        spacing = font * 1.55
        anchors = {part: self._anchor(part) for part in self.texts}
        middle = sum(x for x, _ in anchors.values()) / len(anchors)
        sides = {"left": [], "right": []}
        for part, (x, y) in anchors.items():
            sides["left" if x < middle else "right"].append(part)
        points, lines = vtkPoints(), vtkCellArray()
        for side, parts in sides.items():
            if not parts:
                continue
            parts.sort(key=lambda p: -anchors[p][1])
            # columns just clear of the lit structures, text running away from them
            xs = [anchors[p][0] for p in parts]
            if side == "left":
                column = max(0.03 * width + 0.55 * font * max(len(self.texts[p]) for p in parts),
                             min(xs) - 0.08 * width)
            else:
                column = min(width - 0.03 * width - 0.55 * font
                             * max(len(self.texts[p]) for p in parts), max(xs) + 0.08 * width)
            ys = self._spread([anchors[p][1] for p in parts], spacing, height, font)
            for part, y in zip(parts, ys):
                text = vtkTextActor()
                text.SetInput(self.texts[part])
                prop = text.GetTextProperty()
                prop.SetFontSize(font)
                prop.SetColor(*TEXT_COLOR)
                prop.SetBackgroundColor(*BOX_COLOR)
                prop.SetBackgroundOpacity(0.82)
                prop.SetFrame(False)
                prop.SetVerticalJustificationToCentered()
                prop.SetJustificationToRight() if side == "left" else prop.SetJustificationToLeft()
                text.SetDisplayPosition(round(column), round(y))
                self.renderer.AddViewProp(text)
                self._actors.append(text)
                gap = 0.4 * font
                start = (column + gap, y) if side == "left" else (column - gap, y)
                first = points.InsertNextPoint(*start, 0)
                last = points.InsertNextPoint(*anchors[part], 0)
                lines.InsertNextCell(2)
                lines.InsertCellPoint(first)
                lines.InsertCellPoint(last)
        leaders = vtkPolyData()
        leaders.SetPoints(points)
        leaders.SetLines(lines)
        mapper = vtkPolyDataMapper2D()
        mapper.SetInputData(leaders)
        actor = vtkActor2D()
        actor.SetMapper(mapper)
        actor.GetProperty().SetColor(*LEADER_COLOR)
        actor.GetProperty().SetLineWidth(line_width)
        self.renderer.AddViewProp(actor)
        self._actors.append(actor)

    @staticmethod
    def _spread(ys: list[float], spacing: float, height: int, font: int) -> list[float]:
        """Label heights near their anchors (sorted top down), at least ``spacing`` apart,
        inside the image."""
        top, bottom = height - font, font
        placed = []
        for y in ys:
            y = min(y, top if not placed else placed[-1] - spacing)
            placed.append(y)
        overflow = bottom - placed[-1] if placed else 0
        if overflow > 0:
            placed = [min(top, y + overflow) for y in placed]
            for i in range(1, len(placed)):
                placed[i] = min(placed[i], placed[i - 1] - spacing)
        return placed
