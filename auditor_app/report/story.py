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
from auditor_app.i18n import N_, REFERENCE
from auditor_app.overview import STATUS_LABELS
from auditor_app.referential.model import Method
from auditor_app.report.context import (
    METHOD_LABELS,
    ROLES,
    TEST_KINDS,
    Context,
    channel_label,
    date_time,
    long_date,
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

SAMPLING = N_(
    "Un audit est par nature un exercice d'échantillonnage : les constats reposent sur les "
    "sites, les canaux, les dates, les dossiers et les usagers effectivement observés, "
    "interrogés ou testés. Il existe donc un risque que les preuves examinées ne soient pas "
    "représentatives de l'ensemble des services de l'organisation (ISO 19011:2018, 6.5.1 k)."
)
DECISION = N_(
    "Le niveau proposé l'est par l'équipe d'audit au vu des constats ; la décision de "
    "labellisation appartient à l'organisme certificateur."
)
QUOTED_GRID = N_(
    "Les textes des points de contrôle et les intitulés des engagements sont cités tels "
    "qu'ils figurent dans la grille de référence, en français ; les notes des auditeurs et les "
    "légendes des photos sont reproduites telles qu'elles ont été saisies."
)
SURVEY_USERS = N_("Enquête usagers : {0} question(s), {1} répondants au plus par question.")
SURVEY_AGENTS = N_("Enquête agents : {0} question(s), {1} répondants au plus par question.")


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
    data, audit, t = ctx.data, ctx.data.audit, ctx.t
    ref = data.ref
    visited = sum(
        1
        for s in data.sites
        if data.overview.by_site.get(s.id, None) and data.overview.by_site[s.id].answered
    )
    team = "<br/>".join(
        f"{esc(m.name)} ({esc(t(ROLES.get(m.role, m.role)).lower())})" for m in audit.team
    ) or t("non renseignée")
    sites = t("{0} site(s), dont {1} visité(s)", len(data.sites), visited)
    if data.selected:
        sites = t(
            "{0} site(s) retenu(s) sur {1} ; {2} visité(s)",
            len(data.sites),
            len(data.all_sites),
            visited,
        )
    proposal = data.overview.proposal
    dates = t("du {0} au {1}", long_date(audit.start_date, t), long_date(audit.end_date, t))
    status = STATUS_LABELS.get(audit.status)
    facts = [
        (t("Référence de l'audit"), esc(audit.reference)),
        (t("Organisation auditée"), esc(audit.organisation)),
        (t("Client de l'audit"), esc(audit.client or t("non renseigné"))),
        (t("Dates de l'audit"), esc(dates)),
        (t("Sites"), esc(sites)),
        (t("Équipe d'audit"), team),
        (t("Référentiel"), esc(t("{0}, version {1} ({2})", ref.title, ref.version, ref.key))),
        (t("Niveau visé"), esc(t(LEVEL_LABELS[audit.target_level]) if audit.target_level else "—")),
        (
            t("Niveau proposé"),
            esc(t(LEVEL_LABELS[proposal.level]) if proposal.level else t("aucun")),
        ),
        (t("Statut de l'audit"), esc(t(status) if status else audit.status)),
        (t("Données arrêtées le"), esc(date_time(data.as_of, t))),
    ]
    rows = [[para(k, CELL_BOLD), rich(v, CELL)] for k, v in facts]
    table = Table(rows, colWidths=[4.2 * cm, TEXT_WIDTH - 4.2 * cm], hAlign="LEFT")
    table.setStyle(table_style(header_rows=0))
    story: list[Flowable] = [
        Spacer(1, 2.2 * cm),
        para(t("RAPPORT D'AUDIT"), SMALL),
        para(t("Label « Services Publics + »"), COVER_TITLE),
        para(audit.organisation, COVER_SUB),
        table,
        Spacer(1, 0.6 * cm),
    ]
    for engagement in ref.engagements:
        if not engagement.title_confirmed:
            story.append(
                para(
                    t(
                        "Intitulé de l'engagement {0} non confirmé : « {1} » est une proposition "
                        "de la grille, en attente de l'intitulé officiel. {2}",
                        engagement.number,
                        engagement.title,
                        engagement.title_note,
                    ).strip(),
                    NOTE,
                )
            )
    if t.lang != REFERENCE:  # the grid is quoted as it is: say so in the other languages
        story.append(para(t(QUOTED_GRID), NOTE))
    story += [para(t(DECISION), NOTE), NextPageTemplate("body"), PageBreak()]
    return story


def _people(ctx: Context) -> list[list[str]]:
    data, t = ctx.data, ctx.t
    people: dict[tuple[str, str], str] = {}
    representative = t(ROLES["representative"])
    for r in data.responses:
        if r.representative.strip():
            people[(r.representative.strip(), data.site_name(r.site_id))] = representative
    for s in data.signatures:
        if s["role"] == "representative":
            people[(s["signer_name"], data.site_name(s["site_id"]))] = representative
    return [[name, role, site or t("Organisation")] for (name, site), role in people.items()]


def scope(ctx: Context) -> list[Flowable]:
    data, audit, t = ctx.data, ctx.data.audit, ctx.t
    story: list[Flowable] = [Heading(t("1. Objet, périmètre et méthode de l'audit"), 0)]
    story += [Heading(t("1.1 Objectifs"), 1), para(audit.objectives or t("Non renseignés."))]
    story += [Heading(t("1.2 Périmètre"), 1), para(audit.scope or t("Non renseigné."))]
    if audit.channels:
        story.append(
            para(
                t(
                    "Canaux audités au niveau de l'organisation : {0}.",
                    ", ".join(channel_label(c, t) for c in audit.channels),
                )
            )
        )
    if data.selected:
        story.append(
            para(
                t(
                    "Ce rapport couvre {0} des {1} sites de l'audit, ainsi que les points "
                    "évalués au niveau de l'organisation et des dispositifs d'aide.",
                    len(data.sites),
                    len(data.all_sites),
                ),
                NOTE,
            )
        )
    rows = [
        [s.name, s.kind, s.department, ", ".join(channel_label(c, t) for c in s.channels)]
        for s in data.sites
    ]
    story.append(
        grid(
            cells([[t("Site"), t("Type"), t("Dép."), t("Canaux")]], CELL_HEAD) + cells(rows),
            [6.4 * cm, 3.6 * cm, 1.1 * cm, TEXT_WIDTH - 11.1 * cm],
        )
    )
    if data.aid_schemes:
        story.append(Spacer(1, 6))
        rows = [
            [s.name, s.description, ", ".join(channel_label(c, t) for c in s.channels)]
            for s in data.aid_schemes
        ]
        story.append(
            grid(
                cells([[t("Dispositif d'aide"), t("Objet"), t("Canaux")]], CELL_HEAD) + cells(rows),
                [4 * cm, 8.5 * cm, TEXT_WIDTH - 12.5 * cm],
            )
        )
    story += [
        Heading(t("1.3 Client, équipe d'audit et participants"), 1),
        para(t("Client de l'audit : {0}.", audit.client or t("non renseigné"))),
    ]
    rows = [[m.name, t(ROLES.get(m.role, m.role)), m.email] for m in audit.team]
    rows += _people(ctx)
    story.append(
        grid(
            cells([[t("Nom"), t("Rôle"), t("Courriel ou site")]], CELL_HEAD) + cells(rows),
            [5 * cm, 5 * cm, TEXT_WIDTH - 10 * cm],
        )
    )
    story += _dates(ctx) + _criteria(ctx) + _method(ctx) + _not_covered(ctx)
    return story


def _dates(ctx: Context) -> list[Flowable]:
    data, t = ctx.data, ctx.t
    visited = [
        s.name
        for s in data.sites
        if data.overview.by_site.get(s.id) and data.overview.by_site[s.id].answered
    ]
    text = t(
        "L'audit s'est déroulé du {0} au {1}.",
        long_date(data.audit.start_date, t),
        long_date(data.audit.end_date, t),
    )
    days = sorted(test.performed_at[:10] for test in data.tests if test.performed_at)
    if days:
        text += t(
            " Les tests mystères ont été réalisés du {0} au {1}.",
            f"{days[0][8:10]}/{days[0][5:7]}/{days[0][:4]}",
            f"{days[-1][8:10]}/{days[-1][5:7]}/{days[-1][:4]}",
        )
    story: list[Flowable] = [Heading(t("1.4 Dates et lieux"), 1), para(text)]
    story.append(
        para(
            t(
                "Sites où des constats ont été faits ({0}) : {1}.",
                len(visited),
                ", ".join(visited) or t("aucun"),
            )
        )
    )
    return story


def _criteria(ctx: Context) -> list[Flowable]:
    ref, t = ctx.data.ref, ctx.t
    story: list[Flowable] = [
        Heading(t("1.5 Critères d'audit"), 1),
        para(t("Référentiel : {0}, version {1} ({2}).", ref.title, ref.version, ref.key)),
    ]
    if ref.publisher:
        story.append(para(ref.publisher, NOTE))
    rows = []
    for e in ref.engagements:
        points = sum(len(c.checkpoints) for c in e.criteria)
        title = e.title + ("" if e.title_confirmed else t(" (intitulé non confirmé)"))
        rows.append([str(e.number), title, str(len(e.criteria)), str(points)])
    story.append(
        grid(
            cells([[t("N°"), t("Engagement"), t("Critères"), t("Points")]], CELL_HEAD)
            + cells(rows),
            [1 * cm, TEXT_WIDTH - 4 * cm, 1.5 * cm, 1.5 * cm],
        )
    )
    return story


def _method(ctx: Context) -> list[Flowable]:
    data, t = ctx.data, ctx.t
    methods: Counter[Method] = Counter()
    for f in data.findings:
        entry = ctx.entry(f)
        if f.verdict is not None and entry is not None:
            methods.update(entry.checkpoint.methods)
    rows = [[t(METHOD_LABELS[m]), str(methods[m])] for m in Method if methods[m]]
    story: list[Flowable] = [
        Heading(t("1.6 Méthode"), 1),
        para(
            t(
                "Les points de contrôle ont été évalués par les méthodes prévues par la grille ; "
                "un point peut en combiner plusieurs. Nombre de constats évalués par méthode :"
            )
        ),
        grid(cells([[t("Méthode"), t("Constats")]], CELL_HEAD) + cells(rows), [8 * cm, 3 * cm]),
        Spacer(1, 6),
    ]
    kinds = Counter(test.kind for test in data.tests)
    tests = ", ".join(t("{0} {1}(s)", n, t(TEST_KINDS.get(k, k)).lower()) for k, n in kinds.items())
    story.append(para(t("Tests mystères : {0} ({1}).", len(data.tests), tests or t("aucun"))))
    for population, title in (("user", SURVEY_USERS), ("agent", SURVEY_AGENTS)):
        counts = [c for c in data.surveys if c.population == population]
        if counts:
            story.append(para(t(title, len(counts), max(c.total for c in counts))))
    photos = sum(1 for items in data.evidence.values() for e in items if e.kind == "photo")
    story.append(
        para(
            t(
                "Preuves jointes aux constats : {0} photo(s) ; les originaux sont "
                "conservés dans l'espace de travail, identifiés par leur empreinte SHA-256.",
                photos,
            )
        )
    )
    story += [Heading(t("1.7 Échantillonnage"), 1), para(t(SAMPLING))]
    return story


def _not_covered(ctx: Context) -> list[Flowable]:
    data, t = ctx.data, ctx.t
    rows = []
    by_place: dict[str, list[str]] = {}
    for f in data.findings:
        if f.verdict is None:
            by_place.setdefault(f.site_id or f"~{f.aid_scheme_id}", []).append(
                f.checkpoint_code + (f" ({channel_label(f.channel, t)})" if f.channel else "")
            )
    for site in data.sites:
        missing = by_place.get(site.id, [])
        tally = data.overview.by_site.get(site.id)
        if not missing or tally is None:
            continue
        listed = (
            t("site non visité : aucun point évalué") if not tally.answered else ", ".join(missing)
        )
        rows.append([site.name, f"{len(missing)} / {tally.expected}", listed])
    schemes = {f"~{s.id}": t("Dispositif {0}", s.name) for s in data.aid_schemes} | {
        "~": t("Organisation")
    }
    for key, name in schemes.items():
        if by_place.get(key):
            rows.append([name, str(len(by_place[key])), ", ".join(by_place[key])])
    story: list[Flowable] = [Heading(t("1.8 Parties du périmètre non couvertes"), 1)]
    if not rows:
        return [*story, para(t("Tous les points de contrôle du périmètre ont été évalués."))]
    story.append(
        para(
            t(
                "Les points suivants n'avaient pas été évalués à la date d'arrêt des données ; "
                "ils ne comptent ni dans les taux de conformité ni dans la proposition de niveau."
            )
        )
    )
    story.append(
        grid(
            cells([[t("Lieu"), t("Non évalués"), t("Points de contrôle")]], CELL_HEAD)
            + cells(rows),
            [5 * cm, 2 * cm, TEXT_WIDTH - 7 * cm],
        )
    )
    return [KeepTogether(story[:2]), *story[2:]]
