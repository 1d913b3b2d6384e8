"""Find a structure by name: completion over names and synonyms in English, Dutch and
Latin (graph.search, tolerant of case, accents and typos); Enter selects."""
from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from explorer.view_state import ViewState
from graph.errors import NotFoundError
from graph.explain import name_of
from graph.search import resolve, search

__all__ = ["SearchBox"]

COMPLETIONS = 12


class SearchBox(QLineEdit):
    not_found = Signal(str)   # one line for the status bar

    def __init__(self, state: ViewState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(260)
        self._model = QStringListModel(self)
        self._ids: dict[str, str] = {}   # completion text -> structure id
        self.completer_ = QCompleter(self._model, self)
        # graph.search already chose and ranked the matches (typos included): show them all
        self.completer_.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseInsensitive)
        self.completer_.setMaxVisibleItems(COMPLETIONS)
        self.setCompleter(self.completer_)
        self.completer_.activated[str].connect(self._choose)
        self.textEdited.connect(self._complete)
        self.returnPressed.connect(self._enter)
        self.retranslate()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setPlaceholderText(self.tr("Find a structure (en, nl, la)…  Ctrl+F"))

    def _complete(self, text: str) -> None:
        graph, lang = self.state.graph, self.state.language
        self._ids = {}
        for hit in search(graph, text, limit=COMPLETIONS):
            name = name_of(graph, hit.id, lang)
            shown = name if hit.matched in (name.casefold(), hit.id) else f"{name}  ({hit.matched})"
            self._ids.setdefault(shown, hit.id)
        self._model.setStringList(list(self._ids))
        if self._ids:
            self.completer_.complete()

    def _choose(self, text: str) -> None:
        node = self._ids.get(text)
        if node is not None:
            self.state.select(node)
            self.setText(name_of(self.state.graph, node, self.state.language))

    def _enter(self) -> None:
        text = self.text().strip()
        if not text:
            return
        node = self._ids.get(text)
        if node is None:
            try:
                node = resolve(self.state.graph, text)
            except NotFoundError as error:
                graph, lang = self.state.graph, self.state.language
                message = self.tr("No structure matches “%1”.").replace("%1", text)
                if error.suggestions:
                    names = ", ".join(name_of(graph, n, lang) for n in error.suggestions
                                      if n in graph)
                    message += " " + self.tr("Did you mean: %1?").replace("%1", names)
                self.not_found.emit(message)
                return
        self.state.select(node)
        self.completer_.popup().hide()
        self.setText(name_of(self.state.graph, node, self.state.language))
