"""The knowledge graph drawn in 2D beside the 3D view, in step with it.

Anatomical layout: each node where its structure projects on the coronal plane (the body
seen from the front, as in the 3D view's anterior camera), so the graph reads as a body
map; segments beside the spine at their level, chains in a column aside. Force layout: a
seeded spring layout. Clicking a node selects it (and the 3D view follows through the
ViewState); the selection's paths are drawn coloured by mechanism and dashed by evidence,
as in 3D (explorer/path_style.py). From the keyboard, the arrow keys walk the graph: to the
linked structure that lies in that direction on the drawing (any structure there when
none is linked), so a student can follow the links without a mouse.

Kept fast for a large graph: every plain link is one path item, nodes and labels keep
their size on screen whatever the zoom, and names show only for the selection, its paths
and the node under the mouse until the user zooms in (level of detail).
"""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (QApplication, QComboBox, QGraphicsEllipseItem, QGraphicsItem,
                               QGraphicsPathItem, QGraphicsScene, QGraphicsSimpleTextItem,
                               QGraphicsView, QHBoxLayout, QLabel, QVBoxLayout, QWidget)

from explorer.graph_layout import anatomical_layout, force_layout
from explorer.path_style import EVIDENCE_DASH, MECHANISM_COLOR
from explorer.view_state import ViewState
from graph.explain import name_of
from graph.export import atomic_write

__all__ = ["GraphPanel", "LAYOUTS"]

LAYOUTS = ("anatomical", "force")
NODE_RADIUS = 5.0
# Zoom (screen pixels per drawing unit, i.e. per millimetre in the anatomical layout)
# from which every node's name is shown.
ALL_LABELS_ZOOM = 1.6
CLICK_TOLERANCE_PX = 4
# arrow key -> direction on the drawing (Qt's y runs down)
ARROWS = {Qt.Key_Left: (-1.0, 0.0), Qt.Key_Right: (1.0, 0.0), Qt.Key_Up: (0.0, -1.0),
          Qt.Key_Down: (0.0, 1.0)}
FRAME_MIN = 160.0   # a chosen path is framed at least this big (drawing units, mm)
KIND_COLOR = {
    "vertebra": "#bfae84", "bone": "#bfae84", "disc": "#7fa8c4", "joint": "#9e9e9e",
    "ligament": "#7e57c2", "fascia": "#78909c", "muscle": "#c0504d", "organ": "#d9825b",
    "nerve": "#e0a800", "plexus": "#e0a800", "segment": "#5c6bc0", "region": "#ec7aa6",
    "limb": "#ec7aa6", "chain": "#43a047",
}
SELECTED_PEN = QColor("#1a8cff")
PATH_NODE_PEN = QColor("#ff6b1a")
PLAIN_LINK = QColor(150, 150, 160, 110)
BACKGROUND = QColor("#fbfbfc")


class _Node(QGraphicsEllipseItem):
    def __init__(self, node: str, color: str):
        r = NODE_RADIUS
        super().__init__(-r, -r, 2 * r, 2 * r)
        self.node = node
        self.setBrush(QBrush(QColor(color)))
        self.setPen(QPen(QColor(60, 60, 70), 0.8))
        # constant size on screen: a dot stays a dot, and the drawing scales for free
        self.setFlag(QGraphicsItem.ItemIgnoresTransformations)
        self.setAcceptHoverEvents(True)
        self.setZValue(2)
        self.label = QGraphicsSimpleTextItem(self)
        self.label.setPos(r + 2, -8)
        self.label.setBrush(QBrush(QColor(30, 30, 40)))
        self.label.setVisible(False)
        self.label_pinned = False   # selected or on a path: always named
        self.hovered = False

    def hoverEnterEvent(self, event) -> None:
        self.scene().state.hover(self.node)   # the 3D view lightens it too
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self.scene().state.hover(None)
        super().hoverLeaveEvent(event)

    def set_hovered(self, hovered: bool) -> None:
        """Under the mouse here or in the 3D view: named and on top."""
        self.hovered = hovered
        self.setZValue(4 if hovered else 3 if self.label_pinned else 2)
        scene = self.scene()
        self.label.setVisible(hovered or self.label_pinned or bool(scene and scene.all_labels))


class _Scene(QGraphicsScene):
    all_labels = False

    def __init__(self, panel: "GraphPanel"):
        super().__init__(panel)
        self.state = panel.state   # the nodes report the mouse to it


class _View(QGraphicsView):
    """Pans with a drag, zooms with the wheel, selects with a click."""

    def __init__(self, panel: "GraphPanel"):
        super().__init__(panel.graphics)
        self.panel = panel
        self.setRenderHint(QPainter.Antialiasing)
        self.setDragMode(QGraphicsView.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.SmartViewportUpdate)
        self.setBackgroundBrush(QBrush(BACKGROUND))
        self.setFocusPolicy(Qt.StrongFocus)   # the arrow keys walk the graph
        self.user_zoomed = False
        self._press = None

    def keyPressEvent(self, event) -> None:
        if event.key() in ARROWS and event.modifiers() == Qt.NoModifier:
            node = self.panel.node_toward(*ARROWS[event.key()])
            if node is not None:
                self.panel.state.select(node)
                self.ensureVisible(self.panel.nodes[node], 40, 40)
            event.accept()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.scale(1.15 ** steps, 1.15 ** steps)
            self.user_zoomed = True
            self.panel.update_labels()

    def mousePressEvent(self, event) -> None:
        self._press = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if self._press is None or event.button() != Qt.LeftButton:
            return
        moved = event.position() - self._press
        self._press = None
        if abs(moved.x()) <= CLICK_TOLERANCE_PX and abs(moved.y()) <= CLICK_TOLERANCE_PX:
            node = self.node_at(event.position().toPoint())
            self.panel.state.select(node)

    def node_at(self, point) -> str | None:
        for item in self.items(point):
            while item is not None and not isinstance(item, _Node):
                item = item.parentItem()
            if item is not None:
                return item.node
        return None

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self.user_zoomed:
            self.panel.fit()


class GraphPanel(QWidget):
    def __init__(self, state: ViewState, anchors: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.anchors = anchors
        self.graphics = _Scene(self)
        self.view = _View(self)
        self.layout_label = QLabel()
        self.layout_choice = QComboBox()
        self.layout_choice.addItems(["", ""])
        self.layout_choice.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.layout_choice.currentIndexChanged.connect(
            lambda index: self.set_layout(LAYOUTS[index]))
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.layout_label)
        top.addWidget(self.layout_choice)
        top.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.view, 1)
        column.addWidget(self.legend)
        self.layout_name = "anatomical"
        self._places: dict[str, dict] = {}
        self.nodes: dict[str, _Node] = {}
        self._path_items: list[QGraphicsPathItem] = []
        self._build()
        state.paths_changed.connect(self._show_paths)
        state.path_chosen.connect(self._show_paths)
        state.path_chosen.connect(lambda _path: self.frame_story())
        state.selection_changed.connect(self._on_selection)
        state.language_changed.connect(self._on_language)
        state.graph_changed.connect(self._on_graph)
        state.hover_changed.connect(self._on_hover)
        self._hovered: str | None = None
        self.retranslate()

    # -- building ---------------------------------------------------------------------
    def places(self, layout: str) -> dict:
        if layout not in self._places:
            graph = self.state.graph
            QApplication.setOverrideCursor(Qt.WaitCursor)   # a force layout takes seconds
            try:
                self._places[layout] = (anatomical_layout(graph, self.anchors)
                                        if layout == "anatomical" else force_layout(graph))
            finally:
                QApplication.restoreOverrideCursor()
        return self._places[layout]

    def _build(self) -> None:
        graph, lang = self.state.graph, self.state.language
        places = self.places(self.layout_name)
        self.graphics.clear()
        self._path_items = []
        self.nodes = {}
        links = QPainterPath()
        for u, v in {(u, v) if u < v else (v, u) for u, v in graph.edges()}:
            links.moveTo(*places[u])
            links.lineTo(*places[v])
        plain = QGraphicsPathItem(links)
        plain.setPen(QPen(PLAIN_LINK, 0))   # cosmetic: one pixel at any zoom
        plain.setZValue(0)
        self.graphics.addItem(plain)
        for node, attrs in graph.nodes(data=True):
            item = _Node(node, KIND_COLOR.get(attrs["kind"], "#9e9e9e"))
            item.setPos(*places[node])
            item.label.setText(name_of(graph, node, lang))
            item.setToolTip(self._tooltip(node))
            self.graphics.addItem(item)
            self.nodes[node] = item
        bounds = self.graphics.itemsBoundingRect()
        self.graphics.setSceneRect(bounds.adjusted(-80, -40, 160, 40))
        self._show_paths()

    def node_toward(self, dx: float, dy: float) -> str | None:
        """The node an arrow key in direction (dx, dy) walks to from the selection: of the
        nodes linked to it, the one most nearly that way on the drawing (nearness counts,
        straightness twice); if none is linked that way, any node that way. Without a
        selection, the node nearest the middle of the view."""
        here = self.state.selected
        if here not in self.nodes:
            centre = self.view.mapToScene(self.view.viewport().rect().center())
            return min(self.nodes, default=None, key=lambda n: (
                (self.nodes[n].pos() - centre).manhattanLength(), n))
        origin = self.nodes[here].pos()
        graph = self.state.graph
        linked = (set(graph.predecessors(here)) | set(graph.successors(here))) - {here}

        def cost(node: str) -> float | None:
            offset = self.nodes[node].pos() - origin
            along = offset.x() * dx + offset.y() * dy
            across = abs(offset.x() * dy - offset.y() * dx)
            return along + 2.0 * across if along > 0.5 * across and along > 0 else None
        for pool in ([n for n in linked if n in self.nodes], [n for n in self.nodes if n != here]):
            costs = [(c, n) for n in pool if (c := cost(n)) is not None]
            if costs:
                return min(costs)[1]
        return None

    def _tooltip(self, node: str) -> str:
        names = self.state.graph.nodes[node]["names"]
        return " / ".join(names[k] for k in ("en", "nl", "la") if k in names)

    def set_layout(self, layout: str) -> None:
        if layout not in LAYOUTS:
            raise ValueError(f"unknown layout {layout!r}")
        if self.layout_choice.currentIndex() != LAYOUTS.index(layout):
            self.layout_choice.setCurrentIndex(LAYOUTS.index(layout))  # comes back here
            return
        if layout != self.layout_name:
            self.layout_name = layout
            self._build()
            self.view.user_zoomed = False
            self.fit()

    def toggle_layout(self) -> None:
        self.set_layout(LAYOUTS[1 - LAYOUTS.index(self.layout_name)])

    def fit(self) -> None:
        self.view.fitInView(self.graphics.sceneRect(), Qt.KeepAspectRatio)
        self.update_labels()

    # -- observing the state ---------------------------------------------------------
    def _on_graph(self) -> None:
        self._places.clear()   # the layouts belong to the old graph
        self._build()
        self.fit()

    def _on_hover(self, node) -> None:
        """Name the structure under the mouse, here or in the 3D view."""
        for name, hovered in ((self._hovered, False), (node, True)):
            if name in self.nodes:
                self.nodes[name].set_hovered(hovered)
        self._hovered = node

    def _on_selection(self, node) -> None:
        if node in self.nodes:
            self.view.ensureVisible(self.nodes[node], 60, 60)

    def frame_story(self) -> None:
        """Zoom to the chosen path (names then show), or back out to the whole drawing."""
        path = self.state.chosen_path
        if path is None:
            self.view.user_zoomed = False
            self.fit()
            return
        places = self.places(self.layout_name)
        xs = [places[n][0] for n in path.nodes]
        ys = [places[n][1] for n in path.nodes]
        rect = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        grow_x, grow_y = max(0.0, FRAME_MIN - rect.width()) / 2, max(0.0, FRAME_MIN - rect.height()) / 2
        rect.adjust(-grow_x - 40, -grow_y - 40, grow_x + 120, grow_y + 40)  # names run right
        self.view.fitInView(rect, Qt.KeepAspectRatio)
        self.view.user_zoomed = True
        self.update_labels()

    def _show_paths(self, *_args) -> None:
        for item in self._path_items:
            self.graphics.removeItem(item)
        self._path_items = []
        places = self.places(self.layout_name)
        state = self.state
        chosen = state.chosen_path
        chosen_links = {id(e) for e in chosen.edges} if chosen is not None else set()
        drawn = set()
        for path in state.paths:
            for edge in path.edges:
                key = (edge["source"], edge["target"], edge["relation"], edge["evidence"])
                bold = id(edge) in chosen_links
                if (key, bold) in drawn:
                    continue
                drawn.add((key, bold))
                line = QPainterPath(QPointF(*places[edge["source"]]))
                line.lineTo(QPointF(*places[edge["target"]]))
                item = QGraphicsPathItem(line)
                color = QColor(MECHANISM_COLOR[edge["mechanism"]])
                if chosen is not None and not bold:
                    color.setAlpha(60)   # the chosen path stands out; the others stay in view
                pen = QPen(color, 5.0 if bold else 2.5)
                pen.setCosmetic(True)
                pen.setCapStyle(Qt.RoundCap)
                dash = EVIDENCE_DASH[edge["evidence"]]
                if dash is not None:
                    # Qt dash lengths are in pen widths; keep the 3D view's proportions
                    pen.setDashPattern([dash[0] / 2.5, dash[1] / 2.5] if dash[0] > 2
                                       else [0.01, 2.0])
                item.setPen(pen)
                item.setZValue(1.5 if bold else 1)
                item.setData(0, edge)
                self.graphics.addItem(item)
                self._path_items.append(item)
        on_path = state.highlighted
        for node, item in self.nodes.items():
            if node == state.selected:
                item.setPen(QPen(SELECTED_PEN, 3))
            elif node in on_path:
                item.setPen(QPen(PATH_NODE_PEN, 2.5))
            else:
                item.setPen(QPen(QColor(60, 60, 70), 0.8))
            item.label_pinned = node == state.selected or node in on_path
            item.setZValue(3 if item.label_pinned else 2)
        self.update_labels()

    def update_labels(self) -> None:
        """Level of detail: every name once zoomed in, else only the ones that matter; and
        no name drawn over another (the selection first, then its paths, then the rest)."""
        zoom = self.view.transform().m11()
        self.graphics.all_labels = zoom >= ALL_LABELS_ZOOM
        state = self.state
        chosen = set(state.chosen_path.nodes) if state.chosen_path is not None else set()

        def rank(node: str) -> int:
            return 0 if node == state.selected else 1 if node in chosen else 2

        candidates = sorted((rank(n), n) for n, item in self.nodes.items()
                            if item.label_pinned or self.graphics.all_labels)
        placed: list[QRectF] = []
        shown = set()
        for _, node in candidates:
            item = self.nodes[node]
            corner = self.view.mapFromScene(item.pos())
            box = item.label.boundingRect().translated(corner.x() + NODE_RADIUS + 2,
                                                       corner.y() - 8)
            if not any(box.intersects(other) for other in placed):
                placed.append(box)
                shown.add(node)
        for node, item in self.nodes.items():
            item.label.setVisible(node in shown or item.hovered)

    def _on_language(self, _lang) -> None:
        graph, lang = self.state.graph, self.state.language
        for node, item in self.nodes.items():
            item.label.setText(name_of(graph, node, lang))
        self.retranslate()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.layout_label.setText(self.tr("Graph layout:"))
        self.layout_choice.setItemText(0, self.tr("Anatomical (body map)"))
        self.layout_choice.setItemText(1, self.tr("Force (links pull together)"))
        self.legend.setText(self._legend_html())

    def _legend_html(self) -> str:
        mechanisms = {
            "structural": self.tr("part of"), "fascial": self.tr("fascia"),
            "ligamentous": self.tr("ligament"), "mechanical": self.tr("pressure or pull"),
            "neural": self.tr("nerve"), "visceral-referral": self.tr("referred from an organ"),
            "muscular": self.tr("muscle"),
        }
        colours = " ".join(f'<span style="color:{MECHANISM_COLOR[m]}">&#9632;</span>&nbsp;{label}'
                           for m, label in mechanisms.items())
        textbook, clinical, claim = (self.tr("textbook anatomy"), self.tr("clinical pattern"),
                                     self.tr("model or booklet"))
        styles = f"━━ {textbook} &nbsp; ╍╍ {clinical} &nbsp; ┈┈ {claim}"
        return f"<small>{colours}<br>{styles}</small>"

    # -- export -----------------------------------------------------------------------
    def export_svg(self, path) -> None:
        """Write what the panel shows (the drawing at its current zoom) as an SVG file."""
        viewport = self.view.viewport().rect()
        buffer = QBuffer()
        buffer.open(QIODevice.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(QSize(viewport.width(), viewport.height()))
        generator.setViewBox(QRectF(0, 0, viewport.width(), viewport.height()))
        generator.setTitle(self.tr("Fascia Explorer: knowledge graph"))
        painter = QPainter(generator)
        painter.setRenderHint(QPainter.Antialiasing)
        self.view.render(painter, QRectF(0, 0, viewport.width(), viewport.height()), viewport)
        painter.end()
        buffer.close()
        atomic_write(path, bytes(buffer.data()))
