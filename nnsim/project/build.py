"""Making a new project from a generated data set (the File > New of the app and CLI)."""

from __future__ import annotations

from collections.abc import Sequence

from nnsim.core.datasets import GENERATORS, generate, split
from nnsim.core.features import default_features
from nnsim.core.hyper import Hyperparameters
from nnsim.project.checks import check
from nnsim.project.document import (
    DEFAULT_SPLIT,
    DataSpec,
    LayerSpec,
    NetworkSpec,
    Project,
    default_output,
    n_outputs_for,
)
from nnsim.project.enums import Task
from nnsim.project.limits import check_widths


def make_network_spec(
    widths: Sequence[int],
    activations: Sequence[str],
    output_activation: str,
    loss: str,
    n_outputs: int,
) -> NetworkSpec:
    """A topology with fresh ids: hidden layers ``"l<i>"``, neurons ``"n<i>"``.

    Raises `nnsim.project.limits.LimitError` (a ValueError) before making any id when a
    width or the number of layers is outside the limits table.
    """
    check_widths(widths)
    spec = NetworkSpec((), output_activation, loss, (), 0)
    hidden = []
    for width, activation in zip(widths, activations, strict=True):
        (layer_id,), spec = spec.fresh_ids(1, "l")
        neurons, spec = spec.fresh_ids(int(width))
        hidden.append(LayerSpec(layer_id, activation, tuple(neurons)))
    spec = NetworkSpec(tuple(hidden), output_activation, loss, (), spec.next_id)
    outputs, spec = spec.fresh_ids(n_outputs)
    return NetworkSpec(spec.hidden, output_activation, loss, tuple(outputs), spec.next_id)


def new_project(
    dataset: str = "circle",
    n: int | None = None,
    noise: float | None = None,
    seed: int = 0,
    hidden: Sequence[int] = (4, 4),
    activation: str | Sequence[str] = "tanh",
    features: Sequence[str] | None = None,
    hyper: Hyperparameters | None = None,
    n_classes: int | None = None,
    title: str = "",
    *,
    output: str | None = None,
    loss: str | None = None,
    split_ratios: Sequence[float] = DEFAULT_SPLIT,
    split_seed: int | None = None,
    description: str = "",
) -> Project:
    """A project on a generated data set, with initialized weights.

    Parameters
    ----------
    dataset, n, noise, seed
        Passed to `nnsim.core.datasets.generate`; ``seed`` also seeds the split unless
        ``split_seed`` is given.
    hidden : sequence of int
        Hidden layer widths H_1..H_L (empty for no hidden layer).
    activation : str or sequence of str
        One hidden activation g for every layer, or one per layer.
    features : sequence of str, optional
        Input features; the raw inputs (x1, x2) by default.
    hyper : Hyperparameters, optional
        Defaults to ``Hyperparameters()``.
    n_classes : int, optional
        Number of classes K for the ``blobs`` generator.
    output, loss : str, optional
        Output activation and loss; softmax + cross_entropy for classes,
        linear + squared_error for regression by default.

    Raises
    ------
    ValueError
        For an unknown data set, feature, activation or an impossible combination.
    """
    check_widths(hidden)  # before the data set: both are refused without being built
    options = {} if n_classes is None else {"n_classes": int(n_classes)}
    ds = generate(dataset, n=n, noise=noise, seed=seed, **options)
    generator = {"name": dataset, "n": len(ds.X), "noise": _noise(dataset, noise), "seed": seed}
    generator.update(options)
    split_seed = seed if split_seed is None else int(split_seed)
    codes = split(len(ds.X), split_ratios, split_seed)
    data = DataSpec(ds.X, ds.y, codes, generator, tuple(split_ratios), split_seed)
    widths = [int(h) for h in hidden]
    acts = [activation] * len(widths) if isinstance(activation, str) else list(activation)
    if len(acts) != len(widths):
        raise ValueError(f"{len(widths)} hidden layers need as many activations, got {len(acts)}")
    default_o, default_l = default_output(ds.task)
    output = output or (default_o if loss is None else _output_for(loss, ds.task))
    loss = loss or (default_l if output == default_o else _loss_for(output))
    spec = make_network_spec(
        widths, acts, output, loss, n_outputs_for(ds.task, ds.n_classes, output)
    )
    project = Project(
        title=title,
        description=description,
        task=Task(ds.task),
        n_classes=ds.n_classes,
        data=data,
        features=tuple(features or default_features(ds.n_inputs)),
        network=spec,
        hyper=(hyper or Hyperparameters()).validated(),
    )
    check(project)
    return project.reset_weights()


def _noise(dataset: str, noise: float | None) -> float:
    return float(GENERATORS[dataset].default_noise if noise is None else noise)


def _output_for(loss: str, task: str) -> str:
    """The output activation that goes with ``loss`` when only the loss was chosen."""
    if loss == "binary_cross_entropy":
        return "sigmoid"
    if loss == "cross_entropy":
        return "softmax"
    return "linear" if task == Task.REGRESSION else "softmax"


def _loss_for(output: str) -> str:
    """The loss that goes with ``output`` when only the output activation was chosen."""
    return {"softmax": "cross_entropy", "sigmoid": "binary_cross_entropy"}.get(
        output, "squared_error"
    )
