"""The 3D view: the scene in a QVTKRenderWindowInteractor, picking on click and hover.

A click counts only when the mouse barely moved between press and release (a drag rotates
the camera instead). A click on a part selects it; a click on empty space clears; a
double-click flies the camera to the part. Moving the mouse lightens the part under it and
shows its name beside the cursor (picked at most every HOVER_INTERVAL_MS).

While the camera moves (a drag, the wheel, a fly-to) the scene is drawn from light proxies
(models/lod.py, made off the UI thread after the first frame); SETTLE_MS after the last
move the full meshes are drawn again.
"""
from __future__ import annotations

import time

import numpy as np
import vtkmodules.vtkRenderingFreeType  # noqa: F401  (text rendering)
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget
from vtkmodules.qt.QVTKRenderWindowInteractor import QVTKRenderWindowInteractor
from vtkmodules.vtkInteractionStyle import vtkInteractorStyleTrackballCamera
from vtkmodules.vtkRenderingCore import vtkTextActor

from explorer.graph_layout import anchor_points
from explorer.proxy_loader import ProxyLoader
from explorer.scene_renderer import SceneRenderer
from explorer.view_state import ViewState
from graph.explain import name_of
from models.scene import Scene

__all__ = ["SceneView"]

CLICK_TOLERANCE_PX = 4
HOVER_INTERVAL_MS = 40      # one pick (0.04 ms) and at most one frame per interval
FLY_SECONDS = 0.45          # by the clock: on a slow machine the glide has fewer frames
FLY_STEP_MS = 15
SETTLE_MS = 150             # the wheel sends a start and an end per notch: wait for the last


class SceneView(QWidget):
    def __init__(self, scene: Scene, state: ViewState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.vtk_widget = QVTKRenderWindowInteractor(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.vtk_widget)
        self.scene_renderer = SceneRenderer(scene, self.vtk_widget.GetRenderWindow())
        # Observed on the style, not the interactor: once a drag starts the style grabs the
        # interactor's focus and the interactor's own observers no longer hear the release.
        # An observer on the style replaces its handler, so ours call the style's after.
        self._style = vtkInteractorStyleTrackballCamera()
        self._style.AddObserver("LeftButtonPressEvent", self._on_press)
        self._style.AddObserver("LeftButtonReleaseEvent", self._on_release)
        self._style.AddObserver("MouseMoveEvent", self._on_move)
        self._style.AddObserver("LeaveEvent", self._on_leave)
        self._style.AddObserver("StartInteractionEvent", self._on_start_interaction)
        self._style.AddObserver("EndInteractionEvent", self._on_end_interaction)
        # VTK's own key bindings (w: wireframe, e/q: quit, ...) would fight the menus' keys
        self._style.AddObserver("CharEvent", lambda *_: None)
        self.vtk_widget.GetRenderWindow().GetInteractor().SetInteractorStyle(self._style)
        self._press: tuple[int, int] | None = None
        self.anchors = anchor_points(state.graph, scene)
        self.hover_label = vtkTextActor()
        self.hover_label.SetVisibility(False)
        text = self.hover_label.GetTextProperty()
        text.SetFontSize(16)
        text.SetColor(1.0, 1.0, 1.0)
        text.SetBackgroundColor(0.05, 0.05, 0.07)
        text.SetBackgroundOpacity(0.75)
        text.SetFrame(False)
        self.scene_renderer.overlay.AddViewProp(self.hover_label)
        self._hover_position: tuple[int, int] | None = None
        self._hover_timer = QTimer(self, singleShot=True, interval=HOVER_INTERVAL_MS)
        self._hover_timer.timeout.connect(self._update_hover)
        self._fly_timer = QTimer(self, interval=FLY_STEP_MS)
        self._fly_timer.timeout.connect(self._fly_step)
        self._fly: list = []
        self._moved = False
        self._settle_timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle_timer.timeout.connect(self._settle)
        self.proxy_loader = ProxyLoader(self)
        self._proxies = None   # models.lod.Proxies: recipes that fit any posture of the scene
        self.proxy_loader.ready.connect(self._on_proxies)
        # the proxies are made after the first frame, so they never delay it
        self._first_frame = self.render_window.AddObserver("EndEvent", self._after_first_frame)
        # a light frame drawn means a full one is owed when the camera stops (the wheel
        # zooms and draws without an InteractionEvent, so frames are what is counted)
        self.render_window.AddObserver("StartEvent", self._on_frame)
        self._render_pending = False
        self._closed = False
        state.paths_changed.connect(self._on_paths_changed)
        state.path_chosen.connect(self._on_paths_changed)
        state.visibility_changed.connect(self._on_visibility_changed)
        state.quiz_changed.connect(lambda: self._on_paths_changed(None))
        state.language_changed.connect(lambda _: self._update_hover(force=True))
        state.hover_changed.connect(self._on_hover_changed)
        self.vtk_widget.Initialize()

    @property
    def render_window(self):
        return self.vtk_widget.GetRenderWindow()

    def _on_press(self, style, _event) -> None:
        interactor = style.GetInteractor()
        self._press = interactor.GetEventPosition()
        if interactor.GetRepeatCount():   # the second press of a double-click
            self._press = None
            try:
                part = self.scene_renderer.pick(*interactor.GetEventPosition())
                if part is not None:
                    self.state.select(part)
                    self.fly_to(part)
            except Exception as exc:  # never let an exception escape into Qt's event loop
                print(f"error while flying: {exc}")
            return
        style.OnLeftButtonDown()

    def _on_release(self, style, _event) -> None:
        style.OnLeftButtonUp()
        if self._press is None:
            return
        x, y = style.GetInteractor().GetEventPosition()
        px, py = self._press
        self._press = None
        if abs(x - px) <= CLICK_TOLERANCE_PX and abs(y - py) <= CLICK_TOLERANCE_PX:
            try:
                self.state.select(self.scene_renderer.pick(x, y))
            except Exception as exc:  # never let an exception escape into Qt's event loop
                print(f"error while selecting: {exc}")

    # -- light proxies while the camera moves -------------------------------------------
    def _after_first_frame(self, *_args) -> None:
        self.render_window.RemoveObserver(self._first_frame)
        QTimer.singleShot(0, lambda: self.proxy_loader.start(self.scene_renderer.scene))

    def _on_proxies(self, _scene: Scene, proxies) -> None:
        if proxies is not None and not self._closed:
            self._proxies = proxies
            self._apply_proxies()

    def _apply_proxies(self) -> bool:
        """Give the renderer the proxies of the scene it draws now; False if the recipes
        do not fit it (another pelvis, other code), so new ones must be made."""
        meshes = {part.id: part.mesh for part in self.scene_renderer.scene.parts}
        if self._proxies is None or not self._proxies.fit(meshes):
            return False
        self.scene_renderer.set_proxies(self._proxies.meshes_for(meshes))
        return True

    def _on_start_interaction(self, *_args) -> None:
        self._settle_timer.stop()
        self._moved = False
        self.scene_renderer.set_interacting(True)

    def _on_frame(self, *_args) -> None:
        if self.scene_renderer.interacting:
            self._moved = True

    def _on_end_interaction(self, *_args) -> None:
        if self._moved:
            self._settle_timer.start()
        else:   # a click: nothing was drawn light, so the full look is back at once
            self.scene_renderer.set_interacting(False)

    def _settle(self) -> None:
        if not self._closed and self.scene_renderer.interacting:
            self.scene_renderer.set_interacting(False)
            self.render()

    def _on_paths_changed(self, _paths) -> None:
        if self.state.spotlight is not None:   # a quiz question: that one part alone, no paths
            self.scene_renderer.set_highlight((), self.state.spotlight)
            self.scene_renderer.set_paths([], self.anchors)
        else:
            state = self.state
            # one story at a time: once a path is chosen only it is drawn
            paths = [state.chosen_path] if state.chosen_path is not None else state.paths
            self.scene_renderer.set_highlight(state.highlighted, state.selected)
            self.scene_renderer.set_paths(paths, self.anchors, state.chosen_path)
        self.request_render()

    def request_render(self) -> None:
        """Render once when control returns to the event loop: one selection changes the
        highlight, the paths and the chosen path, and a frame costs 50-400 ms."""
        if not self._render_pending:
            self._render_pending = True
            QTimer.singleShot(0, self._render_now)

    def _render_now(self) -> None:
        # not after close: the render window is finalized then, and rendering crashes
        if self._render_pending and not self._closed:
            self._render_pending = False
            self.render()

    def replace_scene(self, scene: Scene) -> None:
        """Draw ``scene`` instead (the same parts in another posture), keeping the camera,
        the highlight and the visibility."""
        self.scene_renderer.replace_scene(scene)
        self.anchors = anchor_points(self.state.graph, scene)
        if not self._apply_proxies():   # a new posture: the same recipes, at once
            self.proxy_loader.start(scene)
        self._on_paths_changed(None)

    def _on_visibility_changed(self, visibility) -> None:
        self.scene_renderer.set_visibility(visibility)
        self._update_hover(force=True)
        self.request_render()

    # -- hover --------------------------------------------------------------------------
    def _on_move(self, style, _event) -> None:
        style.OnMouseMove()
        if self._press is None:   # not while a button is down: that is a drag
            self._hover_position = style.GetInteractor().GetEventPosition()
            if not self._hover_timer.isActive():
                self._hover_timer.start()

    def _on_leave(self, style, _event) -> None:
        style.OnLeave()
        self._hover_position = None
        self._update_hover()

    def _update_hover(self, force: bool = False) -> None:
        try:
            position = self._hover_position
            part = self.scene_renderer.pick(*position) if position is not None else None
            changed = self.scene_renderer.set_hover(part)
            self.state.hover(part)   # the graph names it too
            label = self.hover_label
            if part is None or self.state.names_hidden:   # the quiz asks for the name
                changed |= bool(label.GetVisibility())
                label.SetVisibility(False)
            elif changed or force or not label.GetVisibility():
                # the name stays where the part was entered: moving it with every mouse
                # move would cost a frame per move
                text = " " + name_of(self.state.graph, part, self.state.language) + " "
                label.SetInput(text)
                # beside the cursor, but never past the view's right or bottom edge
                width = self.render_window.GetSize()[0]
                x = min(position[0] + 14, width - 10 * len(text) - 4)
                label.SetPosition(max(x, 2), max(position[1] - 26, 4))
                label.SetVisibility(True)
                changed = True
            if changed or force:
                self.request_render()
        except Exception as exc:  # never let an exception escape into Qt's event loop
            print(f"error while hovering: {exc}")

    def _on_hover_changed(self, structure) -> None:
        """Hovering a node in the graph lightens its part here (the name is already beside
        the mouse, in the graph)."""
        if structure != self.scene_renderer.hovered:   # else: the hover began here
            self.hover_label.SetVisibility(False)
            self.scene_renderer.set_hover(structure)
            self.request_render()

    @property
    def hovered(self) -> str | None:
        return self.scene_renderer.hovered

    # -- camera -------------------------------------------------------------------------
    def fly_to(self, part: str) -> None:
        """Glide the camera to frame ``part`` over a few frames."""
        camera = self.scene_renderer.renderer.GetActiveCamera()
        start = (np.array(camera.GetFocalPoint()), np.array(camera.GetPosition()))
        end = self.scene_renderer.fly_target(part)
        self._fly = [start, end, time.monotonic()]
        self._settle_timer.stop()
        self.scene_renderer.set_interacting(True)
        self._fly_timer.start()

    @property
    def flying(self) -> bool:
        return self._fly_timer.isActive()

    def _fly_step(self) -> None:
        if not self._fly:
            self._fly_timer.stop()
            return
        start, end, began = self._fly
        t = min((time.monotonic() - began) / FLY_SECONDS, 1.0)
        eased = t * t * (3 - 2 * t)  # ease in and out
        focal, position = (a + (b - a) * eased for a, b in zip(start, end))
        self.scene_renderer.set_camera(focal, position)
        if t >= 1.0:
            self._fly = []
            self._fly_timer.stop()
            self.scene_renderer.set_interacting(False)
        self.render()

    def reset_view(self) -> None:
        self._fly_timer.stop()
        self.scene_renderer.set_interacting(False)
        self.set_view("anterior")

    def set_view(self, name: str) -> None:
        self.scene_renderer.set_view(name)
        self.render()

    def render(self) -> None:
        self.scene_renderer.render()

    def close_view(self) -> None:
        self._closed = True
        self._fly_timer.stop()
        self._hover_timer.stop()
        self._settle_timer.stop()
        self.vtk_widget.GetRenderWindow().Finalize()
