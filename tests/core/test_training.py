"""Training: regularization, symmetry of initializations, momentum, schedules, validation of
hyperparameters and the Trainer (stop rules, divergence, stepping, snapshots, resuming)."""

import math

import numpy as np
import pytest

from nnsim.cli import render
from nnsim.core.hyper import HyperparameterError, Hyperparameters
from nnsim.core.init import initialize
from nnsim.core.network import Network
from nnsim.core.optim import SGD
from nnsim.core.schedules import learning_rate
from nnsim.core.trainer import Trainer, TrainingData


def blobs(n=60, seed=0, d=2, informative=2):
    """Two Gaussian classes separated along the first ``informative`` inputs."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    X = rng.normal(0, 1, (n, d))
    X[:, :informative] += np.where(y == 1, 1.5, -1.5)[:, None]
    return X, y


def make(
    sizes,
    hidden,
    hp,
    X,
    y,
    task="classification",
    output="softmax",
    loss="cross_entropy",
    split=None,
    dtype=np.float64,
):
    net = Network(sizes, hidden, output=output, loss=loss, dtype=dtype)
    initialize(net, hp.init, seed=hp.seed, constant=hp.init_constant)
    data = TrainingData.build(net, X, y, task, split)
    return net, Trainer(net, data, hp)


# ---------------------------------------------------------------- regularization
def test_l1_gives_exact_zeros_and_l2_does_not():
    X, y = blobs(80, seed=1, d=6, informative=2)  # four useless inputs
    common = dict(learning_rate=0.1, batch_size=10, max_epochs=60, seed=2)
    net1, tr1 = make(
        [6, 4, 2], ["tanh"], Hyperparameters(regularization="l1", reg_lambda=0.02, **common), X, y
    )
    tr1.train()
    net2, tr2 = make(
        [6, 4, 2], ["tanh"], Hyperparameters(regularization="l2", reg_lambda=0.02, **common), X, y
    )
    tr2.train()
    w1 = net1.theta[net1.weight_mask]
    w2 = net2.theta[net2.weight_mask]
    assert np.count_nonzero(w1 == 0.0) >= 5
    assert np.count_nonzero(w2 == 0.0) == 0
    # Still learns the task.
    assert tr1.history[-1].train_error <= 0.1


def test_l1_step_that_crosses_zero_is_clipped_to_exactly_zero():
    net = Network([1, 2], [], output="linear", loss="squared_error")
    net.W[1][:, 0] = [0.01, 0.5]
    net.grad[:] = 0.0
    opt = SGD(net, Hyperparameters(regularization="l1", reg_lambda=1.0))
    terms = opt.step(0.1, record=True)
    assert net.W[1][0, 0] == 0.0  # 0.01 - 0.1 would cross zero
    assert net.W[1][1, 0] == pytest.approx(0.4)
    assert terms.clipped[net.slices[1][0]].tolist() == [True, False]


# ---------------------------------------------------------------- symmetry
def _train_epochs(net, hp, X, y, epochs, task="classification"):
    tr = Trainer(net, TrainingData.build(net, X, y, task), hp.with_changes(max_epochs=epochs))
    tr.train()
    return tr


def test_zero_init_keeps_hidden_units_identical():
    X, y = blobs(40, seed=3)
    net = Network([2, 4, 3, 2], ["sigmoid", "sigmoid"])
    hp = Hyperparameters(init="zero", learning_rate=0.5, batch_size=5)
    initialize(net, "zero")
    _train_epochs(net, hp, X, y, 20)
    assert np.abs(net.W[1]).max() > 1e-3  # it did learn something
    for k in (1, 2):
        assert np.allclose(net.W[k], net.W[k][0], rtol=0, atol=1e-14), k  # rows equal
        assert np.allclose(net.b[k], net.b[k][0], rtol=0, atol=1e-14)


def test_zero_init_with_tanh_never_moves_the_weights():
    X, y = blobs(40, seed=4)
    net = Network([2, 4, 3, 2], ["tanh", "tanh"])
    initialize(net, "zero")
    hp = Hyperparameters(init="zero", learning_rate=0.5, batch_size=5)
    tr = _train_epochs(net, hp, X, y, 10)
    for k in (1, 2, 3):
        assert not np.any(net.W[k])
        assert not np.any(net.gW[k])  # gradients of the last evaluation
    assert all(norm == 0.0 for rec in tr.history for norm in rec.grad_norms)
    assert np.any(net.b[3])  # only the output bias learns (the class balance)


def test_constant_init_keeps_hidden_units_identical():
    X, y = blobs(40, seed=5)
    net = Network([2, 5, 2], ["tanh"])
    hp = Hyperparameters(init="constant", init_constant=0.3, learning_rate=0.3, batch_size=4)
    initialize(net, "constant", constant=0.3)
    _train_epochs(net, hp, X, y, 15)
    assert not np.allclose(net.W[1], 0.3)
    assert np.allclose(net.W[1], net.W[1][0], rtol=0, atol=1e-14)
    assert np.allclose(net.W[2], net.W[2][:, :1], rtol=0, atol=1e-14)  # columns equal
    # Glorot breaks the symmetry.
    net2 = Network([2, 5, 2], ["tanh"])
    initialize(net2, "glorot", seed=0)
    _train_epochs(net2, hp.with_changes(init="glorot"), X, y, 15)
    assert np.abs(net2.W[1] - net2.W[1][0]).max() > 0.1


# ---------------------------------------------------------------- momentum
def test_momentum_two_consecutive_updates_by_hand():
    net = Network([2, 1], [], output="linear", loss="squared_error")
    net.theta[:] = [1.0, -2.0, 0.5]  # W^(1) = [1, -2], b = 0.5
    opt = SGD(net, Hyperparameters(momentum=0.9))
    g1 = np.array([0.2, 0.4, -1.0])
    g2 = np.array([-0.1, 0.3, 0.5])
    net.grad[:] = g1
    opt.step(0.1)
    # v1 = g1; theta1 = theta0 - 0.1 g1
    assert net.theta == pytest.approx([0.98, -2.04, 0.6], abs=1e-15)
    net.grad[:] = g2
    opt.step(0.1)
    # v2 = g2 + 0.9 v1 = [0.08, 0.66, -0.4]; theta2 = theta1 - 0.1 v2
    assert opt.velocity == pytest.approx([0.08, 0.66, -0.4], abs=1e-15)
    assert net.theta == pytest.approx([0.972, -2.106, 0.64], abs=1e-15)


def test_momentum_in_the_trainer_on_real_gradients():
    X, y = blobs(8, seed=6)
    hp = Hyperparameters(momentum=0.5, learning_rate=0.2, batch_size=8, max_epochs=5)
    net, tr = make([2, 3, 2], ["tanh"], hp, X, y)
    ref = net.copy()
    Y = np.eye(2)[y]
    v = np.zeros_like(ref.theta)
    for _ in range(2):
        tr.step("batch")
        ref.gradient(X, Y)  # full batch: the order of the samples does not matter
        v = ref.grad + 0.5 * v
        ref.theta -= 0.2 * v
    assert net.theta == pytest.approx(ref.theta, rel=1e-12, abs=1e-14)


# ---------------------------------------------------------------- schedules
@pytest.mark.parametrize(
    "schedule,decay,const",
    [
        ("constant", 0.5, 0),
        ("inverse", 0.3, 0),
        ("inverse", 0.3, 3),
        ("power", 0.75, 0),
        ("power", 1.0, 2),
    ],
)
def test_schedule_formulas(schedule, decay, const):
    hp = Hyperparameters(learning_rate=0.2, schedule=schedule, decay=decay, constant_epochs=const)
    for epoch in range(1, 12):
        t = epoch - const
        if schedule == "constant" or t <= 0:
            expected = 0.2
        elif schedule == "inverse":
            expected = 0.2 / (1 + decay * t)
        else:
            expected = 0.2 / t**decay
        assert learning_rate(hp, epoch) == pytest.approx(expected, rel=1e-15), epoch
    if schedule != "constant":
        assert learning_rate(hp, const + 2) < 0.2


def test_trainer_applies_the_schedule_per_epoch():
    X, y = blobs(20, seed=7)
    hp = Hyperparameters(
        learning_rate=0.1,
        schedule="inverse",
        decay=0.5,
        constant_epochs=2,
        batch_size=5,
        max_epochs=6,
    )
    _, tr = make([2, 3, 2], ["tanh"], hp, X, y)
    hist = tr.train()
    rates = [rec.learning_rate for rec in hist]
    assert rates == pytest.approx([0.1, 0.1, 0.1 / 1.5, 0.1 / 2.0, 0.1 / 2.5, 0.1 / 3.0])


# ---------------------------------------------------------------- hyperparameter validation
BAD_VALUES = [
    ("learning_rate", 0.0),
    ("learning_rate", -0.1),
    ("learning_rate", 101.0),
    ("learning_rate", math.nan),
    ("learning_rate", math.inf),
    ("learning_rate", "fast"),
    ("learning_rate", True),
    ("schedule", "cosine"),
    ("constant_epochs", -1),
    ("constant_epochs", 1.5),
    ("batch_size", 0),
    ("batch_size", 100_001),
    ("batch_size", 2.0),
    ("momentum", 1.0),
    ("momentum", -0.1),
    ("regularization", "l3"),
    ("reg_lambda", -1e-3),
    ("init", "he"),
    ("init_constant", math.nan),
    ("seed", -1),
    ("seed", 2**32),
    ("max_epochs", 0),
    ("target_loss", -0.5),
    ("patience", 0),
    ("dtype", "float16"),
    ("decay", math.inf),
]


@pytest.mark.parametrize("field,value", BAD_VALUES)
def test_validated_rejects_impossible_values(field, value):
    with pytest.raises(HyperparameterError) as err:
        Hyperparameters(**{field: value}).validated()
    assert err.value.field == field
    assert field in str(err.value)


@pytest.mark.parametrize("schedule,decay", [("power", 0.5), ("power", 1.01), ("inverse", -0.1)])
def test_validated_rejects_decay_outside_the_schedule_range(schedule, decay):
    with pytest.raises(HyperparameterError) as err:
        Hyperparameters(schedule=schedule, decay=decay).validated()
    assert err.value.field == "decay"


def test_validated_accepts_edges_and_from_dict_rejects_unknown_keys():
    Hyperparameters(schedule="power", decay=1.0, momentum=0.0, batch_size=1).validated()
    hp = Hyperparameters(learning_rate=0.5, momentum=0.9)
    assert Hyperparameters.from_dict(hp.to_dict()) == hp
    with pytest.raises(HyperparameterError) as err:
        Hyperparameters.from_dict({"learning_rate": 0.1, "alpha": 2})
    assert err.value.field == "alpha"
    with pytest.raises(HyperparameterError):
        Trainer(
            Network([2, 2], []),
            TrainingData.build(Network([2, 2], []), *blobs(4), "classification"),
            Hyperparameters(batch_size=0),
        )


# ---------------------------------------------------------------- the trainer: stop rules
def test_stops_at_max_epochs():
    X, y = blobs(30, seed=8)
    _, tr = make([2, 3, 2], ["tanh"], Hyperparameters(max_epochs=7, batch_size=7), X, y)
    snaps = list(tr.iter_training())
    assert snaps[-1].stopped and snaps[-1].stop_reason == "max_epochs"
    assert [r.epoch for s in snaps for r in s.new_records] == list(range(1, 8))
    assert tr.epoch == 7 and len(tr.history) == 7
    assert all(not s.stopped for s in snaps[:-1])


def test_stops_at_target_loss():
    X, y = blobs(40, seed=9)
    hp = Hyperparameters(learning_rate=0.02, batch_size=4, max_epochs=500, target_loss=0.05)
    _, tr = make([2, 4, 2], ["tanh"], hp, X, y)
    hist = tr.train()
    assert tr.stop_reason == "target_loss"
    assert hist[-1].train_loss <= 0.05 < hist[-2].train_loss
    assert len(hist) < 500


def test_early_stopping_restores_the_best_weights():
    rng = np.random.default_rng(10)
    X = rng.normal(0, 1, (40, 2))
    y = rng.integers(0, 2, 40)  # random labels: training memorises, validation worsens
    split = np.array([0] * 20 + [1] * 20)
    hp = Hyperparameters(
        learning_rate=0.3, batch_size=5, max_epochs=3000, early_stopping=True, patience=5, seed=1
    )
    net, tr = make([2, 16, 2], ["tanh"], hp, X, y, split=split)
    thetas = {0: net.theta.copy()}
    while True:
        snap = tr.step("epoch")
        if snap.stopped:
            break
        thetas[tr.epoch] = net.theta.copy()
    assert tr.stop_reason == "early_stopping"
    hist = tr.history
    best = min(hist, key=lambda r: (r.val_error, r.val_loss))
    assert tr.best_epoch == best.epoch
    assert tr.epoch == best.epoch + hp.patience
    assert np.array_equal(net.theta, thetas[best.epoch])
    assert not np.array_equal(net.theta, thetas[tr.epoch - 1])
    assert snap.stop.fields["best_epoch"] == best.epoch
    assert f"epoch {best.epoch}" in render.stop_text(snap.stop)


def _divergent_trainer(lr):
    """Linear regression by SGD: past lr ~ 2 / E[x^2] every update grows the error by a
    constant factor, so the weights overflow after a number of good epochs."""
    rng = np.random.default_rng(11)
    X = rng.uniform(-5, 5, (40, 1))
    y = 20 * X[:, 0] + 3
    hp = Hyperparameters(learning_rate=lr, batch_size=4, max_epochs=1000, seed=0)
    return make([1, 1], [], hp, X, y, task="regression", output="linear", loss="squared_error")


def _train_by_epochs(tr):
    thetas = [tr.net.theta.copy()]
    with np.errstate(all="ignore"):
        while True:
            snap = tr.step("epoch")
            if snap.stopped:
                return snap, thetas
            thetas.append(tr.net.theta.copy())


def test_divergence_keeps_the_last_finite_weights():
    """The weights kept are those of the last epoch whose loss was finite and below ten
    times the best loss, not the last finite ones (which had grown to ~1e150), and the
    epoch counter, update counter and history go back with them."""
    net, tr = _divergent_trainer(0.4)
    snap, thetas = _train_by_epochs(tr)
    assert snap.stop_reason == "diverged"
    assert len(thetas) > 10  # many finite epochs before it blew up
    kept = tr.epoch
    assert 1 <= kept < len(thetas) - 5  # it went back past the exploding epochs
    assert len(tr.history) == kept and [r.epoch for r in tr.history] == list(range(1, kept + 1))
    losses = [r.train_loss for r in tr.history]
    assert losses[-1] <= 10 * min(losses)
    assert np.abs(thetas[-1]).max() > 1e6 * np.abs(thetas[kept]).max()  # what was not kept
    assert tr.updates == kept * 10  # 40 points in batches of 4
    assert np.isfinite(net.theta).all()
    assert np.array_equal(net.theta, thetas[kept])
    assert np.array_equal(snap.theta, thetas[kept])
    assert snap.rollback_to == kept
    assert snap.stop.fields["lr"] == 0.4 and snap.stop.fields["epoch"] == tr.epoch
    text = render.stop_text(snap.stop)
    assert "smaller learning rate" in text and "0.4" in text
    assert not np.any(tr.optimizer.velocity)


@pytest.mark.parametrize("max_rate", [1e9, 25.0])
def test_divergence_in_the_generator(max_rate):
    _, by_epoch = _train_by_epochs(_divergent_trainer(3.0)[1])
    net, tr = _divergent_trainer(3.0)
    with np.errstate(all="ignore"):
        snaps = list(tr.iter_training(max_rate=max_rate))
    assert snaps[-1].stop_reason == "diverged"
    assert np.isfinite(net.theta).all() and np.isfinite(snaps[-1].theta).all()
    # wherever the generator noticed it (mid-epoch or at an epoch's end), it goes back
    # to the same checkpoint as training epoch by epoch
    assert np.array_equal(net.theta, by_epoch[tr.epoch])
    assert [r.epoch for r in tr.history] == list(range(1, tr.epoch + 1))
    assert snaps[-1].rollback_to == tr.epoch
    assert all(r.epoch <= tr.epoch for s in snaps for r in s.new_records if s is snaps[-1])
    assert "smaller learning rate" in render.stop_text(snaps[-1].stop)
    assert all(math.isfinite(r.train_loss) for r in tr.history)


# ---------------------------------------------------------------- stepping and snapshots
def test_step_units():
    X, y = blobs(23, seed=12)
    hp = Hyperparameters(batch_size=5, max_epochs=50)
    _, tr = make([2, 3, 2], ["tanh"], hp, X, y)
    s = tr.step("sample")
    assert (tr.cursor, tr.epoch, s.updates) == (1, 0, 1)
    s = tr.step("batch")
    assert (tr.cursor, tr.epoch, s.updates) == (6, 0, 2)
    s = tr.step("epoch")  # finishes the current epoch: 17 samples left = 4 batches
    assert (tr.cursor, tr.epoch, s.updates) == (0, 1, 6)
    assert [r.epoch for r in s.new_records] == [1]
    s = tr.step("epoch")  # a whole epoch: 5 batches, the last one of 3 samples
    assert (tr.cursor, tr.epoch, s.updates) == (0, 2, 11)
    with pytest.raises(ValueError):
        tr.step("minute")


def test_snapshots_hold_copies():
    X, y = blobs(50, seed=13)
    net, tr = make([2, 3, 2], ["tanh"], Hyperparameters(max_epochs=3, batch_size=5), X, y)
    gen = tr.iter_training(max_rate=1e9)  # a snapshot after every update
    snap = next(gen)
    assert snap.updates == 1
    assert np.array_equal(snap.theta, net.theta)
    before = net.theta.copy()
    snap.theta[:] = 123.0
    assert np.array_equal(net.theta, before)
    snap2 = next(gen)
    assert snap2.updates == 2 and not np.shares_memory(snap2.theta, net.theta)
    gen.close()
    step_snap = tr.step("batch")
    step_snap.theta[:] = -1.0
    assert not np.any(net.theta == -1.0)


def test_set_hyperparameters_applies_at_the_next_update():
    X, y = blobs(12, seed=14)
    hp = Hyperparameters(learning_rate=0.1, batch_size=12, max_epochs=100)
    net, tr = make([2, 3, 2], ["tanh"], hp, X, y)
    Y = np.eye(2)[y]
    ref = net.copy()
    tr.step("batch")
    ref.gradient(X, Y)
    ref.theta -= 0.1 * ref.grad
    assert net.theta == pytest.approx(ref.theta, rel=1e-12, abs=1e-14)
    tr.set_hyperparameters(hp.with_changes(learning_rate=0.7))
    assert tr.hp.learning_rate == 0.1  # queued, not applied yet
    tr.step("batch")
    ref.gradient(X, Y)
    ref.theta -= 0.7 * ref.grad
    assert net.theta == pytest.approx(ref.theta, rel=1e-12, abs=1e-14)
    assert tr.learning_rate == 0.7 and tr.history[-1].learning_rate == 0.7
    with pytest.raises(HyperparameterError):
        tr.set_hyperparameters(Hyperparameters(momentum=2.0))


def test_set_hyperparameters_reaches_a_running_generator():
    X, y = blobs(20, seed=15)
    hp = Hyperparameters(learning_rate=0.1, batch_size=20, max_epochs=10)
    _, tr = make([2, 3, 2], ["tanh"], hp, X, y)
    gen = tr.iter_training(max_rate=1e9)
    next(gen)
    tr.set_hyperparameters(hp.with_changes(learning_rate=0.05, max_epochs=3))
    snaps = list(gen)
    assert snaps[-1].stop_reason == "max_epochs" and tr.epoch == 3
    assert [r.learning_rate for r in tr.history] == [0.1, 0.05, 0.05]


def test_resuming_from_state_equals_uninterrupted_training():
    X, y = blobs(37, seed=16)
    hp = Hyperparameters(
        learning_rate=0.1,
        batch_size=5,
        momentum=0.9,
        max_epochs=100,
        regularization="l2",
        reg_lambda=1e-3,
        seed=4,
    )
    net_a, tr_a = make([2, 4, 2], ["tanh"], hp, X, y)
    net_c = net_a.copy()
    tr_c = Trainer(net_c, TrainingData.build(net_c, X, y, "classification"), hp)
    for _ in range(11):  # stop in the middle of the third epoch
        tr_a.step("batch")
    state = tr_a.state()
    assert state.cursor not in (0, None) and state.epoch == 1
    net_b = net_a.copy()
    tr_b = Trainer(net_b, TrainingData.build(net_b, X, y, "classification"), hp, state)
    for _ in range(20):
        tr_b.step("batch")
    for _ in range(31):
        tr_c.step("batch")
    assert np.array_equal(net_b.theta, net_c.theta)
    assert [r.to_dict() for r in tr_b.history] == [r.to_dict() for r in tr_c.history]
    # Without the saved velocity the result would differ: the test can fail.
    state.velocity = None
    net_d = net_a.copy()
    tr_d = Trainer(net_d, TrainingData.build(net_d, X, y, "classification"), hp, state)
    for _ in range(20):
        tr_d.step("batch")
    assert not np.array_equal(net_d.theta, net_c.theta)


def test_float32_training():
    X, y = blobs(60, seed=17)
    hp = Hyperparameters(learning_rate=0.1, batch_size=6, max_epochs=15, dtype="float32")
    net, tr = make([2, 4, 2], ["tanh"], hp, X, y, dtype=np.float32)
    hist = tr.train()
    assert net.theta.dtype == np.float32 and net.grad.dtype == np.float32
    assert tr.data.X_train.dtype == np.float32
    assert tr.optimizer.velocity.dtype == np.float32
    assert hist[-1].train_loss < 0.5 * hist[0].train_loss
    assert hist[-1].train_error <= 0.05
    f = net.predict(X)
    assert f.dtype == np.float32


def test_epoch_record_round_trip_and_norms():
    X, y = blobs(20, seed=18)
    net, tr = make([2, 3, 2], ["tanh"], Hyperparameters(max_epochs=2, batch_size=5), X, y)
    rec = tr.train()[-1]
    assert type(rec).from_dict(rec.to_dict()) == rec
    assert rec.weight_norms == pytest.approx([np.linalg.norm(net.W[k]) for k in (1, 2)])
    net.gradient(tr.data.X_train, tr.data.Y_train)
    assert rec.grad_norms == pytest.approx([np.linalg.norm(net.gW[k]) for k in (1, 2)])


def test_no_training_points_is_an_error():
    net = Network([2, 2], [])
    data = TrainingData.build(
        net, np.zeros((3, 2)), np.zeros(3, int), "classification", split=np.array([1, 1, 2])
    )
    with pytest.raises(ValueError, match="no training points"):
        Trainer(net, data, Hyperparameters())


def test_large_training_sets_record_running_metrics():
    """Above EXACT_METRICS_MAX points the record holds the mean over the epoch's batches:
    with one full batch per epoch that is exactly the loss before the epoch's update."""
    from nnsim.core.trainer import EXACT_METRICS_MAX

    rng = np.random.default_rng(3)
    n = EXACT_METRICS_MAX + 100
    X = rng.normal(size=(n, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(np.int64)
    net = Network([2, 4, 2], ["tanh"])
    initialize(net, "glorot", seed=1)
    data = TrainingData.build(net, X, y, "classification")
    hp = Hyperparameters(learning_rate=0.1, batch_size=n, max_epochs=3)
    trainer = Trainer(net, data, hp)
    assert not trainer.exact_metrics
    before = net.data_loss(data.X_train, data.Y_train)
    error_before = float(np.mean(net.predict(data.X_train).argmax(1) != y))
    net.gradient(data.X_train, data.Y_train)
    grad_norm = float(np.linalg.norm(net.gW[1]))
    rec = trainer.step("epoch").new_records[0]
    assert rec.train_loss == pytest.approx(before, rel=1e-12)
    assert rec.train_error == pytest.approx(error_before, rel=1e-12)
    assert rec.grad_norms[0] == pytest.approx(grad_norm, rel=1e-12)
    assert net.data_loss(data.X_train, data.Y_train) < before
