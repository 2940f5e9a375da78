"""Closing meetings and diverging opinions (6.5.1 j), signatures, and the photo annex."""

from __future__ import annotations

import hashlib

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Image, KeepTogether, PageBreak, Spacer

from auditor_app.closing_meeting import to_present
from auditor_app.report.context import ROLES, Context, date_time, long_date, photo_evidence
from auditor_app.report.doc import ATTACHMENT_NAME, Placeholder
from auditor_app.report.findings import caption, photo_flowable
from auditor_app.report.story import cells, grid
from auditor_app.report.styles import (
    CAPTION,
    CELL,
    CELL_HEAD,
    NOTE,
    SMALL,
    TEXT_WIDTH,
    Heading,
    esc,
    para,
    rich,
    verdict_tag,
)

SIGNATURE_SIZE = (4.6 * cm, 1.9 * cm)
ANNEX_MAX_HEIGHT = 10.2 * cm


def closing(ctx: Context) -> list[Flowable]:
    data, t = ctx.data, ctx.t
    story: list[Flowable] = [
        PageBreak(),
        Heading(t("6. Réunions de clôture"), 0),
        Heading(t("6.1 Prise de connaissance par l'audité"), 1),
    ]
    rows = []
    for site in data.sites:
        mine = [f for f in data.findings if f.site_id == site.id]
        presented = {f.id for f in to_present(mine)}
        answers = [r for r in data.responses if r.finding_id in presented]
        signed = [s for s in data.signatures if s["site_id"] == site.id]
        if not presented and not signed:
            continue
        names = sorted(
            {r.representative for r in answers if r.representative.strip()}
            | {s["signer_name"] for s in signed if s["role"] == "representative"}
        )
        accepted = sum(1 for r in answers if r.response == "accepted")
        when = max((s["signed_at"] for s in signed), default="")
        rows.append(
            [
                site.name,
                ", ".join(names) or "–",
                str(len(presented)),
                str(accepted),
                str(len(answers) - accepted),
                str(len(presented) - len(answers)),
                date_time(when, t, with_time=False) if when else t("non signée"),
            ]
        )
    if rows:
        story.append(
            para(
                t(
                    "Constats présentés au représentant de chaque site (tous sauf "
                    "« conforme »), ses réponses et la signature du procès-verbal."
                )
            )
        )
        story.append(
            grid(
                cells(
                    [
                        [
                            t("Site"),
                            t("Représentant"),
                            t("Présentés"),
                            t("Acceptés"),
                            t("Contestés"),
                            t("Sans réponse"),
                            t("Signature"),
                        ]
                    ],
                    CELL_HEAD,
                )
                + cells(rows),
                [
                    4.3 * cm,
                    3.0 * cm,
                    1.75 * cm,
                    1.75 * cm,
                    1.75 * cm,
                    1.75 * cm,
                    TEXT_WIDTH - 14.3 * cm,
                ],
            )
        )
    else:
        story.append(para(t("Aucune réunion de clôture n'a été enregistrée.")))
    return story + _diverging(ctx)


def _diverging(ctx: Context) -> list[Flowable]:
    data, t = ctx.data, ctx.t
    by_id = {f.id: f for f in data.findings}
    story: list[Flowable] = [Heading(t("6.2 Avis divergents non résolus"), 1)]
    disputes = [r for r in data.responses if r.response == "disputed" and r.finding_id in by_id]
    if not disputes:
        return [
            *story,
            para(t("Aucun avis divergent n'a été exprimé entre l'équipe d'audit et l'audité.")),
        ]
    story.append(
        para(
            t(
                "Constats contestés par l'audité en réunion de clôture ; l'avis de l'audité est "
                "reproduit tel qu'il a été saisi, face au constat de l'équipe d'audit."
            )
        )
    )
    rows = []
    for r in disputes:
        f = by_id[r.finding_id]
        rows.append(
            [
                para(f.checkpoint_code, CELL),
                para(ctx.place(f), CELL),
                rich(verdict_tag(f.verdict, t), CELL),
                para(f.note or "–", CELL),
                para(
                    t("« {0} »", r.comment)
                    + (f" ({r.representative})" if r.representative else ""),
                    CELL,
                ),
            ]
        )
    head = cells(
        [
            [
                t("Point"),
                t("Lieu"),
                t("Verdict"),
                t("Constat de l'audit"),
                t("Avis de l'audité"),
            ]
        ],
        CELL_HEAD,
    )
    widths = [1.5 * cm, 3.4 * cm, 2.6 * cm]
    rest = (TEXT_WIDTH - sum(widths)) / 2
    story.append(grid(head + rows, [*widths, rest, rest]))
    return story


def _signature_image(ctx: Context, sha: str) -> Flowable:
    width, height = SIGNATURE_SIZE
    path = ctx.blob_path(sha) if sha else None
    try:
        ok = path is not None and hashlib.sha256(path.read_bytes()).hexdigest() == sha
    except OSError:
        ok = False
    if path is None or not ok:
        if sha:
            ctx.warnings.append(
                f"Signature manuscrite {sha[:12]}… illisible ou absente de "
                "l'espace de travail : remplacée par un cadre vide."
            )
        return Placeholder(width, height, [ctx.t("signature non disponible")])
    image = Image(str(path))
    scale = min(width / image.imageWidth, height / image.imageHeight)
    return Image(str(path), image.imageWidth * scale, image.imageHeight * scale)


def signatures(ctx: Context) -> list[Flowable]:
    data, t = ctx.data, ctx.t
    story: list[Flowable] = [
        PageBreak(),
        Heading(t("7. Signatures"), 0),
        para(
            t(
                "L'équipe d'audit atteste que ce rapport rend compte des constats de l'audit "
                "{0}, réalisé du {1} au {2}, au vu des preuves examinées.",
                data.audit.reference,
                long_date(data.audit.start_date, t),
                long_date(data.audit.end_date, t),
            )
        ),
    ]
    rows: list[list[Flowable]] = []
    for s in data.signatures:
        role = t(ROLES.get(s["role"], s["role"]))
        who = f"<b>{esc(s['signer_name'])}</b><br/>{esc(role)}"
        where = esc(data.site_name(s["site_id"]) if s["site_id"] else t("Audit"))
        when = t("{0}<br/>Signé le {1}", where, esc(date_time(s["signed_at"], t)))
        rows.append([_signature_image(ctx, s["png_sha256"]), rich(who, CELL), rich(when, CELL)])
    if rows:
        story.append(Heading(t("Signatures manuscrites (réunions de clôture)"), 2))
        head = cells([[t("Signature"), t("Signataire"), t("Lieu et date")]], CELL_HEAD)
        first = SIGNATURE_SIZE[0] + 0.4 * cm
        story.append(grid(head + rows, [first, 5.5 * cm, TEXT_WIDTH - first - 5.5 * cm]))
    else:
        story.append(para(t("Aucune signature manuscrite n'a été recueillie."), SMALL))
    digest = hashlib.sha256(ctx.payload).hexdigest() if ctx.payload else ""
    story += [
        Spacer(1, 12),
        KeepTogether(
            [
                Heading(t("Signature électronique"), 2),
                para(
                    t(
                        "Les données de l'audit sont jointes à ce PDF (fichier {0}, SHA-256 {1}) ; "
                        "tête du journal des modifications n° {2} : {3}. La signature "
                        "électronique de l'auditeur couvre le document entier, données jointes "
                        "comprises.",
                        ATTACHMENT_NAME,
                        digest,
                        data.journal_seq,
                        data.journal_head,
                    ),
                    NOTE,
                ),
                Spacer(1, 4),
                ctx.signature_box,
            ]
        ),
    ]
    return story


def annex(ctx: Context) -> list[Flowable]:
    if not ctx.annex:
        return []
    data, t = ctx.data, ctx.t
    items = photo_evidence(data, ctx.index)
    story: list[Flowable] = [
        PageBreak(),
        Heading(t("Annexe A – Photos"), 0),
        para(
            t(
                "{0} photo(s), réduites pour le rapport, orientation corrigée. Les originaux "
                "restent dans l'espace de travail et dans le paquet d'audit ; l'empreinte SHA-256 "
                "de chacun est indiquée.",
                len(items),
            )
        ),
    ]
    if ctx.photos.left_out:
        story.append(
            para(
                t(
                    "{0} photo(s) ne sont pas reproduites : le budget de taille du rapport ne le "
                    "permet pas, même réduites.",
                    len(ctx.photos.left_out),
                ),
                NOTE,
            )
        )
    by_id = {f.id: f for f in data.findings}
    for evidence in items:
        finding = by_id[evidence.finding_id]
        taken = t(" Prise le {0}.", date_time(evidence.taken_at, t)) if evidence.taken_at else ""
        text = t(
            "<b>{0}</b><br/>Constat {1}, {2} – {3}.{4}<br/>SHA-256 de l'original : {5}",
            esc(caption(ctx, evidence)),
            esc(finding.checkpoint_code),
            esc(ctx.place(finding)),
            verdict_tag(finding.verdict, t),
            esc(taken),
            evidence.blob.sha256,
        )
        story.append(
            KeepTogether(
                [
                    photo_flowable(ctx, evidence, TEXT_WIDTH, ANNEX_MAX_HEIGHT),
                    Spacer(1, 3),
                    rich(text, CAPTION),
                    Spacer(1, 10),
                ]
            )
        )
    return story
