"""The projects behind the shipped examples: one builder per claim of the lecture.

Every builder makes an untrained project with `nnsim.project.new_project` from fixed seeds,
so `nnsim.examples.build` writes byte-identical files each time it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from nnsim.core.hyper import Hyperparameters
from nnsim.project import Project, new_project
from nnsim.project.edits import set_view


@dataclass(frozen=True)
class Example:
    """One shipped example: file stem, menu title, one-sentence claim, the text shown when
    it opens, and the function that builds the untrained project."""

    slug: str
    title: str
    claim: str
    description: str
    build: Callable[[], Project]

    @property
    def file(self) -> str:
        return f"{self.slug}.json"

    def project(self) -> Project:
        return replace(self.build(), title=self.title, description=self.description)


def hp(**kw) -> Hyperparameters:
    """Mini-batch SGD with batch 10 unless an example says otherwise."""
    return Hyperparameters(**{"batch_size": 10, **kw}).validated()


# ---------------------------------------------------------------------- capacity
def xor(hidden) -> Project:
    """XOR quadrants, one sigmoid output neuron (binary cross-entropy)."""
    h = hp(learning_rate=0.1, max_epochs=200, seed=1)
    return new_project("xor", n=200, noise=0.0, seed=1, hidden=hidden, output="sigmoid", hyper=h)


def blobs() -> Project:
    """Five classes, no hidden layer: softmax regression, one output per class."""
    h = hp(learning_rate=0.1, max_epochs=50, seed=9)
    return new_project("blobs", n=250, noise=0.1, seed=9, hidden=(), n_classes=5, hyper=h)


def sine() -> Project:
    """sin(x) by 12 tanh units and a linear output; stops at MSE 0.005 (loss = MSE / 2)."""
    h = hp(
        learning_rate=0.05,
        momentum=0.9,
        batch_size=20,
        max_epochs=4000,
        target_loss=0.0025,
        seed=5,
    )
    p = new_project("sin1d", n=200, noise=0.0, seed=5, hidden=(12,), hyper=h)
    return set_view(p, log_loss=True)


SPIRAL_SIN = ("x1", "x2", "sin(x1)", "sin(x2)")


def spiral(hidden, features=None) -> Project:
    """The same settings for every spiral; training stops at the target loss 0.05."""
    h = hp(learning_rate=0.03, momentum=0.5, max_epochs=2000, target_loss=0.05, seed=10)
    return new_project(
        "spiral", n=300, noise=0.0, seed=10, hidden=hidden, features=features, hyper=h
    )


# ---------------------------------------------------------------------- regularization
GAUSS_FEATURES = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")


def regularized(kind: str) -> Project:
    """Two separable clouds seen through seven features, of which x1 and x2 suffice."""
    h = hp(learning_rate=0.05, max_epochs=200, regularization=kind, reg_lambda=0.01, seed=3)
    return new_project(
        "gauss", n=200, noise=0.1, seed=3, hidden=(6,), features=GAUSS_FEATURES, hyper=h
    )


# ---------------------------------------------------------------------- initialization
def circle_init(init: str) -> Project:
    h = hp(learning_rate=0.1, max_epochs=150, init=init, init_constant=0.5, seed=2)
    return new_project("circle", n=200, noise=0.0, seed=2, hidden=(4,), hyper=h)


# ---------------------------------------------------------------------- overfitting
def noisy_small(**extra) -> Project:
    """40 training and 40 validation points of noisy XOR, two hidden layers of 32."""
    h = hp(learning_rate=0.05, max_epochs=1500, seed=8, **extra)
    return new_project(
        "xor",
        n=80,
        noise=0.3,
        seed=8,
        hidden=(32, 32),
        hyper=h,
        split_ratios=(0.5, 0.5, 0.0),
    )


# ---------------------------------------------------------------------- convergence
def schedule(kind: str, decay: float) -> Project:
    """Single-sample SGD on overlapping clouds with a large alpha."""
    h = hp(
        learning_rate=0.3,
        schedule=kind,
        decay=decay,
        constant_epochs=10,
        batch_size=1,
        max_epochs=100,
        seed=6,
    )
    return new_project("gauss", n=150, noise=0.3, seed=6, hidden=(6,), hyper=h)


def deep(activation: str) -> Project:
    h = hp(learning_rate=0.1, max_epochs=100, seed=5)
    return new_project(
        "circle", n=200, noise=0.0, seed=5, hidden=(8,) * 6, activation=activation, hyper=h
    )


def momentum(beta: float) -> Project:
    h = hp(learning_rate=0.005, momentum=beta, max_epochs=100, seed=7)
    return new_project("circle", n=200, noise=0.0, seed=7, hidden=(6,), hyper=h)


# ---------------------------------------------------------------------- model selection
SEARCH_GRID = {"learning_rate": (0.001, 0.03, 1.0), "reg_lambda": (0.0, 1e-5, 1e-4)}
SEARCH_RANGES = {"learning_rate": (0.001, 1.0), "reg_lambda": (1e-6, 1e-4)}


def search_lesson() -> Project:
    """Only the learning rate matters within 40 epochs; lambda is a nuisance parameter."""
    h = hp(learning_rate=0.03, max_epochs=40, seed=3)
    return new_project("circle", n=200, noise=0.1, seed=3, hidden=(4,), hyper=h)
