"""The one helper for delayed work: throttle (leading) and debounce (trailing)."""

from __future__ import annotations

import asyncio

from fwcompare_nb.app.timing import Coalesce


def test_outside_an_event_loop_throttle_runs_at_once_and_debounce_waits_to_be_asked():
    calls = []
    throttle = Coalesce(lambda: calls.append("t"), 0.01, leading=True)
    debounce = Coalesce(lambda: calls.append("d"), 0.01, leading=False)
    throttle()
    throttle()
    debounce()
    assert calls == ["t", "t"]
    assert debounce.pending and not throttle.pending


def test_throttle_runs_the_first_at_once_and_one_more_for_the_burst():
    async def burst():
        calls = []
        throttle = Coalesce(lambda: calls.append(1), 0.05, leading=True)
        for _ in range(10):
            throttle()
        assert calls == [1]  # the first at once
        await asyncio.sleep(0.12)
        return calls

    assert asyncio.run(burst()) == [1, 1]  # ... and one more for the other nine


def test_a_single_throttled_call_runs_once():
    async def one():
        calls = []
        throttle = Coalesce(lambda: calls.append(1), 0.02, leading=True)
        throttle()
        await asyncio.sleep(0.06)
        return calls

    assert asyncio.run(one()) == [1]


def test_debounce_runs_once_after_the_last_call_and_deferred_calls_use_later():
    async def burst():
        now, later = [], []
        debounce = Coalesce(
            lambda: now.append(1), 0.05, leading=False, later=lambda: later.append(1)
        )
        for _ in range(5):
            debounce()
            await asyncio.sleep(0.01)
        assert later == []  # still within the quiet period after the last call
        await asyncio.sleep(0.1)
        return now, later, debounce.pending

    assert asyncio.run(burst()) == ([], [1], False)


def test_cancel_drops_a_scheduled_call():
    async def cancelled():
        calls = []
        debounce = Coalesce(lambda: calls.append(1), 0.02, leading=False)
        debounce()
        debounce.cancel()
        await asyncio.sleep(0.05)
        return calls

    assert asyncio.run(cancelled()) == []
