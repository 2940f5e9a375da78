"""The closing meeting: the site representative accepts or disputes each finding.

A dispute needs a comment; it stays in the audit as a diverging opinion for the report.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor_app.audit.model import new_id
from auditor_app.store.findings import get_finding
from auditor_app.store.workspace import StoreError, Workspace

RESPONSES = ("accepted", "disputed")


@dataclass(frozen=True)
class ClosingResponse:
    finding_id: str
    site_id: str
    response: str
    comment: str
    representative: str


def set_response(
    ws: Workspace, fid: str, response: str, comment: str = "", representative: str = ""
) -> ClosingResponse:
    """Record (or change) the representative's answer to one finding."""
    if response not in RESPONSES:
        raise StoreError(f"Réponse inconnue : {response} (acceptée ou contestée).")
    if response == "disputed" and not comment.strip():
        raise StoreError("Une contestation doit être motivée : saisissez le commentaire du site.")
    finding = get_finding(ws, fid)
    signed = signed_at(ws, finding.audit_id, finding.site_id)
    if signed:
        raise StoreError(
            f"La réunion de clôture de ce site a été signée ({signed[:10]}) : "
            "ses réponses sont figées."
        )
    values = {"response": response, "comment": comment, "representative": representative}
    existing = ws.conn.execute(
        "SELECT id FROM closing_responses WHERE finding_id = ?", (fid,)
    ).fetchone()
    with ws.transaction():
        if existing:
            ws.update_row("closing_responses", existing[0], values)
        else:
            ws.insert_row("closing_responses", {
                "id": new_id(), "audit_id": finding.audit_id, "finding_id": fid,
                "site_id": finding.site_id, **values,
            }, audit_id=finding.audit_id)  # fmt: skip
    return ClosingResponse(fid, finding.site_id, response, comment, representative)


def responses(ws: Workspace, audit_id: str, site_id: str | None = None) -> list[ClosingResponse]:
    sql = ("SELECT finding_id, site_id, response, comment, representative FROM closing_responses"
           " WHERE audit_id = ?")  # fmt: skip
    params: tuple[str, ...] = (audit_id,)
    if site_id is not None:
        sql += " AND site_id = ?"
        params = (audit_id, site_id)
    return [ClosingResponse(*row) for row in ws.conn.execute(sql + " ORDER BY rowid", params)]


def diverging_opinions(ws: Workspace, audit_id: str) -> list[ClosingResponse]:
    return [r for r in responses(ws, audit_id) if r.response == "disputed"]


def signed_at(ws: Workspace, audit_id: str, site_id: str) -> str:
    """When the site's closing meeting was signed by its representative ("" if not yet)."""
    row = ws.conn.execute(
        "SELECT min(signed_at) FROM signatures WHERE audit_id = ? AND site_id = ?"
        " AND role = 'representative'",
        (audit_id, site_id),
    ).fetchone()
    return str(row[0] or "")
