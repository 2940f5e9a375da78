"""The closing meeting: the site's representative hears each finding, answers, and signs.

Step 1: every finding of the site that is not a plain « conforme » is accepted or
disputed (a dispute needs the site's comment). Step 2: the representative and the
auditor sign on the pads; both signatures are kept together or not at all.
"""

from __future__ import annotations

import json
from datetime import datetime
from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditor_app import closing_meeting as meeting
from auditor_app.store import audits as audit_store
from auditor_app.store import closing
from auditor_app.store.workspace import StoreError
from ui import dialogs
from ui.i18n import core, tr
from ui.models import HeaderedTableModel
from ui.screen import row_table
from ui.session import Session
from ui.widgets.signature_pad import SignaturePad

Index = QModelIndex | QPersistentModelIndex
ROLE = Qt.ItemDataRole
RESPONSE_COLUMN = 6


class ClosingModel(HeaderedTableModel):
    """The findings presented to the site, one row each, with the site's answer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[meeting.ClosingItem] = []
        self._headers = [
            self.tr("Point"), self.tr("Canal"), self.tr("Point de contrôle"), self.tr("Verdict"),
            self.tr("Note de l'auditeur"), self.tr("Preuves"), self.tr("Réponse du site"),
        ]  # fmt: skip

    def set_items(self, items: list[meeting.ClosingItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> meeting.ClosingItem:
        return self._items[row]

    def items(self) -> list[meeting.ClosingItem]:
        return list(self._items)

    def response_text(self, response: closing.ClosingResponse | None) -> str:
        if response is None:
            return self.tr("À recueillir")
        if response.response == "accepted":
            return self.tr("Acceptée")
        return self.tr("Contestée : {0}").format(response.comment)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = ROLE.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        finding = item.finding
        if role in (ROLE.DisplayRole, ROLE.ToolTipRole, ROLE.AccessibleTextRole):
            values = [
                finding.checkpoint_code, core(item.channel_label), item.checkpoint_text,
                core(finding.verdict.label) if finding.verdict else "", finding.note,
                str(finding.evidence_count), self.response_text(item.response),
            ]  # fmt: skip
            return values[index.column()]
        if role == ROLE.TextAlignmentRole and index.column() == 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _buddy(text: str, widget: QWidget) -> QLabel:
    """A label whose mnemonic (Alt+letter) moves the focus to ``widget``."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def _wrapping_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ClosingPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = ClosingModel(self)

        self.site = QComboBox()
        self.site.setAccessibleName(self.tr("Site de la réunion de clôture"))
        self.site.setMinimumContentsLength(28)
        self.site.currentIndexChanged.connect(self._on_site_changed)
        self.representative = QLineEdit()
        self.representative.setPlaceholderText(self.tr("Nom et fonction"))
        self.representative.setAccessibleName(self.tr("Nom du représentant du site"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(_buddy(self.tr("&Site :"), self.site))
        top.addWidget(self.site, 2)
        top.addSpacing(12)
        top.addWidget(_buddy(self.tr("Représentan&t du site :"), self.representative))
        top.addWidget(self.representative, 2)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Étapes de la réunion de clôture"))
        self.tabs.addTab(self._build_findings_tab(), self.tr("&1. Constats présentés"))
        self.tabs.addTab(self._build_signing_tab(), self.tr("&2. Signatures"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        session.audit_opened.connect(self._on_session_audit_opened)
        self._show_item(None)

    def _build_findings_tab(self) -> QWidget:
        self.table = row_table(
            self.model, self.tr("Constats présentés au site"), row_height=30, stretch=2,
            widths={0: 70, 1: 120, 3: 170, 4: 220, 5: 64, 6: 190},
        )  # fmt: skip
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.heading = _wrapping_label()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.checkpoint = _wrapping_label()
        self.note = _wrapping_label()
        self.answer = _wrapping_label()
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setPlaceholderText(self.tr("Obligatoire pour contester : ce que dit le site."))
        self.comment.setAccessibleName(self.tr("Commentaire du site"))
        self.comment.setMinimumHeight(60)
        self.comment.setMaximumHeight(110)
        self.accept_button = QPushButton(self.tr("Acce&pter"))
        self.accept_button.setAccessibleName(self.tr("Le site accepte ce constat"))
        self.accept_button.clicked.connect(self._on_accept_button_clicked)
        self.dispute_button = QPushButton(self.tr("&Contester"))
        self.dispute_button.setAccessibleName(self.tr("Le site conteste ce constat"))
        self.dispute_button.clicked.connect(self._on_dispute_button_clicked)
        for button in (self.accept_button, self.dispute_button):
            button.setMinimumHeight(36)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.dispute_button)

        self.detail = detail = QWidget()
        form = QFormLayout(detail)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.heading)
        form.addRow(self.tr("Point de contrôle :"), self.checkpoint)
        form.addRow(self.tr("Note de l'auditeur :"), self.note)
        form.addRow(self.tr("Réponse actuelle :"), self.answer)
        form.addRow(_buddy(self.tr("C&ommentaire du site :"), self.comment), self.comment)
        form.addRow(buttons)

        listing = QWidget()
        listing_layout = QVBoxLayout(listing)
        listing_layout.setContentsMargins(0, 0, 0, 0)
        listing_layout.addWidget(self.table, 1)
        listing_layout.addWidget(self.empty, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(listing)
        splitter.addWidget(detail)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([300, 260])
        QWidget.setTabOrder(self.table, self.comment)
        QWidget.setTabOrder(self.comment, self.accept_button)
        QWidget.setTabOrder(self.accept_button, self.dispute_button)
        return splitter

    def _build_signing_tab(self) -> QWidget:
        # Created in keyboard order: the site's pad, the auditor's name, then their pad.
        self.representative_pad = SignaturePad(self.tr("Signature du représentant du site"))
        self.auditor = QLineEdit(self.session.ws.actor)
        self.auditor.setAccessibleName(self.tr("Nom de l'auditeur"))
        self.auditor_pad = SignaturePad(self.tr("Signature de l'auditeur"))
        self.representative_shown = QLabel()
        self.sign_button = QPushButton(self.tr("Si&gner"))
        self.sign_button.setAccessibleName(self.tr("Enregistrer les deux signatures"))
        self.sign_button.setMinimumHeight(40)
        self.sign_button.clicked.connect(self._on_sign_button_clicked)
        self.signed = _wrapping_label()
        self.signed.setTextFormat(Qt.TextFormat.RichText)
        self.signed.setAccessibleName(self.tr("Signatures et opinions divergentes du site"))
        self.signed.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        hint = QLabel(self.tr(
            "Les deux signatures sont enregistrées ensemble, avec leur heure ; "
            "un cadre vide est refusé."
        ))  # fmt: skip
        hint.setWordWrap(True)

        # One grid, so that both names and both pads line up whatever their widgets.
        tab = QWidget()
        grid = QGridLayout(tab)
        for column, title in enumerate((self.tr("Représentant du site"), self.tr("Auditeur"))):
            heading = QLabel(title)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            grid.addWidget(heading, 0, column)
        self.representative_shown.setMinimumHeight(self.auditor.sizeHint().height())
        grid.addWidget(self.representative_shown, 1, 0)
        name_row = QHBoxLayout()
        name_row.addWidget(_buddy(self.tr("&Nom :"), self.auditor))
        name_row.addWidget(self.auditor, 1)
        grid.addLayout(name_row, 1, 1)
        grid.addWidget(self.representative_pad, 2, 0)
        grid.addWidget(self.auditor_pad, 2, 1)
        actions = QHBoxLayout()
        actions.addWidget(hint, 1)
        actions.addWidget(self.sign_button)
        grid.addLayout(actions, 3, 0, 1, 2)
        grid.addWidget(self.signed, 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 3)
        grid.setRowStretch(4, 2)
        self.representative.textChanged.connect(self._on_representative_text_changed)
        self._on_representative_text_changed("")
        self.representative_pad.name_requested.connect(self._on_representative_name_requested)
        self.auditor_pad.name_requested.connect(self._on_auditor_name_requested)
        return tab

    def _write_name(self, pad: SignaturePad, name: str, who: str) -> None:
        """Sign from the keyboard: the signer's name, written on the pad."""
        answer = dialogs.ask_text(
            self, self.tr("Signer au clavier"),
            self.tr("Nom qui signe {0} (il est écrit dans le cadre) :").format(who), name,
        )  # fmt: skip
        if answer is not None and pad.write_name(answer):
            pad.setFocus()

    @Slot()
    def _on_representative_name_requested(self) -> None:
        # Left empty: the representative types their own name (Enter twice must not sign
        # for them).
        self._write_name(self.representative_pad, "", self.tr("pour le site"))

    @Slot()
    def _on_auditor_name_requested(self) -> None:
        self._write_name(self.auditor_pad, self.auditor.text().strip(), self.tr("pour l'audit"))

    # -- loading ---------------------------------------------------------------------------

    def activate(self) -> None:
        """Called when the page is shown: reload the sites, then the chosen site."""
        audit_id = self.session.audit_id
        kept = self.site.currentData()
        self.site.blockSignals(True)
        self.site.clear()
        if audit_id is not None:
            for site in audit_store.sites(self.session.ws, audit_id):
                self.site.addItem(site.name, site.id)
        self.site.setCurrentIndex(max(self.site.findData(kept), 0))
        self.site.blockSignals(False)
        self._load_site(keep_row=True)
        if not self.representative.text().strip():
            self.representative.setText(self._saved_representative())

    def site_id(self) -> str | None:
        value = self.site.currentData()
        return str(value) if value is not None else None

    def _saved_representative(self) -> str:
        site_id, audit_id = self.site_id(), self.session.audit_id
        if site_id is None or audit_id is None:
            return ""
        return meeting.representative_name(self.session.ws, audit_id, site_id)

    def _load_site(self, keep_row: bool = False) -> None:
        row = self.table.currentIndex().row() if keep_row else -1
        site_id, audit_id = self.site_id(), self.session.audit_id
        items: list[meeting.ClosingItem] = []
        problem = ""
        if site_id is not None and audit_id is not None:
            try:
                items = meeting.closing_items(self.session.ws, audit_id, site_id)
            except StoreError as exc:
                problem = core(str(exc))
        self.model.set_items(items)
        self._show_summary(problem)
        if items:
            self.table.setCurrentIndex(self.model.index(min(max(row, 0), len(items) - 1), 0))
        else:
            self._show_item(None)
        self._show_signed()

    def _show_summary(self, problem: str = "") -> None:
        items = self.model.items()
        has_items = bool(items)
        self.table.setVisible(has_items)
        self.detail.setVisible(has_items)
        self.empty.setVisible(not has_items)
        if self.site_id() is None:
            self.empty.setText(self.tr("Cet audit n'a pas de site : rien à présenter."))
        elif problem:
            self.empty.setText(problem)
        else:
            self.empty.setText(self.tr(
                "Aucun constat à présenter pour ce site : tous ses points renseignés sont "
                "conformes, ou il n'a pas encore été visité."
            ))  # fmt: skip
        waiting = meeting.awaiting_answer(items)
        disputed = sum(1 for i in items if i.response and i.response.response == "disputed")
        self.summary.setText(
            self.tr(
                "{0} constat(s) à présenter · {1} réponse(s) recueillie(s) · {2} contestation(s)"
                " · {3} en attente"
            ).format(len(items), len(items) - waiting, disputed, waiting)
        )

    def _current_item(self) -> meeting.ClosingItem | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _is_signed(self) -> bool:
        site_id, audit_id = self.site_id(), self.session.audit_id
        return bool(site_id and audit_id and closing.signed_at(self.session.ws, audit_id, site_id))

    def _show_item(self, item: meeting.ClosingItem | None) -> None:
        open_for_answers = item is not None and not self._is_signed()
        for widget in (self.comment, self.accept_button, self.dispute_button):
            widget.setEnabled(open_for_answers)
        if item is None:
            self.heading.setText(self.tr("Choisissez un constat dans la liste."))
            for label in (self.checkpoint, self.note, self.answer):
                label.clear()
            self.comment.clear()
            return
        finding = item.finding
        verdict = core(finding.verdict.label) if finding.verdict else ""
        place = f" — {core(item.channel_label)}" if item.channel_label else ""
        self.heading.setText(f"{finding.checkpoint_code} — {verdict}{place}")
        self.checkpoint.setText(item.checkpoint_text)
        evidence = self.tr("{0} preuve(s) jointe(s)").format(finding.evidence_count)
        note = finding.note or self.tr("(aucune note)")
        self.note.setText(f"{note}\n{evidence}")
        self.answer.setText(self.model.response_text(item.response))
        self.comment.setPlainText(item.response.comment if item.response else "")

    def _show_signed(self) -> None:
        site_id, audit_id = self.site_id(), self.session.audit_id
        if site_id is None or audit_id is None:
            self.signed.clear()
            return
        roles = {
            "representative": self.tr("représentant du site"),
            "auditor": self.tr("auditeur"),
            "lead": self.tr("auditeur responsable"),
        }
        signatures = meeting.site_signatures(self.session.ws, audit_id, site_id)
        lines = [
            self.tr("Signé par {0} ({1}) le {2}").format(
                escape(s["signer_name"]), roles.get(s["role"], s["role"]), _when(s["signed_at"])
            )
            for s in signatures
        ]
        pads = {"representative": self.representative_pad, "auditor": self.auditor_pad}
        for role, pad in pads.items():  # a signed meeting shows its signatures as drawn
            kept = next((s for s in signatures if s["role"] == role), None)
            if kept is not None:
                pad.show_signed(json.loads(kept["strokes"]))
            elif pad.is_read_only():
                pad.clear()
        self.sign_button.setEnabled(not lines)  # a signed meeting is closed
        self.representative.setReadOnly(bool(lines))  # the name signed with it stays
        if lines:
            self.sign_button.setToolTip(self.tr("Réunion déjà signée : ses réponses sont figées."))
        titles = self.tr("Signatures"), self.tr("Opinions divergentes")
        parts = [f"<b>{titles[0]}</b><br>"]
        parts.append("<br>".join(lines) if lines else self.tr("Pas encore signé."))
        codes = {i.finding.id: i.finding.checkpoint_code for i in self.model.items()}
        disputes = meeting.disputes(self.session.ws, audit_id, site_id)
        parts.append(f"<br><br><b>{titles[1]}</b>")
        if disputes:
            items = [
                "<li>" + escape(tr("{0} : {1}").format(codes.get(d.finding_id, ""), d.comment))
                + (f" ({escape(d.representative)})" if d.representative else "") + "</li>"
                for d in disputes
            ]  # fmt: skip
            parts.append("<ul>" + "".join(items) + "</ul>")
        else:
            parts.append("<br>" + self.tr("Aucune : le site n'a contesté aucun constat."))
        self.signed.setText("".join(parts))

    # -- answering ---------------------------------------------------------------------------

    def _respond(self, response: str) -> None:
        item = self._current_item()
        if item is None:
            return
        fid, comment = item.finding.id, self.comment.toPlainText().strip()
        name = self.representative.text().strip()
        stored = self.session.call(
            lambda: closing.set_response(self.session.ws, fid, response, comment, name),
            self.tr("Réponse non enregistrée"),
        )
        if stored is None:
            return
        self.session.data_changed()
        row = self.table.currentIndex().row()
        self._load_site(keep_row=True)
        self._go_to_next_waiting(row)

    def _go_to_next_waiting(self, after: int) -> None:
        items = self.model.items()
        order = [*range(after + 1, len(items)), *range(0, after + 1)]
        target = next((r for r in order if items[r].response is None), after)
        if items:
            self.table.setCurrentIndex(self.model.index(target, 0))

    def sign(self) -> bool:
        """Store both signatures for the site; False when refused or called off."""
        site_id, audit_id = self.site_id(), self.session.audit_id
        if site_id is None or audit_id is None:
            return False
        for pad, who in ((self.representative_pad, self.tr("du représentant du site")),
                         (self.auditor_pad, self.tr("de l'auditeur"))):  # fmt: skip
            if pad.is_empty():
                dialogs.warning(self, self.tr("Signature manquante"),
                                self.tr("La signature {0} est vide : signez dans son cadre.")
                                .format(who))  # fmt: skip
                return False
        waiting = meeting.awaiting_answer(self.model.items())
        if waiting and not dialogs.confirm(
            self, self.tr("Réponses manquantes"),
            self.tr("{0} constat(s) n'ont pas encore de réponse du site. Signer quand même ?")
            .format(waiting),
        ):  # fmt: skip
            return False
        signers = [
            meeting.Signer("representative", self.representative.text().strip(),
                           self.representative_pad.strokes(), self._png(self.representative_pad)),
            meeting.Signer("auditor", self.auditor.text().strip(), self.auditor_pad.strokes(),
                           self._png(self.auditor_pad)),
        ]  # fmt: skip
        ids = self.session.call(
            lambda: meeting.sign(self.session.ws, audit_id, site_id, signers),
            self.tr("Signature non enregistrée"),
        )
        if ids is None:
            return False
        self.session.data_changed()
        self._show_signed()
        self._show_item(self._current_item())  # answers are now closed
        return True

    @staticmethod
    def _png(pad: SignaturePad) -> bytes:
        return b"" if pad.is_empty() else pad.to_png()

    # -- handlers ----------------------------------------------------------------------------

    @Slot(str)
    def _on_session_audit_opened(self, audit_id: str) -> None:
        self.site.clear()
        self.representative.clear()

    @Slot(int)
    def _on_site_changed(self, row: int) -> None:
        self.representative.setText(self._saved_representative())
        self._load_site()

    @Slot(QModelIndex, QModelIndex)
    def _on_table_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._show_item(self.model.item(current.row()) if current.isValid() else None)

    @Slot()
    def _on_accept_button_clicked(self) -> None:
        self._respond("accepted")

    @Slot()
    def _on_dispute_button_clicked(self) -> None:
        self._respond("disputed")

    @Slot()
    def _on_sign_button_clicked(self) -> None:
        self.sign()

    @Slot(str)
    def _on_representative_text_changed(self, text: str) -> None:
        name = text.strip() or self.tr("(nom à saisir en haut de la page)")
        self.representative_shown.setText(self.tr("Nom : {0}").format(name))


def _when(stamp: str) -> str:
    """An ISO time stamp (UTC) as local « 20/11/2026 à 14:32 »."""
    try:
        moment = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return stamp
    return moment.strftime(tr("%d/%m/%Y à %H:%M"))
