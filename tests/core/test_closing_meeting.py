"""The closing meeting of a site: findings presented, answers, signing all or nothing."""

from __future__ import annotations

import json

import pytest

from auditor_app import closing_meeting as meeting
from auditor_app.audit.verdicts import Verdict
from auditor_app.store import audits, closing, findings, observations
from auditor_app.store.workspace import StoreError, Workspace
from tests.core.test_store import make_audit

STROKES: list[list[tuple[float, float]]] = [[(10.0, 20.0), (30.0, 40.0), (50.0, 20.0)]]


def _site_findings(ws: Workspace) -> tuple[str, str, list[str]]:
    audit = make_audit(ws)
    site_id = audits.sites(ws, audit.id)[0].id
    return audit.id, site_id, [f.id for f in findings.findings(ws, audit.id, site_id)]


def test_only_answered_findings_other_than_conforme_are_presented(workspace: Workspace) -> None:
    audit_id, site_id, fids = _site_findings(workspace)
    findings.update_finding(workspace, fids[0], verdict=Verdict.CONFORME)
    findings.update_finding(workspace, fids[1], verdict=Verdict.NC_MINEURE, note="Pas d'affiche")
    findings.update_finding(workspace, fids[2], verdict=Verdict.NON_APPLICABLE, note="Sans objet")
    # fids[3] stays unanswered

    items = meeting.closing_items(workspace, audit_id, site_id)

    assert [i.finding.id for i in items] == [fids[1], fids[2]]
    assert items[0].checkpoint_text.startswith("Exigence ")
    assert items[0].channel_label in ("Accueil physique", "Téléphone")
    assert meeting.awaiting_answer(items) == 2
    assert meeting.to_present([]) == []


def test_items_carry_the_sites_answer_and_disputes_are_listed(workspace: Workspace) -> None:
    audit_id, site_id, fids = _site_findings(workspace)
    for fid in fids[:2]:
        findings.update_finding(workspace, fid, verdict=Verdict.POINT_SENSIBLE)
    closing.set_response(workspace, fids[0], "accepted", representative="")
    closing.set_response(workspace, fids[1], "disputed", "Affiche posée hier",
                         representative="Mme Roux")  # fmt: skip

    items = meeting.closing_items(workspace, audit_id, site_id)

    assert [i.response.response if i.response else None for i in items] == [
        "accepted", "disputed",
    ]  # fmt: skip
    assert meeting.awaiting_answer(items) == 0
    assert [d.comment for d in meeting.disputes(workspace, audit_id, site_id)] == [
        "Affiche posée hier"
    ]
    assert meeting.representative_name(workspace, audit_id, site_id) == "Mme Roux"
    assert meeting.representative_name(workspace, audit_id, "other-site") == ""


def test_signing_stores_both_signatures_for_the_site(workspace: Workspace) -> None:
    audit_id, site_id, _ = _site_findings(workspace)
    ids = meeting.sign(workspace, audit_id, site_id, [
        meeting.Signer("representative", "Mme Roux", STROKES),
        meeting.Signer("auditor", "Claire Martin", STROKES),
    ])  # fmt: skip

    stored = meeting.site_signatures(workspace, audit_id, site_id)
    assert [s["id"] for s in stored] == ids
    assert [(s["role"], s["signer_name"]) for s in stored] == [
        ("representative", "Mme Roux"), ("auditor", "Claire Martin"),
    ]  # fmt: skip
    assert json.loads(stored[0]["strokes"]) == [[[10.0, 20.0], [30.0, 40.0], [50.0, 20.0]]]
    assert meeting.site_signatures(workspace, audit_id, "other-site") == []


def test_one_empty_pad_keeps_no_signature_at_all(workspace: Workspace) -> None:
    audit_id, site_id, _ = _site_findings(workspace)
    with pytest.raises(StoreError, match="signature est vide"):
        meeting.sign(workspace, audit_id, site_id, [
            meeting.Signer("representative", "Mme Roux", STROKES),
            meeting.Signer("auditor", "Claire Martin", []),
        ])  # fmt: skip
    assert observations.signatures(workspace, audit_id) == []
    assert workspace.verify_journal().ok


def test_findings_of_a_signed_meeting_are_frozen_but_the_lead_may_reclassify(
    workspace: Workspace,
) -> None:
    audit_id, site_id, fids = _site_findings(workspace)
    findings.update_finding(workspace, fids[0], verdict=Verdict.NC_MINEURE, note="Pas d'affiche")
    closing.set_response(workspace, fids[0], "accepted")
    meeting.sign(workspace, audit_id, site_id, [
        meeting.Signer("representative", "Mme Roux", STROKES),
        meeting.Signer("auditor", "Claire Martin", STROKES),
    ])  # fmt: skip
    entries = workspace.verify_journal().entries
    for change in ({"verdict": Verdict.CONFORME}, {"note": "autre"}, {"measured_value": 3.0}):
        with pytest.raises(StoreError, match="ses constats sont figés"):
            findings.update_finding(workspace, fids[0], **change)  # type: ignore[arg-type]
    photo = workspace.root / "p.jpg"
    from tests.core.images import jpeg_with_exif

    photo.write_bytes(jpeg_with_exif())
    with pytest.raises(StoreError, match="ses constats sont figés"):
        findings.add_evidence(workspace, fids[0], photo)
    assert workspace.verify_journal().entries == entries  # nothing written
    assert findings.get_finding(workspace, fids[0]).verdict is Verdict.NC_MINEURE
    # The lead's reclassification in the review is a decision kept beside the site's answer.
    findings.add_review(workspace, fids[0], "reclassify", "Écart ponctuel",
                        new_verdict=Verdict.PISTE_DE_PROGRES)  # fmt: skip
    assert findings.get_finding(workspace, fids[0]).verdict is Verdict.PISTE_DE_PROGRES
    # Another site of the audit is not frozen.
    other_site = audits.sites(workspace, audit_id)[1].id
    other = findings.findings(workspace, audit_id, other_site)[0].id
    findings.update_finding(workspace, other, verdict=Verdict.CONFORME)
