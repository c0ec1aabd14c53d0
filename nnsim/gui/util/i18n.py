"""The interface language: English (the source strings) or Russian (the course's language).

Translations are Qt ``.qm`` files compiled from the ``.ts`` sources in
``nnsim/gui/translations/`` (``pyside6-lrelease``); each part of the interface has its own
file named ``PART.LANG.ts``. The language comes from the user's choice (View → Language,
remembered in QSettings) or else from the system locale, and applies from the next start:
every window builds its texts once, through ``tr()``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

LANGUAGES = {"en": "English", "ru": "Русский"}
TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
_installed: list[QTranslator] = []


def chosen_language() -> str:
    """The saved choice, else the system locale's language if we have it, else English."""
    saved = QSettings().value("language", "")
    if saved in LANGUAGES:
        return saved
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


def set_language(code: str) -> None:
    """Remember ``code`` for the next start."""
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}")
    QSettings().setValue("language", code)


def install(app, code: str | None = None) -> str:
    """Load the translations of ``code`` (default: ``chosen_language()``) into ``app``.

    Returns the language actually in use ("en" when a translation file is missing).
    """
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    code = code or chosen_language()
    if code == "en":
        return code
    files = sorted(TRANSLATIONS.glob(f"*.{code}.qm"))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for path, folder in [(f.stem, str(f.parent)) for f in files] + [(f"qtbase_{code}", qt_dir)]:
        translator = QTranslator(app)
        if translator.load(path, folder):
            app.installTranslator(translator)
            _installed.append(translator)
    return code if files else "en"


def tr(context: str, text: str) -> str:
    """Translate a string outside a QObject (module-level tables, tooltips)."""
    return QCoreApplication.translate(context, text)
