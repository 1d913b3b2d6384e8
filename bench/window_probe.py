"""One measured run of a window, in its own process so start-up and memory are honest.

    python -m bench.window_probe full|bare START_EPOCH

`full` opens the explorer with the whole scene; `bare` the floor: a plain PySide6 window
holding an empty VTK view. Prints one JSON line of measurements.
"""
import json
import os
import resource
import statistics
import sys
import time


def drag_frames(app, view, steps: int = 40) -> list[float]:
    """Milliseconds per mouse move of a real left-button drag across the view: each move
    goes through Qt into VTK's trackball style, which turns the camera and renders."""
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent

    def send(kind, x, buttons):
        point = QPointF(x, view.height() / 2)
        event = QMouseEvent(kind, point, view.mapToGlobal(point), Qt.LeftButton, buttons,
                            Qt.NoModifier)
        app.sendEvent(view, event)

    start = view.width() / 4
    send(QEvent.MouseButtonPress, start, Qt.LeftButton)
    frames = []
    for step in range(1, steps + 1):
        t = time.perf_counter()
        send(QEvent.MouseMove, start + 8 * step, Qt.LeftButton)
        frames.append((time.perf_counter() - t) * 1000)
    send(QEvent.MouseButtonRelease, start + 8 * steps, Qt.NoButton)
    return frames


def settle(app, seconds: float) -> None:
    """Let queued work run (the view's full-detail frame after a drag, the proxies)."""
    end = time.time() + seconds
    while time.time() < end:
        app.processEvents()
        time.sleep(0.01)


def main() -> None:
    mode, started = sys.argv[1], float(sys.argv[2])
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication.instance() or QApplication([])
    drawn: list[float] = []   # the first frame is the end of the first render (Qt's paint)
    if mode == "full":
        from explorer.gl_check import check_display_opengl
        from explorer.main_window import MainWindow
        from graph.knowledge import load_knowledge
        # the steps of `main.py` (explorer.main_window.run), the OpenGL check included
        graph = load_knowledge()
        check_display_opengl()
        window = MainWindow(graph)
        scene_view = window.scene_view
        view = scene_view.vtk_widget
        render_window = window.scene_view.render_window
        renderer = window.scene_view.scene_renderer.renderer
        view.setFixedSize(1280, 800)  # the same GL area for the scene and its floor
        render_window.AddObserver("EndEvent", lambda *_: drawn or drawn.append(time.time()))
        window.show()
    else:
        import vtkmodules.vtkRenderingOpenGL2  # noqa: F401
        from vtkmodules.qt.QVTKRenderWindowInteractor import QVTKRenderWindowInteractor
        from vtkmodules.vtkInteractionStyle import vtkInteractorStyleTrackballCamera
        from vtkmodules.vtkRenderingCore import vtkRenderer
        window = QMainWindow()
        view = QVTKRenderWindowInteractor(window)
        window.setCentralWidget(view)
        render_window = view.GetRenderWindow()
        render_window.SetMultiSamples(0)
        renderer = vtkRenderer()
        render_window.AddRenderer(renderer)
        style = vtkInteractorStyleTrackballCamera()   # the explorer's, for the same drag
        render_window.GetInteractor().SetInteractorStyle(style)
        view.Initialize()
        view.setFixedSize(1280, 800)  # the same GL area for the scene and its floor
        render_window.AddObserver("EndEvent", lambda *_: drawn or drawn.append(time.time()))
        window.show()
    QTest.qWaitForWindowExposed(window)
    if not drawn:
        render_window.Render()
    first_frame = drawn[0] - started

    # frame time while orbiting: a real drag, once the window has made what it makes after
    # its first frame (the full window's light proxies for a moving camera)
    if mode == "full":
        waited = time.time()
        while not scene_view.scene_renderer.has_proxies and time.time() - waited < 300:
            settle(app, 0.05)
    frames = drag_frames(app, view)
    settle(app, 0.3)
    result = {"first_frame_s": first_frame, "frame_ms": statistics.median(frames[5:]),
              "view_size": list(render_window.GetSize())}
    if mode == "full":
        # the frame a still camera gets, for comparison (not a target)
        still = []
        for _ in range(10):
            renderer.GetActiveCamera().Azimuth(4)
            t = time.perf_counter()
            render_window.Render()
            still.append((time.perf_counter() - t) * 1000)
        result["still_frame_ms"] = statistics.median(still[2:])
        scene_renderer = window.scene_view.scene_renderer
        scene_renderer.set_view("anterior")
        render_window.Render()
        plain = []
        for _ in range(10):
            t = time.perf_counter()
            render_window.Render()
            plain.append((time.perf_counter() - t) * 1000)
        x, y = scene_renderer.display_position("ileocecal-valve")
        height = render_window.GetSize()[1]
        ratio = view.devicePixelRatioF()
        point = QPoint(round(x / ratio), round((height - 1 - y) / ratio))
        clicks = []
        for _ in range(7):
            t = time.perf_counter()
            QTest.mouseClick(view, Qt.LeftButton, Qt.NoModifier, point)   # select and draw
            clicks.append((time.perf_counter() - t) * 1000)
            assert window.state.selected == "ileocecal-valve"
            QTest.keyClick(window, Qt.Key_Escape)                          # clear again
        result.update(click_ms=statistics.median(clicks), plain_render_ms=statistics.median(plain))
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result), flush=True)
    window.close()
    os._exit(0)  # skip interpreter teardown: it is not what we measure


if __name__ == "__main__":
    main()
