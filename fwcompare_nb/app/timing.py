"""The one way the explorer delays work: coalescing a burst of events into few calls.

After the "Widget Events" recipes of ipywidgets' documentation (debounce and throttle), on the
kernel's asyncio loop. Two shapes:

* ``leading=True`` (throttle): the first event of a burst runs at once, so a single key press is
  never delayed; the events that arrive within ``wait`` seconds leave only one more call at the
  end of the window, for the last value. The sliders' redraw uses it.
* ``leading=False`` (debounce): one call ``wait`` seconds after the last event. The analysis tabs
  use it: they are recomputed once the sliders rest.

Outside a running event loop (scripts, tests, nbclient without a kernel loop) a throttle runs
every call at once and a debounce only marks itself pending: the caller runs the work itself.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class Coalesce:
    """Coalesce calls of ``now`` (and, deferred, ``later``) over ``wait`` seconds.

    Parameters
    ----------
    now : callable
        Run when a call is made at once (inside the caller, who handles its errors).
    wait : float
        Seconds of the window (throttle) or of quiet (debounce).
    leading : bool
        Throttle (True) or debounce (False); see the module docstring.
    later : callable, optional
        Run from the event loop for deferred calls, where nobody else would catch an error
        (e.g. ``now`` wrapped to show errors on the page). Default: ``now``.
    """

    def __init__(
        self,
        now: Callable[[], object],
        wait: float,
        *,
        leading: bool,
        later: Callable[[], object] | None = None,
    ) -> None:
        self.now, self.wait, self.leading = now, wait, leading
        self.later = later if later is not None else now
        self.pending = False  # a call is owed: made during the window, or waiting for quiet
        self._handle: asyncio.TimerHandle | None = None

    def __call__(self) -> None:
        """Ask for the work: run it now, or once the burst is over."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            if self.leading:
                self.pending = False
                self.now()
            else:
                self.pending = True
            return
        if self.leading:
            if self._handle is not None:  # inside the window: leave only the last value
                self.pending = True
                return
            self.pending = False
            self._handle = loop.call_later(self.wait, self._end_window)
            self.now()
            return
        self.cancel()
        self.pending = True
        self._handle = loop.call_later(self.wait, self._fire)

    def cancel(self) -> None:
        """Drop a scheduled call (the work was done another way)."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _end_window(self) -> None:
        self._handle = None
        if self.pending:
            self._fire()

    def _fire(self) -> None:
        self._handle = None
        self.pending = False
        self.later()
