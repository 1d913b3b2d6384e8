"""Computes the scene's light proxies (models/lod.py) off the UI thread.

Decimating every part takes about two seconds the first time (milliseconds from the disk
cache after); a posture change reuses the recipes (models.lod.Proxies) without a worker. VTK's filters release Python's lock while they run (measured: the UI thread
was never held more than 10 ms), so a worker thread keeps the window responsive. The worker
gets shallow copies of the meshes: the render thread's data objects are never touched.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal
from vtkmodules.vtkCommonDataModel import vtkPolyData

from models.lod import make_proxies
from models.scene import Scene

__all__ = ["ProxyLoader"]


class ProxyLoader(QObject):
    """One worker at a time, for the newest scene: while posture sliders move, scenes
    arrive faster than their proxies are made, and the ones in between are never drawn."""

    ready = Signal(object, object)        # (Scene, models.lod.Proxies or None) on the UI thread
    _finished = Signal(object, object)    # thread -> UI

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._finished.connect(self._on_finished, Qt.QueuedConnection)
        self._working: Scene | None = None
        self._next: Scene | None = None

    @property
    def running(self) -> bool:
        """A worker has not reported back yet (tests and the benchmark wait on it)."""
        return self._working is not None

    def start(self, scene: Scene) -> None:
        if self._working is not None:
            self._next = scene   # after the current one; a newer scene replaces this one
            return
        copies = {}
        for part in scene.parts:
            copies[part.id] = vtkPolyData()
            copies[part.id].ShallowCopy(part.mesh)
        self._working = scene
        threading.Thread(target=self._work, args=(scene, copies), daemon=True,
                         name="lod-proxies").start()

    def _work(self, scene: Scene, meshes: dict) -> None:
        try:
            proxies = make_proxies(meshes)
        except Exception as exc:   # never lost: without proxies the full meshes are drawn
            print(f"could not make the light meshes for moving the camera: {exc}")
            proxies = None
        self._finished.emit(scene, proxies)

    def _on_finished(self, scene: Scene, proxies) -> None:
        self._working = None
        if self._next is not None:
            scene_next, self._next = self._next, None
            self.start(scene_next)
        self.ready.emit(scene, proxies)
