"""The bundled demo: a regional council audit well under way, the same every time.

A fictional region ("Région Val-de-Rhin") with 21 sites, 6 economic-aid schemes, two
auditors, findings with photos, mystery tests and survey counts. Ids come from fixed
names and verdicts from a seeded generator, so two builds hold the same data.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PIL import Image, ImageDraw

from auditor_app.audit.calendar import working_days_between
from auditor_app.audit.measures import measure_from_dates, propose_verdict
from auditor_app.audit.model import (
    AidScheme,
    Audit,
    Finding,
    MysteryTest,
    Site,
    SurveyCounts,
    TeamMember,
)
from auditor_app.audit.verdicts import Verdict
from auditor_app.demo_info import DEMO_AUDIT_ID, DEMO_LEAD, DEMO_REFERENCE, demo_id, has_demo
from auditor_app.referential.loader import load_bundled
from auditor_app.referential.model import Channel, Level, Measure, Referential, Unit
from auditor_app.store import audits as audit_store
from auditor_app.store import findings as finding_store
from auditor_app.store import observations
from auditor_app.store.workspace import Workspace

LEAD, AUDITOR = DEMO_LEAD, "Julien Lefèvre"
C, P, M, E = Channel.COUNTER, Channel.PHONE, Channel.MAIL, Channel.EMAIL

# (name, kind, department, channels)
SITES: list[tuple[str, str, str, tuple[Channel, ...]]] = [
    ("Hôtel de Région – Strasbourg", "siège", "67", (C, P, M, E)),
    ("Antenne régionale de Metz", "antenne régionale", "57", (C, P, M, E)),
    ("Antenne régionale de Châlons-en-Champagne", "antenne régionale", "51", (C, P, M, E)),
    *[
        (f"Maison de la Région – {town}", "maison de la Région", dept, (C, P, E))
        for town, dept in [
            ("Mulhouse", "68"), ("Colmar", "68"), ("Nancy", "54"), ("Épinal", "88"),
            ("Bar-le-Duc", "55"), ("Troyes", "10"), ("Reims", "51"),
            ("Charleville-Mézières", "08"), ("Chaumont", "52"), ("Saint-Dié-des-Vosges", "88"),
            ("Verdun", "55"), ("Sarreguemines", "57"), ("Thionville", "57"), ("Haguenau", "67"),
            ("Saverne", "67"), ("Sélestat", "67"), ("Longwy", "54"),
        ]
    ],
    ("Maison régionale des sports – Tomblaine", "maison régionale des sports", "54", (C, P, E)),
]  # fmt: skip

AID_SCHEMES = [
    ("Pass Création", "Subvention et prêt d'honneur pour créer ou reprendre une entreprise"),
    ("Pass Export", "Aide aux premiers salons et prospections à l'international"),
    ("Pass Innovation", "Avance remboursable pour les projets d'innovation des PME"),
    ("Soutien à l'artisanat", "Aide à l'investissement des entreprises artisanales"),
    ("Commerce de proximité", "Aide à la modernisation des commerces en centre-bourg"),
    ("Transition numérique", "Accompagnement des TPE vers les outils numériques"),
]

# The user survey of the demo (share satisfied per question) and its respondents.
USER_SURVEY = {
    "Globalement, êtes-vous satisfait de la qualité de service ?": 0.84,
    "Qualité de la relation : avez-vous été accueilli avec bienveillance et respect ?": 0.92,
    "Facilité de contact : avez-vous pu joindre facilement le service ?": 0.85,
    "Simplicité : votre démarche vous a-t-elle paru simple ?": 0.82,
    "Délais : votre demande a-t-elle été traitée dans des délais satisfaisants ?": 0.82,
}
AGENT_SURVEY = {
    "Globalement, êtes-vous satisfait de vos conditions d'accueil du public ?": 0.76,
    "Êtes-vous formé pour répondre aux situations difficiles ?": 0.71,
    "Disposez-vous des outils nécessaires pour renseigner les usagers ?": 0.64,
}
RESPONDENTS = 412

START = date(2026, 11, 16)
ANSWERED_SITES = 12  # sites fully walked; the next one is half done, the rest not yet visited
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class DemoSummary:
    audit_id: str
    sites: int
    aid_schemes: int
    findings: int
    answered: int
    photos: int
    mystery_tests: int


def _photo(title: str, seed: int, taken: str) -> bytes:
    """A small synthetic site photo with EXIF time taken (deterministic)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (640, 480), (rng.randrange(150, 230),) * 3)
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y = rng.randrange(0, 560), rng.randrange(0, 400)
        colour = (rng.randrange(40, 200), rng.randrange(60, 200), rng.randrange(80, 220))
        draw.rectangle((x, y, x + rng.randrange(40, 160), y + rng.randrange(30, 120)), fill=colour)
    draw.rectangle((20, 20, 620, 70), fill=(255, 255, 255))
    draw.text((30, 38), title, fill=(0, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 1
    exif.get_ifd(0x8769)[0x9003] = taken
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, exif=exif.tobytes())
    return out.getvalue()


def _survey(question: str, share: float, population: str, n: int) -> SurveyCounts:
    satisfied = round(share * n)
    dissatisfied = round((n - satisfied) * 0.4)
    return SurveyCounts(question, satisfied, n - satisfied - dissatisfied, dissatisfied, population)


def build_demo(ws: Workspace, progress: Progress | None = None) -> DemoSummary:
    """Build the demo audit in ``ws``; if it is already there, leave it and summarise it."""
    audit_id = DEMO_AUDIT_ID
    if not has_demo(ws):
        ref = load_bundled()
        audit_store.add_referential(ws, ref, origin="bundled")
        actor = ws.actor
        try:
            with ws.transaction():  # all or nothing, and one disk sync instead of thousands
                _create(ws, audit_id, ref.key)
                _walk(ws, audit_id, progress)
        finally:
            ws.actor = actor  # the demo writes as its two fictional auditors
    return summarise(ws, audit_id)


def _create(ws: Workspace, audit_id: str, referential_key: str) -> None:
    audit = Audit(
        id=audit_id, referential_key=referential_key,
        organisation="Région Val-de-Rhin (organisation fictive de démonstration)",
        reference=DEMO_REFERENCE, client="Région Val-de-Rhin – Direction de la relation usagers",
        objectives=("Évaluer le respect des 8 engagements Services Publics+ dans l'accueil du "
                    "public et proposer un niveau de labellisation."),
        scope=("Accueil physique, téléphonique, courrier et courriel des 21 sites ; site internet "
               "et démarches en ligne des 6 dispositifs d'aide économique."),
        start_date=START, end_date=START + timedelta(days=18),
        team=(TeamMember(LEAD, "lead", "claire.martin@certif-demo.fr"),
              TeamMember(AUDITOR, "auditor", "julien.lefevre@certif-demo.fr")),
        target_level=Level.ARGENT, status="in_progress",
        channels=(Channel.WEBSITE, Channel.ONLINE_PROCEDURE),
    )  # fmt: skip
    sites = [
        Site(demo_id(f"site:{name}"), audit_id, name, kind, dept, "", channels)
        for name, kind, dept, channels in SITES
    ]
    schemes = [
        AidScheme(demo_id(f"aid:{name}"), audit_id, name, text,
                  (Channel.ONLINE_PROCEDURE, Channel.EMAIL, Channel.MAIL))
        for name, text in AID_SCHEMES
    ]  # fmt: skip
    audit_store.create_audit(ws, audit, sites, schemes)


_NOTES = {
    Verdict.POINT_FORT: "Pratique remarquable, à valoriser dans le rapport.",
    Verdict.PISTE_DE_PROGRES: "Fonctionne, mais peut être amélioré (voir recommandations).",
    Verdict.POINT_SENSIBLE: "Fragile : risque de non-conformité si rien ne change.",
    Verdict.NON_APPLICABLE: "Sans objet sur ce site (canal non proposé au public).",
}
_WEIGHTS = [
    (Verdict.CONFORME, 82), (Verdict.POINT_FORT, 6), (Verdict.PISTE_DE_PROGRES, 6),
    (Verdict.POINT_SENSIBLE, 4), (Verdict.NON_APPLICABLE, 2),
]  # fmt: skip
# Non-conformities are not drawn at random: an auditor writes each one. One is left
# without its note, to show what the readiness check asks for before signing.
_NONCONFORMITIES = [
    ("E1.4.3", "Pas de marquage au sol : les échanges au guichet s'entendent dans la file."),
    ("E1.4.6", "Aucun dispositif de gestion de la file d'attente aux heures d'affluence."),
    ("E5.2.2", "Horaires du site internet différents de ceux affichés à l'entrée."),
    ("E6.1.2", "Résultats de qualité de service de l'an passé non affichés."),
    ("E1.1.3", ""),
]


def _walk(ws: Workspace, audit_id: str, progress: Progress | None) -> None:
    """Record the findings of the visited sites, as two auditors would have."""
    rng = random.Random(2026)
    ref = audit_store.referential(ws, audit_store.get_audit(ws, audit_id).referential_key)
    sites = audit_store.sites(ws, audit_id)
    visited = {s.id: i for i, s in enumerate(sites) if i <= ANSWERED_SITES}
    tests = _mystery_tests(ws, audit_id, sites, rng)
    all_findings = finding_store.findings(ws, audit_id)
    verdicts, weights = zip(*_WEIGHTS, strict=True)
    photos = 0
    strong: set[tuple[str, str]] = set()  # (site, criterion) with a point fort
    answered = []
    for n, finding in enumerate(all_findings):
        index = visited.get(finding.site_id)
        if finding.site_id and index is None:
            continue
        if index == ANSWERED_SITES and rng.random() < 0.5:
            continue  # the site being visited now: half done
        ws.actor = LEAD if (index or 0) % 2 == 0 else AUDITOR
        _, criterion, checkpoint = ref.locate(finding.checkpoint_code)
        value, note = None, ""
        if checkpoint.measure is not None:
            site = next((s for s in sites if s.id == finding.site_id), None)
            test = tests.get((finding.site_id, finding.channel))
            value = _measured(rng, checkpoint.measure, test, site.department if site else "")
            proposal = propose_verdict(checkpoint.measure, value)
            verdict, note = proposal.verdict, proposal.explanation
        else:
            verdict = rng.choices(verdicts, weights)[0]
            note = _NOTES.get(verdict, "")
        if verdict is Verdict.POINT_FORT:
            strong.add((finding.site_id, criterion.code))
        finding_store.update_finding(ws, finding.id, verdict=verdict, measured_value=value,
                                     note=note)  # fmt: skip
        answered.append(finding)
        if (verdict.is_nonconformity or verdict is Verdict.POINT_FORT) and rng.random() < 0.8:
            photos += _attach_photo(ws, finding.id, checkpoint.text, photos)
        if progress:
            progress(n + 1, len(all_findings), "Constats")
    photos = _script_nonconformities(ws, ref, answered, strong, photos)
    ws.actor = LEAD
    for question, share in USER_SURVEY.items():
        observations.set_survey_counts(ws, audit_id, _survey(question, share, "user", RESPONDENTS))
    for question, share in AGENT_SURVEY.items():
        observations.set_survey_counts(ws, audit_id, _survey(question, share, "agent", 187))


def _script_nonconformities(
    ws: Workspace, ref: Referential, answered: list[Finding], strong: set[tuple[str, str]],
    photos: int,
) -> int:  # fmt: skip
    for k, (code, note) in enumerate(_NONCONFORMITIES):
        candidates = [
            f for f in answered
            if f.checkpoint_code == code and f.site_id
            and (f.site_id, ref.locate(code)[1].code) not in strong
        ]  # fmt: skip
        if not candidates:
            continue
        finding = candidates[(k * 3) % len(candidates)]
        finding_store.update_finding(ws, finding.id, verdict=Verdict.NC_MINEURE, note=note)
        if note and k % 2 == 0:
            photos += _attach_photo(ws, finding.id, ref.checkpoint(code).text, photos)
    return photos


def _measured(
    rng: random.Random, measure: Measure, test: MysteryTest | None, department: str
) -> float:
    """The value a mystery test gave, else a plausible one (most within the threshold)."""
    if test is not None:
        if measure.unit is Unit.RINGS and test.rings is not None:
            return float(test.rings)
        end = test.replied_on if "répon" in measure.label.lower() else test.acknowledged_on
        if test.sent_on and end:
            return measure_from_dates(measure, test.sent_on, end, department)
    t = measure.threshold
    good = rng.random() < 0.9
    if measure.unit in (Unit.PERCENT, Unit.SCORE_10):
        top = 100.0 if measure.unit is Unit.PERCENT else 10.0
        low, high = (t, min(top, t + (top - t) * 0.8)) if good else (t * 0.85, t)
        return round(rng.uniform(low, high), 1)
    low, high = (t * 0.2, t) if good else (t, t * 1.4)
    return float(round(rng.uniform(low, high)))


def _attach_photo(ws: Workspace, fid: str, text: str, n: int) -> int:
    day = (START + timedelta(days=n % 10)).strftime("%Y:%m:%d")
    taken = f"{day} {9 + n % 8:02d}:{n % 60:02d}:00"
    data = _photo(text[:70], n, taken)
    tmp = ws.root / f".demo-photo-{n}.jpg"
    tmp.write_bytes(data)
    try:
        finding_store.add_evidence(ws, fid, tmp, caption=f"Photo {n + 1} – {text[:60]}")
    finally:
        tmp.unlink(missing_ok=True)
    return 1


def _mystery_tests(
    ws: Workspace, audit_id: str, sites: list[Site], rng: random.Random
) -> dict[tuple[str, str], MysteryTest]:
    """Calls, e-mails and letters to the visited sites, by (site, channel)."""
    done: dict[tuple[str, str], MysteryTest] = {}
    for i, site in enumerate(sites[: ANSWERED_SITES + 1]):
        day = START + timedelta(days=i % 12)
        done[site.id, "phone"] = observations.add_mystery_test(ws, MysteryTest(
            id=demo_id(f"call:{site.id}"), audit_id=audit_id, kind="call", site_id=site.id,
            channel="phone", performed_at=f"{day.isoformat()}T10:{i:02d}:00",
            rings=rng.choice([2, 3, 3, 4, 4, 5, 6, 7]), reached_agent=rng.random() < 0.85,
            agent_identified=rng.random() < 0.8, answer_correct=rng.random() < 0.75,
            note="Appel mystère en heure d'affluence.",
        ))  # fmt: skip
        sent = day - timedelta(days=14)
        replied = sent + timedelta(days=rng.choice([1, 2, 4, 6, 8]))
        done[site.id, "email"] = observations.add_mystery_test(ws, MysteryTest(
            id=demo_id(f"email:{site.id}"), audit_id=audit_id, kind="email", site_id=site.id,
            channel="email", performed_at=f"{sent.isoformat()}T09:00:00", sent_on=sent,
            acknowledged_on=sent + timedelta(days=1), replied_on=replied,
            note=f"Réponse en {_days(working_days_between(sent, replied, site.department))}.",
        ))  # fmt: skip
        if Channel.MAIL in site.channels:
            letter_reply = sent + timedelta(days=rng.choice([9, 12, 16]))
            done[site.id, "mail"] = observations.add_mystery_test(ws, MysteryTest(
                id=demo_id(f"letter:{site.id}"), audit_id=audit_id, kind="letter",
                site_id=site.id, channel="mail", performed_at=f"{sent.isoformat()}T09:00:00",
                sent_on=sent, acknowledged_on=sent + timedelta(days=6), replied_on=letter_reply,
                note="Courrier simple avec demande de renseignements.",
            ))  # fmt: skip
    return done


def summarise(ws: Workspace, audit_id: str) -> DemoSummary:
    count = ws.conn.execute
    return DemoSummary(
        audit_id=audit_id,
        sites=count("SELECT count(*) FROM sites WHERE audit_id = ?", (audit_id,)).fetchone()[0],
        aid_schemes=count(
            "SELECT count(*) FROM aid_schemes WHERE audit_id = ?", (audit_id,)
        ).fetchone()[0],
        findings=count(
            "SELECT count(*) FROM findings WHERE audit_id = ?", (audit_id,)
        ).fetchone()[0],
        answered=count(
            "SELECT count(*) FROM findings WHERE audit_id = ? AND verdict IS NOT NULL", (audit_id,)
        ).fetchone()[0],
        photos=count(
            "SELECT count(*) FROM evidence WHERE audit_id = ? AND kind = 'photo'", (audit_id,)
        ).fetchone()[0],
        mystery_tests=count(
            "SELECT count(*) FROM mystery_tests WHERE audit_id = ?", (audit_id,)
        ).fetchone()[0],
    )


def _days(n: int) -> str:
    return f"{n} jour ouvré" if n == 1 else f"{n} jours ouvrés"
