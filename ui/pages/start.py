"""Placeholder until the page lands (being written in this session)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.session import Session


class StartPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        QVBoxLayout(self).addWidget(QLabel("StartPage"))

    def select_finding(self, fid: str) -> None:
        pass
