import dataclasses

from nnsim.core.hyper import Hyperparameters
from nnsim.project import new_project


def small_project(**hyper):
    """A fast project: 60 circle points, one hidden layer of 3, batches of 8."""
    hp = Hyperparameters(**{"batch_size": 8, "max_epochs": 3, "momentum": 0.9, **hyper})
    return new_project("circle", n=60, seed=1, hidden=(3,), hyper=hp, title="small")


def trained(project, epochs=None):
    """``project`` trained to a stop rule (or ``epochs`` as the epoch limit)."""
    if epochs is not None:
        project = dataclasses.replace(project, hyper=project.hyper.with_changes(max_epochs=epochs))
    net, trainer = project.make_trainer()
    trainer.train()
    return project.with_training(net, trainer)
