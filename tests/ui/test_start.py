"""The start page: the audits with their progress, Enter opens, clone, the demo when empty."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from auditor_app.audit.scoring import tally
from auditor_app.demo import DEMO_REFERENCE
from auditor_app.store import audits, findings
from auditor_app.store.workspace import Workspace
from tests.ui.conftest import DialogRecorder
from ui.pages.new_audit import NewAuditWizard
from ui.pages.start import AuditListModel, StartPage, next_reference
from ui.session import Session


def make_page(qtbot: Any, session: Session) -> StartPage:
    page = StartPage(session)
    qtbot.addWidget(page)
    page.activate()
    return page


def row_texts(page: StartPage, row: int = 0) -> list[str]:
    return [page.proxy.index(row, c).data() for c in range(page.proxy.columnCount())]


def test_lists_the_demo_audit_with_its_progress(
    qtbot: Any, session: Session, qtmodeltester: Any
) -> None:
    page = make_page(qtbot, session)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    audit = audits.find_audit(session.ws, DEMO_REFERENCE)
    progress = tally(findings.findings(session.ws, audit.id)).progress
    assert progress is not None and 0.5 < progress < 0.8
    assert page.stack.currentIndex() == 0
    assert row_texts(page) == [
        DEMO_REFERENCE, audit.organisation, "En cours", "16/11/2026 – 04/12/2026",
        f"{round(progress * 100)} %", "21",
    ]  # fmt: skip
    assert page.selected_id() == audit.id  # the open audit is chosen, in bold
    assert page.model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert page.open_button.isEnabled() and page.clone_button.isEnabled()


def test_enter_opens_the_chosen_audit(qtbot: Any, session: Session) -> None:
    page = make_page(qtbot, session)
    page.table.setFocus()
    with qtbot.waitSignal(session.audit_opened) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [audits.find_audit(session.ws, DEMO_REFERENCE).id]
    with qtbot.waitSignal(session.audit_opened):
        page.open_button.click()


def test_clone_with_observations_shows_the_clone(
    qtbot: Any, session: Session, dialogs: DialogRecorder
) -> None:
    page = make_page(qtbot, session)
    source = audits.find_audit(session.ws, DEMO_REFERENCE)
    dialogs.text_answer = " DEMO-VDR-2027 "
    dialogs.confirm_answer = True
    page.clone_button.click()

    clone = audits.find_audit(session.ws, "DEMO-VDR-2027")
    assert (clone.status, clone.cloned_from) == ("draft", source.id)
    assert page.model.rowCount() == 2
    assert page.selected_id() == clone.id
    texts = row_texts(page, page.table.currentIndex().row())
    assert texts[0] == "DEMO-VDR-2027" and texts[2] == "Brouillon" and texts[4] == "0 %"
    carried = findings.findings(session.ws, clone.id)
    assert all(f.verdict is None for f in carried)
    assert any(f.note for f in carried)  # observations kept for the next cycle
    assert [kind for kind, *_ in dialogs.shown] == ["confirm"]


def test_clone_refuses_a_reference_already_taken(
    qtbot: Any, session: Session, dialogs: DialogRecorder
) -> None:
    page = make_page(qtbot, session)
    dialogs.text_answer = DEMO_REFERENCE.lower()
    page.clone_button.click()
    assert len(audits.list_audits(session.ws)) == 1
    kind, _, text = dialogs.shown[-1]
    assert kind == "warning" and "déjà prise" in text
    dialogs.text_answer = None  # cancelled: nothing asked, nothing done
    dialogs.shown.clear()
    page.clone_button.click()
    assert dialogs.shown == [] and len(audits.list_audits(session.ws)) == 1


def test_next_reference_suggests_the_next_cycle() -> None:
    assert next_reference("DEMO-VDR-2026") == "DEMO-VDR-2027"
    assert next_reference("AUD-2025-014") == "AUD-2026-014"
    assert next_reference("Mairie X") == "Mairie X-2"


def test_filter_and_refresh_when_audit_data_changes(qtbot: Any, session: Session) -> None:
    page = make_page(qtbot, session)
    page.show()
    audits.clone_audit(session.ws, session.audit_id or "", reference="AUTRE-1",
                       with_observations=False)  # fmt: skip
    session.data_changed()
    assert page.model.rowCount() == 2
    qtbot.keyClicks(page.search, "autre")
    assert page.proxy.rowCount() == 1 and row_texts(page)[0] == "AUTRE-1"
    page.table.sortByColumn(AuditListModel.PROGRESS, Qt.SortOrder.DescendingOrder)
    page.search.clear()
    assert row_texts(page)[0] == DEMO_REFERENCE


def test_empty_workspace_offers_the_demo(qtbot: Any, workspace: Workspace) -> None:
    session = Session(workspace)
    page = make_page(qtbot, session)
    assert page.model.rowCount() == 0
    assert page.stack.currentIndex() == 1
    assert page.demo_button.isVisibleTo(page) and page.empty_new_button.isVisibleTo(page)
    with qtbot.waitSignal(session.audit_opened, timeout=30_000) as opened:
        page.demo_button.click()
    assert opened.args == [audits.find_audit(workspace, DEMO_REFERENCE).id]
    assert page.stack.currentIndex() == 0 and page.model.rowCount() == 1
    assert workspace.actor == "Claire Martin"  # the demo's fictional auditors do not stick


def test_new_audit_opens_the_wizard(qtbot: Any, workspace: Workspace) -> None:
    page = make_page(qtbot, Session(workspace))
    page.empty_new_button.click()
    wizard = page.wizard
    assert isinstance(wizard, NewAuditWizard) and wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.audit_page.grids_loaded)
    wizard.reject()
    assert page.wizard is None
