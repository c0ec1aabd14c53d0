"""Translations: every .ts is complete and compiled, and the window really speaks Russian."""

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths

from nnsim.gui.model.project_model import ProjectModel
from nnsim.gui.shell import files
from nnsim.gui.shell.main_window import MainWindow
from nnsim.gui.util import i18n
from nnsim.project import new_project

TS_FILES = sorted(i18n.TRANSLATIONS.glob("*.ts"))
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
ACCELERATOR = re.compile(r"(?<!&)&(?!&)(?=\w)")  # "&File", not "&&" nor "&amp;"-like text


def _messages(ts: Path):
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message


def test_there_are_translations():
    assert TS_FILES, "no .ts files in nnsim/gui/translations"
    assert any(ts.name == "window.ru.ts" for ts in TS_FILES)


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_message_is_translated_with_its_placeholders(ts):
    problems = []
    for context, message in _messages(ts):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        kind = translation.get("type") if translation is not None else "missing"
        if kind in ("obsolete", "vanished"):
            continue
        text = (translation.text or "") if translation is not None else ""
        where = f"[{context}] {source!r}"
        if kind in ("unfinished", "missing") or (source and not text.strip()):
            problems.append(f"{where}: not translated")
            continue
        lost = [p for p in PLACEHOLDER.findall(source) if p not in text]
        if lost:
            problems.append(f"{where}: translation lacks {lost}")
        if ACCELERATOR.search(source) and len(ACCELERATOR.findall(text)) != 1:
            problems.append(f"{where}: translation needs exactly one & accelerator: {text!r}")
    assert not problems, "\n".join(problems)


def _lrelease() -> str | None:
    found = shutil.which("pyside6-lrelease")
    if found:
        return found
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    return str(beside) if beside.exists() else None


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_the_compiled_qm_is_up_to_date(ts, tmp_path):
    qm = ts.with_suffix(".qm")
    assert qm.exists(), f"{qm.name} is missing: run pyside6-lrelease {ts.name} -qm {qm.name}"
    lrelease = _lrelease()
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    fresh = tmp_path / qm.name
    subprocess.run(
        [lrelease, "-silent", str(ts), "-qm", str(fresh)], check=True, capture_output=True
    )
    assert fresh.read_bytes() == qm.read_bytes(), f"{qm.name} is older than {ts.name}"


@pytest.fixture
def build_window(qtbot, monkeypatch):
    QStandardPaths.setTestModeEnabled(True)
    monkeypatch.setattr(files.QSettings, "value", lambda self, key, default=None: default)
    monkeypatch.setattr(files, "ask_unsaved", lambda parent, name: "discard")
    windows = []

    def build():
        win = MainWindow(ProjectModel(new_project("circle", n=40, seed=0, hidden=(3,))))
        qtbot.addWidget(win)
        windows.append(win)
        return win

    yield build
    for win in windows:
        win.controller.shutdown()


def test_the_window_speaks_russian(qapp, build_window):
    try:
        assert i18n.install(qapp, "ru") == "ru"
        win = build_window()
        titles = [a.text() for a in win.menuBar().actions()]
        assert titles[0] == "&Файл"
        assert "&Справка" in titles
        assert win.act_play.text() == "&Пуск"
        assert win.docks["Data"].windowTitle() == "Данные"  # the key stays English
        assert win.epoch_label.text().strip() == "Эпоха 0"
    finally:
        assert i18n.install(qapp, "en") == "en"
    again = build_window()
    assert again.menuBar().actions()[0].text() == "&File"
    assert again.act_play.text() == "&Play"


def test_pausing_and_a_child_failure_speak_russian(qapp, qtbot, build_window):
    from nnsim.gui.util.errors import show_failure
    from nnsim.runtime.messages import Failed

    try:
        assert i18n.install(qapp, "ru") == "ru"
        win = build_window()
        win.model.set_fields(hyper=win.model.project.hyper.with_changes(max_epochs=10**7))
        with qtbot.waitSignal(win.model.history_changed, timeout=10000):
            win.act_play.trigger()
        with qtbot.waitSignal(win.controller.running_changed, timeout=10000):
            win.act_play.trigger()
            assert win.act_play.text() == "Приостановка…"
        assert win.act_play.text() == "&Пуск"
        box = show_failure(win, Failed("ValueError", "x", "Traceback"))
        assert box.windowTitle() == "Обучение остановлено"
        assert box.text() == "Вычисление остановлено из-за ошибки: ValueError"
        box.close()
    finally:
        assert i18n.install(qapp, "en") == "en"


STOP_FIELDS = {"epoch": 12, "best_epoch": 7, "lr": 0.25, "target_loss": 0.01}


def _stops():
    from nnsim.core.stop import StopKey, StopReason

    return [StopReason.make(key, **STOP_FIELDS) for key in StopKey]


def _diverged():
    from nnsim.core.stop import StopReason

    return StopReason.make("diverged", **STOP_FIELDS)


def test_stop_reasons_read_the_same_in_the_gui_and_the_cli_in_english(qapp):
    from nnsim.cli import render
    from nnsim.core.stop import StopKey
    from nnsim.gui.util.explanations import STOP_TEXTS, stop_text

    assert set(STOP_TEXTS) == set(StopKey) == set(render.STOP_TEXTS)
    for stop in _stops():
        text = stop_text(stop)
        assert text == render.stop_text(stop)  # English: one wording for both
        assert text.endswith(".") and "{" not in text
    diverged = stop_text(_diverged())
    assert "12" in diverged and "0.25" in diverged and "smaller learning rate" in diverged


def test_every_stop_reason_translates_to_russian(qapp):
    from nnsim.cli import render
    from nnsim.gui.util.explanations import stop_text

    try:
        i18n.install(qapp, "ru")
        for stop in _stops():
            text = stop_text(stop)
            assert text != render.stop_text(stop) and "{" not in text
            assert re.search("[а-яА-Я]", text), text
            for name in ("epoch", "best_epoch", "lr"):
                if name in stop.fields and f"{{{name}" in render.STOP_TEXTS[stop.key]:
                    assert f"{stop.fields[name]:g}" in text
        diverged = stop_text(_diverged())
        assert "12" in diverged and "0.25" in diverged and "NaN" in diverged
    finally:
        i18n.install(qapp, "en")


def test_the_language_menu_remembers_the_choice_for_the_next_start(build_window, monkeypatch):
    chosen = []
    monkeypatch.setattr(i18n, "set_language", chosen.append)  # no real settings written
    win = build_window()
    actions = win.language_actions
    assert [a.text() for a in actions.values()] == list(i18n.LANGUAGES.values())
    assert sum(a.isChecked() for a in actions.values()) == 1
    assert actions[i18n.chosen_language()].isChecked()
    actions["ru"].trigger()
    assert chosen == ["ru"]
    assert actions["ru"].isChecked() and not actions["en"].isChecked()
    assert win.statusBar().currentMessage() == "The language changes when nnsim starts again."


@pytest.mark.parametrize("batch", [1, 3])
def test_every_stage_title_has_a_translation(qapp, batch):
    import numpy as np

    from nnsim.explain.stages import build_stages
    from nnsim.gui.stepper.render import stage_short, stage_title
    from nnsim.gui.stepper.steps import project_plan

    p = new_project("circle", n=40, seed=0, hidden=(4, 3))
    plan = project_plan(p, np.flatnonzero(p.data.split == 0)[:batch])
    stages = build_stages(plan, 4)
    english = [(stage_title(st), stage_short(st)) for st in stages]
    for title, short in english:  # English: complete texts, every field filled in
        assert title and short and "{" not in title
    try:
        i18n.install(qapp, "ru")
        russian = [(stage_title(st), stage_short(st)) for st in stages]
        untranslated = [e[0] for e, r in zip(english, russian) if e[0] == r[0]]
        assert not untranslated
        assert russian[0][1] != english[0][1]
        assert all("{" not in title for title, _ in russian)
    finally:
        i18n.install(qapp, "en")
