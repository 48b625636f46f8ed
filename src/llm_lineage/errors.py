"""The project's exceptions: one family, every message names what is wrong and where.

The CLI turns any :class:`LineageError` into ``Error: <message>`` on stderr and
exit code 1, so a user never sees a traceback for bad data or a bad name.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["LineageError", "DataFileError", "DatasetError", "UnknownModelError", "OutputError"]


class LineageError(Exception):
    """Base class of every error this package raises on purpose."""


class DataFileError(LineageError):
    """A dataset file cannot be read: missing, a folder, unreadable, not UTF-8."""


class DatasetError(LineageError):
    """A dataset file was read but is not valid.

    ``problems`` holds one line per problem, each naming the file, the entry and
    the field, for example
    ``data/models.json: entry 'vicuna', derived_from[0].model: unknown model 'lama'``.
    """

    def __init__(self, path: str, problems: Sequence[str]):
        self.path = path
        self.problems = list(problems)
        if len(self.problems) == 1:
            message = self.problems[0]
        else:
            message = f"{path}: {len(self.problems)} problems\n" + "\n".join(
                f"  {p}" for p in self.problems
            )
        super().__init__(message)


class UnknownModelError(LineageError, KeyError):
    """A name that matches no model's id, name, alias or Hub id.

    ``suggestions`` are close model names; ``hint`` says what the name is
    instead, when it is a family or a concept.
    """

    def __init__(self, name: str, suggestions: Sequence[str] = (), hint: str | None = None, what: str = "model"):
        self.name = name
        self.suggestions = list(suggestions)
        self.hint = hint
        shown = name if len(name) <= 80 else name[:77] + "..."
        message = f"unknown {what} {shown!r}"
        if hint:
            message += f": {hint}"
        elif self.suggestions:
            message += " (did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?)"
        super().__init__(message)

    def __str__(self) -> str:  # KeyError would quote the whole message
        return self.args[0]


class OutputError(LineageError):
    """An output file or folder cannot be written."""
