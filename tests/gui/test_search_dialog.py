"""The search dialog driven through its widgets: a tiny search, sorting, apply best + undo,
cancel, and a search that survives reopening from the project."""

import threading

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from nnsim.gui.search.dialog import SearchDialog
from nnsim.gui.search.results import SORT_ROLE


@pytest.fixture
def dialog(qtbot, model, controller):
    dlg = SearchDialog(model, controller)
    qtbot.addWidget(dlg)
    dlg.workers.setValue(1)  # one process: fast start; the pool is tested in tests/core
    dlg.show()
    yield dlg
    dlg.shutdown()
    assert not [t for t in threading.enumerate() if t.name == "nnsim-search"]


def set_grid(dialog, **texts):
    texts.setdefault("max_epochs", "40")  # short trials keep the tests fast
    for name, row in dialog.rows.items():
        row.check.setChecked(name in texts)
        if name in texts:
            row.edit.setText(texts[name])


def run_to_end(qtbot, dialog):
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=20_000)


def column_values(table, name):
    col = table.columns.index(name)
    proxy = table.proxy
    return [proxy.index(r, col).data(SORT_ROLE) for r in range(proxy.rowCount())]


def test_a_grid_search_fills_the_table_saves_and_says_how_the_test_set_was_used(
    qtbot, dialog, model
):
    set_grid(dialog, learning_rate="0.01, 0.3", hidden="2; 5")
    run_to_end(qtbot, dialog)
    assert dialog.table.proxy.rowCount() == 4
    search = model.project.search
    assert len(search["trials"]) == 4 and search["best"] is not None
    assert dialog.progress.value() == 4 and dialog.progress.maximum() == 4
    note = dialog.test_note.text()
    err = 100 * search["test"]["error"]
    assert f"The test set was used once, for the chosen model: test error {err:.1f} %" in note
    # the best row is bold and starred
    best = search["best"]
    assert dialog.table.proxy.index(best, 0).data().endswith("★")
    # clicking the validation error header sorts by it; clicking again reverses
    col = dialog.table.columns.index("val_error")
    header = dialog.table.horizontalHeader()
    pos = QPoint(header.sectionViewportPosition(col) + header.sectionSize(col) // 2, 5)
    for _ in range(2):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        assert header.sortIndicatorSection() == col
        ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        values = column_values(dialog.table, "val_error")
        assert values == sorted(values, reverse=not ascending)
        if ascending:
            assert dialog.table.proxy.index(0, 0).data().endswith("★")
    assert len(set(column_values(dialog.table, "trial"))) == 4
    # the plot can show a second parameter as a heatmap
    dialog.plot.y_combo.setCurrentIndex(2)
    assert dialog.plot.colorbar is not None


def test_apply_best_changes_the_project_and_undo_restores_it(qtbot, dialog, model):
    set_grid(dialog, learning_rate="0.01, 0.5", hidden="2; 6")
    run_to_end(qtbot, dialog)
    before = model.project
    best = model.project.search["trials"][model.project.search["best"]]
    assert dialog.apply_button.isEnabled()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    p = model.project
    assert p.hyper.learning_rate == best["config"]["learning_rate"]
    assert [layer.width for layer in p.network.hidden] == best["config"]["hidden"]
    assert model.network.W[1].shape[0] == best["config"]["hidden"][0]
    assert len(model.history) == best["epochs"]
    model.undo_stack.undo()
    assert model.project.hyper == before.hyper
    assert model.project.network == before.network
    assert np.array_equal(model.network.W[1], before.weights[0][0])
    assert model.project.search == before.search  # the search itself stays


def test_cancel_stops_the_search_early(qtbot, dialog, model):
    many = ", ".join(f"{0.01 * (i + 1):.2f}" for i in range(60))
    set_grid(dialog, learning_rate=many, max_epochs="200")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.isEnabled() and not dialog.start_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.progress.value() >= 1, timeout=20_000)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=20_000)
    search = model.project.search
    assert search["cancelled"] and 1 <= len(search["trials"]) < 60
    assert "Cancelled" in dialog.status.text()


def test_a_bad_value_is_shown_and_nothing_starts(qtbot, dialog, model):
    set_grid(dialog, learning_rate="0.1, fast")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert "learning_rate" in dialog.error_label.text()
    assert not dialog.runner.running and model.project.search is None


def test_random_search_uses_ranges_and_a_reopened_dialog_shows_the_saved_search(
    qtbot, dialog, model, controller
):
    dialog.random_radio.setChecked(True)
    set_grid(dialog, learning_rate="0.001 : 1")
    dialog.trials.setValue(3)
    run_to_end(qtbot, dialog)
    rates = [t["config"]["learning_rate"] for t in model.project.search["trials"]]
    assert len(rates) == 3 and all(0.001 <= r <= 1 for r in rates)
    other = SearchDialog(model, controller)
    qtbot.addWidget(other)
    assert other.table.proxy.rowCount() == 3
    assert "test error" in other.test_note.text()
    assert other.apply_button.isEnabled()  # the saved best weights can be applied


def test_capacity_sweep_preset_searches_hidden_units_only(dialog):
    dialog.preset_capacity_sweep((1, 4, 16))
    space = dialog.space()
    assert space.method == "grid" and space.grid == {"hidden": ((1,), (4,), (16,))}
    assert dialog.plot.x_combo.count() == 0  # nothing searched yet


def test_two_processes_from_the_window_give_the_serial_result(qtbot, dialog, model):
    set_grid(dialog, learning_rate="0.05, 0.5", hidden="2; 4")
    run_to_end(qtbot, dialog)
    serial = model.project.search["trials"]
    dialog.workers.setValue(2)
    run_to_end(qtbot, dialog)
    pooled = model.project.search["trials"]
    strip = lambda rows: [{**r, "seconds": 0} for r in rows]  # noqa: E731
    assert strip(pooled) == strip(serial)


def test_closing_during_long_trials_ends_the_search_and_its_workers_within_2_s(qtbot, dialog):
    import os

    from tests.runtime.test_search_children import all_gone_within, descendants, workers_of

    dialog.workers.setValue(2)
    set_grid(dialog, learning_rate="0.01, 0.02, 0.03, 0.04", max_epochs="1000000")
    old = descendants(os.getpid())  # a cluster or pool of an earlier test may still run
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    workers = workers_of(os.getpid(), 2, old)
    dialog.shutdown()  # what closing the window does
    assert dialog.runner.join(0)  # the search thread ended within shutdown's 2 s
    assert not all_gone_within(workers, 2.0), "a trial kept running after the window closed"
