"""The text of an exported PyTorch script, with ``@@NAME@@`` slots that
`nnsim.project.export.torch_script` fills in.

The script is for a student who leaves the simulator with their network: it must read
like the lecture and run with torch alone. So it repeats nnsim's mathematics in torch
(autograd computes the gradient the lecture derives by hand) instead of importing it,
and every rule that decides a number (the floor under ln, the L1 clip, the schedule's
counting of epochs) is written out where it applies.
"""

TEMPLATE = '''\
#!/usr/bin/env python3
"""@@TITLE@@: a neural network exported from nnsim, as a plain PyTorch script.

Its only dependency is torch. The network is written in the lecture's notation:

    a^(k) = b^(k) + W^(k) h^(k-1),    h^(k) = g(a^(k)),    f(x) = o(a^(L+1))

where layer k is an nn.Linear whose .weight is W^(k), shape (H_k, H_{k-1}), and whose
.bias is b^(k), shape (H_k,). The trained weights and the data are at the end of the file.

    python @@FILE@@                  loss and error of each split as one JSON object,
                                     with the keys of `nnsim evaluate --json`
    python @@FILE@@ --train          continue training with nnsim's SGD, momentum,
                                     regularization, schedule and stop rules, then print
                                     the same JSON (--epochs N: N more epochs instead
                                     of up to the project's epoch limit,
                                     --save FILE.pt: keep the weights)
    python @@FILE@@ --step I         one SGD update on the single point I, the update
                                     `nnsim trace --sample I` shows

Training here draws its mini-batches with torch's random generator, not numpy's, so
after the first shuffle it visits the points in another order than nnsim does; with
full-batch training (batch size >= training points) the two agree step for step.
"""

import argparse
import json
import math
import sys

import torch
from torch import nn

DTYPE = torch.@@DTYPE@@  # the precision nnsim trained in


# -------------------------------------------------------------------------- inputs
def features(X):
    """h^(0): the input features of the raw points X, shape (n, @@N_RAW@@) -> (n, H_0).

    Computed in float64 and only then rounded to DTYPE, as nnsim does.
    """
    columns = [
@@FEATURE_LINES@@
    ]
    return torch.stack(columns, dim=1).to(DTYPE)


def targets(y):
    """The target matrix Y, one row per point: @@TARGET_DOC@@."""
@@TARGET_CODE@@


# -------------------------------------------------------------------------- the network
# g of the hidden layers: the lecture's activations
HIDDEN_G = {
    "linear": lambda a: a,  # g(a) = a
    "sigmoid": torch.sigmoid,  # g(a) = 1 / (1 + e^(-a))
    "tanh": torch.tanh,  # g(a) = (e^(2a) - 1) / (e^(2a) + 1)
    "relu": torch.relu,  # g(a) = max(0, a)
}


def output(a):
    """f(x) = o(a^(L+1)), @@OUTPUT_DOC@@."""
    return @@OUTPUT_EXPR@@


class Network(nn.Module):
    """A fully connected network of SIZES = [H_0, H_1, ..., H_L, H_{L+1}]."""

    def __init__(self, sizes, activations):
        super().__init__()
        # self.layers[k - 1] is layer k: .weight = W^(k) (H_k, H_{k-1}), .bias = b^(k) (H_k,)
        self.layers = nn.ModuleList(
            nn.Linear(fan_in, fan_out, dtype=DTYPE) for fan_in, fan_out in zip(sizes, sizes[1:])
        )
        self.g = [HIDDEN_G[name] for name in activations]  # g of hidden layer k is g[k - 1]

    def forward(self, x):
        h = x  # h^(0) = x, one row per point
        for k, layer in enumerate(self.layers, start=1):
            a = layer(h)  # a^(k) = b^(k) + W^(k) h^(k-1)   (rows: A = H W^T + b)
            if k < len(self.layers):
                h = self.g[k - 1](a)  # h^(k) = g(a^(k))
        return output(a)  # f(x) = o(a^(L+1))


# nnsim floors f at the smallest normal number of its precision, so that ln never sees 0.
TINY = torch.finfo(DTYPE).tiny


def loss_per_point(f, Y):
    """@@LOSS_DOC@@, one value per row."""
@@LOSS_CODE@@


def predicted_class(f):
    """The class with the highest f(x)_c; a single output means class 1 if f(x) >= 0.5."""
    if f.shape[1] == 1:
        return (f[:, 0] >= 0.5).long()
    return f.argmax(dim=1)


# -------------------------------------------------------------------------- measuring
def measure(net, X, Y, y):
    """Loss and error of one split, as `nnsim evaluate --json` reports them."""
    n = len(X)
    entry = {"n": n}
    with torch.no_grad():
        f = net(X)
        entry["loss"] = finite(loss_per_point(f, Y).mean().item()) if n else None
        if TASK == "classification":
            error = (predicted_class(f) != y).double().mean().item() if n else math.nan
            entry["error"] = finite(error)
            entry["accuracy"] = finite(1.0 - error)
            confusion = torch.zeros(N_CLASSES, N_CLASSES, dtype=torch.long)
            confusion.index_put_((y, predicted_class(f)), torch.ones(n, dtype=torch.long), True)
            entry["confusion"] = confusion.tolist()  # [i][j]: true class i predicted as j
        else:
            entry["mse"] = finite(((f - Y) ** 2).mean().item()) if n else None
    return entry


def finite(x):
    return x if math.isfinite(x) else None


def evaluate(net, data):
    """{"train": ..., "validation": ..., "test": ...}: loss and error of every split."""
    return {name: measure(net, *data[name]) for name in ("train", "validation", "test")}


def error_of(entry):
    """The error a split is judged by: error rate for classes, MSE for regression."""
    value = entry["error"] if TASK == "classification" else entry["mse"]
    return math.nan if value is None else value


# -------------------------------------------------------------------------- training
def learning_rate(epoch):
    """alpha_t for the 1-based epoch being trained: alpha for the first constant epochs,
    then @@SCHEDULE_DOC@@ with t counting the decaying epochs from 1."""
    alpha = HYPER["learning_rate"]
    t = epoch - HYPER["constant_epochs"]
    if t <= 0:
        return alpha
    return @@SCHEDULE_EXPR@@


class LectureSGD:
    """theta <- theta - alpha_t v with momentum v = grad + beta v_prev (beta = 0: plain SGD).

    grad is the mean mini-batch gradient plus the regularizer's, on weights only:
    L2 lambda ||W||^2 adds 2 lambda W, L1 lambda sum|W| adds lambda sign(W), and an L1
    step that carries a weight across zero sets it to exactly 0. (torch.optim.SGD has
    the same momentum but neither the L1 clip nor a penalty on weights only.)
    """

    def __init__(self, net, velocity=None):
        self.beta = HYPER["momentum"]
        self.kind = HYPER["regularization"]
        self.lam = HYPER["reg_lambda"] if self.kind != "none" else 0.0
        self.params = []  # (parameter, is a weight, its velocity v)
        for k, layer in enumerate(net.layers):
            v_W, v_b = velocity[k] if velocity else (None, None)
            self.params.append((layer.weight, True, self._tensor(v_W, layer.weight)))
            if HYPER["train_biases"]:  # False: the biases stay as they are
                self.params.append((layer.bias, False, self._tensor(v_b, layer.bias)))

    @staticmethod
    def _tensor(values, like):
        return torch.zeros_like(like) if values is None else torch.tensor(values, dtype=DTYPE)

    @torch.no_grad()
    def step(self, lr):
        """One update from the gradients that loss.backward() left in .grad."""
        for p, is_weight, v in self.params:
            g = p.grad
            if is_weight and self.lam > 0 and self.kind == "l2":
                g = g + (2.0 * self.lam) * p  # grad of lambda ||W||^2
            elif is_weight and self.lam > 0 and self.kind == "l1":
                g = g + self.lam * torch.sign(p)  # grad of lambda sum|W|
            if self.beta:
                v.mul_(self.beta).add_(g)  # v = grad + beta v_prev
                g = v
            clip = is_weight and self.lam > 0 and self.kind == "l1"
            before = torch.sign(p) if clip else None
            p.sub_(g * lr)  # theta <- theta - alpha_t v
            if clip:  # a weight that crossed zero stops at exactly 0
                p[(before != 0) & (torch.sign(p) == -before)] = 0.0


def gradient(net, X, Y):
    """Mean loss of a batch; its gradient lands in every parameter's .grad."""
    net.zero_grad()
    loss = loss_per_point(net(X), Y).mean()
    loss.backward()  # autograd: grad a^(L+1) = f(x) - y, then back through every layer
    return loss.item()


def train(net, data, epochs):
    """Mini-batch SGD from epoch EPOCH + 1 until a stop rule.

    Returns the reason (nnsim's stop reasons) and the number of epochs trained in all.
    Early stopping's patience counts from the epoch this script starts at.
    """
    X, Y, _ = data["train"]
    optimizer = LectureSGD(net, VELOCITY)
    shuffle = torch.Generator().manual_seed(HYPER["seed"])
    best = (math.inf, math.inf)
    best_weights, bad_epochs = None, 0
    last_good = [p.detach().clone() for p in net.parameters()]
    last = EPOCH + epochs if epochs else HYPER["max_epochs"]  # the last epoch to train
    for epoch in range(EPOCH + 1, last + 1):
        lr = learning_rate(epoch)
        order = torch.randperm(len(X), generator=shuffle)
        for start in range(0, len(X), HYPER["batch_size"]):
            rows = order[start : start + HYPER["batch_size"]]
            gradient(net, X[rows], Y[rows])
            optimizer.step(lr)
        # the end of an epoch: nnsim's stop rules, on the whole training set
        metrics = evaluate(net, data)
        train_loss = metrics["train"]["loss"]
        if train_loss is None or not all(p.isfinite().all() for p in net.parameters()):
            load_weights(net, last_good)  # diverged: keep the last finite weights
            return "diverged", epoch
        last_good = [p.detach().clone() for p in net.parameters()]
        if HYPER["early_stopping"] and metrics["validation"]["n"]:
            key = (error_of(metrics["validation"]), metrics["validation"]["loss"])
            if key < best:
                best, best_weights, bad_epochs = key, last_good, 0
            else:
                bad_epochs += 1
                if bad_epochs >= HYPER["patience"]:
                    load_weights(net, best_weights)  # restore the best epoch's weights
                    return "early_stopping", epoch
        if 0 < HYPER["target_loss"] and train_loss <= HYPER["target_loss"]:
            return "target_loss", epoch
    return "max_epochs", max(last, EPOCH)


def load_weights(net, tensors):
    with torch.no_grad():
        for p, value in zip(net.parameters(), tensors):
            p.copy_(value)


def one_step(net, inputs, Y, i):
    """One SGD update on the single point i, reported like `nnsim trace --json`."""
    x, y = inputs[i : i + 1], Y[i : i + 1]
    lr = learning_rate(EPOCH + 1)
    loss = gradient(net, x, y)
    data_grads = [(layer.weight.grad.tolist(), layer.bias.grad.tolist()) for layer in net.layers]
    LectureSGD(net, VELOCITY).step(lr)
    with torch.no_grad():
        loss_after = loss_per_point(net(x), y).mean().item()
    update = [
        {"k": k, "W_data": gW, "b_data": gb, "W_new": layer.weight.tolist(),
         "b_new": layer.bias.tolist()}
        for k, (layer, (gW, gb)) in enumerate(zip(net.layers, data_grads), start=1)
    ]  # fmt: skip
    return {"sample": i, "learning_rate": lr, "loss": loss, "loss_after": loss_after,
            "update": update}  # fmt: skip


# -------------------------------------------------------------------------- running it
def build():
    """The network with the trained weights, and the data split as nnsim split it."""
    net = Network(SIZES, ACTIVATIONS)
    load_weights(net, [torch.tensor(t, dtype=DTYPE) for layer in WEIGHTS for t in layer])
    inputs = features(torch.tensor(X_RAW, dtype=torch.float64).reshape(len(SPLIT), -1))
    y = torch.tensor(Y_RAW, dtype=@@Y_DTYPE@@)
    Y = targets(y)
    split = torch.tensor(SPLIT)
    data = {
        name: (inputs[split == code], Y[split == code], y[split == code])
        for code, name in enumerate(("train", "validation", "test"))
    }
    return net, inputs, Y, data


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\\n")[0])
    parser.add_argument("--train", action="store_true", help="continue training first")
    parser.add_argument("--epochs", type=int, help="with --train: this many more epochs")
    parser.add_argument("--save", help="with --train: save the weights (torch.save)")
    parser.add_argument("--step", type=int, metavar="I", help="one SGD update on point I")
    args = parser.parse_args()
    net, inputs, Y, data = build()
    if args.step is not None:
        print(json.dumps(one_step(net, inputs, Y, args.step), indent=1))
        return
    epoch = EPOCH
    if args.train:
        reason, epoch = train(net, data, args.epochs)
        print(f"stopped at epoch {epoch}: {reason}", file=sys.stderr)
        if args.save:
            torch.save(net.state_dict(), args.save)
    print(json.dumps({"task": TASK, "epoch": epoch, "metrics": evaluate(net, data)}, indent=1))


# -------------------------------------------------------------------------- the project
# fmt: off
TASK = "@@TASK@@"
N_CLASSES = @@N_CLASSES@@
SIZES = @@SIZES@@  # [H_0 (features), H_1 .. H_L (hidden), H_{L+1} (outputs)]
ACTIVATIONS = @@ACTIVATIONS@@  # g of each hidden layer
HYPER = {
@@HYPER@@
}
EPOCH = @@EPOCH@@  # epochs trained so far: training goes on with epoch EPOCH + 1

# (W^(k), b^(k)) for k = 1 .. L+1, the weights nnsim trained
WEIGHTS = [
@@WEIGHTS@@
]
# the optimizer's velocity v per layer, in the same layout (None: not trained yet)
VELOCITY = @@VELOCITY@@

# the raw points, their @@Y_WHAT@@, and the split: 0 train, 1 validation, 2 test
X_RAW = [
@@X_RAW@@
]
Y_RAW = [
@@Y_RAW@@
]
SPLIT = [
@@SPLIT@@
]
# fmt: on

if __name__ == "__main__":
    main()
'''
