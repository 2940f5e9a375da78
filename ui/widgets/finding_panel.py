"""The detail of one finding: requirement and guidance, verdict, measure, note, evidence.

Every change is committed at once through the undo stack (so it can be undone); the
note is committed as it is typed, after a short pause, and when the field is left.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor_app.audit.measures import measure_from_dates, propose_verdict
from auditor_app.audit.model import Finding
from auditor_app.audit.verdicts import VERDICT_LABELS, Verdict, verdict_problems
from auditor_app.referential.model import (
    CHANNEL_LABELS,
    UNIT_LABELS,
    Channel,
    Checkpoint,
    Criterion,
    Engagement,
    Unit,
)
from auditor_app.store.findings import frozen_since, get_finding
from ui.i18n import core, tr
from ui.models import SHORT_LABELS
from ui.screen import fit_in_columns
from ui.session import Session
from ui.undo import FindingEdit
from ui.widgets.evidence_strip import EvidenceStrip
from ui.widgets.ring_counter import RingCounter
from ui.widgets.stopwatch import Stopwatch

NOTE_DEBOUNCE_MS = 700
NOTE_MAX_WAIT_MS = 2000  # typing without a pause still commits this often
VERDICT_KEYS = {  # digit shortcuts, in the order auditors think of them
    Verdict.CONFORME: "1",
    Verdict.POINT_FORT: "2",
    Verdict.PISTE_DE_PROGRES: "3",
    Verdict.POINT_SENSIBLE: "4",
    Verdict.NC_MINEURE: "5",
    Verdict.NC_MAJEURE: "6",
    Verdict.NON_APPLICABLE: "7",
}
DAY_UNITS = (Unit.WORKING_DAYS, Unit.CALENDAR_DAYS)


class FindingPanel(QWidget):
    verdict_recorded = Signal(str)  # finding id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.finding: Finding | None = None
        self.checkpoint: Checkpoint | None = None
        self.department = ""
        self._place = ""
        self._loading = False

        self.place = QLabel()
        self.place.setWordWrap(True)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        self.guidance = QLabel()
        self.guidance.setWordWrap(True)
        self.guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.verdicts = QButtonGroup(self)
        self.verdicts.setExclusive(False)  # clicking the chosen verdict again clears it
        grid = QGridLayout()
        for i, (verdict, key) in enumerate(VERDICT_KEYS.items()):
            button = QPushButton(f"{key}  {tr(SHORT_LABELS[verdict])}")
            button.setCheckable(True)
            button.setMinimumHeight(40)  # a finger's width on a tablet
            button.setAccessibleName(core(VERDICT_LABELS[verdict]))
            button.setToolTip(
                self.tr("{0} — raccourci : touche {1}").format(core(VERDICT_LABELS[verdict]), key)
            )
            # Its text sets the column count (resizeEvent), not the panel's minimum width.
            button.setMinimumWidth(48)
            self.verdicts.addButton(button, i)
            grid.addWidget(button, i // 3, i % 3)
        self._verdict_grid = grid
        self.verdicts.idClicked.connect(self._on_verdicts_id_clicked)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.frozen = QLabel()  # the site's closing meeting is signed: nothing changes here
        self.frozen.setWordWrap(True)
        self.frozen.hide()
        self._frozen = False

        self.measure_box = QGroupBox(self.tr("Mesure"))
        self.value = QDoubleSpinBox()
        self.value.setRange(0, 100_000)
        self.value.setDecimals(1)
        self.value.setSpecialValueText(self.tr("non mesuré"))
        self.value.setAccessibleName(self.tr("Valeur mesurée"))
        self.value.editingFinished.connect(self._on_value_editing_finished)
        self.rings = RingCounter()  # counts rings live during a call
        self.rings.value_committed.connect(self._on_rings_value_committed)
        self.stopwatch = Stopwatch()  # times a wait at the counter or on the phone
        self.stopwatch.value_committed.connect(self._on_stopwatch_value_committed)
        self.sent = QDateEdit()
        self.received = QDateEdit()
        for edit, name in ((self.sent, self.tr("Envoyé le")), (self.received, self.tr("Reçu le"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setDate(QDate.currentDate())
            edit.setAccessibleName(name)
        self.from_dates = QPushButton(self.tr("Calculer le délai"))
        self.from_dates.clicked.connect(self._on_from_dates_clicked)
        self.proposal = QLabel()
        self.proposal.setWordWrap(True)
        self.apply_proposal = QPushButton(self.tr("Retenir le verdict proposé"))
        self.apply_proposal.clicked.connect(self._on_apply_proposal_clicked)
        measure_layout = QFormLayout(self.measure_box)
        measure_layout.addRow(self.tr("Valeur"), self.value)
        measure_layout.addRow(self.rings)
        measure_layout.addRow(self.stopwatch)
        self.dates_row = QWidget()
        dates = QHBoxLayout(self.dates_row)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(QLabel(self.tr("Envoyé le")))
        dates.addWidget(self.sent)
        dates.addWidget(QLabel(self.tr("reçu le")))
        dates.addWidget(self.received)
        dates.addWidget(self.from_dates)
        measure_layout.addRow(self.dates_row)
        measure_layout.addRow(self.proposal)
        measure_layout.addRow(self.apply_proposal)

        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Constat, preuve observée, justification d'un N/A…"))
        self.note.setAccessibleName(self.tr("Note du constat"))
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(80)
        self.note.setMaximumHeight(180)
        self.note.textChanged.connect(self._on_note_text_changed)
        self.note.installEventFilter(self)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_DEBOUNCE_MS)
        self._note_timer.timeout.connect(self.flush)
        self._note_deadline = QTimer(self)  # not restarted by each key, unlike the debounce
        self._note_deadline.setSingleShot(True)
        self._note_deadline.setInterval(NOTE_MAX_WAIT_MS)
        self._note_deadline.timeout.connect(self.flush)

        self.evidence = EvidenceStrip(session)

        layout = QVBoxLayout(self)
        # The verdict buttons come first: they stay in the same place from one point to the
        # next, whatever the length of the texts (a finger or the eye finds them at once).
        layout.addLayout(grid)
        layout.addWidget(self.frozen)
        layout.addWidget(self.problems)
        layout.addWidget(self.place)
        layout.addWidget(self.title)
        layout.addWidget(self.guidance)
        layout.addWidget(self.measure_box)
        layout.addWidget(QLabel(self.tr("Note")))
        layout.addWidget(self.note, 1)
        layout.addWidget(self.evidence)
        session.finding_changed.connect(self._on_session_finding_changed)
        self.show_finding(None, None, None, None, "")

    # -- showing a finding -----------------------------------------------------------------


    def resizeEvent(self, event: QResizeEvent) -> None:
        """Verdict buttons on three columns, or two when the panel is too narrow for three
        (a small screen, 125–150 % scaling): their words are never cut."""
        super().resizeEvent(event)
        buttons = [self.verdicts.button(i) for i in range(len(self.verdicts.buttons()))]
        margins = self.contentsMargins().left() + self.contentsMargins().right() + 24
        fit_in_columns(self._verdict_grid, buttons, event.size().width() - margins, 3, 2)
    def show_finding(
        self,
        finding: Finding | None,
        engagement: Engagement | None,
        criterion: Criterion | None,
        checkpoint: Checkpoint | None,
        place: str,
        department: str = "",
    ) -> None:
        self.flush()
        self._loading = True
        self.finding, self.checkpoint, self.department = finding, checkpoint, department
        self._place = place
        enabled = finding is not None and checkpoint is not None
        for widget in (self.note, self.measure_box, *self.verdicts.buttons()):
            widget.setEnabled(enabled)
        if finding is None or checkpoint is None or engagement is None or criterion is None:
            self.place.setText(self.tr("Choisissez un point de contrôle dans la liste."))
            self.title.clear()
            self.guidance.clear()
            self.note.clear()
            self.measure_box.hide()
            self.problems.clear()
            self.evidence.set_finding(None)
            self._frozen = False
            self.frozen.hide()
            self.note.setReadOnly(False)
            self._loading = False
            return
        channel = core(CHANNEL_LABELS[Channel(finding.channel)]) if finding.channel else ""
        self.place.setText(
            f"<b>{checkpoint.code}</b> — {place}{' — ' + channel if channel else ''}<br>"
            f"{engagement.number}. {engagement.title}<br><i>{criterion.code} {criterion.title}</i>"
        )
        self.title.setText(checkpoint.text)
        self.guidance.setText(
            self.tr("<b>Comment vérifier :</b> {0}").format(checkpoint.guidance)
            if checkpoint.guidance
            else ""
        )
        self.note.setPlainText(finding.note)
        self._show_measure(finding, checkpoint)
        self._show_verdict(finding)
        signed = frozen_since(self.session.ws, finding)
        self.evidence.set_finding(finding.id, locked=bool(signed))
        self._show_frozen(signed)
        self._loading = False

    def _show_frozen(self, signed: str) -> None:
        """A finding of a site whose closing meeting is signed is shown, not edited."""
        self._frozen = bool(signed)
        self.frozen.setVisible(self._frozen)
        if self._frozen:
            day = QDate.fromString(signed[:10], "yyyy-MM-dd").toString("dd/MM/yyyy")
            self.frozen.setText(
                self.tr("Réunion de clôture signée le {0} : les constats de ce site sont figés "
                        "(le responsable peut reclasser en revue).").format(day)
            )  # fmt: skip
        for widget in (self.measure_box, *self.verdicts.buttons()):
            widget.setEnabled(not self._frozen)
        self.note.setReadOnly(self._frozen)

    def _show_verdict(self, finding: Finding) -> None:
        for i, verdict in enumerate(VERDICT_KEYS):
            self.verdicts.button(i).setChecked(finding.verdict is verdict)
        problems = [core(p) for p in verdict_problems(finding.verdict, finding.note)]
        if (
            finding.verdict is not None
            and finding.verdict.is_nonconformity
            and self.checkpoint is not None
            and self.checkpoint.photo_required_on_nc
            and finding.evidence_count == 0
        ):
            problems.append(self.tr("La grille exige une photo pour une non-conformité ici."))
        self.problems.setText("\n".join(f"⚠ {p}" for p in problems))

    def _show_measure(self, finding: Finding, checkpoint: Checkpoint) -> None:
        measure = checkpoint.measure
        self.measure_box.setVisible(measure is not None)
        if measure is None:
            return
        self.measure_box.setTitle(self.tr("Mesure : {0}").format(measure.label))
        self.value.setSuffix(f" {core(UNIT_LABELS[measure.unit])}")
        self.value.setDecimals(0 if measure.unit is Unit.RINGS else 1)
        self.value.setValue(finding.measured_value if finding.measured_value is not None else 0)
        self.rings.setVisible(measure.unit is Unit.RINGS)
        self.stopwatch.setVisible(measure.unit in (Unit.MINUTES, Unit.SECONDS))
        value = finding.measured_value
        self.rings.set_value(int(value) if measure.unit is Unit.RINGS and value else 0)
        if measure.unit in (Unit.MINUTES, Unit.SECONDS):
            self.stopwatch.reset()
            seconds = None if value is None else value * (60 if measure.unit is Unit.MINUTES else 1)
            self.stopwatch.set_value(seconds)
        self.dates_row.setVisible(measure.unit in DAY_UNITS)
        self._show_proposal()

    def _show_proposal(self) -> None:
        measure = self.checkpoint.measure if self.checkpoint else None
        value = self.finding.measured_value if self.finding else None
        if measure is None or value is None:
            self.proposal.setText(
                self.tr("Saisissez la valeur mesurée pour obtenir une proposition.")
            )
            self.apply_proposal.setEnabled(False)
            return
        proposal = propose_verdict(measure, value)
        self.proposal.setText(
            self.tr("Proposition : {0} — {1}").format(
                core(proposal.verdict.label), core(proposal.explanation)
            )
        )
        self.apply_proposal.setEnabled(
            self.finding is not None and self.finding.verdict is not proposal.verdict
        )

    # -- editing -------------------------------------------------------------------------

    def set_verdict(self, verdict: Verdict | None) -> None:
        if self.finding is None or self.finding.verdict is verdict:
            return
        if self._frozen:  # a verdict key on a frozen finding: say why nothing happens
            QApplication.beep()
            self.session.failed.emit(self.frozen.text())
            return
        text = self.tr("Verdict {0}").format(core(verdict.label) if verdict else self.tr("effacé"))
        self._push("verdict", self.finding.verdict, verdict, text)
        if self.finding is not None:
            self.verdict_recorded.emit(self.finding.id)

    @Slot(int)
    def _on_verdicts_id_clicked(self, button_id: int) -> None:
        verdict = list(VERDICT_KEYS)[button_id]
        self.set_verdict(None if self.finding and self.finding.verdict is verdict else verdict)

    def _commit_value(self, value: float | None) -> None:
        if self.finding is None or self.finding.measured_value == value:
            return
        self._push("measured_value", self.finding.measured_value, value, self.tr("Valeur mesurée"))

    @Slot()
    def _on_value_editing_finished(self) -> None:
        if not self._loading:
            value = self.value.value()
            self._commit_value(None if value == self.value.minimum() else value)

    @Slot(float)
    def _on_rings_value_committed(self, count: float) -> None:
        if not self._loading:
            self._commit_value(count)

    @Slot(float)
    def _on_stopwatch_value_committed(self, seconds: float) -> None:
        measure = self.checkpoint.measure if self.checkpoint else None
        if self._loading or measure is None:
            return
        value = seconds / 60 if measure.unit is Unit.MINUTES else seconds
        self._commit_value(round(value, 1))

    @Slot()
    def _on_from_dates_clicked(self) -> None:
        measure = self.checkpoint.measure if self.checkpoint else None
        if measure is None:
            return
        sent, received = _py_date(self.sent.date()), _py_date(self.received.date())
        try:
            value = measure_from_dates(measure, sent, received, self.department)
        except ValueError as exc:
            self.proposal.setText(f"⚠ {core(str(exc))}")
            return
        self._commit_value(value)

    @Slot()
    def _on_apply_proposal_clicked(self) -> None:
        measure = self.checkpoint.measure if self.checkpoint else None
        if measure is None or self.finding is None or self.finding.measured_value is None:
            return
        proposal = propose_verdict(measure, self.finding.measured_value)
        if not self.finding.note.strip():
            explanation = core(proposal.explanation)  # the note is written in the user's language
            self._push("note", "", explanation, self.tr("Note"))
            self.note.setPlainText(explanation)
        self.set_verdict(proposal.verdict)

    @Slot()
    def _on_note_text_changed(self) -> None:
        if not self._loading:
            self._note_timer.start()
            if not self._note_deadline.isActive():
                self._note_deadline.start()

    def flush(self) -> None:
        """Commit the note now if it differs from what is stored."""
        self._note_timer.stop()
        self._note_deadline.stop()
        if self.finding is None or self._loading or self._frozen:
            return
        text = self.note.toPlainText()
        if text != self.finding.note:
            self._push("note", self.finding.note, text, self.tr("Note"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def _push(self, field: str, old: object, new: object, text: str) -> None:
        assert self.finding is not None and self.checkpoint is not None
        # The Edit menu says what an undo would change, and where.
        text = f"{text} — {self.checkpoint.code} ({self._place})"
        self.session.undo_stack.push(
            FindingEdit(self.session, self.finding.id, field, old, new, text)
        )

    @Slot(str)
    def _on_session_finding_changed(self, fid: str) -> None:
        if self.finding is None or fid != self.finding.id:
            return
        self.finding = get_finding(self.session.ws, fid)
        self._loading = True
        if self.note.toPlainText() != self.finding.note and not self.note.hasFocus():
            self.note.setPlainText(self.finding.note)  # an undo changed it
        if self.checkpoint is not None and self.checkpoint.measure is not None:
            self.value.setValue(self.finding.measured_value or 0)
            if self.checkpoint.measure.unit is Unit.RINGS:
                self.rings.set_value(int(self.finding.measured_value or 0))
            self._show_proposal()
        self._show_verdict(self.finding)
        self._loading = False


def _py_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
