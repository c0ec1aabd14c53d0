"""First run: the welcome dialog with the examples as cards, start from scratch, the tour,
the keyboard shortcuts table, and presentation mode."""

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QScrollArea

from nnsim.gui.shell.files import examples_dir, list_examples
from nnsim.gui.util import style
from nnsim.project import load


@pytest.fixture
def window(app_window):
    """A real main window with its settings in a temporary folder and no blocking dialogs."""
    yield app_window
    app_window.presentation.set_enabled(False)


def test_create_window_does_not_show_the_welcome(window):
    assert window.welcome.dialog is None


def test_first_launch_shows_the_welcome_until_unticked(window, qtbot):
    from nnsim.gui.shell.welcome import maybe_show_at_start

    dialog = maybe_show_at_start(window)
    assert dialog is not None and dialog.isVisible()
    assert dialog.show_box.isChecked()
    dialog.show_box.click()  # untick "Show at start"
    dialog.scratch_button.click()
    qtbot.waitUntil(lambda: window.welcome.dialog is None)
    assert maybe_show_at_start(window) is None


def test_welcome_lists_every_example(window):
    examples = list_examples()
    assert len(examples) >= 10
    dialog = window.welcome.show_welcome()
    assert [c.entry["title"] for c in dialog.cards] == [e["title"] for e in examples]
    assert all(c.entry["claim"] for c in dialog.cards)


@pytest.mark.parametrize("index", [0, 5])
def test_clicking_a_card_opens_that_example(window, qtbot, index):
    entry = list_examples()[index]
    expected = load(examples_dir() / entry["file"]).title
    assert window.model.project.title != expected
    dialog = window.welcome.show_examples()
    card = dialog.cards[index]
    dialog.tabs.setCurrentIndex(dialog.EXAMPLES)
    dialog.findChild(QScrollArea).ensureWidgetVisible(card)
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert window.model.project.title == expected
    qtbot.waitUntil(lambda: window.welcome.dialog is None)


def test_start_from_scratch_keeps_the_project(window, qtbot):
    before = window.model.project
    dialog = window.welcome.show_welcome()
    qtbot.mouseClick(dialog.scratch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.welcome.dialog is None)
    assert window.model.project is before
    assert not window.model.dirty


def test_tour_highlights_each_part_and_finishes(window, qtbot):
    dialog = window.welcome.show_welcome()
    qtbot.mouseClick(dialog.tour_button, Qt.MouseButton.LeftButton)
    tour = window.welcome.tour
    assert tour is not None and tour.isVisible()
    assert len(tour.steps) == 5
    plane = window.plane
    top_left = plane.mapTo(window, plane.rect().topLeft())
    assert tour.highlight().contains(top_left)  # step 1: the data plane
    seen = []
    for _ in tour.steps:
        seen.append(tour.title.text())
        assert not tour.highlight().isNull()
        qtbot.mouseClick(tour.next, Qt.MouseButton.LeftButton)
    assert seen[2].startswith("3. Press Play")
    qtbot.waitUntil(lambda: window.welcome.tour is None)


def test_shortcuts_table_is_built_from_the_actions(window):
    dialog = window.welcome.show_shortcuts()
    rows = dialog.texts()
    assert ["Play", "Space"] in [r[:2] for r in rows]
    assert ["Presentation mode", "F5"] in [r[:2] for r in rows]
    assert ["Teacher mode", "Ctrl+Shift+T"] in [r[:2] for r in rows]
    # an action added later shows up too: nothing is hard-coded
    act = window.addAction("Test command")
    act.setShortcut("Ctrl+Alt+K")
    rows = window.welcome.show_shortcuts().texts()
    assert ["Test command", "Ctrl+Alt+K"] in [r[:2] for r in rows]


def test_help_menu_has_welcome_examples_and_shortcuts(window):
    texts = [a.text().replace("&", "") for a in window.help_menu.actions()]
    for name in ("Welcome…", "Examples…", "Keyboard shortcuts", "Lecture formulas"):
        assert name in texts


def test_presentation_mode_scales_the_font_and_back_exactly(window, qtbot):
    app = QApplication.instance()
    before = QFont(app.font())
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.presentation.enabled and window.presentation.action.isChecked()
    assert app.font().pointSizeF() == pytest.approx(before.pointSizeF() * 1.5)
    assert style.scale == 1.5 and style.line_width(2) == 3
    assert QSettings().value("view/presentation") in (True, "true")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert not window.presentation.enabled
    assert app.font() == before
    assert style.scale == 1.0
    assert QSettings().value("view/presentation") in (False, "false")


def test_presentation_thickens_plot_curves_and_restores_them(window):
    import pyqtgraph as pg

    def widths():
        out = []
        for view in window.findChildren(pg.GraphicsView):
            for item in view.scene().items():
                if isinstance(item, pg.PlotDataItem) and item.opts.get("pen") is not None:
                    out.append(pg.mkPen(item.opts["pen"]).widthF())
        return out

    before = widths()
    assert any(w > 0 for w in before)
    window.presentation.set_enabled(True)
    during = widths()
    assert all(d == pytest.approx(b * 1.5) for b, d in zip(before, during) if b > 0)
    window.presentation.set_enabled(False)
    assert widths() == before


def test_presentation_mode_is_remembered(window, qtbot):
    from nnsim.gui.shell.app import create_window

    window.presentation.set_enabled(True)
    window.presentation.set_enabled(False)
    QSettings().setValue("view/presentation", True)
    base = QFont(QApplication.instance().font())
    other = create_window()
    qtbot.addWidget(other)
    try:
        assert other.presentation.enabled
        assert QApplication.instance().font().pointSizeF() == pytest.approx(base.pointSizeF() * 1.5)
    finally:
        other.presentation.set_enabled(False)
    assert QApplication.instance().font() == base
