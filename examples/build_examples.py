"""Build the shipped examples: one small project per claim of the lecture.

Run ``.venv/bin/python examples/build_examples.py`` from the repository root. Every example
is made with `nnsim.project.new_project` (and `nnsim.project.edits`) from fixed seeds, so
running the script again gives byte-identical files. The projects are saved untrained
(weights initialized, no history): the student presses Play and watches the claim happen
with the saved hyperparameters. ``examples/index.json`` lists them in the lecture's order;
``tests/test_examples.py`` trains every one and checks its claim numerically.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nnsim.core.hyper import Hyperparameters
from nnsim.project import Project, new_project, save
from nnsim.project.edits import set_view
from nnsim.project.io import atomic_write

HERE = Path(__file__).resolve().parent
INDEX = "index.json"


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


EXAMPLES: list[Example] = [
    # ------------------------------------------------------------ capacity
    Example(
        "xor-single-neuron",
        "A single neuron fails on XOR",
        "A single neuron separates the plane with one straight line, so it cannot learn XOR.",
        "The lecture: a single neuron only solves linearly separable problems, and XOR is "
        "not one. Press Play (Space) and watch the Error tab: the validation error stays "
        "near 50 % and the loss near ln 2 ≈ 0.69. "
        "Then open 'One hidden layer solves XOR'.",
        lambda: xor(()),
    ),
    Example(
        "xor-hidden-layer",
        "One hidden layer solves XOR",
        "A hidden layer of tanh units, each a linear classifier, combines into an XOR classifier.",
        "Each hidden neuron draws one line and the output neuron combines them, as the "
        "lecture builds XOR from AND and OR. Press Play (Space): the error falls to 0 % "
        "within about 100 epochs. Click a hidden neuron to see the line it draws.",
        lambda: xor((8,)),
    ),
    Example(
        "softmax-five-classes",
        "Softmax with five classes",
        "With one output per class, softmax gives class probabilities and the largest wins.",
        "For several classes the network has one output per class, and softmax turns them "
        "into probabilities f(x)_c that sum to 1; the loss is −ln f(x)_y. Press Play "
        "(Space): within a few epochs the error is below 5 %, and the plane splits into "
        "five regions with straight borders (there is no hidden layer).",
        blobs,
    ),
    Example(
        "sine-one-hidden-layer",
        "One hidden layer approximates sin(x)",
        "One hidden layer of tanh units with a linear output approximates a continuous "
        "function (universal approximation).",
        "Universal approximation: one hidden layer with a linear output unit approximates "
        "any continuous function, given enough hidden units. Here 12 tanh units learn "
        "sin(x) on [−6, 6] with squared error. Press Play (Space): training stops by "
        "itself when the mean squared error reaches 0.005, after about 1400 epochs.",
        sine,
    ),
    Example(
        "spiral-one-layer",
        "One hidden layer of 8 is not enough for the spiral",
        "One hidden layer of 8 tanh units does not learn the spiral from x1 and x2.",
        "Enough hidden units can approximate anything, but the lecture adds that no "
        "learning algorithm is promised to find the weights. Press Play (Space): after "
        "2000 epochs the training error is still about 15 %. "
        "Then open 'The spiral needs a deeper net'.",
        lambda: spiral((8,)),
    ),
    Example(
        "spiral-deep",
        "The spiral needs a deeper net",
        "Three hidden layers of 8 tanh units learn the spiral from x1 and x2 alone.",
        "The same settings with three hidden layers of 8 tanh units: each layer builds on "
        "the shapes of the layer below. Press Play (Space): training stops at the target "
        "loss after about 800 epochs with a training error near 1 %. Click neurons layer "
        "by layer to see the shapes grow.",
        lambda: spiral((8, 8, 8)),
    ),
    Example(
        "spiral-sin-features",
        "A better representation: sin features for the spiral",
        "With the extra inputs sin(x1) and sin(x2) one hidden layer of 8 learns the spiral.",
        "The lecture's other remedy: transform the input into a better representation. "
        "With sin(x1) and sin(x2) as extra inputs, one hidden layer of 8 tanh units "
        "separates the spiral. Press Play (Space): the training error is below 5 % within "
        "about 100 epochs.",
        lambda: spiral((8,), SPIRAL_SIN),
    ),
    # ------------------------------------------------------------ regularization
    Example(
        "l2-shrinks",
        "L2 shrinks the weights",
        "L2 regularization shrinks every weight but leaves none exactly 0.",
        "L2 adds λ‖W‖² to the loss; its gradient 2λW pulls each weight towards 0 in "
        "proportion to its size, so weights shrink but never reach 0. Press Play (Space), "
        "then look at the Weights tab: every weight is small and none is 0. "
        "Then open 'L1 gives exact zeros'.",
        lambda: regularized("l2"),
    ),
    Example(
        "l1-exact-zeros",
        "L1 gives exact zeros",
        "L1 regularization pushes the weights the data do not need to exactly 0.",
        "L1 adds λ Σ|W|; its gradient λ sign(W) pushes every weight towards 0 by the same "
        "amount, so unlike L2 it sets weights to exactly 0. Press Play (Space), then look "
        "at the Weights tab: the weights from the unneeded inputs x1² … sin(x2) fall to 0 "
        "or within a hair of it, and whole hidden neurons switch off.",
        lambda: regularized("l1"),
    ),
    # ------------------------------------------------------------ initialization
    Example(
        "init-zero",
        "Zero weights: tanh units never learn",
        "With all weights 0 and tanh units, every weight gradient is 0, so no weight moves.",
        "The lecture: weights cannot start at 0 with tanh, because then all gradients are "
        "0. Press Play (Space): the Gradients tab stays empty (every weight gradient is "
        "exactly 0), the weights never move and the error stays near 50 %; only the output "
        "biases learn.",
        lambda: circle_init("zero"),
    ),
    Example(
        "init-constant",
        "Equal weights keep hidden units identical",
        "With all weights equal, the hidden units of a layer stay identical while training.",
        "The lecture: with all weights equal, all hidden units of a layer always behave the "
        "same. Every weight starts at 0.5; press Play (Space), then look at the Weights "
        "tab: the rows of W⁽¹⁾ change but stay identical, so the 4 units act as one and "
        "the circle is not learned. Then open 'Glorot initialization breaks the symmetry'.",
        lambda: circle_init("constant"),
    ),
    Example(
        "init-glorot",
        "Glorot initialization breaks the symmetry",
        "Weights drawn from U[−b, b], b = √6/√(H_k + H_k−1), make the hidden units differ, "
        "so the same network learns.",
        "Weights drawn uniformly from [−b, b] with b = √6/√(H_k + H_k−1) break the "
        "symmetry: each hidden unit starts different and learns its own line. Press Play "
        "(Space): the network of 'Equal weights keep hidden units identical' now learns "
        "the circle (error below 5 %).",
        lambda: circle_init("glorot"),
    ),
    # ------------------------------------------------------------ overfitting
    Example(
        "overfitting",
        "A large net overfits a small noisy set",
        "A large network trained long on few noisy points fits the noise: the training loss "
        "falls while the validation loss rises.",
        "Forty noisy training points, two hidden layers of 32 units and 1500 epochs: the net "
        "learns the noise. Press Play (Space) and watch the Loss tab: the training loss "
        "goes to almost 0, while the validation loss is lowest near epoch 160 and then "
        "climbs. Then open 'Early stopping keeps the best weights'.",
        lambda: noisy_small(),
    ),
    Example(
        "early-stopping",
        "Early stopping keeps the best weights",
        "Early stopping ends training when the validation error stops improving and "
        "restores the best weights.",
        "Same data and network with early stopping: training stops when the validation "
        "error has not improved for 50 epochs, and the weights of the best epoch come "
        "back. Press Play (Space): training stops by itself near epoch 210 with the "
        "weights of epoch 163.",
        lambda: noisy_small(early_stopping=True, patience=50),
    ),
    Example(
        "l2-against-overfitting",
        "L2 keeps the large net from overfitting",
        "L2 regularization keeps the validation loss near its minimum in a long run.",
        "Same data and network with L2 regularization (λ = 0.01) against large weights. "
        "Press Play (Space): after 1500 epochs the validation loss is still close to its "
        "minimum and the boundary stays smooth. "
        "Compare with 'A large net overfits a small noisy set'.",
        lambda: noisy_small(regularization="l2", reg_lambda=0.01),
    ),
    # ------------------------------------------------------------ convergence
    Example(
        "schedule-constant",
        "A large constant learning rate keeps jumping",
        "With a large constant learning rate, per-sample SGD never settles.",
        "SGD on single samples (batch size 1) with a large constant learning rate α = 0.3: "
        "every sample kicks the weights, so the loss keeps jumping. Press Play (Space) and "
        "watch the Loss tab. Then open the two learning-rate schedules.",
        lambda: schedule("constant", 0.5),
    ),
    Example(
        "schedule-inverse",
        "Learning-rate schedule α/(1 + δt)",
        "A decreasing learning rate α_t = α/(1 + δt) lets SGD settle.",
        "The same run with α_t = α/(1 + δt), δ = 0.1, after 10 epochs at the constant α "
        "(the lecture advises a constant rate first). Press Play (Space): the Learning "
        "rate tab shows α_t falling, and the loss settles instead of jumping.",
        lambda: schedule("inverse", 0.1),
    ),
    Example(
        "schedule-power",
        "Learning-rate schedule α/t^δ",
        "A decreasing learning rate α_t = α/t^δ with 0.5 < δ ≤ 1 lets SGD settle.",
        "The same run with α_t = α/t^δ, δ = 0.75, after 10 constant epochs: for "
        "0.5 < δ ≤ 1, Σα_t = ∞ and Σα_t² < ∞, the lecture's conditions for SGD to "
        "converge. Press Play (Space) and compare the Loss tab with 'A large constant "
        "learning rate keeps jumping'.",
        lambda: schedule("power", 0.75),
    ),
    Example(
        "deep-sigmoid",
        "Gradients vanish in a deep sigmoid net",
        "Through six sigmoid layers the gradient shrinks at every layer on its way back, "
        "so the first layers hardly learn.",
        "Six hidden sigmoid layers of 8: sigm′(a) ≤ 1/4, so every layer the gradient "
        "passes on its way back shrinks it. Press Play (Space) and open the Gradients tab: "
        "‖∇W⁽¹⁾‖ is about 1000 times smaller than the output layer's, and the error stays "
        "near 50 %. Then open 'ReLU keeps the gradients alive'.",
        lambda: deep("sigmoid"),
    ),
    Example(
        "deep-relu",
        "ReLU keeps the gradients alive",
        "With ReLU (derivative 1 where active) the gradient reaches the first of six layers "
        "undiminished, and the deep net learns.",
        "The same six layers of 8 with ReLU, whose derivative is 1 wherever a unit is "
        "active. Press Play (Space) and open the Gradients tab: the gradients of all "
        "layers are of the same size, and the error falls to 0 % within about 10 epochs.",
        lambda: deep("relu"),
    ),
    Example(
        "sgd-plain",
        "Plain SGD with a small learning rate crawls",
        "With a small learning rate, plain SGD makes slow progress.",
        "Plain SGD (momentum β = 0) with a small learning rate α = 0.005. Press Play "
        "(Space): after 100 epochs the training loss is still above 0.5. "
        "Then open 'Momentum speeds up SGD'.",
        lambda: momentum(0.0),
    ),
    Example(
        "sgd-momentum",
        "Momentum speeds up SGD",
        "Momentum, an exponential average of past gradients, reaches a lower loss than "
        "plain SGD in the same number of epochs.",
        "Momentum steps along v = ∇ + βv_prev with β = 0.9: while the gradient keeps its "
        "direction the steps grow up to 1/(1 − β) = 10 times. Press Play (Space): with the "
        "same α = 0.005 and 100 epochs the loss falls to about 0.1 (plain SGD: 0.5).",
        lambda: momentum(0.9),
    ),
    # ------------------------------------------------------------ model selection
    Example(
        "grid-vs-random-search",
        "Grid search against random search",
        "With the same budget, random search tries more values of the hyperparameter that "
        "matters and finds a better model than grid search.",
        "Open Training → Hyperparameter search, choose Grid with learning rate 0.001, "
        "0.03, 1 and L2 λ 0, 1e-5, 1e-4, and press Start: 9 runs, but only 3 different "
        "learning rates. Then choose Random with 9 trials, learning rate 0.001 to 1 and λ "
        "1e-6 to 1e-4, and press Start: 9 different learning rates. Within 40 epochs only "
        "the learning rate matters, and the best validation error drops from 5 % (grid) to "
        "0 % (random).",
        search_lesson,
    ),
]


def build_all(out: Path = HERE) -> list[Example]:
    """Save every example and the index (in teaching order) into ``out``."""
    index = []
    for ex in EXAMPLES:
        save(ex.project(), out / ex.file)
        index.append({"file": ex.file, "title": ex.title, "claim": ex.claim})
    text = json.dumps({"examples": index}, ensure_ascii=False, indent=1) + "\n"
    atomic_write(out / INDEX, text.encode("utf-8"))
    return EXAMPLES


if __name__ == "__main__":
    for ex in build_all():
        size = (HERE / ex.file).stat().st_size / 1024
        print(f"{ex.file:32s} {size:6.1f} KB  {ex.title}")
