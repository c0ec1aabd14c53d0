"""The one rate limiter of the views: first call at once, at most one per interval, the
newest request always served in the end."""

import pytest

from nnsim.gui.util.throttle import Throttle

LONG = 60_000  # ms: an interval no test waits out, so "not yet" is deterministic


@pytest.fixture
def calls():
    return []


def test_first_request_runs_at_once_and_a_burst_becomes_one_trailing_call(qtbot, calls):
    throttle = Throttle(LONG, lambda *a: calls.append(a))
    throttle.request(1)
    assert calls == [(1,)]  # no waiting after a quiet period
    for n in range(2, 6):
        throttle.request(n)
    assert calls == [(1,)] and throttle.pending  # merged, waiting for the interval
    throttle.flush()
    assert calls == [(1,), (5,)]  # one call, with the newest arguments
    assert not throttle.pending
    throttle.flush()
    assert calls == [(1,), (5,)]  # nothing waits: flush does nothing
    throttle.request(6)
    assert calls == [(1,), (5,)]  # the flushed call started a new interval


def test_the_trailing_call_comes_by_itself_at_the_end_of_the_interval(qtbot, calls):
    throttle = Throttle(20, lambda *a: calls.append(a))
    throttle.request("a")
    throttle.request("b")
    throttle.request("c")
    assert calls == [("a",)]
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=2000)
    assert calls == [("a",), ("c",)]
    assert not throttle.pending
    # and then nothing more until the next request; a request after the interval runs at once
    qtbot.waitUntil(lambda: not throttle.cooling_down, timeout=2000)
    assert len(calls) == 2
    throttle.request("d")
    assert calls[-1] == ("d",)


def test_cancel_forgets_the_waiting_call(qtbot, calls):
    throttle = Throttle(LONG, calls.append)
    throttle.request(1)
    throttle.request(2)
    throttle.cancel()
    throttle.flush()
    assert calls == [1]


def test_a_request_from_inside_the_callback_waits_for_the_interval(qtbot, calls):
    def again(n):
        calls.append(n)
        if n < 3:
            throttle.request(n + 1)

    throttle = Throttle(LONG, again)
    throttle.request(1)
    assert calls == [1] and throttle.pending
    throttle.flush()
    assert calls == [1, 2] and throttle.pending


def test_a_costly_call_gets_a_longer_interval(qtbot, calls):
    throttle = Throttle(100, calls.append, busy_share=0.2)
    assert throttle.interval_ms == 100
    throttle.report_cost(0.5)  # e.g. the repaint a call caused: 0.5 s at 1/5 -> 2.5 s
    assert throttle.interval_ms == pytest.approx(2500, abs=1)
    throttle.report_cost(0.001)  # cheap again: back to the base interval
    assert throttle.interval_ms == 100
    plain = Throttle(100, calls.append)
    plain.report_cost(10.0)  # without a share the cost does not matter
    assert plain.interval_ms == 100
    with pytest.raises(ValueError):
        Throttle(100, calls.append, busy_share=0)


def test_the_callback_runs_in_the_event_loop_with_signals(qtbot, calls):
    from PySide6.QtCore import QObject, Signal

    class Source(QObject):
        moved = Signal(object)

    source = Source()
    throttle = Throttle(30, calls.append)
    source.moved.connect(throttle.request)
    for x in range(10):
        source.moved.emit(x)
    assert calls == [0]
    qtbot.waitUntil(lambda: calls == [0, 9], timeout=2000)
