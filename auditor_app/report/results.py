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
from auditor_app.audit.model import MysteryTest
from auditor_app.audit.scoring import LEVEL_LABELS, Tally
from auditor_app.audit.verdicts import Verdict
from auditor_app.i18n import N_, Translator
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


def _rate(tally: Tally, t: Translator) -> str:
    rate = tally.conformity_rate
    return "–" if rate is None else t.percent(rate)


def tally_row(label: str, tally: Tally, t: Translator) -> list[str]:
    """Label, counts per verdict, unanswered, conformity rate."""
    counts = (str(tally.count(v)) for v in Verdict)
    return [label, *counts, str(tally.unanswered), _rate(tally, t)]


def tally_table(rows: list[list[str]], first: str, first_width: float, t: Translator) -> Flowable:
    """Counts per verdict; the figures are plain table strings (no Paragraph): the site
    pages hold over a thousand of them and a Paragraph costs a line-breaking pass each."""
    head = [first, *(t(SHORT[v]) for v in Verdict), t("Non év."), t("Taux")]
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
    ov, t = ctx.data.overview, ctx.t
    titles = {str(e.number): e.title for e in ctx.data.ref.engagements}
    rows = [tally_row(f"{k}. {titles.get(k, k)}", v, t) for k, v in ov.by_engagement.items()]
    rows.append(tally_row(t("Ensemble"), ov.total, t))
    story: list[Flowable] = [
        PageBreak(),
        Heading(t("2. Résultats et conclusions"), 0),
        Heading(t("2.1 Résultats par engagement"), 1),
        para(
            t(
                "Nombre de constats par verdict et taux de conformité : constats sans "
                "non-conformité sur constats évalués, hors « non applicable » et points non "
                "évalués."
            )
        ),
        tally_table(rows, t("Engagement"), 6.3 * cm, t),
        para(
            t(
                "Conf. : conforme ; PF : point fort ; PP : piste de progrès ; PS : point "
                "sensible ; NC mi. / NC ma. : non-conformité mineure / majeure ; N/A : non "
                "applicable ; Non év. : non évalués."
            ),
            NOTE,
        ),
    ]
    return story + _proposal(ctx)


def _proposal(ctx: Context) -> list[Flowable]:
    data, t = ctx.data, ctx.t
    p, audit = data.overview.proposal, data.audit
    level = t(LEVEL_LABELS[p.level]) if p.level else t("aucun niveau")
    target = (
        t(" (niveau visé : {0}).", esc(t(LEVEL_LABELS[audit.target_level])))
        if audit.target_level
        else "."
    )
    story: list[Flowable] = [
        Heading(t("2.2 Proposition de niveau"), 1),
        rich(t("Niveau proposé : <b>{0}</b>", esc(level)) + target),
    ]
    source = t("valeur par défaut de l'application") if p.rule_source == "default" else t("publiée")
    story.append(
        para(
            t(
                "Règle de la grille ({0}) : chaque niveau exige ses propres conditions et "
                "celles des niveaux inférieurs. ",
                source,
            )
            + p.rule_note,
            NOTE,
        )
    )
    for item in p.levels:
        rows = [
            [
                para(t.sentence(c.description), CELL),
                rich(yes_no(c.met, t), CELL_CENTRE),
                para(t.sentence(c.detail), CELL),
            ]
            for c in item.checks
        ]
        reached = t("atteint") if item.reached else t("non atteint")
        head = cells(
            [[t("{0} : {1}", t(item.label), reached), t("Remplie"), t("Constat")]],
            CELL_HEAD,
        )
        story.append(
            KeepTogether(
                [grid(head + rows, [7.2 * cm, 1.6 * cm, TEXT_WIDTH - 8.8 * cm]), Spacer(1, 6)]
            )
        )
    story += [
        Heading(t("2.3 Degré de satisfaction des critères"), 1),
        para(_statement(ctx)),
        para(t(DECISION), NOTE),
    ]
    return story


def _statement(ctx: Context) -> str:
    """ISO 19011 6.5.1 i): how far the criteria are met, in one paragraph."""
    ov, t = ctx.data.overview, ctx.t
    total = ov.total
    text = t(
        "Sur {0} points de contrôle du périmètre, {1} ont été évalués ({2} non applicables). ",
        total.expected,
        total.answered,
        total.non_applicable,
    )
    if total.conformity_rate is None:
        return text + t("Aucun constat ne permet encore de conclure.")
    text += t(
        "{0} des constats évalués sont sans non-conformité ; l'audit relève {1} "
        "non-conformité(s) majeure(s), {2} mineure(s), {3} point(s) sensible(s), {4} piste(s) "
        "de progrès et {5} point(s) fort(s). ",
        t.percent(total.conformity_rate),
        total.nc_majeure,
        total.nc_mineure,
        total.point_sensible,
        total.piste_de_progres,
        total.point_fort,
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
        text += t(
            "L'engagement le moins bien satisfait est le n° {0} ({1}). ",
            weakest[0],
            t.percent(weakest[1]),
        )
    if ov.proposal.level is not None:
        text += t("Les critères du niveau {0} sont satisfaits.", t(LEVEL_LABELS[ov.proposal.level]))
    else:
        text += t("Les critères d'aucun niveau ne sont satisfaits à ce stade.")
    if ov.proposal.unanswered:
        text += t(
            " {0} point(s) restaient à évaluer : la conclusion pourra changer.",
            ov.proposal.unanswered,
        )
    return text


def indicators(ctx: Context) -> list[Flowable]:
    t = ctx.t
    story: list[Flowable] = [PageBreak(), Heading(t("3. Indicateurs"), 0)]
    for population, title in (
        ("user", t("3.1 Enquête auprès des usagers")),
        ("agent", t("3.2 Enquête auprès des agents")),
    ):
        counts = [c for c in ctx.data.surveys if c.population == population]
        story.append(Heading(title, 1))
        if not counts:
            story.append(para(t("Aucune enquête saisie.")))
            continue
        items = [surveys.share_satisfied(c) for c in counts]
        labels = [c.question for c in counts]
        story.append(
            para(
                t(
                    "Part de répondants satisfaits (deux meilleures réponses sur cinq), "
                    "avec son intervalle de confiance à 95 % (Wilson) :"
                )
            )
        )
        story.append(survey_chart(items, labels, TEXT_WIDTH, t))
        rows = [_survey_row(c.question, i, t) for c, i in zip(counts, items, strict=True)]
        head = [
            t("Question"),
            t("n"),
            t("Satisfaits"),
            t("IC 95 %"),
            t("Réf."),
            t("Écart à la référence"),
        ]
        story.append(
            grid(
                cells([head], CELL_HEAD) + cells(rows),
                [6.2 * cm, 1 * cm, 1.7 * cm, 3.1 * cm, 1.2 * cm, TEXT_WIDTH - 13.2 * cm],
            )
        )
        sources = {i.reference_source for i in items if i.reference_source}
        if sources:
            story.append(para(t("Référence nationale : {0}.", ", ".join(sorted(sources))), NOTE))
    return story + _mystery(ctx)


def _survey_row(question: str, i: surveys.Indicator, t: Translator) -> list[str]:
    if i.value is None or i.low is None or i.high is None:
        return [question, str(i.n), "–", "–", "–", t("aucune réponse")]
    ref, gap = "–", "–"
    if i.reference is not None:
        ref = t.percent(i.reference, decimals=0)
        # « Au-dessus de la référence nationale (69 %) : l'intervalle … » → its first half.
        gap = t.sentence(surveys.compare_to_reference(i).split(" : ")[0])
    interval = t("[{0} ; {1}]", t.percent(i.low), t.percent(i.high))
    return [question, str(i.n), t.percent(i.value), interval, ref, gap]


def _mystery(ctx: Context) -> list[Flowable]:
    data, t = ctx.data, ctx.t
    story: list[Flowable] = [CondPageBreak(6 * cm), Heading(t("3.3 Tests mystères"), 1)]
    if not data.tests:
        return [*story, para(t("Aucun test mystère saisi."))]
    departments = {s.id: s.department for s in data.all_sites}
    served: dict[tuple[str, str], list[bool]] = defaultdict(list)
    delays: dict[str, list[float]] = defaultdict(list)
    for test in data.tests:
        for proposal in mystery.propose_for_test(test, data.ref, departments.get(test.site_id, "")):
            served[proposal.checkpoint_code, proposal.measure_label].append(proposal.proposal.met)
        values = mystery.measures_of_test(test, departments.get(test.site_id, ""))
        if mystery.REPLY_WORKING_DAYS in values:
            delays[test.kind].append(values[mystery.REPLY_WORKING_DAYS])
    calls = [test for test in data.tests if test.kind == "call"]
    if calls:
        reached = sum(1 for test in calls if test.reached_agent)
        story.append(
            para(
                t(
                    "Appels : {0} ; un agent a répondu à {1} ({2}).",
                    len(calls),
                    reached,
                    t.percent(reached / len(calls)),
                )
            )
        )
    for kind, days in delays.items():
        story.append(
            para(
                t(
                    "{0} : délai de réponse médian {1} jours ouvrés (de {2} à {3}, "
                    "{4} réponse(s)).",
                    t(TEST_KINDS.get(kind, kind)),
                    t.number(statistics.median(days)),
                    t.number(min(days)),
                    t.number(max(days)),
                    len(days),
                )
            )
        )
    rows = [
        [code, label, f"{sum(met)} / {len(met)}", t.percent(sum(met) / len(met))]
        for (code, label), met in served.items()
    ]
    if rows:
        head = [t("Point"), t("Mesure (seuil de la grille)"), t("Dans le seuil"), t("Part")]
        story.append(
            grid(
                cells([head], CELL_HEAD) + cells(rows),
                [1.8 * cm, TEXT_WIDTH - 6.3 * cm, 2.5 * cm, 2 * cm],
            )
        )
    story += [Spacer(1, 8), para(t("Journal des tests mystères :"), CELL_BOLD)]
    story.append(test_log(ctx, data.tests))
    return story


def _measures(ctx: Context, test: MysteryTest, department: str) -> str:
    """What a test measured, in a few words."""
    t = ctx.t
    values = mystery.measures_of_test(test, department)
    measures = []
    if mystery.RINGS in values:
        measures.append(t("{0} sonnerie(s)", t.number(values[mystery.RINGS])))
    if test.reached_agent is not None:
        measures.append(t("agent joint") if test.reached_agent else t("aucun agent"))
    if mystery.WAIT_MINUTES in values:
        measures.append(t("attente {0} min", t.number(values[mystery.WAIT_MINUTES], 1)))
    for key, what in (
        (mystery.ACK_WORKING_DAYS, N_("accusé {0} j. ouvrés")),
        (mystery.REPLY_WORKING_DAYS, N_("réponse {0} j. ouvrés")),
    ):
        if key in values:
            measures.append(t(what, t.number(values[key])))
    return ", ".join(measures)


def test_log(ctx: Context, tests: list[MysteryTest]) -> Flowable:
    """One line per test: date, site, kind, what it measured, the auditor's note."""
    t = ctx.t
    departments = {s.id: s.department for s in ctx.data.all_sites}
    rows = []
    for test in tests:
        when = test.performed_at[:10]
        visit = test.channel and test.kind == "visit"
        rows.append(
            [
                f"{when[8:10]}/{when[5:7]}/{when[:4]}" if when else "",
                ctx.data.site_name(test.site_id) if test.site_id else t("Organisation"),
                t(TEST_KINDS.get(test.kind, test.kind))
                + (f" ({channel_label(test.channel, t)})" if visit else ""),
                _measures(ctx, test, departments.get(test.site_id, "")),
                test.note,
            ]
        )
    head = [t("Date"), t("Site"), t("Test"), t("Mesures"), t("Note")]
    return grid(
        cells([head], CELL_HEAD) + cells(rows),
        [1.7 * cm, 4.3 * cm, 1.8 * cm, 4.4 * cm, TEXT_WIDTH - 12.2 * cm],
    )
