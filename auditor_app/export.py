"""Findings to spreadsheets (auditors live in spreadsheets).

CSV is written for French Excel: UTF-8 with BOM and ``;`` separators. Files are written
under a temporary name and renamed, so a failed export leaves no half file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from auditor_app.files import atomic_write
from auditor_app.referential.model import CHANNEL_LABELS, UNIT_LABELS, Channel
from auditor_app.review import STATE_LABELS, review_states
from auditor_app.store import audits as audit_store
from auditor_app.store import findings as finding_store
from auditor_app.store.closing import responses
from auditor_app.store.workspace import Workspace

HEADERS = (
    "Audit", "Site", "Dispositif", "Engagement", "Critère", "Point de contrôle", "Exigence",
    "Canal", "Verdict", "Valeur mesurée", "Unité", "Note", "Preuves", "Auteur", "Modifié le",
    "Réponse du site", "Commentaire du site", "Revue", "Commentaire de revue",
)  # fmt: skip
RESPONSE_LABELS = {"accepted": "Acceptée", "disputed": "Contestée"}


def _number(value: float | None, fmt: str) -> object:
    """A number as French Excel reads it in a CSV (decimal comma); a real number in XLSX."""
    if value is None or fmt != "csv":
        return value
    return f"{value:g}".replace(".", ",")


def _local_time(iso_utc: str) -> str:
    """``2026-11-17T09:42:05.123456+00:00`` → ``17/11/2026 10:42`` (the machine's time zone)."""
    try:
        return datetime.fromisoformat(iso_utc).astimezone().strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso_utc


def finding_rows(ws: Workspace, audit_id: str, fmt: str = "csv") -> Iterator[tuple[object, ...]]:
    audit = audit_store.get_audit(ws, audit_id)
    ref = audit_store.referential(ws, audit.referential_key)
    site_names = {s.id: s.name for s in audit_store.sites(ws, audit_id)}
    scheme_names = {s.id: s.name for s in audit_store.aid_schemes(ws, audit_id)}
    closing = {r.finding_id: r for r in responses(ws, audit_id)}
    reviews = review_states(ws, audit_id)
    for finding in finding_store.findings(ws, audit_id):
        engagement, criterion, checkpoint = ref.locate(finding.checkpoint_code)
        unit = checkpoint.measure.unit if checkpoint.measure else None
        yield (
            audit.reference,
            site_names.get(finding.site_id, "Organisation" if not finding.site_id else "?"),
            scheme_names.get(finding.aid_scheme_id, ""),
            f"{engagement.number}. {engagement.title}",
            f"{criterion.code} {criterion.title}",
            checkpoint.code,
            checkpoint.text,
            CHANNEL_LABELS[Channel(finding.channel)] if finding.channel else "",
            finding.verdict.label if finding.verdict else "",
            _number(finding.measured_value, fmt),
            UNIT_LABELS[unit] if unit else "",
            finding.note,
            finding.evidence_count,
            finding.author,
            _local_time(finding.updated_at) if finding.rev else "",
            RESPONSE_LABELS.get(closing[finding.id].response, "") if finding.id in closing else "",
            closing[finding.id].comment if finding.id in closing else "",
            STATE_LABELS[reviews[finding.id][0]] if finding.id in reviews else "",
            reviews[finding.id][1] if finding.id in reviews else "",
        )


def export_findings(ws: Workspace, audit_id: str, out: Path, fmt: str) -> int:
    """Write every finding of the audit to ``out`` (csv or xlsx); return the row count."""
    rows = list(finding_rows(ws, audit_id, fmt))
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADERS)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
        atomic_write(out, buffer.getvalue().encode("utf-8-sig"))
    elif fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "Constats"
        sheet.append(HEADERS)
        for row in rows:
            sheet.append(list(row))
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        buffer_b = io.BytesIO()
        book.save(buffer_b)
        atomic_write(out, buffer_b.getvalue())
    else:
        raise ValueError(f"Format d'export inconnu : {fmt} (csv ou xlsx)")
    return len(rows)
