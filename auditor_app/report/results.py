"""Results by engagement, the level proposal with its rule, and the indicators.

ISO 19011 6.5.1 h) and i): conclusions and the degree to which the criteria are met; the
survey indicators against the national reference and the mystery tests' measures.
"""

from __future__ import annotations

import statistics
from collections import defaultdict

from reportlab.lib.units import cm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    TableStyle,
)

from auditor_app.audit import mystery, surveys
from auditor_app.audit.measures import format_number, format_percent
from auditor_app.audit.model import MysteryTest
from auditor_app.audit.scoring import LEVEL_LABELS, Tally
from auditor_app.audit.verdicts import Verdict
from auditor_app.report.charts import survey_chart
from auditor_app.report.context import SHORT, TEST_KINDS, Context, channel_label
from auditor_app.report.story import DECISION, cells, grid
from auditor_app.report.styles import (
    CELL,
    CELL_BOLD,
    CELL_CENTRE,
    CELL_HEAD,
    FONT,
    INK,
    NOTE,
    TEXT_WIDTH,
    Heading,
    esc,
    para,
    rich,
    yes_no,
)


def _rate(tally: Tally) -> str:
    rate = tally.conformity_rate
    return "–" if rate is None else format_percent(rate)


def tally_row(label: str, t: Tally) -> list[str]:
    """Label, counts per verdict, unanswered, conformity rate."""
    return [label, *(str(t.count(v)) for v in Verdict), str(t.unanswered), _rate(t)]


def tally_table(rows: list[list[str]], first: str, first_width: float) -> Flowable:
    """Counts per verdict; the figures are plain table strings (no Paragraph): the site
    pages hold over a thousand of them and a Paragraph costs a line-breaking pass each."""
    head = [first, *(SHORT[v] for v in Verdict), "Non év.", "Taux"]
    rest = (TEXT_WIDTH - first_width - 1.55 * cm) / (len(head) - 2)
    body: list[list[Flowable | str]] = [[para(r[0], CELL), *r[1:]] for r in rows]
    table = grid(
        [*cells([head], CELL_HEAD), *body], [first_width, *([rest] * (len(head) - 2)), 1.55 * cm]
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (1, 1), (-1, -1), FONT, 8),
                ("ALIGN", (1, 1), (-1, -1), "CENTER"),
                ("TEXTCOLOR", (1, 1), (-1, -1), INK),
            ]
        )
    )
    return table


def results(ctx: Context) -> list[Flowable]:
    ov = ctx.data.overview
    titles = {str(e.number): e.title for e in ctx.data.ref.engagements}
    rows = [tally_row(f"{k}. {titles.get(k, k)}", t) for k, t in ov.by_engagement.items()]
    rows.append(tally_row("Ensemble", ov.total))
    story: list[Flowable] = [
        PageBreak(),
        Heading("2. Résultats et conclusions", 0),
        Heading("2.1 Résultats par engagement", 1),
        para(
            "Nombre de constats par verdict et taux de conformité : constats sans "
            "non-conformité sur constats évalués, hors « non applicable » et points non évalués."
        ),
        tally_table(rows, "Engagement", 6.3 * cm),
        para(
            "Conf. : conforme ; PF : point fort ; PP : piste de progrès ; PS : point sensible ; "
            "NC mi. / NC ma. : non-conformité mineure / majeure ; N/A : non applicable ; "
            "Non év. : non évalués.",
            NOTE,
        ),
    ]
    return story + _proposal(ctx)


def _proposal(ctx: Context) -> list[Flowable]:
    data = ctx.data
    p, audit = data.overview.proposal, data.audit
    level = LEVEL_LABELS[p.level] if p.level else "aucun niveau"
    story: list[Flowable] = [
        Heading("2.2 Proposition de niveau", 1),
        rich(
            f"Niveau proposé : <b>{esc(level)}</b>"
            + (
                f" (niveau visé : {esc(LEVEL_LABELS[audit.target_level])})."
                if audit.target_level
                else "."
            )
        ),
    ]
    source = "valeur par défaut de l'application" if p.rule_source == "default" else "publiée"
    story.append(
        para(
            f"Règle de la grille ({source}) : chaque niveau exige ses propres "
            "conditions et celles des niveaux inférieurs. " + p.rule_note,
            NOTE,
        )
    )
    for item in p.levels:
        rows = [
            [para(c.description, CELL), rich(yes_no(c.met), CELL_CENTRE), para(c.detail, CELL)]
            for c in item.checks
        ]
        head = cells(
            [
                [
                    f"{item.label} : {'atteint' if item.reached else 'non atteint'}",
                    "Remplie",
                    "Constat",
                ]
            ],
            CELL_HEAD,
        )
        story.append(
            KeepTogether(
                [grid(head + rows, [7.2 * cm, 1.6 * cm, TEXT_WIDTH - 8.8 * cm]), Spacer(1, 6)]
            )
        )
    story += [
        Heading("2.3 Degré de satisfaction des critères", 1),
        para(_statement(ctx)),
        para(DECISION, NOTE),
    ]
    return story


def _statement(ctx: Context) -> str:
    """ISO 19011 6.5.1 i): how far the criteria are met, in one paragraph."""
    ov = ctx.data.overview
    t = ov.total
    text = (
        f"Sur {t.expected} points de contrôle du périmètre, {t.answered} ont été évalués "
        f"({t.non_applicable} non applicables). "
    )
    if t.conformity_rate is None:
        return text + "Aucun constat ne permet encore de conclure."
    text += (
        f"{format_percent(t.conformity_rate)} des constats évalués sont sans "
        f"non-conformité ; l'audit relève {t.nc_majeure} non-conformité(s) majeure(s), "
        f"{t.nc_mineure} mineure(s), {t.point_sensible} point(s) sensible(s), "
        f"{t.piste_de_progres} piste(s) de progrès et {t.point_fort} point(s) fort(s). "
    )
    weakest = min(
        (
            (k, v.conformity_rate)
            for k, v in ov.by_engagement.items()
            if v.conformity_rate is not None
        ),
        key=lambda kv: kv[1],
        default=None,
    )
    if weakest is not None and weakest[1] is not None and weakest[1] < 1:
        text += (
            f"L'engagement le moins bien satisfait est le n° {weakest[0]} "
            f"({format_percent(weakest[1])}). "
        )
    if ov.proposal.level is not None:
        text += f"Les critères du niveau {LEVEL_LABELS[ov.proposal.level]} sont satisfaits."
    else:
        text += "Les critères d'aucun niveau ne sont satisfaits à ce stade."
    if ov.proposal.unanswered:
        text += (
            f" {ov.proposal.unanswered} point(s) restaient à évaluer : la conclusion "
            "pourra changer."
        )
    return text


def indicators(ctx: Context) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), Heading("3. Indicateurs", 0)]
    for population, title in (
        ("user", "3.1 Enquête auprès des usagers"),
        ("agent", "3.2 Enquête auprès des agents"),
    ):
        counts = [c for c in ctx.data.surveys if c.population == population]
        story.append(Heading(title, 1))
        if not counts:
            story.append(para("Aucune enquête saisie."))
            continue
        items = [surveys.share_satisfied(c) for c in counts]
        labels = [c.question for c in counts]
        story.append(
            para(
                "Part de répondants satisfaits (deux meilleures réponses sur cinq), "
                "avec son intervalle de confiance à 95 % (Wilson) :"
            )
        )
        story.append(survey_chart(items, labels, TEXT_WIDTH))
        rows = [_survey_row(c.question, i) for c, i in zip(counts, items, strict=True)]
        story.append(
            grid(
                cells(
                    [["Question", "n", "Satisfaits", "IC 95 %", "Réf.", "Écart à la référence"]],
                    CELL_HEAD,
                )
                + cells(rows),
                [6.2 * cm, 1 * cm, 1.7 * cm, 3.1 * cm, 1.2 * cm, TEXT_WIDTH - 13.2 * cm],
            )
        )
        sources = {i.reference_source for i in items if i.reference_source}
        if sources:
            story.append(para("Référence nationale : " + ", ".join(sorted(sources)) + ".", NOTE))
    return story + _mystery(ctx)


def _survey_row(question: str, i: surveys.Indicator) -> list[str]:
    if i.value is None or i.low is None or i.high is None:
        return [question, str(i.n), "–", "–", "–", "aucune réponse"]
    ref, gap = "–", "–"
    if i.reference is not None:
        ref = format_percent(i.reference, decimals=0)
        # « Au-dessus de la référence nationale (69 %) : l'intervalle … » → its first half.
        gap = surveys.compare_to_reference(i).split(" : ")[0]
    interval = f"[{format_percent(i.low)} ; {format_percent(i.high)}]"
    return [question, str(i.n), format_percent(i.value), interval, ref, gap]


def _mystery(ctx: Context) -> list[Flowable]:
    data = ctx.data
    story: list[Flowable] = [CondPageBreak(6 * cm), Heading("3.3 Tests mystères", 1)]
    if not data.tests:
        return [*story, para("Aucun test mystère saisi.")]
    departments = {s.id: s.department for s in data.all_sites}
    served: dict[tuple[str, str], list[bool]] = defaultdict(list)
    delays: dict[str, list[float]] = defaultdict(list)
    for test in data.tests:
        for proposal in mystery.propose_for_test(test, data.ref, departments.get(test.site_id, "")):
            served[proposal.checkpoint_code, proposal.measure_label].append(proposal.proposal.met)
        values = mystery.measures_of_test(test, departments.get(test.site_id, ""))
        if mystery.REPLY_WORKING_DAYS in values:
            delays[test.kind].append(values[mystery.REPLY_WORKING_DAYS])
    calls = [t for t in data.tests if t.kind == "call"]
    if calls:
        reached = sum(1 for t in calls if t.reached_agent)
        story.append(
            para(
                f"Appels : {len(calls)} ; un agent a répondu à {reached} "
                f"({format_percent(reached / len(calls))})."
            )
        )
    for kind, days in delays.items():
        story.append(
            para(
                f"{TEST_KINDS.get(kind, kind)} : délai de réponse médian "
                f"{format_number(statistics.median(days))} jours ouvrés "
                f"(de {format_number(min(days))} à {format_number(max(days))}, "
                f"{len(days)} réponse(s))."
            )
        )
    rows = [
        [code, label, f"{sum(met)} / {len(met)}", format_percent(sum(met) / len(met))]
        for (code, label), met in served.items()
    ]
    if rows:
        story.append(
            grid(
                cells(
                    [["Point", "Mesure (seuil de la grille)", "Dans le seuil", "Part"]], CELL_HEAD
                )
                + cells(rows),
                [1.8 * cm, TEXT_WIDTH - 6.3 * cm, 2.5 * cm, 2 * cm],
            )
        )
    story += [Spacer(1, 8), para("Journal des tests mystères :", CELL_BOLD)]
    story.append(test_log(ctx, data.tests))
    return story


def test_log(ctx: Context, tests: list[MysteryTest]) -> Flowable:
    """One line per test: date, site, kind, what it measured, the auditor's note."""
    departments = {s.id: s.department for s in ctx.data.all_sites}
    rows = []
    for t in tests:
        values = mystery.measures_of_test(t, departments.get(t.site_id, ""))
        measures = []
        if mystery.RINGS in values:
            measures.append(f"{format_number(values[mystery.RINGS])} sonnerie(s)")
        if t.reached_agent is not None:
            measures.append("agent joint" if t.reached_agent else "aucun agent")
        if mystery.WAIT_MINUTES in values:
            measures.append(f"attente {format_number(values[mystery.WAIT_MINUTES], 1)} min")
        for key, what in (
            (mystery.ACK_WORKING_DAYS, "accusé"),
            (mystery.REPLY_WORKING_DAYS, "réponse"),
        ):
            if key in values:
                measures.append(f"{what} {format_number(values[key])} j. ouvrés")
        when = t.performed_at[:10]
        rows.append(
            [
                f"{when[8:10]}/{when[5:7]}/{when[:4]}" if when else "",
                ctx.data.site_name(t.site_id) if t.site_id else "Organisation",
                TEST_KINDS.get(t.kind, t.kind)
                + (f" ({channel_label(t.channel)})" if t.channel and t.kind == "visit" else ""),
                ", ".join(measures),
                t.note,
            ]
        )
    return grid(
        cells([["Date", "Site", "Test", "Mesures", "Note"]], CELL_HEAD) + cells(rows),
        [1.7 * cm, 4.3 * cm, 1.8 * cm, 4.4 * cm, TEXT_WIDTH - 12.2 * cm],
    )
