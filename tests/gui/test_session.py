"""The session through its signals: pausing never blocks, edits wait for the child's
answer, a child that dies or does not answer is reported and the document keeps the
newest snapshot."""

import os
import signal

import numpy as np
import pytest

from nnsim.project import edits
from nnsim.runtime import messages as m


@pytest.fixture
def endless(model):
    # 60 points train thousands of epochs a second: no epoch limit may end a run first
    model.set_fields(hyper=model.project.hyper.with_changes(max_epochs=10**7))
    return model


def play(qtbot, controller, model):
    with qtbot.waitSignal(model.history_changed, timeout=10000):
        controller.play()
    assert controller.state == "running"


def test_pause_returns_at_once_and_the_answer_ends_the_run(qtbot, endless, controller):
    model = endless
    play(qtbot, controller, model)
    states = []
    controller.state_changed.connect(states.append)
    with qtbot.waitSignal(controller.running_changed, timeout=10000) as ended:
        controller.pause()
        assert controller.pausing and controller.running  # nothing waited for the child
        # the document already holds the newest snapshot the views show
        assert model.project.epoch == len(model.history) > 0
        assert np.array_equal(model.project.build_network().theta, model.network.theta)
    assert ended.args == [False]
    assert states == ["pausing", "idle"]
    assert model.project.trainer_state.updates == controller.updates
    assert np.array_equal(model.project.build_network().theta, model.network.theta)


def test_an_edit_while_pausing_is_applied_on_the_answer(qtbot, endless, controller):
    model = endless
    play(qtbot, controller, model)
    controller.pause()
    with qtbot.waitSignal(model.network_changed, timeout=10000):
        assert controller.edit("Add neuron", lambda p: edits.add_neuron(p, 0)) is None
        assert model.network.sizes == [2, 3, 2]  # not yet: the child has not answered
    assert not controller.running
    assert model.network.sizes == [2, 4, 2]
    trained = model.project
    # the neuron was added to the trained weights, and one undo takes it away again
    model.undo_stack.undo()
    assert model.network.sizes == [2, 3, 2]
    assert len(model.history) == len(trained.history) > 0
    assert np.array_equal(model.project.weights[0][0], trained.weights[0][0][:3])


def test_a_refused_edit_reports_its_reason(qtbot, model, controller):
    reasons = []
    assert controller.edit("Remove", lambda p: edits.remove_neuron(p, 5), reasons.append) is False
    assert len(reasons) == 1 and isinstance(reasons[0], ValueError)
    with qtbot.waitSignal(controller.failed) as failed:
        controller.edit("Remove", lambda p: edits.remove_layer(p, 3))
    assert "hidden layer index" in failed.args[0]


def test_resume_continues_the_paused_run_in_the_same_child(qtbot, endless, controller):
    model = endless
    play(qtbot, controller, model)
    with qtbot.waitSignal(controller.running_changed, timeout=10000):
        controller.pause()
    pid, epochs = controller._remote.pid, len(model.history)
    play(qtbot, controller, model)
    assert controller._remote.pid == pid
    with qtbot.waitSignal(controller.running_changed, timeout=10000):
        controller.pause()
    assert len(model.history) > epochs
    assert model.project.epoch == len(model.history)


def test_play_while_pausing_plays_once_answered(qtbot, endless, controller):
    model = endless
    play(qtbot, controller, model)
    controller.pause()
    controller.play()  # waits for the answer
    qtbot.waitUntil(lambda: controller.state == "running", timeout=10000)
    with qtbot.waitSignal(controller.running_changed, timeout=10000):
        controller.pause()


def test_sync_while_training_keeps_training(qtbot, endless, controller):
    model = endless
    play(qtbot, controller, model)
    with qtbot.waitSignal(model.trainer_state_changed):
        project = controller.sync()
    assert controller.state == "running"
    assert project is model.project and project.epoch == len(model.history) > 0


def test_a_killed_child_is_reported_and_the_newest_snapshot_kept(qtbot, endless, controller):
    model = endless
    play(qtbot, controller, model)
    with qtbot.waitSignal(controller.failed, timeout=10000) as failed:
        os.kill(controller._remote.pid, signal.SIGKILL)
    assert "ended unexpectedly" in failed.args[0]
    assert not controller.running
    assert model.project.epoch == len(model.history) > 0
    assert np.array_equal(model.project.build_network().theta, model.network.theta)
    play(qtbot, controller, model)  # a fresh child takes over


def test_an_unanswered_pause_restarts_the_child(qtbot, endless, controller):
    model = endless
    play(qtbot, controller, model)
    controller._pause_timer.setInterval(50)
    pid = controller._remote.pid
    os.kill(pid, signal.SIGSTOP)  # alive but deaf
    with qtbot.waitSignal(controller.failed, timeout=10000) as failed:
        controller.pause()
    assert "did not answer the pause request" in failed.args[0]
    assert not controller.running
    play(qtbot, controller, model)
    assert controller._remote.pid != pid


def test_a_child_exception_reaches_the_dialog_with_its_traceback(
    qtbot, model, controller, monkeypatch
):
    from nnsim.gui.util.errors import show_failure
    from nnsim.runtime.training import Job

    made = Job.from_trainer

    def broken(*args, **kwargs):
        job = made(*args, **kwargs)
        job.theta = np.zeros(2)  # the child cannot build its trainer from this
        return job

    monkeypatch.setattr(Job, "from_trainer", broken)
    with qtbot.waitSignal(controller.crashed, timeout=10000) as crashed:
        controller.play()
    failure = crashed.args[0]
    assert isinstance(failure, m.Failed) and failure.type == "ValueError"
    assert not controller.running
    box = show_failure(None, failure)
    qtbot.addWidget(box)
    assert "ValueError" in box.text()
    assert box.informativeText() == failure.message
    assert box.detailedText().startswith("Traceback (most recent call last)")
    assert "in trainer" in box.detailedText()
    box.close()


def test_a_rollback_drops_the_void_epochs_from_the_history(qtbot, model, controller):
    from nnsim.core.trainer import Snapshot

    for _ in range(3):
        controller.step("epoch")
    assert [r.epoch for r in model.history] == [1, 2, 3]
    theta = model.network.theta.copy()
    with qtbot.waitSignal(model.history_changed):
        model.apply_snapshot(Snapshot(1, 6, theta, (), stopped=True, rollback_to=1), [])
    assert [r.epoch for r in model.history] == [1]
