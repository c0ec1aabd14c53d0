"""Small Qt helpers shared by every part of the window: style, translations."""
