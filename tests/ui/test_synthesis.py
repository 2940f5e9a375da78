"""The synthesis page over the demo: tables, matrix, level proposal, blockers, refresh."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from auditor_app.audit.readiness import BlockerKind
from auditor_app.audit.verdicts import Verdict
from auditor_app.overview import overview
from auditor_app.store import audits as audit_store
from auditor_app.store import findings as finding_store
from ui.pages import synthesis
from ui.pages.synthesis import FINDING_ROLE, SynthesisPage
from ui.widgets.matrix import STATE_ROLE, MatrixModel, cell_state


def make_page(qtbot: Any, session: Any, show: bool = True) -> SynthesisPage:
    page = SynthesisPage(session)
    qtbot.addWidget(page)
    page.resize(1176, 700)
    if show:
        page.show()
    page.activate()
    return page


def find_cell(model: MatrixModel, criterion: str, site_name: str) -> Any:
    rows = [r for r in range(model.rowCount()) if model.headerData(r, Qt.Orientation.Vertical)
            == criterion]  # fmt: skip
    columns = [
        c for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == site_name
    ]  # fmt: skip
    return model.index(rows[0], columns[0])


def test_shows_the_demos_level_proposal_and_engagements(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)

    assert "Niveau proposé : Bronze" in page.level.text()
    assert "Niveau visé : Argent" in page.level.text()
    assert "Argent — non atteint" in page.level_details.text()
    assert "Au plus 5 non-conformités mineures" in page.level_details.text()
    model = page.engagement_model
    assert model.rowCount() == 8
    first = [model.index(0, c).data() for c in range(model.columnCount())]
    assert first[0].startswith("1. ")
    assert first[1] == "179 / 298" and first[2] == "60,1 %"
    assert page.site_model.rowCount() == 22  # 21 sites and the organisation
    assert "Globalement" in page.survey_details.text()
    assert page.tabs.tabText(page.blockers_tab) == "Avant signature (309)"


def test_models_pass_the_model_tester(qtbot: Any, qtmodeltester: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    for model in (page.engagement_model, page.site_model, page.matrix_model,
                  page.blocker_model, page.blocker_proxy):  # fmt: skip
        qtmodeltester.check(model)


def test_matrix_colours_cells_by_their_worst_verdict(qtbot: Any, session: Any) -> None:
    ws, audit_id = session.ws, session.audit_id
    site = audit_store.sites(ws, audit_id)[0]
    target = next(
        f for f in finding_store.findings(ws, audit_id, site.id) if f.checkpoint_code == "E3.2.2"
    )
    finding_store.update_finding(ws, target.id, verdict=Verdict.NC_MAJEURE, note="Aucun accueil")
    page = make_page(qtbot, session)
    model = page.matrix_model

    cell = find_cell(model, "E3.2", site.name)
    assert cell.data(STATE_ROLE) == "nc_majeure"
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == QColor("#b71c1c")
    assert cell.data(Qt.ItemDataRole.ForegroundRole).color() == QColor("#ffffff")
    assert "1 NC majeure(s)" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "Aucun niveau ne peut être proposé" in page.level.text()

    unvisited = find_cell(model, "E3.2", "Maison de la Région – Verdun")
    assert unvisited.data() == "0/1" and unvisited.data(STATE_ROLE) == "unanswered"
    assert unvisited.data(Qt.ItemDataRole.BackgroundRole) is None  # palette colours
    states = {
        model.index(r, c).data(STATE_ROLE)
        for r in range(model.rowCount()) for c in range(model.columnCount())
    }  # fmt: skip
    assert {"nc_mineure", "point_sensible", "conforming", "partial"} <= states

    page.matrix_view.setCurrentIndex(cell)
    assert site.name in page.matrix_details.text()
    assert "Non-conformité majeure" in page.matrix_details.text()


def test_cell_state_order() -> None:
    from auditor_app.audit.scoring import Tally

    assert cell_state(Tally(expected=3, answered=3, conforme=2, point_sensible=1)) == (
        "point_sensible"
    )
    assert cell_state(Tally(expected=3, answered=2, conforme=1, nc_mineure=1)) == "nc_mineure"
    assert cell_state(Tally(expected=3, answered=1, point_fort=1)) == "partial"
    assert cell_state(Tally(expected=2, answered=2, non_applicable=2)) == "conforming"
    assert cell_state(Tally(expected=2)) == "unanswered"


def test_activating_a_blocker_asks_to_show_its_finding(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    first = page.blocker_proxy.index(0, 0)
    expected = first.data(FINDING_ROLE)
    assert "sans note" in first.data()  # problems first, unanswered points last

    with qtbot.waitSignal(session.show_finding_requested) as signal:
        page.blocker_view.activated.emit(first)
    assert signal.args == [expected]

    page.blocker_view.setCurrentIndex(first)  # the keyboard way: Enter on the row
    with qtbot.waitSignal(session.show_finding_requested) as signal:
        qtbot.keyClick(page.blocker_view, Qt.Key.Key_Return)
    assert signal.args == [expected]

    second = page.blocker_proxy.index(1, 0)
    page.blocker_view.setCurrentIndex(second)
    assert page.open_button.isEnabled()
    with qtbot.waitSignal(session.show_finding_requested) as signal:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert signal.args == [second.data(FINDING_ROLE)]


def test_blockers_can_be_filtered_by_kind(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    blockers = overview(session.ws, session.audit_id).blockers
    row = page.blocker_filter.findData(BlockerKind.NC_WITHOUT_EVIDENCE.value)
    assert page.blocker_filter.itemText(row).startswith("Non-conformités sans preuve (")

    page.blocker_filter.setCurrentIndex(row)

    shown = [page.blocker_proxy.index(r, 0).data(FINDING_ROLE)
             for r in range(page.blocker_proxy.rowCount())]  # fmt: skip
    wanted = [b.finding_id for b in blockers if b.kind is BlockerKind.NC_WITHOUT_EVIDENCE]
    assert shown == wanted and len(shown) == 4
    page.refresh()  # the chosen kind survives a refresh
    assert page.blocker_filter.currentData() == BlockerKind.NC_WITHOUT_EVIDENCE.value


@pytest.fixture
def overview_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def counting(ws: Any, audit_id: str) -> Any:
        calls.append(audit_id)
        return overview(ws, audit_id)

    monkeypatch.setattr(synthesis, "overview", counting)
    return calls


def test_changes_refresh_once_after_a_pause_while_visible(
    qtbot: Any, session: Any, overview_calls: list[str]
) -> None:
    page = make_page(qtbot, session)
    assert len(overview_calls) == 1
    unanswered = [f for f in finding_store.findings(session.ws, session.audit_id)
                  if f.verdict is None][:3]  # fmt: skip
    for finding in unanswered:
        session.update_finding(finding.id, verdict=Verdict.CONFORME)
    assert len(overview_calls) == 1  # debounced: nothing yet
    qtbot.waitUntil(lambda: len(overview_calls) == 2, timeout=3000)
    assert page.engagement_model.rowCount() == 8
    assert "556 constats renseignés" not in page.facts.text()
    assert "562 constats renseignés sur 859" in page.facts.text()
    qtbot.wait(synthesis.REFRESH_DEBOUNCE_MS + 100)
    assert len(overview_calls) == 2  # one refresh for the burst


def test_a_hidden_page_waits_for_activate(
    qtbot: Any, session: Any, overview_calls: list[str]
) -> None:
    page = make_page(qtbot, session, show=False)
    session.data_changed()
    qtbot.wait(synthesis.REFRESH_DEBOUNCE_MS + 100)
    assert len(overview_calls) == 1
    page.activate()
    assert len(overview_calls) == 2


def test_without_an_audit_the_page_says_so(qtbot: Any, session: Any) -> None:
    session.audit_id = None
    page = make_page(qtbot, session)
    assert "Ouvrez un audit" in page.facts.text()
    assert not page.tabs.isEnabled()
