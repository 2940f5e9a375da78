"""The walk-through: models, keyboard walk, verdicts, notes, undo, evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from auditor_app.audit.verdicts import Verdict
from auditor_app.store import audits as audit_store
from auditor_app.store import findings as finding_store
from tests.core.images import jpeg_with_exif, truncated_jpeg
from ui.pages.walkthrough import WalkthroughPage
from ui.widgets.finding_panel import NOTE_DEBOUNCE_MS


def make_page(qtbot: Any, session: Any) -> WalkthroughPage:
    page = WalkthroughPage(session)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    with qtbot.waitActive(page):  # shortcuts only fire in the active window
        page.show()
        page.activateWindow()
    session.audit_opened.emit(session.audit_id)
    return page


def unvisited_site(session: Any) -> Any:
    return next(s for s in audit_store.sites(session.ws, session.audit_id) if "Verdun" in s.name)


def test_models_pass_the_model_tester(qtbot: Any, qtmodeltester: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    qtmodeltester.check(page.tree_model)
    qtmodeltester.check(page.list_model)


def test_tree_counts_and_branches(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    model = page.tree_model
    labels = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert labels[0].startswith("Hôtel de Région – Strasbourg")
    assert any(label.startswith("Organisation") for label in labels)
    assert any(label.startswith("Dispositif : Pass Export") for label in labels)
    total = len(finding_store.findings(session.ws, session.audit_id))
    assert sum(model.node(model.index(r, 0)).total for r in range(model.rowCount())) == total


def select_site(page: WalkthroughPage, site_name: str) -> None:
    model = page.tree_model
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if model.node(index).label == site_name:
            page.tree.setCurrentIndex(index)
            return
    raise AssertionError(site_name)


def test_keyboard_only_walk_through_one_site(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    site = unvisited_site(session)
    select_site(page, site.name)
    rows = page.list_model.rowCount()
    assert rows > 10
    page.list.setFocus()
    for row in range(rows):
        assert page.list.currentIndex().row() == row
        if row == 3:
            qtbot.keyClick(page.list, Qt.Key.Key_5)  # NC mineure…
            qtbot.keyClick(page.list, Qt.Key.Key_Tab)  # …to the note
            focused = page.focusWidget()
            assert focused is page.panel.note  # Tab went from the list to the note
            qtbot.keyClicks(focused, "Horaires absents")
            qtbot.wait(NOTE_DEBOUNCE_MS + 200)
            page.list.setFocus()
        elif row == 4:
            qtbot.keyClick(page.list, Qt.Key.Key_2)
        else:
            qtbot.keyClick(page.list, Qt.Key.Key_1)
        qtbot.keyClick(page.list, Qt.Key.Key_Down)
    stored = finding_store.findings(session.ws, session.audit_id, site.id)
    assert all(f.verdict is not None for f in stored)
    ordered = page.list_model.findings()
    by_id = {f.id: f for f in stored}
    assert by_id[ordered[3].id].verdict is Verdict.NC_MINEURE
    assert by_id[ordered[3].id].note == "Horaires absents"
    assert by_id[ordered[4].id].verdict is Verdict.POINT_FORT
    assert by_id[ordered[0].id].verdict is Verdict.CONFORME
    assert "Verdun" in page.tree_model.data(page.tree.currentIndex())
    assert f"({rows}/{rows})" in page.tree_model.data(page.tree.currentIndex())


def test_next_unanswered_and_undo_redo(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    page.next_unanswered()
    current = page.current_finding()
    assert current is not None and current.verdict is None
    qtbot.keyClick(page.list, Qt.Key.Key_6)
    assert finding_store.get_finding(session.ws, current.id).verdict is Verdict.NC_MAJEURE
    session.undo_stack.undo()
    assert finding_store.get_finding(session.ws, current.id).verdict is None
    session.undo_stack.redo()
    assert finding_store.get_finding(session.ws, current.id).verdict is Verdict.NC_MAJEURE
    assert page.list_model.finding(page.list.currentIndex().row()).verdict is Verdict.NC_MAJEURE
    assert "⚠" in page.panel.problems.text()  # an NC without a note is flagged at once
    page.next_unanswered()
    after = page.current_finding()
    assert after is not None and after.id != current.id and after.verdict is None


def test_note_committed_on_leaving_the_field(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    page.next_unanswered()
    current = page.current_finding()
    assert current is not None and current.verdict is None
    page.panel.note.setFocus()
    qtbot.keyClicks(page.panel.note, "Accueil en travaux")
    page.list.setFocus()  # leaving the field commits at once, before the debounce
    assert finding_store.get_finding(session.ws, current.id).note == "Accueil en travaux"


def test_measure_from_dates_proposes_a_verdict(qtbot: Any, session: Any) -> None:
    from datetime import date

    from PySide6.QtCore import QDate

    page = make_page(qtbot, session)
    site = unvisited_site(session)
    target = next(
        f for f in finding_store.findings(session.ws, session.audit_id, site.id)
        if f.checkpoint_code == "E4.2.2"
    )  # fmt: skip
    page.select_finding(target.id)
    panel = page.panel
    assert panel.measure_box.isVisible() and panel.dates_row.isVisible()
    panel.sent.setDate(QDate(2026, 4, 2))
    panel.received.setDate(QDate(2026, 4, 14))
    qtbot.mouseClick(panel.from_dates, Qt.MouseButton.LeftButton)
    stored = finding_store.get_finding(session.ws, target.id)
    assert stored.measured_value == 7  # Verdun (55): Easter Monday off, 7 working days
    assert "seuil dépassé" in panel.proposal.text()
    qtbot.mouseClick(panel.apply_proposal, Qt.MouseButton.LeftButton)
    stored = finding_store.get_finding(session.ws, target.id)
    assert stored.verdict is Verdict.NC_MINEURE and "7 jours ouvrés" in stored.note
    assert date(2026, 4, 2) < date(2026, 4, 14)


def test_add_photo_in_a_worker_and_refuse_a_corrupt_one(
    qtbot: Any, session: Any, dialogs: Any, tmp_path: Path
) -> None:
    page = make_page(qtbot, session)
    page.next_unanswered()
    current = page.current_finding()
    assert current is not None and current.verdict is None
    good, bad = tmp_path / "guichet.jpg", tmp_path / "cassee.jpg"
    good.write_bytes(jpeg_with_exif())
    bad.write_bytes(truncated_jpeg())
    dialogs.files = [good, bad]
    strip = page.panel.evidence
    qtbot.mouseClick(strip.add_photo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: strip.pending == 0, timeout=10_000)
    evidence = finding_store.evidence_for(session.ws, current.id)
    assert [e.filename for e in evidence] == ["guichet.jpg"]
    assert strip.list.count() == 1
    errors = [d for d in dialogs.shown if d[0] == "error"]
    assert len(errors) == 1 and "cassee.jpg" in errors[0][2] and "intacts" in errors[0][2]
    assert page.list_model.finding(page.list.currentIndex().row()).evidence_count == 1


def test_pasting_an_empty_clipboard_says_so_and_adds_nothing(qtbot: Any, session: Any) -> None:
    from PySide6.QtGui import QGuiApplication

    page = make_page(qtbot, session)
    page.next_unanswered()
    current = page.current_finding()
    assert current is not None
    QGuiApplication.clipboard().clear()
    page.panel.evidence.paste_from_clipboard()
    assert "presse-papiers" in page.panel.evidence.status.text()
    assert finding_store.evidence_for(session.ws, current.id) == []


def test_note_typed_without_a_pause_is_still_committed(qtbot: Any, session: Any) -> None:
    from ui.widgets.finding_panel import NOTE_MAX_WAIT_MS

    page = make_page(qtbot, session)
    page.next_unanswered()
    current = page.current_finding()
    assert current is not None and current.verdict is None
    page.panel.note.setFocus()
    # 100 ms between keys never lets the 700 ms debounce fire: the deadline must.
    qtbot.keyClicks(page.panel.note, "x" * (NOTE_MAX_WAIT_MS // 100 + 8), delay=100)
    stored = finding_store.get_finding(session.ws, current.id).note
    assert stored.startswith("x" * (NOTE_MAX_WAIT_MS // 100 - 2))


def test_next_unanswered_stays_in_the_site_being_walked(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    site = unvisited_site(session)
    select_site(page, site.name)
    first = page.current_finding()
    assert first is not None and first.site_id == site.id
    qtbot.keyClick(page.list, Qt.Key.Key_1)
    qtbot.keyClick(page.list, Qt.Key.Key_N)
    following = page.current_finding()
    assert following is not None and following.site_id == site.id
    assert page.list.currentIndex().row() == 1  # the next row of the same list


def test_undo_shows_the_finding_it_changes(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    page.next_unanswered()
    target = page.current_finding()
    assert target is not None and target.verdict is None
    qtbot.keyClick(page.list, Qt.Key.Key_1)
    assert "—" in session.undo_stack.undoText() and target.checkpoint_code in (
        session.undo_stack.undoText()
    )
    page.next_unanswered()
    shown: list[str] = []
    session.show_finding_requested.connect(shown.append)
    session.undo_stack.undo()
    assert shown == [target.id]
    assert finding_store.get_finding(session.ws, target.id).verdict is None


def test_reopening_returns_to_the_last_point(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    site = unvisited_site(session)
    select_site(page, site.name)
    page.list.selectRow(5)
    chosen = page.current_finding()
    assert chosen is not None and chosen.site_id == site.id
    assert session.current_site_id == site.id
    again = make_page(qtbot, session)  # as after a restart: a new page opens the audit
    assert again.current_finding() is not None
    assert again.current_finding().id == chosen.id  # type: ignore[union-attr]


def test_ring_counter_and_stopwatch_fill_the_measure(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    site = unvisited_site(session)
    place = finding_store.findings(session.ws, session.audit_id, site.id)
    rings = next(f for f in place if f.checkpoint_code == "E2.2.1")
    page.select_finding(rings.id)
    counter = page.panel.rings
    assert counter.isVisible() and not page.panel.stopwatch.isVisible()
    for _ in range(7):
        qtbot.mouseClick(counter.add_button, Qt.MouseButton.LeftButton)
    assert finding_store.get_finding(session.ws, rings.id).measured_value == 7
    assert "seuil dépassé" in page.panel.proposal.text()

    wait = next(f for f in place if f.checkpoint_code == "E1.4.7")  # minutes at the counter
    page.select_finding(wait.id)
    watch = page.panel.stopwatch
    assert watch.isVisible() and not counter.isVisible()
    now = [1000.0]
    watch.clock = lambda: now[0]
    watch.start()
    now[0] += 126  # 2 min 6 s
    watch.stop()
    assert finding_store.get_finding(session.ws, wait.id).measured_value == 2.1


def test_moving_to_another_site_folds_the_branch_left_behind(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    first_of_site: dict[str, Any] = {}
    for f in finding_store.findings(session.ws, session.audit_id):
        if f.site_id:
            first_of_site.setdefault(f.site_id, f)
    a, b = list(first_of_site.values())[:2]

    def top(fid: str) -> Any:
        index = page.tree_model.index_of_finding(fid)
        while index.parent().isValid():
            index = index.parent()
        return index

    page.select_finding(a.id)
    page.tree.setCurrentIndex(page.tree_model.index_of_finding(a.id))
    page.tree.scrollTo(page.tree.currentIndex())
    assert page.tree.isExpanded(top(a.id))
    page.select_finding(b.id)
    assert page.current_finding() is not None and page.current_finding().id == b.id
    assert not page.tree.isExpanded(top(a.id))
    assert page.tree.isExpanded(top(b.id))


def test_arrow_keys_move_in_the_tree_and_keep_the_focus_there(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    page.tree.setFocus()
    page.tree.setCurrentIndex(page.tree_model.index(0, 0))
    first = page.tree.currentIndex()
    for _ in range(3):
        qtbot.keyClick(page.tree, Qt.Key.Key_Down)
        assert page.focusWidget() is page.tree
    assert page.tree.currentIndex() != first
    assert page.list_model.rowCount() > 0  # the list follows the tree


def test_a_site_whose_closing_meeting_is_signed_is_shown_frozen(qtbot: Any, session: Any) -> None:
    from auditor_app import closing_meeting as meeting

    site = unvisited_site(session)
    strokes = [[(1.0, 1.0), (20.0, 5.0)]]
    meeting.sign(session.ws, session.audit_id, site.id, [
        meeting.Signer("representative", "Mme Roux", strokes),
        meeting.Signer("auditor", "Claire Martin", strokes),
    ])  # fmt: skip
    page = make_page(qtbot, session)
    select_site(page, site.name)
    page.list.setFocus()
    panel = page.panel
    assert panel.frozen.isVisible() and "Réunion de clôture signée le" in panel.frozen.text()
    assert not panel.verdicts.button(0).isEnabled() and panel.note.isReadOnly()
    strip = panel.evidence
    assert not any(b.isEnabled() for b in (strip.add_photo, strip.paste, strip.remove))
    fid = page.list_model.findings()[0].id
    qtbot.keyClick(page.list, Qt.Key.Key_1)  # a verdict key: nothing changes, nothing fails
    assert finding_store.get_finding(session.ws, fid).verdict is None
    assert session.undo_stack.count() == 0


def test_tab_reaches_the_measured_value_then_the_note(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    measured = next(
        f for f in finding_store.findings(session.ws, session.audit_id)
        if page._ref.checkpoint(f.checkpoint_code).measure is not None
    )  # fmt: skip
    page.select_finding(measured.id)
    assert page.panel.value.isVisible()
    qtbot.keyClick(page.list, Qt.Key.Key_Tab)
    assert page.focusWidget() is page.panel.value
    qtbot.keyClick(page.panel.value, Qt.Key.Key_Tab)
    assert page.focusWidget() is page.panel.note
