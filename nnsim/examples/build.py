"""Build the shipped examples: one small project per claim of the lecture.

Run ``python -m nnsim.examples.build`` from the repository root: it rewrites the example
files and ``index.json`` beside this module (the package's data, the only copy). Every
example is made from fixed seeds (`nnsim.examples.lessons`), so running it again gives
byte-identical files. The projects are saved untrained (weights initialized, no history):
the student presses Play and watches the claim happen with the saved hyperparameters.
``index.json`` lists them in the lecture's order; ``tests/test_examples.py`` trains every
one and checks its claim numerically.
"""

from __future__ import annotations

import json
from pathlib import Path

from nnsim.examples import INDEX
from nnsim.examples.lessons import (
    SPIRAL_SIN,
    Example,
    blobs,
    circle_init,
    deep,
    momentum,
    noisy_small,
    regularized,
    schedule,
    search_lesson,
    sine,
    spiral,
    xor,
)
from nnsim.project import save
from nnsim.project.io import atomic_write

HERE = Path(__file__).resolve().parent

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


if __name__ == "__main__":  # python -m nnsim.examples.build
    for ex in build_all():
        size = (HERE / ex.file).stat().st_size / 1024
        print(f"{ex.file:32s} {size:6.1f} KB  {ex.title}")
