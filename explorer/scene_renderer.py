"""Draw a Scene with VTK: one composite mapper per layer, highlighting, picking, cameras, PNG.

No Qt here: the window's 3D view and the headless ``render`` command share this class.
Measured choices (../shared/design/RENDERING.md): one vtkCompositePolyDataMapper per layer
with per-block colour and opacity; vtkCellPicker with a static cell locator per part, picked
at the pixel centre; multisampling off; order-independent transparency for translucent layers.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import vtkmodules.vtkInteractionStyle  # noqa: F401  (registers the interactor styles)
import vtkmodules.vtkRenderingOpenGL2  # noqa: F401  (registers the OpenGL back end)
from vtkmodules.vtkCommonDataModel import vtkMultiBlockDataSet, vtkPolyData, vtkStaticCellLocator
from vtkmodules.vtkIOImage import vtkPNGWriter
from vtkmodules.vtkRenderingCore import (vtkActor, vtkCellPicker,
                                         vtkCompositeDataDisplayAttributes,
                                         vtkCompositePolyDataMapper, vtkRenderer,
                                         vtkRenderWindow, vtkWindowToImageFilter)

from models.scene import Scene

__all__ = ["SceneRenderer", "VIEWS", "HIGHLIGHT_COLOR", "SELECTED_COLOR"]

# Camera direction (from the scene toward the camera) and view-up, per named view.
VIEWS = {
    "anterior": ((0, 1, 0), (0, 0, 1)),
    "posterior": ((0, -1, 0), (0, 0, 1)),
    "right": ((1, 0, 0), (0, 0, 1)),
    "left": ((-1, 0, 0), (0, 0, 1)),
    "superior": ((0, 0, 1), (0, 1, 0)),
    "oblique": ((0.55, 0.7, 0.25), (0, 0, 1)),
}
HIGHLIGHT_COLOR = (1.0, 0.42, 0.10)   # a warm "this is where it hurts" orange
SELECTED_COLOR = (0.10, 0.65, 1.0)    # the structure the user picked
DIMMED_OPACITY = 0.12
BACKGROUND = (0.12, 0.13, 0.16)


@dataclass
class _Layer:
    actor: vtkActor
    mapper: vtkCompositePolyDataMapper
    attributes: vtkCompositeDataDisplayAttributes
    blocks: vtkMultiBlockDataSet
    part_ids: list[str]


class SceneRenderer:
    """The scene in a vtkRenderer, with the look of the current selection."""

    def __init__(self, scene: Scene, render_window: vtkRenderWindow | None = None):
        self.scene = scene
        self.renderer = vtkRenderer()
        self.renderer.SetBackground(*BACKGROUND)
        self.renderer.SetUseFXAA(False)
        self.picker = vtkCellPicker()
        self.picker.SetTolerance(0.0)
        self.layers: dict[str, _Layer] = {}
        self._layer_of: dict[str, tuple[str, int]] = {}
        self.highlighted: frozenset[str] = frozenset()
        self.selected: str | None = None
        for group in scene.groups:
            self._add_layer(group)
        self.render_window = render_window
        if render_window is not None:
            self.attach(render_window)
        self.set_view("anterior")

    # -- construction -------------------------------------------------------------------
    def _add_layer(self, group: str) -> None:
        parts = self.scene.parts_in(group)
        blocks = vtkMultiBlockDataSet()
        blocks.SetNumberOfBlocks(len(parts))
        for index, part in enumerate(parts):
            blocks.SetBlock(index, part.mesh)
            locator = vtkStaticCellLocator()
            locator.SetDataSet(part.mesh)
            locator.BuildLocator()
            self.picker.AddLocator(locator)
            self._layer_of[part.id] = (group, index)
        mapper = vtkCompositePolyDataMapper()
        mapper.SetInputDataObject(blocks)
        attributes = vtkCompositeDataDisplayAttributes()
        mapper.SetCompositeDataDisplayAttributes(attributes)
        actor = vtkActor()
        actor.SetMapper(mapper)
        prop = actor.GetProperty()
        prop.SetInterpolationToPhong()
        prop.SetSpecular(0.15)
        prop.SetSpecularPower(20)
        self.renderer.AddActor(actor)
        self.layers[group] = _Layer(actor, mapper, attributes, blocks, [p.id for p in parts])
        self._apply_look(group)

    def attach(self, render_window: vtkRenderWindow) -> None:
        self.render_window = render_window
        render_window.SetMultiSamples(0)  # 3x faster frames on software GL; see RENDERING.md
        render_window.AddRenderer(self.renderer)

    # -- look ---------------------------------------------------------------------------
    def _part_look(self, part_id: str) -> tuple[tuple[float, float, float], float]:
        part = self.scene[part_id]
        if not self.highlighted and self.selected is None:
            return part.color, part.opacity
        if part_id == self.selected:
            return SELECTED_COLOR, max(part.opacity, 0.85)
        if part_id in self.highlighted:
            color = tuple(0.35 * c + 0.65 * h for c, h in zip(part.color, HIGHLIGHT_COLOR))
            # a lit outline (the limb) stays see-through so what lies inside it shows
            return color, 0.35 if part.opacity < 0.3 else max(part.opacity, 0.9)
        return part.color, min(part.opacity, DIMMED_OPACITY)

    def _apply_look(self, group: str) -> None:
        layer = self.layers[group]
        for index, part_id in enumerate(layer.part_ids):
            block = layer.blocks.GetBlock(index)
            color, opacity = self._part_look(part_id)
            layer.attributes.SetBlockColor(block, color)
            layer.attributes.SetBlockOpacity(block, opacity)
        layer.mapper.Modified()

    def set_highlight(self, highlighted, selected: str | None) -> None:
        """Show ``highlighted`` ids (and the ``selected`` one) lit, everything else dimmed."""
        self.highlighted = frozenset(h for h in highlighted if h in self.scene)
        self.selected = selected if selected in self.scene else None
        for group in self.layers:
            self._apply_look(group)

    def set_layer_visible(self, group: str, visible: bool) -> None:
        if group in self.layers:
            self.layers[group].actor.SetVisibility(visible)

    # -- camera -------------------------------------------------------------------------
    def set_view(self, name: str) -> None:
        direction, up = VIEWS[name]
        bounds = self._bounds()
        center = np.array([(bounds[0] + bounds[1]) / 2, (bounds[2] + bounds[3]) / 2,
                           (bounds[4] + bounds[5]) / 2])
        camera = self.renderer.GetActiveCamera()
        # distance that fits the bounding sphere in the narrower of the two view angles
        radius = 0.5 * float(np.linalg.norm([bounds[1] - bounds[0], bounds[3] - bounds[2],
                                             bounds[5] - bounds[4]]))
        width, height = self.render_window.GetSize() if self.render_window else (4, 3)
        angle = 20.0
        half = np.radians(angle / 2)
        if width < height:
            half = np.arctan(np.tan(half) * width / max(height, 1))
        distance = radius * 1.02 / np.tan(half)
        camera.SetFocalPoint(*center)
        camera.SetPosition(*(center + distance * np.asarray(direction, dtype=float)))
        camera.SetViewUp(*up)
        camera.SetViewAngle(angle)
        self.renderer.ResetCameraClippingRange()

    def _bounds(self) -> list[float]:
        # frame the bones and what sits on them, not the long legs
        boxes = [p.mesh.GetBounds() for p in self.scene.parts if p.group != "skin"]
        boxes = np.array(boxes)
        return [boxes[:, 0].min(), boxes[:, 1].max(), boxes[:, 2].min(), boxes[:, 3].max(),
                boxes[:, 4].min(), boxes[:, 5].max()]

    # -- picking and projection ---------------------------------------------------------
    def pick(self, x: float, y: float) -> str | None:
        """The part under display pixel (x, y) (origin bottom left), or None."""
        if not self.picker.Pick(x + 0.5, y + 0.5, 0, self.renderer):
            return None
        actor = self.picker.GetActor()
        for layer in self.layers.values():
            if layer.actor is actor:
                index = self.picker.GetFlatBlockIndex() - 1
                if 0 <= index < len(layer.part_ids):
                    return layer.part_ids[index]
        return None

    def _to_display(self, point) -> tuple[float, float]:
        self.renderer.SetWorldPoint(*point, 1.0)
        self.renderer.WorldToDisplay()
        x, y, _ = self.renderer.GetDisplayPoint()
        return x, y

    def display_position(self, part_id: str) -> tuple[int, int] | None:
        """A display pixel (origin bottom left) where a click lands on the part: the
        projected centre if the part is visible there, else the nearest of its surface
        points that is. None if the part is hidden from this view."""
        from vtkmodules.util.numpy_support import vtk_to_numpy
        part = self.scene[part_id]
        points = vtk_to_numpy(part.mesh.GetPoints().GetData())
        center = np.array(self._to_display(points.mean(axis=0)))
        projected = np.array([self._to_display(p) for p in points[:: max(1, len(points) // 400)]])
        # points pulled a little toward the centre lie inside the part's outline on screen
        candidates = [center] + list(projected * 0.7 + center * 0.3)
        candidates.sort(key=lambda c: float(np.linalg.norm(c - center)))
        for x, y in candidates[:120]:
            if self.pick(int(x), int(y)) == part_id:
                return int(x), int(y)
        return None

    # -- output -------------------------------------------------------------------------
    def render(self) -> None:
        self.renderer.ResetCameraClippingRange()
        self.render_window.Render()

    def save_png(self, path: str, transparent: bool = False, scale: int = 1) -> None:
        """Write the current view to ``path`` as PNG (optionally with alpha, scaled up)."""
        self.render()
        grab = vtkWindowToImageFilter()
        grab.SetInput(self.render_window)
        grab.SetScale(scale, scale)
        if transparent:
            grab.SetInputBufferTypeToRGBA()
        grab.ReadFrontBufferOff()
        grab.Update()
        writer = vtkPNGWriter()
        writer.SetFileName(str(path))
        writer.SetInputConnection(grab.GetOutputPort())
        writer.Write()
