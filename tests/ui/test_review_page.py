"""The lead's review page over the demo: filters, decisions, history, conflicts, divergences."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from auditor_app import review
from auditor_app.audit.verdicts import Verdict
from auditor_app.identity.certificate import create_identity, read_pkcs12
from auditor_app.package.merge import add_certificate, import_package
from auditor_app.package.writer import export_package
from auditor_app.store import audits as audit_store
from auditor_app.store import findings as finding_store
from auditor_app.store.workspace import Workspace
from tests.ui.conftest import DialogRecorder
from ui import dialogs as dialog_module
from ui.models import state_text_colour
from ui.pages import review as review_page
from ui.pages.review import FETCH_BATCH, ReviewPage

JULIEN = "Julien Lefèvre"


def make_page(qtbot: Any, session: Any) -> ReviewPage:
    page = ReviewPage(session)
    qtbot.addWidget(page)
    page.resize(1216, 700)
    page.show()
    page.activate()
    return page


def shown(page: ReviewPage) -> list[review.ReviewItem]:
    """Every row of the table, fetching the lazy rest first."""
    while page.model.canFetchMore():
        page.model.fetchMore()
    return [page.model.item(r) for r in range(page.model.rowCount())]


def select(page: ReviewPage, fid: str) -> None:
    page.table.setCurrentIndex(page.model.index(page.model.row_of(fid), 0))
    assert page.current_item() is not None and page.current_item().finding.id == fid


def choose(combo: Any, data: Any) -> None:
    row = combo.findData(data)
    assert row >= 0, f"{data!r} is not among the choices"
    combo.setCurrentIndex(row)


@pytest.fixture
def ask(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Answers for dialogs.ask_choice_and_text (a verdict label and a text), one per call."""
    answers: list[Any] = []

    def answer(parent: Any, title: str, choice_label: str, choices: list[str], *a: Any,
               **k: Any) -> tuple[int, str] | None:  # fmt: skip
        given = answers.pop(0)
        return None if given is None else (choices.index(given[0]), given[1])

    monkeypatch.setattr(dialog_module, "ask_choice_and_text", answer)
    return answers


@dataclass
class Lead:
    """The lead's workspace after importing Julien's package: what changed where."""

    session: Any
    conflicted: str  # changed by the lead, then by Julien: a conflict, Julien's kept
    received: str  # changed by Julien only: his change arrives with the package


@pytest.fixture
def lead(session: Any, demo_template: Path, tmp_path: Path) -> Lead:
    """Julien works on a copy of the demo while the lead changes one of the same findings;
    the lead then imports Julien's signed package."""
    audit_id = session.audit_id
    claire = [f for f in finding_store.findings(session.ws, audit_id)
              if f.author == "Claire Martin"]  # fmt: skip
    conflicted, received = claire[0].id, claire[1].id
    finding_store.update_finding(session.ws, conflicted, verdict=Verdict.POINT_FORT,
                                 note="Accueil nominatif (Claire)")  # fmt: skip
    p12 = tmp_path / "julien.p12"
    create_identity(JULIEN, "julien@example.fr", "Certif", p12, b"secret")
    identity = read_pkcs12(p12, b"secret")
    copy = tmp_path / "julien"
    shutil.copytree(demo_template, copy, ignore=shutil.ignore_patterns(".lock*"))
    with Workspace(copy, actor=JULIEN) as ws:
        finding_store.update_finding(ws, conflicted, verdict=Verdict.NC_MINEURE,
                                     note="Badge absent (Julien)")  # fmt: skip
        finding_store.update_finding(ws, received, note="Affichage à revoir (Julien)")
        package = tmp_path / "julien.spaudit"
        export_package(ws, audit_id, package, identity)
    add_certificate(session.ws, identity.identity.certificate_pem, source="test")
    result = import_package(session.ws, package, before_merge=lambda: None)
    assert result.conflicts == 1
    return Lead(session, conflicted, received)


def test_filters_narrow_the_table(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    ws, audit_id = session.ws, session.audit_id
    everything = review.consolidated(ws, audit_id)
    assert len(shown(page)) == len(everything) == 559
    assert page.count.text() == "559 constats"
    assert page.tabs.tabText(page.findings_tab) == "Constats (559)"

    site = audit_store.sites(ws, audit_id)[1]
    choose(page.site_filter, site.id)
    rows = shown(page)
    assert rows and {i.site_name for i in rows} == {site.name}
    assert len(rows) == len(review.consolidated(ws, audit_id, site_id=site.id))
    assert page.count.text() == f"{len(rows)} constats sur 559"

    choose(page.author_filter, JULIEN if rows[0].author == JULIEN else "Claire Martin")
    assert len(shown(page)) == len(rows)  # one auditor per site in the demo
    choose(page.site_filter, None)
    choose(page.verdict_filter, Verdict.NC_MINEURE.value)
    expected = review.consolidated(ws, audit_id, verdict=Verdict.NC_MINEURE,
                                   author=page.author_filter.currentData())  # fmt: skip
    assert [i.finding.id for i in shown(page)] == [i.finding.id for i in expected]
    assert all(i.finding.verdict is Verdict.NC_MINEURE for i in shown(page))

    choose(page.author_filter, None)
    choose(page.engagement_filter, 1)
    assert {i.engagement for i in shown(page)} == {1}
    assert len(shown(page)) == len(review.consolidated(ws, audit_id, engagement=1,
                                                       verdict=Verdict.NC_MINEURE))  # fmt: skip

    choose(page.state_filter, "accept")
    assert shown(page) == [] and page.no_findings.isVisible()
    assert page.no_findings.text() == "Aucun constat ne correspond à ces filtres."
    assert page.count.text() == "0 constat sur 559"
    for combo in (page.state_filter, page.engagement_filter, page.verdict_filter):
        combo.setCurrentIndex(0)  # « Tous »
    assert len(shown(page)) == 559


def test_the_table_is_lazy_and_sortable(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    model = page.model
    assert model.rowCount() == FETCH_BATCH and model.canFetchMore()
    last = review.consolidated(session.ws, session.audit_id)[-1].finding.id
    select(page, last)  # reaching a finding hands its rows to the view
    assert model.rowCount() == 559

    page.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # verdict, worst first
    assert shown(page)[0].finding.verdict is Verdict.NC_MINEURE  # the demo has no NC majeure
    assert page.current_item() is not None and page.current_item().finding.id == last
    page.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    codes = [i.finding.checkpoint_code for i in shown(page)]
    assert codes.index("E1.1.3") < codes.index("E1.4.3")


def test_models_pass_the_model_tester(qtbot: Any, qtmodeltester: Any, lead: Lead) -> None:
    page = make_page(qtbot, lead.session)
    qtmodeltester.check(page.model)
    choose(page.state_filter, "accept")  # and empty
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.matrix_model)


def test_the_row_shows_the_finding_and_its_markers(qtbot: Any, lead: Lead) -> None:
    page = make_page(qtbot, lead.session)
    row = page.model.row_of(lead.conflicted)
    values = [page.model.index(row, c).data() for c in range(page.model.columnCount())]
    # Julien's NC on E1.1.1 also makes that point divergent: Claire found it conforming.
    assert values[1:] == ["E1.1.1", "Accueil", "NC mineure", JULIEN, "À revoir", "⚠", "≠"]
    verdict = page.model.index(row, 3)
    # The walk-through's readable text colour for a non-conformity.
    assert verdict.data(Qt.ItemDataRole.ForegroundRole) == state_text_colour("nc")
    assert page.model.index(row, 6).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Conflit à arbitrer"
    )
    plain = next(i for i in shown(page) if not i.divergent and not i.conflict)
    assert [page.model.index(page.model.row_of(plain.finding.id), c).data()
            for c in (6, 7)] == ["", ""]  # fmt: skip

    select(page, lead.conflicted)
    assert page.heading.text().startswith("E1.1.1 — ")
    assert page.verdict.text() == "Non-conformité mineure"
    assert page.note.text() == "Badge absent (Julien)"
    assert "conflit à arbitrer" in page.markers.text()
    assert page.conflict_button.isVisibleTo(page)


@pytest.mark.parametrize(
    ("decision", "comment"),
    [("accept", ""), ("changes_requested", "Ajoutez une photo du hall"),
     ("comment", "Vu avec le site")],
)  # fmt: skip
def test_each_decision_is_recorded_and_the_next_finding_comes(
    qtbot: Any, session: Any, decision: str, comment: str
) -> None:
    page = make_page(qtbot, session)
    first, second = shown(page)[:2]
    select(page, first.finding.id)
    page.comment.setPlainText(comment)
    with qtbot.waitSignal(session.saved):
        qtbot.mouseClick(page.decision_buttons[decision], Qt.MouseButton.LeftButton)
    states = review.review_states(session.ws, session.audit_id)
    assert states[first.finding.id] == (decision, comment)
    assert page.current_item().finding.id == second.finding.id
    assert page.comment.toPlainText() == ""
    row = page.model.row_of(first.finding.id)
    assert page.model.index(row, 5).data() == review.STATE_LABELS[decision]

    choose(page.state_filter, decision)
    assert [i.finding.id for i in shown(page)] == [first.finding.id]


def test_reclassify_asks_the_verdict_and_justification(
    qtbot: Any, session: Any, ask: list[Any]
) -> None:
    page = make_page(qtbot, session)
    target = next(i for i in shown(page) if i.finding.verdict is Verdict.NC_MINEURE)
    select(page, target.finding.id)
    ask.append(("Piste de progrès", "Écart ponctuel, corrigé pendant la visite"))
    seen: list[str] = []
    session.finding_changed.connect(seen.append)
    page.decide("reclassify")

    finding = finding_store.get_finding(session.ws, target.finding.id)
    assert finding.verdict is Verdict.PISTE_DE_PROGRES
    assert review.review_states(session.ws, session.audit_id)[finding.id] == (
        "reclassify", "Écart ponctuel, corrigé pendant la visite"
    )  # fmt: skip
    assert seen == [finding.id]  # the walk-through and the synthesis follow
    select(page, finding.id)
    history = page.history.toPlainText()
    assert "Verdict : Non-conformité mineure → Piste de progrès" in history
    assert "Motif : reclassement : Écart ponctuel, corrigé pendant la visite" in history
    assert "Revue : Reclassé" in history


def test_reclassify_without_justification_shows_the_error_and_changes_nothing(
    qtbot: Any, session: Any, ask: list[Any], dialogs: DialogRecorder
) -> None:
    page = make_page(qtbot, session)
    target = shown(page)[0]
    select(page, target.finding.id)
    ask.append(("Non-conformité majeure", "   "))
    page.decide("reclassify")

    assert dialogs.shown == [(
        "error", "Revue non enregistrée",
        "Un reclassement demande le nouveau verdict et une justification.\n\n"
        "Vos saisies précédentes sont intactes.",
    )]  # fmt: skip
    assert finding_store.get_finding(session.ws, target.finding.id).verdict is (
        target.finding.verdict
    )
    assert review.review_states(session.ws, session.audit_id) == {}
    assert page.current_item().finding.id == target.finding.id  # still there, to try again

    ask.append(None)  # cancelled: nothing asked of the core
    page.decide("reclassify")
    assert len(dialogs.shown) == 1


def test_asking_for_changes_needs_a_comment(
    qtbot: Any, session: Any, dialogs: DialogRecorder
) -> None:
    page = make_page(qtbot, session)
    first = shown(page)[0]
    select(page, first.finding.id)
    page.decide("changes_requested")
    assert dialogs.shown[0][2].startswith("Écrivez le commentaire destiné à l'auditeur.")
    assert review.review_states(session.ws, session.audit_id) == {}


def test_keyboard_shortcuts_decide(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    with qtbot.waitActive(page):  # shortcuts only fire in the active window
        page.activateWindow()
    first, second = shown(page)[:2]
    select(page, first.finding.id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert review.review_states(session.ws, session.audit_id)[first.finding.id][0] == "accept"
    assert page.current_item().finding.id == second.finding.id

    page.comment.setFocus()
    qtbot.keyClicks(page.comment, "Photo du hall")  # QTest types ASCII only
    qtbot.keyClick(page.comment, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert review.review_states(session.ws, session.audit_id)[second.finding.id] == (
        "changes_requested", "Photo du hall"
    )  # fmt: skip
    third = page.current_item()
    qtbot.keyClicks(page.comment, "Vu")
    shift_control = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.comment, Qt.Key.Key_Return, shift_control)
    assert review.review_states(session.ws, session.audit_id)[third.finding.id] == ("comment", "Vu")
    qtbot.keyClicks(page.comment, "Bien")  # Ctrl+Enter from the comment box: accepted with it
    qtbot.keyClick(page.comment, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(review.review_states(session.ws, session.audit_id)) == 4
    assert ("accept", "Bien") in review.review_states(session.ws, session.audit_id).values()


def test_history_shows_the_imported_change_with_its_origin(qtbot: Any, lead: Lead) -> None:
    page = make_page(qtbot, lead.session)
    select(page, lead.received)
    history = page.history.toPlainText()
    assert f"{JULIEN} · Modification · reçu de {JULIEN}" in history
    assert "Note : — → « Affichage à revoir (Julien) »" in history
    assert "Claire Martin · Intégration d'un paquet" in history
    assert f"de {JULIEN}" in history
    assert history.index("Verdict : — → Conforme") < history.index("reçu de")  # oldest first

    select(page, lead.conflicted)
    history = page.history.toPlainText()
    assert "Conflit à l'import" in history
    assert "Version écartée : Verdict : Point fort" in history


def test_the_conflict_is_shown_side_by_side(qtbot: Any, lead: Lead) -> None:
    page = make_page(qtbot, lead.session)
    assert page.tabs.tabText(page.conflicts_tab) == "Conflits (1)"
    assert page.conflict_list.count() == 1
    assert page.conflict_list.item(0).text().startswith("E1.1.1 — ")
    table = page.conflict_table
    header = [table.horizontalHeaderItem(c).text() for c in range(3)]
    assert header[0] == "Champ"
    assert header[1].startswith(f"Version gardée ({JULIEN}, ")
    assert header[2].startswith("Autre version (Claire Martin, ")  # each with when it was made
    rows = {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
            for r in range(table.rowCount())}  # fmt: skip
    assert rows["Verdict"] == ("Non-conformité mineure", "Point fort")
    assert rows["Note"] == ("« Badge absent (Julien) »", "« Accueil nominatif (Claire) »")

    select(page, lead.conflicted)  # from the finding to its conflict
    qtbot.mouseClick(page.conflict_button, Qt.MouseButton.LeftButton)
    assert page.tabs.currentIndex() == page.conflicts_tab


@pytest.mark.parametrize(
    ("choice", "verdict", "note"),
    [("kept", Verdict.NC_MINEURE, "Badge absent (Julien)"),
     ("other", Verdict.POINT_FORT, "Accueil nominatif (Claire)"),
     ("edited", Verdict.POINT_SENSIBLE, "Badge porté par un agent sur deux")],
)  # fmt: skip
def test_resolving_the_conflict_changes_the_finding_and_empties_the_list(
    qtbot: Any, lead: Lead, ask: list[Any], choice: str, verdict: Verdict, note: str
) -> None:
    session = lead.session
    page = make_page(qtbot, session)
    page.tabs.setCurrentIndex(page.conflicts_tab)
    buttons = {"kept": page.keep_button, "other": page.other_button, "edited": page.edit_button}
    ask.append(("Point sensible", note))
    with qtbot.waitSignal(session.finding_changed):
        qtbot.mouseClick(buttons[choice], Qt.MouseButton.LeftButton)

    finding = finding_store.get_finding(session.ws, lead.conflicted)
    assert (finding.verdict, finding.note) == (verdict, note)
    assert review.conflicts(session.ws, session.audit_id) == []
    assert page.conflict_list.count() == 0
    assert page.conflict_stack.currentWidget() is page.no_conflicts
    assert page.no_conflicts.text() == "Aucun conflit à arbitrer"
    assert page.tabs.tabText(page.conflicts_tab) == "Conflits (0)"
    row = page.model.row_of(lead.conflicted)
    assert page.model.index(row, 6).data() == ""  # no more marker in the table
    (settled,) = review.conflicts(session.ws, session.audit_id, only_open=False)
    assert settled.status == "resolved"


def test_correcting_a_conflict_can_be_cancelled(qtbot: Any, lead: Lead, ask: list[Any]) -> None:
    page = make_page(qtbot, lead.session)
    ask.append(None)
    page.resolve("edited")
    assert len(review.conflicts(lead.session.ws, lead.session.audit_id)) == 1
    assert page.conflict_list.count() == 1


def test_the_divergence_banner_lists_and_filters(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    banner = page.banner
    assert banner.isVisible()
    assert banner.title.text() == "⚠ Deux auditeurs ont évalué différemment 8 points :"
    assert banner.list.count() == 8
    first = banner.list.item(0)
    assert first.text() == ("E1.1.3 · Accueil — Claire Martin : Conforme, NC mineure ; "
                            "Julien Lefèvre : Conforme, Point fort")  # fmt: skip
    choose(page.author_filter, JULIEN)  # the banner shows both auditors whatever the filters
    assert banner.list.count() == 8

    first = banner.list.item(0)
    rect = banner.list.visualItemRect(first)
    qtbot.mouseClick(banner.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    rows = shown(page)
    assert rows and {(i.finding.checkpoint_code, i.finding.channel) for i in rows} == {
        ("E1.1.3", "counter")
    }
    assert {i.author for i in rows} == {"Claire Martin", JULIEN}
    assert page.author_filter.currentData() is None
    assert page.count.text().endswith("(point E1.1.3, Accueil)")
    assert page.model.index(0, 7).data() == "≠"
    assert banner.show_all.isVisible()
    qtbot.mouseClick(banner.show_all, Qt.MouseButton.LeftButton)
    assert len(shown(page)) == 559 and not banner.show_all.isVisible()


def test_no_divergence_no_banner(qtbot: Any, session: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(review_page.review, "divergences", lambda findings: [])
    page = make_page(qtbot, session)
    assert not page.banner.isVisible()


def test_follows_changes_made_elsewhere(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    first = shown(page)[0]
    session.update_finding(first.finding.id, verdict=Verdict.NC_MAJEURE, note="Aucun badge")
    qtbot.waitUntil(
        lambda: (
            page.model.item(page.model.row_of(first.finding.id)).finding.verdict
            is Verdict.NC_MAJEURE
        ),
        timeout=3000,
    )
    assert page.verdict.text() == "Non-conformité majeure"  # the detail shown follows too


def test_the_matrix_covers_the_team_and_each_auditor(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    model = page.matrix_model
    assert model.columnCount() == 22  # 21 sites and the organisation
    total = sum(model.cell(r, c).answered for r in range(model.rowCount())
                for c in range(model.columnCount()) if model.cell(r, c))  # fmt: skip
    assert total == 559
    choose(page.matrix_author, JULIEN)
    mine = sum(model.cell(r, c).answered for r in range(model.rowCount())
               for c in range(model.columnCount()) if model.cell(r, c))  # fmt: skip
    assert 0 < mine < total


def test_without_an_audit_the_page_says_so(qtbot: Any, session: Any) -> None:
    session.audit_id = None
    page = make_page(qtbot, session)
    assert page.empty.isVisible() and not page.tabs.isVisible()
    assert "Ouvrez un audit" in page.empty.text()


def test_the_main_window_lists_the_review_page(qtbot: Any, session: Any) -> None:
    from ui.main_window import REVIEW, MainWindow

    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    assert window.navigation.item(REVIEW).text() == "Revue"
    window.go_to(REVIEW)
    page = window.page(REVIEW)
    assert isinstance(page, ReviewPage) and window.current_page() is page and page.isVisible()
    assert page.model.rowCount() > 0


def test_the_dialog_asks_a_choice_and_a_text(qtbot: Any) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QComboBox, QPlainTextEdit

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.windowTitle() == "Reclasser le constat"
        dialog.findChild(QComboBox).setCurrentIndex(1)
        dialog.findChild(QPlainTextEdit).appendPlainText("corrigé sur place")
        dialog.accept()

    QTimer.singleShot(0, answer)
    got = dialog_module.ask_choice_and_text(
        None, "Reclasser le constat", "Nouveau verdict :", ["Point fort", "Piste de progrès"],
        "Justification :", text="Écart ponctuel",
    )  # fmt: skip
    assert got == (1, "Écart ponctuel\ncorrigé sur place")


def test_the_reclassify_dialog_waits_for_a_justification(qtbot: Any) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPlainTextEdit

    from ui import dialogs as dialog_module

    seen = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        box = dialog.findChild(QDialogButtonBox)
        accept = QDialogButtonBox.ButtonRole.AcceptRole
        ok = next(b for b in box.buttons() if box.buttonRole(b) == accept)
        seen.append(ok.isEnabled())  # blank: cannot validate, the verdict chosen stays
        dialog.findChild(QPlainTextEdit).setPlainText("   ")
        seen.append(ok.isEnabled())
        dialog.findChild(QPlainTextEdit).setPlainText("vu sur place")
        seen.append(ok.isEnabled())
        ok.click()

    QTimer.singleShot(0, answer)
    got = dialog_module.ask_choice_and_text(
        None, "Reclasser le constat", "Nouveau verdict :", ["Point fort", "Piste de progrès"],
        "Justification :", text_required=True,
    )  # fmt: skip
    assert seen == [False, False, True] and got == (0, "vu sur place")
