"""The search dialog's cluster field: an empty field trains on this computer's processes,
a scheduler address (``tcp://HOST:8786``) trains on that Dask cluster's workers."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit, QSpinBox

from nnsim.runtime.cluster import NO_WORKERS, NOT_INSTALLED, ClusterError

CONTEXT = "ClusterField"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class ClusterField(QLineEdit):
    """Where the trials run; the local process count only applies when it is empty."""

    def __init__(self, workers: QSpinBox, parent=None):
        super().__init__(parent)
        self.workers = workers
        self.setPlaceholderText(_tr("empty: this computer"))
        self.setToolTip(
            _tr(
                "Address of a Dask scheduler, e.g. tcp://lab-server:8786, to train the "
                "trials on the lab's machines (each needs nnsim and Dask: "
                "pip install nnsim[cluster]); same results as on this computer"
            )
        )
        self.textChanged.connect(self._changed)

    def address(self) -> str:
        return self.text().strip()

    def _changed(self, *_) -> None:
        self.workers.setEnabled(not self.address())


def cluster_error_text(e: ClusterError) -> str:
    """The window's wording of why the cluster cannot run the search."""
    if e.reason == NOT_INSTALLED:
        return _tr("Searching on a cluster needs Dask: pip install nnsim[cluster]")
    if e.reason == NO_WORKERS:
        return _tr("The Dask scheduler at {address} has no workers.").format(address=e.address)
    return _tr("Cannot reach the Dask scheduler at {address}.").format(address=e.address)
