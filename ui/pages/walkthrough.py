"""The walk-through: site → channel → engagement on the left, checkpoints, then the detail.

Keyboard: arrows move in the tree and the list, digits 1–7 give a verdict, N jumps to the
next unanswered checkpoint, Tab reaches the note; Ctrl+Z / Ctrl+Y undo and redo.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from auditor_app.audit.model import Finding
from auditor_app.store import audits as audit_store
from auditor_app.store import findings as finding_store
from ui.models import FindingListModel, WalkTreeModel
from ui.screen import row_table
from ui.session import Session
from ui.widgets.finding_panel import VERDICT_KEYS, FindingPanel


class WalkthroughPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tree_model = WalkTreeModel()
        self.list_model = FindingListModel()
        self._findings: dict[str, Finding] = {}
        self._places: dict[str, tuple[str, str]] = {}  # site/scheme id → (name, department)

        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Sites, canaux et engagements"))
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current_changed)

        # Tab goes on from the list to the note, as auditors expect.
        self.list = row_table(
            self.list_model, self.tr("Points de contrôle"), row_height=28, stretch=2,
            widths={0: 64, 1: 78, 3: 100, 4: 76, 5: 56}, alternating=False,
        )  # fmt: skip
        self.list.horizontalHeader().setMinimumSectionSize(40)
        self.list.selectionModel().currentRowChanged.connect(self._on_list_current_row_changed)

        self.next_button = QPushButton(self.tr("Suivant non renseigné (N)"))
        self.next_button.setAccessibleName(self.tr("Aller au prochain point non renseigné"))
        self.next_button.clicked.connect(self.next_unanswered)
        self.progress = QLabel()
        self.progress.setWordWrap(True)  # on two lines in a narrow window (125–150 % scaling)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.progress, 1)
        top.addWidget(self.next_button)
        middle_layout.addLayout(top)
        middle_layout.addWidget(self.list, 1)

        self.panel = FindingPanel(session)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setWidget(self.panel)
        scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroller.setMinimumWidth(380)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(middle)
        splitter.addWidget(scroller)
        splitter.setSizes([220, 490, 520])
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

        for verdict, key in VERDICT_KEYS.items():
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda v=verdict: self.panel.set_verdict(v))
        for key in ("N", "F3"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.next_unanswered)

        # Keyboard path: tree → list → measured value (hidden, hence skipped, when the
        # point has no measure) → note → evidence (a cycle would undo the links).
        QWidget.setTabOrder(self.tree, self.list)
        QWidget.setTabOrder(self.list, self.panel.value)
        QWidget.setTabOrder(self.panel.value, self.panel.note)
        QWidget.setTabOrder(self.panel.note, self.panel.evidence.list)
        session.audit_opened.connect(self._on_session_audit_opened)
        session.finding_changed.connect(self._on_session_finding_changed)
        self.panel.evidence.evidence_changed.connect(self._on_evidence_changed)

    # -- loading -------------------------------------------------------------------------

    @Slot(str)
    def _on_session_audit_opened(self, audit_id: str) -> None:
        ws = self.session.ws
        ref = self.session.referential()
        sites = audit_store.sites(ws, audit_id)
        schemes = audit_store.aid_schemes(ws, audit_id)
        self._places = {s.id: (s.name, s.department) for s in sites}
        self._places.update({s.id: (s.name, "") for s in schemes})
        findings = finding_store.findings(ws, audit_id)
        self._findings = {f.id: f for f in findings}
        self.tree_model.load(findings, sites, schemes, ref)
        self._ref = ref
        self._update_progress()
        last = QSettings().value(f"walkthrough/last/{audit_id}")
        if isinstance(last, str) and last in self._findings:
            self.select_finding(last)  # back where the auditor was before closing
        else:
            first = self.tree_model.index(0, 0)
            if first.isValid():
                self.tree.expand(first)
                self.tree.setCurrentIndex(first)
        self.list.setFocus()

    @Slot(QModelIndex, QModelIndex)
    def _on_tree_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        ids = self.tree_model.finding_ids(current)
        self.list_model.load([self._findings[i] for i in ids], self._ref)
        if ids:
            self.list.selectRow(0)
        else:
            self.panel.show_finding(None, None, None, None, "")

    @Slot(QModelIndex, QModelIndex)
    def _on_list_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not current.isValid():
            self.panel.show_finding(None, None, None, None, "")
            return
        finding = self.list_model.finding(current.row())
        if finding.site_id:
            self.session.current_site_id = finding.site_id
        QSettings().setValue(f"walkthrough/last/{finding.audit_id}", finding.id)
        engagement, criterion, checkpoint = self._ref.locate(finding.checkpoint_code)
        place_id = finding.site_id or finding.aid_scheme_id
        name, department = self._places.get(place_id, (self.tr("Organisation"), ""))
        self.panel.show_finding(finding, engagement, criterion, checkpoint, name, department)

    def _update_progress(self) -> None:
        answered = sum(f.verdict is not None for f in self._findings.values())
        self.progress.setText(
            self.tr("{0} / {1} points renseignés").format(answered, len(self._findings))
        )

    # -- following changes ---------------------------------------------------------------

    @Slot(str)
    def _on_session_finding_changed(self, fid: str) -> None:
        if fid not in self._findings:
            return
        finding = finding_store.get_finding(self.session.ws, fid)
        self._findings[fid] = finding
        self.list_model.update_finding(finding)
        self.tree_model.update_finding(finding)
        self._update_progress()

    @Slot(str, int)
    def _on_evidence_changed(self, fid: str, count: int) -> None:
        if fid in self._findings and self._findings[fid].evidence_count != count:
            self.session.finding_changed.emit(fid)  # the panel's warnings follow too
        focused = QApplication.focusWidget()
        if focused is not None and self.panel.evidence.isAncestorOf(focused):
            self.list.setFocus()  # back to the list after a file dialog, not while browsing

    # -- moving ----------------------------------------------------------------------------

    def current_finding(self) -> Finding | None:
        row = self.list.currentIndex().row()
        return self.list_model.finding(row) if row >= 0 else None

    @Slot()
    def next_unanswered(self) -> None:
        """The next unanswered checkpoint in the order shown: the rest of the current list
        first (the site being walked), then the following branches of the tree."""
        order = self.tree_model.finding_ids(QModelIndex())  # every finding, tree order
        current = self.current_finding()
        start = order.index(current.id) + 1 if current and current.id in order else 0
        for fid in order[start:] + order[:start]:
            if self._findings[fid].verdict is None:
                self.select_finding(fid)
                return
        self.progress.setText(self.tr("Tous les points sont renseignés."))

    def select_finding(self, fid: str) -> None:
        """Show a finding: its branch in the tree, its row in the list, its detail."""
        if fid not in self._findings:
            return
        row = self.list_model.row_of(fid)
        if row < 0:
            leaf = self.tree_model.index_of_finding(fid)
            self._collapse_left_branch(self.tree.currentIndex(), leaf)
            self.tree.setCurrentIndex(leaf)
            self.tree.scrollTo(leaf)
            row = self.list_model.row_of(fid)
        self.list.selectionModel().setCurrentIndex(
            self.list_model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.list.scrollTo(self.list_model.index(row, 0))
        self.list.setFocus()

    def _collapse_left_branch(self, previous: QModelIndex, target: QModelIndex) -> None:
        """Moving on to another site or channel folds the branch left behind, so the tree
        shows where the auditor is, not everywhere they have been."""
        ahead = []
        node = target
        while node.isValid():
            ahead.append(node)
            node = node.parent()
        behind = []
        node = previous
        while node.isValid():
            behind.append(node)
            node = node.parent()
        for index in reversed(behind):  # the highest ancestor not shared with the target
            if index not in ahead:
                self.tree.collapse(index)
                return

    def activate(self) -> None:
        self.list.setFocus()

    def flush(self) -> None:
        self.panel.flush()
