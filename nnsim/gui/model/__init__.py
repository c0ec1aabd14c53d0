"""The session that owns the project document and drives live training and search."""
