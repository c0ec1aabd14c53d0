"""nnsim as a backend of the training-speed peers bench (``benchmarks/kit/mlp_peers.py``).

    cd benchmarks/kit && python mlp_peers.py --plugin ../peers_adapter.py \
        --backends numpy,numpy-tuned,nnsim,nnsim-bare,sklearn,torch-1t

``nnsim``       trains with the app's own loop: ``Trainer.iter_training()`` at its default
                snapshot rate (what the window's training process runs), so the epoch
                records (exact end-of-epoch metrics up to 1,024 training points, running
                metrics above), the divergence checks and the snapshot copies all count.
``nnsim-bare``  the same network and optimizer driven directly (``Network.forward`` +
                ``backward``, i.e. ``Network.gradient`` without its batch loss, as the
                Trainer does per step, + ``SGD.step``) over a fresh permutation each epoch:
                the difference to ``nnsim`` is the cost of the app's bookkeeping.

Conventions mapped from the bench kit (``refmlp.py``):
- refmlp stores ``W`` as (fan_in, fan_out); nnsim stores the lecture's ``W^(k)`` as
  (H_k, H_{k-1}), so the initial weights are transposed.
- momentum: both use ``v = grad + beta v_prev``, ``theta -= lr v`` (PyTorch convention).
- L2: the bench adds ``l2 * W`` to the gradient; nnsim's regularizer ``lambda ||W||^2``
  has gradient ``2 lambda W``, so ``lambda = l2 / 2``. Biases are not regularized in either.
"""

from __future__ import annotations

import numpy as np
from mlp_peers import _Trainer, backend

from nnsim.core.hyper import Hyperparameters
from nnsim.core.network import Network
from nnsim.core.optim import SGD
from nnsim.core.trainer import Trainer, TrainingData


def _build(spec, X, init, seed):
    dtype = np.dtype(X.dtype)
    n_hidden = len(spec.sizes) - 2
    net = Network(spec.sizes, [spec.activation] * n_hidden, "softmax", "cross_entropy", dtype)
    net.set_params([(np.ascontiguousarray(W.T), b) for W, b in init])
    hp = Hyperparameters(
        learning_rate=spec.lr,
        batch_size=spec.batch,
        momentum=spec.momentum,
        regularization="l2" if spec.l2 else "none",
        reg_lambda=spec.l2 / 2.0,
        seed=int(seed),
        max_epochs=spec.epochs,
        dtype=dtype.name,
    ).validated()
    return net, hp


def _predict(net):
    return lambda Xp: net.predict(np.asarray(Xp, net.dtype)).argmax(axis=1)


@backend("nnsim", "nnsim Trainer.iter_training (the app's loop)")
def make_nnsim(spec, X, y, init, seed):
    net, hp = _build(spec, X, init, seed)
    data = TrainingData.build(net, X, y, "classification")
    trainer = Trainer(net, data, hp)

    def train(epochs):
        # A fresh stop rule for each call: train ``epochs`` more epochs.
        trainer.set_hyperparameters(trainer.hp.with_changes(max_epochs=trainer.epoch + epochs))
        for snap in trainer.iter_training():
            if snap.stopped and snap.stop_reason != "max_epochs":
                raise RuntimeError(f"nnsim stopped early: {snap.stop}")

    return _Trainer(train, _predict(net), f"dtype={net.dtype.name}")


@backend("nnsim-bare", "nnsim forward + backward + SGD.step, no Trainer")
def make_nnsim_bare(spec, X, y, init, seed):
    net, hp = _build(spec, X, init, seed)
    X = np.ascontiguousarray(X, net.dtype)
    Y = np.zeros((len(y), net.n_outputs), net.dtype)
    Y[np.arange(len(y)), y] = 1.0
    opt = SGD(net, hp)
    rng = np.random.default_rng(seed)
    n, B, lr = len(X), spec.batch, spec.lr

    def train(epochs):
        for _ in range(epochs):
            perm = rng.permutation(n)
            Xs, Ys = X[perm], Y[perm]
            for s in range(0, n, B):
                a, h = net.forward(Xs[s : s + B])  # what Trainer._update does per step
                net.backward(a, h, Ys[s : s + B])
                opt.step(lr)

    return _Trainer(train, _predict(net), f"dtype={net.dtype.name}")
