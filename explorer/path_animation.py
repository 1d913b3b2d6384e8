"""A pulse travelling along a path in the 3D view, one step at a time.

The pulse is a small glowing ball on the view's overlay layer (drawn over the anatomy, so
it never disappears inside a bone). Each step glides it from one structure's anchor to the
next; ``step_started`` tells listeners which step (so its sentence can be shown). Only the
ball moves and one frame is drawn per tick, so the view stays responsive meanwhile.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal
from vtkmodules.vtkFiltersSources import vtkSphereSource
from vtkmodules.vtkRenderingCore import vtkActor, vtkPolyDataMapper

from graph.paths import PainPath

__all__ = ["PathAnimation", "PULSE_COLOR", "STEP_MS"]

PULSE_COLOR = (1.0, 0.93, 0.35)
PULSE_RADIUS_MM = 7.0
STEP_MS = 1400          # one step's glide
TICK_MS = 33            # about 30 frames a second at most


class PathAnimation(QObject):
    """Plays a path's steps on a SceneView: ``play(path, step)`` glides the pulse along
    that step (and, with ``through=True``, on through the remaining steps)."""

    step_started = Signal(int)
    finished = Signal()

    def __init__(self, scene_view, parent: QObject | None = None):
        super().__init__(parent)
        self.scene_view = scene_view
        source = vtkSphereSource()
        source.SetRadius(PULSE_RADIUS_MM)
        source.SetThetaResolution(24)
        source.SetPhiResolution(16)
        mapper = vtkPolyDataMapper()
        mapper.SetInputConnection(source.GetOutputPort())
        self.actor = vtkActor()
        self.actor.SetMapper(mapper)
        prop = self.actor.GetProperty()
        prop.SetColor(*PULSE_COLOR)
        prop.SetAmbient(0.6)
        prop.SetDiffuse(0.6)
        self.actor.SetVisibility(False)
        scene_view.scene_renderer.overlay.AddActor(self.actor)
        self.path: PainPath | None = None
        self.step = -1
        self.through = False
        self.frames = 0
        self._clock = QElapsedTimer()
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self._tick)

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    def _anchor(self, node: str):
        anchors = self.scene_view.anchors
        return np.asarray(anchors[node]) if node in anchors else None

    def _ends(self, step: int):
        """Where the pulse starts and ends on ``step``; a structure without a place in the
        scene takes its neighbour's, so the pulse waits there instead of jumping."""
        nodes = self.path.nodes
        start, end = self._anchor(nodes[step]), self._anchor(nodes[step + 1])
        if start is None:
            start = next((self._anchor(n) for n in reversed(nodes[:step])
                          if self._anchor(n) is not None), end)
        if end is None:
            end = start
        return start, end

    def play(self, path: PainPath, step: int = 0, through: bool = False) -> None:
        if not path.edges:
            return
        self.path, self.through = path, through
        self._begin(max(0, min(step, len(path.edges) - 1)))

    def _begin(self, step: int) -> None:
        self.step = step
        start, end = self._ends(step)
        if start is None or end is None:
            self.stop()
            return
        self._from, self._to = start, end
        self.actor.SetPosition(*start)
        self.actor.SetVisibility(True)
        self._clock.start()
        self._timer.start()
        self.step_started.emit(step)

    def stop(self, keep_visible: bool = False) -> None:
        self._timer.stop()
        if not keep_visible:
            self.actor.SetVisibility(False)
            self.scene_view.render()

    def _tick(self) -> None:
        try:
            t = min(1.0, self._clock.elapsed() / STEP_MS)
            eased = t * t * (3 - 2 * t)
            self.actor.SetPosition(*(self._from + (self._to - self._from) * eased))
            # it swells on the way, so the eye follows it
            self.actor.SetScale(1.0 + 0.6 * np.sin(np.pi * t))
            self.scene_view.render()
            self.frames += 1
            if t >= 1.0:
                if self.through and self.step + 1 < len(self.path.edges):
                    self._begin(self.step + 1)
                else:
                    self.stop(keep_visible=True)
                    self.finished.emit()
        except Exception as exc:   # never let an exception escape into Qt's event loop
            self._timer.stop()
            print(f"error while animating: {exc}")
