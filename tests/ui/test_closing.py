"""The closing meeting page over the demo: answers, refusals, signatures."""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from auditor_app.audit.verdicts import Verdict
from auditor_app.store import audits as audit_store
from auditor_app.store import closing, observations
from auditor_app.store.workspace import StoreError
from ui.pages.closing import RESPONSE_COLUMN, ClosingPage
from ui.widgets.signature_pad import SignaturePad


def make_page(qtbot: Any, session: Any) -> ClosingPage:
    page = ClosingPage(session)
    qtbot.addWidget(page)
    page.resize(1176, 700)
    page.show()
    page.activate()
    return page


def first_site(session: Any) -> Any:
    return audit_store.sites(session.ws, session.audit_id)[0]


def select(page: ClosingPage, row: int) -> None:
    page.table.setCurrentIndex(page.model.index(row, 0))


def draw(qtbot: Any, pad: SignaturePad) -> None:
    w, h = pad.width(), pad.height()
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(w // 5, h // 2))
    for k in range(1, 6):
        qtbot.mouseMove(pad, QPoint(w // 5 + k * w // 10, h // 2 + (-1) ** k * h // 8))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(4 * w // 5, h // 2))


def test_the_site_findings_other_than_conforme_are_listed(
    qtbot: Any, qtmodeltester: Any, session: Any
) -> None:
    page = make_page(qtbot, session)
    qtmodeltester.check(page.model)

    assert page.site.currentText() == first_site(session).name
    items = page.model.items()
    assert len(items) == 7
    assert all(i.finding.verdict is not Verdict.CONFORME for i in items)
    assert any(i.finding.verdict is Verdict.NC_MINEURE for i in items)
    row = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert row[0] == "E1.1.3" and row[2].startswith("L’usager") and row[3] == "Point sensible"
    assert row[RESPONSE_COLUMN] == "À recueillir"
    assert page.heading.text().startswith("E1.1.3 — Point sensible")
    assert "7 constat(s) à présenter" in page.summary.text()


def test_accept_one_dispute_another_with_a_comment(qtbot: Any, session: Any, dialogs: Any) -> None:
    page = make_page(qtbot, session)
    page.representative.setText("Mme Roux")
    accepted, disputed = page.model.item(0).finding.id, page.model.item(1).finding.id

    select(page, 0)
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    assert page.table.currentIndex().row() == 1  # on to the next finding to answer
    page.comment.setPlainText("Le marquage a été posé hier.")
    with qtbot.waitSignal(session.audit_data_changed):
        qtbot.mouseClick(page.dispute_button, Qt.MouseButton.LeftButton)

    stored = {r.finding_id: r for r in closing.responses(session.ws, session.audit_id)}
    assert stored[accepted].response == "accepted" and stored[accepted].representative == "Mme Roux"
    assert stored[disputed].response == "disputed"
    assert stored[disputed].comment == "Le marquage a été posé hier."
    assert dialogs.shown == []
    assert page.model.index(1, RESPONSE_COLUMN).data().startswith("Contestée : Le marquage")
    assert "Le marquage a été posé hier." in page.signed.text()  # a diverging opinion
    assert "1 contestation(s)" in page.summary.text()


def test_a_dispute_without_comment_is_refused_plainly(
    qtbot: Any, session: Any, dialogs: Any
) -> None:
    page = make_page(qtbot, session)
    select(page, 2)
    page.comment.setPlainText("   ")

    qtbot.mouseClick(page.dispute_button, Qt.MouseButton.LeftButton)

    assert [(kind, title) for kind, title, _ in dialogs.shown] == [
        ("error", "Réponse non enregistrée")
    ]
    assert "motivée" in dialogs.shown[0][2]
    assert closing.responses(session.ws, session.audit_id) == []
    assert page.table.currentIndex().row() == 2  # still on the same finding


def test_signing_with_an_empty_pad_stores_nothing(qtbot: Any, session: Any, dialogs: Any) -> None:
    page = make_page(qtbot, session)
    page.tabs.setCurrentIndex(1)
    page.representative.setText("Mme Roux")
    draw(qtbot, page.representative_pad)  # the auditor's pad stays empty

    assert not page.sign()

    warnings = [text for kind, _, text in dialogs.shown if kind == "warning"]
    assert len(warnings) == 1 and "signature de l'auditeur est vide" in warnings[0]
    assert not [d for d in dialogs.shown if d[0] == "confirm"]  # asked before anything else
    assert observations.signatures(session.ws, session.audit_id) == []
    assert not page.representative_pad.is_empty()  # nothing drawn is lost
    assert "Pas encore signé" in page.signed.text()


def test_signing_with_both_pads_stores_two_signatures(
    qtbot: Any, session: Any, dialogs: Any
) -> None:
    page = make_page(qtbot, session)
    page.tabs.setCurrentIndex(1)
    page.representative.setText("Mme Roux")
    draw(qtbot, page.representative_pad)
    draw(qtbot, page.auditor_pad)
    strokes = page.representative_pad.strokes()

    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)

    # Seven findings still wait for an answer: the auditor is asked first (and says yes).
    assert [kind for kind, _, _ in dialogs.shown] == ["confirm"]
    stored = observations.signatures(session.ws, session.audit_id)
    assert [(s["role"], s["signer_name"]) for s in stored] == [
        ("representative", "Mme Roux"), ("auditor", "Claire Martin"),
    ]  # fmt: skip
    site_id = first_site(session).id
    assert all(s["site_id"] == site_id and s["png_sha256"] for s in stored)
    assert json.loads(stored[0]["strokes"]) == [[list(p) for p in s] for s in strokes]
    # The pads now show the signatures as kept, and take nothing more.
    assert page.representative_pad.strokes() == strokes and page.representative_pad.is_read_only()
    auditor_strokes = page.auditor_pad.strokes()
    draw(qtbot, page.auditor_pad)
    assert page.auditor_pad.strokes() == auditor_strokes
    assert "Signé par Mme Roux (représentant du site) le " in page.signed.text()
    assert "Signé par Claire Martin (auditeur)" in page.signed.text()


def test_signing_can_wait_for_the_missing_answers(qtbot: Any, session: Any, dialogs: Any) -> None:
    page = make_page(qtbot, session)
    page.representative.setText("Mme Roux")
    draw(qtbot, page.representative_pad)
    draw(qtbot, page.auditor_pad)
    dialogs.confirm_answer = False
    assert not page.sign()
    assert observations.signatures(session.ws, session.audit_id) == []


def test_an_unvisited_site_has_nothing_to_present(qtbot: Any, session: Any) -> None:
    page = make_page(qtbot, session)
    page.site.setCurrentIndex(page.site.findText("Maison de la Région – Verdun"))
    assert page.model.rowCount() == 0
    assert page.table.isHidden() and not page.empty.isHidden()
    assert "Aucun constat à présenter" in page.empty.text()


def test_a_signed_meeting_is_closed_to_new_answers(
    qtbot: Any, session: Any, dialogs: Any
) -> None:
    from auditor_app.store import closing

    page = make_page(qtbot, session)
    page.tabs.setCurrentIndex(1)
    page.representative.setText("Mme Roux")
    draw(qtbot, page.representative_pad)
    draw(qtbot, page.auditor_pad)
    assert page.sign()
    assert not page.sign_button.isEnabled()
    page.tabs.setCurrentIndex(0)
    page.table.setCurrentIndex(page.model.index(0, 0))
    assert not page.accept_button.isEnabled() and not page.dispute_button.isEnabled()
    fid = page.model.item(0).finding.id
    with pytest.raises(StoreError, match="figées"):
        closing.set_response(session.ws, fid, "accepted")


def test_signing_from_the_keyboard_writes_each_name_on_its_pad(
    qtbot: Any, session: Any, dialogs: Any, monkeypatch: Any
) -> None:
    from ui import dialogs as module

    typed: list[str] = []

    def ask_text(parent: Any, title: str, label: str, text: str = "") -> str | None:
        typed.append(text)  # what the dialog comes filled with
        return text or "Mme Roux"  # the representative types their name

    monkeypatch.setattr(module, "ask_text", ask_text)
    page = make_page(qtbot, session)
    page.tabs.setCurrentIndex(1)
    page.representative.setText("Mme Roux")
    for pad in (page.representative_pad, page.auditor_pad):
        pad.setFocus()
        qtbot.keyClick(pad, Qt.Key.Key_Return)
        assert not pad.is_empty()
        xs = [x for stroke in pad.strokes() for x, _ in stroke]
        ys = [y for stroke in pad.strokes() for _, y in stroke]
        assert 0 <= min(xs) < max(xs) <= 1000 and 0 <= min(ys) < max(ys) <= 400
    assert typed == ["", "Claire Martin"]  # the representative's own name is typed by them
    dialogs.confirm_answer = True
    assert page.sign()
    assert len(observations.signatures(session.ws, session.audit_id)) == 2
