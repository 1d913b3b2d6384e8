"""The osteopath's, the author's and the student's tools on the main window: File (save and
open views, export image and graph, handout), presentation mode, path animation, labels,
posture, and the self-test quiz.

Each file action has a method taking the file name (``save_view_to``, ``open_view_from``,
``export_image_to``, ``write_handout_to``), which the menu calls after its file dialog; an
error is shown in one dialog and changes nothing.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMessageBox

from explorer.export_dialog import ExportImageDialog, ExportOptions
from explorer.labels import LabelOverlay, label_ids
from explorer.path_animation import PathAnimation
from explorer.posture_panel import PosturePanel, SceneRebuilder
from explorer.presentation import PresentationMode
from explorer.scene_file import SceneSpec, find_path, load_scene, save_scene
from explorer.view_state import Visibility
from graph.errors import ExplorerError
from graph.explain import explain_path, name_of
from models.spine import Posture

__all__ = ["SessionActions"]

LABEL_RELAYOUT_MS = 120


class SessionActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.state = state = window.state
        self.view = window.scene_view
        self.scene_file: Path | None = None    # the view file last opened or saved
        self.export_options = ExportOptions()
        self.actions: dict[str, QAction] = {}

        def action(key, shortcut, slot, checkable=False):
            item = QAction(window, checkable=checkable)
            item.setObjectName(f"action-{key}")
            if shortcut:
                item.setShortcut(QKeySequence(shortcut))
            (item.toggled if checkable else item.triggered).connect(slot)
            self.actions[key] = item
            return item

        action("save-view", "Ctrl+S", self._save_view)
        action("save-view-as", "Ctrl+Shift+S", lambda: self._save_view(ask=True))
        action("open-view", "Ctrl+O", self._open_view)
        action("open-knowledge", "Ctrl+Shift+K", self._open_knowledge)
        action("export-image", "Ctrl+E", self._export_image)
        action("export-graph", "Ctrl+Shift+E", self._export_graph)
        action("handout", "Ctrl+P", self._handout)
        action("present", "F5", self._toggle_presentation)
        action("animate", "Ctrl+Shift+A", self.animate_chosen_path)
        action("labels", "L", state.set_labels, checkable=True)
        action("posture", "F7", lambda on: self.posture_dock.setVisible(on), checkable=True)
        action("quiz", "F6", lambda on: self.start_quiz() if on else self.stop_quiz(),
               checkable=True)

        # labels over the 3D view, placed again when what is lit or the camera changes
        self.labels = LabelOverlay(self.view.scene_renderer)
        self._label_timer = QTimer(self, singleShot=True, interval=LABEL_RELAYOUT_MS)
        self._label_timer.timeout.connect(self.refresh_labels)
        for signal in (state.paths_changed, state.path_chosen, state.language_changed,
                       state.labels_changed, state.quiz_changed):
            signal.connect(lambda *_: self.refresh_labels())
        self.view.scene_renderer.renderer.GetActiveCamera().AddObserver(
            "ModifiedEvent", self._on_camera_moved)
        state.labels_changed.connect(self._sync_checks)

        # posture: the dock with the sliders, and the scene rebuilt off the UI thread
        self.posture_panel = PosturePanel(state)
        self.posture_dock = self._dock("posture-dock", self.posture_panel,
                                       Qt.RightDockWidgetArea)
        self.posture_dock.visibilityChanged.connect(self._sync_checks)
        self.rebuilder = SceneRebuilder(state, self)
        self.rebuilder.rebuilt.connect(self._on_rebuilt)
        self.rebuilder.failed.connect(lambda text: self.report(
            self.tr("The scene could not be built for this posture: {error}").format(
                error=text)))

        self.presentation = PresentationMode(window)
        self.animation = PathAnimation(self.view, self)
        self.animation.step_started.connect(self._show_step_sentence)
        self.quiz_panel = None
        self.quiz_dock = None

        self._build_menus()
        self.retranslate()
        state.language_changed.connect(lambda _: self.retranslate())

    # -- building --------------------------------------------------------------------------
    def _dock(self, name, widget, area) -> QDockWidget:
        dock = QDockWidget(self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.window.addDockWidget(area, dock)
        dock.hide()
        return dock

    def _build_menus(self) -> None:
        bar, a = self.window.menuBar(), self.actions
        self.file_menu = bar.addMenu("")
        first = bar.actions()[0] if bar.actions() else None
        if first is not None and first is not self.file_menu.menuAction():
            bar.insertMenu(first, self.file_menu)   # File comes first
        for key in ("open-view", "save-view", "save-view-as", None, "open-knowledge", None,
                    "export-image",
                    "export-graph", "handout"):
            self.file_menu.addSeparator() if key is None else self.file_menu.addAction(a[key])
        self.session_menu = bar.addMenu("")
        for key in ("present", "animate", None, "labels", "posture", None, "quiz"):
            self.session_menu.addSeparator() if key is None else \
                self.session_menu.addAction(a[key])
        # Help stays last
        help_menu = getattr(getattr(self.window, "everyday", None), "help_menu", None)
        if help_menu is not None:
            bar.removeAction(help_menu.menuAction())
            bar.addMenu(help_menu)

    def retranslate(self) -> None:
        a = self.actions
        texts = {"save-view": self.tr("&Save view"), "save-view-as": self.tr("Save view &as…"),
                 "open-view": self.tr("&Open view…"), "export-image": self.tr("&Export image…"),
                 "open-knowledge": self.tr("Open a &knowledge base…"),
                 "export-graph": self.tr("Export the &graph as SVG…"),
                 "handout": self.tr("Patient &handout (PDF)…"),
                 "present": self.tr("&Presentation mode"),
                 "animate": self.tr("&Animate the chosen path"),
                 "labels": self.tr("&Labels on the lit structures"),
                 "posture": self.tr("P&osture sliders"), "quiz": self.tr("Self-&test quiz")}
        for key, text in texts.items():
            a[key].setText(text)
        self.file_menu.setTitle(self.tr("&File"))
        self.session_menu.setTitle(self.tr("&Session"))
        self.posture_dock.setWindowTitle(self.tr("Posture"))
        if self.quiz_dock is not None:
            self.quiz_dock.setWindowTitle(self.tr("Self-test"))

    def _sync_checks(self, *_args) -> None:
        for key, on in (("labels", self.state.labels),
                        ("posture", self.posture_dock.isVisibleTo(self.window))):
            item = self.actions[key]
            if item.isChecked() != on:
                item.blockSignals(True)
                item.setChecked(on)
                item.blockSignals(False)

    def report(self, text: str) -> None:
        QMessageBox.warning(self.window, self.tr("Fascia Explorer"), text)

    # -- scene files -----------------------------------------------------------------------
    def current_spec(self) -> SceneSpec:
        state, visibility = self.state, self.state.visibility
        return SceneSpec(
            camera=self.view.scene_renderer.camera_state(),
            visibility={k: sorted(getattr(visibility, k)) for k in
                        ("hidden", "faded", "isolated", "hidden_layers")
                        if getattr(visibility, k)},
            selection=state.selected,
            path=list(state.chosen_path.nodes) if state.chosen_path is not None else None,
            language=state.language, posture=state.posture.as_dict(), labels=state.labels)

    def apply_spec(self, spec: SceneSpec) -> None:
        """Show ``spec`` in the window (the posture's scene arrives when rebuilt)."""
        state = self.state
        state.set_language(spec.language)
        state.set_posture(Posture(**spec.posture))
        state.select(spec.selection)
        if spec.path:
            state.choose_path(next((p for p in state.paths if list(p.nodes) == spec.path),
                                   None))
        state.set_visibility(Visibility(**{k: frozenset(v)
                                           for k, v in spec.visibility.items()}))
        state.set_labels(spec.labels)
        if spec.camera is not None:
            self.view.scene_renderer.set_camera_state(spec.camera)
        self.view.render()
        self.refresh_labels()

    def save_view_to(self, path: Path | str) -> bool:
        try:
            save_scene(path, self.current_spec())
        except ExplorerError as exc:
            self.report(str(exc))
            return False
        self.scene_file = Path(path)
        self.window.statusBar().showMessage(self.tr("Saved the view to {file}").format(
            file=path), 5000)
        return True

    def open_view_from(self, path: Path | str) -> bool:
        try:
            spec = load_scene(path, self.state.graph)
        except ExplorerError as exc:
            self.report(str(exc))   # the view and the remembered file stay as they were
            return False
        self.apply_spec(spec)
        self.scene_file = Path(path)
        return True

    def _file_filter(self) -> str:
        return self.tr("Fascia Explorer views (*.fxview.json *.json)")

    def _save_view(self, ask: bool = False) -> None:
        path = self.scene_file
        if ask or path is None:
            path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save view"),
                                                  str(path or "view.fxview.json"),
                                                  self._file_filter())
        if path:
            self.save_view_to(path)

    def _open_view(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open view"), "",
                                              self._file_filter())
        if path:
            self.open_view_from(path)

    # -- knowledge base --------------------------------------------------------------------
    def _open_knowledge(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window,
                                                  self.tr("Open a knowledge base (a folder)"))
        if folder:
            self.open_knowledge_from(folder)

    def open_knowledge_from(self, folder: Path | str) -> bool:
        """Use the knowledge base in ``folder``; if it does not load, say why and keep the
        one in use (nothing is loaded half)."""
        from graph.knowledge import load_knowledge
        try:
            graph = load_knowledge(folder)
        except ExplorerError as exc:
            self.report(self.tr("This knowledge base was not loaded; the one in use stays. "
                                "{error}").format(error=exc))
            return False
        self.state.set_graph(graph)
        self.window.statusBar().showMessage(
            self.tr("Knowledge base loaded from {folder}").format(folder=folder), 5000)
        return True

    # -- exports ---------------------------------------------------------------------------
    def export_image_to(self, path: Path | str, options: ExportOptions) -> bool:
        from explorer.figures import render_scene
        spec = self.current_spec()
        spec.labels = options.labels
        try:
            if not str(path).lower().endswith(".png"):
                raise ExplorerError(f"{str(path)!r} must end in .png")
            render_scene(self.state.graph, spec, path, size=(options.width, options.height),
                         transparent=options.transparent, dpi=options.dpi,
                         scene=self.view.scene_renderer.scene)
        except ExplorerError as exc:
            self.report(str(exc))
            return False
        self.window.statusBar().showMessage(self.tr("Exported {file}").format(file=path), 5000)
        return True

    def _export_image(self) -> None:
        dialog = ExportImageDialog(self.export_options, self.window)
        if dialog.exec() != ExportImageDialog.Accepted:
            return
        self.export_options = dialog.options()
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export image"),
                                              "figure.png", self.tr("PNG images (*.png)"))
        if path:
            self.export_image_to(path, self.export_options)

    def _export_graph(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export the graph"),
                                              "graph.svg", self.tr("SVG drawings (*.svg)"))
        if path:
            try:
                self.window.graph_panel.export_svg(path)
            except ExplorerError as exc:
                self.report(str(exc))

    def write_handout_to(self, path: Path | str) -> bool:
        from explorer.handout import best_path, write_handout
        state = self.state
        try:
            if state.selected is None:
                raise ExplorerError(self.tr("Select a structure (and a path) first: the "
                                            "handout explains one path."))
            chosen = state.chosen_path or best_path(state.graph, state.selected)
            write_handout(state.graph, chosen, state.language, path,
                          scene=self.view.scene_renderer.scene)
        except ExplorerError as exc:
            self.report(str(exc))
            return False
        self.window.statusBar().showMessage(self.tr("Wrote the handout {file}").format(
            file=path), 5000)
        return True

    def _handout(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Patient handout"),
                                              "handout.pdf", self.tr("PDF documents (*.pdf)"))
        if path:
            self.write_handout_to(path)

    # -- labels, posture ---------------------------------------------------------------
    def refresh_labels(self) -> None:
        state = self.state
        texts = {}
        # presentation always names what it shows, in larger type
        self.labels.scale = 1.6 if state.presenting else 1.0
        if (state.labels or state.presenting) and not state.names_hidden:
            scene = self.view.scene_renderer.scene
            ids = label_ids(state.paths, state.chosen_path, scene)
            if not ids and state.selected in scene:
                ids = [state.selected]
            texts = {i: name_of(state.graph, i, state.language) for i in ids}
        if texts or self.labels.texts:
            self.labels.show(texts)
            self.view.render()

    def _on_camera_moved(self, _camera, _event) -> None:
        if self.labels.texts and not self._label_timer.isActive():
            self._label_timer.start()

    def _on_rebuilt(self, scene) -> None:
        self.view.replace_scene(scene)
        self.refresh_labels()

    # -- presentation and animation --------------------------------------------------------
    def _toggle_presentation(self) -> None:
        if self.presentation.active:
            self.presentation.leave()
        else:
            self.animation.stop()
            self.presentation.enter()

    def animate_chosen_path(self) -> None:
        state = self.state
        if state.chosen_path is None and state.paths:
            state.choose_path(state.paths[0])
        if state.chosen_path is None:
            self.window.statusBar().showMessage(
                self.tr("Select a structure with a path to animate first."), 4000)
            return
        self.animation.play(state.chosen_path, 0, through=True)

    def _show_step_sentence(self, step: int) -> None:
        path = self.animation.path
        if path is None:
            return
        sentence = explain_path(self.state.graph, path, self.state.language,
                                getattr(self.state, "register", "patient"))[step].sentence
        self.window.statusBar().showMessage(f"{step + 1}/{len(path.edges)}  {sentence}",
                                            4000)

    # -- quiz --------------------------------------------------------------------------
    def start_quiz(self, seed: int | None = None, folder: Path | None = None) -> None:
        from explorer.quiz_panel import QuizPanel
        if self.quiz_panel is None or seed is not None or folder is not None:
            if self.quiz_dock is not None:
                self.window.removeDockWidget(self.quiz_dock)
                self.quiz_dock.deleteLater()
            # the 231 small intrinsic muscles are too small to spot or click in the whole
            # view, and would crowd out everything else: the quiz asks about the rest
            parts = [p.id for p in self.view.scene_renderer.scene.parts
                     if p.group != "intrinsic-muscles"]
            self.quiz_panel = QuizPanel(self.state, parts, seed=seed, folder=folder)
            self.quiz_dock = self._dock("quiz-dock", self.quiz_panel, Qt.RightDockWidgetArea)
            self.quiz_dock.setWindowTitle(self.tr("Self-test"))
            if self.quiz_panel.store.problem:
                self.window.statusBar().showMessage(self.quiz_panel.store.problem, 15000)
        self.quiz_dock.show()
        self.quiz_dock.raise_()
        self.actions["quiz"].blockSignals(True)
        self.actions["quiz"].setChecked(True)
        self.actions["quiz"].blockSignals(False)
        self.quiz_panel.ask()

    def stop_quiz(self) -> None:
        if self.quiz_panel is not None:
            self.quiz_panel.stop()
            self.quiz_dock.hide()
