"""The hyperparameter search dialog and its results table and plot."""
