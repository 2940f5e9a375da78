"""The surveys page: counts edited in place, indicators and the national reference beside."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QSpinBox

from auditor_app.audit.model import SurveyCounts
from auditor_app.audit.surveys import GLOBAL_SATISFACTION_QUESTION, share_satisfied
from auditor_app.store import audits as audit_store
from auditor_app.store import observations
from auditor_app.store.workspace import StoreError
from tests.ui.test_mystery import assert_named_and_touchable
from ui.pages.surveys import IntervalBar, SurveyModel, SurveysPage


@pytest.fixture
def page(qtbot: Any, session: Any) -> SurveysPage:
    widget = SurveysPage(session)
    qtbot.addWidget(widget)
    widget.resize(1176, 700)
    widget.show()
    return widget


def stored(session: Any, question: str, population: str = "user") -> SurveyCounts:
    return next(c for c in observations.surveys(session.ws, session.audit_id, population)
                if c.question == question)  # fmt: skip


def type_count(qtbot: Any, page: SurveysPage, row: int, column: int, text: str) -> None:
    """Start editing a count with F2, type the number, confirm with Enter."""
    table = page.tables[page.current_population()]
    table.setFocus()
    table.setCurrentIndex(table.model().index(row, column))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QSpinBox)
    assert editor.accessibleName().startswith(
        table.model().headerData(column, Qt.Orientation.Horizontal)
    )
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_the_demo_surveys_and_their_indicators(page: SurveysPage, qtmodeltester: Any) -> None:
    users, agents = page.models["user"], page.models["agent"]
    assert (users.rowCount(), agents.rowCount()) == (5, 3)
    assert page.tabs.tabText(0) == "Enquête usagers (5)"
    qtmodeltester.check(users)
    qtmodeltester.check(agents)
    row = users.questions().index(GLOBAL_SATISFACTION_QUESTION)
    assert users.index(row, SurveyModel.SHARE).data() == "84,0 %\n[80,1 % ; 87,2 %], n = 412"
    assert (
        users.index(row, SurveyModel.SHARE)
        .data(Qt.ItemDataRole.ToolTipRole)
        .startswith("Au-dessus de la référence nationale (69 %)")
    )
    page.select_question("user", row)
    assert page.detail_title.text() == GLOBAL_SATISFACTION_QUESTION
    assert "Au-dessus de la référence nationale" in page.share_label.text()
    assert "Baromètre des services publics 2025" in page.source_label.text()


def test_editing_a_count_updates_the_indicators_and_persists(
    page: SurveysPage, session: Any, qtbot: Any
) -> None:
    users = page.models["user"]
    row = users.questions().index(GLOBAL_SATISFACTION_QUESTION)
    page.select_question("user", row)
    before = users.index(row, SurveyModel.SHARE).data()
    with qtbot.waitSignal(session.saved):
        type_count(qtbot, page, row, SurveyModel.SATISFIED, "100")
    with qtbot.waitSignal(session.saved):
        type_count(qtbot, page, row, SurveyModel.DISSATISFIED, "60")

    counts = stored(session, GLOBAL_SATISFACTION_QUESTION)
    assert (counts.satisfied, counts.neutral, counts.dissatisfied) == (100, 40, 60)
    text = users.index(row, SurveyModel.SHARE).data()
    assert text != before and text.startswith("50,0 %") and text.endswith("n = 200")
    # 50 % [43,1 % ; 56,9 %]: entirely below the national 69 %.
    assert "En dessous de la référence nationale" in page.share_label.text()
    assert page.share_label.text().startswith("Part d'usagers satisfaits : 50,0\u00a0%")
    assert "+20,0" in users.index(row, SurveyModel.NET).data()  # 50 % − 30 %


def test_add_a_question_then_its_counts(page: SurveysPage, session: Any, qtbot: Any) -> None:
    page.tabs.setCurrentIndex(1)
    assert page.add_button.text() == "Ajouter à l'enquête agents"
    assert not page.add_button.isEnabled()
    qtbot.keyClicks(page.question_edit, "Vos horaires vous conviennent-ils ?")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    question = "Vos horaires vous conviennent-ils ?"
    assert stored(session, question, "agent").total == 0
    agents = page.models["agent"]
    row = agents.questions().index(question)
    assert agents.index(row, SurveyModel.SHARE).data() == "non calculable (aucune réponse)"
    assert page.tabs.tabText(1) == "Enquête agents (4)"
    assert page.question_edit.text() == ""

    editor = QApplication.focusWidget()  # the satisfied count is open for typing at once
    assert isinstance(editor, QSpinBox)
    qtbot.keyClicks(editor, "30")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # leaving the cell commits it too
    assert stored(session, question, "agent").satisfied == 30
    assert "Pas de référence nationale" in page.share_label.text()


def test_adding_an_existing_question_keeps_its_counts(page: SurveysPage, session: Any) -> None:
    before = stored(session, GLOBAL_SATISFACTION_QUESTION)
    page.question_edit.setText(GLOBAL_SATISFACTION_QUESTION)
    page.add_button.click()
    assert stored(session, GLOBAL_SATISFACTION_QUESTION) == before
    assert page.models["user"].rowCount() == 5


def test_a_refused_count_is_not_shown(
    page: SurveysPage, session: Any, dialogs: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    users = page.models["user"]
    index = users.index(0, SurveyModel.NEUTRAL)
    assert not users.setData(index, -3)
    assert not users.setData(index, "beaucoup")

    def full_disk(*args: Any) -> None:
        raise StoreError("Disque plein.")

    monkeypatch.setattr(observations, "set_survey_counts", full_disk)
    before = index.data()
    assert not users.setData(index, 999)
    assert index.data() == before
    assert dialogs.shown[-1][0] == "error" and "Disque plein." in dialogs.shown[-1][2]


def test_models_pass_the_tester_empty_and_edited(qtmodeltester: Any) -> None:
    model = SurveyModel()
    qtmodeltester.check(model)
    model.set_rows([SurveyCounts("Q1", 10, 5, 2), SurveyCounts("Q2", 0, 0, 0, "agent")])
    assert model.setData(model.index(1, SurveyModel.SATISFIED), 4)
    assert model.counts_at(1).satisfied == 4
    assert model.flags(model.index(0, SurveyModel.QUESTION)) & Qt.ItemFlag.ItemIsEditable == (
        Qt.ItemFlag(0)
    )
    qtmodeltester.check(model)


def test_interval_bar_paints_offscreen(qtbot: Any) -> None:
    bar = IntervalBar()
    qtbot.addWidget(bar)
    bar.resize(400, bar.minimumHeight())
    bar.set_indicator(share_satisfied(SurveyCounts(GLOBAL_SATISFACTION_QUESTION, 350, 40, 22)))
    assert not bar.grab().isNull()
    assert bar.accessibleDescription().startswith("Au-dessus de la référence nationale")


def test_an_audit_without_surveys_says_so(qtbot: Any, session: Any) -> None:
    clone = audit_store.clone_audit(
        session.ws, session.audit_id, reference="SUITE-2029", with_observations=False
    )
    session.open_audit(clone.id)
    widget = SurveysPage(session)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.models["user"].rowCount() == 0
    assert widget.empty_labels["user"].isVisible()
    assert widget.detail_title.text().startswith("Sélectionnez une question")


def test_every_control_has_a_name_and_a_finger_sized_target(page: SurveysPage) -> None:
    assert_named_and_touchable(page)


def test_typing_a_figure_edits_that_cell_never_another_row(
    page: SurveysPage, session: Any, qtbot: Any
) -> None:
    table = page.tables[page.current_population()]
    model = table.model()
    questions = [model.index(r, SurveyModel.QUESTION).data() for r in range(model.rowCount())]
    before = {q: stored(session, q) for q in questions}
    table.setFocus()
    table.setCurrentIndex(model.index(0, SurveyModel.SATISFIED))
    table.keyboardSearch("3")  # what a quick first digit used to trigger
    assert table.currentIndex().row() == 0
    qtbot.keyClick(table, Qt.Key.Key_3)  # typing starts editing the current cell
    editor = QApplication.focusWidget()
    assert isinstance(editor, QSpinBox)
    qtbot.keyClicks(editor, "00")
    assert editor.text() == "300"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # committed, queued by Qt
    qtbot.waitUntil(lambda: stored(session, questions[0]).satisfied == 300, timeout=3000)
    for question in questions[1:]:
        assert stored(session, question) == before[question]
