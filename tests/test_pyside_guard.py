"""The PySide6 pin holds: 6.12.0 drops a reference to None on every call of a method that
returns nothing, and on Python 3.11 (where None is an ordinary object) the process dies
with "Fatal Python error: none_dealloc: deallocating None" as soon as plots repaint.

pyproject.toml pins ``PySide6-Essentials>=6.11,<6.12``; these tests fail if the installed
PySide6 leaves that range or starts leaking None references.
"""

import os
import re
import sys
from importlib import metadata
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6 import QtCore, QtGui  # noqa: E402

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
CALLS = 2_000  # a leak of one reference per call shows as a drop of 2,000


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def _pin() -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The (lowest allowed, first excluded) PySide6-Essentials versions in pyproject.toml."""
    line = next(
        line for line in PYPROJECT.read_text().splitlines() if '"PySide6-Essentials' in line
    )
    low = re.search(r">=\s*([\d.]+)", line)
    high = re.search(r"<\s*([\d.]+)", line)
    assert low and high, f"pyproject.toml should pin PySide6-Essentials to a range: {line}"
    return _version(low.group(1)), _version(high.group(1))


def test_the_pin_excludes_the_aborting_release():
    low, high = _pin()
    assert low <= (6, 11, 0) < high <= (6, 12, 0) or sys.version_info >= (3, 12)


def test_installed_pyside_is_within_the_pin():
    installed = _version(metadata.version("PySide6-Essentials"))
    low, high = _pin()
    assert low <= installed < high, f"PySide6-Essentials {installed} is outside {low}..{high}"
    import shiboken6

    assert _version(shiboken6.__version__) == installed  # a mixed install crashes as well


def _none_drift(call) -> int:
    call()  # first call: caches and lazy imports may take references once
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        call()
    return sys.getrefcount(None) - before


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_calls_keep_none_alive():
    image = QtGui.QImage(32, 32, QtGui.QImage.Format.Format_ARGB32)
    painter = QtGui.QPainter(image)
    a, b = QtCore.QPointF(0, 0), QtCore.QPointF(8, 8)
    pen = QtGui.QPen(QtGui.QColor(200, 0, 0))
    obj = QtCore.QObject()
    try:
        drifts = {
            "QObject.setObjectName": _none_drift(lambda: obj.setObjectName("n")),
            "QPainter.drawLine": _none_drift(lambda: painter.drawLine(a, b)),
            "QPainter.setPen": _none_drift(lambda: painter.setPen(pen)),
        }
    finally:
        painter.end()
    # A leaking binding loses one reference per call (-2,000 here); a clean one stays within
    # a few references of where it started (the interpreter itself holds and drops some).
    assert all(abs(d) < CALLS // 10 for d in drifts.values()), drifts
