"""The open workspace and audit, shared by every page, and the one place core calls fail.

Pages call the core through :meth:`Session.call`, which turns a core error (locked
workspace, full disk, refused photo) into a plain French message, and which announces
each successful change so that the "saved" indicator and the other pages follow.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from auditor_app.audit.model import Audit, Finding
from auditor_app.audit.verdicts import Verdict
from auditor_app.referential.loader import ReferentialError
from auditor_app.referential.model import Referential
from auditor_app.store import audits as audit_store
from auditor_app.store import findings as finding_store
from auditor_app.store.blobs import EvidenceError
from auditor_app.store.workspace import StoreError, Workspace
from ui import dialogs
from ui.i18n import core

T = TypeVar("T")
UNSET: Any = finding_store._UNSET


class Session(QObject):
    audit_opened = Signal(str)
    finding_changed = Signal(str)  # a finding id
    audit_data_changed = Signal()  # sites, tests, surveys, responses…
    saved = Signal(str)  # "hh:mm:ss"
    failed = Signal(str)
    show_finding_requested = Signal(str)  # a finding id: open it in the walk-through

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.audit_id: str | None = None
        self.current_site_id = ""  # the site being walked: other screens start from it
        self.undo_stack = QUndoStack(self)
        self.dialog_parent: QWidget | None = None

    # -- the open audit -------------------------------------------------------------

    def open_audit(self, audit_id: str) -> None:
        self.audit_id = audit_id
        self.current_site_id = ""
        self.undo_stack.clear()
        self.audit_opened.emit(audit_id)

    def audit(self) -> Audit:
        assert self.audit_id is not None
        return audit_store.get_audit(self.ws, self.audit_id)

    def referential(self) -> Referential:
        return audit_store.referential(self.ws, self.audit().referential_key)

    # -- calling the core -------------------------------------------------------------

    def call(self, action: Callable[[], T], title: str = "") -> T | None:
        """Run a core call; on a known failure show it plainly and return None."""
        try:
            result = action()
        except (StoreError, EvidenceError, ReferentialError, OSError) as exc:
            message = core(str(exc))
            self.failed.emit(message)
            dialogs.error(
                self.dialog_parent,
                title or self.tr("Action impossible"),
                message + "\n\n" + self.tr("Vos saisies précédentes sont intactes."),
            )
            return None
        self.saved.emit(datetime.now().strftime("%H:%M:%S"))
        return result

    def update_finding(
        self,
        fid: str,
        *,
        verdict: Verdict | None = UNSET,
        measured_value: float | None = UNSET,
        note: str = UNSET,
    ) -> Finding | None:
        # Passed on as given: the core changes only the fields that are not UNSET.
        result = self.call(
            lambda: finding_store.update_finding(
                self.ws, fid, verdict=verdict, measured_value=measured_value, note=note
            )
        )
        if result is not None:
            self.finding_changed.emit(fid)
        return result

    def show_finding(self, fid: str) -> None:
        self.show_finding_requested.emit(fid)

    def data_changed(self) -> None:
        self.audit_data_changed.emit()
