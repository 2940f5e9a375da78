"""Remake the README's and the guides' screenshots: the demo in a real window (under Xvfb).

    Xvfb :99 -screen 0 1366x768x24 &  DISPLAY=:99 python3 docs/make_screenshots.py
    DISPLAY=:99 python3 docs/make_screenshots.py --lang en    # docs/screenshots/en/, English
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


def package_shots(app: Any, session: Any, window: Any, tmp: Path) -> None:
    """The lead's inbox with a package in each state, and the import of an unknown signer."""
    from auditor_app.audit.verdicts import Verdict
    from auditor_app.demo import build_demo
    from auditor_app.demo_info import DEMO_AUDIT_ID
    from auditor_app.identity.certificate import create_identity, read_pkcs12
    from auditor_app.package.merge import add_certificate, import_package
    from auditor_app.package.sync import SyncSettings, package_name, save_settings
    from auditor_app.package.writer import export_package
    from auditor_app.store import findings as finding_store
    from auditor_app.store.workspace import Workspace
    from ui.main_window import INBOX
    from ui.package_dialogs import ImportPackageDialog

    def settle(done: Any) -> None:
        for _ in range(2000):
            app.processEvents()
            if done():
                break
            time.sleep(0.01)
        for _ in range(5):
            app.processEvents()

    inbox = tmp / "Nextcloud" / "Audits" / "Réception"
    inbox.mkdir(parents=True)
    packages = {}
    for n, (name, email) in enumerate((("Bruno Lefèvre", "bruno.lefevre@qualicert.fr"),
                                       ("Chloé Durand", "chloe.durand@qualicert.fr"))):  # fmt: skip
        p12 = tmp / f"{email}.p12"
        create_identity(name, email, "Qualicert", p12, b"demo")
        identity = read_pkcs12(p12, b"demo")
        with Workspace(tmp / email, actor=name) as other:
            build_demo(other)  # the same audit, ids included, in the auditor's workspace
            todo = [f for f in finding_store.findings(other, DEMO_AUDIT_ID) if f.verdict is None]
            for step, day in enumerate((10, 12)):
                for finding in todo[n * 40 + step * 6 : n * 40 + step * 6 + 6]:
                    finding_store.update_finding(other, finding.id, verdict=Verdict.CONFORME)
                out = inbox / package_name("DEMO-VDR-2026", name, datetime(2026, 3, day, 17, n))
                export_package(other, DEMO_AUDIT_ID, out, identity)
                packages[(name, day)] = out, identity
    ws = session.ws
    bruno_first, bruno = packages[("Bruno Lefèvre", 10)]
    bruno_last = packages[("Bruno Lefèvre", 12)][0]
    add_certificate(ws, bruno.identity.certificate_pem, source="bruno.pem")
    import_package(ws, bruno_first, before_merge=lambda: None)
    packages[("Chloé Durand", 10)][0].unlink()
    cut = inbox / package_name("DEMO-VDR-2026", "Bruno Lefèvre", datetime(2026, 3, 11, 9, 0))
    data = bruno_last.read_bytes()
    cut.write_bytes(data[: len(data) * 2 // 3])  # a copy the sync tool did not finish
    chloe = packages[("Chloé Durand", 12)][0]
    for age, path in enumerate((bruno_last, chloe, cut, bruno_first)):  # newest first
        os.utime(path, (time.time() - age * 3600,) * 2)
    save_settings(ws.root, SyncSettings(inbox=str(inbox)))

    window.navigation.setCurrentRow(INBOX)
    page = window.current_page()
    settle(lambda: page.worker is None and page.model.rowCount() == 4)
    window.grab().save(str(OUT / "inbox.png"))
    dialog = ImportPackageDialog(session, window, path=chloe)
    dialog.show()
    settle(lambda: not dialog.jobs.running)
    dialog.grab().save(str(OUT / "package-import.png"))
    dialog.close()


def review_shots(app: Any, session: Any, window: Any, tmp: Path) -> None:
    """The lead's review after Julien's package: a change received, a conflict, decisions."""
    from auditor_app import review
    from auditor_app.audit.verdicts import Verdict
    from auditor_app.demo_info import DEMO_AUDIT_ID
    from auditor_app.identity.certificate import create_identity, read_pkcs12
    from auditor_app.package.merge import add_certificate, import_package
    from auditor_app.package.writer import export_package
    from auditor_app.store import findings as finding_store
    from auditor_app.store.backup import backup_now
    from auditor_app.store.workspace import DB_NAME, Workspace
    from ui.main_window import REVIEW

    julien, ws = "Julien Lefèvre", session.ws
    p12 = tmp / "julien.p12"
    create_identity(julien, "julien.lefevre@certif-demo.fr", "Certif démo", p12, b"demo")
    identity = read_pkcs12(p12, b"demo")
    mine = [f for f in finding_store.findings(ws, DEMO_AUDIT_ID) if f.author == "Claire Martin"]
    conflicted, received = mine[0].id, mine[1].id
    # Julien starts from a copy of the lead's workspace (its journal included), taken
    # through a backup since the lead's is open.
    copy = tmp / "julien"
    skip = shutil.ignore_patterns(".lock*", "backups", DB_NAME + "*")
    shutil.copytree(ws.root, copy, ignore=skip)
    shutil.copyfile(backup_now(ws).path, copy / DB_NAME)
    with Workspace(copy, actor=julien) as other:
        finding_store.update_finding(other, received, note="Nom affiché sur chaque guichet.")
        finding_store.update_finding(other, conflicted, verdict=Verdict.NC_MINEURE,
                                     note="Agent d'accueil sans badge nominatif.")  # fmt: skip
        export_package(other, DEMO_AUDIT_ID, tmp / "julien.spaudit", identity)
    actor, ws.actor = ws.actor, "Claire Martin"
    finding_store.update_finding(ws, conflicted, verdict=Verdict.POINT_FORT,
                                 note="Badge nominatif porté par tous les agents.")  # fmt: skip
    add_certificate(ws, identity.identity.certificate_pem, source="julien.pem")
    import_package(ws, tmp / "julien.spaudit", before_merge=lambda: None)
    items = review.consolidated(ws, DEMO_AUDIT_ID)
    for item in items[4:9]:
        review.set_review(ws, item.finding.id, "accept")
    nc = next(i for i in items if i.finding.verdict is Verdict.NC_MINEURE)
    review.set_review(ws, nc.finding.id, "changes_requested", "Ajoutez la photo du hall.")
    ws.actor = actor
    session.data_changed()

    window.navigation.setCurrentRow(REVIEW)
    page = window.current_page()
    page.select_finding(received)  # its history holds the change received from Julien
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(OUT / "review.png"))
    page.tabs.setCurrentIndex(page.conflicts_tab)
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(OUT / "review-conflicts.png"))


def main() -> None:
    import argparse

    global OUT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    lang = parser.parse_args().lang
    if lang != "fr":
        OUT = OUT / lang
        OUT.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp())  # no saved window state
    from auditor_app.demo import build_demo
    from auditor_app.demo_info import DEMO_AUDIT_ID, DEMO_LEAD
    from auditor_app.store import findings as finding_store
    from auditor_app.store.workspace import Workspace
    from ui.app import make_application
    from ui.main_window import CLOSING, MYSTERY, START, SURVEYS, SYNTHESIS, WALK, MainWindow
    from ui.session import Session

    app = make_application(lang=lang)
    with (
        tempfile.TemporaryDirectory() as tmp,
        Workspace(Path(tmp) / "demo", actor=DEMO_LEAD) as ws,
    ):
        build_demo(ws)
        session = Session(ws)
        window = MainWindow(session)
        window.resize(1366, 768)
        window.show()
        session.open_audit(DEMO_AUDIT_ID)

        def shot(name: str) -> None:
            for _ in range(5):
                app.processEvents()
            window.grab().save(str(OUT / f"{name}.png"))

        nc = next(
            f for f in finding_store.findings(ws, DEMO_AUDIT_ID)
            if f.verdict is not None and f.verdict.is_nonconformity and f.evidence_count
        )  # fmt: skip
        session.show_finding(nc.id)
        shot("walkthrough")
        for row, name in ((START, "audits"), (MYSTERY, "mystery-tests"), (SURVEYS, "surveys"),
                          (SYNTHESIS, "synthesis"), (CLOSING, "closing-meeting")):  # fmt: skip
            window.navigation.setCurrentRow(row)
            shot(name)
        closing = window.page(CLOSING)  # signatures written from the keyboard
        closing.tabs.setCurrentIndex(1)
        closing.representative.setText("Mme Roux, directrice")
        closing.representative_pad.write_name("Hélène Roux")
        closing.auditor_pad.write_name(closing.auditor.text() or "Claire Martin")
        shot("closing-signatures")
        closing.representative_pad.clear()
        closing.auditor_pad.clear()
        closing.tabs.setCurrentIndex(0)
        review_shots(app, session, window, Path(tmp))
        package_shots(app, session, window, Path(tmp))
        window.navigation.setCurrentRow(WALK)
        window.close()
        first_run_shot(app, Path(tmp))


def first_run_shot(app: Any, tmp: Path) -> None:
    """The first-run wizard on its identity page, as a new auditor sees it."""
    from ui.first_run import FirstRunWizard

    wizard = FirstRunWizard(tmp / "espace")
    wizard.resize(700, 480)
    wizard.show()
    wizard.who_page.name.setText("Claire Martin")
    wizard.who_page.email.setText("claire.martin@certif-demo.fr")
    wizard.next()
    wizard.next()
    for _ in range(5):
        app.processEvents()
    wizard.grab().save(str(OUT / "first-run.png"))
    wizard.close()


if __name__ == "__main__":
    main()
