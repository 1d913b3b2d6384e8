"""The main window: the 3D view beside the paths panel, with menus for views and language."""
from __future__ import annotations

import sys

import networkx as nx
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTabWidget

from explorer.actions import EverydayActions
from explorer.session_actions import SessionActions
from explorer.gl_check import check_display_opengl
from explorer.graph_panel import GraphPanel
from explorer.info_panel import InfoPanel
from explorer.paths_panel import PathsPanel
from explorer.scene_renderer import VIEWS
from explorer.scene_view import SceneView
from explorer.search_box import SearchBox
from explorer.translation import system_language
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
        self.info_panel = InfoPanel(self.state)
        self.graph_panel = GraphPanel(self.state, self.scene_view.anchors)
        self.search_box = SearchBox(self.state)
        self.search_box.not_found.connect(lambda text: self.statusBar().showMessage(text, 6000))
        # the 3D view on the left; on the right the graph above the info and paths tabs
        self.side_tabs = QTabWidget()
        self.side_tabs.addTab(self.info_panel, "")
        self.side_tabs.addTab(self.paths_panel, "")
        right = QSplitter(Qt.Vertical)
        right.addWidget(self.graph_panel)
        right.addWidget(self.side_tabs)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.scene_view)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([2000, 1000])   # the 3D view gets two thirds, whatever the hints
        self.setCentralWidget(splitter)
        self.statusBar()
        self._build_menus()
        self.state.set_language(system_language())   # Dutch first on a Dutch system

    def _build_menus(self) -> None:
        # Edit, View (cameras, isolate/fade/hide, layers, graph), Language, Help; toolbar
        self.everyday = EverydayActions(self)
        # File and Session menus: presentation, animation, labels, posture, quiz
        self.session = SessionActions(self)

    def closeEvent(self, event) -> None:
        self.scene_view.close_view()
        super().closeEvent(event)


def run(graph: nx.MultiDiGraph) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    # the user's data folder (the quiz score) is named after this, not after "main.py"
    app.setApplicationName("fascia-explorer")
    check_display_opengl()
    window = MainWindow(graph)
    window.resize(1400, 860)
    window.show()
    window.scene_view.render()
    return app.exec()
