"""The panel beside the 3D view: the selected structure and its referred-pain paths,
each step with its explanation, evidence level and sources. Choosing a path (click or
arrow keys) makes it the one the 3D view, the graph and the info panel tell."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from explorer.info_panel import EVIDENCE_COLOR
from explorer.view_state import ViewState
from graph.explain import explain_path, name_of
from graph.vocabulary import EVIDENCE_LABEL

__all__ = ["PathsPanel"]


class PathsPanel(QWidget):
    def __init__(self, state: ViewState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold; padding: 4px;")
        self.tree = QTreeWidget()
        self.tree.setColumnCount(1)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.currentItemChanged.connect(self._on_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.tree, 1)
        self._refreshing = False
        state.paths_changed.connect(self.refresh)
        state.language_changed.connect(self.refresh)
        state.register_changed.connect(self.refresh)
        state.path_chosen.connect(self._show_chosen)
        self.refresh()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)

    def _on_current(self, item, _previous) -> None:
        if self._refreshing or item is None:
            return
        while item.parent() is not None:
            item = item.parent()
        index = self.tree.indexOfTopLevelItem(item)
        if 0 <= index < len(self.state.paths):
            self.state.choose_path(self.state.paths[index])

    def _show_chosen(self, path) -> None:
        if path is None or path not in self.state.paths:
            return
        item = self.tree.topLevelItem(self.state.paths.index(path))
        if item is not None and self.tree.currentItem() not in (item, *(
                item.child(i) for i in range(item.childCount()))):
            self._refreshing = True
            self.tree.setCurrentItem(item)
            item.setExpanded(True)
            self._refreshing = False

    def refresh(self, *_args) -> None:
        lang = self.state.language
        graph = self.state.graph
        self._refreshing = True
        self.tree.clear()
        self.tree.setHeaderLabels([self.tr("Path / step")])
        try:
            if self.state.selected is None:
                self.title.setText(self.tr("Click a structure in the 3D view to see where it "
                                           "can refer pain."))
                return
            name = name_of(graph, self.state.selected, lang)
            if self.state.paths:
                self.title.setText(self.tr("%1: %n path(s) by which pain can travel", "",
                                           len(self.state.paths)).replace("%1", name))
            else:
                self.title.setText(self.tr("%1: no referred-pain path is known")
                                   .replace("%1", name))
            for path in self.state.paths:
                label = " → ".join(name_of(graph, n, lang) for n in path.nodes)
                item = QTreeWidgetItem([f"[{path.score:.2f}] {label}"])
                for step in explain_path(graph, path, lang, self.state.register):
                    child = QTreeWidgetItem([
                        f"{step.sentence}\n{EVIDENCE_LABEL[lang][step.evidence]}: "
                        f"{'; '.join(step.sources)}"])
                    child.setForeground(0, QBrush(QColor(EVIDENCE_COLOR[step.evidence])))
                    child.setToolTip(0, child.text(0))
                    item.addChild(child)
                self.tree.addTopLevelItem(item)
            if self.tree.topLevelItemCount():
                self.tree.topLevelItem(0).setExpanded(True)
        finally:
            self._refreshing = False
        self._show_chosen(self.state.chosen_path)
