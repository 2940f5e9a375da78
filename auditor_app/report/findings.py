"""The findings with their evidence (ISO 19011 6.5.1 g), then one page per visited site."""

from __future__ import annotations

import re

from reportlab.lib.units import cm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from auditor_app.audit import scoring
from auditor_app.audit.model import Finding, Site
from auditor_app.closing_meeting import to_present
from auditor_app.i18n import N_
from auditor_app.report.context import DETAILED, PLURALS, Context, channel_label, ordered
from auditor_app.report.doc import Placeholder
from auditor_app.report.results import tally_row, tally_table, test_log
from auditor_app.report.story import cells, grid
from auditor_app.report.styles import (
    CAPTION,
    CELL,
    CELL_HEAD,
    RULE,
    SMALL,
    TEXT_WIDTH,
    VERDICT_COLOURS,
    Heading,
    esc,
    para,
    rich,
    verdict_tag,
)
from auditor_app.store.findings import Evidence

PHOTO_COLUMN = 5.6 * cm
GAP = 6.0
RESPONSES = {"accepted": N_("acceptée"), "disputed": N_("contestée")}
# The demo and some phones number captions themselves (« Photo 3 – … »); the report numbers
# photos in its own order, so a leading number of that kind would only contradict it.
_OWN_NUMBER = re.compile(r"^\s*photo\s*n?°?\s*\d+\s*[–—:-]\s*", re.IGNORECASE)


def photo_flowable(ctx: Context, evidence: Evidence, width: float, max_height: float) -> Flowable:
    """The photo's derivative at this size, or a placeholder saying why it is missing."""
    number = ctx.numbers.get(evidence.id, 0)
    derived = ctx.derivative(evidence)
    t = ctx.t
    if derived is not None and derived.ok and derived.path is not None:
        scale = min(width / derived.width, max_height / derived.height)
        image = Image(str(derived.path), derived.width * scale, derived.height * scale)
        image.hAlign = "LEFT"
        return image
    if evidence.blob.sha256 in ctx.photos.left_out:
        reason = t("non reproduite : budget de taille du rapport")
    else:
        reason = t("illisible ou absente de l'espace de travail")
    return Placeholder(
        width,
        min(max_height, width * 0.6),
        [t("Photo {0}", number), reason, f"SHA-256 {evidence.blob.sha256[:16]}…"],
    )


def caption(ctx: Context, evidence: Evidence) -> str:
    number = ctx.numbers.get(evidence.id, 0)
    text = _OWN_NUMBER.sub("", evidence.caption) or evidence.filename
    return ctx.t("Photo {0}", number) + (f" – {text}" if text else "")


def _photos(ctx: Context, items: list[Evidence]) -> list[Flowable]:
    """The photo column: one photo across it, or two side by side."""
    if len(items) == 1:
        e = items[0]
        return [photo_flowable(ctx, e, PHOTO_COLUMN, 4.0 * cm), para(caption(ctx, e), CAPTION)]
    half = (PHOTO_COLUMN - GAP) / 2
    cells_ = [
        [photo_flowable(ctx, e, half, 2.4 * cm), para(caption(ctx, e), CAPTION)] for e in items
    ]
    rows = [
        cells_[i : i + 2] + [[]] * (2 - len(cells_[i : i + 2])) for i in range(0, len(cells_), 2)
    ]
    table = Table(rows, colWidths=[half + GAP, half], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), GAP),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [table]


def finding_block(ctx: Context, finding: Finding) -> Flowable:
    """One finding: checkpoint, place, note and the site's answer; its photos beside them."""
    entry = ctx.entry(finding)
    t = ctx.t
    text = entry.checkpoint.text if entry else t("Point absent de la grille")
    answer = next((r for r in ctx.data.responses if r.finding_id == finding.id), None)
    parts: list[Flowable] = [
        rich(
            f"<b>{esc(finding.checkpoint_code)}</b> – {esc(ctx.place(finding))} – "
            f"{verdict_tag(finding.verdict, t)}",
            CELL,
        ),
        para(text, SMALL),
        rich(t("<b>Constat :</b> {0}", esc(finding.note or t("aucune note"))), CELL),
    ]
    if answer is not None:
        said = t("<b>Réponse du site :</b> {0}", t(RESPONSES.get(answer.response, answer.response)))
        if answer.comment:
            said += t(" – « {0} »", esc(answer.comment))
        if answer.representative:
            said += f" ({esc(answer.representative)})"
        parts.append(rich(said, CELL))
    evidence = ctx.data.evidence.get(finding.id, [])
    for doc in (e for e in evidence if e.kind != "photo"):
        parts.append(
            para(
                t(
                    "Document joint : {0} (SHA-256 {1}…)",
                    doc.caption or doc.filename,
                    doc.blob.sha256[:16],
                ),
                SMALL,
            )
        )
    photos = [e for e in evidence if e.kind == "photo"]
    right: list[Flowable] = _photos(ctx, photos) if photos else []
    table = Table(
        [[parts, right]],
        colWidths=[TEXT_WIDTH - PHOTO_COLUMN - GAP, PHOTO_COLUMN + GAP],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 6),
                ("LEFTPADDING", (1, 0), (1, 0), GAP),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                (
                    "LINEBEFORE",
                    (0, 0),
                    (0, 0),
                    2,
                    VERDICT_COLOURS[finding.verdict] if finding.verdict else RULE,
                ),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
            ]
        )
    )
    return table


def findings(ctx: Context) -> list[Flowable]:
    t = ctx.t
    story: list[Flowable] = [
        PageBreak(),
        Heading(t("4. Constats"), 0),
        para(
            t(
                "Les constats autres que « conforme », groupés par nature, dans l'ordre de la "
                "grille. Les photos sont réduites ; les originaux restent dans l'espace de "
                "travail"
            )
            + (t(" et sont reproduites en plus grand en annexe.") if ctx.annex else ".")
        ),
    ]
    for number, verdict in enumerate(DETAILED, start=1):
        items = ordered(ctx.data, ctx.index, verdict)
        story.append(Heading(t("4.{0} {1} ({2})", number, t(PLURALS[verdict]), len(items)), 1))
        if not items:
            story.append(para(t("Aucun."), SMALL))
        story += [finding_block(ctx, f) for f in items]
    return story


def _site_page(ctx: Context, site: Site, number: int) -> list[Flowable]:
    data, t = ctx.data, ctx.t
    mine = [f for f in data.findings if f.site_id == site.id]
    tally = scoring.tally(mine)
    by_engagement = scoring.tally_by(mine, data.ref, "engagement")
    titles = {str(e.number): f"{e.number}. {e.title}" for e in data.ref.engagements}
    rows = [tally_row(titles.get(k, k), v, t) for k, v in by_engagement.items()]
    rows.append(tally_row(t("Ensemble du site"), tally, t))
    channels = ", ".join(channel_label(c, t) for c in site.channels)
    story: list[Flowable] = [
        PageBreak(),
        Heading(f"5.{number} {site.name}", 1),
        para(
            t(
                "{0} ; département {1} ; canaux : {2}. Points évalués : {3} / {4}.",
                site.kind or t("Site"),
                site.department or t("non renseigné"),
                channels or t("aucun"),
                tally.answered,
                tally.expected,
            ),
            SMALL,
        ),
        tally_table(rows, t("Engagement"), 6.3 * cm, t),
        Spacer(1, 8),
    ]
    shown = [f for f in to_present(mine) if f.verdict in DETAILED]
    story.append(Heading(t("Constats à retenir ({0})", len(shown)), 2))
    story += [
        _compact(ctx, shown)
        if shown
        else para(t("Aucun : tous les points évalués sont conformes ou sans objet."), SMALL)
    ]
    story += _site_closing(ctx, site, mine)
    return story


def _compact(ctx: Context, items: list[Finding], where: bool = False) -> Flowable:
    """A table of findings, one line each; ``where`` names the place instead of the channel."""
    t = ctx.t
    rows: list[list[Flowable]] = []
    for f in sorted(
        items,
        key=lambda f: (
            ctx.index[f.checkpoint_code].position if f.checkpoint_code in ctx.index else 0
        ),
    ):
        photos = [
            f"{ctx.numbers[e.id]}" for e in ctx.data.evidence.get(f.id, []) if e.id in ctx.numbers
        ]
        rows.append(
            [
                para(f.checkpoint_code, CELL),
                rich(verdict_tag(f.verdict, t), CELL),
                para((ctx.place(f) if where else channel_label(f.channel, t)) or "–", CELL),
                para(f.note or "–", CELL),
                para(", ".join(photos) or "–", CELL),
            ]
        )
    head = cells(
        [[t("Point"), t("Verdict"), t("Lieu") if where else t("Canal"), t("Constat"), t("Photos")]],
        CELL_HEAD,
    )
    wide = 4.2 * cm if where else 2.4 * cm
    return grid(head + rows, [1.6 * cm, 3.2 * cm, wide, TEXT_WIDTH - 6.3 * cm - wide, 1.5 * cm])


def _site_closing(ctx: Context, site: Site, mine: list[Finding]) -> list[Flowable]:
    ids = {f.id for f in mine}
    answers = [r for r in ctx.data.responses if r.finding_id in ids]
    signed = [s for s in ctx.data.signatures if s["site_id"] == site.id]
    tests = [test for test in ctx.data.tests if test.site_id == site.id]
    t = ctx.t
    story: list[Flowable] = [Spacer(1, 8)]
    if tests:
        story += [Heading(t("Tests mystères ({0})", len(tests)), 2), test_log(ctx, tests)]
    disputed = sum(1 for r in answers if r.response == "disputed")
    if answers or signed:
        story.append(
            para(
                t(
                    "Réunion de clôture : {0} réponse(s) du site, dont {1} contestation(s) ; "
                    "{2} signature(s) manuscrite(s) (section 6).",
                    len(answers),
                    disputed,
                    len(signed),
                ),
                SMALL,
            )
        )
    else:
        story.append(para(t("Réunion de clôture : pas encore tenue."), SMALL))
    return story


def sites(ctx: Context) -> list[Flowable]:
    data, t = ctx.data, ctx.t
    story: list[Flowable] = [
        PageBreak(),
        Heading(t("5. Détail par site"), 0),
        para(
            t(
                "Une page par site visité ; les sites non visités sont listés à la fin de "
                "cette section."
            )
        ),
    ]
    visited = [
        s
        for s in data.sites
        if any(f.site_id == s.id and f.verdict is not None for f in data.findings)
    ]
    for number, site in enumerate(visited, start=1):
        page = _site_page(ctx, site, number)
        story += page if number > 1 else page[1:]
    central = [f for f in data.findings if not f.site_id]
    if central:
        titles = {str(e.number): f"{e.number}. {e.title}" for e in data.ref.engagements}
        rows = [
            tally_row(titles.get(k, k), v, t)
            for k, v in scoring.tally_by(central, data.ref, "engagement").items()
        ]
        rows.append(tally_row(t("Ensemble"), scoring.tally(central), t))
        shown = [f for f in to_present(central) if f.verdict in DETAILED]
        story += [
            PageBreak(),
            Heading(t("5.{0} Organisation et dispositifs d'aide", len(visited) + 1), 1),
            tally_table(rows, t("Engagement"), 6.3 * cm, t),
            Spacer(1, 8),
        ]
        if shown:
            story.append(_compact(ctx, shown, where=True))
    others = [s for s in data.sites if s not in visited]
    if others:
        story += [
            CondPageBreak(4 * cm),
            Heading(t("Sites non visités"), 2),
            grid(
                cells([[t("Site"), t("Type"), t("Dép.")]], CELL_HEAD)
                + cells([[s.name, s.kind, s.department] for s in others]),
                [8 * cm, 5 * cm, 2 * cm],
            ),
        ]
    return story
