"""Where an audit stands: progress, results, level proposal, what blocks signing.

One function gathers it from the store and the rules (the GUI's synthesis, the report
and the command line all read the same :class:`AuditOverview`); another prints it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from auditor_app.audit import scoring, surveys
from auditor_app.audit.model import Audit, Finding
from auditor_app.audit.readiness import Blocker, BlockerKind, readiness
from auditor_app.referential.model import Referential
from auditor_app.store import audits as audit_store
from auditor_app.store import findings as finding_store
from auditor_app.store import observations
from auditor_app.store.workspace import Workspace

BLOCKER_LABELS = {
    BlockerKind.UNANSWERED: "points non renseignés",
    BlockerKind.NC_WITHOUT_NOTE: "non-conformités sans note",
    BlockerKind.NC_WITHOUT_EVIDENCE: "non-conformités sans preuve",
    BlockerKind.PHOTO_REQUIRED: "photos exigées manquantes",
    BlockerKind.NA_WITHOUT_JUSTIFICATION: "« non applicable » sans justification",
    BlockerKind.CONTRADICTION: "points forts contredits par une non-conformité",
    BlockerKind.UNKNOWN_CHECKPOINT: "points absents de la grille",
    BlockerKind.INCOMPLETE: "constats incomplets",
}

STATUS_LABELS = {
    "draft": "brouillon",
    "in_progress": "en cours",
    "submitted": "soumis",
    "in_review": "en revue",
    "approved": "approuvé",
}


@dataclass(frozen=True)
class AuditOverview:
    audit: Audit
    referential: Referential
    findings: list[Finding]
    total: scoring.Tally
    by_engagement: dict[str, scoring.Tally]
    by_site: dict[str, scoring.Tally]
    site_names: dict[str, str]
    proposal: scoring.LevelProposal
    blockers: list[Blocker]
    indicators: list[surveys.Indicator]
    mystery_tests: int
    photos: int


def overview(ws: Workspace, audit_id: str) -> AuditOverview:
    audit = audit_store.get_audit(ws, audit_id)
    ref = audit_store.referential(ws, audit.referential_key)
    rows = finding_store.findings(ws, audit_id)
    site_names = {s.id: s.name for s in audit_store.sites(ws, audit_id)}
    schemes = {s.id: s.name for s in audit_store.aid_schemes(ws, audit_id)}
    user_counts = observations.surveys(ws, audit_id, "user")
    indicators = [surveys.share_satisfied(c) for c in user_counts]
    global_share = next(
        (i.value for c, i in zip(user_counts, indicators, strict=True)
         if surveys.is_global_satisfaction(c)),
        None,
    )  # fmt: skip
    tests = observations.mystery_tests(ws, audit_id)
    photos = ws.conn.execute(
        "SELECT count(*) FROM evidence WHERE audit_id = ? AND kind = 'photo'", (audit_id,)
    ).fetchone()[0]
    return AuditOverview(
        audit=audit,
        referential=ref,
        findings=rows,
        total=scoring.tally(rows),
        by_engagement=scoring.tally_by(rows, ref, "engagement"),
        by_site=scoring.tally_by(rows, ref, "site"),
        site_names=site_names,
        proposal=scoring.propose_level(ref, rows, global_share),
        blockers=readiness(
            rows, ref, mystery_tests=tests, site_names=site_names, aid_scheme_names=schemes
        ),
        indicators=indicators,
        mystery_tests=len(tests),
        photos=photos,
    )


def _pct(value: float | None) -> str:
    return "  –  " if value is None else f"{value * 100:5.1f} %".replace(".", ",")


def format_overview(ov: AuditOverview, max_blockers: int = 8) -> str:
    audit, ref = ov.audit, ov.referential
    lines = [
        f"Audit {audit.reference} – {audit.organisation}",
        f"  Grille : {ref.title} ({ref.key}) ; "
        f"statut : {STATUS_LABELS.get(audit.status, audit.status)}",
        f"  Sites : {len(ov.site_names)} ; constats : {ov.total.expected} ; renseignés : "
        f"{ov.total.answered} ({_pct(ov.total.progress).strip()}) ; photos : {ov.photos} ; "
        f"tests mystère : {ov.mystery_tests}",
        "",
        "  Engagement                                              avancement  conformité",
    ]  # fmt: skip
    titles = {str(e.number): e.title for e in ref.engagements}
    for key, tally in ov.by_engagement.items():
        title = titles.get(key, key)
        name = f"{key}. {title}"
        if len(name) > 54:
            name = name[:53] + "…"
        lines.append(f"  {name:<54} {_pct(tally.progress)}  {_pct(tally.conformity_rate)}")
    lines += ["", f"  {ov.proposal.summary}"]
    for assessment in ov.proposal.levels:
        if not assessment.reached:
            missing = [c for c in assessment.checks if not c.met]
            lines += [f"    {assessment.label} non atteint :"]
            lines += [f"     - {c.description} : {c.detail}" for c in missing]
            break
    if ov.indicators:
        lines += ["", "  Enquête usagers (part de satisfaits, IC à 95 %) :"]
    for indicator in ov.indicators:
        lines.append(f"   - {indicator.question or indicator.label} "
                     f"{surveys.format_indicator(indicator)}")  # fmt: skip
    lines += ["", f"  Avant signature : {len(ov.blockers)} point(s) bloquant(s)"]
    kinds = Counter(b.kind for b in ov.blockers)
    lines += [f"    {BLOCKER_LABELS.get(kind, kind)} : {n}" for kind, n in kinds.items()]
    # Problems to fix first; unanswered points are listed last, being the longest list.
    ordered = sorted(ov.blockers, key=lambda b: b.kind == BlockerKind.UNANSWERED)
    lines += [f"   - {b.message}" for b in ordered[:max_blockers]]
    if len(ordered) > max_blockers:
        lines.append(f"   … et {len(ordered) - max_blockers} autre(s)")
    return "\n".join(lines)


def audit_summary(ws: Workspace, audit_id: str) -> str:
    return format_overview(overview(ws, audit_id))


def audits_table(ws: Workspace) -> str:
    items = audit_store.list_audits(ws)
    if not items:
        return (
            f"Aucun audit dans {ws.root}.\n"
            "Essayez la démonstration : auditor-app --demo"
        )
    lines = [f"Audits de {ws.root} :"]
    for audit in items:
        tally = scoring.tally(finding_store.findings(ws, audit.id))
        lines.append(
            f"  {audit.id[:8]}  {audit.reference:<16} {STATUS_LABELS.get(audit.status, ''):<10} "
            f"{_pct(tally.progress)}  {audit.organisation}"
        )
    return "\n".join(lines)
