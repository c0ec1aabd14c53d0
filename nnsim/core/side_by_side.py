"""Trials trained side by side: many networks of one architecture in the same numpy calls.

A search trains tiny networks: a 2-8-8-2 step is a few thousand flops, and one trial's
time is almost all numpy's per-call overhead. Trials that share the architecture, the
batch size and the seed see the same mini-batches in the same order, so their weights
can be stacked along a leading axis ``t`` and updated together:

    A^(k)[t] = H^(k-1)[t] @ W^(k)[t]^T + b^(k)[t]           (np.matmul on stacks)
    theta[t] <- theta[t] - alpha_t[t] v[t],  v[t] = grad[t] + beta[t] v_prev[t]

with each trial's own learning rate, schedule, momentum, L1/L2 and ``lambda``. Every
slice is computed by the same operations as `Trainer` computes it alone, so the results
agree with training each trial by itself (tests hold them to 1e-12 in float64). The
epoch's end (records, stop rules, divergence, hints) is each trial's own `Trainer`,
whose network is bound to its row of the stack; a trial that stops leaves the stack.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nnsim.core.epoch_metrics import RunningMetrics, epoch_record, measured
from nnsim.core.hyper import Hyperparameters
from nnsim.core.network import Network
from nnsim.core.schedules import learning_rate
from nnsim.core.trainer import Trainer, TrainingData


def group_key(net: Network, hp: Hyperparameters) -> tuple:
    """Trials with equal keys can train side by side: same layers, activations, output,
    loss and dtype, and the same mini-batches (batch size and shuffling seed)."""
    return (
        tuple(net.sizes),
        tuple(net.activations),
        net.output_name,
        net.loss_name,
        net.dtype.str,
        hp.batch_size,
        hp.seed,
    )


class SideBySide:
    """Train fresh networks of one architecture together, each with its own hyperparameters.

    Parameters
    ----------
    nets : sequence of Network
        T initialized networks with equal `group_key`; trained in place.
    data : TrainingData
        The training and validation data all of them see.
    hps : sequence of Hyperparameters
        One per network: learning rate, schedule, momentum, regularization and stop
        rules may differ; ``batch_size`` and ``seed`` must not.

    Attributes
    ----------
    trainers : list of Trainer
        One per network, in the given order: after `train` each holds its trial's
        history, stop reason and state exactly as if it had trained alone.
    """

    def __init__(self, nets: Sequence[Network], data: TrainingData, hps: Sequence[Hyperparameters]):
        if len(nets) != len(hps) or not nets:
            raise ValueError("give one set of hyperparameters per network, at least one")
        keys = {group_key(net, hp.validated()) for net, hp in zip(nets, hps)}
        if len(keys) != 1:
            raise ValueError("trials side by side need one architecture, batch size and seed")
        self.trainers = [Trainer(net, data, hp) for net, hp in zip(nets, hps)]
        self.data = data
        first = self.trainers[0]
        self.rng = np.random.default_rng(first.hp.seed)
        self.batch_size = first.hp.batch_size
        self.n = len(data.X_train)
        self.cursor = 0
        self.updates = 0
        self._shuffled: tuple | None = None
        self._stack(self.trainers)

    # ------------------------------------------------------------------ the stacks
    def _stack(self, active: list[Trainer]) -> None:
        """Stack the active trials' parameters and bind each network to its row."""
        self.active = active
        net0 = active[0].net
        theta = np.stack([tr.net.theta for tr in active])
        grad = np.zeros_like(theta)
        velocity = np.stack([tr.optimizer.velocity for tr in active])
        for i, tr in enumerate(active):
            tr.net.bind(theta[i], grad[i])
            tr.optimizer.velocity = velocity[i]
        self.theta, self.grad, self.velocity = theta, grad, velocity
        self._work = np.empty_like(theta)
        T, dtype = len(active), net0.dtype
        self.W, self.WT, self.b, self.gW, self.gb = [None], [None], [None], [None], [None]
        for k in range(1, net0.n_layers + 1):
            ws, bs = net0.slices[k]
            shape = (T, net0.sizes[k], net0.sizes[k - 1])
            self.W.append(theta[:, ws].reshape(shape))
            self.WT.append(self.W[-1].transpose(0, 2, 1))
            self.b.append(theta[:, bs][:, None, :])
            self.gW.append(grad[:, ws].reshape(shape))
            self.gb.append(grad[:, bs])
        self._optimizer_stacks([tr.optimizer for tr in active], net0, dtype)
        if not active[0].exact_metrics:
            self._outputs = np.empty((T, self.n, net0.n_outputs), dtype)
            self._grad_sum = np.zeros_like(theta)
            self._batches: list = []

    def _optimizer_stacks(self, opts, net0: Network, dtype) -> None:
        """Per-trial factors of the update as (T, 1) columns and (T, P) rows."""
        zeros = np.zeros(net0.theta.size, dtype)
        self.beta = np.array([[o.beta] for o in opts], dtype)
        self.l2 = np.stack([zeros if o.l2_factor is None else o.l2_factor for o in opts])
        mask = net0.weight_mask.astype(dtype)
        self.l1 = None
        if any(o.l1 for o in opts):
            self.l1 = np.stack([o.l1 * mask if o.l1 else zeros for o in opts])
            self.l1_mask = self.l1 != 0
        self.update_mask = None
        if any(o.update_mask is not None for o in opts):
            ones = np.ones_like(zeros)
            self.update_mask = np.stack(
                [ones if o.update_mask is None else o.update_mask for o in opts]
            )

    # ------------------------------------------------------------------ training
    def train(self) -> list[Trainer]:
        """Train until every trial has stopped; returns `trainers`."""
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            while self.active:
                self._update()
        return self.trainers

    def _start_epoch(self) -> None:
        perm = self.rng.permutation(self.n)
        d = self.data
        labels = None if d.labels_train is None else d.labels_train[perm]
        self._shuffled = (d.X_train[perm], d.Y_train[perm], labels)
        lrs = []
        for tr in self.active:
            tr._perm, tr._shuffled = perm, self._shuffled
            tr._lr = learning_rate(tr.hp, tr.epoch + 1)
            lrs.append([tr._lr])
        self.lr = np.array(lrs, self.theta.dtype)

    def _update(self) -> None:
        """One SGD update of every active trial on the next mini-batch."""
        if self.cursor == 0:
            self._start_epoch()
        Xs, Ys, _ = self._shuffled
        c, B = self.cursor, self.batch_size
        X, Y = Xs[c : c + B], Ys[c : c + B]
        a, h = self._forward(X)
        self._backward(a, h, Y)
        if not self.active[0].exact_metrics:
            self._outputs[:, c : c + len(X)] = h[-1]
            self._grad_sum += self.grad
            self._batches.append((c, len(X)))
        self._step()
        self.updates += 1
        self.cursor += len(X)
        if self.cursor >= self.n:
            self._end_epoch()

    def _forward(self, X: np.ndarray) -> tuple[list, list]:
        """`Network.forward` on the stack: ``a[k]``, ``h[k]`` are (T, n, H_k); ``h[0] = X``."""
        net0 = self.active[0].net
        a: list = [None]
        h: list = [X]
        last = net0.n_layers
        for k in range(1, last + 1):
            ak = self._first_layer(X) if k == 1 else np.matmul(h[-1], self.WT[k])
            ak += self.b[k]
            a.append(ak)
            h.append(net0.output.o(ak) if k == last else net0.hidden[k - 1].g(ak))
        return a, h

    def _first_layer(self, X: np.ndarray) -> np.ndarray:
        """``X W^(1)[t]^T`` for every t as ONE matrix product: every trial reads the same
        inputs, so their first layers are one (T H_1, H_0) matrix. Returns (T, n, H_1)."""
        T, H1, H0 = self.W[1].shape
        W1 = np.ascontiguousarray(self.W[1]).reshape(T * H1, H0)
        A = np.matmul(X, W1.T).reshape(len(X), T, H1)
        return np.ascontiguousarray(A.transpose(1, 0, 2))  # the next calls run on (T, n, H_1)

    def _backward(self, a: list, h: list, Y: np.ndarray) -> None:
        """`Network.backward` on the stack: fills each trial's row of ``grad``."""
        net0 = self.active[0].net
        n = h[0].shape[0]
        last = net0.n_layers
        grad_a = net0.output_gradient(a[last], h[last], Y)
        if n > 1:
            grad_a *= 1.0 / n
        for k in range(last, 0, -1):
            np.matmul(grad_a.transpose(0, 2, 1), h[k - 1], out=self.gW[k])
            # sum over the batch with the batch axis outermost: the same row-by-row sums
            # as the 2-d case, in far fewer inner loops than reducing the middle axis
            np.add.reduce(np.ascontiguousarray(grad_a.transpose(1, 0, 2)), axis=0, out=self.gb[k])
            if k == 1:
                break
            grad_h = np.matmul(grad_a, self.W[k])
            grad_a = net0.hidden[k - 2].backprop_into(a[k - 1], h[k - 1], grad_h)

    def _step(self) -> None:
        """`SGD.step` on the stack: ``theta <- theta - alpha_t (grad + reg + beta v_prev)``."""
        theta, w, v = self.theta, self._work, self.velocity
        np.multiply(self.l2, theta, out=w)  # 2 lambda W; 0 for trials without L2
        if self.l1 is not None:
            w += self.l1 * np.sign(theta)  # lambda sign(W); 0 for trials without L1
        np.add(self.grad, w, out=w)
        v *= self.beta  # beta = 0 leaves v = the gradient: the same step as plain SGD
        v += w
        np.multiply(v, self.lr, out=w)
        if self.update_mask is not None:
            w *= self.update_mask
            v *= self.update_mask
        if self.l1 is None:
            theta -= w
            return
        before = np.sign(theta)
        theta -= w
        clipped = self.l1_mask & (before != 0) & (np.sign(theta) == -before)
        theta[clipped] = 0.0

    def _measure_all(self) -> tuple:
        """Outputs of the training set (T, n, K), with each trial's full-set gradient in
        its row of ``grad``, and of the validation set (T, m, K) or None."""
        d = self.data
        a, h = self._forward(d.X_train)
        self._backward(a, h, d.Y_train)
        fv = self._forward(d.X_val)[1][-1] if len(d.X_val) else None
        return h[-1], fv

    def _measure_one(self, tr: Trainer, f: np.ndarray, fv: np.ndarray | None):
        """What `Trainer.evaluate` would measure, from this trial's slices."""

        def measure():
            loss, err, norms = measured(tr.net, self.data, f, tr.net.gW)
            return epoch_record(tr.net, self.data, tr.epoch, tr._lr, loss, err, norms, fv)

        return measure

    def _end_epoch(self) -> None:
        """Each trial's own epoch end; the trials that stopped leave the stack."""
        self.cursor = 0
        exact = self.active[0].exact_metrics
        if exact:
            f, fv = self._measure_all()
        for i, tr in enumerate(self.active):
            tr.updates, tr.cursor = self.updates, self.n
            if exact:
                tr._end_epoch(self._measure_one(tr, f[i], None if fv is None else fv[i]))
                continue
            tr._running = RunningMetrics.over(
                tr.net, self.data, 0, self._outputs[i], self._grad_sum[i], self._batches
            )
            tr._end_epoch()
        if not exact:
            self._grad_sum[:] = 0.0
            self._batches = []
        stopped = [tr for tr in self.active if tr.stop is not None]
        if not stopped:
            return
        state = self.rng.bit_generator.state
        for tr in stopped:
            tr.rng.bit_generator.state = state  # where its own shuffling would be now
            velocity = tr.optimizer.velocity.copy()
            if not tr.optimizer.beta:
                velocity[:] = 0.0  # plain SGD keeps no velocity
            tr.net.bind(tr.net.theta.copy(), tr.net.grad.copy())
            tr.optimizer.velocity = velocity
        remaining = [tr for tr in self.active if tr.stop is None]
        if remaining:
            self._stack(remaining)
        else:
            self.active = []
