"""The panel beside the 3D view: the selected structure and its referred-pain paths,
each step with its explanation, evidence level and sources."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from explorer.view_state import ViewState
from graph.explain import explain_path, name_of
from graph.vocabulary import EVIDENCE_LABEL

__all__ = ["PathsPanel"]

# Evidence shown as a colour beside each step, so textbook and claim never look alike.
EVIDENCE_COLOR = {"anatomy": "#2e7d32", "clinical": "#1565c0", "model": "#6a1b9a",
                  "booklet": "#e65100"}
TEXTS = {
    "en": {"none": "Click a structure in the 3D view to see where it can refer pain.",
           "paths": "{name}: {count} path(s) by which pain can travel",
           "no_paths": "{name}: no referred-pain path is known", "column": "Path / step"},
    "nl": {"none": "Klik op een structuur in de 3D-weergave om te zien waarheen die pijn "
                   "kan uitstralen.",
           "paths": "{name}: {count} weg(en) waarlangs pijn kan lopen",
           "no_paths": "{name}: geen weg van uitstralende pijn bekend", "column": "Weg / stap"},
}


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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.tree, 1)
        state.paths_changed.connect(self.refresh)
        state.language_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        lang = self.state.language
        texts = TEXTS[lang]
        graph = self.state.graph
        self.tree.clear()
        self.tree.setHeaderLabels([texts["column"]])
        if self.state.selected is None:
            self.title.setText(texts["none"])
            return
        name = name_of(graph, self.state.selected, lang)
        key = "paths" if self.state.paths else "no_paths"
        self.title.setText(texts[key].format(name=name, count=len(self.state.paths)))
        for path in self.state.paths:
            label = " → ".join(name_of(graph, n, lang) for n in path.nodes)
            item = QTreeWidgetItem([f"[{path.score:.2f}] {label}"])
            item.setData(0, Qt.UserRole, path.nodes)
            for step in explain_path(graph, path, lang, "patient"):
                child = QTreeWidgetItem([
                    f"{step.sentence}\n{EVIDENCE_LABEL[lang][step.evidence]}: "
                    f"{'; '.join(step.sources)}"])
                child.setForeground(0, QBrush(QColor(EVIDENCE_COLOR[step.evidence])))
                child.setToolTip(0, child.text(0))
                item.addChild(child)
            self.tree.addTopLevelItem(item)
        if self.tree.topLevelItemCount():
            self.tree.topLevelItem(0).setExpanded(True)
