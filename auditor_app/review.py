"""The lead auditor's review of a consolidated audit.

After the team's packages are imported, the lead goes through every finding: accepts it,
asks for changes, reclassifies it (with a justification kept in the journal) or comments.
This module gives what that needs: the consolidated list with filters, the review state
of each finding, the checkpoints two auditors graded in opposite ways, the history of a
record across workspaces, and the conflicts left by imports with the way to settle them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from auditor_app.audit.model import Finding
from auditor_app.audit.verdicts import Verdict
from auditor_app.store import findings as finding_store
from auditor_app.store.journal import SEP, JournalEntry
from auditor_app.store.workspace import NotFoundError, StoreError, Workspace

# The review state of a finding is its latest review decision, "pending" before any.
STATES = ("pending", "accept", "changes_requested", "reclassify", "comment")
STATE_LABELS = {
    "pending": "À revoir",
    "accept": "Accepté",
    "changes_requested": "Modifications demandées",
    "reclassify": "Reclassé",
    "comment": "Commenté",
}
_POSITIVE = frozenset({Verdict.CONFORME, Verdict.POINT_FORT})
_NONCONFORM = frozenset({Verdict.NC_MINEURE, Verdict.NC_MAJEURE})


@dataclass(frozen=True)
class ReviewItem:
    finding: Finding
    site_name: str
    engagement: int
    criterion: str
    text: str
    state: str
    last_comment: str
    conflict: bool
    divergent: bool

    @property
    def author(self) -> str:
        return self.finding.author


@dataclass(frozen=True)
class Divergence:
    """One checkpoint graded conforming by one auditor and non-conforming by another."""

    checkpoint_code: str
    channel: str
    verdicts: dict[str, tuple[str, ...]]  # author → verdict values

    def describe(self) -> str:
        parts = [f"{who} : {', '.join(v)}" for who, v in sorted(self.verdicts.items())]
        return f"{self.checkpoint_code} ({self.channel or 'tous canaux'}) — " + " ; ".join(parts)


@dataclass(frozen=True)
class HistoryEntry:
    at: str
    actor: str
    action: str
    before: dict[str, Any]
    after: dict[str, Any]
    reason: str
    origin: str  # "" for this workspace, else who sent it

    def changes(self) -> list[tuple[str, Any, Any]]:
        keys = sorted(set(self.before) | set(self.after))
        return [(k, self.before.get(k), self.after.get(k)) for k in keys]


@dataclass(frozen=True)
class Conflict:
    id: str
    entity: str
    entity_id: str
    kept: dict[str, Any]
    other: dict[str, Any]
    kept_by: str
    other_by: str
    detected_at: str
    status: str
    resolution: str
    kept_at: str = ""  # when each version was made (empty before schema 0004)
    other_at: str = ""

    def differing(self) -> list[tuple[str, Any, Any]]:
        keys = sorted(set(self.kept) | set(self.other))
        return [(k, self.kept.get(k), self.other.get(k)) for k in keys
                if self.kept.get(k) != self.other.get(k)]  # fmt: skip


def review_states(ws: Workspace, audit_id: str) -> dict[str, tuple[str, str]]:
    """Finding id → (latest decision, its comment)."""
    rows = ws.conn.execute(
        "SELECT finding_id, decision, comment FROM reviews WHERE audit_id = ?"
        " ORDER BY updated_at, rowid",
        (audit_id,),
    )
    return {fid: (decision, comment) for fid, decision, comment in rows}


def divergences(findings: Iterable[Finding]) -> list[Divergence]:
    """Checkpoints that one auditor found conforming and another non-conforming."""
    by_point: dict[tuple[str, str], dict[str, set[Verdict]]] = defaultdict(lambda: defaultdict(set))
    for f in findings:
        if f.verdict is not None and f.author:
            by_point[(f.checkpoint_code, f.channel)][f.author].add(f.verdict)
    found = []
    for (code, channel), per_author in sorted(by_point.items()):
        if len(per_author) < 2:
            continue
        positive = {a for a, v in per_author.items() if v & _POSITIVE}
        negative = {a for a, v in per_author.items() if v & _NONCONFORM}
        if positive and negative and positive | negative != positive & negative:
            verdicts = {a: tuple(sorted(x.value for x in v)) for a, v in per_author.items()}
            found.append(Divergence(code, channel, verdicts))
    return found


def open_conflict_ids(ws: Workspace, audit_id: str) -> set[str]:
    rows = ws.conn.execute(
        "SELECT entity_id FROM conflicts WHERE audit_id = ? AND status = 'open'", (audit_id,)
    )
    return {row[0] for row in rows}


def consolidated(
    ws: Workspace,
    audit_id: str,
    *,
    site_id: str | None = None,
    engagement: int | None = None,
    verdict: Verdict | None = None,
    author: str | None = None,
    state: str | None = None,
) -> list[ReviewItem]:
    """The answered findings of the audit with what the lead needs, filtered."""
    from auditor_app.store.audits import get_audit, referential, sites

    audit = get_audit(ws, audit_id)
    ref = referential(ws, audit.referential_key)
    index = {cp.code: (eng, crit, cp) for eng, crit, cp in ref.checkpoints()}
    names = {s.id: s.name for s in sites(ws, audit_id)}
    states = review_states(ws, audit_id)
    conflicts = open_conflict_ids(ws, audit_id)
    everything = [f for f in finding_store.findings(ws, audit_id) if f.verdict is not None]
    divergent = {(d.checkpoint_code, d.channel) for d in divergences(everything)}
    items = []
    for f in everything:
        entry = index.get(f.checkpoint_code)
        if entry is None:
            continue
        decision, comment = states.get(f.id, ("pending", ""))
        if site_id is not None and f.site_id != site_id:
            continue
        eng, crit, checkpoint = entry
        if engagement is not None and eng.number != engagement:
            continue
        if verdict is not None and f.verdict is not verdict:
            continue
        if author is not None and f.author != author:
            continue
        if state is not None and decision != state:
            continue
        items.append(ReviewItem(
            f, names.get(f.site_id, "Organisation"), eng.number,
            crit.code, checkpoint.text, decision, comment, f.id in conflicts,
            (f.checkpoint_code, f.channel) in divergent,
        ))  # fmt: skip
    return items


def authors(ws: Workspace, audit_id: str) -> list[str]:
    rows = ws.conn.execute(
        "SELECT DISTINCT author FROM findings WHERE audit_id = ? AND author != '' ORDER BY 1",
        (audit_id,),
    )
    return [row[0] for row in rows]


def history(ws: Workspace, entity: str, entity_id: str) -> list[HistoryEntry]:
    """Every change of one record, here and in the workspaces it came from, oldest first."""
    found: list[HistoryEntry] = []
    for payload, digest in ws.conn.execute(
        "SELECT payload, hash FROM journal WHERE entity = ? AND entity_id = ?", (entity, entity_id)
    ):
        found.append(_history(JournalEntry.parse(payload, digest), ""))
    seen = {h.at + h.actor + h.action for h in found}
    for payload, digest, origin in ws.conn.execute(
        "SELECT payload, hash, origin FROM imported_journal WHERE entity = ? AND entity_id = ?",
        (entity, entity_id),
    ):
        entry = _history(JournalEntry.parse(bytes(payload), digest), origin)
        if entry.at + entry.actor + entry.action not in seen:
            found.append(entry)
    return sorted(found, key=lambda h: h.at)


def _history(entry: JournalEntry, origin: str) -> HistoryEntry:
    before = json.loads(entry.before) or {}
    after = json.loads(entry.after) or {}
    return HistoryEntry(entry.at, entry.actor, entry.action, before, after, entry.reason, origin)


def conflicts(ws: Workspace, audit_id: str, *, only_open: bool = True) -> list[Conflict]:
    sql = ("SELECT id, entity, entity_id, kept, other, kept_by, other_by, updated_at, status,"
           " resolution, kept_at, other_at FROM conflicts WHERE audit_id = ?")  # fmt: skip
    if only_open:
        sql += " AND status = 'open'"
    rows = ws.conn.execute(sql + " ORDER BY updated_at", (audit_id,)).fetchall()
    return [Conflict(r[0], r[1], r[2], json.loads(r[3]), json.loads(r[4]), r[5], r[6], r[7],
                     r[8], r[9], r[10], r[11]) for r in rows]  # fmt: skip


# Fields the lead may set when settling a conflict, per table.
_EDITABLE = {
    "findings": ("verdict", "measured_value", "note"),
    "mystery_tests": ("rings", "wait_seconds", "sent_on", "acknowledged_on", "replied_on", "note"),
    "surveys": ("satisfied", "neutral", "dissatisfied"),
    "closing_responses": ("response", "comment"),
    "evidence": ("caption",),
    "sites": ("name", "department", "address", "channels"),
    "audits": ("status", "objectives", "scope", "target_level"),
}


def resolve_conflict(
    ws: Workspace, conflict_id: str, choice: str, edited: dict[str, Any] | None = None
) -> None:
    """Settle a conflict: keep the version in place, take the other one, or set values.

    ``choice`` is ``"kept"``, ``"other"`` or ``"edited"`` (then ``edited`` holds the fields).
    The version not chosen stays in the journal; the choice is journalled with its reason.
    """
    row = ws.conn.execute(
        "SELECT entity, entity_id, kept, other, status FROM conflicts WHERE id = ?", (conflict_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"Conflit introuvable : {conflict_id}")
    entity, entity_id, _kept, other, status = row
    if status != "open":
        raise StoreError("Ce conflit a déjà été arbitré.")
    fields = _EDITABLE.get(entity, ())
    if choice == "kept":
        values: dict[str, Any] = {}
        label = "version gardée à l'import confirmée"
    elif choice == "other":
        # The version taken is its author's: the finding is credited to them again.
        values = {k: v for k, v in json.loads(other).items() if k in (*fields, "author")}
        label = "autre version retenue"
    elif choice == "edited" and edited:
        unknown = sorted(set(edited) - set(fields))
        if unknown:
            raise StoreError(f"Champ non modifiable pour arbitrer ce conflit : {unknown[0]}")
        values = dict(edited)
        label = "version corrigée par le responsable"
    else:
        raise StoreError(f"Choix d'arbitrage inconnu : {choice}")
    if "verdict" in values and values["verdict"] is not None:
        values["verdict"] = Verdict(values["verdict"]).value
    with ws.transaction():
        if values:
            ws.update_row(entity, entity_id, values, reason=f"arbitrage du conflit : {label}")
        ws.update_row("conflicts", conflict_id, {"status": "resolved", "resolution": label})


def set_review(
    ws: Workspace, fid: str, decision: str, comment: str = "", new_verdict: Verdict | None = None
) -> str:
    """Record the lead's decision on a finding (see store.findings.add_review)."""
    if decision in ("changes_requested", "comment") and not comment.strip():
        raise StoreError("Écrivez le commentaire destiné à l'auditeur.")
    return finding_store.add_review(ws, fid, decision, comment, new_verdict)


__all__ = ["SEP", "consolidated", "history", "resolve_conflict", "set_review"]
