"""Everything the report shows, read once from the workspace (no PDF code here).

:func:`collect` gathers the audit with its results, evidence, mystery tests, surveys,
closing-meeting answers and signatures, limited to the chosen sites; :func:`to_json` gives
the same data as canonical JSON, the file embedded in the PDF.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from auditor_app.audit import scoring, surveys
from auditor_app.audit.model import AidScheme, Audit, Finding, MysteryTest, Site, SurveyCounts
from auditor_app.overview import AuditOverview, overview
from auditor_app.referential.model import Referential
from auditor_app.report.errors import ReportError
from auditor_app.store import audits as audit_store
from auditor_app.store import closing, journal, observations
from auditor_app.store.blobs import BlobInfo
from auditor_app.store.closing import ClosingResponse
from auditor_app.store.findings import Evidence
from auditor_app.store.workspace import Workspace

DATA_FORMAT = "auditor-app/audit-report-data"
DATA_VERSION = 1


@dataclass(frozen=True)
class ReportData:
    """The audit as the report sees it; ``findings`` of the overview are the selected ones."""

    overview: AuditOverview
    sites: list[Site]  # the selected sites, in audit order
    all_sites: list[Site]
    aid_schemes: list[AidScheme]
    evidence: dict[str, list[Evidence]]  # finding id → its evidence, in order
    tests: list[MysteryTest]
    surveys: list[SurveyCounts]
    responses: list[ClosingResponse]
    signatures: list[dict[str, Any]]
    journal_seq: int
    journal_head: str
    as_of: datetime  # the audit's last recorded change: the report's date, never the clock
    referential_sha256: str
    selected: bool  # True when the report covers only some of the sites

    @property
    def audit(self) -> Audit:
        return self.overview.audit

    @property
    def ref(self) -> Referential:
        return self.overview.referential

    @property
    def findings(self) -> list[Finding]:
        return self.overview.findings

    def site_name(self, site_id: str) -> str:
        return self.overview.site_names.get(site_id, site_id)


def _selected_sites(all_sites: list[Site], wanted: Sequence[str] | None) -> list[Site]:
    if wanted is None:
        return all_sites
    by_key = {s.id: s for s in all_sites} | {s.name: s for s in all_sites}
    unknown = [w for w in wanted if w not in by_key]
    if unknown:
        raise ReportError(f"Site(s) inconnu(s) dans cet audit : {', '.join(unknown)}.")
    chosen = {by_key[w].id for w in wanted}
    return [s for s in all_sites if s.id in chosen]


def _evidence(ws: Workspace, audit_id: str) -> dict[str, list[Evidence]]:
    rows = ws.conn.execute(
        "SELECT e.id, e.finding_id, e.kind, e.filename, e.caption, e.taken_at, e.position,"
        " b.sha256, b.size, b.media_type, b.width, b.height, b.orientation, b.taken_at"
        " FROM evidence e JOIN blobs b ON b.sha256 = e.blob_sha256"
        " WHERE e.audit_id = ? ORDER BY e.position, e.updated_at, e.id",
        (audit_id,),
    ).fetchall()
    result: dict[str, list[Evidence]] = {}
    for r in rows:
        item = Evidence(r[0], r[1], BlobInfo(*r[7:]), r[2], r[3], r[4], r[5], r[6])
        result.setdefault(item.finding_id, []).append(item)
    return result


def _as_of(ws: Workspace, audit_id: str) -> datetime:
    row = ws.conn.execute(
        "SELECT payload, hash FROM journal WHERE audit_id = ? ORDER BY seq DESC LIMIT 1",
        (audit_id,),
    ).fetchone()
    stamp = journal.JournalEntry.parse(row[0], row[1]).at if row else ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        moment = datetime(2000, 1, 1, tzinfo=UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _global_share(counts: list[SurveyCounts]) -> float | None:
    """The share of satisfied users on the global question, as the level rule reads it."""
    return next(
        (surveys.share_satisfied(c).value for c in counts if surveys.is_global_satisfaction(c)),
        None,
    )


def _restrict(
    ov: AuditOverview, findings: list[Finding], kept: set[str], share: float | None
) -> AuditOverview:
    """The overview recomputed on the findings of the selected sites (and the organisation)."""
    ref = ov.referential
    return dataclasses.replace(
        ov,
        findings=findings,
        total=scoring.tally(findings),
        by_engagement=scoring.tally_by(findings, ref, "engagement"),
        by_site=scoring.tally_by(findings, ref, "site"),
        proposal=scoring.propose_level(ref, findings, share),
        blockers=[b for b in ov.blockers if not b.site_id or b.site_id in kept],
    )


def collect(ws: Workspace, audit_id: str, sites: Sequence[str] | None = None) -> ReportData:
    """Read the audit for its report; ``sites`` (ids or names) limits it to those sites."""
    ov = overview(ws, audit_id)
    all_sites = audit_store.sites(ws, audit_id)
    chosen = _selected_sites(all_sites, sites)
    kept = {s.id for s in chosen}
    selected = len(chosen) < len(all_sites)
    counts = observations.surveys(ws, audit_id)
    if selected:
        findings = [f for f in ov.findings if not f.site_id or f.site_id in kept]
        user = [c for c in counts if c.population == "user"]
        ov = _restrict(ov, findings, kept, _global_share(user))
    in_scope = {f.id for f in ov.findings}
    evidence = {k: v for k, v in _evidence(ws, audit_id).items() if k in in_scope}
    seq, head = journal.head(ws.conn)
    sha = ws.conn.execute(
        "SELECT sha256 FROM referentials WHERE key = ?", (ov.audit.referential_key,)
    ).fetchone()
    return ReportData(
        overview=ov,
        sites=chosen,
        all_sites=all_sites,
        aid_schemes=audit_store.aid_schemes(ws, audit_id),
        evidence=evidence,
        tests=[
            t
            for t in observations.mystery_tests(ws, audit_id)
            if not t.site_id or t.site_id in kept
        ],
        surveys=counts,
        responses=[
            r for r in closing.responses(ws, audit_id) if not r.site_id or r.site_id in kept
        ],
        signatures=[
            s
            for s in observations.signatures(ws, audit_id)
            if not s["site_id"] or s["site_id"] in kept
        ],
        journal_seq=seq,
        journal_head=head,
        as_of=_as_of(ws, audit_id),
        referential_sha256=sha[0] if sha else "",
        selected=selected,
    )


def _record(item: Any) -> dict[str, Any]:
    value: dict[str, Any] = dataclasses.asdict(item)
    return value


def _finding(f: Finding, evidence: list[Evidence]) -> dict[str, Any]:
    row = _record(f)
    row.pop("evidence_count", None)
    row["evidence"] = [
        {
            "id": e.id,
            "sha256": e.blob.sha256,
            "kind": e.kind,
            "filename": e.filename,
            "caption": e.caption,
            "taken_at": e.taken_at,
            "media_type": e.blob.media_type,
            "size": e.blob.size,
        }
        for e in evidence
    ]
    return row


def _proposal(p: scoring.LevelProposal) -> dict[str, Any]:
    return {
        "level": p.level.value if p.level else None,
        "unanswered": p.unanswered,
        "rule_source": p.rule_source,
        "levels": [
            {
                "level": a.level.value,
                "reached": a.reached,
                "checks": [
                    {"description": c.description, "met": c.met, "detail": c.detail}
                    for c in a.checks
                ],
            }
            for a in p.levels
        ],
    }


def to_document(data: ReportData) -> dict[str, Any]:
    """The audit's data as plain JSON values (what :func:`to_json` writes)."""
    signatures = []
    for s in data.signatures:
        row = {k: s[k] for k in ("id", "site_id", "role", "signer_name", "signed_at", "png_sha256")}
        row["strokes"] = json.loads(s["strokes"])
        signatures.append(row)
    return {
        "format": DATA_FORMAT,
        "version": DATA_VERSION,
        "as_of": data.as_of.isoformat(),
        "journal": {"seq": data.journal_seq, "head": data.journal_head},
        "referential": {
            "key": data.ref.key,
            "title": data.ref.title,
            "version": data.ref.version,
            "sha256": data.referential_sha256,
        },
        "audit": _record(data.audit),
        "site_selection": [s.id for s in data.sites] if data.selected else None,
        "sites": [_record(s) for s in data.sites],
        "aid_schemes": [_record(s) for s in data.aid_schemes],
        "findings": [_finding(f, data.evidence.get(f.id, [])) for f in data.findings],
        "mystery_tests": [_record(t) for t in data.tests],
        "surveys": [_record(c) for c in data.surveys],
        "closing_responses": [_record(r) for r in data.responses],
        "signatures": signatures,
        "proposal": _proposal(data.overview.proposal),
    }


def to_json(data: ReportData) -> bytes:
    """Canonical JSON (sorted keys, UTF-8): the same data always gives the same bytes."""
    text = json.dumps(
        to_document(data), ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    )
    return text.encode("utf-8")
