"""A real window under Xvfb, clicked through Qt into VTK picking."""
import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkRenderingCore import vtkWindowToImageFilter

from explorer.main_window import MainWindow
from explorer.scene_renderer import HIGHLIGHT_COLOR

pytestmark = pytest.mark.window


@pytest.fixture
def window(qtbot, graph):
    window = MainWindow(graph)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.scene_view.render()
    yield window
    window.close()


def click_at_display(window, x, y):
    """Click the 3D view at VTK display pixel (x, y), origin bottom left, through Qt."""
    widget = window.scene_view.vtk_widget
    height = window.scene_view.render_window.GetSize()[1]
    ratio = widget.devicePixelRatioF()
    QTest.mouseClick(widget, Qt.LeftButton, Qt.NoModifier,
                     QPoint(round(x / ratio), round((height - 1 - y) / ratio)))


def screenshot(window) -> np.ndarray:
    window.scene_view.render()
    grab = vtkWindowToImageFilter()
    grab.SetInput(window.scene_view.render_window)
    grab.ReadFrontBufferOff()
    grab.Update()
    image = grab.GetOutput()
    width, height, _ = image.GetDimensions()
    return vtk_to_numpy(image.GetPointData().GetScalars()).reshape(height, width, -1)


def count_near(pixels: np.ndarray, color, tolerance=40) -> int:
    target = np.array(color) * 255
    return int((np.abs(pixels[..., :3].astype(int) - target).max(axis=-1) < tolerance).sum())


def test_clicking_the_valve_lights_its_paths(window):
    renderer = window.scene_view.scene_renderer
    before = screenshot(window)
    position = renderer.display_position("ileocecal-valve")
    assert position is not None, "the valve is visible from the front"
    click_at_display(window, *position)

    assert window.state.selected == "ileocecal-valve"
    ends = {path.nodes[-1] for path in window.state.paths}
    assert {"sacrum", "leg-right"} <= ends
    assert {"ileocecal-valve", "caecum", "psoas-major-right", "sacrum",
            "femoral-nerve-right"} <= renderer.highlighted
    assert "C3" not in renderer.highlighted
    # the paths panel lists every path, with evidence and sources under each step
    tree = window.paths_panel.tree
    assert tree.topLevelItemCount() == len(window.state.paths)
    texts = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert any("sacrum" in text for text in texts)
    first_step = tree.topLevelItem(0).child(0).text(0)
    citations = [source["citation"] for source in window.state.graph.graph["sources"].values()]
    assert any(citation.rstrip(".") in first_step for citation in citations), first_step

    # and it shows: where we clicked is now the selection's blue, and the lit paths' orange
    # covers much more of the view than before
    after = screenshot(window)
    x, y = position
    red, green, blue = (int(c) for c in after[y, x, :3])
    assert blue > red + 60 and blue > green + 20, (red, green, blue)
    assert count_near(after, HIGHLIGHT_COLOR, 60) > count_near(before, HIGHLIGHT_COLOR, 60) + 500


def test_clicking_empty_space_clears(window):
    renderer = window.scene_view.scene_renderer
    click_at_display(window, *renderer.display_position("ileocecal-valve"))
    assert window.state.selected == "ileocecal-valve"
    # the top left corner of the view is background
    height = window.scene_view.render_window.GetSize()[1]
    assert renderer.pick(5, height - 5) is None
    click_at_display(window, 5, height - 5)
    assert window.state.selected is None
    assert window.paths_panel.tree.topLevelItemCount() == 0
    assert renderer.highlighted == frozenset()


def test_drag_rotates_instead_of_selecting(window, qtbot):
    renderer = window.scene_view.scene_renderer
    widget = window.scene_view.vtk_widget
    x, y = renderer.display_position("ileocecal-valve")
    height = window.scene_view.render_window.GetSize()[1]
    ratio = widget.devicePixelRatioF()
    start = QPoint(round(x / ratio), round((height - 1 - y) / ratio))
    camera = renderer.renderer.GetActiveCamera()
    before = camera.GetPosition()
    QTest.mousePress(widget, Qt.LeftButton, Qt.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(widget, start + QPoint(step * 12, 0))
    QTest.mouseRelease(widget, Qt.LeftButton, Qt.NoModifier, start + QPoint(60, 0))
    assert window.state.selected is None
    assert camera.GetPosition() != before


def test_language_switch_redraws_panel_in_dutch(window):
    renderer = window.scene_view.scene_renderer
    click_at_display(window, *renderer.display_position("ileocecal-valve"))
    window.state.set_language("nl")
    assert "klep van Bauhin" in window.paths_panel.title.text()
