"""The side panels: data, network editor, hyperparameters."""
