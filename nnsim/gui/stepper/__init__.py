"""Backpropagation step by step: the stepper window and its diagram."""
