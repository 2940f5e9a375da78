"""The workspace store: layout, durable changes, journal, locking, clone, disk full."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from auditor_app.audit.model import AidScheme, Audit, MysteryTest, Site, SurveyCounts, new_id
from auditor_app.audit.verdicts import Verdict
from auditor_app.referential.model import Channel, Level
from auditor_app.store import audits, findings, journal, observations
from auditor_app.store.workspace import StoreError, Workspace, WorkspaceLockedError
from tests.core.grids import small_grid


def make_audit(ws: Workspace, n_sites: int = 2) -> Audit:
    ref = small_grid()
    audits.add_referential(ws, ref)
    audit = Audit(
        id=new_id(), referential_key=ref.key, organisation="Mairie de Test", reference="A-1",
        start_date=date(2026, 11, 2), target_level=Level.ARGENT,
        channels=(Channel.WEBSITE,),
    )  # fmt: skip
    sites = [
        Site(new_id(), audit.id, f"Site {i}", channels=(Channel.COUNTER, Channel.PHONE))
        for i in range(n_sites)
    ]
    schemes = [AidScheme(new_id(), audit.id, "Aide A", channels=(Channel.ONLINE_PROCEDURE,))]
    return audits.create_audit(ws, audit, sites, schemes)


def journal_count(ws: Workspace) -> int:
    return int(ws.conn.execute("SELECT count(*) FROM journal").fetchone()[0])


def test_workspace_is_durable_wal_with_full_sync(workspace: Workspace) -> None:
    assert workspace.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert workspace.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    applied = workspace.conn.execute("SELECT name FROM _sqlite_migrations").fetchall()
    assert ("0001_initial",) in applied


def test_creating_an_audit_lays_out_one_finding_per_place(workspace: Workspace) -> None:
    audit = make_audit(workspace, n_sites=2)
    rows = findings.findings(workspace, audit.id)
    places = {(f.checkpoint_code, f.site_id != "", f.aid_scheme_id != "", f.channel) for f in rows}
    # per site: E1.1.1 counter, E1.1.2 counter+phone, E1.2.1 phone → 4 findings × 2 sites;
    # organisation: E2.1.1 website, E2.1.2 (no channel); aid scheme: E2.1.3 → 3.
    assert len(rows) == 4 * 2 + 3
    assert ("E2.1.2", False, False, "") in places
    assert ("E2.1.3", False, True, "online_procedure") in places
    assert all(f.verdict is None for f in rows)
    # laying out again adds nothing
    assert audits.layout_findings(workspace, audit.id) == 0


def test_update_finding_journals_old_and_new_values(workspace: Workspace) -> None:
    audit = make_audit(workspace)
    fid = findings.findings(workspace, audit.id)[0].id
    before = journal_count(workspace)
    findings.update_finding(workspace, fid, verdict=Verdict.NC_MINEURE, note="Pas d'affichage")
    saved = findings.get_finding(workspace, fid)
    assert saved.verdict is Verdict.NC_MINEURE and saved.note == "Pas d'affichage"
    assert saved.author == "Claire Martin"
    history = journal.entries(workspace.conn, "findings", fid)
    assert journal_count(workspace) == before + 1
    last = history[-1]
    assert last.actor == "Claire Martin"
    assert last.before_value() == {"verdict": None, "note": "", "author": ""}
    assert last.after_value()["verdict"] == "nc_mineure"
    # the same values again: no change, no journal entry
    findings.update_finding(workspace, fid, verdict=Verdict.NC_MINEURE, note="Pas d'affichage")
    assert journal_count(workspace) == before + 1


def test_journal_verifies_and_names_the_first_tampered_entry(workspace: Workspace) -> None:
    audit = make_audit(workspace)
    for f in findings.findings(workspace, audit.id)[:5]:
        findings.update_finding(workspace, f.id, verdict=Verdict.CONFORME)
    check = workspace.verify_journal()
    assert check.ok and check.entries == journal_count(workspace)
    # The database refuses edits to the journal…
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        workspace.conn.execute("UPDATE journal SET entity = 'x' WHERE seq = 3")
    # …so a forger drops the trigger first; the chain still tells.
    workspace.conn.execute("DROP TRIGGER journal_no_update")
    payload = workspace.conn.execute("SELECT payload FROM journal WHERE seq = 7").fetchone()[0]
    assert b"conforme" in payload
    forged = payload.replace(b"conforme", b"point_fort")
    workspace.conn.execute("UPDATE journal SET payload = ? WHERE seq = 7", (forged,))
    workspace.conn.commit()
    bad = workspace.verify_journal()
    assert not bad.ok and bad.first_bad_seq == 7
    assert "n° 7" in bad.describe()


def test_journal_detects_a_removed_entry(workspace: Workspace) -> None:
    make_audit(workspace)
    workspace.conn.execute("DROP TRIGGER journal_no_delete")
    workspace.conn.execute("DELETE FROM journal WHERE seq = 2")
    workspace.conn.commit()
    check = workspace.verify_journal()
    assert not check.ok and check.first_bad_seq == 2 and "supprimée" in check.problem


def test_second_process_gets_a_clear_message(tmp_path: Path) -> None:
    root = tmp_path / "shared"
    with Workspace(root, actor="A"):
        code = (
            "import sys\n"
            "from pathlib import Path\n"
            "from auditor_app.store.workspace import Workspace, WorkspaceLockedError\n"
            "try:\n"
            f"    Workspace(Path({str(root)!r}), actor='B')\n"
            "except WorkspaceLockedError as e:\n"
            "    print(e); sys.exit(3)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
        )
    assert result.returncode == 3, result.stderr
    assert "déjà ouvert par un autre programme" in result.stdout
    assert "processus" in result.stdout
    # once closed, it opens again
    with Workspace(root, actor="B") as ws:
        assert ws.integrity_ok()


def test_same_process_second_open_is_refused_too(tmp_path: Path) -> None:
    with Workspace(tmp_path / "w", actor="A"), pytest.raises(WorkspaceLockedError):
        Workspace(tmp_path / "w", actor="A")


def test_disk_full_keeps_previous_state(workspace: Workspace) -> None:
    audit = make_audit(workspace)
    fid = findings.findings(workspace, audit.id)[0].id
    findings.update_finding(workspace, fid, note="premier état")
    pages = workspace.conn.execute("PRAGMA page_count").fetchone()[0]
    workspace.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError, match="disque est plein"):
        findings.update_finding(workspace, fid, note="x" * 200_000)
    workspace.conn.execute("PRAGMA max_page_count = 1073741823")
    assert findings.get_finding(workspace, fid).note == "premier état"
    assert workspace.verify_journal().ok


def test_clone_without_observations_resets_everything(workspace: Workspace) -> None:
    audit = make_audit(workspace)
    first = findings.findings(workspace, audit.id)[0]
    findings.update_finding(workspace, first.id, verdict=Verdict.POINT_FORT, note="Très bien")
    audits.set_audit_status(workspace, audit.id, "in_progress")
    clone = audits.clone_audit(workspace, audit.id, reference="A-2", with_observations=False)
    assert clone.status == "draft" and clone.cloned_from == audit.id
    assert [s.name for s in audits.sites(workspace, clone.id)] == ["Site 0", "Site 1"]
    rows = findings.findings(workspace, clone.id)
    assert len(rows) == len(findings.findings(workspace, audit.id))
    assert all(f.verdict is None and f.note == "" for f in rows)


def test_clone_with_observations_keeps_notes_and_evidence(
    workspace: Workspace, tmp_path: Path
) -> None:
    from tests.core.images import jpeg_with_exif

    audit = make_audit(workspace)
    first = findings.findings(workspace, audit.id)[0]
    findings.update_finding(workspace, first.id, verdict=Verdict.NC_MINEURE, note="Affiche absente")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(jpeg_with_exif())
    findings.add_evidence(workspace, first.id, photo, caption="Hall")
    clone = audits.clone_audit(workspace, audit.id, reference="A-2", with_observations=True)
    carried = [f for f in findings.findings(workspace, clone.id) if f.note]
    assert len(carried) == 1
    assert carried[0].verdict is None and carried[0].evidence_count == 1
    previous = workspace.conn.execute(
        "SELECT previous_verdict FROM findings WHERE id = ?", (carried[0].id,)
    ).fetchone()[0]
    assert previous == "nc_mineure"


def test_status_follows_the_review_workflow(workspace: Workspace) -> None:
    audit = make_audit(workspace)
    with pytest.raises(StoreError, match="ne peut pas passer"):
        audits.set_audit_status(workspace, audit.id, "approved")
    for status in ("in_progress", "submitted", "in_review", "approved"):
        audits.set_audit_status(workspace, audit.id, status)
    assert audits.get_audit(workspace, audit.id).status == "approved"


def test_a_different_grid_under_the_same_key_is_refused(workspace: Workspace) -> None:
    audits.add_referential(workspace, small_grid())
    assert audits.add_referential(workspace, small_grid()) == "test-grid@1"
    with pytest.raises(StoreError, match="Changez sa version"):
        audits.add_referential(workspace, small_grid(title="Autre titre"))


def test_surveys_mystery_tests_signatures_reviews(workspace: Workspace) -> None:
    audit = make_audit(workspace)
    observations.set_survey_counts(workspace, audit.id, SurveyCounts("global", 84, 10, 6))
    observations.set_survey_counts(workspace, audit.id, SurveyCounts("global", 85, 9, 6))
    assert observations.surveys(workspace, audit.id) == [SurveyCounts("global", 85, 9, 6)]
    with pytest.raises(StoreError, match="négatifs"):
        observations.set_survey_counts(workspace, audit.id, SurveyCounts("x", -1, 0, 0))

    test = observations.add_mystery_test(workspace, MysteryTest(
        id="", audit_id=audit.id, kind="email", sent_on=date(2026, 4, 2),
        replied_on=date(2026, 4, 7), reached_agent=True,
    ))  # fmt: skip
    stored = observations.mystery_tests(workspace, audit.id)
    assert stored == [test] and stored[0].replied_on == date(2026, 4, 7)

    with pytest.raises(StoreError, match="signature est vide"):
        observations.add_signature(workspace, audit.id, role="representative",
                                   signer_name="M. Dupont", strokes=[[(1.0, 1.0)]])  # fmt: skip
    strokes: list[list[tuple[float, float]]] = [[(0, 0), (5, 5), (9, 2)]]
    observations.add_signature(workspace, audit.id, role="representative",
                               signer_name="M. Dupont", strokes=strokes)  # fmt: skip
    sig = observations.signatures(workspace, audit.id)[0]
    assert json.loads(sig["strokes"]) == [[[0, 0], [5, 5], [9, 2]]]

    fid = findings.findings(workspace, audit.id)[0].id
    findings.update_finding(workspace, fid, verdict=Verdict.NC_MINEURE, note="n")
    with pytest.raises(StoreError, match="justification"):
        findings.add_review(workspace, fid, "reclassify", new_verdict=Verdict.POINT_SENSIBLE)
    findings.add_review(workspace, fid, "reclassify", comment="Écart isolé",
                        new_verdict=Verdict.POINT_SENSIBLE)  # fmt: skip
    assert findings.get_finding(workspace, fid).verdict is Verdict.POINT_SENSIBLE
    last = journal.entries(workspace.conn, "findings", fid)[-1]
    assert last.reason == "reclassement : Écart isolé"
    assert workspace.verify_journal().ok


def test_closing_meeting_responses_and_diverging_opinions(workspace: Workspace) -> None:
    from auditor_app.store import closing

    audit = make_audit(workspace)
    site_id = audits.sites(workspace, audit.id)[0].id
    first, second = findings.findings(workspace, audit.id, site_id)[:2]
    with pytest.raises(StoreError, match="motivée"):
        closing.set_response(workspace, first.id, "disputed")
    closing.set_response(workspace, first.id, "accepted", representative="Mme Roux")
    closing.set_response(workspace, second.id, "disputed", "Affiche posée hier",
                         representative="Mme Roux")  # fmt: skip
    closing.set_response(workspace, first.id, "disputed", "Finalement non",
                         representative="Mme Roux")  # fmt: skip
    opinions = closing.diverging_opinions(workspace, audit.id)
    assert [(o.finding_id, o.comment) for o in opinions] == [
        (first.id, "Finalement non"), (second.id, "Affiche posée hier"),
    ]
    assert len(closing.responses(workspace, audit.id, site_id)) == 2
    assert workspace.verify_journal().ok


def test_a_row_edited_behind_the_journal_is_found(workspace: Workspace) -> None:
    from auditor_app.store.integrity import check_records

    audit = make_audit(workspace)
    first, second = findings.findings(workspace, audit.id)[:2]
    findings.update_finding(workspace, first.id, verdict=Verdict.NC_MINEURE, note="Constat")
    observations.set_survey_counts(workspace, audit.id, SurveyCounts("global", 84, 10, 6))
    assert check_records(workspace.conn) == []
    workspace.conn.execute("UPDATE findings SET verdict = 'conforme' WHERE id = ?", (first.id,))
    workspace.conn.execute("UPDATE findings SET note = 'ajout' WHERE id = ?", (second.id,))
    workspace.conn.execute("UPDATE surveys SET satisfied = 99")
    found = {(m.table, m.row_id, m.field) for m in check_records(workspace.conn)}
    assert (("findings", first.id, "verdict") in found
            and ("findings", second.id, "note") in found)  # fmt: skip
    assert any(table == "surveys" and field == "satisfied" for table, _, field in found)
    assert workspace.verify_journal().ok  # the chain itself is untouched


def test_a_reader_in_another_thread_sees_the_data_and_cannot_write(workspace: Workspace) -> None:
    import threading

    from auditor_app.store.workspace import WorkspaceReader

    audit = make_audit(workspace)
    fid = findings.findings(workspace, audit.id)[0].id
    findings.update_finding(workspace, fid, verdict=Verdict.POINT_FORT, note="Vu")
    seen: list[object] = []

    def work() -> None:
        reader = WorkspaceReader(workspace.root)
        try:
            seen.append(findings.get_finding(reader, fid).verdict)
            try:
                findings.update_finding(reader, fid, note="écrit ailleurs")
            except (sqlite3.OperationalError, StoreError) as exc:
                seen.append(type(exc).__name__)
        finally:
            reader.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(30)
    assert seen[0] is Verdict.POINT_FORT and len(seen) == 2
    assert findings.get_finding(workspace, fid).note == "Vu"


def test_journal_renumbered_tail_is_found(workspace: Workspace) -> None:
    make_audit(workspace)
    top = journal.head(workspace.conn)[0]
    workspace.conn.execute("DROP TRIGGER journal_no_update")
    workspace.conn.execute("UPDATE journal SET seq = seq + 10 WHERE seq = ?", (top,))
    check = workspace.verify_journal()
    assert not check.ok and check.first_bad_seq == top
