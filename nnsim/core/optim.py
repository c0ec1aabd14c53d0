"""The SGD update of the lecture, on the network's flat parameter vector.

``theta <- theta - alpha_t v``, ``v = grad + beta v_prev`` (momentum, beta = 0 is plain SGD),
where ``grad`` is the mean mini-batch gradient plus the regularizer's gradient on weights
only: L2 ``2 lambda W``, L1 ``lambda sign(W)``. With L1 a weight whose update crosses zero
is set to exactly 0, so L1 visibly produces exact zeros.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnsim.core.hyper import Hyperparameters
from nnsim.core.network import Network


@dataclass
class UpdateTerms:
    """The parts of one update, flat like ``theta`` (for the step-by-step trace).

    ``new = old - alpha * (data + regularizer + momentum)``, then L1 clipping.
    """

    old: np.ndarray
    data: np.ndarray  # mean loss gradient
    regularizer: np.ndarray  # 2 lambda W or lambda sign(W), 0 for biases
    momentum: np.ndarray  # beta v_prev
    step: np.ndarray  # alpha * v, what is subtracted
    new: np.ndarray
    clipped: np.ndarray  # bool: L1 set this weight to exactly 0
    learning_rate: float


class SGD:
    """Mini-batch SGD with momentum and L1/L2 regularization on weights.

    ``theta <- theta - alpha_t v`` with ``v = grad + beta v_prev`` and ``grad`` the mean
    data gradient plus ``2 lambda W`` (L2) or ``lambda sign(W)`` (L1).

    Parameters
    ----------
    net : Network
        The network whose flat ``theta`` (P,) is updated from its ``grad`` (P,).
    hp : Hyperparameters
        Momentum ``beta``, regularization and ``lambda``, ``train_biases``.

    Attributes
    ----------
    velocity : ndarray, shape (P,)
        ``v`` of the last update (the optimizer's state, saved with a project).
    """

    def __init__(self, net: Network, hp: Hyperparameters):
        self.net = net
        self.velocity = np.zeros_like(net.theta)
        self._work = np.empty_like(net.theta)  # the update's temporaries, reused
        self.configure(hp)

    def configure(self, hp: Hyperparameters) -> None:
        """Take new hyperparameters (they apply from the next update on)."""
        net = self.net
        self.beta = float(hp.momentum)
        lam = float(hp.reg_lambda)
        self.l1 = lam if hp.regularization == "l1" and lam > 0 else 0.0
        # L2's gradient 2 lambda W, precomputed as a per-entry factor (0 on biases).
        self.l2_factor = (
            (2.0 * lam) * net.weight_mask.astype(net.dtype)
            if hp.regularization == "l2" and lam > 0
            else None
        )
        self.update_mask = None if hp.train_biases else net.weight_mask.astype(net.dtype)

    def regularizer_gradient(self) -> np.ndarray | None:
        """The regularizer's gradient ``lambda grad Omega(theta)``.

        Returns
        -------
        ndarray, shape (P,), or None
            ``2 lambda W`` (L2) or ``lambda sign(W)`` (L1), 0 on biases; None without
            regularization. The gradient check verifies this very term.
        """
        theta = self.net.theta
        if self.l2_factor is not None:
            return self.l2_factor * theta
        if self.l1:
            reg = self.l1 * np.sign(theta)
            reg[~self.net.weight_mask] = 0.0
            return reg
        return None

    def step(self, lr: float, record: bool = False) -> UpdateTerms | None:
        """Apply one update ``theta <- theta - alpha_t v`` from ``net.grad``.

        Parameters
        ----------
        lr : float
            ``alpha_t``.
        record : bool
            Return every term of the update (for the trace and the stepper).

        Returns
        -------
        UpdateTerms or None
            With ``record``, the flat (P,) terms; otherwise None.

        Notes
        -----
        ``net.grad`` must already hold the mean data gradient of the mini-batch. With L1
        a weight whose update crosses zero is set to exactly 0.
        """
        net = self.net
        theta = net.theta
        if record:
            old = theta.copy()
            data = net.grad.copy()
            momentum = self.beta * self.velocity
        if not record and self.l2_factor is not None:
            return self._fast_l2_step(lr)
        g = net.grad
        reg = self.regularizer_gradient()
        if reg is not None:
            g = g + reg
        if self.beta:
            v = self.velocity
            v *= self.beta
            v += g
            g = v
        step = g * lr
        if self.update_mask is not None:
            step *= self.update_mask
            if self.beta:
                self.velocity *= self.update_mask
        clipped = None
        if self.l1:
            before = np.sign(theta)
            theta -= step
            clipped = net.weight_mask & (before != 0) & (np.sign(theta) == -before)
            theta[clipped] = 0.0
        else:
            theta -= step
        if not record:
            return None
        zeros = np.zeros_like(theta)
        return UpdateTerms(
            old=old,
            data=data,
            regularizer=reg if reg is not None else zeros,
            momentum=momentum if self.beta else zeros,
            step=step.copy(),
            new=theta.copy(),
            clipped=clipped if clipped is not None else np.zeros(theta.shape, bool),
            learning_rate=lr,
        )

    def _fast_l2_step(self, lr: float) -> None:
        """`step` with L2 and nothing recorded, in preallocated memory: the same
        operations in the same order (so the same bits), without temporaries."""
        theta, w = self.net.theta, self._work
        np.multiply(self.l2_factor, theta, out=w)  # 2 lambda W (0 on biases)
        np.add(self.net.grad, w, out=w)
        if self.beta:
            v = self.velocity
            v *= self.beta
            v += w
            np.multiply(v, lr, out=w)
        else:
            w *= lr
        if self.update_mask is not None:
            w *= self.update_mask
            if self.beta:
                self.velocity *= self.update_mask
        theta -= w
