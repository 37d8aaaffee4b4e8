"""Numbers in sentences and tables: the one way shares are written as percentages."""

from __future__ import annotations

import math


def percent(p: float, digits: int = 1) -> str:
    """Format a share as a percentage, never rounding a possibility to 0% or a doubt to 100%.

    Parameters
    ----------
    p : float
        A share, 0..1.
    digits : int
        Decimals shown.

    Returns
    -------
    str
        E.g. ``"12.5%"``; ``"<0.1%"`` for a share above 0 that would round to 0, ``">99.9%"``
        for one below 1 that would round to 100; ``"–"`` for NaN.

    Examples
    --------
    >>> percent(0.125), percent(0.0001), percent(0.9996, 0), percent(1.0, 0)
    ('12.5%', '<0.1%', '>99%', '100%')
    """
    if not math.isfinite(p):
        return "–"
    small = 0.5 * 10**-digits / 100
    if 0 < p < small:
        return f"<{10**-digits:.{digits}f}%"
    if 1 - small <= p < 1:
        return f">{100 - 10**-digits:.{digits}f}%"
    return f"{p * 100:.{digits}f}%"


def percent_towards(value: float, digits: int = 1, *, up: bool) -> str:
    """``value`` as a percentage rounded up or down at ``digits`` decimals, never the other way.

    Used for the ends of an interval (rounded inwards, so the shown range lies inside the true
    one) and for a boundary (rounded towards the side where the answer changes). The ``1e-6``
    keeps a value such as 0.12 (stored as 0.11999999999999999) at 12%.

    Examples
    --------
    >>> percent_towards(0.1234, up=True), percent_towards(0.1234, up=False)
    ('12.4%', '12.3%')
    >>> percent_towards(0.12, 0, up=False)
    '12%'
    """
    scaled = value * 100 * 10**digits
    n = math.ceil(scaled - 1e-6) if up else math.floor(scaled + 1e-6)
    return f"{n / 10**digits:.{digits}f}%"


def score_text(value: float, digits: int = 3) -> str:
    """Write a score or a lead with ``digits`` decimals, more when a value above 0 rounds to 0.

    A lead of 0.0004 written "0.000" reads as a tie when it is not one; it is written "0.0004".

    Examples
    --------
    >>> score_text(0.1342), score_text(0.0004), score_text(0.0)
    ('0.134', '0.0004', '0.000')
    """
    if value != 0 and math.isfinite(value):
        while digits < 12 and round(abs(value), digits) == 0:
            digits += 1
    return f"{value:.{digits}f}"


# C0 and C1 control characters and DEL (``\n`` and ``\t`` included: in a name they are data, not
# layout), plus the Unicode line and paragraph separators.
_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)]}
_CONTROL.update({0x2028: "\\u2028", 0x2029: "\\u2029"})


def visible(text: object) -> str:
    r"""Write data text so that every control character shows instead of acting.

    A name holding ``ESC[2J`` would clear a terminal, a newline would split a one-line message,
    and most control characters make XML (SVG) malformed. Each is written as its escape
    (``\x1b``, ``\x0a``); all other characters stay as they are.

    Parameters
    ----------
    text : object
        Converted with ``str``.

    Returns
    -------
    str
        One line of printable text.

    Examples
    --------
    >>> visible("a\x1b[2Jb\nc")
    'a\\x1b[2Jb\\x0ac'
    >>> visible("Price ($) / Support ($$$)")
    'Price ($) / Support ($$$)'
    """
    return str(text).translate(_CONTROL)
