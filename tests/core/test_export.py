"""The findings spreadsheet carries the closing meeting's answers and the lead's review."""

from __future__ import annotations

import csv
from pathlib import Path

from auditor_app import review
from auditor_app.audit.verdicts import Verdict
from auditor_app.export import HEADERS, export_findings
from auditor_app.store import closing
from auditor_app.store import findings as F
from auditor_app.store.workspace import Workspace
from tests.core.packages import make_audit


def test_csv_has_the_sites_answer_and_the_review(workspace: Workspace, tmp_path: Path) -> None:
    audit_id, (site, _) = make_audit(workspace)
    disputed, accepted = F.findings(workspace, audit_id, site)[:2]
    F.update_finding(workspace, disputed.id, verdict=Verdict.NC_MINEURE, note="Pas d'affichage")
    F.update_finding(workspace, accepted.id, verdict=Verdict.CONFORME)
    closing.set_response(workspace, disputed.id, "disputed", "Affiche posée la veille", "M. Roy")
    closing.set_response(workspace, accepted.id, "accepted")
    review.set_review(workspace, disputed.id, "changes_requested", "Joindre une photo")
    out = tmp_path / "constats.csv"
    export_findings(workspace, audit_id, out, "csv")
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert tuple(rows[0]) == HEADERS
    by_note = {r[11]: dict(zip(HEADERS, r, strict=True)) for r in rows[1:]}
    row = by_note["Pas d'affichage"]
    assert row["Réponse du site"] == "Contestée"
    assert row["Commentaire du site"] == "Affiche posée la veille"
    assert row["Revue"] == "Modifications demandées"
    assert row["Commentaire de revue"] == "Joindre une photo"
    assert any(r[15] == "Acceptée" and r[17] == "" for r in rows[1:])
