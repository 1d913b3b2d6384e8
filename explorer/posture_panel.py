"""Posture: sliders for the spine's sagittal curves, and the scene rebuilt for them.

The sliders' ranges and defaults come from resources/geometry/posture.yaml. Moving a slider
sets the state's posture after a short pause (debounce); the scene is then rebuilt on a
worker thread (geometry only, no rendering) and swapped in on the UI thread, so dragging a
slider never freezes the window. A rebuild that a newer posture has overtaken is dropped.

A rebuild no longer meshes anything: bones move with their frames and soft tissue and the
intrinsic muscles are posed from the default posture's meshes (models.posing), so a posture
never seen before takes about 0.2-0.4 s on a 2-core machine (it took 8-13 s when the soft
tissue was re-meshed). The worker thread stays: it keeps even that off the UI thread.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QPushButton, QSlider,
                               QVBoxLayout, QWidget)

from explorer.view_state import ViewState
from models.data import load_geometry
from models.scene import Scene, build_scene
from models.spine import Posture

__all__ = ["PosturePanel", "SceneRebuilder", "CURVES"]

CURVES = ("cervical_lordosis", "thoracic_kyphosis", "lumbar_lordosis", "sacral_slope")
DEBOUNCE_MS = 150


class SceneRebuilder(QObject):
    """Builds the scene for the state's posture off the UI thread; emits ``rebuilt``."""

    rebuilt = Signal(object)        # Scene, delivered on the UI thread
    failed = Signal(str)
    _finished = Signal(object, object)   # (posture, Scene or error text), thread -> UI

    def __init__(self, state: ViewState, parent: QObject | None = None):
        super().__init__(parent)
        self.state = state
        self._running: Posture | None = None
        self._finished.connect(self._on_finished, Qt.QueuedConnection)
        state.posture_changed.connect(self._start)

    @property
    def busy(self) -> bool:
        return self._running is not None

    def _start(self, *_args) -> None:
        if self._running is not None:
            return   # when it finishes, the newest posture is built next
        posture = self.state.posture
        self._running = posture
        threading.Thread(target=self._build, args=(posture,), daemon=True,
                         name="posture-rebuild").start()

    def _build(self, posture: Posture) -> None:
        try:
            result: object = build_scene(posture)
        except Exception as exc:   # reported on the UI thread, never lost
            result = f"{type(exc).__name__}: {exc}"
        self._finished.emit(posture, result)

    def _on_finished(self, posture: Posture, result) -> None:
        self._running = None
        if isinstance(result, str):
            self.failed.emit(result)
        elif posture == self.state.posture:
            self.rebuilt.emit(result)
        if posture != self.state.posture:
            self._start()   # the sliders moved on meanwhile


class PosturePanel(QWidget):
    """Four sliders (degrees) and a reset button."""

    def __init__(self, state: ViewState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        table = load_geometry("posture")
        self.defaults = {c: float(table["defaults"][c]) for c in CURVES}
        self.sliders: dict[str, QSlider] = {}
        self.values: dict[str, QLabel] = {}
        self.names: dict[str, QLabel] = {}
        form = QFormLayout()
        for curve in CURVES:
            low, high = table["ranges"][curve]
            slider = QSlider(Qt.Horizontal)
            slider.setObjectName(f"posture-{curve}")
            slider.setRange(int(low), int(high))
            slider.setPageStep(5)
            slider.setValue(round(getattr(state.posture, curve)))
            value = QLabel()
            value.setMinimumWidth(40)
            row = QHBoxLayout()
            row.addWidget(slider, 1)
            row.addWidget(value)
            self.names[curve] = QLabel()
            form.addRow(self.names[curve], row)
            self.sliders[curve], self.values[curve] = slider, value
            slider.valueChanged.connect(self._on_slider)
        self.reset = QPushButton()
        self.reset.setObjectName("posture-reset")
        self.reset.clicked.connect(self.reset_posture)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #777;")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.reset, 0, Qt.AlignLeft)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._apply)
        state.posture_changed.connect(self._show_posture)
        self._show_posture(state.posture)
        self.retranslate()

    def retranslate(self) -> None:
        names = {"cervical_lordosis": self.tr("Neck curve (cervical lordosis)"),
                 "thoracic_kyphosis": self.tr("Upper back curve (thoracic kyphosis)"),
                 "lumbar_lordosis": self.tr("Lower back curve (lumbar lordosis)"),
                 "sacral_slope": self.tr("Tilt of the sacrum (sacral slope)")}
        for curve, label in self.names.items():
            label.setText(names[curve])
        self.reset.setText(self.tr("Typical adult posture"))
        self.note.setText(self.tr("Angles in degrees: the curves as Cobb angles, the sacrum's "
                                  "tilt against the horizontal."))
        self._show_posture(self.state.posture)

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_slider(self, _value: int) -> None:
        for curve, slider in self.sliders.items():
            self.values[curve].setText(f"{slider.value()}°")
        self._timer.start()

    def _apply(self) -> None:
        self.state.set_posture(Posture(**{c: float(s.value()) for c, s in self.sliders.items()}))

    def _show_posture(self, posture: Posture) -> None:
        for curve, slider in self.sliders.items():
            value = round(getattr(posture, curve))
            if slider.value() != value:
                slider.blockSignals(True)
                slider.setValue(value)
                slider.blockSignals(False)
            self.values[curve].setText(f"{value}°")

    def reset_posture(self) -> None:
        self._timer.stop()
        self.state.set_posture(Posture(**self.defaults))
