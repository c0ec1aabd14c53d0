"""Task and split are enums defined once; files keep the words and codes they always had."""

import json

import numpy as np

from nnsim.core import datasets
from nnsim.project import dumps, loads, new_project
from nnsim.project.enums import SPLIT_NAMES, Split, Task


def test_task_values_are_the_words_in_files():
    assert [t.value for t in Task] == ["classification", "regression"]
    for name, task in (("circle", Task.CLASSIFICATION), ("sin1d", Task.REGRESSION)):
        p = new_project(name, n=20, seed=0, hidden=(2,))
        assert p.task is task
        doc = json.loads(dumps(p))
        assert doc["task"] == task.value
        assert loads(dumps(p)).task is task


def test_split_codes_are_the_engines_and_the_csv_words():
    assert (Split.TRAIN, Split.VALIDATION, Split.TEST) == (0, 1, 2)
    assert (datasets.TRAIN, datasets.VALIDATION, datasets.TEST) == tuple(Split)
    assert SPLIT_NAMES == ("train", "validation", "test")
    codes = datasets.split(50, (0.6, 0.2, 0.2), seed=3)
    assert codes.dtype == np.int8
    assert np.count_nonzero(codes == Split.TRAIN) == 30
