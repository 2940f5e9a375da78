"""Issue 5's whole path on the command line: two field auditors on different sites send
signed packages through their outboxes; the lead verifies, imports, reviews and signs one
consolidated report."""

from __future__ import annotations

import shutil
from pathlib import Path

from auditor_app import review
from auditor_app.audit.verdicts import Verdict
from auditor_app.store import audits as audit_store
from auditor_app.store import findings as F
from auditor_app.store.workspace import Workspace
from tests.e2e.test_cli import run

AUDIT = "DEMO-VDR-2026"


def _identity(tmp: Path, name: str, email: str) -> tuple[Path, Path]:
    p12, pem = tmp / f"{email.split('@')[0]}.p12", tmp / f"{email.split('@')[0]}.pem"
    result = run("identity", "create", "--name", name, "--email", email, "--out", str(p12),
                 "--passphrase-file", str(tmp / "pass"), "--cert-out", str(pem))  # fmt: skip
    assert result.returncode == 0, result.stderr
    return p12, pem


def ok(*args: str) -> str:
    result = run(*args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_two_field_auditors_then_the_lead_signs_one_consolidated_report(tmp_path: Path) -> None:
    (tmp_path / "pass").write_text("une phrase de passe\n")
    pw = ("--passphrase-file", str(tmp_path / "pass"))
    lead_p12, lead_pem = _identity(tmp_path, "Léa Responsable", "lea@certif.fr")
    alice_p12, alice_pem = _identity(tmp_path, "Alice Martin", "alice@certif.fr")
    bob_p12, bob_pem = _identity(tmp_path, "Bob Durand", "bob@certif.fr")
    lead, alice, bob = tmp_path / "lead", tmp_path / "alice", tmp_path / "bob"
    shared = tmp_path / "nextcloud"  # the folder the firm's sync engine keeps in step
    shared.mkdir()

    # The lead prepares the audit (here: the demo) and hands it to the team.
    ok("--workspace", str(lead), "demo")
    ok("--workspace", str(lead), "team", "add", str(alice_pem))
    ok("--workspace", str(lead), "team", "add", str(bob_pem))
    start = tmp_path / "start.spaudit"
    ok("--workspace", str(lead), "package", "export", AUDIT, "--out", str(start),
       "--identity", str(lead_p12), "--review", *pw)  # fmt: skip
    sites = {}
    for ws_root, p12, name in ((alice, alice_p12, "Alice Martin"), (bob, bob_p12, "Bob Durand")):
        ok("--workspace", str(ws_root), "team", "add", str(lead_pem))
        assert "importé" in ok("--workspace", str(ws_root), "package", "import", str(start))
        ok("--workspace", str(ws_root), "sync", "settings", "--outbox", str(shared))
        # On site (the desktop app in real life): each walks one site.
        with Workspace(ws_root, actor=name) as ws:
            audit = audit_store.find_audit(ws, AUDIT)
            site = audit_store.sites(ws, audit.id)[0 if ws_root == alice else 1]
            sites[name] = site.id
            for f in F.findings(ws, audit.id, site.id)[:3]:
                F.update_finding(ws, f.id, verdict=Verdict.POINT_SENSIBLE, note=f"vu par {name}")
        out = ok("--workspace", str(ws_root), "sync", "submit", AUDIT, "--identity", str(p12), *pw)
        assert "boîte d'envoi" in out

    # The lead's inbox is the same synced folder.
    ok("--workspace", str(lead), "sync", "settings", "--inbox", str(shared))
    listing = run("--workspace", str(lead), "sync", "inbox")
    assert listing.returncode == 0 and listing.stdout.count("VALIDE") == 2, listing.stdout
    for package in shared.glob("*.spaudit"):
        verified = run("--workspace", str(lead), "package", "verify", str(package))
        assert verified.returncode == 0 and "VALIDE" in verified.stdout
    imported = ok("--workspace", str(lead), "sync", "inbox", "--import")
    assert imported.count("0 conflit(s)") == 2
    assert ok("--workspace", str(lead), "sync", "inbox").count("IMPORTÉ") == 2

    # The lead reviews: every change of both auditors is there, attributed.
    with Workspace(lead, actor="Léa Responsable") as ws:
        audit = audit_store.find_audit(ws, AUDIT)
        for name, site_id in sites.items():
            mine = [f for f in F.findings(ws, audit.id, site_id) if f.note == f"vu par {name}"]
            assert len(mine) == 3 and {f.author for f in mine} == {name}
            review.set_review(ws, mine[0].id, "accept")
        assert ws.verify_journal().ok

    report = tmp_path / "rapport-consolide.pdf"
    ok("--workspace", str(lead), "report", "build", AUDIT, "--out", str(report),
       "--sign", str(lead_p12), "--no-annex", *pw)  # fmt: skip
    verdict = run("report", "verify", str(report), "--trust", str(lead_pem))
    assert verdict.returncode == 0 and "VALIDE" in verdict.stdout, verdict.stdout


def test_a_tampered_package_is_refused_by_verify_and_import(tmp_path: Path) -> None:
    (tmp_path / "pass").write_text("une phrase de passe\n")
    p12, pem = _identity(tmp_path, "Alice Martin", "alice@certif.fr")
    field, lead = tmp_path / "field", tmp_path / "lead"
    ok("--workspace", str(field), "demo")
    package = tmp_path / "a.spaudit"
    ok("--workspace", str(field), "package", "export", AUDIT, "--out", str(package),
       "--identity", str(p12), "--passphrase-file", str(tmp_path / "pass"))  # fmt: skip
    unknown = run("--workspace", str(lead), "package", "import", str(package))
    assert unknown.returncode == 1 and "--accept-signer" in unknown.stderr
    assert not (lead / "packs").exists()
    data = bytearray(package.read_bytes())
    data[len(data) // 3] ^= 0x01
    bad = tmp_path / "bad.spaudit"
    bad.write_bytes(bytes(data))
    result = run("package", "verify", str(bad), "--trust", str(pem))
    assert result.returncode == 1 and "INVALIDE" in result.stdout
    result = run("--workspace", str(lead), "package", "import", str(bad), "--accept-signer")
    assert result.returncode == 1 and "rien n'a changé" in result.stderr
    shutil.rmtree(field)
