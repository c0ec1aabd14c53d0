"""The limits table: checked before anything of that size is built, quoted in human
numbers, and shared by the loader, the edits, the CLI and the window (issue 12, item 1)."""

import json

import pytest

from nnsim.project import ProjectError, dumps, limits, loads, new_project
from nnsim.project import build as build_module
from nnsim.project.limits import LIMITS, LimitError


def test_human_numbers():
    assert limits.human(10_000_000) == "10,000,000"
    assert limits.human(256) == "256"
    assert limits.human_bytes(3 * 2**30 // 2) == "1.5 GB"
    assert limits.human_bytes(200 * 2**20) == "200 MB"


def test_check_names_the_limit_in_human_numbers():
    with pytest.raises(LimitError, match=r"^at most 256 neurons in a layer, got 1,000,000,000$"):
        limits.check("neurons", 10**9)
    with pytest.raises(LimitError, match="at most 16 hidden layers, got 17"):
        limits.check_widths([4] * 17)
    assert limits.check_widths([256] * 16) == [256] * 16


def test_a_huge_width_is_refused_before_any_id_or_array_is_made(monkeypatch):
    def no_ids(*args, **kwargs):
        raise AssertionError("ids were made for a network that is over the limits")

    monkeypatch.setattr(build_module.NetworkSpec, "fresh_ids", no_ids)
    monkeypatch.setattr(build_module, "generate", no_ids)
    with pytest.raises(LimitError, match="at most 256 neurons"):
        new_project("circle", hidden=(10**9,))
    with pytest.raises(LimitError, match="at most 16 hidden layers"):
        new_project("circle", hidden=(1,) * 10**6)


def test_the_window_the_files_and_the_edits_share_the_hidden_layer_limit():
    from nnsim.gui.panels import network_editor
    from nnsim.project import edits

    assert network_editor.MAX_LAYERS == LIMITS["hidden_layers"].high == 16
    assert network_editor.MAX_NEURONS == LIMITS["neurons"].high == 256
    p = new_project("circle", hidden=(2,) * 16)  # as many as a file may hold
    with pytest.raises(ValueError, match="at most 16 hidden layers"):
        edits.add_layer(p, 0)
    doc = json.loads(dumps(p))
    doc["network"]["hidden"].append(doc["network"]["hidden"][0])
    with pytest.raises(ProjectError, match="at most 16 are allowed"):
        loads(json.dumps(doc))


def test_a_network_too_big_for_its_data_is_refused_with_an_estimate():
    # 16 x 256 tanh on 100,000 points: every epoch's pass over the training set alone
    # would hold ~60,000 x 4,000 activations three times over (several GB).
    with pytest.raises(ValueError, match=r"needs about [\d.]+ GB of memory; the limit is 2 GB"):
        new_project("circle", n=100_000, hidden=(256,) * 16)
    needed = limits.training_bytes([2, *([256] * 16), 2], 60_000)
    assert needed > limits.MEMORY_BUDGET
    assert limits.training_bytes([2, 4, 4, 2], 60_000) < 50 * 2**20  # the usual case: MBs
    new_project("circle", n=1_000, hidden=(256,) * 16)  # the same network on less data fits


def test_the_decision_grid_estimate():
    assert limits.grid_bytes(200, [2, 8, 8, 2]) == 3 * 200 * 200 * 20 * 4
    with pytest.raises(LimitError, match="decision"):
        limits.check_memory(limits.grid_bytes(1000, [2, *([256] * 16), 2]), "the decision map")


def test_a_file_that_would_parse_into_gigabytes_is_refused_before_parsing(monkeypatch):
    bomb = "[" + "[]," * 30_000_000 + "[]]"  # 90 MB of text, ~2 GB of empty lists
    assert limits.parse_bytes(bomb) > limits.MEMORY_BUDGET

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed a file that the estimate should have refused")

    monkeypatch.setattr(json, "loads", no_parse)
    with pytest.raises(ProjectError, match="reading it needs about .* GB of memory"):
        loads(bomb)


def test_hyperparameter_ranges_are_quoted_without_64_bit_extremes():
    doc = json.loads(dumps(new_project("circle")))
    doc["hyperparameters"]["max_epochs"] = 2**70
    with pytest.raises(ProjectError) as err:
        loads(json.dumps(doc))
    text = str(err.value)
    assert "between 1 and 10,000,000" in text and "922337" not in text
    doc["hyperparameters"]["max_epochs"] = -(2**63)
    with pytest.raises(ProjectError, match="between 1 and 10,000,000"):
        loads(json.dumps(doc))
