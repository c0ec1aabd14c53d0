"""The main window and what frames it: actions, files, welcome, tour, teacher and
presentation modes."""
