"""Child processes for training and search, and the messages they exchange with the window."""
