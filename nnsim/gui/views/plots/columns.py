"""The training history as numpy columns, grown by capacity doubling.

The history can reach 100000 epochs: a new snapshot appends only its few records and the
curves get views of the columns, so a redraw never converts the whole history again.
"""

from __future__ import annotations

import numpy as np

from nnsim.core.trainer import EpochRecord


class HistoryColumns:
    """Epoch records as numpy columns; appending is amortised O(1) (capacity doubling).

    ``column(name)`` is a view of the first ``n`` rows; ``grad_norms``/``weight_norms`` are
    (n, n_layers) with NaN where a record had fewer layers (the topology changed).
    """

    SCALARS = ("epoch", "train_loss", "val_loss", "train_error", "val_error", "learning_rate")

    def __init__(self):
        self.clear()

    def clear(self) -> None:
        self.n = 0
        self.last: EpochRecord | None = None
        self._s = np.empty((0, len(self.SCALARS)))
        self._g = np.empty((0, 0))
        self._w = np.empty((0, 0))

    @property
    def n_layers(self) -> int:
        return self._g.shape[1]

    def column(self, name: str) -> np.ndarray:
        return self._s[: self.n, self.SCALARS.index(name)]

    @property
    def grad_norms(self) -> np.ndarray:
        return self._g[: self.n]

    @property
    def weight_norms(self) -> np.ndarray:
        return self._w[: self.n]

    def _grow(self, rows: int, layers: int) -> None:
        s = np.full((rows, len(self.SCALARS)), np.nan)
        g = np.full((rows, layers), np.nan)
        w = np.full((rows, layers), np.nan)
        s[: self.n] = self._s[: self.n]
        g[: self.n, : self.n_layers] = self._g[: self.n]
        w[: self.n, : self.n_layers] = self._w[: self.n]
        self._s, self._g, self._w = s, g, w

    def extend(self, records) -> None:
        m = len(records)
        if not m:
            return
        width = max(max(len(r.grad_norms), len(r.weight_norms)) for r in records)
        need = self.n + m
        if need > len(self._s) or width > self.n_layers:
            self._grow(max(need, 2 * len(self._s), 64), max(width, self.n_layers))
        rows = slice(self.n, need)
        self._s[rows] = [[getattr(r, f) for f in self.SCALARS] for r in records]
        if all(len(r.grad_norms) == len(r.weight_norms) == width for r in records):
            self._g[rows, :width] = [r.grad_norms for r in records]
            self._w[rows, :width] = [r.weight_norms for r in records]
        else:
            self._g[rows] = self._w[rows] = np.nan
            for i, r in enumerate(records, self.n):
                self._g[i, : len(r.grad_norms)] = r.grad_norms
                self._w[i, : len(r.weight_norms)] = r.weight_norms
        self.n = need
        self.last = records[-1]

    def continues(self, history) -> bool:
        """True if ``history`` is our rows plus perhaps more (not a replaced history)."""
        return not self.n or (
            len(history) >= self.n and same_record(history[self.n - 1], self.last)
        )

    def sync(self, history) -> bool:
        """Append what ``history`` has beyond our rows; rebuild if it is another history.

        Returns True if the columns were rebuilt from scratch.
        """
        rebuilt = not self.continues(history)
        if rebuilt:
            self.clear()
        self.extend(history[self.n :])
        return rebuilt


def same_record(a: EpochRecord, b: EpochRecord | None) -> bool:
    """The same epoch of the same run (records may come back as copies from the child)."""
    if a is b:
        return True
    return b is not None and repr((a.epoch, a.train_loss, a.val_loss)) == repr(
        (b.epoch, b.train_loss, b.val_loss)
    )
