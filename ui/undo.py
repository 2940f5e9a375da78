"""Undo and redo of finding edits: each step goes through the core, so it is journalled."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from ui.session import Session

_NOTE_MERGE_ID = 1


class FindingEdit(QUndoCommand):
    """Set one field of a finding; undo sets the old value back (a new journal entry)."""

    def __init__(self, session: Session, fid: str, field: str, old: Any, new: Any, text: str):
        super().__init__(text)
        self.session, self.fid, self.field = session, fid, field
        self.old, self.new = old, new
        self.done_once = False

    def redo(self) -> None:
        if self.session.update_finding(self.fid, **{self.field: self.new}) is None:
            self.setObsolete(True)  # a refused change leaves nothing to undo
        elif self.done_once:
            self.session.show_finding(self.fid)  # a redo shows what it changed
        self.done_once = True

    def undo(self) -> None:
        self.session.update_finding(self.fid, **{self.field: self.old})
        self.session.show_finding(self.fid)  # never undo something out of sight

    def id(self) -> int:
        return _NOTE_MERGE_ID if self.field == "note" else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Successive note commits of one finding undo as one step.
        if not isinstance(other, FindingEdit) or (other.fid, other.field) != (self.fid, "note"):
            return False
        self.new = other.new
        return True
