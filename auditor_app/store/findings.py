"""Findings, their evidence and the lead auditor's reviews.

Saving a finding is the hot path of the walk-through: one short transaction with a
prepared UPDATE and one journal entry, committed durably before the call returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor_app.audit.model import Finding, new_id
from auditor_app.audit.verdicts import Verdict
from auditor_app.store import records
from auditor_app.store.blobs import BlobInfo
from auditor_app.store.workspace import NotFoundError, StoreError, Workspace

_UNSET: Any = object()
REVIEW_DECISIONS = ("accept", "changes_requested", "reclassify", "comment")


def findings(ws: Workspace, audit_id: str, site_id: str | None = None) -> list[Finding]:
    """Every finding of an audit (or of one site), in the order they were laid out."""
    counts = dict(
        ws.conn.execute(
            "SELECT finding_id, count(*) FROM evidence WHERE audit_id = ? GROUP BY finding_id",
            (audit_id,),
        ).fetchall()
    )
    sql = f"SELECT {records.FINDING_COLUMNS} FROM findings WHERE audit_id = ?"
    params: tuple[str, ...] = (audit_id,)
    if site_id is not None:
        sql += " AND site_id = ?"
        params = (audit_id, site_id)
    rows = ws.conn.execute(sql + " ORDER BY rowid", params).fetchall()
    build, get = records.finding_from_tuple, counts.get
    return [build(row, get(row[0], 0)) for row in rows]


def get_finding(ws: Workspace, fid: str) -> Finding:
    row = ws.conn.execute(
        f"SELECT {records.FINDING_COLUMNS} FROM findings WHERE id = ?", (fid,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"Constat introuvable : {fid}")
    count = ws.conn.execute("SELECT count(*) FROM evidence WHERE finding_id = ?", (fid,)).fetchone()
    return records.finding_from_tuple(row, count[0])


def update_finding(
    ws: Workspace,
    fid: str,
    *,
    verdict: Verdict | None = _UNSET,
    measured_value: float | None = _UNSET,
    note: str = _UNSET,
    reason: str = "",
) -> Finding:
    """Record a verdict, a measured value and/or a note; durable when this returns.

    Only the fields given are changed, and only real changes are journalled.
    """
    changes: dict[str, Any] = {}
    if verdict is not _UNSET:
        changes["verdict"] = Verdict(verdict).value if verdict is not None else None
    if measured_value is not _UNSET:
        changes["measured_value"] = None if measured_value is None else float(measured_value)
    if note is not _UNSET:
        changes["note"] = note
    if changes:
        check_not_frozen(ws, fid)
        changes["author"] = ws.actor
        with ws.transaction():
            ws.update_row("findings", fid, changes, reason=reason)
    return get_finding(ws, fid)


def frozen_since(ws: Workspace, finding: Finding) -> str:
    """When the closing meeting of the finding's site was signed ("" while it is not)."""
    if not finding.site_id:
        return ""
    from auditor_app.store.closing import signed_at

    return signed_at(ws, finding.audit_id, finding.site_id)


def check_not_frozen(ws: Workspace, fid: str) -> None:
    """Refuse to change a finding presented at a signed closing meeting.

    The site's representative accepted or disputed what they were shown and signed: the
    field auditor no longer changes it. The lead may still reclassify it in the review
    (a decision with its justification, kept beside the site's answer).
    """
    signed = frozen_since(ws, get_finding(ws, fid))
    if signed:
        day = f"{signed[8:10]}/{signed[5:7]}/{signed[:4]}"
        raise StoreError(
            f"La réunion de clôture de ce site a été signée le {day} : ses constats "
            "sont figés. Une correction passe par le responsable d'audit (revue : reclasser)."
        )


@dataclass(frozen=True)
class Evidence:
    id: str
    finding_id: str
    blob: BlobInfo
    kind: str
    filename: str
    caption: str
    taken_at: str | None
    position: int


def add_evidence(ws: Workspace, fid: str, source: Path, caption: str = "") -> Evidence:
    """Check a photo or document, store it once by hash, attach it to a finding.

    A refused file (corrupt, oversized, unreadable) raises EvidenceError and changes
    nothing in the database. The GUI runs the slow half, ``ws.blobs.put_file`` (reading,
    checking, thumbnail), in a worker thread, then :func:`attach_evidence` on its own.
    """
    check_not_frozen(ws, fid)  # fail before the slow part (the finding gone, or frozen)
    return attach_evidence(ws, fid, ws.blobs.put_file(source), source.name, caption)


def attach_evidence(
    ws: Workspace, fid: str, info: BlobInfo, filename: str, caption: str = ""
) -> Evidence:
    """Record an already stored blob as evidence of a finding (one short transaction)."""
    check_not_frozen(ws, fid)
    finding = get_finding(ws, fid)
    kind = "photo" if info.is_image else "document"
    position = finding.evidence_count
    evidence_id = new_id()
    row = {
        "id": evidence_id, "finding_id": fid, "audit_id": finding.audit_id,
        "blob_sha256": info.sha256, "kind": kind, "filename": filename,
        "caption": caption, "taken_at": info.taken_at, "position": position,
    }  # fmt: skip
    with ws.transaction():
        ws.conn.execute(
            "INSERT OR IGNORE INTO blobs (sha256, size, media_type, width, height, orientation,"
            " taken_at, created_at) VALUES (?,?,?,?,?,?,?,?)",
            (info.sha256, info.size, info.media_type, info.width, info.height, info.orientation,
             info.taken_at, ws.stamp()["updated_at"]),
        )  # fmt: skip
        ws.insert_row("evidence", row, audit_id=finding.audit_id)
    return Evidence(evidence_id, fid, info, kind, filename, caption, info.taken_at, position)


def evidence_for(ws: Workspace, fid: str) -> list[Evidence]:
    rows = ws.conn.execute(
        "SELECT e.id, e.finding_id, e.kind, e.filename, e.caption, e.taken_at, e.position,"
        " b.sha256, b.size, b.media_type, b.width, b.height, b.orientation, b.taken_at"
        " FROM evidence e JOIN blobs b ON b.sha256 = e.blob_sha256"
        " WHERE e.finding_id = ? ORDER BY e.position, e.updated_at",
        (fid,),
    ).fetchall()
    return [Evidence(r[0], r[1], BlobInfo(*r[7:]), r[2], r[3], r[4], r[5], r[6]) for r in rows]


def _check_evidence_not_frozen(ws: Workspace, evidence_id: str) -> None:
    row = ws.conn.execute("SELECT finding_id FROM evidence WHERE id = ?", (evidence_id,))
    found = row.fetchone()
    if found is not None:  # a missing one is named by the change itself
        check_not_frozen(ws, found[0])


def set_evidence_caption(ws: Workspace, evidence_id: str, caption: str) -> None:
    _check_evidence_not_frozen(ws, evidence_id)
    with ws.transaction():
        ws.update_row("evidence", evidence_id, {"caption": caption})


def remove_evidence(ws: Workspace, evidence_id: str, reason: str = "") -> None:
    """Detach evidence from its finding; the blob stays (other findings may use it)."""
    _check_evidence_not_frozen(ws, evidence_id)
    with ws.transaction():
        ws.delete_row("evidence", evidence_id, reason=reason)


def add_review(
    ws: Workspace,
    fid: str,
    decision: str,
    comment: str = "",
    new_verdict: Verdict | None = None,
) -> str:
    """The lead's decision on a finding; a reclassification changes the verdict too."""
    if decision not in REVIEW_DECISIONS:
        raise StoreError(f"Décision de revue inconnue : {decision}")
    if decision == "reclassify" and (new_verdict is None or not comment.strip()):
        raise StoreError("Un reclassement demande le nouveau verdict et une justification.")
    finding = get_finding(ws, fid)
    review_id = new_id()
    with ws.transaction():
        ws.insert_row("reviews", {
            "id": review_id, "finding_id": fid, "audit_id": finding.audit_id,
            "reviewer": ws.actor, "decision": decision, "comment": comment,
            "new_verdict": new_verdict.value if new_verdict else None,
        }, audit_id=finding.audit_id)  # fmt: skip
        if decision == "reclassify" and new_verdict is not None:
            ws.update_row("findings", fid, {"verdict": new_verdict.value},
                          reason=f"reclassement : {comment}")  # fmt: skip
    return review_id


def reviews_for(ws: Workspace, fid: str) -> list[dict[str, Any]]:
    cursor = ws.conn.execute(
        "SELECT * FROM reviews WHERE finding_id = ? ORDER BY updated_at", (fid,)
    )
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
