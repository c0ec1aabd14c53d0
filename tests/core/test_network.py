"""The network's mathematics, tested three ways (design.md 4.8): the classic worked example
by hand, finite differences for every activation x (output, loss) pair, and agreement with an
independent per-neuron implementation written here from the lecture's formulas."""

import math
import zlib

import numpy as np
import pytest

from nnsim.core.activations import HIDDEN_ACTIVATIONS
from nnsim.core.gradcheck import backprop_gradient, gradient_check
from nnsim.core.hyper import Hyperparameters
from nnsim.core.init import glorot_bound, initialize
from nnsim.core.losses import VALID_PAIRS
from nnsim.core.network import Network
from nnsim.core.optim import SGD
from nnsim.core.trace import trace_sample
from nnsim.core.trainer import Trainer, TrainingData

# ---------------------------------------------------------------- the classic worked example
# 2-2-2 logistic network, one sample, squared error, biases frozen (the well-known
# step-by-step backpropagation example).
W1 = [[0.15, 0.20], [0.25, 0.30]]
W2 = [[0.40, 0.45], [0.50, 0.55]]
X_EX = np.array([[0.05, 0.10]])
Y_EX = np.array([[0.01, 0.99]])
HP_EX = Hyperparameters(learning_rate=0.5, batch_size=1, train_biases=False)


def worked_example_net() -> Network:
    net = Network([2, 2, 2], ["sigmoid"], output="sigmoid", loss="squared_error")
    net.set_params([(W1, [0.35, 0.35]), (W2, [0.60, 0.60])])
    return net


def test_worked_example_error_before():
    net = worked_example_net()
    a, h = net.forward(X_EX)
    assert h[1][0] == pytest.approx([0.593269992, 0.596884378], abs=1e-9)
    assert h[2][0] == pytest.approx([0.751365070, 0.772928465], abs=1e-9)
    assert net.data_loss(X_EX, Y_EX) == pytest.approx(0.2983711088, abs=1e-10)


def test_worked_example_one_step_through_the_trainer():
    net = worked_example_net()
    trainer = Trainer(net, TrainingData.build(net, X_EX, Y_EX, "regression"), HP_EX)
    snap = trainer.step("sample")
    assert snap.updates == 1
    assert net.data_loss(X_EX, Y_EX) == pytest.approx(0.2910277737, abs=1e-10)
    assert snap.new_records[0].train_loss == pytest.approx(0.2910277737, abs=1e-10)
    assert round(net.W[2][0, 0], 8) == 0.35891648  # w5
    assert net.W[1][0, 0] == pytest.approx(0.149780716, abs=1e-9)  # w1
    assert net.W[2] == pytest.approx(
        np.array([[0.358916480, 0.408666186], [0.511301270, 0.561370121]]), abs=1e-9
    )
    # train_biases=False: the biases did not move.
    assert list(net.b[1]) == [0.35, 0.35] and list(net.b[2]) == [0.60, 0.60]


def test_worked_example_one_step_through_the_trace():
    net = worked_example_net()
    t = trace_sample(net, X_EX[0], Y_EX[0], HP_EX)
    assert t.loss == pytest.approx(0.2983711088, abs=1e-10)
    assert t.loss_after == pytest.approx(0.2910277737, abs=1e-10)
    up1, up2 = t.update
    assert round(up2.W_new[0, 0], 8) == 0.35891648
    assert up1.W_new[0, 0] == pytest.approx(0.149780716, abs=1e-9)
    # dE/dw5 and dE/dw1 of the worked example.
    back = {lb.k: lb for lb in t.backward}
    assert back[2].grad_W[0, 0] == pytest.approx(0.082167041, abs=1e-9)
    assert back[1].grad_W[0, 0] == pytest.approx(0.000438568, abs=1e-9)
    # The network handed in is not modified by the trace.
    assert net.W[2][0, 0] == 0.40


def test_worked_example_hidden_gradients_use_the_old_weights():
    net = worked_example_net()
    t = trace_sample(net, X_EX[0], Y_EX[0], HP_EX)
    back = {lb.k: lb for lb in t.backward}
    grad_a2 = back[2].grad_a
    W2_old = np.array(W2)
    W2_new = t.update[1].W_new
    assert back[2].grad_h_below == pytest.approx(W2_old.T @ grad_a2, abs=1e-15)
    # With the updated W^(2) the hidden gradient would differ measurably.
    assert np.abs(W2_new.T @ grad_a2 - back[2].grad_h_below).max() > 1e-3
    h1 = t.forward[0].h
    expected_grad_a1 = (W2_old.T @ grad_a2) * h1 * (1 - h1)
    assert back[1].grad_a == pytest.approx(expected_grad_a1, abs=1e-15)
    assert back[1].grad_W == pytest.approx(np.outer(expected_grad_a1, X_EX[0]), abs=1e-15)


# ---------------------------------------------------------------- finite differences
def _targets(output: str, loss: str, n: int, K: int, rng) -> np.ndarray:
    if loss == "cross_entropy" or output == "softmax":
        Y = np.zeros((n, K))
        Y[np.arange(n), rng.integers(0, K, n)] = 1.0
        return Y
    if loss == "binary_cross_entropy":
        return rng.integers(0, 2, (n, K)).astype(float)
    if output == "sigmoid":
        return rng.uniform(0.05, 0.95, (n, K))
    if output == "tanh":
        return rng.uniform(-0.9, 0.9, (n, K))
    return rng.normal(0, 1, (n, K))


def _random_net(sizes, hidden, output, loss, seed):
    net = Network(sizes, [hidden] * (len(sizes) - 2), output=output, loss=loss)
    initialize(net, "glorot", seed=seed)
    rng = np.random.default_rng(seed + 1000)
    net.theta[~net.weight_mask] = rng.uniform(-0.3, 0.3, (~net.weight_mask).sum())
    # Keep every weight away from 0 so that L1's |W| is differentiable at theta.
    w = net.theta[net.weight_mask]
    net.theta[net.weight_mask] = np.where(w >= 0, 1, -1) * np.maximum(np.abs(w), 0.05)
    return net


ARCHITECTURES = [(3,), (3, 1), (2, 1, 1), (3, 4, 3, 2)]  # hidden widths between 2 inputs, K out
PAIRS = sorted(VALID_PAIRS)
REGULARIZERS = [None, ("l2", 0.03), ("l1", 0.02)]


def _cases():
    for output, loss in PAIRS:
        for hidden_widths in ARCHITECTURES:
            # With no hidden layer the hidden activation plays no part: test it once.
            for hidden in HIDDEN_ACTIVATIONS if len(hidden_widths) > 1 else ("tanh",):
                yield output, loss, hidden, hidden_widths


@pytest.mark.parametrize("output,loss,hidden,widths", list(_cases()))
def test_backprop_matches_finite_differences(output, loss, hidden, widths):
    K = 3 if output == "softmax" else 2
    sizes = [2, *widths[1:], K] if len(widths) > 1 else [widths[0], K]
    seed = zlib.crc32(repr((output, loss, hidden, widths)).encode()) % 1000  # stable
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (5, sizes[0]))
    Y = _targets(output, loss, 5, K, rng)
    for reg in REGULARIZERS:
        net = _random_net(sizes, hidden, output, loss, seed)
        hp = None if reg is None else Hyperparameters(regularization=reg[0], reg_lambda=reg[1])
        errors = gradient_check(net, X, Y, hp)
        assert len(errors) == 2 * net.n_layers
        assert max(errors.values()) < 1e-7, (reg, errors)


def test_gradient_check_detects_a_wrong_gradient(monkeypatch):
    """The check above can fail: a backprop that forgets g'(a) is caught."""
    net = _random_net([2, 3, 2], "tanh", "softmax", "cross_entropy", 1)
    X = np.random.default_rng(0).normal(0, 1, (4, 2))
    Y = np.eye(2)[[0, 1, 1, 0]]
    act = net.hidden[0]
    monkeypatch.setattr(type(act), "backprop", lambda self, a, h, grad_h: grad_h)
    monkeypatch.setattr(type(act), "backprop_into", lambda self, a, h, grad_h: grad_h)
    errors = gradient_check(net, X, Y)
    assert errors["W^(1)"] > 1e-3
    assert errors["W^(2)"] < 1e-7  # the output layer does not use g'


# ---------------------------------------------------------------- an independent implementation
def _g(name, a):
    if name == "sigmoid":
        return 1.0 / (1.0 + math.exp(-a))
    if name == "tanh":
        return math.tanh(a)
    if name == "relu":
        return a if a > 0 else 0.0
    return a


def _g_prime(name, a):
    if name == "sigmoid":
        s = 1.0 / (1.0 + math.exp(-a))
        return s * (1.0 - s)
    if name == "tanh":
        return 1.0 - math.tanh(a) ** 2
    if name == "relu":
        return 1.0 if a > 0 else 0.0
    return 1.0


class LoopNet:
    """Per-neuron forward and backward with plain Python loops, from the lecture's formulas.

    ``W[k][i][j]`` is W^(k)_{i,j}; k = 1..L+1 (index 0 unused). Nothing here calls nnsim.
    """

    def __init__(self, W, b, hidden, output, loss):
        self.W = [None] + [[list(map(float, row)) for row in Wk] for Wk in W]
        self.b = [None] + [list(map(float, bk)) for bk in b]
        self.hidden, self.output, self.loss = hidden, output, loss
        self.L1 = len(W)

    def forward(self, x):
        a, h = [None], [list(map(float, x))]
        for k in range(1, self.L1 + 1):
            ak = []
            for i in range(len(self.W[k])):
                s = self.b[k][i]
                for j in range(len(self.W[k][i])):
                    s += self.W[k][i][j] * h[k - 1][j]
                ak.append(s)
            a.append(ak)
            if k < self.L1:
                h.append([_g(self.hidden[k - 1], v) for v in ak])
            elif self.output == "softmax":
                m = max(ak)
                e = [math.exp(v - m) for v in ak]
                total = sum(e)
                h.append([v / total for v in e])
            else:
                h.append([_g(self.output, v) for v in ak])
        return a, h

    def sample_loss(self, f, y):
        if self.loss == "cross_entropy":
            return -sum(y[c] * math.log(f[c]) for c in range(len(f)))
        if self.loss == "binary_cross_entropy":
            return -sum(
                y[c] * math.log(f[c]) + (1 - y[c]) * math.log(1 - f[c]) for c in range(len(f))
            )
        return 0.5 * sum((f[c] - y[c]) ** 2 for c in range(len(f)))

    def output_grad_a(self, a, f, y):
        K = len(f)
        if self.loss == "cross_entropy":
            dl_df = [-y[c] / f[c] for c in range(K)]
        elif self.loss == "binary_cross_entropy":
            dl_df = [-(y[c] / f[c]) + (1 - y[c]) / (1 - f[c]) for c in range(K)]
        else:
            dl_df = [f[c] - y[c] for c in range(K)]
        if self.output == "softmax":
            return [
                sum(dl_df[c] * f[c] * ((1.0 if c == j else 0.0) - f[j]) for c in range(K))
                for j in range(K)
            ]
        return [dl_df[c] * _g_prime(self.output, a[c]) for c in range(K)]

    def gradient(self, X, Y):
        """Mean gradient over the batch: lists gW[k][i][j], gb[k][i]; and the mean loss."""
        gW = [None] + [[[0.0] * len(r) for r in Wk] for Wk in self.W[1:]]
        gb = [None] + [[0.0] * len(bk) for bk in self.b[1:]]
        n = len(X)
        total = 0.0
        for x, y in zip(X, Y):
            a, h = self.forward(x)
            total += self.sample_loss(h[-1], y)
            delta = self.output_grad_a(a[-1], h[-1], y)
            for k in range(self.L1, 0, -1):
                for i in range(len(delta)):
                    gb[k][i] += delta[i] / n
                    for j in range(len(h[k - 1])):
                        gW[k][i][j] += delta[i] * h[k - 1][j] / n
                if k == 1:
                    break
                below = []
                for j in range(len(h[k - 1])):
                    s = 0.0
                    for i in range(len(delta)):
                        s += self.W[k][i][j] * delta[i]
                    below.append(s * _g_prime(self.hidden[k - 2], a[k - 1][j]))
                delta = below
        return gW, gb, total / n

    def update(self, gW, gb, vW, vb, lr, beta, lam):
        """Momentum SGD with L2 on weights: v = g + 2 lambda W + beta v_prev; p -= lr v."""
        for k in range(1, self.L1 + 1):
            for i in range(len(self.W[k])):
                for j in range(len(self.W[k][i])):
                    v = gW[k][i][j] + 2.0 * lam * self.W[k][i][j] + beta * vW[k][i][j]
                    vW[k][i][j] = v
                    self.W[k][i][j] -= lr * v
                v = gb[k][i] + beta * vb[k][i]
                vb[k][i] = v
                self.b[k][i] -= lr * v


INDEPENDENT_CASES = [
    (("tanh", "sigmoid"), "softmax", "cross_entropy"),
    (("sigmoid", "relu"), "sigmoid", "binary_cross_entropy"),
    (("relu", "tanh"), "linear", "squared_error"),
    (("tanh", "linear"), "sigmoid", "squared_error"),
    (("sigmoid", "tanh"), "tanh", "squared_error"),
    (("tanh", "tanh"), "softmax", "squared_error"),
]


@pytest.mark.parametrize("hidden,output,loss", INDEPENDENT_CASES)
def test_engine_agrees_with_a_per_neuron_implementation(hidden, output, loss):
    sizes = [3, 4, 3, 3]
    rng = np.random.default_rng(len(output) * 7 + len(loss))
    X = rng.normal(0, 1, (4, 3))
    Y = _targets(output, loss, 4, 3, rng)
    net = Network(sizes, list(hidden), output=output, loss=loss)
    net.theta[:] = rng.uniform(-0.8, 0.8, net.theta.size)
    ref = LoopNet(
        [net.W[k].tolist() for k in (1, 2, 3)],
        [net.b[k].tolist() for k in (1, 2, 3)],
        hidden,
        output,
        loss,
    )
    tol = dict(rel=1e-12, abs=1e-12)

    # Forward values, every layer, every sample.
    a, h = net.forward(X)
    for t in range(len(X)):
        ra, rh = ref.forward(X[t])
        for k in (1, 2, 3):
            assert a[k][t] == pytest.approx(ra[k], **tol)
            assert h[k][t] == pytest.approx(rh[k], **tol)

    # All gradients of the mean batch loss.
    loss_value = net.gradient(X, Y)
    gW, gb, ref_loss = ref.gradient(X.tolist(), Y.tolist())
    assert loss_value == pytest.approx(ref_loss, **tol)
    for k in (1, 2, 3):
        assert net.gW[k] == pytest.approx(np.array(gW[k]), **tol)
        assert net.gb[k] == pytest.approx(np.array(gb[k]), **tol)

    # One full update with momentum (non-zero previous velocity) and L2.
    hp = Hyperparameters(learning_rate=0.1, momentum=0.7, regularization="l2", reg_lambda=0.01)
    opt = SGD(net, hp)
    opt.velocity[:] = rng.normal(0, 0.1, net.theta.size)
    vW = [None] + [
        (opt.velocity[net.slices[k][0]].reshape(net.W[k].shape)).tolist() for k in (1, 2, 3)
    ]
    vb = [None] + [opt.velocity[net.slices[k][1]].tolist() for k in (1, 2, 3)]
    opt.step(0.1)
    ref.update(gW, gb, vW, vb, lr=0.1, beta=0.7, lam=0.01)
    for k in (1, 2, 3):
        assert net.W[k] == pytest.approx(np.array(ref.W[k]), **tol)
        assert net.b[k] == pytest.approx(np.array(ref.b[k]), **tol)
        assert opt.velocity[net.slices[k][0]] == pytest.approx(np.ravel(vW[k]), **tol)


def test_mini_batch_gradient_is_the_mean_of_per_sample_gradients():
    rng = np.random.default_rng(3)
    net = Network([2, 5, 3], ["tanh"], "softmax", "cross_entropy")
    initialize(net, seed=3)
    X = rng.normal(0, 1, (7, 2))
    Y = np.eye(3)[rng.integers(0, 3, 7)]
    per_sample = []
    for t in range(7):
        net.gradient(X[t : t + 1], Y[t : t + 1])
        per_sample.append(net.grad.copy())
    net.gradient(X, Y)
    assert net.grad == pytest.approx(np.mean(per_sample, axis=0), rel=1e-12, abs=1e-15)
    assert np.abs(net.grad - per_sample[0]).max() > 1e-3


def test_backprop_gradient_adds_the_regularizer_on_weights_only():
    net = _random_net([2, 3, 2], "tanh", "softmax", "cross_entropy", 5)
    X = np.random.default_rng(5).normal(0, 1, (3, 2))
    Y = np.eye(2)[[0, 1, 0]]
    plain = backprop_gradient(net, X, Y, None)
    l2 = backprop_gradient(net, X, Y, Hyperparameters(regularization="l2", reg_lambda=0.1))
    l1 = backprop_gradient(net, X, Y, Hyperparameters(regularization="l1", reg_lambda=0.1))
    w = net.weight_mask
    assert l2[w] == pytest.approx(plain[w] + 0.2 * net.theta[w], abs=1e-15)
    assert l1[w] == pytest.approx(plain[w] + 0.1 * np.sign(net.theta[w]), abs=1e-15)
    assert np.array_equal(l2[~w], plain[~w]) and np.array_equal(l1[~w], plain[~w])


# ---------------------------------------------------------------- initialization
def test_glorot_bounds_zero_biases_and_seed():
    net = Network([30, 50, 40, 3], ["tanh", "tanh"])
    net.theta[:] = 7.0
    initialize(net, "glorot", seed=11)
    for k in range(1, net.n_layers + 1):
        H_k, H_km1 = net.W[k].shape
        bound = math.sqrt(6) / math.sqrt(H_k + H_km1)
        assert glorot_bound(H_km1, H_k) == pytest.approx(bound)
        assert np.abs(net.W[k]).max() <= bound
        assert np.abs(net.W[k]).max() > 0.9 * bound  # uses the whole range, not a part
        assert not np.any(net.b[k])
    again = Network([30, 50, 40, 3], ["tanh", "tanh"])
    initialize(again, "glorot", seed=11)
    assert np.array_equal(net.theta, again.theta)
    initialize(again, "glorot", seed=12)
    assert not np.array_equal(net.theta, again.theta)


def test_zero_and_constant_init():
    net = Network([2, 3, 2], ["tanh"])
    initialize(net, "zero")
    assert not np.any(net.theta)
    initialize(net, "constant", constant=0.25)
    assert np.all(net.W[1] == 0.25) and np.all(net.W[2] == 0.25)
    assert not np.any(net.b[1]) and not np.any(net.b[2])
    with pytest.raises(ValueError):
        initialize(net, "he")
