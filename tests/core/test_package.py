"""Audit packages: two field auditors, one lead, and everything that must be refused."""

from __future__ import annotations

import json
import sqlite3
import stat
import warnings
import zipfile
from pathlib import Path

import pytest

from auditor_app.audit.model import MysteryTest, SurveyCounts
from auditor_app.audit.verdicts import Verdict
from auditor_app.package import format as fmt
from auditor_app.package.merge import import_package
from auditor_app.package.reader import (
    PackageCancelled,
    PackageError,
    UntrustedSignerError,
    read_package,
)
from auditor_app.store import findings as F
from auditor_app.store import integrity, observations
from auditor_app.store.workspace import Workspace
from tests.core.images import jpeg_with_exif
from tests.core.packages import (
    Member,
    dump,
    entries,
    export,
    forge,
    make_audit,
    member,
    rows_of,
    tables_bytes,
    tables_of,
    trust_all,
    write_zip,
)


@pytest.fixture
def team(tmp_path: Path) -> dict[str, Member]:
    return {k: member(tmp_path, n) for k, n in
            (("lead", "Léa Responsable"), ("alice", "Alice Martin"), ("bob", "Bob Durand"),
             ("mallory", "Mallory Intrus"))}  # fmt: skip


@pytest.fixture
def started(team: dict[str, Member], tmp_path: Path) -> tuple[str, list[str]]:
    """The lead creates the audit and hands it to Alice and Bob through a package."""
    lead, alice, bob = team["lead"], team["alice"], team["bob"]
    with lead.open() as ws:
        audit_id, sites = make_audit(ws)
        trust_all(ws, alice, bob)
        start = export(lead, ws, audit_id, tmp_path / "start.spaudit", kind="review")
    for m in (alice, bob):
        with m.open() as ws:
            trust_all(ws, lead)
            import_package(ws, start)
    return audit_id, sites


def _site_findings(ws: Workspace, audit_id: str, site: str) -> list[F.Finding]:
    return F.findings(ws, audit_id, site)


def test_two_auditors_on_two_sites_merge_in_the_lead_workspace(
    team: dict[str, Member], started: tuple[str, list[str]], tmp_path: Path
) -> None:
    audit_id, (site1, site2) = started
    alice, bob, lead = team["alice"], team["bob"], team["lead"]
    photo = tmp_path / "accueil.jpg"
    photo.write_bytes(jpeg_with_exif())
    with alice.open() as ws:
        first, second = _site_findings(ws, audit_id, site1)[:2]
        F.update_finding(ws, first.id, verdict=Verdict.CONFORME, note="Accueil clair")
        F.update_finding(ws, second.id, verdict=Verdict.NC_MINEURE, note="Affichage absent")
        F.add_evidence(ws, second.id, photo, caption="Hall")
        a_pkg = export(alice, ws, audit_id, tmp_path / "alice.spaudit")
    with bob.open() as ws:
        b_first = _site_findings(ws, audit_id, site2)[0]
        F.update_finding(ws, b_first.id, verdict=Verdict.POINT_FORT, measured_value=3.0)
        observations.add_mystery_test(ws, MysteryTest(id="", audit_id=audit_id, kind="call",
                                                      site_id=site2, rings=4))  # fmt: skip
        observations.set_survey_counts(ws, audit_id, SurveyCounts("Q1", 40, 5, 5, "user"))
        b_pkg = export(bob, ws, audit_id, tmp_path / "bob.spaudit")

    with lead.open() as ws:
        for pkg in (a_pkg, b_pkg):
            checked = read_package(pkg, [alice.identity.identity.fingerprint,
                                         bob.identity.identity.fingerprint])  # fmt: skip
            assert checked.trusted
            result = import_package(ws, pkg)
            assert result.conflicts == 0 and result.changed >= 1
        got = {f.id: f for f in F.findings(ws, audit_id)}
        assert got[first.id].verdict is Verdict.CONFORME and got[first.id].author == "Alice Martin"
        assert got[second.id].note == "Affichage absent"
        assert got[b_first.id].verdict is Verdict.POINT_FORT
        assert got[b_first.id].measured_value == 3.0
        (evidence,) = F.evidence_for(ws, second.id)
        assert ws.blobs.read(evidence.blob.sha256) == photo.read_bytes()
        assert ws.blobs.thumbnail_path(evidence.blob.sha256).exists()
        assert [t.rings for t in observations.mystery_tests(ws, audit_id)] == [4]
        assert observations.surveys(ws, audit_id)[0].satisfied == 40
        # The lead's workspace is sound, and Alice's own change is in the history.
        assert ws.verify_journal().ok
        assert integrity.check_records(ws.conn) == []
        history = ws.conn.execute(
            "SELECT payload FROM imported_journal WHERE entity = 'findings' AND entity_id = ?",
            (second.id,),
        ).fetchall()
        assert any(b"Affichage absent" in bytes(p[0]) and b"Alice Martin" in bytes(p[0])
                   for p in history)  # fmt: skip


def test_the_same_finding_changed_on_both_sides_keeps_the_later_and_records_a_conflict(
    team: dict[str, Member], started: tuple[str, list[str]], tmp_path: Path
) -> None:
    audit_id, (site1, _) = started
    alice, bob, lead = team["alice"], team["bob"], team["lead"]
    with alice.open() as ws:
        fid = _site_findings(ws, audit_id, site1)[0].id
        F.update_finding(ws, fid, verdict=Verdict.CONFORME, note="vu par Alice")
        a_pkg = export(alice, ws, audit_id, tmp_path / "alice.spaudit")
    with bob.open() as ws:  # later
        F.update_finding(ws, fid, verdict=Verdict.NC_MAJEURE, note="vu par Bob")
        b_pkg = export(bob, ws, audit_id, tmp_path / "bob.spaudit")
    with lead.open() as ws:
        assert import_package(ws, a_pkg).conflicts == 0
        result = import_package(ws, b_pkg)
        assert result.conflicts == 1
        assert F.get_finding(ws, fid).verdict is Verdict.NC_MAJEURE
        (row,) = ws.conn.execute("SELECT kept, other, status FROM conflicts").fetchall()
        assert json.loads(row[0])["note"] == "vu par Bob"
        assert json.loads(row[1])["note"] == "vu par Alice" and row[2] == "open"
        # Alice's version stays in the journal too.
        conflict_entries = [p for (p,) in ws.conn.execute("SELECT payload FROM journal")
                            if b"\x1fconflict\x1f" in p]  # fmt: skip
        assert len(conflict_entries) == 1 and b"vu par Alice" in conflict_entries[0]
        before = dump(lead.root)
        # Importing either package again changes nothing, not even a second conflict.
        assert import_package(ws, b_pkg).already_imported
    assert dump(lead.root) == before


def test_the_leads_review_goes_back_to_the_auditor_and_round_trips_without_conflict(
    team: dict[str, Member], started: tuple[str, list[str]], tmp_path: Path
) -> None:
    audit_id, (site1, _) = started
    alice, lead = team["alice"], team["lead"]
    with alice.open() as ws:
        fid = _site_findings(ws, audit_id, site1)[0].id
        F.update_finding(ws, fid, verdict=Verdict.NC_MINEURE, note="Délai dépassé")
        a_pkg = export(alice, ws, audit_id, tmp_path / "alice.spaudit")
    with lead.open() as ws:
        import_package(ws, a_pkg)
        F.add_review(ws, fid, "reclassify", "Écart ponctuel", new_verdict=Verdict.PISTE_DE_PROGRES)
        review = export(lead, ws, audit_id, tmp_path / "review.spaudit", kind="review")
    with alice.open() as ws:
        result = import_package(ws, review)
        assert result.conflicts == 0
        assert F.get_finding(ws, fid).verdict is Verdict.PISTE_DE_PROGRES
        assert [r["decision"] for r in F.reviews_for(ws, fid)] == ["reclassify"]
        F.update_finding(ws, fid, note="Délai dépassé ; plan d'action fourni")
        again = export(alice, ws, audit_id, tmp_path / "alice2.spaudit")
    with lead.open() as ws:
        result = import_package(ws, again)
        assert result.conflicts == 0
        finding = F.get_finding(ws, fid)
        assert finding.verdict is Verdict.PISTE_DE_PROGRES
        assert finding.note.endswith("plan d'action fourni")


def test_an_unknown_signer_needs_the_leads_confirmation_which_is_journalled(
    team: dict[str, Member], started: tuple[str, list[str]], tmp_path: Path
) -> None:
    audit_id, _ = started
    mallory, lead = team["mallory"], team["lead"]
    with team["alice"].open() as ws:  # Mallory got a copy of the audit somehow
        pass
    with Workspace(tmp_path / "ws-m", actor="Mallory") as ws:
        trust_all(ws, lead)
        import_package(ws, tmp_path / "start.spaudit")
        pkg = export(mallory, ws, audit_id, tmp_path / "mallory.spaudit")
    before = dump(lead.root)
    with lead.open() as ws, pytest.raises(UntrustedSignerError, match="pas dans l'équipe"):
        import_package(ws, pkg)
    assert dump(lead.root) == before
    with lead.open() as ws:
        import_package(ws, pkg, accept_unknown_signer=True)
        trusted = [p for (p,) in ws.conn.execute("SELECT payload FROM journal")
                   if b"\x1ftrust\x1f" in p]  # fmt: skip
        assert len(trusted) == 1 and b"Mallory Intrus" in trusted[0]


def test_export_is_cancellable_and_leaves_no_file(
    team: dict[str, Member], started: tuple[str, list[str]], tmp_path: Path
) -> None:
    audit_id, _ = started
    with team["lead"].open() as ws, pytest.raises(PackageCancelled):
        export(team["lead"], ws, audit_id, tmp_path / "out" / "x.spaudit", cancelled=lambda: True)
    assert list((tmp_path / "out").iterdir()) == []


# -- bad input: each refused with its reason, the workspace unchanged ------------------------


@pytest.fixture
def good(team: dict[str, Member], started: tuple[str, list[str]], tmp_path: Path) -> Path:
    audit_id, (site1, _) = started
    photo = tmp_path / "p.jpg"
    photo.write_bytes(jpeg_with_exif())
    with team["alice"].open() as ws:
        fid = _site_findings(ws, audit_id, site1)[0].id
        F.update_finding(ws, fid, verdict=Verdict.CONFORME, note="ok")
        F.add_evidence(ws, fid, photo)
        return export(team["alice"], ws, audit_id, tmp_path / "good.spaudit")


def _blob_name(path: Path) -> str:
    return next(n for n in entries(path) if n.startswith("blobs/"))


def _zip_info(name: str, mode: int = 0o644) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = mode << 16
    return info


def _bad_package(case: str, good: Path, team: dict[str, Member], out: Path) -> tuple[Path, str]:
    """The package of one bad-input case, and the words its refusal must contain."""
    alice = team["alice"].identity
    files = entries(good)
    raw = good.read_bytes()
    if case == "truncated":
        (out / "t.spaudit").write_bytes(raw[: len(raw) // 2])
        return out / "t.spaudit", "zip tronqué"
    if case in ("dotdot", "absolute"):
        name = "../x" if case == "dotdot" else "/etc/x"
        return write_zip(out / "n.spaudit", [*files.items(), (_zip_info(name), b"x")]), "refusé"
    if case == "symlink":
        link = _zip_info("blobs/link", stat.S_IFLNK | 0o777)
        return write_zip(out / "l.spaudit", [*files.items(), (link, b"/etc")]), "lien symbolique"
    if case == "duplicate":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # zipfile warns of the duplicate
            dup = [*files.items(), (fmt.TABLES, files[fmt.TABLES])]
            return write_zip(out / "d.spaudit", dup), "en double"
    if case == "bomb":  # a real one: 100 MB of zeros in about 100 KB
        bomb = out / "bomb.spaudit"
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in files.items():
                zf.writestr(name, data)
            with zf.open("blobs/" + "0" * 64, "w") as handle:
                for _ in range(100):
                    handle.write(bytes(1024 * 1024))
        return bomb, "bombe de décompression"
    if case == "understated-size":  # 50 MB of zeros whose header says 100 bytes
        src = out / "under-src.spaudit"
        with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in files.items():
                zf.writestr(name, data if name != fmt.JOURNAL else bytes(50 * 1024 * 1024))
        under = bytearray(src.read_bytes())
        name = fmt.JOURNAL.encode()
        at = next(i for i in range(len(under)) if under.startswith(b"PK\x01\x02", i)
                  and under[i + 46 : i + 46 + len(name)] == name)  # fmt: skip
        under[at + 24 : at + 28] = (100).to_bytes(4, "little")
        (out / "under.spaudit").write_bytes(bytes(under))
        return out / "under.spaudit", "data/journal.jsonl » illisible"
    if case == "lying-size":  # a 1 KB entry whose header says it inflates to 1 GB
        src = out / "liar-src.spaudit"
        with zipfile.ZipFile(src, "w") as zf:
            for name, data in files.items():
                zf.writestr(name, data)
            zf.writestr("report/x.pdf", b"%PDF" * 256, compress_type=zipfile.ZIP_DEFLATED)
        liar = bytearray(src.read_bytes())
        at = liar.rfind(b"PK\x01\x02")  # the last central directory record: report/x.pdf
        liar[at + 24 : at + 28] = (1 << 30).to_bytes(4, "little")
        (out / "liar.spaudit").write_bytes(bytes(liar))
        return out / "liar.spaudit", "bombe de décompression"
    if case == "blob-hash":  # the manifest is untouched, so its signature still holds
        blob = _blob_name(good)
        flipped = bytearray(files[blob])
        flipped[len(flipped) // 2] ^= 0xFF  # same size, one byte changed
        return forge(good, out / "h.spaudit", replace={blob: bytes(flipped)},
                     rehash=False), "empreinte"  # fmt: skip
    if case == "manifest-edited":

        def counts(m: dict[str, object]) -> None:
            m["counts"] = {"findings": 1}

        return forge(good, out / "m.spaudit", edit_manifest=counts), "signature du manifeste"
    if case == "other-key":
        return forge(good, out / "k.spaudit", resign=team["bob"].identity), "signature du manifeste"
    if case == "future":

        def future(m: dict[str, object]) -> None:
            m["format_version"] = 7

        return forge(good, out / "f.spaudit", edit_manifest=future, resign=alice), "plus récent"
    if case == "invalid-json":
        return forge(good, out / "j.spaudit", replace={fmt.TABLES: b"{not json"},
                     resign=alice), "JSON valide"  # fmt: skip
    tables = tables_of(good)
    if case == "wrong-shape":
        tables["findings"][0]["verdict"] = 12
        reason = "findings.0.verdict"
    elif case == "huge-string":
        tables["findings"][0]["note"] = "x" * 200_000
        reason = "texte trop long"
    elif case == "unknown-field":
        tables["findings"][0]["surprise"] = 1
        reason = "champ inattendu"
    elif case == "other-audit-row":
        tables["sites"][0]["audit_id"] = "someone-else"
        reason = "appartient à un autre audit"
    elif case == "unknown-verdict":
        tables["findings"][0]["verdict"] = "banane"
        reason = "findings.0.verdict : valeur inconnue « banane »"
    elif case == "unknown-checkpoint":
        tables["findings"][0]["checkpoint_code"] = "E99.9.9"
        reason = "« E99.9.9 » n'est pas dans la grille"
    elif case == "dangling-site":
        tables["findings"][0]["site_id"] = "nowhere"
        reason = "findings.0.site_id : renvoie à « nowhere », absent du paquet"
    elif case == "forged-review":
        fid = tables["findings"][0]["id"]
        tables["reviews"] = [{
            "id": "r1", "finding_id": fid, "audit_id": tables["audits"][0]["id"],
            "reviewer": "Léa Responsable", "decision": "accept", "comment": "",
            "new_verdict": None, "updated_at": "2026-11-28T10:00:00+00:00",
            "updated_by": "Léa Responsable", "rev": 1,
        }]  # fmt: skip
        reason = "ne porte pas de décision de revue"
    elif case == "rewritten-journal":  # the row says what no entry of the journal says
        changed = next(f for f in tables["findings"] if f["note"] == "ok")
        changed["note"] = "jamais écrit"
        reason = "n'a été fixée par aucune entrée de son journal"
    elif case == "wrong-media-type":
        tables["blobs"][0]["media_type"] = "image/png"
        reason = "image/jpeg annoncée comme image/png"
    elif case == "unused-blob":
        tables["evidence"] = []
        reason = "joint à aucune preuve ni signature"
    elif case == "photo-not-image":
        tables["blobs"][0]["media_type"] = "application/pdf"
        reason = "photo dont le fichier n'est pas une image"
    elif case == "forged-conflict":  # a version of Bob's that no entry of the journal made
        finding = tables["findings"][0]
        version = {k: v for k, v in finding.items() if k not in fmt.STAMP_COLUMNS}
        tables["conflicts"] = [{
            "id": "c1", "audit_id": finding["audit_id"], "entity": "findings",
            "entity_id": finding["id"], "kept": json.dumps(version),
            "other": json.dumps({**version, "note": "FORGÉ"}), "kept_by": "Alice Martin",
            "other_by": "Bob Durand", "kept_at": "", "other_at": "",
        }]  # fmt: skip
        reason = "« note » n'a été fixé par aucune entrée du journal du paquet"
    else:
        raise AssertionError(case)
    replaced = {fmt.TABLES: tables_bytes(tables)}
    return forge(good, out / f"{case}.spaudit", replace=replaced, resign=alice), reason


BAD = ["truncated", "dotdot", "absolute", "symlink", "duplicate", "bomb", "lying-size",
       "blob-hash", "manifest-edited", "other-key", "future", "invalid-json", "wrong-shape",
       "huge-string", "unknown-field", "other-audit-row", "unknown-verdict",
       "unknown-checkpoint", "dangling-site", "forged-review", "rewritten-journal",
       "wrong-media-type", "unused-blob", "photo-not-image", "forged-conflict",
       "understated-size"]  # fmt: skip


@pytest.mark.parametrize("case", BAD)
def test_a_bad_package_is_refused_with_its_reason_and_changes_nothing(
    case: str, good: Path, team: dict[str, Member], tmp_path: Path
) -> None:
    out = tmp_path / "bad"
    out.mkdir()
    path, reason = _bad_package(case, good, team, out)
    lead = team["lead"]
    before = dump(lead.root)
    with lead.open() as ws, pytest.raises(PackageError) as caught:
        import_package(ws, path, accept_unknown_signer=True)
    assert reason in str(caught.value)
    assert path.name in str(caught.value) or case == "truncated"
    assert dump(lead.root) == before
    assert not (lead.root / "tmp").exists()


def test_a_package_for_the_audit_on_another_grid_version_is_refused(
    good: Path, team: dict[str, Member], tmp_path: Path
) -> None:
    import hashlib

    tables = tables_of(good)
    ref = tables["referentials"][0]
    grid = json.loads(ref["content"])
    grid["version"] = "2"
    ref["content"] = json.dumps(grid)
    ref["key"] = ref["key"].replace("@1", "@2")
    ref["version"] = "2"
    ref["sha256"] = hashlib.sha256(ref["content"].encode()).hexdigest()
    tables["audits"][0]["referential_key"] = ref["key"]

    def point_at_v2(m: dict[str, object]) -> None:
        m["referential_key"], m["referential_sha256"] = ref["key"], ref["sha256"]

    path = forge(good, tmp_path / "v2.spaudit", replace={fmt.TABLES: tables_bytes(tables)},
                 edit_manifest=point_at_v2, resign=team["alice"].identity)  # fmt: skip
    lead = team["lead"]
    before = dump(lead.root)
    with lead.open() as ws, pytest.raises(PackageError, match="autre version"):
        import_package(ws, path)
    assert dump(lead.root) == before


def test_a_failure_during_the_merge_leaves_no_row_and_no_new_file(
    good: Path, team: dict[str, Member], monkeypatch: pytest.MonkeyPatch
) -> None:
    from auditor_app.package import merge

    lead = team["lead"]
    before = dump(lead.root)

    def disk_full(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(merge._Merger, "keep_journal", disk_full)
    with lead.open() as ws, pytest.raises(Exception, match="plein"):
        import_package(ws, good)
    assert dump(lead.root) == before


def test_rows_of_a_lead_match_what_the_auditor_sent(
    good: Path, team: dict[str, Member], started: tuple[str, list[str]]
) -> None:
    with team["lead"].open() as ws:
        import_package(ws, good)
    local = ("referentials",)
    assert rows_of(team["lead"].root, local) == rows_of(team["alice"].root, local)


def test_photos_stay_in_the_kept_package_and_are_checked_when_taken_out(
    good: Path, team: dict[str, Member]
) -> None:
    from auditor_app.store.blobs import EvidenceError

    lead = team["lead"]
    with lead.open() as ws:
        import_package(ws, good)
        sha = _blob_name(good)[6:]
        assert not ws.blobs.file(sha).exists()  # nothing copied at import
        (pack,) = (lead.root / "packs").iterdir()
        assert pack.read_bytes() == good.read_bytes()
        # A hard link (no second copy on this file system), made read-only: nobody
        # overwrites it in place by mistake.
        assert pack.stat().st_ino == good.stat().st_ino
        assert pack.stat().st_mode & 0o222 == 0
        offset, size = ws.conn.execute(
            "SELECT offset, size FROM packed_blobs WHERE name = ?", (f"blobs/{sha}",)
        ).fetchone()
        original = good.read_bytes()[offset : offset + size]
        assert ws.blobs.read(sha) == original  # taken out on first use, checked
        ws.blobs.file(sha).unlink()
        # The pack is altered behind the workspace's back: the photo is refused, not shown.
        data = bytearray(pack.read_bytes())
        data[offset + size // 2] ^= 0xFF
        pack.unlink()
        pack.write_bytes(bytes(data))
        with pytest.raises(EvidenceError, match="altéré"):
            ws.blobs.path(sha)


# -- what the first team trial found ----------------------------------------------------------


def _reclassified_while_alice_edits(
    team: dict[str, Member], started: tuple[str, list[str]], tmp_path: Path, *, alice_later: bool
) -> tuple[str, Path]:
    """Alice's first package reaches the lead, who reclassifies a finding; Alice changes the
    same finding before she gets the review (before or after the lead's change); she imports
    the review (a conflict in her workspace, left open) and sends her next package."""
    audit_id, (site1, _) = started
    alice, lead = team["alice"], team["lead"]
    with alice.open() as ws:
        fid = _site_findings(ws, audit_id, site1)[0].id
        F.update_finding(ws, fid, verdict=Verdict.NC_MINEURE, note="Délai dépassé")
        first = export(alice, ws, audit_id, tmp_path / "alice1.spaudit")
        if not alice_later:
            F.update_finding(ws, fid, verdict=Verdict.NC_MAJEURE, note="Vu deux fois")
    with lead.open() as ws:
        import_package(ws, first)
        F.add_review(ws, fid, "reclassify", "Écart ponctuel", new_verdict=Verdict.PISTE_DE_PROGRES)
        review = export(lead, ws, audit_id, tmp_path / "review.spaudit", kind="review")
    with alice.open() as ws:
        if alice_later:
            F.update_finding(ws, fid, verdict=Verdict.NC_MAJEURE, note="Vu deux fois")
        assert import_package(ws, review).conflicts == 1
        second = export(alice, ws, audit_id, tmp_path / "alice2.spaudit")
    return fid, second


@pytest.mark.parametrize("alice_later", [True, False], ids=["alice-later", "lead-later"])
def test_a_conflict_left_open_in_the_field_reaches_the_lead(
    team: dict[str, Member], started: tuple[str, list[str]], tmp_path: Path, alice_later: bool
) -> None:
    from auditor_app import review

    audit_id, _ = started
    fid, second = _reclassified_while_alice_edits(team, started, tmp_path, alice_later=alice_later)
    lead = team["lead"]
    with lead.open() as ws:
        result = import_package(ws, second)
        assert result.conflicts == 1
        (conflict,) = review.conflicts(ws, audit_id)
        versions = {conflict.kept["verdict"], conflict.other["verdict"]}
        assert versions == {"piste_de_progres", "nc_majeure"}  # both changes are before the lead
        # The lead's reclassification stands either way; Alice's change waits beside it.
        assert F.get_finding(ws, fid).verdict is Verdict.PISTE_DE_PROGRES
        assert conflict.kept["verdict"] == "piste_de_progres"
        assert conflict.other_by == "Alice Martin"
        assert conflict.kept_at and conflict.other_at and conflict.kept_at != conflict.other_at
        # Alice's next package, her conflict still open: the lead is not asked twice.
        with team["alice"].open() as alice_ws:
            third = export(team["alice"], alice_ws, audit_id, tmp_path / "alice3.spaudit")
        assert import_package(ws, third).conflicts == 0
        assert len(review.conflicts(ws, audit_id, only_open=False)) == 1


def test_taking_the_other_version_gives_the_finding_back_to_its_author(
    team: dict[str, Member], started: tuple[str, list[str]], tmp_path: Path
) -> None:
    from auditor_app import review

    audit_id, (site1, _) = started
    alice, bob, lead = team["alice"], team["bob"], team["lead"]
    with alice.open() as ws:
        fid = _site_findings(ws, audit_id, site1)[0].id
        F.update_finding(ws, fid, verdict=Verdict.NC_MINEURE, note="vu par Alice")
        a_pkg = export(alice, ws, audit_id, tmp_path / "alice.spaudit")
    with bob.open() as ws:
        F.update_finding(ws, fid, verdict=Verdict.CONFORME, note="vu par Bob")
        b_pkg = export(bob, ws, audit_id, tmp_path / "bob.spaudit")
    with lead.open() as ws:
        import_package(ws, a_pkg)
        import_package(ws, b_pkg)
        (conflict,) = review.conflicts(ws, audit_id)
        assert F.get_finding(ws, fid).author == "Bob Durand"
        review.resolve_conflict(ws, conflict.id, "other")
        finding = F.get_finding(ws, fid)
        assert (finding.verdict, finding.author) == (Verdict.NC_MINEURE, "Alice Martin")


def test_another_package_reusing_an_imported_id_is_refused(
    good: Path, team: dict[str, Member], tmp_path: Path
) -> None:
    lead = team["lead"]
    with lead.open() as ws:
        import_package(ws, good)
    tables = tables_of(good)
    tables["findings"][0]["note"] = "ok"  # another package, same package id
    other = forge(good, tmp_path / "same-id.spaudit", replace={fmt.TABLES: tables_bytes(tables)},
                  resign=team["alice"].identity)  # fmt: skip
    before = dump(lead.root)
    with lead.open() as ws, pytest.raises(PackageError, match="même identifiant"):
        import_package(ws, other)
    assert dump(lead.root) == before


def test_the_kept_package_outlives_its_inbox_file_and_a_stale_one_is_replaced(
    good: Path, team: dict[str, Member], tmp_path: Path
) -> None:
    lead = team["lead"]
    inbox = tmp_path / "inbox.spaudit"
    inbox.write_bytes(good.read_bytes())
    package_id = json.loads(entries(good)[fmt.MANIFEST])["package_id"]
    stale = lead.root / "packs" / f"{package_id}.spaudit"
    stale.parent.mkdir(exist_ok=True)
    stale.write_bytes(b"left by a restored backup")
    with lead.open() as ws:
        import_package(ws, inbox)
        # A sync engine brings a newer file under the same name: written aside, renamed over.
        newer = tmp_path / ".inbox.spaudit.part"
        newer.write_bytes(b"another package")
        newer.replace(inbox)
        inbox.unlink()
        sha = _blob_name(good)[6:]
        assert ws.blobs.read(sha) == entries(good)[f"blobs/{sha}"]


def test_a_workspace_trusts_the_identity_that_signed_its_own_packages(
    team: dict[str, Member], started: tuple[str, list[str]], tmp_path: Path
) -> None:
    from auditor_app.package.merge import trust_own_signer, trusted_fingerprints

    audit_id, _ = started
    alice = team["alice"]
    with alice.open() as ws:
        pkg = export(alice, ws, audit_id, tmp_path / "own.spaudit")
        assert not read_package(pkg, trusted_fingerprints(ws)).trusted
        trust_own_signer(ws, alice.identity)
        assert read_package(pkg, trusted_fingerprints(ws)).trusted
        assert ws.verify_journal().ok


def test_the_inbox_says_which_package_the_workspace_cannot_take(
    good: Path, team: dict[str, Member], tmp_path: Path
) -> None:
    from auditor_app.package.sync import scan_inbox

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.spaudit").write_bytes(good.read_bytes())
    with team["lead"].open() as ws:
        ws.conn.execute("UPDATE referentials SET sha256 = 'x'")  # another grid under its key
        (item,) = scan_inbox(ws, inbox)
        assert item.state == "invalid" and "autre version de la grille" in item.reason


def test_only_the_audits_lead_sends_review_packages(
    team: dict[str, Member], started: tuple[str, list[str]], tmp_path: Path
) -> None:
    """Ticking « review » does not make a field auditor the lead: refused on both sides."""
    audit_id, (site1, _) = started
    alice, bob, lead = team["alice"], team["bob"], team["lead"]
    with alice.open() as ws:
        fid = _site_findings(ws, audit_id, site1)[0].id
        F.update_finding(ws, fid, verdict=Verdict.NC_MINEURE, note="Délai")
        F.add_review(ws, fid, "accept")  # Alice plays the lead in her own workspace
        forged = export(alice, ws, audit_id, tmp_path / "forged.spaudit", kind="review")
    for receiver in (lead, bob):
        before = dump(receiver.root)
        with receiver.open() as ws, pytest.raises(PackageError, match="pas le responsable"):
            import_package(ws, forged, accept_unknown_signer=True)
        assert dump(receiver.root) == before
    with lead.open() as ws:  # the lead's own review package still goes to the team
        from auditor_app.package.merge import trust_own_signer

        trust_own_signer(ws, lead.identity)
        review = export(lead, ws, audit_id, tmp_path / "review.spaudit", kind="review")
    with bob.open() as ws:
        assert not import_package(ws, review).already_imported


def test_a_field_package_does_not_replace_what_a_signed_meeting_or_the_lead_settled(
    team: dict[str, Member], started: tuple[str, list[str]], tmp_path: Path
) -> None:
    from auditor_app import closing_meeting as meeting
    from auditor_app import review

    audit_id, (site1, site2) = started
    alice, bob, lead = team["alice"], team["bob"], team["lead"]
    strokes = [[(1.0, 1.0), (20.0, 5.0)]]
    with bob.open() as ws:  # Bob holds site 2's closing meeting and signs it
        signed = _site_findings(ws, audit_id, site2)[0].id
        F.update_finding(ws, signed, verdict=Verdict.PISTE_DE_PROGRES, note="Vu par Bob")
        meeting.sign(ws, audit_id, site2, [meeting.Signer("representative", "Mme Roux", strokes),
                                           meeting.Signer("auditor", "Bob", strokes)])  # fmt: skip
        b_pkg = export(bob, ws, audit_id, tmp_path / "bob.spaudit")
    with alice.open() as ws:  # Alice, not knowing, changes a finding of Bob's site
        F.update_finding(ws, signed, verdict=Verdict.NC_MAJEURE, note="Vu par Alice")
        reclassified = _site_findings(ws, audit_id, site1)[0].id
        F.update_finding(ws, reclassified, verdict=Verdict.NC_MINEURE, note="Délai")
        a_pkg = export(alice, ws, audit_id, tmp_path / "alice.spaudit")
    with lead.open() as ws:
        import_package(ws, b_pkg)
        assert import_package(ws, a_pkg).conflicts == 1
        assert F.get_finding(ws, signed).verdict is Verdict.PISTE_DE_PROGRES  # as signed
        (conflict,) = review.conflicts(ws, audit_id)
        assert conflict.other["note"] == "Vu par Alice" and conflict.other_by == "Alice Martin"
        F.add_review(ws, reclassified, "reclassify", "Écart ponctuel",
                     new_verdict=Verdict.PISTE_DE_PROGRES)  # fmt: skip
        review_pkg = export(lead, ws, audit_id, tmp_path / "review.spaudit", kind="review")
    with alice.open() as ws:  # she changes it again, then keeps her own version
        F.update_finding(ws, reclassified, verdict=Verdict.NC_MAJEURE, note="Délai, revu")
        import_package(ws, review_pkg)
        (mine,) = [c for c in review.conflicts(ws, audit_id) if c.entity_id == reclassified]
        review.resolve_conflict(ws, mine.id, "kept")
        again = export(alice, ws, audit_id, tmp_path / "alice2.spaudit")
    with lead.open() as ws:
        assert import_package(ws, again).conflicts == 1
        assert F.get_finding(ws, reclassified).verdict is Verdict.PISTE_DE_PROGRES
        waiting = [c for c in review.conflicts(ws, audit_id) if c.entity_id == reclassified]
        assert [c.other["verdict"] for c in waiting] == ["nc_majeure"]


def test_an_entry_whose_header_understates_its_size_is_never_inflated_in_memory(
    good: Path, team: dict[str, Member], tmp_path: Path
) -> None:
    import tracemalloc

    path, _ = _bad_package("understated-size", good, team, tmp_path)
    tracemalloc.start()
    try:
        with pytest.raises(PackageError):
            read_package(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024  # 50 MB inside; read no further than the 100 B declared
