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


def main() -> None:
    mode, started = sys.argv[1], float(sys.argv[2])
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication.instance() or QApplication([])
    if mode == "full":
        from explorer.main_window import MainWindow
        from graph.knowledge import load_knowledge
        window = MainWindow(load_knowledge())
        view = window.scene_view.vtk_widget
        render_window = window.scene_view.render_window
        renderer = window.scene_view.scene_renderer.renderer
    else:
        import vtkmodules.vtkRenderingOpenGL2  # noqa: F401
        from vtkmodules.qt.QVTKRenderWindowInteractor import QVTKRenderWindowInteractor
        from vtkmodules.vtkRenderingCore import vtkRenderer
        window = QMainWindow()
        view = QVTKRenderWindowInteractor(window)
        window.setCentralWidget(view)
        render_window = view.GetRenderWindow()
        render_window.SetMultiSamples(0)
        renderer = vtkRenderer()
        render_window.AddRenderer(renderer)
        view.Initialize()
    view.setFixedSize(1280, 800)  # the same GL area for the scene and its floor
    window.show()
    QTest.qWaitForWindowExposed(window)
    render_window.Render()
    first_frame = time.time() - started

    # frame time while orbiting
    camera = renderer.GetActiveCamera()
    frames = []
    for _ in range(40):
        camera.Azimuth(4)
        t = time.perf_counter()
        render_window.Render()
        frames.append((time.perf_counter() - t) * 1000)

    result = {"first_frame_s": first_frame, "frame_ms": statistics.median(frames[5:]),
              "view_size": list(render_window.GetSize())}
    if mode == "full":
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
