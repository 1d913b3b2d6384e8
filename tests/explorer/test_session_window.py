"""The osteopath's, the author's and the student's tools, driven through the real window under
Xvfb: keys and clicks in, real files out and read back."""
import json
import subprocess
import time

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from explorer.export_dialog import ExportImageDialog
from explorer.main_window import MainWindow
from explorer.scene_file import SceneSpec, load_scene
from models.spine import Posture
from tests.explorer.test_figures_export import png_dpi, read_png
from tests.explorer.test_window_click import click_at_display

pytestmark = pytest.mark.window


@pytest.fixture(scope="module")
def shared_window(qapp, graph):
    window = MainWindow(graph)   # built once: the scene takes a while
    window.resize(1200, 800)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)
    QTest.qWaitForWindowActive(window, 2000)
    window.scene_view.render()
    yield window
    window.session.presentation.leave()
    QApplication.processEvents()   # let deferred renders run while the view still exists
    window.close()
    QApplication.processEvents()


@pytest.fixture
def window(shared_window, qtbot, monkeypatch):
    """The shared window back at a plain start; dialogs' warnings collected, not shown."""
    window = shared_window
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a, **k: warnings.append(text))
    window.warnings = warnings
    session, state = window.session, window.state
    session.presentation.leave()
    session.stop_quiz()
    session.animation.stop()
    session.scene_file = None
    state.set_language("en")
    state.select(None)
    state.show_all()
    state.set_labels(False)
    if state.posture != Posture():
        state.set_posture(Posture())
    qtbot.waitUntil(lambda: window.scene_view.scene_renderer.scene.posture == Posture()
                    and not session.rebuilder.busy, timeout=300000)
    window.scene_view.reset_view()
    window.activateWindow()
    window.setFocus()
    yield window
    QApplication.processEvents()


def answer_file_dialog(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def press(window, key, modifiers=Qt.NoModifier):
    """A key as the user presses it: to whatever has the focus in the window."""
    QTest.keyClick(QApplication.focusWidget() or window, key, modifiers)


def test_save_and_open_a_view_through_the_file_menu(window, qtbot, monkeypatch, tmp_path):
    state, session = window.state, window.session
    state.select("ileocecal-valve")
    state.choose_path(state.paths[1])
    state.set_layer_visible("skin", False)
    state.set_language("nl")
    state.set_labels(True)
    window.scene_view.set_view("oblique")
    camera = window.scene_view.scene_renderer.camera_state()
    file = tmp_path / "sessie één.fxview.json"
    answer_file_dialog(monkeypatch, file)
    press(window, Qt.Key_S, Qt.ControlModifier)
    assert file.exists() and not window.warnings
    saved = load_scene(file, state.graph)
    assert saved.selection == "ileocecal-valve" and saved.path == list(state.paths[1].nodes)
    assert saved.language == "nl" and saved.labels and saved.visibility["hidden_layers"] == ["skin"]

    # change everything, then open the file again: all of it comes back
    state.select("caecum")
    state.set_language("en")
    state.set_labels(False)
    state.show_all()
    state.set_layer_visible("skin", True)
    window.scene_view.set_view("posterior")
    press(window, Qt.Key_O, Qt.ControlModifier)
    assert state.selected == "ileocecal-valve"
    assert state.chosen_path is not None and list(state.chosen_path.nodes) == saved.path
    assert state.language == "nl" and state.labels
    assert "skin" in state.visibility.hidden_layers
    after = window.scene_view.scene_renderer.camera_state()
    assert np.allclose(after["position"], camera["position"])
    assert session.labels.texts, "labels are drawn again"


def test_a_bad_view_file_is_refused_and_never_overwritten(window, monkeypatch, tmp_path):
    state, session = window.state, window.session
    good = tmp_path / "good.json"
    state.select("caecum")
    assert session.save_view_to(good)
    broken = tmp_path / "broken.json"
    text = good.read_text("utf-8")[:40]
    broken.write_text(text, "utf-8")
    state.select("ileocecal-valve")
    answer_file_dialog(monkeypatch, broken)
    press(window, Qt.Key_O, Qt.ControlModifier)
    assert len(window.warnings) == 1 and "truncated or corrupted" in window.warnings[0]
    assert state.selected == "ileocecal-valve", "the view did not change"
    # Save goes to the last good file, never over the broken one
    press(window, Qt.Key_S, Qt.ControlModifier)
    assert broken.read_text("utf-8") == text
    assert load_scene(good).selection == "ileocecal-valve"
    # even when asked to, it will not write over it
    answer_file_dialog(monkeypatch, broken)
    press(window, Qt.Key_S, Qt.ControlModifier | Qt.ShiftModifier)
    assert "refusing to overwrite" in window.warnings[-1]
    assert broken.read_text("utf-8") == text
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({**SceneSpec().to_json(), "version": 7}), "utf-8")
    assert not session.open_view_from(newer)
    assert "newer Fascia Explorer" in window.warnings[-1]


def test_export_a_print_size_image_with_transparency(window, monkeypatch, tmp_path):
    window.state.select("ileocecal-valve")

    def fill_in(dialog):
        combo = dialog.preset
        combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemData(i)
                                   and tuple(combo.itemData(i)) == (3000, 2000, 300)))
        dialog.transparent.setChecked(True)
        dialog.labels.setChecked(True)
        assert dialog.print_size.text().startswith("25.4 × 16.9")
        return ExportImageDialog.Accepted
    monkeypatch.setattr(ExportImageDialog, "exec", fill_in)
    out = tmp_path / "figuur 3.png"
    answer_file_dialog(monkeypatch, out)
    press(window, Qt.Key_E, Qt.ControlModifier)
    assert not window.warnings
    pixels = read_png(out)
    assert pixels.shape == (2000, 3000, 4)
    assert pixels[0, 0, 3] == 0 and (pixels[..., 3] == 255).sum() > 50_000
    assert round(png_dpi(out)) == 300
    # a folder that does not exist: one message, no file
    assert not window.session.export_image_to(tmp_path / "no" / "x.png",
                                              window.session.export_options)
    assert "does not exist" in window.warnings[-1]


def test_export_the_graph_as_svg(window, monkeypatch, tmp_path):
    out = tmp_path / "graph.svg"
    answer_file_dialog(monkeypatch, out)
    window.state.select("ileocecal-valve")
    press(window, Qt.Key_E, Qt.ControlModifier | Qt.ShiftModifier)
    text = out.read_text("utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text


def test_labels_toggle_with_a_key_and_follow_the_language(window, qtbot):
    state, session = window.state, window.session
    state.select("ileocecal-valve")
    press(window, Qt.Key_L)
    assert state.labels and session.actions["labels"].isChecked()
    assert "ileocaecal valve" in session.labels.texts.values()
    state.set_language("nl")
    assert "klep van Bauhin" in session.labels.texts.values()
    press(window, Qt.Key_L)
    assert not state.labels and not session.labels.texts


def test_posture_sliders_rebuild_the_scene_off_the_ui_thread(window, qtbot):
    session, state = window.session, window.state
    press(window, Qt.Key_F7)
    assert session.posture_dock.isVisible()
    renderer = window.scene_view.scene_renderer
    qtbot.waitUntil(lambda: renderer.has_proxies, timeout=90000)   # made after the 1st frame
    before = renderer.scene["L1"].center
    slider = session.posture_panel.sliders["lumbar_lordosis"]
    slider.setFocus()
    ticks = []
    probe = QTimer(interval=10)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    probe.start()
    with qtbot.waitSignal(session.rebuilder.rebuilt, timeout=300000):
        for _ in range(4):
            QTest.keyClick(slider, Qt.Key_PageDown)   # 4 x 5 degrees less lordosis
    probe.stop()
    assert state.posture.lumbar_lordosis == pytest.approx(40.0)
    assert renderer.scene.posture == state.posture
    assert np.linalg.norm(renderer.scene["L1"].center - before) > 3.0, "L1 moved"
    # the light proxies for a moving camera came along at once, in the new posture
    assert renderer.has_proxies and not window.scene_view.proxy_loader.running
    bones = renderer.layers["bones"]
    light = bones.proxy.blocks.GetBlock(bones.part_ids.index("L1"))
    assert np.linalg.norm(np.array(light.GetCenter()) - renderer.scene["L1"].center) < 3.0
    # the window kept handling events while the scene was rebuilt
    gaps = np.diff(ticks)
    assert len(ticks) > 5 and gaps.max() < 0.6, f"longest stall {gaps.max():.2f} s"
    # picking works on the new meshes
    part = next(p for p in ("ileocecal-valve", "caecum", "small-intestine", "sacrum")
                if p in renderer.scene and renderer.display_position(p) is not None)
    click_at_display(window, *renderer.display_position(part))
    assert state.selected == part
    session.posture_panel.reset.click()
    qtbot.waitUntil(lambda: renderer.scene.posture.lumbar_lordosis == 60.0, timeout=300000)


def test_presentation_mode_steps_with_keys_and_clicks(window, qtbot, tmp_path):
    state, session = window.state, window.session
    presentation = session.presentation
    state.select("ileocecal-valve")
    press(window, Qt.Key_F5)
    assert presentation.active and not window.menuBar().isVisible()
    assert window.geometry() == window.screen().geometry()
    assert not window.graph_panel.isVisible() and not window.info_panel.isVisible()
    story = state.chosen_path
    assert story is state.paths[0] and presentation.step == 0
    assert state.highlighted == frozenset(story.nodes), "one story lit at a time"
    panel = presentation.panel
    assert panel.title.font().pointSize() >= 24
    assert "ileocaecal valve" in panel.title.text()
    sentence = panel.sentence.text()
    pulse = presentation.animation.actor
    qtbot.wait(1800)
    assert np.allclose(pulse.GetPosition(), window.scene_view.anchors[story.nodes[1]])
    # two-step stories: Right goes to step 2, Right again to the next story
    press(window, Qt.Key_Right)
    if len(story.edges) > 1:
        assert presentation.step == 1 and panel.sentence.text() != sentence
        press(window, Qt.Key_Left)
        assert presentation.step == 0 and panel.sentence.text() == sentence
    else:
        assert state.chosen_path is state.paths[1]
    press(window, Qt.Key_Down)
    assert state.chosen_path is not story
    QTest.mouseClick(panel, Qt.LeftButton, Qt.NoModifier, QPoint(30, 30))
    assert presentation.step > 0 or state.chosen_path is not story
    # patient words in the current language
    state.set_language("nl")
    assert "klep van Bauhin" in panel.title.text()
    qtbot.wait(1500)
    window.grab()   # the Qt side; the 3D side is GL: screenshot the screen under Xvfb
    window.screen().grabWindow(0).save(str(tmp_path / "presentation.png"))
    press(window, Qt.Key_Escape)
    assert not presentation.active and window.menuBar().isVisible()
    assert window.graph_panel.isVisible() and state.selected == "ileocecal-valve"


def test_path_animation_moves_a_pulse_and_keeps_the_window_responsive(window, qtbot):
    state, session = window.state, window.session
    state.select("ileocecal-valve")
    state.choose_path(next(p for p in state.paths if len(p.edges) >= 2))
    sentences = []
    session.animation.step_started.connect(
        lambda step: sentences.append(window.statusBar().currentMessage()))
    start = time.perf_counter()
    for _ in range(3):
        window.scene_view.render()
    frame = (time.perf_counter() - start) / 3   # what one frame of this scene costs here
    ticks = []
    probe = QTimer(interval=10)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    probe.start()
    with qtbot.waitSignal(session.animation.finished, timeout=60000):
        press(window, Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)
    probe.stop()
    path = state.chosen_path
    assert len(sentences) == len(path.edges)
    assert sentences[0].startswith("1/") and sentences[-1].startswith(f"{len(path.edges)}/")
    assert session.animation.frames >= 3 * len(path.edges), "the pulse glides, not jumps"
    assert np.allclose(session.animation.actor.GetPosition(),
                       window.scene_view.anchors[path.nodes[-1]])
    # between two frames the window handles input: it is never blocked much longer than
    # one frame (on a real GPU ~10 ms, on this software renderer far more)
    # (from the first frame on: the key press itself starts with a redraw of the path)
    gaps = np.diff(ticks)[1:]
    assert gaps.max() < 2 * frame + 0.15, (gaps.max(), frame)


def test_handout_from_the_window(window, monkeypatch, tmp_path):
    out = tmp_path / "handout.pdf"
    answer_file_dialog(monkeypatch, out)
    press(window, Qt.Key_P, Qt.ControlModifier)
    assert "Select a structure" in window.warnings[-1] and not out.exists()
    window.state.select("ileocecal-valve")
    window.state.set_language("nl")
    press(window, Qt.Key_P, Qt.ControlModifier)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "klep van Bauhin" in text and "Geen bedrust" in text


@pytest.fixture
def score_folder(tmp_path):
    return tmp_path / "data"


def test_quiz_name_and_click_questions_keep_a_score(window, qtbot, score_folder):
    state, session = window.state, window.session
    session.start_quiz(seed=7, folder=score_folder)
    quiz = session.quiz_panel
    assert session.quiz_dock.isVisible()
    question = quiz.ask("name")
    assert state.spotlight == question.answer[0] and state.names_hidden
    assert state.selected is None
    right = question.choices.index(question.answer)
    QTest.keyClick(quiz, Qt.Key_1 + right)
    qtbot.waitUntil(lambda: quiz.session == [1, 1])   # a key shortcut "animates" the click
    assert "Right" in quiz.feedback.text()
    assert not state.names_hidden
    # a click question: click the asked structure in the 3D view
    question = quiz.ask("click")
    while window.scene_view.scene_renderer.display_position(question.answer[0]) is None:
        question = quiz.ask("click")
    assert state.spotlight is None and state.names_hidden
    click_at_display(window, *window.scene_view.scene_renderer.display_position(
        question.answer[0]))
    assert quiz.session == [2, 2]
    # a wrong answer counts too
    question = quiz.ask("segments")
    wrong = next(i for i, c in enumerate(question.choices) if c != question.answer)
    quiz.buttons[wrong].click()
    assert quiz.session == [2, 3] and "Not quite" in quiz.feedback.text()
    assert state.selected == question.subject[0], "the organ's paths show why"
    saved = json.loads((score_folder / "quiz-score.json").read_text())
    assert sum(saved["asked"].values()) == 3 and sum(saved["right"].values()) == 2
    # the next session starts from the kept score
    session.start_quiz(seed=8, folder=score_folder)
    assert session.quiz_panel.store.total == (2, 3)
    assert "2 of 3" in session.quiz_panel.score.text()


def test_a_corrupted_score_file_is_kept_aside_and_reported(window, score_folder):
    score_folder.mkdir()
    (score_folder / "quiz-score.json").write_text('{"version": 1, "asked": {"name": -', "utf-8")
    window.session.start_quiz(seed=1, folder=score_folder)
    quiz = window.session.quiz_panel
    assert quiz.warning.isVisible() and "kept as" in quiz.warning.text()
    aside = list(score_folder.glob("quiz-score.json.unreadable-*"))
    assert len(aside) == 1 and aside[0].read_text("utf-8").startswith('{"version": 1')
    assert quiz.store.total == (0, 0)


def test_language_and_posture_switched_during_presentation_and_animation(window, qtbot):
    state, session = window.state, window.session
    state.select("ileocecal-valve")
    press(window, Qt.Key_F5)
    presentation = session.presentation
    press(window, Qt.Key_Right)
    state.set_language("nl")                       # while the pulse travels
    state.set_posture(Posture(thoracic_kyphosis=60.0))
    with qtbot.waitSignal(session.rebuilder.rebuilt, timeout=300000):
        press(window, Qt.Key_Down)                 # keep stepping while it rebuilds
    qtbot.wait(200)
    assert presentation.active and "klep van Bauhin" in presentation.panel.title.text()
    assert window.scene_view.scene_renderer.scene.posture.thoracic_kyphosis == 60.0
    # the pulse follows the new scene: its next step ends on the new anchors
    press(window, Qt.Key_Up)
    path = state.chosen_path
    qtbot.waitUntil(lambda: not presentation.animation.playing, timeout=10000)
    end = path.nodes[presentation.step + 1]
    assert np.allclose(presentation.animation.actor.GetPosition(),
                       window.scene_view.anchors[end])
    press(window, Qt.Key_Escape)
    assert not presentation.active


def test_a_knowledge_base_from_the_file_menu(window, monkeypatch, tmp_path):
    """A broken knowledge base is refused with file, line and entry, and the one in use
    stays; a good one replaces it everywhere."""
    import shutil

    from graph.knowledge import default_knowledge_dir
    original = window.state.graph
    broken, good = tmp_path / "broken", tmp_path / "good kennisbank"
    shutil.copytree(default_knowledge_dir(), broken)
    shutil.copytree(default_knowledge_dir(), good)
    (broken / "zz-extra.yaml").write_text(
        "structures:\n  - {id: x-thing, kind: planet, names: {en: X, nl: X}}\n")
    abdomen = good / "abdomen.yaml"
    abdomen.write_text(abdomen.read_text("utf-8").replace('nl: "blindedarm"',
                                                          'nl: "blinde darm (test)"'), "utf-8")
    window.state.select("caecum")
    try:
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(broken))
        press(window, Qt.Key_K, Qt.ControlModifier | Qt.ShiftModifier)
        assert "zz-extra.yaml:2 [x-thing]: unknown kind 'planet'" in window.warnings[-1]
        assert window.state.graph is original and window.state.selected == "caecum"

        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(good))
        press(window, Qt.Key_K, Qt.ControlModifier | Qt.ShiftModifier)
        graph = window.state.graph
        assert graph is not original and window.state.selected is None
        assert graph.nodes["caecum"]["names"]["nl"] == "blinde darm (test)"
        assert set(window.graph_panel.nodes) == set(graph.nodes)
        window.state.set_language("nl")
        window.state.select("caecum")
        assert "blinde darm (test)" in window.info_panel.browser.toPlainText()
        assert window.state.paths, "paths are found in the new knowledge base"
    finally:
        window.state.set_graph(original)
