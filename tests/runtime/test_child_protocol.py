"""The training child's protocol, without Qt: typed messages, pausing while snapshots are
in flight, a child that raises, a child that is killed, a child that does not answer a
pause, and a child whose parent is killed."""

import os
import pickle
import queue
import select
import signal
import subprocess
import sys
from dataclasses import fields

import numpy as np
import pytest

from nnsim.core.hyper import Hyperparameters
from nnsim.runtime import messages as m
from nnsim.runtime.training import Job, RemoteTrainer

ANSWER = 20.0  # seconds: a bound for a loaded CI machine, never reached when things work


def make_job(max_epochs=10**7, **options):
    from nnsim.project import new_project

    hp = Hyperparameters(learning_rate=0.1, max_epochs=max_epochs, seed=1)
    project = new_project("circle", n=60, seed=0, hidden=(3,), hyper=hp)
    _, trainer = project.make_trainer()
    return Job.from_trainer(trainer, tuple(project.features), grid_resolution=20, **options)


@pytest.fixture
def remote():
    r = RemoteTrainer()
    yield r
    r.close()
    assert not r.alive


def collect(inbox):
    """Messages up to and including the run's last one."""
    out = []
    while True:
        msg = inbox.get(timeout=ANSWER)
        out.append(msg)
        if isinstance(msg, m.END_OF_RUN):
            return out


def first_snapshot(inbox):
    msg = inbox.get(timeout=ANSWER)
    assert isinstance(msg, m.Snapshot), msg
    return msg


def test_messages_round_trip_through_pickle():
    hp = Hyperparameters(learning_rate=0.2)
    theta = np.arange(5.0)
    job = make_job()
    state = job.state
    samples = [
        m.Start(job), m.Resume(hp, 0.5), m.Change(hp), m.Pause(), m.Quit(),
        m.Paused(theta, state), m.Finished(theta, state),
        m.Failed("ValueError", "bad", "Traceback ..."), m.Died(-9, True),
    ]  # fmt: skip
    for msg in samples:
        back = pickle.loads(pickle.dumps(msg))
        assert type(back) is type(msg)
        for f in fields(msg):
            a, b = getattr(msg, f.name), getattr(back, f.name)
            if isinstance(a, np.ndarray):
                assert np.array_equal(a, b)
            elif f.name not in ("job", "state"):
                assert a == b
    with pytest.raises(AttributeError):
        m.Pause().x = 1  # frozen


def test_a_run_reports_snapshots_then_paused_with_the_last_weights(remote):
    inbox = queue.SimpleQueue()
    remote.start(make_job(), inbox.put)
    snap = first_snapshot(inbox)
    assert snap.grid is not None and snap.grid.output.shape[:2] == (20, 20)
    assert snap.state.updates == snap.snap.updates and snap.state.history == []
    remote.pause()
    msgs = [snap, *collect(inbox)]
    *snaps, end = msgs
    assert isinstance(end, m.Paused)
    assert all(isinstance(s, m.Snapshot) for s in snaps)
    # the pause came between two updates, right after the last snapshot was published
    assert np.array_equal(end.theta, snaps[-1].snap.theta)
    assert end.state.updates == snaps[-1].state.updates
    assert not remote.in_run


def test_pause_sent_while_snapshots_are_in_flight_is_answered_once(remote):
    inbox = queue.SimpleQueue()
    remote.start(make_job(rate=200.0), inbox.put)
    remote.pause()  # before the first snapshot is even read
    remote.pause()  # a second request in flight is harmless
    msgs = collect(inbox)
    assert isinstance(msgs[-1], m.Paused)
    assert sum(isinstance(x, m.END_OF_RUN) for x in msgs) == 1
    # the paused run resumes from where it stopped, in the same child
    pid = remote.pid
    assert remote.resume(Hyperparameters(learning_rate=0.05, max_epochs=10**7), 0.0, inbox.put)
    snap = first_snapshot(inbox)
    assert snap.state.updates > msgs[-1].state.updates
    remote.pause()
    assert isinstance(collect(inbox)[-1], m.Paused)
    assert remote.pid == pid


def test_a_stop_rule_ends_the_run_with_finished(remote):
    inbox = queue.SimpleQueue()
    remote.start(make_job(max_epochs=3), inbox.put)
    msgs = collect(inbox)
    assert isinstance(msgs[-1], m.Finished)
    assert msgs[-2].snap.stopped and msgs[-2].snap.stop_reason == "max_epochs"
    assert msgs[-1].state.epoch == 3


def test_an_exception_in_the_child_arrives_with_its_traceback(remote):
    inbox = queue.SimpleQueue()
    job = make_job()
    job.theta = np.zeros(3)  # the wrong number of weights: building the trainer raises
    remote.start(job, inbox.put)
    (failed,) = collect(inbox)
    assert isinstance(failed, m.Failed)
    assert failed.type == "ValueError"
    assert failed.message
    assert "Traceback (most recent call last)" in failed.traceback
    assert "in trainer" in failed.traceback  # the frame that raised
    # the child survives and trains the next job
    remote.start(make_job(), inbox.put)
    first_snapshot(inbox)
    remote.pause()
    assert isinstance(collect(inbox)[-1], m.Paused)


def test_resume_without_a_paused_run_fails_in_the_child(remote):
    inbox = queue.SimpleQueue()
    remote.start(make_job(max_epochs=1), inbox.put)
    collect(inbox)
    remote.start(_broken_job(), inbox.put)
    assert isinstance(collect(inbox)[-1], m.Failed)
    assert remote.resume(Hyperparameters(), 0.0, inbox.put)
    (failed,) = collect(inbox)
    assert failed.type == "RuntimeError"


def _broken_job():
    job = make_job()
    job.theta = np.zeros(2)
    return job


def test_a_killed_child_is_reported_not_waited_for(remote):
    inbox = queue.SimpleQueue()
    remote.start(make_job(), inbox.put)
    first_snapshot(inbox)
    os.kill(remote.pid, signal.SIGKILL)
    end = collect(inbox)[-1]
    assert end == m.Died(-signal.SIGKILL, False)
    assert not remote.alive
    # the next run starts a fresh child
    remote.start(make_job(), inbox.put)
    first_snapshot(inbox)


def test_an_unanswered_pause_ends_the_child_when_it_expires(remote):
    inbox = queue.SimpleQueue()
    remote.start(make_job(), inbox.put)
    first_snapshot(inbox)
    os.kill(remote.pid, signal.SIGSTOP)  # alive but deaf
    remote.pause()
    remote.expire()  # what the window's timer does when the answer is late
    end = collect(inbox)[-1]
    assert isinstance(end, m.Died) and end.timed_out
    remote.start(make_job(), inbox.put)
    first_snapshot(inbox)


PARENT = """
import queue, sys
from tests.runtime.test_child_protocol import make_job
from nnsim.runtime.training import RemoteTrainer
r = RemoteTrainer()
inbox = queue.SimpleQueue()
r.start(make_job(), inbox.put)
inbox.get(timeout=60)  # it trains
print(r.pid, flush=True)
sys.stdin.read()
"""


def test_the_child_dies_within_two_seconds_of_its_parent():
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        child = int(parent.stdout.readline())
        fd = os.pidfd_open(child)
    finally:
        parent.kill()
        parent.wait()
    try:
        ready, _, _ = select.select([fd], [], [], 2.0)  # readable once the child has exited
    finally:
        os.close(fd)
    assert ready, "the training child outlived its parent by 2 s"
