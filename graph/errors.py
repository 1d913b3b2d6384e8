"""The project's own error types. Anything a user can get wrong raises one of these."""
from __future__ import annotations


class ExplorerError(Exception):
    """Base of every error caused by user input; the CLI prints it as one line, exit 2."""


class KnowledgeError(ExplorerError):
    """A knowledge-base file is wrong. Names the file, line and entry, and what is wrong."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 entry: str | None = None):
        self.file, self.line, self.entry, self.message = file, line, entry, message
        where = ""
        if file:
            where = f"{file}:{line}" if line else file
        if entry:
            where = f"{where} [{entry}]" if where else f"[{entry}]"
        super().__init__(f"{where}: {message}" if where else message)


class NotFoundError(ExplorerError):
    """A name matched nothing; carries near-miss suggestions."""

    def __init__(self, what: str, suggestions: list[str] | None = None):
        self.what = what
        self.suggestions = suggestions or []
        text = f"no structure matches {what!r}"
        if self.suggestions:
            text += "; did you mean: " + ", ".join(self.suggestions) + "?"
        super().__init__(text)
