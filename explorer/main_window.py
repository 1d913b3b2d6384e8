"""The main window: the 3D view beside the paths panel, with menus for views and language."""
from __future__ import annotations

import sys

import networkx as nx
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter

from explorer.gl_check import check_display_opengl
from explorer.paths_panel import PathsPanel
from explorer.scene_renderer import VIEWS
from explorer.scene_view import SceneView
from explorer.view_state import ViewState
from models.scene import Scene, build_scene

__all__ = ["MainWindow", "run"]


class MainWindow(QMainWindow):
    def __init__(self, graph: nx.MultiDiGraph, scene: Scene | None = None):
        super().__init__()
        self.setWindowTitle("Fascia Explorer")
        self.state = ViewState(graph, self)
        self.scene_view = SceneView(scene or build_scene(), self.state)
        self.paths_panel = PathsPanel(self.state)
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.scene_view)
        splitter.addWidget(self.paths_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.setCentralWidget(splitter)
        self._build_menus()
        if QLocale.system().language() == QLocale.Dutch:
            self.state.set_language("nl")

    def _build_menus(self) -> None:
        view_menu = self.menuBar().addMenu("&View")
        for number, name in enumerate(VIEWS, 1):
            action = QAction(name.capitalize(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, n=name: self.scene_view.set_view(n))
            view_menu.addAction(action)
        clear = QAction("Clear selection", self)
        clear.setShortcut(QKeySequence(Qt.Key_Escape))
        clear.triggered.connect(lambda: self.state.select(None))
        view_menu.addAction(clear)
        language_menu = self.menuBar().addMenu("&Language")
        group = QActionGroup(self)
        for code, label in (("en", "English"), ("nl", "Nederlands")):
            action = QAction(label, self, checkable=True)
            action.setChecked(code == self.state.language)
            action.triggered.connect(lambda _=False, c=code: self.state.set_language(c))
            group.addAction(action)
            language_menu.addAction(action)
        self.state.language_changed.connect(
            lambda code: [a.setChecked(a.text() == {"en": "English", "nl": "Nederlands"}[code])
                          for a in group.actions()])

    def closeEvent(self, event) -> None:
        self.scene_view.close_view()
        super().closeEvent(event)


def run(graph: nx.MultiDiGraph) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    check_display_opengl()
    window = MainWindow(graph)
    window.resize(1400, 860)
    window.show()
    window.scene_view.render()
    return app.exec()
