"""The student's self-test: a panel asking questions made by explorer.quiz, answered by a
choice (keys 1-4) or by a click in the 3D view, with the score kept between sessions.

While a question is open the names stay out of sight (no hover label, nothing selected);
after the answer the view shows why: the structure, the path or the organ's paths.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from explorer.quiz import CHOICES, Question, QuizGenerator, ScoreStore
from explorer.view_state import ViewState
from graph.explain import name_of, the_name

__all__ = ["QuizPanel", "score_folder"]


def score_folder() -> Path:
    """The user's data folder for this program (QStandardPaths.AppDataLocation)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.AppDataLocation))


class QuizPanel(QWidget):
    answered = Signal(bool)

    def __init__(self, state: ViewState, scene_ids, seed: int | None = None,
                 folder: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.generator = QuizGenerator(state.graph, scene_ids, seed)
        self.store = ScoreStore.open(folder or score_folder())
        self.session = [0, 0]   # right, asked
        self.question: Question | None = None
        self.open = False        # waiting for an answer
        self.kind_label = QLabel()
        self.prompt = QLabel()
        self.prompt.setObjectName("quiz-prompt")
        self.prompt.setWordWrap(True)
        font = QFont(self.prompt.font())
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.prompt.setFont(font)
        self.prompt.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.MinimumExpanding)
        self.buttons = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.kind_label)
        layout.addWidget(self.prompt)
        for number in range(CHOICES):
            button = QPushButton()
            button.setObjectName(f"quiz-choice-{number + 1}")
            button.setStyleSheet("text-align: left; padding: 6px;")
            button.clicked.connect(lambda _=False, n=number: self.choose(n))
            layout.addWidget(button)
            self.buttons.append(button)
        self.feedback = QLabel()
        self.feedback.setObjectName("quiz-feedback")
        self.feedback.setWordWrap(True)
        self.next_button = QPushButton()
        self.next_button.setObjectName("quiz-next")
        self.next_button.clicked.connect(lambda: self.ask())
        self.score = QLabel()
        self.warning = QLabel()
        self.warning.setObjectName("quiz-warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b71c1c;")
        self.warning.setText(self.store.problem or "")
        self.warning.setVisible(bool(self.store.problem))
        for widget in (self.feedback, self.next_button, self.score, self.warning):
            layout.addWidget(widget)
        layout.addStretch(1)
        state.selection_changed.connect(self._on_selection)
        # bound methods, not lambdas: Qt drops them when the panel is deleted with the quiz
        state.language_changed.connect(self._on_language)
        self._show()

    def _on_language(self, _language: str) -> None:
        self._show()

    # -- asking --------------------------------------------------------------------------
    def ask(self, kind: str | None = None) -> Question:
        self.question = self.generator.next(kind)
        self.open = True
        self.feedback.setText("")
        question = self.question
        self.state.select(None)
        spotlight = question.subject[0] if question.kind in ("name", "segments") else None
        self.state.set_quiz_view(spotlight, names_hidden=True)
        self._show()
        return question

    def stop(self) -> None:
        self.open = False
        self.question = None
        self.state.set_quiz_view(None, names_hidden=False)

    def prompt_text(self, question: Question) -> str:
        graph, lang = self.state.graph, self.state.language
        name = name_of(graph, question.subject[0], lang)
        if question.kind == "name":
            return self.tr("Which structure is lit?")
        if question.kind == "click":
            return self.tr("Click the structure: {name}").format(name=name)
        if question.kind == "link":   # "link the caecum to the sacrum": names with articles
            return self.tr("Which structures link {start} to {end}?").format(
                start=the_name(graph, question.subject[0], lang),
                end=the_name(graph, question.subject[-1], lang))
        return self.tr("Which spinal cord segments carry the pain of: {name}?").format(name=name)

    def _show(self) -> None:
        question = self.question
        kinds = {"name": self.tr("Name the lit structure"), "click": self.tr("Find it in 3D"),
                 "link": self.tr("Links"), "segments": self.tr("Segments")}
        # (setText resets a button's shortcut to its mnemonic: set the keys after it)
        self.next_button.setText(self.tr("Next question (N)"))
        self.next_button.setShortcut("N")
        right, asked = self.store.total
        self.score.setText(self.tr("This session: {right} of {asked} right.  All sessions: "
                              "{total_right} of {total_asked}.").format(
            right=self.session[0], asked=self.session[1], total_right=right,
            total_asked=asked))
        if question is None:
            self.kind_label.setText(self.tr("Self-test"))
            self.prompt.setText(self.tr("Press N for a question."))
            for button in self.buttons:
                button.hide()
            return
        self.kind_label.setText(kinds[question.kind])
        self.prompt.setText(self.prompt_text(question))
        for number, button in enumerate(self.buttons):
            if number < len(question.choices):
                text = question.choice_text(self.state.graph, question.choices[number],
                                            self.state.language)
                button.setText(f"{number + 1}.  {text}")
                button.setShortcut(str(number + 1))
                button.setEnabled(self.open)
                button.show()
            else:
                button.hide()

    # -- answering -----------------------------------------------------------------------
    def choose(self, number: int) -> None:
        if self.open and self.question and number < len(self.question.choices):
            self._answer(self.question.choices[number])

    def _on_selection(self, selected) -> None:
        if self.open and self.question and self.question.kind == "click" and selected:
            self._answer((selected,))

    def _answer(self, given: tuple[str, ...]) -> None:
        question = self.question
        graph, lang = self.state.graph, self.state.language
        correct = question.is_correct(given)
        self.open = False
        self.session[0] += int(correct)
        self.session[1] += 1
        self.store.record(question.kind, correct)
        answer_text = question.choice_text(graph, question.answer, lang)
        if correct:
            self.feedback.setText(self.tr("Right: {answer}.").format(answer=answer_text))
        else:
            self.feedback.setText(self.tr("Not quite. The answer: {answer}.").format(
                answer=answer_text))
        self.feedback.setStyleSheet("color: #2e7d32;" if correct else "color: #c62828;")
        self._reveal(question)
        self._show()
        self.answered.emit(correct)

    def _reveal(self, question: Question) -> None:
        """Show why: names back, and the structure, path or organ's paths lit."""
        state = self.state
        if question.kind in ("name", "click"):
            state.set_quiz_view(question.answer[0], names_hidden=False)
            return
        state.set_quiz_view(None, names_hidden=False)
        start = question.subject[0]
        state.select(start)
        if question.kind == "link":
            for path in state.paths:
                if tuple(path.nodes[1:-1]) == question.answer and \
                        path.nodes[-1] == question.subject[-1]:
                    state.choose_path(path)
                    break
