"""The one error type the bundle raises for bad input."""

from __future__ import annotations


class DataError(ValueError):
    """Bad input data: a message that names the file, the place, the value and the fix.

    Parameters
    ----------
    problem : str
        What is wrong, in one sentence.
    file : str, optional
        The file (or in-memory source such as ``"scores DataFrame"``) that holds the problem.
    where : str, optional
        The row, column or field, e.g. ``"row 3, column 'admin'"``.
    value : object, optional
        The offending value, shown with ``repr``.
    fix : str, optional
        What the user should do about it.
    """

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        where: str | None = None,
        value: object = None,
        fix: str | None = None,
    ) -> None:
        self.problem = problem
        self.file = file
        self.where = where
        self.value = value
        self.fix = fix
        super().__init__(self._format())

    def _format(self) -> str:
        place = ": ".join(p for p in (self.file, self.where) if p)
        text = f"{place}: {self.problem}" if place else self.problem
        if self.value is not None:
            text += f" (got {self.value!r})"
        if self.fix:
            text += f". Fix: {self.fix}"
        return text
