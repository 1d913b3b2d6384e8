"""A long session in a real window: thousands of random interactions (clicks, drags,
cameras, language, presentation mode, search, exports), no exception, memory bounded,
every export valid. `make test` runs a short form; `make soak` the full one
(SOAK_STEPS=3000)."""
import ctypes
import os
import random
import time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from vtkmodules.vtkIOImage import vtkPNGReader

from explorer.main_window import MainWindow

pytestmark = pytest.mark.window

STEPS = int(os.environ.get("SOAK_STEPS", "150"))
SECONDS = float(os.environ.get("SOAK_SECONDS", "60"))
# Growth allowed after warm-up: caches (picking locators, glyph atlases, Python objects)
# settle in the first interactions; a leak per interaction would exceed this in a soak.
RSS_GROWTH_LIMIT_MB = 60


def rss_mb() -> float:
    """Resident memory after giving freed heap back to the system. Without the trim, RSS
    keeps what glibc holds on to after large frees (full-screen framebuffers on a resize,
    label textures): measured +1 MB per resize and all of it returned by malloc_trim, so
    it is retention, not a leak. A real leak survives the trim."""
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def test_soak(qtbot, graph, tmp_path):
    window = MainWindow(graph)
    qtbot.addWidget(window)
    window.resize(1100, 750)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    QTest.qWaitForWindowActive(window, 2000)
    view = window.scene_view
    widget = view.vtk_widget
    renderer = view.scene_renderer
    # what the window makes once after its first frame (the light proxies) is warm-up too
    qtbot.waitUntil(lambda: renderer.has_proxies, timeout=90000)
    rng = random.Random(20261125)
    part_ids = [part.id for part in renderer.scene.parts]
    exports = 0
    started = time.monotonic()
    baseline = None

    def to_qt(x, y):
        height = view.render_window.GetSize()[1]
        ratio = widget.devicePixelRatioF()
        return QPoint(round(x / ratio), round((height - 1 - y) / ratio))

    step = 0
    for step in range(STEPS):
        if step == min(50, STEPS // 4):
            baseline = rss_mb()
        if time.monotonic() - started > SECONDS:
            break
        action = rng.random()
        if action < 0.30:   # click a structure
            position = renderer.display_position(rng.choice(part_ids))
            if position:
                QTest.mouseClick(widget, Qt.LeftButton, Qt.NoModifier, to_qt(*position))
        elif action < 0.45:  # click anywhere, often empty space
            QTest.mouseClick(widget, Qt.LeftButton, Qt.NoModifier,
                             QPoint(rng.randrange(widget.width()), rng.randrange(widget.height())))
        elif action < 0.65:  # drag to rotate
            start = QPoint(rng.randrange(50, widget.width() - 50),
                           rng.randrange(50, widget.height() - 50))
            QTest.mousePress(widget, Qt.LeftButton, Qt.NoModifier, start)
            for k in range(1, 4):
                QTest.mouseMove(widget, start + QPoint(k * rng.randint(-15, 15), k * rng.randint(-15, 15)))
            QTest.mouseRelease(widget, Qt.LeftButton, Qt.NoModifier, start + QPoint(20, 5))
        elif action < 0.75:  # camera preset by its shortcut
            QTest.keyClick(window, Qt.Key(Qt.Key_1 + rng.randrange(6)), Qt.ControlModifier)
        elif action < 0.82:
            QTest.keyClick(window, Qt.Key_Escape)
        elif action < 0.86:
            window.state.set_language(rng.choice(["en", "nl"]))
        elif action < 0.88:  # a story in presentation mode, stepped, then left
            QTest.keyClick(window, Qt.Key_F5)
            for _ in range(rng.randint(1, 3)):
                QTest.keyClick(QApplication.focusWidget() or window, Qt.Key_Right)
            QTest.keyClick(QApplication.focusWidget() or window, Qt.Key_Escape)
            assert not window.state.presenting
        elif action < 0.90:  # search by a name in any language, Enter selects
            box = window.search_box
            box.clear()
            QTest.keyClicks(box, rng.choice(["klep van bauhin", "heiligbeen", "psoas",
                                             "nervus ischiadicus", "nier", "zzzq"]))
            QTest.keyClick(box, Qt.Key_Return)
        elif action < 0.95:  # export the view, as an author does, and read it back
            out = tmp_path / f"export {exports % 3}.png"
            renderer.save_png(str(out), transparent=rng.random() < 0.5)
            reader = vtkPNGReader()
            reader.SetFileName(str(out))
            reader.Update()
            assert reader.GetOutput().GetDimensions()[:2] == tuple(view.render_window.GetSize())
            exports += 1
        else:
            qtbot.wait(5)
    growth = rss_mb() - (baseline or rss_mb())
    print(f"soak: {step + 1} interactions in {time.monotonic() - started:.1f} s, "
          f"{exports} exports, RSS growth after warm-up {growth:.1f} MB")
    assert growth < RSS_GROWTH_LIMIT_MB
    window.close()
