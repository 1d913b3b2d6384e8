"""The one object that holds what the user is looking at; every panel observes it.

Widgets never reach into each other: they call the setters here and redraw on the signals.
"""
from __future__ import annotations

import networkx as nx
from PySide6.QtCore import QObject, Signal

from graph.paths import PainPath, referral_paths, structures_on

__all__ = ["ViewState"]


class ViewState(QObject):
    """Selection, the referred-pain paths it lights, and the language of the content."""

    selection_changed = Signal(object)   # str | None
    paths_changed = Signal(list)         # list[PainPath]
    language_changed = Signal(str)

    def __init__(self, graph: nx.MultiDiGraph, parent: QObject | None = None):
        super().__init__(parent)
        self.graph = graph
        self.selected: str | None = None
        self.paths: list[PainPath] = []
        self.language = "en"

    @property
    def highlighted(self) -> frozenset[str]:
        return structures_on(self.paths)

    def select(self, structure: str | None) -> None:
        """Select a structure (None clears) and light every referred-pain path from it."""
        if structure is not None and structure not in self.graph:
            structure = None
        if structure == self.selected:
            return
        self.selected = structure
        self.paths = referral_paths(self.graph, structure) if structure else []
        self.selection_changed.emit(structure)
        self.paths_changed.emit(self.paths)

    def set_language(self, language: str) -> None:
        if language != self.language:
            self.language = language
            self.language_changed.emit(language)
