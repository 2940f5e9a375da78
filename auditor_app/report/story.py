"""Cover, then objectives, scope, criteria, method and coverage (ISO 19011 6.5.1 a–f, k)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from auditor_app.audit.scoring import LEVEL_LABELS
from auditor_app.overview import STATUS_LABELS
from auditor_app.referential.model import Method
from auditor_app.report.context import (
    METHOD_LABELS,
    ROLES,
    TEST_KINDS,
    Context,
    channel_label,
    french_date,
    french_time,
)
from auditor_app.report.styles import (
    CELL,
    CELL_BOLD,
    CELL_HEAD,
    COVER_SUB,
    COVER_TITLE,
    NOTE,
    SMALL,
    TEXT_WIDTH,
    Heading,
    esc,
    para,
    rich,
    table_style,
)

SAMPLING = (
    "Un audit est par nature un exercice d'échantillonnage : les constats reposent sur les "
    "sites, les canaux, les dates, les dossiers et les usagers effectivement observés, "
    "interrogés ou testés. Il existe donc un risque que les preuves examinées ne soient pas "
    "représentatives de l'ensemble des services de l'organisation (ISO 19011:2018, 6.5.1 k)."
)
DECISION = (
    "Le niveau proposé l'est par l'équipe d'audit au vu des constats ; la décision de "
    "labellisation appartient à l'organisme certificateur."
)


def cells(rows: list[list[str]], style: ParagraphStyle = CELL) -> list[list[Paragraph]]:
    """Table rows of escaped text."""
    return [[para(value, style) for value in row] for row in rows]


def grid(
    rows: Sequence[Sequence[Flowable | str]], widths: list[float], header: bool = True
) -> Table:
    """A report table that repeats its header row across pages."""
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    table.setStyle(table_style(1 if header else 0))
    return table


def cover(ctx: Context) -> list[Flowable]:
    data, audit = ctx.data, ctx.data.audit
    ref = data.ref
    visited = sum(
        1
        for s in data.sites
        if data.overview.by_site.get(s.id, None) and data.overview.by_site[s.id].answered
    )
    team = (
        "<br/>".join(
            f"{esc(m.name)} ({esc(ROLES.get(m.role, m.role).lower())})" for m in audit.team
        )
        or "non renseignée"
    )
    sites = f"{len(data.sites)} site(s), dont {visited} visité(s)"
    if data.selected:
        sites = (
            f"{len(data.sites)} site(s) retenu(s) sur {len(data.all_sites)} ; {visited} visité(s)"
        )
    proposal = data.overview.proposal
    facts = [
        ("Référence de l'audit", esc(audit.reference)),
        ("Organisation auditée", esc(audit.organisation)),
        ("Client de l'audit", esc(audit.client or "non renseigné")),
        (
            "Dates de l'audit",
            esc(f"du {french_date(audit.start_date)} au {french_date(audit.end_date)}"),
        ),
        ("Sites", esc(sites)),
        ("Équipe d'audit", team),
        ("Référentiel", esc(f"{ref.title}, version {ref.version} ({ref.key})")),
        ("Niveau visé", esc(LEVEL_LABELS[audit.target_level] if audit.target_level else "—")),
        ("Niveau proposé", esc(LEVEL_LABELS[proposal.level] if proposal.level else "aucun")),
        ("Statut de l'audit", esc(STATUS_LABELS.get(audit.status, audit.status))),
        ("Données arrêtées le", esc(french_time(data.as_of))),
    ]
    rows = [[para(k, CELL_BOLD), rich(v, CELL)] for k, v in facts]
    table = Table(rows, colWidths=[4.2 * cm, TEXT_WIDTH - 4.2 * cm], hAlign="LEFT")
    table.setStyle(table_style(header_rows=0))
    story: list[Flowable] = [
        Spacer(1, 2.2 * cm),
        para("RAPPORT D'AUDIT", SMALL),
        para("Label « Services Publics + »", COVER_TITLE),
        para(audit.organisation, COVER_SUB),
        table,
        Spacer(1, 0.6 * cm),
    ]
    for engagement in ref.engagements:
        if not engagement.title_confirmed:
            story.append(
                para(
                    f"Intitulé de l'engagement {engagement.number} non confirmé : "
                    f"« {engagement.title} » est une proposition de la grille, en attente de "
                    f"l'intitulé officiel. {engagement.title_note}".strip(),
                    NOTE,
                )
            )
    story += [para(DECISION, NOTE), NextPageTemplate("body"), PageBreak()]
    return story


def _people(ctx: Context) -> list[list[str]]:
    data = ctx.data
    people: dict[tuple[str, str], str] = {}
    for r in data.responses:
        if r.representative.strip():
            people[(r.representative.strip(), data.site_name(r.site_id))] = ROLES["representative"]
    for s in data.signatures:
        if s["role"] == "representative":
            people[(s["signer_name"], data.site_name(s["site_id"]))] = ROLES["representative"]
    return [[name, role, site or "Organisation"] for (name, site), role in people.items()]


def scope(ctx: Context) -> list[Flowable]:
    data, audit = ctx.data, ctx.data.audit
    story: list[Flowable] = [Heading("1. Objet, périmètre et méthode de l'audit", 0)]
    story += [Heading("1.1 Objectifs", 1), para(audit.objectives or "Non renseignés.")]
    story += [Heading("1.2 Périmètre", 1), para(audit.scope or "Non renseigné.")]
    if audit.channels:
        story.append(
            para(
                "Canaux audités au niveau de l'organisation : "
                + ", ".join(channel_label(c) for c in audit.channels)
                + "."
            )
        )
    if data.selected:
        story.append(
            para(
                f"Ce rapport couvre {len(data.sites)} des {len(data.all_sites)} sites "
                "de l'audit, ainsi que les points évalués au niveau de l'organisation "
                "et des dispositifs d'aide.",
                NOTE,
            )
        )
    rows = [
        [s.name, s.kind, s.department, ", ".join(channel_label(c) for c in s.channels)]
        for s in data.sites
    ]
    story.append(
        grid(
            cells([["Site", "Type", "Dép.", "Canaux"]], CELL_HEAD) + cells(rows),
            [6.4 * cm, 3.6 * cm, 1.1 * cm, TEXT_WIDTH - 11.1 * cm],
        )
    )
    if data.aid_schemes:
        story.append(Spacer(1, 6))
        rows = [
            [s.name, s.description, ", ".join(channel_label(c) for c in s.channels)]
            for s in data.aid_schemes
        ]
        story.append(
            grid(
                cells([["Dispositif d'aide", "Objet", "Canaux"]], CELL_HEAD) + cells(rows),
                [4 * cm, 8.5 * cm, TEXT_WIDTH - 12.5 * cm],
            )
        )
    story += [
        Heading("1.3 Client, équipe d'audit et participants", 1),
        para(f"Client de l'audit : {audit.client or 'non renseigné'}."),
    ]
    rows = [[m.name, ROLES.get(m.role, m.role), m.email] for m in audit.team]
    rows += _people(ctx)
    story.append(
        grid(
            cells([["Nom", "Rôle", "Courriel ou site"]], CELL_HEAD) + cells(rows),
            [5 * cm, 5 * cm, TEXT_WIDTH - 10 * cm],
        )
    )
    story += _dates(ctx) + _criteria(ctx) + _method(ctx) + _not_covered(ctx)
    return story


def _dates(ctx: Context) -> list[Flowable]:
    data = ctx.data
    visited = [
        s.name
        for s in data.sites
        if data.overview.by_site.get(s.id) and data.overview.by_site[s.id].answered
    ]
    text = (
        f"L'audit s'est déroulé du {french_date(data.audit.start_date)} au "
        f"{french_date(data.audit.end_date)}."
    )
    days = sorted(t.performed_at[:10] for t in data.tests if t.performed_at)
    if days:
        text += (
            f" Les tests mystères ont été réalisés du {days[0][8:10]}/{days[0][5:7]}/"
            f"{days[0][:4]} au {days[-1][8:10]}/{days[-1][5:7]}/{days[-1][:4]}."
        )
    story: list[Flowable] = [Heading("1.4 Dates et lieux", 1), para(text)]
    story.append(
        para(
            f"Sites où des constats ont été faits ({len(visited)}) : "
            + (", ".join(visited) or "aucun")
            + "."
        )
    )
    return story


def _criteria(ctx: Context) -> list[Flowable]:
    ref = ctx.data.ref
    story: list[Flowable] = [
        Heading("1.5 Critères d'audit", 1),
        para(f"Référentiel : {ref.title}, version {ref.version} ({ref.key})."),
    ]
    if ref.publisher:
        story.append(para(ref.publisher, NOTE))
    rows = []
    for e in ref.engagements:
        points = sum(len(c.checkpoints) for c in e.criteria)
        title = e.title + ("" if e.title_confirmed else " (intitulé non confirmé)")
        rows.append([str(e.number), title, str(len(e.criteria)), str(points)])
    story.append(
        grid(
            cells([["N°", "Engagement", "Critères", "Points"]], CELL_HEAD) + cells(rows),
            [1 * cm, TEXT_WIDTH - 4 * cm, 1.5 * cm, 1.5 * cm],
        )
    )
    return story


def _method(ctx: Context) -> list[Flowable]:
    data = ctx.data
    methods: Counter[Method] = Counter()
    for f in data.findings:
        entry = ctx.entry(f)
        if f.verdict is not None and entry is not None:
            methods.update(entry.checkpoint.methods)
    rows = [[METHOD_LABELS[m], str(methods[m])] for m in Method if methods[m]]
    story: list[Flowable] = [
        Heading("1.6 Méthode", 1),
        para(
            "Les points de contrôle ont été évalués par les méthodes prévues par la grille ; "
            "un point peut en combiner plusieurs. Nombre de constats évalués par méthode :"
        ),
        grid(cells([["Méthode", "Constats"]], CELL_HEAD) + cells(rows), [8 * cm, 3 * cm]),
        Spacer(1, 6),
    ]
    kinds = Counter(t.kind for t in data.tests)
    tests = ", ".join(f"{n} {TEST_KINDS.get(k, k).lower()}(s)" for k, n in kinds.items())
    story.append(para(f"Tests mystères : {len(data.tests)} ({tests or 'aucun'})."))
    for population, who in (("user", "usagers"), ("agent", "agents")):
        counts = [c for c in data.surveys if c.population == population]
        if counts:
            story.append(
                para(
                    f"Enquête {who} : {len(counts)} question(s), "
                    f"{max(c.total for c in counts)} répondants au plus par question."
                )
            )
    photos = sum(1 for items in data.evidence.values() for e in items if e.kind == "photo")
    story.append(
        para(
            f"Preuves jointes aux constats : {photos} photo(s) ; les originaux sont "
            "conservés dans l'espace de travail, identifiés par leur empreinte SHA-256."
        )
    )
    story += [Heading("1.7 Échantillonnage", 1), para(SAMPLING)]
    return story


def _not_covered(ctx: Context) -> list[Flowable]:
    data = ctx.data
    rows = []
    by_place: dict[str, list[str]] = {}
    for f in data.findings:
        if f.verdict is None:
            by_place.setdefault(f.site_id or f"~{f.aid_scheme_id}", []).append(
                f.checkpoint_code + (f" ({channel_label(f.channel)})" if f.channel else "")
            )
    for site in data.sites:
        missing = by_place.get(site.id, [])
        tally = data.overview.by_site.get(site.id)
        if not missing or tally is None:
            continue
        listed = (
            "site non visité : aucun point évalué" if not tally.answered else ", ".join(missing)
        )
        rows.append([site.name, f"{len(missing)} / {tally.expected}", listed])
    schemes = {f"~{s.id}": f"Dispositif {s.name}" for s in data.aid_schemes} | {"~": "Organisation"}
    for key, name in schemes.items():
        if by_place.get(key):
            rows.append([name, str(len(by_place[key])), ", ".join(by_place[key])])
    story: list[Flowable] = [Heading("1.8 Parties du périmètre non couvertes", 1)]
    if not rows:
        return [*story, para("Tous les points de contrôle du périmètre ont été évalués.")]
    story.append(
        para(
            "Les points suivants n'avaient pas été évalués à la date d'arrêt des données ; ils ne "
            "comptent ni dans les taux de conformité ni dans la proposition de niveau."
        )
    )
    story.append(
        grid(
            cells([["Lieu", "Non évalués", "Points de contrôle"]], CELL_HEAD) + cells(rows),
            [5 * cm, 2 * cm, TEXT_WIDTH - 7 * cm],
        )
    )
    return [KeepTogether(story[:2]), *story[2:]]
