"""The everyday window's actions, menus and toolbar: undo and redo, find, camera presets,
fly-to, isolate, fade and hide, the layer toggles, the graph layout, patient or
professional words, the language, and Help > Keyboard shortcuts.

Every action has a keyboard shortcut; the shortcuts dialog lists every action of the
window that has one (so what other modules add shows up too).
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QToolBar, QVBoxLayout)

from explorer.scene_renderer import VIEWS
from explorer.translation import set_interface_language

__all__ = ["EverydayActions", "LAYER_KEYS"]

LAYER_KEYS = ("bones", "discs", "intrinsic-muscles", "muscles", "organs", "nerves", "fascia",
              "skin")


class EverydayActions(QObject):
    """Builds the menus and toolbar on ``window`` (a MainWindow) and keeps their texts in
    the interface language."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        state = window.state
        self.state = state
        self.actions: dict[str, QAction] = {}

        def action(key, shortcuts, slot, checkable=False):
            item = QAction(window, checkable=checkable)
            item.setShortcuts([QKeySequence(s) for s in shortcuts])
            item.setObjectName(f"action-{key}")
            (item.toggled if checkable else item.triggered).connect(slot)
            self.actions[key] = item
            return item

        view = window.scene_view
        action("undo", ["Ctrl+Z"], lambda: state.undo())
        action("redo", ["Ctrl+Shift+Z", "Ctrl+Y"], lambda: state.redo())
        action("find", ["Ctrl+F"], self._find)
        for number, name in enumerate(VIEWS, 1):
            action(f"view-{name}", [f"Ctrl+{number}"], lambda _=False, n=name: view.set_view(n))
        action("reset-view", ["Ctrl+0"], view.reset_view)
        action("fly", ["F"], self._fly)
        action("isolate", ["I"], lambda: self._on_selection(state.isolate))
        action("fade", ["X"], lambda: self._on_selection(state.fade, with_paths=False))
        action("hide", ["H"], lambda: self._on_selection(state.hide, with_paths=False))
        action("show-all", ["Ctrl+Shift+H"], state.show_all)
        action("clear", [Qt.Key_Escape], lambda: state.select(None))
        groups = view.scene_renderer.scene.groups
        for number, layer in enumerate(LAYER_KEYS, 1):
            item = action(f"layer-{layer}", [f"Alt+{number}"],
                          lambda on, g=layer: state.set_layer_visible(g, on), checkable=True)
            item.setChecked(True)
            item.setEnabled(layer in groups)
        action("graph-layout", ["Ctrl+G"], window.graph_panel.toggle_layout)
        action("professional", ["Ctrl+Shift+W"],
               lambda on: state.set_register("professional" if on else "patient"), checkable=True)
        action("next-path", ["Ctrl+]"], lambda: self._step_path(1))
        action("previous-path", ["Ctrl+["], lambda: self._step_path(-1))
        action("show-info", ["Ctrl+I"], lambda: self._show_tab(window.info_panel))
        action("show-paths", ["Ctrl+Shift+P"], lambda: self._show_tab(window.paths_panel))
        language = QActionGroup(window)
        for code, keys in (("en", "Ctrl+Alt+E"), ("nl", "Ctrl+Alt+N")):
            item = action(f"language-{code}", [keys],
                          lambda on, c=code: on and state.set_language(c), checkable=True)
            item.setChecked(code == state.language)
            language.addAction(item)
        action("shortcuts", ["F1"], self.show_shortcuts)

        self._build_menus()
        self._build_toolbar()
        state.history_changed.connect(self._update_enabled)
        state.selection_changed.connect(self._update_enabled)
        state.visibility_changed.connect(self._sync_checks)
        state.register_changed.connect(self._sync_checks)
        state.language_changed.connect(self._on_language)
        self._update_enabled()
        set_interface_language(state.language)   # the translators are the application's
        self.retranslate()

    # -- building -----------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar, a = self.window.menuBar(), self.actions
        self.edit_menu = bar.addMenu("")
        for key in ("undo", "redo", None, "find"):
            self.edit_menu.addSeparator() if key is None else self.edit_menu.addAction(a[key])
        self.view_menu = bar.addMenu("")
        for key in [f"view-{n}" for n in VIEWS] + ["reset-view", "fly", None, "isolate", "fade",
                                                    "hide", "show-all", "clear", None]:
            self.view_menu.addSeparator() if key is None else self.view_menu.addAction(a[key])
        self.layers_menu = self.view_menu.addMenu("")
        for layer in LAYER_KEYS:
            self.layers_menu.addAction(a[f"layer-{layer}"])
        self.view_menu.addSeparator()
        for key in ("graph-layout", "professional", "next-path", "previous-path", "show-info",
                    "show-paths"):
            self.view_menu.addAction(a[key])
        self.language_menu = bar.addMenu("")
        self.language_menu.addAction(a["language-en"])
        self.language_menu.addAction(a["language-nl"])
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(a["shortcuts"])

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self.window)
        self.toolbar.setObjectName("everyday-toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.addWidget(self.window.search_box)
        self.toolbar.addSeparator()
        for key in ("undo", "redo"):
            self.toolbar.addAction(self.actions[key])
        self.toolbar.addSeparator()
        for layer in LAYER_KEYS:
            self.toolbar.addAction(self.actions[f"layer-{layer}"])
        self.window.addToolBar(self.toolbar)

    def retranslate(self) -> None:
        a = self.actions
        texts = {
            "undo": self.tr("&Undo"), "redo": self.tr("&Redo"), "find": self.tr("&Find a structure…"),
            "view-anterior": self.tr("&Anterior (front)"), "view-posterior": self.tr("&Posterior (back)"),
            "view-right": self.tr("&Right side"), "view-left": self.tr("&Left side"),
            "view-superior": self.tr("&Superior (from above)"), "view-oblique": self.tr("&Oblique"),
            "reset-view": self.tr("Reset the &camera"), "fly": self.tr("&Fly to the selection"),
            "isolate": self.tr("&Isolate the selection and its paths"),
            "fade": self.tr("Fade the selection (&x-ray)"), "hide": self.tr("&Hide the selection"),
            "show-all": self.tr("Show &everything again"), "clear": self.tr("&Clear the selection"),
            "layer-bones": self.tr("Bones"), "layer-discs": self.tr("Discs"),
            "layer-intrinsic-muscles": self.tr("Deep back muscles"),
            "layer-muscles": self.tr("Other muscles"), "layer-organs": self.tr("Organs"),
            "layer-nerves": self.tr("Nerves"), "layer-fascia": self.tr("Fascia"),
            "layer-skin": self.tr("Skin regions"),
            "graph-layout": self.tr("Switch the &graph layout (body map / force)"),
            "professional": self.tr("&Professional words"),
            "next-path": self.tr("&Next path"), "previous-path": self.tr("Pre&vious path"),
            "show-info": self.tr("Show the i&nfo panel"), "show-paths": self.tr("Show the pa&ths list"),
            "language-en": "English", "language-nl": "Nederlands",
            "shortcuts": self.tr("&Keyboard shortcuts"),
        }
        for key, text in texts.items():
            a[key].setText(text)
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.layers_menu.setTitle(self.tr("&Layers"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.toolbar.setWindowTitle(self.tr("Search and layers"))
        tabs = self.window.side_tabs
        tabs.setTabText(tabs.indexOf(self.window.info_panel), self.tr("Info"))
        tabs.setTabText(tabs.indexOf(self.window.paths_panel), self.tr("Paths"))

    # -- behaviour ----------------------------------------------------------------------
    def _on_language(self, code: str) -> None:
        set_interface_language(code)
        self.actions[f"language-{code}"].setChecked(True)
        self.retranslate()

    def _find(self) -> None:
        box = self.window.search_box
        box.setFocus(Qt.ShortcutFocusReason)
        box.selectAll()

    def _selection_parts(self, with_paths: bool) -> set[str]:
        state, scene = self.state, self.window.scene_view.scene_renderer.scene
        chosen = {state.selected} | (set(state.highlighted) if with_paths else set())
        return {part for part in chosen if part in scene}

    def _on_selection(self, apply, with_paths: bool = True) -> None:
        parts = self._selection_parts(with_paths)
        if parts:
            apply(parts)
        else:
            self.window.statusBar().showMessage(
                self.tr("Select a structure in the 3D view first."), 4000)

    def _fly(self) -> None:
        if self.state.selected in self.window.scene_view.scene_renderer.scene:
            self.window.scene_view.fly_to(self.state.selected)

    def _step_path(self, step: int) -> None:
        paths = self.state.paths
        if not paths:
            return
        current = paths.index(self.state.chosen_path) if self.state.chosen_path in paths else -1
        self.state.choose_path(paths[(current + step) % len(paths)] if current >= 0 or step > 0
                               else paths[-1])

    def _show_tab(self, widget) -> None:
        self.window.side_tabs.setCurrentWidget(widget)
        widget.setFocus(Qt.ShortcutFocusReason)

    def _update_enabled(self, *_args) -> None:
        a, state = self.actions, self.state
        a["undo"].setEnabled(state.can_undo)
        a["redo"].setEnabled(state.can_redo)
        has = state.selected is not None
        for key in ("fly", "isolate", "fade", "hide"):
            a[key].setEnabled(has)

    def _sync_checks(self, *_args) -> None:
        hidden = self.state.visibility.hidden_layers
        for layer in LAYER_KEYS:
            item = self.actions[f"layer-{layer}"]
            if item.isChecked() == (layer in hidden):
                item.blockSignals(True)
                item.setChecked(layer not in hidden)
                item.blockSignals(False)
        professional = self.actions["professional"]
        professional.blockSignals(True)
        professional.setChecked(self.state.register == "professional")
        professional.blockSignals(False)

    # -- help ---------------------------------------------------------------------------
    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every action of the window that has a shortcut, and
        the mouse gestures."""
        rows = []
        for item in self.window.findChildren(QAction):
            if item.shortcuts():
                keys = ", ".join(s.toString(QKeySequence.NativeText) for s in item.shortcuts())
                rows.append((keys, item.text().replace("&", "")))
        rows.sort(key=lambda row: row[1].casefold())
        rows += [(self.tr("Click"), self.tr("Select a structure (3D view or graph); on empty space: clear")),
                 (self.tr("Double-click"), self.tr("Fly the camera to a structure")),
                 (self.tr("Drag"), self.tr("Rotate the 3D view; pan the graph")),
                 (self.tr("Wheel"), self.tr("Zoom")),
                 (self.tr("Hover"), self.tr("Name the structure under the mouse")),
                 (self.tr("Arrow keys (in the graph)"),
                  self.tr("Walk to the linked structure in that direction"))]
        return rows

    def show_shortcuts(self) -> None:
        dialog = QDialog(self.window)
        dialog.setObjectName("shortcuts-dialog")
        dialog.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = self.shortcut_rows()
        table = QTableWidget(len(rows), 2, dialog)
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        for row, (keys, text) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(text))
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(self.tr("Every action, and the keys that reach it:")))
        layout.addWidget(table)
        layout.addWidget(buttons)
        dialog.resize(620, 640)
        self.shortcuts_dialog = dialog
        dialog.open()
