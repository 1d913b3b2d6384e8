"""The everyday window driven through real input under Xvfb: hover, double-click, isolate,
fade, hide, layers, cameras, undo and redo, the graph panel in step with the 3D view, the
info panel, search, the language and the shortcuts dialog. One window for the module."""
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPen
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from explorer.graph_panel import SELECTED_PEN
from explorer.main_window import MainWindow
from explorer.path_style import EVIDENCE_DASH, MECHANISM_COLOR
from explorer.scene_renderer import FADED_OPACITY
from explorer.view_state import Visibility

pytestmark = pytest.mark.window
VALVE = "ileocecal-valve"
# What the 3D tests click: the first of these the front view shows (the scene grows, and
# what lies in front changes), as long as it lights referred-pain paths.
CANDIDATES = ("ileocecal-valve", "caecum", "stomach", "liver", "kidney-right", "bladder",
              "heart", "psoas-major-right", "sacrum", "L3")
TARGET = None


@pytest.fixture(scope="module")
def window(qapp, graph):
    window = MainWindow(graph)
    window.resize(1400, 900)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)
    QTest.qWaitForWindowActive(window, 2000)
    window.scene_view.render()
    yield window
    window.close()


@pytest.fixture
def win(window, qtbot):
    """The shared window, back to a plain start (through the model: this is set-up, not
    the capability under test)."""
    state = window.state
    state.set_language("en")
    state.select(None)
    state.set_visibility(Visibility())
    state.set_register("patient")
    window.scene_view.reset_view()
    window.scene_view.render()
    window.activateWindow()
    window.setFocus()
    yield window
    QApplication.processEvents()


def qt_point(window, x, y) -> QPoint:
    """VTK display pixel (origin bottom left) -> widget point for QTest."""
    widget = window.scene_view.vtk_widget
    height = window.scene_view.render_window.GetSize()[1]
    ratio = widget.devicePixelRatioF()
    return QPoint(round(x / ratio), round((height - 1 - y) / ratio))


def click_3d(window, x, y) -> None:
    QTest.mouseClick(window.scene_view.vtk_widget, Qt.LeftButton, Qt.NoModifier,
                     qt_point(window, x, y))


def keys(window, sequence: str) -> None:
    """Press a key sequence like 'Ctrl+Shift+Z' on the window, as a user would."""
    from PySide6.QtGui import QKeySequence
    combo = QKeySequence(sequence)[0]
    QTest.keyClick(QApplication.focusWidget() or window, combo.key(), combo.keyboardModifiers())


def visible_part(window, exclude=(), group=None):
    """Some part the 3D view shows from the current camera, and a pixel on it."""
    renderer = window.scene_view.scene_renderer
    width, height = window.scene_view.render_window.GetSize()
    for y in range(height // 8, height, height // 16):
        for x in range(width // 8, width, width // 24):
            part = renderer.pick(x, y)
            if part is not None and part not in exclude and (
                    group is None or renderer.scene[part].group == group):
                return part, (x, y)
    raise AssertionError("no visible part found")


def target_position(window):
    """The clicked structure (TARGET) and a pixel on it in the front view."""
    global TARGET
    renderer = window.scene_view.scene_renderer
    from graph.paths import referral_paths
    for part in ([TARGET] if TARGET else CANDIDATES):
        if part in renderer.scene and referral_paths(window.state.graph, part):
            position = renderer.display_position(part)
            if position is not None:
                TARGET = part
                return position
    raise AssertionError("none of the candidate structures is visible from the front")


def test_hover_lightens_and_names_the_part_under_the_mouse(win, qtbot):
    view = win.scene_view
    x, y = target_position(win)
    QTest.mouseMove(view.vtk_widget, qt_point(win, x, y))
    qtbot.waitUntil(lambda: view.hovered == TARGET, timeout=2000)
    assert view.hover_label.GetVisibility()
    assert graph_names(win, TARGET)["en"] in view.hover_label.GetInput()
    height = view.render_window.GetSize()[1]
    QTest.mouseMove(view.vtk_widget, qt_point(win, 3, height - 3))
    qtbot.waitUntil(lambda: view.hovered is None, timeout=2000)
    assert not view.hover_label.GetVisibility()


def test_double_click_flies_to_the_part_and_reset_comes_back(win, qtbot):
    view, renderer = win.scene_view, win.scene_view.scene_renderer
    camera = renderer.renderer.GetActiveCamera()
    start = np.array(camera.GetFocalPoint())
    distance = camera.GetDistance()
    x, y = target_position(win)
    QTest.mouseDClick(view.vtk_widget, Qt.LeftButton, Qt.NoModifier, qt_point(win, x, y))
    qtbot.waitUntil(lambda: win.state.selected == TARGET and not view.flying, timeout=4000)
    bounds = np.array(renderer.scene[TARGET].mesh.GetBounds())
    assert np.allclose(camera.GetFocalPoint(), (bounds[0::2] + bounds[1::2]) / 2, atol=0.5)
    assert camera.GetDistance() < distance / 2
    keys(win, "Ctrl+0")
    assert np.allclose(camera.GetFocalPoint(), start, atol=0.5)


def test_hide_fade_isolate_by_keys_with_undo_and_redo(win):
    state, renderer = win.state, win.scene_view.scene_renderer
    x, y = target_position(win)
    click_3d(win, x, y)
    assert state.selected == TARGET
    other, elsewhere = visible_part(win, exclude=state.highlighted | {TARGET})

    keys(win, "H")
    assert TARGET in state.visibility.hidden
    assert renderer.pick(x, y) != TARGET
    keys(win, "Ctrl+Z")
    assert TARGET not in state.visibility.hidden and state.selected == TARGET
    assert renderer.pick(x, y) == TARGET
    keys(win, "Ctrl+Shift+Z")
    assert TARGET in state.visibility.hidden
    keys(win, "Ctrl+Shift+H")
    assert state.visibility.hidden == frozenset()

    keys(win, "X")   # x-ray: see-through, and clicks pass through it
    group, index = renderer._layer_of[TARGET]
    layer = renderer.layers[group]
    assert layer.attributes.GetBlockOpacity(layer.blocks.GetBlock(index)) == pytest.approx(FADED_OPACITY)
    assert renderer.pick(x, y) != TARGET
    keys(win, "X")
    assert renderer.pick(x, y) == TARGET

    keys(win, "I")   # only the valve and its paths
    assert TARGET in state.visibility.isolated and other not in state.visibility.isolated
    assert renderer.pick(*elsewhere) != other
    assert renderer.pick(x, y) == TARGET
    keys(win, "I")
    assert renderer.pick(*elsewhere) == other

    keys(win, "Escape")
    assert state.selected is None
    keys(win, "Ctrl+Z")
    assert state.selected == TARGET


def test_layer_toggles_from_toolbar_and_keys(win):
    from explorer.actions import LAYER_KEYS
    state, renderer = win.state, win.scene_view.scene_renderer
    part, pixel = visible_part(win)
    layer = renderer.scene[part].group
    button = win.everyday.toolbar.widgetForAction(win.everyday.actions[f"layer-{layer}"])
    QTest.mouseClick(button, Qt.LeftButton)
    assert layer in state.visibility.hidden_layers
    assert not renderer.layers[layer].actor.GetVisibility()
    assert renderer.pick(*pixel) != part
    keys(win, f"Alt+{LAYER_KEYS.index(layer) + 1}")
    assert layer not in state.visibility.hidden_layers
    assert renderer.pick(*pixel) == part
    keys(win, "Ctrl+Z")   # visibility is in the history too
    assert layer in state.visibility.hidden_layers
    assert not win.everyday.actions[f"layer-{layer}"].isChecked()
    keys(win, "Ctrl+Shift+Z")


def test_camera_presets(win):
    camera = win.scene_view.scene_renderer.renderer.GetActiveCamera()
    keys(win, "Ctrl+2")   # posterior: the camera behind the body
    assert camera.GetPosition()[1] < camera.GetFocalPoint()[1] - 100
    keys(win, "Ctrl+3")   # right side
    assert camera.GetPosition()[0] > camera.GetFocalPoint()[0] + 100
    keys(win, "Ctrl+1")
    assert camera.GetPosition()[1] > camera.GetFocalPoint()[1] + 100


def test_graph_panel_selects_both_ways_and_draws_paths(win, qtbot, tmp_path):
    panel, state = win.graph_panel, win.state
    view = panel.view
    node = panel.nodes["sacrum"]
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier,
                     view.mapFromScene(node.scenePos()))
    assert state.selected == "sacrum"
    assert win.scene_view.scene_renderer.selected == "sacrum"

    click_3d(win, *target_position(win))
    assert state.selected == TARGET
    assert panel.nodes[TARGET].pen().color() == SELECTED_PEN
    drawn = panel._path_items
    assert drawn, "the valve's paths are drawn"
    styles = set()
    for item in drawn:
        edge = item.data(0)
        pen: QPen = item.pen()
        assert pen.color().name() == MECHANISM_COLOR[edge["mechanism"]]
        solid = EVIDENCE_DASH[edge["evidence"]] is None
        assert (pen.style() == Qt.SolidLine) == solid
        styles.add(pen.style())
    assert Qt.SolidLine in styles and Qt.CustomDashLine in styles
    assert panel.nodes[TARGET].label.isVisible()

    before = panel.nodes[TARGET].pos()
    keys(win, "Ctrl+G")
    assert panel.layout_name == "force" and panel.nodes[TARGET].pos() != before
    keys(win, "Ctrl+G")
    assert panel.layout_name == "anatomical" and panel.nodes[TARGET].pos() == before

    out = tmp_path / "graph.svg"
    panel.export_svg(out)
    svg = ET.parse(out).getroot()
    assert svg.tag.endswith("svg")
    from html import escape
    assert escape(graph_names(win, TARGET)["en"]) in out.read_text()


def test_info_panel_names_links_and_path_explanation(win, qtbot, graph):
    state, info = win.state, win.info_panel
    click_3d(win, *target_position(win))
    text = info.browser.toPlainText()
    names = graph.nodes[TARGET]["names"]
    for code, language in (("en", "English"), ("nl", "Dutch"), ("la", "Latin")):
        if code in names:
            assert f"{language}: {names[code]}" in text
    from explorer.info_panel import KIND_LABEL, RELATION_LABEL
    assert KIND_LABEL[graph.nodes[TARGET]["kind"]] in text
    _, neighbour, link = next(iter(graph.out_edges(TARGET, data=True)))
    assert RELATION_LABEL[link["relation"]][0] in text
    from graph.vocabulary import EVIDENCE_LABEL
    from graph.explain import cite
    assert EVIDENCE_LABEL["en"][link["evidence"]] in text
    assert cite(graph, link["sources"][0]) in text

    # a link in the panel is a real link: clicking a neighbour's name selects it
    browser = info.browser
    name = graph.nodes[neighbour]["names"]["en"]
    cursor = browser.document().find(name)
    while not cursor.isNull() and cursor.charFormat().anchorHref() != f"node:{neighbour}":
        cursor = browser.document().find(name, cursor)
    assert not cursor.isNull(), f"{neighbour} is listed as a link"
    rect = browser.cursorRect(cursor)
    QTest.mouseClick(browser.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center() - QPoint(3, 0))
    assert state.selected == neighbour

    click_3d(win, *target_position(win))
    keys(win, "Ctrl+Shift+P")
    tree = win.paths_panel.tree
    assert win.side_tabs.currentWidget() is win.paths_panel
    item = tree.topLevelItem(0)
    QTest.mouseClick(tree.viewport(), Qt.LeftButton, Qt.NoModifier,
                     tree.visualItemRect(item).center())
    assert state.chosen_path is state.paths[0]
    keys(win, "Ctrl+I")
    first = state.chosen_path.edges[0]["text"]["en"]
    assert "can be felt in the " in info.browser.toPlainText()
    assert first["patient"] in info.browser.toPlainText()
    keys(win, "Ctrl+Shift+W")
    assert state.register == "professional"
    assert first["professional"] in info.browser.toPlainText()
    keys(win, "Ctrl+]")
    assert state.chosen_path is state.paths[1 % len(state.paths)]


def test_search_completes_in_three_languages_and_enter_selects(win, qtbot):
    state, box = win.state, win.search_box
    keys(win, "Ctrl+F")
    assert box.hasFocus()
    QTest.keyClicks(box, "klep van bau")
    popup = box.completer_.popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    shown = [popup.model().index(i, 0).data() for i in range(popup.model().rowCount())]
    assert any("ileocaecal valve" in s for s in shown)
    QTest.keyClick(popup, Qt.Key_Down)
    QTest.keyClick(popup, Qt.Key_Return)
    assert state.selected == VALVE

    keys(win, "Ctrl+F")
    QTest.keyClicks(box, "heiligbeen")
    QTest.keyClick(box, Qt.Key_Escape)   # close the popup, then Enter in the box
    QTest.keyClick(box, Qt.Key_Return)
    assert state.selected == "sacrum"

    keys(win, "Ctrl+F")
    QTest.keyClicks(box, "vertebra lumbalis")   # Latin synonym or name
    QTest.keyClick(box, Qt.Key_Escape)
    QTest.keyClick(box, Qt.Key_Return)
    assert state.selected is not None and graph_kind(win, state.selected) == "vertebra"

    keys(win, "Ctrl+F")
    QTest.keyClicks(box, "zzqqxx")
    QTest.keyClick(box, Qt.Key_Return)
    assert "zzqqxx" in win.statusBar().currentMessage()


def graph_kind(win, node):
    return win.state.graph.nodes[node]["kind"]


def test_language_switches_interface_and_content_at_run_time(win, qtbot):
    click_3d(win, *target_position(win))
    keys(win, "Ctrl+Alt+N")
    # Qt posts LanguageChange to the windows: the panels retranslate a moment later
    qtbot.waitUntil(lambda: "Engels:" in win.info_panel.browser.toPlainText(), timeout=2000)
    assert win.state.language == "nl"
    titles = [a.text() for a in win.menuBar().actions()]
    assert "&Bewerken" in titles and "&Beeld" in titles
    assert win.everyday.actions["undo"].text() == "&Ongedaan maken"
    dutch = graph_names(win, TARGET)["nl"]
    assert f"Nederlands: {dutch}" in win.info_panel.browser.toPlainText()
    assert win.graph_panel.nodes[TARGET].label.text() == dutch
    assert win.side_tabs.tabText(0) == "Informatie"
    keys(win, "Ctrl+Alt+E")
    assert "&Edit" in [a.text() for a in win.menuBar().actions()]
    qtbot.waitUntil(lambda: "English:" in win.info_panel.browser.toPlainText(), timeout=2000)
    assert win.graph_panel.nodes[TARGET].label.text() == graph_names(win, TARGET)["en"]


def test_help_lists_every_shortcut(win, qtbot):
    keys(win, "F1")
    dialog = win.everyday.shortcuts_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    from PySide6.QtWidgets import QTableWidget
    table = dialog.findChild(QTableWidget)
    rows = {table.item(r, 1).text(): table.item(r, 0).text() for r in range(table.rowCount())}
    assert rows["Undo"] == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in rows["Redo"]
    for action in win.everyday.actions.values():
        assert action.shortcuts(), f"{action.text()} has no key"
        assert action.text().replace("&", "") in rows
    QTest.keyClick(table, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)


def graph_names(win, node):
    return win.state.graph.nodes[node]["names"]


def _drag(view, start: QPoint, steps: int, moved) -> None:
    """A real left-button drag through Qt: press, ``steps`` moves, release. ``moved()`` is
    called after each move, while the button is still down."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent
    widget = view.vtk_widget

    def send(kind, point, buttons):
        point = QPointF(point)
        QApplication.sendEvent(widget, QMouseEvent(kind, point, widget.mapToGlobal(point),
                                                   Qt.LeftButton, buttons, Qt.NoModifier))
    send(QEvent.MouseButtonPress, start, Qt.LeftButton)
    for step in range(1, steps + 1):
        send(QEvent.MouseMove, start + QPoint(10 * step, 0), Qt.LeftButton)
        moved()
    send(QEvent.MouseButtonRelease, start + QPoint(10 * steps, 0), Qt.NoButton)


def test_dragging_draws_light_proxies_and_the_full_scene_when_the_camera_stops(win, qtbot):
    view, renderer = win.scene_view, win.scene_view.scene_renderer
    qtbot.waitUntil(lambda: renderer.has_proxies, timeout=90_000)   # made after the 1st frame
    camera = renderer.renderer.GetActiveCamera()
    before = np.array(camera.GetPosition())
    frames = []   # per frame drawn: (proxies drawn, full meshes drawn, OIT on)
    observer = view.render_window.AddObserver("StartEvent", lambda *_: frames.append((
        any(layer.proxy.actor.GetVisibility() for layer in renderer.layers.values()),
        any(layer.actor.GetVisibility() for layer in renderer.layers.values()),
        bool(renderer.renderer.GetUseOIT()))))
    try:
        light = []
        start = QPoint(view.vtk_widget.width() // 3, view.vtk_widget.height() // 2)
        _drag(view, start, 6, lambda: light.append(sum(
            layer.proxy.blocks.GetBlock(i).GetNumberOfPolys()
            for layer in renderer.layers.values() if layer.proxy.actor.GetVisibility()
            for i in range(len(layer.part_ids)))))
        assert not np.allclose(camera.GetPosition(), before)   # the drag turned the camera
        assert frames and all(f == (True, False, False) for f in frames)   # light, no OIT
        full = sum(part.mesh.GetNumberOfPolys() for part in renderer.scene.parts)
        assert 0 < max(light) < 0.15 * full
        qtbot.waitUntil(lambda: not renderer.interacting, timeout=2000)
        assert frames[-1] == (False, True, True)   # the camera stopped: the full scene again
        # the wheel zooms with a light frame too, and the full one follows
        from PySide6.QtCore import QPointF
        from PySide6.QtGui import QWheelEvent
        frames.clear()
        widget = view.vtk_widget
        centre = QPointF(widget.width() / 2, widget.height() / 2)
        distance = camera.GetDistance()
        QApplication.sendEvent(widget, QWheelEvent(
            centre, widget.mapToGlobal(centre), QPoint(0, 0), QPoint(0, 120), Qt.NoButton,
            Qt.NoModifier, Qt.NoScrollPhase, False))
        assert camera.GetDistance() < distance
        assert frames and frames[0] == (True, False, False)
        qtbot.waitUntil(lambda: frames[-1] == (False, True, True), timeout=2000)
    finally:
        view.render_window.RemoveObserver(observer)
    # a click is not a drag: it selects, and the scene it lights is drawn in full at once
    x, y = target_position(win)
    frames.clear()
    click_3d(win, x, y)
    qtbot.waitUntil(lambda: win.state.selected == TARGET, timeout=2000)
    assert not renderer.interacting


def test_arrow_keys_walk_the_graph_along_its_links(win, qtbot):
    panel, state = win.graph_panel, win.state
    view = panel.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    QTest.keyClick(view, Qt.Key_Right)          # nothing selected: the node mid-view
    assert state.selected in panel.nodes
    state.select(VALVE)                         # set-up through the model
    graph = state.graph
    linked = set(graph.predecessors(VALVE)) | set(graph.successors(VALVE))
    start = panel.nodes[VALVE].pos()
    for key, check in ((Qt.Key_Down, lambda p: p.y() > start.y()),
                       (Qt.Key_Up, lambda p: p.y() < start.y()),
                       (Qt.Key_Left, lambda p: p.x() < start.x()),
                       (Qt.Key_Right, lambda p: p.x() > start.x())):
        state.select(VALVE)
        QTest.keyClick(view, key)
        step = state.selected
        assert step != VALVE and check(panel.nodes[step].pos()), (key, step)
        # a linked structure when one lies that way
        if any(n in panel.nodes and check(panel.nodes[n].pos()) for n in linked):
            assert step in linked, (key, step)
    # the 3D view follows the keyboard's selection like a click's
    assert win.scene_view.scene_renderer.selected in (state.selected, None)
    names = [keys for keys, _ in win.everyday.shortcut_rows()]
    assert any("Arrow" in keys for keys in names)


def test_hover_in_one_view_shows_in_the_other(win, qtbot):
    view, panel = win.scene_view, win.graph_panel
    # the mouse over a part in 3D: the graph names its node
    x, y = target_position(win)
    QTest.mouseMove(view.vtk_widget, qt_point(win, x, y))
    qtbot.waitUntil(lambda: view.hovered == TARGET, timeout=2000)
    node = panel.nodes[TARGET]
    assert node.hovered and node.label.isVisible()
    height = view.render_window.GetSize()[1]
    QTest.mouseMove(view.vtk_widget, qt_point(win, 3, height - 3))
    qtbot.waitUntil(lambda: view.hovered is None, timeout=2000)
    assert not panel.nodes[TARGET].hovered
    # the mouse over a node in the graph: the 3D view lightens its part
    other = next(p for p in ("sacrum", "L3", "kidney-right") if p in panel.nodes and p != TARGET)
    panel.view.centerOn(panel.nodes[other])
    QApplication.processEvents()
    point = panel.view.mapFromScene(panel.nodes[other].scenePos())
    viewport = panel.view.viewport()

    def move(to: QPoint) -> None:   # a plain mouse move, no button held (QTest's own
        from PySide6.QtCore import QEvent, QPointF   # can carry a button from a double-click)
        from PySide6.QtGui import QMouseEvent
        at = QPointF(to)
        QApplication.sendEvent(viewport, QMouseEvent(QEvent.MouseMove, at, viewport.mapToGlobal(at),
                                                     Qt.NoButton, Qt.NoButton, Qt.NoModifier))
    move(point + QPoint(30, 30))
    move(point)
    qtbot.waitUntil(lambda: view.scene_renderer.hovered == other, timeout=2000)
    assert panel.nodes[other].label.isVisible()
    move(point + QPoint(200, 200))
    qtbot.waitUntil(lambda: view.scene_renderer.hovered is None, timeout=2000)
