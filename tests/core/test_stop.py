"""Stop reasons are records: a key and numbers, never a sentence."""

import pickle

import numpy as np
import pytest

from nnsim.core import trainer as trainer_module
from nnsim.core.hyper import Hyperparameters
from nnsim.core.init import initialize
from nnsim.core.network import Network
from nnsim.core.stop import STOP_FIELDS, StopKey, StopReason
from nnsim.core.trainer import Trainer, TrainingData


def test_every_key_names_its_fields_and_a_record_keeps_only_them():
    assert set(STOP_FIELDS) == set(StopKey)
    stop = StopReason.make("early_stopping", epoch=9, best_epoch=4, lr=0.1, target_loss=0.0)
    assert stop.key is StopKey.EARLY_STOPPING and stop.key == "early_stopping"
    assert stop.fields == {"epoch": 9, "best_epoch": 4}
    assert pickle.loads(pickle.dumps(stop)) == stop  # crosses the child process boundary
    with pytest.raises(ValueError, match="needs"):
        StopReason.make("diverged", epoch=3)
    with pytest.raises(ValueError):
        StopReason.make("bored", epoch=3)


def test_the_trainer_stops_with_a_record_of_numbers_and_no_text():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, 2))
    y = (X[:, 0] > 0).astype(int)
    net = Network([2, 3, 2], ["tanh"])
    initialize(net, seed=0)
    hp = Hyperparameters(max_epochs=3, seed=0)
    tr = Trainer(net, TrainingData.build(net, X, y, "classification"), hp)
    snaps = list(tr.iter_training(max_rate=1e9))
    stop = snaps[-1].stop
    assert stop == tr.stop and stop.key is StopKey.MAX_EPOCHS and stop.fields == {"epoch": 3}
    assert snaps[-1].stop_reason == "max_epochs"
    assert all(s.stop is None for s in snaps[:-1])
    for value in stop.fields.values():
        assert isinstance(value, (int, float)) and not isinstance(value, bool)
    assert not hasattr(snaps[-1], "message") and not hasattr(tr, "message")
    assert not hasattr(trainer_module, "STOP_MESSAGES")  # the sentences live in renderers
