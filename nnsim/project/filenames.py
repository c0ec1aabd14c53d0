"""A project's title as a file name that every system accepts (Save As proposes it).

Titles are sentences ("Zero weights: tanh units never learn", "Learning-rate schedule
α/(1 + δt)"); Windows refuses ``< > : " / \\ | ? *`` and control characters, names that end
in a dot or a space, and the device names CON, PRN, AUX, NUL, COM0-9 and LPT0-9 (with any
extension); macOS Finder shows ":" as "/"; a leading dot hides a file on Linux and macOS;
most file systems stop at 255 bytes. Letters of any script are fine everywhere.
"""

from __future__ import annotations

import re
import unicodedata

_DIGITS = "0123456789¹²³"  # Windows also reserves COM¹..COM³ and LPT¹..LPT³
RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{d}" for p in ("COM", "LPT") for d in _DIGITS}
_COLON = re.compile(r"\s*:\s+")  # "Title: subtitle" -> "Title - subtitle"
_INVALID = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
MAX_BYTES = 200  # room for ".json" and a "(2)" a dialog may add, under 255 bytes


def file_stem(title: str, fallback: str = "project") -> str:
    """A file name without extension for ``title``, valid on Windows, macOS and Linux."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", title))  # tabs, newlines too
    text = _COLON.sub(" - ", text)
    text = _INVALID.sub("-", text)
    text = re.sub(r"-{2,}", "-", text)
    while len(text.encode("utf-8")) > MAX_BYTES:
        text = text[:-1]
    text = text.strip(" .-")  # Windows drops trailing dots and spaces; "-x" reads as an option
    if not text:
        return fallback
    first, dot, rest = text.partition(".")
    if first.rstrip(" ").upper() in RESERVED:  # "CON" and "con.v2" both name the console
        text = f"{first.rstrip(' ')}_{dot}{rest}"
    return text
