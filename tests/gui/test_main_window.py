"""The whole window, driven like a user: menus, toolbar, files, training, the stepper."""

import json
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QStandardPaths

from nnsim.core.hyper import Hyperparameters
from nnsim.gui.model.project_model import ProjectModel
from nnsim.gui.shell import files
from nnsim.gui.shell.main_window import MainWindow
from nnsim.project import load, new_project, save
from nnsim.project.edits import add_neuron


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path):
    QStandardPaths.setTestModeEnabled(True)  # QSettings go to a throw-away place
    monkeypatch.setattr(files.QSettings, "value", lambda self, key, default=None: default)
    errors = []
    monkeypatch.setattr(files, "show_error", lambda parent, title, text: errors.append(text))
    # closing at teardown must not wait for an answer (tests that ask patch this again)
    monkeypatch.setattr(files, "ask_unsaved", lambda parent, name: "discard")
    hp = Hyperparameters(learning_rate=0.1, max_epochs=10**6)
    project = new_project("circle", n=80, seed=1, hidden=(4,), hyper=hp, title="test")
    win = MainWindow(ProjectModel(project))
    win.errors = errors
    qtbot.addWidget(win)
    win.show()
    yield win
    win.controller.shutdown()
    assert not win.controller._remote.alive


def test_play_trains_on_the_worker_and_the_loss_falls(qtbot, window):
    model = window.model
    window.act_play.trigger()
    assert window.controller.running
    assert window.act_play.text() == "&Pause"
    qtbot.waitUntil(lambda: len(model.history) >= 30, timeout=20000)
    with qtbot.waitSignal(window.controller.running_changed, timeout=10000):
        window.act_play.trigger()  # pause: answered by the child, the window goes on
        assert window.act_play.text() == "Pausing…"
    assert window.act_play.text() == "&Play"
    assert not window.controller.running
    losses = [r.train_loss for r in model.history]
    assert losses[-1] < losses[0]
    assert model.project.epoch == len(model.history)  # results synced into the project
    assert window.windowTitle().startswith("Untitled")
    assert window.isWindowModified()
    assert "Epoch" in window.status_label.text()


def test_step_actions_advance_sample_batch_and_epoch(window):
    c = window.controller
    window.act_step_sample.trigger()
    assert c.updates == 1
    window.act_step_batch.trigger()
    assert c.updates == 2
    window.act_step_epoch.trigger()
    assert len(window.model.history) == 1
    window.act_reset.trigger()
    assert window.model.history == []
    window.model.undo_stack.undo()  # reset is undoable
    assert len(window.model.history) == 1


def test_edit_during_training_pauses_keeps_weights_and_continues(qtbot, window):
    model = window.model
    window.act_play.trigger()
    qtbot.waitUntil(lambda: len(model.history) >= 3, timeout=20000)
    with qtbot.waitSignal(window.controller.running_changed, timeout=10000):
        window.controller.pause()
    trained = model.network.W[2].copy()
    window.act_play.trigger()
    qtbot.waitUntil(lambda: len(model.history) >= 6, timeout=20000)
    with qtbot.waitSignal(window.controller.running_changed, timeout=10000):
        window.controller.pause()
    before = model.project
    model.edit(add_neuron(before, 0), "Add neuron", ("network", "weights", "trainer_state"))
    assert model.network.sizes == [2, 5, 2]
    assert np.array_equal(model.network.W[1][:4], before.weights[0][0])
    assert not np.array_equal(model.network.W[2][:, :4], trained)  # it did train on
    epochs = len(model.history)
    window.act_play.trigger()
    qtbot.waitUntil(lambda: len(model.history) > epochs + 2, timeout=20000)
    window.act_play.trigger()


def test_save_and_open_round_trip_through_the_menus(qtbot, window, monkeypatch, tmp_path):
    window.act_step_epoch.trigger()
    path = tmp_path / "lesson.json"
    monkeypatch.setattr(files, "ask_save_path", lambda parent, start: str(path))
    window.act_save.trigger()  # no path yet: asks where
    assert path.exists()
    assert window.windowTitle().startswith("lesson.json")
    assert not window.isWindowModified()
    saved = load(path)
    assert np.array_equal(saved.weights[0][0], window.model.network.W[1])
    window.act_step_epoch.trigger()
    assert window.isWindowModified()
    monkeypatch.setattr(files, "ask_unsaved", lambda parent, name: "discard")
    monkeypatch.setattr(files, "ask_open_path", lambda parent, start: str(path))
    window.act_open.trigger()
    assert window.model.path == path
    assert len(window.model.history) == 1
    assert np.array_equal(window.model.network.W[1], saved.weights[0][0])


def test_a_malformed_file_shows_its_error_and_keeps_the_project(window, tmp_path):
    bad = tmp_path / "bad.json"
    doc = json.loads(Path(files.examples_dir() / "xor-hidden-layer.json").read_text())
    doc["network"]["hidden"][0]["activation"] = "swish"
    bad.write_text(json.dumps(doc))
    before = window.model.project
    assert not window.files.open_path(bad)
    assert window.model.project is before
    assert len(window.errors) == 1
    assert "$.network.hidden[0].activation" in window.errors[0]
    bad.write_text('{"format": "nnsim-project", "schema_')  # truncated
    assert not window.files.open_path(bad)
    assert "bad.json" in window.errors[1]


def test_closing_with_unsaved_work_asks(qtbot, window, monkeypatch):
    window.act_step_epoch.trigger()
    asked = []
    monkeypatch.setattr(files, "ask_unsaved", lambda parent, name: asked.append(name) or "cancel")
    window.close()
    assert asked == ["Untitled"]
    assert window.isVisible()  # cancel keeps the window and the work
    monkeypatch.setattr(files, "ask_unsaved", lambda parent, name: "discard")
    window.close()
    assert not window.isVisible()


def test_examples_menu_opens_each_listed_example(window, monkeypatch):
    monkeypatch.setattr(files, "ask_unsaved", lambda parent, name: "discard")
    actions = window.examples_menu.actions()
    titles = [e["title"] for e in files.list_examples()]
    assert [a.text() for a in actions] == titles
    actions[1].trigger()
    assert window.model.project.title == titles[1]
    assert window.model.path is None  # an example is never overwritten by Save
    assert window.banner.isVisible()  # its explanation opens with it


def test_divergence_pauses_with_a_message_and_keeps_finite_weights(qtbot, window):
    project = new_project(
        "reg_plane", n=100, seed=0, hidden=(8,),
        hyper=Hyperparameters(learning_rate=50.0, max_epochs=10**6),
    )  # fmt: skip
    window.model.set_project(project)
    with qtbot.waitSignal(window.controller.stopped, timeout=20000) as stop:
        window.act_play.trigger()
    assert stop.args[0].key == "diverged"
    assert "smaller learning rate" in window.banner.label.text()
    assert window.banner.isVisible()
    assert np.isfinite(window.model.network.theta).all()
    assert not window.controller.running


def test_backprop_window_opens_on_the_current_project(window):
    stepper = window.show_stepper()
    assert stepper.isVisible()
    assert stepper.isWindow()
    assert window.show_stepper() is stepper  # one per main window


def test_save_as_writes_a_loadable_file(window, monkeypatch, tmp_path):
    path = tmp_path / "copy"
    monkeypatch.setattr(files, "ask_save_path", lambda parent, start: str(path) + ".json")
    window.act_save_as.trigger()
    again = load(path.with_suffix(".json"))
    assert again.title == "test"
    save(again, tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == path.with_suffix(".json").read_bytes()


def test_training_menu_offers_backprop_search_and_capacity_sweep(window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Training")
    actions = menu.actions()
    for act in (window.act_backprop, window.act_search, window.act_capacity):
        assert act in actions
    window.act_search.trigger()
    assert window.search_dialog().isVisible()
    window.search_dialog().close()


def test_the_window_icon_is_found_in_a_checkout():
    from nnsim.gui.shell.app import resources_dir

    assert (resources_dir() / "nnsim.png").is_file()
    assert (resources_dir() / "nnsim.desktop").is_file()
