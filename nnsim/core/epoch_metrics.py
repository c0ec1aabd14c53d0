"""What an epoch record measures: loss, error and per-layer norms of the training and
validation sets, exact or running.

Training sets up to `EXACT_METRICS_MAX` points get exact metrics: the loss, error and
gradient norms of the whole training set, recomputed with the weights at the end of each
epoch. Above it a full pass would cost about as much as the epoch itself, so the record
holds running values instead: the mean over the epoch's mini-batches, as Keras and
scikit-learn report.
"""

from __future__ import annotations

import math

import numpy as np

from nnsim.core import metrics
from nnsim.core.network import Network
from nnsim.core.training_records import EpochRecord, TrainingData

EXACT_METRICS_MAX = 1024


def frobenius(x: np.ndarray) -> float:
    """``||x||_F``, computed as ``np.linalg.norm`` computes it (the same bits) without
    its Python layers: this runs for every layer of every epoch of every trial."""
    v = x.ravel()
    return float(np.sqrt(v.dot(v)))


def train_error(f: np.ndarray, data: TrainingData) -> float:
    """Error of outputs ``f`` (n_train, K) on the training set: the error rate for classes,
    the mean squared error ``1/(n K) sum (f - y)^2`` for regression."""
    if data.task == "classification":
        return metrics.error_rate(f, data.labels_train)
    return metrics.mean_squared_error(f, data.Y_train)


def exact_metrics(net: Network, data: TrainingData) -> tuple[float, float, tuple]:
    """Loss, error and gradient norms of the whole training set with the current weights.

    Parameters
    ----------
    net : Network
        Its ``grad`` is overwritten with the full training set's mean gradient.
    data : TrainingData
        ``X_train`` (n, H_0), ``Y_train`` (n, K).

    Returns
    -------
    train_loss : float
        ``1/n sum_t l(f(x^(t)), y^(t))``.
    train_error : float
    grad_norms : tuple of float
        ``||grad W^(k)||_F`` for k = 1..L+1.
    """
    a, h = net.forward(data.X_train)
    net.backward(a, h, data.Y_train)
    return measured(net, data, h[-1], net.gW)


def measured(net: Network, data: TrainingData, f: np.ndarray, gW: list) -> tuple:
    """`exact_metrics` from the outputs ``f`` (n, K) of the training set and the
    gradient's ``gW[k]`` (H_k, H_{k-1}) already computed (alone or on a stack)."""
    loss = net.loss.mean(f, data.Y_train)
    grad_norms = tuple(frobenius(gW[k]) for k in range(1, net.n_layers + 1))
    return loss, train_error(f, data), grad_norms


def epoch_record(
    net: Network,
    data: TrainingData,
    epoch: int,
    lr: float,
    train_loss: float,
    train_err: float,
    grad_norms: tuple,
    val_outputs: np.ndarray | None = None,
) -> EpochRecord:
    """Complete an epoch's record with the validation metrics and the weight norms.

    Parameters
    ----------
    net : Network
        The weights at the end of the epoch.
    data : TrainingData
        ``X_val`` (m, H_0) and ``Y_val`` (m, K); m = 0 gives nan validation metrics.
    epoch : int
        Completed epochs.
    lr : float
        ``alpha_t`` the epoch was trained with.
    train_loss, train_err, grad_norms
        From `exact_metrics` or `RunningMetrics.finish`.
    val_outputs : ndarray, shape (m, K), optional
        ``f(x)`` of the validation set if already computed.

    Returns
    -------
    EpochRecord
        With ``weight_norms`` ``||W^(k)||_F``, k = 1..L+1.
    """
    if len(data.X_val):
        fv = net.predict(data.X_val) if val_outputs is None else val_outputs
        val_loss = net.loss.mean(fv, data.Y_val)
        if data.task == "classification":
            val_err = metrics.error_rate(fv, data.labels_val)
        else:
            val_err = metrics.mean_squared_error(fv, data.Y_val)
    else:
        val_loss = val_err = math.nan
    layers = range(1, net.n_layers + 1)
    return EpochRecord(
        epoch=epoch,
        train_loss=train_loss,
        val_loss=val_loss,
        train_error=train_err,
        val_error=val_err,
        learning_rate=lr,
        grad_norms=grad_norms,
        weight_norms=tuple(frobenius(net.W[k]) for k in layers),
    )


class RunningMetrics:
    """Running metrics of one epoch over its mini-batches (large training sets).

    Each update only keeps its outputs and adds its gradient (two numpy calls); the loss
    and error of every mini-batch are computed from the kept outputs when the epoch
    ends, with the same per-batch sums as if they had been computed at each update.

    Parameters
    ----------
    net : Network
    data : TrainingData
    start : int
        The cursor the epoch starts at: an epoch resumed from a saved state is only
        partly seen, and only the seen part is averaged.
    """

    def __init__(self, net: Network, data: TrainingData, start: int):
        n = len(data.X_train)
        self.net = net
        self.outputs = np.empty((n, net.n_outputs), net.dtype)  # f(x), the epoch's order
        self.batches: list[tuple[int, int]] = []  # (cursor, size) of each update
        self.grad_sum = np.zeros_like(net.grad)
        self.classes = data.task == "classification"
        self.start = start
        self.n = n

    @classmethod
    def over(cls, net, data, start, outputs, grad_sum, batches) -> RunningMetrics:
        """Running metrics over arrays kept elsewhere: ``outputs`` (n, K), ``grad_sum``
        (P,) and the ``batches`` list (trials trained side by side keep them stacked)."""
        run = cls.__new__(cls)
        run.net, run.outputs, run.batches, run.grad_sum = net, outputs, batches, grad_sum
        run.classes = data.task == "classification"
        run.start, run.n = start, len(data.X_train)
        return run

    @property
    def updates(self) -> int:
        return len(self.batches)

    def add(self, f: np.ndarray, cursor: int) -> None:
        """Add a mini-batch: outputs ``f`` (B, K) of the samples at ``cursor`` ..
        ``cursor + B`` of the epoch's order, and ``net.grad`` (P,)."""
        self.outputs[cursor : cursor + len(f)] = f
        self.grad_sum += self.net.grad
        self.batches.append((cursor, len(f)))

    def _loss_sum(self, Y: np.ndarray) -> float:
        """``sum_t l(f(x^(t)), y^(t))``, added up mini-batch by mini-batch."""
        loss, F, total = self.net.loss, self.outputs, 0.0
        if loss.name == "cross_entropy":
            # one logarithm for the whole epoch; each batch's sum is -<Y_b, ln f_b> as
            # Loss.sum computes it
            logs = np.log(np.maximum(F, np.finfo(F.dtype).tiny))
            for c, size in self.batches:
                total += float(-np.vdot(Y[c : c + size], logs[c : c + size]))
            return total
        for c, size in self.batches:
            total += loss.sum(F[c : c + size], Y[c : c + size])
        return total

    def finish(self, Y: np.ndarray, labels: np.ndarray | None) -> tuple[float, float, tuple]:
        """(mean loss, mean error, norms of the epoch's mean gradient per ``W^(k)``).

        ``Y`` (n, K) and ``labels`` (n,) are the training targets and labels in the
        epoch's shuffled order.
        """
        net, start, F = self.net, self.start, self.outputs
        n = self.n - start
        loss_sum = self._loss_sum(Y)
        if self.classes:
            pred = F.argmax(axis=1) if F.shape[1] > 1 else F[:, 0] >= 0.5
            err = float(np.count_nonzero(pred[start:] != labels[start:]))
        else:
            err = 0.0
            for c, size in self.batches:
                d = F[c : c + size] - Y[c : c + size]
                err += float(np.vdot(d, d)) / F.shape[1]
        mean_grad = self.grad_sum / self.updates
        grad_norms = tuple(
            frobenius(mean_grad[net.slices[k][0]]) for k in range(1, net.n_layers + 1)
        )
        return loss_sum / n, err / n, grad_norms


def no_metrics(net: Network) -> tuple[float, float, tuple]:
    """nan loss, error and norms: an epoch that had no update to measure."""
    nan = math.nan
    return nan, nan, (nan,) * net.n_layers
