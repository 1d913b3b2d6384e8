"""Self-test questions for the student, generated from the knowledge graph with a seeded RNG,
and the score kept between sessions.

No Qt here. Four kinds of question:
- ``name``: one structure is lit in 3D; which is it (four names to choose from)?
- ``click``: click the structure asked for in the 3D view.
- ``link``: which structures link X to Y (the steps between them on a referred-pain path)?
- ``segments``: which spinal segments carry an organ's pain (its ``innervated_by`` links)?
Distractors are of the same kind as the answer, so the choice is about anatomy, not grammar.
"""
from __future__ import annotations

import datetime
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from graph.errors import ExplorerError
from graph.explain import name_of
from graph.export import atomic_write
from graph.paths import referral_paths

__all__ = ["Question", "QuizGenerator", "ScoreStore", "KINDS", "segment_order"]

KINDS = ("name", "click", "link", "segments")
CHOICES = 4
@dataclass(frozen=True)
class Question:
    kind: str
    subject: tuple[str, ...]              # the ids the question is about
    answer: tuple[str, ...]               # for click/name: one id; link/segments: ids
    choices: tuple[tuple[str, ...], ...] = ()   # each choice a tuple of ids (empty: click)

    def choice_text(self, graph: nx.MultiDiGraph, choice: tuple[str, ...], lang: str) -> str:
        if self.kind == "segments":
            return ", ".join(c.removeprefix("segment-") for c in choice)
        return " → ".join(name_of(graph, c, lang) for c in choice)

    def is_correct(self, given: tuple[str, ...] | str | None) -> bool:
        if isinstance(given, str):
            given = (given,)
        return given is not None and tuple(given) == self.answer


def segment_order(segment: str) -> tuple[int, int]:
    """segment-C8 < segment-T1 < ... < segment-S5 < segment-Co1."""
    match = re.fullmatch(r"segment-(C|T|L|S|Co)(\d+)", segment)
    if not match:
        return (9, 0)
    return ("C T L S Co".split().index(match[1]), int(match[2]))


class QuizGenerator:
    """Questions from ``graph`` about the structures of ``scene_ids`` (the ones that can be
    shown and clicked), reproducible for a given ``seed``."""

    def __init__(self, graph: nx.MultiDiGraph, scene_ids, seed: int | None = None):
        self.graph = graph
        self.rng = random.Random(seed)
        self.physical = sorted(i for i in scene_ids if i in graph)
        if len(self.physical) < CHOICES:
            raise ExplorerError("too few structures in the scene for a quiz")
        carried = sorted(n for n in graph if any(
            d["relation"] == "innervated_by" and graph.nodes[v].get("kind") == "segment"
            for _, v, d in graph.out_edges(n, data=True)))
        # the question is about organs (visceral referred pain); other structures only
        # when the knowledge base has no organ with segments
        organs = [n for n in carried if graph.nodes[n]["kind"] == "organ"]
        self.organs_with_segments = organs or carried
        self.segments = sorted((n for n, k in graph.nodes(data="kind") if k == "segment"),
                               key=segment_order)

    def available_kinds(self) -> list[str]:
        kinds = ["name", "click", "link"]
        if self.organs_with_segments:
            kinds.append("segments")
        return kinds

    def next(self, kind: str | None = None) -> Question:
        kinds = self.available_kinds()
        if kind is not None and kind not in kinds:
            raise ExplorerError(f"no {kind!r} questions can be made from this knowledge base")
        for _ in range(50):
            question = getattr(self, f"_{kind or self.rng.choice(kinds)}")()
            if question is not None:
                return question
        raise ExplorerError("could not make a question from this knowledge base")

    # -- the four kinds ------------------------------------------------------------------
    def _same_kind(self, answer: str, pool: list[str]) -> list[str]:
        kind = self.graph.nodes[answer]["kind"]
        same = [p for p in pool if p != answer and self.graph.nodes[p]["kind"] == kind]
        others = [p for p in pool if p != answer and p not in same]
        self.rng.shuffle(same)
        self.rng.shuffle(others)
        return (same + others)[:CHOICES - 1]

    def _shuffled(self, answer: tuple, distractors: list[tuple]) -> tuple:
        choices = [answer] + [d for d in dict.fromkeys(distractors) if d != answer]
        choices = choices[:CHOICES]
        self.rng.shuffle(choices)
        return tuple(choices)

    def _name(self) -> Question:
        answer = self.rng.choice(self.physical)
        distractors = [(d,) for d in self._same_kind(answer, self.physical)]
        return Question("name", (answer,), (answer,), self._shuffled((answer,), distractors))

    def _click(self) -> Question:
        answer = self.rng.choice(self.physical)
        return Question("click", (answer,), (answer,))

    def _link(self) -> Question | None:
        start = self.rng.choice(self.physical)
        paths = [p for p in referral_paths(self.graph, start) if len(p.nodes) >= 3]
        if not paths:
            return None
        path = self.rng.choice(paths)
        answer = tuple(path.nodes[1:-1])
        # wrong answers: the steps of other paths from the same start, or look-alikes
        # with one step swapped for a structure of the same kind
        distractors = [tuple(p.nodes[1:-1]) for p in paths
                       if p.nodes[-1] != path.nodes[-1] or p.nodes != path.nodes]
        pool = sorted(n for n in self.graph if self.graph.nodes[n]["kind"] != "chain")
        while len(set(distractors) - {answer}) < CHOICES - 1:
            swapped = list(answer)
            index = self.rng.randrange(len(swapped))
            swapped[index] = self._same_kind(swapped[index], pool)[0]
            distractors.append(tuple(swapped))
        self.rng.shuffle(distractors)
        return Question("link", (path.nodes[0], path.nodes[-1]), answer,
                        self._shuffled(answer, distractors))

    def _segments(self) -> Question | None:
        organ = self.rng.choice(self.organs_with_segments)
        answer = tuple(sorted((v for _, v, d in self.graph.out_edges(organ, data=True)
                               if d["relation"] == "innervated_by"
                               and self.graph.nodes[v].get("kind") == "segment"),
                              key=segment_order))
        if not set(answer) <= set(self.segments):
            return None
        # wrong answers: the same number of neighbouring segments, shifted up or down
        first = self.segments.index(answer[0])
        width = len(answer)
        distractors = []
        for shift in (-6, -4, -3, -2, 2, 3, 4, 6):
            at = first + shift
            if 0 <= at and at + width <= len(self.segments):
                distractors.append(tuple(self.segments[at:at + width]))
        self.rng.shuffle(distractors)
        if len(set(distractors) - {answer}) < CHOICES - 1:
            return None
        return Question("segments", (organ,), answer, self._shuffled(answer, distractors))


@dataclass
class ScoreStore:
    """Asked and right answers per kind, kept in ``folder``/quiz-score.json between sessions.

    Writes are atomic. A file that cannot be read is moved aside (never deleted) and
    reported through ``problem``; counting starts afresh.
    """
    folder: Path
    asked: dict[str, int] = field(default_factory=dict)
    right: dict[str, int] = field(default_factory=dict)
    problem: str | None = None

    FILE = "quiz-score.json"
    VERSION = 1

    @property
    def path(self) -> Path:
        return Path(self.folder) / self.FILE

    @classmethod
    def open(cls, folder: Path | str) -> "ScoreStore":
        store = cls(Path(folder))
        if store.path.exists():
            try:
                data = json.loads(store.path.read_bytes().decode("utf-8"))
                if not isinstance(data, dict) or data.get("version") != cls.VERSION:
                    raise ValueError("not a score file of this version")
                for name in ("asked", "right"):
                    table = data.get(name)
                    if not isinstance(table, dict) or not all(
                            k in KINDS and isinstance(v, int) and not isinstance(v, bool)
                            and v >= 0 for k, v in table.items()):
                        raise ValueError(f"{name!r} is not a table of counts")
                    setattr(store, name, dict(table))
            except (ValueError, UnicodeDecodeError, RecursionError) as exc:
                stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
                aside = store.path.with_name(f"{store.FILE}.unreadable-{stamp}")
                store.path.replace(aside)
                store.asked, store.right = {}, {}
                store.problem = (f"The quiz score file {store.path} could not be read "
                                 f"({exc}); it was kept as {aside.name} and counting starts "
                                 "afresh.")
        return store

    def record(self, kind: str, correct: bool) -> None:
        self.asked[kind] = self.asked.get(kind, 0) + 1
        if correct:
            self.right[kind] = self.right.get(kind, 0) + 1
        self.save()

    @property
    def total(self) -> tuple[int, int]:
        return sum(self.right.values()), sum(self.asked.values())

    def save(self) -> None:
        Path(self.folder).mkdir(parents=True, exist_ok=True)
        data = {"version": self.VERSION, "asked": self.asked, "right": self.right}
        atomic_write(self.path, (json.dumps(data, indent=1) + "\n").encode("utf-8"))
