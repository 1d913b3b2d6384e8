"""Quiz questions from the graph (seeded, reproducible, answers true to the graph) and the
score file (atomic, corrupted files kept aside). No window needed."""
import json

import pytest

from explorer.quiz import KINDS, QuizGenerator, ScoreStore, segment_order
from graph.errors import ExplorerError
from graph.paths import referral_paths
from graph.vocabulary import PHYSICAL_KINDS


@pytest.fixture
def scene_ids(graph):
    return [n for n, kind in graph.nodes(data="kind") if kind in PHYSICAL_KINDS]


def test_same_seed_same_questions(graph, scene_ids):
    a, b = QuizGenerator(graph, scene_ids, seed=3), QuizGenerator(graph, scene_ids, seed=3)
    assert [a.next() for _ in range(12)] == [b.next() for _ in range(12)]
    c, d = QuizGenerator(graph, scene_ids, seed=3), QuizGenerator(graph, scene_ids, seed=4)
    assert [c.next() for _ in range(12)] != [d.next() for _ in range(12)]


def test_answers_are_true_to_the_graph(graph, scene_ids):
    quiz = QuizGenerator(graph, scene_ids, seed=11)
    assert set(quiz.available_kinds()) == set(KINDS)
    for _ in range(10):
        question = quiz.next("segments")
        organ = question.subject[0]
        assert graph.nodes[organ]["kind"] == "organ", "visceral pain: asked about organs"
        carried = {v for _, v, d in graph.out_edges(organ, data=True)
                   if d["relation"] == "innervated_by"}
        assert set(question.answer) == carried
        assert list(question.answer) == sorted(question.answer, key=segment_order)
        assert question.answer in question.choices and len(set(question.choices)) == 4
        assert all(len(c) == len(question.answer) for c in question.choices)
    for _ in range(10):
        question = quiz.next("link")
        start, end = question.subject
        assert any(p.nodes[1:-1] == question.answer and p.nodes[-1] == end
                   for p in referral_paths(graph, start))
        assert question.answer in question.choices and len(set(question.choices)) == 4
        assert question.is_correct(question.answer)
        assert not question.is_correct(next(c for c in question.choices if c != question.answer))
    for _ in range(10):
        question = quiz.next("name")
        kinds = {graph.nodes[c[0]]["kind"] for c in question.choices}
        assert question.answer in question.choices and len(set(question.choices)) == 4
        assert len(kinds) <= 2, "look-alike choices: mostly the same kind"
        assert quiz.next("click").choices == ()


def test_segment_order():
    names = ["segment-L1", "segment-C8", "segment-T12", "segment-S2", "segment-T1"]
    assert sorted(names, key=segment_order) == ["segment-C8", "segment-T1", "segment-T12",
                                                "segment-L1", "segment-S2"]


def test_too_small_a_scene_is_refused(graph):
    with pytest.raises(ExplorerError, match="too few"):
        QuizGenerator(graph, ["C1", "C2"])


def test_score_round_trip_and_a_corrupted_file_kept_aside(tmp_path):
    store = ScoreStore.open(tmp_path / "new folder")
    assert store.total == (0, 0) and store.problem is None
    store.record("name", True)
    store.record("link", False)
    again = ScoreStore.open(tmp_path / "new folder")
    assert again.total == (1, 2) and again.asked == {"name": 1, "link": 1}
    for bad in ('{"version": 1, "asked": {"name": 3}, "right": {"name": "x"}}', "\xff\xfe",
                '{"version": 99, "asked": {}, "right": {}}', "[]", ""):
        folder = tmp_path / f"case{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        (folder / "quiz-score.json").write_bytes(bad.encode("latin-1"))
        store = ScoreStore.open(folder)
        assert store.problem and "kept as" in store.problem and store.total == (0, 0)
        aside = list(folder.glob("quiz-score.json.unreadable-*"))
        assert len(aside) == 1 and aside[0].read_bytes() == bad.encode("latin-1")
        store.record("click", True)
        assert json.loads((folder / "quiz-score.json").read_text())["right"] == {"click": 1}
