"""The stepper's plan and stages as records in the lecture's notation: no prose, no Qt.

``plan`` computes every number of one update with the engine; ``stages`` orders the
stages built by ``forward``, ``backward`` and ``update`` (through ``writer``); ``records``
defines the stage and ledger-row records; ``notation`` writes numbers, subscripts and
matrices; ``entry_check`` is the per-entry gradient check. The GUI words the records.
"""
