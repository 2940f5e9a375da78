"""Mystery tests: the list of calls, e-mails, letters and visits, the form that logs one
with a stopwatch, a ring counter or dates, and the verdicts a saved test proposes.

A proposal reaches a finding only when the auditor presses « Appliquer au constat ».
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from auditor_app.audit.calendar import ALSACE_MOSELLE_DEPARTMENTS
from auditor_app.audit.measures import format_number, format_value
from auditor_app.audit.model import Finding, MysteryTest, Site
from auditor_app.audit.mystery import (
    KIND_CHANNELS,
    TestProposal,
    applied_note,
    channel_of,
    holidays_in_delay,
    measures_of_test,
    problems_of_test,
    propose_for_test,
)
from auditor_app.audit.verdicts import VERDICT_LABELS, Verdict
from auditor_app.referential.model import CHANNEL_LABELS, Referential, Unit
from auditor_app.store import audits as audit_store
from auditor_app.store import findings as finding_store
from auditor_app.store import observations
from ui import dialogs
from ui.i18n import core, interface_locale, singular, tr
from ui.models import HeaderedTableModel
from ui.session import Session
from ui.widgets.ring_counter import RingCounter
from ui.widgets.stopwatch import Stopwatch, format_elapsed

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class TestRow:
    """A test as the list shows it: its site, what it measured, what it proposes."""

    __test__ = False

    test: MysteryTest
    site: Site | None
    measures: dict[str, float]
    proposals: list[TestProposal]


DRAFT_KEEP_MS = 1000
_DRAFT_DATES = ("sent_on", "acknowledged_on", "replied_on")


def draft_text(test: MysteryTest) -> str:
    """A test being entered, as JSON (kept in the settings until it is saved)."""
    return json.dumps(asdict(test), default=str, ensure_ascii=False, sort_keys=True)


def draft_from_text(text: str) -> MysteryTest | None:
    try:
        data = json.loads(text)
        for name in _DRAFT_DATES:
            data[name] = date.fromisoformat(data[name]) if data.get(name) else None
        return MysteryTest(**data)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None  # written by another version: not worth an error


def build_rows(tests: list[MysteryTest], sites: dict[str, Site], ref: Referential) -> list[TestRow]:
    rows = []
    for test in tests:
        site = sites.get(test.site_id)
        department = site.department if site else ""
        rows.append(TestRow(test, site, measures_of_test(test, department),
                            propose_for_test(test, ref, department)))  # fmt: skip
    return rows


def _days(value: float, short: bool) -> str:
    if not short:
        return core(format_value(value, Unit.WORKING_DAYS))
    text = tr("{0} j. ouvré") if singular(value) else tr("{0} j. ouvrés")
    return text.format(format_number(value))


def key_figure(row: TestRow, short: bool = True) -> str:
    """The figure that matters for the test's kind (abbreviated for the list)."""
    m = row.measures
    parts = []
    if "rings" in m:
        parts.append(core(format_value(m["rings"], Unit.RINGS)))
    if "wait_seconds" in m:
        parts.append(tr("attente {0}").format(format_elapsed(m["wait_seconds"])))
    for prefix, label in (("reply", tr("réponse en")), ("acknowledgement", tr("accusé en"))):
        if f"{prefix}_working_days" in m:
            calendar = m[f"{prefix}_calendar_days"]
            parts.append(tr("{0} {1} ({2})").format(
                label, _days(m[f"{prefix}_working_days"], short),
                tr("{0} j.").format(format_number(calendar)) if short
                else core(format_value(calendar, Unit.CALENDAR_DAYS)) + tr(" au calendrier"),
            ))  # fmt: skip
            break
    else:
        if row.test.kind in ("email", "letter"):
            parts.append(tr("pas encore de réponse"))
    text = ", ".join(parts)
    return text[:1].upper() + text[1:] if text else "—"


def verdict_summary(row: TestRow) -> str:
    short = {Verdict.CONFORME: tr("Conforme"), Verdict.NC_MINEURE: tr("NC mineure")}
    missed = [p for p in row.proposals if not p.proposal.met]
    if missed:
        codes = ", ".join(p.checkpoint_code for p in missed)
        verdict = missed[0].proposal.verdict
        return f"✖ {short.get(verdict, core(VERDICT_LABELS[verdict]))} ({codes})"
    if row.proposals:
        verdict = row.proposals[0].proposal.verdict
        return f"✔ {short.get(verdict, core(VERDICT_LABELS[verdict]))}"
    return "—"


def kind_labels() -> dict[str, str]:
    return {
        "call": tr("Appel"), "email": tr("Courriel"), "letter": tr("Courrier"),
        "visit": tr("Visite"), "website": tr("Site internet"),
    }  # fmt: skip


class OptionalDate(QObject):
    """A date that may be absent: a check box (the form label) says whether it counts."""

    edited = Signal()

    def __init__(self, text: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(text)
        self.check.setAccessibleName(text)
        self.check.setMinimumHeight(36)
        self.edit = QDateEdit()
        self.edit.setDisplayFormat("dd/MM/yyyy")
        self.edit.setCalendarPopup(True)
        self.edit.setLocale(interface_locale())
        self.edit.setAccessibleName(self.tr("{0} : date").format(text))
        self.edit.setMinimumHeight(36)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self._on_check_toggled)
        self.edit.dateChanged.connect(self._on_edit_date_changed)

    def value(self) -> date | None:
        if not self.check.isChecked():
            return None
        day = self.edit.date()
        return date(day.year(), day.month(), day.day())

    def set_value(self, day: date | None, default: date) -> None:
        self.check.setChecked(day is not None)
        shown = day or default
        self.edit.setDate(QDate(shown.year, shown.month, shown.day))

    @Slot(bool)
    def _on_check_toggled(self, checked: bool) -> None:
        self.edit.setEnabled(checked)
        self.edited.emit()

    @Slot(QDate)
    def _on_edit_date_changed(self, day: QDate) -> None:
        if self.check.isChecked():
            self.edited.emit()


class MysteryTestForm(QGroupBox):
    """Logs one test; shows only what its kind measures, and the delays as they are typed."""

    save_requested = Signal()
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editing: MysteryTest | None = None
        self._snapshot: MysteryTest | None = None
        self._restored = False  # shows a test kept from an earlier session: to be saved
        self._sites: list[Site] = []
        self._loading = False

        self.kind_combo = QComboBox()
        for kind, label in kind_labels().items():
            self.kind_combo.addItem(label, kind)
        self.kind_combo.setAccessibleName(self.tr("Type de test"))
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_changed)
        self.site_combo = QComboBox()
        self.site_combo.setAccessibleName(self.tr("Site testé"))
        self.site_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.site_combo.setMinimumContentsLength(16)
        self.site_combo.currentIndexChanged.connect(self._on_field_edited)
        self.channel_combo = QComboBox()
        for channel, label in CHANNEL_LABELS.items():
            self.channel_combo.addItem(core(label), channel.value)
        self.channel_combo.setAccessibleName(self.tr("Canal testé"))
        self.performed_edit = QDateTimeEdit()
        self.performed_edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.performed_edit.setCalendarPopup(True)
        self.performed_edit.setAccessibleName(self.tr("Date et heure du test"))
        for field in (self.kind_combo, self.site_combo, self.channel_combo, self.performed_edit):
            field.setMinimumHeight(36)  # a finger's width on a touch screen

        self.stopwatch = Stopwatch(shortcut="F5")
        self.stopwatch.setAccessibleName(self.tr("Chronomètre du temps d'attente"))
        self.ring_counter = RingCounter(shortcut="+")
        self.ring_counter.setAccessibleName(self.tr("Compteur de sonneries"))
        self.reached_check = QCheckBox(self.tr("Répondu par un agent"))
        self.identified_check = QCheckBox(self.tr("Agent identifié (nom ou service)"))
        self.correct_check = QCheckBox(self.tr("Réponse exacte sur le fond"))
        for check in (self.reached_check, self.identified_check, self.correct_check):
            check.setAccessibleName(check.text())
            check.setMinimumHeight(30)
        self.sent_date = OptionalDate(self.tr("Envoyé le"), self)
        self.ack_date = OptionalDate(self.tr("Accusé de réception le"), self)
        self.reply_date = OptionalDate(self.tr("Réponse reçue le"), self)
        for optional in (self.sent_date, self.ack_date, self.reply_date):
            optional.edited.connect(self._on_field_edited)
        self.delay_label = QLabel()
        self.delay_label.setWordWrap(True)
        self.delay_label.setAccessibleName(self.tr("Délais calculés"))
        self.delay_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName(self.tr("Note sur le test"))
        self.note_edit.setPlaceholderText(self.tr("Ce qui s'est passé, mot pour mot si utile."))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 4 + 14)

        self.save_button = QPushButton(self.tr("Enregistrer le test"))
        self.save_button.setAccessibleName(self.tr("Enregistrer le test mystère"))
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setToolTip(self.tr("Enregistrer (Ctrl+S)"))
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.new_button = QPushButton(self.tr("Nouveau test"))
        self.new_button.setAccessibleName(self.tr("Commencer un nouveau test mystère"))
        self.new_button.clicked.connect(self._on_new_button_clicked)
        for button in (self.save_button, self.new_button):
            button.setMinimumHeight(44)

        self.fields = QFormLayout()
        self.fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, field in ((self.tr("&Type"), self.kind_combo),
                            (self.tr("&Site"), self.site_combo),
                            (self.tr("&Canal"), self.channel_combo),
                            (self.tr("Réalisé &le"), self.performed_edit)):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(field)
            label.setMinimumHeight(36)  # as tall as its field: the text stays level with it
            self.fields.addRow(label, field)
        self.wait_label = QLabel()
        self.fields.addRow(self.wait_label, self.stopwatch)
        self.fields.addRow(self.tr("Sonneries"), self.ring_counter)
        for optional in (self.sent_date, self.ack_date, self.reply_date):
            self.fields.addRow(optional.check, optional.edit)
        self.fields.addRow(self.delay_label)
        self.fields.addRow("", self.reached_check)
        self.fields.addRow("", self.identified_check)
        self.fields.addRow("", self.correct_check)
        self.fields.addRow(self.tr("&Note"), self.note_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.fields)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._show_kind()

    # -- API -----------------------------------------------------------------------------

    def editing_id(self) -> str:
        return self._editing.id if self._editing else ""

    def set_sites(self, sites: list[Site]) -> None:
        """Offer these sites, keeping the one chosen."""
        chosen = self.site_combo.currentData()
        self._sites = list(sites)
        self._loading = True
        self.site_combo.clear()
        for site in sites:
            label = f"{site.name} ({site.department})" if site.department else site.name
            self.site_combo.addItem(label, site.id)
        self.site_combo.addItem(self.tr("Aucun site (organisation)"), "")
        found = self.site_combo.findData(chosen)
        self.site_combo.setCurrentIndex(max(0, found))
        self._loading = False
        self._show_delays()

    def load(self, test: MysteryTest | None, sites: list[Site]) -> None:
        """Show ``test`` for correction, or an empty form for a new test."""
        self._editing = test
        self._loading = True
        self.set_sites(sites)
        today = date.today()
        if test is None:
            # The site chosen last stays: tests come in series, site by site.
            self.setTitle(self.tr("Nouveau test mystère"))
            self.kind_combo.setCurrentIndex(0)
            self.performed_edit.setDateTime(QDateTime.currentDateTime())
            test = MysteryTest(id="", audit_id="", kind="call")
        else:
            self.setTitle(self.tr("Test mystère du {0} — correction").format(
                self._when(test.performed_at)))  # fmt: skip
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(test.kind)))
            stamp = QDateTime.fromString(test.performed_at, Qt.DateFormat.ISODate)
            valid = stamp.isValid()
            self.performed_edit.setDateTime(stamp if valid else QDateTime.currentDateTime())
            self.site_combo.setCurrentIndex(max(0, self.site_combo.findData(test.site_id)))
        self.channel_combo.setCurrentIndex(max(0, self.channel_combo.findData(channel_of(test))))
        self.stopwatch.set_value(test.wait_seconds)
        self.ring_counter.set_value(test.rings)
        self.reached_check.setChecked(bool(test.reached_agent))
        self.identified_check.setChecked(bool(test.agent_identified))
        self.correct_check.setChecked(bool(test.answer_correct))
        self.sent_date.set_value(test.sent_on, today)
        self.ack_date.set_value(test.acknowledged_on, today)
        self.reply_date.set_value(test.replied_on, today)
        self.note_edit.setPlainText(test.note)
        self._loading = False
        self._show_kind()
        self._snapshot = self.draft("", stop=False)
        self._restored = False

    def mark_unmodified(self) -> None:
        """What the form holds now counts as its starting point (nothing to save)."""
        self._snapshot = self.draft("", stop=False)
        self._restored = False

    def is_modified(self) -> bool:
        """Whether the form holds something not saved yet (a running stopwatch counts)."""
        return (
            self._restored
            or self.stopwatch.is_running()
            or self.draft("", stop=False) != self._snapshot
        )

    def restore(self, test: MysteryTest, sites: list[Site]) -> None:
        """Show a test being entered when the app stopped: its fields, still to be saved."""
        self.load(test, sites)
        if not test.id:
            self._editing = None
        self.setTitle(self.tr("Test mystère repris — pas encore enregistré"))
        self._restored = True

    def draft(self, audit_id: str, stop: bool = True) -> MysteryTest:
        """The test as the form shows it (a running stopwatch is stopped first, unless told)."""
        if stop:
            self.stopwatch.stop()
        kind = str(self.kind_combo.currentData())
        timed, written = kind in ("call", "visit"), kind in ("email", "letter")
        base = self._editing or MysteryTest(id="", audit_id=audit_id, kind=kind)
        sent = self.sent_date.value() if written else None
        # A letter or an e-mail is dated by its sending, which the list then sorts on.
        performed = (f"{sent.isoformat()}T00:00:00" if sent else
                     self.performed_edit.dateTime().toString(Qt.DateFormat.ISODate))  # fmt: skip
        wait = round(self.stopwatch.elapsed()) if timed and self.stopwatch.elapsed() else None
        return replace(
            base, kind=kind, site_id=str(self.site_combo.currentData() or ""),
            channel=str(self.channel_combo.currentData()),
            performed_at=performed,
            rings=self.ring_counter.value() if kind == "call" else None,
            wait_seconds=wait,
            reached_agent=self.reached_check.isChecked() if kind == "call" else None,
            agent_identified=(self.identified_check.isChecked()
                              if kind in ("call", "visit", "email") else None),
            answer_correct=self.correct_check.isChecked(),
            sent_on=sent,
            acknowledged_on=self.ack_date.value() if written else None,
            replied_on=self.reply_date.value() if written else None,
            note=self.note_edit.toPlainText().strip(),
        )  # fmt: skip

    # -- display -----------------------------------------------------------------------------

    @staticmethod
    def _when(performed_at: str) -> str:
        stamp = QDateTime.fromString(performed_at, Qt.DateFormat.ISODate)
        return stamp.toString("dd/MM/yyyy") if stamp.isValid() else "—"

    def _department(self) -> str:
        site_id = self.site_combo.currentData()
        site = next((s for s in self._sites if s.id == site_id), None)
        return site.department if site else ""

    def _show_kind(self) -> None:
        kind = self.kind_combo.currentData()
        timed, written = kind in ("call", "visit"), kind in ("email", "letter")
        self.wait_label.setText(
            self.tr("Attente avant\nun agent") if kind == "call" else self.tr("Attente\nau guichet")
        )
        self.fields.setRowVisible(self.performed_edit, not written)
        self.fields.setRowVisible(self.stopwatch, timed)
        self.fields.setRowVisible(self.ring_counter, kind == "call")
        self.fields.setRowVisible(self.reached_check, kind == "call")
        self.fields.setRowVisible(self.identified_check, kind in ("call", "visit", "email"))
        for optional in (self.sent_date, self.ack_date, self.reply_date):
            self.fields.setRowVisible(optional.edit, written)
        self.fields.setRowVisible(self.delay_label, written)
        self._show_delays()

    def _show_delays(self) -> None:
        department = self._department()
        draft = MysteryTest(id="", audit_id="", kind="email", sent_on=self.sent_date.value(),
                            acknowledged_on=self.ack_date.value(),
                            replied_on=self.reply_date.value())  # fmt: skip
        lines = [core(problem) for problem in problems_of_test(draft)]
        values = measures_of_test(draft, department)
        for prefix, label in (("acknowledgement", self.tr("Accusé de réception")),
                              ("reply", self.tr("Réponse"))):  # fmt: skip
            if f"{prefix}_working_days" in values:
                working = core(format_value(values[f"{prefix}_working_days"], Unit.WORKING_DAYS))
                calendar = core(format_value(values[f"{prefix}_calendar_days"], Unit.CALENDAR_DAYS))
                lines.append(
                    self.tr("{0} en {1} ({2} au calendrier)").format(label, working, calendar)
                )
        end = draft.replied_on or draft.acknowledged_on
        if draft.sent_on and end and end >= draft.sent_on:
            off = holidays_in_delay(draft.sent_on, end, department)
            where = (self.tr("Alsace-Moselle ({0})").format(department)
                     if department in ALSACE_MOSELLE_DEPARTMENTS else
                     self.tr("département {0}").format(department) if department else
                     self.tr("calendrier général"))  # fmt: skip
            days = ", ".join(f"{core(name)} ({day:%d/%m})" for day, name in off)
            lines.append(self.tr("Jours fériés exclus — {0} : {1}").format(
                where, days or self.tr("aucun")))  # fmt: skip
        if not lines:
            lines.append(
                self.tr(
                    "Cochez et datez l'envoi puis la réponse : les délais "
                    "s'affichent ici en jours ouvrés et au calendrier."
                )
            )
        self.delay_label.setText("\n".join(lines))

    # -- handlers ------------------------------------------------------------------------------

    @Slot(int)
    def _on_kind_combo_changed(self, index: int) -> None:
        kind = str(self.kind_combo.currentData())
        if not self._loading:
            self.channel_combo.setCurrentIndex(
                max(0, self.channel_combo.findData(KIND_CHANNELS.get(kind, "")))
            )
        self._show_kind()

    @Slot()
    def _on_field_edited(self) -> None:
        if not self._loading:
            self._show_delays()

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self.save_requested.emit()

    @Slot()
    def _on_new_button_clicked(self) -> None:
        self.new_requested.emit()


class MysteryTestModel(HeaderedTableModel):
    """The audit's mystery tests, one row each (read-only: the form edits them)."""

    KIND, SITE, DATE, FIGURE, VERDICT = range(5)
    TEST_ID_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TestRow] = []
        self._kinds = kind_labels()
        self._headers = [self.tr("Type"), self.tr("Site"), self.tr("Date"),
                         self.tr("Mesure"), self.tr("Verdict proposé")]  # fmt: skip

    def set_rows(self, rows: list[TestRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> TestRow:
        return self._rows[row]

    def row_of(self, test_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.test.id == test_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.VERDICT and row.proposals:
                return "\n".join(tr("{0} : {1}").format(p.checkpoint_code,
                                                         core(p.proposal.explanation))
                                 for p in row.proposals)  # fmt: skip
            if column == self.SITE and row.site is not None:
                return row.site.name
            if column == self.FIGURE:
                return key_figure(row, short=False)
            return row.test.note or None
        if role == self.TEST_ID_ROLE:
            return row.test.id
        return None

    def _text(self, row: TestRow, column: int) -> str:
        test = row.test
        if column == self.KIND:
            return self._kinds.get(test.kind, test.kind)
        if column == self.SITE:
            return row.site.name if row.site else self.tr("Organisation")
        if column == self.DATE:
            day = test.performed_at[:10]
            return f"{day[8:10]}/{day[5:7]}/{day[:4]}" if len(day) == 10 else "—"
        if column == self.FIGURE:
            return key_figure(row)
        return verdict_summary(row)


class ProposalRow(QFrame):
    """One proposal: what the test measured for a checkpoint, and the button that applies it."""

    apply_requested = Signal(str)  # checkpoint code
    show_requested = Signal(str)  # finding id

    def __init__(
        self, proposal: TestProposal, finding: Finding | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.proposal = proposal
        self.finding = finding
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel(
            f"<b>{escape(proposal.checkpoint_code)}</b> · {escape(proposal.measure_label)}"
        )
        verdict = core(VERDICT_LABELS[proposal.proposal.verdict])
        detail = QLabel(self.tr("{0} → proposé : {1}").format(
            core(proposal.proposal.explanation), verdict))  # fmt: skip
        self.state_label = QLabel(self._state_text())
        for label in (title, detail, self.state_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.apply_button = QPushButton(self.tr("Appliquer au constat"))
        self.apply_button.setAccessibleName(
            self.tr("Appliquer au constat {0} : {1}").format(proposal.checkpoint_code, verdict)
        )
        self.apply_button.setEnabled(finding is not None)
        self.apply_button.setMinimumHeight(40)
        self.apply_button.clicked.connect(self._on_apply_button_clicked)
        self.show_button = QPushButton(self.tr("Voir le constat"))
        self.show_button.setAccessibleName(
            self.tr("Ouvrir le constat {0} dans le parcours").format(proposal.checkpoint_code)
        )
        self.show_button.setEnabled(finding is not None)
        self.show_button.setMinimumHeight(40)
        self.show_button.clicked.connect(self._on_show_button_clicked)

        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(detail)
        text.addWidget(self.state_label)
        buttons = QVBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.show_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(text, 1)
        layout.addLayout(buttons)

    def _state_text(self) -> str:
        if self.finding is None:
            return self.tr("Aucun constat pour ce point sur ce site et ce canal.")
        if self.finding.verdict is None:
            return self.tr("Constat actuel : pas encore de verdict.")
        current = core(VERDICT_LABELS[self.finding.verdict])
        if (self.finding.verdict is self.proposal.proposal.verdict
                and self.finding.measured_value == self.proposal.value):  # fmt: skip
            return self.tr("Constat actuel : {0}, mesure appliquée.").format(current)
        return self.tr("Constat actuel : {0}.").format(current)

    @Slot()
    def _on_apply_button_clicked(self) -> None:
        self.apply_requested.emit(self.proposal.checkpoint_code)

    @Slot()
    def _on_show_button_clicked(self) -> None:
        if self.finding is not None:
            self.show_requested.emit(self.finding.id)


class MysteryPage(QWidget):
    """The audit's mystery tests: list, form, and proposals for the selected test."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._sites: dict[str, Site] = {}
        self._reverting = False
        self.proposal_rows: list[ProposalRow] = []

        self.model = MysteryTestModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Tests mystère de l'audit"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self._focus_entering = False
        self.table.installEventFilter(self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        # Site names share their start (« Maison de la Région – »): keep their end.
        self.table.setTextElideMode(Qt.TextElideMode.ElideLeft)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(34)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MysteryTestModel.SITE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 72), (2, 84), (3, 200), (4, 150)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)

        self.empty_label = QLabel(
            self.tr("Aucun test mystère pour l'instant : saisissez le premier dans le formulaire.")
        )
        self.empty_label.setWordWrap(True)
        self.proposals_box = QGroupBox(self.tr("Verdicts proposés par le test sélectionné"))
        self.proposals_scroll = QScrollArea()
        self.proposals_scroll.setWidgetResizable(True)
        self.proposals_scroll.setFrameShape(QFrame.Shape.NoFrame)
        QVBoxLayout(self.proposals_box).addWidget(self.proposals_scroll)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.empty_label)
        left_splitter = QSplitter(Qt.Orientation.Vertical)
        left_splitter.setChildrenCollapsible(False)
        left_splitter.addWidget(self.table)
        left_splitter.addWidget(self.proposals_box)
        left_splitter.setSizes([330, 300])
        left_layout.addWidget(left_splitter, 1)

        self.form = MysteryTestForm()
        self.form.save_requested.connect(self._on_form_save_requested)
        self.form.new_requested.connect(self._on_form_new_requested)
        form_scroll = QScrollArea()
        form_scroll.setWidgetResizable(True)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        form_scroll.setWidget(self.form)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(form_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 470])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        session.audit_opened.connect(self._on_session_audit_opened)
        self._show_proposals(None)
        # A test being entered (a call in progress…) is kept every second outside the
        # workspace, and shown again after a crash or a quit: nothing typed is lost.
        self._kept_draft = ""
        self._draft_timer = QTimer(self)
        self._draft_timer.setInterval(DRAFT_KEEP_MS)
        self._draft_timer.timeout.connect(self.keep_draft)
        self._draft_timer.start()
        if session.audit_id is not None:
            self._reload()
            self.form.load(None, list(self._sites.values()))
            self._restore_draft()

    # -- page API ----------------------------------------------------------------------

    def activate(self) -> None:
        """Called when the page is shown: tests may have changed elsewhere."""
        if self.session.audit_id is not None:
            self._reload(self._current_test_id())
            if self.form._editing is None and not self.form.is_modified():
                self._start_on_walked_site()  # a test being entered keeps its own site

    def _start_on_walked_site(self) -> None:
        """Set a blank form for a new test to the site being walked, if there is one."""
        walked = self.form.site_combo.findData(self.session.current_site_id)
        if self.session.current_site_id and walked >= 0:
            self.form.site_combo.setCurrentIndex(walked)
            self.form.mark_unmodified()  # the site chosen for it is not an entry

    def select_finding(self, fid: str) -> None:
        pass

    def select_test(self, test_id: str) -> None:
        row = self.model.row_of(test_id)
        if row >= 0:
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    # -- loading -------------------------------------------------------------------------

    def _current_test_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).test.id if index.isValid() else None

    def _reload(self, select: str | None = None) -> None:
        audit_id = self.session.audit_id
        assert audit_id is not None
        ws = self.session.ws
        self._sites = {s.id: s for s in audit_store.sites(ws, audit_id)}
        tests = observations.mystery_tests(ws, audit_id)
        self.model.set_rows(build_rows(tests, self._sites, self.session.referential()))
        self.form.set_sites(list(self._sites.values()))
        self.empty_label.setVisible(not tests)
        if select is not None and self.model.row_of(select) >= 0:
            self.select_test(select)
        else:
            self._show_proposals(None)

    def _show_proposals(self, row: TestRow | None) -> None:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        self.proposal_rows = []
        if row is None or not row.proposals:
            text = (
                self.tr("Sélectionnez un test enregistré : ses mesures seront comparées aux "
                        "seuils de la grille.") if row is None else
                self.tr("Ce test ne donne aucune mesure comparable à un seuil de la grille "
                        "(sonneries, attente, délais de réponse).")
            )  # fmt: skip
            hint = QLabel(text)
            hint.setWordWrap(True)
            layout.addWidget(hint)
        else:
            for proposal in row.proposals:
                widget = ProposalRow(proposal, self._finding_for(row.test, proposal))
                widget.apply_requested.connect(self._on_proposal_apply_requested)
                widget.show_requested.connect(self._on_proposal_show_requested)
                self.proposal_rows.append(widget)
                layout.addWidget(widget)
        layout.addStretch(1)
        self.proposals_scroll.setWidget(content)  # the previous content is deleted

    def _finding_for(self, test: MysteryTest, proposal: TestProposal) -> Finding | None:
        assert self.session.audit_id is not None
        for finding in finding_store.findings(self.session.ws, self.session.audit_id,
                                              test.site_id):  # fmt: skip
            if (
                finding.checkpoint_code == proposal.checkpoint_code
                and finding.channel == proposal.channel
                and not finding.aid_scheme_id
            ):
                return finding  # fmt: skip
        return None

    # -- handlers ----------------------------------------------------------------------------

    @Slot(str)
    def _on_session_audit_opened(self, audit_id: str) -> None:
        self._reload()
        self.form.load(None, list(self._sites.values()))
        self._restore_draft()

    def _draft_key(self) -> str:
        return f"mystery/draft/{self.session.audit_id}"

    @Slot()
    def keep_draft(self) -> None:
        """Keep the form's unsaved test (or forget it once saved or given up)."""
        audit_id = self.session.audit_id
        if audit_id is None:
            return
        settings = QSettings()
        if not self.form.is_modified():
            if self._kept_draft:
                settings.remove(self._draft_key())
                settings.sync()
                self._kept_draft = ""
            return
        text = draft_text(self.form.draft(audit_id, stop=False))
        if text != self._kept_draft:
            settings.setValue(self._draft_key(), text)
            settings.sync()  # on disk now: a kill a second later keeps it
            self._kept_draft = text

    def _restore_draft(self) -> None:
        text = QSettings().value(self._draft_key())
        if not isinstance(text, str) or not text:
            return
        test = draft_from_text(text)
        if test is None or test.audit_id != self.session.audit_id:
            return
        self.form.restore(test, list(self._sites.values()))
        self._kept_draft = text

    @Slot(QModelIndex, QModelIndex)
    def _on_table_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._reverting:
            return
        if not current.isValid():
            self._show_proposals(None)
            return
        row = self.model.row_at(current.row())
        if self._focus_entering and not previous.isValid() and self.form.is_modified():
            # Qt makes the first row current when the table gets the focus with none: that
            # is not the auditor choosing a test, so the test being entered stays, unasked.
            self._reverting = True
            self.table.setCurrentIndex(QModelIndex())
            self._reverting = False
            return
        if self.form.editing_id() != row.test.id:
            if not self._may_discard_form():
                self._reverting = True
                self.table.setCurrentIndex(previous)
                self._reverting = False
                return
            self.form.load(row.test, list(self._sites.values()))
        self._show_proposals(row)

    def _may_discard_form(self) -> bool:
        return not self.form.is_modified() or dialogs.confirm(
            self,
            self.tr("Abandonner la saisie ?"),
            self.tr("Le test en cours de saisie n'est pas enregistré. L'abandonner ?"),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.FocusIn:
            # Delivered here, flagged: what Qt does on getting the focus is told apart.
            self._focus_entering = True
            try:
                self.table.event(event)
            finally:
                self._focus_entering = False
            return True
        return super().eventFilter(watched, event)

    @Slot()
    def _on_form_new_requested(self) -> None:
        if not self._may_discard_form():
            return
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self.form.load(None, list(self._sites.values()))
        self._start_on_walked_site()

    @Slot()
    def _on_form_save_requested(self) -> None:
        audit_id = self.session.audit_id
        if audit_id is None:
            return
        draft = self.form.draft(audit_id)
        problems = problems_of_test(draft)
        if problems:
            dialogs.warning(self, self.tr("Test mystère incomplet"),
                            "\n".join(core(problem) for problem in problems))  # fmt: skip
            return
        ws = self.session.ws
        if self.form.editing_id():
            saved = self.session.call(lambda: observations.update_mystery_test(ws, draft))
        else:
            saved = self.session.call(lambda: observations.add_mystery_test(ws, draft))
        if saved is None:
            return
        self.form.load(saved, list(self._sites.values()))
        self.session.data_changed()
        self._reload(select=saved.id)

    @Slot(str)
    def _on_proposal_apply_requested(self, code: str) -> None:
        index = self.table.currentIndex()
        widget = next((w for w in self.proposal_rows if w.proposal.checkpoint_code == code), None)
        if not index.isValid() or widget is None or widget.finding is None:
            return
        test = self.model.row_at(index.row()).test
        proposal, finding = widget.proposal, widget.finding
        verdict = proposal.proposal.verdict
        ws = self.session.ws
        if self.session.call(lambda: finding_store.check_not_frozen(ws, finding.id) or True,
                             self.tr("Verdict non appliqué")) is None:  # fmt: skip
            return  # frozen by a signed closing meeting: said before asking anything
        if finding.verdict is not None and finding.verdict is not verdict:
            replace = dialogs.confirm(
                self, self.tr("Remplacer le verdict ?"),
                self.tr("Le constat {0} est déjà « {1} ». Le remplacer par « {2} » "
                        "d'après ce test ?").format(
                    code, core(VERDICT_LABELS[finding.verdict]), core(VERDICT_LABELS[verdict])),
            )  # fmt: skip
            if not replace:
                return
        updated = self.session.update_finding(
            finding.id, verdict=verdict, measured_value=proposal.value,
            note=applied_note(finding.note, test, proposal),
        )  # fmt: skip
        if updated is not None:
            self._show_proposals(self.model.row_at(index.row()))

    @Slot(str)
    def _on_proposal_show_requested(self, fid: str) -> None:
        self.session.show_finding(fid)
