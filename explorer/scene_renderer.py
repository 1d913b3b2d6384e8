"""Draw a Scene with VTK: one composite mapper per layer, highlighting, picking, cameras, PNG.

No Qt here: the window's 3D view and the headless ``render`` command share this class.
Measured choices (../shared/design/RENDERING.md): one vtkCompositePolyDataMapper per layer
with per-block colour and opacity; vtkCellPicker picked at the pixel centre; multisampling
off; order-independent transparency for translucent layers.

No cell locators: a static locator per part made picks faster (median 0.04 ms instead of
0.07, slowest 1 ms instead of 13) but cost 37 MB and 0.16 s of start-up for the 513 parts
(measured on this scene, 2 cores). A pick within one frame is all a click or hover needs.

While the camera moves (``set_interacting``) each layer is drawn from light proxies of its
parts (models/lod.py) without order-independent transparency: on software OpenGL that makes
an orbiting frame several times cheaper, and the full look returns when the camera stops.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import vtkmodules.vtkInteractionStyle  # noqa: F401  (registers the interactor styles)
import vtkmodules.vtkRenderingOpenGL2  # noqa: F401  (registers the OpenGL back end)
from vtkmodules.vtkCommonDataModel import vtkMultiBlockDataSet, vtkPolyData
from vtkmodules.vtkIOImage import vtkPNGWriter
from vtkmodules.vtkRenderingCore import (vtkActor, vtkCellPicker,
                                         vtkCompositeDataDisplayAttributes,
                                         vtkCompositePolyDataMapper, vtkRenderer,
                                         vtkRenderWindow, vtkWindowToImageFilter)

from explorer.path_lines import path_lines_actor
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
TRUNK_FRAME = frozenset([f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)]
                        + [f"L{i}" for i in range(1, 6)] + ["sacrum", "coccyx", "skull-base"])
HIGHLIGHT_COLOR = (1.0, 0.42, 0.10)   # a warm "this is where it hurts" orange
SELECTED_COLOR = (0.10, 0.65, 1.0)    # the structure the user picked
DIMMED_OPACITY = 0.12
FADED_OPACITY = 0.10                  # x-ray: a ghost of the part, clicks pass through
HOVER_LIGHTEN = 0.45                  # how far toward white the part under the cursor goes
FLY_FILL = 0.45                       # after a fly-to, the part fills this much of the view
BACKGROUND = (0.12, 0.13, 0.16)


@dataclass
class _Drawing:
    """One composite mapper's worth of blocks: the full meshes of a layer, or their proxies."""
    actor: vtkActor
    mapper: vtkCompositePolyDataMapper
    attributes: vtkCompositeDataDisplayAttributes
    blocks: vtkMultiBlockDataSet


@dataclass
class _Layer(_Drawing):
    """A layer's full meshes, one block per part, and what goes with them."""
    part_ids: list[str]
    shown: bool = True                 # the user's layer toggle (and: any part shown)
    proxy: _Drawing | None = None      # drawn instead while the camera moves


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
        self.hovered: str | None = None
        self.visibility = None            # a view_state.Visibility, or None: all shown
        self._hidden_blocks: dict[str, vtkPolyData] = {}   # part -> the empty stand-in
        # The hover label is drawn on a layer above the scene, never hidden in it.
        self.overlay = vtkRenderer()
        self.overlay.SetLayer(1)
        self.overlay.InteractiveOff()
        self.overlay.SetActiveCamera(self.renderer.GetActiveCamera())
        self._path_actors: list[vtkActor] = []
        self.interacting = False
        for group in scene.groups:
            self._add_layer(group)
        self.render_window = render_window
        if render_window is not None:
            self.attach(render_window)
        self.set_view("anterior")

    # -- construction -------------------------------------------------------------------
    def _add_layer(self, group: str) -> None:
        parts = self.scene.parts_in(group)
        for index, part in enumerate(parts):
            self._layer_of[part.id] = (group, index)
        drawing = self._drawing([part.mesh for part in parts])
        self.layers[group] = _Layer(drawing.actor, drawing.mapper, drawing.attributes,
                                    drawing.blocks, [p.id for p in parts])
        self._apply_look(group)

    def _drawing(self, meshes: list[vtkPolyData]) -> _Drawing:
        blocks = vtkMultiBlockDataSet()
        blocks.SetNumberOfBlocks(len(meshes))
        for index, mesh in enumerate(meshes):
            blocks.SetBlock(index, mesh)
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
        return _Drawing(actor, mapper, attributes, blocks)

    def set_proxies(self, proxies: dict[str, vtkPolyData]) -> None:
        """Light stand-ins (part id -> mesh, models/lod.py) to draw while the camera moves.
        Ignored unless they cover every part of the scene drawn now."""
        if not all(part_id in proxies for layer in self.layers.values()
                   for part_id in layer.part_ids):
            return
        for group, layer in self.layers.items():
            if layer.proxy is not None:
                self.renderer.RemoveActor(layer.proxy.actor)
            layer.proxy = self._drawing([proxies[part_id] for part_id in layer.part_ids])
            layer.proxy.actor.PickableOff()
            self._apply_look(group)
        self._show_layers()

    @property
    def has_proxies(self) -> bool:
        return all(layer.proxy is not None for layer in self.layers.values())

    def set_interacting(self, interacting: bool) -> None:
        """While ``interacting`` (the camera moves) draw the proxies, without
        order-independent transparency; after, the full meshes and OIT again."""
        self.interacting = interacting
        self.renderer.SetUseOIT(not interacting)
        self._show_layers()

    def _show_layers(self) -> None:
        for layer in self.layers.values():
            light = self.interacting and layer.proxy is not None
            layer.actor.SetVisibility(layer.shown and not light)
            if layer.proxy is not None:
                layer.proxy.actor.SetVisibility(layer.shown and light)

    def attach(self, render_window: vtkRenderWindow) -> None:
        self.render_window = render_window
        render_window.SetMultiSamples(0)  # 3x faster frames on software GL; see RENDERING.md
        render_window.SetNumberOfLayers(2)
        render_window.AddRenderer(self.renderer)
        render_window.AddRenderer(self.overlay)

    # -- look ---------------------------------------------------------------------------
    def _part_look(self, part_id: str) -> tuple[tuple[float, float, float], float]:
        color, opacity = self._lit_look(part_id)
        if self.visibility is not None and part_id in self.visibility.faded:
            opacity = min(opacity, FADED_OPACITY)
        if part_id == self.hovered and part_id != self.selected:  # the selection stays blue
            color = tuple(c + (1.0 - c) * HOVER_LIGHTEN for c in color)
        return color, opacity

    def _lit_look(self, part_id: str) -> tuple[tuple[float, float, float], float]:
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
        for index in range(len(layer.part_ids)):
            self._apply_part_look(layer, index)
        layer.mapper.Modified()
        if layer.proxy is not None:
            layer.proxy.mapper.Modified()

    def _apply_part_look(self, layer: _Layer, index: int) -> None:
        part_id = layer.part_ids[index]
        color, opacity = self._part_look(part_id)
        block = layer.blocks.GetBlock(index)
        layer.attributes.SetBlockColor(block, color)
        layer.attributes.SetBlockOpacity(block, opacity)
        if layer.proxy is not None:
            # proxies are never picked, so block visibility is enough to hide one
            proxy = layer.proxy.blocks.GetBlock(index)
            layer.proxy.attributes.SetBlockColor(proxy, color)
            layer.proxy.attributes.SetBlockOpacity(proxy, opacity)
            layer.proxy.attributes.SetBlockVisibility(proxy, part_id not in self._hidden_blocks)

    def set_hover(self, part_id: str | None) -> bool:
        """Lighten the part under the cursor; True if that changed anything."""
        if part_id not in self.scene:
            part_id = None
        if part_id == self.hovered:
            return False
        before, self.hovered = self.hovered, part_id
        for changed in (before, part_id):
            if changed is not None:
                group, index = self._layer_of[changed]
                self._apply_part_look(self.layers[group], index)
                self.layers[group].mapper.Modified()
                if self.layers[group].proxy is not None:
                    self.layers[group].proxy.mapper.Modified()
        return True

    def set_visibility(self, visibility) -> None:
        """Show, fade and hide parts and layers as ``visibility`` (a view_state.Visibility)
        says. A hidden part's block is swapped for an empty one: the cell picker ignores
        block visibility (RENDERING.md), and an empty block cannot be picked."""
        self.visibility = visibility
        for group, layer in self.layers.items():
            any_shown = False
            for index, part_id in enumerate(layer.part_ids):
                shown = visibility is None or visibility.shows(part_id, group)
                any_shown |= shown
                hidden = part_id in self._hidden_blocks
                if shown and hidden:
                    del self._hidden_blocks[part_id]
                    layer.blocks.SetBlock(index, self.scene[part_id].mesh)
                elif not shown and not hidden:
                    self._hidden_blocks[part_id] = vtkPolyData()
                    layer.blocks.SetBlock(index, self._hidden_blocks[part_id])
            layer.shown = any_shown
            self._apply_look(group)
        self._show_layers()

    def set_paths(self, paths, anchors: dict, chosen=None) -> None:
        """Draw ``paths`` as lines between the ``anchors`` of their structures, coloured by
        mechanism and dashed by evidence (see explorer/path_lines.py); ``chosen`` bolder."""
        # in the scene, not on the overlay: a thread between the parts, hidden inside them,
        # so it never covers the selected part itself
        for actor in self._path_actors:
            self.renderer.RemoveActor(actor)
        self._path_actors = (path_lines_actor(paths, anchors, chosen, self._surface_point)
                             if paths else [])
        for actor in self._path_actors:
            self.renderer.AddActor(actor)

    def set_highlight(self, highlighted, selected: str | None) -> None:
        """Show ``highlighted`` ids (and the ``selected`` one) lit, everything else dimmed."""
        self.highlighted = frozenset(h for h in highlighted if h in self.scene)
        self.selected = selected if selected in self.scene else None
        for group in self.layers:
            self._apply_look(group)

    def set_layer_visible(self, group: str, visible: bool) -> None:
        if group in self.layers:
            self.layers[group].shown = visible
            self._show_layers()

    def replace_scene(self, scene: Scene) -> None:
        """Draw ``scene`` instead (e.g. the same parts for another posture), keeping the
        camera, the highlight and which layers are shown."""
        shown = {group: layer.shown for group, layer in self.layers.items()}
        for layer in self.layers.values():
            self.renderer.RemoveActor(layer.actor)
            if layer.proxy is not None:   # the new scene's proxies come with set_proxies
                self.renderer.RemoveActor(layer.proxy.actor)
        self.layers.clear()
        self._layer_of.clear()
        self.scene = scene
        for group in scene.groups:
            self._add_layer(group)
            self.set_layer_visible(group, shown.get(group, True))
        self._hidden_blocks.clear()   # the new layers hold every block; hide again
        if self.visibility is not None:
            self.set_visibility(self.visibility)

    def _surface_point(self, part_id: str, toward) -> np.ndarray | None:
        """The point of ``part_id``'s surface nearest ``toward`` (None if not in the scene)."""
        if part_id not in self.scene:
            return None
        from vtkmodules.util.numpy_support import vtk_to_numpy
        cache = self.__dict__.setdefault("_surface_points", {})
        mesh = self.scene[part_id].mesh
        if cache.get(part_id, (None,))[0] is not mesh:   # a new posture brings new meshes
            cache[part_id] = (mesh, vtk_to_numpy(mesh.GetPoints().GetData()).astype(float))
        points = cache[part_id][1]
        return points[np.argmin(((points - np.asarray(toward)) ** 2).sum(axis=1))]

    # -- camera -------------------------------------------------------------------------
    def fly_target(self, part_id: str) -> tuple[np.ndarray, np.ndarray]:
        """Focal point and camera position that frame ``part_id`` from the current side."""
        camera = self.renderer.GetActiveCamera()
        bounds = np.array(self.scene[part_id].mesh.GetBounds())
        center = (bounds[0::2] + bounds[1::2]) / 2
        radius = max(0.5 * float(np.linalg.norm(bounds[1::2] - bounds[0::2])), 15.0)
        direction = np.array(camera.GetPosition()) - np.array(camera.GetFocalPoint())
        direction /= np.linalg.norm(direction)
        half = np.radians(camera.GetViewAngle() / 2)
        distance = radius / FLY_FILL / np.tan(half)
        return center, center + distance * direction

    def set_camera(self, focal_point, position) -> None:
        camera = self.renderer.GetActiveCamera()
        camera.SetFocalPoint(*focal_point)
        camera.SetPosition(*position)
        self.renderer.ResetCameraClippingRange()

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

    def camera_state(self) -> dict:
        """The camera as plain numbers (scene files save it)."""
        camera = self.renderer.GetActiveCamera()
        return {"position": list(camera.GetPosition()), "focal_point": list(camera.GetFocalPoint()),
                "view_up": list(camera.GetViewUp()), "view_angle": camera.GetViewAngle()}

    def set_camera_state(self, state: dict) -> None:
        camera = self.renderer.GetActiveCamera()
        camera.SetPosition(*state["position"])
        camera.SetFocalPoint(*state["focal_point"])
        camera.SetViewUp(*state["view_up"])
        camera.SetViewAngle(state["view_angle"])
        self.renderer.ResetCameraClippingRange()

    def _bounds(self) -> list[float]:
        # Frame the trunk: the column from skull base to coccyx and the hip bones, where the
        # story of the back is told; the legs run out of the picture below.
        trunk = [p.mesh.GetBounds() for p in self.scene.parts if p.id in TRUNK_FRAME
                 or p.id.startswith("hip-bone")]
        boxes = np.array(trunk or [p.mesh.GetBounds() for p in self.scene.parts
                                   if p.group != "skin"])
        if trunk:
            boxes[:, 4] -= 150.0  # and the hips and upper thighs, where leg pain starts
        return [boxes[:, 0].min(), boxes[:, 1].max(), boxes[:, 2].min(), boxes[:, 3].max(),
                boxes[:, 4].min(), boxes[:, 5].max()]

    # -- picking and projection ---------------------------------------------------------
    def pick(self, x: float, y: float) -> str | None:
        """The part under display pixel (x, y) (origin bottom left), or None.

        Faded (x-ray) parts let the pick through to what lies behind them."""
        faded = self.visibility.faded if self.visibility is not None else frozenset()
        passed: list[tuple[_Layer, int]] = []
        try:
            while True:
                part_id = self._pick_once(x, y)
                if part_id is None or part_id not in faded or len(passed) > len(faded):
                    return part_id
                layer = self.layers[self._layer_of[part_id][0]]
                index = self._layer_of[part_id][1]
                layer.blocks.SetBlock(index, vtkPolyData())
                passed.append((layer, index))
        finally:
            for layer, index in passed:
                layer.blocks.SetBlock(index, self.scene[layer.part_ids[index]].mesh)

    def _pick_once(self, x: float, y: float) -> str | None:
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
