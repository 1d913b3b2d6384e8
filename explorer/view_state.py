"""The one object that holds what the user is looking at; every panel observes it.

Widgets never reach into each other: they call the setters here and redraw on the signals.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import networkx as nx
from PySide6.QtCore import QObject, Signal


from graph.paths import PainPath, referral_paths, representative_paths, structures_on
from models.spine import Posture

# The window tells about twenty paths, chosen to differ: beyond that a patient sees half
# the body lit and no story (the kidney had 60-80 paths). The command line gives them all.
WINDOW_PATH_LIMIT = 20

__all__ = ["ViewState", "Visibility"]

HISTORY_LIMIT = 200


@dataclass(frozen=True)
class Visibility:
    """Which parts of the scene show, and how. Ids are scene part ids, layers scene groups."""
    hidden: frozenset[str] = frozenset()         # parts the user hid
    faded: frozenset[str] = frozenset()          # parts drawn see-through (x-ray)
    isolated: frozenset[str] = frozenset()       # if any: only these show, whatever else
    hidden_layers: frozenset[str] = frozenset()  # whole systems switched off

    def shows(self, part: str, layer: str) -> bool:
        if self.isolated:
            return part in self.isolated
        return layer not in self.hidden_layers and part not in self.hidden


class ViewState(QObject):
    """Selection, the referred-pain paths it lights, and the language of the content."""

    selection_changed = Signal(object)   # str | None
    paths_changed = Signal(list)         # list[PainPath]
    language_changed = Signal(str)
    path_chosen = Signal(object)         # PainPath | None: the one path told step by step
    posture_changed = Signal(object)     # models.spine.Posture
    visibility_changed = Signal(object)  # Visibility
    history_changed = Signal()           # undo or redo became (un)available
    register_changed = Signal(str)       # "patient" or "professional" words
    labels_changed = Signal(bool)        # leader-line labels on the lit structures
    quiz_changed = Signal()              # the quiz's spotlight or name hiding changed
    graph_changed = Signal()             # another knowledge base is in use
    hover_changed = Signal(object)       # str | None: the structure under the mouse, in
                                         # either view (the other one shows it too)

    def __init__(self, graph: nx.MultiDiGraph, parent: QObject | None = None):
        super().__init__(parent)
        self.graph = graph
        self.selected: str | None = None
        self.hovered: str | None = None
        self.paths: list[PainPath] = []
        self.language = "en"
        self.chosen_path: PainPath | None = None
        self.posture = Posture()
        self.visibility = Visibility()
        self.register = "patient"
        self.labels = False
        self.presenting = False   # presentation mode: the chosen path alone is lit
        # The quiz: one structure lit on its own (spotlight), and names kept out of sight
        # (hover labels, panels) while a question is open.
        self.spotlight: str | None = None
        self.names_hidden = False
        # Undo and redo cover what the user looked at: the selection and the visibility.
        self._undo: list[tuple[str | None, Visibility]] = []
        self._redo: list[tuple[str | None, Visibility]] = []

    @property
    def highlighted(self) -> frozenset[str]:
        if self.chosen_path is not None:
            # one story at a time: a chosen path (in the list, Ctrl+], or presenting) alone
            return structures_on([self.chosen_path])
        return structures_on(self.paths)

    def set_graph(self, graph: nx.MultiDiGraph) -> None:
        """Use another knowledge base: selection, paths and history start afresh, since
        they name structures and links of the old one."""
        self._set_selected(None)
        self.graph = graph
        self._undo.clear()
        self._redo.clear()
        self.history_changed.emit()
        self.graph_changed.emit()

    def hover(self, structure: str | None) -> None:
        """The structure under the mouse in the 3D view or the graph (None: none)."""
        if structure is not None and structure not in self.graph:
            structure = None
        if structure != self.hovered:
            self.hovered = structure
            self.hover_changed.emit(structure)

    def select(self, structure: str | None) -> None:
        """Select a structure (None clears) and light every referred-pain path from it."""
        if structure is not None and structure not in self.graph:
            structure = None
        if structure == self.selected:
            return
        self._record()
        self._set_selected(structure)

    def _set_selected(self, structure: str | None) -> None:
        self.selected = structure
        self.paths = (representative_paths(referral_paths(self.graph, structure),
                                           WINDOW_PATH_LIMIT) if structure else [])
        self.chosen_path = None
        self.selection_changed.emit(structure)
        self.paths_changed.emit(self.paths)
        self.path_chosen.emit(None)

    def set_language(self, language: str) -> None:
        if language != self.language:
            self.language = language
            self.language_changed.emit(language)

    def choose_path(self, path: PainPath | None) -> None:
        """The path presentation, animation, scene files and the handout tell (None: none)."""
        if path is not None and path not in self.paths:
            path = None
        if path != self.chosen_path:
            self.chosen_path = path
            self.path_chosen.emit(path)

    def set_posture(self, posture: Posture) -> None:
        if posture != self.posture:
            self.posture = posture
            self.posture_changed.emit(posture)

    def set_register(self, register: str) -> None:
        if register not in ("patient", "professional"):
            raise ValueError(f"unknown register {register!r}")
        if register != self.register:
            self.register = register
            self.register_changed.emit(register)

    def set_labels(self, shown: bool) -> None:
        if shown != self.labels:
            self.labels = shown
            self.labels_changed.emit(shown)

    def set_presenting(self, presenting: bool) -> None:
        if presenting != self.presenting:
            self.presenting = presenting
            self.path_chosen.emit(self.chosen_path)   # observers redraw what is lit

    def set_quiz_view(self, spotlight: str | None, names_hidden: bool) -> None:
        if (spotlight, names_hidden) != (self.spotlight, self.names_hidden):
            self.spotlight, self.names_hidden = spotlight, names_hidden
            self.quiz_changed.emit()

    # -- visibility --------------------------------------------------------------------
    def set_visibility(self, visibility: Visibility) -> None:
        if visibility != self.visibility:
            self._record()
            self._set_visibility(visibility)

    def _set_visibility(self, visibility: Visibility) -> None:
        self.visibility = visibility
        self.visibility_changed.emit(visibility)

    def hide(self, parts) -> None:
        v = self.visibility
        parts = frozenset(parts)
        self.set_visibility(replace(v, hidden=v.hidden | parts, isolated=v.isolated - parts))

    def fade(self, parts) -> None:
        """Toggle x-ray on ``parts``: faded ones come back solid, the others fade."""
        parts = frozenset(parts)
        v = self.visibility
        faded = v.faded - parts if parts <= v.faded else v.faded | parts
        self.set_visibility(replace(v, faded=faded))

    def isolate(self, parts) -> None:
        """Show only ``parts`` (the same again ends the isolation)."""
        parts = frozenset(parts)
        v = self.visibility
        self.set_visibility(replace(v, isolated=frozenset() if parts == v.isolated else parts,
                                    hidden=v.hidden - parts))

    def show_all(self) -> None:
        self.set_visibility(replace(self.visibility, hidden=frozenset(), faded=frozenset(),
                                    isolated=frozenset()))

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        v = self.visibility
        layers = v.hidden_layers - {layer} if visible else v.hidden_layers | {layer}
        self.set_visibility(replace(v, hidden_layers=layers))

    # -- history -----------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def _record(self) -> None:
        self._undo.append((self.selected, self.visibility))
        del self._undo[:-HISTORY_LIMIT]
        self._redo.clear()
        self.history_changed.emit()

    def undo(self) -> None:
        self._travel(self._undo, self._redo)

    def redo(self) -> None:
        self._travel(self._redo, self._undo)

    def _travel(self, source: list, target: list) -> None:
        if not source:
            return
        target.append((self.selected, self.visibility))
        selected, visibility = source.pop()
        if selected != self.selected:
            self._set_selected(selected)
        if visibility != self.visibility:
            self._set_visibility(visibility)
        self.history_changed.emit()
