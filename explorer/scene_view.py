"""The 3D view: the scene in a QVTKRenderWindowInteractor, picking on click.

A click counts only when the mouse barely moved between press and release (a drag rotates
the camera instead). A click on a part selects it; a click on empty space clears.
"""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget
from vtkmodules.qt.QVTKRenderWindowInteractor import QVTKRenderWindowInteractor
from vtkmodules.vtkInteractionStyle import vtkInteractorStyleTrackballCamera

from explorer.scene_renderer import SceneRenderer
from explorer.view_state import ViewState
from models.scene import Scene

__all__ = ["SceneView"]

CLICK_TOLERANCE_PX = 4


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
        self.vtk_widget.GetRenderWindow().GetInteractor().SetInteractorStyle(self._style)
        self._press: tuple[int, int] | None = None
        state.paths_changed.connect(self._on_paths_changed)
        self.vtk_widget.Initialize()

    @property
    def render_window(self):
        return self.vtk_widget.GetRenderWindow()

    def _on_press(self, style, _event) -> None:
        self._press = style.GetInteractor().GetEventPosition()
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

    def _on_paths_changed(self, _paths) -> None:
        self.scene_renderer.set_highlight(self.state.highlighted, self.state.selected)
        self.render()

    def set_view(self, name: str) -> None:
        self.scene_renderer.set_view(name)
        self.render()

    def render(self) -> None:
        self.scene_renderer.render()

    def close_view(self) -> None:
        self.vtk_widget.GetRenderWindow().Finalize()
