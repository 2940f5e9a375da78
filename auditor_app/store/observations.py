"""Mystery tests, survey counts and drawn signatures."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from auditor_app.audit.model import MysteryTest, SurveyCounts, new_id
from auditor_app.store import records
from auditor_app.store.workspace import StoreError, Workspace

MYSTERY_KINDS = ("call", "email", "letter", "visit", "website")
SIGNATURE_ROLES = ("auditor", "representative", "lead")
POPULATIONS = ("user", "agent")  # who answered a survey


def _rows(ws: Workspace, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    cursor = ws.conn.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def add_mystery_test(ws: Workspace, test: MysteryTest) -> MysteryTest:
    if test.kind not in MYSTERY_KINDS:
        raise StoreError(f"Type de test mystère inconnu : {test.kind}")
    test = replace(test, id=test.id or new_id(), author=test.author or ws.actor)
    with ws.transaction():
        ws.insert_row("mystery_tests", records.mystery_test_to_row(test), audit_id=test.audit_id)
    return test


def update_mystery_test(ws: Workspace, test: MysteryTest) -> MysteryTest:
    row = records.mystery_test_to_row(test)
    with ws.transaction():
        ws.update_row("mystery_tests", test.id, {k: v for k, v in row.items() if k != "id"})
    return test


def mystery_tests(ws: Workspace, audit_id: str) -> list[MysteryTest]:
    rows = _rows(
        ws, "SELECT * FROM mystery_tests WHERE audit_id = ? ORDER BY performed_at, rowid",
        (audit_id,),
    )  # fmt: skip
    return [records.mystery_test_from_row(r) for r in rows]


def set_survey_counts(ws: Workspace, audit_id: str, counts: SurveyCounts) -> None:
    """Record (or correct) the answers to one survey question."""
    if min(counts.satisfied, counts.neutral, counts.dissatisfied) < 0:
        raise StoreError(f"Enquête « {counts.question} » : les effectifs ne peuvent être négatifs.")
    if counts.population not in POPULATIONS:
        raise StoreError(f"Population d'enquête inconnue : {counts.population}")
    values = {"satisfied": counts.satisfied, "neutral": counts.neutral,
              "dissatisfied": counts.dissatisfied}  # fmt: skip
    existing = ws.conn.execute(
        "SELECT id FROM surveys WHERE audit_id = ? AND population = ? AND question = ?"
        " AND site_id = ?",
        (audit_id, counts.population, counts.question, counts.site_id),
    ).fetchone()
    with ws.transaction():
        if existing:
            ws.update_row("surveys", existing[0], values)
        else:
            ws.insert_row("surveys", {
                "id": new_id(), "audit_id": audit_id, "population": counts.population,
                "question": counts.question, "site_id": counts.site_id, **values,
            }, audit_id=audit_id)  # fmt: skip


def surveys(ws: Workspace, audit_id: str, population: str | None = None) -> list[SurveyCounts]:
    sql = "SELECT * FROM surveys WHERE audit_id = ?"
    params: tuple[str, ...] = (audit_id,)
    if population:
        sql += " AND population = ?"
        params = (audit_id, population)
    return [records.survey_from_row(r) for r in _rows(ws, sql + " ORDER BY rowid", params)]


def add_signature(
    ws: Workspace,
    audit_id: str,
    *,
    role: str,
    signer_name: str,
    strokes: list[list[tuple[float, float]]],
    png: bytes = b"",
    site_id: str = "",
) -> str:
    """Keep a drawn signature as vector strokes (and its PNG); an empty pad is refused."""
    if role not in SIGNATURE_ROLES:
        raise StoreError(f"Rôle de signataire inconnu : {role}")
    if not signer_name.strip():
        raise StoreError("Indiquez le nom du signataire.")
    if not any(len(stroke) >= 2 for stroke in strokes):
        raise StoreError("La signature est vide : signez dans le cadre avant de valider.")
    png_sha = ws.blobs.put_bytes(png, "signature.png").sha256 if png else ""
    signature_id = new_id()
    stamp = ws.stamp()
    with ws.transaction():
        if png_sha:
            ws.conn.execute(
                "INSERT OR IGNORE INTO blobs (sha256, size, media_type, created_at)"
                " VALUES (?, ?, 'image/png', ?)",
                (png_sha, len(png), stamp["updated_at"]),
            )
        ws.insert_row("signatures", {
            "id": signature_id, "audit_id": audit_id, "site_id": site_id, "role": role,
            "signer_name": signer_name, "strokes": json.dumps(strokes),
            "png_sha256": png_sha, "signed_at": stamp["updated_at"],
        }, audit_id=audit_id)  # fmt: skip
    return signature_id


def signatures(ws: Workspace, audit_id: str) -> list[dict[str, Any]]:
    return _rows(ws, "SELECT * FROM signatures WHERE audit_id = ? ORDER BY signed_at", (audit_id,))
