"""The stepper's plan and stages as records in the lecture's notation: no prose, no Qt."""
