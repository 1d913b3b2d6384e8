"""Presentation mode, for the osteopath in session: the window full screen, the 3D view and
one organ-to-pain story in large type, in the patient's words, step by step.

Right arrow, Space or a click on the story go one step on (at a story's end, to the next
story); Left goes back; Down and Up change story; Esc leaves. Each step's pulse travels
along the path in 3D while its sentence is shown. Clicking another structure in the 3D view
tells its stories instead.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QVBoxLayout, QWidget

from explorer.path_animation import PathAnimation
from graph.explain import explain_path, heading, name_of

__all__ = ["PresentationMode", "StoryPanel"]

NEXT_KEYS = (Qt.Key_Right, Qt.Key_Space, Qt.Key_PageDown, Qt.Key_Return, Qt.Key_Enter)
PREVIOUS_KEYS = (Qt.Key_Left, Qt.Key_PageUp, Qt.Key_Backspace)
KEYS = NEXT_KEYS + PREVIOUS_KEYS + (Qt.Key_Up, Qt.Key_Down, Qt.Key_Escape)


class StoryPanel(QWidget):
    """The story in large type under the 3D view; a click goes one step on."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("presentation-story")
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.setStyleSheet("#presentation-story { background: #14161b; } "
                           "QLabel { color: #f2f2f2; }")
        self.title = QLabel()
        self.sentence = QLabel()
        self.progress = QLabel()
        self.hint = QLabel()
        for label, size, bold in ((self.title, 30, True), (self.sentence, 26, False),
                                  (self.progress, 15, False), (self.hint, 13, False)):
            font = QFont(label.font())
            font.setPointSize(size)
            font.setBold(bold)
            label.setFont(font)
            label.setWordWrap(True)
        self.progress.setStyleSheet("color: #ffb27a;")
        self.hint.setStyleSheet("color: #8a8f99;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 20)
        for label in (self.title, self.sentence, self.progress, self.hint):
            layout.addWidget(label)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class PresentationMode(QObject):
    """Enters and leaves presentation mode on a MainWindow and steps through its stories."""

    changed = Signal()    # the story or the step changed (tests and screenshots wait on it)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.state = window.state
        self.active = False
        self.step = 0
        self.panel = StoryPanel()
        self.panel.clicked.connect(self.next_step)
        self.dock = QDockWidget(window)
        self.dock.setObjectName("presentation-dock")
        self.dock.setTitleBarWidget(QWidget())
        self.dock.setFeatures(QDockWidget.NoDockWidgetFeatures)
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self.animation = PathAnimation(window.scene_view, self)
        self._restore: dict = {}
        self.state.paths_changed.connect(self._on_paths)
        self.state.language_changed.connect(lambda _: self._show())

    # -- entering and leaving ------------------------------------------------------------
    def enter(self) -> None:
        if self.active:
            return
        window = self.window
        self.active = True
        self._restore = {"maximized": window.isMaximized(), "geometry": window.geometry(),
                         "camera": window.scene_view.scene_renderer.camera_state(),
                         "hidden": [w for w in self._chrome() if w.isVisible()]}
        for widget in self._restore["hidden"]:
            widget.hide()
        self.dock.show()
        QApplication.instance().installEventFilter(self)
        self.state.set_presenting(True)
        window.showFullScreen()
        # without a window manager (a bare X server, a kiosk) full screen is not granted:
        # take the whole screen anyway
        window.setGeometry(window.screen().geometry())
        self._start_story(self._story_index())

    def leave(self) -> None:
        if not self.active:
            return
        self.active = False
        QApplication.instance().removeEventFilter(self)
        self.animation.stop()
        self.dock.hide()
        for widget in self._restore.get("hidden", []):
            widget.show()
        self.state.set_presenting(False)
        if self._restore.get("maximized"):
            self.window.showMaximized()
        else:
            self.window.showNormal()
            self.window.setGeometry(self._restore["geometry"])
        self.window.scene_view.scene_renderer.set_camera_state(self._restore["camera"])
        self.window.scene_view.render()
        self.changed.emit()

    def _chrome(self) -> list[QWidget]:
        """What presentation hides: menus, toolbars, status bar and the side panels."""
        from PySide6.QtWidgets import QDockWidget as Dock, QToolBar
        window = self.window
        widgets = [window.menuBar(), window.statusBar()]
        widgets += [w for w in window.findChildren(QToolBar) if w.parent() is window]
        widgets += [w for w in window.findChildren(Dock) if w is not self.dock
                    and w.parent() is window]
        side = window.scene_view.parentWidget()
        if side is not None and hasattr(side, "count"):   # the splitter beside the 3D view
            widgets += [side.widget(i) for i in range(side.count())
                        if side.widget(i) is not window.scene_view]
        return widgets

    # -- stories and steps ---------------------------------------------------------------
    @property
    def stories(self):
        return self.state.paths

    def _story_index(self) -> int:
        chosen = self.state.chosen_path
        return self.stories.index(chosen) if chosen in self.stories else 0

    def _start_story(self, index: int, step: int = 0) -> None:
        if self.stories:
            path = self.stories[index % len(self.stories)]
            self.state.choose_path(path)
            self._frame(path)
            self.step = step if step >= 0 else len(path.edges) + step
            self.animation.play(path, self.step)
        else:
            self.step = 0
            self.animation.stop()
        self._show()

    def _frame(self, path) -> None:
        """Bring the story's structures into view, from the front."""
        from explorer.figures import framing_camera
        view = self.window.scene_view
        width, height = view.render_window.GetSize()
        scene = view.scene_renderer.scene
        if any(node in scene for node in path.nodes):
            view.scene_renderer.set_camera_state(framing_camera(
                scene, path.nodes, "anterior", width / max(height, 1), margin=1.6))

    def _on_paths(self, _paths) -> None:
        if self.active:   # another structure was clicked: tell its stories
            self._start_story(0)

    def next_step(self) -> None:
        path = self.state.chosen_path
        if path is None:
            return
        if self.step + 1 < len(path.edges):
            self.step += 1
            self.animation.play(path, self.step)
            self._show()
        else:
            self._start_story(self._story_index() + 1)

    def previous_step(self) -> None:
        path = self.state.chosen_path
        if path is None:
            return
        if self.step > 0:
            self.step -= 1
            self.animation.play(path, self.step)
            self._show()
        else:
            self._start_story(self._story_index() - 1, step=-1)

    def next_story(self, step: int = 1) -> None:
        if self.stories:
            self._start_story(self._story_index() + step)

    def _show(self) -> None:
        if not self.active:
            return
        panel, state = self.panel, self.state
        lang, graph = state.language, state.graph
        path = state.chosen_path
        if state.selected is None:
            panel.title.setText(self.tr("Click a structure to tell its story"))
            panel.sentence.setText("")
            panel.progress.setText("")
        elif path is None:
            panel.title.setText(name_of(graph, state.selected, lang))
            panel.sentence.setText(self.tr("No path by which this is felt elsewhere is known."))
            panel.progress.setText("")
        else:
            steps = explain_path(graph, path, lang, "patient")   # patient words only
            panel.title.setText(heading(graph, path, lang))
            panel.sentence.setText(steps[self.step].sentence)
            panel.progress.setText(self.tr("Step {step} of {steps}  ·  story {story} of {stories}")
                                   .format(step=self.step + 1, steps=len(steps),
                                           story=self._story_index() + 1,
                                           stories=len(self.stories)))
        panel.hint.setText(self.tr("→ or click: next step   ← back   ↓ ↑ other story   "
                              "Esc: leave"))
        self.changed.emit()

    # -- keys ----------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind not in (QEvent.KeyPress, QEvent.ShortcutOverride) or not self.active:
            return False
        key = event.key()
        if key not in KEYS or event.modifiers() & (Qt.ControlModifier | Qt.AltModifier):
            return False
        if kind == QEvent.ShortcutOverride:   # ours, not a menu shortcut's (Esc clears)
            event.accept()
            return True
        try:
            if key in NEXT_KEYS:
                self.next_step()
            elif key in PREVIOUS_KEYS:
                self.previous_step()
            elif key == Qt.Key_Down:
                self.next_story(1)
            elif key == Qt.Key_Up:
                self.next_story(-1)
            elif key == Qt.Key_Escape:
                self.leave()
        except Exception as exc:   # never let an exception escape into Qt's event loop
            print(f"error in presentation: {exc}")
        return True
