"""The lead's review: consolidated list, divergences, history across workspaces, conflicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor_app import review
from auditor_app.audit.verdicts import Verdict
from auditor_app.package.merge import import_package
from auditor_app.store import findings as F
from auditor_app.store.workspace import StoreError
from tests.core.packages import Member, export, make_audit, member, trust_all


@pytest.fixture
def lead_with_two_packages(tmp_path: Path) -> tuple[Member, str, dict[str, str]]:
    """Alice and Bob each walk one site; they grade the same checkpoint in opposite ways,
    and both change one finding of Alice's site (a conflict)."""
    lead, alice, bob = (member(tmp_path, n) for n in ("Léa Responsable", "Alice Martin",
                                                       "Bob Durand"))  # fmt: skip
    with lead.open() as ws:
        audit_id, (s1, s2) = make_audit(ws)
        trust_all(ws, alice, bob)
        start = export(lead, ws, audit_id, tmp_path / "start.spaudit", kind="review")
    ids: dict[str, str] = {}
    for m, site, verdict in ((alice, s1, Verdict.CONFORME), (bob, s2, Verdict.NC_MAJEURE)):
        with m.open() as ws:
            trust_all(ws, lead)
            import_package(ws, start)
            first = F.findings(ws, audit_id, site)[0]
            F.update_finding(ws, first.id, verdict=verdict, note=f"vu par {m.name}")
            ids[m.name] = first.id
            shared = F.findings(ws, audit_id, s1)[1]  # both touch Alice's second finding
            F.update_finding(ws, shared.id, verdict=Verdict.POINT_FORT if m is alice
                             else Verdict.NC_MINEURE, note=f"{m.name} y était")  # fmt: skip
            ids["shared"] = shared.id
            export(m, ws, audit_id, tmp_path / f"{m.name[:3]}.spaudit")
    with lead.open() as ws:
        import_package(ws, tmp_path / "Ali.spaudit")
        import_package(ws, tmp_path / "Bob.spaudit")
    return lead, audit_id, ids


def test_consolidated_list_filters_and_flags(lead_with_two_packages: tuple) -> None:  # type: ignore[type-arg]
    lead, audit_id, ids = lead_with_two_packages
    with lead.open() as ws:
        items = review.consolidated(ws, audit_id)
        assert {i.finding.id for i in items} == {ids["Alice Martin"], ids["Bob Durand"],
                                                  ids["shared"]}  # fmt: skip
        assert review.authors(ws, audit_id) == ["Alice Martin", "Bob Durand"]
        assert [i.finding.id for i in review.consolidated(ws, audit_id, author="Alice Martin")] == [
            ids["Alice Martin"]
        ]  # the shared one was kept from Bob (the later change)
        by_id = {i.finding.id: i for i in items}
        assert by_id[ids["shared"]].conflict and not by_id[ids["Alice Martin"]].conflict
        # Same checkpoint: Alice found it conforming at her site, Bob non-conforming at his.
        assert by_id[ids["Alice Martin"]].divergent and by_id[ids["Bob Durand"]].divergent
        (div,) = review.divergences(F.findings(ws, audit_id))
        assert set(div.verdicts) == {"Alice Martin", "Bob Durand"}
        assert all(i.state == "pending" for i in items)


def test_each_decision_is_recorded_and_reclassify_needs_a_justification(
    lead_with_two_packages: tuple,  # type: ignore[type-arg]
) -> None:
    lead, audit_id, ids = lead_with_two_packages
    fid = ids["Bob Durand"]
    with lead.open() as ws:
        with pytest.raises(StoreError, match="justification"):
            review.set_review(ws, fid, "reclassify", "", Verdict.NC_MINEURE)
        with pytest.raises(StoreError, match="commentaire"):
            review.set_review(ws, fid, "changes_requested", "  ")
        assert review.review_states(ws, audit_id) == {}
        review.set_review(ws, fid, "reclassify", "Une seule occurrence", Verdict.NC_MINEURE)
        assert F.get_finding(ws, fid).verdict is Verdict.NC_MINEURE
        assert review.review_states(ws, audit_id)[fid] == ("reclassify", "Une seule occurrence")
        assert [i.finding.id for i in review.consolidated(ws, audit_id, state="reclassify")] == [
            fid
        ]
        history = review.history(ws, "findings", fid)
        # Bob's own change (received), then the lead's reclassification with its reason.
        assert history[0].origin and history[0].actor == "Bob Durand"
        assert ("verdict", None, "nc_majeure") in history[0].changes()
        last = history[-1]
        assert last.origin == "" and last.changes() == [("verdict", "nc_majeure", "nc_mineure")]
        assert "Une seule occurrence" in last.reason


@pytest.mark.parametrize(("choice", "expected"), [
    ("kept", "Bob Durand y était"), ("other", "Alice Martin y était"),
    ("edited", "constat corrigé"),
])  # fmt: skip
def test_a_conflict_is_settled_each_way_and_the_other_version_stays_in_the_journal(
    lead_with_two_packages: tuple,
    choice: str,
    expected: str,  # type: ignore[type-arg]
) -> None:
    lead, audit_id, ids = lead_with_two_packages
    with lead.open() as ws:
        (conflict,) = review.conflicts(ws, audit_id)
        assert conflict.entity_id == ids["shared"]
        fields = {f for f, _, _ in conflict.differing()}
        assert {"verdict", "note", "author"} <= fields
        edited = {"note": "constat corrigé", "verdict": "piste_de_progres"}
        review.resolve_conflict(ws, conflict.id, choice, edited if choice == "edited" else None)
        assert F.get_finding(ws, ids["shared"]).note == expected
        assert review.conflicts(ws, audit_id) == []
        with pytest.raises(StoreError, match="déjà été arbitré"):
            review.resolve_conflict(ws, conflict.id, "kept")
        assert not review.consolidated(ws, audit_id)[0].conflict
        assert ws.verify_journal().ok
        history = review.history(ws, "findings", ids["shared"])
        assert any(h.action == "conflict" and "Alice Martin y était" in str(h.before)
                   for h in history)  # fmt: skip


def test_a_conflict_cannot_be_settled_by_setting_any_field(
    lead_with_two_packages: tuple,  # type: ignore[type-arg]
) -> None:
    lead, audit_id, _ = lead_with_two_packages
    with lead.open() as ws:
        (conflict,) = review.conflicts(ws, audit_id)
        with pytest.raises(StoreError, match="non modifiable"):
            review.resolve_conflict(ws, conflict.id, "edited", {"audit_id": "x"})
        assert len(review.conflicts(ws, audit_id)) == 1
