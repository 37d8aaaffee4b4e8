"""What the page says when something is refused: the problem and a fix for someone using it.

The library's messages end with a fix for whoever called it, which may be Python
(``overwrite=True``, ``recommend()``); on the page the fix names the control instead.
"""

from __future__ import annotations

from ..core.errors import DataError
from ..io.profiles import ProfileExistsError

#: Fixes for refusals whose library fix speaks Python, by error type.
PAGE_FIXES: dict[type[DataError], str] = {
    ProfileExistsError: "tick 'overwrite' to replace it, or type another name",
}
# A library fix in Python ("pass ...", "...=True", "recommend()") means nothing on the page.
_CODE_MARKS = ("()", "=True", "=False", "pass ", "fw.", "score_ranges=", "concentration=")


def page_text(exc: DataError) -> str:
    """Write the message of ``exc`` for the page, replacing a fix written for Python.

    Parameters
    ----------
    exc : DataError
        The refusal.

    Returns
    -------
    str
        "file: where: problem (got value). Fix: ..." as :class:`DataError` formats it.
    """
    fix = exc.fix
    for kind, text in PAGE_FIXES.items():
        if isinstance(exc, kind):
            fix = text
    if fix and any(mark in fix for mark in _CODE_MARKS) and fix not in PAGE_FIXES.values():
        fix = None
    return str(DataError(exc.problem, file=exc.file, where=exc.where, value=exc.value, fix=fix))
