"""Grids, audits, sites and aid schemes in a workspace.

An audit keeps a frozen copy of its grid: a new grid version never changes an audit
under it. Creating an audit, or adding a site, lays out the audit's findings (one per
place a checkpoint must be assessed), so progress always has the same denominator.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from auditor_app.audit.cells import expected_findings
from auditor_app.audit.model import AUDIT_STATUSES, AidScheme, Audit, Site, finding_id, new_id
from auditor_app.referential.loader import referential_from_json, referential_to_json
from auditor_app.referential.model import Referential
from auditor_app.store import journal, records
from auditor_app.store.workspace import NotFoundError, StoreError, Workspace

# Which status may follow which; "in_review → in_progress" is the lead asking for changes.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("in_progress",),
    "in_progress": ("submitted", "draft"),
    "submitted": ("in_review", "in_progress"),
    "in_review": ("approved", "in_progress"),
    "approved": (),
}


def add_referential(ws: Workspace, ref: Referential, origin: str = "") -> str:
    """Store a frozen copy of a grid; the same grid twice is stored once."""
    content = referential_to_json(ref)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    existing = ws.conn.execute(
        "SELECT sha256 FROM referentials WHERE key = ?", (ref.key,)
    ).fetchone()
    if existing:
        if existing[0] != digest:
            raise StoreError(
                f"Une autre grille porte déjà l'identifiant {ref.key} dans cet espace de travail. "
                "Changez sa version avant de l'importer."
            )
        return ref.key
    row = {
        "key": ref.key, "grid_id": ref.id, "version": ref.version, "title": ref.title,
        "content": content, "sha256": digest, "origin": origin, "imported_at": journal.now_iso(),
    }  # fmt: skip
    with ws.transaction():
        columns = ", ".join(row)
        ws.conn.execute(
            f"INSERT INTO referentials ({columns}) VALUES ({', '.join('?' * len(row))})",
            tuple(row.values()),
        )
        ws.record_change(
            "create", "referentials", ref.key,
            after={"key": ref.key, "title": ref.title, "sha256": digest, "origin": origin},
        )  # fmt: skip
    return ref.key


def referential(ws: Workspace, key: str) -> Referential:
    cached = ws._referentials.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    row = ws.conn.execute("SELECT content FROM referentials WHERE key = ?", (key,)).fetchone()
    if row is None:
        raise NotFoundError(f"Grille introuvable dans l'espace de travail : {key}")
    ref = referential_from_json(row[0])
    ws._referentials[key] = ref
    return ref


def list_referentials(ws: Workspace) -> list[dict[str, Any]]:
    cursor = ws.conn.execute(
        "SELECT key, grid_id, version, title, origin, imported_at FROM referentials ORDER BY key"
    )
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def reference_in_use(ws: Workspace, reference: str) -> bool:
    """Whether an audit of the workspace has this reference (ignoring case and spaces)."""
    wanted = reference.strip().casefold()
    rows = ws.conn.execute("SELECT reference FROM audits").fetchall()
    return any(row[0].strip().casefold() == wanted for row in rows)


def create_audit(
    ws: Workspace,
    audit: Audit,
    sites: Sequence[Site] = (),
    aid_schemes: Sequence[AidScheme] = (),
) -> Audit:
    """Create an audit with its sites and aid schemes and lay out its findings, atomically."""
    referential(ws, audit.referential_key)  # fails early on an unknown grid
    if audit.status not in AUDIT_STATUSES:
        raise StoreError(f"Statut d'audit inconnu : {audit.status}")
    if not audit.reference.strip():
        raise StoreError("Donnez une référence à l'audit.")
    if reference_in_use(ws, audit.reference):
        # Audits are found by reference (command line, packages): it must be unique.
        raise StoreError(
            f"La référence « {audit.reference} » est déjà celle d'un autre audit de cet espace."
        )
    with ws.transaction():
        row = {**records.audit_to_row(audit), "created_at": journal.now_iso()}
        ws.insert_row("audits", row, audit_id=audit.id)
        for position, site in enumerate(sites):
            ws.insert_row(
                "sites", records.site_to_row(replace(site, audit_id=audit.id, position=position)),
                audit_id=audit.id,
            )  # fmt: skip
        for position, scheme in enumerate(aid_schemes):
            ws.insert_row(
                "aid_schemes",
                records.aid_scheme_to_row(replace(scheme, audit_id=audit.id, position=position)),
                audit_id=audit.id,
            )  # fmt: skip
        layout_findings(ws, audit.id)
    return get_audit(ws, audit.id)


def layout_findings(ws: Workspace, audit_id: str) -> int:
    """Insert the findings the grid expects and that do not exist yet; return how many.

    One journal entry records the layout (the findings are empty: nothing was observed).
    """
    audit = get_audit(ws, audit_id)
    ref = referential(ws, audit.referential_key)
    expected = expected_findings(audit, sites(ws, audit_id), aid_schemes(ws, audit_id), ref)
    stamp = ws.stamp()
    rows = [
        (f.id, f.audit_id, f.checkpoint_code, f.site_id, f.aid_scheme_id, f.channel,
         stamp["updated_at"], stamp["updated_by"])
        for f in expected
    ]  # fmt: skip
    with ws.transaction():
        before = ws.conn.total_changes
        ws.conn.executemany(
            "INSERT OR IGNORE INTO findings (id, audit_id, checkpoint_code, site_id,"
            " aid_scheme_id, channel, updated_at, updated_by, rev) VALUES (?,?,?,?,?,?,?,?,0)",
            rows,
        )
        added = ws.conn.total_changes - before
        if added:
            ws.record_change(
                "layout", "findings", audit_id, audit_id=audit_id, after={"findings_added": added}
            )
    return added


def get_audit(ws: Workspace, audit_id: str) -> Audit:
    try:
        return records.audit_from_row(ws.get_row("audits", audit_id))
    except NotFoundError:
        raise NotFoundError(f"Audit introuvable : {audit_id}") from None


def find_audit(ws: Workspace, ref: str) -> Audit:
    """An audit by id, id prefix (≥ 6 characters) or exact reference."""
    rows = ws.conn.execute(
        "SELECT id FROM audits WHERE id = ? OR reference = ? OR (length(?) >= 6 AND id LIKE ?)",
        (ref, ref, ref, ref + "%"),
    ).fetchall()
    if len(rows) != 1:
        problem = "aucun audit ne correspond" if not rows else "plusieurs audits correspondent"
        raise NotFoundError(f"« {ref} » : {problem}. Voyez « auditor-app audits list ».")
    return get_audit(ws, rows[0][0])


def list_audits(ws: Workspace) -> list[Audit]:
    rows = ws.conn.execute("SELECT id FROM audits ORDER BY created_at, reference").fetchall()
    return [get_audit(ws, r[0]) for r in rows]


def update_audit(ws: Workspace, audit_id: str, **changes: Any) -> Audit:
    """Change audit fields (organisation, objectives, dates…); status has its own call."""
    if "status" in changes or "id" in changes or "referential_key" in changes:
        raise StoreError(
            "Le statut, l'identifiant et la grille d'un audit ne se modifient pas ici."
        )
    current = get_audit(ws, audit_id)
    row = records.audit_to_row(replace(current, **changes))
    with ws.transaction():
        ws.update_row("audits", audit_id, {k: row[k] for k in changes})
    return get_audit(ws, audit_id)


def set_audit_status(ws: Workspace, audit_id: str, status: str, reason: str = "") -> Audit:
    current = get_audit(ws, audit_id)
    if status not in TRANSITIONS.get(current.status, ()):
        raise StoreError(
            f"Un audit « {current.status} » ne peut pas passer à « {status} »."
        )
    with ws.transaction():
        ws.update_row("audits", audit_id, {"status": status}, reason=reason)
    return get_audit(ws, audit_id)


def sites(ws: Workspace, audit_id: str) -> list[Site]:
    cursor = ws.conn.execute(
        "SELECT * FROM sites WHERE audit_id = ? ORDER BY position, name", (audit_id,)
    )
    names = [c[0] for c in cursor.description]
    return [records.site_from_row(dict(zip(names, r, strict=True))) for r in cursor.fetchall()]


def aid_schemes(ws: Workspace, audit_id: str) -> list[AidScheme]:
    cursor = ws.conn.execute(
        "SELECT * FROM aid_schemes WHERE audit_id = ? ORDER BY position, name", (audit_id,)
    )
    names = [c[0] for c in cursor.description]
    return [
        records.aid_scheme_from_row(dict(zip(names, r, strict=True))) for r in cursor.fetchall()
    ]


def add_site(ws: Workspace, site: Site) -> Site:
    """Add a site to an audit and lay out its findings, in one transaction."""
    position = len(sites(ws, site.audit_id))
    site = replace(site, position=position)
    with ws.transaction():
        ws.insert_row("sites", records.site_to_row(site), audit_id=site.audit_id)
        layout_findings(ws, site.audit_id)
    return site


def add_aid_scheme(ws: Workspace, scheme: AidScheme) -> AidScheme:
    scheme = replace(scheme, position=len(aid_schemes(ws, scheme.audit_id)))
    with ws.transaction():
        ws.insert_row("aid_schemes", records.aid_scheme_to_row(scheme), audit_id=scheme.audit_id)
        layout_findings(ws, scheme.audit_id)
    return scheme


def clone_audit(
    ws: Workspace,
    audit_id: str,
    *,
    reference: str,
    with_observations: bool,
    referential_key: str | None = None,
) -> Audit:
    """Start the next cycle from an audit: same organisation, sites and schemes, new ids.

    Statuses are reset (the new audit is a draft, no verdict is carried over). With
    observations, each finding keeps its note and evidence, and the old verdict is kept as
    ``previous_verdict`` for the auditor to see.
    """
    source = get_audit(ws, audit_id)
    new_audit = replace(
        source, id=new_id(), reference=reference, status="draft", cloned_from=source.id,
        referential_key=referential_key or source.referential_key, rev=1,
    )  # fmt: skip
    site_ids = {s.id: new_id() for s in sites(ws, audit_id)}
    scheme_ids = {s.id: new_id() for s in aid_schemes(ws, audit_id)}
    with ws.transaction():
        created = create_audit(
            ws, new_audit,
            [replace(s, id=site_ids[s.id]) for s in sites(ws, audit_id)],
            [replace(s, id=scheme_ids[s.id]) for s in aid_schemes(ws, audit_id)],
        )  # fmt: skip
        if with_observations:
            _carry_observations(ws, audit_id, created.id, site_ids, scheme_ids)
    return created


def _carry_observations(
    ws: Workspace, old_audit: str, new_audit: str, site_ids: dict[str, str],
    scheme_ids: dict[str, str],
) -> None:  # fmt: skip
    rows = ws.conn.execute(
        "SELECT id, checkpoint_code, site_id, aid_scheme_id, channel, verdict, note"
        " FROM findings WHERE audit_id = ? AND (verdict IS NOT NULL OR note != '')",
        (old_audit,),
    ).fetchall()
    for old_id, code, site, scheme, channel, verdict, note in rows:
        new_fid = finding_id(new_audit, code, site_ids.get(site, ""), scheme_ids.get(scheme, ""),
                             channel)  # fmt: skip
        exists = ws.conn.execute("SELECT 1 FROM findings WHERE id = ?", (new_fid,)).fetchone()
        if not exists:
            continue  # the checkpoint is not in the new grid
        ws.update_row("findings", new_fid, {"note": note, "previous_verdict": verdict},
                      reason="reprise du cycle précédent")  # fmt: skip
        for ev in ws.conn.execute(
            "SELECT blob_sha256, kind, filename, caption, taken_at, position FROM evidence"
            " WHERE finding_id = ?", (old_id,),
        ).fetchall():  # fmt: skip
            ws.insert_row("evidence", {
                "id": new_id(), "finding_id": new_fid, "audit_id": new_audit,
                "blob_sha256": ev[0], "kind": ev[1], "filename": ev[2], "caption": ev[3],
                "taken_at": ev[4], "position": ev[5],
            }, audit_id=new_audit)  # fmt: skip
