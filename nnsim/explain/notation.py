"""The lecture's notation as plain text: numbers, 1-based subscripts, sums, matrices.

Every stage and ledger row writes its formulas with these helpers, so a number looks the
same everywhere (``0.0636``, ``(-0.2)`` inside an expression) and indices are the
lecture's (``W^(2)_13`` is ``W[2][0, 2]``).
"""

from __future__ import annotations

import numpy as np

# A sum with more terms than this shows the first ones and "+ ... (+n)".
MAX_TERMS = 8
# Layers up to this size (rows and columns) are also shown as matrices.
MATRIX_MAX = 4

# The lecture's names of the activation functions g.
G_NAMES = {"sigmoid": "sigm", "tanh": "tanh", "relu": "reclin", "linear": "g", "softmax": "softmax"}


def fmt(v: float, digits: int) -> str:
    """``v`` rounded to ``digits`` significant digits (``0.0636``, ``1.2e-05``)."""
    v = float(v)
    if v == 0.0:
        return "0"
    return f"{v:.{digits}g}"


def operand(v: float, digits: int) -> str:
    """A number inside an expression: negative numbers in parentheses."""
    s = fmt(v, digits)
    return f"({s})" if s.startswith("-") else s


def sub(i: int, j: int | None = None) -> str:
    """1-based subscript: ``13`` for (0, 2), ``1,12`` when an index has two digits."""
    if j is None:
        return str(i + 1)
    if i < 9 and j < 9:
        return f"{i + 1}{j + 1}"
    return f"{i + 1},{j + 1}"


def sum_terms(terms: list[str], first: str | None = None) -> str:
    """``first + t1 + t2 ...`` with at most ``MAX_TERMS`` terms shown; the count of the
    terms left out follows as ``+ ... (+n)``."""
    shown = terms[:MAX_TERMS]
    parts = ([first] if first is not None else []) + shown
    text = " + ".join(parts)
    if len(terms) > MAX_TERMS:
        text += f" + ... (+{len(terms) - MAX_TERMS})"
    return text


def _matrix_lines(name: str, M: np.ndarray, digits: int) -> list[str]:
    cells = [[fmt(v, digits) for v in row] for row in np.atleast_2d(M)]
    width = max(len(c) for row in cells for c in row)
    body = ["  ".join(c.rjust(width) for c in row) for row in cells]
    n = len(body)
    if n == 1:
        brackets = [("[ ", " ]")]
    else:
        brackets = [("⎡ ", " ⎤")] + [("⎢ ", " ⎥")] * (n - 2) + [("⎣ ", " ⎦")]
    head = f"{name} = "
    pad = " " * len(head)
    mid = (n - 1) // 2
    return [(head if r == mid else pad) + lb + body[r] + rb for r, (lb, rb) in enumerate(brackets)]


def _bands(blocks: list[list[str]], gap: int, width: int) -> list[list[list[str]]]:
    """Blocks of lines grouped so that no band is wider than ``width`` characters."""
    bands: list[list[list[str]]] = []
    used = width + 1
    for b in blocks:
        w = max(len(line) for line in b) + gap
        if used + w > width and (not bands or bands[-1]):
            bands.append([])
            used = 0
        bands[-1].append(b)
        used += w
    return bands


def matrix_text(matrices, digits: int = 4, gap: int = 4, width: int = 100) -> str:
    """Small matrices side by side, bracketed, names on the middle row (monospace text);
    a new band of matrices starts when a line would pass ``width`` characters.

    ``matrices`` is ``((name, 2-D array), ...)``, as a `Stage` holds them."""
    blocks = [_matrix_lines(name, M, digits) for name, M in matrices]
    texts = []
    for band in _bands(blocks, gap, width):
        height = max(len(b) for b in band)
        out = [""] * height
        for b in band:
            w = max(len(line) for line in b)
            top = (height - len(b)) // 2
            for r in range(height):
                i = r - top
                out[r] += (b[i] if 0 <= i < len(b) else "").ljust(w) + " " * gap
        texts.append("\n".join(line.rstrip() for line in out))
    return "\n\n".join(texts)
