"""The search dialog's cluster field, driven through its widgets: a local Dask cluster
gives the search the local pool gives; a wrong address is one translated line."""

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox

from nnsim.gui.search import cluster as cluster_field
from nnsim.gui.search.dialog import SearchDialog
from nnsim.gui.util import i18n
from nnsim.project.searching import trial_spec
from nnsim.runtime import cluster as cluster_module
from nnsim.runtime.search import run_search_to_end


@pytest.fixture
def dialog(qtbot, model, controller):
    dlg = SearchDialog(model, controller)
    qtbot.addWidget(dlg)
    dlg.show()
    for name, row in dlg.rows.items():
        row.check.setChecked(name in ("learning_rate", "max_epochs"))
    dlg.rows["learning_rate"].edit.setText("0.03, 0.3")
    dlg.rows["max_epochs"].edit.setText("20")
    yield dlg
    dlg.shutdown()
    assert not [t for t in threading.enumerate() if t.name == "nnsim-search"]


def start(qtbot, dialog, address):
    dialog.cluster.setText(address)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=60_000)


def test_the_cluster_field_runs_the_local_search_there(qtbot, dialog, model, dask_cluster):
    expected = run_search_to_end(trial_spec(model.project), dialog.space(), workers=1)
    assert dialog.workers.isEnabled()
    start(qtbot, dialog, f"  {dask_cluster} ")  # spaces are ignored
    assert not dialog.workers.isEnabled()  # the cluster decides how many run at once
    assert dialog.error_label.text() == ""
    trials = model.project.search["trials"]
    rows = [r.row() for r in expected.results]
    assert [{**t, "seconds": 0} for t in trials] == [{**r, "seconds": 0} for r in rows]
    assert dialog.progress.value() == dialog.progress.maximum() == 2


def test_a_wrong_address_says_so_in_one_line(qtbot, dialog, model, monkeypatch):
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", 0.3)
    before = model.project.search
    start(qtbot, dialog, "tcp://127.0.0.1:9")
    assert dialog.error_label.text() == "Cannot reach the Dask scheduler at tcp://127.0.0.1:9."
    assert model.project.search is before
    dialog.cluster.clear()
    assert dialog.workers.isEnabled()


def test_the_cluster_messages_speak_russian(qapp):
    error = cluster_module.ClusterError("unreachable", "tcp://lab:8786", "timed out")
    try:
        assert i18n.install(qapp, "ru") == "ru"
        text = cluster_field.cluster_error_text(error)
        assert text == "Не удаётся связаться с планировщиком Dask по адресу tcp://lab:8786."
        field = cluster_field.ClusterField(QSpinBox())
        assert field.placeholderText() == "пусто: этот компьютер"
    finally:
        i18n.install(qapp, "en")
