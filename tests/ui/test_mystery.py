"""The mystery-test page and its measuring widgets, driven as an auditor would."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from auditor_app.audit.verdicts import Verdict
from auditor_app.store import audits as audit_store
from auditor_app.store import findings as finding_store
from auditor_app.store import observations
from ui.pages.mystery import MysteryPage, MysteryTestModel, build_rows
from ui.widgets.ring_counter import RingCounter
from ui.widgets.stopwatch import Stopwatch, format_elapsed


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# -- the widgets ---------------------------------------------------------------------------


def test_stopwatch_measures_with_the_keyboard(qtbot: Any) -> None:
    clock = FakeClock()
    watch = Stopwatch(clock=clock)
    qtbot.addWidget(watch)
    assert watch.display.text() == "00:00"
    with qtbot.waitSignal(watch.started):
        qtbot.keyClick(watch.toggle_button, Qt.Key.Key_Space)
    assert watch.is_running()
    clock.now += 65.4
    watch.refresh()
    assert watch.display.text() == "01:05"
    with qtbot.waitSignal(watch.value_committed) as stopped:
        qtbot.keyClick(watch.toggle_button, Qt.Key.Key_Space)
    assert stopped.args == [pytest.approx(65.4)]
    assert "Reprendre" in watch.toggle_button.text()

    clock.now += 500  # stopped: time passing does not count
    with qtbot.waitSignal(watch.value_committed) as resumed:
        watch.start()
        clock.now += 10
        watch.stop()
    assert resumed.args == [pytest.approx(75.4)]
    assert watch.display.text() == "01:15"

    with qtbot.waitSignal(watch.reset_done), qtbot.assertNotEmitted(watch.value_committed):
        qtbot.mouseClick(watch.reset_button, Qt.MouseButton.LeftButton)
    assert (watch.elapsed(), watch.display.text()) == (0.0, "00:00")
    assert not watch.reset_button.isEnabled()


def test_stopwatch_shows_an_earlier_value_without_committing(qtbot: Any) -> None:
    watch = Stopwatch(clock=FakeClock())
    qtbot.addWidget(watch)
    with qtbot.assertNotEmitted(watch.value_committed):
        watch.set_value(95)
    assert watch.display.text() == "01:35"
    assert format_elapsed(3725.9) == "1:02:05"
    assert watch.focusProxy() is watch.toggle_button


def test_ring_counter_counts_clicks_and_keys(qtbot: Any) -> None:
    counter = RingCounter()
    qtbot.addWidget(counter)
    committed: list[float] = []
    counter.value_committed.connect(committed.append)
    for _ in range(3):
        qtbot.mouseClick(counter.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(counter.add_button, Qt.Key.Key_Space)
    assert counter.value() == 4
    assert counter.count_label.text() == "4"
    assert counter.unit_label.text() == "sonneries"
    qtbot.mouseClick(counter.remove_button, Qt.MouseButton.LeftButton)
    assert committed == [1.0, 2.0, 3.0, 4.0, 3.0]
    qtbot.mouseClick(counter.reset_button, Qt.MouseButton.LeftButton)
    assert (counter.value(), committed[-1]) == (0, 0.0)
    assert not counter.remove_button.isEnabled()  # no negative count
    with qtbot.assertNotEmitted(counter.value_committed):
        counter.set_value(6)
    assert counter.count_label.text() == "6"


def test_ring_counter_shortcut_works_from_the_window(qtbot: Any) -> None:
    counter = RingCounter(shortcut="+")
    qtbot.addWidget(counter)
    with qtbot.waitActive(counter):
        counter.show()
        counter.activateWindow()
    assert "(+)" in counter.add_button.text()
    qtbot.keyClick(counter, Qt.Key.Key_Plus)
    assert counter.value() == 1


# -- the page ---------------------------------------------------------------------------------


@pytest.fixture
def page(qtbot: Any, session: Any) -> MysteryPage:
    widget = MysteryPage(session)
    qtbot.addWidget(widget)
    widget.resize(1176, 700)
    widget.show()
    return widget


def site_id(session: Any, name_part: str) -> str:
    return next(s.id for s in audit_store.sites(session.ws, session.audit_id)
                if name_part in s.name)  # fmt: skip


def choose(combo: Any, data: str) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_the_list_shows_the_demo_tests(page: MysteryPage, qtmodeltester: Any) -> None:
    model = page.model
    assert model.rowCount() == 13 * 2 + 3  # calls and e-mails at 13 sites, letters at 3
    assert not page.empty_label.isVisibleTo(page)
    qtmodeltester.check(model)
    texts = {model.index(r, MysteryTestModel.FIGURE).data() for r in range(model.rowCount())}
    assert any(text.endswith("sonneries") for text in texts)
    assert any(text.startswith("Réponse en") and "j. ouvr" in text for text in texts)


def test_empty_model_passes_the_model_tester(qtmodeltester: Any, session: Any) -> None:
    model = MysteryTestModel()
    qtmodeltester.check(model)
    tests = observations.mystery_tests(session.ws, session.audit_id)[:2]
    sites = {s.id: s for s in audit_store.sites(session.ws, session.audit_id)}
    model.set_rows(build_rows(tests, sites, session.referential()))
    qtmodeltester.check(model)


def test_log_a_call_with_seven_rings_and_apply_its_proposal(
    page: MysteryPage, session: Any, qtbot: Any, dialogs: Any
) -> None:
    form = page.form
    qtbot.mouseClick(form.new_button, Qt.MouseButton.LeftButton)
    epinal = site_id(session, "Épinal")
    choose(form.kind_combo, "call")
    choose(form.site_combo, epinal)
    assert form.channel_combo.currentData() == "phone"
    clock = FakeClock()
    form.stopwatch.clock = clock
    qtbot.mouseClick(form.stopwatch.toggle_button, Qt.MouseButton.LeftButton)
    for _ in range(7):
        qtbot.mouseClick(form.ring_counter.add_button, Qt.MouseButton.LeftButton)
    clock.now += 95
    qtbot.mouseClick(form.stopwatch.toggle_button, Qt.MouseButton.LeftButton)
    form.reached_check.click()
    # QTest types Latin-1 only: no accents in what it types.
    qtbot.keyClicks(form.note_edit, "Standard occupe, 10 h.")
    with qtbot.waitSignal(session.saved):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    stored = [t for t in observations.mystery_tests(session.ws, session.audit_id)
              if t.site_id == epinal and t.note == "Standard occupe, 10 h."]  # fmt: skip
    assert len(stored) == 1
    test = stored[0]
    assert (test.kind, test.channel, test.rings, test.wait_seconds) == ("call", "phone", 7, 95)
    assert test.reached_agent is True and test.sent_on is None

    by_code = {row.proposal.checkpoint_code: row for row in page.proposal_rows}
    assert set(by_code) == {"E2.2.1", "E2.2.3"}
    rings = by_code["E2.2.1"]
    assert rings.proposal.proposal.verdict is Verdict.NC_MINEURE
    assert "7 sonneries pour un seuil de 5 au plus : seuil dépassé" in (
        rings.proposal.proposal.explanation
    )
    assert page.model.index(page.table.currentIndex().row(), 4).data().startswith("✖ NC mineure")

    fid = rings.finding.id if rings.finding else ""
    with qtbot.waitSignal(session.finding_changed):
        qtbot.mouseClick(rings.apply_button, Qt.MouseButton.LeftButton)
    finding = finding_store.get_finding(session.ws, fid)
    assert (finding.checkpoint_code, finding.site_id, finding.channel) == ("E2.2.1", epinal,
                                                                           "phone")  # fmt: skip
    assert finding.verdict is Verdict.NC_MINEURE
    assert finding.measured_value == 7
    assert "seuil dépassé" in finding.note
    assert "mesure appliquée" in page.proposal_rows[0].state_label.text()


def test_applying_over_another_verdict_asks_first(
    page: MysteryPage, session: Any, dialogs: Any
) -> None:
    # The demo's call to Strasbourg is within the threshold; its finding is already answered.
    strasbourg = site_id(session, "Strasbourg")
    finding = next(f for f in finding_store.findings(session.ws, session.audit_id, strasbourg)
                   if f.checkpoint_code == "E2.2.1")  # fmt: skip
    session.update_finding(finding.id, verdict=Verdict.POINT_SENSIBLE, note="À surveiller.")
    call = next(t for t in observations.mystery_tests(session.ws, session.audit_id)
                if t.site_id == strasbourg and t.kind == "call")  # fmt: skip
    page.select_test(call.id)
    row = page.proposal_rows[0]
    dialogs.confirm_answer = False
    row.apply_button.click()
    assert dialogs.shown[-1][0] == "confirm"
    assert finding_store.get_finding(session.ws, finding.id).verdict is Verdict.POINT_SENSIBLE
    dialogs.confirm_answer = True
    page.proposal_rows[0].apply_button.click()
    after = finding_store.get_finding(session.ws, finding.id)
    assert after.verdict is Verdict.CONFORME
    assert after.note.startswith("À surveiller.\nTest mystère du ")


@pytest.mark.parametrize(
    ("town", "working", "holidays"),
    [
        # Thursday 2 → Tuesday 7 April 2026: Friday 3, Monday 6 and Tuesday 7 are weekdays;
        # Strasbourg (67) rests on Good Friday and Easter Monday, Nancy (54) on Easter Monday.
        ("Strasbourg", "1 jour ouvré", "Vendredi saint (03/04), Lundi de Pâques (06/04)"),
        ("Nancy", "2 jours ouvrés", "Lundi de Pâques (06/04)"),
    ],
)
def test_email_delay_in_working_days_follows_the_site(
    page: MysteryPage, session: Any, qtbot: Any, town: str, working: str, holidays: str
) -> None:
    form = page.form
    qtbot.mouseClick(form.new_button, Qt.MouseButton.LeftButton)
    choose(form.kind_combo, "email")
    choose(form.site_combo, site_id(session, town))
    assert form.channel_combo.currentData() == "email"
    assert form.sent_date.check.isVisibleTo(form) and not form.stopwatch.isVisibleTo(form)
    form.sent_date.check.click()
    form.sent_date.edit.setDate(QDate(2026, 4, 2))
    form.reply_date.check.click()
    form.reply_date.edit.setDate(QDate(2026, 4, 7))
    text = form.delay_label.text()
    assert f"Réponse en {working} (5 jours au calendrier)" in text
    assert holidays in text

    with qtbot.waitSignal(session.saved):
        form.save_button.click()
    saved_id = form.editing_id()
    test = next(t for t in observations.mystery_tests(session.ws, session.audit_id)
                if t.id == saved_id)  # fmt: skip
    assert (test.sent_on, test.replied_on, test.acknowledged_on) == (
        date(2026, 4, 2), date(2026, 4, 7), None,
    )  # fmt: skip
    [reply] = page.proposal_rows
    assert reply.proposal.checkpoint_code == "E4.2.2"
    assert reply.proposal.proposal.explanation.startswith(working)


def test_a_reply_before_the_sending_is_refused(
    page: MysteryPage, session: Any, dialogs: Any
) -> None:
    form = page.form
    form.new_button.click()
    before = len(observations.mystery_tests(session.ws, session.audit_id))
    choose(form.kind_combo, "letter")
    form.sent_date.check.click()
    form.sent_date.edit.setDate(QDate(2026, 4, 7))
    form.reply_date.check.click()
    form.reply_date.edit.setDate(QDate(2026, 4, 2))
    assert "précède l'envoi" in form.delay_label.text()
    form.save_button.click()
    assert dialogs.shown[-1][0] == "warning"
    assert len(observations.mystery_tests(session.ws, session.audit_id)) == before


def test_selecting_a_test_loads_it_for_correction(
    page: MysteryPage, session: Any, qtbot: Any
) -> None:
    call = next(t for t in observations.mystery_tests(session.ws, session.audit_id)
                if t.kind == "call")  # fmt: skip
    page.select_test(call.id)
    form = page.form
    assert form.editing_id() == call.id
    assert form.ring_counter.value() == call.rings
    qtbot.mouseClick(form.ring_counter.add_button, Qt.MouseButton.LeftButton)
    form.save_button.click()
    tests = observations.mystery_tests(session.ws, session.audit_id)
    assert next(t for t in tests if t.id == call.id).rings == (call.rings or 0) + 1
    assert len(tests) == page.model.rowCount()  # corrected, not added


def test_an_audit_without_tests_says_so(qtbot: Any, session: Any) -> None:
    clone = audit_store.clone_audit(
        session.ws, session.audit_id, reference="SUITE-2029", with_observations=False
    )
    session.open_audit(clone.id)
    widget = MysteryPage(session)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.model.rowCount() == 0
    assert widget.empty_label.isVisible()
    assert widget.proposal_rows == []


def test_an_unsaved_entry_is_not_dropped_silently(
    page: MysteryPage, session: Any, qtbot: Any, dialogs: Any
) -> None:
    form = page.form
    form.new_button.click()
    assert not form.is_modified()
    qtbot.mouseClick(form.ring_counter.add_button, Qt.MouseButton.LeftButton)
    assert form.is_modified()
    dialogs.confirm_answer = False
    page.select_test(page.model.row_at(0).test.id)
    assert dialogs.shown[-1][0] == "confirm"
    assert (form.editing_id(), form.ring_counter.value()) == ("", 1)
    assert not page.table.currentIndex().isValid()
    dialogs.confirm_answer = True
    page.select_test(page.model.row_at(0).test.id)
    assert form.editing_id() == page.model.row_at(0).test.id
    assert not form.is_modified()


def test_a_blank_form_set_to_the_walked_site_is_left_without_a_question(
    page: MysteryPage, session: Any, dialogs: Any
) -> None:
    combo = page.form.site_combo
    other = next(
        combo.itemData(i) for i in range(combo.count())
        if combo.itemData(i) and combo.itemData(i) != combo.currentData()
    )  # fmt: skip
    page.form.new_button.click()  # a blank form for a new test
    session.current_site_id = other  # the auditor was walking that site
    page.activate()
    assert page.form.site_combo.currentData() == other and not page.form.is_modified()
    page.select_test(page.model.row_at(0).test.id)
    assert not [d for d in dialogs.shown if d[0] == "confirm"]
    assert page.form.editing_id() == page.model.row_at(0).test.id


def assert_named_and_touchable(page: QWidget) -> None:
    """Every control has a name for screen readers and a target a finger can hit."""
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTableView)
    for control in (w for w in page.findChildren(QWidget) if isinstance(w, kinds)):
        if isinstance(control.parent(), QAbstractSpinBox | QComboBox) or (
            control.objectName().startswith("qt_")
        ):
            continue  # Qt's own parts: the line edit in a date box, a table's corner
        text = control.text() if isinstance(control, QAbstractButton) else ""
        assert control.accessibleName() or text.replace("&", ""), control
        if isinstance(control, QPushButton | QLineEdit | QComboBox | QAbstractSpinBox):
            assert control.minimumHeight() >= 36, control


def test_every_control_has_a_name_and_a_finger_sized_target(page: MysteryPage) -> None:
    page.select_test(page.model.row_at(0).test.id)  # proposals shown too
    assert page.proposal_rows
    assert_named_and_touchable(page)


def test_a_test_being_entered_is_kept_and_comes_back_after_a_stop(
    page: MysteryPage, session: Any, qtbot: Any
) -> None:
    form = page.form
    form.new_button.click()
    strasbourg = site_id(session, "Strasbourg")
    choose(form.site_combo, strasbourg)
    for _ in range(3):
        qtbot.mouseClick(form.ring_counter.add_button, Qt.MouseButton.LeftButton)
    form.note_edit.setPlainText("Messagerie au 3e essai")
    page.keep_draft()  # what the one-second timer does
    # The app stops here (killed, or quit): another page starts on the same audit.
    again = MysteryPage(session)
    qtbot.addWidget(again)
    assert again.form.is_modified() and again.form.editing_id() == ""
    assert again.form.ring_counter.value() == 3
    assert again.form.note_edit.toPlainText() == "Messagerie au 3e essai"
    assert again.form.site_combo.currentData() == strasbourg
    # Switching screens does not move a test being entered to the site walked meanwhile.
    session.current_site_id = site_id(session, "Verdun")
    again.activate()
    assert again.form.site_combo.currentData() == strasbourg
    # Once saved, nothing is kept any more.
    before = len(observations.mystery_tests(session.ws, session.audit_id))
    again.form.save_button.click()
    assert len(observations.mystery_tests(session.ws, session.audit_id)) == before + 1
    again.keep_draft()
    third = MysteryPage(session)
    qtbot.addWidget(third)
    assert not third.form.is_modified()


def test_focusing_the_table_does_not_offer_to_drop_the_test_being_entered(
    page: MysteryPage, session: Any, qtbot: Any, dialogs: Any
) -> None:
    page.form.new_button.click()
    qtbot.mouseClick(page.form.ring_counter.add_button, Qt.MouseButton.LeftButton)
    page.keep_draft()
    again = MysteryPage(session)  # after a restart: the test being entered comes back
    qtbot.addWidget(again)
    again.show()
    with qtbot.waitActive(again):
        again.activateWindow()
    again.table.setFocus(Qt.FocusReason.TabFocusReason)  # Qt makes row 0 current: no choice
    assert not [d for d in dialogs.shown if d[0] == "confirm"]
    assert again.form.ring_counter.value() == 1 and again.form.editing_id() == ""
    assert again.form.is_modified()
